"""What a running job shows: an overall bar (units/s, ETA) and one line per finished file.

On a terminal the bar is rich's (``transkit.progress``) and file lines are
printed above it; otherwise the bar is plain periodic lines. Either way the
file lines read ``ko/docs/a.po: 40 units, 12 from memory, 28 translated, 0
failed, 2 findings``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from ..progress import Reporter, reporter

if TYPE_CHECKING:
    from .results import FileResult

__all__ = ["JobDisplay"]


class JobDisplay:
    """Progress of a job on ``stream`` (default stderr); ``quiet`` shows nothing."""

    def __init__(self, stream: TextIO | None = None, *, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.bar: Reporter | None = None

    def start(self, label: str, total: int, *, files: int) -> None:
        """Announce a pass over ``files`` and start the progress bar for ``total`` texts."""
        if self.quiet:
            return
        self._print(f"{label}: {files} file(s), {total} text(s) to translate")
        self.bar = reporter(label, stream=self.stream, unit="units") if total else None
        if self.bar:
            self.bar.start(total)

    def advance(self, done: int) -> None:
        """Move the progress bar on by ``done`` texts."""
        if self.bar:
            self.bar.advance(done)

    def file_done(self, result: FileResult) -> None:
        """Print one line for a finished file."""
        if self.quiet:
            return
        self._print(
            f"{result.output}: {result.units} units, {result.from_memory} from memory, {result.translated} translated, "
            f"{len(result.failed)} failed, {len(result.findings)} findings"
        )

    def finish(self) -> None:
        """Close the progress bar."""
        if self.bar:
            self.bar.finish()
            self.bar = None

    def _print(self, line: str) -> None:
        console = getattr(getattr(self.bar, "progress", None), "console", None)
        if console is not None:
            console.print(line, markup=False, highlight=False)
        else:
            print(line, file=self.stream, flush=True)
