"""What a web page hides from its readers: which elements a browser does not show.

`timeline verify` checks a quote against what a reader of a page sees, so text the
page hides is not part of it. An element is hidden, with all inside it, by:

- its `hidden` attribute, or being a `<dialog>` that is not `open`;
- `display: none` or `visibility: hidden` (or `collapse`) in its own `style`;
- the same set by a rule of a `<style>` element of the page whose selectors are simple:
  a tag, classes and an id (`.hidden`, `#note`, `span.sr`, `p#a.b`), or a list of them.

Where several of these set `display` or `visibility`, the one a browser applies wins,
as CSS orders them: `!important` first, then the `style` attribute, then the rule
with the most ids, then classes, then tags, then the last written; so
`<p class="hidden" style="display: block">` is shown.

This is no CSS engine. Not understood, and so taken as shown: rules with any other
selector (`.a .b`, `div > p`, `[hidden]`, `:not(...)`, `*`), rules inside `@media`,
`@supports` or any other at-rule, stylesheets in `<link>` files (nothing is
fetched), a `<style>` for `print` alone, the cascade past these simple rules
(inheritance, `display: revert`), a child shown again by `visibility: visible`, and
text hidden by other means (`opacity: 0`, `font-size: 0`, a colour the same as the
background, text moved off the screen or clipped to nothing, as "screen reader only"
classes do). `aria-hidden` hides nothing from a reader of the page: it hides from
screen readers what the page shows.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

_HTML_SPACE = " \t\n\r\f"


class _Setting(NamedTuple):
    """A `display` or `visibility` set for an element, and what decides which wins."""

    important: bool
    inline: bool  # in the element's own style attribute
    specificity: tuple[int, int, int]  # ids, classes, tags
    order: tuple[int, int]  # the rule's place in the page, the declaration's in it
    value: str
    said: str  # where it is set, in words


class _Rule(NamedTuple):
    tag: str  # "" for any
    classes: frozenset[str]
    id: str  # "" for none
    prop: str  # "display" or "visibility"
    setting: _Setting


# A simple selector: a tag, classes and an id; (CSS names, escapes aside).
@cache
def _simple() -> re.Pattern[str]:
    return re.compile(r"(?:\*|(?P<tag>[A-Za-z][A-Za-z0-9-]*))?(?P<rest>(?:[.#][\w-]+)*)")


@cache
def _style_elements() -> re.Pattern[str]:
    return re.compile(r"<style\b([^>]*)>(.*?)</style\s*>", re.I | re.S)


@cache
def _media() -> re.Pattern[str]:
    return re.compile(r"""\bmedia\s*=\s*["']?([^"'>]*)""", re.I)


_HIDING = {"display": ("none",), "visibility": ("hidden", "collapse")}


class Stylesheet:
    """The rules of a page's `<style>` elements that set `display` or `visibility`,
    with simple selectors (see the module's docstring)."""

    def __init__(self, rules: list[_Rule]) -> None:
        self._by_id: dict[str, list[_Rule]] = {}
        self._by_class: dict[str, list[_Rule]] = {}
        self._by_tag: dict[str, list[_Rule]] = {}
        for rule in rules:
            if rule.id:
                self._by_id.setdefault(rule.id, []).append(rule)
            elif rule.classes:
                self._by_class.setdefault(min(rule.classes), []).append(rule)
            else:
                self._by_tag.setdefault(rule.tag, []).append(rule)

    @classmethod
    def of(cls, markup: str) -> Stylesheet | None:
        """The rules of a page's markup, or None when it has none that hide or show."""
        rules: list[_Rule] = []
        for found in _style_elements().finditer(markup):
            media = _media().search(found.group(1))
            if media and not _for_screens(media.group(1)):
                continue
            rules += _rules(found.group(2), len(rules))
        return cls(rules) if rules else None

    def settings(self, tag: str, classes: list[str], id_: str) -> list[tuple[str, _Setting]]:
        """The settings of the rules that apply to an element."""
        candidates = list(self._by_tag.get(tag, ()))
        if id_:
            candidates += self._by_id.get(id_, ())
        for name in set(classes):
            candidates += self._by_class.get(name, ())
        mine = set(classes)
        return [
            (rule.prop, rule.setting)
            for rule in candidates
            if (not rule.tag or rule.tag == tag)
            and (not rule.id or rule.id == id_)
            and rule.classes <= mine
        ]


def hidden_by(
    tag: str, attrs: list[tuple[str, str | None]], sheet: Stylesheet | None = None
) -> str:
    """What hides an element and all inside it from a reader of the page, in words ("its
    hidden attribute", 'the rule ".hidden" of a <style> element (display: none)'); ""
    when it is shown."""
    names = {name for name, _ in attrs}
    if "hidden" in names:
        return "its hidden attribute"
    if tag == "dialog" and "open" not in names:
        return "being a <dialog> that is not open"
    values = {name: value or "" for name, value in attrs}
    settings: list[tuple[str, _Setting]] = []
    style = values.get("style", "")
    if style:
        settings += _declarations(style, (0, 0, 0), 0, "in its style attribute", inline=True)
    if sheet is not None:
        settings += sheet.settings(tag, values.get("class", "").split(), values.get("id", ""))
    for prop, hiding in _HIDING.items():
        applied = [setting for name, setting in settings if name == prop]
        if applied:
            won = max(applied, key=lambda s: (s.important, s.inline, s.specificity, s.order))
            if won.value in hiding:
                return f"{prop}: {won.value} {won.said}"
    return ""


def _for_screens(media: str) -> bool:
    """Whether a `<style media="...">` applies on a screen (not for print alone)."""
    kinds = {part.strip().split(" ")[0].lower() for part in media.split(",")}
    return not kinds or bool(kinds - {"print", "speech"})


def _rules(css: str, order: int) -> list[_Rule]:
    """The rules of a stylesheet's text that set `display` or `visibility`, with simple
    selectors, numbered from `order`; at-rules (and what is inside them) are left out."""
    css = re.sub(r"/\*.*?\*/", " ", css, flags=re.S)
    rules: list[_Rule] = []
    at, size = 0, len(css)
    while at < size:
        brace = css.find("{", at)
        if brace < 0:
            break
        if css[at:brace].lstrip().startswith("@"):
            statement = css.find(";", at, brace)
            # "@import url(x);" ends at its ";", "@media screen { ... }" after its block.
            at = statement + 1 if statement >= 0 else _block_end(css, brace)
            continue
        close = css.find("}", brace)
        close = size if close < 0 else close
        body = css[brace + 1 : close]
        if "display" in body or "visibility" in body:
            for selector in css[at:brace].split(","):
                rules += _rules_of(selector.strip(), body, order + len(rules))
        at = close + 1
    return rules


def _block_end(css: str, brace: int) -> int:
    """Where a block that opens at `brace` ends (after its closing brace), nested
    blocks included."""
    depth = 0
    for k in range(brace, len(css)):
        if css[k] == "{":
            depth += 1
        elif css[k] == "}":
            depth -= 1
            if not depth:
                return k + 1
    return len(css)


def _rules_of(selector: str, body: str, order: int) -> list[_Rule]:
    found = _simple().fullmatch(selector)
    if not found or not selector.strip("*"):
        return []  # not a simple selector: not understood, taken as hiding nothing
    tag = (found.group("tag") or "").lower()
    classes: set[str] = set()
    ids: list[str] = []
    for part in re.findall(r"[.#][\w-]+", found.group("rest")):
        if part[0] == ".":
            classes.add(part[1:])
        else:
            ids.append(part[1:])
    if len(set(ids)) > 1:
        return []  # matches nothing
    specificity = (len(ids), len(classes), 1 if tag else 0)
    said = f'in the rule "{selector}" of a <style> element'
    return [
        _Rule(tag, frozenset(classes), ids[0] if ids else "", prop, setting)
        for prop, setting in _declarations(body, specificity, order, said)
    ]


def _declarations(
    body: str, specificity: tuple[int, int, int], order: int, said: str, *, inline: bool = False
) -> list[tuple[str, _Setting]]:
    """The `display` and `visibility` declarations of a rule's body or a style attribute
    (the rule `order`th in the page)."""
    out: list[tuple[str, _Setting]] = []
    for place, declaration in enumerate(body.split(";")):
        prop, colon, value = declaration.partition(":")
        prop = prop.strip(_HTML_SPACE).lower()
        if not colon or prop not in _HIDING:
            continue
        value = value.lower()
        important = "!important" in value.replace(" ", "")
        value = re.sub(r"!\s*important", "", value).strip(_HTML_SPACE)
        setting = _Setting(important, inline, specificity, (order, place), value, said)
        out.append((prop, setting))
    return out
