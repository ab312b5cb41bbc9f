"""Markdown (.md) into source blocks, with markdown-it-py: headings with their levels, a block
per line of a paragraph (the importer joins wrapped lines), list numbers written out, tables."""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ...errors import InputError
from .source import TOO_DEEP, BlockList, SourceBlock, strip_edges
from .textsource import decode_text


def read_markdown(data: bytes, file: str) -> list[SourceBlock]:
    """A block per line of each paragraph and heading (the recogniser joins wrapped lines), per
    list item paragraph (an ordered list's number written in front), per code line; a table as
    one block. Raw HTML is text here, as written: nothing of it is interpreted."""
    text = decode_text(data, file)
    # markdown-it drops what lies deeper than maxNesting (20 in CommonMark) without a word: lift
    # the limit, and refuse what its recursive parser cannot reach instead.
    parser = MarkdownIt("commonmark", {"html": False, "maxNesting": 100_000}).enable("table")
    try:
        tokens = parser.parse(text)
    except RecursionError as error:
        raise InputError.single(file, TOO_DEEP) from error
    return _MarkdownReader(BlockList(file)).read(tokens)


class _MarkdownReader:
    def __init__(self, out: BlockList) -> None:
        self.out = out
        self.level: int | None = None  # of the open heading
        self.prefix = ""  # the number of the open ordered list item, for its first block
        self.lists: list[list[Any] | None] = []  # each open list: [next number, delimiter], None if bulleted
        self.rows: list[tuple[str, ...]] | None = None  # of the open table
        self.table_line = 1
        self.row: list[str] = []

    def read(self, tokens: list[Token]) -> list[SourceBlock]:
        for token in tokens:
            kind = token.type
            if kind == "heading_open":
                self.level = int(token.tag[1:])
            elif kind == "heading_close":
                self.level = None
            elif kind == "ordered_list_open":
                start = token.attrGet("start")
                self.lists.append([int(start) if isinstance(start, int | str) else 1, token.markup or "."])
            elif kind == "bullet_list_open":
                self.lists.append(None)
            elif kind in ("ordered_list_close", "bullet_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                numbering = self.lists[-1] if self.lists else None
                if numbering is not None:
                    self.prefix = f"{numbering[0]}{token.markup or numbering[1]}"
                    numbering[0] += 1
            elif kind == "list_item_close":
                self.prefix = ""
            elif kind == "table_open":
                self.rows, self.table_line = [], _line(token)
            elif kind == "tr_open":
                self.row = []
            elif kind == "tr_close" and self.rows is not None:
                self.rows.append(tuple(self.row))
            elif kind == "table_close" and self.rows is not None:
                if any(any(row) for row in self.rows):
                    self.out.add(SourceBlock("", self.table_line, rows=tuple(self.rows)))
                self.rows = None
            elif kind == "inline":
                self.inline(token)
            elif kind in ("fence", "code_block"):
                first = _line(token) + (1 if kind == "fence" else 0)  # a fence's text starts below ```
                for offset, line in enumerate(token.content.split("\n")):
                    self.add(line, first + offset, soft=False)
        return self.out.items

    def inline(self, token: Token) -> None:
        lines = _inline_lines(token)
        if self.rows is not None:  # a table cell
            self.row.append(strip_edges(" ".join(strip_edges(line) for line in lines)))
            return
        emitted = False
        for offset, line in enumerate(lines):
            emitted = self.add(line, _line(token) + offset, soft=emitted) or emitted

    def add(self, text: str, line: int, soft: bool) -> bool:
        text = strip_edges(text.replace("\xa0", " "))
        if not text:
            return False
        if self.prefix:
            text, self.prefix = self.prefix + text, ""
        style = f"h{self.level}" if self.level else None
        self.out.add(SourceBlock(text, line, style=style, level=self.level, soft_break=soft, new_paragraph=not soft))
        return True


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1


# CommonMark does not close ** after punctuation before a letter, so Chinese bold run-in
# headings (**（一）产业链条短。**农产品……) stay literal: take those emphasis marks away here.
_CJK_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?[\u3000-\u303f\uff01-\uff20“”‘’…—])\1(?=[\u4e00-\u9fff“])")


def _inline_lines(token: Token) -> list[str]:
    """The text of an inline token, a string per source line: markup left out, a web link's
    address after its text (the importer drops it as a URL, listed), an image's alt text."""
    lines = [""]
    links: list[str] = []  # the addresses of the open links
    stack = list(reversed(token.children or []))
    while stack:
        child = stack.pop()
        if child.type in ("softbreak", "hardbreak"):
            lines.append("")
        elif child.type in ("text", "code_inline", "html_inline"):
            lines[-1] += child.content
        elif child.type == "image":
            stack.extend(reversed(child.children or []))
        elif child.type == "link_open":
            links.append(str(child.attrGet("href") or ""))
        elif child.type == "link_close" and links and (href := links.pop()).startswith(("http://", "https://", "www.")):
            lines[-1] += f" {href} "
    return [_CJK_EMPHASIS.sub(r"\2", line) for line in lines]
