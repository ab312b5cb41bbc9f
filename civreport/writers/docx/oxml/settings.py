"""Document settings (word/settings.xml) python-docx does not model, each added in schema order."""

from __future__ import annotations

from docx.settings import Settings

from .elements import element, find, qn


def no_line_breaks_after(settings: Settings, characters: str) -> None:
    """The characters that never end a line of Chinese text (Word's kinsoku list)."""
    kinsoku = element("noLineBreaksAfter", lang="zh-CN", val=characters)
    find(settings.element, "w:characterSpacingControl").addnext(kinsoku)  # schema order


def mirror_margins(settings: Settings) -> None:
    """Inner and outer margins that swap on facing pages."""
    find(settings.element, "w:zoom").addnext(element("mirrorMargins"))  # schema order: right after w:zoom


def current_word(settings: Settings) -> None:
    """Word 2013 and later's layout (compatibility mode 15), so that Word opens the file
    without 兼容模式."""
    for setting in settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def chinese_theme_language(settings: Settings) -> None:
    """Simplified Chinese as the East Asian language of the theme's fonts (python-docx's
    template says Japanese)."""
    find(settings.element, "w:themeFontLang").set(qn("w:eastAsia"), "zh-CN")
