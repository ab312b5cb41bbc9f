"""Findings as the command prints them: text for people, JSON for scripts, SARIF 2.1.0 for code
review tools and editors."""

from __future__ import annotations

import json
from typing import Any

from .finding import Finding, Place
from .rulebook import RULES

_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def as_text(findings: list[Finding]) -> str:
    return "".join(f"{finding}\n" for finding in findings)


def as_json(findings: list[Finding]) -> str:
    rows = [
        {
            "code": f.code,
            "name": f.name,
            "severity": f.severity,
            "message": f.message,
            "file": f.file,
            "line": f.line,
            "path": f.path,
            "fixable": f.fixable,
            "place": _place(f.place),
        }
        for f in findings
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def _place(place: Place | None) -> dict[str, Any] | None:
    """Where in a source document: the paragraph (or a text file's line), the cell, the
    paragraph's first words and the characters found, with their offsets in its text."""
    if place is None:
        return None
    return {
        "paragraph": place.paragraph,
        "unit": place.unit,
        "cell": list(place.cell) if place.cell else None,
        "excerpt": place.excerpt,
        "found": list(place.found),
        "spans": [list(span) for span in place.spans],
    }


def as_sarif(findings: list[Finding], version: str) -> str:
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.name},
            "fullDescription": {"text": rule.example},
            "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
        }
        for rule in RULES.values()
    ]
    index = {code: i for i, code in enumerate(RULES)}
    results: list[dict[str, Any]] = []
    for f in findings:
        logical: dict[str, Any] = {"fullyQualifiedName": f.path, "kind": "element" if f.place else "member"}
        if f.place:
            logical["name"] = str(f.place)  # 第 3 段“今年以来,我区扎实推进……”
        location: dict[str, Any] = {"logicalLocations": [logical]}
        if f.file:
            physical: dict[str, Any] = {"artifactLocation": {"uri": f.file}}
            # A text file's line is a line an editor goes to; a Word file's paragraph is not.
            line = f.line or (f.place.paragraph if f.place and f.place.unit == "行" else None)
            region: dict[str, Any] = {"startLine": line} if line else {}
            if f.place:
                region["snippet"] = {"text": f.place.excerpt}
            if region:
                physical["region"] = region
            location["physicalLocation"] = physical
        result: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _SARIF_LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [location],
        }
        if f.place:
            result["properties"] = {"place": _place(f.place)}
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "civreport",
                        "version": version,
                        "informationUri": "https://pypi.org/project/civreport/",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
