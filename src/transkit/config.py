"""transkit.toml: per-direction models and engine settings.

Looked for in this order: ``--config FILE``, ``$TRANSKIT_CONFIG``,
``./transkit.toml``, ``~/.config/transkit/config.toml``. Every key is optional::

    [models]            # a hub id or a local folder per direction
    en-ko = "Helsinki-NLP/opus-mt-tc-big-en-ko"
    ko-vi = "/models/my-direct-ko-vi"     # replaces the pivot through English

    [engine]
    kind = "transformers"  # transformers | ct2 (CTranslate2, extra transkit[fast])
    compute_type = "auto"  # ct2 only: auto (int8 on CPU, float16 on CUDA), int8, float32 ...
    inter_threads = 2      # ct2 only: translations run in parallel
    device = "auto"     # auto | cpu | cuda | cuda:N
    beam = 4
    max_length = 512    # most target tokens per sentence
    batch_tokens = 4096 # padded source tokens per batch
    threads = 2         # torch CPU threads (default: torch's choice)

All problems in a file are collected and reported together.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError, TranskitError
from .languages import normalize

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["ENGINE_KINDS", "Settings", "cache_dir", "find_config", "load_settings", "read_toml", "settings_from"]

ENGINE_KINDS = ("transformers", "ct2")


@dataclass(frozen=True)
class Settings:
    """Engine settings; ``models`` maps ``"en-ko"`` to a hub id or folder."""

    models: Mapping[str, str] = field(default_factory=dict)
    kind: str = "transformers"  # the engine: transformers | ct2
    compute_type: str = "auto"
    inter_threads: int | None = None
    device: str = "auto"
    beam: int = 4
    max_length: int = 512
    batch_tokens: int = 4096
    threads: int | None = None
    path: str | None = None  # the file these came from

    def with_options(self, **options: Any) -> Settings:
        """A copy with the options that are not None (command-line overrides)."""
        return replace(self, **{k: v for k, v in options.items() if v is not None})


_ENGINE_TYPES = {f.name: f.type for f in fields(Settings) if f.name not in {"models", "path"}}


def cache_dir(name: str) -> Path:
    """A folder of transkit's cache: ``$TRANSKIT_CACHE/NAME``, by default ``~/.cache/transkit/NAME``."""
    base = os.environ.get("TRANSKIT_CACHE") or Path.home() / ".cache" / "transkit"
    return Path(base).expanduser() / name


def find_config(explicit: str | None = None) -> Path | None:
    """The config file to use, or None."""
    if explicit:
        return Path(explicit)
    if os.environ.get("TRANSKIT_CONFIG"):
        return Path(os.environ["TRANSKIT_CONFIG"])
    for candidate in (Path("transkit.toml"), Path.home() / ".config" / "transkit" / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


def load_settings(explicit: str | None = None) -> Settings:
    """Read the config file (if any) into :class:`Settings`."""
    path = find_config(explicit)
    if path is None:
        return Settings()
    data = read_toml(path, what="config file", hint="check --config or $TRANSKIT_CONFIG")
    problems: list[str] = []
    settings = settings_from(data.pop("models", {}), data.pop("engine", {}), problems, path=str(path))
    problems += [f"unknown section [{name}] (known: [models], [engine])" for name in data]
    if problems:
        raise ConfigError("; ".join(problems), path=path, hint="see the config section of the README")
    return settings


def read_toml(path: Path, *, what: str, hint: str) -> dict[str, Any]:
    """A TOML file as a dict; a missing or malformed file is a :class:`ConfigError` naming it."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{what} not found", path=path, hint=hint) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"not valid TOML: {err}", path=path) from None
    except OSError as err:
        raise ConfigError(f"cannot read {what}: {err.strerror or err}", path=path, hint=hint) from None


def settings_from(
    models: Any, engine: Any, problems: list[str], *, path: str | None = None, base: Settings | None = None
) -> Settings:
    """:class:`Settings` from a ``[models]`` and an ``[engine]`` table over ``base`` (defaults when None).

    Problems are appended, not raised.
    """
    base = base or Settings()
    models = {**base.models, **_read_models(models, problems)}
    return replace(base, models=models, path=path, **_read_engine(engine, problems))


def _read_models(table: Any, problems: list[str]) -> dict[str, str]:
    models: dict[str, str] = {}
    if not isinstance(table, dict):
        problems.append(f"[models]: expected a table of direction = model, got {table!r}")
        return models
    for key, value in table.items():
        source, _, target = str(key).partition("-")
        try:
            models[f"{normalize(source)}-{normalize(target)}"] = str(value)
        except TranskitError:
            problems.append(f"[models] {key}: not a direction like en-ko between en, ko and vi")
        if not isinstance(value, str) or not value:
            problems.append(f"[models] {key}: expected a hub id or a folder, got {value!r}")
    return models


def _read_engine(table: Any, problems: list[str]) -> dict[str, Any]:
    engine: dict[str, Any] = {}
    if not isinstance(table, dict):
        problems.append(f"[engine]: expected a table of settings, got {table!r}")
        return engine
    for key, value in table.items():
        if key not in _ENGINE_TYPES:
            problems.append(f"[engine] unknown key {key!r} (known: {', '.join(_ENGINE_TYPES)})")
        elif key == "kind":
            if value not in ENGINE_KINDS:
                problems.append(f"[engine] kind: expected one of {', '.join(ENGINE_KINDS)}, got {value!r}")
            else:
                engine[key] = value
        elif key == "compute_type":
            if not isinstance(value, str) or not value:
                problems.append(f"[engine] compute_type: expected a name such as int8 or float16, got {value!r}")
            else:
                engine[key] = value
        elif key == "device":
            if not isinstance(value, str) or not (value in {"auto", "cpu"} or value.startswith("cuda")):
                problems.append(f"[engine] device: expected auto, cpu or cuda[:N], got {value!r}")
            else:
                engine[key] = value
        elif not isinstance(value, int) or isinstance(value, bool) or value < 1:
            problems.append(f"[engine] {key}: expected a positive integer, got {value!r}")
        else:
            engine[key] = value
    return engine
