"""Section properties (w:sectPr) python-docx does not model: the document grid."""

from __future__ import annotations

from docx.section import Section

from .elements import find, qn


def line_grid(section: Section, pitch_twips: int) -> None:
    """Lay the section's lines on a grid ``pitch_twips`` apart (w:docGrid of type lines)."""
    grid = find(section._sectPr, "w:docGrid")
    grid.attrib.clear()
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(pitch_twips))
