"""The text writer: the page as plain UTF-8 text, a paragraph a line and a blank line between
paragraphs, table rows with tab-separated cells; for e-mail and for pasting into other systems.
A title broken over lines is one line here (a reader cannot tell a broken title from two)."""

from __future__ import annotations

from ..diagnostics import Diagnostics
from ..rendering.blocks import Paragraph, flush_right_from
from ..rendering.page import Page


def write_text(page: Page, diagnostics: Diagnostics) -> bytes:
    out: list[str] = []
    for block in page.blocks:
        if isinstance(block, Paragraph):
            right = flush_right_from(block, page.styles)  # 签发人 after the number: a tab between, as in the DOCX
            text = "".join(("\t" if i == right else "") + run.text for i, run in enumerate(block.runs)).strip()
            if text:
                out.append(text)
        else:
            out.append("\n".join("\t".join(cell.text.replace("\n", " ") for cell in row) for row in block.rows))
    return ("\n\n".join(out) + "\n").encode("utf-8")
