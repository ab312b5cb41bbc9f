"""A quick count of the values in a YAML text, line by line, so that a file past the bound on
values is refused before ruamel.yaml reads it: reading costs some 90 µs a line of ``key: value``,
and a file of 300,000 keys took 12–14 s to be refused at its 200,001st value.

The count never exceeds what ruamel.yaml composes: the document, each key of a block mapping,
each entry of a block sequence (``- ``) and each comma in a flow collection (``[ ]``, ``{ }``);
nothing inside block scalars (``|``, ``>``), quoted texts or plain texts that go on over more
lines, and no alias expanded (composing counts those). So a file refused here would be refused
by composing it, at the same line or a later one, and a file let through is counted exactly
while it is composed.
"""

from __future__ import annotations

import io
import re

# A key of a block mapping: quoted, or plain (not starting with an indicator, no ": " or " #"
# inside), then a colon and a space or the line's end.
_KEY = re.compile(
    r"""
    (?: "(?:[^"\\]|\\.)*" | '(?:[^']|'')*'
      | (?:[^\s\-?:,\[\]{}\#&*!|>'"%@`]|[-?:](?=\S)) (?:[^\s:\#]|:(?=\S)|(?<=\S)\#|[ \t]+(?=[^\s\#]))*? )
    [ \t]*:(?:[ \t]|$)""",
    re.VERBOSE,
)
_DOCUMENT = re.compile(r"(---|\.\.\.)(?:[ \t]+|$)")  # the start or the end of a document
_INDICATOR = re.compile(r"[-?:](?:[ \t]+|$)")  # a block sequence's entry, a complex key or its value
_PROPERTIES = re.compile(r"(?:[&!]\S*(?:[ \t]+|$))*")  # anchors and tags before a node
# What a line inside [ ] or { } holds. A quote opens a quoted text only where a token starts:
# a plain text ends before ": " and " #", and a property or an alias at a space.
_FLOW = re.compile(
    r"""
    (?P<open>[\[{]) | (?P<close>[\]}]) | (?P<comma>,)
  | (?P<quoted>"(?:[^"\\]|\\.)*(?P<dq>")? | '(?:[^']|'')*(?P<sq>')?)
  | (?P<comment>(?<!\S)\#.*)
  | [&!*][^\s,\[\]{}]*
  | (?:[^\s\-?:,\[\]{}\#&*!|>'"%@`]|[-?:](?=[^\s,\[\]{}]))
    (?:[^\s:\#,\[\]{}]|:(?=[^\s,\[\]{}])|(?<=\S)\#|[ \t]+(?=[^\s:\#,\[\]{}]|:[^\s,\[\]{}]))*
  | \s+ | .""",
    re.VERBOSE,
)
# Where a quoted text that goes on over lines ends, on a later line.
_CLOSING = {'"': re.compile(r'(?:[^"\\]|\\.)*"'), "'": re.compile(r"(?:[^']|'')*'(?!')")}


def line_past(text: str, bound: int) -> int | None:
    """The line on which ``text`` holds more than ``bound`` values, if it does by this count."""
    if 1 + text.count("-") + text.count(":") + text.count(",") <= bound:
        return None  # each key has its colon, each entry its dash or colon
    return _Scan(bound).lines(io.StringIO(text, newline=None))


class _Scan:
    """The count, a line at a time, with what it must know of the lines before."""

    def __init__(self, bound: int):
        self.bound, self.count = bound, 0
        self.owners: list[int] = []  # the columns of the keys and entries that hold what follows
        self.deeper_than: int | None = None  # in a block scalar or a plain text: lines indented more go on with it
        self.quote: str | None = None  # in a quoted text that goes on over lines
        self.depth = 0  # in [ ] and { } that go on over lines

    def lines(self, text: io.StringIO) -> int | None:
        for number, line in enumerate(text, 1):
            self.line(line.rstrip("\n"))
            if self.count > self.bound:
                return number
        return None

    def line(self, line: str) -> None:
        at = 0
        if self.quote:
            closing = _CLOSING[self.quote].match(line)
            if not closing:
                return
            self.quote, at = None, closing.end()
            if not self.depth:
                return  # what follows a closed text on its line is no new value
        if self.depth:
            self.flow(line, at)
            return
        content = line.lstrip(" ")
        indent = len(line) - len(content)
        if not content.strip() or content.startswith("#"):
            return
        if self.deeper_than is not None:
            if indent > self.deeper_than:
                return
            self.deeper_than = None
        if indent == 0 and content.startswith("%"):
            return  # a directive
        if indent == 0 and (marker := _DOCUMENT.match(line)):
            self.owners.clear()
            at = _after_properties(line, marker.end())
            if marker[1] == "---" and line[at : at + 1] not in ("", "#"):
                self.count = max(self.count, 1)
                self.node(line, at, -1)  # --- | : the document is a block scalar
            return
        self.count = max(self.count, 1)  # the document
        at, column = indent, None
        while entry := _INDICATOR.match(line, at):
            self.count += line[at] != "?"  # a complex key is not a value; its ": value" is
            column = self.own(at)
            at = _after_properties(line, entry.end())
        if key := _KEY.match(line, at):
            self.count += 1
            column = self.own(at)
            at = _after_properties(line, key.end())
        elif column is None:  # a node on its own line: it goes on in lines deeper than what holds it
            while self.owners and self.owners[-1] >= indent:
                self.owners.pop()
            column = self.owners[-1] if self.owners else -1
        self.node(line, at, column)

    def own(self, column: int) -> int:
        while self.owners and self.owners[-1] >= column:
            self.owners.pop()
        self.owners.append(column)
        return column

    def node(self, line: str, at: int, column: int) -> None:
        """A node starting at ``at`` (its properties read), held at ``column``."""
        first = line[at : at + 1]
        if not first or first == "#" or first == "*":
            return  # its content on the lines below, or an alias
        if first in "\"'":
            token = _FLOW.match(line, at)
            if token and not (token["dq"] or token["sq"]):
                self.quote = first
        elif first in "[{":
            self.flow(line, at)
        else:  # a block scalar or a plain text: what is deeper goes on with it
            self.deeper_than = column

    def flow(self, line: str, at: int) -> None:
        for token in _FLOW.finditer(line, at):
            kind = token.lastgroup
            if kind == "open":
                self.depth += 1
            elif kind == "close":
                self.depth -= 1
                if self.depth <= 0:
                    self.depth = 0
                    return
            elif kind == "comma" and self.depth:
                self.count += 1
            elif kind == "quoted" and not (token["dq"] or token["sq"]):
                self.quote = token[0][0]
                return
            elif kind == "comment":
                return


def _after_properties(line: str, at: int) -> int:
    """Where the node at ``at`` starts after its anchor and tag."""
    properties = _PROPERTIES.match(line, at)
    return properties.end() if properties else at
