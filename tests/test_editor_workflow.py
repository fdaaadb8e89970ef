"""The editors' workflow through Starlette's test client: attributes that survive every edit, review, history,
revert, delete and rename with undo, per-concept conflicts, sessions and login throttling, limits.

The glossary is tests/data/editor/ (a law with notes, readings, case-sensitive and unverified terms; a title; a
person holding that title in another file), copied for each test.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("python_multipart")
from starlette.testclient import TestClient

from transkit.editor import Access, EditorConfig, create_app
from transkit.glossary import load
from transkit.glossary.model import Concept, Term

DATA = Path(__file__).resolve().parent / "data" / "editor"
BASE = "http://127.0.0.1"
LAW = "L_KR_SERIOUS_ACCIDENTS"
TOKEN = "desk-token-2025-seoul-hanoi"


@pytest.fixture
def folder(fixed_copy) -> Path:
    """A fresh copy of tests/data/editor/, at the same path in every test (see conftest.fixed_copy)."""
    return fixed_copy(DATA, "desk")


@pytest.fixture
def client(folder: Path) -> TestClient:
    return TestClient(create_app(EditorConfig(glossary=folder)), base_url=BASE)


def hidden(page: str, name: str) -> str:
    match = re.search(rf'<input type="hidden" name="{re.escape(name)}" value="([^"]*)"', page)
    assert match, f"no hidden {name} field"
    return html.unescape(match.group(1))


def form_fields(page: str) -> dict[str, str]:
    """The concept form of a page as a browser submits it unchanged (unchecked boxes left out)."""
    fields = {}
    for tag in re.findall(r"<input[^>]*>", page):
        named = re.search(r' name="([^"]+)" value="([^"]*)"', tag)
        if named and ('type="checkbox"' not in tag or " checked" in tag):
            fields[named.group(1)] = html.unescape(named.group(2))
    fields.update(
        (k, html.unescape(v)) for k, v in re.findall(r'<textarea name="([^"]+)"[^>]*>([^<]*)</textarea>', page)
    )
    fields["type"] = re.search(r'<option value="(\w+)" selected>', page).group(1)
    return fields


def concept(folder: Path, cid: str = LAW) -> Concept:
    found = load([folder]).get(cid)
    assert found is not None
    return found


def term(folder: Path, lang: str, text: str, cid: str = LAW) -> Term:
    return next(t for t in concept(folder, cid).terms_in(lang) if t.text == text)


def audit(folder: Path) -> list[dict[str, Any]]:
    path = folder / ".transkit-audit.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def one_click(client: TestClient, cid: str, action: str, lang: str, text: str) -> Any:
    page = client.get(f"/concept/{cid}").text
    form = {"csrf": hidden(page, "csrf"), "version": hidden(page, "version"), "lang": lang, "text": text}
    return client.post(f"/concept/{cid}/term", data={**form, "action": action}, follow_redirects=False)


def attributes(t: Term) -> tuple[Any, ...]:
    return (t.case_sensitive, t.reading, t.verified, t.note)


# --------------------------------------------------------------------------- nothing is lost


@pytest.mark.parametrize(
    ("action", "lang", "text", "status"),
    [
        ("prefer", "en", "SAPA", "preferred"),  # case_sensitive, reading, note
        ("forbid", "en", "SAPA", "forbidden"),
        ("prefer", "vi", "Luật Trừng phạt Tai nạn Nghiêm trọng", "preferred"),  # note, verified: false (block)
        ("forbid", "vi", "Luật Trừng phạt Tai nạn Nghiêm trọng", "forbidden"),
        ("forbid", "ko", "중대재해법", "forbidden"),
    ],
)
def test_one_click_status_change_keeps_every_attribute(
    client: TestClient, folder: Path, action: str, lang: str, text: str, status: str
) -> None:
    before = term(folder, lang, text)
    old_preferred = concept(folder).preferred(lang)
    assert one_click(client, LAW, action, lang, text).status_code == 303
    after = term(folder, lang, text)
    assert after.status == status and attributes(after) == attributes(before)
    if status == "preferred":  # the old preferred term is admitted now, with its own attributes
        demoted = term(folder, lang, old_preferred.text)
        assert demoted.status == "admitted" and attributes(demoted) == attributes(old_preferred)
    summary = audit(folder)[-1]["summary"].split("; ")
    demotion = [f"{lang} {old_preferred.text}: status preferred → admitted"] if status == "preferred" else []
    assert summary == [f"{lang} {text}: status {before.status} → {status}", *demotion]


def test_admitting_a_forbidden_term_keeps_its_attributes(client: TestClient, folder: Path) -> None:
    one_click(client, LAW, "forbid", "en", "SAPA")
    assert one_click(client, LAW, "admit", "en", "SAPA").status_code == 303
    assert attributes(term(folder, "en", "SAPA")) == (True, "사파", True, "wire copy after first mention")


def edit_page(client: TestClient, cid: str = LAW) -> str:
    return client.get(f"/concept/{cid}/edit").text


def detail_prefix(fields: dict[str, str], lang: str, text: str) -> str:
    """The field name prefix of ``text``'s row in the term details of ``lang``."""
    return next(k[: -len("text")] for k, v in fields.items() if k.startswith(f"{lang}.detail.") and v == text)


def test_edit_form_shows_note_reading_case_and_verified(client: TestClient) -> None:
    fields = form_fields(edit_page(client))
    sapa = detail_prefix(fields, "en", "SAPA")
    assert fields[sapa + "note"] == "wire copy after first mention" and fields[sapa + "reading"] == "사파"
    assert fields[sapa + "case_sensitive"] == "1" and fields[sapa + "verified"] == "1"
    vi = detail_prefix(fields, "vi", "Luật Xử phạt Tai nạn Nghiêm trọng")
    assert vi + "verified" not in fields  # unverified: the box is unchecked


def test_moving_and_retyping_terms_in_the_form_keeps_their_attributes(client: TestClient, folder: Path) -> None:
    fields = form_fields(edit_page(client))
    fields["en.admitted"] = "Serious Accident Punishment Act"  # SAPA moves to forbidden
    fields["en.forbidden"] = "Industrial Accident Law\nSAPA"
    fields["en.preferred"] = "Serious Accidents Punishment Act (SAPA)"  # the preferred term retyped
    response = client.post(f"/concept/{LAW}/edit", data=fields, follow_redirects=False)
    assert response.status_code == 303
    sapa = term(folder, "en", "SAPA")
    assert sapa.status == "forbidden" and attributes(sapa) == (True, "사파", True, "wire copy after first mention")
    retyped = concept(folder).preferred("en")
    assert retyped.text == "Serious Accidents Punishment Act (SAPA)"
    assert retyped.note == "Ministry of Government Legislation translation"
    assert all(not t.verified for t in concept(folder).terms_in("vi"))  # untouched language, untouched flags
    assert concept(folder).sources == ("KO: https://www.law.go.kr/법령/중대재해처벌등에관한법률",)


def test_setting_attributes_in_the_form_is_audited_one_by_one(client: TestClient, folder: Path) -> None:
    fields = form_fields(edit_page(client))
    ko = detail_prefix(fields, "ko", "중대재해법")
    fields[ko + "note"] = "흔히 쓰는 약칭"
    vi = detail_prefix(fields, "vi", "Luật Xử phạt Tai nạn Nghiêm trọng")
    fields[vi + "verified"] = "1"
    sapa = detail_prefix(fields, "en", "SAPA")
    del fields[sapa + "case_sensitive"]
    fields[sapa + "reading"] = "에스에이피에이"
    assert client.post(f"/concept/{LAW}/edit", data=fields, follow_redirects=False).status_code == 303
    assert term(folder, "ko", "중대재해법").note == "흔히 쓰는 약칭"
    assert term(folder, "vi", "Luật Xử phạt Tai nạn Nghiêm trọng").verified
    assert not term(folder, "vi", "Luật Trừng phạt Tai nạn Nghiêm trọng").verified  # the block flag stays its own
    assert attributes(term(folder, "en", "SAPA")) == (False, "에스에이피에이", True, "wire copy after first mention")
    assert audit(folder)[-1]["summary"].split("; ") == [
        "en SAPA: case-sensitive yes → no",
        "en SAPA: reading 사파 → 에스에이피에이",
        "ko 중대재해법: note - → 흔히 쓰는 약칭",
        "vi Luật Xử phạt Tai nạn Nghiêm trọng: verified no → yes",
    ]


# --------------------------------------------------------------------------- validation


def test_an_existing_labelled_source_never_blocks_an_edit(client: TestClient, folder: Path) -> None:
    fields = form_fields(edit_page(client))
    fields["scope"] = "KR"
    fields["note"] = "In force since 2022-01-27; firms with 5 or more workers since 2024-01-27."
    assert client.post(f"/concept/{LAW}/edit", data=fields, follow_redirects=False).status_code == 303
    fields = form_fields(edit_page(client))
    fields["sources"] += "\nLaw of Korea, English text"
    page = client.post(f"/concept/{LAW}/edit", data=fields)
    assert page.status_code == 422
    assert "is not a web address: write &#39;https://…&#39;, optionally after a label" in page.text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("ko.admitted", "중대\u202e법", "contains a text-direction control character"),
        ("en.forbidden", "Evil \u2066Act\u2069", "contains a text-direction control character"),
        ("vi.admitted", "Luật " * 60, "keep terms under 200"),
        ("note", "x" * 2001, "The note is 2001 characters long"),
        ("sources", "https://example.org/\u202ecod.exe", "text-direction control character"),
    ],
)
def test_bidi_controls_and_oversized_fields_are_refused(
    client: TestClient, folder: Path, field: str, value: str, message: str
) -> None:
    before = (folder / "laws.yaml").read_bytes()
    fields = form_fields(edit_page(client))
    fields[field] = value
    page = client.post(f"/concept/{LAW}/edit", data=fields)
    assert page.status_code == 422 and message in html.unescape(page.text)
    assert (folder / "laws.yaml").read_bytes() == before


# --------------------------------------------------------------------------- review queue


def test_review_queue_lists_every_unverified_term(client: TestClient) -> None:
    page = client.get("/review").text
    assert "Unverified (4)" in page
    rows = re.findall(r'<tr class="unverified" data-concept="(\w+)" data-lang="(\w+)">', page)
    assert rows == [(LAW, "vi"), (LAW, "vi"), ("L_KR_YELLOW_ENVELOPE", "en"), ("P_KIM_YOUNGHOON", "vi")]


def review(client: TestClient, cid: str, lang: str, text: str, decision: str, comment: str) -> Any:
    page = client.get("/review").text
    form = {
        "csrf": hidden(page, "csrf"),
        "version": re.search(
            rf'action="/concept/{cid}/review">\s*<input type="hidden" name="csrf" value="[^"]*"><input type="hidden" '
            r'name="version" value="([^"]*)"',
            page,
        ).group(1),
    }
    data = {**form, "lang": lang, "text": text, "decision": decision, "comment": comment}
    return client.post(f"/concept/{cid}/review", data=data, follow_redirects=False)


def test_approve_lifts_one_term_out_of_an_unverified_block(client: TestClient, folder: Path) -> None:
    response = review(client, LAW, "vi", "Luật Xử phạt Tai nạn Nghiêm trọng", "approve", "checked against VNA")
    assert response.status_code == 303 and response.headers["location"] == "/review"
    assert term(folder, "vi", "Luật Xử phạt Tai nạn Nghiêm trọng").verified
    other = term(folder, "vi", "Luật Trừng phạt Tai nạn Nghiêm trọng")
    assert not other.verified and other.note == "VnExpress"
    entry = audit(folder)[-1]
    assert (entry["action"], entry["comment"]) == ("approve", "checked against VNA")
    assert "Unverified (3)" in client.get("/review").text
    page = client.get(f"/concept/{LAW}").text
    assert re.search(r"verified by local:\S+ on \d{4}-\d\d-\d\d", page)


@pytest.mark.parametrize(("decision", "status"), [("forbid", "forbidden"), ("remove", None)])
def test_reject_forbids_or_removes_with_a_comment(
    client: TestClient, folder: Path, decision: str, status: str | None
) -> None:
    text = "Trade Union Act amendment"
    assert review(client, "L_KR_YELLOW_ENVELOPE", "en", text, decision, "not the act's name").status_code == 303
    found = [t for t in concept(folder, "L_KR_YELLOW_ENVELOPE").terms_in("en") if t.text == text]
    assert [t.status for t in found] == ([status] if status else [])
    assert audit(folder)[-1]["comment"] == "not the act's name"
    assert audit(folder)[-1]["action"] == f"reject-{decision}"


def test_a_preferred_term_cannot_be_rejected(client: TestClient, folder: Path) -> None:
    response = review(client, "P_KIM_YOUNGHOON", "vi", "Kim Young-hoon", "remove", "")
    assert response.status_code == 400 and "make another term preferred first" in response.text


# --------------------------------------------------------------------------- history, revert, delete, rename


def test_history_and_revert_with_confirmation(client: TestClient, folder: Path) -> None:
    original = (folder / "laws.yaml").read_text(encoding="utf-8")
    one_click(client, LAW, "prefer", "en", "SAPA")
    one_click(client, LAW, "forbid", "ko", "중대재해법")
    history = client.get(f"/concept/{LAW}/history").text
    seqs = re.findall(r'<tr class="change" data-seq="(\d+)">', history)
    assert seqs == ["2", "1"] and "en SAPA: status admitted → preferred" in history
    confirm = client.get("/revert/1").text  # the older change: shown first, written only on confirmation
    assert "en SAPA: status preferred → admitted" in confirm
    assert concept(folder).preferred("en").text == "SAPA"
    data = {"csrf": hidden(confirm, "csrf"), "version": hidden(confirm, "version")}
    assert client.post("/revert/1", data=data, follow_redirects=False).status_code == 303
    assert concept(folder).preferred("en").text == "Serious Accidents Punishment Act"
    assert attributes(term(folder, "en", "SAPA")) == (True, "사파", True, "wire copy after first mention")
    assert term(folder, "ko", "중대재해법").status == "admitted"  # revert sets the whole concept back
    assert load([folder]).get(LAW) == load([DATA]).get(LAW)
    assert "# Desk glossary for the editor tests: laws." in (folder / "laws.yaml").read_text(encoding="utf-8")
    assert original.count("- id:") == (folder / "laws.yaml").read_text(encoding="utf-8").count("- id:")
    stale = client.post("/revert/1", data=data, follow_redirects=False)  # the same confirmation twice
    assert stale.headers["location"] == "/revert/1" and audit(folder)[-1]["action"] == "revert"


def test_undo_right_after_a_one_click_remove(client: TestClient, folder: Path) -> None:
    page = client.get(f"/concept/{LAW}").text
    form = {"csrf": hidden(page, "csrf"), "version": hidden(page, "version"), "lang": "en", "text": "SAPA"}
    response = client.post(f"/concept/{LAW}/term", data={**form, "action": "remove"})
    assert "SAPA" not in [t.text for t in concept(folder).terms]
    undo = re.search(r'<form method="post" action="/revert/(\d+)" class="inline" id="undo">', response.text)
    assert undo and undo.group(1) == "1"
    client.post("/revert/1", data={"csrf": hidden(response.text, "csrf"), "undo": "1"})
    assert attributes(term(folder, "en", "SAPA")) == (True, "사파", True, "wire copy after first mention")
    assert load([folder]).get(LAW) == load([DATA]).get(LAW)
    assert [e["action"] for e in audit(folder)] == ["term-remove", "revert"]


def test_delete_and_undo(client: TestClient, folder: Path) -> None:
    page = client.get("/concept/L_KR_YELLOW_ENVELOPE/delete").text
    data = {"csrf": hidden(page, "csrf"), "version": hidden(page, "version")}
    response = client.post("/concept/L_KR_YELLOW_ENVELOPE/delete", data=data)
    assert "L_KR_YELLOW_ENVELOPE" not in load([folder])
    assert 'id="undo"' in response.text
    client.post("/revert/1", data={"csrf": hidden(response.text, "csrf"), "undo": "1"})
    assert load([folder]).get("L_KR_YELLOW_ENVELOPE") == load([DATA]).get("L_KR_YELLOW_ENVELOPE")


def test_a_title_still_used_by_roles_cannot_be_deleted(client: TestClient, folder: Path) -> None:
    page = client.get("/concept/T_KR_MIN_EMPLOYMENT/delete").text
    assert "is the title of roles in P_KIM_YOUNGHOON" in page and 'id="confirm-delete"' not in page
    data = {"csrf": hidden(page, "csrf"), "version": hidden(page, "version")}
    assert client.post("/concept/T_KR_MIN_EMPLOYMENT/delete", data=data).status_code == 400
    assert "T_KR_MIN_EMPLOYMENT" in load([folder])


def test_rename_updates_references_in_other_files_and_undoes(client: TestClient, folder: Path) -> None:
    page = client.get("/concept/T_KR_MIN_EMPLOYMENT/delete").text
    data = {"csrf": hidden(page, "csrf"), "version": hidden(page, "version"), "new_id": "T_KR_MIN_LABOR"}
    response = client.post("/concept/T_KR_MIN_EMPLOYMENT/rename", data=data)
    glossary = load([folder])
    assert "T_KR_MIN_EMPLOYMENT" not in glossary and "T_KR_MIN_LABOR" in glossary
    assert glossary.get("P_KIM_YOUNGHOON").roles[0].title == "T_KR_MIN_LABOR"
    assert [e["action"] for e in audit(folder)] == ["rename-concept", "rename-references"]
    client.post("/revert/1", data={"csrf": hidden(response.text, "csrf"), "undo": "1"})
    assert load([folder]).concepts == load([DATA]).concepts
    assert "T_KR_MIN_LABOR" in client.get("/concept/T_KR_MIN_EMPLOYMENT/history").text


# --------------------------------------------------------------------------- conflicts per concept


def test_editors_of_different_concepts_in_one_file_do_not_conflict(client: TestClient, folder: Path) -> None:
    mine = form_fields(edit_page(client, LAW))
    theirs = form_fields(edit_page(client, "L_KR_YELLOW_ENVELOPE"))
    theirs["ko.admitted"] = "노조법 2·3조 개정안"
    assert client.post("/concept/L_KR_YELLOW_ENVELOPE/edit", data=theirs, follow_redirects=False).status_code == 303
    mine["ko.admitted"] = "중대재해법\n중처법"
    assert client.post(f"/concept/{LAW}/edit", data=mine, follow_redirects=False).status_code == 303
    assert [t.text for t in concept(folder).terms_in("ko", "admitted")] == ["중대재해법", "중처법"]
    assert [t.text for t in concept(folder, "L_KR_YELLOW_ENVELOPE").terms_in("ko", "admitted")] == [
        "노조법 2·3조 개정안"
    ]


def test_conflict_view_marks_the_fields_the_other_editor_changed(client: TestClient, folder: Path) -> None:
    mine = form_fields(edit_page(client))
    theirs = dict(mine)
    theirs["note"] = "Amended 2024: firms with 5 or more workers."
    assert client.post(f"/concept/{LAW}/edit", data=theirs, follow_redirects=False).status_code == 303
    mine["vi.admitted"] += "\nLuật Xử phạt Tai nạn Lao động Nghiêm trọng"
    response = client.post(f"/concept/{LAW}/edit", data=mine)
    assert response.status_code == 409
    marked = re.findall(r'<label class="changed">(\w+)', response.text)
    assert marked == ["Note"]
    assert "changed by the other editor (was “In force since 2022-01-27" in response.text
    offered = form_fields(response.text)
    assert offered["note"] == theirs["note"] and offered["vi.admitted"].endswith("Lao động Nghiêm trọng")


# --------------------------------------------------------------------------- sessions and login


def desk(folder: Path, **config: Any) -> TestClient:
    access = Access.for_host("0.0.0.0", token=TOKEN)
    app = create_app(EditorConfig(glossary=folder, access=access, allowed_hosts=("*",), **config))
    return TestClient(app, base_url="http://glossary.desk.example")


def log_in(client: TestClient, name: str = "minji", secret: str = TOKEN) -> Any:
    login = client.get("/login").text
    data = {"csrf": hidden(login, "csrf"), "name": name, "secret": secret, "next": "/"}
    return client.post("/login", data=data, follow_redirects=False)


def test_off_loopback_every_page_needs_a_login_unless_public_read(folder: Path) -> None:
    closed = desk(folder)
    for path in ("/", f"/concept/{LAW}", "/review", "/lint", "/audit", "/check", "/files/laws.yaml"):
        response = closed.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")
    assert log_in(closed).status_code == 303
    assert closed.get(f"/concept/{LAW}").status_code == 200
    assert desk(folder, public_read=True).get(f"/concept/{LAW}").status_code == 200


def test_logout_ends_the_session_even_for_a_copied_cookie(folder: Path) -> None:
    client = desk(folder)
    log_in(client)
    cookie = client.cookies.get("transkit_editor")
    page = client.get("/").text
    client.post("/logout", data={"csrf": hidden(page, "csrf")})
    thief = desk(folder)
    thief.app = client.app
    thief.cookies.set("transkit_editor", cookie)
    assert thief.get("/", follow_redirects=False).status_code == 303


def test_idle_sessions_expire(folder: Path) -> None:
    client = desk(folder, idle_minutes=0)
    log_in(client)
    assert client.get("/", follow_redirects=False).status_code == 303


def test_failed_logins_are_throttled_per_user_and_per_address(folder: Path) -> None:
    client = desk(folder, login_attempts=2)
    assert [log_in(client, "minji", "wrong guess").status_code for _ in range(3)] == [401, 401, 429]
    assert log_in(client, "minji").status_code == 429  # even the right token waits
    assert log_in(client, "thao", "wrong").status_code == 401  # another user from this address: 3rd of 8
    assert "Too many failed logins" in log_in(client, "minji", "x").text


def test_unknown_users_cost_the_same_scrypt_work(monkeypatch: pytest.MonkeyPatch) -> None:
    from transkit.editor import auth

    calls: list[str] = []
    real = auth.verify_password
    monkeypatch.setattr(auth, "verify_password", lambda secret, stored: calls.append(stored) or real(secret, stored))
    access = Access(users={"minji": auth.hash_password("비밀번호", n=2**14)})
    assert access.login("nobody", "guess") is None and access.login("minji", "guess") is None
    assert len(calls) == 2 and all(c.startswith("scrypt$16384$") for c in calls)


# --------------------------------------------------------------------------- robustness


def test_check_refuses_an_oversized_text(client: TestClient) -> None:
    page = client.get("/check").text
    response = client.post("/check", data={"csrf": hidden(page, "csrf"), "text": "Kim Young-hoon said. " * 6000})
    assert response.status_code == 413 and "the checker takes at most 100,000" in response.text


def test_search_ignores_korean_spacing_and_filters_count_every_match(client: TestClient) -> None:
    assert 'href="/concept/L_KR_SERIOUS_ACCIDENTS"' in client.get("/?q=중대재해 처벌법").text
    laws = client.get("/?type=law").text
    assert "2 concepts" in laws and "P_KIM_YOUNGHOON" not in laws
    assert "1 concept<" in client.get("/?verified=yes").text
    assert "3 concepts" in client.get("/?scope=KR").text
    assert "1 concept" in client.get("/?file=people.yaml").text


def test_many_matches_are_paged_with_a_true_count(folder: Path) -> None:
    extra = "".join(
        f"- id: O_DESK_{n:03}\n  type: org\n  terms:\n    en: Desk Agency {n}\n    ko: 데스크 기관 {n}\n"
        for n in range(130)
    )
    (folder / "orgs.yaml").write_text(extra, encoding="utf-8")
    client = TestClient(create_app(EditorConfig(glossary=folder)), base_url=BASE)
    first = client.get("/?q=데스크 기관").text
    assert "130 concepts for “데스크 기관”, page 1 of 2" in first and first.count('class="hit"') == 100
    second = client.get("/?q=데스크기관&page=2").text
    assert second.count('class="hit"') == 30 and "O_DESK_129" in second


def test_a_link_out_of_the_folder_or_an_odd_name_is_reported_not_a_500(folder: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("- id: O_OUT\n  type: org\n  terms:\n    en: Out\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to(outside)
    (folder / ("x" * 200 + ".yaml")).write_text("[]\n", encoding="utf-8")
    client = TestClient(create_app(EditorConfig(glossary=folder)), base_url=BASE)
    page = client.get(f"/concept/{LAW}")
    assert page.status_code == 200
    assert "link.yaml: not served: it links to" in page.text and "outside the glossary folder" in page.text
    assert "not served: name it with letters" in page.text
    assert client.get("/concept/O_OUT").status_code == 404


def test_a_failed_git_commit_is_reported_and_never_swept_in_later(folder: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git = ["git", "-C", str(folder), "-c", "user.name=setup", "-c", "user.email=setup@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "seed"], check=True)
    client = TestClient(create_app(EditorConfig(glossary=folder)), base_url=BASE)
    lock = folder / ".git" / "index.lock"
    lock.write_text("", encoding="utf-8")
    before = (folder / "laws.yaml").read_text(encoding="utf-8")
    page = one_click(client, LAW, "forbid", "en", "SAPA")
    shown = client.get(page.headers["location"]).text
    assert "Not saved: git could not commit the change" in shown and "stale .git/index.lock" in shown
    assert (folder / "laws.yaml").read_text(encoding="utf-8") == before and audit(folder) == []
    lock.unlink()
    one_click(client, "L_KR_YELLOW_ENVELOPE", "forbid", "en", "Trade Union Act amendment")
    diff = subprocess.run([*git, "show", "--format=", "HEAD"], check=True, capture_output=True, text=True).stdout
    assert "SAPA" not in diff and "Trade Union Act amendment" in diff


def test_an_internal_error_page_keeps_the_security_headers(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(EditorConfig(glossary=folder))

    def broken() -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(app.state.editor.workspace, "glossary", broken)
    response = TestClient(app, base_url=BASE, raise_server_exceptions=False).get("/")
    assert response.status_code == 500 and "disk on fire" not in response.text
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert response.headers["x-frame-options"] == "DENY"


def test_secure_cookies_are_sent_over_https_only(folder: Path) -> None:
    client = TestClient(create_app(EditorConfig(glossary=folder, secure_cookies=True)), base_url="https://127.0.0.1")
    cookie = client.get("/login").headers["set-cookie"]
    assert "secure" in cookie.lower() and "samesite=strict" in cookie.lower()
