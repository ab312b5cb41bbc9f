"""The editor's form, generated from the model: every field of a report, part, item, point and
indicator with its Chinese title, as the widget its type asks for; lists with add, remove and
move buttons. Field names are the paths the model's messages and the proofreader's findings use
(``parts[0].items[1].title``), so a message lands next to its field. And the other way: posted
fields written back into the report's data, and the list operations."""

from __future__ import annotations

import copy
import re
import types
import typing
from datetime import date
from typing import Any, Literal

from markupsafe import Markup
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..model import PART_ROLES, Indicator, Item, Part, PartHeadings, Period, PeriodError, Point, Report
from ..model.frame import FRAME_FIELDS, DocumentNumber
from ..model.numerals import cn_date
from ..model.report import field_loc
from ..readers.importing.dates import parse_date

# Report fields the form leaves alone (kept as the file has them): set by other controls or tools.
_HIDDEN = {"profile", "headings", "table", "sources"}
_LONG = {"opening", "body", "closing", "title", "points", "points_lead", "points_tail", "lead_in"}
# What a new entry of each list starts as.
_NEW: dict[str, Any] = {
    "parts": {"title": ""},
    "items": {"title": ""},
    "indicators": {"key": "", "name": "", "value": 0},
    "points": "",
    **{role: {"title": ""} for role in PART_ROLES},
}
_MODELS: dict[str, type[BaseModel]] = {
    "parts": Part,
    "items": Item,
    "indicators": Indicator,
    **{role: Part for role in PART_ROLES},
}
OFF = "__off"  # the checkbox that writes false: no lead-in, no sign-off


def _id(path: str) -> str:
    return "f-" + re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")


def _msg(path: str) -> Markup:
    return Markup('<div class="msg" data-for="{}"></div>').format(path)


def _label(info: FieldInfo, name: str) -> str:
    return info.title or name


def _buttons(list_path: str, index: int, count: int) -> Markup:
    path = f"{list_path}[{index}]"
    parts = [
        Markup('<button type="button" class="op" data-op="remove" data-path="{}" title="删除">删除</button>').format(
            path
        )
    ]
    if index > 0:
        parts.append(
            Markup('<button type="button" class="op" data-op="up" data-path="{}" title="上移">↑</button>').format(path)
        )
    if index < count - 1:
        parts.append(
            Markup('<button type="button" class="op" data-op="down" data-path="{}" title="下移">↓</button>').format(
                path
            )
        )
    if count > 1:  # dragged onto another entry of the list, it takes that one's place
        parts.insert(
            0,
            Markup('<span class="drag" draggable="true" data-path="{}" title="拖动到另一项的位置">⠿</span>').format(
                path
            ),
        )
    return Markup('<span class="ops">{}</span>').format(Markup("").join(parts))


def _add(list_path: str, what: str, shown: str | None = None) -> Markup:
    """The button that adds ``what`` to a list, saying ``shown`` (where room is short) or 添加 ``what``."""
    return Markup(
        '<button type="button" class="op add" data-op="add" data-path="{}" title="添加{}">＋{}</button>'
    ).format(list_path, what, shown or f"添加{what}")


def _text(path: str, label: str, value: Any, long: bool, hint: str | None = None) -> Markup:
    value = "" if value is None else value
    attrs = Markup(' placeholder="{}"').format(hint) if hint else Markup("")
    if long:
        control = Markup('<textarea id="{}" name="{}" rows="1"{}>{}</textarea>').format(_id(path), path, attrs, value)
    else:
        control = Markup('<input id="{}" name="{}" value="{}"{}>').format(_id(path), path, value, attrs)
    return Markup('<div class="field"><label for="{}">{}</label>{}{}</div>').format(
        _id(path), label, control, _msg(path)
    )


def _choice(path: str, label: str, value: Any, choices: list[tuple[str, str]]) -> Markup:
    options = Markup("").join(
        Markup('<option value="{}"{}>{}</option>').format(v, Markup(" selected") if str(value) == v else "", shown)
        for v, shown in choices
    )
    return Markup('<div class="field"><label for="{}">{}</label><select id="{}" name="{}">{}</select>{}</div>').format(
        _id(path), label, _id(path), path, options, _msg(path)
    )


def _flag(path: str, label: str, value: Any) -> Markup:
    checked = Markup(" checked") if value is True else Markup("")
    return Markup(
        '<div class="field flag"><input type="hidden" name="{}" value="false">'
        '<input type="checkbox" id="{}" name="{}" value="true"{}><label for="{}">{}</label>{}</div>'
    ).format(path, _id(path), path, checked, _id(path), label, _msg(path))


def _list(path: str, label: str, rows: list[Markup], what: str, kind: str) -> Markup:
    """A list's entries with the button that adds one; an empty list, only a button naming it
    (a short form: no frame and no heading over nothing)."""
    if not rows:
        return Markup('<span class="list empty" id="{}">{}{}</span>').format(_id(path), _add(path, label), _msg(path))
    # A paragraph's button goes under the list's name, beside the paragraphs; an entry's after them.
    add = _add(path, what, "添加" if kind == "texts" else None)
    return Markup(
        '<div class="list {}" id="{}"><div class="list-label">{}{}</div><div class="list-body">{}{}{}</div></div>'
    ).format(
        kind,
        _id(path),
        label,
        add if kind == "texts" else "",
        _msg(path),
        Markup("").join(rows),
        add if kind != "texts" else "",
    )


def _texts(path: str, label: str, values: list[Any], what: str) -> Markup:
    """A list of texts; an entry that is a mapping (an attachment printed in full) shows its
    title, its other fields kept as the file has them."""
    rows = [
        Markup('<div class="entry">{}{}</div>').format(
            _text(f"{path}[{i}].title", f"{label} {i + 1}", v.get("title"), True)
            if isinstance(v, dict)
            else _text(f"{path}[{i}]", f"{label} {i + 1}", v, True),
            _buttons(path, i, len(values)),
        )
        for i, v in enumerate(values)
    ]
    return _list(path, label, rows, what, "texts")


def _points(path: str, label: str, values: list[Any]) -> Markup:
    rows = []
    for i, point in enumerate(values):
        here = f"{path}[{i}]"
        if isinstance(point, dict):
            inner = _fields(Point, point, here)
            body = Markup('<fieldset class="point"><legend>第 {} 点</legend>{}{}</fieldset>').format(
                i + 1, _msg(here), inner
            )
        else:
            body = _text(here, f"第 {i + 1} 点", point, True)
        rows.append(Markup('<div class="entry">{}{}</div>').format(body, _buttons(path, i, len(values))))
    return _list(path, label, rows, "一点", "texts")


def _models(path: str, label: str, values: list[Any], model: type[BaseModel], what: str) -> Markup:
    rows = []
    for i, value in enumerate(values):
        here = f"{path}[{i}]"
        # No legend over the entry: its title (or name) field is labelled 条目 2, a line saved an entry.
        heading = f"{what} {i + 1}"
        rows.append(
            Markup('<fieldset class="entry model" id="{}" aria-label="{}">{}{}{}</fieldset>').format(
                _id(here),
                heading,
                _buttons(path, i, len(values)),
                _msg(here),
                _fields(model, value if isinstance(value, dict) else {}, here, heading),
            )
        )
    return _list(path, label, rows, what, "models")


# Choices the model names in English, as a clerk reads them: a role by its part's usual heading.
_CHOICE_NAMES: dict[str, str] = {
    **PartHeadings().model_dump(),
    "inline": "连成一段",
    "paragraphs": "每点另起一段",
    "sum": "求和",
    "latest": "取最新",
    "average": "取平均",
    "ratio": "两项指标之比",
}


def _shown(choice: str) -> str:
    return _CHOICE_NAMES.get(choice, choice)


# Hints in the clerk's words where the model's description speaks of the file (its keys, false).
_HINTS: dict[tuple[type[BaseModel], str], str] = {
    (Report, "date"): "如 2024年10月8日；不写时为草稿，不印日期",
    (Report, "lead_in"): "开头结尾的“现将……总结如下：”；不写时自动生成，开头已有时不再添加",
    (Report, "signoff"): "落款的机关名称；不写时用办公室配置的署名，再不写时同发文机关",
    (Part, "title"): "不写时用这一部分的默认标题；可写成主题式标题，如“健全机制，增强创建工作实效”",
    (Report, "attachments"): "附件名称，不写序号",
    (Report, "number"): "如“小河创城办〔2024〕12号”；不写机关代字时用办公室配置的机关代字",
    (Report, "secrecy"): "如“机密★1年”，或只写密级“机密”",
    (
        Report,
        "mark",
    ): "如“小河区创城办文件”；联合行文时逐个写各机关名称，主办机关在前；不写时用办公室配置的发文机关标志",
    (Report, "printed_by"): "版记中的印发机关；不写时用办公室配置的印发机关",
    (Report, "printed_on"): "如 2024年10月8日",
    (DocumentNumber, "code"): "如“小河创城办”；不写时用办公室配置的机关代字",
}
DATE_ERROR = "应为日期，如 2024年10月8日（也可写 2024-10-08 或 2024.10.8）"
PERIOD_ERROR = "应为期间，如 2024年第三季度、2024年上半年、2024年、2024年7—9月"


def _hint(model: type[BaseModel], name: str, info: FieldInfo) -> str | None:
    return _HINTS.get((model, name), info.description)


def _day_shown(value: Any) -> str:
    """A date as the clerk reads it (2024年10月8日); text that is no date as it was typed."""
    day = parse_date(str(value)) if value is not None else None
    return cn_date(day) if day else ("" if value is None else str(value))


def _period_shown(value: Any) -> str:
    """A period as a title writes it (2024年第三季度) where that reads back as the same period."""
    if value is None:
        return ""
    try:
        period = Period.parse(value)
        label = period.label()
        return label if Period.parse(label) == period else str(value)
    except PeriodError:
        return str(value)


def _literal_choices(annotation: Any) -> list[str] | None:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is Literal:
        return [str(a) for a in typing.get_args(annotation)]
    if len(args) == 1 and typing.get_origin(args[0]) is Literal:
        return [str(a) for a in typing.get_args(args[0])]
    return None


def _bare(annotation: Any) -> Any:
    return typing.get_args(annotation)[0] if typing.get_origin(annotation) is typing.Annotated else annotation


def _is(annotation: Any, kind: type) -> bool:
    args = (
        typing.get_args(annotation)
        if typing.get_origin(annotation) in (typing.Union, types.UnionType)
        else (annotation,)
    )
    return any(_bare(a) is kind for a in args)


_WHAT: dict[str, str] = {
    "parts": "部分",
    "items": "条目",
    "indicators": "指标",
    **{role: "部分" for role in PART_ROLES},
}


def _field(
    model: type[BaseModel], name: str, info: FieldInfo, data: dict[str, Any], path: str, label: str | None = None
) -> Markup:
    label = label or _label(info, name)
    value = data.get(name)
    annotation = info.annotation
    if name in ("lead_in", "signoff") and model is Report:
        return _optional_text(path, label, value, _hint(model, name, info))
    if name in ("mark", "signer") and isinstance(value, list):
        return _texts(path, label, value, "一项")
    if name == "number" and isinstance(value, dict):
        return Markup('<fieldset class="entry model" id="{}"><legend>{}</legend>{}{}</fieldset>').format(
            _id(path), label, _msg(path), _fields(DocumentNumber, value, path)
        )
    if name in ("number", "mark", "signer", "secrecy"):  # also written as one text
        written = value if isinstance(value, str) else "★".join(str(v) for v in (value or {}).values() if v)
        return _text(path, label, written, False, _hint(model, name, info))
    if typing.get_origin(annotation) is list:
        inner = typing.get_args(annotation)[0]
        values = value if isinstance(value, list) else []
        if name == "points":
            return _points(path, label, values)
        if name in _MODELS:
            return _models(path, label, values, _MODELS[name], _WHAT[name])
        if (
            inner is str
            or typing.get_origin(inner) is typing.Annotated
            or (isinstance(inner, type) and issubclass(inner, str))
        ):
            return _texts(path, label, values, "一段" if name in _LONG else "一项")
        return Markup("")
    choices = _literal_choices(annotation)
    if choices is not None:
        default = "" if info.default is None else str(info.default)
        shown = [("", f"（默认：{_shown(default)}）" if default else "（不写）"), *((c, _shown(c)) for c in choices)]
        return _choice(path, label, value if value is not None else "", shown)
    if _is(annotation, bool):
        if _is(annotation, type(None)):
            return _choice(
                path,
                label,
                "" if value is None else str(value).lower(),
                [("", "（自动）"), ("true", "是"), ("false", "否")],
            )
        return _flag(path, label, value)
    if _is(annotation, date):  # a text, not the browser's date picker, which follows its locale
        return _text(path, label, _day_shown(value), False, _hint(model, name, info))
    if _is(annotation, float) or _is(annotation, int):
        return _text(path, label, value, False)
    if _is(annotation, Period):
        return _text(path, label, _period_shown(value), False, "如 2024年第三季度、2024年上半年、2024年")
    if _is(annotation, str):
        long = name in _LONG and (name != "title" or model is Report) and model is not Indicator
        return _text(path, label, value, long, _hint(model, name, info))
    return Markup("")


def _optional_text(path: str, label: str, value: Any, hint: str | None) -> Markup:
    """A text that may also be false (no lead-in, no sign-off)."""
    texts = value if isinstance(value, list) else [value if isinstance(value, str) else ""]
    inputs = Markup("").join(
        _text(path if len(texts) == 1 and not isinstance(value, list) else f"{path}[{i}]", label, text, False, hint)
        for i, text in enumerate(texts)
    )
    off = Markup(
        '<div class="field flag"><input type="checkbox" id="{}" name="{}" value="true"{}>'
        '<label for="{}">不要{}</label></div>'
    ).format(_id(path + OFF), path + OFF, Markup(" checked") if value is False else "", _id(path + OFF), label)
    return inputs + off


# A part or an item reads title first, its text next, the fine settings after, its items last.
_ORDER = {"role": 0, "title": 1, "numbered": 2, "body": 3, "points": 4, "points_lead": 5, "points_tail": 6, "items": 99}


# What a clerk fills in on every report, part and item; the rest waits behind 更多选项, closed,
# which opens before the field named here (at the end without one).
_ESSENTIAL: dict[type[BaseModel], set[str]] = {
    Report: {"office", "period", "subject", "date", "opening", "parts", *PART_ROLES, "closing"},
    Part: {"title", "body", "points", "items"},
    Item: {"title", "body", "points", "items"},
    Indicator: {"key", "name", "value", "unit"},
}
_MORE_BEFORE: dict[type[BaseModel], str] = {Report: "opening", Part: "items", Item: "items"}


def _fields(model: type[BaseModel], data: dict[str, Any], path: str, heading: str | None = None) -> Markup:
    """The fields of ``data``, a ``model``; ``heading`` labels an entry's title (or name) field."""
    essential: list[tuple[str, Markup]] = []
    more: list[Markup] = []
    names = list(model.model_fields)
    if model is not Report:
        names.sort(key=lambda n: _ORDER.get(n, 50))
    for name in names:
        info = model.model_fields[name]
        if model is Report and (name in _HIDDEN or name in FRAME_FIELDS or (name in PART_ROLES and not data.get(name))):
            continue
        if model is Report and name == "parts" and any(data.get(r) for r in PART_ROLES):
            continue
        label = heading if name == ("name" if model is Indicator else "title") else None
        shown = _field(model, name, info, data, f"{path}.{name}" if path else name, label)
        if name in _ESSENTIAL.get(model, {name}):
            essential.append((name, shown))
        elif shown:
            more.append(shown)
    # The frame's group stands out where the report has a frame; else it waits in 更多选项.
    framed = model is Report and any(data.get(name) for name in FRAME_FIELDS)
    frame = [_frame(data)] if framed else []
    if model is Report and not framed:
        more.append(_frame(data))
    if not more:
        return Markup("").join([*(shown for _, shown in essential), *frame])
    details = Markup('<details class="more" id="{}"><summary>更多选项</summary>{}</details>').format(
        _id(f"{path}.more" if path else "more"), Markup("").join(more)
    )
    before = _MORE_BEFORE.get(model)
    at = next((i for i, (name, _) in enumerate(essential) if name == before), len(essential))
    return Markup("").join(
        [*(shown for _, shown in essential[:at]), details, *(shown for _, shown in essential[at:]), *frame]
    )


def _frame(data: dict[str, Any]) -> Markup:
    """The official frame's fields in a group of their own, closed unless the report has one."""
    fields = Markup("").join(_field(Report, name, Report.model_fields[name], data, name) for name in FRAME_FIELDS)
    opened = Markup(" open") if any(data.get(name) for name in FRAME_FIELDS) else Markup("")
    return Markup('<details class="group" id="f-frame"{}><summary>版头和版记（公文格式）</summary>{}</details>').format(
        opened, fields
    )


def form(data: dict[str, Any]) -> Markup:
    """The form for a report's data."""
    return _fields(Report, data, "")


# -- posted forms back into data ------------------------------------------------------------------


def _get(data: Any, loc: tuple[str | int, ...]) -> Any:
    for key in loc:
        data = data[key]
    return data


def _typed(model_field: str, value: str) -> Any:
    if model_field in ("year", "serial") and value.isdigit():
        return int(value)
    if model_field in ("value", "last_year", "previous", "target"):
        try:
            number = float(value)
        except ValueError:
            return value  # the model says what is wrong
        return int(number) if number.is_integer() else number
    if value in ("true", "false") and model_field in ("numbered", "run_in"):
        return value == "true"
    return value


def _same_or_typed(key: str, old: Any, value: str) -> Any:
    """A date or period as the file writes it when the clerk's text denotes the same one (the
    form shows 2024年第三季度 for 2024Q3); a new date written as 2024-10-08; other text as typed."""
    if key == "date":
        day = parse_date(value)
        if day is None:
            return value  # form_errors says how to write it
        return old if old is not None and parse_date(str(old)) == day else day.isoformat()
    try:
        return old if old is not None and Period.parse(value) == Period.parse(old) else value
    except PeriodError:
        return value  # the model says what is wrong


def form_errors(data: dict[str, Any]) -> dict[str, str]:
    """What is wrong with fields as the form writes them, in its words (the model's speak of the file)."""
    out = {}
    day = data.get("date")
    if isinstance(day, str) and parse_date(day) is None:
        out["date"] = DATE_ERROR
    try:
        Period.parse(data.get("period", ""))
    except PeriodError:
        out["period"] = PERIOD_ERROR
    return out


def apply_form(data: dict[str, Any], fields: list[tuple[str, str]]) -> dict[str, Any]:
    """``data`` with the posted ``fields`` (path, value) written in; an empty optional field is
    left out, the last of several values of one name wins (a checkbox after its hidden false)."""
    out = copy.deepcopy(data)
    values = dict(fields)
    for path, value in values.items():
        if path.endswith(OFF) or path.startswith("__"):
            continue  # the editor's own controls, not fields
        loc = field_loc(path)
        try:
            parent = _get(out, loc[:-1])
        except (KeyError, IndexError, TypeError):
            continue  # a field of an entry removed meanwhile
        key = loc[-1]
        if isinstance(parent, list):
            if isinstance(key, int) and key < len(parent):
                parent[key] = value
        elif isinstance(parent, dict) and isinstance(key, str):
            if value == "" and key not in ("office", "period", "subject", "key", "name"):
                parent.pop(key, None)
            elif value == "false" and key == "numbered" and key not in parent:
                continue  # an unticked box for a flag the data leaves at its default: still left out
            elif key in ("date", "period") and parent is out:
                parent[key] = _same_or_typed(key, parent.get(key), value)
            else:
                parent[key] = _typed(key, value)
    for name in ("lead_in", "signoff"):
        if values.get(name + OFF) == "true":
            out[name] = False
        elif out.get(name) is False:
            out.pop(name)
    return out


def operate(data: dict[str, Any], op: str, path: str, to: str = "") -> dict[str, Any]:
    """``data`` with a list entry added (``path`` is the list), removed or moved (``path`` is
    the entry): a place up or down, or (dragged) to the place of the entry ``to`` of its list."""
    out = copy.deepcopy(data)
    loc = field_loc(path)
    if op == "add":
        parent = _get(out, loc[:-1]) if loc[:-1] else out
        name = loc[-1]
        if isinstance(parent, dict) and isinstance(name, str):
            entries = parent.setdefault(name, [])
            if isinstance(entries, list):
                entries.append(copy.deepcopy(_NEW.get(name, "")))
        return out
    entries = _get(out, loc[:-1])
    index = loc[-1]
    if not isinstance(entries, list) or not isinstance(index, int) or not 0 <= index < len(entries):
        return out
    if op == "remove":
        del entries[index]
    elif op in ("up", "down"):
        other = index - 1 if op == "up" else index + 1
        if 0 <= other < len(entries):
            entries[index], entries[other] = entries[other], entries[index]
    elif op == "move":
        *parent, place = field_loc(to)
        if tuple(parent) != loc[:-1] or not isinstance(place, int) or not 0 <= place < len(entries):
            raise ValueError(to)  # not a place in the same list
        entries.insert(place, entries.pop(index))
    return out


def append_text(data: dict[str, Any], path: str, text: str) -> tuple[dict[str, Any], str]:
    """``data`` with ``text`` a new last paragraph of the list at ``path`` (made if the data has
    none yet), and the new paragraph's path; KeyError, IndexError or TypeError for a list the
    data cannot hold."""
    out = copy.deepcopy(data)
    *parents, name = field_loc(path)
    parent = _get(out, tuple(parents))
    if not isinstance(parent, dict) or not isinstance(name, str):
        raise TypeError(path)
    entries = parent.setdefault(name, [])
    if not isinstance(entries, list):
        raise TypeError(path)
    entries.append(text)
    return out, f"{path}[{len(entries) - 1}]"


def put_text(data: dict[str, Any], path: str, text: str) -> dict[str, Any]:
    """``data`` with the text at the field ``path`` (as findings name it) replaced by ``text``;
    KeyError, IndexError or TypeError for a field the data does not hold."""
    out = copy.deepcopy(data)
    *parents, last = field_loc(path)
    parent = _get(out, tuple(parents))
    if not isinstance(parent[last], str):
        raise TypeError(path)
    parent[last] = text
    return out
