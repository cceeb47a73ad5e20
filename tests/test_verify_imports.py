"""timeline.verify is headless, and pays for its heavy libraries only when it uses them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("textual", "rapidfuzz", "pypdf", "tomlkit", "urllib.request", "http.client")


def imported_after(code: str) -> list[str]:
    """The heavy modules loaded once `code` has run in a fresh interpreter."""
    probe = (
        f"{code}\n"
        "import json, sys\n"
        f"heavy = {HEAVY!r}\n"
        "found = {h for h in heavy for m in sys.modules if m == h or m.startswith(h + '.')}\n"
        "print(json.dumps(sorted(found)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout)
    return loaded


def test_importing_every_verify_module_loads_nothing_heavy() -> None:
    modules = ("archive_text", "archives", "fetch", "match", "report", "writeback")
    code = "\n".join(f"import timeline.verify.{m}" for m in modules)
    assert imported_after(code) == []


def test_a_verbatim_quote_needs_no_fuzzy_matching() -> None:
    code = (
        "from timeline.verify.match import SourceText, check\n"
        "assert check('b c', SourceText('a b c d')).outcome.value == 'verbatim'\n"
    )
    assert imported_after(code) == []


def test_a_quote_not_found_loads_rapidfuzz_only() -> None:
    code = (
        "from timeline.verify.match import SourceText, check\n"
        "assert check('b x', SourceText('a b c d')).outcome.value == 'not_found'\n"
    )
    assert imported_after(code) == ["rapidfuzz"]
