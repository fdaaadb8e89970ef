"""What a run did: per-file results, the summary, the exit code and the QA reports (JSON, Markdown)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from ..errors import ExitCode
from .qa import SEVERITIES, QAFinding

__all__ = ["FileResult", "Skipped", "Summary", "render_json", "render_markdown"]


@dataclass(frozen=True)
class FileResult:
    """One source file translated into one language."""

    source: str
    output: str
    target: str
    format: str
    units: int  # translatable units in the file
    from_memory: int = 0  # texts found in the translation memory
    translated: int = 0  # texts the engine translated in this run
    copied: int = 0  # texts with nothing to translate (placeholders, numbers)
    kept: int = 0  # units that already had a translation (bilingual files)
    failed: tuple[tuple[str, str], ...] = ()  # (unit id, reason): units that could not be written
    findings: tuple[QAFinding, ...] = ()


@dataclass(frozen=True)
class Skipped:
    """A source file that could not be read or parsed (bad input)."""

    source: str
    reason: str


@dataclass(frozen=True)
class Summary:
    files: tuple[FileResult, ...]
    skipped: tuple[Skipped, ...]
    seconds: float = 0.0

    def total(self, field: str) -> int:
        return sum(getattr(f, field) for f in self.files)

    @property
    def failed(self) -> int:
        return sum(len(f.failed) for f in self.files)

    @property
    def findings(self) -> Counter[str]:
        return Counter(x.severity for f in self.files for x in f.findings)

    def exit_code(self, fail_on: str) -> int:
        """3 when a file was skipped as bad input, else 1 on findings at or above ``fail_on``
        or units that could not be written, else 0."""
        if self.skipped:
            return ExitCode.INPUT
        if self.failed or any(x.at_or_above(fail_on) for f in self.files for x in f.findings):
            return ExitCode.FINDINGS
        return ExitCode.OK

    def line(self) -> str:
        """The one-paragraph summary printed at the end of a run."""
        found = self.findings
        rate = self.total("translated") / self.seconds if self.seconds else 0.0
        return (
            f"files: {len(self.files)} written, {len(self.skipped)} skipped (bad input); "
            f"units: {self.total('units')}; from memory: {self.total('from_memory')}; "
            f"translated: {self.total('translated')} ({rate:.1f}/s); copied: {self.total('copied')}; "
            f"kept: {self.total('kept')}; failed: {self.failed}; findings: "
            + ", ".join(f"{found[s]} {s}" for s in reversed(SEVERITIES))
            + f"; {self.seconds:.1f}s"
        )


def _file_dict(f: FileResult) -> dict[str, object]:
    return {
        "source": f.source, "output": f.output, "target": f.target, "format": f.format, "units": f.units,
        "from_memory": f.from_memory, "translated": f.translated, "copied": f.copied, "kept": f.kept,
        "failed": [{"unit": u, "reason": r} for u, r in f.failed],
        "findings": [x.to_dict() for x in f.findings],
    }


def render_json(summary: Summary) -> str:
    data = {
        "summary": {
            "files": len(summary.files), "skipped": len(summary.skipped), "units": summary.total("units"),
            "from_memory": summary.total("from_memory"), "translated": summary.total("translated"),
            "copied": summary.total("copied"), "kept": summary.total("kept"), "failed": summary.failed,
            "findings": {s: summary.findings[s] for s in reversed(SEVERITIES)},
        },
        "skipped": [{"source": s.source, "reason": s.reason} for s in summary.skipped],
        "files": [_file_dict(f) for f in summary.files],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _cell(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def render_markdown(summary: Summary) -> str:
    """A readable page: the summary, bad inputs, then the findings of each file."""
    lines = ["# transkit batch QA report", "", summary.line(), ""]
    if summary.skipped:
        lines += ["## Skipped files (bad input)", ""]
        lines += [f"- {_cell(s.reason.splitlines()[0])}" for s in summary.skipped]
        lines.append("")
    lines += ["## Files", "", "| output | units | from memory | translated | failed | errors | warnings |",
              "|---|---:|---:|---:|---:|---:|---:|"]
    for f in summary.files:
        count = Counter(x.severity for x in f.findings)
        lines.append(f"| `{f.output}` | {f.units} | {f.from_memory} | {f.translated} | {len(f.failed)} "
                     f"| {count['error']} | {count['warning']} |")
    lines.append("")
    for f in summary.files:
        if not f.findings and not f.failed:
            continue
        lines += [f"## `{f.output}`", "", f"Source: `{f.source}` ({f.format}, {f.target})", "",
                  "| severity | check | where | span | message |", "|---|---|---|---|---|"]
        for uid, reason in f.failed:
            lines.append(f"| error | write-failed | {_cell(uid)} | | {_cell(reason)} |")
        for x in f.findings:
            where = f"line {x.line}" if x.line else _cell(x.unit)
            lines.append(f"| {x.severity} | {x.check} | {where} | {_cell(x.span)} | {_cell(x.message)} |")
        lines.append("")
    return "\n".join(lines)
