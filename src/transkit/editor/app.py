"""The editor's web application (Starlette): pages, forms and the guards around them.

>>> from transkit.editor import EditorConfig, create_app
>>> app = create_app(EditorConfig(glossary="glossaries"))  # doctest: +SKIP

Reading (search, concept pages, lint, the text checker) is open; editing is
open on a loopback address without credentials and needs a login otherwise (see
:class:`~transkit.editor.auth.Access`). Every form carries a CSRF token and the
version (sha256) of the file it edits; output is escaped by Jinja2's autoescape.
"""

from __future__ import annotations

import getpass
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..checks import check
from ..errors import TranskitError
from ..glossary.model import CONCEPT_TYPES, Concept, Glossary
from ..glossary.search import search
from ..glossary.store import ID_PATTERN, GlossaryFile
from ..languages import LANGUAGES
from .audit import AuditLog
from .auth import Access, csrf_token, valid_csrf
from .edits import ConceptForm, RoleForm, TermAction, remove_role
from .highlight import pieces
from .workspace import EditConflict, PathRefused, Workspace

__all__ = ["EditorConfig", "create_app"]

HERE = Path(__file__).parent
MAX_BODY = 2 * 1024 * 1024  # pasted articles are far smaller
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


@dataclass(frozen=True)
class EditorConfig:
    """How to serve one glossary folder."""

    glossary: str | Path
    access: Access = field(default_factory=Access)
    audit: Path | None = None  # default: .transkit-audit.jsonl in the glossary folder
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)


def local_user() -> str:
    """The name recorded for edits made without a login (on a loopback address)."""
    try:
        return f"local:{getpass.getuser()}"
    except (KeyError, OSError):
        return "local"


class Editor:
    """The route handlers, over one workspace."""

    def __init__(self, config: EditorConfig) -> None:
        self.workspace = Workspace(config.glossary)
        self.audit = AuditLog.beside(self.workspace.root, config.audit)
        self.access = config.access
        env = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        env.filters["source_url"] = _source_url
        self.templates = Jinja2Templates(env=env)

    # ---- helpers
    def user(self, request: Request) -> str | None:
        """Who edits: the logged-in user, the local user when no login is needed, else None."""
        name = request.session.get("user")
        if isinstance(name, str):
            return name
        return None if self.access.login_required else local_user()

    def page(self, request: Request, template: str, code: int = 200, **context: Any) -> Response:
        glossary, load_error = self._glossary()
        context.setdefault("flash", request.session.pop("flash", None))
        base = {
            "request": request,
            "csrf": csrf_token(request.session),
            "user": self.user(request),
            "login_required": self.access.login_required,
            "glossary": glossary,
            "load_error": load_error,
            "files": self.workspace.names(),
            "languages": tuple(LANGUAGES),
            "types": CONCEPT_TYPES,
            "problem_count": sum(p.severity == "error" for p in self.workspace.problems()),
            "title_name": lambda tid: _title_names(glossary, tid),
        }
        response = self.templates.TemplateResponse(request, template, {**base, **context}, status_code=code)
        return response

    def _glossary(self) -> tuple[Glossary, str | None]:
        try:
            return self.workspace.glossary(), None
        except TranskitError as err:
            return Glossary(), str(err)

    def concept(self, request: Request) -> Concept:
        cid = request.path_params["cid"]
        concept = self._glossary()[0].get(cid) if ID_PATTERN.match(cid) else None
        if concept is None:
            raise HTTPException(404, f"There is no concept {cid}.")
        return concept

    async def form(self, request: Request, *, edit: bool = True) -> FormData:
        """The posted form, after the CSRF check (and the login check for edits)."""
        form = await request.form()
        if not valid_csrf(request.session, form.get("csrf")):
            raise HTTPException(
                403, "This form has expired or did not come from this editor. Reload the page and try again."
            )
        if edit and self.user(request) is None:
            raise HTTPException(403, "Log in to edit the glossary.")
        return form

    def saved(self, request: Request, concept_id: str, action: str, change: Any, summary: str) -> Response:
        user = self.user(request) or "unknown"
        self.audit.record(user, action, concept_id, change, summary)
        request.session["flash"] = f"Saved {concept_id}: {summary}"
        return RedirectResponse(f"/concept/{quote(concept_id)}", status_code=303)

    # ---- pages
    async def index(self, request: Request) -> Response:
        query = request.query_params.get("q", "")
        glossary = self._glossary()[0]
        hits = search(glossary, query)[:50] if query.strip() else []
        partial = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
        template = "_results.html" if partial else "index.html"
        return self.page(request, template, query=query, hits=hits)

    async def show(self, request: Request) -> Response:
        concept = self.concept(request)
        return self.page(request, "concept.html", concept=concept, **self._concept_context(concept))

    def _concept_context(self, concept: Concept) -> dict[str, Any]:
        glossary = self._glossary()[0]
        name = self.workspace.name_of(concept)
        titles = sorted((c for c in glossary if c.type == "title"), key=lambda c: c.id)
        return {
            "file": name,
            "version": self.workspace.version(name),
            "problems": self.workspace.problems_of(concept.id),
            "title_concepts": titles,
        }

    async def edit_form(self, request: Request) -> Response:
        concept = self.concept(request)
        if self.user(request) is None:
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        form = ConceptForm.of(concept)
        return self.page(
            request,
            "concept_form.html",
            form=form,
            original=form.to_json(),
            new=False,
            errors=[],
            **self._concept_context(concept),
        )

    async def edit(self, request: Request) -> Response:
        concept = self.concept(request)
        data = await self.form(request)
        form = ConceptForm.parse({**data, "id": concept.id})
        original = str(data.get("original", ""))
        context = {**self._concept_context(concept), "version": str(data.get("version", "")), "original": original}
        errors = form.errors(self._glossary()[0], new=False)
        if not errors:
            try:
                changes: list[str] = []
                change = self.workspace.edit(
                    context["file"], context["version"], lambda doc: changes.extend(form.apply(doc, concept))
                )
            except EditConflict as conflict:
                return self._edit_conflict(request, form, original, conflict)
            except TranskitError as err:
                errors = [str(err)]
            else:
                if not changes:
                    request.session["flash"] = "Nothing to save: the form has no changes."
                    return RedirectResponse(f"/concept/{quote(concept.id)}", status_code=303)
                return self.saved(request, concept.id, "edit-concept", change, "; ".join(changes))
        return self.page(
            request, "concept_form.html", 422, form=form, new=False, errors=errors, concept=concept, **context
        )

    def _edit_conflict(self, request: Request, form: ConceptForm, original: str, conflict: EditConflict) -> Response:
        """The edit form again, over the concept as it is now, with this editor's changes carried over."""
        current = self._glossary()[0].get(form.id)
        if current is None:
            raise HTTPException(409, f"{form.id} was removed from the glossary while you edited it.")
        now = ConceptForm.of(current)
        before = ConceptForm.from_json(original)
        shown = form.rebase(before, now) if before is not None else form
        context = {**self._concept_context(current), "version": conflict.actual, "original": now.to_json()}
        return self.page(
            request,
            "concept_form.html",
            409,
            form=shown,
            new=False,
            errors=[],
            conflict=conflict,
            concept=current,
            **context,
        )

    async def term(self, request: Request) -> Response:
        concept = self.concept(request)
        data = await self.form(request)
        action = TermAction.parse(data)
        return self._apply(request, concept, data, "term", lambda doc: action.apply(doc, concept))

    async def add_role(self, request: Request) -> Response:
        concept = self.concept(request)
        data = await self.form(request)
        role = RoleForm.parse(data)
        errors = role.errors(self._glossary()[0], concept)
        if errors:
            return self.page(
                request,
                "concept.html",
                422,
                concept=concept,
                errors=errors,
                role_form=role,
                **self._concept_context(concept),
            )

        def change(doc: GlossaryFile) -> str:
            doc.add_role(concept.id, role.role())
            return role.summary()

        return self._apply(request, concept, data, "add-role", change)

    async def drop_role(self, request: Request) -> Response:
        concept = self.concept(request)
        data = await self.form(request)
        try:
            index = int(str(data.get("index", "")))
        except ValueError:
            raise HTTPException(400, "The role to remove is missing.") from None
        title = str(data.get("title", ""))
        return self._apply(request, concept, data, "remove-role", lambda doc: remove_role(doc, concept, index, title))

    def _apply(
        self, request: Request, concept: Concept, data: FormData, action: str, change: Callable[[GlossaryFile], str]
    ) -> Response:
        summary: list[str] = []
        try:
            saved = self.workspace.edit(
                self.workspace.name_of(concept), str(data.get("version", "")), lambda doc: summary.append(change(doc))
            )
        except EditConflict as conflict:
            return self.page(
                request, "concept.html", 409, concept=concept, conflict=conflict, **self._concept_context(concept)
            )
        except TranskitError as err:
            return self.page(
                request, "concept.html", 422, concept=concept, errors=[str(err)], **self._concept_context(concept)
            )
        return self.saved(request, concept.id, action, saved, summary[0])

    async def new_form(self, request: Request) -> Response:
        if self.user(request) is None:
            return RedirectResponse("/login?next=/new", status_code=303)
        form = ConceptForm.blank(request.query_params.get("type", "person"))
        return self.page(
            request,
            "concept_form.html",
            form=form,
            new=True,
            errors=[],
            version=self.workspace.fingerprint(),
            target="",
        )

    async def create(self, request: Request) -> Response:
        data = await self.form(request)
        form = ConceptForm.parse(data)
        target = str(data.get("file") or data.get("new_file") or "").strip()
        version = str(data.get("version", ""))
        context = {"form": form, "new": True, "target": target}
        errors = form.errors(self._glossary()[0], new=True)
        try:
            path_errors = [] if target else ["Choose the file to add the concept to."]
            if target:
                self.workspace.resolve(target)
        except PathRefused as err:
            path_errors = [str(err)]
        errors = path_errors + errors
        if not errors:
            concept = form.concept()
            try:
                if version != self.workspace.fingerprint():
                    raise EditConflict(target, version, self.workspace.fingerprint())
                change = self.workspace.edit(
                    target,
                    self.workspace.version(target),
                    lambda doc: doc.add(concept),
                    create=target not in self.workspace.names(),
                )
                return self.saved(request, concept.id, "add-concept", change, f"added {concept.type} to {target}")
            except EditConflict:
                return self.page(
                    request,
                    "concept_form.html",
                    409,
                    errors=[],
                    conflict=True,
                    version=self.workspace.fingerprint(),
                    **context,
                )
            except TranskitError as err:
                errors = [str(err)]
        return self.page(request, "concept_form.html", 422, errors=errors, version=version, **context)

    async def check_page(self, request: Request) -> Response:
        return self.page(request, "check.html", text="", lang="", day="", report=None)

    async def run_check(self, request: Request) -> Response:
        data = await self.form(request, edit=False)
        text = str(data.get("text", ""))
        lang = str(data.get("lang", ""))
        day_raw = str(data.get("date", "")).strip()
        errors: list[str] = []
        day = None
        if day_raw:
            try:
                day = date.fromisoformat(day_raw)
            except ValueError:
                errors.append(f"Write the date as YYYY-MM-DD, not {day_raw!r}.")
        if lang not in ("", *LANGUAGES):
            errors.append("Choose English, Korean, Vietnamese or automatic.")
        report = None
        if text.strip() and not errors:
            report = check(text, lang=lang or None, glossary=self._glossary()[0], date=day)
        template = "_check_result.html" if request.headers.get("HX-Request") else "check.html"
        return self.page(
            request,
            template,
            text=text,
            lang=lang,
            day=day_raw,
            errors=errors,
            report=report,
            pieces=pieces(report.text, report.findings) if report else [],
        )

    async def lint_page(self, request: Request) -> Response:
        return self.page(request, "lint.html", problems=self.workspace.problems(), owner=self.workspace.owner_of)

    async def raw_file(self, request: Request) -> Response:
        name = request.path_params["name"]
        try:
            if name not in self.workspace.names():
                raise HTTPException(404, f"{name} is not a glossary file here.")
            text = self.workspace.read(name)
        except PathRefused as err:
            raise HTTPException(404, err.message) from None
        return PlainTextResponse(text, headers={"Content-Disposition": f"inline; filename*=UTF-8''{quote(name)}"})

    async def audit_page(self, request: Request) -> Response:
        return self.page(request, "audit.html", entries=self.audit.entries(200))

    async def login_page(self, request: Request) -> Response:
        return self.page(request, "login.html", next=_safe_next(request.query_params.get("next")), error=None)

    async def login(self, request: Request) -> Response:
        data = await self.form(request, edit=False)
        name = self.access.login(str(data.get("name", "")), str(data.get("secret", "")))
        target = _safe_next(str(data.get("next", "")))
        if name is None:
            return self.page(request, "login.html", 401, next=target, error="Wrong name, password or token.")
        request.session.clear()  # a new session (and CSRF token) after login
        request.session["user"] = name
        return RedirectResponse(target, status_code=303)

    async def logout(self, request: Request) -> Response:
        await self.form(request, edit=False)
        request.session.clear()
        return RedirectResponse("/", status_code=303)

    async def error(self, request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 400
        message = exc.detail if isinstance(exc, HTTPException) else str(exc)
        return self.page(request, "error.html", status, message=message, status=status)


def _safe_next(target: str | None) -> str:
    """A same-site path to go to after login (never another site)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _source_url(source: str) -> str | None:
    """The link of a source line ("https://… (comment)"), or None when it is not a web address."""
    url = source.split(" ", 1)[0]
    return url if url.startswith(("http://", "https://")) else None


def _title_names(glossary: Glossary, title_id: str) -> dict[str, str]:
    title = glossary.get(title_id)
    if title is None:
        return {}
    return {lang: term.text for lang in LANGUAGES if (term := title.preferred(lang)) is not None}


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.headers
            await send(message)

        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)


def create_app(config: EditorConfig) -> Starlette:
    """The editor as an ASGI application serving ``config.glossary``."""
    editor = Editor(config)
    routes = [
        Route("/", editor.index),
        Route("/concept/{cid}", editor.show),
        Route("/concept/{cid}/edit", editor.edit_form, methods=["GET"]),
        Route("/concept/{cid}/edit", editor.edit, methods=["POST"]),
        Route("/concept/{cid}/term", editor.term, methods=["POST"]),
        Route("/concept/{cid}/roles", editor.add_role, methods=["POST"]),
        Route("/concept/{cid}/roles/remove", editor.drop_role, methods=["POST"]),
        Route("/new", editor.new_form, methods=["GET"]),
        Route("/new", editor.create, methods=["POST"]),
        Route("/check", editor.check_page, methods=["GET"]),
        Route("/check", editor.run_check, methods=["POST"]),
        Route("/lint", editor.lint_page),
        Route("/files/{name:path}", editor.raw_file),
        Route("/audit", editor.audit_page),
        Route("/login", editor.login_page, methods=["GET"]),
        Route("/login", editor.login, methods=["POST"]),
        Route("/logout", editor.logout, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts) or ["*"]),
        Middleware(
            SessionMiddleware, secret_key=config.secret_key, session_cookie="transkit_editor", same_site="strict"
        ),
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={HTTPException: editor.error, TranskitError: editor.error},
        max_body_size=MAX_BODY,
    )
    app.state.editor = editor
    return app
