"""The command line's exit codes: 0 fine, 1 problems in the data, 2 a file cannot be
read or the command line is wrong (130 for Ctrl-C, as shells expect)."""

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
