"""``civreport check --fix``: the safe fixes written back into the input file, whole (through
a temporary file), with the file's comments, order and quoting kept (ruamel.yaml round-trips
YAML; JSON is written back as JSON). Only the fields fixed change."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import ScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from ..errors import InputError
from ..files import write_atomic
from ..model import Report
from ..model.report import field_loc
from ..office.profile import OfficeProfile
from . import fix_text
from .finding import Finding
from .texts import all_texts


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, order, quotes and block styles survive
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a line that was not folded
    return yaml


def _restyled(old: Any, new: str) -> Any:
    """``new`` written the way ``old`` was (folded, literal, quoted), where YAML recorded it."""
    return type(old)(new) if isinstance(old, ScalarString) else new


def fix_file(path: Path, report: Report, findings: list[Finding], office: OfficeProfile) -> int:
    """Apply the fixable findings to the input file ``path``; the number of fields changed."""
    codes: dict[str, set[str]] = {}
    for finding in findings:
        if finding.fixable:
            codes.setdefault(finding.path, set()).add(finding.code)
    if not codes:
        return 0
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise InputError.single(path, "只能自动修正 YAML 和 JSON 文件：TOML 文件请按提示手工修改")
    text = path.read_text(encoding="utf-8-sig")
    yaml = _yaml()
    if suffix == ".json":
        data = json.loads(text)
    else:
        _, indent, offset = load_yaml_guess_indent(text)  # the file's own indentation, kept
        indent, offset = indent or 2, offset or 0  # "  - item": the item at 4, its dash at 2
        yaml.indent(mapping=max(2, indent - offset), sequence=indent, offset=offset)
        data = yaml.load(text)
    texts = dict(all_texts(report))
    changed = 0
    for field, rules in codes.items():
        new = fix_text(texts[field], rules, report, office)
        if new == texts[field]:
            continue
        *parents, last = field_loc(field)
        node = data
        for key in parents:
            node = node[key]
        node[last] = _restyled(node[last], new)
        changed += 1
    if changed:
        if suffix == ".json":
            out = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        else:
            buffer = io.StringIO()
            yaml.dump(data, buffer)
            out = buffer.getvalue()
        write_atomic(path, out.encode("utf-8"))
    return changed
