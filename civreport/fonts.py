"""Font roles and the fonts each role prefers: official names first, open stand-ins after.

This module is data only; finding the fonts on the machine is :mod:`civreport.fontfinder`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

ROLES = ("title", "heading1", "heading2", "body", "page_number")

ROLE_NAMES = {
    "title": "标题（小标宋）",
    "heading1": "一级标题（黑体）",
    "heading2": "二级标题（楷体）",
    "body": "正文（仿宋）",
    "page_number": "页码（宋体）",
}

# The names offices have installed and a DOCX should name (layout.md, "Fonts").
OFFICIAL = {
    "title": ("方正小标宋简体", "方正小标宋_GBK", "小标宋体"),
    "heading1": ("黑体", "SimHei", "方正黑体_GBK"),
    "heading2": ("楷体_GB2312", "楷体", "KaiTi", "方正楷体_GBK"),
    "body": ("仿宋_GB2312", "仿宋", "FangSong", "方正仿宋_GBK"),
    "page_number": ("宋体", "SimSun"),
}

GENERIC = {"title": "serif", "heading1": "sans-serif", "heading2": "serif", "body": "serif", "page_number": "serif"}


@dataclass(frozen=True)
class StandIn:
    """An open font that can take a role, by family name or by a file Debian installs."""

    family: str
    files: tuple[str, ...] = ()


_FANDOL = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/"

STAND_INS: dict[str, tuple[StandIn, ...]] = {
    "title": (
        StandIn("FandolSong Bold", (_FANDOL + "FandolSong-Bold.otf",)),
        StandIn("Noto Serif CJK SC"),
    ),
    "heading1": (StandIn("FandolHei", (_FANDOL + "FandolHei-Regular.otf",)), StandIn("Noto Sans CJK SC")),
    "heading2": (
        StandIn("FandolKai", (_FANDOL + "FandolKai-Regular.otf",)),
        StandIn("AR PL UKai CN"),
        StandIn("LXGW WenKai"),
    ),
    "body": (StandIn("FandolFang", (_FANDOL + "FandolFang-Regular.otf",)),),
    "page_number": (StandIn("FandolSong", (_FANDOL + "FandolSong-Regular.otf",)), StandIn("Noto Serif CJK SC")),
}


def css_family(name: str) -> str:
    """A family name as a CSS string, safe inside an HTML ``<style>`` element."""
    escaped = name.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace(">", "\\3e ")
    return f'"{escaped}"'


def css_stack(families: list[str] | tuple[str, ...], role: str) -> str:
    return ", ".join([*(css_family(f) for f in families), GENERIC[role]])


def default_stacks() -> dict[str, str]:
    """Font stacks for HTML shown in a browser: official names, then the stand-ins."""
    return {role: css_stack([*OFFICIAL[role], *(s.family for s in STAND_INS[role])], role) for role in ROLES}
