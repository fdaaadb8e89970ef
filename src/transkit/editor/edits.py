"""What the editor's forms ask for, as edits of a :class:`~transkit.glossary.store.GlossaryFile`.

A form is parsed into a frozen value, checked against the glossary, then
applied with the file's own operations (``set_preferred``, ``add_term``,
``remove_term``, ``set_field``, ``add_source``, ``add_role``), so terms the form
does not change keep their options and comments. Each ``apply`` returns a
short summary of what changed, for the audit trail.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ..errors import UsageError
from ..glossary.model import CONCEPT_TYPES, Concept, Glossary, Role, Term
from ..glossary.store import ID_PATTERN, GlossaryFile, parse_date
from ..lang.normalize import tidy
from ..languages import LANGUAGES

__all__ = ["ConceptForm", "LanguageTerms", "RoleForm", "TermAction", "remove_role"]

VARIANTS = ("admitted", "forbidden")


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
        return self.admitted if status == "admitted" else self.forbidden


@dataclass(frozen=True)
class ConceptForm:
    """The add/edit concept form: scope, note, sources and terms by language."""

    id: str
    type: str
    scope: str = ""
    note: str = ""
    sources: tuple[str, ...] = ()
    terms: Mapping[str, LanguageTerms] = field(default_factory=dict)

    @classmethod
    def parse(cls, form: Mapping[str, Any]) -> ConceptForm:
        def value(key: str) -> str:
            raw = form.get(key)
            return raw if isinstance(raw, str) else ""

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
        )

    @classmethod
    def blank(cls, concept_type: str = "person") -> ConceptForm:
        """An empty form for a new concept."""
        return cls(id="", type=concept_type, terms={lang: LanguageTerms() for lang in LANGUAGES})

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
        )

    def to_json(self) -> str:
        """The form as JSON, carried in the page so a conflicting save can be merged (see :meth:`rebase`)."""
        terms = {lang: [t.preferred, list(t.admitted), list(t.forbidden)] for lang, t in self.terms.items()}
        data = {"id": self.id, "type": self.type, "scope": self.scope, "note": self.note, "sources": list(self.sources)}
        return json.dumps({**data, "terms": terms}, ensure_ascii=False)

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
            )
        except (ValueError, KeyError, TypeError):
            return None

    def rebase(self, original: ConceptForm, current: ConceptForm) -> ConceptForm:
        """This form's changes (from ``original``) applied to ``current``: what to offer after a conflict.

        >>> o = ConceptForm.blank(); cur = replace(o, note="theirs"); mine = replace(o, scope="US")
        >>> r = mine.rebase(o, cur); (r.scope, r.note)
        ('US', 'theirs')
        """

        def pick(mine: str, old: str, theirs: str) -> str:
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
        return replace(
            current,
            type=pick(self.type, original.type, current.type),
            scope=pick(self.scope, original.scope, current.scope),
            note=pick(self.note, original.note, current.note),
            sources=merge(self.sources, original.sources, current.sources),
            terms=terms,
        )

    def errors(self, glossary: Glossary, *, new: bool) -> list[str]:
        """What is wrong with the form, as sentences an editor can act on (empty when fine)."""
        out = []
        if new and not ID_PATTERN.match(self.id):
            out.append(
                "The id must start with a letter and use only letters, digits, '_', '.' and '-' (P_KURT_CAMPBELL)."
            )
        if new and self.id in glossary:
            out.append(f"{self.id} already exists: pick another id or edit that concept.")
        if self.type not in CONCEPT_TYPES:
            out.append(f"Choose a type: {', '.join(CONCEPT_TYPES)}.")
        if not any(t.preferred for t in self.terms.values()):
            out.append("Give a preferred term in at least one language.")
        for lang, terms in self.terms.items():
            if not terms.preferred and (terms.admitted or terms.forbidden):
                out.append(f"{lang}: variants need a preferred term in the same language.")
        out += [f"Source {s!r} is not a web address (http:// or https://)." for s in self.sources if not _is_url(s)]
        return out

    def concept(self) -> Concept:
        """A new concept from the form."""
        terms: list[Term] = []
        for lang, group in self.terms.items():
            if group.preferred:
                terms.append(Term(text=group.preferred, lang=lang))
            terms += [Term(text=text, lang=lang, status="admitted") for text in group.admitted]
            terms += [Term(text=text, lang=lang, status="forbidden") for text in group.forbidden]
        return Concept(
            id=self.id,
            type=self.type,  # type: ignore[arg-type]  # checked by errors()
            terms=tuple(terms),
            scope=self.scope or None,
            note=self.note or None,
            sources=self.sources,
        )

    def apply(self, doc: GlossaryFile, old: Concept) -> list[str]:
        """Edit ``old`` in ``doc`` into what the form says; returns what changed."""
        cid, changes = old.id, []
        for key, before, after in (
            ("type", old.type, self.type),
            ("scope", old.scope or "", self.scope),
            ("note", old.note or "", self.note),
        ):
            if before != after:
                doc.set_field(cid, key, after or None)
                changes.append(f"{key}: {before or '-'} → {after or '-'}" if key != "note" else "note changed")
        for lang in LANGUAGES:
            changes += _apply_language(doc, cid, lang, _language_terms(old, lang), self.terms[lang])
        sources = doc.node(cid).get("sources")
        for url in old.sources:
            if url not in self.sources and sources is not None:
                sources.remove(url)
                changes.append(f"source − {url}")
        if sources is not None and not sources:
            del doc.node(cid)["sources"]
        for url in self.sources:
            if url not in old.sources:
                doc.add_source(cid, url)
                changes.append(f"source + {url}")
        return changes


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://")) and " " not in text.split(" (")[0]


def _language_terms(concept: Concept, lang: str) -> LanguageTerms:
    preferred = concept.preferred(lang)
    return LanguageTerms(
        preferred.text if preferred else "",
        tuple(t.text for t in concept.terms_in(lang, "admitted")),
        tuple(t.text for t in concept.terms_in(lang, "forbidden")),
    )


def _apply_language(doc: GlossaryFile, cid: str, lang: str, old: LanguageTerms, new: LanguageTerms) -> list[str]:
    if not new.preferred:
        if not old.preferred and not old.admitted and not old.forbidden:
            return []
        doc.node(cid)["terms"].pop(lang, None)
        return [f"{lang} terms removed"]
    changes = []
    if new.preferred != old.preferred:
        doc.set_preferred(cid, lang, new.preferred, keep_old=False)  # also drops it from admitted
        changes.append(f"{lang} preferred: {old.preferred or '-'} → {new.preferred}")
    for text in dict.fromkeys(old.admitted + old.forbidden):
        had = {s for s in VARIANTS if text in old.of(s)}
        if text == new.preferred != old.preferred:
            had.discard("admitted")
        wanted = {s for s in VARIANTS if text in new.of(s)}
        if had - wanted:
            for _ in had:  # remove_term drops one copy (admitted first): drop all, re-add what stays
                doc.remove_term(cid, lang, text)
            changes += [f"{lang} {s} − {text}" for s in sorted(had - wanted)]
            had = set()
        for status in sorted(wanted - had):
            doc.add_term(cid, lang, status, text)
            if status not in {s for s in VARIANTS if text in old.of(s)}:
                changes.append(f"{lang} {status} + {text}")
    for status in VARIANTS:
        for text in new.of(status):
            if text not in old.admitted and text not in old.forbidden:
                doc.add_term(cid, lang, status, text)
                changes.append(f"{lang} {status} + {text}")
    return changes


@dataclass(frozen=True)
class TermAction:
    """A one-click change of one term: forbid, admit, prefer or remove it."""

    action: str
    lang: str
    text: str

    ACTIONS = ("forbid", "admit", "prefer", "remove")

    @classmethod
    def parse(cls, form: Mapping[str, Any]) -> TermAction:
        action, lang, text = (str(form.get(k) or "") for k in ("action", "lang", "text"))
        if action not in cls.ACTIONS or lang not in LANGUAGES or not text:
            raise UsageError(
                "unknown term action", hint=f"action is one of {', '.join(cls.ACTIONS)}, with lang and text"
            )
        return cls(action, lang, text)

    def apply(self, doc: GlossaryFile, concept: Concept) -> str:
        """Change the term in ``doc``; returns the summary."""
        term = next((t for t in concept.terms_in(self.lang) if t.text == self.text), None)
        if term is None or term.status == "preferred":
            raise UsageError(
                f"{concept.id} has no admitted or forbidden {self.lang} term {self.text!r}",
                hint="reload the page: the term may have changed",
            )
        if self.action == "prefer":
            doc.set_preferred(concept.id, self.lang, self.text)
            return f"{self.lang} preferred → {self.text}"
        doc.remove_term(concept.id, self.lang, self.text)
        if self.action == "remove":
            return f"{self.lang} {term.status} − {self.text}"
        status = "forbidden" if self.action == "forbid" else "admitted"
        doc.add_term(concept.id, self.lang, status, self.text)
        return f"{self.lang} {term.status} → {status}: {self.text}"


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
        def value(key: str) -> str:
            raw = form.get(key)
            return clean(raw) if isinstance(raw, str) else ""

        return cls(value("title"), value("country").upper(), value("from"), value("to"), value("note"))

    def errors(self, glossary: Glossary, person: Concept) -> list[str]:
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
        return f"role + {self.title} {self.start or '…'}–{self.end or ''}".rstrip("–")


def _date_value(raw: str) -> date | str | None:
    if not raw:
        return None
    return parse_date(raw) if len(raw) == 10 else raw


def remove_role(doc: GlossaryFile, concept: Concept, index: int, title: str) -> str:
    """Remove the ``index``-th role (which must point to ``title``) from a person."""
    if not 0 <= index < len(concept.roles) or concept.roles[index].title != title:
        raise UsageError(f"{concept.id} has no role {index + 1} with title {title}", hint="reload the page")
    node = doc.node(concept.id)
    del node["roles"][index]
    if not node["roles"]:
        del node["roles"]
    return f"role − {title}"
