"""``civreport templates check``: validate a template set and an office profile without a
report file, by compiling every template and rendering a report that uses every field."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import Path

import jinja2
from jinja2 import nodes

from ..compose import compose
from ..errors import TemplateError
from ..model import Report
from ..office.profile import OfficeProfile
from .page import build_page
from .templating import STYLESHEET, environment, search_path, template_error


@cache
def probes() -> tuple[Report, Report]:
    """Two reports: one that fills every optional field, heading level and construct, so that
    each branch of a template runs and an unknown field anywhere is found; and one without
    any optional piece (no date, lead-in or sign-off), so that a template copes with those."""
    full = Report.model_validate(
        {
            "office": "某区创建全国文明城市工作领导小组办公室",
            "period": "2024Q3",
            "subject": "创建全国文明城市",
            "kind": "工作总结",
            "date": date(2024, 10, 8),
            "subtitle": "——副标题",
            "recipients": "市创城办",
            "opening": ["开头段落。"],
            "closing": ["结尾段落。"],
            "signoff": ["某区创城办", "某区文明办"],
            "attachments": ["附件一", "附件二"],
            "indicators": [
                {"key": "a", "name": "活动", "value": 12000, "unit": "场", "approx": "余", "last_year": 10000}
            ],
            "table": {"title": "主要指标"},
            "measures": [
                {
                    "title": "主题式标题",
                    "body": ["导语{a}。"],
                    "points": ["要点一", {"title": "要点二", "body": ["正文。"]}],
                    "points_lead": "按照部署，",
                    "points_tail": "同时，……",
                    "items": [
                        {
                            "title": "二级",
                            "body": ["正文。"],
                            "items": [{"title": "三级", "items": [{"title": "四级", "body": ["正文。"]}]}],
                        },
                        {
                            "title": "接正文",
                            "points": ["要点", "要点"],
                            "points_style": "paragraphs",
                            "points_order": "第一",
                        },
                        {"body": ["无标题条目。"]},
                        {"body": ["无标题有编号的条目。"], "numbered": True},
                    ],
                    "tables": [{"title": "表", "header": ["列一", "列二"], "rows": [["甲", "乙"]]}],
                }
            ],
            "achievements": [{"body": ["成效。"], "item_numbers": "1.", "items": [{"title": "直接编为 1."}]}],
            "problems": [{"body": ["问题。"]}],
            "plans": [{"points": ["打算一", "打算二"], "points_order": "首先"}],
            "suggestions": [{"body": ["建议。"]}],
        }
    )
    bare = Report.model_validate(
        {
            "office": "某区",
            "period": "2024",
            "subject": "创建全国文明城市",
            "lead_in": False,
            "signoff": False,
            "parts": [{"title": "专题部分", "body": ["正文。"]}],
        }
    )
    return full, bare


def check_templates(office: OfficeProfile, templates: Sequence[str | Path] = ()) -> list[str]:
    """Every template in the search path, compiled; the report template, rendered.
    Returns the names of the templates checked; raises :class:`~civreport.errors.TemplateError`."""
    dirs = search_path(templates, office)
    env = environment(dirs)
    names = sorted({str(p.relative_to(d)) for d in dirs for p in d.rglob("*.j2")})
    for name in names:
        try:
            env.get_template(name)  # a file that is not a regular one is refused by the loader
        except jinja2.TemplateError as exc:
            raise template_error(exc, dirs, name) from None
    for name in names:
        _blocks_exist(env, name)
    for directory in dirs[:-1]:  # the caller's and the office's, not the shipped ones
        for name in UNREPLACEABLE:
            if (directory / name).is_file():
                raise TemplateError(
                    f"模板 {directory / name}：{name} 不能由办公室替换（报告模板总是用 civreport 自带的），"
                    "这个文件不会被用上：样式请在办公室配置的 styles 中定义，宏请写在 report.html.j2 里"
                )
    settings = office.settings
    for report in probes():
        build_page(compose(report, settings), settings, dirs, settings.fonts.pdf, settings.fonts.docx)
    return names


# Shipped templates the report template always takes as civreport/NAME: a file of the same name
# in an office's directory would be passed over without a word.
UNREPLACEABLE = (STYLESHEET, "macros.html.j2")


def _parsed(env: jinja2.Environment, name: str) -> tuple[nodes.Template, str, str | None]:
    """Template ``name`` parsed, its file, and the template it extends (None: none, or a name
    only known when it renders)."""
    assert env.loader is not None
    source, filename, _ = env.loader.get_source(env, name)
    tree = env.parse(source, name, filename)
    parent = next(tree.find_all(nodes.Extends), None)
    extends = str(parent.template.value) if parent is not None and isinstance(parent.template, nodes.Const) else None
    return tree, filename or name, extends


def _blocks_exist(env: jinja2.Environment, name: str) -> None:
    """A template that extends another overrides only blocks that one has: Jinja ignores any
    other (a misspelt {% block signof %} would print nothing, unsaid)."""
    tree, filename, parent = _parsed(env, name)
    if parent is None:
        return
    known = _block_names(env, parent)
    for block in tree.find_all(nodes.Block):
        if block.name not in known:
            raise TemplateError(
                f"模板 {filename} 第 {block.lineno} 行：“{parent}”中没有名为“{block.name}”的块，"
                f"这里写的内容不会印出；可覆盖的块：{'、'.join(sorted(known))}"
            )


def _block_names(env: jinja2.Environment, name: str | None) -> set[str]:
    """The blocks of template ``name`` and of the templates it extends."""
    names: set[str] = set()
    for _ in range(16):  # a chain of extends; Jinja itself refuses a loop
        if name is None:
            break
        tree, _, name = _parsed(env, name)
        names |= {block.name for block in tree.find_all(nodes.Block)}
    return names
