"""The shape of a summary: a part for problems (CR401), parts with substance (CR402), paragraphs
of readable length (CR403), heading numbers typed into body text (CR404)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Report
from ..model.genre import TYPED_NUMBER
from .context import Context, Hit

LONG_PARAGRAPH = 600  # characters: about a page of GB/T 9704 (22 lines of 28)
THIN_PART = 40  # characters: a part with no items and less text than this is one short sentence
_SENTENCES = re.compile(r"[。！？；]")  # 一是……；二是……。 is more than one sentence's substance


def problems_part(report: Report, context: Context) -> Iterator[tuple[str, Hit]]:
    parts = report.all_parts()
    if parts and not any(role == "problems" or re.search(r"问题|不足", part.title or "") for role, part in parts):
        yield _path(report, 0, parts[0][0]), Hit("CR401", "没有“存在的问题”部分：工作总结应写明存在的问题和不足")


def _path(report: Report, index: int, role: str | None) -> str:
    if report.parts:
        return f"parts[{index}]"
    return f"{role}[{[str(r) for r, _ in report.all_parts()][:index].count(str(role))}]"


def thin_parts(report: Report, context: Context) -> Iterator[tuple[str, Hit]]:
    for index, (role, part) in enumerate(report.all_parts()):
        texts = [*part.body, *(p if isinstance(p, str) else " ".join(p.body) for p in part.points)]
        sentences = sum(len(_SENTENCES.findall(t)) or 1 for t in texts)
        if not part.items and not part.tables and sentences <= 1 and sum(map(len, texts)) < THIN_PART:
            what = "只有标题" if not texts else "只有一句话"
            title = part.title or (getattr(report.headings, role) if role else f"第 {index + 1} 部分")
            yield _path(report, index, role), Hit("CR402", f"部分“{title}”{what}：请充实内容或并入其他部分")


def long_paragraphs(text: str, context: Context) -> Iterator[Hit]:
    if len(text) > LONG_PARAGRAPH and re.search(r"\.body\[\d+\]$|^(?:opening|closing)\[|\.points\[", context.path):
        yield Hit("CR403", f"这一段有 {len(text)} 字（超过 {LONG_PARAGRAPH} 字，约一页）：宜分段")


def typed_numbers(text: str, context: Context) -> Iterator[Hit]:
    if re.search(r"\.body\[\d+\]$|^opening\[", context.path):
        m = TYPED_NUMBER.match(text)
        if m:
            yield Hit("CR404", f"正文段落以标题序号“{m[0].strip()}”开头：请写成条目（items），序号由 civreport 生成")


REPORT_RULES = (problems_part, thin_parts)
RULES = (long_paragraphs, typed_numbers)
