"""Line-break hints, so that a browser engine breaks mixed Chinese and Latin lines where
word processors break them.

The page for layout engines (``Page.print_html``, which the PDF writer lays out) carries
these hints, so that a PDF and the same report's DOCX opened in a word processor hold the
same words on every line. Two differences matter (measured in LibreOffice 7.4, which
follows Word's defaults here):

- Spacing: an ideograph next to a Latin letter or digit gets about a fifth of an em between
  them (Word's autoSpaceDE/autoSpaceDN, on by default; LibreOffice always), so 2024年 is
  drawn 2024 年. Punctuation and symbols (. % - （ ，) get none; the Latin run's span says
  which of its sides meets Chinese, with the space or without it, for the PDF's measure of
  the line (:mod:`civreport.writers.pdf.lines`).
- Breaks: no line break between closing punctuation (、，。）》…) and a following letter
  or digit, nor between a letter or digit and a following opening bracket (（《【…), nor
  after a character of Word's "cannot end a line" list (the dash — among them), nor before the
  dash of a range (20—27日), which never starts a line.
  Pango allows all of these; an invisible WORD JOINER forbids them. And curly quotes in Chinese
  text open and close like brackets: a line may break before “ and after ”. Pango (by the
  older UAX #14) breaks on neither side of a quote; a ZERO WIDTH SPACE allows it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence

from lxml import html as lxml_html

from ..model.punctuation import BEFORE_RANGE_DASH, JOINER
from ..model.text import is_mark
from ..office.textwidth import SPACE_EM, is_ideograph
from .contract import CELL_TAGS, PARAGRAPH_TAGS

LATIN = re.compile(r"[!-~]+(?: [!-~]+)*")  # printable ASCII, inner single spaces allowed
BREAK = "\u200b"
CLOSING = "、，。）》」』】〉〕］｝〗〙"
OPENING = "（《「『【〈〔［｛〖〘"
IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Word's simplified-Chinese kinsoku list of characters that never end a line, plus the dash:
# a dash never parts from what follows it, so —— never splits (GB/T 15834). The DOCX states the
# list (w:noLineBreaksAfter); the page glues each to what follows it for the PDF.
NO_BREAK_AFTER = "$([{£¥·‘“〈《「『【〔〖〝﹙﹛﹝＄（．［｛￡￥—"
_GLUED = re.compile(
    f"(?<=[{CLOSING}])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[{OPENING}])"
    f"|(?<=[{re.escape(NO_BREAK_AFTER)}])(?=[^\\s{JOINER}—])"  # —— itself Pango keeps whole
    f"|{BEFORE_RANGE_DASH.pattern}"
)
_QUOTE_BREAK = re.compile(f"(?<=[”’])(?=[{IDEOGRAPHS}{OPENING}“‘])|(?<=[{IDEOGRAPHS}{CLOSING}])(?=[“‘])")


def _join(text: str, before: str, after: str) -> str:
    """``text`` with WORD JOINERs where a word processor would not break the line and
    ZERO WIDTH SPACEs where it would but Pango would not; ``before`` and ``after`` are
    the characters around it in the paragraph."""
    padded = before[-1:] + text + after[:1]
    padded = _QUOTE_BREAK.sub(BREAK, _GLUED.sub(JOINER, padded))
    # Marks inserted at either end belong to this text; the neighbours themselves do not.
    return padded[len(before[-1:]) : len(padded) - len(after[:1])]


def hinted(text: str, before: str, after: str) -> list[str | tuple[str, str]]:
    """``text`` as the page for layout engines carries it, between the characters ``before``
    and ``after``: joiners and break spaces put in, and each Latin run next to Chinese text
    apart, with how it meets Chinese text on each side (:func:`_spaced`); for the Typst PDF, which
    reads the page's blocks, not its HTML."""
    return _spaced(_join(text, before, after), before, after)


def _pieces(element: lxml_html.HtmlElement) -> list[tuple[lxml_html.HtmlElement, str]]:
    """Every (node, 'text' | 'tail') holding text inside ``element``, in reading order, and
    (br, 'br') where a line ends: the texts either side of it are not neighbours."""
    out = []

    def walk(el: lxml_html.HtmlElement) -> None:
        if el.text:
            out.append((el, "text"))
        for child in el:
            if child.tag == "br":
                out.append((child, "br"))
            elif isinstance(child.tag, str):
                walk(child)
            if child.tail:
                out.append((child, "tail"))

    walk(element)
    return out


def _chinese(char: str) -> bool:
    """Chinese text to a word processor: wide characters (ideographs, Chinese punctuation), and
    the curly quotes Chinese fonts draw wide."""
    return bool(char) and (unicodedata.east_asian_width(char) in "WF" or char in "“”‘’")


def _side(run_end: str, neighbour: str) -> str:
    """How a Latin run meets its neighbour: "s" with the Chinese–Latin space (a letter or digit
    beside an ideograph), "b" bare (Chinese beside a mark such as % or ., or punctuation beside
    a letter or digit), "" not at Chinese text."""
    if run_end.isalnum() and is_ideograph(neighbour):
        return "s"
    return "b" if _chinese(neighbour) else ""


def _spaced(text: str, before: str, after: str) -> list[str | tuple[str, str]]:
    """Split ``text`` into plain strings and (latin, sides) where sides are how the run meets the
    Chinese text on its left and on its right (:func:`_side`, "n" where it does not)."""
    parts: list[str | tuple[str, str]] = []
    last = 0
    for match in LATIN.finditer(text):
        start, end = match.span()
        # Combining marks stay in their letter's span: a mark that starts a text box of its
        # own is shaped without its base, on a dotted circle that copies as U+FFFD.
        while end < len(text) and is_mark(text[end]):
            end += 1
        run = text[start:end]
        # The neighbours a word processor sees: the joiners are the PDF's alone.
        left = _side(run[0], (before + text[:start]).rstrip(JOINER)[-1:])
        right = _side(run[-1], (text[end:] + after).lstrip(JOINER)[:1])
        if left or right:
            parts.append(text[last:start])
            parts.append((run, f"{left or 'n'}{right or 'n'}"))
            last = end
    parts.append(text[last:])
    return parts


# How a Latin run meets Chinese text on its left and right (:func:`_side`, "n" neither) → the
# class of its span, whose margins the page's <head> states once: the Chinese–Latin space where
# there is one. A bare side takes no space on the page, but in LibreOffice the character before
# it has no tracking (:mod:`civreport.writers.pdf.lines` lays that out). A class rather than a
# style attribute per span: WeasyPrint parses each style attribute on its own and gives its
# element a computed style of its own, where the spans of one class in like paragraphs share one.
LATIN_RUNS = {f"latin-{left}{right}": (left, right) for left in "nsb" for right in "nsb" if (left, right) != ("n", "n")}
AUTOSPACE_CSS = "".join(
    f".{name} {{ margin-left: {SPACE_EM if left == 's' else 0}em; margin-right: {SPACE_EM if right == 's' else 0}em; }}\n"
    for name, (left, right) in LATIN_RUNS.items()
)


def _span(text: str, sides: str) -> lxml_html.HtmlElement:
    span = lxml_html.Element("span")
    span.set("class", f"latin-{sides}")
    span.text = text
    return span


def hint(root: lxml_html.HtmlElement) -> None:
    """Put joiners where lines must not break into every block of the page, wrap Latin runs
    next to Chinese text in spans that carry the space, and state that space in the page's
    ``<head>`` (after the template's stylesheets)."""
    body = root.find("body")
    if body is None:
        return
    head = root.find("head")
    if head is None:
        head = lxml_html.Element("head")
        root.insert(0, head)
    style = lxml_html.Element("style")
    style.text = AUTOSPACE_CSS
    head.append(style)
    # Table cells as well: Word and LibreOffice space and break their text like a paragraph's.
    for block in body.iter(*PARAGRAPH_TAGS, *CELL_TAGS):
        pieces = _pieces(block)
        texts = ["" if attr == "br" else getattr(node, attr) for node, attr in pieces]
        for i, (node, attr) in enumerate(pieces):
            if attr == "br":
                continue
            before = texts[i - 1][-1:] if i else ""
            after = texts[i + 1][:1] if i + 1 < len(texts) else ""
            parts = hinted(texts[i], before, after)
            if len(parts) > 1:
                put(node, attr, [part if isinstance(part, str) else _span(*part) for part in parts])
            elif isinstance(parts[0], str) and parts[0] != texts[i]:
                setattr(node, attr, parts[0])


def put(node: lxml_html.HtmlElement, attr: str, parts: Sequence[str | lxml_html.HtmlElement]) -> None:
    """Put ``parts``, texts and elements, where ``node.text`` (or ``node.tail``) was."""
    head = parts[0]
    assert isinstance(head, str)
    elements: list[lxml_html.HtmlElement] = []
    for part in parts[1:]:
        if not isinstance(part, str):
            elements.append(part)
        elif elements:
            elements[-1].tail = (elements[-1].tail or "") + part
    setattr(node, attr, head)
    if not elements:
        return
    if attr == "text":
        node.insert(0, elements[0])
    else:
        node.addnext(elements[0])
    # Each after the one before: inserting the n-th by its index walked n children.
    for before, element in itertools.pairwise(elements):
        before.addnext(element)
