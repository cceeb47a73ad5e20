"""The editing loop as a new user meets it: a save with many errors listed below the
panes at every size, `e` opening the right file at the right line (or saying why
not), names an editor or a shell would misread, and a save the watcher must see."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import EVENTS, app_for, wait_until

# ---------------------------------------------------------------------- the watcher


async def test_a_rewrite_of_the_same_size_with_its_time_kept_is_seen(tmp_path: Path) -> None:
    # Bug fixed: the watcher compared (inode, size, mtime): `cp -p` or `touch -r` over
    # the file, same size and time, was never loaded.
    path = tmp_path / "events.toml"
    shutil.copy(EVENTS, path)
    app = app_for(path)
    async with app.run_test(size=(120, 35)) as pilot:
        before = path.stat()
        text = path.read_text(encoding="utf-8")
        edited = text.replace("Marc Benioff:", "Marc Benioff;")
        assert len(edited) == len(text) and edited != text
        with path.open("r+", encoding="utf-8") as file:  # in place: the same inode
            file.write(edited)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        while path.stat().st_ctime_ns == before.st_ctime_ns:  # within one clock tick
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        after = path.stat()
        assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
            before.st_ino,
            before.st_size,
            before.st_mtime_ns,
        )
        app.files.check()
        await wait_until(
            pilot,
            lambda: app.view.events[0].title.startswith("Marc Benioff;"),
            "the rewrite loaded",
        )
