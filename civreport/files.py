"""Reading input files within a size limit, with errors users can act on; writing files so
that none is ever half-written, with the permissions the user's umask asks for."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


def read_file(path: str | Path, limit: int, too_big: str) -> bytes:
    """The bytes of ``path``, refused with ``too_big`` (before reading) when over ``limit``."""
    path = Path(path)
    try:
        if path.stat().st_size > limit:
            raise InputError.single(path, too_big)
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError.single(path, "找不到文件") from None
    except IsADirectoryError:
        raise InputError.single(path, "这是目录，不是文件") from None
    except PermissionError:
        raise InputError.single(path, "没有读取权限") from None
    except OSError as exc:
        raise InputError.single(path, f"无法读取文件：{exc.strerror or '系统错误'}") from None


def _umask() -> int:
    """The process's umask, read without changing it (os.umask sets it, for every thread)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no /proc: read it by setting it, and put it back at once
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, so a reader never sees a partial
    file; the file gets the mode a new file would (0666 less the umask), not mkstemp's 0600."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
