"""``transkit serve``: a real uvicorn server on a free loopback port, called over HTTP and by LibreTranslate clients.

Most tests translate with fake engines (a phrase table written for these tests); one runs a tiny Marian model.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("prometheus_client")
pytest.importorskip("httpx")
pytest.importorskip("uvicorn")
import httpx
import uvicorn

from transkit.cli import main
from transkit.engines import DictionaryEngine, FunctionEngine
from transkit.glossary import load
from transkit.jobs.tm import TranslationMemory
from transkit.serve import ApiKeys, ServeConfig, create_app, read_keys
from transkit.serve.batching import Batcher, QueueFull
from transkit.translator import Translator

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"

# Wire-copy sentences and their translations, written for these tests.
TABLE = {
    ("en", "ko"): {
        "The two ministers met in Seoul on Tuesday.": "두 장관은 화요일 서울에서 만났다.",
        "Talks on tariffs will resume next week.": "관세 협상은 다음 주 재개된다.",
        "The ministry did not comment.": "외교부는 논평하지 않았다.",
        "Read more": "더 보기",
    },
    ("ko", "en"): {"두 장관은 화요일 서울에서 만났다.": "The two ministers met in Seoul on Tuesday."},
    ("vi", "en"): {"Hai bộ trưởng đã gặp nhau tại Seoul.": "The two ministers met in Seoul."},
    ("en", "vi"): {"The ministry did not comment.": "Bộ Ngoại giao không bình luận."},
}


class SlowEngine(FunctionEngine):
    """A phrase-table engine that takes ``delay`` seconds per batch, as a model takes time per batch."""

    def __init__(self, source: str, target: str, delay: float) -> None:
        table = TABLE.get((source, target), {})
        super().__init__(source, target, lambda s: table.get(s, f"<{target}>{s}"), name="slow")
        self.delay = delay

    def translate(self, texts, *, progress=None):
        time.sleep(self.delay)
        return super().translate(texts, progress=progress)


class Engines:
    """One engine per direction, kept so tests can see the batches each received."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.made: dict[tuple[str, str], FunctionEngine] = {}

    def __call__(self, source: str, target: str) -> Translator:
        if self.delay:
            engine: FunctionEngine = SlowEngine(source, target, self.delay)
        else:
            engine = DictionaryEngine(source, target, TABLE.get((source, target), {}))
        self.made[(source, target)] = engine
        return Translator(source, target, engine=engine)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(config: ServeConfig) -> Iterator[str]:
    """A uvicorn server for ``config`` on a free loopback port, in a thread; yields its URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(config), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture
def engines() -> Engines:
    return Engines()


@pytest.fixture
def url(engines: Engines) -> Iterator[str]:
    with serving(ServeConfig(engines)) as base:
        yield base


@pytest.fixture
def glossary_url(engines: Engines) -> Iterator[str]:
    """A server with the repository's glossaries: glossary=enforce by default."""
    with serving(ServeConfig(engines, glossary=load([ROOT / "glossaries"]))) as base:
        yield base


# ---- LibreTranslate clients from the package registry


def test_libretranslatepy_translates_detects_and_lists_languages(url: str) -> None:
    libretranslatepy = pytest.importorskip("libretranslatepy")
    lt = libretranslatepy.LibreTranslateAPI(url)
    assert lt.translate("Talks on tariffs will resume next week.", "en", "ko") == "관세 협상은 다음 주 재개된다."
    assert lt.detect("두 장관은 화요일 서울에서 만났다.")[0]["language"] == "ko"
    assert lt.detect("Hai bộ trưởng đã gặp nhau tại Seoul.")[0]["language"] == "vi"
    codes = {lang["code"]: set(lang["targets"]) for lang in lt.languages()}
    assert codes == {"en": {"ko", "vi"}, "ko": {"en", "vi"}, "vi": {"en", "ko"}}


def test_deep_translator_libretranslate_backend_with_an_api_key(engines: Engines, tmp_path: Path) -> None:
    deep_translator = pytest.importorskip("deep_translator")
    keys_file = tmp_path / "keys"
    keys_file.write_text("desk:k-desk-93c1f2a7b08e5d46\n", encoding="utf-8")
    with serving(ServeConfig(engines, keys=read_keys(keys_file))) as base:
        options = {"api_key": "k-desk-93c1f2a7b08e5d46", "custom_url": f"{base}/"}
        to_ko = deep_translator.LibreTranslator(source="en", target="ko", **options)
        assert to_ko.translate("The ministry did not comment.") == "외교부는 논평하지 않았다."
        to_en = deep_translator.LibreTranslator(source="vi", target="en", **options)
        assert to_en.translate("Hai bộ trưởng đã gặp nhau tại Seoul.") == "The two ministers met in Seoul."
        wrong = deep_translator.LibreTranslator(
            source="en", target="ko", api_key="k-wrong-000000000000", custom_url=f"{base}/"
        )
        with pytest.raises(deep_translator.exceptions.AuthorizationException):
            wrong.translate("The ministry did not comment.")


# ---- request shapes


def test_translate_takes_json_form_and_query_parameters(url: str) -> None:
    text, expected = "The ministry did not comment.", "외교부는 논평하지 않았다."
    by_json = httpx.post(f"{url}/translate", json={"q": text, "source": "en", "target": "ko"})
    by_form = httpx.post(f"{url}/translate", data={"q": text, "source": "en", "target": "ko"})
    by_query = httpx.post(f"{url}/translate", params={"q": text, "source": "en", "target": "ko"})
    for response in (by_json, by_form, by_query):
        assert response.status_code == 200
        assert response.json() == {"translatedText": expected}


def test_a_list_of_texts_comes_back_in_order(url: str) -> None:
    q = ["Talks on tariffs will resume next week.", "The two ministers met in Seoul on Tuesday.", ""]
    answer = httpx.post(f"{url}/translate", json={"q": q, "source": "en", "target": "ko"}).json()
    assert answer == {"translatedText": ["관세 협상은 다음 주 재개된다.", "두 장관은 화요일 서울에서 만났다.", ""]}


def test_auto_source_reports_the_detected_language_of_each_text(url: str) -> None:
    q = ["두 장관은 화요일 서울에서 만났다.", "Hai bộ trưởng đã gặp nhau tại Seoul.", "The ministry did not comment."]
    answer = httpx.post(f"{url}/translate", json={"q": q, "source": "auto", "target": "en"}).json()
    assert answer["translatedText"] == [
        "The two ministers met in Seoul on Tuesday.",
        "The two ministers met in Seoul.",
        "The ministry did not comment.",  # already English: returned as it is
    ]
    assert [d["language"] for d in answer["detectedLanguage"]] == ["ko", "vi", "en"]
    assert all(d["confidence"] > 50 for d in answer["detectedLanguage"])
    single = httpx.post(f"{url}/translate", json={"q": q[0], "source": "auto", "target": "en"}).json()
    assert single["detectedLanguage"]["language"] == "ko"


def test_html_keeps_its_tags_and_entities(url: str) -> None:
    html = '<p>The ministry <b>did not</b> comment &amp; <a href="https://mofa.go.kr/a">Read more</a></p>'
    answer = httpx.post(f"{url}/translate", json={"q": html, "source": "en", "target": "ko", "format": "html"})
    out = answer.json()["translatedText"]
    for tag in ("<p>", "<b>", "</b>", '<a href="https://mofa.go.kr/a">', "</a>", "</p>", "&amp;"):
        assert out.count(tag) == 1, out
    assert out.index("<b>") < out.index("</b>") < out.index("<a ")


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"source": "en", "target": "ko"}, 400, "missing q"),
        ({"q": "Hello.", "source": "en"}, 400, "missing target"),
        ({"q": "Hello.", "source": "en", "target": "fr"}, 400, "fr is not supported"),
        ({"q": "Hello.", "source": "en", "target": "ko", "format": "pdf"}, 400, "format"),
        ({"q": "Hello.", "source": "en", "target": "ko", "glossary": "strict"}, 400, "glossary"),
        ({"q": "Hello.", "source": "en", "target": "ko", "date": "2025-13-01"}, 400, "date"),
        ({"q": 5, "source": "en", "target": "ko"}, 400, "string or a list"),
    ],
)
def test_bad_requests_get_errors_in_libretranslate_shape(url: str, body: dict, status: int, words: str) -> None:
    response = httpx.post(f"{url}/translate", json=body)
    assert response.status_code == status
    assert words in response.json()["error"]


def test_unknown_paths_and_unserved_directions(engines: Engines) -> None:
    with serving(ServeConfig(engines, directions=(("en", "ko"),))) as base:
        assert httpx.get(f"{base}/nowhere").json() == {"error": "Not Found"}
        refused = httpx.post(f"{base}/translate", json={"q": "Hi.", "source": "ko", "target": "en"})
        assert refused.status_code == 400 and "ko-en is not served" in refused.json()["error"]
        assert httpx.get(f"{base}/languages").json() == [
            {"code": "en", "name": "English", "targets": ["ko"]},
            {"code": "ko", "name": "Korean", "targets": []},
        ]
        settings = httpx.get(f"{base}/frontend/settings").json()
        assert settings["keyRequired"] is False and settings["language"]["target"]["code"] == "ko"


# ---- transkit extensions


def test_glossary_enforcement_with_its_report(glossary_url: str) -> None:
    q = "Deputy Secretary of State Kurt Campbell arrived in Seoul on Monday."
    body = {"q": q, "source": "en", "target": "ko", "glossary": "enforce", "report": True, "date": "2024-06-03"}
    answer = httpx.post(f"{glossary_url}/translate", json=body).json()
    assert "커트 캠벨" in answer["translatedText"] and "국무부 부장관" in answer["translatedText"]
    report = answer["enforcement"]["en-ko"]
    assert report["date"] == "2024-06-03" and report["summary"]["required"] == 3 and report["summary"]["failed"] == 0
    off = httpx.post(f"{glossary_url}/translate", json={**body, "glossary": "off"}).json()
    assert off["translatedText"] == f"<ko>{q}" or "커트 캠벨" not in off["translatedText"]
    assert "enforcement" not in off


def test_glossary_needs_a_glossary_on_the_server(engines: Engines) -> None:
    with serving(ServeConfig(engines)) as base:
        response = httpx.post(
            f"{base}/translate", json={"q": "Hi.", "source": "en", "target": "ko", "glossary": "verify"}
        )
        assert response.status_code == 400 and "--glossary" in response.json()["error"]


def test_check_returns_the_json_of_transkit_check(glossary_url: str, tmp_path: Path, capsys) -> None:
    text = (
        "Deputy Foreign Minister Kurt Campbell met Foreign Minister Cho Tae-yul in Seoul."
        " Campbell said the talks went well."
    )
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    main(["check", str(article), "--format", "json", "--glossary", str(ROOT / "glossaries"), "--date", "2024-06-03"])
    expected = json.loads(capsys.readouterr().out)
    answer = httpx.post(f"{glossary_url}/check", json={"text": text, "date": "2024-06-03"})
    assert answer.status_code == 200
    assert answer.json() == {**expected, "file": None}
    assert [f["check"] for f in answer.json()["findings"]] == ["title-role-mismatch"]  # Campbell was at State


def test_glossary_search(glossary_url: str) -> None:
    hits = httpx.get(f"{glossary_url}/glossary/search", params={"q": "campbell"}).json()
    assert hits[0]["id"] == "P_KURT_CAMPBELL"
    assert {"text": "커트 캠벨", "lang": "ko", "status": "preferred"} in hits[0]["terms"]
    assert httpx.get(f"{glossary_url}/glossary/search", params={"q": "no such concept zzz"}).json() == []


# ---- batching, cancellation, limits


def test_concurrent_requests_share_batches_and_each_gets_its_own_translation() -> None:
    engines = Engines(delay=0.05)
    sentences = [f"Report number {i} was filed." for i in range(24)]
    with serving(ServeConfig(engines, batch_wait=0.02)) as base:

        async def send_all() -> list[str]:
            async with httpx.AsyncClient(base_url=base, timeout=30) as client:
                replies = await asyncio.gather(
                    *(client.post("/translate", json={"q": s, "source": "en", "target": "ko"}) for s in sentences)
                )
            return [r.json()["translatedText"] for r in replies]

        assert asyncio.run(send_all()) == [f"<ko>{s}" for s in sentences]
        batches = engines.made[("en", "ko")].calls
        assert sum(map(len, batches)) == len(sentences) and len(batches) < len(sentences) / 2
        metrics = httpx.get(f"{base}/metrics").text
        assert 'transkit_batch_requests_count{direction="en-ko"}' in metrics
        assert 'transkit_requests_total{endpoint="/translate",status="200"} 24.0' in metrics


def test_a_client_that_leaves_mid_batch_does_not_disturb_the_others() -> None:
    engines = Engines(delay=0.4)
    with serving(ServeConfig(engines, batch_wait=0.05)) as base:

        async def scenario() -> tuple[str, str]:
            async with (
                httpx.AsyncClient(base_url=base, timeout=10) as patient,
                httpx.AsyncClient(base_url=base, timeout=0.2) as hasty,
            ):
                body = {"source": "en", "target": "ko"}
                leaving = asyncio.ensure_future(hasty.post("/translate", json={**body, "q": "Read more"}))
                staying = asyncio.ensure_future(
                    patient.post("/translate", json={**body, "q": "The ministry did not comment."})
                )
                with pytest.raises(httpx.TimeoutException):
                    await leaving
                after = await patient.post("/translate", json={**body, "q": "Talks on tariffs will resume next week."})
                return (await staying).json()["translatedText"], after.json()["translatedText"]

        assert asyncio.run(scenario()) == ("외교부는 논평하지 않았다.", "관세 협상은 다음 주 재개된다.")


def test_batcher_skips_a_job_cancelled_before_its_batch() -> None:
    seen: list[list[str]] = []

    def run(jobs: list[str]) -> list[str]:
        seen.append(jobs)
        time.sleep(0.05)
        return [j.upper() for j in jobs]

    async def scenario() -> list[str]:
        batcher: Batcher[str, str] = Batcher(run, max_tokens=2, max_wait=0.01, max_pending=3)
        first = asyncio.ensure_future(batcher.submit("a", cost=1))
        await asyncio.sleep(0.02)  # "a" is running; the next ones queue
        gone = asyncio.ensure_future(batcher.submit("b", cost=1))
        kept = asyncio.ensure_future(batcher.submit("c", cost=1))
        await asyncio.sleep(0)
        gone.cancel()
        with pytest.raises(QueueFull):
            await asyncio.gather(*(batcher.submit(x, cost=1) for x in "defg"))
        results = [await first, await kept]
        await batcher.close()
        return results

    assert asyncio.run(scenario())[:2] == ["A", "C"]
    assert ["b"] not in seen and all("b" not in batch for batch in seen)


def test_clients_that_wait_for_each_answer_share_one_batch() -> None:
    """Eight clients, each sending its next sentence 0-35 ms after its answer (longer than ``max_wait``): the
    window, a fifth of a 0.5 s batch, keeps them together until all eight are back, instead of two groups."""
    sizes: list[int] = []
    table = {"The talks resumed.": "회담이 재개됐다.", "Hai bộ trưởng đã gặp nhau.": "두 장관이 만났다."}

    def run(jobs: list[str]) -> list[str]:
        sizes.append(len(jobs))
        time.sleep(0.5)
        return [table[j] for j in jobs]

    async def client(batcher: Batcher[str, str], i: int) -> list[str]:
        answers = []
        for _ in range(4):
            answers.append(await batcher.submit(list(table)[i % 2], cost=1))
            await asyncio.sleep(0.005 * i)
        return answers

    async def scenario() -> list[list[str]]:
        batcher: Batcher[str, str] = Batcher(run, max_tokens=100, max_wait=0.02)
        answers = await asyncio.gather(*(client(batcher, i) for i in range(8)))
        await batcher.close()
        return answers

    answers = asyncio.run(scenario())
    assert answers == [[list(table.values())[i % 2]] * 4 for i in range(8)]
    assert sizes == [8, 8, 8, 8]


def test_clients_coming_back_one_after_another_keep_the_window_open() -> None:
    """Eight clients come back 10 ms apart after each answer, 70 ms from first to last: longer than the 40 ms
    window, but each arrival keeps it open another ``max_wait``, so all eight still share each batch."""
    sizes: list[int] = []
    table = {"The talks resumed.": "회담이 재개됐다.", "Hai bộ trưởng đã gặp nhau.": "두 장관이 만났다."}

    def run(jobs: list[str]) -> list[str]:
        sizes.append(len(jobs))
        time.sleep(0.05)
        return [table[j] for j in jobs]

    async def client(batcher: Batcher[str, str], i: int) -> list[str]:
        answers = []
        for _ in range(3):
            answers.append(await batcher.submit(list(table)[i % 2], cost=1))
            await asyncio.sleep(0.01 * i)
        return answers

    async def scenario() -> list[list[str]]:
        batcher: Batcher[str, str] = Batcher(run, max_tokens=100, max_wait=0.04)
        answers = await asyncio.gather(*(client(batcher, i) for i in range(8)))
        await batcher.close()
        return answers

    answers = asyncio.run(scenario())
    assert answers == [[list(table.values())[i % 2]] * 3 for i in range(8)]
    assert sizes == [8, 8, 8]


def test_api_keys_and_rate_limits(engines: Engines, tmp_path: Path) -> None:
    keys_file = tmp_path / "keys"
    keys_file.write_text("# clients\ncms:k-cms-2f8a61d04e9b7c35\nplugin:k-plugin-77d1e0b93a4c:2\n", encoding="utf-8")
    keys = read_keys(keys_file)
    body = {"q": "Read more", "source": "en", "target": "ko"}
    with serving(ServeConfig(engines, keys=keys, rate_limit=100)) as base:
        missing = httpx.post(f"{base}/translate", json=body)
        wrong = httpx.post(f"{base}/translate", json={**body, "api_key": "k-guess-0000000000"})
        assert (missing.status_code, wrong.status_code) == (403, 403)
        assert wrong.json() == {"error": "Invalid API key"}
        ok = httpx.post(f"{base}/translate", json={**body, "api_key": "k-cms-2f8a61d04e9b7c35"})
        bearer = httpx.post(f"{base}/translate", json=body, headers={"Authorization": "Bearer k-cms-2f8a61d04e9b7c35"})
        assert ok.json() == bearer.json() == {"translatedText": "더 보기"}
        plugin = [httpx.post(f"{base}/translate", json={**body, "api_key": "k-plugin-77d1e0b93a4c"}) for _ in range(3)]
        assert [r.status_code for r in plugin] == [200, 200, 429]
        assert int(plugin[2].headers["Retry-After"]) >= 1
        assert httpx.get(f"{base}/frontend/settings").json()["keyRequired"] is True


def test_keys_file_errors_name_the_line(tmp_path: Path) -> None:
    from transkit.errors import ConfigError

    bad = tmp_path / "keys"
    bad.write_text("cms:short\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="16 characters"):
        read_keys(bad)
    assert not ApiKeys({})


def test_request_size_and_queue_limits() -> None:
    engines = Engines(delay=0.3)
    with serving(ServeConfig(engines, max_body=2000, max_chars=500, max_queue=1, batch_wait=0.0)) as base:
        big = httpx.post(f"{base}/translate", json={"q": "x" * 3000, "source": "en", "target": "ko"})
        assert big.status_code == 413 and "error" in big.json()
        long = httpx.post(f"{base}/translate", json={"q": "word " * 120, "source": "en", "target": "ko"})
        assert long.status_code == 400 and "exceeds text limit" in long.json()["error"]

        async def flood() -> list[httpx.Response]:
            async with httpx.AsyncClient(base_url=base, timeout=30) as client:
                return await asyncio.gather(
                    *(
                        client.post("/translate", json={"q": f"Item {i}.", "source": "en", "target": "ko"})
                        for i in range(8)
                    )
                )

        replies = asyncio.run(flood())
        refused = [r for r in replies if r.status_code == 429]
        assert refused and all(int(r.headers["Retry-After"]) >= 1 for r in refused)
        assert all(r.json()["translatedText"].startswith("<ko>Item") for r in replies if r.status_code == 200)


def test_translation_memory_hits_never_reach_the_model(engines: Engines, tmp_path: Path) -> None:
    tm_path = tmp_path / "tm.sqlite3"
    signature = engines("en", "ko").signature
    with TranslationMemory(tm_path) as tm:
        tm.store(signature, "", "en", "ko", [("The ministry  did not comment.", "외교부는 아무 말도 하지 않았다.")])
    with serving(ServeConfig(engines, tm=tm_path)) as base:
        body = {"source": "en", "target": "ko"}
        hit = httpx.post(f"{base}/translate", json={**body, "q": "The ministry did not comment."}).json()
        assert hit == {"translatedText": "외교부는 아무 말도 하지 않았다."}
        assert engines.made[("en", "ko")].calls == []
        httpx.post(f"{base}/translate", json={**body, "q": "Read more"})
        assert engines.made[("en", "ko")].calls == [["Read more"]]
        assert "transkit_tm_hits_total" in httpx.get(f"{base}/metrics").text
    with TranslationMemory(tm_path) as tm:
        assert tm.lookup(signature, "", "en", "ko", ["Read more"]) == {"Read more": "더 보기"}


def test_health_and_ready(engines: Engines) -> None:
    with serving(ServeConfig(engines, directions=(("en", "ko"), ("ko", "en")), preload=True)) as base:
        deadline = time.monotonic() + 10
        while httpx.get(f"{base}/ready").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert sorted(httpx.get(f"{base}/ready").json()["loaded"]) == ["en-ko", "ko-en"]
        assert httpx.get(f"{base}/health").json() == {"status": "ok"}


_SERVER_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from transkit.engines import FunctionEngine
    from transkit.serve import ServeConfig, create_app, run_server
    from transkit.translator import Translator

    class Slow(FunctionEngine):
        def translate(self, texts, *, progress=None):
            time.sleep(1.0)
            return super().translate(texts, progress=progress)

    config = ServeConfig(lambda s, t: Translator(s, t, engine=Slow(s, t, str.upper)))
    run_server(create_app(config), host="127.0.0.1", port=int(sys.argv[1]), drain_seconds=1.0)
    """
)


def test_graceful_shutdown_finishes_requests_in_flight_and_refuses_new_ones() -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen([sys.executable, "-c", _SERVER_SCRIPT, str(port)], env=env, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/health")
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and proc.poll() is None, "server did not start"
                time.sleep(0.1)
        result: dict[str, httpx.Response] = {}
        body = {"q": "The talks went on.", "source": "en", "target": "vi"}
        flight = threading.Thread(
            target=lambda: result.update(r=httpx.post(f"{base}/translate", json=body, timeout=30))
        )
        flight.start()
        time.sleep(0.3)  # the request is in its batch
        proc.send_signal(signal.SIGTERM)
        time.sleep(0.2)
        refused = httpx.post(f"{base}/translate", json=body)
        assert refused.status_code == 503 and refused.json() == {"error": "Shutting down"}
        assert httpx.get(f"{base}/health").status_code == 503
        flight.join(30)
        assert result["r"].status_code == 200 and result["r"].json() == {"translatedText": "THE TALKS WENT ON."}
        assert proc.wait(30) in (0, -signal.SIGTERM)  # uvicorn re-raises the signal once it has shut down
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.mark.slow
def test_a_tiny_marian_model_behind_the_service(tiny_model) -> None:
    folder = str(tiny_model("ko-en"))

    def factory(source: str, target: str) -> Translator:
        return Translator(source, target, models={"ko-en": folder})

    with serving(ServeConfig(factory, directions=(("ko", "en"),))) as base:
        q = ["두 장관은 서울에서 만났다.", "회담은 두 시간 동안 이어졌다."]
        answer = httpx.post(f"{base}/translate", json={"q": q, "source": "auto", "target": "en"}, timeout=120).json()
    assert answer["translatedText"] == ["The two ministers met in Seoul.", "The talks lasted two hours."]


def test_cli_refuses_a_public_address_without_keys_and_bad_directions(capsys) -> None:
    from transkit.errors import ExitCode

    assert main(["serve", "--host", "0.0.0.0"]) == ExitCode.USAGE
    assert "needs API keys" in capsys.readouterr().err
    assert main(["serve", "--directions", "en-en"]) == ExitCode.USAGE
    assert "bad direction" in capsys.readouterr().err
    assert main(["serve", "--ray", "--replicas", "0"]) == ExitCode.USAGE
    assert "--replicas and --replica-cpus must be positive" in capsys.readouterr().err
    assert main(["serve", "--ray", "--drain-seconds", "5"]) == ExitCode.USAGE
    assert "--drain-seconds does not apply with --ray" in capsys.readouterr().err


def test_auto_detection_reads_html_between_its_tags(url: str) -> None:
    html = '<p class="lead"><a href="https://vov.vn/a">Hai bộ trưởng đã gặp nhau tại Seoul.</a></p>'
    answer = httpx.post(f"{url}/translate", json={"q": html, "source": "auto", "target": "en", "format": "html"})
    assert answer.json()["detectedLanguage"]["language"] == "vi"
    assert answer.json()["translatedText"].startswith('<p class="lead"><a href="https://vov.vn/a">')


def test_a_model_that_cannot_load_is_a_500_in_error_shape() -> None:
    from transkit.errors import ModelError

    def factory(source: str, target: str) -> Translator:
        raise ModelError(f"no model for {source}-{target} in the cache")

    with serving(ServeConfig(factory)) as base:
        response = httpx.post(f"{base}/translate", json={"q": "Read more", "source": "en", "target": "ko"})
        assert response.status_code == 500 and "no model for en-ko" in response.json()["error"]
        assert httpx.get(f"{base}/health").status_code == 200  # the service itself is still up


def test_every_request_has_a_json_access_log_line(engines: Engines, caplog, tmp_path: Path) -> None:
    keys_file = tmp_path / "keys"
    keys_file.write_text("newsroom-cms:k-cms-51be0c9a7d3f2e18\n", encoding="utf-8")
    body = {"q": "Read more", "source": "en", "target": "ko", "api_key": "k-cms-51be0c9a7d3f2e18"}
    with (
        caplog.at_level("INFO", logger="transkit.serve.access"),
        serving(ServeConfig(engines, keys=read_keys(keys_file))) as base,
    ):
        httpx.post(f"{base}/translate", json=body)
        httpx.post(f"{base}/translate", json={**body, "api_key": "k-nope-000000000000"})
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "transkit.serve.access"]
    assert [(line["path"], line["status"], line["client"]) for line in lines] == [
        ("/translate", 200, "newsroom-cms"),
        ("/translate", 403, "127.0.0.1"),
    ]
    assert all(line["ms"] >= 0 and line["method"] == "POST" for line in lines)
    assert "k-cms-51be0c9a7d3f2e18" not in caplog.text  # names in logs, never keys


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("en", "SEOUL, March 4, 2024 (Yonhap) -- The talks resumed."),
        ("ko", "서울, 2024년 3월 4일 - 회담이 재개됐다."),
        ("vi", "Hà Nội, ngày 4/3/2024 - Hội đàm được nối lại."),
    ],
)
def test_each_request_keeps_the_date_its_own_text_states(source: str, text: str) -> None:
    """Requests batched together must not take their titles' date from one another's text."""
    import datetime

    from transkit.serve.directions import Direction

    direction = Direction(source, "en" if source != "en" else "ko", Engines())
    dated = direction.job([text], html=False, mode="enforce", date=None, report=False)
    undated = direction.job(["The talks resumed."], html=False, mode="enforce", date=None, report=False)
    given = direction.job([text], html=False, mode="verify", date=datetime.date(2021, 5, 1), report=False)
    assert dated.date == datetime.date(2024, 3, 4)
    assert undated.date == datetime.date.today()
    assert given.date == datetime.date(2021, 5, 1)
    assert direction.job([text], html=False, mode="off", date=None, report=False).date is None
    assert len({dated.key, undated.key, given.key}) == 3  # three batches' worth of translators, never one
    direction.close()
