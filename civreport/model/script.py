"""Traditional and simplified characters, with OpenCC's ``t2s``: the importer converts a text
written in traditional characters, the proofreader flags what is left of another script.

``t2s`` and not ``tw2sp``: the Taiwan phrase tables rewrite mainland words (核心 → 内核,
建立 → 创建, 线上 → 在线, 许多工作 → 许多任务作), and official text is mainland usage. What
``t2s`` leaves of a text a website turned into Taiwan usage is mended from the short list in
``words/conversion.yaml``."""

from __future__ import annotations

from functools import cache
from typing import Any

from .wordlists import Replacements, entries, word_list


@cache
def _lists() -> dict[str, Replacements]:
    data = word_list(__package__, "conversion")
    return {
        "taiwan": Replacements(entries(data["taiwan"])),
        "misconverted": Replacements(entries(data["round_trip"]) + entries(data["taiwan"])),
        "round_trip": Replacements(entries(data["round_trip"])),
    }


def taiwan_words() -> Replacements:
    """Taiwan words that mainland official text never uses, as ``t2s`` leaves them."""
    return _lists()["taiwan"]


def round_trip_words() -> Replacements:
    """The phrases a careless traditional → simplified → traditional round trip leaves (原那么):
    each a sign that the text went through one."""
    return _lists()["round_trip"]


def misconverted() -> Replacements:
    """Both: the words a conversion between the scripts leaves wrong."""
    return _lists()["misconverted"]


@cache
def _converter() -> Any:
    import opencc  # its dictionaries load only when a text is converted or checked

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` in simplified characters, Taiwan words as the mainland writes them."""
    converted = str(_converter().convert(text))
    if len(converted) == len(text):  # names keep their characters
        converted = "".join(a if a in NAME_CHARACTERS else b for a, b in zip(text, converted))
    return taiwan_words().mend(converted)


# Characters the General Standard Chinese Characters list keeps for names, which t2s changes.
NAME_CHARACTERS = frozenset("昇")


def traditional_characters(text: str) -> list[tuple[int, str, str]]:
    """Each traditional character of ``text``: where it is, and it with its simplified form, in order."""
    if text.isascii():
        return []
    converted = str(_converter().convert(text))
    if len(converted) != len(text):  # a phrase changed length: judge the characters one by one
        pairs = [(c, str(_converter().convert(c))) for c in text]
    else:
        pairs = list(zip(text, converted))
    return [(i, a, b) for i, (a, b) in enumerate(pairs) if a != b and a not in NAME_CHARACTERS]
