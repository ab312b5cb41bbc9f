"""Render a report to one HTML document through sandboxed Jinja templates.

That HTML is the single source of every output: the PDF writer lays it out as it is, the
DOCX writer reads its body. Structure therefore lives in templates, not in writer code.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from .chinese import cn_date, cn_number, heading_number
from .compose import compose
from .errors import CivreportWarning, RenderError
from .fonts import default_stacks
from .layout import Layout
from .model import Report

REPORT_TEMPLATE = "report.html.j2"


def shipped_templates() -> Path:
    """The templates that come with civreport."""
    packaged = Path(__file__).parent / "templates"  # inside an installed wheel
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"  # a source checkout


def search_path(extra: Sequence[str | Path] = ()) -> list[Path]:
    return [*(Path(d) for d in extra), shipped_templates()]


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


@cache
def _environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    # Office templates are not trusted: sandboxed, autoescaped, and strict about unknown names.
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        # Everything is escaped except the YAML starter file, which is not markup.
        autoescape=lambda name: not (name or "").endswith(".yaml.j2"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_printable,
    )
    env.filters.update(cn_number=cn_number, cn_date=cn_date, heading_number=heading_number)
    return env


def environment(templates: Sequence[str | Path] = ()) -> jinja2.Environment:
    return _environment(tuple(search_path(templates)))


def render_template(name: str, context: Mapping[str, object], templates: Sequence[str | Path] = ()) -> str:
    try:
        return environment(templates).get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"模板 {exc.filename or exc.name} 第 {exc.lineno} 行语法错误：{exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"找不到模板 {exc.name}") from None


def render_html(
    report: Report,
    *,
    layout: Layout | None = None,
    fonts: Mapping[str, str] | None = None,
    templates: Sequence[str | Path] = (),
) -> str:
    """Render ``report`` to a complete HTML document (UTF-8 text).

    ``fonts`` maps each font role to a CSS ``font-family`` value; by default the official
    font names followed by the open stand-ins, which suits a browser.
    """
    layout = layout or Layout()
    context = {
        "report": report,
        "doc": compose(report, layout.title_chars_per_line),
        "layout": layout,
        "fonts": {role: Markup(stack) for role, stack in (fonts or default_stacks()).items()},
    }
    return render_template(REPORT_TEMPLATE, context, templates)
