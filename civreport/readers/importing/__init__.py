"""The importer: an existing document (.docx, .doc, .wps, .txt, .html, .md) read back into the
model, a reader like the YAML loader (Pandoc's readers → one tree).

The stages, each its own module: ``sources`` reads the format into blocks; ``paragraphs``
joins broken lines; ``noise`` drops what a website added; ``articles`` splits a file holding
several summaries; ``cleanup`` makes the text official (simplified characters, full-width
punctuation); ``structure`` recognises the summary; ``inputfile`` writes the input file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...diagnostics import Diagnostics
from ...errors import InputError
from ...model import Report
from ..report import validate
from .articles import split_articles
from .cleanup import clean_text
from .figures import FoundFigure, find_figures
from .inputfile import write_input
from .noise import drop_noise
from .paragraphs import paragraphs, printable
from .source import Drop, SourceBlock
from .sources import FORMATS, read_path, read_source
from .structure import Note, recognise

__all__ = ["FORMATS", "Drop", "ImportResult", "Note", "SourceBlock", "import_document"]


@dataclass(frozen=True)
class ImportResult:
    """A summary read from a document: the report, the input file's data, and what the
    importer dropped, guessed and could not place."""

    report: Report
    data: dict[str, Any]
    source: str
    drops: tuple[Drop, ...] = ()
    warnings: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    guesses: dict[str, str] = field(default_factory=dict)  # field → why its value is a guess
    figures: tuple[FoundFigure, ...] = ()
    more: tuple[ImportResult, ...] = ()  # the further summaries of a file that holds several
    # The file's paragraphs as read, at their source lines, before noise is dropped and the text
    # cleaned: what the proofreader checks a document by (the first result of a file holds them).
    blocks: tuple[SourceBlock, ...] = ()

    def to_yaml(self, *, indicators: bool = False) -> str:
        """The input file: the data, with the drops, guesses and notes as comments, and with
        ``indicators`` the figures found as commented indicator suggestions."""
        return write_input(
            self.data,
            source=self.source,
            drops=list(self.drops),
            warnings=list(self.warnings),
            notes=list(self.notes),
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
    read = paragraphs(blocks)
    kept, drops = drop_noise(read)
    drops = unprintable + drops
    if not any(b.text.strip() or b.rows for b in kept):
        raise InputError.single(label, "文件中没有可导入的文字" + ("（网站杂项已删去）" if drops else ""))
    articles, numbering = split_articles(kept)
    drops += numbering
    starts = [min(b.line for b in article) for article in articles[1:]]
    bounds = [0, *starts, float("inf")]
    results = [
        _article(article, label, [d for d in drops if low <= d.line < high], convert)
        for article, low, high in zip(articles, bounds, bounds[1:])
    ]
    first, *more = results
    return ImportResult(**{**first.__dict__, "more": tuple(more), "blocks": tuple(read)})


def _article(blocks: list[SourceBlock], label: str, drops: list[Drop], convert: bool) -> ImportResult:
    cleaned = clean_text(blocks, convert)
    found = recognise(cleaned.blocks)
    notes = list(found.notes)
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
        tuple(notes),
        found.guesses,
        tuple(find_figures(texts)),
    )
