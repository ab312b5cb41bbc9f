"""Run the rules over a report: its findings in reading order, and the fixes of a text."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Report
from ..readers import LoadedReport, loaded
from .finding import Finding
from .rule import Context, Hit, Rule, RuleSetting, Severity
from .rulebook import FIXES, RULES


def proofread(
    document: Report | LoadedReport, dash: str = "—", settings: Mapping[str, RuleSetting] | None = None
) -> list[Finding]:
    """What the proofreader finds in a report, in reading order. ``dash`` is the range dash the
    report or its office asks for; ``settings`` switch rules off or change their severity
    (an office profile's ``checks:``)."""
    doc = loaded(document)
    report, settings = doc.report, settings or {}
    dash = report.range_dash or dash
    rules = [rule for rule in RULES.values() if settings.get(rule.code) != "off"]
    found: list[tuple[str, str, Hit]] = []
    for text in report.all_texts():
        context = Context(report, dash, text)
        found += [
            (rule.code, text.path, Hit(message))
            for rule in rules
            if rule.check and text.kind in rule.reads
            for message in rule.check(text.text, context)
        ]
    whole = Context(report, dash)
    found += [(rule.code, hit.path, hit) for rule in rules if rule.whole for hit in rule.whole(report, whole)]
    return [
        Finding(
            code, _severity(RULES[code], settings), hit.message, path, doc.line_of(path), doc.file, RULES[code].fixable
        )
        for code, path, hit in found
    ]


def _severity(rule: Rule, settings: Mapping[str, RuleSetting]) -> Severity:
    setting = settings.get(rule.code)
    return rule.severity if setting is None or setting == "off" else setting


def fix_text(text: str, codes: set[str], report: Report, dash: str = "—") -> str:
    """``text`` with the fixes of the rules ``codes`` applied, in their order."""
    context = Context(report, report.range_dash or dash)
    for rule in FIXES:
        if rule.code in codes and rule.fix:
            text = rule.fix(text, context)
    return text
