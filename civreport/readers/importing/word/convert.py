"""The older formats (.doc, .wps, .rtf, .odt) converted to .docx by LibreOffice, found at run
time, in a temporary profile and directory of their own, and killed with what it started when it
takes too long; what it makes of a file whose text is junk is refused."""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ....errors import InputError
from ..source import MAX_IMPORT_BYTES, TOO_BIG, SourceBlock
from .ole import is_ole, is_readable
from .package import CORRUPT

LIBREOFFICE_TIMEOUT = 120.0  # seconds; a long .doc converts in a few

_NO_LIBREOFFICE = (
    "读取 .doc/.wps 文件需要 LibreOffice：请安装（Debian/Ubuntu：apt-get install libreoffice-writer），"
    "或在 Word/WPS 中另存为 .docx 后再导入"
)
_CONVERT_FAILED = "LibreOffice 无法转换此文件：文件可能已损坏或已加密"
_UNREADABLE = (
    "没有读到可以辨认的文字：LibreOffice 转换出的内容是空的或一串乱码，文件可能已损坏。"
    "请在 Word/WPS 中打开它，确认内容正常后另存为 .docx 再导入"
)
# How much of a converted document's text is looked at, and how much of that must be legible.
_SAMPLE, _LEGIBLE_SHARE = 20_000, 0.5
_CONVERT_TIMEOUT = (
    f"LibreOffice 无法转换此文件：转换超过 {LIBREOFFICE_TIMEOUT:.0f} 秒仍未完成，已中止；"
    "文件可能已损坏，请在 Word/WPS 中另存为 .docx 后再导入"
)


def convert_with_libreoffice(data: bytes, suffix: str, file: str) -> bytes:
    """The .docx bytes LibreOffice makes of a .doc, .wps, .rtf or .odt document."""
    if len(data) > MAX_IMPORT_BYTES:
        raise InputError.single(file, TOO_BIG)
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise InputError.single(file, _NO_LIBREOFFICE)
    head = data[:4096]
    # LibreOffice imports any file it does not recognise as plain text: refuse binary junk
    # (a document in a known format, or text such as HTML saved as .doc, goes through).
    if not data or (
        b"\x00" in head and not (is_ole(head) or head.startswith((b"PK\x03\x04", b"\xff\xfe", b"\xfe\xff")))
    ):
        raise InputError.single(file, _CONVERT_FAILED)
    if is_ole(data) and not is_readable(data):  # an OLE header over junk, which LibreOffice imports as text
        raise InputError.single(file, CORRUPT)
    extension = suffix.lower().lstrip(".")
    if not re.fullmatch(r"[a-z0-9]{1,8}", extension):
        extension = "doc"  # LibreOffice recognises the format from the content anyway
    with tempfile.TemporaryDirectory(prefix="civreport-import-") as tmp:
        work = Path(tmp)
        source = work / f"source.{extension}"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",  # its own profile: no clash with a running LibreOffice
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=tmp,
                env=dict(os.environ, HOME=tmp),
                start_new_session=True,
            )
        except OSError as error:
            raise InputError.single(file, _NO_LIBREOFFICE) from error
        try:
            process.wait(timeout=LIBREOFFICE_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise InputError.single(file, _CONVERT_TIMEOUT) from None
        finally:
            if process.poll() is None:  # timed out or interrupted: end LibreOffice and what it started
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        result = work / "out" / "source.docx"
        if process.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            raise InputError.single(file, _CONVERT_FAILED)
        if result.stat().st_size > MAX_IMPORT_BYTES:
            raise InputError.single(file, TOO_BIG)
        return result.read_bytes()


def _legible(char: str) -> bool:
    """A character of Chinese (simplified or traditional) or English text: what LibreOffice
    makes of a junk text stream is mostly other characters (Hangul, rare ideographs, private
    use, unassigned code points), a real summary hardly any."""
    if char.isascii():
        return char.isprintable()
    for codec in ("gb2312", "big5"):
        try:
            char.encode(codec)
            return True
        except UnicodeEncodeError:
            pass
    return False


def readable(blocks: list[SourceBlock], file: str) -> list[SourceBlock]:
    """``blocks``, the text of a converted .doc or .wps, when it is text: LibreOffice converts
    a file whose Word header is sound but whose text is junk into junk, which would import."""
    cells = (cell for block in blocks for row in block.rows or () for cell in row)
    text = "".join("".join(piece.split()) for piece in itertools.chain((block.text for block in blocks), cells))
    sample = text[:_SAMPLE]
    if not sample or sum(map(_legible, sample)) <= _LEGIBLE_SHARE * len(sample):
        raise InputError.single(file, _UNREADABLE)
    return blocks
