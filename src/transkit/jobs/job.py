"""A batch job: what to translate, into which languages, where, and how.

A job file (TOML) names everything, so a weekly run is ``transkit batch --job
job.toml``. Paths in it are relative to the file's folder::

    sources = ["articles/*.md", "locale/**/*.po", "app/res/values/strings.xml"]
    root = "."               # output paths mirror the sources' paths below root
    from = "en"
    to = ["ko", "vi"]
    out = "build/l10n"
    glossary = ["glossaries"]
    glossary_mode = "enforce" # enforce | verify | off, as `transkit translate --glossary-mode`
    date = 2024-03-01        # the articles' date, for dated titles (default: the day the run starts)
    engine = "local"         # or "ray"
    ray_address = ""         # an existing cluster; empty: start a local Ray
    retranslate = false      # true: translate units that already have a translation
    mark_fuzzy = false       # true: new translations marked for review (PO fuzzy, XLIFF state)
    fail_on = "error"        # error | warning | info | never
    tm = ""                  # default: OUT/.transkit/tm.sqlite3

    [formats]                # override the format by glob
    "legacy/*.txt" = "markdown"

    [models]                 # as in transkit.toml
    en-ko = "Helsinki-NLP/opus-mt-tc-big-en-ko"

    [engine]                 # as in transkit.toml
    beam = 4

Output naming, the same for every format: ``OUT/<lang>/<path below root>``,
where a folder or file stem that names the source language is renamed to the
target (``locales/en/app.json`` -> ``ko/locales/ko/app.json``, ``en.po`` ->
``ko/ko.po``, ``messages.pot`` -> ``ko/messages.po``) and Android ``values``/``values-en`` folders become
``values-<lang>``.
"""

from __future__ import annotations

import datetime
import fnmatch
import glob
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Any

from ..config import Settings, read_toml, settings_from
from ..errors import ConfigError, TranskitError, UsageError
from ..formats import FORMATS, detect_format
from ..languages import normalize

__all__ = ["FAIL_ON", "Job", "SourceFile", "discover", "load_job", "output_path"]

FAIL_ON = ("error", "warning", "info", "never")
ENGINES = ("local", "ray")
GLOSSARY_MODES = ("enforce", "verify", "off")


@dataclass(frozen=True)
class Job:
    """Everything a run needs; build with :func:`load_job` or directly."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]
    out: Path
    source_lang: str = "en"
    root: Path | None = None  # None: the common folder of the sources
    glossary: tuple[str, ...] = ()
    glossary_mode: str = "enforce"
    date: datetime.date | None = None  # None: the day the run starts
    model: str | None = None  # one model: only for one target language
    models: Mapping[str, str] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    engine: str = "local"
    ray_address: str | None = None
    retranslate: bool = False
    mark_fuzzy: bool = False
    fail_on: str = "error"
    format: str | None = None  # one format for every source
    formats: Mapping[str, str] = field(default_factory=dict)  # glob -> format
    tm: Path | None = None
    chunk: int = 64  # units per engine call (and per TM commit)

    def __post_init__(self) -> None:
        if not self.sources:
            raise UsageError("no sources", hint="name files, folders or globs, or `sources` in the job file")
        if not self.targets:
            raise UsageError("no target languages", hint="pass --to ko,vi or set `to` in the job file")
        if self.engine not in ENGINES:
            raise UsageError(f"unknown engine {self.engine!r}", hint="use local or ray")
        if self.fail_on not in FAIL_ON:
            raise UsageError(f"unknown --fail-on {self.fail_on!r}", hint=f"use one of {', '.join(FAIL_ON)}")
        for fmt in (self.format, *self.formats.values()):
            if fmt is not None and fmt not in FORMATS:
                raise UsageError(f"unknown format {fmt!r}", hint=f"use one of: {', '.join(FORMATS)}")
        if self.glossary_mode not in GLOSSARY_MODES:
            raise UsageError(f"unknown glossary mode {self.glossary_mode!r}", hint="use enforce, verify or off")
        if self.model is not None and len(self.targets) > 1:
            raise UsageError(
                f"one --model for {len(self.targets)} target languages ({', '.join(self.targets)}) is ambiguous",
                hint=" ".join(f"--model {self.source_lang}-{t}=MODEL" for t in self.targets),
            )
        if self.source_lang in self.targets:
            raise UsageError(f"the source language {self.source_lang} is also a target", hint="drop it from --to")

    @property
    def tm_path(self) -> Path:
        """The translation memory's file: the one given, else ``tm.sqlite3`` in the state folder."""
        return self.tm or self.state_dir / "tm.sqlite3"

    @property
    def state_dir(self) -> Path:
        """The job's state: lock, translation memory, QA and build caches."""
        return self.out / ".transkit"

    def with_options(self, **options: Any) -> Job:
        """A copy with the options that are not None (command-line overrides)."""
        return replace(self, **{k: v for k, v in options.items() if v is not None})


_KEYS = {"sources", "root", "from", "to", "out", "glossary", "glossary_mode", "date", "engine", "ray_address",
         "retranslate", "mark_fuzzy", "fail_on", "tm", "format", "model", "chunk", "formats", "models"}


def load_job(path: str | Path, *, defaults: Settings | None = None) -> Job:
    """Read a job file; every problem in it is reported at once, naming the file.

    Its ``[models]`` and ``[engine]`` tables add to and override ``defaults`` (the config file's settings).
    """
    p = Path(path)
    data = read_toml(p, what="job file", hint="check --job")
    base = p.parent
    problems = [f"unknown key {k!r} (known: {', '.join(sorted(_KEYS | {'engine'}))})"
                for k in data if k not in _KEYS]

    def typed(key: str, kind: type, default: Any = None) -> Any:
        value = data.get(key, default)
        if value is None or (isinstance(value, kind) and not (kind is int and isinstance(value, bool))):
            return value
        problems.append(f"{key}: expected {_KIND_NAMES[kind]}, got {value!r}")
        return default

    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f"{key}: expected a string or a list of strings")
            return ()
        return tuple(value)

    def folder(key: str) -> Path | None:
        value = typed(key, str)
        return base / value if value else None

    engine = data.get("engine", "local")
    engine_table: dict[str, Any] = {}
    if isinstance(engine, dict):  # [engine] settings table; the backend is then `local`
        engine_table, engine = engine, "local"
    elif not isinstance(engine, str):
        problems.append(f"engine: expected local, ray or an [engine] table, got {engine!r}")
    settings = settings_from(data.get("models", {}), engine_table, problems, path=str(p), base=defaults)
    formats = typed("formats", dict, {})
    if not all(isinstance(v, str) for v in formats.values()):
        problems.append("formats: expected a table of glob = format name")
    def language(key: str, code: str) -> str | None:
        try:
            return normalize(code)
        except TranskitError as err:
            problems.append(f"{key}: {err.message} (use en, ko or vi)")
            return None

    targets = tuple(t for t in (language("to", code) for code in strings("to")) if t)
    source_lang = language("from", typed("from", str, "en")) or "en"
    options: dict[str, Any] = {
        "sources": tuple(str(base / s) for s in strings("sources")),
        "out": folder("out") or base / "out",
        "root": folder("root") or base,
        "glossary": tuple(str(base / g) for g in strings("glossary")),
        "model": typed("model", str) or None,
        "ray_address": typed("ray_address", str) or None,
        "retranslate": typed("retranslate", bool, False),
        "mark_fuzzy": typed("mark_fuzzy", bool, False),
        "fail_on": typed("fail_on", str, "error"),
        "format": typed("format", str) or None,
        "tm": folder("tm"),
        "chunk": typed("chunk", int, 64),
        "glossary_mode": typed("glossary_mode", str, "enforce"),
        "date": _date(data.get("date"), p),
    }
    if options["chunk"] < 1:
        problems.append(f"chunk: expected a positive integer, got {options['chunk']!r}")
    if problems:
        raise ConfigError("; ".join(problems), path=p, hint="see the job file section of the README")
    try:
        return Job(
            targets=targets,
            source_lang=source_lang,
            models=dict(settings.models),
            settings=settings,
            engine=str(engine),
            formats=dict(formats),
            **options,
        )
    except UsageError as err:
        raise ConfigError(err.message, path=p, hint=err.hint) from None


_KIND_NAMES = {str: "a string", bool: "true or false", int: "an integer", dict: "a table"}


def _date(value: Any, path: Path) -> datetime.date | None:
    if value is None or (isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise ConfigError(f"date: expected YYYY-MM-DD, got {value!r}", path=path)


@dataclass(frozen=True)
class SourceFile:
    """A file of the job: its path, its path below the root, its format (None: not readable), and whether it
    was named explicitly (rather than found in a folder or by a glob)."""

    path: Path
    rel: PurePath
    format: str | None
    named: bool = True


def discover(job: Job) -> list[SourceFile]:
    """The job's files in a stable order: named files, folders (recursively) and globs.

    A file whose format is unknown is kept with ``format`` None: named explicitly, it is bad input;
    found in a folder or by a glob, it is listed as not translated.
    """
    found: dict[Path, bool] = {}  # path -> named explicitly
    for source in job.sources:
        p = Path(source)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and ".transkit" not in f.parts:
                    found.setdefault(f, False)
        elif glob.has_magic(source):
            for name in sorted(glob.glob(source, recursive=True)):
                if Path(name).is_file():
                    found.setdefault(Path(name), False)
        else:
            found.setdefault(p, True)
    root = job.root or _common_root(job.sources)
    out = job.out.resolve()
    files = []
    for path, named in found.items():
        if out in path.resolve().parents:
            continue  # never translate the job's own outputs
        rel = _relative(path, root)
        fmt = job.format or _override(rel, job.formats) or detect_format(path, _head(path))
        files.append(SourceFile(path, rel, fmt, named))
    return files


def output_path(rel: PurePath, source: str, target: str) -> PurePath:
    """Where the translation of ``rel`` into ``target`` goes, below the output folder (see module doc)."""
    parts = list(rel.parts)
    for i, part in enumerate(parts[:-1]):
        if _names_lang(part, source):
            parts[i] = target
        elif part == "values" or (part.startswith("values-") and _names_lang(part[7:], source)):
            parts[i] = f"values-{target}"
    name = PurePath(parts[-1])
    suffix = ".po" if name.suffix == ".pot" else name.suffix  # a translated template is a catalogue
    parts[-1] = (target if _names_lang(name.stem, source) else name.stem) + suffix
    return PurePath(target, *parts)


def _names_lang(text: str, lang: str) -> bool:
    try:
        return normalize(text) == lang and len(text) <= 6
    except TranskitError:
        return False


def _override(rel: PurePath, formats: Mapping[str, str]) -> str | None:
    for pattern, fmt in formats.items():
        if fnmatch.fnmatch(rel.as_posix(), pattern):
            return fmt
    return None


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(65536)
    except OSError:
        return b""


def _common_root(sources: tuple[str, ...]) -> Path:
    roots = []
    for s in sources:
        p = Path(s)
        if glob.has_magic(s):
            plain: list[str] = []
            for part in p.parts:
                if glob.has_magic(part):
                    break
                plain.append(part)
            p = Path(*plain) if plain else Path(".")
        roots.append(p if p.is_dir() else p.parent)
    return Path(os.path.commonpath([str(r.resolve()) for r in roots]))


def _relative(path: Path, root: Path) -> PurePath:
    """``path`` below ``root``; a symbolic link is placed where it is, not where it points."""
    for a, b in ((Path(os.path.abspath(path)), Path(os.path.abspath(root))), (path.resolve(), root.resolve())):
        try:
            return a.relative_to(b)
        except ValueError:
            continue
    return PurePath(path.name)
