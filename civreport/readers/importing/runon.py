"""Headings found inside running text. A text whose line breaks were lost (a document site's
preview of a .doc, a page copied as one line) holds its headings — 一、… （一）… 1.… （1）… — in
its sentences. A number is a heading where the genre puts one: at a sentence's start (after
。！？, or after a lead-in 如下：), right after a heading's short title that ran into it
(一、主要做法（一）……), or after a title line that lost its break (……工作总结一、主要做法); and only
where it runs on from the headings before it (outline.placement), a new 一、 starting afresh. The
text is cut into paragraphs there, and a title that ran into its body is cut off it (runin),
with a warning where that is a guess. Nothing changes in a text where no heading stands
inside a paragraph."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from ...model.genre import ends_with_lead_in
from ...model.limits import MAX_NAME
from ...model.numerals import parse_cn_number
from .headings import MARKER_CHARS, TITLE_CHARS, Marker, marker
from .outline import placement
from .runin import guessed_end, role_name_end
from .source import Remark, SourceBlock

_START = re.compile(r"[（(]?\s*[一二三四五六七八九十百\d]")  # where a heading number may begin
_SENTENCE_END = "。！？!?"
_CLOSERS = "”’」』）)"  # may stand between a sentence's end and what follows
_MARKS = re.compile(r"[。！？；：，、,;:!?]")
_LABEL = re.compile(r"【[^【】]{1,12}】")
_ORDINAL = re.compile(r"([一二三四五六七八九十]{1,2})是")
# A title at the start of a text: no mark in it, the last of its kind's words before the first mark
# (创建文明区工作汇报总结), not one the sentence goes on with (总结如下, 报告会) nor one a site
# numbered (……汇报 篇1: the file's summaries find their titles so).
_TITLE_AT_START = re.compile(
    rf"^[^。！？，、；：,;:!?“”]{{2,{MAX_NAME}}}(?:总结|汇报|报告|總結|匯報|報告)"
    r"(?!\s*(?:篇|范文|第\s*\d+\s*篇))(?=[^如会會书書。！？，、；：,;:!?])"
)
_INLINE = ("一、", "（一）", "一）", "1.", "（1）", "1）")  # forms taken inside a sentence run; not 一加强 or （一加强
_LOOK_BACK = 200  # characters a lead-in is looked for in
_BODY_CHARS = 12  # what a run-in title's sentence leaves after a guessed title, to be a sentence


@dataclass
class _Numbering:
    """The headings open so far, as outline.placement reads them."""

    open: list[Marker | None] = field(default_factory=lambda: [None])

    def take(self, found: Marker) -> bool:
        keep = placement(self.open, found)
        if keep is None and found.family == "一、" and found.number == 1:
            keep = 1  # a new summary's first part (the next of a file holding several)
        if keep is None:
            return False
        del self.open[keep:]
        self.open.append(found)
        return True


def _after_sentence(text: str, at: int, colon: bool) -> bool:
    """Whether ``at`` starts a sentence: after 。！？ (a closing quote between), a lead-in
    (……汇报如下：), or with ``colon`` any colon (主要的问题有：（一）……)."""
    j = at - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    while j >= 0 and text[j] in _CLOSERS:
        j -= 1
    if j < 0 or text[j] in _SENTENCE_END or (colon and text[j] in "：:"):
        return True
    return ends_with_lead_in(text[max(0, at - _LOOK_BACK) : at])


def _phrase_start(text: str, at: int) -> int | None:
    """Where the unpunctuated phrase before ``at`` starts (a title line that lost its break),
    if it is one: it opens the text or follows a sentence's end, and is short."""
    start = at
    while start > 0 and at - start <= MAX_NAME and not _MARKS.match(text[start - 1]):
        start -= 1
    if at - start > MAX_NAME or start == at:
        return None
    return start if start == 0 or text[start - 1] in _SENTENCE_END else None


@dataclass
class _Split:
    """The paragraphs one block is cut into, and what was said about them."""

    cuts: set[int] = field(default_factory=set)
    remarks: list[Remark] = field(default_factory=list)
    inline: bool = False  # a heading was found inside the block


def _sentence_after(text: str) -> bool:
    """Whether what a guessed title leaves of a short first sentence is a sentence of its
    own (我们组织开展宣传活动20场，发放资料5000份), not the end of the title (……落实|我局部署)."""
    return len(text) >= _BODY_CHARS and bool(re.search(r"[，,]", text))


def _heading_title(text: str, found: Marker, at: int, following: int, line: int, split: _Split) -> None:
    """Cut the title of the heading at ``at`` off its body where it ran into it; ``following``:
    where the next heading starts."""
    start = at + found.end
    body = text[start:following]
    if not body or not re.search(r"[\u4e00-\u9fff]", body):
        return
    end = role_name_end(body) if found.level == 1 else None
    if end is not None:
        split.cuts.add(start + end)
        return
    first = re.search(r"[。！？!?]", body)
    if first is None and len(body) <= MAX_NAME:
        return  # the title alone, the next heading after it
    run_in = first is not None and first.start() <= TITLE_CHARS
    end = guessed_end(body)
    if run_in and found.level > 1 and not (end and first and _sentence_after(body[end : first.start()])):
        return  # a run-in heading (（一）加强领导。区委……): the structure reads it
    heading = text[at:start]
    if end is not None:
        split.remarks.append(
            Remark(
                line,
                f"原文的换行已丢失，“{heading}{body[:end]}”是按用词推断出的标题，其后的“{body[end : end + 10]}……”"
                "作为正文：请核对标题与正文的分界",
            )
        )
        split.cuts.add(start + end)
    elif run_in and first is not None:
        if re.search(r"[，,]", body[: first.start()]):  # a part's title is a phrase: this may hold its text
            split.remarks.append(
                Remark(
                    line,
                    f"原文的换行已丢失，“{heading}{body[: first.start()]}”按到第一个句号为止作为标题：请核对标题与正文的分界",
                )
            )
    elif found.level <= 2:  # 1.对核心区……。 is text under a number; a part or item has a title
        split.remarks.append(
            Remark(
                line,
                f"“{heading}{body[:20]}……”的标题与正文连在一起（原文的换行已丢失），分不出标题在哪里结束："
                "请在输入文件中把标题与正文分开",
            )
        )


def _split(block: SourceBlock, numbering: _Numbering, colon: bool) -> _Split:
    text = block.text
    split = _Split()
    headings: list[tuple[int, Marker]] = []
    found = marker(text[:MARKER_CHARS])
    if found and not found.bare and numbering.take(found):
        headings.append((0, found))
    for m in _START.finditer(text):
        at = m.start()
        if at == 0 or (headings and headings[-1][0] == at):
            continue
        found = marker(text[at : at + MARKER_CHARS])  # a slice as long as a number: a text is read once
        if found is None or found.family not in _INLINE:
            continue
        previous = headings[-1] if headings else None
        title_run = (
            previous is not None
            and 0 < at - (previous[0] + previous[1].end) <= MAX_NAME  # a title, not a second number (一、（一）)
            and not re.search(r"[。！？!?；;]", text[previous[0] + previous[1].end : at])
        )
        phrase = _phrase_start(text, at) if found.family == "一、" and found.number == 1 else None
        if not (_after_sentence(text, at, colon) or title_run or phrase is not None):
            continue
        if not numbering.take(found):
            continue
        if phrase:
            split.cuts.add(phrase)
        split.cuts.add(at)
        split.inline = True
        headings.append((at, found))
    if split.inline:  # a paragraph as written keeps its headings as the structure reads them
        for (at, found), following in zip(headings, [*(h[0] for h in headings[1:]), len(text)]):
            _heading_title(text, found, at, following, block.line, split)
        # 【工作回顾】 at a sentence's start opens a paragraph, as it did before its line break was lost,
        # and so does each of 一是…… 二是…… when the first does (not ……问题：一是……；二是……).
        split.cuts.update(
            m.start() for m in _LABEL.finditer(text) if m.start() and _after_sentence(text, m.start(), colon)
        )
        split.cuts.update(_ordinals(text))
    return split


def _ordinals(text: str) -> list[int]:
    """Where the points 一是…… 二是…… of each run stand, where two or more of a run stand at a
    sentence's start."""
    runs: list[list[int]] = []
    for m in _ORDINAL.finditer(text):
        if not _after_sentence(text, m.start(), colon=False):
            continue
        number = parse_cn_number(m[1])
        if number == 1:
            runs.append([m.start()])
        elif runs and number == len(runs[-1]) + 1:
            runs[-1].append(m.start())
    return [at for run in runs if len(run) >= 2 for at in run]


def _splits(blocks: list[SourceBlock], colon: bool) -> list[_Split]:
    numbering = _Numbering()
    splits = [
        _split(block, numbering, colon) if block.rows is None and not block.level else _Split() for block in blocks
    ]
    # The text that lost its breaks may open with its title: ……年底工作总结2023年是……
    first = next((i for i, split in enumerate(splits) if split.inline), None)
    if first is not None and (title := _TITLE_AT_START.match(blocks[first].text)) and not marker(title[0]):
        splits[first].cuts.add(title.end())
    return splits


def recover(blocks: list[SourceBlock]) -> tuple[list[SourceBlock], list[Remark]]:
    """The paragraphs with the headings inside them set apart, and the warnings on titles
    guessed; the paragraphs as they were when no heading stands inside one."""
    splits = _splits(blocks, colon=False)
    if not any(split.inline for split in splits):
        return blocks, []
    # Line breaks are lost here: a list's numbers after a colon are headings too.
    splits = _splits(blocks, colon=True)
    out: list[SourceBlock] = []
    remarks: list[Remark] = []
    for block, split in zip(blocks, splits):
        bounds = sorted({0, *split.cuts, len(block.text)})
        pieces = [block.text[a:b].strip() for a, b in itertools.pairwise(bounds)]
        for n, piece in enumerate(p for p in pieces if p):
            # A piece after the first is a paragraph of its own; a list number Word showed led the first.
            out.append(
                replace(block, text=piece)
                if n == 0
                else replace(block, text=piece, level=None, new_paragraph=True, number=None)
            )
        remarks += split.remarks
    return out, remarks
