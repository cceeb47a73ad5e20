"""A file's bytes and text: what cannot be read, byte-order marks, UTF-8.

Every reader starts here, so a missing file, a directory or a bad byte is said the
same way whatever the format.

Only regular files are read. A named pipe would block forever, and a device such as
/dev/zero or /dev/urandom never ends: they are refused from `os.stat`, before
anything is opened, and a file swapped for one between that look and the opening is
caught by `os.fstat` on a descriptor opened without blocking. Files over
`max_file_size()` bytes (2 GiB unless TIMELINE_MAX_FILE_SIZE says otherwise) are
refused too: reading one would exhaust the memory long before it loaded.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from timeline.problems import Problem
from timeline.text import file_name

BOM = b"\xef\xbb\xbf"

#: The largest file read, in bytes, unless TIMELINE_MAX_FILE_SIZE sets another limit.
MAX_FILE_SIZE = 2 * 1024**3
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def max_file_size() -> int:
    """The size limit in bytes: TIMELINE_MAX_FILE_SIZE if it is a whole number, else 2 GiB."""
    setting = os.environ.get("TIMELINE_MAX_FILE_SIZE", "").strip()
    return int(setting) if setting.isdigit() else MAX_FILE_SIZE


def _size_text(size: int) -> str:
    if size >= 1024**3:
        return f"{size / 1024**3:.1f} GiB"
    if size >= 1024**2:
        return f"{size / 1024**2:.1f} MiB"
    return f"{size:,} bytes"


def refusal(info: os.stat_result, name: str, what: str) -> Problem | None:
    """Why a file with this status is not read (not a regular file, too large), or None."""
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        return Problem("error", f"is a directory; give the path of a {what} file", name)
    if not stat.S_ISREG(mode):
        kind = next((label for test, label in _KINDS if test(mode)), "not a regular file")
        return Problem("error", f"is {kind}, not a file; give the path of a {what} file", name)
    return _too_large(info.st_size, name)


def _too_large(size: int, name: str) -> Problem | None:
    limit = max_file_size()
    if size <= limit:
        return None
    return Problem(
        "error",
        f"is {_size_text(size)}; timeline reads files of up to {_size_text(limit)} "
        "(TIMELINE_MAX_FILE_SIZE sets another limit, in bytes)",
        name,
    )


def check_file(path: str | Path, name: str, what: str) -> Problem | None:
    """Why the file will not be read, without opening it; None when it may be read.

    Missing files and the like are left to the read, which says what is wrong.
    """
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return refusal(info, name, what)


def _read_regular(path: Path, name: str, what: str) -> bytes | Problem:
    """The bytes of a regular file, opened without blocking and checked once open."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        refused = refusal(info, name, what)
        if refused is not None:
            return refused
        # Sized by fstat, as read() with no limit would be; one byte more tells whether
        # the file is growing, and then the rest is read a piece at a time, up to the limit
        # (read(limit) would allocate the whole limit at once).
        chunks = [file.read(info.st_size + 1)]
        total, limit = len(chunks[0]), max_file_size()
        while total > info.st_size and total <= limit:
            chunk = file.read(1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    return _too_large(len(data), name) or data


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
    refused = check_file(path, name, what)
    if refused is not None:
        return None, [refused], True
    try:
        read = _read_regular(path, name, what)
        if isinstance(read, Problem):
            return None, [read], True
        data = read
    except FileNotFoundError:
        return None, [Problem("error", _no_such_file(name), name)], True
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


def _no_such_file(name: str) -> str:
    """What is said of a file that is not there: `-`, which other tools read as standard
    input, is said not to be (a timeline is a file: its lines are placed, it is watched);
    a Windows path given on another system is said to be one (`_windows_path`)."""
    if name == "-":
        return (
            "no such file; timeline does not read standard input: save the text to a file "
            "and give its path"
        )
    return "no such file" + _windows_path(name)


# A drive letter and a backslash or slash after it (`C:\Users`, `c:/data`), or a
# network share (`\\server\share`).
_WINDOWS_PATH = re.compile(r"[A-Za-z]:[\\/]|\\\\[^\\]")


def _windows_path(name: str) -> str:
    """What to add to "no such file" when the name is written as on Windows and this
    system is not Windows, where a backslash is a character of a file's name, not a
    folder's end: `C:\\Users\\me\\events.toml` (pasted from Windows' Explorer, or a
    colleague's message) named a file of that whole name in the current folder."""
    if os.sep == "\\" or ("\\" not in name and _WINDOWS_PATH.match(name) is None):
        return ""
    slashed = name.replace("\\", "/")
    if _WINDOWS_PATH.match(name) is None:  # `data\events.toml`
        if os.path.exists(slashed):
            return f"; did you mean {file_name(slashed)}? Folders are separated by / here"
        return ""
    said = (
        "; this looks like a Windows path, which names no file on this system: give the "
        "file's path here, with / between folders"
    )
    if name[1] == ":":  # WSL mounts each drive in /mnt
        said += f" (in WSL, /mnt/{name[0].lower()}/{slashed[3:]})"
    return said


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


#: What tells one version of a file from another without reading it.
Signature = tuple[int, int, int, int]


def stat_signature(st: os.stat_result) -> Signature:
    """(inode, size, mtime_ns, ctime_ns): the change time too, because a rewrite in
    place of the same size whose modification time is put back (`cp -p`, `touch -r`,
    an editor that keeps it) changes nothing else, and the system sets it on every
    write; a program cannot set it back."""
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def file_signature(path: str | Path) -> Signature | None:
    """The file's `stat_signature`, or None if it is gone: cheap change detection."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return stat_signature(st)
