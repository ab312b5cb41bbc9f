"""The shape of a summary: a part for problems (CR401), parts with substance (CR402), paragraphs
of readable length (CR403), heading numbers typed into body text (CR404)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Report
from ..model.genre import TYPED_NUMBER
from .rule import Context, Hit, Rule

LONG_PARAGRAPH = 600  # characters: about a page of GB/T 9704 (22 lines of 28)
THIN_PART = 40  # characters: a part with no items and less text than this is one short sentence
_SENTENCES = re.compile(r"[。！？；]")  # 一是……；二是……。 is more than one sentence's substance


def problems_part(report: Report, context: Context) -> Iterator[Hit]:
    parts = report.printed_parts()
    if parts and not any(role == "problems" or re.search(r"问题|不足", part.title or "") for role, _, part in parts):
        yield Hit("没有“存在的问题”部分：工作总结应写明存在的问题和不足", parts[0][1])


def thin_parts(report: Report, context: Context) -> Iterator[Hit]:
    for index, (role, path, part) in enumerate(report.printed_parts()):
        texts = [*part.body, *(p if isinstance(p, str) else " ".join(p.body) for p in part.points)]
        sentences = sum(len(_SENTENCES.findall(t)) or 1 for t in texts)
        if not part.items and not part.tables and sentences <= 1 and sum(map(len, texts)) < THIN_PART:
            what = "只有标题" if not texts else "只有一句话"
            title = part.title or (getattr(report.headings, role) if role else f"第 {index + 1} 部分")
            yield Hit(f"部分“{title}”{what}：请充实内容或并入其他部分", path)


def long_paragraphs(text: str, context: Context) -> Iterator[Hit]:
    if len(text) > LONG_PARAGRAPH:
        yield Hit(f"这一段有 {len(text)} 字（超过 {LONG_PARAGRAPH} 字，约一页）：宜分段", spans=((0, len(text)),))


def typed_numbers(text: str, context: Context) -> Iterator[Hit]:
    m = TYPED_NUMBER.match(text)
    if m:
        yield Hit(
            f"正文段落以标题序号“{m[0].strip()}”开头：请写成条目（items），序号由 civreport 生成",
            spans=((m.start(), m.end()),),
        )


RULES = (
    Rule("CR401", "缺少存在的问题", "warning", "总结没有“存在的问题”部分", whole=problems_part),
    Rule("CR402", "部分过于单薄", "warning", "一个部分只有标题或只有一句话", whole=thin_parts),
    Rule(
        "CR403",
        "段落过长",
        "info",
        "一段超过 600 字（约一页）",
        check=long_paragraphs,
        reads=frozenset({"paragraph", "point", "numbered"}),
    ),
    Rule(
        "CR404",
        "正文中手写的标题序号",
        "warning",
        "正文段落以“（一）”“1.”开头 → 写成条目",
        check=typed_numbers,
        reads=frozenset({"paragraph"}),
        documents=False,  # a document's numbers are its headings'
    ),
)
