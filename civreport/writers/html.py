"""The HTML writer: the page as it is, UTF-8."""

from __future__ import annotations

from ..rendering.page import Page


def write_html(page: Page) -> bytes:
    return page.html.encode("utf-8")
