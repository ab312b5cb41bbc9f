"""Input files rewritten in place, and the ones civreport writes of its own. ``check --fix``
writes its fixed texts into the file's text where the old ones stood, every other byte as it was;
the editor's save goes through ruamel.yaml's round trip, which keeps the file's comments, key
order, quoting, block styles and indentation, and values merged in keep the comments of the keys
they replace. An import or a roll-up is written as the samples are."""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.scalarstring import ScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from .yamlfile import Loc, compose, quoted, yaml_value


@dataclass(frozen=True)
class FileForm:
    """How a file writes its text beyond the text itself, kept when it is rewritten: a
    byte-order mark (Windows Notepad), Windows line ends."""

    bom: bool = False
    crlf: bool = False

    @classmethod
    def read(cls, path: Path) -> tuple[str, FileForm]:
        """The text of ``path`` (\\n line ends), and its form; an absent file is empty."""
        raw = path.read_bytes() if path.exists() else b""
        bom = raw.startswith(codecs.BOM_UTF8)
        text = raw[len(codecs.BOM_UTF8) if bom else 0 :].decode("utf-8")
        return text.replace("\r\n", "\n"), cls(bom, "\r\n" in text)

    def encode(self, text: str) -> bytes:
        body = (text.replace("\n", "\r\n") if self.crlf else text).encode("utf-8")
        return (codecs.BOM_UTF8 if self.bom else b"") + body


def writer() -> YAML:
    """How civreport writes an input file of its own (an import, a roll-up): a paragraph on one
    line, a list's items indented under its key, as the samples are written."""
    yaml = YAML()
    yaml.width = 1_000_000  # a paragraph stays on one line: no folding to mend when editing
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def commented(value: Any) -> Any:
    """Plain data as ruamel's commented nodes, which take comments; a table's rows in flow style,
    one row a line."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = commented(item)
        if "header" in value:
            node["header"].fa.set_flow_style()
            for row in node["rows"]:
                row.fa.set_flow_style()
        return node
    if isinstance(value, list):
        return CommentedSeq(commented(item) for item in value)
    return value


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a line that was not folded
    return yaml


def load(text: str) -> tuple[YAML, Any]:
    """The document of ``text`` as ruamel's commented nodes, and the YAML that writes it back
    with the file's own indentation ("  - item": the item at 4, its dash at 2)."""
    yaml = _yaml()
    _, indent, offset = load_yaml_guess_indent(text) if text.strip() else (None, 4, 2)
    indent, offset = indent or 2, offset or 0
    yaml.indent(mapping=max(2, indent - offset), sequence=indent, offset=offset)
    return yaml, yaml.load(text)


def dump(yaml: YAML, root: Any) -> str:
    out = io.StringIO()
    yaml.dump(root, out)
    return out.getvalue()


def _restyled(old: Any, new: str) -> Any:
    """``new`` written the way ``old`` was (folded, literal, quoted), where YAML recorded it."""
    return type(old)(new) if isinstance(old, ScalarString) else new


def merged(old: Any, new: Any) -> Any:
    """``new`` written into ``old`` where their shapes agree, so that comments on kept keys and
    items stay and unchanged values keep their style."""
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            old[key] = merged(old[key], value) if key in old else value
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        for i, value in enumerate(new):
            if i < len(old):
                old[i] = merged(old[i], value)
            else:
                old.append(value)
        del old[len(new) :]
        return old
    if isinstance(new, str):
        if isinstance(old, date) and old.isoformat() == new:
            return old  # a date the file wrote bare stays bare
        if isinstance(old, int) and not isinstance(old, bool) and str(old) == new:
            return old  # so does a number (period: 2021, posted back by a form as text)
        if isinstance(old, str):
            return old if old == new else _restyled(old, new)
    if type(old) is type(new) and old == new:
        return old
    if isinstance(old, (int, float)) and not isinstance(old, bool) and type(new) in (int, float) and old == new:
        return old  # a number as the file wrote it (95.50, 1.2e3), which the form posts back as 95.5
    return new


def spliced(text: str, values: dict[Loc, str], file: str) -> tuple[str, int]:
    """``text`` with the texts at the field paths of ``values`` written where the old ones stand,
    each in the old one's style where that style can carry it, every other byte as it was; and
    how many of the fields the text writes (a default is not written in it)."""
    root = compose(text, file)
    edits: dict[int, tuple[int, str]] = {}  # start → end, new text (an alias's fields share one)
    written = 0
    for loc, value in values.items():
        found = _scalar_at(root, loc)
        if found:
            node, flow = found
            edits[node.start_mark.index] = (node.end_mark.index, _written(value, node, flow, text))
            written += 1
    pieces, at = [], 0
    for start, (end, new) in sorted(edits.items()):
        pieces += [text[at:start], new]
        at = end
    return "".join(pieces) + text[at:], written


def _scalar_at(root: Node | None, loc: Loc) -> tuple[ScalarNode, bool] | None:
    """The scalar written at ``loc``, and whether it stands inside [ ] or { }."""
    node, flow = root, False
    for key in loc:
        if isinstance(node, MappingNode):
            flow = bool(node.flow_style)
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, SequenceNode) and isinstance(key, int) and key < len(node.value):
            flow = bool(node.flow_style)
            node = node.value[key]
        else:
            return None
    return (node, flow) if isinstance(node, ScalarNode) else None


# A block scalar's span: its header (| or >, its indicators, perhaps a comment), its lines, and
# the white space after them, whose line breaks belong to what follows.
_BLOCK = re.compile(
    r"(?P<header>[|>](?P<indicators>[-+]?[0-9]?[-+]?)(?P<comment>[ \t]+#[^\n]*)?)[ \t]*\n"
    r"(?P<lines>(?:[ \t]*\n)*(?P<margin> *).*\S)(?P<rest>\s*)",
    re.S,
)


def _written(value: str, node: ScalarNode, flow: bool, text: str) -> str:
    """``value`` as the YAML that replaces ``node``: as it was written (plain, in single quotes,
    a | or > block) where that can carry it, else in double quotes, which carry any text."""
    if node.style is None:
        return yaml_value(value, flow=flow)
    if node.style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if node.style not in ("|", ">"):
        return quoted(value)
    block = _BLOCK.fullmatch(text, node.start_mark.index, node.end_mark.index)
    assert block, "a block scalar's span"
    lines = value.split("\n")
    if any(c.isdigit() for c in block["indicators"]) or not all(line and line == line.strip() for line in lines):
        return f"{quoted(value)}{block['comment'] or ''}{block['rest']}"  # a block that cannot carry the text
    # In a > block a single line break is a space: a line break of the text is a blank line.
    new = ("\n" if node.style == "|" else "\n\n").join(block["margin"] + line for line in lines)
    return f"{block['header']}\n{new}{block['rest']}"
