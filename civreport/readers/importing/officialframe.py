"""An official document's frame in a source (GB/T 9704-2012): the 份号, 密级 and 紧急程度 lines,
the office's mark, the number with its 签发人 at the head; 抄送 and 印发 at the foot. Taken out
of the text into the report's frame fields (civreport prints them again in their places)."""

from __future__ import annotations

import re
import typing
from typing import Any

from pydantic_core import PydanticCustomError

from ...model.frame import JOINT_MARK_WORD, SECRECY_STAR, SecrecyLevel, Urgency, parse_number
from .dates import parse_date
from .source import SourceBlock

_HEAD = 8  # the lines a head stands in
_COPY_NO = re.compile(r"^\d{6}$")
_SECRECY = re.compile(rf"^(?:{'|'.join(typing.get_args(SecrecyLevel))})(?:\s*{SECRECY_STAR}\s*\S{{1,10}})?$")
_URGENCY = re.compile(rf"^(?:{'|'.join(typing.get_args(Urgency))})$")
_MARK = re.compile(r"^(?!关于)\S.{1,39}文件$")
_SIGNER = re.compile(r"签发人\s*[:：]\s*(?P<names>.+)$")
_NUMBER = re.compile(r"^(?P<number>\S{1,16}〔\d{4}〕\s*\d{1,4}\s*号)")
_CC = re.compile(r"^\s*抄送\s*[:：]\s*(?P<offices>.+?)[。.]?$")
_PRINTED = re.compile(r"^(?P<office>.{2,40}?)\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印发$")
_LABEL = re.compile(r"^附件\s*\d*$")  # an attachment printed in full starts with it (7.3.7)
_NAMES = re.compile(r"[，,、\s]+")
_OFFICE = re.compile(r"^\S{2,40}$")  # an office's name in a joint mark
# The mark's paragraph style in Word files (civreport's DOCX names it so): a joint mark's
# lines are the offices' names alone (7.2.4), which only the style tells from text.
_MARK_STYLE = re.compile(r"发文机关标志|红头")


def _number(text: str) -> str | None:
    """The number, when it is written as GB/T 9704 has it (a number written otherwise is
    left to the drop list, as before)."""
    try:
        parse_number(text)
    except PydanticCustomError:
        return None
    return text


def _joint_mark(rows: tuple[tuple[str, ...], ...]) -> list[str] | None:
    """The offices of a joint mark set out in a table at the head (7.2.4): their names one
    under another (in a cell, or a row each) and 文件 in a cell beside them."""
    cells = [cell.strip() for row in rows for cell in row if cell.strip()]
    names = [line.strip() for cell in cells if cell != JOINT_MARK_WORD for line in cell.split("\n") if line.strip()]
    if cells.count(JOINT_MARK_WORD) != 1 or len(names) < 2 or not all(_OFFICE.match(name) for name in names):
        return None
    return names


def _head_line(text: str, data: dict[str, Any]) -> bool:
    """Whether a line of the head is part of the frame, its field filled in ``data``."""
    if _COPY_NO.match(text) and "copy_no" not in data:
        data["copy_no"] = text
    elif _SECRECY.match(text) and "secrecy" not in data:
        data["secrecy"] = re.sub(r"\s+", "", text)
    elif _URGENCY.match(text) and "urgency" not in data:
        data["urgency"] = text
    elif _MARK.match(text) and "mark" not in data:
        data["mark"] = [text]
    else:
        signer = _SIGNER.search(text)
        number = _NUMBER.match(text)
        found = _number(re.sub(r"\s+", "", number["number"])) if number else None
        if not (signer or found):
            return False
        if found:
            data["number"] = found
        if signer:
            names = [n for n in _NAMES.split(signer["names"]) if n]
            data["signer"] = names[0] if len(names) == 1 else names
    return True


def _foot_line(text: str, data: dict[str, Any]) -> bool:
    cc = _CC.match(text)
    if cc:
        data["cc"] = [n for n in _NAMES.split(cc["offices"]) if n]
        return True
    printed = _PRINTED.match(text)
    day = parse_date(re.sub(r"\s+", "", printed["date"])) if printed else None
    if printed and day:
        data["printed_by"] = printed["office"].strip()
        data["printed_on"] = day.isoformat()
        return True
    return False


def _attached(blocks: list[SourceBlock]) -> dict[str, Any]:
    """An attachment printed in full, from the line after its label: its title, then its
    paragraphs and its (first) table."""
    title, *rest = blocks
    attachment: dict[str, Any] = {"title": title.text.strip()}
    body = [b.text.strip() for b in rest if b.rows is None and b.text.strip()]
    tables = [b.rows for b in rest if b.rows]
    if body:
        attachment["body"] = body
    if tables:
        header, *rows = tables[0]
        attachment["table"] = {"header": list(header), "rows": [list(row) for row in rows]}
    return attachment


def take_frame(blocks: list[SourceBlock]) -> tuple[list[SourceBlock], dict[str, Any]]:
    """The blocks without the frame's lines, and the frame's fields they give (a mark of one
    line as text, a joint mark as the list of its lines)."""
    data: dict[str, Any] = {}
    kept: list[SourceBlock] = []
    attached: list[list[SourceBlock]] = []  # each attachment printed in full, from its title
    for index, block in enumerate(blocks):
        text = block.text.strip()
        if index < _HEAD and block.style and _MARK_STYLE.search(block.style):
            data["mark"] = [*data.get("mark", []), text]
            continue
        if index < _HEAD and block.rows is not None and "mark" not in data and (names := _joint_mark(block.rows)):
            data["mark"] = names
            continue
        if block.rows is None and (
            (index < _HEAD and _head_line(text, data)) or (index >= _HEAD and _foot_line(text, data))
        ):
            continue
        if index >= _HEAD and block.rows is None and _LABEL.match(text):
            attached.append([])
        elif attached:
            attached[-1].append(block)
        else:
            kept.append(block)
    if attached and all(attached):
        data["attachments"] = [_attached(blocks) for blocks in attached]
    if len(data.get("mark", ())) == 1:
        data["mark"] = data["mark"][0]
    return kept, data
