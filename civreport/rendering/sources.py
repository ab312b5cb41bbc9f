"""Which fields of the report each block of the page prints, by their field paths
(``parts[0].body[1]``): the editor opens a paragraph's field from the preview, and marks a
finding at its paragraph. Found by each field's text in the blocks' texts, both in reading order,
whatever the template: a template prints the texts, composed (a number before a title, 一是 before
a point, a point's end mark), never their fields."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..compose.summary import SENTENCE_END
from ..compose.wording import filled
from ..model import Report
from .blocks import Block, Table, block_text

# What composing may change at a text's end (a point's ；becomes 。) and what no block compares on:
# white space, and the joiners and break hints the page adds for layout engines.
_END = SENTENCE_END + "；;，,"
_LOOSE = re.compile(r"[\s\u200b\u2060\u00ad]+")
# Texts that stand where the body's flow has them: the fields after one are looked for after its
# block. The others print elsewhere than the walk meets them (the office in the sign-off, a
# heading a report renames) or are short (a table's cells): taken where found, moving nothing.
_FLOW = {"doc_title", "lead_in", "paragraph", "title", "point", "lead", "caption", "attachment"}
_CELLS = {"header", "cell"}  # found in tables only


def bare(text: str) -> str:
    """A text as blocks are compared: without white space, joiners and break hints."""
    return _LOOSE.sub("", text)


def field_paths(blocks: Sequence[Block], report: Report) -> list[tuple[str, ...]]:
    """For each block, the paths of the report's fields it prints, in reading order (none for a
    blank line, a rule, a text the page makes itself). A field is taken by the first block, from
    the one that took the body's field before it on, whose text holds the field's: a text that the
    page also prints further on (a part's title said again in a paragraph) is not taken there."""
    texts = [bare(block_text(block)) for block in blocks]
    out: list[list[str]] = [[] for _ in blocks]
    at = 0
    for field in filled(report).all_texts():
        wanted = bare(field.text).rstrip(_END)
        if not wanted:
            continue
        cell = field.kind in _CELLS
        found = next(
            (i for i in range(at, len(blocks)) if isinstance(blocks[i], Table) == cell and wanted in texts[i]), None
        )
        if found is not None:
            out[found].append(field.path)
            at = found if field.kind in _FLOW else at
    return [tuple(paths) for paths in out]
