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
    return out
