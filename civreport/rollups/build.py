"""A roll-up, step by step: the sources read and checked, the indicators aggregated, one
opening, each part's like pieces merged (without what another quarter says again with newer
figures or more fully; the achievements led by the whole's figures, the problems each once, the
plans looking forward), every text written with its origins."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics, reported
from ..model import PART_ROLES, PartRole, Period, Report
from ..model.genre import lead_in_sentence
from ..model.limits import ROLLUP_LENGTH
from ..readers import LoadedReport, validate
from .figures import statement, without_superseded
from .frame import closing, opening
from .indicators import indicators
from .inputs import Sources, loaded, profile_of, sources
from .length import chars, condensed, frame_chars, table_chars
from .matching import groups
from .merging import Said, merge
from .plans import plans
from .problems import problems
from .provenance import Decisions, Line, Origin
from .reading import Piece, role_piece
from .restated import without_restated
from .sentences import timed
from .writing import Written, paragraphs, part


def rollup(
    inputs: Sequence[Report | LoadedReport | str | Path],
    period: Period | str,
    *,
    office: str | None = None,
    day: date | None = None,
    diagnostics: Diagnostics | None = None,
    decisions: Decisions | None = None,
    length: float | None = ROLLUP_LENGTH,
) -> Report:
    """Merge reports (or the files they are in) into one report for ``period``.

    When every input covers ``period``, the inputs are units and ``office`` names the
    higher unit (required); otherwise they are consecutive periods of one office, which
    must tile ``period`` without gaps or overlaps. Raises :class:`InputError` naming the
    files that do not fit. The date is the latest input's unless ``day`` is given. What
    rolling up has to tell (an indicator left out) goes to ``diagnostics``, or is issued as
    warnings; what it merged, left out and moved, and why, to ``decisions``. Where what the
    sources say distinctly runs past ``length`` times the longest source, the sentences that say
    least are left out (each in ``decisions``); ``length=None`` keeps them all.
    """
    with reported(diagnostics) as found:
        documents = [loaded(item, found) for item in inputs]
        rolled = Period.parse(period) if isinstance(period, str) else period
        return _rollup(
            documents,
            sources(documents, rolled, office, Decisions() if decisions is None else decisions),
            office,
            day,
            length,
            found,
        )


def _pieces(sources: Sources, role: PartRole | None, keys: set[str], title: str | None = None) -> list[Piece]:
    """Each source's piece of a part, without what the whole's figures replace (a part's pieces
    are then taken together, without what another quarter restates: :func:`.without_restated`)."""
    found = (role_piece(source, role, title) for source in sources)
    pieces = (without_superseded(piece, sources, keys) for piece in found if piece)
    return [piece for piece in pieces if not piece.empty or piece.title]


def _achievements(merged: Piece | None, sources: Sources, lead: Line | None, moved: tuple[Line, ...]) -> Piece | None:
    """The achievements: the whole's figures first, then the sources' achievements merged, then
    what a later quarter says it solved."""
    first = ((lead,),) if lead else ()
    last = tuple((line.said(timed(line.text, sources[min(line.origins).source].label)),) for line in moved)
    if merged is None:
        return Piece(body=first + last) if first or last else None
    return replace(merged, body=first + merged.body + last)


# A part of the roll-up: its role, or for a topical part the place of its group among them.
_Key = PartRole | int


def _parts(sources: Sources, keys: set[str], lead: Line | None, said: Said) -> dict[_Key, Piece]:
    """The roll-up's parts by role, and its topical parts by their group, in print order: what
    each says is merged in that order, so that a sentence is said where it first prints."""
    parts: dict[_Key, Piece | None] = {}
    parts["measures"] = merge(without_restated(_pieces(sources, "measures", keys), sources), sources, said)
    achievements = merge(without_restated(_pieces(sources, "achievements", keys), sources), sources, said)
    problems_part = problems(sources, said)  # what it says of problems solved goes to the achievements
    parts["achievements"] = _achievements(achievements, sources, lead, problems_part.moved)
    parts["problems"] = problems_part.part
    parts["plans"] = plans(sources, said)
    parts["suggestions"] = merge(without_restated(_pieces(sources, "suggestions", keys), sources), sources, said)
    titles = dict.fromkeys(p.title for s in sources for role, p in s.report.all_parts() if role is None)
    topical = sorted(
        (piece for title in titles for piece in _pieces(sources, None, keys, title)), key=lambda p: min(p.sources)
    )
    for n, group in enumerate(groups(without_restated(topical, sources), sources)):
        parts[n] = merge(group, sources, said)
    return {key: piece for key, piece in parts.items() if piece}


def _key(source: int, role: PartRole | None, path: str, parts: dict[_Key, Piece]) -> _Key | None:
    """The roll-up's part a source's part went into: its role's, or the topical part its title
    joined."""
    if role is not None:
        return role
    title = Origin(source, f"{path}.title")
    return next((k for k, p in parts.items() if isinstance(k, int) and p.title and title in p.title.origins), None)


def _order(sources: Sources, parts: dict[_Key, Piece]) -> list[_Key]:
    """The parts in the order the sources print them: the last source's order, each part only
    earlier sources have put after the part it follows there; parts of a role in role order
    where no source writes topical parts."""
    if not any(isinstance(key, int) for key in parts):
        return [role for role in PART_ROLES if role in parts]
    order: list[_Key] = []
    for source in reversed(sources.items):
        own = [k for r, path, _ in source.report.printed_parts() if (k := _key(source.index, r, path, parts)) in parts]
        for i, key in enumerate(own):
            if key not in order:
                before = next((k for k in reversed(own[:i]) if k in order), None)
                order.insert(order.index(before) + 1 if before is not None else 0, key)
    for key in parts:  # a part no source has (the achievements the figures make), before the roles after it
        if key not in order:
            later = [k for k in order if isinstance(k, str) and PART_ROLES.index(k) > PART_ROLES.index(key)]
            order.insert(order.index(later[0]) if later else len(order), key)
    return order


def _rollup(
    documents: list[LoadedReport],
    sources: Sources,
    office: str | None,
    day: date | None,
    length: float | None,
    diagnostics: Diagnostics,
) -> Report:
    latest = sources[len(sources) - 1].report
    figures = indicators([(s.file, s.report) for s in sources], sources.by_unit, diagnostics)
    keys = {f.key for f in figures}
    said = Said()
    written = Written()
    front = opening(sources, said)
    parts = _parts(sources, keys, statement(figures, sources), said)
    ending = closing(sources, said)  # after the parts: a sentence is said where it first prints
    table = latest.table and latest.table.model_copy(update={"keys": [k for k in latest.table.keys if k in keys]})
    lead_in = lead_in_sentence(sources.period.label(), latest.subject, latest.kind)  # as composed, the dash aside
    whole = latest.model_copy(update={"office": office or latest.office, "period": sources.period})
    beside = sum(chars(x.text) for p in (*front, *ending) for x in p) + chars(lead_in)
    beside += frame_chars(whole) + table_chars(table, figures)
    parts = condensed(parts, beside, sources, length)
    data: dict[str, Any] = {
        "office": office or latest.office,
        "period": sources.period,
        "subject": latest.subject,
        "kind": latest.kind,
        "date": day or max((s.report.date for s in sources if s.report.date), default=None),
        "profile": None
        if sources.by_unit
        else profile_of(latest, next(d.path for d in documents if d.report is latest)),
        "headings": latest.headings,
        "opening": paragraphs(front, "opening", written),
        "indicators": figures,
        "table": table,
    }
    order = _order(sources, parts)
    if any(isinstance(key, int) for key in order):  # parts in print order, each with its role
        data["parts"] = [
            part(parts[key], key if isinstance(key, str) else None, f"parts[{i}]", written)
            for i, key in enumerate(order)
        ]
    else:
        for role in (key for key in order if isinstance(key, str)):  # every key is a role here
            data[role] = [part(parts[role], None, f"{role}[0]", written)]
    data["closing"] = paragraphs(ending, "closing", written)
    data["sources"] = written.sources(sources)
    return validate(data, "汇总", {}, diagnostics)  # what the caller gave may be wrong (a date, a name too long)
