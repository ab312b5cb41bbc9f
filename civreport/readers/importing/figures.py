"""Figures in an imported text (先进集体73个, 宣传资料11.5万份, 投入30万余元), offered as indicator
suggestions: the importer never turns text into references by itself."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = (
    "人次|户次|条次|平方米|平方公里|公里|个百分点|元|个|份|人|次|场|处|条|块|辆|吨|户|%|家|所|项|件|名|起|篇|期|台|套|"
    "米|棵|株|幅|张|批|支|座|间|本|册|小时|天|千米|亩|公顷|万人"
)
_FIGURE = re.compile(
    rf"(?P<name>[\u4e00-\u9fff“”]{{2,12}}?)(?P<approx>近|约|超过)?(?P<value>\d+(?:\.\d+)?)"
    rf"(?P<scale>万|亿)?(?P<after>余|多)?(?P<unit>{_UNITS})"
)
# Words before a number that are not part of what it counts.
_LEADING = re.compile(
    r"^(?:.*?(?:共|累计|总计|合计|达到|达|约|计|为|有|了|新增|发放|投入|开展|组织|出动|清理|拆除))(?=.{2,})"
)
_SCALE = {"万": 10_000, "亿": 100_000_000}


@dataclass(frozen=True)
class FoundFigure:
    line: int
    name: str
    value: float
    unit: str
    approx: str | None
    text: str  # as written


def find_figures(texts: list[tuple[int, str]]) -> list[FoundFigure]:
    """The figures in ``texts`` (line, text), in reading order, one per name and unit."""
    found: list[FoundFigure] = []
    seen: set[tuple[str, str]] = set()
    for line, text in texts:
        for m in _FIGURE.finditer(text):
            name = _LEADING.sub("", m["name"]).strip("“”")
            if len(name) < 2 or (name, m["unit"]) in seen:
                continue
            seen.add((name, m["unit"]))
            value = float(m["value"]) * _SCALE.get(m["scale"] or "", 1)
            found.append(
                FoundFigure(
                    line,
                    name,
                    int(value) if value.is_integer() else value,
                    m["unit"],
                    m["approx"] or m["after"],
                    m[0][len(m["name"]) - len(name) :],
                )
            )
    return found
