"""Writing output files safely: atomically, and never over a file without --force.

The new file gets the permissions any new file of the user's gets (0666 less the
umask, as `>` in a shell gives), and a file replaced with --force keeps its own, so
an export never turns a shared 0644 file private, nor a private one readable.

The text goes to a temporary `.OUT.xxxx.tmp` file beside OUT, which is removed
whatever ends the write: an error, Ctrl-C (KeyboardInterrupt), or SIGTERM and SIGHUP
(a handler removes it, then lets the signal end the process as it would have).
Only SIGKILL, which no program can handle, can leave one behind.
"""

from __future__ import annotations

import os
import secrets
import signal
import stat
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

#: Set in tests only: the writer says the temporary file's name on standard error and
#: waits for a line on standard input before finishing, so a test can kill it mid-write.
HOLD_ENV = "TIMELINE_TEST_HOLD_WRITE"
_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class OutputExists(Exception):
    """The output file exists and overwriting it was not asked for."""


class NotAFile(Exception):
    """The output path is a symlink or a device: it is not replaced."""


class IsAFolder(NotAFile):
    """The output path is a folder: the file must be named inside it."""


def atomic_write(
    path: str | Path, text: str | bytes | Iterable[str], *, force: bool = False
) -> None:
    """Write text (as UTF-8), bytes, or text given a piece at a time, to path so that
    readers see the old file or the whole new one.

    The text goes to a temporary file in the same directory, is flushed to disk, and
    is then linked (no --force: fails if the path exists, even if it appeared
    meanwhile) or renamed (with --force) into place. A failure leaves no partial file.

    Raises:
        IsAFolder: The path is a folder.
        NotAFile: The path exists but is not a regular file (a symlink, a device).
        OutputExists: The file exists and `force` is false.
        OSError: The directory cannot be written.
    """
    target = Path(path)
    if target.is_dir() and not target.is_symlink():
        raise IsAFolder(str(target))
    if target.is_symlink() or (target.exists() and not target.is_file()):
        # --force replaces by renaming: a symlink, a device or a FIFO would be swapped
        # for a regular file (as root, /dev/full was). Writing through them is not atomic.
        raise NotAFile(str(target))
    if not force and target.exists():
        raise OutputExists(str(target))
    # With --force the file replaced keeps its mode; a new one follows the umask.
    mode = stat.S_IMODE(os.stat(target).st_mode) if force and target.exists() else None
    with _temporary(target) as (fd, tmp):
        if mode is not None:
            os.fchmod(fd, mode)
        if isinstance(text, bytes | str):
            _write_all(fd, text if isinstance(text, bytes) else text.encode("utf-8"))
        else:
            # Written as the pieces come: a large export never holds its whole text.
            with os.fdopen(os.dup(fd), "w", encoding="utf-8", newline="") as out:
                held = not os.environ.get(HOLD_ENV)
                for piece in text:
                    out.write(piece)
                    if not held and piece:
                        out.flush()
                        _hold()
                        held = True
        os.fsync(fd)
        if force:
            os.replace(tmp, target)
        else:
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise OutputExists(str(target)) from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    if os.environ.get(HOLD_ENV):
        half = len(view) // 2
        while view.nbytes > half:
            view = view[os.write(fd, view[: view.nbytes - half]) :]
        _hold()
    while view:
        view = view[os.write(fd, view) :]


def _hold() -> None:
    """The test hook: say so, then wait for the test's go-ahead (or its signal)."""
    print(f"{HOLD_ENV}: writing", file=sys.stderr, flush=True)
    sys.stdin.readline()


@contextmanager
def _temporary(target: Path) -> Iterator[tuple[int, str]]:
    """A new temporary file beside `target`, removed unless it was renamed into place.

    Created with mode 0666, which the kernel narrows by the umask as for any new
    file (`tempfile.mkstemp` would make it 0600 whatever the umask).
    """
    folder = target.parent
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    with _removed_on_signal() as created:
        for _ in range(100):
            tmp = str(folder / f".{target.name}.{secrets.token_hex(4)}.tmp")
            created.append(tmp)  # before it exists, so no signal finds it unlisted
            try:
                fd = os.open(tmp, flags, 0o666)
            except FileExistsError:
                created.pop()  # someone else's
                continue
            break
        else:  # pragma: no cover - a hundred names taken
            raise FileExistsError(f"no free temporary name beside {target}")
        try:
            yield fd, tmp
        finally:
            os.close(fd)
            with suppress(FileNotFoundError):
                os.unlink(tmp)  # renamed away already when all went well


@contextmanager
def _removed_on_signal() -> Iterator[list[str]]:
    """While the block runs, SIGTERM and SIGHUP remove the files listed, then end the
    process by the signal's usual action (only the main thread may set handlers)."""
    created: list[str] = []
    if threading.current_thread() is not threading.main_thread():
        yield created
        return

    def on_signal(signum: int, frame: object) -> None:
        for name in created:
            with suppress(OSError):
                os.unlink(name)
        signal.signal(signum, previous.get(signum) or signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    previous: dict[int, signal._HANDLER] = {}
    for signum in _SIGNALS:
        handler = signal.getsignal(signum)
        if handler is signal.SIG_IGN:
            continue  # as under nohup: the signal was not going to end the process
        previous[signum] = handler
        signal.signal(signum, on_signal)
    try:
        yield created
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
