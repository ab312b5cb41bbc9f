"""Traditional characters in a simplified document (CR501, found with OpenCC), and the words
a conversion between the scripts leaves wrong (CR502: a round trip's 原那么, Taiwan's 网路)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model.script import misconverted, simplified, traditional_characters
from .rule import Context, Hit, Rule, spans


def traditional(text: str, context: Context) -> Iterator[Hit]:
    changed = traditional_characters(text)
    if changed:
        shown = "、".join(dict.fromkeys(f"{a}→{b}" for _, a, b in changed[:8]))
        yield Hit(f"有繁体字 {shown}（{len(changed)} 字）：应为简体", spans=tuple((i, i + 1) for i, _, _ in changed))


def artefacts(text: str, context: Context) -> Iterator[Hit]:
    words = misconverted()
    found = list(words.finditer(text))
    if found:
        shown = "、".join(f"{word}→{words.right[word]}" for word in dict.fromkeys(m[0] for m in found))
        yield Hit(f"疑为繁简转换造成的错词 {shown}", spans=spans(iter(found)))


RULES = (
    Rule("CR501", "繁体字", "error", "創建 → 创建", check=traditional, fix=lambda text, context: simplified(text)),
    Rule(
        "CR502",
        "繁简转换错误",
        "error",
        "原那么 → 原则，效劳 → 服务，网路 → 网络，随著 → 随着",
        check=artefacts,
        fix=lambda text, context: misconverted().mend(text),
    ),
)
