"""The older formats (.doc, .wps, .rtf, .odt) converted to .docx by LibreOffice, found at run
time, in a temporary profile and directory of their own, and killed with what it started when it
takes too long."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ....errors import InputError
from ..source import MAX_IMPORT_BYTES, TOO_BIG
from .ole import is_ole, is_readable
from .package import CORRUPT

LIBREOFFICE_TIMEOUT = 120.0  # seconds; a long .doc converts in a few

_NO_LIBREOFFICE = ("读取 .doc/.wps 文件需要 LibreOffice：请安装（Debian/Ubuntu：apt-get install libreoffice-writer），"
                   "或在 Word/WPS 中另存为 .docx 后再导入")
_CONVERT_FAILED = "LibreOffice 无法转换此文件：文件可能已损坏或已加密"
_CONVERT_TIMEOUT = (f"LibreOffice 无法转换此文件：转换超过 {LIBREOFFICE_TIMEOUT:.0f} 秒仍未完成，已中止；"
                    "文件可能已损坏，请在 Word/WPS 中另存为 .docx 后再导入")


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
    if not data or (b"\x00" in head and not (is_ole(head) or head.startswith((b"PK\x03\x04", b"\xff\xfe", b"\xfe\xff")))):
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
            program, f"-env:UserInstallation={(work / 'profile').as_uri()}",  # its own profile: no clash with a running LibreOffice
            "--headless", "--norestore", "--nolockcheck",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(source),
        ]
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, cwd=tmp, env=dict(os.environ, HOME=tmp),
                                       start_new_session=True)
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
