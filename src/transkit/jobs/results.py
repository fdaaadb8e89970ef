"""What a run did: per-file results, the summary, the exit code and the QA reports (JSON, Markdown)."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass

from ..errors import ExitCode
from ..findings import Finding, Severity
from .qa import QA_FIELDS
from .work import Enforcement

__all__ = ["FileResult", "SkippedFile", "Summary", "finding_order", "render_json", "render_markdown"]


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
    findings: tuple[Finding, ...] = ()
    enforcement: tuple[tuple[str, Enforcement], ...] = ()  # (unit id, what glossary enforcement did)

    @property
    def enforced(self) -> Enforcement:
        """The file's enforcement counts in total."""
        return sum((e for _, e in self.enforcement), Enforcement())


def finding_order(finding: Finding) -> tuple[object, ...]:
    """The order of findings in a report: by place, then check, span and message (the same every run)."""
    return (finding.line or 0, finding.unit or "", finding.check, finding.span, finding.message, finding.severity)


@dataclass(frozen=True)
class SkippedFile:
    """A source file not translated: bad input, a format transkit does not read, or not for ``target``
    (None: for any target)."""

    source: str
    reason: str
    target: str | None = None


@dataclass(frozen=True)
class Summary:
    """The outcome of a job: the files written, those skipped as bad input or passed over, and the time taken."""
    files: tuple[FileResult, ...]
    skipped: tuple[SkippedFile, ...]  # bad input
    seconds: float = 0.0
    passed_over: tuple[SkippedFile, ...] = ()  # readable files the job does not translate into a target, with why

    def total(self, field: str) -> int:
        """The sum of a :class:`FileResult` count over the files."""
        return sum(getattr(f, field) for f in self.files)

    @property
    def failed(self) -> int:
        """Units that could not be written, over the files."""
        return sum(len(f.failed) for f in self.files)

    @property
    def findings(self) -> Counter[Severity]:
        """QA findings per severity, over the files."""
        return Counter(x.severity for f in self.files for x in f.findings)

    def exit_code(self, fail_on: str) -> int:
        """3 when a file was skipped as bad input, else 1 on findings at or above ``fail_on``
        or units that could not be written, else 0."""
        if self.skipped:
            return ExitCode.INPUT
        if self.failed or (fail_on != "never" and any(x.at_or_above(Severity(fail_on))
                                                      for f in self.files for x in f.findings)):
            return ExitCode.FINDINGS
        return ExitCode.OK

    def line(self) -> str:
        """The one-paragraph summary printed at the end of a run."""
        found = self.findings
        rate = self.total("translated") / self.seconds if self.seconds else 0.0
        return (
            f"files: {len(self.files)} written, {len(self.skipped)} skipped (bad input), "
            f"{len(self.passed_over)} not translated; "
            f"units: {self.total('units')}; from memory: {self.total('from_memory')}; "
            f"translated: {self.total('translated')} ({rate:.1f}/s); copied: {self.total('copied')}; "
            f"kept: {self.total('kept')}; failed: {self.failed}; findings: "
            + ", ".join(f"{found[s]} {s}" for s in reversed(Severity))
            + f"; {self.seconds:.1f}s"
        )


def _file_dict(f: FileResult) -> dict[str, object]:
    return {
        "source": f.source, "output": f.output, "target": f.target, "format": f.format, "units": f.units,
        "from_memory": f.from_memory, "translated": f.translated, "copied": f.copied, "kept": f.kept,
        "failed": [{"unit": u, "reason": r} for u, r in f.failed],
        "findings": [x.to_dict(QA_FIELDS) for x in f.findings],
        "enforcement": [{"unit": u, "required": e.required, "enforced": e.enforced, "repaired": e.repaired,
                         "failed": e.failed, "notes": list(e.notes)} for u, e in f.enforcement],
    }


def render_json(summary: Summary) -> str:
    """The summary as the JSON ``transkit batch --json`` prints."""
    data = {
        "summary": {
            "files": len(summary.files), "skipped": len(summary.skipped), "units": summary.total("units"),
            "from_memory": summary.total("from_memory"), "translated": summary.total("translated"),
            "copied": summary.total("copied"), "kept": summary.total("kept"), "failed": summary.failed,
            "findings": {s.value: summary.findings[s] for s in reversed(Severity)},
        },
        "skipped": [{"source": s.source, "reason": s.reason} for s in summary.skipped],
        "not_translated": [{"source": s.source, "target": s.target, "reason": s.reason} for s in summary.passed_over],
        "files": [_file_dict(f) for f in summary.files],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def _cell(text: object) -> str:
    """``text`` as inert Markdown on one line: HTML escaped, Markdown punctuation backslash-escaped.

    >>> print(_cell("<img src=x onerror=alert(1)> `a|b`"))
    &lt;img src=x onerror=alert\\(1\\)&gt; \\`a\\|b\\`
    """
    flat = " ".join(str(text if text is not None else "").split())
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(flat, quote=False))


def render_markdown(summary: Summary) -> str:
    """A readable page: the summary, bad inputs, files not translated, then each file's findings and
    glossary enforcement. Every name and text from the input is escaped (:func:`_cell`)."""
    lines = ["# transkit batch QA report", "", _cell(summary.line()), ""]
    if summary.skipped:
        lines += ["## Skipped files (bad input)", ""]
        lines += [f"- {_cell(s.reason.splitlines()[0])}" for s in summary.skipped]
        lines.append("")
    if summary.passed_over:
        lines += ["## Files not translated", "", "| source | target | reason |", "|---|---|---|"]
        lines += [
            f"| {_cell(s.source)} | {_cell(s.target or 'any')} | {_cell(s.reason)} |" for s in summary.passed_over
        ]
        lines.append("")
    header = ("| output | units | from memory | translated | failed | errors | warnings "
              "| terms required | enforced | repaired | not enforced |")
    lines += ["## Files", "", header, "|---|" + "---:|" * 10]
    for f in summary.files:
        count = Counter(x.severity for x in f.findings)
        e = f.enforced
        lines.append(f"| {_cell(f.output)} | {f.units} | {f.from_memory} | {f.translated} | {len(f.failed)} "
                     f"| {count[Severity.ERROR]} | {count[Severity.WARNING]} | {e.required} | {e.enforced} "
                     f"| {e.repaired} | {e.failed} |")
    lines.append("")
    for f in summary.files:
        shown = [(u, e) for u, e in f.enforcement if e.required or e.notes]
        if not f.findings and not f.failed and not shown:
            continue
        lines += [f"## {_cell(f.output)}", "", f"Source: {_cell(f.source)} ({_cell(f.format)}, {_cell(f.target)})",
                  ""]
        if f.findings or f.failed:
            lines += ["| severity | check | where | span | message |", "|---|---|---|---|---|"]
            for uid, reason in f.failed:
                lines.append(f"| error | write-failed | {_cell(uid)} | | {_cell(reason)} |")
            for x in f.findings:
                where = f"line {x.line}" if x.line else _cell(x.unit)
                lines.append(f"| {_cell(x.severity)} | {_cell(x.check)} | {where} | {_cell(x.span)} "
                             f"| {_cell(x.message)} |")
            lines.append("")
        if shown:
            lines += ["Glossary enforcement per unit:", "",
                      "| unit | required | enforced | repaired | not enforced | notes |",
                      "|---|---:|---:|---:|---:|---|"]
            lines += [f"| {_cell(u)} | {e.required} | {e.enforced} | {e.repaired} | {e.failed} "
                      f"| {_cell('; '.join(e.notes))} |" for u, e in shown]
            lines.append("")
    return "\n".join(lines)
