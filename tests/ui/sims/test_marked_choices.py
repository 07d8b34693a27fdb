"""Form choices show their state as a character, so they read on terminals with 16 colours or none."""

from textual.app import App, ComposeResult
from textual.widgets import RadioSet

from bleep_tui.ui.sims.forms import MarkedCheckbox, MarkedRadioButton

from ..screen import screen_text


class Choices(App[None]):
    def compose(self) -> ComposeResult:
        yield RadioSet(MarkedRadioButton("Yes", value=True), MarkedRadioButton("No"))
        yield MarkedCheckbox("Send me offers", value=False)


async def test_the_chosen_radio_button_and_an_unticked_box_differ_in_text_not_only_in_colour() -> None:
    app = Choices()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert any("*" in line and "Yes" in line for line in lines)
        assert not any("*" in line and "No" in line for line in lines)
        assert not any("X" in line and "offers" in line for line in lines)
        app.query_one(MarkedCheckbox).value = True
        await pilot.pause()
        assert any("X" in line and "offers" in line for line in screen_text(app).splitlines())
