"""Text for people: citations, related events, the overview buckets, the printout."""
