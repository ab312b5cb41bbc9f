"""An import kept within what the model holds in one place: a document of more paragraphs in
its opening, a part or an item than a report takes there (a long text without headings, a long
table read as rows) keeps them all, the last ones run together into one, and says where, by
the names the clerk sees (开头, the part's title), never by a field of the input file."""

from __future__ import annotations

from typing import Any

from ...model.limits import MAX_ITEMS


def fit(data: dict[str, Any], warnings: list[str]) -> None:
    """Run together, in place, the paragraphs past the last one a place holds."""

    def paragraphs(holder: dict[str, Any], key: str, where: str) -> None:
        texts = holder.get(key)
        if isinstance(texts, list) and len(texts) > MAX_ITEMS:
            holder[key] = [*texts[: MAX_ITEMS - 1], "".join(texts[MAX_ITEMS - 1 :])]
            warnings.append(
                f"{where}有 {len(texts)} 段，一处最多 {MAX_ITEMS} 段：第 {MAX_ITEMS} 段起的 {len(texts) - MAX_ITEMS + 1} 段"
                "已连成一段，请核对，把它们分到各部分或删减"
            )

    def block(holder: dict[str, Any], where: str) -> None:
        paragraphs(holder, "body", where)
        for item in holder.get("items", []):
            block(item, f"条目“{item['title']}”" if item.get("title") else f"{where}下的条目")

    paragraphs(data, "opening", "开头")
    paragraphs(data, "closing", "结尾")
    for part in data.get("parts", []):
        block(part, f"部分“{part['title']}”")
