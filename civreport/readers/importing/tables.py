"""The tables of an imported document, none of whose text may go missing. Tables Word users lay
a document out with are read as the text they hold: a table of one filled cell, a sign-off
and its date at the end, and a form (项目名称 | …, 工作开展情况 | a long text), whose label cells
become headings or lead words (项目名称：……) and whose text cells paragraphs. The others are
body tables, cut into tables of the rows one holds (the header repeated), or read as
paragraphs, a row each, where a body table cannot hold them (one row, too many columns, a
table in the opening). Every such change is said, naming the table by its caption or first
cell and its line."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ...model.parts import MAX_COLUMNS, MAX_ROWS
from .dates import parse_date
from .headings import starts_heading
from .source import SourceBlock

_CAPTION_CHARS = 30  # a short line before a table, not a sentence, is its caption
_SENTENCE = re.compile(r"[。；！？]")
_PROSE_CHARS = 30  # a cell this long holding a sentence is text, not a label or a figure
_LABEL_CHARS = 20  # a label cell: 工作开展情况, 一、基本情况
_CELL_GAP = "｜"  # between the cells of a row read as a paragraph (a space between Chinese goes)
AS_ROWS = f"已按段落导入，每行一段（各格以“{_CELL_GAP}”分隔）"  # what messages say of a table read by rows
_HAN = re.compile(r"[\u4e00-\u9fff]")
# The last row of a form: who fills it in and when, read as the sign-off and date.
_FILLED_BY = re.compile(r"^(?:填报|报送|申报|填表|制表)?(?:单位|日期|时间)\s*[:：]\s*")


def is_caption(text: str) -> bool:
    return len(text) <= _CAPTION_CHARS and not text.endswith(("。", "；", "，", "：", "！", "？"))


def name(block: SourceBlock, caption: str | None = None) -> str:
    """How messages name a table: its caption, else its first cell, and its line."""
    if caption:
        return f"第 {block.line} 行的表格“{caption}”"
    first = next((cell for row in block.rows or () for cell in row if cell.strip()), "")
    first = first.split("\n")[0]
    return f"第 {block.line} 行的表格（首格“{first[:20]}{'……' if len(first) > 20 else ''}”）"


def row_texts(block: SourceBlock) -> list[str]:
    """A table as paragraphs, a row each, its cells set apart."""
    rows = (_CELL_GAP.join(cell.replace("\n", _CELL_GAP) for cell in row if cell.strip()) for row in block.rows or ())
    return [row for row in rows if row]


def body_tables(block: SourceBlock, caption: str | None, warnings: list[str]) -> list[dict[str, Any]] | None:
    """The body tables of a table block under its ``caption``: one, or several of at most
    MAX_ROWS rows each. None, with a warning, for a table a body table cannot hold (one row,
    more than MAX_COLUMNS columns): the caller reads it as paragraphs."""
    rows = [list(row) for row in block.rows or () if any(cell.strip() for cell in row)]
    width = max((len(row) for row in rows), default=0)
    title_row = [cell for cell in rows[0] if cell.strip()] if rows else []
    if caption is None and len(rows) >= 3 and width > 1 and len(title_row) == 1 and is_caption(title_row[0]):
        caption, rows = title_row[0], rows[1:]  # a title set in the table's first row, across it
    if len(rows) < 2:
        warnings.append(f"{name(block, caption)}只有一行，{AS_ROWS}")
        return None
    if width > MAX_COLUMNS:
        warnings.append(
            f"{name(block, caption)}有 {width} 列，表格最多 {MAX_COLUMNS} 列：{AS_ROWS}；"
            "如要排成表格，请删去或合并一些列"
        )
        return None
    header, *body = (row + [""] * (width - len(row)) for row in rows)
    chunks = [body[start : start + MAX_ROWS] for start in range(0, len(body), MAX_ROWS)]
    if len(chunks) > 1:
        warnings.append(
            f"{name(block, caption)}有 {len(body)} 行，一张表格最多 {MAX_ROWS} 行：已拆成 {len(chunks)} 张表格，"
            "每张都带表头；请核对，或把它作为附件另行印发"
        )
    titles = [caption, *(f"{caption}（续）" for _ in chunks[1:])] if caption else [None] * len(chunks)
    return [
        ({"title": title} if title else {}) | {"header": header, "rows": rows} for title, rows in zip(titles, chunks)
    ]


def laid_out(blocks: list[SourceBlock], warnings: list[str]) -> list[SourceBlock]:
    """The blocks with the tables that lay text out read as that text: a table of one filled
    cell (a title in a box), a small table at the end holding the sign-off and its date, and a
    form holding at least half of the document's text, whose headings are outside no table (a
    table under a heading is that heading's, whatever its cells hold)."""
    total = sum(_han(block) for block in blocks)
    headed = any(b.rows is None and (b.level or b.number or starts_heading(b.text)) for b in blocks[1:])
    out: list[SourceBlock] = []
    for index, block in enumerate(blocks):
        cells = [cell for row in block.rows or () for cell in row if cell.strip()]
        at_end = index == len(blocks) - 1
        if block.rows is None:
            out.append(block)
        elif len(cells) == 1 or (
            at_end and len(cells) <= 4 and all(len(c) <= 40 for c in cells) and any(parse_date(c) for c in cells)
        ):
            out += [replace(block, text=line.strip(), rows=None) for cell in cells for line in _lines(cell)]
        elif not headed and 2 * _han(block) >= total and (form := _form(block)):
            blocks_of_form, signed = form
            warnings.append(
                f"{name(block)}是表格式的文稿：标签格已作为标题或段首，内容格作为正文导入"
                + ("，末行的填报单位和日期作为落款和成文日期" if signed else "")
                + "，请核对"
            )
            out += blocks_of_form
        else:
            out.append(block)
    return out


def _han(block: SourceBlock) -> int:
    return len(_HAN.findall(block.text)) + sum(len(_HAN.findall(cell)) for row in block.rows or () for cell in row)


def _lines(cell: str) -> list[str]:
    return [line.strip() for line in cell.split("\n") if line.strip()]


def _is_prose(cell: str) -> bool:
    """A text cell: a long one holding a sentence, or paragraphs (同意申报。 and the seal and date)."""
    return bool(_SENTENCE.search(cell)) and (len(cell) >= _PROSE_CHARS or "\n" in cell)


def _is_label(cell: str) -> bool:
    return len(cell) <= _LABEL_CHARS and "\n" not in cell and not re.search(r"[。；，！？]", cell)


def _form(table: SourceBlock) -> tuple[list[SourceBlock], bool] | None:
    """A table laid out as a form, as headings and paragraphs: a label beside or above a text
    cell is its heading, short cells in pairs are lead words (项目名称：……), a last row of who
    filled it in and when is the sign-off and date (and says so). None when the table is not a
    form: no text cell, or one that is not the last of its row after at most one label."""
    rows = [cells for row in table.rows or () if (cells := [cell.strip() for cell in row if cell.strip()])]
    out: list[SourceBlock] = []

    def heading(label: str) -> None:
        out.append(replace(table, text=label, rows=None, level=1))

    def paragraphs(cell: str) -> None:
        out.extend(replace(table, text=line, rows=None) for line in _lines(cell))

    texts, signed = 0, False
    for k, cells in enumerate(rows):
        prose = [i for i, cell in enumerate(cells) if _is_prose(cell)]
        following = rows[k + 1] if k + 1 < len(rows) else []
        if prose:
            if prose != [len(cells) - 1] or len(cells) > 2 or (len(cells) == 2 and not _is_label(cells[0])):
                return None
            texts += 1
            if len(cells) == 2:
                heading(cells[0])
            paragraphs(cells[-1])
        elif len(cells) == 1 and len(following) == 1 and _is_prose(following[0]) and _is_label(cells[0]):
            heading(cells[0])
        elif k == len(rows) - 1 and all(_FILLED_BY.match(cell) for cell in cells):
            signed = True
            for cell in cells:
                paragraphs(_FILLED_BY.sub("", cell))
        elif all("：" in cell or len(cells) == 1 for cell in cells):
            for cell in cells:
                paragraphs(cell)
        else:
            for label, value in zip(cells[::2], cells[1::2]):
                paragraphs(f"{label.rstrip('：:')}：{value}")
            if len(cells) % 2:
                paragraphs(cells[-1])
    return (out, signed) if texts else None
