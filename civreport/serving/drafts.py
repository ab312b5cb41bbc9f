"""The drafts of the open editor pages. Each page that opens a report gets a draft of its own,
so one tab's edits never reach another's and opening a report elsewhere discards nothing; each
draft remembers the file as it was read, so a save never overwrites what another page or
program saved in between."""

from __future__ import annotations

import secrets
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from ..errors import CivreportError

MAX_DRAFTS = 64  # open pages kept; the least recently used beyond this are forgotten


class StaleDraft(CivreportError):
    """A page whose draft this editor run no longer holds (restarted, or long unused)."""

    def __init__(self) -> None:
        super().__init__("这个编辑页面已过期（编辑器重启过，或页面很久未用）：请刷新页面；未保存的修改需要重新填写")


@dataclass
class Draft:
    name: str  # the report file it is a draft of
    data: dict[str, Any]
    base: str  # the file's digest when read or last saved here
    generation: int = 0  # of the newest edit, whose preview is shown


class Drafts:
    def __init__(self) -> None:
        self._drafts: OrderedDict[str, Draft] = OrderedDict()

    def open(self, name: str, data: dict[str, Any], base: str) -> str:
        """A new draft of ``name``; its key, which the page sends with every call."""
        key = secrets.token_urlsafe(16)
        self._drafts[key] = Draft(name, data, base)
        while len(self._drafts) > MAX_DRAFTS:
            self._drafts.popitem(last=False)
        return key

    def get(self, key: str, name: str) -> Draft:
        draft = self._drafts.get(key)
        if draft is None or draft.name != name:
            raise StaleDraft
        self._drafts.move_to_end(key)
        return draft
