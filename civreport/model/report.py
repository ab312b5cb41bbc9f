"""The typed model of a work summary: what an input file may say, and nothing else."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date as Date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    Strict,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .limits import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_FIGURE,
    MAX_INDICATORS,
    MAX_ITEMS,
    MAX_NAME,
    MAX_TEXT,
    MAX_TITLE,
    MAX_TOTAL_TEXT,
)
from .numerals import HEADING_LEVELS
from .period import Period, RangeDash
from .text import clean_input, join_wrapped_lines

Kind = Literal["工作总结", "工作汇报", "工作情况报告"]


# Texts are strict (a number or bytes is not text), stripped, not empty and bounded; wrapped
# lines are joined, but a title keeps its line breaks, which break the printed title.
_JOINED = AfterValidator(join_wrapped_lines)
Text = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT), _JOINED]
Name = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME), _JOINED]
TitleText = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TITLE)]
Paragraph = Text  # the body texts of parts and items
Figure = Annotated[float, Strict(), Field(allow_inf_nan=False, ge=-MAX_FIGURE, le=MAX_FIGURE)]


def _date_text(value: Any) -> Any:
    # YAML leaves dates as text (see readers.yamlfile); a bare number is no date.
    if isinstance(value, (int, float)):
        raise PydanticCustomError("date_type", "应为日期，写作 YYYY-MM-DD")
    return value


def _date_range(day: Date) -> Date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise PydanticCustomError("date_range", "日期应在 {first} 年到 {last} 年之间", {"first": FIRST_YEAR, "last": LAST_YEAR})
    return day


Day = Annotated[Date, BeforeValidator(_date_text), AfterValidator(_date_range)]


class StrictModel(BaseModel):
    # Unknown fields are errors: a misspelt key must never drop content silently.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class CleanModel(StrictModel):
    """A model whose texts are cleaned once, as they enter (see :mod:`civreport.model.text`)."""

    @model_validator(mode="before")
    @classmethod
    def _clean(cls, data: Any) -> Any:
        return clean_input(data)


KEY_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
_KEY = re.compile(KEY_PATTERN)


def _key(text: str) -> str:
    if not _KEY.match(text):
        raise PydanticCustomError("key", "“{key}”不能作键：键只能用英文字母、数字和下划线，且不以数字开头", {"key": text})
    return text


Key = Annotated[str, AfterValidator(_key), WithJsonSchema({"type": "string", "pattern": KEY_PATTERN})]
Aggregate = Literal["sum", "latest", "average", "ratio"]


class Indicator(StrictModel):
    """A figure the summary rests on: 先进集体73个, 宣传资料11.5万份, 整改率100%."""

    key: Key = Field(title="键", description="英文字母、数字和下划线；正文用 {键} 引用")
    name: Name = Field(title="指标名称")
    value: Figure = Field(title="数值")
    unit: Annotated[str, Strict(), StringConstraints(max_length=10)] = Field(
        "", title="单位", description="个、份、元、万元、% ……；% 表示比率，变化以百分点计")
    last_year: Figure | None = Field(None, title="上年同期", description="用于同比")
    previous: Figure | None = Field(None, title="上期", description="用于环比")
    target: Figure | None = Field(None, title="目标", description="用于目标完成率")
    aggregate: Aggregate = Field(
        "sum", title="汇总方式", description="sum 求和、latest 取最新、average 取平均、ratio 由 of 中两个指标相除"
    )
    of: tuple[Key, Key] | None = Field(None, title="比率的分子和分母", description="aggregate 为 ratio 时必填")

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"

    @model_validator(mode="after")
    def _ratio_operands(self) -> Indicator:
        if (self.aggregate == "ratio") != (self.of is not None):
            raise PydanticCustomError("ratio_operands", "aggregate 为 ratio 时须用 of 写明分子和分母两个指标，其他汇总方式不写 of")
        return self


class Item(StrictModel):
    """A numbered item inside a part; items nest down to heading level 4."""

    title: Text | None = Field(None, title="标题", description="条目标题，不写序号；序号自动生成")
    body: list[Paragraph] = Field(default_factory=list, max_length=MAX_ITEMS, title="正文", description="正文段落")
    points: list[Text] = Field(
        default_factory=list, max_length=MAX_ITEMS, title="列举要点",
        description="连成一段“一是……；二是……”的要点，不写“一是”",
    )
    items: list[Item] = Field(default_factory=list, max_length=MAX_ITEMS, title="下级条目", description="下一级条目")
    run_in: bool | None = Field(
        None,
        title="标题接正文",
        description="标题与第一段正文排在同一段；不写时，无下级条目且有正文的条目标题接正文",
    )
    indicators: list[Indicator] = Field(default_factory=list, max_length=MAX_INDICATORS, title="指标",
                                        description="本条目的指标")

    @model_validator(mode="after")
    def _not_empty(self) -> Item:
        if not (self.title or self.body or self.points or self.items):
            raise PydanticCustomError("empty_item", "条目为空：至少要有标题、正文或要点之一")
        if self.items and not self.title:
            raise PydanticCustomError("untitled_parent", "有下级条目的条目必须有标题")
        return self


class Part(StrictModel):
    """One of the numbered parts (一、二、…) of the body."""

    title: Text | None = Field(
        None, title="部分标题", description="不写时用 headings 中该部分的标题；可写成主题式标题，如“健全机制，增强创建工作实效”"
    )
    body: list[Paragraph] = Field(default_factory=list, max_length=MAX_ITEMS, title="正文",
                                  description="紧接部分标题的段落")
    points: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS, title="列举要点",
                               description="连成一段“一是……；二是……”的要点")
    items: list[Item] = Field(default_factory=list, max_length=MAX_ITEMS, title="条目", description="（一）（二）……各条目")

    @model_validator(mode="after")
    def _depth(self) -> Part:
        def walk(items: list[Item], level: int, path: str) -> None:
            for i, item in enumerate(items):
                here = f"{path}[{i}]"
                if level > HEADING_LEVELS:
                    raise PydanticCustomError(
                        "too_deep",
                        "{path} 是第 {level} 级标题：标题最多四级（一、（一）1.（1））",
                        {"path": here, "level": level},
                    )
                walk(item.items, level + 1, f"{here}.items")

        walk(self.items, 2, "items")
        return self

    @property
    def is_empty(self) -> bool:
        """Nothing written: no title of its own and nothing under it. An empty part is left
        out; a part with only a title prints its heading."""
        return not (self.title or self.body or self.points or self.items)


class PartHeadings(StrictModel):
    """Default headings of the parts; offices rename them (下段工作打算, 下半年工作安排 …)."""

    measures: Name = Field("主要做法", title="主要做法的标题")
    achievements: Name = Field("主要成效", title="主要成效的标题")
    problems: Name = Field("存在的问题", title="存在的问题的标题")
    plans: Name = Field("下一步工作打算", title="下一步打算的标题")
    suggestions: Name = Field("相关建议", title="相关建议的标题")


# What a part does in a summary; a part's role decides its default heading and its place.
PartRole = Literal["measures", "achievements", "problems", "plans", "suggestions"]
PART_ROLES: tuple[PartRole, ...] = ("measures", "achievements", "problems", "plans", "suggestions")


class IndicatorTable(StrictModel):
    """A table of indicators (名称、数值、同比、目标完成) printed after one of the parts."""

    title: Name = Field("主要指标完成情况", title="表题")
    keys: list[Key] = Field(default_factory=list, max_length=MAX_INDICATORS, title="指标", description="按此顺序列出；不写时列出报告的全部指标")
    after: PartRole = Field("achievements", title="位置", description="排在哪一部分之后；该部分没有时排在正文最后")


class Source(StrictModel):
    """A report a roll-up was made from."""

    file: Text = Field(title="文件")
    office: Text = Field(title="发文机关")
    period: Period = Field(title="工作期间")


# {key}, {key.yoy}, {key.mom}, {key.target}, {key.name}: figures written from the indicators.
REFERENCE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:\.(name|value|yoy|mom|target))?\}")


class Report(CleanModel):
    """A work summary (工作总结) as the input file states it."""

    model_config = ConfigDict(title="civreport 工作总结")

    profile: Text | None = Field(
        None, title="办公室配置", description="办公室配置文件的路径（相对本文件）或配置目录中的名称；命令行 --office 优先"
    )
    office: Name = Field(title="发文机关", description="发文机关（单位）全称")
    period: Period = Field(title="工作期间")
    subject: Name = Field(title="工作主题", description="如“创建全国文明城市”")
    kind: Kind = Field("工作总结", title="文种")
    date: Day = Field(title="成文日期", description="YYYY-MM-DD")
    title: TitleText | None = Field(
        None, title="标题", description="不写时由发文机关、期间、主题和文种组成；换行处即标题的分行处"
    )
    subtitle: Text | None = Field(None, title="副标题", description="标题下一行，如“——××工作总结”")
    recipients: Text | None = Field(None, title="主送机关", description="不写冒号，自动加全角冒号")
    opening: list[Paragraph] = Field(default_factory=list, max_length=MAX_ITEMS, title="开头", description="开头段落")
    lead_in: Text | None = Field(
        None, title="引出语", description="开头结尾的“现将……总结如下：”；不写时自动生成，开头已有时不再添加"
    )
    headings: PartHeadings = Field(default_factory=PartHeadings, title="各部分默认标题")
    measures: list[Part] = Field(default_factory=list, max_length=MAX_ITEMS, title="主要做法")
    achievements: list[Part] = Field(default_factory=list, max_length=MAX_ITEMS, title="主要成效")
    problems: list[Part] = Field(default_factory=list, max_length=MAX_ITEMS, title="存在的问题")
    plans: list[Part] = Field(default_factory=list, max_length=MAX_ITEMS, title="下一步打算")
    suggestions: list[Part] = Field(default_factory=list, max_length=MAX_ITEMS, title="相关建议")
    closing: list[Paragraph] = Field(default_factory=list, max_length=MAX_ITEMS, title="结尾", description="结尾段落")
    signoff: Name | None = Field(
        None, title="署名", description="落款的机关名称；不写时用办公室配置的署名，再不写时同发文机关"
    )
    attachments: list[Text] = Field(default_factory=list, max_length=MAX_ITEMS, title="附件", description="附件名称，不写序号")
    range_dash: RangeDash | None = Field(
        None, title="范围连接号", description="月份范围的连接号：— 或 ～；不写时按办公室配置（默认 —）"
    )
    indicators: list[Indicator] = Field(default_factory=list, max_length=MAX_INDICATORS, title="指标",
                                        description="报告的主要指标")
    table: IndicatorTable | None = Field(None, title="指标表", description="不写时不印指标表")
    sources: list[Source] = Field(default_factory=list, max_length=MAX_ITEMS, title="汇总来源",
                                  description="由 civreport rollup 填写")

    # The file the report was loaded from: a profile named by a relative path is found beside it.
    _source: Path | None = PrivateAttr(None)

    def _every_indicator(self) -> Iterator[Indicator]:
        """The report's indicators, then its items', in reading order."""
        yield from self.indicators

        def walk(items: list[Item]) -> Iterator[Indicator]:
            for item in items:
                yield from item.indicators
                yield from walk(item.items)

        for role in PART_ROLES:
            for part in getattr(self, role):
                yield from walk(part.items)

    def all_indicators(self) -> dict[str, Indicator]:
        """Every indicator of the report and its items, by key."""
        return {i.key: i for i in self._every_indicator()}

    def texts(self) -> list[tuple[str, str]]:
        """(field path, text) of every text that may refer to an indicator."""
        out = [(f"opening[{i}]", t) for i, t in enumerate(self.opening)]
        out += [(f"closing[{i}]", t) for i, t in enumerate(self.closing)]

        def walk(node: Part | Item, path: str) -> None:
            if node.title:
                out.append((f"{path}.title", node.title))
            out.extend((f"{path}.body[{i}]", t) for i, t in enumerate(node.body))
            out.extend((f"{path}.points[{i}]", t) for i, t in enumerate(node.points))
            for i, item in enumerate(node.items):
                walk(item, f"{path}.items[{i}]")

        for role in PART_ROLES:
            for i, part in enumerate(getattr(self, role)):
                walk(part, f"{role}[{i}]")
        return out

    @model_validator(mode="after")
    def _size(self) -> Report:
        total = sum(len(text) for _, text in self.texts())
        if total > MAX_TOTAL_TEXT:
            raise PydanticCustomError("too_much_text", "报告的正文共 {total} 字，超过了 {limit} 字的上限",
                                      {"total": total, "limit": MAX_TOTAL_TEXT})
        return self

    @model_validator(mode="after")
    def _indicators(self) -> Report:
        keys = [i.key for i in self._every_indicator()]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise PydanticCustomError("duplicate_key", "指标键重复：{keys}", {"keys": "、".join(repeated)})
        known = self.all_indicators()
        for indicator in known.values():
            missing = [k for k in indicator.of or () if k not in known]
            if missing:
                raise PydanticCustomError(
                    "ratio_unknown", "指标 {key} 的 of 引用了不存在的指标 {missing}",
                    {"key": indicator.key, "missing": "、".join(missing)},
                )
        if self.table:
            missing = [k for k in self.table.keys if k not in known]
            if missing:
                raise PydanticCustomError("table_unknown", "table.keys 引用了不存在的指标 {missing}", {"missing": "、".join(missing)})
        for path, text in self.texts():
            for match in REFERENCE.finditer(text):
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
                raise PydanticCustomError("reference", "{path}：{problem}", {"path": path, "problem": problem})
        return self

    @property
    def source(self) -> Path | None:
        return self._source
