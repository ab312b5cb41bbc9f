"""Font roles and the fonts each role prefers: official names first, open stand-ins after.

This module is data only: the page names the fonts (:mod:`civreport.rendering.css`), the PDF
writer finds them on the machine (:mod:`civreport.writers.pdf.fonts`), the DOCX names them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

# The typefaces of an official document: 小标宋 title, 黑体 and 楷体 headings, 仿宋 text, 宋体 page numbers.
FontRole = Literal["title", "heading1", "heading2", "body", "page_number"]
FONT_ROLES: tuple[FontRole, ...] = get_args(FontRole)

# A font for the PDF: a file, or a family installed on the machine; or several, first choice first.
FontSpec = str | Path
FontChoice = Mapping[FontRole, FontSpec | Sequence[FontSpec]]

ROLE_NAMES: dict[FontRole, str] = {
    "title": "标题（小标宋）",
    "heading1": "一级标题（黑体）",
    "heading2": "二级标题（楷体）",
    "body": "正文（仿宋）",
    "page_number": "页码（宋体）",
}

# The names offices have installed and a DOCX should name.
OFFICIAL: dict[FontRole, tuple[str, ...]] = {
    "title": ("方正小标宋简体", "方正小标宋_GBK", "小标宋体"),
    "heading1": ("黑体", "SimHei", "方正黑体_GBK"),
    "heading2": ("楷体_GB2312", "楷体", "KaiTi", "方正楷体_GBK"),
    "body": ("仿宋_GB2312", "仿宋", "FangSong", "方正仿宋_GBK"),
    "page_number": ("宋体", "SimSun"),
}

# The names Windows ships where they differ from the official ones: a profile's
# ``fonts.names: windows`` has the DOCX ask for these.
FontNames = Literal["official", "windows"]
WINDOWS: dict[FontRole, str] = {"heading2": "楷体", "body": "仿宋"}

# Each Chinese font name the DOCX may ask for and the name Word and WPS take in its stead where
# it is missing (the font table's w:altName): the official and the Windows names stand in for
# each other, the Chinese and the English names of one font likewise.
ALTERNATES: dict[str, str] = {
    "方正小标宋简体": "方正小标宋_GBK",
    "方正小标宋_GBK": "方正小标宋简体",
    "小标宋体": "方正小标宋简体",
    "黑体": "SimHei",
    "SimHei": "黑体",
    "方正黑体_GBK": "黑体",
    "楷体_GB2312": "楷体",
    "楷体": "楷体_GB2312",
    "KaiTi": "楷体",
    "方正楷体_GBK": "楷体",
    "仿宋_GB2312": "仿宋",
    "仿宋": "仿宋_GB2312",
    "FangSong": "仿宋",
    "方正仿宋_GBK": "仿宋",
    "宋体": "SimSun",
    "SimSun": "宋体",
}

GENERIC: dict[FontRole, str] = {
    "title": "serif",
    "heading1": "sans-serif",
    "heading2": "serif",
    "body": "serif",
    "page_number": "serif",
}


@dataclass(frozen=True)
class StandIn:
    """An open font that can take a role, by family name or by a file Debian installs."""

    family: str
    files: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Each file under its file name, else the installed family. Two files of one family
        (FandolSong Regular and Bold) would both answer to the family's name, so a file is
        declared and asked for by its file name, before the family."""
        return (*(family_of(f) for f in self.files), self.family)


_FANDOL = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/"

STAND_INS: dict[FontRole, tuple[StandIn, ...]] = {
    "title": (
        StandIn("FandolSong Bold", (_FANDOL + "FandolSong-Bold.otf",)),
        StandIn("Noto Serif CJK SC"),
    ),
    "heading1": (StandIn("FandolHei", (_FANDOL + "FandolHei-Regular.otf",)), StandIn("Noto Sans CJK SC")),
    "heading2": (
        StandIn("FandolKai", (_FANDOL + "FandolKai-Regular.otf",)),
        StandIn("AR PL UKai CN"),
        StandIn("LXGW WenKai"),
        StandIn("Noto Serif CJK SC"),
    ),
    "body": (StandIn("FandolFang", (_FANDOL + "FandolFang-Regular.otf",)), StandIn("Noto Serif CJK SC")),
    "page_number": (StandIn("FandolSong", (_FANDOL + "FandolSong-Regular.otf",)), StandIn("Noto Serif CJK SC")),
}


# After every role's fonts, for characters they lack (rare name characters, CJK extensions
# B–F, other scripts, emoji), so that every character is drawn and copied as itself:
# HanaMinB (Debian fonts-hanazono) covers CJK extensions B–F, GNU Unifont (fonts-unifont)
# the rest of the basic plane and Unifont Upper the supplementary one.
FALLBACK = ("HanaMinB", "Unifont", "Unifont Upper")

# For a letter with combining marks that its role's font cannot draw whole (pinyin ê̌, x́):
# a font that places the marks on their letter, where the CJK fonts set them beside it.
# DejaVu (Debian fonts-dejavu-core, which fontconfig brings) does for Latin, Greek, Cyrillic.
MARKS: dict[FontRole, str] = {
    role: "DejaVu Sans" if GENERIC[role] == "sans-serif" else "DejaVu Serif" for role in FONT_ROLES
}


def is_font_file(spec: FontSpec) -> bool:
    return Path(spec).suffix.lower() in FONT_SUFFIXES


def family_of(spec: FontSpec) -> str:
    """The CSS family a font spec is known by: an installed family by its name, a file by
    its file name (the PDF writer declares it with ``@font-face`` under that name)."""
    return Path(spec).stem if is_font_file(spec) else str(spec)


def as_list(spec: FontSpec | Sequence[FontSpec]) -> list[FontSpec]:
    return [spec] if isinstance(spec, (str, Path)) else list(spec)


def docx_names(chosen: Mapping[FontRole, str] | None = None, names: FontNames = "official") -> dict[FontRole, str]:
    """The font name a DOCX asks for, per role: the chosen one, else the first official name
    (or the name Windows ships, with ``names="windows"``)."""
    defaults = {role: official[0] for role, official in OFFICIAL.items()}
    if names == "windows":
        defaults |= WINDOWS
    return {role: (chosen or {}).get(role) or default for role, default in defaults.items()}
