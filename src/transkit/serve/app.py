"""The service's web application (Starlette): the LibreTranslate API and transkit's extensions.

LibreTranslate endpoints: ``POST /translate``, ``GET|POST /languages``,
``POST /detect``, ``GET /frontend/settings``. Parameters come from the query
string, a JSON body or a form body (:mod:`transkit.serve.protocol`); errors are
``{"error": message}`` with 400, 403, 404, 413, 429 (with ``Retry-After``), 500
or 503.

Extensions: ``glossary`` (enforce | verify | off), ``date`` (YYYY-MM-DD) and
``report`` (true: the enforcement report under ``"enforcement"``) on
``/translate``; ``POST /check`` (the JSON of ``transkit check --format json``);
``GET /glossary/search?q=``. Operations: ``/health``, ``/ready``, ``/metrics``.

>>> from transkit.engines import FunctionEngine
>>> from transkit.translator import Translator
>>> config = ServeConfig(lambda s, t: Translator(s, t, engine=FunctionEngine(s, t, str.upper)))
>>> from starlette.testclient import TestClient
>>> with TestClient(create_app(config)) as client:
...     client.post("/translate", json={"q": "Talks resumed.", "source": "en", "target": "ko"}).json()
{'translatedText': 'TALKS RESUMED.'}
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..errors import TranskitError
from ..formats.protect import PLACEHOLDER
from ..lang.detect import detect_language, hangul_share, vietnamese_share
from ..languages import LANGUAGES, display_name
from . import protocol
from .batching import QueueFull
from .directions import Direction, TranslatorFactory
from .guard import CLIENT_KEY, Guard
from .keys import ApiKeys, RateLimiter
from .metrics import CONTENT_TYPE_LATEST, Metrics

if TYPE_CHECKING:
    from ..checks import Checker
    from ..glossary import Glossary

__all__ = ["ALL_DIRECTIONS", "ServeConfig", "Service", "create_app"]

ALL_DIRECTIONS = tuple((s, t) for s in LANGUAGES for t in LANGUAGES if s != t)
GLOSSARY_MODES = ("enforce", "verify", "off")


@dataclass(frozen=True)
class ServeConfig:
    """What the service translates with, and its limits.

    ``factory`` builds the glossary-free :class:`~transkit.translator.Translator`
    of a direction (its model loads on first use). ``rate_limit``: requests a
    minute per client (an API key's own limit wins; 0: none). ``max_chars``:
    characters of ``q`` per request; ``max_body``: bytes of a request body;
    ``max_queue``: requests waiting per direction before 429. ``replica``: the name of this copy of the
    service when several run (a Ray Serve replica id), in ``/health`` and the ``X-Transkit-Replica`` header.
    """

    factory: TranslatorFactory
    directions: tuple[tuple[str, str], ...] = ALL_DIRECTIONS
    glossary: Glossary | None = None
    keys: ApiKeys = field(default_factory=lambda: ApiKeys({}))
    rate_limit: int = 0
    max_chars: int = 20_000
    max_body: int = 1024 * 1024
    max_queue: int = 256
    batch_tokens: int = 4096
    batch_wait: float = 0.03  # under load: long enough for the clients of the last batch to send their next request
    tm: str | Path | None = None
    preload: bool = False
    replica: str | None = None


class Service:
    """The state behind the routes: directions, limits, metrics, the checker, the draining flag."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.metrics = Metrics()
        self.limiter = RateLimiter(config.rate_limit)
        self.directions: dict[tuple[str, str], Direction] = {}
        self.draining = False
        self._checker: Checker | None = None
        self._check_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="transkit-check")

    @property
    def default_mode(self) -> str:
        """The glossary mode of a request that names none: enforce with a glossary, else off."""
        return "enforce" if self.config.glossary is not None else "off"

    def direction(self, source: str, target: str) -> Direction:
        """The served direction ``source`` to ``target``, set up on first use; 400 when it is not served."""
        if (source, target) not in self.config.directions:
            raise protocol.ApiError(400, f"{source}-{target} is not served (served: {_names(self.config.directions)})")
        if (source, target) not in self.directions:
            c = self.config
            self.directions[(source, target)] = Direction(
                source,
                target,
                c.factory,
                glossary=c.glossary,
                tm_path=c.tm,
                max_tokens=c.batch_tokens,
                max_wait=c.batch_wait,
                max_pending=c.max_queue,
                on_batch=self.metrics.batch,
            )
        return self.directions[(source, target)]

    @property
    def ready(self) -> bool:
        """Not draining, and (with preloading) every served direction loaded."""
        if self.draining:
            return False
        return not self.config.preload or all(
            (s, t) in self.directions and self.directions[(s, t)].loaded for s, t in self.config.directions
        )

    def checker(self) -> Checker:
        """The consistency checker over the service's glossary, built on first use."""
        if self._checker is None:
            from ..checks import Checker
            from ..glossary.model import Glossary

            self._checker = Checker(self.config.glossary if self.config.glossary is not None else Glossary())
        return self._checker

    async def run_check(self, call: Callable[[], Any]) -> Any:
        """Run ``call`` on the checking thread, without blocking the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self._check_thread, call)

    async def start(self) -> None:
        """At start-up: load the models of every direction in the background when asked to preload."""
        if self.config.preload:
            for source, target in self.config.directions:
                asyncio.get_running_loop().create_task(self.direction(source, target).preload())

    async def stop(self) -> None:
        """Finish what is queued, then release the threads and the translation memory."""
        self.draining = True
        for direction in self.directions.values():
            await direction.batcher.close()
            await asyncio.get_running_loop().run_in_executor(None, direction.close)
        self._check_thread.shutdown(wait=True)

    # ---- request guards
    def authorize(self, request: Request, params: dict[str, Any]) -> str:
        """The client's name (its key's name, else its address).

        403 for a missing or wrong key, 429 when over its limit.
        """
        keys = self.config.keys
        if keys:
            given = params.get("api_key") or protocol.bearer(request)
            name = keys.client(given if isinstance(given, str) else None)
            if name is None:
                raise protocol.ApiError(403, "Invalid API key" if given else "Please provide an API key (api_key)")
        else:
            name = request.client.host if request.client else "unknown"
        wait = self.limiter.acquire(name, limit=keys.limit(name))
        if wait:
            raise protocol.ApiError(
                429, "Slowdown: too many requests", headers={"Retry-After": str(max(1, round(wait)))}
            )
        request.scope[CLIENT_KEY] = name
        return name


def _names(directions: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{s}-{t}" for s, t in directions)


def confidence(text: str, lang: str) -> float:
    """How sure :func:`detect_language` is, 0-100: the share of the letters that show the language's script.

    >>> confidence("외교부 장관", "ko"), confidence("Bộ Ngoại giao", "vi") > 50, confidence("12", "en")
    (100.0, True, 0.0)
    """
    hangul, vi = hangul_share(text), vietnamese_share(text)
    if not any(ch.isalpha() for ch in text):
        return 0.0
    share = {"ko": hangul, "vi": min(1.0, vi / 0.1), "en": (1 - hangul) * (1 - min(1.0, vi / 0.03))}[lang]
    return round(100 * share, 1)


class Routes:
    """The endpoint handlers over one :class:`Service`."""

    def __init__(self, service: Service) -> None:
        self.service = service

    async def translate(self, request: Request) -> Response:
        """``POST /translate``: translate ``q`` (a text or a list), LibreTranslate style."""
        s = self.service
        params = await protocol.params(request, s.config.max_body)
        s.authorize(request, params)
        q = params.get("q")
        texts = [q] if isinstance(q, str) else q
        if q is None or not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise protocol.ApiError(
                400, "Invalid request: missing q parameter" if q is None else "q must be a string or a list"
            )
        chars = sum(map(len, texts))
        if chars > s.config.max_chars:
            raise protocol.ApiError(
                400, f"Invalid request: request ({chars}) exceeds text limit ({s.config.max_chars})"
            )
        target = protocol.language(params.get("target"), "target")
        auto = params.get("source") == "auto"
        fmt = params.get("format") or "text"
        if fmt not in ("text", "html"):
            raise protocol.ApiError(400, f"format must be text or html, not {fmt!r}")
        if auto:  # markup says nothing of the language: detect on the text between the tags
            sources = [detect_language(PLACEHOLDER.sub(" ", t) if fmt == "html" else t) for t in texts]
        else:
            sources = [protocol.language(params.get("source"), "source")] * len(texts)
        mode = params.get("glossary") or s.default_mode
        if mode not in GLOSSARY_MODES:
            raise protocol.ApiError(400, f"glossary must be one of {', '.join(GLOSSARY_MODES)}, not {mode!r}")
        if mode != "off" and s.config.glossary is None:
            raise protocol.ApiError(400, f"glossary={mode}: this server has no glossary (start it with --glossary)")
        date = protocol.date(params.get("date"))
        report = protocol.flag(params.get("report"))
        by_source: dict[str, list[int]] = {}
        for i, source in enumerate(sources):
            if source != target:  # a text already in the target language is returned as it is
                by_source.setdefault(source, []).append(i)
        directions = {source: s.direction(source, target) for source in by_source}  # 400 for one not served
        jobs = [
            d.job((texts[i] for i in by_source[source]), html=fmt == "html", mode=mode, date=date, report=report)
            for source, d in directions.items()
        ]
        work = asyncio.gather(*(d.translate(job) for d, job in zip(directions.values(), jobs)))
        try:
            outcomes = dict(zip(directions, await protocol.unless_gone(request, work)))
        except QueueFull as err:
            raise protocol.ApiError(
                429, "Slowdown: the translation queue is full", headers={"Retry-After": str(err.retry_after)}
            ) from err
        results = list(texts)
        for source, outcome in outcomes.items():
            for i, text in zip(by_source[source], outcome.texts, strict=True):
                results[i] = text
            if outcome.cached:
                s.metrics.tm_hits.labels(f"{source}-{target}").inc(outcome.cached)
        body: dict[str, Any] = {"translatedText": results if isinstance(q, list) else results[0]}
        if auto:
            detected = [{"confidence": confidence(t, lang), "language": lang} for t, lang in zip(texts, sources)]
            body["detectedLanguage"] = detected if isinstance(q, list) else detected[0]
        if report and mode != "off":
            body["enforcement"] = {f"{source}-{target}": o.enforcement for source, o in outcomes.items()}
        return JSONResponse(body)

    async def languages(self, request: Request) -> Response:
        """``/languages``: the served languages and the targets of each."""
        served = self.service.config.directions
        return JSONResponse(
            [
                {"code": code, "name": display_name(code), "targets": [t for s, t in served if s == code]}
                for code in LANGUAGES
                if any(code in pair for pair in served)
            ]
        )

    async def detect(self, request: Request) -> Response:
        """``POST /detect``: the language of ``q``, with a confidence."""
        params = await protocol.params(request, self.service.config.max_body)
        self.service.authorize(request, params)
        q = params.get("q")
        if not isinstance(q, str):
            raise protocol.ApiError(400, "Invalid request: missing q parameter")
        lang = detect_language(q)
        return JSONResponse([{"confidence": confidence(q, lang), "language": lang}])

    async def frontend_settings(self, request: Request) -> Response:
        """``GET /frontend/settings``: the defaults a LibreTranslate front end asks for."""
        c = self.service.config
        source, target = c.directions[0]
        return JSONResponse(
            {
                "charLimit": c.max_chars,
                "frontendTimeout": 500,
                "apiKeys": bool(c.keys),
                "keyRequired": bool(c.keys),
                "suggestions": False,
                "filesTranslation": False,
                "supportedFilesFormat": [],
                "language": {
                    "source": {"code": source, "name": display_name(source)},
                    "target": {"code": target, "name": display_name(target)},
                },
            }
        )

    async def check(self, request: Request) -> Response:
        """``POST /check``: the consistency findings of a translated text, as JSON."""
        from ..checks.render_json import report_dict

        s = self.service
        params = await protocol.params(request, s.config.max_body)
        s.authorize(request, params)
        text, source = params.get("text", params.get("q")), params.get("source")
        if not isinstance(text, str) or not text.strip():
            raise protocol.ApiError(400, "Invalid request: missing text parameter")
        if source is not None and not isinstance(source, str):
            raise protocol.ApiError(400, "source must be a string")
        if len(text) + len(source or "") > s.config.max_chars:
            raise protocol.ApiError(400, f"Invalid request: request exceeds text limit ({s.config.max_chars})")
        lang = protocol.language(params["lang"], "lang") if params.get("lang") else None
        source_lang = protocol.language(params["source_lang"], "source_lang") if params.get("source_lang") else None
        date = protocol.date(params.get("date"))
        checker = s.checker()
        report = await s.run_check(
            lambda: checker.check(text, lang=lang, source=source, source_lang=source_lang, date=date)
        )
        return JSONResponse(report_dict(report))

    async def glossary_search(self, request: Request) -> Response:
        """``GET /glossary/search``: glossary concepts matching ``q``."""
        from ..glossary.search import search

        s = self.service
        params = dict(request.query_params)
        s.authorize(request, params)
        query = params.get("q", "")
        if not query.strip():
            raise protocol.ApiError(400, "Invalid request: missing q parameter")
        lang = protocol.language(params["lang"], "lang") if params.get("lang") else None
        glossary = s.config.glossary
        hits = search(glossary, query, lang=lang)[:50] if glossary is not None else []
        return JSONResponse(
            [
                {
                    "id": hit.concept.id,
                    "type": hit.concept.type,
                    "matched": {"text": hit.term.text, "lang": hit.term.lang} if hit.term else None,
                    "terms": [{"text": t.text, "lang": t.lang, "status": t.status} for t in hit.concept.terms],
                }
                for hit in hits
            ]
        )

    async def health(self, request: Request) -> Response:
        """``GET /health``: 200 while serving, 503 while draining."""
        if self.service.draining:
            return JSONResponse({"status": "draining"}, status_code=503)
        replica = self.service.config.replica
        return JSONResponse({"status": "ok", **({"replica": replica} if replica else {})})

    async def ready(self, request: Request) -> Response:
        """``GET /ready``: 200 once the service is ready, with the directions loaded so far."""
        s = self.service
        loaded = [d.name for d in s.directions.values() if d.loaded]
        return JSONResponse({"ready": s.ready, "loaded": loaded}, status_code=200 if s.ready else 503)

    async def metrics(self, request: Request) -> Response:
        """``GET /metrics``: the Prometheus metrics, queue depths updated."""
        s = self.service
        for d in s.directions.values():
            s.metrics.queue_depth.labels(d.name).set(d.batcher.pending)
        return Response(s.metrics.render(), media_type=CONTENT_TYPE_LATEST)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, protocol.ApiError)
    return protocol.error_response(exc.status, exc.message, exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return protocol.error_response(exc.status_code, exc.detail, dict(exc.headers or {}))


async def _client_gone(request: Request, exc: Exception) -> Response:
    return Response(status_code=499)  # nginx's code for a client that closed the connection; nobody reads it


async def _transkit_error(request: Request, exc: Exception) -> Response:
    logging.getLogger(__name__).error("%s: %s", request.url.path, exc)
    return protocol.error_response(500, str(exc))


async def _internal_error(request: Request, exc: Exception) -> Response:
    logging.getLogger(__name__).error("internal error on %s", request.url.path, exc_info=exc)
    return protocol.error_response(500, f"Internal error: {type(exc).__name__}")


def create_app(config: ServeConfig) -> Starlette:
    """The application; ``app.state.service`` is its :class:`Service`."""
    service = Service(config)
    routes = Routes(service)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await service.start()
        yield
        await service.stop()

    app = Starlette(
        routes=[
            Route("/translate", routes.translate, methods=["POST"]),
            Route("/languages", routes.languages, methods=["GET", "POST"]),
            Route("/detect", routes.detect, methods=["POST"]),
            Route("/frontend/settings", routes.frontend_settings, methods=["GET"]),
            Route("/check", routes.check, methods=["POST"]),
            Route("/glossary/search", routes.glossary_search, methods=["GET"]),
            Route("/health", routes.health, methods=["GET"]),
            Route("/ready", routes.ready, methods=["GET"]),
            Route("/metrics", routes.metrics, methods=["GET"]),
        ],
        exception_handlers={
            protocol.ApiError: _api_error,
            HTTPException: _http_error,
            protocol.ClientGone: _client_gone,
            TranskitError: _transkit_error,  # a model that cannot be loaded, a damaged translation memory
            Exception: _internal_error,
        },
        lifespan=lifespan,
    )
    app.state.service = service
    endpoints = frozenset(route.path for route in app.routes if isinstance(route, Route))
    app.add_middleware(
        Guard, metrics=service.metrics, draining=lambda: service.draining, endpoints=endpoints, replica=config.replica
    )
    return app
