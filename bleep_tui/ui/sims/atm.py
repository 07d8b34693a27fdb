"""The cash machine on screen: its display with side buttons, its keypad, and the learner's hands."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from bleep_tui.core.sims.atm import AtmModel
from bleep_tui.core.sims.screens import atm_option, atm_screen, card_place
from bleep_tui.formats import whole_money
from bleep_tui.i18n import _
from bleep_tui.ui.sims.machine import MESSAGE_LINE, SIDE_KEYS, keypad_text, screen_text
from bleep_tui.ui.sims.timed import TimedSimWidget, keys_line

SCREEN_WIDTH = 40
SCREEN_HEIGHT = 9


class AtmWidget(TimedSimWidget):
    DEFAULT_CSS = """
    AtmWidget { height: auto; }
    AtmWidget > Horizontal { height: auto; }
    AtmWidget #atm-screen {
        width: 44;
        height: auto;
        border: ascii $primary;
        background: $surface;
        padding: 0 1;
    }
    AtmWidget #atm-keypad { width: 1fr; height: auto; padding: 0 1; }
    AtmWidget #atm-hands { height: auto; }
    AtmWidget #atm-stranger { height: auto; color: $warning; text-style: bold; }
    AtmWidget:focus #atm-screen { border: ascii $accent; }
    """

    cursor_on = ("#atm-screen", MESSAGE_LINE)

    BINDINGS = [
        *(Binding(key, f"side({index})", show=False) for index, key in enumerate(SIDE_KEYS)),
        *(Binding(str(digit), f"keypad('{digit}')", show=False) for digit in range(10)),
        Binding("backspace", "keypad('backspace')", show=False),
        Binding("enter", "do('enter')", show=False),
        Binding("x", "do('cancel')", show=False),
        Binding("i", "do('insert_card')", show=False),
        Binding("t", "do('take_card')", show=False),
        Binding("m", "do('take_cash')", show=False),
        Binding("r", "do('take_receipt')", show=False),
        Binding("p", "do('cover_keypad')", show=False),
        Binding("n", "do('decline_help')", show=False),
        Binding("y", "do('accept_help')", show=False),
        Binding("w", "do('walk_away')", show=False),
    ]

    model: AtmModel

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(id="atm-screen", markup=False)
            yield Static(keypad_text() + self._side_help(), id="atm-keypad", markup=False)
        yield Static(id="atm-stranger", markup=False)
        yield Static(id="atm-hands", markup=False)

    def action_side(self, index: int) -> None:
        self.act("choose", index)

    def action_keypad(self, key: str) -> None:
        self.act("key", key)

    def action_do(self, method: str) -> None:
        self.act(method)

    def _side_help(self) -> Text:
        return Text("\n" + _("Letters A-H press the buttons beside the screen."), style="dim")

    def draw(self) -> None:
        model = self.model
        paragraphs = atm_screen(model, self.currency)
        options = [atm_option(option, self.currency) for option in model.options]
        self.query_one("#atm-screen", Static).update(
            screen_text(model.scenario.bank, paragraphs, SCREEN_WIDTH, SCREEN_HEIGHT, options)
        )
        stranger = ""
        if model.stranger == "offering":
            stranger = _('A man next to you says: "These machines are tricky. Let me type your PIN for you."')
        stranger_text = Text(stranger)
        if stranger:
            stranger_text.append("\n")
            stranger_text.append_text(keys_line([("N", _("No, thank you")), ("Y", _("Yes, please"))]))
        self.query_one("#atm-stranger", Static).update(stranger_text)
        self.query_one("#atm-hands", Static).update(self._hands())

    def _hands(self) -> Text:
        model = self.model
        status = Text(_("Card: {where}").format(where=card_place(model)) + " | ")
        status.append(_("Hand: on the keypad") if model.covered else _("Hand: not on the keypad"))
        if model.cash_out:
            status.append(" | " + _("Cash: {amount} in the tray").format(amount=whole_money(model.cash_out, self.currency)), style="bold")
        if model.receipt_out:
            status.append(" | " + _("Receipt in the slot"))
        status.append("\n")
        status.append_text(keys_line([("I", _("insert card")), ("T", _("take card")), ("M", _("take cash")), ("R", _("take receipt"))]))
        status.append("\n")
        status.append_text(keys_line([("P", _("cover keypad")), ("W", _("walk away: ends the task"))]))
        return status
