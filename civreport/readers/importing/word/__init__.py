"""Word documents into source blocks. A .docx is read as Word displays it (:mod:`.body`, with
the style chains of :mod:`.styles` and the numbering of :mod:`.numbering`) once :mod:`.package`
has found it a safe Word package; a .doc or .wps is converted to .docx by LibreOffice first
(:mod:`.convert`); :mod:`.ole` tells the OLE files (old formats, encrypted .docx) apart."""

from .body import body_items, read_docx
from .convert import convert_with_libreoffice, readable
from .ole import is_encrypted

__all__ = ["body_items", "convert_with_libreoffice", "is_encrypted", "read_docx", "readable"]
