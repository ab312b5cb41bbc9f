"""A .docx opened safely: refused, before python-docx unpacks anything, when it is not a Word
package, is encrypted, or would unpack to far more than a document holds (a zip bomb, or XML
parts that python-docx would build into trees of gigabytes); then opened with python-docx."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document

from ....errors import InputError
from ..source import MAX_IMPORT_BYTES, MAX_UNPACKED_BYTES, TOO_BIG
from .ole import is_encrypted, is_ole

_BOMB_RATIO, _BOMB_ENTRY_BYTES = 200, 10_000_000  # real parts compress 10:1 at most; zeros 1000:1
# What one part may unpack to: a 100-page report's document.xml holds a few MB, its styles,
# numbering, notes, headers and footers far less (styles.xml under 1 MB), a picture no more
# than the file. (A styles.xml of 190 MB in a file of a few MB passes the ratio.)
_PART_BYTES = 20_000_000
# Tags and attributes (each "<" and "=") in all the XML parts: python-docx parses them whole,
# at some 120 to 170 bytes a tag or attribute, so this keeps its trees under 300 MB. civreport
# writes some 700 a page, Word a few times that: a 100-page report stays well below.
_XML_MARKUP = 1_500_000
_XML_PARTS = (".xml", ".rels")
_DOCUMENT_XML = "word/document.xml"

_NOT_DOCX = "不是有效的 Word（.docx）文件：请确认选对了文件，或在 Word/WPS 中另存为 .docx 后再导入"
_OLD_FORMAT = (
    "不是有效的 Word（.docx）文件：它是旧版 Word（.doc）或 WPS 格式，请在 Word/WPS 中另存为 .docx，或以 .doc 扩展名导入"
)
_NO_BODY = (
    "不是有效的 Word（.docx）文件：压缩包里没有 Word 正文（word/document.xml），请在 Word/WPS 中另存为 .docx 后再导入"
)
_TEMPLATE = (
    "不是有效的 Word（.docx）文件：它是 Word 模板或启用宏的文档（.dotx/.docm），请在 Word 中另存为 .docx 后再导入"
)
_ENCRYPTED = "文件已加密，请在 Word 中取消密码后另存再导入"
CORRUPT = "文件已损坏，无法读取：请在 Word/WPS 中打开，另存为 .docx 后再导入"
_BOMB = "文件解压缩后异常膨胀（疑似压缩炸弹），已拒绝读取：请确认文件来源，或在 Word 中另存为 .docx 后再导入"
_PART_TOO_BIG = (
    "文件中的 {part} 解压后超过 {limit} MB，远超正常文档（疑似压缩炸弹），已拒绝读取："
    "请确认文件来源，或在 Word 中另存为 .docx 后再导入"
)
_TOO_MUCH_XML = (
    "文件中的排版数据（XML）远多于正常文档（{part} 处已超过 {limit:,} 个标记），疑似恶意构造，已拒绝读取："
    "请确认文件来源；如确是很长的文档，请拆成几个文件后分别导入"
)


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
        if big := next((info for info in infos if info.file_size > _PART_BYTES), None):
            raise _part_too_big(file, big.filename)
        _unpack(archive, infos, file)


def _part_too_big(file: str, part: str) -> InputError:
    return InputError.single(file, _PART_TOO_BIG.format(part=part, limit=_PART_BYTES // 1_000_000))


def _unpack(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], file: str) -> None:
    """Unpack every part in chunks, as the sizes the archive claims may lie, and refuse what
    unpacks past the limits or holds more XML markup than python-docx should build trees of."""
    unpacked = markup = 0
    try:
        for info in infos:
            size = 0
            with archive.open(info) as stream:
                while chunk := stream.read(1 << 20):
                    size += len(chunk)
                    unpacked += len(chunk)
                    if size > _PART_BYTES:
                        raise _part_too_big(file, info.filename)
                    if unpacked > MAX_UNPACKED_BYTES:
                        raise InputError.single(file, _BOMB)
                    if info.filename.endswith(_XML_PARTS):
                        markup += chunk.count(b"<") + chunk.count(b"=")
                        if markup > _XML_MARKUP:
                            raise InputError.single(file, _TOO_MUCH_XML.format(part=info.filename, limit=_XML_MARKUP))
    except InputError:
        raise
    except Exception as error:  # bad CRC, truncated data, an unknown compression method
        raise InputError.single(file, CORRUPT) from error
