"""Read YAML, JSON and TOML files into plain data, with a map from field paths to lines."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError

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
