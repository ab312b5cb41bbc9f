"""Read a PDF's text back as lines with positions and fonts (PyMuPDF)."""

from __future__ import annotations

from dataclasses import dataclass

import pymupdf

MM = 72 / 25.4
FLAGS = pymupdf.TEXTFLAGS_RAWDICT | pymupdf.TEXT_INHIBIT_SPACES
# The line-break hints both engines' PDFs carry in their text (rendering/linebreaks.py); Typst
# draws them as zero-width glyphs, which reading by position may put among their neighbours.
HINTS = str.maketrans("", "", "\u2060\u200b")


def unhinted(text: str) -> str:
    return text.translate(HINTS)


@dataclass(frozen=True)
class Line:
    page: int  # 1-based
    y: float  # baseline
    top: float  # top of the highest character box
    x0: float
    x1: float  # right edge of the last character
    text: str
    fonts: frozenset[str]
    size: float
    chars: tuple[tuple[float, float, str], ...]  # each character's origin, right edge and text


def _font(name: str) -> str:
    return name.split("+", 1)[-1]  # drop the subset tag


def pages(data: bytes) -> list[list[Line]]:
    """Every page's lines, top to bottom; characters are grouped by baseline."""
    out = []
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for number, page in enumerate(doc, 1):
            rows: dict[float, list[tuple[float, float, str, str, float, float]]] = {}
            # Real characters only: MuPDF would add spaces where it sees gaps (autospace).
            for block in page.get_text("rawdict", flags=FLAGS)["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        for c in span["chars"]:
                            y = round(c["origin"][1], 1)
                            rows.setdefault(y, []).append(
                                (c["origin"][0], c["bbox"][2], c["c"], _font(span["font"]), span["size"], c["bbox"][1])
                            )
            lines = []
            for y in sorted(rows):
                chars = sorted(rows[y])
                lines.append(
                    Line(
                        number,
                        y,
                        min(c[5] for c in chars),
                        chars[0][0],
                        chars[-1][1],
                        "".join(c[2] for c in chars),
                        frozenset(c[3] for c in chars),
                        max(c[4] for c in chars),
                        tuple((c[0], c[1], c[2]) for c in chars),
                    )
                )
            out.append(lines)
    return out


def text_layer(data: bytes, bottom: float | None = None) -> str:
    """The text a reader copies from the PDF, its pages' texts above ``bottom`` (below it, the
    page numbers), ligatures as themselves (MuPDF would expand ﬁ to fi). As plain text:
    PyMuPDF's dict modes leave out a mark that ends a line after a character of another font
    (𠀀̀), which its plain text keeps, as the page's content does."""
    flags = pymupdf.TEXT_INHIBIT_SPACES | pymupdf.TEXT_PRESERVE_LIGATURES
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return "".join(
            page.get_text("text", flags=flags, clip=pymupdf.Rect(0, 0, page.rect.width, bottom or page.rect.height))
            for page in doc
        )


def spans(data: bytes) -> list[tuple[int, str, str, float]]:
    """(page, text, font, size) of every span."""
    out = []
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for number, page in enumerate(doc, 1):
            for block in page.get_text("dict", flags=FLAGS)["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        out.append((number, span["text"], _font(span["font"]), span["size"]))
    return out


def stroked(data: bytes) -> list[str]:
    """The texts drawn with an outline as well as filled, in drawing order: bold made from a
    face that has none (text rendering mode 2, as word processors draw it)."""
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return [
            "".join(chr(c[0]) for c in trace["chars"])
            for page in doc
            for trace in page.get_texttrace()
            if trace["type"] == 1  # the stroke of fill and stroke
        ]


def metadata(data: bytes) -> dict[str, str]:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return dict(doc.metadata)


def page_size(data: bytes) -> list[tuple[float, float]]:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return [(p.rect.width, p.rect.height) for p in doc]
