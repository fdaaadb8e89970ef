"""The JSON report: stable field names, documented by ``transkit/data/check-report.schema.json``."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from .report import Report

__all__ = ["SCHEMA_NAME", "load_schema", "render_json", "report_dict"]

SCHEMA_NAME = "check-report.schema.json"


def report_dict(report: Report) -> dict[str, Any]:
    """The report as plain data: ``file, language, findings, summary, signature``."""
    return {
        "file": report.file,
        "language": report.language,
        "findings": [f.to_dict() for f in report.findings],
        "summary": report.summary,
        "signature": {"transkit": report.transkit_version, "glossary": report.glossary_version or None},
    }


def render_json(reports: list[Report]) -> str:
    """One report as an object, several as a list."""
    data: Any = report_dict(reports[0]) if len(reports) == 1 else [report_dict(r) for r in reports]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def load_schema() -> dict[str, Any]:
    """The JSON schema of one report (package data)."""
    text = resources.files("transkit.data").joinpath(SCHEMA_NAME).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
