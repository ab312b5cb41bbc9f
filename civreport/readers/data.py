"""Read YAML, JSON and TOML files into plain data, with a map from field paths to lines."""

from __future__ import annotations

import codecs
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics
from ..errors import InputError
from ..files import read_file
from ..model.limits import MAX_FILE_BYTES, MAX_NESTING, MAX_NODES
from .yamlfile import LineMap, Loc, read_yaml

__all__ = ["LineMap", "Loc", "parse_data", "read_data"]

SUFFIXES = (".yaml", ".yml", ".json", ".toml")


# -- reading each format ------------------------------------------------------


def _read_json(text: str, file: str, diagnostics: Diagnostics | None) -> tuple[Any, LineMap]:
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
        hint = next((hint for marker, hint in _JSON_HINTS if exc.msg.startswith(marker)), "请检查括号、引号和逗号")
        raise InputError.single(file, f"JSON 格式有误（第 {exc.colno} 列）：{hint}", line=exc.lineno) from None
    except RecursionError:
        raise InputError.single(file, f"嵌套超过 {MAX_NESTING} 层") from None


_JSON_HINTS = (
    ("Expecting property name", "键要用双引号括起来，最后一项后面不能有逗号"),
    ("Expecting ',' delimiter", "各项之间缺少逗号"),
    ("Expecting ':' delimiter", "键后面缺少冒号"),
    ("Expecting value", "缺少值，或用了 JSON 不允许的写法（如单引号、注释）"),
    ("Unterminated string", "引号没有闭合"),
    ("Invalid control character", "文字中有换行或控制字符，请改写成 \\n"),
    ("Invalid \\escape", "反斜杠后跟了无法识别的字符"),
    ("Extra data", "文件结尾有多余的内容"),
)


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _read_toml(text: str, file: str, diagnostics: Diagnostics | None) -> tuple[Any, LineMap]:
    try:
        return tomllib.loads(text), {}
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = _TOML_AT.search(message)
        line = int(where[1]) if where else None
        column = f"（第 {where[2]} 列）" if where else ""
        hint = next((hint for marker, hint in _TOML_HINTS if marker in message), "请检查等号、引号和括号")
        raise InputError.single(file, f"TOML 格式有误{column}：{hint}", line=line) from None
    except RecursionError:
        raise InputError.single(file, f"嵌套超过 {MAX_NESTING} 层") from None


_TOML_HINTS = (
    ("Invalid value", "值的写法有误：文字要用引号括起来"),
    ("Expected '=' after a key", "键后面缺少等号“=”"),
    ("Cannot overwrite a value", "同一个键写了两次"),
    ("Cannot declare", "同一个表写了两次"),
    ("Unclosed array", "方括号 [ ] 没有闭合"),
    ("Unclosed inline table", "花括号 { } 没有闭合"),
    ("Unterminated string", "引号没有闭合"),
    ("Illegal character", "有 TOML 不允许的字符"),
    ("Invalid date", "日期无效，应写作 YYYY-MM-DD"),
    ("Expected newline or end of document", "值的后面有多余的内容"),
)


# A format's reader: the text, its file's name, and where to tell what is worth telling.
_READERS: dict[str, Callable[[str, str, Diagnostics | None], tuple[Any, LineMap]]] = {
    ".yaml": read_yaml,
    ".yml": read_yaml,
    ".json": _read_json,
    ".toml": _read_toml,
}


# -- entry point --------------------------------------------------------------


def read_data(path: str | Path, diagnostics: Diagnostics | None = None) -> tuple[Any, LineMap]:
    """Parse an input file into plain data and a map from field paths to line numbers; what
    reading it has to tell goes to ``diagnostics`` (warnings when none is given)."""
    path = Path(path)
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in _READERS:
        raise InputError.single(file, f"不支持的文件类型“{path.suffix or '无后缀'}”，应为 .yaml、.yml、.json 或 .toml")
    raw = read_file(path, MAX_FILE_BYTES, f"文件超过 {MAX_FILE_BYTES // 1_000_000} MB，不像是一份报告")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        raise InputError.single(
            file,
            f"文件不是 UTF-8 编码（{'是 UTF-16' if utf16 else '可能是 GBK'}）：请在编辑器或记事本中"
            "“另存为”UTF-8 编码后再用",
            line=None if utf16 else raw.count(b"\n", 0, exc.start) + 1,
        ) from None
    return parse_data(text, suffix, file, diagnostics)


def parse_data(text: str, suffix: str, file: str, diagnostics: Diagnostics | None = None) -> tuple[Any, LineMap]:
    """The text of an input in the format ``suffix`` names (``.yaml``, ``.json`` …) as plain data
    and a map from field paths to lines, held to the bounds a file is; ``file`` names it in
    messages."""
    data, lines = _READERS[suffix](text, file, diagnostics)
    if not isinstance(data, dict):
        raise InputError.single(file, "文件内容应为键值映射（字段: 值），如 office: 某区创城办")
    _check_size(data, file)
    return data, lines


def _check_size(data: Any, file: str) -> None:
    """JSON and TOML documents within the same bounds as YAML's (nesting, number of values)."""
    stack, count = [(data, 1)], 0
    while stack:
        value, depth = stack.pop()
        count += 1
        if depth > MAX_NESTING:
            raise InputError.single(file, f"嵌套超过 {MAX_NESTING} 层")
        if count > MAX_NODES:
            raise InputError.single(file, f"内容超过 {MAX_NODES} 项")
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        stack.extend((child, depth + 1) for child in children)
