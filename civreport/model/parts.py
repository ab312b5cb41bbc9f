"""The body of a summary: parts (一、), items (（一）1.（1）), points (一是……) and tables."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, Tag, model_validator
from pydantic_core import PydanticCustomError

from .fields import SHAPE, Cell, Name, Paragraph, StrictModel, Text
from .genre import ORDINAL_WORDS, PartRole
from .indicators import Indicator
from .limits import MAX_INDICATORS, MAX_ITEMS
from .numerals import HEADING_LEVELS

PointsStyle = Literal["inline", "paragraphs"]
# How points are counted: 一是……二是……, 第一，……第二，……, 首先，……其次，……最后，……
PointsOrder = Literal["一是", "第一", "首先"]
ItemNumbers = Literal["（一）", "1."]

MAX_COLUMNS = 12
MAX_ROWS = MAX_ITEMS  # rows of a body table, below its header


class Point(StrictModel):
    """A point that opens with a title sentence, or runs over several paragraphs:
    一是“静态宣传”有新意。……"""

    title: Text | None = Field(default=None, title="要点标题", description="要点开头的短句，如“静态宣传”有新意")
    body: list[Paragraph] = Field(
        default_factory=list, max_length=MAX_ITEMS, title="正文", description="要点的正文；多段时每段另起一段"
    )

    @model_validator(mode="after")
    def _not_empty(self) -> Point:
        if not (self.title or self.body):
            raise PydanticCustomError("empty_point", "要点为空：至少要有标题或正文")
        return self


class BodyTable(StrictModel):
    """A simple table in the body: a header row and rows of text."""

    title: Name | None = Field(default=None, title="表题")
    header: list[Cell] = Field(min_length=1, max_length=MAX_COLUMNS, title="表头", description="各列的名称")
    rows: list[list[Cell]] = Field(
        min_length=1, max_length=MAX_ROWS, title="行", description="每行的各格，与表头列数相同"
    )

    @model_validator(mode="after")
    def _rectangular(self) -> BodyTable:
        for i, row in enumerate(self.rows):
            if len(row) != len(self.header):
                raise PydanticCustomError(
                    "ragged_row",
                    "第 {row} 行有 {cells} 格，表头有 {columns} 列",
                    {"row": i + 1, "cells": len(row), "columns": len(self.header)},
                )
        return self


class Block(StrictModel):
    """What parts and items both hold: paragraphs, points and tables."""

    body: list[Paragraph] = Field(default_factory=list, max_length=MAX_ITEMS, title="正文", description="正文段落")
    points: list[Annotated[Annotated[Text, Tag("~text")] | Annotated[Point, Tag("~mapping")], SHAPE]] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        title="列举要点",
        description="一是……二是……各点，不写“一是”；可写成 {title, body}：带标题句或多段的要点",
    )
    points_style: PointsStyle = Field(
        default="inline", title="要点排法", description="inline：连成一段；paragraphs：每点另起一段"
    )
    points_order: PointsOrder = Field(
        default="一是", title="要点序词", description="一是、第一 或 首先（首先……其次……最后，至多四点）"
    )
    points_lead: Text | None = Field(default=None, title="要点前的引语", description="与第一点同段，如“按照区委部署，”")
    points_tail: Text | None = Field(default=None, title="要点后的文字", description="与最后一点同段，如“同时，……”")
    tables: list[BodyTable] = Field(
        default_factory=list, max_length=MAX_ITEMS, title="表格", description="排在正文之后"
    )

    @model_validator(mode="after")
    def _points(self) -> Block:
        if self.points_order == "首先" and len(self.points) > len(ORDINAL_WORDS):
            raise PydanticCustomError(
                "too_many_ordinals",
                "“首先……其次……最后”至多四点，这里有 {n} 点：请改用 一是 或 第一",
                {"n": len(self.points)},
            )
        if (self.points_lead or self.points_tail) and not self.points:
            raise PydanticCustomError("lead_without_points", "写了 points_lead 或 points_tail，却没有 points")
        return self

    @property
    def has_text(self) -> bool:
        return bool(self.body or self.points or self.tables)


class Item(Block):
    """A numbered item inside a part; items nest down to heading level 4."""

    title: Text | None = Field(default=None, title="标题", description="条目标题，不写序号；序号自动生成")
    numbered: bool = Field(
        default=False, title="无标题也编号", description="没有标题的条目也编号，如“1.对核心区……”；有标题的条目总是编号"
    )
    items: list[Item] = Field(default_factory=list, max_length=MAX_ITEMS, title="下级条目", description="下一级条目")
    run_in: bool | None = Field(
        default=None,
        title="标题接正文",
        description="标题与第一段正文排在同一段；不写时，有正文且没有带标题的下级条目时接正文",
    )
    indicators: list[Indicator] = Field(
        default_factory=list, max_length=MAX_INDICATORS, title="指标", description="本条目的指标"
    )

    @model_validator(mode="after")
    def _not_empty(self) -> Item:
        if not (self.title or self.has_text or self.items):
            raise PydanticCustomError("empty_item", "条目为空：至少要有标题、正文或要点之一")
        if self.items and not self.title:
            raise PydanticCustomError("untitled_parent", "有下级条目的条目必须有标题")
        return self

    @property
    def runs_in(self) -> bool:
        """Whether the title opens the first paragraph: as ``run_in`` says, else when the item
        has paragraphs of its own (not points set one to a paragraph) and no numbered items
        under it; untitled text under it does not change that."""
        if self.run_in is not None:
            return self.run_in
        own = bool(self.body) or (bool(self.points) and self.points_style == "inline")
        return own and not any(child.is_heading for child in self.items)

    @property
    def is_heading(self) -> bool:
        """Whether the item takes a number: it has a title, or asks for one."""
        return bool(self.title) or self.numbered


class Part(Block):
    """One of the numbered parts (一、二、…) of the body."""

    role: PartRole | None = Field(
        default=None,
        title="作用",
        description="写在 parts 中时：measures 做法、achievements 成效、problems 问题、plans 打算、"
        "suggestions 建议；不写为专题部分",
    )
    title: Text | None = Field(
        default=None,
        title="部分标题",
        description="不写时用 headings 中该部分的标题；可写成主题式标题，如“健全机制，增强创建工作实效”",
    )
    items: list[Item] = Field(
        default_factory=list, max_length=MAX_ITEMS, title="条目", description="（一）（二）……各条目"
    )
    item_numbers: ItemNumbers = Field(
        default="（一）",
        title="条目序号",
        description="（一）：条目编为（一）（二）；1.：条目直接编为 1. 2.，下一级为（1）",
    )

    @property
    def item_level(self) -> int:
        """The heading level of the part's items: 2 for （一）, 3 when they go straight to 1."""
        return 3 if self.item_numbers == "1." else 2

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

        walk(self.items, self.item_level, "items")
        return self

    @property
    def is_empty(self) -> bool:
        """Nothing written: no title of its own and nothing under it. An empty part is left
        out; a part with only a title prints its heading."""
        return not (self.title or self.has_text or self.items)
