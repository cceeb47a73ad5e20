"""Asking questions of a loaded timeline: filters, search, moving by date, and the view state."""
