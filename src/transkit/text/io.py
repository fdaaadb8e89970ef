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

__all__ = ["STDIO", "read_text", "sweep_temporaries", "write_bytes", "write_text"]

STDIO = "-"
"""The path that stands for standard input (reading) or output (writing)."""

_STDIN_NAME = "<stdin>"


def decode(data: bytes, *, path: str | Path = _STDIN_NAME) -> str:
    """Decode UTF-8 ``data`` (an optional BOM is dropped); raise :class:`DecodeError`.

    >>> decode(b"\\xef\\xbb\\xbfXin ch\\xc3\\xa0o")
    'Xin chào'
    >>> decode(b"abc\\xff", path="a.txt")
    Traceback (most recent call last):
    ...
    transkit.errors.DecodeError: a.txt: not valid UTF-8 at byte offset 3 (invalid start byte)
      hint: convert the file to UTF-8, e.g. `iconv -f cp949 -t utf-8 FILE`
    """
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DecodeError(path, bom + exc.start, exc.reason) from None


def read_text(path: str | Path) -> str:
    """Return the text of the UTF-8 file at ``path`` (``"-"``: standard input)."""
    if str(path) == STDIO:
        return decode(sys.stdin.buffer.read(), path=_STDIN_NAME)
    try:
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
    rename (``.NAME.XXXXXXXX.tmp``), owned by this user and last written over ``older_than`` seconds ago;
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
