"""The paragraph styles of an official document, in one table.

Each entry is a class the report template puts on a block (and, for headings, on the
``<span>`` of a run-in heading). Everything else is derived from this table: the page's
CSS (font role, alignment, first-line indent, bold, keep-with-next), the DOCX styles
(Chinese name, outline level, size, grid), and the PDF's glyph check (font role). An
office may add classes of its own in its profile (``styles:``), each based on one here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from ..model import StrictModel, Text
from .fonts import FontRole
from .layout import TextSize

Align = Literal["both", "left", "center", "right"]

BODY = "body"  # the class of a block that names none
BLANK = "blank"  # an empty line on the grid
# Containers of what closes a report, whose blocks page breaks treat apart (rendering.keeps).
ATTACHMENTS, SIGNOFF = "attachments", "signoff"
# The official frame's containers (GB/T 9704 7.2, 7.3.7, 7.4), which the page sets off the grid
# (rendering.frame): the head above the title, each attachment printed in full, the 版记.
HEAD, ATTACHED, FOOT = "head", "attached", "foot"
FRAME_GROUPS = (HEAD, ATTACHED, FOOT)
GROUPS = (ATTACHMENTS, SIGNOFF, *FRAME_GROUPS)
RED = "FF0000"  # the mark and its rule (7.2.4, 7.2.7)
# Rules across the text block, in eighths of a point as Word states them: the red rule and the
# 版记's first and last rules 0.35 mm (1 pt), those between 0.25 mm (3/4 pt) (7.4.1).
THICK_RULE, THIN_RULE = 8, 6


@dataclass(frozen=True)
class Style:
    """One class of the page and the Word style it becomes."""

    name: str  # the template's class
    style_name: str  # the Word style, as a Word or WPS user sees it
    style_id: str
    font: FontRole
    align: Align = "both"
    first_line: float = 0  # characters
    level: int | None = None  # heading level 1–4: the outline level in Word's navigation pane
    keep_next: bool = False  # on the page of the next block, and whole (rendering.keeps may lift it)
    size: TextSize = "body"
    bold: bool = False
    run_in: bool = False  # also used on a <span>: a run-in heading, a Word character style
    tags: tuple[str, ...] = ()  # elements that take this class when they name none
    color: str | None = None  # RRGGBB; None: black
    spacer: bool = False  # an empty line of the height the page gives it (blank lines, the frame's spaces)
    rule: int = 0  # a rule under the (empty) paragraph, this many eighths of a point thick
    right: str | None = None  # the class of its runs that stand flush right, the text before them flush left
    # A class of tables that set text out rather than tabulate it: no rules, no padding in the
    # cells (the joint mark). It makes no Word style: its cells have their own classes.
    frameless: bool = False

    @property
    def tracking(self) -> bool:
        """Body-size text is tightened to fit the grid; titles, tables and page numbers are not."""
        return self.size == "body"


def _heading(level: int, name: str, font: FontRole) -> Style:
    return Style(
        f"heading-{level}", name, f"CivHeading{level}", font, first_line=2, level=level, keep_next=True, run_in=True
    )


BUILT_IN: tuple[Style, ...] = (
    Style("title", "公文标题", "CivTitle", "title", align="center", keep_next=True, size="title"),
    Style("subtitle", "公文副标题", "CivSubtitle", "heading2", align="center", keep_next=True),
    Style(BLANK, "空行", "CivBlank", "body", align="left", spacer=True),
    Style("recipients", "主送机关", "CivRecipients", "body", align="left"),
    Style(BODY, "公文正文", "CivBody", "body", first_line=2, tags=("p", "h1", "h2", "h3", "h4", "h5", "h6")),
    _heading(1, "一级标题", "heading1"),
    _heading(2, "二级标题", "heading2"),
    _heading(3, "三级标题", "body"),
    _heading(4, "四级标题", "body"),
    Style("attachment", "附件说明", "CivAttachment", "body", align="left"),
    Style("signoff-name", "署名", "CivSignoff", "body", align="right"),
    Style("signoff-date", "成文日期", "CivDate", "body", align="right"),
    Style("table-title", "表格标题", "CivTableTitle", "heading1", align="center", keep_next=True),
    Style("table-header", "表格表头", "CivTableHeader", "heading1", align="center", size="table", tags=("th",)),
    Style("table-cell", "表格文字", "CivTableText", "body", align="center", size="table", tags=("td",)),
    Style("table-label", "表格首列", "CivTableLabel", "body", align="left", size="table"),
    Style("page-number", "页码", "CivPageNumber", "page_number", align="right", size="page_number"),
    # The official frame (GB/T 9704 7.2, 7.3.6, 7.3.7, 7.4).
    Style("copy-no", "份号", "CivCopyNo", "body", align="left"),
    Style("secrecy", "密级", "CivSecrecy", "heading1", align="left"),
    Style("urgency", "紧急程度", "CivUrgency", "heading1", align="left"),
    Style("frame-space", "版头间距", "CivFrameSpace", "body", align="left", spacer=True),
    Style("mark", "发文机关标志", "CivMark", "title", align="center", size="mark", color=RED),
    Style("joint-mark", "联合行文机关标志", "CivJointMark", "title", align="center", size="mark", frameless=True),
    Style("number", "发文字号", "CivNumber", "body", align="center"),
    Style("number-signer", "发文字号和签发人", "CivNumberSigner", "body", align="left", right="signer"),
    Style("signer", "签发人", "CivSigner", "body", run_in=True),
    Style("signer-name", "签发人姓名", "CivSignerName", "heading2", run_in=True),
    Style("red-rule", "红色分隔线", "CivRedRule", "body", align="left", spacer=True, rule=THICK_RULE, color=RED),
    Style("remark", "附注", "CivRemark", "body", align="left", first_line=2),
    Style("attachment-label", "附件标识", "CivAttachmentLabel", "heading1", align="left", keep_next=True),
    Style("foot-rule", "版记粗线", "CivFootRule", "body", align="left", spacer=True, rule=THICK_RULE),
    Style("foot-thin-rule", "版记细线", "CivFootThinRule", "body", align="left", spacer=True, rule=THIN_RULE),
    Style("cc", "抄送机关", "CivCc", "body", align="left", size="foot"),
    Style("printed", "印发机关和印发日期", "CivPrinted", "body", align="left", size="foot", right="printed-on"),
    Style("printed-on", "印发日期", "CivPrintedOn", "body", size="foot", run_in=True),
)
BUILT_IN_NAMES = frozenset(s.name for s in BUILT_IN)


ClassName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]


class OfficeStyle(StrictModel):
    """A class an office's templates use beyond the built-in ones, and its Word style."""

    name: Text = Field(title="样式名", description="DOCX 中显示的样式名，如“说明文字”")
    like: ClassName = Field(default=BODY, title="基于", description="以哪个内置类为基础，如 body、signoff-name")
    font: FontRole | None = Field(
        default=None, title="字体角色", description="title、heading1、heading2、body 或 page_number"
    )
    align: Align | None = Field(default=None, title="对齐", description="both 两端、left 左、center 居中、right 右")
    first_line: float | None = Field(default=None, ge=0, le=10, title="首行缩进（字）")
    bold: bool | None = Field(default=None, title="加粗")
    keep_next: bool | None = Field(default=None, title="与下段同页")

    @field_validator("like")
    @classmethod
    def _known(cls, like: str) -> str:
        if like not in BUILT_IN_NAMES:
            raise PydanticCustomError(
                "unknown_class",
                "没有内置类“{like}”；可用：{names}",
                {"like": like, "names": "、".join(sorted(BUILT_IN_NAMES))},
            )
        return like


@dataclass(frozen=True)
class StyleTable:
    """The styles of one page: the built-in ones under an office's habits, and the office's own."""

    styles: tuple[Style, ...]

    def __iter__(self) -> Iterator[Style]:
        return iter(self.styles)

    def __contains__(self, name: object) -> bool:
        return any(s.name == name for s in self.styles)

    def __getitem__(self, name: str) -> Style:
        for style in self.styles:
            if style.name == name:
                return style
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.styles]

    def default_for(self, tag: str) -> str | None:
        """The class an element takes when it names none."""
        return next((s.name for s in self.styles if tag in s.tags), None)


def style_table(bold_level3: bool = False, office: Mapping[str, OfficeStyle] | None = None) -> StyleTable:
    """The styles under an office's settings: bold “1.” headings where it wants them, and
    its own classes, each a copy of the class it is ``like`` with what it changes."""
    styles = [replace(s, bold=bold_level3) if s.name == "heading-3" else s for s in BUILT_IN]
    by_name = {s.name: s for s in styles}
    for name, own in (office or {}).items():
        base = by_name[own.like]
        styles.append(
            replace(
                base,
                name=name,
                style_name=own.name,
                style_id=office_style_id(name),
                level=None,
                run_in=False,
                tags=(),
                font=own.font or base.font,
                align=own.align or base.align,
                first_line=base.first_line if own.first_line is None else own.first_line,
                bold=base.bold if own.bold is None else own.bold,
                keep_next=base.keep_next if own.keep_next is None else own.keep_next,
            )
        )
    return StyleTable(tuple(styles))


def office_style_id(name: str) -> str:
    """A Word style id for an office's class: ``note-box`` → ``CivOfficeNoteBox``."""
    return "CivOffice" + "".join(part.capitalize() for part in name.split("-"))
