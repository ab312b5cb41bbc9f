"""Traditional characters in a simplified document (CR501, found with OpenCC), and the words
a conversion between the scripts leaves wrong (CR502: a round trip's 原那么, Taiwan's 网路)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..model.script import MISCONVERTED, MISCONVERTED_WORD, mend_words, simplified, traditional_characters
from .context import Context, Hit, distinct


def traditional(text: str, context: Context) -> Iterator[Hit]:
    changed = traditional_characters(text)
    if changed:
        shown = "、".join(dict.fromkeys(f"{a}→{b}" for a, b in changed[:8]))
        yield Hit("CR501", f"有繁体字 {shown}（{len(changed)} 字）：应为简体")


def artefacts(text: str, context: Context) -> Iterator[Hit]:
    found = distinct(MISCONVERTED_WORD, text)
    if found:
        shown = "、".join(f"{word}→{MISCONVERTED[word]}" for word in found)
        yield Hit("CR502", f"疑为繁简转换造成的错词 {shown}")


RULES = (traditional, artefacts)
FIXES: dict[str, Callable[[str, Context], str]] = {
    "CR501": lambda text, context: simplified(text),
    "CR502": lambda text, context: mend_words(text),
}
