"""What every source format is read into before the importer recognises a summary in it: a
flat list of blocks, paragraphs with the hints their format gives, and tables."""

from __future__ import annotations

from dataclasses import dataclass

from ...model.limits import MAX_FILE_BYTES

MAX_IMPORT_BYTES = 4 * MAX_FILE_BYTES  # a Word file carries more than its text: 20 MB
MAX_UNPACKED_BYTES = 200_000_000  # what a .docx may unpack to (a zip bomb unpacks to far more)
MAX_BLOCKS = 50_000


@dataclass(frozen=True)
class SourceBlock:
    """A paragraph (or a table) of a source document, in reading order."""

    text: str  # the paragraph's text, with automatic numbering written in front (（一）…)
    line: int  # where it is in the source: line of a text file, paragraph of a document (1-based)
    style: str | None = None  # the paragraph style's name (公文标题, Heading 1, 标题 1 …), if the format has styles
    level: int | None = None  # the heading or outline level (1–9) its style or format gives, None for body text
    rows: tuple[tuple[str, ...], ...] | None = None  # a table: the text of each cell, the first row first
    soft_break: bool = False  # it follows the previous block after a manual line break in the same paragraph
