"""Throughput of ``transkit serve`` under concurrent load, next to the offline batch throughput of the same engine.

Builds a random-init Marian model (``--size tiny``: 2+2 layers, d_model 64; ``base``: the OPUS-MT shape, 6+6
layers, d_model 512; or takes ``--model DIR``),
starts the real server (``transkit serve``, uvicorn, in a subprocess on 127.0.0.1) and drives it with 1, 8, 32
and 128 concurrent clients, each sending one sentence per request. In the same run, the same sentences go
through ``Translator.translate_batch`` (offline batch) and one by one through ``Translator.translate`` (direct
call), with the same engine options. Prints requests/s, source tokens/s, p50/p95/p99 latency and the mean
number of requests per engine batch (from the server's ``/metrics``).

    PYTHONPATH=src python benchmarks/serve.py                          # ct2, tiny model, 256 requests per level
    PYTHONPATH=src python benchmarks/serve.py --size base --requests 128 --clients 1 8 32
    PYTHONPATH=src python benchmarks/serve.py --size base --requests 128 --clients 32 --direct 4   # 32 only, quicker
    PYTHONPATH=src python benchmarks/serve.py --engine transformers --requests 128 --clients 1 8 32
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SUBJECTS = ("The two ministers", "The delegation", "The spokesperson", "The committee", "The president's envoy")
VERBS = ("met in Seoul", "spoke in Hanoi", "arrived on Tuesday", "left for Washington", "signed the agreement")
SIZES = {"tiny": {"d_model": 64, "layers": 2}, "base": {"d_model": 512, "layers": 6}}
ENDINGS = ("after the talks", "on Monday morning", "as expected", "despite the delay", "for the first time")


def sentences(count: int) -> list[str]:
    """``count`` distinct news-like sentences (subject, verb, ending, and a numbered report)."""
    out = []
    for i in range(count):
        s, v, e = SUBJECTS[i % 5], VERBS[(i // 5) % 5], ENDINGS[(i // 25) % 5]
        out.append(f"{s} {v} {e}, report {i} said.")
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


async def drive(url: str, texts: list[str], clients: int, deadline: float) -> tuple[float, list[float]]:
    """Send every text once, ``clients`` at a time; returns (seconds, latencies) of the requests that finished."""
    import httpx

    queue = list(reversed(texts))
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(http: httpx.AsyncClient) -> None:
        while queue and time.monotonic() < deadline:
            text = queue.pop()
            started = time.perf_counter()
            reply = await http.post("/translate", json={"q": text, "source": "en", "target": "ko"})
            reply.raise_for_status()
            latencies.append(time.perf_counter() - started)

    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        return time.perf_counter() - started, latencies


def batch_totals(url: str) -> tuple[float, float]:
    """(requests, batches) the server's engine has run so far, from its Prometheus metrics."""
    import httpx
    from prometheus_client.parser import text_string_to_metric_families

    totals = {}
    for family in text_string_to_metric_families(httpx.get(f"{url}/metrics").text):
        for sample in family.samples:
            if sample.name in ("transkit_batch_requests_sum", "transkit_batch_requests_count"):
                totals[sample.name] = sample.value
    return totals["transkit_batch_requests_sum"], totals["transkit_batch_requests_count"]


def measure_offline(translator, texts: list[str], direct_count: int) -> tuple[float, list[float]]:
    """Seconds for ``translate_batch`` of all texts, and the latency of ``translate`` on each of the first few."""
    started = time.perf_counter()
    translator.translate_batch(texts)
    offline = time.perf_counter() - started
    direct: list[float] = []
    for text in texts[:direct_count]:
        started = time.perf_counter()
        translator.translate(text)
        direct.append(time.perf_counter() - started)
    return offline, direct


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("ct2", "transformers"), default="ct2")
    parser.add_argument("--model", help="a Marian model folder (default: a random-init model built now)")
    parser.add_argument("--size", choices=SIZES, default="tiny", help="shape of the model built (default: tiny)")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32, 128])
    parser.add_argument("--requests", type=int, default=256, help="requests per concurrency level")
    parser.add_argument("--max-length", type=int, default=32, help="target tokens per sentence")
    parser.add_argument("--batch-wait-ms", type=float, default=30.0)
    parser.add_argument("--direct", type=int, default=64, help="sentences timed one by one (direct call)")
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds per level at most")
    args = parser.parse_args()

    from transkit.config import Settings
    from transkit.translator import Translator

    scratch = tempfile.TemporaryDirectory(prefix="transkit-bench-serve-")
    os.environ.setdefault("TRANSKIT_CACHE", str(Path(scratch.name) / "cache"))
    model = args.model
    if model is None:
        from transkit.testing import build_tiny_marian

        folder = Path(scratch.name) / f"random-{args.size}"
        model = str(build_tiny_marian(folder, source="en", targets=("ko",), **SIZES[args.size]))
    settings = Settings().with_options(kind=args.engine, beam=1, max_length=args.max_length, threads=1)
    translator = Translator("en", "ko", models={"en-ko": model}, settings=settings)
    texts = sentences(args.requests)
    translator.translate_batch(texts[:8])  # load and warm up
    tokens = sum(translator.engine.count_tokens(t) for t in texts)

    offline, direct = measure_offline(translator, texts, args.direct)

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "transkit", "serve", "--port", str(port), "--directions", "en-ko",
        "--model", f"en-ko={model}", "--engine", args.engine, "--beam", "1", "--max-length", str(args.max_length),
        "--threads", "1", "--batch-wait-ms", str(args.batch_wait_ms), "--queue", str(max(args.clients) * 2),
        "--preload",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL)
    try:
        import httpx

        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{url}/ready").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not become ready")
            time.sleep(0.2)
        asyncio.run(drive(url, texts[:8], 1, time.monotonic() + 60))  # warm the connection and the server's model

        print(f"engine {args.engine}, model {Path(model).name}, {len(texts)} sentences, {tokens} source tokens, "
              f"beam 1, max length {args.max_length}, batch wait {args.batch_wait_ms:g} ms\n")  # fmt: skip
        print("| mode | clients | requests/s | tokens/s | vs offline | p50 ms | p95 ms | p99 ms | requests/batch |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for clients in args.clients:
            requests_before, batches_before = batch_totals(url)
            seconds, latencies = asyncio.run(drive(url, texts, clients, time.monotonic() + args.time_limit))
            requests_after, batches_after = batch_totals(url)
            per_batch = (requests_after - requests_before) / max(1.0, batches_after - batches_before)
            done_tokens = tokens * len(latencies) / len(texts)
            p50, p95, p99 = (1000 * percentile(latencies, q) for q in (50, 95, 99))
            share = (len(latencies) / seconds) / (len(texts) / offline)  # against the offline run before the levels
            print(f"| transkit serve (HTTP) | {clients} | {len(latencies) / seconds:.1f} | {done_tokens / seconds:.0f} "
                  f"| {100 * share:.0f}% | {p50:.1f} | {p95:.1f} | {p99:.1f} | {per_batch:.1f} |")  # fmt: skip
        later_offline, later_direct = measure_offline(translator, texts, args.direct)  # the load may have changed
        for when, seconds, latencies in (("before", offline, direct), ("after", later_offline, later_direct)):
            d50, d95, d99 = (1000 * percentile(latencies, q) for q in (50, 95, 99))
            print(f"| offline batch, {when} (Translator.translate_batch) | – | {len(texts) / seconds:.1f} "
                  f"| {tokens / seconds:.0f} | {100 * offline / seconds:.0f}% | – | – | – | – |")  # fmt: skip
            print(f"| direct call, {when} (Translator.translate) | 1 | {len(latencies) / sum(latencies):.1f} | – | – "
                  f"| {d50:.1f} | {d95:.1f} | {d99:.1f} | – |")  # fmt: skip
    finally:
        server.terminate()
        server.wait(30)
        scratch.cleanup()


if __name__ == "__main__":
    main()
