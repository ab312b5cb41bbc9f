"""The proofreader: rules a draft is held to before it goes out (``civreport check``).

Each rule has a code (the table in :mod:`civreport.office.rules`); an office profile's
``checks:`` switches rules off or changes their severity. Text rules look at each text of the
report with its field path; report rules at the whole. Fixable rules come with a fix that
:func:`fix_text` applies, which ``--fix`` writes back into the input file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ..model import Report
from ..office.profile import OfficeProfile, resolve
from ..office.rules import RULES
from . import figures, placeholders, punctuation, script, structure
from .context import Context, Hit
from .finding import Finding
from .texts import all_texts

__all__ = ["Finding", "check", "fix_text"]

TEXT_RULES: tuple[Callable[[str, Context], Iterator[Hit]], ...] = (
    *placeholders.RULES, *punctuation.RULES, *figures.RULES, *structure.RULES, *script.RULES)
FIXES: dict[str, Callable[[str, Context], str]] = {**script.FIXES, **punctuation.FIXES}  # in the order they apply


def _context(report: Report, office: OfficeProfile) -> Context:
    return Context(report, report.range_dash or office.settings.range_dash)


def check(report: Report, office: str | Path | OfficeProfile | None = None) -> list[Finding]:
    """What the proofreader finds in ``report``, in reading order. ``office`` is a profile (path,
    name or loaded), by default the report's own; its ``checks:`` switches rules off or changes
    their severity."""
    profile = resolve(office, report.profile, report.source)
    settings = profile.settings.checks
    context = _context(report, profile)
    found: list[tuple[str, Hit]] = []
    for path, text in all_texts(report):
        here = Context(report, context.dash, path)
        found += [(path, hit) for rule in TEXT_RULES for hit in rule(text, here)]
    for report_rule in structure.REPORT_RULES:
        found += list(report_rule(report, context))
    findings = []
    for path, hit in found:
        setting = settings.get(hit.code)
        if setting == "off":
            continue
        rule = RULES[hit.code]
        findings.append(Finding(hit.code, setting or rule.severity, hit.message, path, report.line_of(path),
                                str(report.source) if report.source else None,
                                rule.fixable))
    return findings


def fix_text(text: str, codes: set[str], report: Report, office: OfficeProfile) -> str:
    """``text`` with the fixes of the rules ``codes`` applied, in their order."""
    context = _context(report, office)
    for code, fix in FIXES.items():
        if code in codes:
            text = fix(text, context)
    return text
