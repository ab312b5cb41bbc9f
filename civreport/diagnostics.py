"""Diagnostics: what civreport has to tell about a document it still made (a font stood in, a
character dropped, a typed number taken off), carried as values with the document they are
about.

Every stage that has something to say adds a :class:`Diagnostic` to the collector it is handed;
the batch worker, the editor and the importer read their own collector, so the diagnostics of
one document never mix with another's, whatever thread or process made it. Python warnings
(subclasses of :class:`~civreport.errors.CivreportWarning`) remain the library's public signal:
a public function called without a collector issues what it collected as warnings when it
returns (see :func:`reported`).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .errors import CivreportWarning, FieldWarning


@dataclass(frozen=True)
class Diagnostic:
    """One thing to tell: its kind (the warning class a caller may filter on), the Chinese
    message, the field it is about (``measures[0].items[1].title``) and the characters it is
    about (missing glyphs), by which it can be placed at the fields that hold them."""

    kind: type[CivreportWarning]
    message: str
    path: str = ""
    chars: str = ""

    def __str__(self) -> str:
        return f"字段 {self.path}：{self.message}" if self.path else self.message

    def warning(self) -> CivreportWarning:
        """The diagnostic as the public warning of its kind."""
        if issubclass(self.kind, FieldWarning):
            return self.kind(self.path, self.message)
        return self.kind(str(self))


class Diagnostics:
    """A collector of the diagnostics of one piece of work, in the order they were found."""

    def __init__(self, found: Iterable[Diagnostic] = ()) -> None:
        self._found = list(found)

    def add(self, kind: type[CivreportWarning], message: str, path: str = "", chars: str = "") -> None:
        self._found.append(Diagnostic(kind, message, path, chars))

    def extend(self, found: Iterable[Diagnostic]) -> None:
        self._found.extend(found)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)

    def __bool__(self) -> bool:
        return bool(self._found)

    def messages(self) -> tuple[str, ...]:
        """Each distinct message once, in order."""
        return tuple(dict.fromkeys(map(str, self._found)))

    def emit(self, stacklevel: int = 2) -> None:
        """Issue every diagnostic as its Python warning."""
        for diagnostic in self._found:
            warnings.warn(diagnostic.warning(), stacklevel=stacklevel + 1)


def tell(
    diagnostics: Diagnostics | None, kind: type[CivreportWarning], message: str, path: str = "", stacklevel: int = 2
) -> None:
    """Add a diagnostic to ``diagnostics``, or issue it as a warning where there is no collector
    (a model built in code rather than loaded)."""
    if diagnostics is None:
        warnings.warn(Diagnostic(kind, message, path).warning(), stacklevel=stacklevel + 1)
    else:
        diagnostics.add(kind, message, path)


@contextmanager
def reported(diagnostics: Diagnostics | None, stacklevel: int = 4) -> Iterator[Diagnostics]:
    """The collector a public function works with: the caller's, or a new one whose
    diagnostics are issued as warnings when the function returns (not when it raises)."""
    own = Diagnostics() if diagnostics is None else diagnostics
    yield own
    if diagnostics is None:
        own.emit(stacklevel)
