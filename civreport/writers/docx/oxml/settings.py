"""Document settings (word/settings.xml) python-docx does not model, each added in schema order."""

from __future__ import annotations

from docx.settings import Settings

from .elements import element, find


def no_line_breaks_after(settings: Settings, characters: str) -> None:
    """The characters that never end a line of Chinese text (Word's kinsoku list)."""
    kinsoku = element("noLineBreaksAfter", lang="zh-CN", val=characters)
    find(settings.element, "w:characterSpacingControl").addnext(kinsoku)  # schema order


def mirror_margins(settings: Settings) -> None:
    """Inner and outer margins that swap on facing pages."""
    find(settings.element, "w:zoom").addnext(element("mirrorMargins"))  # schema order: right after w:zoom
