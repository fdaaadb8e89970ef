"""Load test of the glossary editor: N editors saving concurrently for a while; nothing may be lost or corrupted.

Serves a private copy of glossaries/ with uvicorn on 127.0.0.1 (a free port, loopback only) and runs ``--editors``
threads, each an editor with its own HTTP session, for ``--seconds``. Editors are paired on concepts that share a
file: each editor owns one concept, opens its edit form (GET), sets the concept's note to a new value and saves
(POST), again and again. Every save must succeed (another editor's concept in the same file is no conflict).
Afterwards it counts:

* lost writes: editors whose concept does not hold their last saved note, plus saves that answered "saved" but
  are missing from the audit log;
* corrupted files: glossary files that no longer parse, plus a glossary that does not load;
* refused saves: saves that were not answered with a redirect to the concept (conflicts, errors).

Prints one table (saves, saves/s, p50/p95/max save latency, the three counts)::

    PYTHONPATH=src python3 benchmarks/editor_load.py [--editors 20] [--seconds 60]
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import httpx
import uvicorn

from transkit.editor import EditorConfig, create_app
from transkit.editor.audit import AuditLog
from transkit.errors import GlossaryError
from transkit.glossary import load
from transkit.glossary.store import read_file

GLOSSARIES = Path(__file__).resolve().parents[1] / "glossaries"


class FormFields(HTMLParser):
    """The fields of the first form with id ``concept-form``, as a browser submits them unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._inside = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("id") == "concept-form":
            self._inside = True
        if not self._inside or ("name" not in a and tag != "option"):
            return
        if tag == "input" and (a.get("type") != "checkbox" or "checked" in a):
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


@dataclass
class Editor:
    """One simulated editor: the concept it owns and what it saw."""

    concept: str
    latencies: list[float] = field(default_factory=list)
    saved: list[str] = field(default_factory=list)  # notes the server said it saved
    refused: int = 0


def serve(folder: Path) -> tuple[uvicorn.Server, threading.Thread, str]:
    """The editor over ``folder`` on a free loopback port, in a thread."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(EditorConfig(glossary=folder)), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the editor did not start within 30 s")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{sock.getsockname()[1]}"


def work(base: str, editor: Editor, index: int, until: float) -> None:
    """Open the edit form and save a new note until ``until`` (monotonic seconds)."""
    with httpx.Client(base_url=base, timeout=60) as client:
        round_no = 0
        while time.monotonic() < until:
            round_no += 1
            parser = FormFields()
            parser.feed(client.get(f"/concept/{editor.concept}/edit").text)
            note = f"load test: editor {index} save {round_no}"
            start = time.perf_counter()
            response = client.post(
                f"/concept/{editor.concept}/edit", data={**parser.fields, "note": note}, follow_redirects=False
            )
            editor.latencies.append(time.perf_counter() - start)
            if response.status_code == 303 and response.headers["location"] == f"/concept/{editor.concept}":
                editor.saved.append(note)
            else:
                editor.refused += 1


def run(editors: int, seconds: float) -> dict[str, float]:
    """Run the load test on a temporary copy of glossaries/; returns the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "glossaries"
        shutil.copytree(GLOSSARIES, folder, ignore=shutil.ignore_patterns("*.md"))
        concepts = [c.id for c in load([folder])]
        if editors > len(concepts):
            raise SystemExit(f"at most {len(concepts)} editors: one concept each")
        step = len(concepts) // editors  # spread the editors over every file
        crew = [Editor(concepts[i * step]) for i in range(editors)]
        server, thread, base = serve(folder)
        until = time.monotonic() + seconds
        threads = [threading.Thread(target=work, args=(base, e, i, until)) for i, e in enumerate(crew)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        server.should_exit = True
        thread.join(timeout=30)
        return _tally(folder, crew, elapsed)


def _tally(folder: Path, crew: list[Editor], elapsed: float) -> dict[str, float]:
    corrupted = 0
    for path in sorted(folder.glob("*.yaml")):
        try:
            read_file(path)
        except GlossaryError:
            corrupted += 1
    try:
        glossary = load([folder])
    except GlossaryError:
        return {"corrupted": corrupted + 1, "lost": float("nan")}
    logged = {(e.concept, e.summary) for e in AuditLog.beside(folder).entries(10**9)}
    lost = 0
    for editor in crew:
        if editor.saved and glossary.get(editor.concept).note != editor.saved[-1]:
            lost += 1
        lost += sum(1 for note in editor.saved if not any(c == editor.concept and note in s for c, s in logged))
    latencies = sorted(x for e in crew for x in e.latencies)
    saves = sum(len(e.saved) for e in crew)
    return {
        "saves": saves,
        "saves/s": saves / elapsed,
        "p50 ms": 1000 * statistics.median(latencies) if latencies else float("nan"),
        "p95 ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan"),
        "max ms": 1000 * latencies[-1] if latencies else float("nan"),
        "refused": sum(e.refused for e in crew),
        "lost": lost,
        "corrupted": corrupted,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--editors", type=int, default=20, help="concurrent editors (default 20)")
    parser.add_argument("--seconds", type=float, default=60, help="how long they keep saving (default 60)")
    args = parser.parse_args()
    figures = run(args.editors, args.seconds)
    print(f"{args.editors} editors saving for {args.seconds:g} s on 127.0.0.1")
    print(" | ".join(f"{k:>9}" for k in figures))
    print(" | ".join(f"{v:>9.1f}" if isinstance(v, float) else f"{v:>9}" for v in figures.values()))


if __name__ == "__main__":
    main()
