"""The review of an import (issue 26.3): what the importer guessed (each field with what it was
taken from), which the clerk confirms one by one, and what it dropped, by kind, each of which
the clerk may restore as a paragraph where it stood (the opening, a part, the closing). A report
with a guess not yet confirmed downloads only as a draft. A review is kept in the workspace beside
its report (``.NAME.yaml.review.json``), so it outlives the editor run; the input file also keeps the
guesses as 请核对 comments."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..files import write_atomic
from ..model import Report
from ..readers.importing import ImportResult
from .workspace import Workspace


@dataclass(frozen=True)
class Guess:
    field: str  # the report's field: office, period, subject, kind
    label: str  # its name in the form: 发文机关
    why: str  # what the value was taken from


@dataclass(frozen=True)
class Dropped:
    """A line the importer left out, and the list of paragraphs it is restored into."""

    line: int
    text: str
    reason: str
    into: str  # opening, parts[1].body, closing


@dataclass
class Review:
    guesses: tuple[Guess, ...]
    dropped: tuple[Dropped, ...]  # in the order the file had them
    confirmed: set[str] = field(default_factory=set)
    restored: set[int] = field(default_factory=set)  # indices into ``dropped``

    @classmethod
    def of(cls, result: ImportResult) -> Review:
        guesses = tuple(
            Guess(name, Report.model_fields[name].title or name, why) for name, why in result.guesses.items()
        )
        into = _places(result)
        dropped = tuple(Dropped(d.line, d.text, d.reason, into(d.line)) for d in result.drops)
        return cls(guesses, dropped)

    def by_kind(self) -> dict[str, list[tuple[int, Dropped]]]:
        """The dropped lines by kind (the drop's reason), each with its index."""
        out: dict[str, list[tuple[int, Dropped]]] = {}
        for index, drop in enumerate(self.dropped):
            out.setdefault(drop.reason, []).append((index, drop))
        return out

    def pending(self) -> list[Guess]:
        """The guesses not yet confirmed."""
        return [g for g in self.guesses if g.field not in self.confirmed]

    def confirm(self, name: str) -> None:
        """``name``'s guess confirmed; KeyError for a field that was not guessed."""
        if name not in {g.field for g in self.guesses}:
            raise KeyError(name)
        self.confirmed.add(name)

    def unrestored(self, index: int) -> Dropped:
        """The dropped line ``index``; IndexError for one there is not, or restored already."""
        if not 0 <= index < len(self.dropped) or index in self.restored:
            raise IndexError(index)
        return self.dropped[index]

    def refusal(self) -> str | None:
        """Why the report cannot be downloaded as final yet, if it cannot."""
        pending = self.pending()
        if not pending:
            return None
        return (
            f"导入时推断的{'、'.join(g.label for g in pending)}还没有核对：请在“导入核对”中逐项确认后再下载；"
            "也可以先下载草稿（文件名标有“草稿”）"
        )

    def to_json(self) -> str:
        return json.dumps(
            {
                "guesses": [asdict(g) for g in self.guesses],
                "dropped": [asdict(d) for d in self.dropped],
                "confirmed": sorted(self.confirmed),
                "restored": sorted(self.restored),
            },
            ensure_ascii=False,
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> Review:
        """A review as :meth:`to_json` wrote it; ValueError, KeyError or TypeError for anything else."""
        data = json.loads(text)
        return cls(
            tuple(Guess(**g) for g in data["guesses"]),
            tuple(Dropped(**d) for d in data["dropped"]),
            {str(name) for name in data["confirmed"]},
            {int(index) for index in data["restored"]},
        )


def _places(result: ImportResult) -> Callable[[int], str]:
    """Where a dropped line at a source line is restored: after the body's last paragraph or the
    closing's first, into the closing; after a part's heading, into that part's paragraphs; else
    into the opening. Where the file has them is found by their text among its paragraphs."""

    def line_of(text: str) -> int | None:
        return next((b.line for b in result.blocks if text and text in b.text), None)

    report = result.report
    headings = [(line_of(part.title or ""), path) for _, path, part in report.parts_with_paths()]
    body = [line_of(t.text) for t in report.all_texts() if t.kind in ("paragraph", "point", "lead", "title")]
    closing = line_of(report.closing[0]) if report.closing else None
    last = max((line for line in body if line is not None), default=None)

    def into(line: int) -> str:
        if any(end is not None and line > end for end in (closing, last)):
            return "closing"
        before = [path for at, path in headings if at is not None and at < line]
        return f"{before[-1]}.body" if before else "opening"

    return into


class Reviews:
    """The reviews of a workspace's imported reports, each in a file beside its report."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.kept: dict[str, Review | None] = {}

    def file(self, name: str) -> Path:
        report = self.workspace.path(name)  # OutsideWorkspace for a name that is no report here
        return report.with_name(f".{report.name}.review.json")

    def get(self, name: str) -> Review | None:
        """``name``'s review, None for a report not imported here (or whose review file is
        unreadable: its 请核对 comments remain in the file)."""
        if name not in self.kept:
            try:
                self.kept[name] = Review.from_json(self.file(name).read_text(encoding="utf-8"))
            except (OSError, ValueError, KeyError, TypeError):
                self.kept[name] = None
        return self.kept[name]

    def forget(self, name: str) -> None:
        """No review for ``name`` (a new report under the name of an import since removed)."""
        self.file(name).unlink(missing_ok=True)
        self.kept[name] = None

    def put(self, name: str, review: Review) -> None:
        """``review`` kept for ``name``, in its file too."""
        write_atomic(self.file(name), review.to_json().encode("utf-8"))
        self.kept[name] = review
