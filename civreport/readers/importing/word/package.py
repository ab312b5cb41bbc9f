"""A .docx opened safely: refused, before python-docx unpacks anything, when it is not a Word
package, is encrypted, or would unpack to far more than a document holds (a zip bomb); then
opened with python-docx."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document

from ....errors import InputError
from ..source import MAX_IMPORT_BYTES, MAX_UNPACKED_BYTES, TOO_BIG
from .ole import is_encrypted, is_ole

_BOMB_RATIO, _BOMB_ENTRY_BYTES = 200, 10_000_000  # real parts compress 10:1 at most; zeros 1000:1
_DOCUMENT_XML = "word/document.xml"

_NOT_DOCX = "不是有效的 Word（.docx）文件：请确认选对了文件，或在 Word/WPS 中另存为 .docx 后再导入"
_OLD_FORMAT = ("不是有效的 Word（.docx）文件：它是旧版 Word（.doc）或 WPS 格式，"
               "请在 Word/WPS 中另存为 .docx，或以 .doc 扩展名导入")
_NO_BODY = "不是有效的 Word（.docx）文件：压缩包里没有 Word 正文（word/document.xml），请在 Word/WPS 中另存为 .docx 后再导入"
_TEMPLATE = "不是有效的 Word（.docx）文件：它是 Word 模板或启用宏的文档（.dotx/.docm），请在 Word 中另存为 .docx 后再导入"
_ENCRYPTED = "文件已加密，请在 Word 中取消密码后另存再导入"
CORRUPT = "文件已损坏，无法读取：请在 Word/WPS 中打开，另存为 .docx 后再导入"
_BOMB = "文件解压缩后异常膨胀（疑似压缩炸弹），已拒绝读取：请确认文件来源，或在 Word 中另存为 .docx 后再导入"


def open_document(data: bytes, file: str) -> Document:
    """The document python-docx reads of ``data``, once the package has passed the checks."""
    _check(data, file)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx, zipfile and lxml raise a dozen kinds on a broken package
        raise InputError.single(file, _TEMPLATE if "not a Word file" in str(error) else CORRUPT) from error


def _check(data: bytes, file: str) -> None:
    """Refuse, before python-docx unpacks anything, what is not a Word package or would unpack
    to far more than a document holds."""
    if len(data) > MAX_IMPORT_BYTES:
        raise InputError.single(file, TOO_BIG)
    if is_ole(data):  # Word saves a password-protected .docx as an OLE file
        raise InputError.single(file, _ENCRYPTED if is_encrypted(data) else _OLD_FORMAT)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as error:  # zipfile raises BadZipFile, OSError, ValueError… on junk
        raise InputError.single(file, CORRUPT if data.startswith(b"PK") else _NOT_DOCX) from error
    with archive:
        infos = archive.infolist()
        if any(info.flag_bits & 0x1 for info in infos):
            raise InputError.single(file, _ENCRYPTED)
        if _DOCUMENT_XML not in {info.filename for info in infos}:
            raise InputError.single(file, _NO_BODY)
        if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES or any(
            info.file_size > _BOMB_ENTRY_BYTES and info.file_size > _BOMB_RATIO * max(info.compress_size, 1)
            for info in infos
        ):
            raise InputError.single(file, _BOMB)
        # The sizes above are what the archive claims: unpack the body in chunks to see what it holds.
        unpacked = 0
        try:
            with archive.open(_DOCUMENT_XML) as stream:
                while chunk := stream.read(1 << 20):
                    unpacked += len(chunk)
                    if unpacked > MAX_UNPACKED_BYTES:
                        raise InputError.single(file, _BOMB)
        except InputError:
            raise
        except Exception as error:  # bad CRC, truncated data, an unknown compression method
            raise InputError.single(file, CORRUPT) from error
