"""``transkit glossary``: show, search, edit, lint, import, export and count glossary concepts.

Every subcommand takes ``--glossary PATH`` (repeatable, files or folders; later
ones override earlier ones per concept) and defaults to ``$TRANSKIT_GLOSSARY`` or
``./glossaries``. Edits go to the file that defines the concept and keep its
comments and order. Never imports torch or transformers.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ExitCode, GlossaryError, UsageError
from ..glossary.model import CONCEPT_TYPES, Concept, Glossary, Role, Term
from ..languages import LANGUAGES, normalize

if TYPE_CHECKING:
    from ..glossary.store import GlossaryFile

__all__ = ["register"]


def register(subparsers: Any) -> None:
    """Add ``transkit glossary`` and its subcommands to ``subparsers``."""
    parser = subparsers.add_parser(
        "glossary",
        help="show, search, edit, lint, import and export glossaries",
        description=__doc__.split("\n\n")[0],
    )
    commands = parser.add_subparsers(dest="glossary_command", metavar="ACTION", required=True)

    def sub(name: str, summary: str, run: Any, *, fmt: bool = True) -> argparse.ArgumentParser:
        p = commands.add_parser(name, help=summary, description=summary)
        p.add_argument(
            "--glossary",
            action="append",
            metavar="PATH",
            help="glossary file or folder (repeatable; later ones override earlier ones); "
            "default: $TRANSKIT_GLOSSARY or ./glossaries",
        )
        if fmt:
            p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
        p.set_defaults(run=run)
        return p

    p = sub("show", "print one concept with its terms, roles, note and sources", _show)
    p.add_argument("id", help="concept id, e.g. P_KURT_CAMPBELL")

    p = sub("search", "find concepts by any term, in any language (case- and accent-insensitive)", _search)
    p.add_argument("query")
    p.add_argument("--lang", help="search only terms in this language")
    p.add_argument("--limit", type=int, default=20, help="at most this many concepts (default: 20)")

    p = sub("add", "add a concept", _add, fmt=False)
    p.add_argument("id")
    p.add_argument("--type", required=True, choices=CONCEPT_TYPES)
    p.add_argument("--file", help="YAML file to add it to (created if missing); default: the only glossary file")
    for lang in LANGUAGES:
        p.add_argument(f"--{lang}", metavar="TERM", help=f"preferred {lang} term")
    p.add_argument("--scope", help="country or organisation of a title, org or law (US, KR, VN, UN ...)")
    p.add_argument("--note")
    p.add_argument("--source", action="append", default=[], metavar="URL")

    p = sub("edit", "change a concept in the file that defines it", _edit, fmt=False)
    p.add_argument("id")
    p.add_argument("--lang", help="language of --preferred/--admit/--forbid/--drop")
    p.add_argument("--preferred", metavar="TERM", help="new preferred term (the old one becomes admitted)")
    p.add_argument("--drop-old", action="store_true", help="with --preferred: do not keep the old preferred term")
    p.add_argument("--admit", action="append", default=[], metavar="TERM", help="add an admitted term")
    p.add_argument("--forbid", action="append", default=[], metavar="TERM", help="add a forbidden term")
    p.add_argument("--drop", action="append", default=[], metavar="TERM", help="remove an admitted or forbidden term")
    p.add_argument("--note", help="set the note ('' removes it)")
    p.add_argument("--scope", help="set the scope ('' removes it)")
    p.add_argument("--source", action="append", default=[], metavar="URL", help="add a source")
    p.add_argument("--add-role", metavar="TITLE_ID", help="add a role (a title concept id) to a person")
    p.add_argument("--country", help="with --add-role: country of the role")
    p.add_argument("--from", dest="start", metavar="DATE", help="with --add-role: start (YYYY[-MM[-DD]])")
    p.add_argument("--to", dest="end", metavar="DATE", help="with --add-role: end (YYYY[-MM[-DD]])")
    p.add_argument("--role-note", help="with --add-role: a note on the role")

    p = sub("remove", "remove a concept from the file that defines it", _remove, fmt=False)
    p.add_argument("id")

    p = sub("lint", "check glossary files; exit 1 when there are errors", _lint)
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check (same as --glossary)")

    p = sub(
        "stats",
        "coverage: concepts by type, terms by language and status, people by country, roles by year, unverified share",
        _stats,
    )

    p = sub("import", "read a CSV or TBX glossary; print it as YAML or merge it into --to", _import, fmt=False)
    p.add_argument("file")
    p.add_argument("--format", dest="exchange", choices=("csv", "tbx"), required=True)
    p.add_argument(
        "--to", metavar="FILE.yaml", help="merge into this YAML file (created if missing); default: print YAML"
    )
    p.add_argument("--source-lang", help="CSV: language of the first column of a two-column file")
    p.add_argument("--target-lang", help="CSV: language of the second column of a two-column file")
    p.add_argument(
        "--columns",
        metavar="NAMES",
        help="CSV: the columns, comma-separated (id,en,ko,note; '-' skips one); a header row is then skipped",
    )
    p.add_argument(
        "--header",
        action=argparse.BooleanOptionalAction,
        help="CSV: the first row is (not) a header (default: it is when it names a language, such as en_US)",
    )
    p.add_argument("--split", metavar="SEP", help="CSV: separator of packed variants in a term cell, such as ' : '")
    p.add_argument(
        "--merge",
        action="store_true",
        help="add the terms of imported concepts whose ids the --to folder already defines to those concepts "
        "(without it such an import is refused)",
    )

    p = sub("export", "write the glossary as CSV or TBX", _export, fmt=False)
    p.add_argument("--format", dest="exchange", choices=("csv", "csv-pair", "tbx"), required=True)
    p.add_argument(
        "--langs", default=",".join(LANGUAGES), help="languages, comma-separated (csv-pair: exactly two, source first)"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: standard output)")


# --------------------------------------------------------------------------- helpers


def _paths(args: argparse.Namespace) -> list[str]:
    from ..glossary.store import default_paths

    paths = list(getattr(args, "paths", None) or []) + list(args.glossary or [])
    paths = paths or default_paths()
    if not paths:
        raise UsageError(
            "no glossary given",
            hint="pass --glossary PATH, set $TRANSKIT_GLOSSARY, or run in a folder with glossaries/",
        )
    return paths


def _load(args: argparse.Namespace) -> Glossary:
    from ..glossary.store import load

    return load(_paths(args))


def _concept(glossary: Glossary, concept_id: str) -> Concept:
    concept = glossary.get(concept_id)
    if concept is None:
        raise UsageError(f"no concept {concept_id}", hint="find its id with `transkit glossary search TEXT`")
    return concept


def _lang(code: str | None) -> str:
    if not code:
        raise UsageError("this edit needs --lang", hint="add --lang en, --lang ko or --lang vi")
    return normalize(code)


def _title_name(glossary: Glossary, title_id: str) -> str:
    title = glossary.get(title_id)
    term = title.preferred("en") if title else None
    return term.text if term else title_id


def _term_data(term: Term) -> dict[str, Any]:
    data: dict[str, Any] = {"text": term.text, "lang": term.lang, "status": term.status}
    for key in ("case_sensitive", "reading", "final_consonant", "note"):
        value = getattr(term, key)
        if value not in (None, False):
            data[key] = value
    if not term.verified:
        data["verified"] = False
    if term.start is not None:
        data["from"] = term.start.isoformat()
    if term.end is not None:
        data["to"] = term.end.isoformat()
    return data


def _concept_data(glossary: Glossary, concept: Concept) -> dict[str, Any]:
    return {
        "id": concept.id,
        "type": concept.type,
        "scope": concept.scope,
        "terms": [_term_data(t) for t in concept.terms],
        "roles": [
            {
                "title": r.title,
                "title_name": _title_name(glossary, r.title),
                "country": r.country,
                "from": r.start.isoformat() if r.start else None,
                "to": r.end.isoformat() if r.end else None,
                "note": r.note,
            }
            for r in concept.roles
        ],
        "note": concept.note,
        "sources": list(concept.sources),
        "origin": str(concept.origin) if concept.origin else None,
    }


def _format_concept(glossary: Glossary, concept: Concept, *, full: bool = True) -> str:
    head = f"{concept.id}  {concept.type}" + (f"  scope {concept.scope}" if concept.scope else "")
    lines = [head + (f"  ({concept.origin})" if concept.origin else "")]
    for lang in LANGUAGES:
        first = True
        for term in concept.terms_in(lang):
            flags = [f for f, on in (("case-sensitive", term.case_sensitive), ("unverified", not term.verified)) if on]
            if term.reading:
                flags.append(f"reading {term.reading}")
            if term.dated:
                flags.append(f"{term.start or '…'} – {term.end or 'present'}")
            extra = f"  [{', '.join(flags)}]" if flags else ""
            note = f"  ({term.note})" if term.note else ""
            lines.append(f"  {lang if first else '  '}  {term.status:<9}  {term.text}{extra}{note}")
            first = False
    if concept.roles:
        lines.append("  roles:")
        for role in concept.roles:
            span = f"{role.start or '…'} – {role.end or 'present'}" if role.start or role.end else "dates unknown"
            where = f" ({role.country})" if role.country else ""
            note = f"  ({role.note})" if role.note else ""
            lines.append(f"    {span}  {_title_name(glossary, role.title)}{where}  [{role.title}]{note}")
    if full and concept.note:
        lines.append(f"  note: {concept.note}")
    if full and concept.sources:
        lines.append("  sources:")
        lines += [f"    {s}" for s in concept.sources]
    return "\n".join(lines)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _defining_file(glossary: Glossary, concept_id: str) -> Path:
    concept = _concept(glossary, concept_id)
    if concept.origin is None:
        raise GlossaryError(f"{concept_id} has no file", hint="edit the glossary file by hand")
    return Path(concept.origin.path)


# --------------------------------------------------------------------------- commands


def _show(args: argparse.Namespace) -> int:
    glossary = _load(args)
    concept = _concept(glossary, args.id)
    if args.format == "json":
        _print_json(_concept_data(glossary, concept))
    else:
        print(_format_concept(glossary, concept))
    return ExitCode.OK


def _search(args: argparse.Namespace) -> int:
    from ..glossary.search import search

    glossary = _load(args)
    hits = search(glossary, args.query, lang=normalize(args.lang) if args.lang else None)[: args.limit]
    if args.format == "json":
        _print_json(
            [{**_concept_data(glossary, h.concept), "matched": h.term.text if h.term else h.concept.id} for h in hits]
        )
    else:
        for hit in hits:
            print(_format_concept(glossary, hit.concept, full=False))
        if not hits:
            print(f"no concept matches {args.query!r}", file=sys.stderr)
    return ExitCode.OK if hits else ExitCode.FINDINGS


def _add(args: argparse.Namespace) -> int:
    from ..glossary.store import GlossaryFile, default_paths, layer_files

    paths = list(args.glossary or []) or default_paths()
    files = [f for p in paths for f in layer_files(p, allow_empty=True)]
    glossary = _load(args) if files else Glossary()
    if args.id in glossary:
        raise UsageError(
            f"{args.id} already exists ({glossary.concepts[args.id].origin})", hint="use `transkit glossary edit`"
        )
    if args.file:
        path = Path(args.file)
    else:
        if len(files) != 1:
            raise UsageError(
                "add needs --file", hint="name the YAML file to add the concept to, e.g. --file glossaries/people.yaml"
            )
        path = files[0]
    terms = tuple(Term(text=getattr(args, lang), lang=lang) for lang in LANGUAGES if getattr(args, lang))
    if not terms:
        raise UsageError("a concept needs at least one term", hint="give --en, --ko and/or --vi")
    concept = Concept(
        id=args.id, type=args.type, terms=terms, scope=args.scope, note=args.note, sources=tuple(args.source)
    )
    doc = GlossaryFile(path, create=True)
    doc.add(concept)
    doc.save()
    print(f"added {args.id} to {path}")
    return ExitCode.OK


def _edit(args: argparse.Namespace) -> int:
    from ..glossary.store import GlossaryFile, parse_date

    glossary = _load(args)
    path = _defining_file(glossary, args.id)
    doc = GlossaryFile(path)
    changed = False
    if args.preferred:
        doc.set_preferred(args.id, _lang(args.lang), args.preferred, keep_old=not args.drop_old)
        changed = True
    concept = _concept(glossary, args.id)
    for text in args.forbid:
        approved = next((t for t in concept.terms_in(_lang(args.lang)) if t.approved and t.text == text), None)
        replaced = approved is not None and approved.status == "preferred" and args.preferred and args.drop_old
        if approved is not None and text not in args.drop and not replaced:
            raise UsageError(
                f"{text!r} is the {approved.status} {approved.lang} term of {args.id}: forbidding it too breaks lint",
                hint="make another term preferred first (--preferred), then forbid this one"
                if approved.status == "preferred"
                else f"drop it in the same command: --drop {text!r} --forbid {text!r}",
            )
    for status, texts in (("admitted", args.admit), ("forbidden", args.forbid)):
        for text in texts:
            doc.add_term(args.id, _lang(args.lang), status, text)
            changed = True
    for text in args.drop:
        doc.remove_term(args.id, _lang(args.lang), text)
        changed = True
    for key in ("note", "scope"):
        value = getattr(args, key)
        if value is not None:
            doc.set_field(args.id, key, value or None)
            changed = True
    for url in args.source:
        doc.add_source(args.id, url)
        changed = True
    if args.add_role:
        if _concept(glossary, args.id).type != "person":
            raise UsageError(f"{args.id} is not a person", hint="roles belong to concepts of type person")
        title = glossary.get(args.add_role)
        if title is None or title.type != "title":
            raise UsageError(
                f"{args.add_role} is not a title concept",
                hint="add the title first: `transkit glossary add T_... --type title`",
            )
        try:
            start = parse_date(args.start) if args.start else None
            end = parse_date(args.end, end=True) if args.end else None
        except ValueError as err:
            raise UsageError(str(err), hint="write dates as YYYY, YYYY-MM or YYYY-MM-DD") from err
        doc.add_role(
            args.id, Role(args.add_role, args.country, _keep(args.start, start), _keep(args.end, end), args.role_note)
        )
        changed = True
    if not changed:
        raise UsageError(
            "nothing to change",
            hint="give --preferred, --admit, --forbid, --drop, --note, --scope, --source or --add-role",
        )
    doc.save()
    print(f"edited {args.id} in {path}")
    return ExitCode.OK


def _keep(raw: str | None, parsed: date | None) -> Any:
    """Keep an editor's partial date ("2024-02") as written; full dates as dates."""
    if raw is None or parsed is None:
        return None
    return parsed if len(raw) == 10 else raw


def _remove(args: argparse.Namespace) -> int:
    from ..glossary.store import GlossaryFile

    glossary = _load(args)
    path = _defining_file(glossary, args.id)
    doc = GlossaryFile(path)
    doc.remove(args.id)
    doc.save()
    print(f"removed {args.id} from {path}")
    return ExitCode.OK


def _lint(args: argparse.Namespace) -> int:
    from ..findings import Severity
    from ..glossary.lint import lint

    problems = lint(_paths(args))
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = sum(p.severity is Severity.WARNING for p in problems)
    if args.format == "json":
        _print_json([p.to_dict(("check", "severity", "file", "line", "message", "hint")) for p in problems])
    else:
        for p in problems:
            print(p)
        print(f"{errors} error(s), {warnings} warning(s), {len(problems) - errors - warnings} info", file=sys.stderr)
    return ExitCode.FINDINGS if errors else ExitCode.OK


def _stats(args: argparse.Namespace) -> int:
    from ..glossary.coverage import coverage

    glossary = _load(args)
    types: Counter[str] = Counter(c.type for c in glossary)
    terms = Counter((t.lang, t.status) for c in glossary for t in c.terms)
    cover = coverage(glossary)
    data = {
        "concepts": len(glossary),
        "version": glossary.version,
        "files": list(glossary.paths),
        "by_type": {t: types[t] for t in CONCEPT_TYPES if types[t]},
        "terms": {lang: {s: terms[(lang, s)] for s in ("preferred", "admitted", "forbidden")} for lang in LANGUAGES},
        "roles": sum(len(c.roles) for c in glossary),
        "unverified_terms": sum(not t.verified for c in glossary for t in c.terms),
        "concepts_with_unverified_terms": sum(any(not t.verified for t in c.terms) for c in glossary),
        **cover.as_dict(),
    }
    if args.format == "json":
        _print_json(data)
        return ExitCode.OK
    print(f"{data['concepts']} concepts (version {data['version']}) in {len(data['files'])} file(s)")
    print("  " + ", ".join(f"{t}: {n}" for t, n in data["by_type"].items()))
    print("terms      preferred  admitted  forbidden  concepts  unverified")
    for lang, row in data["terms"].items():
        print(
            f"  {lang}       {row['preferred']:>9}  {row['admitted']:>8}  {row['forbidden']:>9}"
            f"  {cover.concepts_per_language[lang]:>8}  {cover.unverified_share[lang]:>9.0%}"
        )
    print(f"roles: {data['roles']}; dated names: {cover.dated_names}; concepts without a source: {cover.unsourced}")
    print("people by country: " + (", ".join(f"{k}: {n}" for k, n in cover.people_by_country.items()) or "none"))
    print("roles held by year: " + (", ".join(f"{y}: {n}" for y, n in cover.roles_by_year.items()) or "none"))
    print(
        f"unverified: {data['unverified_terms']} terms ({cover.unverified_share['all']:.0%})"
        f" in {data['concepts_with_unverified_terms']} concepts"
    )
    return ExitCode.OK


def _import(args: argparse.Namespace) -> int:
    from ..glossary import exchange
    from ..glossary.store import GlossaryFile, dump

    options = (
        {
            "source_lang": normalize(args.source_lang) if args.source_lang else None,
            "target_lang": normalize(args.target_lang) if args.target_lang else None,
            "columns": args.columns.split(",") if args.columns else None,
            "header": args.header,
            "split": args.split,
        }
        if args.exchange == "csv"
        else {}
    )
    imported = exchange.exchange_format(args.exchange).read(args.file, **options)
    if not args.to:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "import.yaml"
            dump(imported, out)
            sys.stdout.write(out.read_text(encoding="utf-8"))
        return ExitCode.OK
    target = Path(args.to)
    defined = _defined_beside(target)
    clashes = {c.id: defined[c.id] for c in imported if c.id in defined}
    if clashes and not args.merge:
        shown = ", ".join(f"{cid} ({path.name})" for cid, path in list(clashes.items())[:5])
        raise UsageError(
            f"{len(clashes)} imported ids are already defined beside {target.name}: {shown}"
            + (" …" if len(clashes) > 5 else ""),
            hint="pass --merge to add their imported terms to the existing concepts, "
            "or give the rows other ids (an id column)",
        )
    merged: list[str] = []
    for path in dict.fromkeys(clashes.values()):
        doc = GlossaryFile(path)
        for concept in imported:
            if clashes.get(concept.id) == path:
                added = _merge_terms(doc, concept)
                merged.append(f"{concept.id} ({path.name}: {added} terms added)")
        doc.save()  # validates the merged document first: on an error nothing is written
    new = [c for c in imported if c.id not in clashes]
    if new:
        doc = GlossaryFile(target, create=True)
        for concept in new:
            doc.add(concept)
        doc.save()
    print(f"added {len(new)} concepts to {target}")
    if merged:
        print(f"merged {len(merged)} into existing concepts: {', '.join(merged)}")
    return ExitCode.OK


def _defined_beside(target: Path) -> dict[str, Path]:
    """Which glossary file defines each id in ``target``'s folder (target included), so an import never
    adds an id twice (after which every command would stop with "duplicate id")."""
    from ..glossary.store import layer_files, read_file

    defined: dict[str, Path] = {}
    for path in layer_files(target.parent, allow_empty=True) if target.parent.is_dir() else []:
        try:
            defined |= {e.concept.id: path for e in read_file(path)}
        except GlossaryError:  # not a glossary file (or a broken one: lint reports it)
            continue
    return defined


def _merge_terms(doc: GlossaryFile, concept: Concept) -> int:
    """Add the terms of ``concept`` that its entry in ``doc`` lacks (a language without one gets a preferred term),
    and its sources; returns how many terms were added."""
    from ..glossary.store import read_file

    existing = next(e.concept for e in read_file(doc.path, text=doc.text()) if e.concept.id == concept.id)
    have = {(t.lang, t.text) for t in existing.terms}
    added = 0
    for term in concept.terms:
        if (term.lang, term.text) in have:
            continue
        status = "forbidden" if term.status == "forbidden" else "admitted"
        doc.add_term(concept.id, term.lang, status, term.text)  # admitted becomes preferred in a new language
        have.add((term.lang, term.text))
        added += 1
    for url in concept.sources:
        doc.add_source(concept.id, url)
    return added


def _export(args: argparse.Namespace) -> int:
    from ..glossary import exchange

    glossary = _load(args)
    langs = [normalize(code) for code in args.langs.split(",") if code.strip()]
    if args.exchange == "csv-pair" and len(langs) != 2:
        raise UsageError("csv-pair needs exactly two languages", hint="e.g. --langs en,ko (source first)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.output) if args.output else Path(tmp) / "export"
        if args.exchange == "tbx":
            name, options = "tbx", {}
        else:  # csv and csv-pair: the csv format in its multi or pair layout
            name, options = "csv", {"langs": langs, "layout": "pair" if args.exchange == "csv-pair" else "multi"}
        exchange.exchange_format(name).write(glossary, out, **options)
        if not args.output:
            sys.stdout.write(out.read_text(encoding="utf-8"))
    return ExitCode.OK
