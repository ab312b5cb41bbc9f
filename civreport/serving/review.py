"""The review of an import (issue 26.3): what the importer guessed (each field with what it was
taken from), which the clerk confirms one by one, and what it dropped, by kind. A report with a
guess not yet confirmed downloads only as a draft. The reviews live as long as the editor run
(the input file keeps the guesses as 请核对 comments for later)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Report
from ..readers.importing import Drop, ImportResult


@dataclass(frozen=True)
class Guess:
    field: str  # the report's field: office, period, subject, kind
    label: str  # its name in the form: 发文机关
    why: str  # what the value was taken from


@dataclass
class Review:
    guesses: tuple[Guess, ...]
    dropped: dict[str, list[Drop]]  # by kind (the drop's reason), in the order the file had them
    confirmed: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, result: ImportResult) -> Review:
        guesses = tuple(
            Guess(name, Report.model_fields[name].title or name, why) for name, why in result.guesses.items()
        )
        dropped: dict[str, list[Drop]] = {}
        for drop in result.drops:
            dropped.setdefault(drop.reason, []).append(drop)
        return cls(guesses, dropped)

    def pending(self) -> list[Guess]:
        """The guesses not yet confirmed."""
        return [g for g in self.guesses if g.field not in self.confirmed]

    def confirm(self, name: str) -> None:
        """``name``'s guess confirmed; KeyError for a field that was not guessed."""
        if name not in {g.field for g in self.guesses}:
            raise KeyError(name)
        self.confirmed.add(name)

    def refusal(self) -> str | None:
        """Why the report cannot be downloaded as final yet, if it cannot."""
        pending = self.pending()
        if not pending:
            return None
        return (
            f"导入时推断的{'、'.join(g.label for g in pending)}还没有核对：请在“导入核对”中逐项确认后再下载；"
            "也可以先下载草稿（文件名标有“草稿”）"
        )
