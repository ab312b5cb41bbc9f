"""The DOCX writer: the page's blocks as Word paragraphs and tables (python-docx prepares the
package; :mod:`.oxml` holds the raw WordprocessingML beneath it)."""

from .writer import DocxWriter, write_docx

__all__ = ["DocxWriter", "write_docx"]
