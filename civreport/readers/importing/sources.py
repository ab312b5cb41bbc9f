"""Which format a source document is in, and reading it into blocks: the only place that
knows the formats; everything after works on :class:`SourceBlock` s."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ...errors import InputError
from ...files import read_file
from .source import MAX_IMPORT_BYTES, TOO_BIG, SourceBlock

FORMATS = ("docx", "doc", "wps", "txt", "html", "md")
# Suffixes a user may give, and the format each names.
_SUFFIXES = {
    ".docx": "docx",
    ".docm": "docx",
    ".doc": "doc",
    ".wps": "wps",
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
}
_NAMES = {
    "docx": "Word（.docx）",
    "doc": "Word 97-2003（.doc）",
    "wps": "WPS（.wps）",
    "txt": "文本（.txt）",
    "html": "网页（.html）",
    "md": "Markdown（.md）",
}


def _sniff(data: bytes) -> str | None:
    """The format the bytes themselves show, where they show one."""
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE: .doc, .wps, or an encrypted .docx
        return "doc"
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<!doctype html", b"\xef\xbb\xbf<html")):
        return "html"
    return None


def _format(data: bytes, name: str, fmt: str | None) -> str:
    """The format to read: the one asked for, else the file's suffix, checked against the bytes."""
    claimed = fmt or _SUFFIXES.get(Path(name).suffix.lower())
    if claimed is None:
        raise InputError.single(
            name, f"无法识别的文件类型“{Path(name).suffix or '无后缀'}”：可导入 {'、'.join(sorted(set(_SUFFIXES)))}"
        )
    if claimed not in FORMATS:
        raise InputError.single(name, f"不支持的导入格式“{claimed}”，应为 {'、'.join(FORMATS)}")
    sniffed = _sniff(data)
    if claimed in ("doc", "wps"):
        if sniffed == "docx":
            return "docx"  # a .docx saved with the old suffix: read it as what it is
        if sniffed != "doc" and not data.lstrip().startswith(b"{\\rtf"):
            raise InputError.single(name, f"不是有效的{_NAMES[claimed]}文件：文件内容与后缀不符，或文件已损坏")
    elif claimed == "docx" and sniffed == "doc":
        return "doc"  # an OLE file: an encrypted .docx or an old .doc; the reader tells which
    elif claimed == "docx" and sniffed is None:
        raise InputError.single(name, "不是有效的 Word（.docx）文件：文件内容与后缀不符，或文件已损坏")
    elif claimed in ("txt", "md", "html") and sniffed in ("docx", "doc"):
        raise InputError.single(name, f"不是{_NAMES[claimed]}文件：它是 Word 文档，请把后缀改为 .docx 或 .doc")
    return claimed


def read_source(data: bytes, name: str, fmt: str | None = None) -> list[SourceBlock]:
    """The blocks of a document given as bytes; ``name`` names it in messages and, without
    ``fmt``, gives its format by its suffix."""
    if len(data) > MAX_IMPORT_BYTES:
        raise InputError.single(name, TOO_BIG)
    if not data.strip():
        raise InputError.single(name, "文件是空的")
    chosen = _format(data, name, fmt)
    from . import htmlsource, mdsource, textsource, word  # python-docx, lxml, markdown-it load only here

    if chosen == "doc" or chosen == "wps":
        if word.is_encrypted(data):
            return word.read_docx(data, name)  # which says it is encrypted
        suffix = Path(name).suffix.lower()
        converted = word.convert_with_libreoffice(data, suffix if suffix in (".doc", ".wps") else ".doc", name)
        return word.readable(word.read_docx(converted, name), name)
    readers: dict[str, Callable[[bytes, str], list[SourceBlock]]] = {
        "docx": word.read_docx,
        "txt": textsource.read_txt,
        "html": htmlsource.read_html,
        "md": mdsource.read_markdown,
    }
    return readers[chosen](data, name)


def read_path(path: str | Path, fmt: str | None = None) -> list[SourceBlock]:
    """The blocks of a document file, its size checked before it is read."""
    return read_source(read_file(path, MAX_IMPORT_BYTES, TOO_BIG), str(path), fmt)
