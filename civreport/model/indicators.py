"""Indicators: the figures a summary rests on, and the table that lists them."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from .fields import Figure, Name, StrictModel
from .genre import PartRole
from .limits import MAX_INDICATORS

KEY_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
_KEY = re.compile(KEY_PATTERN)

# {key}, {key.yoy}, {key.mom}, {key.target}, {key.name}: figures written from the indicators.
REFERENCE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:\.(name|value|yoy|mom|target))?\}")


def _key(text: str) -> str:
    if not _KEY.match(text):
        raise PydanticCustomError(
            "key", "“{key}”不能作键：键只能用英文字母、数字和下划线，且不以数字开头", {"key": text}
        )
    return text


Key = Annotated[str, AfterValidator(_key), WithJsonSchema({"type": "string", "pattern": KEY_PATTERN})]
Aggregate = Literal["sum", "latest", "average", "ratio"]
# How a figure is approximate: 30万余元, 2万多条 (after the number and its 万/亿, before the
# unit); 近100人, 约3万人, 超过1万人 (before the number).
Approx = Literal["余", "多", "近", "约", "超过"]


class Indicator(StrictModel):
    """A figure the summary rests on: 先进集体73个, 宣传资料11.5万份, 整改率100%."""

    key: Key = Field(title="键", description="英文字母、数字和下划线；正文用 {键} 引用")
    name: Name = Field(title="指标名称")
    value: Figure = Field(title="数值")
    unit: Annotated[str, Field(max_length=10, strict=True)] = Field(
        default="", title="单位", description="个、份、元、万元、% ……；% 表示比率，变化以百分点计"
    )
    approx: Approx | None = Field(
        default=None, title="约数", description="余、多（30万余元、2万多条）或 近、约、超过（近100人）；不写时为确数"
    )
    last_year: Figure | None = Field(default=None, title="上年同期", description="用于同比")
    previous: Figure | None = Field(default=None, title="上期", description="用于环比")
    target: Figure | None = Field(default=None, title="目标", description="用于目标完成率")
    aggregate: Aggregate = Field(
        default="sum",
        title="汇总方式",
        description="sum 求和、latest 取最新、average 取平均、ratio 由 of 中两个指标相除",
    )
    of: tuple[Key, Key] | None = Field(default=None, title="比率的分子和分母", description="aggregate 为 ratio 时必填")

    @property
    def is_rate(self) -> bool:
        return self.unit == "%"

    @model_validator(mode="after")
    def _ratio_operands(self) -> Indicator:
        if (self.aggregate == "ratio") != (self.of is not None):
            raise PydanticCustomError(
                "ratio_operands", "aggregate 为 ratio 时须用 of 写明分子和分母两个指标，其他汇总方式不写 of"
            )
        return self


class IndicatorTable(StrictModel):
    """A table of indicators (名称、数值、同比、目标完成) printed after one of the parts."""

    title: Name = Field(default="主要指标完成情况", title="表题")
    keys: list[Key] = Field(
        default_factory=list,
        max_length=MAX_INDICATORS,
        title="指标",
        description="按此顺序列出；不写时列出报告的全部指标",
    )
    after: PartRole = Field(
        default="achievements", title="位置", description="排在哪一部分之后；该部分没有时排在正文最后"
    )
