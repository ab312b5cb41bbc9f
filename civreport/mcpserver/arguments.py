"""What each tool takes, as pydantic models: the tools' JSON Schemas are generated from them (the
report format's own types where a field is one of the report's: the office's name, the period,
the date), and an assistant's arguments are validated by them, every problem said in Chinese
with the argument it is about."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..model import Period
from ..model.fields import Day, Name
from ..readers.importing.sources import FORMATS as DOCUMENT_FORMATS
from ..readers.problems import field_errors, field_path
from ..writers import DEFAULT_FORMATS, FORMATS


def _one_of(choices: tuple[str, ...]) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in choices:
            raise PydanticCustomError(
                "choice", "“{value}”不可用：应为以下之一：{choices}", {"value": value, "choices": "、".join(choices)}
            )
        return value

    return check


# Text that is one of the writers' formats, or the importer's, each listed in the schema.
OutputFormat = Annotated[
    str, AfterValidator(_one_of(FORMATS)), WithJsonSchema({"type": "string", "enum": list(FORMATS)})
]
DocumentFormat = Annotated[
    str,
    AfterValidator(_one_of(DOCUMENT_FORMATS)),
    WithJsonSchema({"type": "string", "enum": list(DOCUMENT_FORMATS)}),
]


def _report(value: Any) -> str | dict[str, Any]:
    if isinstance(value, str | dict):
        return value
    raise PydanticCustomError("report", "应为报告的 YAML 或 JSON 文本，或按 schema 工具所给格式的对象")


# The text of a report, or its data as the schema tool gives it (one message for either).
ReportText = Annotated[
    str | dict[str, Any],
    PlainValidator(_report),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "object"}]}),
]

_REPORT = "报告：YAML 或 JSON 文本，或按 schema 工具所给格式的对象；与 file 二选一"
_FILE = "工作目录中的报告文件（.yaml、.yml、.json 或 .toml），写相对于工作目录的路径；与 report 二选一"
_PROFILE = "办公室配置：工作目录 offices 文件夹中的配置名称（见资源 civreport://offices/…）；不写时用报告中的 profile，再不写时按 GB/T 9704"


class Arguments(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NoArguments(Arguments):
    pass


class SchemaArguments(Arguments):
    profile: bool = Field(default=False, title="办公室配置的格式", description="true：给出办公室配置文件的格式")


class NewArguments(Arguments):
    office: Name = Field(title="发文机关", description="发文机关（单位）全称")
    period: Period = Field(title="工作期间")


class ReportArguments(Arguments):
    """A report given by its text or as a file of the workspace."""

    report: ReportText | None = Field(default=None, title="报告", description=_REPORT)
    file: str | None = Field(default=None, title="报告文件", description=_FILE)

    @model_validator(mode="after")
    def _one_report(self) -> ReportArguments:
        if (self.report is None) == (self.file is None):
            raise PydanticCustomError(
                "one_report", "report 和 file 要写一个且只写一个：报告的文本写在 report，工作目录中的文件写在 file"
            )
        return self


class FixArguments(ReportArguments):
    profile: str | None = Field(default=None, title="办公室配置", description=_PROFILE)


class CheckArguments(FixArguments):
    facts: str | None = Field(
        default=None,
        title="事实文件",
        description="工作目录中记载本期事实的报告文件：报告的发文机关、期间、成文日期和指标须与它一致",
    )


class RenderArguments(CheckArguments):
    formats: list[OutputFormat] = Field(
        default=list(DEFAULT_FORMATS),
        min_length=1,
        title="格式",
        description=f"要生成的格式：{'、'.join(FORMATS)}（默认 {'、'.join(DEFAULT_FORMATS)}）",
    )
    out: str = Field(default="out", title="输出文件夹", description="工作目录中的文件夹，相对于工作目录；不存在时新建")
    name: str | None = Field(
        default=None,
        title="文件名",
        description="输出文件的名称（不含后缀和文件夹）；不写时用报告文件的名称，或期间和发文机关",
    )


class ImportArguments(Arguments):
    file: str = Field(
        title="文档", description="工作目录中的旧文档：.docx、.doc、.wps、.txt、.html 或 .md，相对于工作目录的路径"
    )
    format: DocumentFormat | None = Field(default=None, title="文档格式", description="不写时按后缀")


class RollupArguments(Arguments):
    """At least one report, from the workspace's files or given by their text."""

    files: list[str] = Field(default=[], title="报告文件", description="工作目录中要汇总的报告文件")
    reports: list[ReportText] = Field(default=[], title="报告", description="要汇总的报告：YAML 或 JSON 文本，或对象")
    period: Period = Field(title="汇总后的期间", description="如 2024H1、2024")
    office: Name | None = Field(default=None, title="汇总后的单位", description="按单位汇总时必填：上一级单位的名称")
    date: Day | None = Field(default=None, title="成文日期", description="YYYY-MM-DD；不写时取各报告中最晚的")

    @model_validator(mode="after")
    def _some_report(self) -> RollupArguments:
        if not self.files and not self.reports:
            raise PydanticCustomError(
                "no_report", "没有要汇总的报告：在 files 中写工作目录中的报告文件，或在 reports 中给出报告"
            )
        return self


def schema(model: type[Arguments]) -> dict[str, Any]:
    """The JSON Schema of a tool's arguments (without the class's name)."""
    return {key: value for key, value in chinese(model.model_json_schema()).items() if key != "title"}


_CJK = re.compile("[\u4e00-\u9fff]")


def chinese(schema: Any) -> Any:
    """A JSON Schema less the descriptions pydantic took from the classes' English docstrings:
    an assistant reads the fields' Chinese titles and descriptions."""
    if isinstance(schema, dict):
        return {
            key: chinese(value)
            for key, value in schema.items()
            if not (key == "description" and isinstance(value, str) and not _CJK.search(value))
        }
    if isinstance(schema, list):
        return [chinese(value) for value in schema]
    return schema


class ArgumentError(Exception):
    """Arguments a tool cannot take; the text names each argument and what to write, in Chinese."""


A = TypeVar("A", bound=Arguments)


def parsed(model: type[A], arguments: dict[str, Any]) -> A:
    """``arguments`` as the tool's model; ArgumentError saying what is wrong with which argument."""
    try:
        return model.model_validate(arguments)
    except ValidationError as exc:
        lines = []
        for error, (loc, message) in zip(exc.errors(), field_errors(exc)):
            if error["type"] == "extra_forbidden":
                message = f"没有这个参数（可用：{'、'.join(model.model_fields)}）"
            lines.append(f"参数 {field_path(loc)}：{message}" if loc else message)
        raise ArgumentError("\n".join(lines)) from None
