"""Tracked changes (w:ins, w:del; ECMA-376 Part 1, 17.13.5): runs marked deleted and text marked
inserted, each with its author and date, which a reviewer accepts or rejects one by one in Word
or WPS."""

from __future__ import annotations

import copy
from collections.abc import Iterator

from .elements import Element, element, qn

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Revision marks a document may hold already: the ids of new ones come after theirs.
_MARKS = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange")
_DELETED_AS = {qn("w:t"): qn("w:delText"), qn("w:instrText"): qn("w:delInstrText")}


class Revisions:
    """Tracked changes by one author at one time, numbered after the document's own."""

    def __init__(self, document: Element, author: str, date: str) -> None:
        self.author, self.date = author, date
        used = [int(m.get(qn("w:id"), "0")) for tag in _MARKS for m in document.iter(qn(f"w:{tag}"))]
        self.ids: Iterator[int] = iter(range(max(used, default=0) + 1, 2**31))

    def _mark(self, tag: str) -> Element:
        return element(tag, id=next(self.ids), author=self.author, date=self.date)

    def delete(self, run: Element) -> Element:
        """Mark ``run`` deleted: wrapped in a w:del, its text as deleted text."""
        mark = self._mark("del")
        run.addprevious(mark)
        mark.append(run)
        for child in run.iter(*_DELETED_AS):
            child.tag = _DELETED_AS[child.tag]
        return mark

    def insert(self, text: str, like: Element) -> Element:
        """A w:ins holding ``text`` in a run formatted as ``like``, to be put in its place."""
        mark = self._mark("ins")
        run = element("r")
        properties = like.find(qn("w:rPr"))
        if properties is not None:
            run.append(copy.deepcopy(properties))
        t = element("t")
        t.text = text
        t.set(_XML_SPACE, "preserve")
        run.append(t)
        mark.append(run)
        return mark
