"""Bold drawn for faces that have none, as word processors draw it.

The 仿宋, 楷体 and 黑体 of an office (and the Fandol stand-ins) come in one weight. Word and
LibreOffice draw a bold run of such a face filled and stroked, the outline a thirtieth of the
size wide (LibreOffice 7.4 writes ``2 Tr`` and ``0.533 w`` at 16 pt into its PDF). WeasyPrint
draws the face as it is, so an office's bold “1.” headings printed bold in the DOCX and upright
in the PDF. It has no setting for this: :func:`emboldening` replaces its text drawing
(``weasyprint.draw.draw_text``) while a PDF is written, to stroke each run of bold text whose
face is lighter than bold. Where WeasyPrint's drawing is not what it wraps, :data:`AVAILABLE`
is false and the PDF writer says that bold text prints upright.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import Any

import weasyprint.draw
from weasyprint.pdf.stream import Stream
from weasyprint.text.ffi import ffi, harfbuzz, pango

from .fonts import BOLD, STROKE
from .patching import replaced

_FILL, _FILL_AND_STROKE = 0, 2  # PDF text rendering modes (Tr)

_original: Any = getattr(weasyprint.draw, "draw_text", None)
AVAILABLE = callable(_original) and all(hasattr(Stream, name) for name in ("add_font", "set_font_size"))


def emboldening() -> AbstractContextManager[None]:
    """WeasyPrint's text drawing with bold stroked where the face is lighter, for the PDFs
    drawn meanwhile."""
    return replaced(weasyprint.draw, draw_text=_draw_text) if AVAILABLE else nullcontext()


def face_weight(pango_font: Any) -> int:
    """The weight of the face a Pango font draws with (OS/2 usWeightClass; 400 without one)."""
    face = harfbuzz.hb_font_get_face(pango.pango_font_get_hb_font(pango_font))
    blob = harfbuzz.hb_face_reference_table(face, harfbuzz.hb_tag_from_string(b"OS/2", -1))
    try:
        length = ffi.new("unsigned int *")
        data = harfbuzz.hb_blob_get_data(blob, length)
        table = bytes(ffi.buffer(data, length[0])[:6]) if length[0] >= 6 else b""
    finally:
        harfbuzz.hb_blob_destroy(blob)
    return int.from_bytes(table[4:6], "big") if table else 400


def _draw_text(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
    """WeasyPrint's drawing of ``textbox``; bold text is filled and stroked run by run where
    its face is lighter than bold (a fallback face may have a bold of its own)."""
    style = textbox.style
    if style["font_weight"] < BOLD:
        return _original(stream, textbox, *args, **kwargs)
    add_font, set_font_size = stream.add_font, stream.set_font_size
    light = False

    def adding(pango_font: Any) -> Any:  # called as each run's face is taken up …
        nonlocal light
        light = face_weight(pango_font) < BOLD
        return add_font(pango_font)

    def setting(font: Any, size: Any) -> None:  # … and then set
        set_font_size(font, size)
        stream.set_text_rendering(_FILL_AND_STROKE if light else _FILL)

    stream.push_state()  # the outline's colour and width, and the mode, end with the text
    stream.set_color(style["color"], stroke=True)
    stream.set_line_width(style["font_size"] * STROKE)
    stream.add_font, stream.set_font_size = adding, setting
    try:
        return _original(stream, textbox, *args, **kwargs)
    finally:
        del stream.add_font, stream.set_font_size
        stream.pop_state()
