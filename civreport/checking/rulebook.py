"""Every proofreading rule, by code: what the proofreader runs, what an office profile's
``checks:`` may switch, what SARIF lists and the README tabulates."""

from __future__ import annotations

from . import figures, placeholders, punctuation, script, structure
from .rule import Rule

# Fixes apply in this order: the script's first (a traditional mark may be a half-width one's twin).
_FIX_ORDER = (*script.RULES, *punctuation.RULES)

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in sorted(
        (*placeholders.RULES, *punctuation.RULES, *figures.RULES, *structure.RULES, *script.RULES), key=lambda r: r.code
    )
}
FIXES: tuple[Rule, ...] = tuple(rule for rule in _FIX_ORDER if rule.fixable)
