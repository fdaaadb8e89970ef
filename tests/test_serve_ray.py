"""``transkit serve --ray``: two Ray Serve replicas of a tiny ko-en model on a local 2-CPU Ray, called over HTTP.

One Ray for the module. The replicas answer the API of the plain service (the same application), each request
with its own translations in order, and requests are spread over both replicas (``X-Transkit-Replica``).
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'transkit[ray]')")
pytest.importorskip("ray.serve", reason="Ray Serve is not installed (pip install 'transkit[ray]')")
httpx = pytest.importorskip("httpx")

from starlette.testclient import TestClient  # noqa: E402

from transkit.glossary import load  # noqa: E402
from transkit.serve import ServeConfig, create_app  # noqa: E402
from transkit.serve.ray_serve import application  # noqa: E402
from transkit.translator import Translator  # noqa: E402

pytestmark = [pytest.mark.ray, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
KO_EN = {
    "두 장관은 서울에서 만났다.": "The two ministers met in Seoul.",
    "회담은 두 시간 동안 이어졌다.": "The talks lasted two hours.",
}
CHECKED = "커트 캠벨 국무장관이 2024년 3월 3일 서울에 도착했다."  # he was 국무부 부장관 (deputy) on that date


@pytest.fixture(scope="module")
def config(tiny_model) -> ServeConfig:
    factory = partial(Translator, models={"ko-en": str(tiny_model("ko-en"))})  # pickled by reference to Translator
    return ServeConfig(factory, directions=(("ko", "en"),), glossary=load([ROOT / "glossaries"]), preload=True)


@pytest.fixture(scope="module")
def url(config: ServeConfig) -> Iterator[str]:
    from ray import serve

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        serve.start(http_options={"host": "127.0.0.1", "port": port})
        serve.run(application(config, replicas=2, cpus=1), name="transkit", route_prefix="/")
        yield f"http://127.0.0.1:{port}"
    finally:
        serve.shutdown()
        ray.shutdown()


async def translate_concurrently(url: str, requests: int) -> list[httpx.Response]:
    sources = list(KO_EN)
    async with httpx.AsyncClient(base_url=url, timeout=120) as http:
        return await asyncio.gather(
            *(
                http.post("/translate", json={"q": sources[i % 2 :] + sources[: i % 2], "source": "ko",
                                               "target": "en", "glossary": "off"})
                for i in range(requests)
            )
        )  # fmt: skip


def test_two_replicas_translate_each_request_in_order(url: str) -> None:
    answers = asyncio.run(translate_concurrently(url, 24))
    sources = list(KO_EN)
    for i, answer in enumerate(answers):
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"translatedText": [KO_EN[s] for s in sources[i % 2 :] + sources[: i % 2]]}
    assert len({answer.headers["x-transkit-replica"] for answer in answers}) == 2
    health = httpx.get(f"{url}/health").json()
    assert health["status"] == "ok" and health["replica"] in {a.headers["x-transkit-replica"] for a in answers}


def test_check_answers_as_the_plain_service(url: str, config: ServeConfig) -> None:
    over_ray = httpx.post(f"{url}/check", json={"text": CHECKED, "date": "2024-03-03"}, timeout=120)
    with TestClient(create_app(config)) as client:
        local = client.post("/check", json={"text": CHECKED, "date": "2024-03-03"})
    assert over_ray.status_code == 200
    assert over_ray.json() == local.json()
    assert [f["check"] for f in over_ray.json()["findings"]] == ["title-role-mismatch"]


def test_cli_hands_ray_a_config_it_can_ship_to_the_replicas(monkeypatch, tiny_model) -> None:
    import cloudpickle

    from transkit.cli import main
    from transkit.serve import ray_serve

    seen: dict = {}
    monkeypatch.setattr(ray_serve, "run_on_ray", lambda config, **options: seen.update(config=config, **options))
    model = str(tiny_model("ko-en"))
    assert main(["serve", "--ray", "--replicas", "3", "--directions", "ko-en", "--model", f"ko-en={model}"]) == 0
    assert {k: seen[k] for k in ("replicas", "cpus", "port", "address")} == {
        "replicas": 3, "cpus": 1.0, "port": 5000, "address": None
    }  # fmt: skip
    shipped = cloudpickle.loads(cloudpickle.dumps(seen["config"]))  # as Ray ships it to each replica
    assert shipped.directions == (("ko", "en"),)
    assert shipped.factory("ko", "en").translate("두 장관은 서울에서 만났다.") == "The two ministers met in Seoul."
