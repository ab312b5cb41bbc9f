"""Where each paragraph of the report stands on the preview's pages, with the fields it prints:
the page clicks a paragraph to open its field, scrolls to the field being edited, and underlines
a finding at its paragraph. Read from the PDF the preview drew: each block's characters found in
the pages' characters, both in reading order (a page number between two pages of a paragraph is
passed over), and grouped into lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..rendering.blocks import Block, block_text
from ..rendering.sources import bare

_SKIP = 40  # characters of the page passed over looking for a block's next one (a page number, a rule)
_START = 12  # characters that find where a block starts


@dataclass(frozen=True)
class Source:
    """A block of the page that prints fields of the report: their paths and its text."""

    paths: tuple[str, ...]
    text: str


def sources(blocks: Sequence[Block]) -> tuple[Source, ...]:
    """The blocks that print fields, in reading order (what a preview keeps of its page)."""
    return tuple(Source(b.paths, bare(block_text(b))) for b in blocks if b.paths)


def spots(pdf: bytes, found: Sequence[Source]) -> list[list[dict[str, object]]]:
    """For each page of ``pdf``, its paragraphs that print fields: ``{"path": "a b", "lines":
    [[left, top, width, height], …]}``, as fractions of the page (the images scale)."""
    import pypdfium2
    import pypdfium2.raw as pdfium

    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = [document[i] for i in range(len(document))]  # each loaded once: loading is half the time
        sizes = [page.get_size() for page in pages]
        texts = [page.get_textpage() for page in pages]
        chars: list[tuple[int, int]] = []  # (page, index) of every printed character
        stream: list[str] = []
        for number, text in enumerate(texts):
            for index in range(text.count_chars()):
                char = chr(pdfium.FPDFText_GetUnicode(text.raw, index))
                if bare(char) and char not in "\ufffe\uffff\x00":  # nor what a text layer fills in
                    chars.append((number, index))
                    stream.append(char)
        joined = "".join(stream)
        out: list[list[dict[str, object]]] = [[] for _ in sizes]
        at = 0
        for source in found:
            start = joined.find(source.text[:_START], at)
            if start < 0:
                continue
            taken = _taken(source.text, stream, start)
            at = taken[-1] + 1
            boxes = [(chars[i][0], texts[chars[i][0]].get_charbox(chars[i][1], loose=True)) for i in taken]
            for number, lines in _lines(boxes).items():
                width, height = sizes[number]
                out[number].append(
                    {
                        "path": " ".join(source.paths),
                        "lines": [
                            [
                                round(left / width, 4),
                                round(1 - top / height, 4),
                                round((right - left) / width, 4),
                                round((top - bottom) / height, 4),
                            ]
                            for left, bottom, right, top in lines
                        ],
                    }
                )
        return out
    finally:
        document.close()


def _taken(text: str, stream: list[str], start: int) -> list[int]:
    """The indices in ``stream`` of ``text``'s characters, from ``start``: each the next of its
    kind within a few characters (what lies between is not the block's), or left out."""
    taken = []
    at = start
    for char in text:
        ahead = next((i for i in range(at, min(at + _SKIP, len(stream))) if stream[i] == char), None)
        if ahead is not None:
            taken.append(ahead)
            at = ahead + 1
    return taken


def _lines(
    boxes: list[tuple[int, tuple[float, float, float, float]]],
) -> dict[int, list[tuple[float, float, float, float]]]:
    """Characters' boxes grouped into lines, by page: a character below the line so far starts
    the next."""
    out: dict[int, list[tuple[float, float, float, float]]] = {}
    for page, (left, bottom, right, top) in boxes:
        lines = out.setdefault(page, [])
        if lines and top > lines[-1][1]:  # reaches above the line's bottom: on it
            l0, b0, r0, t0 = lines[-1]
            lines[-1] = (min(l0, left), min(b0, bottom), max(r0, right), max(t0, top))
        else:
            lines.append((left, bottom, right, top))
    return out
