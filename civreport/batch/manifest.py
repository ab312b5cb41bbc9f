"""A batch manifest: the units of an organisation (streets under a district under a city),
the periods to make, where each unit's input is, its office profile, and which units' reports
are roll-ups of the units under them. YAML (or JSON, TOML) with everything, or CSV with a row
per unit and the rest given on the command line."""

from __future__ import annotations

import csv
import io
import re
import string
from collections import Counter
from pathlib import Path

from pydantic import Field, ValidationError, field_validator

from ..errors import InputError
from ..files import read_file
from ..model import Period, StrictModel, Text
from ..model.limits import MAX_FILE_BYTES
from ..readers import LineMap, problems_from, read_data
from ..writers import DEFAULT_FORMATS, FORMATS
from .jobs import Job

MAX_UNITS = 100_000
_UNIT_ID = re.compile(r"^[A-Za-z0-9_\-\u4e00-\u9fff]+$")


def _input_pattern(value: str | None) -> str | None:
    """An input file's pattern names only {unit} and {period}, and is well formed."""
    if value is None:
        return value
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
    except ValueError:
        raise ValueError("花括号不成对：只能用 {unit} 和 {period}，要写花括号本身请写 {{ 或 }}") from None
    if fields - {"unit", "period"}:
        unknown = "、".join("{" + f + "}" for f in sorted(fields - {"unit", "period"}))
        raise ValueError(f"不认识的占位符 {unknown}：只能用 {{unit}} 和 {{period}}")
    return value


class Unit(StrictModel):
    unit: Text = Field(title="单位代码", description="字母、数字、汉字、- 或 _；用作输出目录名")
    name: Text | None = Field(default=None, title="单位名称", description="汇总报告的发文机关；不写时同单位代码")
    parent: Text | None = Field(default=None, title="上级单位代码")
    office: Text | None = Field(
        default=None, title="办公室配置", description="配置文件路径（相对清单）或配置目录中的名称"
    )
    input: Text | None = Field(
        default=None, title="输入文件", description="相对清单；可用 {unit}、{period}；不写时用清单的 inputs"
    )
    rollup: bool = Field(default=False, title="汇总", description="true：本单位的报告由下级单位的报告汇总而成")

    _input = field_validator("input")(_input_pattern)

    @field_validator("unit")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _UNIT_ID.match(value):
            raise ValueError("单位代码只能用字母、数字、汉字、- 和 _")
        return value


class Manifest(StrictModel):
    periods: list[Period] = Field(min_length=1, title="期间", description="要生成的期间，如 [2024Q3]")
    units: list[Unit] = Field(min_length=1, max_length=MAX_UNITS, title="单位")
    inputs: Text = Field(
        default="{unit}/{period}.yaml", title="输入文件", description="各单位输入文件的位置（相对清单）"
    )
    out: Text = Field(default="out", title="输出目录", description="相对清单；其下按组织树分目录")
    to: list[str] = Field(default_factory=lambda: list(DEFAULT_FORMATS), title="输出格式")
    offices: Text | None = Field(default=None, title="办公室配置目录", description="相对清单")

    _inputs = field_validator("inputs")(_input_pattern)

    @field_validator("to")
    @classmethod
    def _formats(cls, value: list[str]) -> list[str]:
        unknown = [f for f in value if f not in FORMATS]
        if unknown or not value:
            raise ValueError(f"不支持的格式 {'、'.join(unknown) or '（空）'}，可用：{'、'.join(FORMATS)}")
        return value


def _read_csv(path: Path, periods: list[str], out: str | None, to: list[str] | None) -> dict[str, object]:
    raw = read_file(path, MAX_FILE_BYTES, "清单文件过大")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError.single(path, "清单不是 UTF-8 编码：请在表格软件中另存为“CSV UTF-8”") from None
    rows = list(csv.DictReader(io.StringIO(text)))
    known = set(Unit.model_fields)
    if not rows:
        raise InputError.single(
            path, "清单中没有单位：第一行是列名（unit,name,parent,office,input,rollup），其后每行一个单位"
        )
    for number, row in enumerate(rows, 2):
        if None in row:  # csv puts the cells beyond the header's under None
            raise InputError.single(
                path,
                f"这一行的单元格比第一行（列名）多：多出 {'、'.join(c for c in row[None] if c) or '空单元格'}；"
                "请删去多余的逗号，或在第一行补上列名",
                line=number,
            )
    unknown = [c for c in rows[0] if c not in known]
    if unknown:
        raise InputError.single(path, f"未知的列 {'、'.join(map(str, unknown))}：可用 {'、'.join(known)}", line=1)
    units = [
        {
            k: (v.strip().lower() in ("1", "true", "是", "yes") if k == "rollup" else v.strip())
            for k, v in row.items()
            if v and v.strip()
        }
        for row in rows
    ]
    data: dict[str, object] = {"units": units, "periods": periods}
    if out:
        data["out"] = out
    if to:
        data["to"] = to
    return data


def load_manifest(
    path: str | Path, *, periods: list[str] | None = None, out: str | None = None, to: list[str] | None = None
) -> list[Job]:
    """The jobs of a manifest: every leaf unit × period from its input, then the roll-ups from
    the units under them, deepest first. ``periods``, ``out`` and ``to`` override the manifest's
    (a CSV manifest needs ``periods``)."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        if not periods:
            raise InputError.single(path, "CSV 清单需要用 --period 指定期间")
        data: object = _read_csv(path, periods, out, to)
        lines: LineMap = {}
    else:
        data, lines = read_data(path)
        assert isinstance(data, dict)
        data = {
            **data,
            **({"periods": periods} if periods else {}),
            **({"out": out} if out else {}),
            **({"to": to} if to else {}),
        }
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as exc:
        raise InputError(problems_from(exc, str(path), lines, Manifest)) from None
    return _jobs(manifest, path)


def _tree(manifest: Manifest, file: Path) -> dict[str, list[str]]:
    """Each unit's path from the top of the organisation, checked: known parents, no cycles."""
    units = {u.unit: u for u in manifest.units}
    twice = [code for code, n in Counter(u.unit for u in manifest.units).items() if n > 1]
    if twice:
        raise InputError.single(file, f"单位代码 {'、'.join(twice)} 出现了不止一次")
    paths: dict[str, list[str]] = {}
    for unit in manifest.units:
        chain, here = [unit.unit], unit
        while here.parent:
            if here.parent not in units:
                raise InputError.single(file, f"单位 {here.unit} 的上级 {here.parent} 不在清单中")
            if here.parent in chain:
                raise InputError.single(file, f"单位 {unit.unit} 的上级关系成环：{' → '.join([*chain, here.parent])}")
            chain.append(here.parent)
            here = units[here.parent]
        paths[unit.unit] = chain[::-1]
    for unit in manifest.units:
        children = [u for u in manifest.units if u.parent == unit.unit]
        if unit.rollup and not children:
            raise InputError.single(file, f"单位 {unit.unit} 写了 rollup: true，但没有下级单位")
    return paths


def _office(unit: Unit, base: Path) -> str | None:
    """A profile named by its file is found beside the manifest; by its name, in the offices."""
    if unit.office and ("/" in unit.office or unit.office.endswith((".yaml", ".yml"))):
        return str(base / unit.office)
    return unit.office


def _jobs(manifest: Manifest, file: Path) -> list[Job]:
    base = file.parent
    paths = _tree(manifest, file)
    out = base / manifest.out
    offices = str(base / manifest.offices) if manifest.offices else None
    jobs: list[Job] = []
    rollups: list[tuple[int, Job]] = []
    for period in manifest.periods:
        code = period.code()
        inputs: dict[str, str] = {}
        for unit in manifest.units:
            directory = out.joinpath(*paths[unit.unit])
            outputs = tuple(str(directory / f"{code}.{fmt}") for fmt in manifest.to)
            office = _office(unit, base)
            name = f"{'/'.join(paths[unit.unit])}/{code}"
            if unit.rollup:
                inputs[unit.unit] = str(directory / f"{code}.yaml")
                continue
            pattern = unit.input or manifest.inputs
            inputs[unit.unit] = str(base / pattern.format(unit=unit.unit, period=code))
            jobs.append(Job(name, inputs[unit.unit], outputs, office, offices))
        for unit in manifest.units:
            if not unit.rollup:
                continue
            children = [u for u in manifest.units if u.parent == unit.unit]
            directory = out.joinpath(*paths[unit.unit])
            job = Job(
                f"{'/'.join(paths[unit.unit])}/{code}",
                inputs[unit.unit],
                tuple(str(directory / f"{code}.{fmt}") for fmt in manifest.to),
                _office(unit, base),
                offices,
                sources=tuple(inputs[c.unit] for c in children),
                period=code,
                unit=unit.name or unit.unit,
                after=tuple(f"{'/'.join(paths[c.unit])}/{code}" for c in children),
            )
            rollups.append((-len(paths[unit.unit]), job))
    return jobs + [job for _, job in sorted(rollups, key=lambda r: r[0])]
