"""Wording shared by the composed pieces: the period as the text names it, figures filled
into sentences, the lead-in that ends an opening."""

from __future__ import annotations

import re

from ..model import REFERENCE, Report
from ..model.figures import phrase
from ..office.profile import SUBTITLE_PLACEHOLDERS, Profile


def period_label(report: Report, settings: Profile) -> str:
    """2024年第三季度, with the range dash the report or its office asks for."""
    return report.period.label(report.range_dash or settings.range_dash)


def filled(report: Report) -> Report:
    """The report with each {key…} reference in every text that may hold one written as its
    figure, so the sentence and the figure agree: done once, before anything is composed, so
    every text is filled alike (the model has checked every reference at load)."""
    figures = report.all_indicators()
    changes = {
        text.path: REFERENCE.sub(lambda m: phrase(figures[m[1]], m[2]), text.text)
        for text in report.all_texts()
        if text.refers and "{" in text.text
    }
    return report.with_texts(changes) if changes else report


_PLACEHOLDER = re.compile(rf"\{{({'|'.join(SUBTITLE_PLACEHOLDERS)})\}}")


def fill_placeholders(pattern: str, values: dict[str, str]) -> str:
    """``{office}``, ``{period}`` and ``{year}`` in a profile's text; nothing else is
    interpreted (a profile is not trusted: no ``str.format`` attribute look-ups)."""
    return _PLACEHOLDER.sub(lambda m: values[m[1]], pattern)
