"""A source's text, normalised once for every quote checked against it (`SourceText`).

Apart from the matching because it is what the matching reads, made once per
archive (`archives`) and kept: its forms (`normalising`), where an offset of it is in
the file (`places`), its footnote markers, and what a web page hides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from timeline.verify.normalising import QUOTES_ALIKE, Normalised, fold, normalise, quotes_alike
from timeline.verify.places import Lines, Placer
from timeline.verify.words import inside_word

if TYPE_CHECKING:
    from timeline.verify.archive_text import ArchiveText, HiddenText


class SourceText:
    """A source's text, normalised once for every quote checked against it.

    The folded forms are made on first use: most quotes are found verbatim and never
    need them.

    Args:
        text: The text.
        places: Where an offset of it is in the source's file (by default, the text is
            the file: its lines and columns).
        notes: Where its footnote markers are (a web page's: `archive_text`), in
            order: left out of its folded forms, as a quote may leave them out
            (`quote_edits.FOOTNOTE`).
    """

    __slots__ = (
        "_folded",
        "_hidden",
        "_quotes_alike",
        "_with_hidden",
        "normal",
        "notes",
        "places",
        "text",
    )

    def __init__(
        self,
        text: str,
        places: Placer | None = None,
        notes: Sequence[tuple[int, int]] = (),
        hidden: Callable[[], HiddenText] | None = None,
    ) -> None:
        self.text = text
        self.normal = normalise(text)
        self._folded: dict[bool, Normalised] = {}
        self._quotes_alike: Normalised | None = None
        self.places = places or Lines(text)
        self.notes = tuple(notes)
        self._hidden = hidden
        self._with_hidden: tuple[SourceText, Callable[[int, int], str]] | None = None

    @classmethod
    def of(cls, archive: ArchiveText) -> SourceText:
        """The text of an archive (`archive_text.read_archive`)."""
        return cls(archive.text, archive.places, archive.notes, archive.hidden)

    def with_hidden(self) -> tuple[SourceText, Callable[[int, int], str]] | None:
        """For a web page that hides text from its readers: its text with that text
        kept, and what hides a passage of it (`archive_text.HiddenText`), made once;
        else None."""
        if self._hidden is not None and self._with_hidden is None:
            read = self._hidden()
            self._with_hidden = (
                SourceText(read.archive.text, read.archive.places, read.archive.notes),
                read.why,
            )
        return self._with_hidden

    def folded(self, join_hyphens: bool = False) -> Normalised:
        """The text folded by `fold`, made once."""
        done = self._folded.get(join_hyphens)
        if done is None:
            done = self._folded[join_hyphens] = fold(
                self.text, join_hyphens=join_hyphens, dropped=self.notes
            )
        return done

    def inside(self, level: int) -> Callable[[str, int], bool]:
        """Whether a place of the text at a level (see `level`) is inside a word: as
        `inside_word` says, but that a hyphen folded from what joins no words in the
        text (a dash, "good—and", "1990–2000") joins nothing there either."""
        if not level:
            return inside_word
        spans = self.level(level).spans
        original = self.text

        def inside(text: str, at: int) -> bool:
            if not inside_word(text, at):
                return False
            for i in (at - 1, at):
                if text[i : i + 1] == "-" and not _joining(original, spans.start(i)):
                    return False
            return True

        return inside

    def level(self, level: int) -> Normalised:
        """The text as `edited.find_edited` looks in it at a level (see
        `normalising.at_level`), made once."""
        if level < QUOTES_ALIKE:
            return self.folded(level == 2) if level else self.normal
        if self._quotes_alike is None:
            self._quotes_alike = quotes_alike(self.folded(True))
        return self._quotes_alike


# The hyphens that join two words into one (`words.inside_word`).
_JOINED = "-\u2010\u2011\u00ad"


def _joining(text: str, at: int) -> bool:
    """Whether text[at] is a hyphen that joins the words either side of it ("well-known",
    "well-⏎known" at a line end), not a dash: any other dash ("good—and", "1990–2000"),
    or a hyphen with a blank before it ("we will - and") or another after it ("--")."""
    return (
        text[at] in _JOINED
        and at > 0
        and not text[at - 1].isspace()
        and text[at + 1 : at + 2] not in ("", "-")
    )
