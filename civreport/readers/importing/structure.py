"""A summary recognised in a document's paragraphs: the title and what it names, recipients,
opening and lead-in; parts with their roles, items, points and tables; closing, attachments,
sign-off and date. The result is the plain data an input file holds, and notes on what could
not be placed, which the input file carries as comments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from pydantic import ValidationError

from ...model import KINDS, Item, Period, PeriodError, Report
from ...model.genre import CLOSING, ends_with_lead_in, role_of
from ...model.limits import FIRST_YEAR, MAX_NAME, MAX_TITLE
from ...model.numerals import CN_DIGITS, HEADING_LEVELS
from ...model.parts import MAX_COLUMNS
from .dates import parse_date
from .enumerations import points
from .headings import TITLE_CHARS, marker
from .outline import Node, outline
from .runin import bounded_title
from .source import SourceBlock

PLACEHOLDER = "××"  # what the genre writes for a name not yet filled in
_SENTENCE = re.compile(r"^.*?[。！？]")
_KINDS = sorted(KINDS, key=len, reverse=True)  # the longest first: 工作情况汇报 before 工作汇报
_PERIOD = (
    rf"(?:\d{{4}}|[零{CN_DIGITS}]{{4}})年(?:度|全年|上半年|下半年|前三季度|第?[一二三四1-4]季度|"
    r"\d{1,2}[—\-～~至]\d{1,2}月|\d{1,2}月份?)?"
)
# What a document's title ends with: a title over two lines goes on until one of these.
_DOCUMENT_KIND = re.compile(
    r"(?:通知|报告|总结|汇报|讲话|发言|意见|方案|请示|决定|办法|规定|纪要|说明|计划|要点|通报|批复|函)$"
)
_SPEAKER = re.compile(
    r"^[\u4e00-\u9fff]{0,12}(?:书记|主任|局长|县长|市长|区长|镇长|乡长|部长|主席|处长|厅长|省长|组长|"
    r"校长|院长|经理|董事长|委员)\s*[\u4e00-\u9fff·]{2,4}$"
)
_PART_OF_YEAR = re.compile(r"\d{4}年(?:上半年|下半年|前三季度|第[一二三四1-4]季度|\d{1,2}[—\-～~至]\d{1,2}月)")
_TITLE = re.compile(rf"^(?:关于)?(?P<office>.*?)(?P<period>{_PERIOD})(?P<subject>.*?)(?P<kind>{'|'.join(_KINDS)})$")
# A title without a period: the office is a place or body the subject follows (某区创建全国文明城市工作总结).
_OFFICE_FIRST = re.compile(
    r"^(?:关于)?(?P<office>.{1,24}?(?:区|县|市|镇|乡|街道|办事处|局|委|委员会|办公室|中心|园|政府|公司|"
    r"学校|医院|社区|村))(?=创建|创文|创卫|开展|推进|加强|深化|巩固|争创|做好|文明|精神|全国|全省|城市)"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_NAME = re.compile(r"^[\u4e00-\u9fff（）()·A-Za-z0-9×X*＊\s]{2,40}$")
_ORGANISATION = re.compile(
    r"(?:委员会|办公室|办事处|政府|委|局|厅|部|处|科|室|中心|院|所|站|队|社|会|组|街道|镇|乡|村|社区|园区?|"
    r"公司|集团|学校|大学|医院|支部|党组|办|馆|署|团)$"
)
_ATTACHMENTS = re.compile(r"^附\s*件\s*[:：]\s*")
_NUMBERED = re.compile(r"^\d+[.．、]\s*")
_TITLE_STYLE = re.compile(r"^(?:title|h1|标题|公文标题|文章标题|大标题)$", re.IGNORECASE)


@dataclass(frozen=True)
class Note:
    """Text the importer could not place, and where the input file shows it as a comment:
    before the field ``before``, or at the end."""

    before: str | None
    line: int
    text: str


@dataclass
class Recognised:
    data: dict[str, Any]
    notes: list[Note] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    guesses: dict[str, str] = field(default_factory=dict)  # field → why its value is a guess


# -- the date, the sign-off and what comes before them -------------------------


def _back(blocks: list[SourceBlock], out: Recognised) -> list[SourceBlock]:
    """Take the date, sign-off, attachments and closing off the end; the rest is returned."""
    end = len(blocks)
    day = parse_date(blocks[end - 1].text) if end and blocks[end - 1].rows is None else None
    if day:
        out.data["date"] = day.isoformat()
        end -= 1
    names: list[str] = []
    while end and len(names) < 3 and blocks[end - 1].rows is None:
        text = blocks[end - 1].text.strip()
        # An office signs (……办公室); above a date, a person may (李建国), nearest the date only.
        person = bool(day) and not names and len(text) <= 4
        if not _NAME.match(text) or marker(text) or not (_ORGANISATION.search(text) or person):
            break
        names.insert(0, text)
        end -= 1
        if not day:
            break  # without a date, only a last line that names an office signs
    attachments: list[str] = []
    for i in range(end - 1, max(end - 12, -1), -1):
        if blocks[i].rows is None and _ATTACHMENTS.match(blocks[i].text):
            first = _ATTACHMENTS.sub("", blocks[i].text)
            attachments = [
                _NUMBERED.sub("", b.text).strip()
                for b in [SourceBlock(first, blocks[i].line), *blocks[i + 1 : end]]
                if b.rows is None
            ]
            if all(attachments) and all(b.rows is None for b in blocks[i + 1 : end]):
                end = i
                break
            attachments = []
    closing: list[str] = []
    while end and blocks[end - 1].rows is None and CLOSING.search(blocks[end - 1].text):
        closing.insert(0, blocks[end - 1].text)
        end -= 1
    if closing:
        out.data["closing"] = closing
    if attachments:
        out.data["attachments"] = attachments
    out.data["signoff"] = (names[0] if len(names) == 1 else names) if names else False
    return blocks[:end]


# -- the title and what it names ----------------------------------------------------


def _is_title_line(block: SourceBlock) -> bool:
    text = block.text
    if block.rows is not None or marker(text) or len(text) > MAX_TITLE:
        return False
    if block.style and _TITLE_STYLE.match(block.style.strip()):
        return True
    return len(text) <= 60 and not text.endswith(("。", "；", "，", "：", ":", "！"))


def _front(blocks: list[SourceBlock], out: Recognised) -> tuple[str | None, list[SourceBlock]]:
    """Take the title, subtitle and recipients off the start; the title and the rest."""
    lines, i = [], 0
    if blocks and _is_title_line(blocks[0]):
        lines, i = [blocks[0].text], 1
        # A title set over two lines: the second completes it (…工作总结), unless it is a subtitle.
        while (
            i < len(blocks)
            and len(lines) < 3
            and _is_title_line(blocks[i])
            and not blocks[i].text.startswith("—")
            and not _TITLE.match(lines[-1])
            and not _SPEAKER.match(blocks[i].text)
            and (
                _TITLE.match("".join(lines) + blocks[i].text)
                or (_DOCUMENT_KIND.search(blocks[i].text) and not _DOCUMENT_KIND.search(lines[-1]))
            )
        ):
            lines.append(blocks[i].text)
            i += 1
        # Under the title: ——在……会议上的讲话, a speaker (县委书记 李建国), a date in brackets.
        subtitle: list[str] = []
        while (
            i < len(blocks)
            and blocks[i].rows is None
            and len(subtitle) < 2
            and (
                (not subtitle and (blocks[i].text.startswith("—") or _SPEAKER.match(blocks[i].text)))
                or (parse_date(blocks[i].text) and blocks[i].text.startswith(("（", "(")))
            )
        ):
            subtitle.append(blocks[i].text)
            i += 1
        if subtitle:
            out.data["subtitle"] = "".join(subtitle)
    if (
        i < len(blocks)
        and blocks[i].rows is None
        and blocks[i].text.endswith(("：", ":"))
        and len(blocks[i].text) <= 40
        and not ends_with_lead_in(blocks[i].text)
        and not marker(blocks[i].text)
    ):
        out.data["recipients"] = blocks[i].text.rstrip("：:")
        i += 1
    return "\n".join(lines) or None, blocks[i:]


def _names(title: str | None, texts: list[str], out: Recognised) -> None:
    """Office, period, subject and kind from the title; an explicit title where they do not
    compose it as written."""
    data = out.data
    flat = (title or "").replace("\n", "")
    m = _TITLE.match(flat)
    office = m["office"].strip() if m else ""
    if not office and (first := _OFFICE_FIRST.match(flat)):
        office, flat_subject = first["office"], flat[first.end() :]
    else:
        flat_subject = m["subject"] if m else flat
    period_text = m["period"] if m and m["period"] else ""
    if m and m["period"]:
        data["subject"] = m["subject"].strip() or "工作"
        data["kind"] = m["kind"]
    else:
        kind = next((k for k in _KINDS if flat.endswith(k.removeprefix("工作"))), None)
        data["subject"] = re.sub(r"(?:工作)?(?:开展)?(?:情况)?(?:汇报|总结|报告)+$", "", flat_subject) or PLACEHOLDER
        if kind:
            data["kind"] = kind
        if not flat:
            out.guesses["subject"] = "原文没有标题，请填写工作主题"
            # 汇报如下 … 特此汇报: without a title the lead-in and closing name the kind.
            said = "".join([*texts[:3], *data.get("closing", [])])
            if kind := "工作汇报" if "汇报" in said else "工作情况报告" if "报告" in said else None:
                data["kind"] = kind
                out.guesses["kind"] = f"原文没有标题，文种取自正文中的“{kind[-2:]}”"
    signoff = data.get("signoff")
    named = signoff if isinstance(signoff, str) else signoff[0] if isinstance(signoff, list) else None
    if office:
        data["office"] = office
    elif named:
        data["office"] = named
        out.guesses["office"] = "标题中没有发文机关，取自落款"
    else:
        data["office"] = PLACEHOLDER
        out.guesses["office"] = "原文没有写明发文机关，请填写"
    try:
        data["period"] = Period.parse(period_text).code() if period_text else None
    except PeriodError:
        data["period"] = None
    if data["period"] is None:
        # 现将我局2024年上半年……汇报如下: the opening names the period the title left out.
        for named_period in (m[0] for text in texts[:3] for m in _PART_OF_YEAR.finditer(text)):
            try:
                data["period"] = Period.parse(named_period).code()
            except PeriodError:
                continue
            out.guesses["period"] = f"标题中没有期间，取自开头的“{named_period}”"
            break
    if data["period"] is None:
        years = [int(y) for y in _YEAR.findall(" ".join([flat, *texts])) if FIRST_YEAR <= int(y) <= date.today().year]
        year = int(data["date"][:4]) if "date" in data else max(years) if years else date.today().year
        data["period"] = str(year)
        out.guesses["period"] = (
            "标题中没有期间，取成文日期的年份"
            if "date" in data
            else f"标题中没有期间，取正文中最近的年份 {year}"
            if years
            else "原文没有写明期间，请填写"
        )
    if title and "".join(_composed_title(data)) != flat:
        data["title"] = title
    elif not title:
        out.warnings.append("原文没有标题：标题将由发文机关、期间、主题和文种组成，请核对")


def _composed_title(data: dict[str, Any]) -> list[str]:
    try:
        probe = Report.model_validate({k: data[k] for k in ("office", "period", "subject", "kind") if k in data})
    except ValidationError:
        return []
    return probe.title_segments()


# -- the body ------------------------------------------------------------------------------


def split_heading(text: str, part: bool = False) -> tuple[str, str | None]:
    """A heading's title and the text that runs on after it: （一）强化组织领导。正文…… gives
    (强化组织领导, 正文……). A single long sentence is text under a number, with no title."""
    m = _SENTENCE.match(text)
    if not m or m.end() == len(text):
        if len(text) <= TITLE_CHARS or part:
            return text.removesuffix("。"), None
        return "", text
    first = m[0]
    if len(first) > TITLE_CHARS + 1:
        return ("", text) if not part else (text, None)
    return first.removesuffix("。"), text[m.end() :].strip() or None


def _table(block: SourceBlock, title: str | None, out: Recognised) -> dict[str, Any] | None:
    rows = [list(row) for row in block.rows or () if any(cell.strip() for cell in row)]
    width = max((len(row) for row in rows), default=0)
    if len(rows) < 2 or width > MAX_COLUMNS:
        return None
    rows = [row + [""] * (width - len(row)) for row in rows]
    return ({"title": title} if title else {}) | {"header": rows[0], "rows": rows[1:]}


def _table_text(block: SourceBlock) -> SourceBlock:
    return SourceBlock("　".join(c for row in block.rows or () for c in row if c.strip()), block.line)


def _is_table_title(text: str) -> bool:
    return len(text) <= 30 and not text.endswith(("。", "；", "，", "：", "！", "？"))


def _fields(content: list[SourceBlock], out: Recognised) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A part's or item's paragraphs, points and tables; what follows a table, as untitled items
    (printed after it, before any numbered items)."""
    texts: list[str] = []
    i = 0
    while i < len(content) and content[i].rows is None:
        texts.append(content[i].text)
        i += 1
    tables: list[dict[str, Any]] = []
    while i < len(content) and content[i].rows is not None:
        title = texts[-1] if not tables and texts and _is_table_title(texts[-1]) else None
        table = _table(content[i], title, out)
        if table is None:
            out.warnings.append(f"第 {content[i].line} 行：只有一行或超过 {MAX_COLUMNS} 列的表格，按段落导入")
            if tables:
                break
            texts.append(_table_text(content[i]).text)
        else:
            if title:
                texts.pop()
            tables.append(table)
        i += 1
    fields = points(texts) | ({"tables": tables} if tables else {})
    extra: list[dict[str, Any]] = []
    if i < len(content):
        rest, more = _fields(content[i:], out)
        extra = [rest, *more]
    return fields, extra


def _flatten(node: Node) -> list[SourceBlock]:
    """A heading deeper than four levels, as the text it is: its paragraph, what it holds."""
    assert node.block
    return [node.block, *node.content, *(b for child in node.children for b in _flatten(child))]


def _item(node: Node, level: int, out: Recognised) -> dict[str, Any]:
    title, first = split_heading(node.text)
    if title and first is None and node.text.endswith("。") and not node.content and not node.children:
        title, first = "", node.text  # a numbered sentence (2.对绿化带……清除。): text, its 。 kept
    if not title and node.children:
        title, first = _bounded(node, node.text, out)
    children = node.children
    content = _content(node, first)
    if level >= HEADING_LEVELS and children:
        content += [b for child in children for b in _flatten(child)]
        children = []
        out.warnings.append(f"第 {node.block.line if node.block else 0} 行以下：标题超过四级，更深的标题按正文导入")
    fields, extra = _fields(content, out)
    if not title and extra:
        title, first = _bounded(node, node.text, out)
        fields, extra = _fields(_content(node, first), out)
    item: dict[str, Any] = ({"title": title} if title else {"numbered": True}) | fields
    items = extra + [_item(child, level + 1, out) for child in children]
    if items:
        item["items"] = items
    if title:
        try:
            default = Item.model_validate(item).runs_in
        except ValidationError:
            default = first is not None
        if default != (first is not None):
            item["run_in"] = first is not None
    return item


def _content(node: Node, first: str | None) -> list[SourceBlock]:
    """What stands under a heading: the text run in after its title, then its paragraphs."""
    return ([SourceBlock(first, node.block.line)] if first and node.block else []) + node.content


def _bounded(node: Node, title: str, out: Recognised) -> tuple[str, str | None]:
    """A heading's title no longer than a heading may be, and the text past it (said in a warning)."""
    kept, rest = bounded_title(title)
    if rest is not None:
        out.warnings.append(
            f"第 {node.block.line if node.block else 0} 行：标题长于 {MAX_NAME} 字，已在“{kept[-12:]}”之后截断，"
            "其后的文字作为正文：请核对标题与正文的分界"
        )
    return kept, rest


def _part(node: Node, out: Recognised) -> dict[str, Any]:
    title, first = split_heading(node.text, part=True)
    if first is None:
        title, first = _bounded(node, title, out)
    part: dict[str, Any] = {"title": title}
    if role := role_of(title):
        part = {"role": role} | part
    item_level = 2
    first_child = node.children[0].marker if node.children else None
    if first_child and first_child.level >= 3:
        part["item_numbers"] = "1."
        item_level = 3
    fields, extra = _fields(_content(node, first), out)
    part |= fields
    items = extra + [_item(child, item_level, out) for child in node.children]
    if items:
        part["items"] = items
    return part


def _layout_tables(blocks: list[SourceBlock]) -> list[SourceBlock]:
    """Tables Word users lay text out with, read as the text they hold: a table of one filled
    cell (a title in a box), and a small table at the end holding the sign-off and its date."""
    out: list[SourceBlock] = []
    for index, block in enumerate(blocks):
        cells = [cell for row in block.rows or () for cell in row if cell.strip()]
        at_end = index == len(blocks) - 1
        if block.rows is not None and (
            len(cells) == 1
            or (at_end and len(cells) <= 4 and all(len(c) <= 40 for c in cells) and any(parse_date(c) for c in cells))
        ):
            out += [
                replace(block, text=line.strip(), rows=None)
                for cell in cells
                for line in cell.split("\n")
                if line.strip()
            ]
        else:
            out.append(block)
    return out


def recognise(blocks: list[SourceBlock]) -> Recognised:
    """The data of an input file for the summary in ``blocks``."""
    out = Recognised({})
    body = _back(_layout_tables(blocks), out)
    title, body = _front(body, out)
    levels = _style_levels(body)
    tree = outline(body, levels)
    opening = [b for b in tree.content if b.rows is None]
    for table in (b for b in tree.content if b.rows is not None):
        out.notes.append(
            Note(
                "opening",
                table.line,
                "开头中的表格无法放入开头：\n" + "\n".join("\t".join(row) for row in table.rows or ()),
            )
        )
    _names(title, [b.text for b in body if b.rows is None], out)
    data = out.data
    if opening:
        data["opening"] = [b.text for b in opening]
    if not (opening and ends_with_lead_in(opening[-1].text)):
        data["lead_in"] = False
    if tree.children:
        data["parts"] = [_part(child, out) for child in tree.children]
    order = (
        "office",
        "period",
        "subject",
        "kind",
        "date",
        "title",
        "subtitle",
        "recipients",
        "opening",
        "lead_in",
        "parts",
        "closing",
        "attachments",
        "signoff",
    )
    out.data = {key: data[key] for key in order if key in data}
    return out


def _style_levels(blocks: list[SourceBlock]) -> dict[int, int]:
    """Heading levels that styles give paragraphs without a number, counted from the highest."""
    styled = {i: b.level for i, b in enumerate(blocks) if b.level and b.rows is None and not marker(b.text)}
    if not styled:
        return {}
    top = min(b.level for b in blocks if b.level)
    return {i: level - top + 1 for i, level in styled.items()}
