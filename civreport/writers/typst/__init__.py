"""The Typst PDF writer: the page's blocks laid out by Typst (the ``typst`` package bundles
the compiler), the second PDF engine beside WeasyPrint (:mod:`civreport.writers.pdf`)."""

from .writer import TypstWriter, write_typst_pdf

__all__ = ["TypstWriter", "write_typst_pdf"]
