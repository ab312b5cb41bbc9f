"""Readers: input files into the model (the YAML, JSON and TOML input format)."""

from .data import LineMap, read_data
from .problems import problems_from
from .report import LoadedReport, load, loaded, validate

__all__ = ["LineMap", "LoadedReport", "load", "loaded", "problems_from", "read_data", "validate"]
