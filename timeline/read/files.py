"""A file's bytes and text: what cannot be read, byte-order marks, UTF-8.

Every reader starts here, so a missing file, a directory or a bad byte is said the
same way whatever the format.
"""

from __future__ import annotations

import os
from pathlib import Path

from timeline.problems import Problem

BOM = b"\xef\xbb\xbf"


def read_bytes(
    path: Path, name: str, *, what: str = ".toml", warn_bom: bool = True
) -> tuple[bytes | None, list[Problem], bool]:
    """The file's bytes without a byte-order mark, or None and why not.

    Args:
        path: The file.
        name: The file's name as the user gave it, for messages.
        what: The kind of file expected, for the message about a directory.
        warn_bom: Warn about a byte-order mark (TOML tools may reject one; spreadsheet
            programs write one into every CSV, so there it is no news).
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem("error", "no such file", name)], True
    except IsADirectoryError:
        message = f"is a directory; give the path of a {what} file"
        return None, [Problem("error", message, name)], True
    except PermissionError:
        return None, [Problem("error", "permission denied: the file cannot be read", name)], True
    except OSError as exc:
        return None, [Problem("error", f"cannot be read: {exc.strerror or exc}", name)], True
    problems: list[Problem] = []
    if data.startswith(BOM):
        data = data[len(BOM) :]
        if warn_bom:
            problems.append(bom_warning(name))
    return data, problems, False


def bom_warning(name: str) -> Problem:
    return Problem(
        "warning",
        "starts with a UTF-8 byte-order mark, which was ignored; other TOML tools "
        "may reject it, so save the file as UTF-8 without BOM",
        name,
        1,
        1,
    )


_EMPTY_TOML = (
    "a timeline needs a [timeline] table with a title and [[events]] entries (see docs/format.md)"
)


def decode(
    data: bytes, name: str, *, expected: str = _EMPTY_TOML
) -> tuple[str | None, list[Problem]]:
    """The text of a file's bytes, or None with a located problem.

    Args:
        data: The bytes.
        name: The file's name, for messages.
        expected: What an empty file should have held, for its message.
    """
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start : exc.start + 1].hex().upper()
        problems.append(
            Problem(
                "error",
                f"is not valid UTF-8 (byte 0x{bad}); save the file with UTF-8 encoding",
                name,
                line,
                column,
            )
        )
        return None, problems
    if not text.strip():
        problems.append(Problem("error", f"the file is empty; {expected}", name))
        return None, problems
    return text, problems


def file_signature(path: str | Path) -> tuple[int, int, int] | None:
    """(inode, size, mtime_ns) of a file, or None if it is gone: cheap change detection."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)
