"""Render a report to one HTML document through sandboxed Jinja templates.

That HTML is the single source of every output: the PDF writer lays it out as it is, the
DOCX writer reads its body. Structure therefore lives in templates, not in writer code.

Templates are looked up in the caller's directories, then the office profile's, then the
ones shipped with civreport; ``civreport/report.html.j2`` always names the shipped file,
so an office template can ``{% extends "civreport/report.html.j2" %}`` and override blocks.
"""

from __future__ import annotations

import re
import traceback
import warnings
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from .chinese import cn_date, cn_number, heading_number
from .figures import amount, completion, mom, percent, yoy
from .compose import compose
from .errors import CivreportWarning, TemplateError
from .fonts import default_stacks
from .layout import Layout
from .model import Report
from .profile import OfficeProfile, resolve

REPORT_TEMPLATE = "report.html.j2"
SHIPPED_PREFIX = "civreport/"


def shipped_templates() -> Path:
    """The templates that come with civreport."""
    packaged = Path(__file__).parent / "templates"  # inside an installed wheel
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"  # a source checkout


def search_path(extra: Sequence[str | Path] = (), office: OfficeProfile | None = None) -> list[Path]:
    dirs = [*(Path(d) for d in extra), *(office.template_dirs if office else ()), shipped_templates()]
    return [d.resolve() for d in dirs]


class _ConfinedLoader(jinja2.FileSystemLoader):
    """Finds templates only inside the search path: no absolute paths, no ``..``, and no
    symbolic link that leads out of its directory."""

    def __init__(self, dirs: Sequence[Path]):
        super().__init__([str(d) for d in dirs])
        self.dirs = list(dirs)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if template.startswith(SHIPPED_PREFIX):
            source, filename, uptodate = jinja2.FileSystemLoader(str(self.dirs[-1])).get_source(
                environment, template.removeprefix(SHIPPED_PREFIX)
            )
        else:
            source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(d) for d in self.dirs):
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate


# Characters XML cannot carry (so no DOCX can) and WeasyPrint draws as boxes or fails on.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _printable(value: Any) -> Any:
    """Drop unprintable characters from every value a template prints, with a warning,
    so that the HTML, the PDF and the DOCX all carry the same text."""
    if not isinstance(value, str) or not _UNPRINTABLE.search(value):
        return value
    codes = "、".join(sorted({f"U+{ord(c):04X}" for c in _UNPRINTABLE.findall(value)}))
    cleaned = _UNPRINTABLE.sub("", value)
    warnings.warn(CivreportWarning(f"已删除无法打印的字符 {codes}：“{cleaned[:30]}”"), stacklevel=2)
    return Markup(cleaned) if isinstance(value, Markup) else cleaned


# The helpers a template may call, besides Jinja's own filters (documented in the README).
HELPERS: dict[str, Callable[..., Any]] = {
    "cn_number": cn_number, "cn_date": cn_date, "heading_number": heading_number,
    "amount": amount, "percent": percent, "yoy": yoy, "mom": mom, "completion": completion,
}


@cache
def _environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    # Office templates are not trusted: sandboxed, autoescaped, and strict about unknown names.
    env = ImmutableSandboxedEnvironment(
        loader=_ConfinedLoader(dirs),
        # Everything is escaped except the YAML starter file, which is not markup.
        autoescape=lambda name: not (name or "").endswith(".yaml.j2"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_printable,
    )
    env.filters.update(HELPERS)
    env.globals.pop("lipsum", None)
    return env


def environment(templates: Sequence[str | Path] = (), office: OfficeProfile | None = None) -> jinja2.Environment:
    return _environment(tuple(search_path(templates, office)))


def _where(exc: BaseException, dirs: Sequence[Path]) -> tuple[str, int | None]:
    """The template file and line an error arose in, from Jinja's rewritten traceback."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename)
        if path.suffix == ".j2" or any(str(path).startswith(str(d)) for d in dirs):
            return frame.filename, frame.lineno
    return "?", None


def _undefined_name(message: str) -> str:
    found = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", message)
    return next((g for g in found.groups() if g), message) if found else message


def template_error(exc: Exception, dirs: Sequence[Path]) -> TemplateError:
    """A template failure as the user should read it: which template, which line, what."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(f"模板 {exc.filename or exc.name} 第 {exc.lineno} 行语法错误：{exc.message}")
    file, line = _where(exc, dirs)
    where = f"模板 {file}" + (f" 第 {line} 行" if line else "")
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(f"{where}：模板引用了不存在的字段或变量 {_undefined_name(exc.message or '')}")
    if isinstance(exc, SecurityError):
        return TemplateError(f"{where}：模板不允许访问内部属性或方法（{exc}）")
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(f"{where}：找不到模板“{exc.name}”；模板只能引用模板目录中的文件")
    return TemplateError(f"{where}：{type(exc).__name__}: {exc}")


def render_template(
    name: str, context: Mapping[str, object], templates: Sequence[str | Path] = (), office: OfficeProfile | None = None
) -> str:
    env = environment(templates, office)
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as exc:
        if exc.name == name:
            raise TemplateError(f"找不到模板 {name}") from None
        raise template_error(exc, search_path(templates, office)) from None
    except (jinja2.TemplateError, SecurityError, TypeError, ValueError, AttributeError, KeyError) as exc:
        raise template_error(exc, search_path(templates, office)) from None


def render_html(
    report: Report,
    *,
    office: str | Path | OfficeProfile | None = None,
    templates: Sequence[str | Path] = (),
    layout: Layout | None = None,
    fonts: Mapping[str, str] | None = None,
) -> str:
    """Render ``report`` to a complete HTML document (UTF-8 text).

    ``office`` is a profile (its file, its name in the offices directory, or a loaded
    :class:`OfficeProfile`); by default the one the report names, else GB/T 9704.
    ``templates`` are directories searched before the profile's and the shipped ones.
    ``layout`` overrides the profile's page set-up. ``fonts`` maps each font role to a
    CSS ``font-family`` value; by default the official names, then the open stand-ins.
    """
    profile = resolve(office, report.profile, report.source)
    settings = profile.settings if layout is None else profile.settings.model_copy(update={"page": layout})
    context = {
        "report": report,
        "doc": compose(report, settings),
        "layout": settings.page,
        "profile": settings,
        "fonts": {role: Markup(stack) for role, stack in (fonts or default_stacks()).items()},
    }
    return render_template(REPORT_TEMPLATE, context, templates, profile)
