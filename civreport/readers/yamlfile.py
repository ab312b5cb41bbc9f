"""YAML input, read defensively: plain values only, bounded nesting and alias expansion,
and every error in Chinese with its line and a hint.

PyYAML's safe loader still builds dates (and fails on 2024-02-30), bytes (``!!binary``) and
sets, recurses without bound, and lets ``&a [*a]`` or a billion-laughs document through. Here
a document may hold only text, numbers, true/false, null, lists and mappings with text keys;
dates stay text for the model to check.
"""

from __future__ import annotations

import itertools
import re
from typing import Any, ClassVar

import yaml
from yaml.constructor import SafeConstructor

from ..diagnostics import Diagnostics, tell
from ..errors import CivreportWarning, InputError
from ..model.limits import MAX_NESTING, MAX_NODES

Loc = tuple[str | int, ...]
LineMap = dict[Loc, int]

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_HAN = re.compile(r"[\u3400-\u9fff]")
_PLAIN_TAGS = ("null", "bool", "int", "float", "str", "seq", "map")


class _Loader(yaml.SafeLoader):
    """A safe loader that builds plain values only and counts how deep it composes."""

    # Dates, times and the rest stay text: the model reads them, with its own messages.
    yaml_implicit_resolvers = {  # noqa: RUF012  # PyYAML's own class attribute
        first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    # Exponents as YAML 1.2 and JSON write them (1.5e3, 1e16), which YAML 1.1 reads as text.
    for _first in "-+0123456789":
        yaml_implicit_resolvers[_first] = [
            ("tag:yaml.org,2002:float", re.compile(r"^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$")),
            *yaml_implicit_resolvers.get(_first, [])]
    del _first
    yaml_constructors: ClassVar[dict[Any, Any]] = {
        **{f"tag:yaml.org,2002:{name}": SafeConstructor.yaml_constructors[f"tag:yaml.org,2002:{name}"]
           for name in _PLAIN_TAGS},
        None: SafeConstructor.construct_undefined,
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise _Refused(f"嵌套超过 {MAX_NESTING} 层", self.peek_event().start_mark)  # type: ignore[no-untyped-call]
        try:
            node: yaml.Node | None = super().compose_node(parent, index)  # type: ignore[arg-type]
            return node
        finally:
            self.depth -= 1


class _Refused(Exception):
    def __init__(self, message: str, mark: yaml.Mark | None):
        super().__init__(message)
        self.message, self.mark = message, mark


def read_yaml(text: str, file: str, diagnostics: Diagnostics | None = None) -> tuple[Any, LineMap]:
    """Parse a YAML document into plain data and a map from field paths to line numbers."""
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            return None, {}
        lines = _walk(node, text, diagnostics)
        return loader.construct_document(node), lines
    except _Refused as exc:
        raise InputError.single(file, exc.message, line=exc.mark.line + 1 if exc.mark else None) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise InputError.single(file, f"有 YAML 文件不允许的字符 U+{exc.character:04X}，请删除"
                                      if isinstance(exc.character, int) else "有无法读取的字符", line=line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError.single(file, syntax_message(exc), line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError:
        raise InputError.single(file, "YAML 格式有误：请检查缩进、冒号和引号") from None
    except RecursionError:
        raise InputError.single(file, f"嵌套超过 {MAX_NESTING} 层") from None
    finally:
        if loader is not None:
            loader.dispose()


def _walk(root: yaml.Node, text: str, diagnostics: Diagnostics | None) -> LineMap:
    """Line numbers of every field; refuses what the model could never read: keys that are
    not text, repeated keys, merge keys, aliases that contain themselves, and documents whose
    aliases expand to more than the bound; warns of texts a comma split (``text`` is the
    document's)."""
    lines: LineMap = {}
    split_checked: set[int] = set()
    stack: list[tuple[yaml.Node, Loc, tuple[int, ...]]] = [(root, (), ())]
    visited = 0
    while stack:
        node, loc, ancestors = stack.pop()
        visited += 1
        if visited > MAX_NODES:
            raise _Refused(f"内容展开后超过 {MAX_NODES} 项（是否用别名 * 重复引用了大段内容？）", node.start_mark)
        if id(node) in ancestors:
            raise _Refused("别名引用了包含它自己的内容", node.start_mark)
        if len(ancestors) > MAX_NESTING:
            raise _Refused(f"嵌套超过 {MAX_NESTING} 层", node.start_mark)
        lines.setdefault(loc, node.start_mark.line + 1)
        inner = (*ancestors, id(node))
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    raise _Refused("键必须是文本（不能用列表或映射作键）", key_node.start_mark)
                key = key_node.value
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _Refused("不支持合并键 <<，请把内容直接写出", key_node.start_mark)
                if key in seen:
                    # PyYAML keeps the last value silently; a repeated key is almost always a mistake.
                    raise _Refused(f"字段“{key}”重复出现（第一次在第 {seen[key]} 行）", key_node.start_mark)
                seen[key] = line
                lines[(*loc, key)] = line  # a field's line is its key's, not its value's
                stack.append((value_node, (*loc, key), inner))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, (*loc, i), inner) for i, child in enumerate(node.value))
            if node.flow_style and id(node) not in split_checked:  # an alias repeats a list: said once
                split_checked.add(id(node))
                _split_by_comma(node, text, diagnostics)
    return lines


def _split_by_comma(node: yaml.SequenceNode, text: str, diagnostics: Diagnostics | None) -> None:
    """Warn where a half-width comma between Chinese characters split a text in two inside
    [ ]: ``[城市环境明显改善,群众满意。]`` is two paragraphs to YAML, one sentence to its writer."""
    for a, b in itertools.pairwise(node.value):
        if (isinstance(a, yaml.ScalarNode) and isinstance(b, yaml.ScalarNode)
                and a.style is None and b.style is None and text[a.end_mark.index:b.start_mark.index] == ","
                and _HAN.match(a.value[-1:]) and _HAN.match(b.value[:1])):
            tell(diagnostics, CivreportWarning,
                 f"第 {a.end_mark.line + 1} 行：方括号列表中“{a.value[-6:]},{b.value[:6]}”的半角逗号把文字分成了两段；"
                 "如果是一句话，请把逗号改成全角“，”，或给整段文字加引号")


# What PyYAML says, and what a clerk can do about it. Checked in order; the first part of
# PyYAML's problem text that matches decides.
_HINTS = (
    ("mapping values are not allowed here",
     "这里不能出现“键: 值”：文字中的半角冒号后跟空格会被当作键值分隔。"
     "如果这是一段文字，请用引号把整段括起来，或把冒号改成全角“：”"),
    ("found character '\\t' that cannot start any token", "不能用制表符（Tab）缩进，请改用空格"),
    ("found character", "这个字符不能出现在值的开头，请用引号把这段文字括起来"),
    ("could not find expected ':'", "缺少冒号“:”，或者上一行的文字换行后没有缩进"),
    ("did not find expected key", "缩进不一致：这一行应与上面同级的字段对齐"),
    ("expected <block end>", "缩进不一致：这一行的缩进与上面同级的内容不同"),
    ("did not find expected '-' indicator", "缩进不一致：列表的每一项都应以同样缩进的“- ”开头"),
    ("expected ',' or ']'", "方括号 [ ] 中的列表写法有误：各项之间用逗号分隔，最后要有“]”"),
    ("expected ',' or '}'", "花括号 { } 中的写法有误：各项之间用逗号分隔，最后要有“}”"),
    ("found unexpected end of stream", "文件意外结束：有引号或括号没有闭合"),
    ("found unknown escape character", "双引号中的反斜杠“\\”后跟了无法识别的字符；如要写反斜杠本身，请写成“\\\\”或改用单引号"),
    ("found undefined alias", "引用了没有定义的锚点（*名称 之前要先有 &名称）"),
    ("found duplicate anchor", "同一个锚点 &名称 定义了两次"),
    ("could not determine a constructor for the tag", "不支持这种 YAML 标记（如 !!binary、!!set）；请直接写文字或数字"),
    ("expected the node content", "这里缺少内容，或者用了不该出现的符号"),
    ("expected a comment or a line break", "值的后面有多余的内容；如果这是一段文字，请用引号括起来"),
    ("expected alphabetic or numeric character", "锚点或别名的名称只能用字母和数字"),
    ("but found another document", "一个文件只能有一份报告（不要用“---”分隔多份）"),
)


def syntax_message(exc: yaml.MarkedYAMLError) -> str:
    """A PyYAML error as a Chinese message with a hint; the line is given separately."""
    problem = " ".join(filter(None, (exc.problem, exc.context)))
    for marker, hint in _HINTS:
        if marker in problem:
            return f"YAML 格式有误：{hint}"
    return "YAML 格式有误：请检查这一行及上一行的缩进、冒号和引号"
