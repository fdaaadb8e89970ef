"""Lint on planted broken fixtures: one problem per kind, exact codes and lines; the seed glossary is clean."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from transkit.findings import Finding
from transkit.glossary import Role, lint, load

DATA = Path(__file__).parent / "data" / "glossary"
SEED = Path(__file__).parents[1] / "glossaries"


def found(problems: list[Finding]) -> list[tuple[str, str, int | None]]:
    return [(p.severity, p.check, p.line) for p in problems]


def test_seed_glossary_is_clean() -> None:
    assert lint([SEED]) == []
    assert len(load([SEED])) >= 80


def test_malformed_entries_are_all_reported() -> None:
    assert found(lint([DATA / "broken" / "entries.yaml"])) == [
        ("error", "unknown-type", 2),
        ("warning", "missing-language", 7),
        ("error", "unknown-status", 10),
        ("error", "unknown-language", 11),
        ("error", "empty-term", 13),
        ("error", "missing-preferred", 17),
        ("error", "duplicate-id", 20),
    ]


def test_semantic_problems() -> None:
    problems = lint([DATA / "broken" / "semantic.yaml"])
    assert found(problems) == [
        ("warning", "missing-language", 1),
        ("error", "unknown-role-title", 7),
        ("error", "role-not-title", 8),
        ("error", "date-order", 9),
        ("error", "bad-date", 10),
        ("error", "forbidden-approved", 14),
        ("warning", "whitespace", 20),
        ("warning", "term-conflict", 27),
        ("warning", "not-nfc", 28),
        ("warning", "missing-reading", 33),
    ]
    by_code = {p.check: p for p in problems}
    assert by_code["term-conflict"].message.startswith("T_D/ko: '국장' is also a term of T_C")
    assert by_code["whitespace"].hint == "write 'Chief Officer'"
    assert by_code["not-nfc"].hint == "write 'Cục phó' (composed characters)"
    assert str(by_code["date-order"]) == (
        f"{DATA / 'broken' / 'semantic.yaml'}:9: error: P_A: role T_C starts (2024-05-01) after it ends "
        "(2023-12-31) [date-order] (fix: swap from and to, or correct the dates)"
    )


def test_yaml_errors_become_problems() -> None:
    assert found(lint([DATA / "broken" / "syntax.yaml", DATA / "broken" / "not_a_list.yaml"])) == [
        ("error", "yaml", 1),
        ("error", "yaml", 5),
    ]


def test_override_across_layers_is_info() -> None:
    problems = lint([DATA / "layers" / "house.yaml", DATA / "layers" / "project.yaml"])
    assert found(problems) == [("info", "override", 2)]
    assert "L_SEOUL overrides the concept defined at" in problems[0].message


def test_scopes_separate_titles_with_the_same_form(tmp_path: Path) -> None:
    path = tmp_path / "titles.yaml"
    entry = "- id: {id}\n  type: title\n{scope}  terms:\n    en: President\n    ko: 대통령\n    vi: {vi}\n"
    path.write_text(
        entry.format(id="T_KR", scope="  scope: KR\n", vi="Tổng thống Hàn Quốc")
        + entry.format(id="T_VN", scope="  scope: VN\n", vi="Chủ tịch nước"),
        encoding="utf-8",
    )
    assert lint([path]) == []
    path.write_text(path.read_text(encoding="utf-8").replace("  scope: VN\n", ""), encoding="utf-8")
    assert found(lint([path])) == [("warning", "term-conflict", 11), ("warning", "term-conflict", 12)]


def test_forbidden_case_variant_of_case_sensitive_term_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "laws.yaml"
    path.write_text(
        "- id: W_CHIPS\n  type: law\n  terms:\n"
        "    en: {preferred: {text: CHIPS Act, case_sensitive: true},"
        " forbidden: [{text: Chips Act, case_sensitive: true}]}\n"
        "    ko: 칩스법\n    vi: Đạo luật CHIPS\n",
        encoding="utf-8",
    )
    assert lint([path]) == []
    path.write_text(
        path.read_text(encoding="utf-8").replace("{text: Chips Act, case_sensitive: true}", "Chips Act"),
        encoding="utf-8",
    )
    assert found(lint([path])) == [("error", "forbidden-approved", 4)]


def test_lint_a_loaded_glossary_uses_concept_lines() -> None:
    g = load([DATA / "small.yaml"])
    assert lint(g) == []
    kc = g.concepts["P_KURT_CAMPBELL"]
    g.concepts[kc.id] = replace(kc, roles=(*kc.roles, Role("W_CHIPS")))
    assert found(lint(g)) == [("error", "role-not-title", 2)]


def test_a_forbidden_form_the_matcher_cannot_tell_from_an_approved_one_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "places.yaml"
    path.write_text(
        "- id: L_HOA_BINH\n  type: place\n  terms:\n"
        "    en: Hoa Binh\n    ko: 호아빈\n    vi: {preferred: Hòa Bình, forbidden: [Hoa Bình]}\n",
        encoding="utf-8",
    )
    assert lint([path]) == []  # "Hoa Bình" (no tone) is another form
    path.write_text(path.read_text(encoding="utf-8").replace("[Hoa Bình]", "[Hoà Bình]"), encoding="utf-8")
    assert found(lint([path])) == [("error", "forbidden-approved", 6)]  # new tone placement: the same form


def test_role_continuity_and_dated_names() -> None:
    problems = lint([DATA / "broken" / "continuity.yaml"])
    assert found(problems) == [
        ("warning", "role-gap", 28),
        ("warning", "role-overlap", 29),
        ("warning", "role-overlap", 34),
        ("error", "bad-value", 38),
        ("error", "name-overlap", 42),
        ("error", "name-overlap", 42),
        ("error", "date-order", 44),
    ]
    by_code = {p.check: p.message for p in problems}
    assert by_code["role-gap"] == (
        "T_XX_PRESIDENT has no holder from 2025-04-05 to 2025-06-03 (between P_TWO and P_THREE)"
    )
    # A vice minister has two holders at a time: a third at once is too many. P_ONE -> P_TWO as
    # president and 통상에너지부 ending the day before 통상부 starts follow each other: no problem.
    assert by_code["role-overlap"].startswith("P_FOUR holds T_XX_PRESIDENT from 2026-01-01, while P_THREE")
    assert next(p.message for p in problems if p.check == "name-overlap") == (
        "O_XX_TRADE/en: 'Ministry of Trade and Energy' (… – 2025-10-31) and 'Ministry of Trade' (2025-10-01 – present)"
        " are both in use on the same days"
    )


def test_a_handover_day_shared_by_two_holders_is_no_overlap(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    title = "- id: T_FM\n  type: title\n  holders: 1\n  terms: {en: Foreign Minister, ko: 외교부 장관, vi: Bộ trưởng}\n"
    person = (
        "- id: {id}\n  type: person\n  terms: {{en: {en}, ko: {ko}, vi: {en}}}\n"
        "  roles:\n  - {{title: T_FM, {dates}}}\n"
    )
    path.write_text(
        title
        + person.format(id="P_A", en="Ana Kim", ko="김아나", dates="from: 2024-01-10, to: 2025-07-21")
        + person.format(id="P_B", en="Bo Lee", ko="이보", dates="from: 2025-07-21"),
        encoding="utf-8",
    )
    assert lint([path]) == []
    path.write_text(path.read_text(encoding="utf-8").replace("to: 2025-07-21", "to: 2025-07-23"), encoding="utf-8")
    assert found(lint([path])) == [("warning", "role-overlap", 14)]
    path.write_text(path.read_text(encoding="utf-8").replace("to: 2025-07-23", "to: 2025-07-19"), encoding="utf-8")
    assert [p.message for p in lint([path])] == [
        "T_FM has no holder from 2025-07-20 to 2025-07-20 (between P_A and P_B)"
    ]
    # Known to the month only, the handover may be any day of July: no overlap, no gap.
    text = (
        path.read_text(encoding="utf-8")
        .replace("to: 2025-07-19", "to: 2025-07")
        .replace("from: 2025-07-21", "from: 2025-07")
    )
    path.write_text(text, encoding="utf-8")
    assert lint([path]) == []


def test_dated_names_of_the_test_glossary_are_clean() -> None:
    assert lint([Path(__file__).parent / "data" / "dated_names"]) == []


def test_style_layers_only_override_house_concepts() -> None:
    for layer in sorted((SEED / "styles").glob("*.yaml")):
        assert {(p.severity, p.check) for p in lint([SEED, layer])} == {("info", "override")}
