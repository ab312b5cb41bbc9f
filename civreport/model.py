"""The typed model of a work summary: what an input file may say, and nothing else."""

from __future__ import annotations

import re
from datetime import date as Date
from typing import Annotated, Literal

from pathlib import Path

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from .chinese import HEADING_LEVELS
from .period import Period, RangeDash

Kind = Literal["工作总结", "工作汇报", "工作情况报告"]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
_WRAPPED = re.compile(rf"(?<={_CJK})\s*\n\s*|\s*\n\s*(?={_CJK})|(?<={_CJK})\s+(?={_CJK})")


def _join_wrapped_lines(text: str) -> str:
    # A paragraph wrapped over several lines must not gain spaces between Chinese
    # characters; YAML's folded blocks (>-) have already turned those breaks into
    # spaces, so white space between two Chinese characters goes too. Between Latin
    # words one space stays.
    return re.sub(r"\s*\n\s*", " ", _WRAPPED.sub("", text))


Paragraph = Annotated[Text, AfterValidator(_join_wrapped_lines)]


class StrictModel(BaseModel):
    # Unknown fields are errors: a misspelt key must never drop content silently.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Item(StrictModel):
    """A numbered item inside a part; items nest down to heading level 4."""

    title: Text | None = Field(None, title="标题", description="条目标题，不写序号；序号自动生成")
    body: list[Paragraph] = Field(default_factory=list, title="正文", description="正文段落")
    points: list[Text] = Field(
        default_factory=list, title="列举要点", description="连成一段“一是……；二是……”的要点，不写“一是”"
    )
    items: list[Item] = Field(default_factory=list, title="下级条目", description="下一级条目")
    run_in: bool | None = Field(
        None,
        title="标题接正文",
        description="标题与第一段正文排在同一段；不写时，无下级条目且有正文的条目标题接正文",
    )

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
    body: list[Paragraph] = Field(default_factory=list, title="正文", description="紧接部分标题的段落")
    points: list[Text] = Field(default_factory=list, title="列举要点", description="连成一段“一是……；二是……”的要点")
    items: list[Item] = Field(default_factory=list, title="条目", description="（一）（二）……各条目")

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
        return not (self.body or self.points or self.items)


class PartHeadings(StrictModel):
    """Default headings of the parts; offices rename them (下段工作打算, 下半年工作安排 …)."""

    measures: Text = Field("主要做法", title="主要做法的标题")
    achievements: Text = Field("主要成效", title="主要成效的标题")
    problems: Text = Field("存在的问题", title="存在的问题的标题")
    plans: Text = Field("下一步工作打算", title="下一步打算的标题")
    suggestions: Text = Field("相关建议", title="相关建议的标题")


PART_ROLES = ("measures", "achievements", "problems", "plans", "suggestions")


class Report(StrictModel):
    """A work summary (工作总结) as the input file states it."""

    model_config = ConfigDict(title="civreport 工作总结")

    profile: Text | None = Field(
        None, title="办公室配置", description="办公室配置文件的路径（相对本文件）或配置目录中的名称；命令行 --office 优先"
    )
    office: Text = Field(title="发文机关", description="发文机关（单位）全称")
    period: Period = Field(title="工作期间")
    subject: Text = Field(title="工作主题", description="如“创建全国文明城市”")
    kind: Kind = Field("工作总结", title="文种")
    date: Date = Field(title="成文日期", description="YYYY-MM-DD")
    title: Text | None = Field(
        None, title="标题", description="不写时由发文机关、期间、主题和文种组成；换行处即标题的分行处"
    )
    subtitle: Text | None = Field(None, title="副标题", description="标题下一行，如“——××工作总结”")
    recipients: Text | None = Field(None, title="主送机关", description="不写冒号，自动加全角冒号")
    opening: list[Paragraph] = Field(default_factory=list, title="开头", description="开头段落")
    lead_in: Text | None = Field(
        None, title="引出语", description="开头结尾的“现将……总结如下：”；不写时自动生成，开头已有时不再添加"
    )
    headings: PartHeadings = Field(default_factory=PartHeadings, title="各部分默认标题")
    measures: list[Part] = Field(default_factory=list, title="主要做法")
    achievements: list[Part] = Field(default_factory=list, title="主要成效")
    problems: list[Part] = Field(default_factory=list, title="存在的问题")
    plans: list[Part] = Field(default_factory=list, title="下一步打算")
    suggestions: list[Part] = Field(default_factory=list, title="相关建议")
    closing: list[Paragraph] = Field(default_factory=list, title="结尾", description="结尾段落")
    signoff: Text | None = Field(
        None, title="署名", description="落款的机关名称；不写时用办公室配置的署名，再不写时同发文机关"
    )
    attachments: list[Text] = Field(default_factory=list, title="附件", description="附件名称，不写序号")
    range_dash: RangeDash | None = Field(
        None, title="范围连接号", description="月份范围的连接号：— 或 ～；不写时按办公室配置（默认 —）"
    )

    # The file the report was loaded from: a profile named by a relative path is found beside it.
    _source: Path | None = PrivateAttr(None)

    @property
    def source(self) -> Path | None:
        return self._source
