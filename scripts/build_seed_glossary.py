"""One-off converter: ../shared/glossary/glossary_seed.csv -> glossaries/*.yaml.

The YAML files it wrote were then reviewed and completed by hand (roles, extra
title concepts, comments); they are the product and are maintained by hand. Run
this again only to start over: it overwrites the files.

    python3 scripts/build_seed_glossary.py ../shared/glossary/glossary_seed.csv glossaries/

CSV conventions: in a term cell the first item is canonical (preferred) and items
after `` | `` are admitted; ``(text)`` is a comment, kept as the term's note,
except a trailing acronym such as ``(NSC)``, which becomes an admitted term of
its own. ``forbidden_*`` cells give forbidden forms of that concept. In the
source cell, ``XX: UNVERIFIED ...`` marks that language's terms unverified.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from transkit.glossary.model import Concept, Term
from transkit.glossary.store import dump

FILES = {
    "person": "people.yaml",
    "title": "titles.yaml",
    "org": "orgs.yaml",
    "place": "places.yaml",
    "law": "laws.yaml",
}
LANGS = ("en", "ko", "vi")
# Parenthesised qualifiers that name a country, not an acronym of the term.
QUALIFIERS = {"US", "ROK", "DPRK", "VN"}
# Hangul readings of Latin acronyms used in Korean text, for particle choice (NSC는, IRA를).
READINGS = {
    "NSC": "엔에스시",
    "NEC": "엔이시",
    "VNA": "브이엔에이",
    "IRA": "아이알에이",
    "NLL": "엔엘엘",
    "APEC": "에이펙",
    "CSIS": "시에스아이에스",
    "ASEAN": "아세안",
    "CHIPS": "칩스",
    "JCS": "제이시에스",
    "UNC": "유엔시",
    "UNCLOS": "유엔클로스",
}
SCOPE_PREFIX = {"US": "US", "ROK": "KR", "VN": "VN", "DPRK": "KP"}
_PAREN = re.compile(r"\s*\(([^()]*)\)\s*")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]+$")
_UNVERIFIED = re.compile(r"^([A-Za-z/]+):\s*UNVERIFIED\b")


def initials(text: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s\-]+", text) if w).upper()


def split_cell(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(" | ") if item.strip()] if cell.strip() else []


def parse_item(item: str) -> tuple[str, str | None, str | None]:
    """(term, note, acronym) for one cell item."""
    acronym = None
    m = re.search(r"\s*\(([A-Z][A-Z0-9]+)\)$", item)
    if m and (m.group(1) not in QUALIFIERS or initials(item[: m.start()]) == m.group(1)):
        acronym = m.group(1)
        item = item[: m.start()]
    # an acronym inside the term ("국가안전보장회의(NSC) 인도·태평양 조정관") is part of the form;
    # any other parenthesis is a comment on the term
    notes: list[str] = []

    def strip(mm: re.Match[str]) -> str:
        inner = mm.group(1).strip()
        if _ACRONYM.match(inner) and mm.end() < len(item):
            return mm.group(0)
        notes.append(inner)
        return " "

    text = re.sub(r"\s+", " ", _PAREN.sub(strip, item)).strip()
    comment = "; ".join(notes) or None
    return text, comment, acronym


def terms_for(lang: str, cell: str, status_first: str, verified: bool) -> list[Term]:
    out: list[Term] = []
    seen: set[str] = set()
    for index, item in enumerate(split_cell(cell)):
        text, note, acronym = parse_item(item)
        status = status_first if index == 0 or status_first == "forbidden" else "admitted"
        for form, st, nt in ((text, status, note), (acronym, "admitted" if status != "forbidden" else status, None)):
            if not form or form in seen:
                continue
            seen.add(form)
            latin_final = bool(re.search(r"[A-Za-z0-9]\)?$", form))
            # acronyms, and names that contain CHIPS (whose case matters: "Chips" is wrong)
            acr = bool(_ACRONYM.match(form)) or "CHIPS" in form
            out.append(
                Term(
                    text=form,
                    lang=lang,
                    status=st,
                    case_sensitive=acr,
                    reading=READINGS.get(form) if lang == "ko" and latin_final else None,
                    verified=verified,
                    note=nt,
                )
            )
    return out


def concept_from_row(row: dict[str, str]) -> Concept:
    unverified: set[str] = set()
    sources = []
    for item in (s.strip() for s in row["source"].split("; ")):
        m = _UNVERIFIED.match(item)
        if m:
            unverified.update(code.lower() for code in m.group(1).split("/"))
        elif item:
            sources.append(item)
    terms: list[Term] = []
    for lang in LANGS:
        ok = lang not in unverified
        terms += terms_for(lang, row[lang], "preferred", ok)
        terms += terms_for(lang, row[f"forbidden_{lang}"], "forbidden", True)
    cid = row["concept_id"]
    prefix = cid.split("_")[1]
    scope = SCOPE_PREFIX.get(prefix) if row["type"] in ("title", "org", "law") else None
    return Concept(
        id=cid,
        type=row["type"],
        terms=tuple(terms),
        scope=scope,
        note=row["note"].strip() or None,
        sources=tuple(sources),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    with args.csv.open(encoding="utf-8", newline="") as fh:
        concepts = [concept_from_row(row) for row in csv.DictReader(fh)]
    args.out.mkdir(parents=True, exist_ok=True)
    for ctype, name in FILES.items():
        dump([c for c in concepts if c.type == ctype], args.out / name)
    print(f"wrote {len(concepts)} concepts to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
