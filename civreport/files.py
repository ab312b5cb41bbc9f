"""Reading input files within a size limit, with errors users can act on; writing files so
that none is ever half-written, with the permissions the user's umask asks for."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .errors import InputError, OutputError


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


# Why the system refused to write, as a user can act on it.
_WHY = {errno.ENOENT: "目录不存在", errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限", errno.EISDIR: "这是目录",
        errno.ENOTDIR: "路径中有一段不是目录", errno.EEXIST: "路径中有同名的文件", errno.ENOSPC: "磁盘已满",
        errno.EDQUOT: "超出磁盘配额", errno.EROFS: "文件系统只读", errno.ENAMETOOLONG: "文件名过长"}


def _cannot_write(path: Path, exc: OSError) -> OutputError:
    why = _WHY.get(exc.errno or 0, exc.strerror or "系统错误")
    return OutputError(f"{path}：无法写入（{why}）：请换一个输出位置，或检查该目录")


def _staged(path: Path, data: bytes) -> Path:
    """``data`` in a temporary file beside ``path``, with the mode a new file would get
    (0666 less the umask), not mkstemp's 0600."""
    if path.is_dir():
        raise OutputError(f"{path}：这是目录，不能写成文件：请换一个输出文件名，或删去这个目录")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_files(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every file or none: all are staged in temporary files beside their places first,
    then moved in, so a reader never sees a partial file and a failure leaves none of them.
    Raises :class:`OutputError` naming the file and why."""
    staged: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    path = Path()
    try:
        for path, data in files:
            staged.append((_staged(path, data), path))
        for tmp, path in staged:
            os.replace(tmp, path)
            placed.append(path)
    except BaseException as exc:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        for done in placed:  # all or nothing: a set of outputs is never half there
            done.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole (see :func:`write_files`)."""
    write_files([(Path(path), data)])
