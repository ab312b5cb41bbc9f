"""Several summaries in one file, as document sites collect them, each marked by a number the
site adds: 创文工作开展情况汇报 篇6 … 篇9, 【篇二】, 篇三：……, 范文一, 第一篇, or a numbered title
(绩效管理细则1, 1.××局工作总结). A file is split at a series of one such form whose numbers
run on by one (from any number), each summary long enough to be one; each is imported on its
own under its own title, and the site's number is dropped."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from ...model.numerals import parse_cn_number
from .source import Drop, SourceBlock

REASON = "网站给各篇加的序号"


def _n(name: str) -> str:
    """A summary's number, in figures or in Chinese (each group of a pattern named apart)."""
    return rf"(?P<{name}>\d{{1,3}}|[一二三四五六七八九十]{{1,3}})"


_KIND = r"(?:总结|汇报|报告|讲话|发言|计划|方案|要点|材料|细则|制度)"
# Each form: how its lines read. ``title`` is the summary's own title, where the line holds it.
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "title 篇N",
        re.compile(
            rf"^(?P<title>.{{2,60}}?)\s*(?P<mark>[（(【\[]?\s*(?:篇\s*{_n('n')}|第\s*{_n('n2')}\s*篇)\s*[)）】\]]?)$"
        ),
    ),
    (
        "篇N title",
        re.compile(
            rf"^(?P<mark>[【\[（(]?\s*(?:篇\s*{_n('n')}|第\s*{_n('n2')}\s*篇)\s*[】\]）)]?\s*[:：、.．]?)\s*(?P<title>.{{0,60}})$"
        ),
    ),
    (
        "范文N",
        re.compile(
            rf"^(?P<title>.{{0,60}}?)\s*(?P<mark>[【\[]?范文\s*{_n('n')}[】\]]?\s*[:：、.．]?)\s*(?P<rest>.{{0,60}})$"
        ),
    ),
    ("titleN", re.compile(r"^(?P<title>.{2,58}?[^\d\s])(?P<mark>\s*(?P<n>\d{1,2}))$")),
    ("N.title", re.compile(rf"^(?P<mark>(?P<n>\d{{1,2}})\s*[.．、]\s*)(?P<title>.{{2,58}}{_KIND})$")),
)
_SHORTEST = 100  # characters a summary holds at the least: a list of titles is not a collection
# The same in a text whose line breaks were lost: ……。创文工作开展情况汇报 篇2按照……
_INLINE = re.compile(r"(?:^|(?<=[。！？!?”]))\s*(?P<title>[^。！？!?，,；;：:]{2,60}?)\s*篇\s*(?P<n>\d{1,3})(?!\d)")


@dataclass(frozen=True)
class _Member:
    index: int  # of the block
    number: int
    key: str  # the form, and for a numbered title its words: a series is of one key
    title: str  # the summary's title as the line holds it ('' when the next line holds it)
    mark: str  # what the site added


def _number(m: re.Match[str]) -> int | None:
    raw = next((value for name, value in m.groupdict().items() if name.startswith("n") and value), None)
    if raw is None:
        return None
    return int(raw) if raw.isdigit() else parse_cn_number(raw)


def _members(blocks: list[SourceBlock]) -> list[_Member]:
    found: list[_Member] = []
    for index, block in enumerate(blocks):
        if block.rows is not None or len(block.text) > 80:
            continue
        for key, pattern in _FORMS:
            m = pattern.match(block.text)
            if m is None or (number := _number(m)) is None:
                continue
            title = (m.groupdict().get("rest") or m["title"]).strip()  # 范文一：某局工作总结
            stem = f"{key}:{m['title']}" if key == "titleN" else key
            found.append(_Member(index, number, stem, title, m["mark"].strip()))
            break
    return found


def _series(members: list[_Member], blocks: list[SourceBlock]) -> list[_Member]:
    """The longest run of one key whose numbers go up by one, each summary long enough."""
    best: list[_Member] = []
    for _, group in itertools.groupby(sorted(members, key=lambda m: (m.key, m.index)), key=lambda m: m.key):
        run: list[_Member] = []
        for member in group:
            if run and member.number == run[-1].number + 1 and _long_enough(blocks, run[-1], member):
                run.append(member)
            else:
                run = [member]
            if len(run) > len(best):
                best = list(run)
    if len(best) < 2 or not _long_enough(blocks, best[-1], None):
        return []
    return best


def _long_enough(blocks: list[SourceBlock], start: _Member, end: _Member | None) -> bool:
    stop = end.index if end else len(blocks)
    return sum(len(b.text) for b in blocks[start.index + 1 : stop]) >= _SHORTEST


def _titles_set_apart(blocks: list[SourceBlock]) -> list[SourceBlock]:
    """The blocks with the numbered titles inside them (……。创文工作开展情况汇报 篇2按照……) set
    apart as lines of their own, where one title comes with numbers that run on."""
    found = [(i, m) for i, b in enumerate(blocks) if b.rows is None for m in _INLINE.finditer(b.text)]
    numbers: dict[str, set[int]] = {}
    for _, m in found:
        numbers.setdefault(m["title"], set()).add(int(m["n"]))
    titles = {title for title, ns in numbers.items() if any(n + 1 in ns for n in ns)}
    cuts: dict[int, set[int]] = {}
    for i, m in found:
        if m["title"] in titles:
            cuts.setdefault(i, set()).update((m.start("title"), m.end()))
    if not cuts:
        return blocks
    out: list[SourceBlock] = []
    for i, block in enumerate(blocks):
        bounds = sorted({0, len(block.text), *cuts.get(i, ())})
        pieces = [block.text[a:b].strip() for a, b in itertools.pairwise(bounds)]
        out += [replace(block, text=piece, new_paragraph=True) for piece in pieces if piece]
    return out


def split_articles(blocks: list[SourceBlock]) -> tuple[list[list[SourceBlock]], list[int], list[Drop]]:
    """The articles of a file, each starting at its title (one when it holds one), the source
    line each starts on, and the numbers dropped."""
    blocks = _titles_set_apart(blocks)
    series = _series(_members(blocks), blocks)
    if not series:
        return [blocks], [blocks[0].line if blocks else 0], []
    bounds = [0, *(m.index for m in series[1:]), len(blocks)]  # what stands before the first goes with it
    articles = [list(blocks[a:b]) for a, b in itertools.pairwise(bounds)]
    drops: list[Drop] = []
    for article, member in zip(articles, series):
        at = article.index(blocks[member.index])
        block = article[at]
        drops.append(Drop(block.line, member.mark, REASON))
        if member.title:
            article[at] = replace(block, text=member.title)
        else:
            del article[at]  # 【篇二】 on a line of its own: the next line is the title
    return articles, [blocks[0].line, *(blocks[m.index].line for m in series[1:])], drops
