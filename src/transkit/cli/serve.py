"""``transkit serve``: a LibreTranslate-compatible translation and checking service (needs the ``serve`` extra).

Binds to 127.0.0.1 by default. Bound to any other address it refuses to start
without ``--api-keys FILE`` (one ``NAME:KEY[:PER_MINUTE]`` line per client).
Models load on the first request for their direction (or at start with
``--preload``) and stay loaded. ``--ray`` serves the same API from Ray Serve
replicas, each with its own models (needs the ``ray`` extra).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import ExitCode, UsageError
from ..languages import normalize
from .translate import add_engine_options, engine_settings, load_glossary, parse_models

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add ``transkit serve`` and its options to ``subparsers``."""
    parser = subparsers.add_parser(
        "serve",
        help="serve translation and checks over HTTP (LibreTranslate API)",
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n")[1],
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    parser.add_argument("--port", type=int, default=5000, help="port (default: 5000, as LibreTranslate)")
    parser.add_argument("--directions", metavar="LIST", help="directions to serve, e.g. en-ko,ko-en (default: all six)")
    parser.add_argument(
        "--model", action="append", default=[], metavar="DIRECTION=M", help="model for one direction; repeatable"
    )
    parser.add_argument(
        "--glossary", action="append", metavar="PATH", help="glossary file or folder (repeatable); enables glossary="
    )
    parser.add_argument("--api-keys", metavar="FILE", help="API keys file: NAME:KEY[:PER_MINUTE] per line")
    parser.add_argument("--rate-limit", type=int, default=0, metavar="N", help="requests a minute per client (0: none)")
    parser.add_argument("--char-limit", type=int, default=20_000, metavar="N", help="characters per request")
    parser.add_argument("--max-body", type=int, default=1024 * 1024, metavar="BYTES", help="request body size limit")
    parser.add_argument("--queue", type=int, default=256, metavar="N", help="requests waiting per direction before 429")
    parser.add_argument(
        "--batch-wait-ms", type=float, default=30.0, metavar="MS", help="under load, wait this long to fill a batch"
    )
    parser.add_argument("--tm", metavar="FILE", help="translation memory (SQLite) used as a cache")
    parser.add_argument("--preload", action="store_true", help="load every direction's model at start")
    parser.add_argument("--no-access-log", action="store_true", help="no JSON access-log line per request on stderr")
    parser.add_argument(
        "--drain-seconds", type=float, default=0.0, help="on SIGTERM, answer 503 this long first (not with --ray)"
    )
    parser.add_argument("--ray", action="store_true", help="serve from Ray Serve replicas (the ray extra)")
    parser.add_argument("--replicas", type=int, default=1, metavar="N", help="with --ray: copies of the service")
    parser.add_argument("--replica-cpus", type=float, default=1.0, metavar="N", help="with --ray: CPUs Ray gives each")
    parser.add_argument(
        "--ray-address",
        metavar="ADDRESS",
        help="with --ray: join this cluster (default: RAY_ADDRESS, else a local Ray)",
    )
    add_engine_options(parser)
    parser.set_defaults(run=run)


def _directions(value: str | None) -> tuple[tuple[str, str], ...]:
    from ..serve.app import ALL_DIRECTIONS

    if not value:
        return ALL_DIRECTIONS
    pairs = []
    for item in value.split(","):
        source, sep, target = item.strip().partition("-")
        if not sep or normalize(source) == normalize(target):
            raise UsageError(f"bad direction {item!r}", hint="use SOURCE-TARGET pairs such as en-ko,ko-en")
        pairs.append((normalize(source), normalize(target)))
    return tuple(dict.fromkeys(pairs))


def run(args: argparse.Namespace) -> int:
    """Serve translation and checks over HTTP until interrupted; returns the exit code."""
    try:
        from ..serve import ApiKeys, ServeConfig, create_app, read_keys, run_server
    except ImportError as err:
        raise UsageError(
            f"the service needs {err.name}", hint="install the serve extra: pip install 'transkit[serve]'"
        ) from err
    from ..hosts import is_loopback
    from ..translator import Translator

    keys = read_keys(args.api_keys) if args.api_keys else ApiKeys({})
    if not keys and not is_loopback(args.host):
        raise UsageError(
            f"binding to {args.host} lets other machines use the service, so it needs API keys",
            hint="give --api-keys FILE, or bind to 127.0.0.1",
        )
    settings = engine_settings(args)
    single, models = parse_models(args.model, "en", "ko")
    if single is not None:
        raise UsageError("--model needs a direction here", hint="use DIRECTION=M, e.g. --model en-ko=DIR")
    config = ServeConfig(
        lambda source, target: Translator(source, target, models=models, settings=settings),
        directions=_directions(args.directions),
        glossary=load_glossary(args.glossary, None),
        keys=keys,
        rate_limit=args.rate_limit,
        max_chars=args.char_limit,
        max_body=args.max_body,
        max_queue=args.queue,
        batch_tokens=settings.batch_tokens,
        batch_wait=args.batch_wait_ms / 1000,
        tm=args.tm,
        preload=args.preload,
    )
    shown = f"[{args.host}]" if ":" in args.host else args.host
    if args.ray:
        return _run_on_ray(args, config, shown)
    if not args.no_access_log:
        _log_access_to_stderr()
    print(f"transkit serve: http://{shown}:{args.port}/ (Ctrl-C stops it)", file=sys.stderr)
    run_server(create_app(config), host=args.host, port=args.port, drain_seconds=args.drain_seconds)
    return ExitCode.OK


def _run_on_ray(args: argparse.Namespace, config: Any, shown: str) -> int:
    if args.replicas < 1 or args.replica_cpus <= 0:
        raise UsageError("--replicas and --replica-cpus must be positive", hint="e.g. --replicas 2 --replica-cpus 1")
    if args.drain_seconds:
        raise UsageError(
            "--drain-seconds does not apply with --ray",
            hint="Ray Serve drains its replicas itself when it shuts down; leave out --drain-seconds",
        )
    try:
        import ray.serve  # noqa: F401
    except ImportError as err:
        raise UsageError(f"--ray needs {err.name}", hint="install the ray extra: pip install 'transkit[ray]'") from err
    from ..serve.ray_serve import run_on_ray

    print(f"transkit serve: http://{shown}:{args.port}/ on Ray Serve, {args.replicas} replica(s) (Ctrl-C stops it)",
          file=sys.stderr)  # fmt: skip
    run_on_ray(
        config, host=args.host, port=args.port, replicas=args.replicas, cpus=args.replica_cpus, address=args.ray_address
    )
    return ExitCode.OK


def _log_access_to_stderr() -> None:
    """One JSON line per request on stderr, whatever the -v level."""
    import logging

    from ..serve.guard import access_log

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    access_log.addHandler(handler)
    access_log.setLevel(logging.INFO)
    access_log.propagate = False
