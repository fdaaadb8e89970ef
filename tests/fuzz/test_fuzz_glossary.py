"""Fuzz the glossary readers: the YAML loader and lint, CSV import and TBX import."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fuzzing import clear_error_or_success, fuzz_tests, inputs
from hypothesis import strategies as st
from ruamel.yaml import YAML

from transkit.glossary.exchange import read_csv, read_tbx
from transkit.glossary.lint import lint
from transkit.glossary.store import load

YAML_SEEDS = [
    """\
- id: P_CHO_TAE_YUL
  type: person
  terms:
    en: {preferred: Cho Tae-yul, admitted: [Cho Tae-yeol]}
    ko: 조태열
    vi: {preferred: Cho Tae-yul, verified: false}
  roles:
  - {title: T_KR_FOREIGN_MIN, country: KR, from: 2024-01-12}
  note: Minister of Foreign Affairs of the Republic of Korea.
- id: T_KR_FOREIGN_MIN
  type: title
  terms:
    en:
      preferred: Minister of Foreign Affairs
      forbidden: [Foreign Secretary]
    ko: {preferred: 외교부 장관, reading: oegyobu janggwan}
    vi: Bộ trưởng Ngoại giao
  sources: [https://www.mofa.go.kr/eng/]
""".encode(),
    b"- id: O_UN\n  type: org\n  terms:\n    en: United Nations\n"
    b"    ko: {text: \xea\xb5\xad\xec\xa0\x9c\xec\x97\xb0\xed\x95\xa9, case_sensitive: true}\n",
]
CSV_SEEDS = [
    (
        "en,ko,vi\nMinister of Foreign Affairs,외교부 장관,Bộ trưởng Ngoại giao\n"
        "United Nations,국제연합,Liên Hợp Quốc\n"
    ).encode(),
    "id,type,en,ko,en_forbidden\nP_CHO,person,Cho Tae-yul,조태열,Cho Tae-yeol\n".encode(),
]
TBX_SEEDS = [
    """<?xml version="1.0" encoding="UTF-8"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>Newsroom terms</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="T_KR_FOREIGN_MIN">
<langSec xml:lang="en"><termSec><term>Minister of Foreign Affairs</term>
<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
<langSec xml:lang="ko"><termSec><term>외교부 장관</term></termSec></langSec>
</conceptEntry>
</body></text></tbx>
""".encode(),
]


def _scalars() -> st.SearchStrategy[object]:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=20),
        st.sampled_from(
            [
                "person",
                "title",
                "en",
                "ko",
                "preferred",
                "forbidden",
                "2024-02-12",
                "P_X",
                "T_Y",
            ]
        ),
    )


_KEYS = st.sampled_from(
    [
        "id",
        "type",
        "terms",
        "roles",
        "note",
        "sources",
        "scope",
        "en",
        "ko",
        "vi",
        "preferred",
        "admitted",
        "forbidden",
        "text",
        "verified",
        "reading",
        "title",
        "from",
        "to",
        "country",
    ]
)
# Well-formed YAML of any shape: every field of an entry gets values of the wrong type.
STRUCTURED = st.recursive(
    _scalars(),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=5)),
    max_leaves=30,
).map(lambda doc: _dump([doc] if isinstance(doc, dict) else doc))


def _dump(doc: object) -> bytes:
    import io

    out = io.StringIO()
    YAML(typ="safe", pure=True).dump(doc, out)
    return out.getvalue().encode()


def _file(data: bytes, name: str) -> Path:
    path = Path(tempfile.mkdtemp()) / name
    path.write_bytes(data)
    return path


def _yaml_body(data: bytes) -> None:
    path = _file(data, "people.yaml")
    clear_error_or_success(lambda: load([path]), len(data))
    clear_error_or_success(lambda: lint([path]), len(data))


test_yaml_loader_and_lint, test_yaml_loader_and_lint_long = fuzz_tests(
    "glossary YAML: load and lint",
    st.one_of(inputs(YAML_SEEDS), STRUCTURED),
    _yaml_body,
)


def _csv_body(data: bytes) -> None:
    path = _file(data, "terms.csv")
    clear_error_or_success(lambda: read_csv(path), len(data))
    clear_error_or_success(lambda: read_csv(path, source_lang="en", target_lang="ko"), len(data))


test_csv_import, test_csv_import_long = fuzz_tests("glossary import: CSV", inputs(CSV_SEEDS), _csv_body)


def _tbx_body(data: bytes) -> None:
    path = _file(data, "terms.tbx")
    clear_error_or_success(lambda: read_tbx(path), len(data))


test_tbx_import, test_tbx_import_long = fuzz_tests("glossary import: TBX", inputs(TBX_SEEDS), _tbx_body)
