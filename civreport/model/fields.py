"""The kinds of value the input format is made of: texts, figures, dates; and the base models
that read them strictly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date as Date
from typing import Annotated, Any, TypeVar, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..diagnostics import Diagnostics
from .limits import FIRST_YEAR, LAST_YEAR, MAX_FIGURE, MAX_NAME, MAX_TEXT, MAX_TITLE, MIN_FIGURE
from .text import clean_input, join_wrapped_lines

# Texts are strict (a number or bytes is not text), stripped, not empty and bounded; wrapped
# lines are joined, but a title keeps its line breaks, which break the printed title.
_JOINED = AfterValidator(join_wrapped_lines)
Text = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT), _JOINED]
Name = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME), _JOINED]
TitleText = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TITLE)]
Paragraph = Text  # the body texts of parts and items
# A table cell may be empty (the corner of a header, a cell merged into the one above).
Cell = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, max_length=MAX_TEXT), _JOINED]


def _printable_figure(value: float) -> float:
    # A figure prints at two decimals: one smaller than that prints as 0, and a change or a
    # completion worked out against it is a ratio of no meaning (5e-324 as last year's figure).
    if value and abs(value) < MIN_FIGURE:
        raise PydanticCustomError(
            "figure_tiny",
            "数值 {value} 不为零却小于 {least}，印出来是 0，据它算出的增幅或完成率"
            "也没有意义：请写 0，或换用更小的单位（如元而不是万元）",
            {"value": f"{value:g}", "least": MIN_FIGURE},
        )
    return value


Figure = Annotated[
    float, Strict(), Field(allow_inf_nan=False, ge=-MAX_FIGURE, le=MAX_FIGURE), AfterValidator(_printable_figure)
]


def _date_text(value: Any) -> Any:
    # YAML leaves dates as text (see readers.yamlfile); a bare number is no date.
    if isinstance(value, (int, float)):
        raise PydanticCustomError("date_type", "应为日期，写作 YYYY-MM-DD")
    return value


def _date_range(day: Date) -> Date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise PydanticCustomError(
            "date_range", "日期应在 {first} 年到 {last} 年之间", {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return day


Day = Annotated[Date, BeforeValidator(_date_text), AfterValidator(_date_range)]

# Fields that take one of several shapes pick the shape from the value, so that an error
# names one shape, not every one it might have been. The tags start with "~": the loader
# leaves them out of the field path it reports.
TAG = "~"


def _shape(value: Any) -> str:
    if isinstance(value, list):
        return TAG + "list"
    if value is False:
        return TAG + "false"
    if isinstance(value, (dict, BaseModel)):
        return TAG + "mapping"
    return TAG + "text"


SHAPE = Discriminator(_shape)  # tag the shapes of a union "~list", "~false", "~mapping", "~text"


class StrictModel(BaseModel):
    # Unknown fields are errors: a misspelt key must never drop content silently.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _empty_lists(cls, data: Any) -> Any:
        """``achievements:`` with nothing under it (null) is an empty list, not an error."""
        if isinstance(data, dict) and any(value is None for value in data.values()):
            lists = {name for name, info in cls.model_fields.items() if info.default_factory is list}
            return {key: [] if value is None and key in lists else value for key, value in data.items()}
        return data


# The validation context's key for the collector of what validation has to tell:
# ``Report.model_validate(data, context={DIAGNOSTICS: collector})``.
DIAGNOSTICS = "diagnostics"


def collector(info: ValidationInfo) -> Diagnostics | None:
    """The collector a validation was given, if any (a model built in code has none: then
    what it has to tell is a warning)."""
    found = (info.context or {}).get(DIAGNOSTICS)
    return found if isinstance(found, Diagnostics) else None


Value = TypeVar("Value")


def mapped_texts(value: Value, fix: Callable[[str, str], str], path: str = "") -> Value:
    """``value`` (a model, a list, a text) with every text in it passed through ``fix(text,
    field path)``; copied only where a text changed, and not validated again (a validator
    that takes off a typed number would take off the next)."""
    new: Any = value
    if isinstance(value, str):
        new = fix(value, path)
    elif isinstance(value, list):
        items = [mapped_texts(item, fix, f"{path}[{i}]") for i, item in enumerate(value)]
        new = items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    elif isinstance(value, BaseModel):
        fields = {name: getattr(value, name) for name in type(value).model_fields}
        update = {
            name: changed
            for name, old in fields.items()
            if (changed := mapped_texts(old, fix, f"{path}.{name}" if path else name)) is not old
        }
        new = value.model_copy(update=update) if update else value
    return cast(Value, new)


class CleanModel(StrictModel):
    """A model whose texts are cleaned once, as they enter (see :mod:`civreport.model.text`)."""

    @model_validator(mode="before")
    @classmethod
    def _clean(cls, data: Any, info: ValidationInfo) -> Any:
        return clean_input(data, collector(info))
