"""The PDF writer: the page laid out by WeasyPrint, with the fonts found on this machine."""

from .writer import PdfWriter, write_pdf

__all__ = ["PdfWriter", "write_pdf"]
