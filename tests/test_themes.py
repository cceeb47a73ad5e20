"""Every theme the palette offers is readable: the rail, the strip and the bars.

Each widget's component styles are taken as the widget draws them, on the theme's
background, and their text compared with what is under it by WCAG's contrast ratio.
ANSI themes leave colours to the terminal; they are judged in the palette Textual
assumes for them (`App.ansi_theme`).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import SIZE, app_for, wait_until
from rich.color import Color
from rich.color_triplet import ColorTriplet
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import TerminalTheme
from textual.widget import Widget

from timeline.ui.app import TimelineApp
from timeline.ui.widgets.keybar import KeyBar
from timeline.ui.widgets.titlebar import TitleBar

#: WCAG's ratio for large text and for the parts of a picture (the strip's bars); the
#: muted speakers and gap lines are held to it too.
LEAST = 3.0


def _luminance(color: ColorTriplet) -> float:
    def channel(value: int) -> float:
        value_ = value / 255
        return value_ / 12.92 if value_ <= 0.03928 else ((value_ + 0.055) / 1.055) ** 2.4

    red, green, blue = color
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(one: ColorTriplet, other: ColorTriplet) -> float:
    """WCAG's contrast ratio, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rgb(color: Color | None, theme: TerminalTheme, foreground: bool) -> ColorTriplet:
    if color is None:
        return theme.foreground_color if foreground else theme.background_color
    return color.get_truecolor(theme, foreground=foreground)


def shown(style: Style, theme: TerminalTheme) -> float:
    """The contrast of a style's text with its background, as a terminal shows it."""
    text = _rgb(style.color, theme, True)
    back = _rgb(style.bgcolor, theme, False)
    return contrast(back, text) if style.reverse else contrast(text, back)


def themes() -> list[str]:
    app = app_for()
    return sorted(app.available_themes)


def drawn(widget: Widget) -> Iterator[Segment]:
    """The segments a Line-API widget draws, its whole height."""
    for y in range(widget.size.height):
        yield from widget.render_line(y)


def low_contrast(app: TimelineApp, where: str) -> Iterator[str]:
    """What the rail, the strip and the bars draw that does not read on its background."""
    terminal = app.ansi_theme
    screen = app.main
    widgets: list[Widget] = [screen.rail, screen.overview, screen.query_one(KeyBar)]
    widgets.append(screen.query_one(TitleBar))
    for widget in widgets:
        for text, style, _ in drawn(widget):
            if style is None or not text.strip():
                continue
            ratio = shown(style, terminal)
            if ratio < LEAST:
                yield f"{type(widget).__name__} {where} {text.strip()!r}: {ratio:.2f} ({style})"


@pytest.mark.parametrize("theme", themes())
async def test_every_theme_is_readable(theme: str) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.main.rail.shown, "events shown")
        app.theme = theme
        app.main.search("salesforce")  # matches in the rail, the selected row too
        await pilot.pause()
        low = list(low_contrast(app, "(timeline focused)"))
        app.main.detail.focus()
        await pilot.pause()
        low += low_contrast(app, "(detail focused)")
        assert not low, f"{theme}: " + "; ".join(low)
