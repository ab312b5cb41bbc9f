"""What sites add to a summary copied from them, dropped by the drop list (droplist.yaml):
lines (navigation, source, upload and share lines, download, page and preview notes, lists of
other documents; an official document's red header, number, contact note and distribution
block), pieces of lines (advertising, URLs, pinyin after characters) and what a site adds to a
title (【完整版】, 范文, .doc). Every drop is listed with its line, so no character of the source
goes missing unseen."""

from __future__ import annotations

from dataclasses import replace

from .droplist import drop_list
from .source import Drop, SourceBlock

_FRONT = 12  # the lines a title and its duplicates stand in
_RUN_ON = 100  # characters after a repeated title that show a text whose line breaks were lost


def _line_noise(text: str, index: int) -> str | None:
    """Why a whole line goes, if it does; ``index``: its place among the file's paragraphs."""
    for entry in drop_list().lines:
        if (entry.within is None or index < entry.within) and entry.pattern.search(text):
            return entry.reason
    return None


def drop_noise(blocks: list[SourceBlock]) -> tuple[list[SourceBlock], list[Drop]]:
    """The paragraphs with what a site added taken out, and what was taken out."""
    drops: list[Drop] = []
    kept: list[SourceBlock] = []
    seen_titles: set[str] = set()
    found = drop_list()
    tail: str | None = None  # why the rest goes, once a list of other documents has begun
    for index, block in enumerate(blocks):
        if block.rows is not None:
            kept.append(block)
            continue
        text = block.text
        tail = tail or next((entry.reason for entry in found.tail if entry.pattern.search(text)), None)
        reason = tail or _line_noise(text, index)
        if reason:
            drops.append(Drop(block.line, text, reason))
            continue
        for entry in found.pieces:
            drops.extend(Drop(block.line, piece[0].strip(), entry.reason) for piece in entry.pattern.finditer(text))
            text = entry.pattern.sub(
                lambda piece: " " if piece[0].startswith(" ") and piece[0].endswith(" ") else "", text
            )
        if text != block.text and (reason := _line_noise(text.strip(), index)):  # 更多内容请访问（网址）查看
            drops.append(Drop(block.line, text.strip(), reason))
            continue
        if index < _FRONT:
            text = _without_title_suffixes(text, block.line, drops)
            if len(text) <= 60 and text in seen_titles:
                drops.append(Drop(block.line, text, "重复的标题"))
                continue
            # ……工作总结2023年是……: the title again, run into the text that lost its line breaks.
            repeated = next((t for t in seen_titles if len(t) >= 6 and text.startswith(t)), "")
            if repeated and len(text) - len(repeated) > _RUN_ON and text[len(repeated)].isalnum():
                drops.append(Drop(block.line, repeated, "重复的标题"))
                text = text[len(repeated) :]
            seen_titles.add(text)
        text = text.strip()
        if text:
            kept.append(replace(block, text=text))
    return kept, drops


def _without_title_suffixes(text: str, line: int, drops: list[Drop]) -> str:
    """A line with what sites add after a title taken off its end (and listed): 【完整版】, 范文,
    .doc (a title that is a file's name) …, one after another."""
    while True:
        found = next(
            ((entry, m) for entry in drop_list().title_suffixes if (m := entry.pattern.search(text)) and m.start() > 0),
            None,
        )
        if found is None:
            return text
        entry, m = found
        drops.append(Drop(line, m[0].strip(), entry.reason))
        text = text[: m.start()]
