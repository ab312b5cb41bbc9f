"""What templates see: plain data, and nothing that can reach a file, the network or Python.

Office templates are not trusted. Their context is built from plain values only — text,
numbers, dates, periods, tuples — and :class:`Record` objects, read-only bundles of fields
without methods. Models and dataclasses become records of their fields and their public
properties whose values are plain too; anything else (a path, a function, a model class)
never reaches a template.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from ..model import Period

# Values a template may hold as they are: none of their methods touches anything outside.
PLAIN = (str, int, float, bool, type(None), date, Period, Markup)


class Record:
    """Read-only fields for templates: ``record.name`` and ``record["name"]``; no methods,
    so no field is ever shadowed by one (``part.items`` is the part's items)."""

    __slots__ = ("_fields", "_text")
    _fields: dict[str, object]
    _text: str | None  # the repr, made once: a template printing a record in a loop made it anew each time

    def __init__(self, fields: Mapping[str, object]) -> None:
        object.__setattr__(self, "_fields", dict(fields))
        object.__setattr__(self, "_text", None)

    def __getattr__(self, name: str) -> object:
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, name: str) -> object:
        return self._fields[name]

    def __contains__(self, name: object) -> bool:
        return name in self._fields

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("模板数据是只读的")

    def __repr__(self) -> str:
        text = self._text
        if text is None:
            text = f"Record({self._fields!r})"
            object.__setattr__(self, "_text", text)
        return text


def fields(record: Record) -> dict[str, object]:
    """A record's fields as a dictionary (for civreport's own filters, not for templates)."""
    return dict(record._fields)


def plain(value: Any, _seen: dict[int, Any] | None = None) -> Any:
    """``value`` as template data: plain values and records as they are, sequences as tuples,
    mappings, models and dataclasses as records. Raises ``TypeError`` for anything else."""
    seen = {} if _seen is None else _seen
    if isinstance(value, (*PLAIN, Record)):
        return value
    if id(value) in seen:
        return seen[id(value)]
    if isinstance(value, (list, tuple, frozenset, set)):
        result: Any = tuple(plain(item, seen) for item in value)
    elif isinstance(value, Mapping):
        result = Record({str(key): plain(item, seen) for key, item in value.items()})
    elif isinstance(value, BaseModel):
        result = _record(value, type(value).model_fields, seen)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        result = _record(value, [f.name for f in dataclasses.fields(value)], seen)
    else:
        raise TypeError(f"not template data: {type(value).__name__}")
    seen[id(value)] = result
    return result


def _record(obj: object, names: Any, seen: dict[int, Any]) -> Record:
    values = {name: plain(getattr(obj, name), seen) for name in names}
    for name in _properties(type(obj)):
        try:
            values[name] = plain(getattr(obj, name), seen)
        except TypeError:
            continue  # a property that is not plain data (a path …) stays out of reach
    return Record(values)


def _properties(cls: type) -> list[str]:
    """The public properties civreport's own classes define (not pydantic's)."""
    return [
        name
        for klass in cls.__mro__
        if klass.__module__.startswith("civreport.")
        for name, member in vars(klass).items()
        if isinstance(member, property) and not name.startswith("_")
    ]
