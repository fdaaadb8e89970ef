"""Prometheus metrics of the service (prometheus-client), in a registry of its own per application.

Requests and their latency per endpoint and status, batch sizes (requests and
tokens per engine batch), queue depth per direction, tokens translated (its
``rate()`` is tokens/s), translation-memory hits, and the process's own CPU and memory (``process_*``, on
Linux: ``rate(process_cpu_seconds_total)`` is the cores the service uses).
"""

from __future__ import annotations

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    ProcessCollector,
    generate_latest,
)

__all__ = ["CONTENT_TYPE_LATEST", "Metrics"]

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
_SIZE_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256)
_TOKEN_BUCKETS = (16, 64, 256, 1024, 2048, 4096, 8192, 16384)


class Metrics:
    """The service's metrics; :meth:`render` gives the text exposition format."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter("transkit_requests", "HTTP requests", ("endpoint", "status"), registry=r)
        self.latency = Histogram(
            "transkit_request_seconds", "Request latency", ("endpoint",), buckets=_LATENCY_BUCKETS, registry=r
        )
        self.batch_requests = Histogram(
            "transkit_batch_requests", "Requests per engine batch", ("direction",), buckets=_SIZE_BUCKETS, registry=r
        )
        self.batch_tokens = Histogram(
            "transkit_batch_tokens",
            "Source tokens per engine batch",
            ("direction",),
            buckets=_TOKEN_BUCKETS,
            registry=r,
        )
        self.batch_seconds = Histogram(
            "transkit_batch_seconds", "Engine time per batch", ("direction",), buckets=_LATENCY_BUCKETS, registry=r
        )
        self.tokens = Counter("transkit_tokens", "Source tokens translated", ("direction",), registry=r)
        self.queue_depth = Gauge("transkit_queue_depth", "Requests waiting for a batch", ("direction",), registry=r)
        self.tm_hits = Counter(
            "transkit_tm_hits", "Texts served from the translation memory", ("direction",), registry=r
        )
        ProcessCollector(registry=r)

    def batch(self, direction: str, costs: list[int], seconds: float) -> None:
        """Record one engine batch: its requests, tokens and time."""
        self.batch_requests.labels(direction).observe(len(costs))
        self.batch_tokens.labels(direction).observe(sum(costs))
        self.batch_seconds.labels(direction).observe(seconds)
        self.tokens.labels(direction).inc(sum(costs))

    def render(self) -> bytes:
        """The metrics in the Prometheus text format."""
        return generate_latest(self.registry)
