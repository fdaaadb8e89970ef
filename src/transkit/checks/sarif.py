"""SARIF 2.1.0 output, for code-scanning tools (one run, one result per finding)."""

from __future__ import annotations

import json
from typing import Any

from .._version import __version__
from ..findings import Severity
from .registry import CHECKS
from .report import Report

__all__ = ["SARIF_SCHEMA", "render_sarif", "sarif_log"]

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(check_id: str) -> dict[str, Any]:
    info = CHECKS[check_id]
    return {
        "id": check_id,
        "name": "".join(part.title() for part in check_id.split("-")),
        "shortDescription": {"text": info.title},
        "defaultConfiguration": {"level": _LEVEL[info.severity]},
    }


def sarif_log(reports: list[Report]) -> dict[str, Any]:
    """A SARIF log with one run holding the findings of every report."""
    rule_ids = sorted(CHECKS)
    results = []
    for report in reports:
        uri = report.file or "stdin"
        for f in report.findings:
            end_line, end_col = _end(report, f.start, f.end)
            result: dict[str, Any] = {
                "ruleId": f.check,
                "ruleIndex": rule_ids.index(f.check),
                "level": _LEVEL[f.severity],
                "message": {"text": f.message + (f" (suggestion: {f.suggestion})" if f.suggestion else "")},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "endLine": end_line,
                                "endColumn": end_col,
                                "charOffset": f.start,
                                "charLength": f.end - f.start,
                                "snippet": {"text": f.span},
                            },
                        }
                    }
                ],
                "properties": {"concept": f.concept, "language": report.language},
            }
            if f.suggestion is not None and f.fixable:
                result["fixes"] = [
                    {
                        "description": {"text": f"replace with '{f.suggestion}'"},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": uri},
                                "replacements": [
                                    {
                                        "deletedRegion": {"charOffset": f.start, "charLength": f.end - f.start},
                                        "insertedContent": {"text": f.suggestion},
                                    }
                                ],
                            }
                        ],
                    }
                ]
            results.append(result)
    glossary = next((r.glossary_version for r in reports if r.glossary_version), None)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "transkit",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/transkit/",
                        "rules": [_rule(r) for r in rule_ids],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {"glossaryVersion": glossary},
            }
        ],
    }


def _end(report: Report, start: int, end: int) -> tuple[int, int]:
    text = report.text[start:end]
    first_line = report.text.rfind("\n", 0, start) + 1
    if "\n" not in text:
        return report.text.count("\n", 0, start) + 1, end - first_line + 1
    line = report.text.count("\n", 0, end) + 1
    return line, end - (report.text.rfind("\n", 0, end) + 1) + 1


def render_sarif(reports: list[Report]) -> str:
    """The reports as one SARIF 2.1.0 log (JSON text), for code-scanning tools."""
    return json.dumps(sarif_log(reports), ensure_ascii=False, indent=2) + "\n"
