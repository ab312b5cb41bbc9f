"""Read YAML, JSON and TOML input files into a :class:`Report`, with errors a user can act on."""

from __future__ import annotations

import json
import re
import tomllib
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import InputError, Problem
from .model import Report

Loc = tuple[str | int, ...]
LineMap = dict[Loc, int]

SUFFIXES = (".yaml", ".yml", ".json", ".toml")


# -- reading each format ------------------------------------------------------


def _read_yaml(text: str, file: str) -> tuple[Any, LineMap]:
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        lines: LineMap = {}
        if node is not None:
            _walk_yaml(node, (), lines, file)
        return (loader.construct_document(node) if node is not None else None), lines
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "无法解析"
        raise InputError.single(file, f"YAML 格式错误：{what}", line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise InputError.single(file, f"YAML 格式错误：{exc}") from None
    finally:
        loader.dispose()


def _walk_yaml(node: yaml.Node, loc: Loc, lines: LineMap, file: str) -> None:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in seen:
                # PyYAML keeps the last value silently; a repeated key is almost always a mistake.
                raise InputError.single(file, f"字段“{key}”重复出现（第一次在第 {seen[key]} 行）", line=line)
            seen[key] = line
            _walk_yaml(value_node, (*loc, key), lines, file)
            lines[(*loc, key)] = line  # a field's line is its key's, not its value's
    elif isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            _walk_yaml(child, (*loc, i), lines, file)


def _read_json(text: str, file: str) -> tuple[Any, LineMap]:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise InputError.single(file, f"字段“{key}”重复出现")
            result[key] = value
        return result

    try:
        return json.loads(text, object_pairs_hook=no_duplicates), {}
    except json.JSONDecodeError as exc:
        raise InputError.single(file, f"JSON 格式错误：{exc.msg}（第 {exc.colno} 列）", line=exc.lineno) from None


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _read_toml(text: str, file: str) -> tuple[Any, LineMap]:
    try:
        return tomllib.loads(text), {}
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = _TOML_AT.search(message)
        line = int(where[1]) if where else None
        detail = _TOML_AT.sub("", message) + (f"（第 {where[2]} 列）" if where else "")
        raise InputError.single(file, f"TOML 格式错误：{detail}", line=line) from None


_READERS: dict[str, Callable[[str, str], tuple[Any, LineMap]]] = {
    ".yaml": _read_yaml,
    ".yml": _read_yaml,
    ".json": _read_json,
    ".toml": _read_toml,
}


# -- validation messages ------------------------------------------------------

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
}

_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（请检查拼写；可用字段见 civreport schema）",
    "string_type": "应为文本",
    "list_type": "应为列表",
    "model_type": "应为键值映射（字段: 值）",
    "model_attributes_type": "应为键值映射（字段: 值）",
    "dict_type": "应为键值映射（字段: 值）",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "date_type": "应为日期，写作 YYYY-MM-DD",
    "date_parsing": "应为日期，写作 YYYY-MM-DD",
    "date_from_datetime_parsing": "应为日期，写作 YYYY-MM-DD",
    "date_from_datetime_inexact": "应为日期，不带时刻",
    "string_too_short": "不能为空",
    "string_unicode": "含有无法识别的字符（孤立的 UTF-16 代理项），请删除",
}


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "value_error":
        return str(error["ctx"]["error"])
    if kind == "literal_error":
        return f"应为以下之一：{error['ctx']['expected']}"
    if kind in _MESSAGES:
        message = _MESSAGES[kind]
        if kind.endswith("_type") and kind != "missing":
            got = _TYPE_NAMES.get(type(error["input"]).__name__, type(error["input"]).__name__)
            message += f"，实际是{got}"
        return message
    if not error["msg"].isascii():
        return str(error["msg"])  # the model's own checks already speak Chinese
    return f"值无效（{error['msg']}）"


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


def problems_from(exc: ValidationError, file: str, lines: LineMap, model: type[BaseModel] = Report) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        path = _path(loc)
        title = _field_title(loc, model) if error["type"] != "extra_forbidden" else None
        if title:
            path += f"（{title}）"
        problems.append(Problem(file, _message(error), path, _line(loc, lines)))
    return problems


# -- entry point --------------------------------------------------------------


def read_data(path: str | Path) -> tuple[Any, LineMap]:
    """Parse an input file into plain data and a map from field paths to line numbers."""
    path = Path(path)
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in _READERS:
        raise InputError.single(file, f"不支持的文件类型“{path.suffix or '无后缀'}”，应为 .yaml、.yml、.json 或 .toml")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError.single(file, "找不到文件") from None
    except IsADirectoryError:
        raise InputError.single(file, "这是目录，不是文件") from None
    except UnicodeDecodeError as exc:
        raise InputError.single(file, f"文件不是 UTF-8 编码（第 {exc.start} 字节）") from None
    except OSError as exc:
        raise InputError.single(file, f"无法读取文件：{exc.strerror}") from None
    data, lines = _READERS[suffix](text, file)
    if not isinstance(data, dict):
        raise InputError.single(file, "文件内容应为键值映射（字段: 值），如 office: 某区创城办")
    return data, lines


def load(path: str | Path) -> Report:
    """Load a report from a ``.yaml``, ``.yml``, ``.json`` or ``.toml`` file.

    Raises :class:`~civreport.errors.InputError` naming the file, field path and line
    of every problem found.
    """
    data, lines = read_data(path)
    try:
        report = Report.model_validate(data)
    except ValidationError as exc:
        raise InputError(problems_from(exc, str(path), lines)) from None
    report._source = Path(path)
    return report
