"""Readers: input files into the model (the YAML, JSON and TOML input format)."""

from .data import LineMap, parse_data, read_data
from .problems import problems_from
from .report import LoadedReport, load, load_text, loaded, validate

__all__ = [
    "LineMap",
    "LoadedReport",
    "load",
    "load_text",
    "loaded",
    "parse_data",
    "problems_from",
    "read_data",
    "validate",
]
