"""Every proofreading rule, by code: what the proofreader runs, what an office profile's
``checks:`` may switch, what SARIF lists and the README tabulates."""

from __future__ import annotations

from . import (
    arithmetic,
    conventions,
    figures,
    headings,
    numbers,
    placeholders,
    punctuation,
    script,
    structure,
    units,
    vocabulary,
)
from .rule import Rule

# Fixes apply in this order: the script's first (a traditional mark may be a half-width one's
# twin), punctuation before a heading's last mark is taken off (一、主要做法: is 一、主要做法：first).
_FIX_ORDER = (
    *script.RULES,
    *punctuation.RULES,
    *numbers.RULES,
    *units.RULES,
    *headings.RULES,
    *conventions.RULES,
    *vocabulary.RULES,
)
_ALL = (
    *placeholders.RULES,
    *punctuation.RULES,
    *figures.RULES,
    *arithmetic.RULES,
    *numbers.RULES,
    *units.RULES,
    *structure.RULES,
    *headings.RULES,
    *conventions.RULES,
    *script.RULES,
    *vocabulary.RULES,
)

RULES: dict[str, Rule] = {rule.code: rule for rule in sorted(_ALL, key=lambda r: r.code)}
FIXES: tuple[Rule, ...] = tuple(rule for rule in _FIX_ORDER if rule.fixable)
