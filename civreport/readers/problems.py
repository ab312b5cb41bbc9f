"""Pydantic's validation errors as Chinese problems naming the file, the line and the field."""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from ..model import Report
from ..model.fields import TAG
from ..model.report import field_loc
from .data import LineMap, Loc

_TYPE_NAMES = {
    "dict": "键值映射",
    "list": "列表",
    "str": "文本",
    "int": "整数",
    "float": "数字",
    "bool": "布尔值",
    "NoneType": "空值",
    "date": "日期",
    "datetime": "日期时间",
    "bytes": "二进制数据",
}

_SHAPES = {"list": "列表", "false": "false", "mapping": "键值映射（字段: 值）", "text": "文本"}
_DATE = "应为日期，写作 YYYY-MM-DD"
# Pydantic's error types, in Chinese; {name} takes the error's context.
_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（请检查拼写；可用字段见 civreport schema）",
    "string_type": "应为文本",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "model_type": "应为键值映射（字段: 值）",
    "model_attributes_type": "应为键值映射（字段: 值）",
    "dict_type": "应为键值映射（字段: 值）",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "int_type": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "finite_number": "应为有限的数，不能是 NaN 或无穷大",
    "less_than_equal": "不能大于 {le}",
    "greater_than": "应大于 {gt}",
    "less_than": "应小于 {lt}",
    "greater_than_equal": "不能小于 {ge}",
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": "应为日期，不带时刻",
    "string_too_short": "不能为空",
    "string_too_long": "太长：最多 {max_length} 个字符",
    "too_long": "太多：最多 {max_length} 项",
    "too_short": "太少：至少 {min_length} 项",
    "string_unicode": "含有无法识别的字符（孤立的 UTF-16 代理项），请删除",
}


# A pasted sentence like “主要成效: 明显改善” becomes a mapping in YAML.
_COLON_TRAP = "。文字里的半角冒号加空格（如“主要成效: 明显改善”）会被读成键值：请给这段文字加引号，或把冒号改成全角“：”"


def _value(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _message(error: Any) -> str:
    kind = error["type"]
    context = {name: _value(value) for name, value in (error.get("ctx") or {}).items()}
    if kind == "value_error":
        return str(error["ctx"]["error"])
    if kind == "union_tag_invalid":  # a value of a shape the field does not take (fields.SHAPE)
        expected = [_SHAPES.get(tag, tag) for tag in re.findall(r"'~(\w+)'", context.get("expected_tags", ""))]
        return f"应为{'、'.join(expected)}，实际是{_SHAPES.get(context.get('tag', '').lstrip('~'), '其他')}"
    if kind == "invalid_key":
        return "键必须是文本：数字作键请加引号"
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", context.get("expected", ""))
        return f"应为以下之一：{'、'.join(choices)}"
    if kind in _MESSAGES:
        message = _MESSAGES[kind].format_map(context)
        if kind.endswith("_type"):
            got = _TYPE_NAMES.get(type(error["input"]).__name__, type(error["input"]).__name__)
            message += f"，实际是{got}"
            if kind == "string_type" and isinstance(error["input"], dict) and len(error["input"]) == 1:
                message += _COLON_TRAP
            elif kind == "string_type" and isinstance(error["input"], (int, float)) and "rows" in error["loc"]:
                message += '。表格中的数字请加引号（如 "215.60"），YAML 才会照写法保留它'
        return message
    if not error["msg"].isascii():
        return str(error["msg"])  # the model's own checks already speak Chinese
    return "值无效"


def _path(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _field_title(loc: Loc, model: type[BaseModel] | None) -> str | None:
    """The Chinese title of the field that ``loc`` ends in, from the model itself."""
    title = None
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        info = model.model_fields[part]
        title = info.title
        model = _inner_model(info.annotation)
    return title


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found:
                return found
    return None


def _line(loc: Loc, lines: LineMap) -> int | None:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def field_errors(exc: ValidationError) -> list[tuple[Loc, str]]:
    """Each error of ``exc`` as the field it is about and a Chinese message."""
    out = []
    for error in exc.errors():
        loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith(TAG)))
        context = error.get("ctx") or {}
        if "field" in context and "problem" in context:  # a report-wide check names the field itself
            loc = (*loc, *field_loc(context["field"]))
            error = {**error, "msg": context["problem"]}
        out.append((loc, _message(error)))
    return out


def field_path(loc: Loc) -> str:
    """("parts", 0, "title") → parts[0].title, as findings and messages name fields."""
    return _path(loc)


def problems_from(exc: ValidationError, file: str, lines: LineMap, model: type[BaseModel] = Report) -> list[Problem]:
    problems = []
    for loc, message in field_errors(exc):
        path = _path(loc)
        title = _field_title(loc, model) if message != _MESSAGES.get("extra_forbidden") else None
        if title:
            path += f"（{title}）"
        problems.append(Problem(file, message, path, _line(loc, lines)))
    return problems
