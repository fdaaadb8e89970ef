"""The glossary editor through Starlette's test client, on a copy of the repository's glossaries."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("python_multipart")
from starlette.testclient import TestClient

from transkit.cli import main
from transkit.editor import Access, EditorConfig, create_app, hash_password, read_users, verify_password
from transkit.editor.changes import concept_version
from transkit.editor.workspace import EditConflict, PathRefused, Workspace
from transkit.errors import ConfigError, ExitCode
from transkit.glossary import load

GLOSSARIES = Path(__file__).resolve().parent.parent / "glossaries"
BASE = "http://127.0.0.1"


@pytest.fixture
def folder(fixed_copy) -> Path:
    """A fresh copy of glossaries/ (the tests edit it), at the same path in every test (see conftest.fixed_copy)."""
    return fixed_copy(GLOSSARIES, "glossaries", ignore=("*.md",))


@pytest.fixture
def client(folder: Path) -> TestClient:
    return TestClient(create_app(EditorConfig(glossary=folder)), base_url=BASE)


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """A client for the tests that only read (one glossary load for all of them)."""
    target = tmp_path_factory.mktemp("reader") / "glossaries"
    shutil.copytree(GLOSSARIES, target, ignore=shutil.ignore_patterns("*.md"))
    return TestClient(create_app(EditorConfig(glossary=target)), base_url=BASE)


def hidden(html: str, name: str) -> str:
    """The value of the first hidden input called ``name`` in a page."""
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', html)
    assert match, f"no hidden {name} field"
    return match.group(1)


def form_fields(page: str) -> dict[str, str]:
    """The concept form of a page as the browser would submit it unchanged."""
    fields = {}
    for tag in re.findall(r"<input[^>]*>", page):
        named = re.search(r' name="([^"]+)" value="([^"]*)"', tag)
        if named and ('type="checkbox"' not in tag or " checked" in tag):
            fields[named.group(1)] = named.group(2)
    fields.update(re.findall(r'<textarea name="([^"]+)"[^>]*>([^<]*)</textarea>', page))
    fields["type"] = re.search(r'<option value="(\w+)" selected>', page).group(1)
    return {name: html.unescape(value) for name, value in fields.items()}


def edit_fields(client: TestClient, cid: str) -> dict[str, str]:
    return form_fields(client.get(f"/concept/{cid}/edit").text)


def audit(folder: Path) -> list[dict[str, str]]:
    path = folder / ".transkit-audit.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


# --------------------------------------------------------------------------- reading


@pytest.mark.parametrize(
    ("query", "concept"),
    [
        ("캠벨", "P_KURT_CAMPBELL"),
        ("Campbell", "P_KURT_CAMPBELL"),
        ("Thứ trưởng Ngoại giao Mỹ", "T_US_DEP_SEC_STATE"),
        ("thu truong ngoai giao my", "T_US_DEP_SEC_STATE"),
    ],
)
def test_search_finds_the_concept_in_any_language(reader: TestClient, query: str, concept: str) -> None:
    page = reader.get("/", params={"q": query})
    assert page.status_code == 200
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    hits = re.findall(r'<a href="/concept/(\w+)" class="cid">', page.text)
    assert hits[0] == concept


def test_search_as_you_type_returns_only_the_results(reader: TestClient) -> None:
    partial = reader.get("/", params={"q": "캠벨"}, headers={"HX-Request": "true"})
    assert "<html" not in partial.text
    assert '<a href="/concept/P_KURT_CAMPBELL" class="cid">' in partial.text
    assert '<span lang="ko" class="name"><b class="lang">ko</b> 커트 캠벨</span>' in partial.text


def test_concept_page_shows_terms_roles_note_sources_and_declares_utf8(reader: TestClient) -> None:
    page = reader.get("/concept/P_KURT_CAMPBELL").text
    assert '<meta charset="utf-8">' in page
    rows = re.findall(r'data-lang="(\w+)" data-status="(\w+)">.*?<td lang="\w+" class="text">([^<]+)</td>', page, re.S)
    assert rows == [
        ("en", "preferred", "Kurt Campbell"),
        ("en", "admitted", "Kurt M. Campbell"),
        ("en", "forbidden", "Deputy Foreign Minister Kurt Campbell"),
        ("ko", "preferred", "커트 캠벨"),
        ("vi", "preferred", "Kurt Campbell"),
    ]
    roles = re.findall(
        r'<tr class="role">\s*<td>([^<]*)</td><td>([^<]*)</td>\s*<td><a href="/concept/(\w+)">([^<]+)</a>', page
    )
    assert ("2024-02-12", "2025-01-20", "T_US_DEP_SEC_STATE", "Deputy Secretary of State") in roles
    assert '<span lang="ko" class="muted">국무부 부장관</span>' in page
    assert "US Deputy Secretary of State Feb 2024-Jan 2025" in page
    assert (
        '<a href="https://www.mofa.go.kr/eng/brd/m_5674/view.do?seq=320954" rel="noopener noreferrer nofollow">' in page
    )


def test_title_page_shows_scope_and_vietnamese(reader: TestClient) -> None:
    page = reader.get("/concept/T_US_DEP_SEC_STATE").text
    assert '<span class="scope" title="scope">US</span>' in page
    assert '<td lang="vi" class="text">Thứ trưởng Ngoại giao Mỹ</td>' in page
    assert '<span class="flag">unverified</span>' in page  # Phó Ngoại trưởng Mỹ, verified: false


def test_unknown_concept_is_404(reader: TestClient) -> None:
    assert reader.get("/concept/P_NOBODY").status_code == 404
    assert reader.get("/concept/..%2Fpeople").status_code == 404


def test_security_headers_and_trusted_hosts(reader: TestClient) -> None:
    page = reader.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert reader.get("/", headers={"Host": "evil.example"}).status_code == 400  # DNS rebinding


def test_htmx_is_served_from_the_package(reader: TestClient) -> None:
    js = reader.get("/static/htmx.min.js")
    assert js.status_code == 200
    assert js.text.startswith("/* htmx 2.0.11") and "var htmx=function()" in js.text
    css = reader.get("/static/editor.css").text
    assert '"NanumGothic"' in css and '"Noto Sans KR"' in css and '"Malgun Gothic"' in css


# --------------------------------------------------------------------------- editing


def test_fix_a_title_keeps_comments_and_changes_one_line(client: TestClient, folder: Path) -> None:
    before = (folder / "titles.yaml").read_text(encoding="utf-8")
    fields = edit_fields(client, "T_US_DEP_SEC_STATE")
    assert fields["en.forbidden"] == "Deputy Foreign Minister"
    fields["ko.preferred"] = "미 국무부 부장관"
    fields["ko.admitted"] = "국무부 부장관"
    response = client.post("/concept/T_US_DEP_SEC_STATE/edit", data=fields, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/concept/T_US_DEP_SEC_STATE"
    after = (folder / "titles.yaml").read_text(encoding="utf-8")
    old_lines, new_lines = before.splitlines(), after.splitlines()
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert changed == [
        (
            "    ko: {preferred: 국무부 부장관, forbidden: [국무부 차관, 국무차관]}",
            "    ko: {preferred: 미 국무부 부장관, admitted: [국무부 부장관], forbidden: [국무부 차관, 국무차관]}",
        )
    ]
    assert "      # vi 'Thứ trưởng Ngoại giao Mỹ' is also what VN press writes for an Under Secretary" in after
    concept = load([folder]).get("T_US_DEP_SEC_STATE")
    assert concept.preferred("ko").text == "미 국무부 부장관"
    [entry] = audit(folder)
    assert entry["user"].startswith("local") and entry["action"] == "edit-concept"
    assert entry["summary"] == "ko preferred + 미 국무부 부장관; ko 국무부 부장관: status preferred → admitted"
    assert "+    ko: {preferred: 미 국무부 부장관" in entry["diff"]
    page = client.get("/concept/T_US_DEP_SEC_STATE").text
    assert "Saved T_US_DEP_SEC_STATE: ko preferred" in page
    assert "ko 국무부 부장관: status preferred → admitted" in client.get("/audit").text


def test_unchanged_form_writes_nothing(client: TestClient, folder: Path) -> None:
    before = (folder / "people.yaml").read_bytes()
    response = client.post("/concept/P_KURT_CAMPBELL/edit", data=edit_fields(client, "P_KURT_CAMPBELL"))
    assert "Nothing to save" in response.text
    assert (folder / "people.yaml").read_bytes() == before and audit(folder) == []


def test_mark_a_variant_forbidden_with_one_click(client: TestClient, folder: Path) -> None:
    page = client.get("/concept/P_KURT_CAMPBELL").text
    form = {"csrf": hidden(page, "csrf"), "version": hidden(page, "version"), "lang": "en", "text": "Kurt M. Campbell"}
    response = client.post("/concept/P_KURT_CAMPBELL/term", data={**form, "action": "forbid"})
    assert response.status_code == 200
    concept = load([folder]).get("P_KURT_CAMPBELL")
    assert [t.text for t in concept.terms_in("en", "forbidden")] == [
        "Deputy Foreign Minister Kurt Campbell",
        "Kurt M. Campbell",
    ]
    assert concept.terms_in("en", "admitted") == []
    assert audit(folder)[0]["summary"] == "en Kurt M. Campbell: status admitted → forbidden"


def test_lint_error_is_shown_beside_the_concept(client: TestClient, folder: Path) -> None:
    people = folder / "people.yaml"  # also admitted: lint error forbidden-approved (the form refuses this)
    text = people.read_text(encoding="utf-8")
    people.write_text(
        text.replace(
            "forbidden: [Deputy Foreign Minister Kurt Campbell",
            "forbidden: [Kurt M. Campbell, Deputy Foreign Minister Kurt Campbell",
            1,
        ),
        encoding="utf-8",
    )
    page = client.get("/concept/P_KURT_CAMPBELL").text
    aside = page[page.index('<aside class="lint"') :]
    assert '<span class="severity error">error</span> <code>forbidden-approved</code>' in aside
    assert "P_KURT_CAMPBELL/en: &#39;Kurt M. Campbell&#39; is both forbidden and approved" in aside
    assert "forbidden-approved" not in client.get("/concept/P_CHO_TAEYUL").text
    lint_page = client.get("/lint").text
    assert '<a href="/concept/P_KURT_CAMPBELL">P_KURT_CAMPBELL</a>' in lint_page
    assert '<span class="count error">1</span>' in lint_page


def test_add_a_person_with_roles(client: TestClient, folder: Path) -> None:
    page = client.get("/new").text
    form = {
        "csrf": hidden(page, "csrf"),
        "version": hidden(page, "version"),
        "id": "P_NGUYEN_VAN_AN",
        "type": "person",
        "file": "people.yaml",
        "en.preferred": "Nguyen Van An",
        "ko.preferred": "응우옌반안",
        "vi.preferred": "Nguyễn Văn An",
        "vi.admitted": "Nguyen Van An",
        "sources": "https://example.org/profile (house notes)",
    }
    response = client.post("/new", data=form, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/concept/P_NGUYEN_VAN_AN"
    page = client.get("/concept/P_NGUYEN_VAN_AN").text
    role = {
        "csrf": hidden(page, "csrf"),
        "version": hidden(page, "version"),
        "title": "T_US_DEP_SEC_STATE",
        "country": "us",
    }
    assert (
        client.post("/concept/P_NGUYEN_VAN_AN/roles", data={**role, "from": "2025-02", "to": "2024"}).status_code == 422
    )
    assert client.post("/concept/P_NGUYEN_VAN_AN/roles", data={**role, "from": "2025-13-01"}).status_code == 422
    assert client.post("/concept/P_NGUYEN_VAN_AN/roles", data={**role, "title": "P_KURT_CAMPBELL"}).status_code == 422
    client.post("/concept/P_NGUYEN_VAN_AN/roles", data={**role, "from": "2025-02", "to": "2025-06-30"})
    text = (folder / "people.yaml").read_text(encoding="utf-8")
    assert text.endswith(
        "- id: P_NGUYEN_VAN_AN\n"
        "  type: person\n"
        "  terms:\n"
        "    en: {preferred: Nguyen Van An}\n"
        "    ko: {preferred: 응우옌반안}\n"
        "    vi: {preferred: Nguyễn Văn An, admitted: [Nguyen Van An]}\n"
        "  roles:\n"
        "  - {title: T_US_DEP_SEC_STATE, country: US, from: 2025-02, to: 2025-06-30}\n"
        "  sources:\n"
        "  - https://example.org/profile (house notes)\n"
    )
    role_row = re.search(
        r'<tr class="role">\s*<td>([^<]*)</td><td>([^<]*)</td>', client.get("/concept/P_NGUYEN_VAN_AN").text
    )
    assert role_row.groups() == ("2025-02-01", "2025-06-30")
    assert [e["action"] for e in audit(folder)] == ["add-concept", "add-role"]


def test_remove_a_role(client: TestClient, folder: Path) -> None:
    page = client.get("/concept/P_CHO_TAEYONG").text
    form = {"csrf": hidden(page, "csrf"), "version": hidden(page, "version"), "index": "0", "title": "T_ROK_AMB_TO_US"}
    client.post("/concept/P_CHO_TAEYONG/roles/remove", data=form)
    assert [r.title for r in load([folder]).get("P_CHO_TAEYONG").roles] == ["T_ROK_NSA", "T_ROK_NIS_DIRECTOR"]


def test_new_concept_errors_are_shown_and_nothing_is_written(client: TestClient, folder: Path) -> None:
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    page = client.get("/new").text
    form = {"csrf": hidden(page, "csrf"), "version": hidden(page, "version"), "type": "person", "file": "people.yaml"}
    response = client.post("/new", data={**form, "id": "P_KURT_CAMPBELL", "en.preferred": "K. C."})
    assert response.status_code == 422 and "P_KURT_CAMPBELL already exists" in response.text
    response = client.post("/new", data={**form, "id": "1bad id", "vi.admitted": "x"})
    assert "The id must start with a letter" in response.text
    assert "Give a preferred term in at least one language." in response.text
    assert "vi: variants need a preferred term in the same language." in response.text
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before


def test_output_is_escaped(client: TestClient, folder: Path) -> None:
    cid = "P_CHO_HYUN"
    fields = edit_fields(client, cid)
    fields["note"] = '<script>alert("x")</script> & <b>bold</b>'
    client.post(f"/concept/{cid}/edit", data=fields)
    page = client.get(f"/concept/{cid}").text
    assert "<script>alert" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    search = client.get("/", params={"q": "<img src=x onerror=alert(1)>"}).text
    assert "<img src=x" not in search and "&lt;img src=x onerror=alert(1)&gt;" in search


# --------------------------------------------------------------------------- guards


def test_concurrent_change_is_detected_and_not_overwritten(client: TestClient, folder: Path) -> None:
    fields = edit_fields(client, "P_CHO_HYUN")
    people = folder / "people.yaml"
    changed_elsewhere = people.read_text(encoding="utf-8").replace(
        "    en: {preferred: Cho Hyun}", "    en: {preferred: Cho Hyun, admitted: [Jo Hyun]}"
    )
    people.write_text(changed_elsewhere, encoding="utf-8")
    fields["vi.admitted"] = "Cho Huyn"
    response = client.post("/concept/P_CHO_HYUN/edit", data=fields)
    assert response.status_code == 409
    assert "Not saved: P_CHO_HYUN changed since you opened this page." in response.text
    assert people.read_text(encoding="utf-8") == changed_elsewhere and audit(folder) == []
    offered = form_fields(response.text)  # the current concept with this editor's change on top
    assert (offered["en.admitted"], offered["vi.admitted"]) == ("Jo Hyun", "Cho Huyn")
    assert offered["version"] != fields["version"]
    assert client.post("/concept/P_CHO_HYUN/edit", data=offered, follow_redirects=False).status_code == 303
    concept = load([folder]).get("P_CHO_HYUN")
    assert [t.text for t in concept.terms_in("en", "admitted")] == ["Jo Hyun"]
    assert [t.text for t in concept.terms_in("vi", "admitted")] == ["Cho Huyn"]


def test_one_click_action_on_a_stale_page_is_refused(client: TestClient, folder: Path) -> None:
    page = client.get("/concept/P_KURT_CAMPBELL").text
    people = folder / "people.yaml"
    text = people.read_text(encoding="utf-8")
    people.write_text(text.replace("Kurt M. Campbell]", "Kurt M. Campbell, K. Campbell]", 1), encoding="utf-8")
    form = {
        "csrf": hidden(page, "csrf"),
        "version": hidden(page, "version"),
        "lang": "en",
        "text": "Kurt M. Campbell",
        "action": "remove",
    }
    response = client.post("/concept/P_KURT_CAMPBELL/term", data=form)
    assert response.status_code == 409 and 'id="conflict"' in response.text
    assert "Kurt M. Campbell" in people.read_text(encoding="utf-8")


def test_workspace_edit_raises_on_conflict(folder: Path) -> None:
    ws = Workspace(folder)
    with pytest.raises(EditConflict):
        ws.edit("people.yaml", "P_CHO_HYUN", "0" * 16, lambda doc: doc.remove("P_CHO_HYUN"))
    assert "P_CHO_HYUN" in load([folder])


def test_forms_without_the_csrf_token_are_refused(client: TestClient, folder: Path) -> None:
    fields = edit_fields(client, "P_KURT_CAMPBELL")
    fields["en.preferred"] = "K. Campbell"
    before = (folder / "people.yaml").read_bytes()
    for token in ("", "forged"):
        response = client.post("/concept/P_KURT_CAMPBELL/edit", data={**fields, "csrf": token})
        assert response.status_code == 403 and "did not come from this editor" in response.text
    other = TestClient(create_app(EditorConfig(glossary=folder)), base_url=BASE)  # another session
    assert other.post("/concept/P_KURT_CAMPBELL/edit", data=fields).status_code == 403
    assert (folder / "people.yaml").read_bytes() == before


def test_no_path_outside_the_folder_is_read_or_written(client: TestClient, folder: Path) -> None:
    secret = folder.parent / "secret.yaml"
    secret.write_text("- id: X\n  type: other\n  terms: {en: secret}\n", encoding="utf-8")
    for url in (
        "/files/..%2Fsecret.yaml",
        "/files/../secret.yaml",
        "/files/%2Fetc%2Fpasswd",
        "/files/people.yaml%00.txt",
    ):
        response = client.get(url)
        assert response.status_code == 404 and "terms: {en: secret}" not in response.text
    assert client.get("/files/people.yaml").text.startswith("- id: P_")
    page = client.get("/new").text
    form = {
        "csrf": hidden(page, "csrf"),
        "version": hidden(page, "version"),
        "id": "X_NEW",
        "type": "other",
        "en.preferred": "x",
    }
    for target in ("../secret.yaml", "/tmp/evil.yaml", "sub/evil.yaml", "..", "people.yaml/../../secret.yaml"):
        response = client.post("/new", data={**form, "file": "", "new_file": target})
        assert response.status_code == 422 and "not a glossary file name" in response.text
    assert secret.read_text(encoding="utf-8").endswith("secret}\n")
    (folder / "link.yaml").symlink_to(secret)
    with pytest.raises(PathRefused, match="points outside the glossary folder"):
        Workspace(folder).resolve("link.yaml")


def test_a_new_file_can_be_created_in_the_folder(client: TestClient, folder: Path) -> None:
    page = client.get("/new").text
    form = {"csrf": hidden(page, "csrf"), "version": hidden(page, "version"), "id": "O_HOUSE", "type": "org"}
    client.post("/new", data={**form, "file": "", "new_file": "project.yaml", "ko.preferred": "본사"})
    assert (folder / "project.yaml").read_text(
        encoding="utf-8"
    ) == "- id: O_HOUSE\n  type: org\n  terms:\n    ko: {preferred: 본사}\n"


def test_binding_elsewhere_requires_credentials() -> None:
    with pytest.raises(ConfigError, match="editing needs a login"):
        Access.for_host("0.0.0.0")
    assert Access.for_host("127.0.0.1").login_required is False
    assert Access.for_host("localhost").login_required is False
    token = "correct-horse-battery"
    assert Access.for_host("192.0.2.10", token=token).login_required is True
    assert Access.for_host("127.0.0.1", token=token).login_required is True
    with pytest.raises(ConfigError, match="the access token is 1 characters long"):
        Access.for_host("0.0.0.0", token="a")


def test_token_login_is_needed_to_edit(folder: Path) -> None:
    app = create_app(
        EditorConfig(
            glossary=folder,
            access=Access.for_host("0.0.0.0", token="s3cret-token-of-the-desk"),
            allowed_hosts=("*",),
            public_read=True,
        )
    )
    client = TestClient(app, base_url="http://editor.newsroom.example")
    assert client.get("/concept/P_KURT_CAMPBELL").status_code == 200  # reading is open (public_read)
    assert "Edit terms" not in client.get("/concept/P_KURT_CAMPBELL").text
    redirect = client.get("/concept/P_KURT_CAMPBELL/edit", follow_redirects=False)
    assert redirect.status_code == 303 and redirect.headers["location"] == "/login?next=/concept/P_KURT_CAMPBELL/edit"
    login = client.get("/login?next=//evil.example/").text
    version = concept_version(load([folder]).get("P_KURT_CAMPBELL"))
    form = {
        "csrf": hidden(login, "csrf"),
        "version": version,
        "lang": "en",
        "text": "Kurt M. Campbell",
        "action": "remove",
    }
    refused = client.post("/concept/P_KURT_CAMPBELL/term", data=form)
    assert refused.status_code == 403 and "Log in to edit the glossary." in refused.text
    assert hidden(login, "next") == "/"
    wrong = client.post("/login", data={"csrf": hidden(login, "csrf"), "name": "minji", "secret": "guess", "next": "/"})
    assert wrong.status_code == 401
    ok = client.post(
        "/login",
        data={
            "csrf": hidden(login, "csrf"),
            "name": "minji",
            "secret": "s3cret-token-of-the-desk",
            "next": "/concept/P_KURT_CAMPBELL",
        },
        follow_redirects=False,
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/concept/P_KURT_CAMPBELL"
    page = client.get("/concept/P_KURT_CAMPBELL").text
    form.update(csrf=hidden(page, "csrf"), version=hidden(page, "version"))
    assert client.post("/concept/P_KURT_CAMPBELL/term", data=form, follow_redirects=False).status_code == 303
    assert audit(folder)[0]["user"] == "minji (token)"


def test_users_file_with_scrypt_hashes(folder: Path, tmp_path: Path) -> None:
    users_file = tmp_path / "users"
    users_file.write_text(f"# editors\nminji:{hash_password('비밀번호 mật khẩu', n=2**10)}\n", encoding="utf-8")
    users = read_users(users_file)
    assert list(users) == ["minji"] and verify_password("비밀번호 mật khẩu", users["minji"])
    assert not verify_password("wrong", users["minji"]) and not verify_password("x", "scrypt$bad")
    client = TestClient(
        create_app(EditorConfig(glossary=folder, access=Access.for_host("127.0.0.1", users=users))), base_url=BASE
    )
    login = client.get("/login").text
    assert (
        client.post("/login", data={"csrf": hidden(login, "csrf"), "name": "minji", "secret": "wrong"}).status_code
        == 401
    )
    assert (
        client.post(
            "/login", data={"csrf": hidden(login, "csrf"), "name": "minji", "secret": "비밀번호 mật khẩu"}
        ).status_code
        == 200
    )
    assert "Log out" in client.get("/").text
    users_file.write_text("minji:plaintext\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        read_users(users_file)
    assert err.value.line == 1 and "--hash-password" in err.value.hint


# --------------------------------------------------------------------------- checker


def test_check_page_highlights_findings_in_english(reader: TestClient) -> None:
    page = reader.get("/check").text
    text = "Deputy Foreign Minister Kurt Campbell met Cho Tae-yul in Seoul on March 1, 2024."
    result = reader.post("/check", data={"csrf": hidden(page, "csrf"), "text": text, "lang": "en"}).text
    assert (
        '<div class="checked" lang="en"><mark class="warning" data-findings="0" '
        'title="&#39;Deputy Foreign Minister&#39; is no approved title of Kurt Campbell&#39;s post on 2024-03-01: '
        'Deputy Secretary of State (T_US_DEP_SEC_STATE, 2024-02-12–2025-01-20)">'
        "Deputy Foreign Minister Kurt Campbell<sup>1</sup></mark> met Cho Tae-yul in Seoul on March 1, 2024.</div>"
    ) in result
    assert 'Suggestion: <b lang="en">Deputy Secretary of State</b>' in result


def test_check_page_in_korean_as_htmx_partial(reader: TestClient) -> None:
    page = reader.get("/check").text
    text = "커트 캠벨 국무부 차관은 2024년 3월 1일 서울에서 조태열 장관과 만났다."
    result = reader.post(
        "/check", data={"csrf": hidden(page, "csrf"), "text": text}, headers={"HX-Request": "true"}
    ).text
    assert "<html" not in result
    assert '<div class="checked" lang="ko"><mark class="warning"' in result
    assert ">커트 캠벨 국무부 차관<sup>1</sup></mark>은 2024년 3월 1일" in result
    assert '<strong id="finding-count">1 finding</strong>' in result


def test_check_page_rejects_a_bad_date_and_needs_the_token(reader: TestClient) -> None:
    page = reader.get("/check").text
    result = reader.post("/check", data={"csrf": hidden(page, "csrf"), "text": "x", "date": "1 March"})
    assert "Write the date as YYYY-MM-DD" in result.text
    assert reader.post("/check", data={"text": "x"}).status_code == 403


# --------------------------------------------------------------------------- audit in git, CLI


def test_edits_are_committed_when_the_folder_is_a_git_repository(folder: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git = ["git", "-C", str(folder), "-c", "user.name=setup", "-c", "user.email=setup@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "seed"], check=True)
    client = TestClient(create_app(EditorConfig(glossary=folder)), base_url=BASE)
    page = client.get("/concept/P_KURT_CAMPBELL").text
    form = {
        "csrf": hidden(page, "csrf"),
        "version": hidden(page, "version"),
        "lang": "en",
        "text": "Kurt M. Campbell",
        "action": "forbid",
    }
    client.post("/concept/P_KURT_CAMPBELL/term", data=form)
    log = subprocess.run(
        [*git, "log", "-1", "--format=%an|%s", "--name-only"], check=True, capture_output=True, text=True
    ).stdout
    assert log.startswith(
        f"{audit(folder)[0]['user']}|P_KURT_CAMPBELL: en Kurt M. Campbell: status admitted → forbidden\n"
    )
    assert log.strip().endswith("people.yaml")
    status = subprocess.run([*git, "status", "--porcelain"], check=True, capture_output=True, text=True).stdout
    assert status == ""  # the audit log is excluded, not left untracked


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """``transkit`` with the editor subcommand registered."""
    import transkit.cli

    if "editor" not in transkit.cli.SUBCOMMANDS:
        monkeypatch.setattr(transkit.cli, "SUBCOMMANDS", (*transkit.cli.SUBCOMMANDS, "editor"))


@pytest.mark.usefixtures("cli")
def test_cli_refuses_a_public_address_without_credentials(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["editor", "--glossary", str(folder), "--host", "0.0.0.0"]) == ExitCode.INPUT
    assert "give --token T or --users FILE, or bind to 127.0.0.1" in capsys.readouterr().err


@pytest.mark.usefixtures("cli")
def test_cli_hash_password(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse\n"))
    assert main(["editor", "--hash-password", "minji"]) == ExitCode.OK
    name, stored = capsys.readouterr().out.strip().split(":", 1)
    assert name == "minji" and verify_password("correct horse", stored)


def test_adding_a_concept_another_editor_just_added_is_refused(client: TestClient, folder: Path) -> None:
    page = client.get("/new").text
    places = folder / "places.yaml"  # another editor adds L_HUE meanwhile
    changed_elsewhere = places.read_text(encoding="utf-8") + "- id: L_HUE\n  type: place\n  terms:\n    vi: Huế\n"
    places.write_text(changed_elsewhere, encoding="utf-8")
    form = {
        "csrf": hidden(page, "csrf"),
        "version": hidden(page, "version"),
        "id": "L_HUE",
        "type": "place",
        "file": "places.yaml",
        "en.preferred": "Hue",
        "ko.preferred": "후에",
        "vi.preferred": "Huế",
    }
    response = client.post("/new", data=form)
    assert response.status_code == 422 and "L_HUE already exists: pick another id" in response.text
    assert places.read_text(encoding="utf-8") == changed_elsewhere and audit(folder) == []
