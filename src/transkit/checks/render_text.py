"""Human-readable report: each finding with its line and the span underlined.

Colour is used only on a terminal and never when ``NO_COLOR`` is set (rich
honours both).
"""

from __future__ import annotations

from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ..findings import Severity
from .report import LineIndex, Report

__all__ = ["render_text"]

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render_text(reports: list[Report], out: TextIO, *, color: bool | None = None) -> None:
    """Write every report to ``out``; ``color`` None means: only on a terminal without NO_COLOR."""
    console = Console(file=out, highlight=False, soft_wrap=True, force_terminal=color, no_color=color is False)
    if color is None and not console.is_terminal:
        console = Console(file=out, highlight=False, soft_wrap=True, no_color=True, force_terminal=False)
    for report in reports:
        lines = LineIndex(report.text)
        name = report.file or "<text>"
        for f in report.findings:
            head = Text(f"{name}:{f.line}:{f.column}: ")
            head.append(f.severity.value, style=_STYLE[f.severity])
            head.append(f" [{f.check}] {f.message}")
            console.print(head)
            line = lines.line_text(f.line or 1)  # a check's findings always have a line and a column
            first = (f.column or 1) - 1
            last = min(len(line), first + (f.end - f.start))
            body = Text("    ")
            body.append(line[:first])
            body.append(line[first:last], style=_STYLE[f.severity] + " underline")
            body.append(line[last:])
            console.print(body)
            marks = " " * (4 + cell_len(line[:first])) + "^" * max(1, cell_len(line[first:last]))
            console.print(Text(marks, style=_STYLE[f.severity]))
            if f.suggestion:
                console.print(Text(f"    suggestion: {f.suggestion}", style="green"))
        summary = report.summary
        console.print(
            Text(
                f"{name}: {summary['error']} error(s), {summary['warning']} warning(s), {summary['info']} info "
                f"[{report.language}, date {summary['date']} from {summary['date_source']}]"
            )
        )
