"""Roll reports up into one for a longer period (quarters → half-year, year) or a higher
unit (streets and departments → district): a reader-side transformation whose result is an
ordinary :class:`~civreport.model.Report`."""

from .build import rollup
from .output import to_yaml
from .provenance import Decision, Decisions, explanation

__all__ = ["Decision", "Decisions", "explanation", "rollup", "to_yaml"]
