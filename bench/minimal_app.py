"""The yardstick for bench/run.py: the least a Textual app can be, a line of text and a focused input."""

from textual.app import App, ComposeResult
from textual.widgets import Input, Static


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Minimal Textual app")
        field = Input(placeholder="type here")
        field.cursor_blink = False  # as BLEEP's inputs: a fair idle comparison
        yield field

    def on_mount(self) -> None:
        self.query_one(Input).focus()


if __name__ == "__main__":
    MinimalApp().run()
