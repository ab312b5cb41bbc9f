"""A font file's bytes read once per process, not once per document.

WeasyPrint copies the whole file of every font a PDF uses into Python bytes for each
document (``weasyprint.pdf.fonts.Font``), 5–8 MB for each CJK face, about 10 ms a document
for the faces of a summary, although the faces are the same from one document to the next
(a writer keeps its font configuration, and Pango keeps one face per font file). While a PDF
is written, :func:`kept_font_bytes` has ``Font`` take a face's bytes from a table kept for the
process; the table holds a reference to each face, so that no other face can come to the
same address. tests/test_pdf.py fails if WeasyPrint stops reading the bytes this way.
"""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager
from typing import Any

import weasyprint.pdf.fonts
from weasyprint.text.ffi import ffi, harfbuzz

from .patching import replaced

_original_face: Any = weasyprint.pdf.fonts.get_pango_font_hb_face
_original_data: Any = weasyprint.pdf.fonts.get_hb_object_data
_KEPT: dict[int, bytes] = {}  # a face's address → its file's bytes
_font_face = threading.local()  # the face a Font being built has just asked for


def _face(pango_font: Any) -> Any:
    face = _original_face(pango_font)
    _font_face.value = face
    return face


def _data(hb_object: Any, ot_color: Any = None, glyph: Any = None) -> Any:
    """A font's face's bytes from the table; anything else (a subset's face, a colour glyph)
    read as WeasyPrint reads it."""
    if ot_color is not None or hb_object != getattr(_font_face, "value", None):
        return _original_data(hb_object, ot_color, glyph)
    _font_face.value = None
    address = int(ffi.cast("uintptr_t", hb_object))
    if address not in _KEPT:
        data = _original_data(hb_object)
        if data is None:
            return None
        harfbuzz.hb_face_reference(hb_object)  # never freed: the address stays this face's
        _KEPT[address] = data
    return _KEPT[address]


def kept_font_bytes() -> AbstractContextManager[None]:
    """WeasyPrint's fonts reading their bytes from the table, for the PDFs written meanwhile."""
    return replaced(weasyprint.pdf.fonts, get_pango_font_hb_face=_face, get_hb_object_data=_data)
