"""What the machines that wait for you share: a timer that runs only while the machine is waiting."""

from __future__ import annotations

from typing import Any, Protocol

from rich.text import Text
from textual.timer import Timer

from bleep_tui.core.sims.base import SimModel
from bleep_tui.ui.sims.base import SimWidget


class TimedModel(Protocol):
    finished: bool

    @property
    def timeout_due(self) -> int | None: ...

    def timeout(self) -> None: ...


class TimedSimWidget(SimWidget):
    """Redraws after every action and (re)starts the model's timeout; no timer runs when nothing waits."""

    def __init__(self, model: SimModel) -> None:
        super().__init__(model)
        self.timer: Timer | None = None

    @property
    def timed(self) -> TimedModel:
        return self.model  # type: ignore[return-value]

    def on_mount(self) -> None:
        self.after_action()

    def draw(self) -> None:
        """Update the child widgets from the model."""

    def after_action(self) -> None:
        self.draw()
        self._restart_timer()
        super().after_action()

    def act(self, method: str, *args: Any) -> None:
        """Run one of the model's actions, then redraw."""
        getattr(self.model, method)(*args)
        self.after_action()

    def _restart_timer(self) -> None:
        # Any key resets the wait, as on a real machine.
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        due = None if self.model.finished else self.timed.timeout_due
        if due is not None:
            self.timer = self.set_timer(due, self._time_out)

    def _time_out(self) -> None:
        self.timer = None
        self.timed.timeout()
        self.after_action()


def keys_line(pairs: list[tuple[str, str]], key_style: str = "bold reverse") -> Text:
    """`[I] insert card  [T] take card` with the keys stood out."""
    text = Text()
    for index, (key, label) in enumerate(pairs):
        if index:
            text.append("  ")
        text.append(f" {key} ", style=key_style)
        text.append(f" {label}")
    return text
