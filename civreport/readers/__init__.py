"""Readers: input files into the model (the YAML, JSON and TOML input format)."""

from .data import LineMap, read_data
from .problems import problems_from
from .report import load

__all__ = ["LineMap", "load", "problems_from", "read_data"]
