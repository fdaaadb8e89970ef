"""What the editor's forms ask for, as edits of a :class:`~transkit.glossary.store.GlossaryFile`.

A form is parsed into a frozen value, checked against the glossary, then
applied with the file's own operations (``set_preferred``, ``move_term``,
``set_term``, ``remove_term``, ``set_field``, ``add_source``, ``add_role``), so a
term keeps its options (note, reading, case sensitivity, ``verified``) and
comments through every change of status or text. What changed is described by
comparing the concept before and after (:func:`transkit.editor.changes.describe`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ..errors import UsageError
from ..glossary.model import CONCEPT_TYPES, Concept, Glossary, Role, Term
from ..glossary.store import ID_PATTERN, GlossaryFile, parse_date
from ..lang.normalize import tidy
from ..languages import LANGUAGES
from .workflow import set_verified

__all__ = [
    "LIMITS",
    "ConceptForm",
    "LanguageTerms",
    "RoleForm",
    "TermAction",
    "TermDetails",
    "remove_role",
]

VARIANTS = ("admitted", "forbidden")
LIMITS = {
    "term": 200,
    "reading": 100,
    "scope": 40,
    "note": 2000,
    "source": 500,
    "terms": 50,
    "sources": 20,
}
"""The most characters a field may hold (``terms``/``sources``: the most lines per box)."""

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Embedding, override and isolate controls: they make a term display as something else."""


def clean(text: str | None) -> str:
    """A form value as a glossary form: NFC, spaces collapsed."""
    return tidy(text or "")


def lines(text: str | None) -> tuple[str, ...]:
    """The non-empty lines of a textarea, cleaned, without repeats."""
    return tuple(dict.fromkeys(c for c in (clean(x) for x in (text or "").splitlines()) if c))


@dataclass(frozen=True)
class LanguageTerms:
    """The terms of one language as the form shows them."""

    preferred: str = ""
    admitted: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()

    def of(self, status: str) -> tuple[str, ...]:
        """The admitted or forbidden forms, by ``status``."""
        return self.admitted if status == "admitted" else self.forbidden

    def status_of(self, text: str) -> str | None:
        """The status ``text`` has in this form, or None when the form drops it."""
        if text == self.preferred:
            return "preferred"
        return next((s for s in VARIANTS if text in self.of(s)), None)


@dataclass(frozen=True)
class TermDetails:
    """The options of one term that the form shows: note, reading, case sensitivity, verified."""

    note: str = ""
    reading: str = ""
    case_sensitive: bool = False
    verified: bool = True

    @classmethod
    def of(cls, term: Term) -> TermDetails:
        """The details ``term`` has now."""
        return cls(term.note or "", term.reading or "", term.case_sensitive, term.verified)

    def options(self) -> dict[str, Any]:
        """The term options to write but ``verified`` (see :func:`~transkit.editor.workflow.set_verified`).

        A None value removes that option.
        """
        return {
            "note": self.note or None,
            "reading": self.reading or None,
            "case_sensitive": True if self.case_sensitive else None,
        }


@dataclass(frozen=True)
class ConceptForm:
    """The add/edit concept form: scope, note, sources, terms by language and each term's details."""

    id: str
    type: str
    scope: str = ""
    note: str = ""
    sources: tuple[str, ...] = ()
    terms: Mapping[str, LanguageTerms] = field(default_factory=dict)
    details: Mapping[tuple[str, str], TermDetails] = field(default_factory=dict)  # (lang, text) -> details

    @classmethod
    def parse(cls, form: Mapping[str, Any]) -> ConceptForm:
        """The concept form as posted."""
        def value(key: str) -> str:
            raw = form.get(key)
            return raw if isinstance(raw, str) else ""

        details: dict[tuple[str, str], TermDetails] = {}
        for lang in LANGUAGES:
            for n in range(LIMITS["terms"] * 3):
                prefix = f"{lang}.detail.{n}."
                text = clean(value(prefix + "text"))
                if not text:
                    break
                details[(lang, text)] = TermDetails(
                    note=" ".join(value(prefix + "note").split()),
                    reading=clean(value(prefix + "reading")),
                    case_sensitive=bool(value(prefix + "case_sensitive")),
                    verified=bool(value(prefix + "verified")),
                )
        return cls(
            id=value("id").strip(),
            type=value("type").strip(),
            scope=clean(value("scope")),
            note=" ".join(value("note").split()),
            sources=tuple(s.strip() for s in value("sources").splitlines() if s.strip()),
            terms={
                lang: LanguageTerms(
                    clean(value(f"{lang}.preferred")),
                    lines(value(f"{lang}.admitted")),
                    lines(value(f"{lang}.forbidden")),
                )
                for lang in LANGUAGES
            },
            details=details,
        )

    @classmethod
    def blank(cls, concept_type: str = "person") -> ConceptForm:
        """An empty form for a new concept."""
        return cls(
            id="",
            type=concept_type,
            terms={lang: LanguageTerms() for lang in LANGUAGES},
        )

    @classmethod
    def of(cls, concept: Concept) -> ConceptForm:
        """The form filled in from an existing concept."""
        return cls(
            id=concept.id,
            type=concept.type,
            scope=concept.scope or "",
            note=concept.note or "",
            sources=concept.sources,
            terms={lang: _language_terms(concept, lang) for lang in LANGUAGES},
            details={(t.lang, t.text): TermDetails.of(t) for t in concept.terms},
        )

    def rows(self, lang: str) -> list[tuple[str, TermDetails]]:
        """The terms of ``lang`` in form order with their details (defaults for a term the form adds)."""
        group = self.terms.get(lang, LanguageTerms())
        texts = dict.fromkeys([group.preferred, *group.admitted, *group.forbidden])
        return [(text, self.details.get((lang, text), TermDetails())) for text in texts if text]

    def to_json(self) -> str:
        """The form as JSON, carried in the page so a conflicting save can be merged (see :meth:`rebase`)."""
        terms = {lang: [t.preferred, list(t.admitted), list(t.forbidden)] for lang, t in self.terms.items()}
        details = [
            [lang, text, d.note, d.reading, d.case_sensitive, d.verified] for (lang, text), d in self.details.items()
        ]
        data = {
            "id": self.id,
            "type": self.type,
            "scope": self.scope,
            "note": self.note,
            "sources": list(self.sources),
        }
        return json.dumps({**data, "terms": terms, "details": details}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ConceptForm | None:
        """The form :meth:`to_json` wrote, or None for anything else."""
        try:
            data = json.loads(text)
            return cls(
                id=str(data["id"]),
                type=str(data["type"]),
                scope=str(data["scope"]),
                note=str(data["note"]),
                sources=tuple(map(str, data["sources"])),
                terms={
                    lang: LanguageTerms(str(p), tuple(map(str, a)), tuple(map(str, f)))
                    for lang, (p, a, f) in data["terms"].items()
                    if lang in LANGUAGES
                },
                details={
                    (str(lang), str(text)): TermDetails(str(note), str(reading), bool(case), bool(verified))
                    for lang, text, note, reading, case, verified in data["details"]
                },
            )
        except (ValueError, KeyError, TypeError):
            return None

    def fields(self) -> dict[str, Any]:
        """Every field of the form by the name it has in the page (for comparing two versions)."""
        out: dict[str, Any] = {
            "type": self.type,
            "scope": self.scope,
            "note": self.note,
            "sources": self.sources,
        }
        for lang, group in self.terms.items():
            out |= {
                f"{lang}.preferred": group.preferred,
                f"{lang}.admitted": group.admitted,
            }
            out[f"{lang}.forbidden"] = group.forbidden
        out |= {f"{lang}.detail:{text}": details for (lang, text), details in self.details.items()}
        return out

    def differences(self, other: ConceptForm) -> set[str]:
        """The names of the fields (as :meth:`fields` names them) where ``other`` differs from this form."""
        mine, theirs = self.fields(), other.fields()
        return {name for name in mine.keys() | theirs.keys() if mine.get(name) != theirs.get(name)}

    def rebase(self, original: ConceptForm, current: ConceptForm) -> ConceptForm:
        """This form's changes (from ``original``) applied to ``current``: what to offer after a conflict.

        >>> o = ConceptForm.blank(); cur = replace(o, note="theirs"); mine = replace(o, scope="US")
        >>> r = mine.rebase(o, cur); (r.scope, r.note)
        ('US', 'theirs')
        """

        def pick(mine: Any, old: Any, theirs: Any) -> Any:
            return mine if mine != old else theirs

        def merge(mine: tuple[str, ...], old: tuple[str, ...], theirs: tuple[str, ...]) -> tuple[str, ...]:
            kept = [x for x in theirs if x in mine or x not in old]
            return tuple(kept + [x for x in mine if x not in old and x not in theirs])

        terms = {}
        for lang in LANGUAGES:
            m, o, t = (f.terms.get(lang, LanguageTerms()) for f in (self, original, current))
            terms[lang] = LanguageTerms(
                pick(m.preferred, o.preferred, t.preferred),
                merge(m.admitted, o.admitted, t.admitted),
                merge(m.forbidden, o.forbidden, t.forbidden),
            )
        details = {
            key: pick(
                self.details.get(key),
                original.details.get(key),
                current.details.get(key),
            )
            for key in {**current.details, **self.details}
        }
        return replace(
            current,
            type=pick(self.type, original.type, current.type),
            scope=pick(self.scope, original.scope, current.scope),
            note=pick(self.note, original.note, current.note),
            sources=merge(self.sources, original.sources, current.sources),
            terms=terms,
            details={key: value for key, value in details.items() if value is not None},
        )

    def errors(self, glossary: Glossary, *, old: Concept | None) -> list[str]:
        """What is wrong with the form, as sentences an editor can act on (empty when fine).

        ``old`` is the concept being edited (None for a new one): what it already
        has is never refused, so an existing glossary always stays editable.
        """
        out = []
        if old is None and not ID_PATTERN.match(self.id):
            out.append(
                "The id must start with a letter and use only letters, digits, '_', '.' and '-' (P_KURT_CAMPBELL)."
            )
        if old is None and self.id in glossary:
            out.append(f"{self.id} already exists: pick another id or edit that concept.")
        if self.type not in CONCEPT_TYPES:
            out.append(f"Choose a type: {', '.join(CONCEPT_TYPES)}.")
        if not any(t.preferred for t in self.terms.values()):
            out.append("Give a preferred term in at least one language.")
        for lang, terms in self.terms.items():
            if not terms.preferred and (terms.admitted or terms.forbidden):
                out.append(f"{lang}: variants need a preferred term in the same language.")
            out.extend(
                f"{lang}: {text!r} is both admitted and forbidden: keep it in one box."
                for text in set(terms.admitted) & set(terms.forbidden)
            )
            if terms.preferred in terms.forbidden:
                out.append(f"{lang}: the preferred term {terms.preferred!r} cannot also be forbidden.")
            out.extend(
                f"{lang}: at most {LIMITS['terms']} {status} terms."
                for status in VARIANTS
                if len(terms.of(status)) > LIMITS["terms"]
            )
        out += self._text_errors(old)
        return out

    def _text_errors(self, old: Concept | None) -> list[str]:
        known_sources = set(old.sources) if old else set()
        known_terms = {(t.lang, t.text) for t in old.terms} if old else set()
        out = []
        for label, text, limit in (
            ("Scope", self.scope, "scope"),
            ("The note", self.note, "note"),
        ):
            if len(text) > LIMITS[limit]:
                out.append(f"{label} is {len(text)} characters long: keep it under {LIMITS[limit]}.")
        for lang, group in self.terms.items():
            for text in dict.fromkeys([group.preferred, *group.admitted, *group.forbidden]):
                if not text or (lang, text) in known_terms:
                    continue
                if len(text) > LIMITS["term"]:
                    out.append(f"{lang}: a term is {len(text)} characters long: keep terms under {LIMITS['term']}.")
                if BIDI_CONTROLS.search(text):
                    out.append(f"{lang}: {text!r} contains a text-direction control character: type the term again.")
        for (lang, text), details in self.details.items():
            if len(details.note) > LIMITS["note"] or len(details.reading) > LIMITS["reading"]:
                out.append(
                    f"{lang}: the note or reading of {text!r} is too long "
                    f"(note ≤ {LIMITS['note']}, reading ≤ {LIMITS['reading']})."
                )
        if len(self.sources) > LIMITS["sources"]:
            out.append(f"At most {LIMITS['sources']} sources.")
        for source in self.sources:
            if source in known_sources:
                continue
            if len(source) > LIMITS["source"] or BIDI_CONTROLS.search(source):
                out.append(f"Source {source[:60]!r}… is too long or contains a text-direction control character.")
            elif not _is_source(source):
                out.append(
                    f"Source {source!r} is not a web address: write 'https://…', optionally after a label "
                    "('KO: https://…') and followed by a comment in parentheses."
                )
        return out

    def concept(self) -> Concept:
        """A new concept from the form."""
        terms: list[Term] = []
        for lang, group in self.terms.items():
            for text in dict.fromkeys([group.preferred, *group.admitted, *group.forbidden]):
                status = group.status_of(text)
                if not text or status is None:
                    continue
                d = self.details.get((lang, text), TermDetails())
                terms.append(
                    Term(
                        text=text,
                        lang=lang,
                        status=status,  # type: ignore[arg-type]  # one of TERM_STATUSES
                        case_sensitive=d.case_sensitive,
                        reading=d.reading or None,
                        verified=d.verified,
                        note=d.note or None,
                    )
                )
        return Concept(
            id=self.id,
            type=self.type,  # type: ignore[arg-type]  # checked by errors()
            terms=tuple(terms),
            scope=self.scope or None,
            note=self.note or None,
            sources=self.sources,
        )

    def apply(self, doc: GlossaryFile, old: Concept) -> None:
        """Edit ``old`` in ``doc`` into what the form says; every term keeps the options the form does not change."""
        cid = old.id
        for key, before, after in (
            ("type", old.type, self.type),
            ("scope", old.scope or "", self.scope),
            ("note", old.note or "", self.note),
        ):
            if before != after:
                doc.set_field(cid, key, after or None)
        for lang in LANGUAGES:
            _apply_language(doc, old, lang, self.terms[lang])
            for text, details in self.rows(lang):
                term = next((t for t in old.terms_in(lang) if t.text == text), None)
                if term is None and text == self.terms[lang].preferred:
                    term = old.preferred(lang)  # the preferred term retyped: the same term, new text
                had = TermDetails.of(term) if term is not None else None
                if (lang, text) not in self.details or details == had:
                    continue
                doc.set_term(cid, lang, text, text, details.options())
                if had is None or details.verified != had.verified:
                    set_verified(doc, old, lang, text, details.verified)
        sources = doc.node(cid).get("sources")
        for url in old.sources:
            if url not in self.sources and sources is not None:
                sources.remove(url)
        if sources is not None and not sources:
            del doc.node(cid)["sources"]
        for url in self.sources:
            if url not in old.sources:
                doc.add_source(cid, url)


def _is_source(text: str) -> bool:
    """A web address, optionally after a short label (``KO: https://…``) and before a comment.

    >>> _is_source("https://www.state.gov/x (State Dept.)"), _is_source("KO: http://a.kr/b"), _is_source("Yonhap")
    (True, True, False)
    """
    url = re.sub(r"^[A-Za-z]{2,10}: ", "", text).split(" (")[0]
    return url.startswith(("http://", "https://")) and " " not in url


def _language_terms(concept: Concept, lang: str) -> LanguageTerms:
    preferred = concept.preferred(lang)
    return LanguageTerms(
        preferred.text if preferred else "",
        tuple(t.text for t in concept.terms_in(lang, "admitted")),
        tuple(t.text for t in concept.terms_in(lang, "forbidden")),
    )


def _apply_language(doc: GlossaryFile, old: Concept, lang: str, new: LanguageTerms) -> None:
    """Bring one language of ``old`` to ``new`` by moving and renaming terms, never re-creating them."""
    cid, had = old.id, _language_terms(old, lang)
    if not new.preferred:
        if had.preferred or had.admitted or had.forbidden:
            doc.node(cid)["terms"].pop(lang, None)
        return
    status = {t.text: t.status for t in old.terms_in(lang)}
    if new.preferred != had.preferred:
        if new.preferred in status:  # a variant promoted: the old preferred becomes admitted
            doc.move_term(cid, lang, new.preferred, "preferred")
            if had.preferred:
                status[had.preferred] = "admitted"
        elif had.preferred:  # the preferred term retyped: same term, new text
            doc.set_term(cid, lang, had.preferred, new.preferred, {})
            status.pop(had.preferred)
        else:
            doc.set_preferred(cid, lang, new.preferred)
        status[new.preferred] = "preferred"
    for text, now in status.items():
        wanted = new.status_of(text)
        if wanted is None:
            doc.remove_term(cid, lang, text)
        elif wanted != now:
            doc.move_term(cid, lang, text, wanted)
    for wanted in VARIANTS:
        for text in new.of(wanted):
            if text not in status:
                doc.add_term(cid, lang, wanted, text)


@dataclass(frozen=True)
class TermAction:
    """A one-click change of one term: forbid, admit, prefer or remove it (keeping its options)."""

    action: str
    lang: str
    text: str

    ACTIONS = ("forbid", "admit", "prefer", "remove")

    @classmethod
    def parse(cls, form: Mapping[str, Any]) -> TermAction:
        """The term action as posted; raises :class:`UsageError` for an unknown one."""
        action, lang, text = (str(form.get(k) or "") for k in ("action", "lang", "text"))
        if action not in cls.ACTIONS or lang not in LANGUAGES or not text:
            raise UsageError(
                "unknown term action",
                hint=f"action is one of {', '.join(cls.ACTIONS)}, with lang and text",
            )
        return cls(action, lang, text)

    def apply(self, doc: GlossaryFile, concept: Concept) -> None:
        """Change the term in ``doc``."""
        term = next((t for t in concept.terms_in(self.lang) if t.text == self.text), None)
        if term is None or term.status == "preferred":
            raise UsageError(
                f"{concept.id} has no admitted or forbidden {self.lang} term {self.text!r}",
                hint="reload the page: the term may have changed",
            )
        if self.action == "remove":
            doc.remove_term(concept.id, self.lang, self.text)
            return
        status = {"prefer": "preferred", "forbid": "forbidden", "admit": "admitted"}[self.action]
        doc.move_term(concept.id, self.lang, self.text, status)


@dataclass(frozen=True)
class RoleForm:
    """The add-role form of a person: a title concept, a country and dates as the editor wrote them."""

    title: str
    country: str = ""
    start: str = ""
    end: str = ""
    note: str = ""

    @classmethod
    def parse(cls, form: Mapping[str, Any]) -> RoleForm:
        """The role form as posted."""
        def value(key: str) -> str:
            raw = form.get(key)
            return clean(raw) if isinstance(raw, str) else ""

        return cls(
            value("title"),
            value("country").upper(),
            value("from"),
            value("to"),
            value("note"),
        )

    def errors(self, glossary: Glossary, person: Concept) -> list[str]:
        """What is wrong with giving ``person`` this role in ``glossary``, one message each (empty when nothing)."""
        out = []
        if person.type != "person":
            out.append(f"{person.id} is a {person.type}: only persons have roles.")
        title = glossary.get(self.title)
        if title is None or title.type != "title":
            out.append(
                "Choose the role's title from the list of title concepts (add the title first if it is missing)."
            )
        bounds = []
        for label, raw, end in (("From", self.start, False), ("To", self.end, True)):
            try:
                bounds.append(parse_date(raw, end=end) if raw else None)
            except ValueError:
                out.append(f"{label}: write the date as YYYY, YYYY-MM or YYYY-MM-DD, not {raw!r}.")
                bounds.append(None)
        if bounds[0] and bounds[1] and bounds[0] > bounds[1]:
            out.append("From is after To: swap the dates.")
        return out

    def role(self) -> Role:
        """The role to write: full dates as dates, partial ones (2024-02) kept as written."""
        return Role(
            title=self.title,
            country=self.country or None,
            start=_date_value(self.start),  # type: ignore[arg-type]
            end=_date_value(self.end),  # type: ignore[arg-type]
            note=self.note or None,
        )

    def summary(self) -> str:
        """A short description of the role for the audit trail."""
        return f"role + {self.title} {self.start or '…'}–{self.end or ''}".rstrip("–")


def _date_value(raw: str) -> date | str | None:
    if not raw:
        return None
    return parse_date(raw) if len(raw) == 10 else raw


def remove_role(doc: GlossaryFile, concept: Concept, index: int, title: str) -> str:
    """Remove the ``index``-th role (which must point to ``title``) from a person."""
    if not 0 <= index < len(concept.roles) or concept.roles[index].title != title:
        raise UsageError(
            f"{concept.id} has no role {index + 1} with title {title}",
            hint="reload the page",
        )
    node = doc.node(concept.id)
    del node["roles"][index]
    if not node["roles"]:
        del node["roles"]
    return f"role − {title}"
