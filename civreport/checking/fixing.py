"""``civreport check --fix``: the safe fixes written back into the input file, whole (through
a temporary file). In a YAML file only the fixed texts change, every other byte stays as it was;
a JSON file is written back as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError
from ..files import write_atomic
from ..model import Report
from ..model.report import field_loc
from ..readers import roundtrip
from .finding import Finding
from .proofreader import fix_text
from .rule import House

FIXABLE_SUFFIXES = (".yaml", ".yml", ".json")
CANNOT_FIX = "只能自动修正 YAML 和 JSON 文件：TOML 文件请按提示手工修改"


def fix_file(path: Path, report: Report, findings: list[Finding], house: House | None = None) -> int:
    """Apply the fixable findings to the input file ``path`` (``house``: what its office asks
    for); the number of fields changed."""
    codes: dict[str, set[str]] = {}
    for finding in findings:
        if finding.fixable:
            codes.setdefault(finding.path, set()).add(finding.code)
    if not codes:
        return 0
    suffix = path.suffix.lower()
    if suffix not in FIXABLE_SUFFIXES:
        raise InputError.single(path, CANNOT_FIX)
    path = path.resolve()  # a link's file is fixed, the link stays
    text, form = roundtrip.FileForm.read(path)
    texts = {t.path: t.text for t in report.all_texts()}
    fixed = {
        field: new
        for field, rules in codes.items()
        if (new := fix_text(texts[field], rules, report, house)) != texts[field]
    }
    if suffix == ".json":
        out, changed = _json_fixed(text, fixed)
    else:
        out, changed = roundtrip.spliced(text, {field_loc(field): new for field, new in fixed.items()}, str(path))
    if changed:
        write_atomic(path, form.encode(out))
    return changed


def _json_fixed(text: str, fixed: dict[str, str]) -> tuple[str, int]:
    """A JSON file with the fixed texts in it, written again as JSON; and how many of the fields it
    writes (a default is not written in it)."""
    data = json.loads(text)
    changed = 0
    for field, new in fixed.items():
        *parents, last = field_loc(field)
        node = data
        try:
            for key in parents:
                node = node[key]
            node[last] = new
        except (KeyError, IndexError, TypeError):
            continue  # a value the file does not write (a default): nothing of the file to mend
        changed += 1
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n", changed
