"""Throughput of ``transkit serve`` under concurrent load, next to the offline batch throughput of the same engine.

Builds a random-init Marian model (``--size tiny``: 2+2 layers, d_model 64; ``base``: the OPUS-MT shape, 6+6
layers, d_model 512; or takes ``--model DIR``),
starts the real server (``transkit serve``, uvicorn, in a subprocess on 127.0.0.1) and drives it with 1, 8, 32
and 128 concurrent clients, each sending one sentence per request. In the same run, the same sentences go
through ``Translator.translate_batch`` (offline batch) and one by one through ``Translator.translate`` (direct
call), with the same engine options. Prints requests/s, source tokens/s, p50/p95/p99 latency, the mean
number of requests per engine batch, the share of the time the engine was busy with a batch, and the CPU time per
request of the server (from its ``/metrics``) and of the load generator (aiohttp by default, ``--client httpx`` for
the heavier one); the offline rows give the CPU time per request of ``translate_batch`` (engine threads
included); "vs offline" is the share of the faster of the two offline runs (one before the levels, one after).
Then one client's latency, served and direct in turn on the same sentences (``--paired``), and the offline
throughput in batches of the sizes the server formed. The load generator runs in this
process, the server in its own: both share the machine's cores, so under a shared machine's changing load the CPU
figures are the steadier ones.

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
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Driven:
    """One load level: wall seconds, the latency of each finished request, CPU seconds of the load generator."""

    seconds: float
    latencies: list[float]
    cpu: float


async def drive(url: str, texts: list[str], clients: int, deadline: float, *, client: str = "aiohttp") -> Driven:
    """Send every text once, ``clients`` at a time, with the ``client`` library; what finished by ``deadline``."""
    queue = list(reversed(texts))
    latencies: list[float] = []
    body = {"source": "en", "target": "ko"}

    async def loop(post: Callable[[str], Awaitable[None]]) -> None:
        while queue and time.monotonic() < deadline:
            text = queue.pop()
            started = time.perf_counter()
            await post(text)
            latencies.append(time.perf_counter() - started)

    cpu, started = time.process_time(), time.perf_counter()
    if client == "httpx":
        import httpx

        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as http:

            async def post(text: str) -> None:
                (await http.post("/translate", json={"q": text, **body})).raise_for_status()

            await asyncio.gather(*(loop(post) for _ in range(clients)))
    else:
        import aiohttp

        connector = aiohttp.TCPConnector(limit=clients)
        timeout = aiohttp.ClientTimeout(total=120)
        async with aiohttp.ClientSession(url, connector=connector, timeout=timeout, raise_for_status=True) as http:

            async def post(text: str) -> None:
                async with http.post("/translate", json={"q": text, **body}) as reply:
                    await reply.read()

            await asyncio.gather(*(loop(post) for _ in range(clients)))
    return Driven(time.perf_counter() - started, latencies, time.process_time() - cpu)


def server_totals(url: str) -> dict[str, float]:
    """The server's totals so far, from its Prometheus metrics: engine requests, batches, batch seconds, CPU seconds."""
    import httpx
    from prometheus_client.parser import text_string_to_metric_families

    wanted = {
        "transkit_batch_requests_sum": "requests",
        "transkit_batch_requests_count": "batches",
        "transkit_batch_seconds_sum": "engine_seconds",
        "process_cpu_seconds_total": "cpu",  # Linux only (prometheus-client's process collector)
    }
    totals = dict.fromkeys(wanted.values(), 0.0)
    for family in text_string_to_metric_families(httpx.get(f"{url}/metrics").text):
        for sample in family.samples:
            if sample.name in wanted:
                totals[wanted[sample.name]] = sample.value
    return totals


def offline_rate(translator, texts: list[str], size: int) -> tuple[float, float]:
    """Requests/s and CPU seconds per request of ``translate_batch`` over ``texts`` in batches of ``size``."""
    cpu, started = time.process_time(), time.perf_counter()
    for i in range(0, len(texts), size):
        translator.translate_batch(texts[i : i + size])
    return len(texts) / (time.perf_counter() - started), (time.process_time() - cpu) / len(texts)


def measure_offline(translator, texts: list[str], direct_count: int) -> tuple[float, float, list[float]]:
    """Seconds and CPU seconds (this process, the engine's threads included) for ``translate_batch`` of all texts,
    and the latency of ``translate`` on each of the first few."""
    cpu, started = time.process_time(), time.perf_counter()
    translator.translate_batch(texts)
    offline, offline_cpu = time.perf_counter() - started, time.process_time() - cpu
    direct: list[float] = []
    for text in texts[:direct_count]:
        started = time.perf_counter()
        translator.translate(text)
        direct.append(time.perf_counter() - started)
    return offline, offline_cpu, direct


def paired_latency(url: str, translator, texts: list[str]) -> tuple[list[float], list[float]]:
    """Latency of one served request and of one direct ``translate`` call of the same sentence, taken in turn.

    Alternating the two, one at a time, puts both under the same load at the same moment, so the machine's drift
    (which moves separate runs by tens of percent) falls out of their ratio. The client is the standard library's
    ``http.client`` on one kept-alive connection, about the least a CMS client can add.
    """
    import http.client
    import json
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    headers = {"Content-Type": "application/json"}
    served: list[float] = []
    direct: list[float] = []
    for text in texts:
        body = json.dumps({"q": text, "source": "en", "target": "ko"})
        started = time.perf_counter()
        connection.request("POST", "/translate", body=body, headers=headers)
        reply = connection.getresponse()
        reply.read()
        served.append(time.perf_counter() - started)
        if reply.status != 200:
            raise SystemExit(f"/translate answered {reply.status}")
        started = time.perf_counter()
        translator.translate(text)
        direct.append(time.perf_counter() - started)
    connection.close()
    return served, direct


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
    parser.add_argument("--paired", type=int, default=32, help="sentences timed served and direct in turn (0: none)")
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds per level at most")
    parser.add_argument(
        "--client", choices=("aiohttp", "httpx"), default="aiohttp", help="HTTP library of the load generator"
    )
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

    offline, offline_cpu, direct = measure_offline(translator, texts, args.direct)

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
        warm = drive(url, texts[:8], 1, time.monotonic() + 60, client=args.client)
        asyncio.run(warm)  # warms the connection and the server's model

        print(f"engine {args.engine}, model {Path(model).name}, {len(texts)} sentences, {tokens} source tokens, "
              f"beam 1, max length {args.max_length}, batch wait {args.batch_wait_ms:g} ms\n")  # fmt: skip
        print("| mode | clients | requests/s | tokens/s | vs offline | p50 ms | p95 ms | p99 ms | requests/batch "
              "| engine busy | CPU ms/request | client CPU ms/request |")  # fmt: skip
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        served: list[tuple[int, Driven, dict[str, float]]] = []
        for clients in args.clients:
            before = server_totals(url)
            run = asyncio.run(drive(url, texts, clients, time.monotonic() + args.time_limit, client=args.client))
            after = server_totals(url)
            served.append((clients, run, {key: after[key] - before[key] for key in after}))
        paired = paired_latency(url, translator, texts[: args.paired]) if args.paired else None
        later = measure_offline(translator, texts, args.direct)  # the load on the machine may have changed
        best = len(texts) / min(offline, later[0])  # the share is taken of the faster of the two offline runs

        for clients, run, delta in served:
            done, rate = len(run.latencies), len(run.latencies) / run.seconds
            p50, p95, p99 = (1000 * percentile(run.latencies, q) for q in (50, 95, 99))
            print(f"| transkit serve (HTTP) | {clients} | {rate:.1f} | {tokens * done / len(texts) / run.seconds:.0f} "
                  f"| {100 * rate / best:.0f}% | {p50:.1f} | {p95:.1f} | {p99:.1f} "
                  f"| {delta['requests'] / max(1.0, delta['batches']):.1f} "
                  f"| {100 * delta['engine_seconds'] / run.seconds:.0f}% | {1000 * delta['cpu'] / done:.1f} "
                  f"| {1000 * run.cpu / done:.1f} |")  # fmt: skip
        for when, (seconds, cpu, latencies) in (("before", (offline, offline_cpu, direct)), ("after", later)):
            d50, d95, d99 = (1000 * percentile(latencies, q) for q in (50, 95, 99))
            print(f"| offline batch, {when} (Translator.translate_batch) | – | {len(texts) / seconds:.1f} "
                  f"| {tokens / seconds:.0f} | {100 * len(texts) / seconds / best:.0f}% | – | – | – | – | – "
                  f"| {1000 * cpu / len(texts):.1f} | – |")  # fmt: skip
            print(f"| direct call, {when} (Translator.translate) | 1 | {len(latencies) / sum(latencies):.1f} | – | – "
                  f"| {d50:.1f} | {d95:.1f} | {d99:.1f} | – | – | – | – |")  # fmt: skip
        if paired:
            served_ms, direct_ms = ([1000 * x for x in xs] for xs in paired)
            ratio = statistics.median(a / b for a, b in zip(served_ms, direct_ms, strict=True))
            print(f"\none client, {len(served_ms)} sentences served and called directly in turn: served p50 "
                  f"{statistics.median(served_ms):.1f} ms, direct p50 {statistics.median(direct_ms):.1f} ms, "
                  f"served/direct median {ratio:.2f}")  # fmt: skip
        # the offline throughput at the batch sizes the server formed: what batching alone leaves of the offline one
        print("\n| clients | requests/batch served | offline requests/s in batches of that size | vs offline "
              "| CPU ms/request |")  # fmt: skip
        print("|---:|---:|---:|---:|---:|")
        for clients, _, delta in served:
            size = delta["requests"] / max(1.0, delta["batches"])
            rate, cpu = offline_rate(translator, texts, max(1, round(size)))
            print(f"| {clients} | {size:.1f} | {rate:.1f} | {100 * rate / best:.0f}% | {1000 * cpu:.1f} |")
    finally:
        server.terminate()
        server.wait(30)
        scratch.cleanup()


if __name__ == "__main__":
    main()
