"""``--engine ray``: a local 2-CPU Ray runs the job with a tiny model and the glossary enforced, and matches the
local engine byte for byte, enforcement reports included."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'transkit[ray]')")

from transkit.jobs.display import JobDisplay  # noqa: E402
from transkit.jobs.job import Job  # noqa: E402
from transkit.jobs.ray_runner import RayBackend  # noqa: E402
from transkit.jobs.runner import run_job  # noqa: E402

pytestmark = [pytest.mark.ray, pytest.mark.slow]


def read_outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted((out / "ko").rglob("*.json"))}


def test_ray_job_matches_local_and_shares_the_memory(tiny_model, tmp_path):
    from transkit.data import __file__ as data_init

    corpus = Path(data_init).with_name("toy_corpus.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in corpus if line.strip() and not line.startswith("#")]
    english = [row[0] for row in rows[1:9]]  # rows[0] is the header
    src = tmp_path / "src"
    src.mkdir()
    (src / "en.json").write_text(json.dumps({f"s{i}": s for i, s in enumerate(english)}, indent=2), encoding="utf-8")
    model = str(tiny_model("en-multi"))
    options = {"root": src, "model": model, "glossary": (str(Path(__file__).parents[1] / "glossaries"),),
               "date": datetime.date(2024, 3, 1)}
    local = Job(sources=(str(src),), targets=("ko",), out=tmp_path / "local", **options)
    first = run_job(local, display=JobDisplay(quiet=True))
    assert sum(e.required for f in first.files for _, e in f.enforcement) > 0  # Seoul, Washington, Hanoi

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        job = Job(sources=(str(src),), targets=("ko",), out=tmp_path / "ray", engine="ray", chunk=3, **options)
        summary = run_job(job, backend=RayBackend(job, actors=2), display=JobDisplay(quiet=True))
        assert summary.total("translated") == len(english)
        again = run_job(job, backend=RayBackend(job, actors=2), display=JobDisplay(quiet=True))
        assert again.total("from_memory") == len(english) and again.total("translated") == 0
    finally:
        ray.shutdown()
    assert read_outputs(tmp_path / "ray") == read_outputs(tmp_path / "local")
    assert summary.files[0].enforcement == first.files[0].enforcement
