"""Page geometry, and the arithmetic that makes a full page hold exactly N lines of M characters.

Defaults are GB/T 9704-2012: A4, margins 37/35/28/26 mm, 22 lines of 28 characters of 16 pt.
Both writers take their numbers from here; the README ("PDF: layout and fonts") gives the recipes.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MM = 72 / 25.4  # points per millimetre
TWIPS = 20  # twips per point

TABLE_RULE_PT = 0.5  # the lines of a table; a row is one grid line high, its rule included
TABLE_PADDING_PT = 3.0  # inside a table cell, at its left and its right

# The type sizes of a page: body text, the title, tables, page numbers.
TextSize = Literal["body", "title", "table", "page_number", "mark", "foot"]


class Layout(BaseModel):
    """The page set-up of a report; every field has the GB/T 9704 default. The upper bounds
    are beyond any paper (A0 is 1189 mm) and any type an office prints with."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, allow_inf_nan=False)

    page_width_mm: float = Field(default=210, gt=0, le=1200, title="纸张宽度（毫米）")
    page_height_mm: float = Field(default=297, gt=0, le=1200, title="纸张高度（毫米）")
    margin_top_mm: float = Field(default=37, ge=0, le=300, title="天头（毫米）")
    margin_bottom_mm: float = Field(default=35, ge=0, le=300, title="地脚（毫米）")
    margin_inner_mm: float = Field(default=28, ge=0, le=300, title="订口（毫米）")
    margin_outer_mm: float = Field(default=26, ge=0, le=300, title="翻口（毫米）")
    mirrored: bool = Field(
        default=True,
        title="双面印刷，偶数页左右页边距对调",
        description="双面印刷时页码单页居右、双页居左；单面印刷（false）时订口都在左边，页码都居右",
    )
    body_size_pt: float = Field(default=16, gt=0, le=100, title="正文字号（磅）")
    title_size_pt: float = Field(default=22, gt=0, le=100, title="标题字号（磅）")
    page_number_size_pt: float = Field(default=14, gt=0, le=100, title="页码字号（磅）")
    table_size_pt: float = Field(default=14, gt=0, le=100, title="表格字号（磅）")
    mark_size_pt: float = Field(
        default=42, gt=0, le=100, title="发文机关标志字号（磅）", description="最大字号；标志宽于版心时自动缩小"
    )
    foot_size_pt: float = Field(default=14, gt=0, le=100, title="版记字号（磅）")
    page_number_gap_mm: float = Field(default=7, ge=0, le=300, title="页码距版心下边缘（毫米）")
    lines_per_page: int = Field(default=22, gt=0, le=200, title="每页行数")
    chars_per_line: int = Field(default=28, gt=0, le=200, title="每行字数")
    line_pitch_pt: float | None = Field(
        default=None, gt=0, le=200, title="行距（磅）", description="不写时按每页行数均分版心；常见做法为固定值 28 磅"
    )

    @property
    def page_number_sides(self) -> tuple[Literal["right", "left"], ...]:
        """Where page numbers stand, odd pages first: on the outer edge, one character in (GB/T
        9704 7.5). Printed on both sides, right on odd pages and left on even ones; printed on
        one side, every page is a front page, right."""
        return ("right", "left") if self.mirrored else ("right",)

    @property
    def text_width_pt(self) -> float:
        return (self.page_width_mm - self.margin_inner_mm - self.margin_outer_mm) * MM

    @property
    def text_height_pt(self) -> float:
        return (self.page_height_mm - self.margin_top_mm - self.margin_bottom_mm) * MM

    @property
    def line_pitch_twips(self) -> int:
        """Whole twips, rounded down: one twip more already loses the last line of a page."""
        if self.line_pitch_pt is not None:
            return round(self.line_pitch_pt * TWIPS)
        return math.floor(self.text_height_pt / self.lines_per_page * TWIPS)

    @property
    def line_pitch(self) -> float:
        """Line pitch in points, the same number in the PDF and the DOCX."""
        return self.line_pitch_twips / TWIPS

    @property
    def char_spacing_twips(self) -> int:
        """Tracking that fits ``chars_per_line`` body characters in the text width, in whole
        twips (what a DOCX can state), rounded away from overflow."""
        slack = self.text_width_pt / self.chars_per_line - self.body_size_pt
        return math.floor(min(slack, 0) * TWIPS)

    @property
    def char_spacing_pt(self) -> float:
        """The same tracking in points, for the PDF: both outputs set lines equally wide."""
        return self.char_spacing_twips / TWIPS

    @property
    def char_pitch_pt(self) -> float:
        return self.body_size_pt + self.char_spacing_pt

    @property
    def body_chars_per_line(self) -> float:
        """Body characters a line holds: ``chars_per_line`` (tracking squeezes them in), or more
        where the text width leaves room."""
        return max(self.chars_per_line, self.text_width_pt / self.body_size_pt)

    @property
    def title_chars_per_line(self) -> float:
        return self.text_width_pt / self.title_size_pt

    @property
    def table_rule_pt(self) -> float:
        return TABLE_RULE_PT

    @property
    def table_padding_pt(self) -> float:
        return TABLE_PADDING_PT

    @property
    def cell_line_twips(self) -> int:
        """A line of a table cell: the grid pitch less the rule, so that a row of one line is
        exactly one grid line high and the text after a table stays on the grid."""
        return self.line_pitch_twips - round(TABLE_RULE_PT * TWIPS)

    @property
    def docx_cell_line_twips(self) -> int:
        """The same a point shorter for word processors, which snap the text after a table to
        the next grid line: a table a hair taller than its grid lines would push that text a
        whole line down (measured in LibreOffice 7.4)."""
        return self.cell_line_twips - TWIPS

    @property
    def sizes(self) -> dict[TextSize, float]:
        """Type size in points per kind of text."""
        return {
            "body": self.body_size_pt,
            "title": self.title_size_pt,
            "table": self.table_size_pt,
            "page_number": self.page_number_size_pt,
            "mark": self.mark_size_pt,
            "foot": self.foot_size_pt,
        }

    def size_pt(self, size: TextSize) -> float:
        return self.sizes[size]
