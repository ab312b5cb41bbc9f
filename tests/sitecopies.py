"""Damaged copies of the real summaries in tests/data/seeds, made as the web makes them: a
document-sharing site's preview (the lines joined, page-chunk numbers put in mid-sentence, the
site's furniture around), headings decoded in the wrong Chinese encoding, a file of several
summaries numbered from 篇6; and the measures a copy's import is held to against the clean
seed's."""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass
from pathlib import Path

from civreport import ImportResult, import_document, render_page, write

SEEDS = Path(__file__).resolve().parent / "data" / "seeds"
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Seed:
    """A summary inside a seed file: its title and the lines from its first to its last."""

    file: str
    title: str
    first: str  # the opening words of its first line after the title
    last: str  # the opening words of its last line

    def lines(self) -> list[str]:
        text = (SEEDS / self.file).read_text(encoding="utf-8")
        lines = [line.strip() for line in text.splitlines()]
        start = next(i for i, line in enumerate(lines) if line.startswith(self.first))
        end = next(i for i, line in enumerate(lines) if i >= start and line.startswith(self.last))
        return [self.title, *(line for line in lines[start : end + 1] if line)]

    def text(self) -> str:
        """The summary as a clean text file: a line per paragraph, set apart by blank lines."""
        return "\n\n".join(self.lines()) + "\n"


SUMMARIES = {
    "002": Seed(
        "002_98f0556f5988ddd0.txt",
        "某区创建全国文明城市工作总结",
        "2023年是全国文明城市评选表彰年",
        "一是加强城市规划管理",
    ),
    "004": Seed("004_3d7b2bcd786030d6.txt", "创建文明区工作汇报总结", "XXX成立于2000年4月", "(一)抓好市容环境综合整治"),
    "001-1": Seed("001_58606f4a823be1ef.part1-5.txt", "創文工作開展情況匯報", "按照市創文指揮部統一部署", "3.整合力量"),
    "001-4": Seed(
        "001_58606f4a823be1ef.part1-5.txt",
        "創文工作開展情況匯報",
        "自開展創建全國文明城市工作以來",
        "(四)大力度開展創建活動",
    ),
    "001-5": Seed(
        "001_58606f4a823be1ef.part1-5.txt",
        "創文工作開展情況匯報",
        "為進一步鞏固我縣全省文明縣城創建成果",
        "(三)繼續保持宣傳發動",
    ),
}

# What a document-sharing site puts around a .doc's preview: every line of it is junk if printed.
FURNITURE_ABOVE = (
    "{name}.doc",
    "上传人：wu****8 文档编号：18263345 上传时间：2023-12-01 格式：DOC 页数：{pages} 大小：25.5KB",
    *(f"{{name}}.doc_第{n}页" for n in range(1, 7)),
    "亲，该文档总共{pages}页，到这儿已超出免费预览范围，如果喜欢就下载吧！",
    "资源描述：",
    "《{name}.doc》由会员分享，可在线阅读，更多相关《{name}.doc》请在人人文库网上搜索。",
)
FURNITURE_BELOW = (
    "展开阅读全文",
    "相关资源",
    "更多",
    "2023年区委办公室工作总结范文.doc",
    "街道2023年上半年工作总结(通用5篇).docx",
    "创建全国文明城市工作汇报材料.doc",
)


@dataclass(frozen=True)
class Preview:
    text: str  # the page as a text file
    chunks: tuple[str, ...]  # each chunk number with the characters around it, as the site put it


def _cut_points(body: str, size: int, anywhere: bool = False) -> list[int]:
    """Where the site cuts the text into chunks: about every ``size`` characters, between two
    Chinese characters (mid-word, mid-sentence), or ``anywhere`` exactly every ``size``."""
    if anywhere:
        return list(range(size, len(body) - 20, size))
    points, at = [], size
    while at < len(body) - 20:
        while at < len(body) and not (_HAN.match(body[at - 1]) and _HAN.match(body[at])):
            at += 1
        if at >= len(body) - 20:
            break
        points.append(at)
        at += size
    return points


def preview(seed: Seed, *, size: int = 600, one_line: bool = True, anywhere: bool = False) -> Preview:
    """A document-sharing site's preview of ``seed`` saved as a .doc: its lines joined (the
    breaks lost), numbered in chunks 1、 2、 … mid-sentence, the site's furniture above and below;
    the chunks on one line or each on a line of its own; cut between two characters of a word,
    or ``anywhere``."""
    lines = seed.lines()
    body = "".join(lines)
    name = lines[0] + "范文"
    cuts = _cut_points(body, size, anywhere)
    pieces = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)])]
    numbered = [f"{n}、{piece}" for n, piece in enumerate(pieces, 1)]
    contexts = tuple(f"{pieces[n - 1][-3:]}{n + 1}、{pieces[n][:3]}" for n in range(1, len(pieces)))
    above = [line.format(name=name, pages=len(pieces) + 2) for line in FURNITURE_ABOVE]
    chunked = ["".join(numbered)] if one_line else numbered
    return Preview("\n\n".join([*above, *chunked, *FURNITURE_BELOW]) + "\n", contexts)


def imported(text: str, name: str = "总结.txt") -> ImportResult:
    return import_document(text.encode("utf-8"), name=name)


def rendered(result: ImportResult) -> str:
    return "".join(write(render_page(r.report), "txt").decode() for r in (result, *result.more))


def character_share(clean: str, copy: str) -> float:
    """The share of the clean text's characters (not spaces) that the copy has too."""
    want = collections.Counter(c for c in clean if not c.isspace())
    have = collections.Counter(c for c in copy if not c.isspace())
    return sum((want & have).values()) / max(sum(want.values()), 1)


# What of the furniture above must never be printed: a piece of each line.
JUNK = (
    "范文",
    ".doc",
    "上传人",
    "文档编号",
    "_第",
    "免费预览",
    "资源描述",
    "由会员分享",
    "展开阅读全文",
    "相关资源",
    "通用5篇",
)


def junk_lines(output: str, preview: Preview) -> list[str]:
    """The printed lines that hold the site's furniture, or a chunk number where it put one."""
    return [
        line
        for line in output.splitlines()
        if line.strip() in FURNITURE_BELOW or any(sign in line for sign in (*JUNK, *preview.chunks))
    ]


def headings_per_level(result: ImportResult) -> list[int]:
    counts = [0, 0, 0, 0]

    def walk(items: list, level: int) -> None:  # type: ignore[type-arg]
        for item in items:
            if item.is_heading:
                counts[level - 1] += 1
            walk(item.items, level + 1)

    for _, part in result.report.all_parts():
        counts[0] += 1
        walk(part.items, part.item_level)
    return counts


def part_titles(result: ImportResult) -> list[str | None]:
    return [part.title for _, part in result.report.all_parts()]
