"""``--engine ray``: the same job on Ray Data (extra ``transkit[ray]``).

Missing texts become a Ray dataset; ``map_batches`` runs them through a pool
of actors (:class:`ray.data.ActorPoolStrategy`), each loading one model once
and using a GPU when the cluster has them. Finished batches stream back to the
driver, which commits them to the same translation memory as the local
engine, so a killed Ray job resumes exactly like a local one. Connects to
``--ray-address`` when given, else starts a local Ray (or uses one already
started in the process).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from ..errors import UsageError
from ..formats import Text
from .job import Job
from .translators import build_translator
from .work import translate_chunk

__all__ = ["RayBackend", "TranslateActor"]


class TranslateActor:
    """One model per actor: built once, then called with batches of ``{"i", "text", "spans"}``."""

    def __init__(self, job: Job, source: str, target: str) -> None:
        self.translator = build_translator(job, source, target)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        """Translate one batch; returns its indices, outputs and enforcement reports as arrays."""
        import numpy as np

        cores = [
            Text(str(t), tuple(tuple(s) for s in json.loads(str(p)))) for t, p in zip(batch["text"], batch["spans"])
        ]
        outputs, reports = translate_chunk(self.translator, cores)
        return {
            "i": np.asarray(batch["i"]),
            "out": np.asarray(outputs, dtype=object),
            "report": np.asarray(reports, dtype=object),
        }


class RayBackend:
    """Translates on Ray Data; ``actors`` defaults to one per GPU, else one per two CPUs."""

    def __init__(self, job: Job, *, actors: int | None = None) -> None:
        try:
            import ray  # noqa: F401
        except ImportError:
            raise UsageError("--engine ray needs Ray", hint='pip install "transkit[ray]"') from None
        self.job, self.actors = job, actors

    def signature(self, source: str, target: str) -> str:
        """The signature of the translator for this direction, as the workers build it."""
        return build_translator(self.job, source, target).signature

    def _connect(self) -> tuple[int, bool]:
        import ray

        if not ray.is_initialized():
            ray.init(address=self.job.ray_address, include_dashboard=False, log_to_driver=False)
        resources = ray.cluster_resources()
        gpus = int(resources.get("GPU", 0))
        actors = self.actors or (gpus if gpus else max(1, int(resources.get("CPU", 1)) // 2))
        return actors, bool(gpus)

    def translate(
        self, source: str, target: str, cores: Sequence[Text], *, chunk: int
    ) -> Iterator[tuple[list[int], list[str], list[str]]]:
        """Translate ``cores`` on the Ray workers in chunks, yielding each chunk's results as it finishes."""
        if not cores:
            return
        import ray

        actors, gpu = self._connect()
        items = [{"i": i, "text": c.text, "spans": json.dumps(c.protected)} for i, c in enumerate(cores)]
        dataset = ray.data.from_items(items).map_batches(
            TranslateActor,
            fn_constructor_kwargs={"job": self.job, "source": source, "target": target},
            batch_size=chunk,
            compute=ray.data.ActorPoolStrategy(min_size=1, max_size=actors),
            num_gpus=1 if gpu else 0,
            batch_format="numpy",
        )
        for batch in dataset.iter_batches(batch_size=None, batch_format="numpy"):
            yield [int(i) for i in batch["i"]], [str(o) for o in batch["out"]], [str(r) for r in batch["report"]]
