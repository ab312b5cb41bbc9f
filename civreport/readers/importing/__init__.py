"""The importer: an existing document (.docx, .doc, .wps, .txt, .html, .md) read back into the
model, a reader like the YAML loader (Pandoc's readers → one tree).

The stages, each its own module: ``sources`` reads the format into blocks; ``mojibake``
repairs text decoded in the wrong encoding (or warns of it); ``paragraphs`` joins broken
lines; ``chunks`` drops the page-chunk numbers of a document site; ``runon`` finds the headings
inside a text whose line breaks were lost; ``noise`` drops what a website added (by the drop
list, ``droplist.yaml``); ``articles`` splits a file holding several summaries; ``cleanup``
makes the text official (simplified characters, full-width punctuation); ``structure``
recognises the summary; ``inputfile`` writes the input file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...diagnostics import Diagnostics
from ...errors import InputError
from ...model import Report
from ..report import validate
from .articles import split_articles
from .chunks import drop_chunk_numbers
from .cleanup import clean_text
from .figures import FoundFigure, find_figures
from .inputfile import write_input
from .mojibake import repair_mojibake
from .noise import drop_noise
from .officialframe import take_frame
from .paragraphs import paragraphs, printable
from .runon import recover
from .source import Drop, Remark, SourceBlock
from .sources import FORMATS, read_path, read_source
from .structure import recognise

__all__ = ["FORMATS", "Drop", "ImportResult", "SourceBlock", "import_document"]


@dataclass(frozen=True)
class ImportResult:
    """A summary read from a document: the report, the input file's data, and what the
    importer dropped, changed (warnings) and guessed."""

    report: Report
    data: dict[str, Any]
    source: str
    drops: tuple[Drop, ...] = ()
    warnings: tuple[str, ...] = ()
    guesses: dict[str, str] = field(default_factory=dict)  # field → what its guessed value was taken from
    figures: tuple[FoundFigure, ...] = ()
    more: tuple[ImportResult, ...] = ()  # the further summaries of a file that holds several
    # The file's paragraphs as read, at their source lines, before noise is dropped and the text
    # cleaned: what the proofreader checks a document by (the first result of a file holds them).
    blocks: tuple[SourceBlock, ...] = ()

    def to_yaml(self, *, indicators: bool = False) -> str:
        """The input file: the data, with the drops, warnings and guesses as comments, and with
        ``indicators`` the figures found as commented indicator suggestions."""
        return write_input(
            self.data,
            source=self.source,
            drops=list(self.drops),
            warnings=list(self.warnings),
            guesses=self.guesses,
            figures=list(self.figures) if indicators else None,
        )


def import_document(
    source: str | Path | bytes, *, format: str | None = None, name: str | None = None, convert: bool = True
) -> ImportResult:
    """Read a summary from a document file or its bytes. ``format`` (``docx``, ``doc``, ``wps``,
    ``txt``, ``html``, ``md``) overrides the file's suffix; bytes need one of the two (or a
    ``name`` with a suffix). ``convert=False`` keeps traditional characters.

    A file holding several summaries (篇1, 篇2 …) gives the first, the others in ``more``.
    Raises :class:`~civreport.errors.InputError` for a file that cannot be read."""
    if isinstance(source, bytes):
        label = name or f"文档.{format or 'txt'}"
        blocks = read_source(source, label, format)
    else:
        label = name or str(source)
        blocks = read_path(source, format)
    blocks, unprintable = printable(blocks)
    blocks, damage = repair_mojibake(blocks)
    read = paragraphs(blocks)
    blocks, chunk_numbers = drop_chunk_numbers(read)
    blocks, headings = recover(blocks)
    remarks = damage + headings
    blocks, frame = take_frame(blocks)
    kept, drops = drop_noise(blocks)
    drops = unprintable + chunk_numbers + drops
    if not any(b.text.strip() or b.rows for b in kept):
        raise InputError.single(label, "文件中没有可导入的文字" + ("（网站杂项已删去）" if drops else ""))
    articles, starts, numbering = split_articles(kept)
    drops += numbering
    bounds = [0, *starts[1:], float("inf")]
    results = [
        _article(
            article,
            label,
            [d for d in drops if low <= d.line < high],
            [r for r in remarks if low <= r.line < high],
            convert,
            frame if low == 0 else {},  # the document's frame is the first summary's
        )
        for article, low, high in zip(articles, bounds, bounds[1:])
    ]
    first, *more = results
    return ImportResult(**{**first.__dict__, "more": tuple(more), "blocks": tuple(read)})


def _article(
    blocks: list[SourceBlock],
    label: str,
    drops: list[Drop],
    remarks: list[Remark],
    convert: bool,
    frame: dict[str, Any],
) -> ImportResult:
    cleaned = clean_text(blocks, convert)
    found = recognise(cleaned.blocks)
    found.data.update(frame)
    found.warnings[:0] = [str(remark) for remark in sorted(remarks, key=lambda r: r.line)]
    if cleaned.converted:
        found.warnings.append(f"原文是繁体字，已转为简体（{cleaned.converted} 字）；不要转换时用 --no-convert")
    if cleaned.punctuation:
        where = "、".join(str(n) for n in cleaned.lines)
        found.warnings.append(f"半角标点改为全角、删去中文间的空格共 {cleaned.punctuation} 处（第 {where} 行等）")
    diagnostics = Diagnostics()
    report = validate(found.data, label, {}, diagnostics)
    found.warnings.extend(diagnostics.messages())
    texts = [(b.line, b.text) for b in cleaned.blocks if b.rows is None]
    return ImportResult(
        report,
        found.data,
        label,
        tuple(sorted(drops, key=lambda d: d.line)),
        tuple(found.warnings),
        found.guesses,
        tuple(find_figures(texts)),
    )
