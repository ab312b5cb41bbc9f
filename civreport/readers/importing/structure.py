"""A summary recognised in a document's paragraphs: the title and what it names, recipients,
opening and lead-in; parts with their roles, items, points and tables; closing, attachments,
sign-off and date. The result is the plain data an input file holds, with the warnings and
guesses the input file carries as comments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from pydantic import ValidationError

from ...model import Item, Report
from ...model.genre import CLOSING, default_heading, ends_with_lead_in, role_of, roles_named
from ...model.limits import MAX_ITEMS, MAX_NAME, MAX_TITLE
from ...model.numerals import HEADING_LEVELS
from .dates import parse_date
from .enumerations import points
from .fitting import fit
from .guesses import ORGANISATION, SEAL, TITLE, names
from .headings import TITLE_CHARS, marker
from .outline import Node, outline
from .runin import bounded_title
from .source import SourceBlock
from .tables import AS_ROWS, body_tables, is_caption, laid_out, row_texts
from .tables import name as table_name

_SENTENCE = re.compile(r"^.*?[。！？]")
# What a document's title ends with: a title over two lines goes on until one of these.
_DOCUMENT_KIND = re.compile(
    r"(?:通知|报告|总结|汇报|讲话|发言|意见|方案|请示|决定|办法|规定|纪要|说明|计划|要点|通报|批复|函)$"
)
_SPEAKER = re.compile(
    r"^[\u4e00-\u9fff]{0,12}(?:书记|主任|局长|县长|市长|区长|镇长|乡长|部长|主席|处长|厅长|省长|组长|"
    r"校长|院长|经理|董事长|委员)\s*[\u4e00-\u9fff·]{2,4}$"
)
_NAME = re.compile(r"^[\u4e00-\u9fff（）()·A-Za-z0-9×X*＊\s]{2,40}$")
_ATTACHMENTS = re.compile(r"^附\s*件\s*[:：]\s*")
_NUMBERED = re.compile(r"^\d+[.．、]\s*")
_TITLE_STYLE = re.compile(r"^(?:title|h1|标题|公文标题|文章标题|大标题)$", re.IGNORECASE)


@dataclass
class Recognised:
    data: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    guesses: dict[str, str] = field(default_factory=dict)  # field → why its value is a guess


# -- the date, the sign-off and what comes before them -------------------------


def _back(blocks: list[SourceBlock], out: Recognised) -> list[SourceBlock]:
    """Take the date, sign-off, attachments and closing off the end; the rest is returned."""
    end = len(blocks)
    day = parse_date(blocks[end - 1].text) if end and blocks[end - 1].rows is None else None
    dated = blocks[end - 1] if day else None
    if day:
        out.data["date"] = day.isoformat()
        end -= 1
    names: list[str] = []
    while end and len(names) < 3 and blocks[end - 1].rows is None:
        text = blocks[end - 1].text.strip()
        # An office signs (……办公室); above a date, a person may (李建国), nearest the date only.
        person = bool(day) and not names and len(text) <= 4
        if not _NAME.match(text) or marker(text) or not (ORGANISATION.search(SEAL.sub("", text)) or person):
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
    if dated and not names:  # the date prints under the sign-off, and there is none
        out.warnings.append(
            f"第 {dated.line} 行的成文日期“{dated.text}”上面没有落款：日期已导入，但没有落款时不印日期；"
            "要印出日期，请写明落款（发文机关）"
        )
    return blocks[:end]


# -- the title and what it names ----------------------------------------------------


def _is_title_line(block: SourceBlock) -> bool:
    text = block.text
    if block.rows is not None or block.number or marker(text) or len(text) > MAX_TITLE:
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
            and len("".join(lines) + blocks[i].text) <= MAX_TITLE
            and not blocks[i].text.startswith("—")
            and not TITLE.match(lines[-1])
            and not _SPEAKER.match(blocks[i].text)
            and (
                TITLE.match("".join(lines) + blocks[i].text)
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


def _names(title: str | None, opening: list[str], texts: list[str], out: Recognised) -> None:
    """Office, period, subject and kind, from the title where it names them, else guessed (see
    :mod:`.guesses`); an explicit title where they do not compose it as written."""
    data = out.data
    flat = (title or "").replace("\n", "")
    signoff = data.get("signoff")
    signed = signoff if isinstance(signoff, str) else signoff[0] if isinstance(signoff, list) else None
    written = date.fromisoformat(data["date"]) if "date" in data else None
    # Without a title, the lead-in and closing name the kind (汇报如下 … 特此汇报).
    named = names(flat, opening if flat else [*texts[:3], *data.get("closing", [])], texts, signed, written)
    data |= {"office": named.office, "period": named.period, "subject": named.subject}
    if named.kind:
        data["kind"] = named.kind
    out.guesses |= named.guesses
    if not flat:
        out.guesses["subject"] = "原文没有标题，请填写工作主题"
    if title and _composed_title(data) != flat:
        data["title"] = title
    elif not title:
        out.warnings.append("原文没有标题：标题将由发文机关、期间、主题和文种组成，请核对")


def _composed_title(data: dict[str, Any]) -> str:
    try:
        probe = Report.model_validate({k: data[k] for k in ("office", "period", "subject", "kind") if k in data})
    except ValidationError:
        return ""
    return probe.composed_title()


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


def _fields(
    content: list[SourceBlock], out: Recognised, deepest: bool = False
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A part's or item's paragraphs, points and tables; what follows a table, as untitled items
    (printed after it, before any numbered items). Under an item of the fourth level, which can
    hold no items, text after a table joins the text before it, and the import says so."""
    texts: list[str] = []
    i = 0
    while i < len(content) and content[i].rows is None:
        texts.append(content[i].text)
        i += 1
    tables: list[dict[str, Any]] = []
    while i < len(content) and (content[i].rows is not None or deepest):
        if content[i].rows is None:
            out.warnings.append(
                f"第 {content[i].line} 行：第四级标题下表格之后的文字已移到表格之前（标题最多四级），请核对"
            )
            texts.append(content[i].text)
            i += 1
            continue
        caption = texts[-1] if not tables and texts and is_caption(texts[-1]) else None
        found = body_tables(content[i], caption, out.warnings)
        if found is None:
            if tables and not deepest:
                break  # paragraphs after a table: untitled text that follows it
            texts += row_texts(content[i])
        else:
            if caption:
                texts.pop()
            tables += found
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


def _within(children: list[Node], room: int, out: Recognised) -> list[Node]:
    """At most ``room`` headings under one heading (a list of 250 entries): the last one holds
    the rest, and what all of them hold, as text, numbers as written."""
    if len(children) <= room:
        return children
    room = max(room, 1)
    last = children[room - 1]
    rest = [b for child in [*last.children, *children[room:]] for b in _flatten(child)]
    out.warnings.append(
        f"第 {rest[0].line} 行起：一处最多 {MAX_ITEMS} 个条目，这里有 {len(children)} 个：第 {room} 个之后的条目已作为它的正文，"
        "序号照原文，请核对，把它们分到几处或删减"
    )
    return [*children[: room - 1], Node(last.marker, last.block, [*last.content, *rest])]


def _typed_again(node: Node, out: Recognised) -> None:
    if node.block and (typed := node.typed_again):
        out.warnings.append(
            f"第 {node.block.line} 行的标题“{node.block.text[:24]}”有两个序号：手写的“{typed.strip()}”已去掉，序号由 civreport 生成"
        )


def _item(node: Node, level: int, out: Recognised) -> dict[str, Any]:
    _typed_again(node, out)
    title, first = split_heading(node.text)
    if title and first is None and node.text.endswith(("。", "；")) and not node.content and not node.children:
        title, first = "", node.text  # a numbered sentence (2.对绿化带……清除。): text, its 。 or ； kept
    if not title and node.children:
        title, first = _bounded(node, node.text, out)
    children = node.children
    content = _content(node, first)
    if level >= HEADING_LEVELS and children:
        content += [b for child in children for b in _flatten(child)]
        children = []
        out.warnings.append(f"第 {node.block.line if node.block else 0} 行以下：标题超过四级，更深的标题按正文导入")
    fields, extra = _fields(content, out, deepest=level >= HEADING_LEVELS)
    if not title and extra:
        title, first = _bounded(node, node.text, out)
        fields, extra = _fields(_content(node, first), out)
    item: dict[str, Any] = ({"title": title} if title else {"numbered": True}) | fields
    items = extra + [_item(child, level + 1, out) for child in _within(children, MAX_ITEMS - len(extra), out)]
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
    _typed_again(node, out)
    title, first = split_heading(node.text, part=True)
    if first is None:
        title, first = _bounded(node, title, out)
    part: dict[str, Any] = {"title": title}
    if role := role_of(title):
        part = {"role": role} | part
    elif len(both := roles_named(title)) > 1 and node.block:
        named = "又是".join(f"“{default_heading(r)}”" for r in both)
        out.warnings.append(
            f"第 {node.block.line} 行的部分“{title}”既是{named}：保留为一个部分，不归入其中一类；如要分开，请拆成两个部分"
        )
    item_level = 2
    first_child = node.children[0].marker if node.children else None
    if first_child and first_child.level >= 3:
        part["item_numbers"] = "1."
        item_level = 3
    fields, extra = _fields(_content(node, first), out)
    part |= fields
    items = extra + [_item(child, item_level, out) for child in _within(node.children, MAX_ITEMS - len(extra), out)]
    if items:
        part["items"] = items
    return part


def recognise(blocks: list[SourceBlock]) -> Recognised:
    """The data of an input file for the summary in ``blocks``."""
    out = Recognised({})
    body = _back(laid_out(blocks, out.warnings), out)
    title, body = _front(body, out)
    levels = _style_levels(body)
    tree = outline(body, levels)
    opening: list[SourceBlock] = []
    for block in tree.content:
        if block.rows is None:
            opening.append(block)
        else:  # the opening holds paragraphs only: a table there is read as its rows
            out.warnings.append(
                f"{table_name(block)}在第一个标题之前，开头只能是段落：{AS_ROWS}；如要排成表格，请把它移到某一部分中"
            )
            opening += [replace(block, text=text, rows=None) for text in row_texts(block)]
    _names(title, [b.text for b in opening], [b.text for b in body if b.rows is None], out)
    data = out.data
    if opening:
        data["opening"] = [b.text for b in opening]
    if not (opening and ends_with_lead_in(opening[-1].text)):
        data["lead_in"] = False
    if tree.children:
        data["parts"] = [_part(child, out) for child in tree.children]
    fit(data, out.warnings)
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
