"""The keys that work here, on the bottom line of every screen, and the app's short notes.

Textual's Footer builds a widget per key and rebuilds them all whenever the focus moves. On a
lesson that churn cost 3 MB of memory per session and a footer repaint per step; this bar is one
widget that repaints only when the keys it shows have changed.

A note ("Sent to Mira Hofmann.") takes the place of the keys until the next key, instead of a
toast over the text the learner is reading. Keys that do not fit whole are left out, never cut.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from bleep_tui.i18n import _


class ShownKey(NamedTuple):
    label: str  # as the terminal's glyphs allow: "F2", "↑↓", "Esc"
    description: str
    key: str  # what a click presses
    enabled: bool


class KeyBar(Widget, can_focus=False):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;  /* one line; a note longer than the screen is wide wraps upwards */
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--note {
        text-style: bold;
    }
    KeyBar > .key-bar--error {
        color: $text-error;
        text-style: bold;
    }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--note", "key-bar--error"}
    ALLOW_SELECT = False

    def __init__(self) -> None:
        super().__init__()
        self.keys: tuple[ShownKey, ...] = ()
        self.spans: list[tuple[int, int, ShownKey]] = []  # columns of each key, for clicks
        self.notes: list[tuple[str, bool]] = []  # shown instead of the keys, one a line; True for an error

    def on_mount(self) -> None:
        self.keys = self.shown_keys()
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        keys = self.shown_keys()
        if keys != self.keys:
            self.keys = keys
            self.refresh()

    def shown_keys(self) -> tuple[ShownKey, ...]:
        """One entry per action, in binding order; keys of one group (move up/down) share an entry."""
        shown: list[ShownKey] = []
        actions: set[str] = set()
        last_group = None
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            label = self.app.get_key_display(binding)
            if binding.group is not None and binding.group == last_group:
                previous = shown.pop()
                joiner = "/" if binding.group.compact else " "  # "u/d Move up/down": not "ud", read as a word
                shown.append(previous._replace(label=previous.label + joiner + label, enabled=previous.enabled or enabled))
                continue
            last_group = binding.group
            # Descriptions are written with N_(): translated here, in the language of this session.
            description = binding.group.description if binding.group is not None else binding.description
            description = _(description) if description else ""
            shown.append(ShownKey(label, description, binding.key, enabled))
        return tuple(shown)

    def show_note(self, message: str, *, error: bool = False) -> None:
        """Add a note to those shown since the last key (the same note again changes nothing)."""
        if (message, error) not in self.notes:
            self.notes.append((message, error))
            self.refresh(layout=True)

    def clear_notes(self) -> None:
        if self.notes:
            self.notes = []
            self.refresh(layout=True)

    def fits(self, width: int) -> bool:
        """Whether every key fits whole in `width` columns."""
        return self.keys_width(roomy=False) <= width

    def keys_width(self, *, roomy: bool) -> int:
        return sum(cell_len(k.label) + cell_len(k.description) + (3 if roomy else 2) for k in self.keys)

    def render(self) -> Text:
        self.spans = []
        if self.notes:
            note_style, error_style = (self.get_component_rich_style(name) for name in ("key-bar--note", "key-bar--error"))
            # An error is marked as well as coloured: without colour (NO_COLOR, a braille display) it still shows.
            wrong = self.app.glyphs.wrong  # type: ignore[attr-defined]
            return Text("\n").join(
                Text(f" {wrong} {message}", error_style) if error else Text(f" {message}", note_style) for message, error in self.notes
            )
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        width = self.size.width
        roomy = self.keys_width(roomy=True) <= width
        text = Text(no_wrap=True)
        for shown in self.keys:
            start = text.cell_len
            style = Style() if shown.enabled else Style(dim=True)
            if roomy:
                entry = Text.assemble((f" {shown.label} ", key_style + style), (f"{shown.description} ", description_style + style))
            else:
                entry = Text.assemble((shown.label, key_style + style), (f" {shown.description}", description_style + style), " ")
            if start + cell_len(entry.plain.rstrip()) > width:
                break  # a key that does not fit is left out whole, not cut in half
            text.append_text(entry)
            self.spans.append((start, text.cell_len, shown))
        return text

    def on_mouse_down(self, event: events.MouseDown) -> None:
        for start, end, shown in self.spans:
            if start <= event.x < end:
                if shown.enabled:
                    self.app.simulate_key(shown.key)
                else:
                    self.app.bell()
                return
