"""Files in and out: what is refused before reading, how outputs are written and cleaned up.

Run as users run it (`python -m timeline ...` in a subprocess) wherever a signal, the
umask or a blocking open is what is tested.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import default_signals, run_timeline

from timeline.read import load_any
from timeline.write.atomic import HOLD_ENV, atomic_write

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events.toml"


def timeline(
    *args: str, cwd: Path, env: dict[str, str] | None = None, umask: int = -1
) -> subprocess.CompletedProcess[str]:
    return run_timeline(*args, cwd=cwd, env=env, umask=umask)


# ---------------------------------------------------------------- reading what is not a file


def _fifo(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


def _socket(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
    return path


@pytest.mark.parametrize("suffix", [".toml", ".json", ".csv"])
@pytest.mark.parametrize("command", ["check", "print", "export", "import"])
def test_a_fifo_is_refused_at_once(tmp_path: Path, suffix: str, command: str) -> None:
    fifo = _fifo(tmp_path, f"pipe{suffix}")
    extra = {"export": ["--to", "json"], "import": ["-o", "out.toml"]}.get(command, [])
    result = timeline(command, fifo.name, *extra, cwd=tmp_path)
    assert result.returncode == 2
    out = result.stdout if command == "check" else result.stderr
    assert f"pipe{suffix}: error: is a named pipe (FIFO), not a file" in out
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused(tmp_path: Path, device: str) -> None:
    result = timeline("check", device, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == (
        f"{device}: error: is a character device, not a file; give the path of a .toml file\n"
    )


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    os.symlink("/dev/zero", tmp_path / "zero.json")
    result = load_any(tmp_path / "zero.json")
    assert result.unreadable and result.timeline is None
    assert "is a character device, not a file" in result.problems[0].message


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = _socket(tmp_path, "s.toml")
    result = load_any(path)
    assert result.unreadable
    assert [str(p) for p in result.problems] == [
        f"{path}: error: is a socket, not a file; give the path of a .toml file"
    ]


@pytest.mark.parametrize("name", ["big.toml", "big.json", "big.csv"])
def test_files_over_the_size_limit_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    path = tmp_path / name
    path.write_bytes(b"x" * 2000)
    monkeypatch.setenv("TIMELINE_MAX_FILE_SIZE", "1000")
    result = load_any(path)
    assert result.unreadable and result.timeline is None
    assert result.problems[0].message == (
        "is 2,000 bytes; timeline reads files of up to 1,000 bytes "
        "(TIMELINE_MAX_FILE_SIZE sets another limit, in bytes)"
    )
    monkeypatch.setenv("TIMELINE_MAX_FILE_SIZE", "2000")
    assert not load_any(path).unreadable  # at the limit: read (and found wanting)


def test_the_large_file_loader_is_refused_a_file_over_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.read.toml import Tuning, load_file

    monkeypatch.setenv("TIMELINE_MAX_FILE_SIZE", "100")
    result = load_file(EVENTS, tuning=Tuning(large_file=0))  # every file takes the large path
    assert result.unreadable
    assert "timeline reads files of up to 100 bytes" in result.problems[0].message


def test_a_file_growing_while_read_is_read_whole_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.read import files

    path = tmp_path / "grows.toml"
    path.write_bytes(b"# x\n" * 1000)  # 4,000 bytes, said by stat to be 100
    real_stat, real_fstat = os.stat, os.fstat

    def small(info: os.stat_result) -> os.stat_result:
        fields = list(info)
        fields[stat.ST_SIZE] = 100
        return os.stat_result(fields)

    monkeypatch.setattr(os, "stat", lambda p, *a, **k: small(real_stat(p, *a, **k)))
    monkeypatch.setattr(os, "fstat", lambda fd: small(real_fstat(fd)))
    data, problems, unreadable = files.read_bytes(path, "grows.toml")
    assert (data, problems, unreadable) == (path.read_bytes(), [], False)
    monkeypatch.setenv("TIMELINE_MAX_FILE_SIZE", "1000")
    data, problems, unreadable = files.read_bytes(path, "grows.toml")
    assert data is None and unreadable
    assert "timeline reads files of up to 1,000 bytes" in problems[0].message


# ---------------------------------------------------------------- writing


def test_new_outputs_follow_the_umask(tmp_path: Path) -> None:
    for mask, mode in ((0o022, 0o644), (0o077, 0o600), (0o002, 0o664)):
        out = tmp_path / f"out-{mask:o}.json"
        result = timeline(
            "export", str(EVENTS), "--to", "json", "-o", out.name, cwd=tmp_path, umask=mask
        )
        assert result.returncode == 0, result.stderr
        assert stat.S_IMODE(out.stat().st_mode) == mode
    imported = timeline("import", str(EVENTS), "-o", "imported.toml", cwd=tmp_path, umask=0o022)
    assert imported.returncode == 0
    assert stat.S_IMODE((tmp_path / "imported.toml").stat().st_mode) == 0o644


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664])
def test_force_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path, mode: int) -> None:
    out = tmp_path / "out.csv"
    out.write_text("old\n", encoding="utf-8")
    out.chmod(mode)
    result = timeline(
        "export", str(EVENTS), "--to", "csv", "-o", out.name, "--force", cwd=tmp_path, umask=0o077
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert out.read_text(encoding="utf-8").startswith("Year,")


def test_atomic_write_follows_the_umask_in_process(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic_write(tmp_path / "a.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o640


def _held_export(tmp_path: Path) -> subprocess.Popen[str]:
    """An export of events.toml that stops halfway through writing OUT until told to go on."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env[HOLD_ENV] = "1"
    proc = subprocess.Popen(
        [sys.executable, "-m", "timeline", "export", str(EVENTS), "--to", "json", "-o", "out.json"],
        preexec_fn=default_signals,
        cwd=tmp_path,
        env=env,
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    # Waits until the writer says it is mid-write: no sleeping, no guessing.
    assert proc.stderr.readline() == f"{HOLD_ENV}: writing\n"
    (tmp,) = tmp_path.glob(".out.json.*.tmp")
    assert 0 < tmp.stat().st_size < EVENTS.stat().st_size * 2
    return proc


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGTERM, -signal.SIGTERM), (signal.SIGHUP, -signal.SIGHUP), (signal.SIGINT, 130)],
)
def test_a_killed_export_leaves_no_temporary_file(
    tmp_path: Path, signum: signal.Signals, code: int
) -> None:
    with _held_export(tmp_path) as proc:
        proc.send_signal(signum)
        assert proc.wait(timeout=60) == code
        assert proc.stderr is not None
        assert "Traceback" not in proc.stderr.read()
    assert list(tmp_path.iterdir()) == []


def test_a_held_export_finishes_when_told(tmp_path: Path) -> None:
    with _held_export(tmp_path) as proc:
        assert proc.stdin is not None
        proc.stdin.write("\n")
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
    expected = timeline("export", str(EVENTS), "--to", "json", cwd=tmp_path).stdout
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == expected
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


@pytest.mark.parametrize("command", ["export", "import"])
def test_dash_means_standard_output(tmp_path: Path, command: str) -> None:
    args = ["--to", "markdown", "-o", "-"] if command == "export" else ["-o", "-"]
    result = timeline(command, str(EVENTS), *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "RAICES" in result.stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_folder_as_output_says_it_is_a_folder(tmp_path: Path, force: list[str]) -> None:
    (tmp_path / "site").mkdir()
    result = timeline("export", str(EVENTS), "--to", "csv", "-o", "site", *force, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "site: error: is a folder; give the name of the file to write, such as "
        "site/timeline.csv, or -o - for standard output\n"
    )
    assert list((tmp_path / "site").iterdir()) == []


# ---------------------------------------------------------------- Ctrl-C


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    return subprocess.run(
        [sys.executable, "-c", code],
        preexec_fn=default_signals,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )


def test_ctrl_c_before_the_command_runs_exits_130_quietly(tmp_path: Path) -> None:
    result = _python(
        "import sys\n"
        "import timeline.cli as cli\n"
        "import timeline.cli.parser as parser\n"
        "def interrupted(*args, **kwargs):\n"
        "    raise KeyboardInterrupt\n"
        "parser.build_parser = interrupted\n"
        f"sys.argv = ['timeline', 'check', {str(EVENTS)!r}]\n"
        "raise SystemExit(cli.main())\n",
        tmp_path,
    )
    assert (result.returncode, result.stderr) == (130, "")


def test_ctrl_c_after_the_command_ends_the_process_quietly(tmp_path: Path) -> None:
    # Python's shutdown (flushing, joining helpers) runs after main returns: a Ctrl-C
    # there printed a KeyboardInterrupt traceback.
    result = _python(
        "import os, signal, sys\n"
        "from timeline.cli import main\n"
        f"sys.argv = ['timeline', 'check', {str(EVENTS)!r}]\n"
        "code = main()\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "print('still running')\n",
        tmp_path,
    )
    assert result.returncode == -signal.SIGINT
    assert result.stdout == "events.toml: ok, 10 events\n".replace("events.toml", str(EVENTS))
    assert result.stderr == ""
