"""The editor in a real headless Chromium: search, add a person with a role, fix a title, see a lint error, check text.

The tests run in file order against one server and one browser, on a copy of glossaries/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from transkit.glossary import load

pytestmark = pytest.mark.e2e

WAIT = 15  # seconds


def wait_for(browser: Any, css: str, text: str | None = None) -> Any:
    """The first element matching ``css`` (containing ``text``), once it is there.

    An element htmx swaps out between finding it and reading its text goes stale: that poll is retried.
    """
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def found(driver: Any) -> Any:
        for element in driver.find_elements(By.CSS_SELECTOR, css):
            if text is None or text in element.text:
                return element
        return False

    waiting = WebDriverWait(browser, WAIT, ignored_exceptions=(StaleElementReferenceException,))
    return waiting.until(found, f"no {css!r} containing {text!r}")


def field(browser: Any, name: str) -> Any:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.NAME, name)


def fill(browser: Any, name: str, value: str) -> None:
    element = field(browser, name)
    element.clear()
    element.send_keys(value)


def choose(browser: Any, name: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(field(browser, name)).select_by_value(value)


def test_search_as_you_type_in_three_languages(browser: Any, server: str, shots: Path) -> None:
    browser.get(server + "/")
    assert browser.execute_script("return document.characterSet") == "UTF-8"
    box = field(browser, "q")
    for query, concept in (
        ("캠벨", "P_KURT_CAMPBELL"),
        ("Campbell", "P_KURT_CAMPBELL"),
        ("Thứ trưởng", "T_US_DEP_SEC_STATE"),
    ):
        box.clear()
        box.send_keys(query)
        wait_for(browser, "#hit-count", f"for “{query}”")  # htmx swapped the results in
        hits = [a.text for a in browser.find_elements("css selector", "#results a.cid")]
        assert concept in hits, (query, hits)
    browser.save_screenshot(str(shots / "search.png"))
    wait_for(browser, "#results a.cid", "T_US_DEP_SEC_STATE").click()
    wait_for(browser, "h1 .cid", "T_US_DEP_SEC_STATE")


def test_concept_page_renders_hangul_and_vietnamese(browser: Any, server: str, shots: Path) -> None:
    browser.get(server + "/concept/P_KURT_CAMPBELL")
    cell = wait_for(browser, 'td[lang="ko"]', "커트 캠벨")
    assert "Thứ trưởng Ngoại giao Mỹ" in wait_for(browser, "tr.role", "Deputy Secretary of State").text
    browser.save_screenshot(str(shots / "concept.png"))
    family = browser.execute_script("return getComputedStyle(arguments[0]).fontFamily", cell)
    assert "NanumGothic" in family
    assert browser.execute_script("return document.fonts.check('16px NanumGothic', '커트 캠벨')") is True


def test_add_a_person_with_a_role(browser: Any, server: str, glossary_copy: Path, shots: Path) -> None:
    browser.get(server + "/new")
    fill(browser, "id", "P_TRAN_THI_MAI")
    choose(browser, "type", "person")
    choose(browser, "file", "people.yaml")
    fill(browser, "en.preferred", "Tran Thi Mai")
    fill(browser, "ko.preferred", "쩐티마이")
    fill(browser, "vi.preferred", "Trần Thị Mai")
    fill(browser, "sources", "https://example.org/tran-thi-mai")
    wait_for(browser, "#save").click()
    wait_for(browser, ".banner.ok", "Saved P_TRAN_THI_MAI")
    choose(browser, "title", "T_US_DEP_SEC_STATE")
    fill(browser, "country", "US")
    fill(browser, "from", "2025-01-21")
    wait_for(browser, "#add-role button").click()
    row = wait_for(browser, "tr.role", "Deputy Secretary of State")
    assert "2025-01-21" in row.text and "present" in row.text and "국무부 부장관" in row.text
    concept = load([glossary_copy]).get("P_TRAN_THI_MAI")
    assert concept.preferred("vi").text == "Trần Thị Mai"
    assert [(r.title, r.country, str(r.start)) for r in concept.roles] == [("T_US_DEP_SEC_STATE", "US", "2025-01-21")]


def test_fix_a_title(browser: Any, server: str, glossary_copy: Path) -> None:
    browser.get(server + "/concept/T_US_UNDER_SEC_STATE")
    wait_for(browser, "#edit-link").click()
    fill(browser, "ko.preferred", "국무부 정무차관")
    wait_for(browser, "#save").click()
    wait_for(browser, ".banner.ok", "ko preferred")
    assert wait_for(browser, 'td[lang="ko"]', "국무부 정무차관")
    assert load([glossary_copy]).get("T_US_UNDER_SEC_STATE").preferred("ko").text == "국무부 정무차관"
    browser.get(server + "/audit")
    assert "T_US_UNDER_SEC_STATE" in wait_for(browser, "details.audit").text


def test_forbid_a_variant_and_see_the_lint_error(browser: Any, server: str, glossary_copy: Path, shots: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server + "/concept/P_KURT_CAMPBELL")
    row = wait_for(browser, 'tr[data-status="admitted"]', "Kurt M. Campbell")
    row.find_element(By.CSS_SELECTOR, 'button[value="forbid"]').click()
    wait_for(browser, ".banner.ok", "admitted → forbidden")
    assert "Kurt M. Campbell" in wait_for(browser, 'tr[data-status="forbidden"]', "Kurt M. Campbell").text
    assert "No problems." in wait_for(browser, "aside.lint").text
    wait_for(browser, "#edit-link").click()
    box = field(browser, "en.forbidden")
    box.send_keys("\nKurt Campbell")  # the preferred form itself: the form refuses it
    wait_for(browser, "#save").click()
    assert "the preferred term 'Kurt Campbell' cannot also be forbidden" in wait_for(browser, ".banner.error").text
    people = glossary_copy / "people.yaml"  # written by hand instead: lint shows the error beside the concept
    text = people.read_text(encoding="utf-8")
    people.write_text(text.replace("Kurt M. Campbell]", "Kurt M. Campbell, Kurt Campbell]", 1), encoding="utf-8")
    browser.get(server + "/concept/P_KURT_CAMPBELL")
    problem = wait_for(browser, "aside.lint li.problem.error", "forbidden-approved")
    assert "'Kurt Campbell' is both forbidden and approved" in problem.text
    browser.save_screenshot(str(shots / "concept-lint.png"))
    forbidden = [t.text for t in load([glossary_copy]).get("P_KURT_CAMPBELL").terms_in("en", "forbidden")]
    assert forbidden == ["Deputy Foreign Minister Kurt Campbell", "Kurt M. Campbell", "Kurt Campbell"]


def test_check_pasted_text(browser: Any, server: str, shots: Path) -> None:
    browser.get(server + "/check")
    fill(browser, "text", "커트 캠벨 국무부 차관은 2024년 3월 1일 서울에서 조태열 장관과 만났다.")
    wait_for(browser, "#check-button").click()
    mark = wait_for(browser, "#check-result mark", "국무부 차관")
    assert "warning" in mark.get_attribute("class").split()
    finding = wait_for(browser, "ol.findings li").text
    assert "no approved title of 커트 캠벨's post on 2024-03-01: 국무부 부장관" in finding
    assert browser.current_url.endswith("/check")
    browser.save_screenshot(str(shots / "check.png"))
