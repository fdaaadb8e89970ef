"""Run the application under uvicorn, with a graceful shutdown.

On SIGINT or SIGTERM the service starts draining at once: ``/health`` and
``/ready`` answer 503 and every new request gets 503, while requests in
flight finish. After ``drain_seconds`` (time for a load balancer to notice)
uvicorn stops listening, waits up to ``grace_seconds`` for the requests still
running, and the service finishes its queued batches before the process exits.
"""

from __future__ import annotations

import threading
from types import FrameType

import uvicorn
from starlette.applications import Starlette

__all__ = ["run_server"]


class _DrainingServer(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, app: Starlette, drain_seconds: float) -> None:
        super().__init__(config)
        self.service, self.drain_seconds = app.state.service, drain_seconds

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self.service.draining or not self.drain_seconds:  # a second signal: stop now
            self.service.draining = True
            super().handle_exit(sig, frame)
            return
        self.service.draining = True
        timer = threading.Timer(self.drain_seconds, super().handle_exit, (sig, frame))
        timer.daemon = True
        timer.start()


def run_server(
    app: Starlette, *, host: str, port: int, drain_seconds: float = 0.0, grace_seconds: float = 30.0
) -> None:
    """Serve ``app`` (from :func:`~transkit.serve.create_app`) until a signal stops it."""
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,  # the service writes its own, structured, access log
        timeout_graceful_shutdown=int(grace_seconds),
        lifespan="on",
    )
    _DrainingServer(config, app, drain_seconds).run()
