"""The service's web application (Starlette): the LibreTranslate API and transkit's extensions.

LibreTranslate endpoints: ``POST /translate``, ``GET|POST /languages``,
``POST /detect``, ``GET /frontend/settings``. Parameters come from the query
string, a JSON body or a form body; errors are ``{"error": message}`` with 400,
403, 404, 413, 429 (with ``Retry-After``), 500 or 503.

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
import datetime
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import LanguageError, TranskitError
from ..formats.protect import PLACEHOLDER
from ..lang.detect import detect_language, hangul_share, vietnamese_share
from ..languages import LANGUAGES, display_name, normalize
from .batching import QueueFull
from .directions import Direction, TranslatorFactory
from .keys import ApiKeys, RateLimiter
from .metrics import CONTENT_TYPE_LATEST, Metrics

if TYPE_CHECKING:
    from ..checks import Checker
    from ..glossary import Glossary

__all__ = ["ALL_DIRECTIONS", "ServeConfig", "Service", "create_app"]

access_log = logging.getLogger("transkit.serve.access")

ALL_DIRECTIONS = tuple((s, t) for s in LANGUAGES for t in LANGUAGES if s != t)
GLOSSARY_MODES = ("enforce", "verify", "off")
_ENDPOINTS = frozenset(
    (
        "/translate",
        "/languages",
        "/detect",
        "/frontend/settings",
        "/check",
        "/glossary/search",
        "/health",
        "/ready",
        "/metrics",
    )
)


@dataclass(frozen=True)
class ServeConfig:
    """What the service translates with, and its limits.

    ``factory`` builds the glossary-free :class:`~transkit.translator.Translator`
    of a direction (its model loads on first use). ``rate_limit``: requests a
    minute per client (an API key's own limit wins; 0: none). ``max_chars``:
    characters of ``q`` per request; ``max_body``: bytes of a request body;
    ``max_queue``: requests waiting per direction before 429.
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
    batch_wait: float = 0.005
    tm: str | Path | None = None
    preload: bool = False


class ApiError(Exception):
    """An error answered as ``{"error": message}``."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


class ClientGone(Exception):
    """The client disconnected before its translation was ready."""


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
        return "enforce" if self.config.glossary is not None else "off"

    def direction(self, source: str, target: str) -> Direction:
        if (source, target) not in self.config.directions:
            raise ApiError(400, f"{source}-{target} is not served (served: {_names(self.config.directions)})")
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
        if self._checker is None:
            from ..checks import Checker
            from ..glossary.model import Glossary

            self._checker = Checker(self.config.glossary if self.config.glossary is not None else Glossary())
        return self._checker

    async def run_check(self, call: Callable[[], Any]) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._check_thread, call)

    async def start(self) -> None:
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
        """The client's name (its key's name, else its address); 403 for a missing or wrong key, 429 when over its limit."""
        keys = self.config.keys
        if keys:
            given = params.get("api_key") or _bearer(request)
            name = keys.client(given if isinstance(given, str) else None)
            if name is None:
                raise ApiError(403, "Invalid API key" if given else "Please provide an API key (api_key)")
        else:
            name = request.client.host if request.client else "unknown"
        wait = self.limiter.acquire(name, limit=keys.limit(name))
        if wait:
            raise ApiError(429, "Slowdown: too many requests", headers={"Retry-After": str(max(1, round(wait)))})
        request.scope["transkit.client"] = name
        return name


def _names(directions: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f"{s}-{t}" for s, t in directions)


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


async def _params(request: Request, limit: int) -> dict[str, Any]:
    """The request's parameters: query string, then a JSON, form-urlencoded or multipart body (413 when too big)."""
    params: dict[str, Any] = dict(request.query_params)
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise ApiError(413, f"Request body over {limit} bytes")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        form = await request.form(max_files=0, max_part_size=limit)
        return {**params, **{k: v for k, v in form.multi_items() if isinstance(v, str)}}
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ApiError(413, f"Request body over {limit} bytes")
    if not body:
        return params
    if kind == "application/json":
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as err:
            raise ApiError(400, f"Invalid request: body is not JSON ({err})") from None
        if not isinstance(data, dict):
            raise ApiError(400, "Invalid request: the JSON body must be an object")
        return {**params, **data}
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        raise ApiError(400, "Invalid request: body is not UTF-8") from None
    form: dict[str, Any] = {}
    for key, value in pairs:  # a repeated q is a list of texts
        if key == "q" and "q" in form:
            form["q"] = [*([form["q"]] if isinstance(form["q"], str) else form["q"]), value]
        else:
            form[key] = value
    return {**params, **form}


def _language(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise ApiError(400, f"Invalid request: missing {what} parameter")
    try:
        return normalize(value)
    except LanguageError:
        raise ApiError(400, f"{value} is not supported") from None


def _flag(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() in {"1", "true", "yes", "on"})


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


async def _until_disconnected(request: Request) -> None:
    """Return when the client disconnects (the body has been read: the next message is the disconnect)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def _unless_gone(request: Request, work: Awaitable[Any]) -> Any:
    """``work``'s result, or :class:`ClientGone` when the client leaves first (``work`` is then cancelled)."""
    task = asyncio.ensure_future(work)
    gone = asyncio.ensure_future(_until_disconnected(request))
    done, _ = await asyncio.wait({task, gone}, return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        gone.cancel()
        return task.result()
    task.cancel()
    raise ClientGone


class Routes:
    """The endpoint handlers over one :class:`Service`."""

    def __init__(self, service: Service) -> None:
        self.service = service

    async def translate(self, request: Request) -> Response:
        s = self.service
        params = await _params(request, s.config.max_body)
        s.authorize(request, params)
        q = params.get("q")
        texts = [q] if isinstance(q, str) else q
        if q is None or not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise ApiError(400, "Invalid request: missing q parameter" if q is None else "q must be a string or a list")
        chars = sum(map(len, texts))
        if chars > s.config.max_chars:
            raise ApiError(400, f"Invalid request: request ({chars}) exceeds text limit ({s.config.max_chars})")
        target = _language(params.get("target"), "target")
        auto = params.get("source") == "auto"
        fmt = params.get("format") or "text"
        if fmt not in ("text", "html"):
            raise ApiError(400, f"format must be text or html, not {fmt!r}")
        if auto:  # markup says nothing of the language: detect on the text between the tags
            sources = [detect_language(PLACEHOLDER.sub(" ", t) if fmt == "html" else t) for t in texts]
        else:
            sources = [_language(params.get("source"), "source")] * len(texts)
        mode = params.get("glossary") or s.default_mode
        if mode not in GLOSSARY_MODES:
            raise ApiError(400, f"glossary must be one of {', '.join(GLOSSARY_MODES)}, not {mode!r}")
        if mode != "off" and s.config.glossary is None:
            raise ApiError(400, f"glossary={mode}: this server has no glossary (start it with --glossary)")
        date = _date(params.get("date"))
        report = _flag(params.get("report"))
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
            outcomes = dict(zip(directions, await _unless_gone(request, work)))
        except QueueFull as err:
            raise ApiError(
                429, "Slowdown: the translation queue is full", headers={"Retry-After": str(err.retry_after)}
            )
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
        served = self.service.config.directions
        return JSONResponse(
            [
                {"code": code, "name": display_name(code), "targets": [t for s, t in served if s == code]}
                for code in LANGUAGES
                if any(code in pair for pair in served)
            ]
        )

    async def detect(self, request: Request) -> Response:
        params = await _params(request, self.service.config.max_body)
        self.service.authorize(request, params)
        q = params.get("q")
        if not isinstance(q, str):
            raise ApiError(400, "Invalid request: missing q parameter")
        lang = detect_language(q)
        return JSONResponse([{"confidence": confidence(q, lang), "language": lang}])

    async def frontend_settings(self, request: Request) -> Response:
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
        from ..checks.render_json import report_dict

        s = self.service
        params = await _params(request, s.config.max_body)
        s.authorize(request, params)
        text, source = params.get("text", params.get("q")), params.get("source")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Invalid request: missing text parameter")
        if source is not None and not isinstance(source, str):
            raise ApiError(400, "source must be a string")
        if len(text) + len(source or "") > s.config.max_chars:
            raise ApiError(400, f"Invalid request: request exceeds text limit ({s.config.max_chars})")
        options = {
            "lang": _language(params["lang"], "lang") if params.get("lang") else None,
            "source": source,
            "source_lang": _language(params["source_lang"], "source_lang") if params.get("source_lang") else None,
            "date": _date(params.get("date")),
        }
        checker = s.checker()
        report = await s.run_check(lambda: checker.check(text, **options))
        return JSONResponse(report_dict(report))

    async def glossary_search(self, request: Request) -> Response:
        from ..glossary.search import search

        s = self.service
        params = dict(request.query_params)
        s.authorize(request, params)
        query = params.get("q", "")
        if not query.strip():
            raise ApiError(400, "Invalid request: missing q parameter")
        lang = _language(params["lang"], "lang") if params.get("lang") else None
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
        if self.service.draining:
            return JSONResponse({"status": "draining"}, status_code=503)
        return JSONResponse({"status": "ok"})

    async def ready(self, request: Request) -> Response:
        s = self.service
        loaded = [d.name for d in s.directions.values() if d.loaded]
        return JSONResponse({"ready": s.ready, "loaded": loaded}, status_code=200 if s.ready else 503)

    async def metrics(self, request: Request) -> Response:
        s = self.service
        for d in s.directions.values():
            s.metrics.queue_depth.labels(d.name).set(d.batcher.pending)
        return Response(s.metrics.render(), media_type=CONTENT_TYPE_LATEST)


def _date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ApiError(400, f"date must be YYYY-MM-DD, not {value!r}") from None


class Guard:
    """ASGI middleware: 503 while draining, the metrics and one JSON access-log line per request."""

    def __init__(self, app: ASGIApp, service: Service) -> None:
        self.app, self.service = app, service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, started, status = scope["path"], time.perf_counter(), 500

        async def tracked(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            if self.service.draining and path not in ("/health", "/ready"):
                await _error(503, "Shutting down", {"Connection": "close"})(scope, receive, tracked)
            else:
                await self.app(scope, receive, tracked)
        finally:
            seconds = time.perf_counter() - started
            endpoint = path if path in _ENDPOINTS else "other"
            self.service.metrics.requests.labels(endpoint, str(status)).inc()
            self.service.metrics.latency.labels(endpoint).observe(seconds)
            client = scope.get("transkit.client") or (scope["client"][0] if scope.get("client") else None)
            access_log.info(
                json.dumps(
                    {
                        "time": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds"),
                        "method": scope["method"],
                        "path": path,
                        "status": status,
                        "ms": round(1000 * seconds, 1),
                        "client": client,
                    }
                )
            )


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


async def _api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return _error(exc.status, exc.message, exc.headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _error(exc.status_code, exc.detail, dict(exc.headers or {}))


async def _client_gone(request: Request, exc: Exception) -> Response:
    return Response(status_code=499)  # nginx's code for a client that closed the connection; nobody reads it


async def _transkit_error(request: Request, exc: Exception) -> Response:
    logging.getLogger(__name__).error("%s: %s", request.url.path, exc)
    return _error(500, str(exc))


async def _internal_error(request: Request, exc: Exception) -> Response:
    logging.getLogger(__name__).exception("internal error on %s", request.url.path)
    return _error(500, f"Internal error: {type(exc).__name__}")


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
            ApiError: _api_error,
            HTTPException: _http_error,
            ClientGone: _client_gone,
            TranskitError: _transkit_error,  # a model that cannot be loaded, a damaged translation memory
            Exception: _internal_error,
        },
        lifespan=lifespan,
    )
    app.state.service = service
    app.add_middleware(Guard, service=service)
    return app
