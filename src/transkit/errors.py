"""Exceptions raised by transkit, and the exit codes the CLI maps them to.

Every error carries enough data to act on: the file, the line, and a hint that
says how to fix it. The tree::

    TranskitError
    ├── UsageError            bad arguments, unknown language          exit 2
    │   └── LanguageError
    ├── InputError            a file that cannot be read or parsed     exit 3
    │   ├── DecodeError       invalid UTF-8 (names the byte offset)
    │   ├── GlossaryError     malformed glossary file or entry
    │   └── FormatError       malformed localisation file
    ├── ConfigError           bad config file or option value          exit 3
    └── ModelError            a model that cannot be found or loaded   exit 4

Any other exception is a bug: the CLI reports it as an internal error, exit 70.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ConfigError",
    "DecodeError",
    "ExitCode",
    "FormatError",
    "GlossaryError",
    "InputError",
    "LanguageError",
    "ModelError",
    "TranskitError",
    "UsageError",
]


class ExitCode:
    """Exit codes of the ``transkit`` command (documented in the README)."""

    OK = 0
    FINDINGS = 1  # check/lint found problems at or above --fail-on
    USAGE = 2  # bad arguments, unknown language
    INPUT = 3  # unreadable or malformed input, glossary or config file
    MODEL = 4  # a model could not be found or loaded
    INTERNAL = 70  # a bug in transkit (sysexits EX_SOFTWARE); never 1, which CI reads as findings
    INTERRUPTED = 130


class TranskitError(Exception):
    """Base class. ``str(err)`` is a complete, user-facing message."""

    exit_code = ExitCode.INPUT

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        text = where + self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class UsageError(TranskitError):
    """The command or call was given arguments it cannot use."""

    exit_code = ExitCode.USAGE


class LanguageError(UsageError):
    """A language code transkit does not support."""


class InputError(TranskitError):
    """An input file is missing, unreadable or malformed."""

    exit_code = ExitCode.INPUT


class DecodeError(InputError):
    """A file is not valid UTF-8."""

    def __init__(self, path: str | Path, offset: int, reason: str, *, encoding: str = "cp949") -> None:
        super().__init__(
            f"not valid UTF-8 at byte offset {offset} ({reason})",
            path=path,
            hint=f"convert the file to UTF-8, e.g. `iconv -f {encoding} -t utf-8 FILE`",
        )
        self.offset = offset


class GlossaryError(InputError):
    """A glossary file or entry is malformed."""


class FormatError(InputError):
    """A localisation file cannot be parsed or written."""


class ConfigError(TranskitError):
    """A configuration file or option value is invalid."""

    exit_code = ExitCode.INPUT


class ModelError(TranskitError):
    """A translation model cannot be found or loaded."""

    exit_code = ExitCode.MODEL
