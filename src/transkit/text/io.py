"""Read and write UTF-8 text files safely.

``read_text`` decodes strictly: a file that is not UTF-8 raises
:class:`~transkit.errors.DecodeError` naming the byte offset, instead of being
silently mangled. A leading byte-order mark is dropped. Newlines are kept
exactly as they are (``\\r\\n`` stays ``\\r\\n``), so that a translated file
keeps the line endings of its source without any bookkeeping.

``write_text`` replaces its target atomically: a reader never sees a half
written file, and an interrupted run leaves the old file in place.

The path ``-`` means standard input or standard output.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import stat
import sys
import tempfile
import time
from pathlib import Path

from ..errors import DecodeError, InputError

__all__ = [
    "ARTICLE_MAX_BYTES",
    "STDIO",
    "check_writable",
    "read_text",
    "refuse_utf16",
    "sweep_temporaries",
    "too_large",
    "write_bytes",
    "write_text",
]

STDIO = "-"
"""The path that stands for standard input (reading) or output (writing)."""

_STDIN_NAME = "<stdin>"

ARTICLE_MAX_BYTES = 1 << 20
"""The largest article ``transkit check`` and ``translate`` read (1 MiB; long news features are under 100 KB).

Their time and memory grow with the input (about 15 s and 100 MB per MiB for ``check``), so a
larger file is refused at once with its size, instead of running for minutes.
"""


_OTHER_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "UTF-32BE"),
    (codecs.BOM_UTF16_LE, "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "UTF-16BE"),
)


def decode(data: bytes, *, path: str | Path = _STDIN_NAME) -> str:
    """Decode UTF-8 ``data`` (an optional BOM is dropped); raise :class:`DecodeError`.

    A UTF-16 or UTF-32 byte-order mark is named, with the command that converts the file.

    >>> decode(b"\\xef\\xbb\\xbfXin ch\\xc3\\xa0o")
    'Xin chào'
    >>> decode(b"abc\\xff", path="a.txt")
    Traceback (most recent call last):
    ...
    transkit.errors.DecodeError: a.txt: not valid UTF-8 at byte offset 3 (invalid start byte)
      hint: convert the file to UTF-8, e.g. `iconv -f cp949 -t utf-8 FILE`
    >>> decode("Xin chào".encode("utf-16"), path="b.txt")
    Traceback (most recent call last):
    ...
    transkit.errors.DecodeError: b.txt: not valid UTF-8 at byte offset 0 (the file is UTF-16LE: it starts with a UTF-16LE byte-order mark)
      hint: convert the file to UTF-8, e.g. `iconv -f UTF-16LE -t utf-8 FILE`
    """  # noqa: E501  (a doctest's expected exception message must be matched whole, on one line)
    refuse_utf16(data, path=path)
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(path, bom + exc.start, exc.reason) from None


def too_large(path: str | Path, size: int, limit: int, what: str = "file") -> InputError:
    """The error for an input over its size limit.

    >>> print(too_large("wire.txt", 10_500_000, ARTICLE_MAX_BYTES, "article"))
    wire.txt: article is 10.0 MiB; the limit is 1.0 MiB
      hint: split it into smaller files
    """
    return InputError(
        f"{what} is {size / (1 << 20):.1f} MiB; the limit is {limit / (1 << 20):.1f} MiB",
        path=path,
        hint="split it into smaller files",
    )


def refuse_utf16(data: bytes, *, path: str | Path) -> None:
    """Raise :class:`DecodeError` naming the encoding if ``data`` starts with a UTF-16 or UTF-32 byte-order mark.

    For formats read as bytes by another parser (PO, JSON), which would otherwise report a syntax error.
    """
    for mark, encoding in _OTHER_BOMS:
        if data.startswith(mark):
            reason = f"the file is {encoding}: it starts with a {encoding} byte-order mark"
            raise DecodeError(path, 0, reason, encoding=encoding)


def read_text(path: str | Path, *, max_bytes: int | None = None) -> str:
    """Return the text of the UTF-8 file at ``path`` (``"-"``: standard input).

    With ``max_bytes``, a larger input raises :class:`InputError` before it is read whole.
    """
    if str(path) == STDIO:
        data = sys.stdin.buffer.read(max_bytes + 1) if max_bytes is not None else sys.stdin.buffer.read()
        if max_bytes is not None and len(data) > max_bytes:
            raise too_large(_STDIN_NAME, len(data) + len(sys.stdin.buffer.read()), max_bytes, "input")
        return decode(data, path=_STDIN_NAME)
    try:
        if max_bytes is not None and (size := Path(path).stat().st_size) > max_bytes:
            raise too_large(path, size, max_bytes, "article")
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(
            "no such file",
            path=path,
            hint="check the path, or pass - to read standard input",
        ) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=path, hint="name a text file") from None
    except OSError as exc:
        raise InputError(
            f"cannot read: {exc.strerror or exc}",
            path=path,
            hint="check the file's permissions",
        ) from None
    return decode(data, path=path)


def check_writable(path: str | Path) -> None:
    """Raise :class:`InputError` now if ``path`` cannot be written later, before any slow work is done.

    >>> check_writable("no-such-folder/out.txt")
    Traceback (most recent call last):
    ...
    transkit.errors.InputError: no-such-folder/out.txt: cannot write: folder 'no-such-folder' does not exist
      hint: create the folder first
    """
    if str(path) == STDIO:
        return
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise InputError("cannot write: is a directory", path=path, hint="name a file inside it")
    if not folder.is_dir():
        raise InputError(
            f"cannot write: folder {str(folder)!r} does not exist", path=path, hint="create the folder first"
        )
    if not os.access(folder, os.W_OK):
        raise InputError(
            f"cannot write: folder {str(folder)!r} is not writable", path=path, hint="check the folder's permissions"
        )


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically (``"-"``: standard output)."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (``"-"``: standard output).

    The data goes to a temporary file in the target's folder, which is synced
    and then replaces the target in one step, so a reader never sees a
    half-written file. An existing target keeps its permissions.
    """
    if str(path) == STDIO:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    folder = target.parent
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _default_mode()
    except OSError:
        mode = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise InputError(
            f"cannot write: folder {str(folder)!r} does not exist", path=path, hint="create the folder first"
        ) from None
    except OSError as exc:
        raise InputError(
            f"cannot write: {exc.strerror or exc}", path=path, hint="check the folder's permissions"
        ) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        _remove_quietly(tmp)
        raise InputError(f"cannot write: {exc.strerror or exc}", path=path, hint="check the target path") from None
    except BaseException:
        _remove_quietly(tmp)
        raise


_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")


def sweep_temporaries(folder: str | Path, *, recursive: bool = True, older_than: float = 0.0) -> list[Path]:
    """Remove the temporary files :func:`write_bytes` left in ``folder`` when a process was killed before its
    rename (``.NAME.<8 random characters>.tmp``), owned by this user and last written over ``older_than`` seconds ago;
    returns those removed. Call it where no other writer can be at work (under a lock), or with an age.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / ".app.json.k2x_9qaz.tmp").write_bytes(b"{}")
    >>> _ = (folder / "app.json").write_bytes(b"{}")
    >>> [p.name for p in sweep_temporaries(folder)], sorted(p.name for p in folder.iterdir())
    (['.app.json.k2x_9qaz.tmp'], ['app.json'])
    """
    root = Path(folder)
    if not root.is_dir():
        return []
    now = time.time()
    removed = []
    for path in sorted(root.rglob(".*.tmp") if recursive else root.glob(".*.tmp")):
        try:
            info = path.lstat()
        except OSError:
            continue
        if (
            _TEMPORARY.fullmatch(path.name)
            and stat.S_ISREG(info.st_mode)
            and info.st_uid == os.getuid()
            and now - info.st_mtime >= older_than
        ):
            _remove_quietly(str(path))
            removed.append(path)
    return removed


def _default_mode() -> int:
    """The permissions a newly created file gets under the current umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
