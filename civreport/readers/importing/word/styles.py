"""The paragraph styles of a .docx: the style a paragraph is in, the chain of styles it is based
on, and the outline level a paragraph takes from itself or from that chain."""

from __future__ import annotations

import re

from docx.styles import BabelFish

from .wml import Element, W, as_int, val

# A style and those it is based on, nearest first: (style id, w:style).
Chain = list[tuple[str, Element]]

_HEADING_NAME = re.compile(r"(?:heading|标题)\s*([1-9])", re.IGNORECASE)


class Styles:
    """The paragraph styles: names, basedOn chains, outline levels and numbering."""

    def __init__(self, styles: Element) -> None:
        self.by_id: dict[str, Element] = {}  # paragraph styles
        self.lists: dict[str, Element] = {}  # numbering styles, which a numStyleLink names
        self.default: str | None = None
        for style in styles.iterfind(f"{W}style"):
            style_id, kind = style.get(f"{W}styleId"), style.get(f"{W}type", "paragraph")
            if style_id is not None and kind == "numbering":
                self.lists.setdefault(style_id, style)
            if style_id is None or kind != "paragraph":
                continue
            self.by_id.setdefault(style_id, style)
            if self.default is None and style.get(f"{W}default") in ("1", "true", "on"):
                self.default = style_id

    def of(self, p: Element) -> str | None:
        """The id of the paragraph's style; Word uses the default style for an unknown one."""
        style_id = val(p, f"{W}pPr/{W}pStyle")
        return style_id if style_id in self.by_id else self.default

    def chain(self, style_id: str | None) -> Chain:
        """The style and those it is based on, nearest first (a cycle ends it)."""
        chain: Chain = []
        while style_id is not None and style_id in self.by_id and all(style_id != s for s, _ in chain):
            style = self.by_id[style_id]
            chain.append((style_id, style))
            style_id = val(style, f"{W}basedOn")
        return chain

    def name(self, style_id: str | None) -> str | None:
        name = val(self.by_id.get(style_id or ""), f"{W}name")
        return BabelFish.internal2ui(name) if name is not None else None

    def level(self, p: Element, chain: Chain) -> int | None:
        """The outline level: the paragraph's own, else its style chain's (outlineLvl or a heading name)."""
        outline = _outline(p.find(f"{W}pPr"))
        for chain_id, style in chain if outline is None else ():
            outline = _outline(style.find(f"{W}pPr"))
            if outline is None and (heading := _HEADING_NAME.fullmatch(self.name(chain_id) or "")):
                outline = int(heading.group(1)) - 1
            if outline is not None:
                break
        return outline + 1 if outline is not None and outline < 9 else None


def _outline(ppr: Element | None) -> int | None:
    """w:outlineLvl: 0–8 a level, 9 body text; None when not set."""
    value = as_int(val(ppr, f"{W}outlineLvl"), -1)
    return min(value, 9) if value >= 0 else None
