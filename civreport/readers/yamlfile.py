"""YAML input, read defensively: plain values only, bounded nesting and alias expansion,
and every error in Chinese with its line and a hint.

ruamel.yaml reads the text into nodes with their places in it; the values are made here, from
those nodes, so that a document may hold only text, numbers, true/false, null, lists and
mappings with text keys. Plain scalars are read as YAML 1.2 reads them (true/false only, not
yes/no/on/off; numbers also with exponents, 1.5e3; no octal 010, no sexagesimal 1:30), except
that dates stay text for the model to check. Nesting and the number of values are bounded
while the text is read, before anything is built; aliases are expanded within the same bound;
a text with more values than the bound by a quick count is refused before it is read.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError, StreamMark, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver

from ..diagnostics import Diagnostics, tell
from ..errors import CivreportWarning, InputError
from ..model.limits import MAX_NESTING, MAX_NODES
from .yamlscan import line_past

Loc = tuple[str | int, ...]
LineMap = dict[Loc, int]

_HAN = re.compile(r"[\u3400-\u9fff]")
_TAG = "tag:yaml.org,2002:"
_NESTING = f"嵌套超过 {MAX_NESTING} 层"
_TOO_MANY = f"内容展开后超过 {MAX_NODES} 项（是否用别名 * 重复引用了大段内容？）"
_UNSUPPORTED_TAG = "文件格式有误：不支持这种 YAML 标记（如 !!binary、!!set）；请直接写文字或数字"

# What a plain (unquoted) scalar is, when it is not text: YAML 1.2's core schema as ruamel.yaml
# reads and writes it (so a text it writes unquoted is read back as text), with underscores
# between digits (1_000). Each pattern admits only what its constructor below can build.
_PLAIN = (
    ("null", r"~|null|Null|NULL|", "~nN"),
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("int", r"[-+]?(?:[0-9][0-9_]*|0b[01][01_]*|0o[0-7][0-7_]*|0x[0-9a-fA-F][0-9a-fA-F_]*)", "-+0123456789"),
    (
        "float",
        r"""[-+]?[0-9][0-9_]*(?:\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)
               |[-+]?\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)""",
        "-+0123456789.",
    ),
    ("merge", r"<<", "<"),  # found to be refused: a merge key hides where a field was written
)


def _plain_resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """The schema above as ruamel.yaml's resolvers look it up: by a value's first character."""
    table: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for tag, pattern, first in _PLAIN:
        for char in first:
            table.setdefault(char, []).append((_TAG + tag, re.compile(f"(?:{pattern})$", re.X)))
    table[""] = table["~"]  # an empty value is null
    return table


class _Resolver(VersionedResolver):
    """The schema above, whatever version a ``%YAML`` directive names."""

    versioned_resolver = _plain_resolvers()
    processing_version = (1, 2)  # the parser asks too


class _Composer(Composer):
    """ruamel.yaml's composer, counting the values it composes: a document past the bound is
    refused as soon as it gets there, before the rest is read."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.warn_double_anchors = False  # refused below, as before, rather than warned of
        self.values = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:
        event = self.parser.peek_event()
        if not (isinstance(parent, MappingNode) and index is None):  # a key is not a value
            self.values += 1
            if self.values > MAX_NODES:
                raise _Refused(_TOO_MANY, event.start_mark)
        if not isinstance(event, AliasEvent) and event.anchor is not None and event.anchor in self.anchors:
            raise _Refused("文件格式有误：同一个锚点 &名称 定义了两次", event.start_mark)
        node: Node = super().compose_node(parent, index)
        return node


class _Refused(Exception):
    def __init__(self, message: str, mark: StreamMark | None):
        super().__init__(message)
        self.message, self.mark = message, mark


@contextmanager
def _in_chinese(text: str, file: str) -> Iterator[None]:
    """What reading ``text`` refuses, as an input error in Chinese with its line and a hint."""
    try:
        yield
    except _Refused as exc:
        raise InputError.single(file, exc.message, line=exc.mark.line + 1 if exc.mark else None) from None
    except MaxDepthExceededError as exc:
        raise InputError.single(file, _NESTING, line=exc.problem_mark.line + 1) from None
    except ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise InputError.single(
            file,
            f"有 YAML 文件不允许的字符 U+{exc.character:04X}，请删除"
            if isinstance(exc.character, int)
            else "有无法读取的字符",
            line=line,
        ) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError.single(file, syntax_message(exc), line=mark.line + 1 if mark else None) from None
    except YAMLError:
        raise InputError.single(file, "文件格式有误：请检查缩进、冒号和引号") from None


def compose(text: str, file: str) -> Node | None:
    """The nodes of a YAML document, each with its place in ``text``; None for an empty one."""
    past = line_past(text, MAX_NODES)
    if past is not None:  # refused before reading: reading costs far more than counting
        raise InputError.single(file, f"内容超过 {MAX_NODES} 项，不像是一份报告", line=past)
    yaml = YAML(typ="safe", pure=True)
    yaml.Composer = _Composer
    yaml.Resolver = _Resolver
    yaml.max_depth = MAX_NESTING
    with _in_chinese(text, file):
        node: Node | None = yaml.compose(text)
    return node


def read_yaml(text: str, file: str, diagnostics: Diagnostics | None = None) -> tuple[Any, LineMap]:
    """Parse a YAML document into plain data and a map from field paths to line numbers; what
    reading it has to tell goes to ``diagnostics`` (warnings when none is given)."""
    root = compose(text, file)
    if root is None:
        return None, {}
    with _in_chinese(text, file):
        return _build(root, text, diagnostics)


def yaml_value(text: str, *, flow: bool = False) -> str:
    """``text`` as a YAML value (in a block, or inside [ ] and { } if ``flow``): as it is where it
    reads back unchanged, else in double quotes."""
    try:
        root = compose(f"[{text}, {{k: {text}}}]" if flow else f"k: {text}", "")
    except InputError:
        return quoted(text)

    def same(node: Node) -> bool:
        return isinstance(node, ScalarNode) and str(node.tag) == _TAG + "str" and node.value == text

    if flow:
        plain = (
            isinstance(root, SequenceNode)
            and len(root.value) == 2
            and same(root.value[0])
            and isinstance(root.value[1], MappingNode)
            and len(root.value[1].value) == 1
            and same(root.value[1].value[0][1])
        )
    else:
        plain = isinstance(root, MappingNode) and len(root.value) == 1 and same(root.value[0][1])
    return text if plain else quoted(text)


def quoted(text: str) -> str:
    """``text`` in double quotes, which carry any text (a JSON string is a YAML double-quoted one)."""
    return json.dumps(text, ensure_ascii=False)


def _build(root: Node, text: str, diagnostics: Diagnostics | None) -> tuple[Any, LineMap]:
    """The plain data of ``root`` and the line of every field; refuses what the model could never
    read: keys that are not text, repeated keys, merge keys, tags, aliases that contain
    themselves, and documents whose aliases expand past the bound; warns of texts a comma split
    (``text`` is the document's)."""
    lines: LineMap = {}
    split_checked: set[int] = set()
    top: list[Any] = []
    # Each node with where its value goes: the container and the key or index in it.
    stack: list[tuple[Node, Loc, tuple[int, ...], Any, Any]] = [(root, (), (), top, 0)]
    top.append(None)
    visited = 0
    while stack:
        node, loc, ancestors, into, at = stack.pop()
        visited += 1
        if visited > MAX_NODES:
            raise _Refused(_TOO_MANY, node.start_mark)
        if id(node) in ancestors:
            raise _Refused("别名引用了包含它自己的内容", node.start_mark)
        if len(ancestors) > MAX_NESTING:
            raise _Refused(_NESTING, node.start_mark)
        lines.setdefault(loc, node.start_mark.line + 1)
        inner = (*ancestors, id(node))
        tag = str(node.tag)
        if isinstance(node, MappingNode) and tag == _TAG + "map":
            mapping: dict[Any, Any] = {}
            into[at] = mapping
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                if not isinstance(key_node, ScalarNode):
                    raise _Refused("键必须是文本（不能用列表或映射作键）", key_node.start_mark)
                if str(key_node.tag) == _TAG + "merge":
                    raise _Refused("不支持合并键 <<，请把内容直接写出", key_node.start_mark)
                key = key_node.value  # as written, in the field's path and in finding a repeat
                if key in seen:
                    # A repeated key is almost always a mistake, not a value to replace the first.
                    raise _Refused(f"字段“{key}”重复出现（第一次在第 {seen[key]} 行）", key_node.start_mark)
                seen[key] = line
                lines[(*loc, key)] = line  # a field's line is its key's, not its value's
                value = _scalar(key_node)
                mapping[value] = None
                stack.append((value_node, (*loc, key), inner, mapping, value))
        elif isinstance(node, SequenceNode) and tag == _TAG + "seq":
            sequence: list[Any] = [None] * len(node.value)
            into[at] = sequence
            stack.extend((child, (*loc, i), inner, sequence, i) for i, child in enumerate(node.value))
            if node.flow_style and id(node) not in split_checked:  # an alias repeats a list: said once
                split_checked.add(id(node))
                _split_by_comma(node, text, diagnostics)
        elif isinstance(node, ScalarNode):
            into[at] = _scalar(node)
        else:
            raise _Refused(_UNSUPPORTED_TAG, node.start_mark)
    return top[0], lines


def _scalar(node: ScalarNode) -> Any:
    """The value of a scalar: text, a number, true/false or null; another tag is refused."""
    tag, value = str(node.tag).removeprefix(_TAG), node.value
    if tag == "str":
        return value
    if tag == "null":
        return None
    digits = value.replace("_", "").lower()
    try:
        if tag == "bool" and digits in ("true", "false"):
            return digits == "true"
        if tag == "int":  # 0b, 0o, 0x as Python writes them; 010 is ten
            return int(digits, 0) if digits.lstrip("+-")[1:2].isalpha() else int(digits)
        if tag == "float":
            return float(digits.replace(".inf", "inf").replace(".nan", "nan"))
    except ValueError:
        pass
    if tag in ("bool", "int", "float"):  # written with a tag: !!int abc
        raise _Refused(f"文件格式有误：“{value}”不能读作 !!{tag}，请去掉这个标记", node.start_mark)
    raise _Refused(_UNSUPPORTED_TAG, node.start_mark)


def _split_by_comma(node: SequenceNode, text: str, diagnostics: Diagnostics | None) -> None:
    """Warn where a half-width comma between Chinese characters split a text in two inside
    [ ]: ``[城市环境明显改善,群众满意。]`` is two paragraphs to YAML, one sentence to its writer."""
    for a, b in itertools.pairwise(node.value):
        if (
            isinstance(a, ScalarNode)
            and isinstance(b, ScalarNode)
            and a.style is None
            and b.style is None
            and text[a.end_mark.index : b.start_mark.index] == ","
            and _HAN.match(a.value[-1:])
            and _HAN.match(b.value[:1])
        ):
            tell(
                diagnostics,
                CivreportWarning,
                f"第 {a.end_mark.line + 1} 行：方括号列表中“{a.value[-6:]},{b.value[:6]}”的半角逗号把文字分成了两段；"
                "如果是一句话，请把逗号改成全角“，”，或给整段文字加引号",
            )


# What ruamel.yaml says, and what a clerk can do about it. Checked in order; the first part of
# its problem text that matches decides.
_HINTS = (
    (
        "mapping values are not allowed here",
        "这里不能出现“键: 值”：文字中的半角冒号后跟空格会被当作键值分隔。"
        "如果这是一段文字，请用引号把整段括起来，或把冒号改成全角“：”",
    ),
    ("found character '\\t' that cannot start any token", "不能用制表符（Tab）缩进，请改用空格"),
    ("found character", "这个字符不能出现在值的开头，请用引号把这段文字括起来"),
    ("could not find expected ':'", "缺少冒号“:”，或者上一行的文字换行后没有缩进"),
    ("did not find expected key", "缩进不一致：这一行应与上面同级的字段对齐"),
    ("expected <block end>", "缩进不一致：这一行的缩进与上面同级的内容不同"),
    ("did not find expected '-' indicator", "缩进不一致：列表的每一项都应以同样缩进的“- ”开头"),
    ("expected ',' or ']'", "方括号 [ ] 中的列表写法有误：各项之间用逗号分隔，最后要有“]”"),
    ("expected ',' or '}'", "花括号 { } 中的写法有误：各项之间用逗号分隔，最后要有“}”"),
    ("found unexpected end of stream", "文件意外结束：有引号或括号没有闭合"),
    (
        "found unknown escape character",
        "双引号中的反斜杠“\\”后跟了无法识别的字符；如要写反斜杠本身，请写成“\\\\”或改用单引号",
    ),
    ("found undefined alias", "引用了没有定义的锚点（*名称 之前要先有 &名称）"),
    ("expected the node content", "这里缺少内容，或者用了不该出现的符号"),
    ("expected a comment or a line break", "值的后面有多余的内容；如果这是一段文字，请用引号括起来"),
    ("expected alphabetic or numeric character", "锚点或别名的名称只能用字母和数字"),
    ("but found another document", "一个文件只能有一份报告（不要用“---”分隔多份）"),
)


def syntax_message(exc: MarkedYAMLError) -> str:
    """A ruamel.yaml error as a Chinese message with a hint; the line is given separately."""
    problem = " ".join(filter(None, (exc.problem, exc.context)))
    for marker, hint in _HINTS:
        if marker in problem:
            return f"文件格式有误：{hint}"
    return "文件格式有误：请检查这一行及上一行的缩进、冒号和引号"
