"""The fast TOML parser (toml-rs), held to what tomllib, the reference, reads the same way.

toml-rs parses a timeline 1.6-2 times faster than rtoml, which read large files before
it, and 12-14 times faster than tomllib (1,000 events: 7-8 ms, 12-16 ms and 95-108 ms),
and gives the same values as tomllib: `datetime.timezone` offsets, `date`, `time`.
Every part of a file goes through `read`: a small file whole, a large one a chunk at a
time, in the loader and in its helper process. So a file reads the same at any size, and the same
as with tomllib, which says where an error is when this parser refuses a text:

- TOML 1.0 only: TOML 1.1 added escapes (`\\e`, `\\xHH`), times without seconds and
  inline tables over lines, which tomllib refuses. rtoml read them in large files,
  where a small file with the same event was an error. Nor a byte-order mark left at
  the start of a text (the file's own is removed before): toml-rs skips it.
- Nested arrays and inline tables: toml-rs recurses on the thread's stack, and a few
  thousand levels crash the process (about 4,300 inline tables deep on an 8 MB
  stack). A text that may nest deeper than `DEEPEST` is refused before parsing, and
  tomllib reads it (or says where it is too deep).
- Integers of more digits than Python converts from text (4,300 unless set
  otherwise): tomllib refuses them, toml-rs gives an int that cannot be shown. A text
  that may hold one is left to tomllib, which says where it is.
"""

from __future__ import annotations

import os
import sys
import threading
from itertools import accumulate
from typing import Any

#: Nesting beyond which a text is left to tomllib: a timeline needs three or four
#: levels, and this many take toml-rs about 250 kB of stack, under any thread's.
DEEPEST = 128
_BOM = "\ufeff"
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = [0] * 256
_STEP[ord("[")] = _STEP[ord("{")] = 1
_STEP[ord("]")] = _STEP[ord("}")] = -1
#: Passes that remove `[]` and `{}`: the headers (`[[events.quotes]]`), arrays and
#: inline tables of a timeline all go within three. Each pass lowers the deepest
#: nesting left by at most one, which `_may_nest_deeper` adds back.
_PASSES = 3


#: toml-rs allocates with mimalloc, which keeps memory it has freed committed: the peak
#: of a load of 100,000 events was 196 MB with its defaults and 188 MB with these (as
#: with rtoml before), in the same time. They are read when it starts, from the
#: environment; a reader's own settings win.
_ALLOCATOR = {"MIMALLOC_ARENA_EAGER_COMMIT": "0", "MIMALLOC_PURGE_DELAY": "0"}
_STARTED = threading.Lock()
_parser: Any = None


def _toml_rs() -> Any:
    """toml_rs, imported on first use (not when the viewer starts), its allocator set as
    `_ALLOCATOR` says and the environment then left as it was.

    Imported by a thread that lives as long as the process: toml-rs's allocator
    (mimalloc) breaks once the thread that loaded it has ended. The viewer loads each
    version of a file in a thread of its own, and when the first had imported it, the
    process crashed (a segmentation fault) within 20 loads in later threads, every time.
    """
    global _parser
    with _STARTED:
        if _parser is None:
            if threading.current_thread() is threading.main_thread():
                _parser = _imported()
            else:
                _parser = _imported_in_a_thread_that_stays()
    return _parser


def _imported() -> Any:
    added = {k: v for k, v in _ALLOCATOR.items() if k not in os.environ}
    os.environ.update(added)
    try:
        import toml_rs

        toml_rs.loads("")  # its first allocation: the allocator reads its options
    finally:
        for name in added:
            del os.environ[name]
    return toml_rs


def _imported_in_a_thread_that_stays() -> Any:
    """`_imported`, in a daemon thread that then waits forever (never joined: leaving
    does not wait for it)."""
    found: list[Any] = []
    ready = threading.Event()

    def keep() -> None:
        try:
            found.append(_imported())
        except BaseException as error:  # said in the thread that asked; nothing to keep
            found.append(error)
            ready.set()
            return
        ready.set()
        threading.Event().wait()

    threading.Thread(target=keep, name="toml-rs", daemon=True).start()
    ready.wait()
    if isinstance(found[0], BaseException):
        raise found[0]
    return found[0]


def read(text: str, data: bytes | None = None) -> dict[str, Any] | None:
    """The TOML 1.0 document of `text` (whose UTF-8 is `data`, when the caller has it);
    None when this parser does not read it, for tomllib to read or say what is wrong:
    not TOML 1.0, nesting that may go deeper than `DEEPEST`, or a top level that is not a
    table."""
    if text.startswith(_BOM):
        return None  # toml-rs skips it, tomllib refuses it (the file's own is gone by now)
    if data is None:
        data = text.encode("utf-8", "surrogatepass")
    if _may_nest_deeper(data) or _may_hold_a_long_number(data):
        return None
    try:
        document = (_parser or _toml_rs()).loads(text, toml_version="1.0.0")
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # its errors, and a panic in its Rust code (a BaseException)
        return None
    return document if isinstance(document, dict) else None


def read_bytes(data: bytes) -> dict[str, Any] | None:
    """`read` of UTF-8 bytes (a chunk of a large file); None when they are not UTF-8
    either (the whole file's read says where)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return read(text, data)


def _may_nest_deeper(data: bytes) -> bool:
    """Whether the brackets of `data` may nest deeper than `DEEPEST`.

    Brackets in strings count too, so a text can be refused that nests no deeper than
    it should; tomllib reads it then, as it would have (only slower).
    """
    brackets = data.translate(None, _NOT_BRACKETS)
    for _ in range(_PASSES):
        brackets = brackets.replace(b"[]", b"").replace(b"{}", b"")
    if len(brackets) + _PASSES <= DEEPEST:
        return False  # cannot nest deeper than it has brackets
    return max(accumulate(_STEP[b] for b in brackets)) + _PASSES > DEEPEST


_DIGITS = b"0123456789_"
_DIGIT_BYTES = frozenset(_DIGITS)


def _may_hold_a_long_number(data: bytes) -> bool:
    """Whether `data` holds a run of digits (and `_`) longer than Python reads as an int.

    Such a run covers one of every `longest + 1` positions, so only those are looked
    at: a few thousand in 56 MB, a millisecond.
    """
    longest = sys.get_int_max_str_digits()
    if not longest:
        return False  # no limit set: tomllib reads them too
    step = longest + 1
    for at in range(0, len(data), step):
        if data[at] in _DIGIT_BYTES:
            before = data[max(0, at - longest) : at]
            after = data[at : at + step]
            run = (
                len(before) - len(before.rstrip(_DIGITS)) + len(after) - len(after.lstrip(_DIGITS))
            )
            if run > longest:
                return True
    return False
