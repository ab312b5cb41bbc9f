"""The report: a work summary as its input file states it."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BeforeValidator, ConfigDict, Field, Tag, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..diagnostics import Diagnostics, tell
from ..errors import FieldWarning
from .fields import SHAPE, CleanModel, Day, Name, Paragraph, StrictModel, Text, TitleText, collector, mapped_texts
from .frame import AttachmentEntry, CopyNo, DocumentNumber, Names, Secrecy, Urgency, attachment_name, parse_number
from .genre import KINDS, PART_ROLES, TYPED_NUMBER, TYPED_ORDINAL, Kind, PartRole, default_heading
from .indicators import REFERENCE, Indicator, IndicatorTable
from .limits import MAX_INDICATORS, MAX_ITEMS, MAX_TEXTS, MAX_TOTAL_TEXT
from .parts import BodyTable, Item, Part, Point
from .period import Period, RangeDash
from .walk import FieldText, TextKind


class PartHeadings(StrictModel):
    """Default headings of the parts; offices rename them (下段工作打算, 下半年工作安排 …)."""

    measures: Name = Field(default=default_heading("measures"), title=f"{default_heading('measures')}的标题")
    achievements: Name = Field(
        default=default_heading("achievements"), title=f"{default_heading('achievements')}的标题"
    )
    problems: Name = Field(default=default_heading("problems"), title=f"{default_heading('problems')}的标题")
    plans: Name = Field(default=default_heading("plans"), title=f"{default_heading('plans')}的标题")
    suggestions: Name = Field(default=default_heading("suggestions"), title=f"{default_heading('suggestions')}的标题")


class Source(StrictModel):
    """A report a roll-up was made from."""

    file: Text = Field(title="文件")
    office: Text = Field(title="发文机关")
    period: Period = Field(title="工作期间")
    texts: dict[Text, list[Text]] = Field(
        default_factory=dict,
        max_length=MAX_TEXTS,
        title="取自本来源的文字",
        description="汇总报告的字段 → 本来源中它所取自的字段，如 measures[0].items[1].body[0]: [measures[0].items[2].body[0]]",
    )


def _strip_typed(value: Any, pattern: re.Pattern[str], path: str, diagnostics: Diagnostics | None) -> Any:
    if not isinstance(value, str):
        return value
    match = pattern.match(value)
    if not match or not value[match.end() :].strip():
        return value
    tell(diagnostics, FieldWarning, f"去掉了手写的序号“{match[0].strip()}”，序号由 civreport 生成", path)
    return value[match.end() :]


def _strip_numbers(section: Any, path: str, diagnostics: Diagnostics | None) -> Any:
    """Titles and points of a part or item as written, less the numbers typed before them."""
    if not isinstance(section, dict):
        return section
    section = dict(section)
    if "title" in section:
        section["title"] = _strip_typed(section["title"], TYPED_NUMBER, f"{path}.title", diagnostics)
    if isinstance(section.get("points"), list):
        points = []
        for i, point in enumerate(section["points"]):
            where = f"{path}.points[{i}]"
            if isinstance(point, dict) and "title" in point:
                point = {**point, "title": _strip_typed(point["title"], TYPED_ORDINAL, f"{where}.title", diagnostics)}
            points.append(_strip_typed(point, TYPED_ORDINAL, where, diagnostics))
        section["points"] = points
    if isinstance(section.get("items"), list):
        section["items"] = [
            _strip_numbers(item, f"{path}.items[{i}]", diagnostics) for i, item in enumerate(section["items"])
        ]
    return section


def field_loc(path: str) -> tuple[str | int, ...]:
    """``measures[0].items[1].title`` → ("measures", 0, "items", 1, "title")."""
    return tuple(int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", path))


def _at(field: str, problem: str) -> PydanticCustomError:
    """A problem a report-wide check finds in one field: the loader reports it at that
    field's path and line (see readers.problems)."""
    return PydanticCustomError("field_problem", "{field}：{problem}", {"field": field, "problem": problem})


class TitlePiece(NamedTuple):
    """A piece of a composed title, which a line may break before: a name people wrote (the
    office, the subject), which it may also break inside, between its words; or a word of the
    genre's (the year, the period, the kind), which it may not."""

    text: str
    named: bool = True


class Report(CleanModel):
    """A work summary (工作总结) as the input file states it."""

    model_config = ConfigDict(title="civreport 工作总结")

    profile: Text | None = Field(
        default=None,
        title="办公室配置",
        description="办公室配置文件的路径（相对本文件）或配置目录中的名称；命令行 --office 优先",
    )
    office: Name = Field(title="发文机关", description="发文机关（单位）全称")
    period: Period = Field(title="工作期间")
    subject: Name = Field(title="工作主题", description="如“创建全国文明城市”")
    kind: Kind = Field(
        default="工作总结",
        title="文种",
        description=f"{'、'.join(KINDS)}（工作情况的报告，标题为“关于……工作情况的报告”）",
    )
    date: Day | None = Field(default=None, title="成文日期", description="YYYY-MM-DD；不写时为草稿，不印日期")
    title: TitleText | None = Field(
        default=None, title="标题", description="不写时由发文机关、期间、主题和文种组成；换行处即标题的分行处"
    )
    subtitle: Text | None = Field(default=None, title="副标题", description="标题下一行，如“——××工作总结”")
    recipients: Text | None = Field(default=None, title="主送机关", description="不写冒号，自动加全角冒号")
    opening: list[Paragraph] = Field(default_factory=list, max_length=MAX_ITEMS, title="开头", description="开头段落")
    lead_in: Annotated[Annotated[Text, Tag("~text")] | Annotated[Literal[False], Tag("~false")], SHAPE] | None = Field(
        default=None,
        title="引出语",
        description="开头结尾的“现将……总结如下：”；不写时自动生成，开头已有时不再添加；false：不要引出语",
    )
    headings: PartHeadings = Field(default_factory=PartHeadings, title="各部分默认标题")
    measures: list[Part] = Field(default_factory=list, max_length=MAX_ITEMS, title=default_heading("measures"))
    achievements: list[Part] = Field(default_factory=list, max_length=MAX_ITEMS, title=default_heading("achievements"))
    problems: list[Part] = Field(default_factory=list, max_length=MAX_ITEMS, title=default_heading("problems"))
    plans: list[Part] = Field(default_factory=list, max_length=MAX_ITEMS, title=default_heading("plans"))
    suggestions: list[Part] = Field(default_factory=list, max_length=MAX_ITEMS, title=default_heading("suggestions"))
    parts: list[Part] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        title="各部分（按书写顺序）",
        description="代替 measures 等字段，各部分按书写的顺序排列，每部分可用 role 写明作用",
    )
    closing: list[Paragraph] = Field(default_factory=list, max_length=MAX_ITEMS, title="结尾", description="结尾段落")
    signoff: (
        Annotated[
            Annotated[Name, Tag("~text")]
            | Annotated[list[Name], Tag("~list")]
            | Annotated[Literal[False], Tag("~false")],
            SHAPE,
        ]
        | None
    ) = Field(
        default=None,
        title="署名",
        description="落款的机关名称；几个机关联合署名时写成列表；false：不要落款；不写时用办公室配置的署名，再不写时同发文机关",
    )
    attachments: list[AttachmentEntry] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        title="附件",
        description="附件名称，不写序号；写成 {title, body, table} 时附件另起一页印在正文之后",
    )
    number: Annotated[DocumentNumber, BeforeValidator(parse_number)] | None = Field(
        default=None,
        title="发文字号",
        description="如“小河创城办〔2024〕12号”，或写成 {code, year, serial}；不写 code 时用办公室配置的机关代字",
    )
    signer: Annotated[Annotated[Name, Tag("~text")] | Annotated[Names, Tag("~list")], SHAPE] | None = Field(
        default=None, title="签发人", description="上行文的签发人；几人时写成列表，主办单位的在前"
    )
    copy_no: CopyNo | None = Field(default=None, title="份号", description="涉密公文的份号，1～6 位数字，印为 6 位")
    secrecy: Secrecy | None = Field(
        default=None, title="密级和保密期限", description="如“机密★1年”，或 {level: 机密, term: 1年}"
    )
    urgency: Urgency | None = Field(default=None, title="紧急程度", description="特急或加急")
    mark: Annotated[Annotated[Name, Tag("~text")] | Annotated[Names, Tag("~list")], SHAPE] | None = Field(
        default=None,
        title="发文机关标志",
        description="如“小河区创城办文件”；联合行文写成各机关名称的列表，主办机关在前；不写时用办公室配置的 mark",
    )
    cc: list[Name] = Field(default_factory=list, max_length=MAX_ITEMS, title="抄送机关", description="版记中的抄送机关")
    printed_by: Name | None = Field(
        default=None, title="印发机关", description="版记中的印发机关；不写时用办公室配置的 printed_by"
    )
    printed_on: Day | None = Field(default=None, title="印发日期", description="YYYY-MM-DD")
    note: Text | None = Field(default=None, title="附注", description="成文日期下一行，居左空二字，加圆括号")
    range_dash: RangeDash | None = Field(
        default=None, title="范围连接号", description="月份范围的连接号：— 或 ～；不写时按办公室配置（默认 —）"
    )
    indicators: list[Indicator] = Field(
        default_factory=list, max_length=MAX_INDICATORS, title="指标", description="报告的主要指标"
    )
    table: IndicatorTable | None = Field(default=None, title="指标表", description="不写时不印指标表")
    sources: list[Source] = Field(
        default_factory=list, max_length=MAX_ITEMS, title="汇总来源", description="由 civreport rollup 填写"
    )

    @model_validator(mode="before")
    @classmethod
    def _typed_numbers(cls, data: Any, info: ValidationInfo) -> Any:
        """Numbers typed before the titles of parts and items (（一）强化组织领导) and ordinals
        before points (一是……) are dropped with a warning: civreport numbers them."""
        if not isinstance(data, dict):
            return data
        fields = [*PART_ROLES, "parts"]
        found = collector(info)
        return {
            key: [_strip_numbers(part, f"{key}[{i}]", found) for i, part in enumerate(value)]
            if key in fields and isinstance(value, list)
            else value
            for key, value in data.items()
        }

    @field_validator("lead_in", "signoff", mode="before")
    @classmethod
    def _false_words(cls, value: Any) -> Any:
        """YAML 1.1 read yes/no/on/off as true/false, YAML 1.2 (civreport's) reads them as text:
        printed as a lead-in or a sign-off, such a word is surely a false meant, so it is
        refused rather than printed."""
        if isinstance(value, str) and value.strip().lower() in ("yes", "no", "on", "off"):
            raise PydanticCustomError("false_word", "“{word}”会被当作文字印出；如果是不要，请写 false", {"word": value})
        return value

    def all_parts(self) -> list[tuple[PartRole | None, Part]]:
        """The parts in print order with their roles: ``parts`` as written, else the role
        lists in role order. Empty parts are left out."""
        return [(role, part) for role, _, part in self.printed_parts()]

    def printed_parts(self) -> list[tuple[PartRole | None, str, Part]]:
        """The parts that print, in print order, with their roles and field paths."""
        return [(role, path, part) for role, path, part in self.parts_with_paths() if not part.is_empty]

    def blocks(self) -> Iterator[tuple[str, Part | Item]]:
        """Every part and item with its field path, each before the items under it, in the
        order of the fields (the role lists, then ``parts``)."""

        def walk(node: Part | Item, path: str) -> Iterator[tuple[str, Part | Item]]:
            yield path, node
            for i, item in enumerate(node.items):
                yield from walk(item, f"{path}.items[{i}]")

        for _, path, part in self.parts_with_paths():
            yield from walk(part, path)

    def _every_indicator(self) -> Iterator[tuple[str, Indicator]]:
        """The report's indicators, then its items', in reading order, with their field paths."""
        yield from ((f"indicators[{i}]", indicator) for i, indicator in enumerate(self.indicators))
        for path, node in self.blocks():
            if isinstance(node, Item):
                yield from ((f"{path}.indicators[{j}]", indicator) for j, indicator in enumerate(node.indicators))

    def all_indicators(self) -> dict[str, Indicator]:
        """Every indicator of the report and its items, by key."""
        return {i.key: i for _, i in self._every_indicator()}

    def all_texts(self) -> list[FieldText]:
        """Every text a reader sees, in reading order, each with what it is (see
        :mod:`civreport.model.walk`)."""
        out = [
            FieldText(name, value, "doc_title" if name in ("title", "subtitle") else "front")
            for name in ("office", "subject", "title", "subtitle", "recipients")
            if isinstance(value := getattr(self, name), str)
        ]
        out += [FieldText(f"opening[{i}]", t, "paragraph") for i, t in enumerate(self.opening)]
        if isinstance(self.lead_in, str):
            out.append(FieldText("lead_in", self.lead_in, "lead_in"))
        if self.table is not None:
            out.append(FieldText("table.title", self.table.title, "caption"))
        for role, path, part in self.parts_with_paths():
            out += _node_texts(part, path, role, ())
        out += [FieldText(f"closing[{i}]", t, "paragraph") for i, t in enumerate(self.closing)]
        out += [
            FieldText(_attachment_path(i, a), attachment_name(a), "attachment") for i, a in enumerate(self.attachments)
        ]
        for i, attached in enumerate(self.attachments):
            if not isinstance(attached, str):
                out += [FieldText(f"attachments[{i}].body[{j}]", t, "paragraph") for j, t in enumerate(attached.body)]
                if attached.table:
                    out += [FieldText(*found) for found in table_texts(f"attachments[{i}].table", attached.table)]
        names = self.signoff_names or []
        out += [
            FieldText("signoff" if isinstance(self.signoff, str) else f"signoff[{i}]", name, "signoff")
            for i, name in enumerate(names)
        ]
        out += [
            FieldText(f"indicators[{i}].name", indicator.name, "name") for i, indicator in enumerate(self.indicators)
        ]
        out += [
            FieldText(f"headings.{name}", text, "heading")
            for name, text in self.headings
            if name in self.headings.model_fields_set or text != type(self.headings).model_fields[name].default
        ]
        return out

    def with_texts(self, texts: Mapping[str, str]) -> Report:
        """A copy with the texts at the field paths of ``texts`` replaced (as they print: the
        texts are not read again)."""
        return mapped_texts(self, lambda text, path: texts.get(path, text))

    def parts_with_paths(self) -> Iterator[tuple[PartRole | None, str, Part]]:
        """Every part, empty or not, with its role and field path, in print order (the role
        lists in role order, or ``parts`` as written: a report has one or the other)."""
        for role in PART_ROLES:
            yield from ((role, f"{role}[{i}]", part) for i, part in enumerate(getattr(self, role)))
        yield from ((part.role, f"parts[{i}]", part) for i, part in enumerate(self.parts))

    @model_validator(mode="after")
    def _size(self) -> Report:
        total = sum(len(text.text) for text in self.all_texts())
        if total > MAX_TOTAL_TEXT:
            raise PydanticCustomError(
                "too_much_text",
                "报告的正文共 {total} 字，超过了 {limit} 字的上限",
                {"total": total, "limit": MAX_TOTAL_TEXT},
            )
        if self.parts and any(getattr(self, role) for role in PART_ROLES):
            raise PydanticCustomError(
                "parts_and_roles",
                "parts 与 measures、achievements 等字段不能同时写：都写进 parts，用 role 写明每部分的作用",
            )
        for role in PART_ROLES:
            for i, part in enumerate(getattr(self, role)):
                if part.role not in (None, role):
                    raise _at(f"{role}[{i}].role", f"写在 {role} 中的部分，role 不能是 {part.role}")
        return self

    @model_validator(mode="after")
    def _indicators(self) -> Report:
        seen: dict[str, str] = {}
        for path, indicator in self._every_indicator():
            if indicator.key in seen:
                raise _at(f"{path}.key", f"指标键 {indicator.key} 重复（{seen[indicator.key]} 已用过）")
            seen[indicator.key] = path
        known = self.all_indicators()
        for path, indicator in self._every_indicator():
            missing = [k for k in indicator.of or () if k not in known]
            if missing:
                raise _at(f"{path}.of", f"引用了不存在的指标 {'、'.join(missing)}")
        if self.table:
            missing = [k for k in self.table.keys if k not in known]
            if missing:
                raise _at("table.keys", f"引用了不存在的指标 {'、'.join(missing)}")
        for text in self.all_texts():
            for match in REFERENCE.finditer(text.text) if text.refers else ():
                key, what = match[1], match[2]
                found = known.get(key)
                needed = {"yoy": "last_year", "mom": "previous", "target": "target"}.get(what or "")
                if found is None:
                    problem = f"引用了不存在的指标 {key}"
                elif needed and getattr(found, needed) is None:
                    problem = f"引用 {match[0]} 需要指标 {key} 填写 {needed}"
                elif what == "target" and found.target == 0:
                    problem = f"指标 {key} 的目标为 0，无法计算完成率"
                else:
                    continue
                raise _at(text.path, problem)
        return self

    def title_segments(self, dash: RangeDash = "—") -> list[TitlePiece]:
        """The title composed from office, period, subject and kind, in the pieces a line may
        break between (the period's year is a piece of its own: 2024年 | 第三季度); a report
        sent upward reads 关于……工作情况的报告."""
        subject, kind = self.subject, self.kind
        if subject.endswith("工作") and kind.startswith("工作"):
            subject = subject[: -len("工作")]
        office = f"关于{self.office}" if kind == "工作情况的报告" else self.office
        period = self.period.label(self.range_dash or dash)
        rest = self.period.label(self.range_dash or dash, year=False)
        year = period.removesuffix(rest) if period.endswith(rest) else period  # a whole year: 2024年, 全年
        pieces = [TitlePiece(office), TitlePiece(year, False), TitlePiece(period[len(year) :], False)]
        return [piece for piece in (*pieces, TitlePiece(subject), TitlePiece(kind, False)) if piece.text]

    def composed_title(self, dash: RangeDash = "—") -> str:
        """The title composed from office, period, subject and kind, as one text."""
        return "".join(piece.text for piece in self.title_segments(dash))

    @property
    def signoff_names(self) -> list[str] | None:
        """The names the report signs with: its own, ``[]`` for none at all, ``None`` when it
        leaves the choice to the office profile."""
        if self.signoff is False:
            return []
        if isinstance(self.signoff, str):
            return [self.signoff]
        return list(self.signoff) if self.signoff else None


def table_texts(path: str, table: BodyTable) -> list[tuple[str, str, TextKind]]:
    """A table's texts with their field paths, in reading order."""
    out: list[tuple[str, str, TextKind]] = [(f"{path}.title", table.title, "caption")] if table.title else []
    out += [(f"{path}.header[{c}]", cell, "header") for c, cell in enumerate(table.header)]
    out += [(f"{path}.rows[{r}][{c}]", cell, "cell") for r, row in enumerate(table.rows) for c, cell in enumerate(row)]
    return out


def _attachment_path(i: int, entry: str | object) -> str:
    return f"attachments[{i}]" if isinstance(entry, str) else f"attachments[{i}].title"


def _node_texts(node: Part | Item, path: str, role: PartRole | None, titles: tuple[str, ...]) -> list[FieldText]:
    """A part's or an item's texts in print order, then its items'."""

    def text(where: str, value: str, kind: TextKind) -> FieldText:
        return FieldText(where, value, kind, role, titles)

    out = [text(f"{path}.title", node.title, "title")] if node.title else []
    titles = (*titles, node.title) if node.title else titles
    out += [text(f"{path}.body[{i}]", t, "paragraph") for i, t in enumerate(node.body)]
    out += [text(f"{path}.points_lead", node.points_lead, "lead")] if node.points_lead else []
    for i, point in enumerate(node.points):
        here = f"{path}.points[{i}]"
        if isinstance(point, Point):
            out += [text(f"{here}.title", point.title, "point")] if point.title else []
            out += [text(f"{here}.body[{j}]", t, "paragraph") for j, t in enumerate(point.body)]
        else:
            out.append(text(here, point, "point"))
    out += [text(f"{path}.points_tail", node.points_tail, "lead")] if node.points_tail else []
    for t, table in enumerate(node.tables):
        out += [text(*found) for found in table_texts(f"{path}.tables[{t}]", table)]
    for i, indicator in enumerate(getattr(node, "indicators", [])):
        out.append(text(f"{path}.indicators[{i}].name", indicator.name, "name"))
    for i, item in enumerate(node.items):
        out += _node_texts(item, f"{path}.items[{i}]", role, titles)
    return out
