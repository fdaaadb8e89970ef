"""Reading a request the LibreTranslate way, and the errors it answers with.

Parameters come from the query string, then a JSON, form-urlencoded or
multipart body (a repeated ``q`` in a form is a list of texts). Errors are
:class:`ApiError`, answered as ``{"error": message}``.

>>> flag("true"), flag("0"), language("ko-KR", "target")
(True, False, 'ko')
"""

from __future__ import annotations

import asyncio
import datetime
import json
from collections.abc import Awaitable, Iterable
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..errors import LanguageError
from ..languages import normalize

__all__ = ["ApiError", "ClientGone", "bearer", "date", "error_response", "flag", "language", "params", "unless_gone"]


class ApiError(Exception):
    """An error answered as ``{"error": message}``."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


class ClientGone(Exception):
    """The client disconnected before its translation was ready."""


def bearer(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer`` header, if any."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


async def params(request: Request, limit: int) -> dict[str, Any]:
    """The request's parameters: query string, then a JSON, form-urlencoded or multipart body (413 when too big)."""
    params: dict[str, Any] = dict(request.query_params)
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > limit:
        raise ApiError(413, f"Request body over {limit} bytes")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        form = await request.form(max_files=0, max_part_size=limit)
        return {**params, **_fields((k, v) for k, v in form.multi_items() if isinstance(v, str))}
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
        return {**params, **_fields(parse_qsl(body.decode("utf-8"), keep_blank_values=True))}
    except UnicodeDecodeError:
        raise ApiError(400, "Invalid request: body is not UTF-8") from None


def _fields(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Form fields as a dict; a repeated ``q`` is a list of texts.

    >>> _fields([("q", "a"), ("target", "ko"), ("q", "b")])
    {'q': ['a', 'b'], 'target': 'ko'}
    """
    fields: dict[str, Any] = {}
    for key, value in pairs:
        if key == "q" and "q" in fields:
            fields["q"] = [*([fields["q"]] if isinstance(fields["q"], str) else fields["q"]), value]
        else:
            fields[key] = value
    return fields


def language(value: Any, what: str) -> str:
    """The language code parameter ``value`` normalised; 400 when it is missing or not supported."""
    if not isinstance(value, str) or not value:
        raise ApiError(400, f"Invalid request: missing {what} parameter")
    try:
        return normalize(value)
    except LanguageError:
        raise ApiError(400, f"{value} is not supported") from None


def flag(value: Any) -> bool:
    """A boolean parameter: true for ``True`` or "1", "true", "yes", "on"."""
    return value is True or (isinstance(value, str) and value.lower() in {"1", "true", "yes", "on"})


def date(value: Any) -> datetime.date | None:
    """A date parameter in ISO form (None when absent); 400 when malformed."""
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ApiError(400, f"date must be YYYY-MM-DD, not {value!r}") from None


async def _until_disconnected(request: Request) -> None:
    """Return when the client disconnects (the body has been read: the next message is the disconnect)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


async def unless_gone(request: Request, work: Awaitable[Any]) -> Any:
    """``work``'s result, or :class:`ClientGone` when the client leaves first (``work`` is then cancelled)."""
    task = asyncio.ensure_future(work)
    gone = asyncio.ensure_future(_until_disconnected(request))
    done, _ = await asyncio.wait({task, gone}, return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        gone.cancel()
        return task.result()
    task.cancel()
    raise ClientGone


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """A JSON ``{"error": message}`` response, LibreTranslate style."""
    return JSONResponse({"error": message}, status_code=status, headers=headers)
