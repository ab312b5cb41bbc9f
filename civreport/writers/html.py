"""The HTML writer: the page as it is, UTF-8."""

from __future__ import annotations

from ..diagnostics import Diagnostics
from ..rendering.page import Page


def write_html(page: Page, diagnostics: Diagnostics) -> bytes:
    return page.html.encode("utf-8")
