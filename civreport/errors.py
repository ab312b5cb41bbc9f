"""Errors and warnings that civreport reports to its users, worded in Chinese."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class CivreportError(Exception):
    """Base of every error civreport raises on purpose; its text is for the end user."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one input file."""

    file: str
    message: str
    path: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.file + (f"，第 {self.line} 行" if self.line else "")
        field = f"字段 {self.path}：" if self.path else ""
        return f"{where}：{field}{self.message}"


class InputError(CivreportError):
    """An input file that cannot become a report; holds every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    @classmethod
    def single(cls, file: str | Path, message: str, path: str = "", line: int | None = None) -> InputError:
        return cls([Problem(str(file), message, path, line)])


class RenderError(CivreportError):
    """A report that cannot be rendered."""


class OutputError(CivreportError):
    """An output file that could not be written (a missing or read-only folder, a full disk)."""


class TemplateError(RenderError):
    """A template that cannot be used: bad syntax, an unknown field, a sandbox violation."""


class CivreportWarning(UserWarning):
    """Something the caller should know about an output that was still produced."""


class FontSubstitutionWarning(CivreportWarning):
    """A font role is drawn with a stand-in because the preferred font is not installed."""


class MissingGlyphWarning(CivreportWarning):
    """Characters that no font configured for their role can draw."""


class SlowFontSubsettingWarning(CivreportWarning):
    """HarfBuzz subsetting is unavailable, so PDF rendering is much slower."""


class BlockedResourceWarning(CivreportWarning):
    """A template or text asked for a resource outside the allowed directories; nothing was fetched."""


class UnreadStylesheetWarning(CivreportWarning):
    """The office's templates bring a stylesheet that the chosen PDF engine (Typst) does not read."""


class ProofreadingWarning(CivreportWarning):
    """A proofreading finding (``civreport check``) of a report that was rendered anyway."""


class FieldWarning(CivreportWarning):
    """A warning about one field of the input: its path (``opening[0]``) and what happened,
    read as 字段 opening[0]：……"""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(path, detail)  # both in args: the warning pickles whole
        self.path, self.detail = path, detail

    def __str__(self) -> str:
        return f"字段 {self.path}：{self.detail}" if self.path else self.detail


class UnprintableTextWarning(FieldWarning):
    """Characters that no document can print, or no font on this machine draws, were dropped from a text."""
