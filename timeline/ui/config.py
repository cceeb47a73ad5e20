"""The reader's settings: `$XDG_CONFIG_HOME/timeline/config.toml` (else ~/.config/…).

```toml
theme = "textual-light"   # any theme of the command palette's "Change theme"
split = 55                # the timeline's share of the width, in percent (20-80)

[keys]                    # binding id = keys, as the help lists them
edit = "E"
next-quote = "full_stop,right"
```

A file with mistakes never stops the viewer: each mistake is a located problem (the
viewer shows them, with what would be valid) and the setting keeps its default.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from timeline.problems import Problem, describe, suggest_aside

#: The timeline's share of the width when the panes are side by side, in percent.
SPLIT_RANGE = (20, 80)
_TOP_KEYS = ("theme", "split", "keys")
# A key as Textual names it: "j", "ctrl+s", "full_stop", "F5"; several separated by commas.
_KEYS = re.compile(r"[A-Za-z0-9_+\-]+(,[A-Za-z0-9_+\-]+)*")


class Config(NamedTuple):
    """The settings read, and what was wrong with the file.

    Attributes:
        theme: A theme name, or "" for the default.
        split: The timeline's share of the width in percent, or 0 for the default.
        keys: Binding id -> keys, for Textual's keymap.
        problems: Mistakes in the file, each located.
        path: The file read (it may not exist).
    """

    theme: str = ""
    split: int = 0
    keys: dict[str, str] = {}
    problems: tuple[Problem, ...] = ()
    path: str = ""


def config_path(env: Mapping[str, str] = os.environ) -> Path:
    """Where the config file is looked for."""
    base = env.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "timeline" / "config.toml"


def _line_of(text: str, key: str, table: str = "") -> int:
    """The 1-based line where `key = ...` is written (in `[table]` when given), or 0."""
    section = ""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.fullmatch(r"\[\s*([^\]]+?)\s*\]\s*(#.*)?", stripped)
        if header:
            section = header.group(1)
            continue
        if section == table and re.match(rf"[\"']?{re.escape(key)}[\"']?\s*=", stripped):
            return number
    return 0


def load_config(
    themes: Iterable[str],
    binding_ids: Iterable[str] | Mapping[str, str],
    path: Path | None = None,
) -> Config:
    """Read the config file; a missing file is no mistake, a wrong one never raises.

    Args:
        themes: The names of the themes the viewer has.
        binding_ids: The ids of the bindings that may be remapped; with their default
            keys, a key given to one binding that another still has is said too.
        path: The file (default: `config_path()`).
    """
    path = path or config_path()
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path=name)
    except (OSError, UnicodeDecodeError) as exc:
        return Config(problems=(Problem("error", f"cannot be read: {exc}", name),), path=name)
    # Imported only when there is a file to read: importing it (and compiling its
    # patterns) was 5 ms of every start of the viewer, for most readers who have none.
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib says where at the end of its message: "(at line 1, column 11)".
        said = str(exc)
        place = re.search(r"\s*\(at line (\d+), column (\d+)\)$", said)
        line, column = (int(place.group(1)), int(place.group(2))) if place else (0, 0)
        what = said[: place.start()] if place else said
        message = f"not valid TOML: {what}; the defaults are used"
        return Config(problems=(Problem("error", message, name, line, column),), path=name)
    problems: list[Problem] = []

    def say(message: str, key: str, table: str = "") -> None:
        problems.append(Problem("error", message, name, _line_of(text, key, table), 1))

    for key in data:
        if key not in _TOP_KEYS:
            say(
                f"unknown setting {key!r}{suggest_aside(key, _TOP_KEYS)}; settings: {', '.join(_TOP_KEYS)}",
                key,
            )
    theme = data.get("theme", "")
    known_themes = sorted(themes)
    if not isinstance(theme, str):
        say(f"'theme' must be a string, found {describe(theme)}", "theme")
        theme = ""
    elif theme and theme not in known_themes:
        say(
            f"'theme' {theme!r} is not a theme{suggest_aside(theme, known_themes)}; "
            f"themes: {', '.join(known_themes)}",
            "theme",
        )
        theme = ""
    split = data.get("split", 0)
    low, high = SPLIT_RANGE
    if type(split) is not int or not (split == 0 or low <= split <= high):
        say(
            f"'split' must be a whole percentage from {low} to {high}, found {describe(split)}",
            "split",
        )
        split = 0
    keys: dict[str, str] = {}
    table = data.get("keys", {})
    ids = sorted(binding_ids)
    if not isinstance(table, dict):
        say(f"'keys' must be a table ([keys]), found {describe(table)}", "keys")
        table = {}
    for ident, value in table.items():
        if ident not in ids:
            say(
                f"no key binding is called {ident!r}{suggest_aside(ident, ids)}; "
                f"ids: {', '.join(ids)}",
                ident,
                "keys",
            )
        elif not isinstance(value, str) or not _KEYS.fullmatch(value.replace(" ", "")):
            say(
                f"keys for {ident!r} must be a string of key names separated by commas, "
                f'such as "j,down" or "ctrl+e", found {describe(value)}',
                ident,
                "keys",
            )
        else:
            keys[ident] = value.replace(" ", "")
    # A key given two things to do did one of them silently, and the other had no key.
    defaults = binding_ids if isinstance(binding_ids, Mapping) else {}
    holder: dict[str, str] = {}
    for ident, given in {**defaults, **keys}.items():
        for key in given.split(","):
            other = holder.setdefault(key, ident)
            if other != ident and (ident in keys or other in keys):
                said = ident if ident in keys else other
                say(
                    f"key {key!r} is given to both {other!r} and {ident!r}; a key does one "
                    "thing: give one of them another",
                    said,
                    "keys",
                )
    return Config(theme, split, keys, tuple(problems), name)
