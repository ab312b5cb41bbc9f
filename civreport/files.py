"""Reading input files (regular files only) within a size limit, with errors users can act on;
writing files so that none is ever half-written, with the permissions the user's umask asks for."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, OutputError


def expand_home(path: str | Path) -> Path | None:
    """``path`` with a leading ``~`` or ``~user`` made that home directory; None when there is
    no such user (where Path.expanduser raises RuntimeError)."""
    try:
        return Path(path).expanduser()
    except RuntimeError:
        return None


class _NotAFile(OSError):
    """A path that is there but is not a regular file: its text says what it is."""


def _not_regular(mode: int) -> str | None:
    """What a file of ``mode`` is when it is not a regular file, as a user reads it."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "这是目录，不是文件"
    kind = (
        "命名管道（FIFO）"
        if stat.S_ISFIFO(mode)
        else "套接字"
        if stat.S_ISSOCK(mode)
        else "设备文件"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "特殊文件"
    )
    return f"这是{kind}，不是普通文件：请换成普通文件"


def not_a_file(path: str | Path) -> str | None:
    """What ``path`` is when it is there but is neither a regular file nor a directory
    (symbolic links followed), else None."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    return None if stat.S_ISDIR(mode) else _not_regular(mode)


def _regular(mode: int) -> None:
    why = _not_regular(mode)
    if why:
        raise _NotAFile(why)


def _open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading if it is a regular file, else :class:`_NotAFile`. A named
    pipe would make a read wait for a writer for ever and a device never end, so neither is
    opened: the path is looked at first, then opened without blocking and looked at again, in
    case something else was put there in between."""
    _regular(path.stat().st_mode)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        _regular(os.fstat(fd).st_mode)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_file(path: str | Path, limit: int, too_big: str) -> bytes:
    """The bytes of the regular file ``path``, refused with ``too_big`` when over ``limit``
    (no more than ``limit`` bytes are ever read)."""
    path = Path(path)
    try:
        with _open_regular(path) as file:
            data = file.read(limit + 1)
    except _NotAFile as exc:
        raise InputError.single(path, str(exc)) from None
    except FileNotFoundError:
        raise InputError.single(path, "找不到文件") from None
    except PermissionError:
        raise InputError.single(path, "没有读取权限") from None
    except OSError as exc:
        raise InputError.single(path, f"无法读取文件：{reason(exc)}") from None
    if len(data) > limit:
        raise InputError.single(path, too_big)
    return data


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
_WHY = {
    errno.ENOENT: "目录不存在",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EISDIR: "这是目录",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EEXIST: "路径中有同名的文件",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "文件系统只读",
    errno.ENAMETOOLONG: "文件名过长",
}


# What the system says, in Chinese (its own words are English): for any OSError a user may meet.
_REASONS = {
    errno.ENOENT: "不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EISDIR: "这是目录",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EEXIST: "已有同名的文件",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "文件系统只读",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ELOOP: "符号链接循环",
    errno.EMFILE: "同时打开的文件太多",
    errno.EADDRINUSE: "端口已被占用",
    errno.EADDRNOTAVAIL: "本机没有这个地址",
    errno.EIO: "读写出错（磁盘或设备故障）",
}


def reason(exc: OSError) -> str:
    """Why ``exc`` happened, in Chinese."""
    return _REASONS.get(exc.errno or 0) or f"系统错误 {errno.errorcode.get(exc.errno or 0, exc.errno)}"


def _cannot_write(path: Path, exc: OSError) -> OutputError:
    why = _WHY.get(exc.errno or 0) or reason(exc)
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


def removed_with(owner: object, folder: Path) -> None:
    """Remove ``folder`` when ``owner`` is collected or the process ends, a batch or editor
    worker's too, and only in the process that made it (not in a child forked after)."""
    if "multiprocessing" in sys.modules:
        # Maybe a worker multiprocessing started, which ends without atexit: multiprocessing
        # runs its own finalizers there.
        import multiprocessing.util

        multiprocessing.util.Finalize(owner, shutil.rmtree, args=(folder, True), exitpriority=0)
    else:
        # Not a worker of multiprocessing, which would have loaded it: the process ends through
        # atexit, which runs weakref's finalizers (without loading multiprocessing, some 8 ms).
        weakref.finalize(owner, _remove_in, os.getpid(), folder)


def _remove_in(pid: int, folder: Path) -> None:
    if os.getpid() == pid:
        shutil.rmtree(folder, ignore_errors=True)
