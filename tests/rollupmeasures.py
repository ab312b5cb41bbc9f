"""What a roll-up is measured by, read from its real output and its sources, independently of
how the roll-up is made: headings named after a quarter or a unit, sentences said twice, plans
for a period the roll-up covers, the openings, the length, and whether every sentence of the
sources is in the roll-up once or was left out by a rule that says so."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import civreport
from civreport.compose.wording import filled
from civreport.model.limits import ROLLUP_LENGTH
from civreport.rollups import Decisions

from conftest import ROOT

DATA = ROOT / "tests" / "data" / "rollups"
DISTRICT = "云江市滨河区创建全国文明城市工作领导小组办公室"
# Each set: its sources, the period rolled up to, and the office when they are units.
SETS: dict[str, tuple[list[Path], str, str | None]] = {
    "samples": (sorted((ROOT / "samples" / "quarterly").glob("*.yaml")), "2024", None),
    "hedong": (sorted((DATA / "hedong").glob("*.yaml")), "2023", None),
    "xiaohe": (sorted((DATA / "xiaohe").glob("*.yaml")), "2021", None),
    "district": (
        [DATA / "district" / f"{n}.yaml" for n in ("dongcheng", "xicheng", "nanhu", "beishan")],
        "2024Q3",
        DISTRICT,
    ),
}

_QUARTER = re.compile(r"^(?:\d{4}年)?(?:第?[一二三四]季度|上半年|下半年|前三季度|全年)$")
_PERIOD_WORDS = re.compile(r"(?:(\d{4})年)?(第?[一二三四]季度|上半年|下半年|前三季度)")
_PIECE = re.compile(r"[^。！？；：]+[。！？；：]?")
_MARKS = re.compile(r"[\s，,。；;：:、！？“”‘’（）()《》—…·]")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、])")
_PRINTED = ("paragraph", "point", "lead", "title")


@dataclass
class Rolled:
    name: str
    sources: list[civreport.Report]
    labels: list[str]  # how the roll-up names each source: 第一季度, 东城街道
    report: civreport.Report
    decisions: Decisions


def roll(name: str, length: float | None = ROLLUP_LENGTH) -> Rolled:
    files, period, office = SETS[name]
    decisions = Decisions()
    report = civreport.rollup(files, period, office=office, decisions=decisions, length=length)
    sources = (
        sorted((civreport.load(f).report for f in files), key=lambda r: r.period.start)
        if not office
        else [civreport.load(f).report for f in files]
    )
    labels = [s.office if office else s.period.label(year=False) for s in sources]
    return Rolled(name, sources, labels, report, decisions)


def normal(text: str) -> str:
    return _MARKS.sub("", _ORDINAL.sub("", text.strip()))


def pieces(text: str) -> list[str]:
    """A text's sentences and clauses between ；, compared without their marks and ordinals."""
    return [n for m in _PIECE.finditer(text) if (n := normal(m[0]))]


def texts(report: civreport.Report) -> list:
    """The report's printed texts, figures filled in."""
    return [t for t in filled(report).all_texts() if t.kind in _PRINTED]


def headings_after_a_part(rolled: Rolled) -> list[str]:
    """Headings named after a quarter (第二季度) or a source unit (东城街道)."""
    units = (
        set(rolled.labels) if rolled.report.sources and len({s.period for s in rolled.report.sources}) == 1 else set()
    )
    return [t.text for t in texts(rolled.report) if t.kind == "title" and (_QUARTER.match(t.text) or t.text in units)]


def repeated(rolled: Rolled) -> list[str]:
    """Sentences the roll-up says more than once."""
    seen: list[str] = [p for t in texts(rolled.report) if t.kind != "title" for p in pieces(t.text)]
    return sorted({p for p in seen if seen.count(p) > 1})


def plans_for_the_past(rolled: Rolled) -> list[str]:
    """Plans of the roll-up that name a period it covers."""
    period = rolled.report.period
    found = []
    for t in texts(rolled.report):
        if t.role != "plans":
            continue
        for m in _PERIOD_WORDS.finditer(t.text):
            named = civreport.Period.parse(f"{m[1] or period.start_year}年{m[2]}")
            if named.start <= period.end and named.end >= period.start:
                found.append(t.text)
    return found


def openings(rolled: Rolled) -> list[str]:
    """Opening sentences that are a source's own: opening with its quarter, or naming its unit."""
    own = []
    for text in rolled.report.opening:
        for sentence in _PIECE.findall(text):
            if re.match(r"^(?:\d{4}年)?第?[一二三四]季度", sentence) or any(
                label in sentence for label in rolled.labels
            ):
                own.append(sentence)
    return own


def length(report: civreport.Report) -> int:
    """The characters a report prints (its plain text, white space aside)."""
    text = civreport.write(civreport.render_page(report), "txt").decode("utf-8")
    return len(re.sub(r"\s", "", text))


def ratio(rolled: Rolled) -> float:
    """How many times the longest source the roll-up prints."""
    return length(rolled.report) / max(length(s) for s in rolled.sources)


def _comparable(rolled: Rolled, text: str, label: str) -> str:
    """A text as it can be found in the roll-up: a quarter's 本季度 named, and for units no
    unit named at all (the roll-up puts each unit's name, or 各街道, before what it says, and
    names 我街道 and 街道党工委 after the unit)."""
    text = re.sub("本季度|全季|本季|当季", label, text)
    if rolled.report.office not in rolled.labels and len({s.period for s in rolled.sources}) == 1:
        text = re.sub("|".join([*map(re.escape, rolled.labels), "[我本各]?街道"]), "", text)
    return text


def covered(rolled: Rolled, index: int, path: str, piece: str) -> bool:
    """Whether a decision of the roll-up names this text of source ``index`` and says it."""
    where, label = f"{rolled.labels[index]} {path}", rolled.labels[index]
    return any(
        where in d.where and piece in normal(_comparable(rolled, d.text + d.why, label)) for d in rolled.decisions
    )


def unaccounted(rolled: Rolled) -> list[tuple[str, str, int]]:
    """Each sentence of a source that is neither in the roll-up exactly once nor left out by a
    decision that names it: (source, path, times it is in the roll-up)."""
    whole = "".join(normal(_comparable(rolled, t.text, "")) for t in texts(rolled.report))
    out = []
    for i, source in enumerate(rolled.sources):
        label = rolled.labels[i]
        for t in texts(source):
            for piece in pieces(_comparable(rolled, t.text, label)):
                times = whole.count(piece)
                if times != 1 and not covered(rolled, i, t.path, piece):
                    out.append((label, t.path, times))
    return out
