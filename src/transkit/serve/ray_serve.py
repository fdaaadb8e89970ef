"""``transkit serve --ray``: the same application as a Ray Serve deployment (needs the ``ray`` extra).

Each replica builds the application of :func:`~transkit.serve.create_app` from the
same :class:`~transkit.serve.ServeConfig` (``serve.ingress`` with a builder, run
on the replica), so the API is the one ``transkit serve`` answers. Each replica
loads its own models and batches its own requests; Ray Serve's proxy spreads
requests over the replicas. Every answer names its replica in the
``X-Transkit-Replica`` header (and ``/health`` in ``"replica"``); ``/metrics``
is the answering replica's.

Ray is imported only when these functions run, so plain ``transkit serve`` never loads it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .app import ServeConfig, create_app

if TYPE_CHECKING:
    from ray.serve import Application
    from starlette.applications import Starlette

__all__ = ["application", "run_on_ray"]

NAME = "transkit"


def application(config: ServeConfig, *, replicas: int = 1, cpus: float = 1.0) -> Application:
    """The Ray Serve application: ``replicas`` copies of the service, each given ``cpus`` CPUs by Ray.

    A replica takes up to ``config.max_queue`` requests at once (Ray Serve's default is 5), so its own
    batcher, not Ray's, decides how requests are gathered into engine batches.
    """
    from ray import serve

    def build() -> Starlette:  # runs on the replica, where its id is known
        return create_app(replace(config, replica=serve.get_replica_context().replica_id.unique_id))

    deployment = serve.deployment(
        name=NAME,
        num_replicas=replicas,
        max_ongoing_requests=config.max_queue,
        ray_actor_options={"num_cpus": cpus},
    )(serve.ingress(build)())
    return deployment.bind()


def run_on_ray(
    config: ServeConfig, *, host: str, port: int, replicas: int, cpus: float, address: str | None = None
) -> None:
    """Start (or join, with ``address``) a Ray cluster and serve on ``host:port`` until Ctrl-C."""
    import ray
    from ray import serve

    ray.init(address=address, include_dashboard=False)
    try:
        serve.start(http_options={"host": host, "port": port})
        serve.run(application(config, replicas=replicas, cpus=cpus), name=NAME, route_prefix="/", blocking=True)
    except KeyboardInterrupt:
        pass
    finally:
        serve.shutdown()
        ray.shutdown()
