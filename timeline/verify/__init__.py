"""Provenance: checking quotes against archived copies of their sources, and archiving.

Headless library code behind `timeline verify` and `timeline archive` (see
docs/verify.md); nothing here imports Textual, and the heavy libraries (rapidfuzz,
pypdf, tomlkit, urllib's HTTP stack) are imported only by the function that needs them.

- `archive_text`: the text of a saved copy (plain text, HTML or PDF), or why not.
- `places`: where a passage of that text is in the saved file (a web page's line in
  its markup, a PDF's page).
- `match`: checking one quote against one text (verbatim, typographic, edited, or
  not found with the closest passage); the names callers use, in one place. It is
  made of `normalising` (whitespace normalisation and typographic folding, with the
  way back to the text's offsets), `source_text` (a source's text, normalised once for
  every quote), `compare` (a quote against a passage, into differences), `edited`
  (the quote found with the edits it marks) and `edit_marks` (what each mark stands
  for in the source), `closest` (where a quote not found comes closest), and
  `results` (`Match`, `Outcome`, `Difference`: what a check finds). Beside them:
  `quote_edits` (a quote split at its marks), `words` (where words begin and end,
  negations), `anchors` (where a long quote not found is looked for) and `compose`
  (accents written apart).
- `passage`: a quote shown inside its source, split where it differs.
- `archives`: each archive read and indexed once for every quote that cites it.
- `report`: a result as a `check`-style line body and as JSON-able data.
- `run`: the quotes of a timeline's files checked, each with where it is written.
- `fetch`: downloading a source (http and https only, bounded in time and size) and
  saving it under `sources/` by its content hash.
- `writeback`: writing `archive` and `accessed` into the TOML file, changing nothing else.
"""
