"""Findings as the command prints them: text for people, JSON for scripts, SARIF 2.1.0 for code
review tools and editors."""

from __future__ import annotations

import json
from typing import Any

from .finding import Finding
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
        }
        for f in findings
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


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
        location: dict[str, Any] = {"logicalLocations": [{"fullyQualifiedName": f.path, "kind": "member"}]}
        if f.file:
            physical: dict[str, Any] = {"artifactLocation": {"uri": f.file}}
            if f.line:
                physical["region"] = {"startLine": f.line}
            location["physicalLocation"] = physical
        results.append(
            {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": _SARIF_LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [location],
            }
        )
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
