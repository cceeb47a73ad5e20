"""timeline: hand-written, dated, sourced events, viewed in the terminal."""

__version__ = "0.1.0"
