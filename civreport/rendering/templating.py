"""Sandboxed Jinja templates: where they are found, what they may do, how their errors read.

The report template renders the one page every output is written from, so structure lives
in templates, not in writer code. Templates are looked up in the caller's directories, then the office profile's, then the
ones shipped with civreport; ``civreport/report.html.j2`` always names the shipped file,
so an office template can ``{% extends "civreport/report.html.j2" %}`` and override blocks.
"""

from __future__ import annotations

import re
import stat
import traceback
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path

from ..errors import InputError, TemplateError
from ..files import read_file
from ..model import Indicator, cn_date, cn_number, heading_number
from ..model.figures import amount, completion, mom, percent, yoy
from ..model.limits import MAX_FILE_BYTES
from ..office.profile import OfficeProfile
from .context import fields, plain
from .sandbox import BoundedSandbox, Budget

REPORT_TEMPLATE = "report.html.j2"
STYLESHEET = "report.css.j2"  # the page's stylesheet, always the shipped one
SHIPPED_PREFIX = "civreport/"


def shipped_templates() -> Path:
    """The templates that come with civreport."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "templates"  # inside an installed wheel
    return packaged if packaged.is_dir() else package.parent / "templates"  # a source checkout


def search_path(extra: Sequence[str | Path] = (), office: OfficeProfile | None = None) -> tuple[Path, ...]:
    """The caller's template directories, then the office's (a child's before its parent's),
    then the shipped templates."""
    missing = [str(d) for d in extra if not Path(d).is_dir()]
    if missing:
        raise TemplateError(f"模板目录不存在：{'、'.join(missing)}")
    dirs = [*(Path(d) for d in extra), *(office.template_dirs if office else ()), shipped_templates()]
    return tuple(d.resolve() for d in dirs)


class _ConfinedLoader(jinja2.BaseLoader):
    """Finds templates only inside the search path: no absolute paths, no ``..``, and no
    symbolic link that leads out of its directory; reads only regular files (a named pipe
    would wait for ever), each within the size of an input file. Keeps the text of every file
    it read, for messages about what a template wrote (see :func:`loaded_templates`)."""

    def __init__(self, dirs: Sequence[Path]):
        self.dirs = list(dirs)
        self.served: dict[Path, str] = {}

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        shipped = template.startswith(SHIPPED_PREFIX)
        pieces = split_template_path(template.removeprefix(SHIPPED_PREFIX) if shipped else template)
        for directory in self.dirs[-1:] if shipped else self.dirs:
            file = directory.joinpath(*pieces)
            try:
                found = file.stat()
            except (OSError, ValueError):
                continue
            if stat.S_ISDIR(found.st_mode):
                continue
            if not file.resolve().is_relative_to(directory):
                raise jinja2.TemplateNotFound(template)
            mtime = found.st_mtime  # from before it is read: a change while it is read is seen
            source = self.served[file] = _read(file)

            def uptodate(file: Path = file, mtime: float = mtime) -> bool:
                try:
                    return file.stat().st_mtime == mtime
                except OSError:
                    return False

            return source, str(file), uptodate
        raise jinja2.TemplateNotFound(template)


def _read(file: Path) -> str:
    try:
        data = read_file(file, MAX_FILE_BYTES, f"文件超过 {MAX_FILE_BYTES // 1_000_000} MB，不像是模板")
    except InputError as exc:
        raise TemplateError(f"模板 {file}：{exc.problems[0].message}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise TemplateError(f"模板 {file}：不是 UTF-8 编码的文本：请用 UTF-8 保存") from None


def loaded_templates(dirs: Sequence[Path]) -> list[tuple[Path, str]]:
    """The template files renders through ``dirs`` have read (the report template and those it
    extends, includes and imports), in search order, with their text."""
    loader = environment(dirs).loader
    assert isinstance(loader, _ConfinedLoader)
    served = dict(loader.served)  # a copy: another thread's render may read a template meanwhile
    in_order = dict.fromkeys(
        file for directory in loader.dirs for file in sorted(served) if file.is_relative_to(directory)
    )
    return [(file, served[file]) for file in in_order]


def _indicator(value: Any) -> Indicator:
    if isinstance(value, Indicator):
        return value
    return Indicator.model_validate({k: v for k, v in fields(value).items() if k in Indicator.model_fields})


# The helpers a template may call, besides Jinja's own filters (documented in the README).
# Templates hold indicators as records (see .context); the figure helpers take them back.
HELPERS: dict[str, Callable[..., Any]] = {
    "cn_number": cn_number,
    "cn_date": cn_date,
    "heading_number": heading_number,
    "amount": amount,
    "percent": percent,
    "yoy": lambda value, prefix="同比": yoy(_indicator(value), prefix),
    "mom": lambda value, prefix="环比": mom(_indicator(value), prefix),
    "completion": completion,
}


@cache
def _environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    # Office templates are not trusted: sandboxed and bounded, autoescaped, strict about unknown names.
    env = BoundedSandbox(
        loader=_ConfinedLoader(dirs),
        # Everything is escaped except the YAML starter file, which is not markup.
        autoescape=lambda name: not (name or "").endswith(".yaml.j2"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.add_filters(HELPERS)
    env.globals.pop("lipsum", None)
    return env


def environment(dirs: Sequence[Path]) -> jinja2.Environment:
    return _environment(tuple(dirs))


def _where(exc: BaseException, dirs: Sequence[Path], name: str) -> tuple[str, int | None]:
    """The template file and line an error arose in, from Jinja's rewritten traceback."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename)
        if path.suffix == ".j2" or any(str(path).startswith(str(d)) for d in dirs):
            return frame.filename, frame.lineno
    return name, None


def _undefined_name(message: str) -> str:
    found = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined|access to attribute '([^']+)'", message)
    return next((g for g in found.groups() if g), "") if found else ""


# Jinja's syntax messages (English) as a template's author should read them.
_SYNTAX: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Expected an expression, got '(.+)'"), "此处缺少表达式（在“{0}”之前）"),
    (re.compile(r"expected token '(.+?)', got '(.+)'"), "此处应为“{0}”，实际是“{1}”"),
    (re.compile(r"Encountered unknown tag '(.+?)'"), "不认识的标签“{0}”（是否缺少对应的开始标签，或拼写有误？）"),
    (
        re.compile(r"innermost block that needs to be closed is '(\w+)'"),
        "模板结束了，但 {{% {0} %}} 还没有对应的 {{% end{0} %}}",
    ),
    (re.compile(r"unexpected end of template", re.IGNORECASE), "模板在标签或表达式写完之前就结束了"),
    (re.compile(r"unexpected char '(.+?)'"), "出现了不该有的字符“{0}”"),
    (re.compile(r"unexpected '(.+?)'"), "出现了不该有的“{0}”"),
)
_KINDS_OF_ERROR = {
    TypeError: "值的类型不对",
    ValueError: "值不合适",
    KeyError: "没有这一项",
    IndexError: "下标超出范围",
    AttributeError: "没有这个属性",
}


_TOKENS = {
    "end of statement block": "%}",
    "end of print statement": "}}",
    "begin of statement block": "{%",
    "begin of print statement": "{{",
    "end of template": "模板结尾",
    "name": "名称",
    "string": "字符串",
    "integer": "整数",
    "float": "小数",
}


def _syntax(message: str) -> str:
    for pattern, chinese in _SYNTAX:
        if found := pattern.search(message):
            return chinese.format(*(_TOKENS.get(g, g) for g in found.groups()))
    return "请对照 Jinja 模板语法检查这一行（标签 {% %}、表达式 {{ }} 是否成对、写全）"


def template_error(exc: Exception, dirs: Sequence[Path], name: str = "") -> TemplateError:
    """A template failure as the user should read it: which template, which line, what."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(
            f"模板 {exc.filename or exc.name} 第 {exc.lineno} 行语法错误：{_syntax(exc.message or '')}"
        )
    file, line = _where(exc, dirs, name)
    where = f"模板 {file}" + (f" 第 {line} 行" if line else "")
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(f"{where}：模板引用了不存在的字段或变量 {_undefined_name(exc.message or '')}")
    if isinstance(exc, SecurityError):
        message = str(exc)
        if message.startswith("模板"):  # the bounds of .sandbox speak Chinese
            return TemplateError(f"{where}：{message}")
        name = _undefined_name(message)
        return TemplateError(f"{where}：模板不允许访问内部属性或方法" + (f"（{name}）" if name else ""))
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(f"{where}：找不到模板“{exc.name}”；模板只能引用模板目录中的文件")
    if isinstance(exc, OverflowError) and "Range too big" in str(exc):
        return TemplateError(f"{where}：模板的 range() 最多 100000 个数")
    if isinstance(exc, ArithmeticError):
        return TemplateError(f"{where}：模板的计算出错（如除以零或数值溢出）")
    kind = next((why for cls, why in _KINDS_OF_ERROR.items() if isinstance(exc, cls)), "无法计算")
    return TemplateError(f"{where}：模板出错：{kind}")


def render_template(name: str, context: Mapping[str, object], dirs: Sequence[Path]) -> str:
    """Render the template ``name`` found in ``dirs`` with plain data made of ``context``,
    within the sandbox's bounds; any failure is a :class:`TemplateError`."""
    try:
        template = environment(dirs).get_template(name)
        return Budget().run(template.generate({key: plain(value) for key, value in context.items()}))
    except jinja2.TemplateNotFound as exc:
        if exc.name == name:
            raise TemplateError(f"找不到模板 {name}") from None
        raise template_error(exc, dirs, name) from None
    except RecursionError:
        raise TemplateError(f"模板 {name}：宏或模板相互调用过深") from None
    except MemoryError:
        raise TemplateError(f"模板 {name}：运算需要的内存超出限制") from None
    except (
        jinja2.TemplateError,
        SecurityError,
        TypeError,
        ValueError,
        AttributeError,
        KeyError,
        ArithmeticError,
        IndexError,
    ) as exc:
        raise template_error(exc, dirs, name) from None
