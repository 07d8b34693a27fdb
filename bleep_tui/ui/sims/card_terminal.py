"""The card terminal at a shop till: its display, its keypad, the card and the shop assistant."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from bleep_tui.core.sims.card_terminal import CardTerminalModel
from bleep_tui.core.sims.screens import assistant_says, terminal_screen
from bleep_tui.i18n import _
from bleep_tui.ui.sims.machine import MESSAGE_LINE, keypad_text, screen_text
from bleep_tui.ui.sims.timed import TimedSimWidget, keys_line

SCREEN_WIDTH = 34
SCREEN_HEIGHT = 8


class CardTerminalWidget(TimedSimWidget):
    DEFAULT_CSS = """
    CardTerminalWidget { height: auto; }
    CardTerminalWidget > Horizontal { height: auto; }
    CardTerminalWidget #terminal-screen {
        width: 38;
        height: auto;
        border: ascii $primary;
        background: $surface;
        padding: 0 1;
    }
    CardTerminalWidget #terminal-keypad { width: 1fr; height: auto; padding: 0 1; }
    CardTerminalWidget #terminal-assistant { height: auto; color: $warning; text-style: bold; }
    CardTerminalWidget #terminal-hands { height: auto; }
    CardTerminalWidget:focus #terminal-screen { border: ascii $accent; }
    """

    cursor_on = ("#terminal-screen", MESSAGE_LINE)

    BINDINGS = [
        *(Binding(str(digit), f"keypad('{digit}')", show=False) for digit in range(10)),
        Binding("backspace", "keypad('backspace')", show=False),
        Binding("enter", "do('enter')", show=False),
        Binding("x", "do('cancel')", show=False),
        Binding("t", "do('tap')", show=False),
        Binding("i", "do('insert')", show=False),
        Binding("r", "do('remove_card')", show=False),
        Binding("p", "do('cover_keypad')", show=False),
        Binding("n", "do('refuse_assistant')", show=False),
        Binding("y", "do('tell_pin')", show=False),
        Binding("w", "do('walk_away')", show=False),
    ]

    model: CardTerminalModel

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(id="terminal-screen", markup=False)
            yield Static(keypad_text(), id="terminal-keypad", markup=False)
        yield Static(id="terminal-assistant", markup=False)
        yield Static(id="terminal-hands", markup=False)

    def action_keypad(self, key: str) -> None:
        self.act("key", key)

    def action_do(self, method: str) -> None:
        self.act(method)

    def draw(self) -> None:
        model = self.model
        self.query_one("#terminal-screen", Static).update(
            screen_text(model.scenario.shop, terminal_screen(model, self.currency), SCREEN_WIDTH, SCREEN_HEIGHT)
        )
        self.query_one("#terminal-assistant", Static).update(self._assistant())
        self.query_one("#terminal-hands", Static).update(self._hands())

    def _assistant(self) -> Text:
        text = Text(assistant_says(self.model, self.currency))
        if self.model.assistant == "offering":
            text.append("\n")
            text.append_text(keys_line([("N", _("No, I type it myself")), ("Y", _("Tell the PIN"))]))
        return text

    def _hands(self) -> Text:
        model = self.model
        text = Text(_("Your card is in the terminal.") if model.card_in else _("Your card is in your hand."))
        text.append("  ")
        text.append(_("Your hand covers the keypad.") if model.covered else _("The keypad is not covered."))
        text.append("\n")
        text.append_text(keys_line([("T", _("tap card")), ("I", _("insert card")), ("R", _("remove card")), ("P", _("cover keypad"))]))
        text.append("\n")
        text.append_text(keys_line([("W", _("leave the shop: ends the task"))]))
        return text
