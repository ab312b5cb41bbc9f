"""Traditional characters in a simplified document (CR501, found with OpenCC), and the known
artefacts of a bad traditional-to-simplified round trip (CR502)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

from .context import Context, Hit, distinct

# Words a careless traditional → simplified → traditional round trip leaves (genre.md): each
# is a real word, so only these whole phrases, never the bare 那么 or 标准, are flagged.
ARTEFACTS = {"原那么": "原则", "效劳": "服务", "根底": "基础", "标准化标准": "标准化规范", "那么性": "原则性"}
_ARTEFACT = re.compile("|".join(map(re.escape, ARTEFACTS)))


@cache
def _t2s() -> object:
    import opencc  # its dictionaries load only when a text is checked

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    converter = _t2s()
    return str(converter.convert(text))  # type: ignore[attr-defined]


def traditional(text: str, context: Context) -> Iterator[Hit]:
    if text.isascii():
        return
    converted = simplified(text)
    changed = [(a, b) for a, b in zip(text, converted) if a != b]
    if changed:
        shown = "、".join(dict.fromkeys(f"{a}→{b}" for a, b in changed[:8]))
        yield Hit("CR501", f"有繁体字 {shown}（{len(changed)} 字）：应为简体")


def artefacts(text: str, context: Context) -> Iterator[Hit]:
    found = distinct(_ARTEFACT, text)
    if found:
        shown = "、".join(f"{word}→{ARTEFACTS[word]}" for word in found)
        yield Hit("CR502", f"疑为繁简转换造成的错词 {shown}")


RULES = (traditional, artefacts)
FIXES: dict[str, Callable[[str, Context], str]] = {
    "CR501": lambda text, context: simplified(text),
    "CR502": lambda text, context: _ARTEFACT.sub(lambda m: ARTEFACTS[m[0]], text),
}
