"""OLE compound files, the container of .doc and .wps files and of a password-protected .docx,
read with olefile: whether bytes are one, whether olefile can read one, and whether one holds an
encrypted Word package."""

from __future__ import annotations

import io

import olefile


def is_ole(data: bytes) -> bool:
    return data.startswith(olefile.MAGIC)


def is_readable(data: bytes) -> bool:
    """Whether olefile reads ``data`` as an OLE file whose directory lists a stream (a valid
    header over junk lists none)."""
    return bool(_streams(data))


def is_encrypted(data: bytes) -> bool:
    """Whether ``data`` is a password-protected Word file (an OLE file holding the encrypted package)."""
    return "EncryptedPackage" in (_streams(data) or ())


def _streams(data: bytes) -> list[str] | None:
    """The paths (``storage/stream``) of the streams an OLE file's directory lists; None when it
    is not one, or olefile cannot read its header, allocation table or directory."""
    if not is_ole(data):
        return None
    try:
        # In a stream: olefile takes bytes shorter than 1536 for a file name.
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return ["/".join(path) for path in ole.listdir()]
    except Exception:  # olefile raises its OleFileError, and ValueError, struct.error … on junk
        return None
