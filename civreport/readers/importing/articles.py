"""Several summaries in one file, as document sites collect them: 创文工作开展情况汇报 篇1, 篇2 …
Each is imported on its own; the 篇N a site numbers them with is dropped."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from .source import Drop, SourceBlock

_NUMBERED_TITLE = re.compile(r"^(?P<title>.{2,60}?)\s*(?P<mark>篇\s*(?P<n>\d{1,3}))$")


def split_articles(blocks: list[SourceBlock]) -> tuple[list[list[SourceBlock]], list[Drop]]:
    """The articles of a file, each starting at its title; one article when it holds one."""
    starts: list[int] = []
    for i, block in enumerate(blocks):
        m = _NUMBERED_TITLE.match(block.text) if block.rows is None else None
        if m and int(m["n"]) == len(starts) + 1:
            starts.append(i)
    if len(starts) < 2:
        return [blocks], []
    drops: list[Drop] = []
    bounds = [0, *starts[1:], len(blocks)]  # what stands before 篇1 goes with it
    articles = [list(blocks[a:b]) for a, b in itertools.pairwise(bounds)]
    for article, start in zip(articles, starts):
        i = article.index(blocks[start])
        m = _NUMBERED_TITLE.match(article[i].text)
        assert m
        drops.append(Drop(article[i].line, m["mark"], "网站给各篇加的序号"))
        article[i] = replace(article[i], text=m["title"])
    return articles, drops
