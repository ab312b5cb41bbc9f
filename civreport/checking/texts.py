"""Every text of a report a reader sees, with its field path: the proofreader's input."""

from __future__ import annotations

from ..model import Report


def all_texts(report: Report) -> list[tuple[str, str]]:
    """(field path, text): the heading fields, then the body in reading order, then the end."""
    out = [(name, value) for name in ("office", "subject", "title", "subtitle", "recipients")
           if isinstance(value := getattr(report, name), str)]
    if isinstance(report.lead_in, str):
        out.append(("lead_in", report.lead_in))
    out += report.texts()
    out += [(f"attachments[{i}]", text) for i, text in enumerate(report.attachments)]
    names = report.signoff_names or []
    out += [("signoff" if isinstance(report.signoff, str) else f"signoff[{i}]", name) for i, name in enumerate(names)]
    out += [(f"indicators[{i}].name", indicator.name) for i, indicator in enumerate(report.indicators)]
    out += _around_the_body(report)
    return out


def _around_the_body(report: Report) -> list[tuple[str, str]]:
    """What prints besides the body's texts: the headings a report renames, the tables' titles
    and headers, the items' indicators' names."""
    out = [(f"headings.{name}", text) for name, text in report.headings if name in report.model_fields_set
           or text != type(report.headings).model_fields[name].default]
    if report.table is not None:
        out.append(("table.title", report.table.title))

    for path, node in report.blocks():
        for t, table in enumerate(node.tables):
            out.extend([(f"{path}.tables[{t}].title", table.title)] if table.title else [])
            out.extend((f"{path}.tables[{t}].header[{c}]", cell) for c, cell in enumerate(table.header))
        for i, indicator in enumerate(getattr(node, "indicators", [])):
            out.append((f"{path}.indicators[{i}].name", indicator.name))
    return out
