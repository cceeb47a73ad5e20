"""The command line's exit codes: 0 fine, 1 problems in the data, 2 a file cannot be
read or the command line is wrong (130 for Ctrl-C, as shells expect).

A command settles the code its data has earned before it writes what it found, so
that a reader who stops reading early (`timeline check bad.toml | head`) does not
turn errors into success: the closed pipe ends the command with the settled code.
"""

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2

_settled = [EXIT_OK]


def settle(code: int) -> int:
    """Record `code` as what the command has earned so far (it decides which of its
    codes wins: for verify a quote not found outweighs an archive not read), and
    return it."""
    _settled[0] = code
    return code


def settled() -> int:
    """The code settled last since `forget`: what a closed pipe ends the command with."""
    return _settled[0]


def forget() -> None:
    """Start a command afresh (`main` may run several in one process: tests do)."""
    _settled[0] = EXIT_OK
