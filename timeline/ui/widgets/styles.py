"""Component classes' styles as they show on a widget that draws its own lines.

Textual's `get_component_rich_style(partial=True)` gives a component's colours as they
are declared: `$text-muted` is "auto 60%", a colour to be worked out against what is
under it, and `$primary 40%` a colour to be mixed with what is under it. Taken as they
are, the first is white and the second the full primary: on a light theme the rail's
speakers and gaps were white on light grey, and its selected row dark text on dark
blue. Here each is worked out as Textual works out a widget's own colours: an "auto"
colour contrasts with the background under it, a translucent one is mixed with it.

Themes are many (and users add their own), and some pair a colour with a background
it can hardly be read on (an orange accent on light grey). A text colour that comes
out below `READABLE` against its background is moved towards black or white until it
reaches it, keeping its hue; ANSI colours are the terminal's to choose and stay.
"""

from __future__ import annotations

from rich.style import Style
from textual.color import BLACK, WHITE, Color
from textual.widget import Widget

#: The least contrast (WCAG's ratio) of text with its background: WCAG's figure for
#: large text and for the parts of a picture, such as the strip's bars.
READABLE = 3.0


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        share = value / 255
        return share / 12.92 if share <= 0.03928 else ((share + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(one: Color, other: Color) -> float:
    """WCAG's contrast ratio of two opaque colours: 1 (the same) to 21 (black, white)."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _most_contrast(back: Color) -> Color:
    # By WCAG's measure rather than Textual's brightness, which picks white on a
    # mid-tone where black reads twice as well.
    return BLACK if contrast(BLACK, back) >= contrast(WHITE, back) else WHITE


def readable(text: Color, back: Color, least: float = READABLE) -> Color:
    """`text` (opaque), moved towards black or white until it reads on `back`."""
    if text.ansi is not None or back.ansi is not None or contrast(text, back) >= least:
        return text
    target = _most_contrast(back)
    low, high = 0.0, 1.0
    for _ in range(12):  # to within a 4096th of the way: finer than 8-bit channels
        middle = (low + high) / 2
        if contrast(text.blend(target, middle), back) >= least:
            high = middle
        else:
            low = middle
    return text.blend(target, high)


class ComponentStyles:
    """A widget's component styles, resolved against its background and cached.

    Call `clear` when the widget's styles change (its `notify_style_update`): a theme
    change comes that way.
    """

    def __init__(self, widget: Widget) -> None:
        self.widget = widget
        self._cache: dict[tuple[str, str | None], Style] = {}

    def clear(self) -> None:
        """Forget what was worked out (the styles or the theme changed)."""
        self._cache.clear()

    def __call__(self, name: str, under: str | None = None) -> Style:
        """The style of component `name`, with colours as they show on the widget's
        background, or on the background of component `under` (a selected row's).

        The style holds only what the component sets: add it to the widget's own.
        """
        key = (name, under)
        style = self._cache.get(key)
        if style is None:
            style = self._cache[key] = self._resolve(name, under)
        return style

    def background(self, under: str | None = None) -> Color:
        """The colour under a component: the widget's background, or `under`'s on it."""
        back = self.widget.background_colors[1]
        if under is not None:
            styles = self.widget.get_component_styles(under)
            if styles.has_rule("background"):
                back = back + styles.background
        return back

    def _resolve(self, name: str, under: str | None) -> Style:
        styles = self.widget.get_component_styles(name)
        back = self.background(under)
        bgcolor = None
        if styles.has_rule("background") and styles.background.a > 0:
            back = back + styles.background
            bgcolor = back.rich_color
        color = None
        if styles.has_rule("color"):
            text = styles.color
            if styles.has_rule("auto_color") and styles.auto_color:
                # "auto 60%" reaches a component as white at 60%: the contrast is ours
                # to find, as Textual finds it for its own widgets.
                text = _most_contrast(back).with_alpha(text.a)
            # `+` mixes a translucent colour with what is under it.
            color = readable(back + text, back).rich_color
        return Style(color=color, bgcolor=bgcolor) + styles.text_style
