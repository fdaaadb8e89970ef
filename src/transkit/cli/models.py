"""transkit models: which model serves each direction, and whether it is available here."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["register"]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``transkit models`` and its options to ``subparsers``."""
    parser = subparsers.add_parser(
        "models",
        help="list the model for each direction and whether it is in the local cache",
        description="List the route (model or pivot) of every direction and where each model is found. "
        "With --download, fetch models into the Hugging Face cache (needs network).",
    )
    parser.add_argument("--config", metavar="FILE", help="transkit.toml with per-direction models")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--download",
        nargs="*",
        metavar="DIRECTION|MODEL",
        help="download the models of these directions (en-ko ...) or hub ids; none given: every direction",
    )
    parser.set_defaults(run=run)


def model_status(model: str) -> str:
    """'folder', 'missing folder', 'cached' or 'not cached'."""
    from ..engines.marian import model_in_cache

    path = Path(model).expanduser()
    if path.exists() or model.startswith((".", "/", "~")):
        return "folder" if (path / "config.json").is_file() else "missing folder"
    return "cached" if model_in_cache(model) else "not cached"


def run(args: argparse.Namespace) -> int:
    """Print the model of each direction and whether it is available; returns the exit code."""
    from ..config import load_settings
    from ..routes import all_directions, plan

    settings = load_settings(args.config)
    if args.download is not None:
        return _download(args.download, settings.models)
    rows: list[dict[str, Any]] = []
    for key in all_directions():
        source, target = key.split("-")
        hops = plan(source, target, settings.models)
        rows.append(
            {
                "direction": key,
                "pivot": len(hops) > 1,
                "hops": [{"direction": f"{h.source}-{h.target}", "model": h.model, "status": model_status(h.model)}
                         for h in hops],
            }
        )
    if args.format == "json":
        print(json.dumps({"config": settings.path, "routes": rows}, indent=2, ensure_ascii=False))
        return 0
    print(f"config: {settings.path or '(none: defaults)'}")
    for row in rows:
        legs = " then ".join(f"{h['model']} [{h['status']}]" for h in row["hops"])
        print(f"{row['direction']:6} {'via en  ' if row['pivot'] else 'direct  '}{legs}")
    return 0


def _download(targets: list[str], models: Mapping[str, str]) -> int:
    from ..engines.marian import _hub_reachable, _not_available
    from ..routes import all_directions, plan

    wanted: list[str] = []
    for item in targets or all_directions():
        if "/" in item:
            wanted.append(item)
        else:
            source, _, target = item.partition("-")
            wanted += [hop.model for hop in plan(source, target, models)]
    hub_models = [m for m in dict.fromkeys(wanted) if not Path(m).expanduser().exists()]
    if hub_models and not _hub_reachable():
        raise _not_available(hub_models[0], "the hub cannot be reached from this machine")
    from huggingface_hub import snapshot_download

    for model in hub_models:
        path = snapshot_download(model, allow_patterns=["*.json", "*.spm", "*.safetensors", "*.bin", "*.txt"])
        print(f"{model}: {path}", file=sys.stderr)
    return 0
