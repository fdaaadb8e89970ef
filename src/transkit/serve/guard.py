"""The ASGI middleware around every request: 503 while draining, metrics, and one JSON access-log line.

The log line names the client by its API key's name (or its address), never by the key. A service that runs as
one of several replicas (Ray Serve) names itself in an ``X-Transkit-Replica`` header on every answer.
"""

from __future__ import annotations

import datetime
import json
import logging
import time
from collections.abc import Callable, Collection

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .metrics import Metrics
from .protocol import error_response

__all__ = ["CLIENT_KEY", "REPLICA_HEADER", "Guard", "access_log"]

access_log = logging.getLogger("transkit.serve.access")

REPLICA_HEADER = "X-Transkit-Replica"

CLIENT_KEY = "transkit.client"
"""Where a route records, in the ASGI scope, the name of the client it authorised."""


class Guard:
    """ASGI middleware: 503 while draining, the metrics and one JSON access-log line per request.

    ``replica``: this copy's name, sent in the ``X-Transkit-Replica`` header (None: no header).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        metrics: Metrics,
        draining: Callable[[], bool],
        endpoints: Collection[str],
        replica: str | None = None,
    ) -> None:
        self.app, self.metrics, self.draining, self.endpoints = app, metrics, draining, endpoints
        self.replica = [(REPLICA_HEADER.lower().encode(), replica.encode())] if replica else []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI request through the app, refused while draining, measured and logged."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, started, status = scope["path"], time.perf_counter(), 500

        async def tracked(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                if self.replica:
                    message = {**message, "headers": [*message.get("headers", ()), *self.replica]}
            await send(message)

        try:
            if self.draining() and path not in ("/health", "/ready"):
                await error_response(503, "Shutting down", {"Connection": "close"})(scope, receive, tracked)
            else:
                await self.app(scope, receive, tracked)
        finally:
            seconds = time.perf_counter() - started
            endpoint = path if path in self.endpoints else "other"
            self.metrics.requests.labels(endpoint, str(status)).inc()
            self.metrics.latency.labels(endpoint).observe(seconds)
            client = scope.get(CLIENT_KEY) or (scope["client"][0] if scope.get("client") else None)
            access_log.info(
                json.dumps(
                    {
                        "time": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds"),
                        "method": scope["method"],
                        "path": path,
                        "status": status,
                        "ms": round(1000 * seconds, 1),
                        "client": client,
                        **({"replica": self.replica[0][1].decode()} if self.replica else {}),
                    }
                )
            )
