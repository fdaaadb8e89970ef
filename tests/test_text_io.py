"""Reading and writing text files: decoding errors, BOM, newlines, atomic writes, stdio."""

from __future__ import annotations

import io
import os
import stat
import sys

import pytest

from transkit.errors import DecodeError, ExitCode, InputError
from transkit.text.io import read_text, write_text


def test_reads_utf8_in_three_languages(tmp_path):
    path = tmp_path / "a.txt"
    text = "Mr. Campbell met Cho.\n조태열 장관은 만났다.\nHai bên thảo luận về hợp tác.\n"
    path.write_bytes(text.encode("utf-8"))
    assert read_text(path) == text
    assert read_text(str(path)) == text


def test_strips_bom_and_keeps_crlf(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfline one\r\nline two\rline three\n")
    assert read_text(path) == "line one\r\nline two\rline three\n"


def test_invalid_utf8_names_file_and_byte_offset(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"abc\xff")
    with pytest.raises(DecodeError) as info:
        read_text(path)
    err = info.value
    assert err.offset == 3
    assert err.path == str(path)
    assert str(err).startswith(f"{path}: not valid UTF-8 at byte offset 3 (invalid start byte)")
    assert "iconv" in str(err)
    assert err.exit_code == ExitCode.INPUT


def test_invalid_utf8_offset_counts_the_bom(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\xef\xbb\xbf\xea\xb0\x80\xc3(")  # BOM, "가", then a broken 2-byte sequence
    with pytest.raises(DecodeError) as info:
        read_text(path)
    assert info.value.offset == 6


def test_cp949_korean_is_rejected_not_mangled(tmp_path):
    path = tmp_path / "ko.txt"
    path.write_bytes("abc 장관".encode("cp949"))
    with pytest.raises(DecodeError) as info:
        read_text(path)
    assert info.value.offset == 4


def test_missing_file_names_path_and_hint(tmp_path):
    path = tmp_path / "nope.md"
    with pytest.raises(InputError) as info:
        read_text(path)
    assert str(info.value) == f"{path}: no such file\n  hint: check the path, or pass - to read standard input"


def test_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)


def test_reads_stdin_bytes(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Xin chào\r\n".encode())))
    assert read_text("-") == "Xin chào\r\n"


def test_stdin_invalid_utf8_is_named(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"ok\x80")))
    with pytest.raises(DecodeError) as info:
        read_text("-")
    assert info.value.path == "<stdin>"
    assert info.value.offset == 2


def test_write_then_read_round_trip_without_temp_files(tmp_path):
    path = tmp_path / "out.md"
    text = "# Tiêu đề\r\n\r\n캠벨 부장관.\n"
    write_text(path, text)
    assert path.read_bytes() == text.encode("utf-8")
    assert read_text(path) == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_write_replaces_and_keeps_permissions(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old")
    os.chmod(path, 0o640)
    write_text(path, "new")
    assert path.read_text() == "new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_new_file_gets_umask_permissions(tmp_path):
    path = tmp_path / "fresh.txt"
    old = os.umask(0o022)
    try:
        write_text(path, "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_write_into_missing_folder_is_an_input_error(tmp_path):
    path = tmp_path / "no" / "out.txt"
    with pytest.raises(InputError) as info:
        write_text(path, "x")
    assert "does not exist" in str(info.value)
    assert "create the folder" in str(info.value)


def test_write_stdout_is_utf8_bytes(monkeypatch):
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", stream)
    write_text("-", "장관 Bộ trưởng\n")
    assert raw.getvalue() == "장관 Bộ trưởng\n".encode()
