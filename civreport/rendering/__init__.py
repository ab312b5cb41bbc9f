"""Rendering: a composed summary through the sandboxed templates into the one page every
writer writes (its HTML, its blocks and its metadata)."""

from .blocks import Block, Cell, Indent, Paragraph, Run, Table
from .checks import check_templates
from .page import Page, PageMeta, build_page
from .templating import render_template, search_path

__all__ = [
    "Block",
    "Cell",
    "Indent",
    "Page",
    "PageMeta",
    "Paragraph",
    "Run",
    "Table",
    "build_page",
    "check_templates",
    "render_template",
    "search_path",
]
