"""What `y` and `Y` copy: what the detail pane shows that bears on a quote's standing
(its note, the speaker's role, its own date and source), the whole event for `Y`, and
the characters as written (a pasted quote is the quote)."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

from conftest import SIZE, app_for

from timeline.ui.clipboard import copy_file

#: What a shell or a terminal acts on in pasted text: C0 but tab and the line ends, DEL, C1.
ACTS_ON_PASTE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# A quote marked as a paraphrase, a speaker with a role, a source read on a day, tags,
# a status, research notes, and a reply dated from the event.
TRIAL = """\
[timeline]
title = "Theranos"

[[events]]
id = "verdict"
date = 2022-01-03
end_date = 2022-01-04
title = "Holmes found guilty on four counts"
kind = "verdict"
group = "Court"
tags = ["fraud", "#court"]
speaker = "Robert Leach"
handle = "@usao"
role = "Assistant US Attorney"
status = "disputed"
context = \"\"\"
The jury deliberated
for seven days.

It acquitted her on four other counts.\"\"\"
notes = "Private: call the clerk."
media = { url = "https://example.org/court.jpg", caption = "The courthouse", credit = "AP" }

[[events.sources]]
label = "Court record"
url = "https://example.org/record"
kind = "primary"
accessed = 2024-01-10

[[events.quotes]]
text = "She chose fraud over business failure."
note = "Paraphrased in Bad Blood; verify against the book."

[[events.quotes]]
text = "I never meant to mislead."
speaker = "Elizabeth Holmes"
date = 2021-11-22
source = { label = "Testimony transcript", kind = "primary", accessed = 2021-11-23 }

[[events]]
id = "appeal"
date = "the day after"
relative_to = "verdict"
in_reply_to = "verdict"
title = "Holmes's lawyers announce an appeal"
"""


async def copied(app: Any, *keys: str) -> str:
    """What the clipboard holds after pressing `keys` (the last being y or Y), checked to
    be what went to the terminal (OSC 52) and to the copy kept in a file."""
    async with app.run_test(size=SIZE) as pilot:
        driver = app._driver
        assert driver is not None
        written: list[str] = []
        write = driver.write

        def recorded(data: str) -> None:
            written.append(data)
            write(data)

        driver.write = recorded
        await pilot.press(*keys)
        text: str = app.clipboard
        [osc52] = [data for data in written if data.startswith("\x1b]52;c;")]
        payload = osc52.removeprefix("\x1b]52;c;").removesuffix("\a")
        # One sequence, its text in base64: no character of the copy can end it.
        assert re.fullmatch("[A-Za-z0-9+/]*={0,2}", payload) and osc52.endswith("\a")
        sent = base64.b64decode(payload, validate=True)
        assert sent.decode("utf-8") == text
        # Read back as written: no newline translation.
        assert copy_file().read_bytes().decode("utf-8") == text
        return text


async def test_y_copies_the_quotes_note_and_the_speakers_role(tmp_path: Path) -> None:
    # Bug fixed: a quote marked as a paraphrase was pasted as if verbatim (its note left
    # out), and its speaker without the role the pane shows ("Robert Leach").
    path = tmp_path / "trial.toml"
    path.write_text(TRIAL, encoding="utf-8")
    assert await copied(app_for(path), "y") == (
        "“She chose fraud over business failure.” — Robert Leach (@usao), Assistant US"
        " Attorney, Monday 3 January 2022. Source: Court record https://example.org/record"
        " (primary; accessed 10 Jan 2024)\n"
        "Note: Paraphrased in Bad Blood; verify against the book."
    )
    # A quote of another speaker: that speaker, its own date and source, as they are.
    assert await copied(app_for(path), "full_stop", "y") == (
        "“I never meant to mislead.” — Elizabeth Holmes, Monday 22 November 2021. Source:"
        " Testimony transcript (primary; accessed 23 Nov 2021)"
    )


async def test_Y_copies_the_event_as_the_detail_pane_shows_it(tmp_path: Path) -> None:
    # Bug fixed: `Y` left out the tags, the kind and group, the role, the quotes' notes,
    # the end date, the status, the media and what the event is related to.
    path = tmp_path / "trial.toml"
    path.write_text(TRIAL, encoding="utf-8")
    assert await copied(app_for(path), "Y") == (
        "Holmes found guilty on four counts\n"
        "Monday 3 January 2022 – Tuesday 4 January 2022\n"
        "verdict · Court · #fraud · #court\n"
        "\n"
        "Robert Leach (@usao), Assistant US Attorney\n"
        "\n"
        "“She chose fraud over business failure.”\n"
        "Note: Paraphrased in Bad Blood; verify against the book.\n"
        "\n"
        "“I never meant to mislead.”\n"
        "— Elizabeth Holmes, Monday 22 November 2021, Testimony transcript (primary;"
        " accessed 23 Nov 2021)\n"
        "\n"
        "The jury deliberated\n"
        "for seven days.\n"
        "\n"
        "It acquitted her on four other counts.\n"
        "\n"
        "Media: The courthouse — AP https://example.org/court.jpg\n"
        "\n"
        "Source: Court record https://example.org/record (primary; accessed 10 Jan 2024)\n"
        "\n"
        "Status: disputed (sources disagree, or a party denies it)\n"
        "\n"
        "Replied to by: Holmes's lawyers announce an appeal (4 Jan 2022)"
    )
    # How a derived date was worked out, as the pane says under the date.
    reply = await copied(app_for(path), "j", "Y")
    assert reply.splitlines()[:3] == [
        "Holmes's lawyers announce an appeal",
        "Tuesday 4 January 2022",
        "written as “the day after”: the day after “Holmes found guilty on four counts”"
        " (Monday 3 January 2022)",
    ]
    assert reply.endswith("\n\nIn reply to: Holmes found guilty on four counts (3 Jan 2022)")


async def test_Y_leaves_research_notes_out(tmp_path: Path) -> None:
    # The pane shows them to the researcher; a copy is made to be pasted elsewhere, and
    # notes are published only when asked for (`--private`).
    path = tmp_path / "trial.toml"
    path.write_text(TRIAL, encoding="utf-8")
    assert "clerk" not in await copied(app_for(path), "Y")


# A quote and a title as written: a bidi override and its end, a Windows line end, a
# tab, a no-break space; an escape and a bell, which a paste would act on.
CHARACTERS = """\
[timeline]
title = "T"

[[events]]
id = "a"
date = 2018-07-19
title = "Two\\tcolumns,\\u00a0no break\\nwrapped"
speaker = "Ana\\u00a0María"

[[events.quotes]]
text = "\\u202eyas ton did I\\u202c\\r\\nsecond line \\u200f\\u05e9\\u05dc\\u05d5\\u05dd \\u001b[2J\\u0007"
"""


async def test_Y_and_y_paste_a_titles_carriage_return_as_written(tmp_path: Path) -> None:
    # Bug fixed: the screen showed "Marc Benioff:␍Salesforce…", saying the file holds a
    # carriage return there, and Y pasted a space in its place; y did the same to a
    # speaker's Windows line end. A field the screen shows on one line is copied as
    # the file holds it, as a quote is.
    path = tmp_path / "cr.toml"
    path.write_text(
        '[timeline]\ntitle = "T"\n[[events]]\nid = "a"\ndate = 2018-07-08\n'
        'title = "Marc Benioff:\\rSalesforce is true to its values"\n'
        'speaker = "Marc\\r\\nBenioff"\nkind = "tweet\\r"\n'
        '[[events.quotes]]\ntext = "We do not work with CBP."\n',
        encoding="utf-8",
    )
    whole = await copied(app_for(path), "Y")
    assert whole.startswith("Marc Benioff:\rSalesforce is true to its values\nSunday 8 July")
    assert "\ntweet\r\n\nMarc\r\nBenioff\n\n" in whole
    assert await copied(app_for(path), "y") == (
        "“We do not work with CBP.” — Marc\r\nBenioff, Sunday 8 July 2018"
    )


async def test_Y_pastes_the_context_as_written(tmp_path: Path) -> None:
    # Bug fixed: a context's lines were joined in their paragraphs and stripped, so a
    # list pasted as "The petition listed three demands: 1. cancel the contract; 2.
    # publish the minutes." and a Windows line end or a line's indent went unsaid. The
    # quote and its note above it kept theirs.
    path = tmp_path / "petition.toml"
    path.write_text(
        '[timeline]\ntitle = "T"\n[[events]]\nid = "a"\ndate = 2018-07-16\n'
        'title = "The council hears the petition"\n'
        'context = "The petition listed three demands:\\n  1. cancel the contract;\\r\\n'
        '  2. publish the minutes.\\n\\nSigned by 200 employees.\\n"\n'
        '[[events.quotes]]\ntext = "We heard you.\\nWe will answer."\n'
        'note = "Said twice:\\nonce at the start."\n',
        encoding="utf-8",
    )
    whole = await copied(app_for(path), "Y")
    assert (
        "\n\n“We heard you.\nWe will answer.”\nNote: Said twice:\nonce at the start.\n\n"
        "The petition listed three demands:\n  1. cancel the contract;\r\n"
        "  2. publish the minutes.\n\nSigned by 200 employees.\n"
    ) in whole
    # A context of white space alone says nothing, and is left out as before.
    path.write_text(
        path.read_text(encoding="utf-8").replace('context = "The', 'context = " \\n "\nx = "'),
        encoding="utf-8",
    )
    assert "\n\n \n \n\n" not in await copied(app_for(path), "Y")


async def test_y_and_Y_paste_the_characters_as_written(tmp_path: Path) -> None:
    # Bug fixed: a right-to-left override was pasted as "<U+202E>", a Windows line end
    # as a newline, and in a title a tab and a no-break space as plain spaces.
    path = tmp_path / "characters.toml"
    path.write_text(CHARACTERS, encoding="utf-8")
    quote = "\u202eyas ton did I\u202c\r\nsecond line \u200f\u05e9\u05dc\u05d5\u05dd ␛[2J␇"
    assert await copied(app_for(path), "y") == (
        f"“{quote}” — Ana\u00a0María, Thursday 19 July 2018"
    )
    whole = await copied(app_for(path), "Y")
    # The title as written, its line break too (it was pasted as a space).
    assert whole.startswith("Two\tcolumns,\u00a0no break\nwrapped\nThursday 19 July 2018\n")
    assert f"\n\n“{quote}”" in whole and "\n\nAna\u00a0María\n\n" in whole
    # What a shell would act on is shown, not pasted: ␛ and ␇.
    for text in (quote, whole):
        assert ACTS_ON_PASTE.findall(text.replace("\r\n", "\n")) == []
