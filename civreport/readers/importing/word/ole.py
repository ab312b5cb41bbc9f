"""OLE compound files, the container of .doc and .wps files and of a password-protected .docx:
whether bytes are one, and whether one holds an encrypted Word package."""

from __future__ import annotations

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .doc, .wps, encrypted .docx


def is_ole(data: bytes) -> bool:
    return data.startswith(MAGIC)


def is_encrypted(data: bytes) -> bool:
    """Whether ``data`` is a password-protected Word file (an OLE file holding the encrypted package)."""
    return is_ole(data) and _cfb_has_stream(data, "EncryptedPackage")


def _cfb_has_stream(data: bytes, name: str) -> bool:
    """Whether an OLE compound file has a stream called ``name``: a directory entry is 128 bytes
    on a 128-byte boundary, its name in UTF-16 (64 bytes), the name's size, then the type (2)."""
    encoded = name.encode("utf-16-le")
    start = data.find(encoded, 512)
    while start != -1:
        if (start % 128 == 0 and int.from_bytes(data[start + 64:start + 66], "little") == len(encoded) + 2
                and data[start + 66:start + 67] == b"\x02"):
            return True
        start = data.find(encoded, start + 1)
    return False
