"""An office's own word lists (its profile's ``checks: words:``): words it never writes (CR601),
its preferred terms (CR602) and its own name, misspelt (CR603)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import cache

from ..model.wordlists import Entry, Replacements, alternatives, word_list
from .rule import Context, Hit, OfficeWords, Rule, Span

# A name in the text is looked for from its place (小河区, 东城街道) to what an organisation's name
# ends with (……办公室, ……领导小组, ……局).
_DOCUMENTS = word_list(__package__, "documents")
_ORGANISATION_END = alternatives(_DOCUMENTS["organisation_ends"])
_PLACE = re.compile(f"^.{{1,8}}?(?:{alternatives(_DOCUMENTS['place_ends'])})")
SIMILAR = 0.75  # SequenceMatcher ratio: 小河区创文办 against 小河区创城办 is 0.83, 小河区教育局 0.5


@cache
def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


@cache
def _replacing(pairs: tuple[tuple[str, str], ...]) -> Replacements:
    return Replacements([Entry(wrong, right) for wrong, right in pairs])


def banned(text: str, context: Context) -> Iterator[Hit]:
    words = context.house.words.banned
    if not words:
        return
    found = list(_any_of(tuple(words)).finditer(text))
    if found:
        shown = "、".join(dict.fromkeys(m[0] for m in found))
        yield Hit(f"本单位禁用词“{shown}”：请改写", spans=tuple(m.span() for m in found))


def _preferred(words: OfficeWords) -> Replacements:
    return _replacing(tuple(words.preferred.items()))


def preferred(text: str, context: Context) -> Iterator[Hit]:
    if not context.house.words.preferred:
        return
    terms = _preferred(context.house.words)
    found = list(terms.finditer(text))
    if found:
        shown = "、".join(dict.fromkeys(f"“{m[0]}” → “{terms.right[m[0]]}”" for m in found))
        yield Hit(f"本单位的规范用语：{shown}", spans=tuple(m.span() for m in found))


def _misspelt(text: str, names: dict[str, tuple[str, ...]]) -> list[tuple[Span, str]]:
    """Where ``text`` names the office otherwise than as one of its accepted names, with the
    name it comes closest to."""
    found: list[tuple[Span, str]] = []
    for full, short in names.items():
        accepted = (full, *short)
        place = _PLACE.match(full)
        if not place:
            continue
        longest = max(map(len, accepted)) + 2
        for start in (m.start() for m in re.finditer(re.escape(place[0]), text)):
            if any(text.startswith(name, start) for name in accepted):
                continue
            ends = re.finditer(f"(?:{_ORGANISATION_END})", text[start : start + longest])
            candidates = [text[start : start + m.end()] for m in ends if m.end() > len(place[0])]
            scored = [
                (SequenceMatcher(None, candidate, name).ratio(), candidate, name)
                for candidate in candidates
                for name in accepted
            ]
            if scored:
                ratio, candidate, name = max(scored)
                if ratio >= SIMILAR:
                    found.append(((start, start + len(candidate)), name))
    return sorted(found)


def office_names(text: str, context: Context) -> Iterator[Hit]:
    names = dict(context.house.words.names)
    if not names:
        return
    for (a, b), name in _misspelt(text, names):
        yield Hit(f"本单位名称写作“{text[a:b]}”：应为“{name}”", spans=((a, b),))


RULES = (
    Rule("CR601", "本单位禁用词", "warning", "办公室配置 checks.words.banned 中的词", check=banned),
    Rule(
        "CR602",
        "本单位规范用语",
        "warning",
        "按 checks.words.preferred：创文 → 创建全国文明城市",
        check=preferred,
        fix=lambda text, context: _preferred(context.house.words).mend(text),
    ),
    Rule(
        "CR603",
        "本单位名称",
        "warning",
        "按 checks.words.names：小河区创文办 → 小河区创城办",
        check=office_names,
    ),
)
