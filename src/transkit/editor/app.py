"""The editor's web application (Starlette): pages, forms and the guards around them.

>>> from transkit.editor import EditorConfig, create_app
>>> app = create_app(EditorConfig(glossary="glossaries"))  # doctest: +SKIP

On a loopback address reading and editing are open without credentials. On any
other address every page needs a login (``public_read`` opens the read-only
pages), see :class:`~transkit.editor.auth.Access`. Sessions live on the server
(:class:`~transkit.editor.auth.Sessions`): logging out ends one for good, idle
ones expire; failed logins are throttled per user and per address. Every form
carries a CSRF token and the version of the concept it edits; output is escaped
by Jinja2's autoescape. The text checker takes at most :data:`MAX_CHECK_CHARS`
characters and runs in a worker thread, so a long check never blocks other pages.
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
from starlette.concurrency import run_in_threadpool
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
from ..findings import Severity
from ..glossary.model import CONCEPT_TYPES, Concept, Glossary
from ..glossary.search import search
from ..glossary.store import ID_PATTERN, GlossaryFile, concept_to_data
from ..languages import LANGUAGES
from .audit import AuditEntry, AuditLog, CommitFailed
from .auth import Access, Sessions, Throttle, csrf_token, valid_csrf
from .changes import concept_in, concept_version, describe
from .edits import LIMITS, ConceptForm, RoleForm, TermAction, remove_role
from .highlight import pieces
from .workflow import concept_from_data, references, rename_in, set_verified, unverified
from .workspace import EditConflict, FileChange, PathRefused, Workspace

__all__ = ["MAX_CHECK_CHARS", "EditorConfig", "create_app"]

HERE = Path(__file__).parent
MAX_BODY = 2 * 1024 * 1024  # pasted articles are far smaller
MAX_CHECK_CHARS = 100_000
"""The longest text the checker page takes (about 15,000 words: a long feature, not a book)."""
PAGE_SIZE = 100
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
    public_read: bool = False  # with a login required: let anyone read (search, concepts, lint, check)
    secure_cookies: bool = False  # served over TLS (directly or behind a proxy): cookies only over https
    idle_minutes: float = 8 * 60  # a session unused this long ends
    login_attempts: int = 5  # failed logins per user name in 15 minutes (four times as many per address)


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
        self.read_needs_login = config.access.login_required and not config.public_read
        self.sessions = Sessions(idle_seconds=config.idle_minutes * 60)
        self.by_user = Throttle(limit=config.login_attempts)
        self.by_address = Throttle(limit=config.login_attempts * 4)
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
        """Who edits: the user of a live session, the local user when no login is needed, else None."""
        name = self.sessions.user(request.session.get("sid"))
        if name is not None:
            return name
        return None if self.access.login_required else local_user()

    def page(self, request: Request, template: str, code: int = 200, **context: Any) -> Response:
        """Render ``template`` with the context every page shares (glossary, user, CSRF token, flash)."""
        glossary, load_error = self._glossary()
        context.setdefault("flash", request.session.pop("flash", None))
        context.setdefault("undo", request.session.pop("undo", None))
        base = {
            "request": request,
            "csrf": csrf_token(request.session),
            "user": self.user(request),
            "login_required": self.access.login_required,
            "glossary": glossary,
            "load_error": load_error,
            "refused_files": self.workspace.refused(),
            "files": self.workspace.names(),
            "languages": tuple(LANGUAGES),
            "types": CONCEPT_TYPES,
            "limits": LIMITS,
            "problem_count": sum(p.severity is Severity.ERROR for p in self.workspace.problems()),
            "unverified_count": sum(len(terms) for _, terms in unverified(glossary)),
            "title_name": lambda tid: _title_names(glossary, tid),
        }
        return self.templates.TemplateResponse(request, template, {**base, **context}, status_code=code)

    def _glossary(self) -> tuple[Glossary, str | None]:
        try:
            return self.workspace.glossary(), None
        except TranskitError as err:
            return Glossary(), str(err)

    def concept(self, request: Request) -> Concept:
        """The concept named in the URL; 404 when there is none."""
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

    def saved(
        self, request: Request, action: str, change: FileChange, ids: tuple[str, str | None], *, comment: str = ""
    ) -> Response:
        """Log a saved change (summary: every attribute that changed) and go to the concept, offering undo.

        ``ids`` is the concept's id before and after (they differ for a rename).
        A change git refuses to commit is put back and reported, never left behind.
        """
        old_id, new_id = ids[0], ids[1] or ids[0]
        path = self.workspace.resolve(change.name)
        before, after = concept_in(change.before, old_id, path), concept_in(change.after, new_id, path)
        if change.before == change.after:
            request.session["flash"] = "Nothing to save: the form has no changes."
            return RedirectResponse(f"/concept/{quote(new_id)}", status_code=303)
        summary = "; ".join(describe(before, after)) or "layout only"
        data = tuple(concept_to_data(c) if c else None for c in (before, after))
        try:
            entry = self.audit.record(
                self.user(request) or "unknown",
                action,
                new_id,
                change,
                summary,
                concepts=data,  # type: ignore[arg-type]
                comment=comment,
            )
        except CommitFailed as err:
            self.workspace.restore(change)
            request.session["flash"] = f"Not saved: {err}"
            return RedirectResponse(f"/concept/{quote(old_id)}", status_code=303)
        request.session["flash"] = f"Saved {new_id}: {summary}"
        request.session["undo"] = entry.seq
        return RedirectResponse(f"/concept/{quote(new_id)}" if after else "/", status_code=303)

    # ---- pages
    async def index(self, request: Request) -> Response:
        """``GET /``: search and filter the concepts."""
        params = request.query_params
        query = params.get("q", "")
        glossary = self._glossary()[0]
        filters = {key: params.get(key, "") for key in ("type", "file", "scope", "lint", "verified")}
        found = search(glossary, query) if query.strip() else []
        matched = {hit.concept.id: hit.term for hit in found}
        concepts = [hit.concept for hit in found] if query.strip() else list(glossary) if any(filters.values()) else []
        hits = [c for c in concepts if self._passes(c, filters)]
        pages = max(1, -(-len(hits) // PAGE_SIZE))
        page_no = min(max(1, _int(params.get("page"), 1)), pages)
        shown = hits[(page_no - 1) * PAGE_SIZE : page_no * PAGE_SIZE]
        partial = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
        scopes = sorted({c.scope for c in glossary if c.scope})
        return self.page(
            request,
            "_results.html" if partial else "index.html",
            query=query,
            hits=shown,
            matched=matched,
            total=len(hits),
            filters=filters,
            scopes=scopes,
            page_no=page_no,
            pages=pages,
            searched=bool(query.strip() or any(filters.values())),
            query_string=_query_string({"q": query, **filters}),
        )

    def _passes(self, concept: Concept, filters: dict[str, str]) -> bool:
        """True when ``concept`` matches every filter that is set."""
        if filters["type"] and concept.type != filters["type"]:
            return False
        if filters["file"] and (concept.origin is None or Path(concept.origin.path).name != filters["file"]):
            return False
        if filters["scope"] and concept.scope != filters["scope"]:
            return False
        if filters["lint"]:
            problems = self.workspace.problems_of(concept.id)
            if (filters["lint"] == "clean") == bool(problems):
                return False
        if filters["verified"]:
            all_verified = all(t.verified for t in concept.terms)
            if (filters["verified"] == "yes") != all_verified:
                return False
        return True

    async def show(self, request: Request) -> Response:
        """``GET /concept/{cid}``: one concept with its terms, roles and lint problems."""
        concept = self.concept(request)
        return self.page(request, "concept.html", concept=concept, **self._concept_context(concept))

    def _concept_context(self, concept: Concept) -> dict[str, Any]:
        glossary = self._glossary()[0]
        titles = sorted((c for c in glossary if c.type == "title"), key=lambda c: c.id)
        approvals = {}
        for entry in reversed(self.audit.entries(1000, concept=concept.id)):  # oldest first: newest wins
            if entry.action == "approve":
                approvals[entry.summary.split(":")[0]] = entry
        return {
            "file": self.workspace.name_of(concept),
            "version": concept_version(concept),
            "problems": self.workspace.problems_of(concept.id),
            "title_concepts": titles,
            "approvals": approvals,
            "used_by": references(glossary, concept.id),
        }

    async def edit_form(self, request: Request) -> Response:
        """``GET /concept/{cid}/edit``: the edit form (login first where needed)."""
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
        """``POST /concept/{cid}/edit``: save the edited concept, or show the form again with what to fix."""
        concept = self.concept(request)
        data = await self.form(request)
        form = ConceptForm.parse({**data, "id": concept.id})
        original = str(data.get("original", ""))
        context = {**self._concept_context(concept), "version": str(data.get("version", "")), "original": original}
        errors = form.errors(self._glossary()[0], old=concept)
        if not errors:
            try:
                change = self.workspace.edit(
                    context["file"], concept.id, context["version"], lambda doc: form.apply(doc, concept)
                )
            except EditConflict as conflict:
                return self._edit_conflict(request, form, original, conflict)
            except TranskitError as err:
                errors = [str(err)]
            else:
                return self.saved(request, "edit-concept", change, (concept.id, None))
        return self.page(
            request, "concept_form.html", 422, form=form, new=False, errors=errors, concept=concept, **context
        )

    def _edit_conflict(self, request: Request, form: ConceptForm, original: str, conflict: EditConflict) -> Response:
        """The edit form again, over the concept as it is now, with this editor's changes carried over.

        The fields the other editor changed are marked, with their value before.
        """
        current = self._glossary()[0].get(form.id)
        if current is None:
            raise HTTPException(409, f"{form.id} was removed from the glossary while you edited it.")
        now = ConceptForm.of(current)
        before = ConceptForm.from_json(original)
        shown = form.rebase(before, now) if before is not None else form
        theirs = before.differences(now) if before is not None else set()
        context = {**self._concept_context(current), "version": conflict.actual, "original": now.to_json()}
        return self.page(
            request,
            "concept_form.html",
            409,
            form=shown,
            new=False,
            errors=[],
            conflict=conflict,
            theirs=theirs,
            before=before.fields() if before is not None else {},
            concept=current,
            **context,
        )

    async def term(self, request: Request) -> Response:
        """``POST /concept/{cid}/term``: prefer, admit, forbid or remove one term."""
        concept = self.concept(request)
        data = await self.form(request)
        action = TermAction.parse(data)
        return self._apply(request, concept, data, "term-" + action.action, lambda doc: action.apply(doc, concept))

    async def add_role(self, request: Request) -> Response:
        """``POST /concept/{cid}/roles``: give a person a dated role."""
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
        return self._apply(request, concept, data, "add-role", lambda doc: doc.add_role(concept.id, role.role()))

    async def drop_role(self, request: Request) -> Response:
        """``POST /concept/{cid}/roles/remove``: remove one role of a person."""
        concept = self.concept(request)
        data = await self.form(request)
        try:
            index = int(str(data.get("index", "")))
        except ValueError:
            raise HTTPException(400, "The role to remove is missing.") from None
        title = str(data.get("title", ""))
        return self._apply(request, concept, data, "remove-role", lambda doc: remove_role(doc, concept, index, title))

    def _apply(
        self,
        request: Request,
        concept: Concept,
        data: FormData,
        action: str,
        change: Callable[[GlossaryFile], Any],
        *,
        comment: str = "",
        back: str | None = None,
    ) -> Response:
        """Run ``change`` on the concept's file, guarded by the version the page was built from."""
        try:
            saved = self.workspace.edit(
                self.workspace.name_of(concept), concept.id, str(data.get("version", "")), change
            )
        except (EditConflict, TranskitError) as err:
            conflict = err if isinstance(err, EditConflict) else None
            errors = [] if conflict else [str(err)]
            current = self._glossary()[0].get(concept.id) or concept
            return self.page(
                request,
                "concept.html",
                409 if conflict else 422,
                concept=current,
                conflict=conflict,
                errors=errors,
                **self._concept_context(current),
            )
        response = self.saved(request, action, saved, (concept.id, None), comment=comment)
        if back:
            response.headers["location"] = back
        return response

    async def new_form(self, request: Request) -> Response:
        """``GET /new``: the form for a new concept (login first where needed)."""
        if self.user(request) is None:
            return RedirectResponse("/login?next=/new", status_code=303)
        form = ConceptForm.blank(request.query_params.get("type", "person"))
        return self.page(request, "concept_form.html", form=form, new=True, errors=[], version="", target="")

    async def create(self, request: Request) -> Response:
        """``POST /new``: add the concept to the chosen file, or show the form again with what to fix."""
        data = await self.form(request)
        form = ConceptForm.parse(data)
        target = str(data.get("file") or data.get("new_file") or "").strip()
        context = {"form": form, "new": True, "target": target, "version": ""}
        errors = form.errors(self._glossary()[0], old=None)
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
                change = self.workspace.edit(
                    target, concept.id, "", lambda doc: doc.add(concept), create=target not in self.workspace.names()
                )
                return self.saved(request, "add-concept", change, (concept.id, None))
            except EditConflict:
                return self.page(request, "concept_form.html", 409, errors=[], conflict=True, **context)
            except TranskitError as err:
                errors = [str(err)]
        return self.page(request, "concept_form.html", 422, errors=errors, **context)

    # ---- review queue
    async def review_page(self, request: Request) -> Response:
        """``GET /review``: the queue of unverified terms."""
        queue = unverified(self._glossary()[0])
        versions = {c.id: concept_version(c) for c, _ in queue}
        return self.page(request, "review.html", queue=queue, versions=versions)

    async def review(self, request: Request) -> Response:
        """Approve an unverified term (it becomes verified) or reject it (forbid or remove), with a comment."""
        concept = self.concept(request)
        data = await self.form(request)
        lang, text, decision = (str(data.get(k, "")) for k in ("lang", "text", "decision"))
        comment = " ".join(str(data.get("comment", "")).split())[: LIMITS["note"]]
        term = next((t for t in concept.terms_in(lang) if t.text == text), None)
        if term is None or decision not in ("approve", "forbid", "remove"):
            raise HTTPException(400, f"{concept.id} has no {lang} term {text!r} to review: reload the page.")
        if decision != "approve" and term.status == "preferred":
            raise HTTPException(
                400, f"{text!r} is the preferred {lang} term: make another term preferred first, then reject this one."
            )

        def change(doc: GlossaryFile) -> None:
            if decision == "approve":
                set_verified(doc, concept, lang, text, True)
            elif decision == "remove":
                doc.remove_term(concept.id, lang, text)
            else:
                doc.move_term(concept.id, lang, text, "forbidden")

        action = "approve" if decision == "approve" else f"reject-{decision}"
        return self._apply(request, concept, data, action, change, comment=comment, back="/review")

    # ---- history, revert, delete, rename
    async def history(self, request: Request) -> Response:
        """``GET /concept/{cid}/history``: the audited changes of one concept."""
        concept_id = request.path_params["cid"]
        entries = self.audit.entries(500, concept=concept_id)
        concept = self._glossary()[0].get(concept_id)
        if concept is None and not entries:
            raise HTTPException(404, f"There is no concept {concept_id}.")
        return self.page(request, "history.html", concept_id=concept_id, concept=concept, entries=entries)

    def _entry(self, request: Request) -> AuditEntry:
        entry = self.audit.entry(_int(request.path_params["seq"], 0))
        if entry is None or (entry.before_concept is None and entry.after_concept is None):
            raise HTTPException(404, "There is no such change to revert (changes logged before this version cannot).")
        return entry

    def _revert_plan(self, entry: AuditEntry) -> tuple[Concept | None, Concept | None]:
        """The concept as it is now and as the revert makes it (None: absent)."""
        now_id = (entry.after_concept or entry.before_concept or {})["id"]
        target = concept_from_data(entry.before_concept) if entry.before_concept else None
        return self._glossary()[0].get(now_id), target

    async def revert_page(self, request: Request) -> Response:
        """``GET /revert/{seq}``: what reverting one audited change would do."""
        entry = self._entry(request)
        current, target = self._revert_plan(entry)
        return self.page(
            request,
            "revert.html",
            entry=entry,
            current=current,
            target=target,
            lines=describe(current, target),
            version=concept_version(current),
        )

    async def revert(self, request: Request) -> Response:
        """``POST /revert/{seq}``: revert one audited change (also the "Undo" after a change)."""
        entry = self._entry(request)
        data = await self.form(request)
        current, target = self._revert_plan(entry)
        if "version" in data:
            expected = str(data.get("version"))
        else:  # "Undo" right after the change: the concept must still be as the change left it
            expected = concept_version(concept_from_data(entry.after_concept)) if entry.after_concept else ""
        comment = f"revert of change {entry.seq} ({entry.action} by {entry.user})"
        try:
            if target is not None and current is not None and target.id != current.id:
                return self._rename(request, current, target.id, expected, comment=comment)
            if target is None:
                assert current is not None
                change = self.workspace.edit(entry.file, current.id, expected, lambda doc: doc.remove(current.id))
                return self.saved(request, "revert", change, (current.id, None), comment=comment)
            if current is None:
                change = self.workspace.edit(entry.file, target.id, expected, lambda doc: doc.add(target), create=True)
            else:
                change = self.workspace.edit(
                    self.workspace.name_of(current), current.id, expected, lambda doc: doc.replace(target)
                )
        except EditConflict:
            request.session["flash"] = "Not reverted: the concept changed since that page was loaded. Check again."
            return RedirectResponse(f"/revert/{entry.seq}", status_code=303)
        except TranskitError as err:
            raise HTTPException(400, str(err)) from None
        return self.saved(request, "revert", change, (target.id, None), comment=comment)

    async def delete_page(self, request: Request) -> Response:
        """``GET /concept/{cid}/delete``: confirm deleting a concept."""
        concept = self.concept(request)
        return self.page(request, "delete.html", concept=concept, **self._concept_context(concept))

    async def delete(self, request: Request) -> Response:
        """``POST /concept/{cid}/delete``: delete a concept no role refers to."""
        concept = self.concept(request)
        data = await self.form(request)
        used_by = references(self._glossary()[0], concept.id)
        if used_by:
            raise HTTPException(
                400, f"{concept.id} is the title of roles in {', '.join(used_by)}: remove or change those roles first."
            )
        return self._apply(request, concept, data, "delete-concept", lambda doc: doc.remove(concept.id), back="/")

    async def rename(self, request: Request) -> Response:
        """``POST /concept/{cid}/rename``: give a concept a new id, in its file and in every role that names it."""
        concept = self.concept(request)
        data = await self.form(request)
        new_id = str(data.get("new_id", "")).strip()
        if not ID_PATTERN.match(new_id) or new_id in self._glossary()[0]:
            raise HTTPException(
                400, f"{new_id!r} cannot be the new id: use letters, digits, '_', '.', '-', and an id not yet in use."
            )
        return self._rename(request, concept, new_id, str(data.get("version", "")))

    def _rename(self, request: Request, concept: Concept, new_id: str, expected: str, *, comment: str = "") -> Response:
        """Rename a concept in its file, then every role that names it in the other files (each change logged)."""
        home = self.workspace.name_of(concept)
        try:
            change = self.workspace.edit(home, concept.id, expected, lambda doc: rename_in(doc, concept.id, new_id))
        except EditConflict:
            request.session["flash"] = f"Not renamed: {concept.id} changed since the page was loaded."
            return RedirectResponse(f"/concept/{quote(concept.id)}", status_code=303)
        response = self.saved(request, "rename-concept", change, (concept.id, new_id), comment=comment)
        undo = request.session.get("undo")
        for name in self.workspace.names():
            if name == home or f"title: {concept.id}" not in self.workspace.read(name):
                continue
            # no concept of this file is guarded ("" names none): only role titles change, under the write lock
            other = self.workspace.edit(name, "", "", lambda doc: rename_in(doc, concept.id, new_id))
            if other.before != other.after:
                user = self.user(request) or "unknown"
                summary = f"role titles {concept.id} → {new_id}"
                self.audit.record(user, "rename-references", new_id, other, summary, comment=comment)
        request.session["undo"] = undo
        return response

    # ---- text checker
    async def check_page(self, request: Request) -> Response:
        """``GET /check``: the form to check a text against the glossary."""
        return self.page(request, "check.html", text="", lang="", day="", report=None, max_chars=MAX_CHECK_CHARS)

    async def run_check(self, request: Request) -> Response:
        """``POST /check``: check the posted text and show the findings in place."""
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
        if len(text) > MAX_CHECK_CHARS:
            errors.append(
                f"The text has {len(text):,} characters; the checker takes at most {MAX_CHECK_CHARS:,}: "
                "check it in parts, or run `transkit check` on the file."
            )
        report = None
        if text.strip() and not errors:
            glossary = self._glossary()[0]
            report = await run_in_threadpool(lambda: check(text, lang=lang or None, glossary=glossary, date=day))
        template = "_check_result.html" if request.headers.get("HX-Request") else "check.html"
        return self.page(
            request,
            template,
            413 if len(text) > MAX_CHECK_CHARS else 200,
            text=text[:MAX_CHECK_CHARS],
            lang=lang,
            day=day_raw,
            errors=errors,
            report=report,
            max_chars=MAX_CHECK_CHARS,
            pieces=pieces(report.text, report.findings) if report else [],
        )

    async def lint_page(self, request: Request) -> Response:
        """``GET /lint``: the lint problems of the served files."""
        return self.page(request, "lint.html", problems=self.workspace.problems(), owner=self.workspace.owner_of)

    async def raw_file(self, request: Request) -> Response:
        """``GET /files/{name}``: one served glossary file as plain text (404 outside the folder)."""
        name = request.path_params["name"]
        try:
            if name not in self.workspace.names():
                raise HTTPException(404, f"{name} is not a glossary file here.")
            text = self.workspace.read(name)
        except PathRefused as err:
            raise HTTPException(404, err.message) from None
        return PlainTextResponse(text, headers={"Content-Disposition": f"inline; filename*=UTF-8''{quote(name)}"})

    async def audit_page(self, request: Request) -> Response:
        """``GET /audit``: the latest audited changes."""
        return self.page(request, "audit.html", entries=self.audit.entries(200))

    # ---- login
    async def login_page(self, request: Request) -> Response:
        """``GET /login``: the login form."""
        return self.page(request, "login.html", next=_safe_next(request.query_params.get("next")), error=None)

    async def login(self, request: Request) -> Response:
        """``POST /login``: start a session for valid credentials; failed attempts are throttled."""
        data = await self.form(request, edit=False)
        name, secret = str(data.get("name", "")).strip()[:64], str(data.get("secret", ""))[:1024]
        target = _safe_next(str(data.get("next", "")))
        address = request.client.host if request.client else "unknown"
        wait = max(self.by_user.wait(f"user:{name}"), self.by_address.wait(f"address:{address}"))
        if wait > 0:
            error = f"Too many failed logins. Try again in {int(wait // 60) + 1} minutes."
            return self.page(request, "login.html", 429, next=target, error=error)
        user = await run_in_threadpool(self.access.login, name, secret)
        if user is None:
            self.by_user.failed(f"user:{name}")
            self.by_address.failed(f"address:{address}")
            return self.page(request, "login.html", 401, next=target, error="Wrong name, password or token.")
        self.sessions.end(request.session.get("sid"))
        request.session.clear()  # a new session (and CSRF token) after login
        request.session["sid"] = self.sessions.start(user)
        return RedirectResponse(target, status_code=303)

    async def logout(self, request: Request) -> Response:
        """``POST /logout``: end the session on the server and in the cookie."""
        await self.form(request, edit=False)
        self.sessions.end(request.session.get("sid"))
        request.session.clear()
        return RedirectResponse("/", status_code=303)

    async def error(self, request: Request, exc: Exception) -> Response:
        """The error page for an HTTP error or a refused request."""
        status = exc.status_code if isinstance(exc, HTTPException) else 400
        message = exc.detail if isinstance(exc, HTTPException) else str(exc)
        return self.page(request, "error.html", status, message=message, status=status)

    def guarded(self, endpoint: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
        """``endpoint`` behind the read login: where every page needs one, go log in first."""

        async def guard(request: Request) -> Response:
            if self.read_needs_login and self.user(request) is None:
                if request.method != "GET":
                    raise HTTPException(403, "Log in first.")
                return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
            return await endpoint(request)

        return guard


async def server_error(request: Request, exc: Exception) -> Response:
    """A plain 500 page that still carries the security headers (it is sent outside the other middleware)."""
    return PlainTextResponse("Internal error: the editor's log says more.", 500, headers=SECURITY_HEADERS)


def _int(raw: str | None, default: int) -> int:
    try:
        return int(raw or "")
    except ValueError:
        return default


def _query_string(params: dict[str, str]) -> str:
    """The set parameters as a URL query (for the paging links)."""
    return "&".join(f"{k}={quote(v)}" for k, v in params.items() if v)


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
    read = editor.guarded
    routes = [
        Route("/", read(editor.index)),
        Route("/concept/{cid}", read(editor.show)),
        Route("/concept/{cid}/edit", editor.edit_form, methods=["GET"]),
        Route("/concept/{cid}/edit", editor.edit, methods=["POST"]),
        Route("/concept/{cid}/term", editor.term, methods=["POST"]),
        Route("/concept/{cid}/roles", editor.add_role, methods=["POST"]),
        Route("/concept/{cid}/roles/remove", editor.drop_role, methods=["POST"]),
        Route("/concept/{cid}/review", editor.review, methods=["POST"]),
        Route("/concept/{cid}/history", read(editor.history)),
        Route("/concept/{cid}/delete", read(editor.delete_page), methods=["GET"]),
        Route("/concept/{cid}/delete", editor.delete, methods=["POST"]),
        Route("/concept/{cid}/rename", editor.rename, methods=["POST"]),
        Route("/revert/{seq:int}", read(editor.revert_page), methods=["GET"]),
        Route("/revert/{seq:int}", editor.revert, methods=["POST"]),
        Route("/review", read(editor.review_page)),
        Route("/new", editor.new_form, methods=["GET"]),
        Route("/new", editor.create, methods=["POST"]),
        Route("/check", read(editor.check_page), methods=["GET"]),
        Route("/check", read(editor.run_check), methods=["POST"]),
        Route("/lint", read(editor.lint_page)),
        Route("/files/{name:path}", read(editor.raw_file)),
        Route("/audit", read(editor.audit_page)),
        Route("/login", editor.login_page, methods=["GET"]),
        Route("/login", editor.login, methods=["POST"]),
        Route("/logout", editor.logout, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(TrustedHostMiddleware, allowed_hosts=list(config.allowed_hosts) or ["*"]),
        Middleware(
            SessionMiddleware,
            secret_key=config.secret_key,
            session_cookie="transkit_editor",
            same_site="strict",
            https_only=config.secure_cookies,
        ),
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={HTTPException: editor.error, TranskitError: editor.error, 500: server_error},
        max_body_size=MAX_BODY,
    )
    app.state.editor = editor
    return app
