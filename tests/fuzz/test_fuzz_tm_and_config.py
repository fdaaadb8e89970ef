"""Fuzz the TMX importer of the translation memory, the job file reader and ``transkit.toml``."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from fuzzing import clear_error_or_success, fuzz_tests, inputs
from hypothesis import strategies as st

from transkit.config import load_settings
from transkit.jobs.job import load_job
from transkit.jobs.tm import TranslationMemory

TMX_SEEDS = [
    """\
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="newsroom" srclang="en" datatype="plaintext" segtype="sentence"
 adminlang="en" o-tmf="x"/><body>
<tu><tuv xml:lang="en"><seg>The talks resume on Monday.</seg></tuv>
<tuv xml:lang="ko"><seg>회담은 월요일에 재개된다.</seg></tuv>
<tuv xml:lang="vi"><seg>Các cuộc đàm phán sẽ nối lại vào thứ Hai.</seg></tuv></tu>
</body></tmx>
""".encode()
]
JOB_SEEDS = [
    (
        b'sources = ["src"]\nfrom = "en"\nto = ["ko", "vi"]\nout = "out"\n'
        b'glossary = ["glossaries"]\nfail_on = "error"\n'
        b'[models]\nen-ko = "Helsinki-NLP/opus-mt-tc-big-en-ko"\n[engine]\nbeam = 4\nkind = "ct2"\n'
        b'[formats]\n"*.txt" = "markdown"\n'
    ),
]
CONFIG_SEEDS = [
    (
        b'[models]\nko-en = "Helsinki-NLP/opus-mt-ko-en"\n[engine]\nkind = "transformers"\nbeam = 2\n'
        b'device = "cpu"\nmax_length = 256\n'
    )
]

_VALUES = st.recursive(
    st.one_of(
        st.booleans(),
        st.integers(-(2**63), 2**63 - 1),
        st.text(max_size=15),
        st.sampled_from(["en", "ko", "vi", "ct2", "cpu", "src", "en-ko", "xx"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["beam", "kind", "en-ko", "to", "x"]), inner, max_size=3),
    ),
    max_leaves=10,
)
_KEYS = st.sampled_from(
    [
        "sources",
        "from",
        "to",
        "out",
        "glossary",
        "engine",
        "models",
        "formats",
        "tm",
        "chunk",
        "fail_on",
        "format",
        "model",
        "retranslate",
        "root",
        "beam",
        "kind",
        "device",
        "x",
    ]
)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


# Valid TOML of any shape: every key gets values of every type.
TOML = st.dictionaries(_KEYS, _VALUES, max_size=6).map(
    lambda doc: "".join(f"{json.dumps(k)} = {_toml_value(v)}\n" for k, v in doc.items()).encode()
)


def _file(data: bytes, name: str) -> Path:
    path = Path(tempfile.mkdtemp()) / name
    path.write_bytes(data)
    return path


def _tmx_body(data: bytes) -> None:
    path = _file(data, "memory.tmx")

    def import_tmx() -> None:
        with TranslationMemory(":memory:") as tm:
            tm.import_tmx(path)

    clear_error_or_success(import_tmx, len(data))


test_tmx_import, test_tmx_import_long = fuzz_tests("tm import: TMX", inputs(TMX_SEEDS), _tmx_body)


def _job_body(data: bytes) -> None:
    path = _file(data, "job.toml")
    clear_error_or_success(lambda: load_job(path), len(data))


test_job_file, test_job_file_long = fuzz_tests("job file", st.one_of(inputs(JOB_SEEDS), TOML), _job_body)


def _config_body(data: bytes) -> None:
    path = _file(data, "transkit.toml")
    clear_error_or_success(lambda: load_settings(str(path)), len(data))


test_config_file, test_config_file_long = fuzz_tests(
    "transkit.toml", st.one_of(inputs(CONFIG_SEEDS), TOML), _config_body
)
