"""The official frame a report sent as a document carries (GB/T 9704-2012 7.2, 7.3.4, 7.4):
the document number, the secrecy and urgency marks, and the attachments printed behind the
body. Every field is optional: a plain work summary has none of them."""

from __future__ import annotations

import re
import typing
from typing import Annotated, Any, Literal

from pydantic import Field, Strict, StringConstraints, Tag, model_validator
from pydantic_core import PydanticCustomError

from .fields import SHAPE, Name, Paragraph, StrictModel, Text
from .limits import FIRST_YEAR, LAST_YEAR, MAX_ITEMS
from .parts import BodyTable

# The report's fields of the frame, in the order a document prints them (the editor groups them).
FRAME_FIELDS = (
    "copy_no",
    "secrecy",
    "urgency",
    "mark",
    "number",
    "signer",
    "note",
    "cc",
    "printed_by",
    "printed_on",
)
SecrecyLevel = Literal["秘密", "机密", "绝密"]
Urgency = Literal["特急", "加急"]
SECRECY_STAR = "★"  # between the level and the term: 机密★1年 (7.2.2)
JOINT_MARK_WORD = "文件"  # to the right of a joint mark's names, centred on them (7.2.4)

# 机关代字〔年份〕序号号 (7.2.5): the brackets are 六角括号, the number has no leading zero and no 第.
NUMBER = re.compile(r"^(?P<code>.+?)〔(?P<year>\d{4})〕(?P<serial>[1-9]\d*)号$")
_WRONG_BRACKETS = re.compile(r"[\[\]【】()（）{}［］〈〉<>]")
Names = Annotated[list[Name], Field(max_length=MAX_ITEMS)]  # the offices of a joint mark, the signers
# 份号: six Arabic digits (7.2.1); a shorter number is padded with zeros.
CopyNo = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, pattern=r"^\d{1,6}$")]


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PydanticCustomError(
            "number_year", "发文字号的年份应在 {first} 年到 {last} 年之间", {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


class DocumentNumber(StrictModel):
    """发文字号 as its parts: 机关代字, the year and the 序号 (小河创城办〔2024〕12号)."""

    code: Name | None = Field(
        default=None, title="机关代字", description="如“小河创城办”；不写时用办公室配置的机关代字（number_code）"
    )
    year: int = Field(title="年份", description="四位年份，如 2024")
    serial: int = Field(ge=1, title="序号", description="不编虚位（不写 012），不加“第”")

    @model_validator(mode="before")
    @classmethod
    def _parts(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("year"), int):
            _year(data["year"])
        if isinstance(data, dict) and isinstance(data.get("code"), str):
            _code(data["code"])
        return data

    def text(self, code: str | None = None) -> str:
        """The number as printed, with ``code`` where it gives none."""
        return f"{self.code or code or ''}〔{self.year}〕{self.serial}号"


def _code(code: str) -> None:
    if _WRONG_BRACKETS.search(code) or "〔" in code or "〕" in code:
        raise PydanticCustomError("number_code", "机关代字“{code}”中不应有括号", {"code": code})


def parse_number(text: Any) -> Any:
    """小河创城办〔2024〕12号 as its parts; a number written otherwise is refused with what to
    change: 六角括号〔〕 around the year, no leading zero, no 第. Parts are left to the model."""
    if not isinstance(text, str):
        return text
    text = text.strip()
    if "第" in text:
        raise PydanticCustomError(
            "number_di", "发文字号“{text}”中不加“第”：写作 小河创城办〔2024〕12号", {"text": text}
        )
    match = NUMBER.match(text)
    if match is None:
        if _WRONG_BRACKETS.search(text) and "〔" not in text:
            problem = "年份要用六角括号〔〕括起，不用 []、【】 或 ()"
        elif re.search(r"〕0\d*号$", text):
            problem = "序号不编虚位（写 12号，不写 012号）"
        else:
            problem = "应写作 机关代字〔年份〕序号号"
        raise PydanticCustomError(
            "number_form", "发文字号“{text}”：{problem}，如 小河创城办〔2024〕12号", {"text": text, "problem": problem}
        )
    _year(int(match["year"]))
    return DocumentNumber(code=match["code"], year=int(match["year"]), serial=int(match["serial"]))


class Secrecy(StrictModel):
    """密级和保密期限 (7.2.2): 机密, or 机密★1年."""

    level: SecrecyLevel = Field(title="密级", description="秘密、机密或绝密")
    term: Name | None = Field(default=None, title="保密期限", description="如“1年”；不写时只印密级")

    @model_validator(mode="before")
    @classmethod
    def _written(cls, data: Any) -> Any:
        """机密★1年 as one text is the level and its term."""
        if isinstance(data, str):
            level, _, term = data.strip().partition(SECRECY_STAR)
            if level not in typing.get_args(SecrecyLevel):
                raise PydanticCustomError("secrecy_level", "密级应为 秘密、机密 或 绝密，如“机密★1年”")
            return {"level": level, "term": term or None}
        return data

    @property
    def text(self) -> str:
        return f"{self.level}{SECRECY_STAR}{self.term}" if self.term else self.level


class AttachedDocument(StrictModel):
    """An attachment printed behind the body, on pages of its own (7.3.7): its title, and its
    paragraphs or a table."""

    title: Name = Field(title="附件标题", description="也是附件说明中的名称")
    body: list[Paragraph] = Field(default_factory=list, max_length=MAX_ITEMS, title="正文", description="附件的段落")
    table: BodyTable | None = Field(default=None, title="表格", description="附件的表格，排在段落之后")


AttachmentEntry = Annotated[
    Annotated[Text, Tag("~text")] | Annotated[AttachedDocument, Tag("~mapping")], SHAPE
]  # a name in the attachment note only, or an attachment printed in full


def attachment_name(entry: str | AttachedDocument) -> str:
    return entry if isinstance(entry, str) else entry.title


__all__ = [
    "FRAME_FIELDS",
    "JOINT_MARK_WORD",
    "AttachedDocument",
    "AttachmentEntry",
    "CopyNo",
    "DocumentNumber",
    "Names",
    "Secrecy",
    "SecrecyLevel",
    "Urgency",
    "attachment_name",
    "parse_number",
]
