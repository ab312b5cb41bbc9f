"""Run the rules over a report's texts (or a document's, :mod:`.document`): what they find in
reading order, and the fixes of a text."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ..model import Report
from ..model.walk import FieldText
from ..readers import LoadedReport, loaded
from .finding import Finding
from .rule import Context, Corpus, Hit, House, Rule, RuleSetting, Severity
from .rulebook import FIXES, RULES


def active(settings: Mapping[str, RuleSetting], documents: bool = False) -> list[Rule]:
    """The rules to run: those the settings leave on; in a source document, those that read one."""
    return [rule for rule in RULES.values() if settings.get(rule.code) != "off" and (rule.documents or not documents)]


def hits(
    report: Report, texts: Sequence[FieldText], house: House, rules: Sequence[Rule]
) -> Iterator[tuple[Rule, FieldText | None, Hit]]:
    """What ``rules`` find: in each of ``texts`` (the text it is in), then in the report as a whole."""
    corpus = Corpus([text.text for text in texts])
    for text in texts:
        context = Context(report, house, corpus, text)
        for rule in rules:
            if rule.check and text.kind in rule.reads:
                for hit in rule.check(text.text, context):
                    yield rule, text, hit
    whole = Context(report, house, corpus)
    for rule in rules:
        if rule.whole:
            for hit in rule.whole(report, whole):
                yield rule, None, hit


def proofread(
    document: Report | LoadedReport, house: House | None = None, settings: Mapping[str, RuleSetting] | None = None
) -> list[Finding]:
    """What the proofreader finds in a report, in reading order. ``house`` is what the report's
    office asks for (its range dash, third-level number, word lists); ``settings`` switch rules
    off or change their severity (an office profile's ``checks:``)."""
    doc = loaded(document)
    report, settings = doc.report, settings or {}
    house = _own_dash(report, house or House())
    return [
        Finding(
            rule.code,
            severity(rule, settings),
            hit.message,
            path := text.path if text else hit.path,
            doc.line_of(path),
            doc.file,
            rule.fixable,
        )
        for rule, text, hit in hits(report, report.all_texts(), house, active(settings))
    ]


def _own_dash(report: Report, house: House) -> House:
    """A report's own range dash wins over its office's."""
    if report.range_dash and report.range_dash != house.dash:
        return House(report.range_dash, house.level3, house.words)
    return house


def severity(rule: Rule, settings: Mapping[str, RuleSetting]) -> Severity:
    setting = settings.get(rule.code)
    return rule.severity if setting is None or setting == "off" else setting


def fix_text(text: str, codes: set[str], report: Report, house: House | None = None) -> str:
    """``text`` with the fixes of the rules ``codes`` applied, in their order."""
    context = Context(report, _own_dash(report, house or House()), Corpus([text]))
    for rule in FIXES:
        if rule.code in codes and rule.fix:
            text = rule.fix(text, context)
    return text
