"""What document sites add to a summary copied from them, and what the importer drops: lines
(navigation, source and share lines, download and page notes, lists of other articles; an
official document's red header, number, contact note and distribution block) and pieces of
lines (advertising, URLs, pinyin after characters, page-chunk numbers). Every drop
is listed with its line, so no character of the source goes missing unseen."""

from __future__ import annotations

import re
from dataclasses import replace

from .headings import marker
from .paragraphs import joined
from .source import Drop, SourceBlock

_S = r"[\s|｜]*"
# Whole lines a site adds, and why they go.
_LINES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^{_S}(?:当前位置|您的位置|您现在的位置|所在位置)[:：]|^{_S}首页\s*[>»›]"), "网站的导航"),
    (
        re.compile(
            rf"^{_S}(?:来源|作者|发布时间|发布日期|更新时间|时间|日期|浏览|浏览次数|阅读|点击|字号|责任编辑|编辑|投稿)"
            rf"\s*[:：].{{0,40}}$"
        ),
        "网站的来源、作者或发布信息",
    ),
    (
        re.compile(
            rf"^{_S}(?:原文地址|原文链接|本文地址|本文链接|文章地址|文章链接|转载请注明|转载自)\s*[:：]?\s*\S{{0,200}}$"
        ),
        "网站的来源、作者或发布信息",
    ),
    (re.compile(r"^\W*更多(?:精彩|相关|优质)?(?:内容|范文|文章|资料|文档).{0,20}$"), "广告"),
    (
        re.compile(
            r"^\W*(?:分享到|分享|打印本页|打印|收藏本文|收藏|关闭窗口|返回顶部|扫一扫|【打印】|【关闭】)\W*.{0,30}$"
        ),
        "网站的分享、打印按钮",
    ),
    (
        re.compile(
            r"^.{0,60}(?:小编|为大家整理|为大家收集|供大家参考|仅供参考|欢迎阅读|欢迎借鉴|希望对大家有|希望能帮助).{0,80}$"
        ),
        "网站的导语",
    ),
    (
        re.compile(
            r"^\W*(?:点击|免费|全文|文档|本文|word)?\s*下载\W*.{0,30}$|全文阅读已结束|下载本文|本文下载|\.docx?\s*下载",
            re.IGNORECASE,
        ),
        "下载提示",
    ),
    (
        re.compile(
            r"^\W*(?:第\s*\d+\s*页\s*[/／,，]?\s*)?共\s*\d+\s*页\W*$|^\W*(?:上一页|下一页|首页|尾页)(?:\W.{0,20})?$"
        ),
        "分页信息",
    ),
    (re.compile(r"^\W*(?:版权所有|copyright|©|本站声明|声明[:：]本站)", re.IGNORECASE), "版权声明"),
    # An official document's furniture around the text (GB/T 9704): the civreport page sets its own.
    (re.compile(r"^.{0,16}〔\d{4}〕\s*\d{1,4}\s*号$"), "公文的发文字号"),
    (
        re.compile(r"^\s*(?:抄送|主题词)\s*[:：]|^.{2,40}?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$"),
        "公文的版记",
    ),
    (re.compile(r"^[（(]\s*联系人\s*[:：].{0,80}[）)]$"), "公文的附注（联系人）"),
)
# The red header's line 发文机关标志: ……文件, at the top.
_ISSUER_MARK = re.compile(r"^(?!关于).{2,40}文件$")
# A list of other articles ends the page: it and everything after it go.
_TAIL = re.compile(
    r"^\W*(?:推荐访问|热门排行|热门推荐|相关推荐|相关文章|相关阅读|相关范文|延伸阅读|猜你喜欢|热门文章|最新文章|"
    r"精选范文|你可能感兴趣|上一篇|下一篇)"
)
# Pieces of a line a site adds.
_PIECES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\s*[\[【(（][^\[\]【】()（）]{0,100}?(?:https?://|www\.|\.com|\.cn|\.net|文秘网|范文网|公文网|文库|范文大全)"
            r"[^\[\]【】()（）]{0,100}[\]】)）]\s*",
            re.IGNORECASE,
        ),
        "广告",
    ),
    (re.compile(r"\s*(?:https?://|www\.)[\w./%?=&#:~+-]+\s*", re.IGNORECASE), "网址"),
    (
        re.compile(r"(?<=[\u4e00-\u9fff])[（(](?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*|[a-z]{2,6}[1-5]?)[）)]"),
        "拼音注音",
    ),
    (re.compile(r"\s*第\s*\d+\s*页\s*[/／]\s*共\s*\d+\s*页\s*"), "分页信息"),
    (re.compile(r"(?<=[\u4e00-\u9fff])`+(?=[\u4e00-\u9fff])"), "多余的符号"),
)
# What sites add to a title: 【完整版】 (通用16篇) 范文 精选5篇
_TITLE_SUFFIX = re.compile(
    r"\s*(?:【[^】]{1,8}】|[（(](?:通用|精选|最新|热门)?\d*篇?[)）]|(?:精选|通用)?\d+篇|范文(?:大全)?|"
    r"[（(](?:精选|最新|通用|范文)[^)）]{0,6}[)）])\s*$"
)
_FRONT = 12  # the lines a title and its duplicates stand in
_SENTENCE_END = "。！？；：…”’）)"


def _line_noise(text: str) -> str | None:
    return next((why for pattern, why in _LINES if pattern.search(text)), None)


def drop_noise(blocks: list[SourceBlock]) -> tuple[list[SourceBlock], list[Drop]]:
    """The paragraphs with what a site added taken out, and what was taken out."""
    drops: list[Drop] = []
    kept: list[SourceBlock] = []
    seen_titles: set[str] = set()
    tail = False
    for index, block in enumerate(blocks):
        if block.rows is not None:
            kept.append(block)
            continue
        text = block.text
        reason = "网站的推荐列表" if tail or (tail := bool(_TAIL.match(text))) else _line_noise(text)
        if not reason and index < 3 and _ISSUER_MARK.match(text):
            reason = "公文的版头（发文机关标志）"
        if reason:
            drops.append(Drop(block.line, text, reason))
            continue
        for pattern, why in _PIECES:
            drops.extend(Drop(block.line, piece[0].strip(), why) for piece in pattern.finditer(text))
            text = pattern.sub(lambda piece: " " if piece[0].startswith(" ") and piece[0].endswith(" ") else "", text)
        if text != block.text and (reason := _line_noise(text.strip())):  # 更多内容请访问（网址）查看
            drops.append(Drop(block.line, text.strip(), reason))
            continue
        if index < _FRONT:
            while (suffix := _TITLE_SUFFIX.search(text)) and suffix.start() > 0:
                drops.append(Drop(block.line, suffix[0].strip(), "网站加在标题后的字样"))
                text = text[: suffix.start()]
            if len(text) <= 60 and text in seen_titles:
                drops.append(Drop(block.line, text, "重复的标题"))
                continue
            seen_titles.add(text)
        text = text.strip()
        if not text:
            continue
        found = marker(text)
        if (
            found
            and not block.new_paragraph  # its format made it a paragraph (a Word list item): typed by no site
            and found.family == "1."
            and text[found.end - 1] == "、"
            and kept
            and kept[-1].rows is None
            and len(kept[-1].text) > 30
            and not kept[-1].text.endswith(tuple(_SENTENCE_END))
        ):
            # A site cut the text into chunks numbered 1、 2、 …, mid-sentence: the number goes.
            drops.append(Drop(block.line, text[: found.end].strip(), "网站插入的分段序号"))
            kept[-1] = replace(kept[-1], text=joined(kept[-1].text, text[found.end :]))
            continue
        kept.append(replace(block, text=text))
    return kept, drops
