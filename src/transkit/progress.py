"""Progress for long jobs: a rich bar on a terminal, plain periodic lines otherwise.

A :class:`Reporter` is told the total once (``start``), then how many units
finished (``advance``), then ``finish``. :func:`reporter` picks the display.
"""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from rich.progress import TaskID

__all__ = ["LineReporter", "Reporter", "RichReporter", "reporter"]


class Reporter(Protocol):
    """Progress of a run: a total, then the work done as it happens."""

    def start(self, total: int) -> None:
        """Begin a run of ``total`` items."""

    def advance(self, done: int) -> None:
        """Count ``done`` more items as finished."""

    def finish(self) -> None:
        """End the run and show the final figures."""


class LineReporter:
    """Writes ``label: 120/480 sentences (25%), 12.0/s, ETA 30s`` every ``interval`` seconds."""

    def __init__(self, label: str, *, stream: TextIO | None = None, interval: float = 5.0, unit: str = "sentences"):
        self.label, self.unit, self.interval = label, unit, interval
        self.stream = stream or sys.stderr
        self.total = self.done = 0
        self.started = self.last = 0.0

    def start(self, total: int) -> None:
        """Begin a run of ``total`` items."""
        self.total, self.done = total, 0
        self.started = self.last = time.monotonic()

    def advance(self, done: int) -> None:
        """Count ``done`` more items; write a line when ``interval`` has passed."""
        self.done += done
        now = time.monotonic()
        if now - self.last >= self.interval and self.done < self.total:
            self.last = now
            self._write(now)

    def finish(self) -> None:
        """Write the final line."""
        self._write(time.monotonic())

    def _write(self, now: float) -> None:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        percent = 100 * self.done / self.total if self.total else 100
        eta = f", ETA {(self.total - self.done) / rate:.0f}s" if rate and self.done < self.total else ""
        print(
            f"{self.label}: {self.done}/{self.total} {self.unit} ({percent:.0f}%), {rate:.1f}/s{eta}",
            file=self.stream,
            flush=True,
        )


class RichReporter:
    """A rich progress bar with rate and time remaining (for terminals)."""

    def __init__(self, label: str, *, stream: TextIO | None = None, unit: str = "sentences"):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(unit),
            TimeRemainingColumn(),
            console=Console(file=stream or sys.stderr),
            transient=True,
        )
        self.label = label
        self.task: TaskID | None = None

    def start(self, total: int) -> None:
        """Show the bar for ``total`` items."""
        self.progress.start()
        self.task = self.progress.add_task(self.label, total=total)

    def advance(self, done: int) -> None:
        """Move the bar on by ``done`` items."""
        assert self.task is not None, "advance() before start()"
        self.progress.advance(self.task, done)

    def finish(self) -> None:
        """Stop the bar."""
        self.progress.stop()


def reporter(label: str, *, stream: TextIO | None = None, unit: str = "sentences") -> Reporter:
    """A rich bar when ``stream`` (default stderr) is a terminal, plain lines when it is not."""
    stream = stream or sys.stderr
    if stream.isatty():
        return RichReporter(label, stream=stream, unit=unit)
    return LineReporter(label, stream=stream, unit=unit)
