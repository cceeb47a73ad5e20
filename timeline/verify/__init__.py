"""Provenance: checking quotes against archived copies of their sources, and archiving.

Headless library code behind `timeline verify` and `timeline archive` (see
docs/verify.md); nothing here imports Textual, and the heavy libraries (rapidfuzz,
pypdf, tomlkit, urllib's HTTP stack) are imported only by the function that needs them.

- `archive_text`: the text of a saved copy (plain text, HTML or PDF), or why not.
- `places`: where a passage of that text is in the saved file (a web page's line in
  its markup, a PDF's page).
- `match`: whitespace normalisation, typographic folding, and checking one quote
  against one text (verbatim, typographic, or not found with the closest passage).
- `archives`: each archive read and indexed once for every quote that cites it.
- `report`: a result as a `check`-style line body and as JSON-able data.
- `fetch`: downloading a source (http and https only, bounded in time and size) and
  saving it under `sources/` by its content hash.
- `writeback`: writing `archive` and `accessed` into the TOML file, changing nothing else.
"""
