"""The editors' workflow in a real headless Chromium: a status change that keeps every attribute, the review queue,
history and revert, delete and rename with undo, a per-concept conflict, logout and login throttling.

The tests run in file order against one browser. The desk tests use a copy of tests/data/editor/ served on
127.0.0.1 without a login; the login tests a second copy served with an access token on ``localhost`` (its own
cookie jar). Screenshots of the review queue and of a concept's history go to ``$TRANSKIT_SCREENSHOTS``
(``docs/`` for the README: ``TRANSKIT_SCREENSHOTS=docs pytest -m e2e tests/e2e/test_editor_workflow_browser.py``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_editor_browser import field, fill, wait_for

from transkit.glossary import load

pytestmark = pytest.mark.e2e

DATA = Path(__file__).resolve().parents[1] / "data" / "editor"
LAW = "L_KR_SERIOUS_ACCIDENTS"
TOKEN = "desk-token-2025-seoul-hanoi"


@pytest.fixture(scope="module")
def desk(glossary_copy: Path, serve: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The editor over a copy of tests/data/editor/ on 127.0.0.1 (no login); yields its URL and folder."""
    from transkit.editor import EditorConfig, create_app

    folder = tmp_path_factory.mktemp("desk") / "glossary"
    shutil.copytree(DATA, folder)
    with serve(create_app(EditorConfig(glossary=folder))) as port:
        yield f"http://127.0.0.1:{port}", folder


@pytest.fixture(scope="module")
def guarded(glossary_copy: Path, serve: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The editor with an access token, reached as ``localhost``; yields its URL."""
    from transkit.editor import Access, EditorConfig, create_app

    folder = tmp_path_factory.mktemp("guarded") / "glossary"
    shutil.copytree(DATA, folder)
    config = EditorConfig(glossary=folder, access=Access.for_host("127.0.0.1", token=TOKEN), login_attempts=3)
    with serve(create_app(config)) as port:
        yield f"http://localhost:{port}"


def row(browser: Any, css: str, text: str) -> Any:
    return wait_for(browser, css, text)


def click(element: Any, css: str) -> None:
    from selenium.webdriver.common.by import By

    element.find_element(By.CSS_SELECTOR, css).click()


def test_make_preferred_keeps_reading_case_and_note(browser: Any, desk: tuple[str, Path]) -> None:
    server, folder = desk
    browser.get(f"{server}/concept/{LAW}")
    click(row(browser, 'tr[data-status="admitted"]', "SAPA"), 'button[value="prefer"]')
    wait_for(browser, "#flash", "en SAPA: status admitted → preferred")
    sapa = load([folder]).get(LAW).preferred("en")
    assert (sapa.text, sapa.case_sensitive, sapa.reading, sapa.note) == (
        "SAPA",
        True,
        "사파",
        "wire copy after first mention",
    )
    details = row(browser, 'tr[data-status="preferred"]', "SAPA").text
    assert "case-sensitive" in details and "사파" in details


def test_history_and_revert(browser: Any, desk: tuple[str, Path], shots: Path) -> None:
    server, folder = desk
    browser.get(f"{server}/concept/{LAW}")
    click(row(browser, 'tr[data-status="admitted"]', "중대재해법"), 'button[value="forbid"]')
    wait_for(browser, "#flash", "ko 중대재해법: status admitted → forbidden")
    wait_for(browser, "#history-link").click()
    changes = browser.find_elements("css selector", "#history tr.change")
    assert len(changes) == 2 and "SAPA" in changes[1].text
    browser.save_screenshot(str(shots / "editor-history.png"))
    click(changes[1], "a.revert")  # the first change: SAPA made preferred
    assert "en SAPA: status preferred → admitted" in wait_for(browser, "#revert-changes").text
    assert load([folder]).get(LAW).preferred("en").text == "SAPA"  # nothing written before confirming
    wait_for(browser, "#confirm-revert").click()
    wait_for(browser, "#flash", "Saved L_KR_SERIOUS_ACCIDENTS")
    concept = load([folder]).get(LAW)
    assert concept.preferred("en").text == "Serious Accidents Punishment Act"
    assert concept == load([DATA]).get(LAW)


def test_review_queue_approve_and_reject(browser: Any, desk: tuple[str, Path], shots: Path) -> None:
    server, folder = desk
    browser.get(f"{server}/review")
    assert wait_for(browser, "h1").text == "Unverified (4)"
    browser.save_screenshot(str(shots / "editor-review.png"))
    approve = row(browser, "#queue tr.unverified", "Luật Xử phạt Tai nạn Nghiêm trọng")
    approve.find_element("css selector", 'input[name="comment"]').send_keys("checked against the VNA style guide")
    click(approve, 'button[value="approve"]')
    wait_for(browser, "#flash", "verified no → yes")
    assert wait_for(browser, "h1").text == "Unverified (3)"
    reject = row(browser, "#queue tr.unverified", "Trade Union Act amendment")
    reject.find_element("css selector", 'input[name="comment"]').send_keys("not the act's name")
    click(reject, 'button[value="forbid"]')
    wait_for(browser, "#flash", "status admitted → forbidden")
    glossary = load([folder])
    assert next(t for t in glossary.get(LAW).terms_in("vi") if t.status == "preferred").verified
    assert [t.text for t in glossary.get("L_KR_YELLOW_ENVELOPE").terms_in("en", "forbidden")] == [
        "Trade Union Act amendment"
    ]
    browser.get(f"{server}/concept/{LAW}")
    assert "verified by local:" in row(browser, 'tr[data-lang="vi"]', "Luật Xử phạt").text


def test_delete_and_undo(browser: Any, desk: tuple[str, Path]) -> None:
    server, folder = desk
    browser.get(f"{server}/concept/L_KR_YELLOW_ENVELOPE")
    wait_for(browser, "#delete-link").click()
    wait_for(browser, "#confirm-delete").click()
    wait_for(browser, "#flash", "removed L_KR_YELLOW_ENVELOPE")
    assert "L_KR_YELLOW_ENVELOPE" not in load([folder])
    wait_for(browser, "#undo button").click()
    wait_for(browser, "#flash", "added law L_KR_YELLOW_ENVELOPE")
    assert "L_KR_YELLOW_ENVELOPE" in load([folder])


def test_rename_with_references_and_undo(browser: Any, desk: tuple[str, Path]) -> None:
    server, folder = desk
    browser.get(f"{server}/concept/T_KR_MIN_EMPLOYMENT/delete")
    fill(browser, "new_id", "T_KR_MIN_LABOR")
    wait_for(browser, "#rename").click()
    wait_for(browser, "#flash", "id: T_KR_MIN_EMPLOYMENT → T_KR_MIN_LABOR")
    assert load([folder]).get("P_KIM_YOUNGHOON").roles[0].title == "T_KR_MIN_LABOR"
    wait_for(browser, "#undo button").click()
    wait_for(browser, "#flash", "id: T_KR_MIN_LABOR → T_KR_MIN_EMPLOYMENT")
    glossary = load([folder])
    assert "T_KR_MIN_LABOR" not in glossary
    assert glossary.get("P_KIM_YOUNGHOON").roles[0].title == "T_KR_MIN_EMPLOYMENT"


def test_conflict_is_per_concept_and_marks_the_other_editors_fields(browser: Any, desk: tuple[str, Path]) -> None:
    server, folder = desk
    browser.get(f"{server}/concept/{LAW}/edit")
    laws = folder / "laws.yaml"
    text = laws.read_text(encoding="utf-8")  # another editor: a different concept in the same file
    laws.write_text(
        text.replace("    ko: 노란봉투법", "    ko: {preferred: 노란봉투법, admitted: [노조법 개정안]}"), "utf-8"
    )
    field(browser, "vi.admitted").send_keys("\nLuật Xử phạt Tai nạn Lao động Nghiêm trọng")
    wait_for(browser, "#save").click()
    wait_for(browser, "#flash", "vi admitted + Luật Xử phạt Tai nạn Lao động Nghiêm trọng")
    browser.get(f"{server}/concept/{LAW}/edit")
    text = laws.read_text(encoding="utf-8")  # another editor: this concept's note
    laws.write_text(text.replace("for firms with 50 or more workers", "for firms with 5 or more workers"), "utf-8")
    fill(browser, "scope", "KR")
    field(browser, "ko.admitted").send_keys("\n중처법")
    wait_for(browser, "#save").click()
    assert "changed since you opened this page" in wait_for(browser, "#conflict").text
    marked = wait_for(browser, "label.changed")
    assert marked.text.startswith("Note") and "was “In force since 2022-01-27 for firms with 50" in marked.text
    assert "중처법" in field(browser, "ko.admitted").get_attribute("value")
    wait_for(browser, "#save").click()
    wait_for(browser, "#flash", "ko admitted + 중처법")
    concept = load([folder]).get(LAW)
    assert "5 or more workers" in concept.note and "중처법" in [t.text for t in concept.terms_in("ko")]


def log_in(browser: Any, server: str, name: str, secret: str) -> None:
    browser.get(f"{server}/login")
    fill(browser, "name", name)
    fill(browser, "secret", secret)
    wait_for(browser, 'form[action="/login"] button').click()


def test_logout_ends_the_session_for_a_copied_cookie_too(browser: Any, guarded: str) -> None:
    browser.get(f"{guarded}/review")
    assert "/login" in browser.current_url  # every page needs a login here
    log_in(browser, guarded, "minji", TOKEN)
    wait_for(browser, ".who", "minji (token)")
    cookie = browser.get_cookie("transkit_editor")
    wait_for(browser, ".who button").click()
    wait_for(browser, 'form[action="/login"]')
    browser.delete_all_cookies()
    browser.get(f"{guarded}/static/editor.css")
    browser.add_cookie({k: cookie[k] for k in ("name", "value", "path")})
    browser.get(f"{guarded}/review")
    assert "/login" in browser.current_url and wait_for(browser, 'form[action="/login"]')


def test_failed_logins_are_throttled(browser: Any, guarded: str) -> None:
    for _ in range(3):
        log_in(browser, guarded, "thao", "wrong password")
        wait_for(browser, ".banner.error", "Wrong name, password or token.")
    log_in(browser, guarded, "thao", TOKEN)  # even the right token waits now
    assert "Too many failed logins" in wait_for(browser, ".banner.error").text
    log_in(browser, guarded, "minji", TOKEN)  # another user from the same address: 4th of 12
    wait_for(browser, ".who", "minji (token)")
