"""End-to-end fixtures: the editor served by uvicorn on 127.0.0.1 and a headless Debian Chromium driving it.

The tests skip, saying why, when Chromium, its driver or the Python packages are
missing (``.ci/run`` installs them). Screenshots go to a
temporary folder, or to ``$TRANSKIT_SCREENSHOTS`` when set.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("TRANSKIT_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("TRANSKIT_CHROMEDRIVER", "/usr/bin/chromedriver")
GLOSSARIES = Path(__file__).resolve().parents[2] / "glossaries"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
    "--lang=en-US",
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: end-to-end test in headless Chromium (needs chromium, chromium-driver)")


def _missing() -> str | None:
    """Why the end-to-end tests cannot run here, or None."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            return f"{path} not found: apt-get install chromium chromium-driver fonts-nanum (as .ci/run does)"
    for module in ("selenium", "uvicorn", "starlette", "python_multipart"):
        try:
            __import__(module)
        except ImportError:
            return f"Python package {module} missing: pip install 'transkit[editor]' selenium"
    return None


@pytest.fixture(scope="session")
def glossary_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's glossaries/ that the browser edits."""
    reason = _missing()
    if reason:
        pytest.skip(reason)
    target = tmp_path_factory.mktemp("e2e") / "glossaries"
    shutil.copytree(GLOSSARIES, target, ignore=shutil.ignore_patterns("*.md"))
    return target


@contextmanager
def serving(app: Any) -> Iterator[int]:
    """Serve an ASGI ``app`` with uvicorn in a thread on a free port of 127.0.0.1; yields the port."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the editor did not start within 20 s")
        time.sleep(0.05)
    try:
        yield sock.getsockname()[1]
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def serve() -> Any:
    """:func:`serving`, for test modules that start an editor of their own."""
    return serving


@pytest.fixture(scope="session")
def server(glossary_copy: Path) -> Iterator[str]:
    """The editor over the copy of glossaries/, on 127.0.0.1; yields its base URL."""
    from transkit.editor import EditorConfig, create_app

    with serving(create_app(EditorConfig(glossary=glossary_copy))) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def browser(server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless Chromium (Debian's) under chromedriver, with a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots are saved."""
    folder = Path(os.environ.get("TRANSKIT_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
