"""What the machines that wait for you share: a timer that runs only while the machine is waiting.

The time a machine waits is stretched, or switched off, by the learner's time limits (core/time_limits.py),
and the learner is warned before it runs out: any key then gives the full time again.
"""

from __future__ import annotations

from typing import Any, Protocol

from rich.text import Text
from textual import events
from textual.timer import Timer

from bleep_tui.core.sims.base import SimModel
from bleep_tui.core.time_limits import time_allowed, warning_before
from bleep_tui.i18n import _
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
        self.waiting_since = 0.0  # on the app's clock: the last action
        self.warned = False

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

    def on_key(self, event: events.Key) -> None:
        if self.warned:  # after the warning, any key at all asks for more time
            self._restart_timer()

    def _restart_timer(self) -> None:
        # Any key resets the wait, as on a real machine.
        self.waiting_since = self.app.clock()
        self.warned = False
        self.check_time()

    def check_time(self) -> None:
        """Look at the clock: time the machine out, warn the learner, or look again when one of those is due."""
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        due = None if self.model.finished else self.timed.timeout_due
        allowed = None if due is None else time_allowed(due, self.app.time_limits)
        if allowed is None:
            return
        left = allowed - (self.app.clock() - self.waiting_since)
        warning = warning_before(allowed)
        if left > warning:
            self.timer = self.set_timer(left - warning, self.check_time)
        elif left > 0:
            if not self.warned:
                self.warned = True
                self.app.notify(_("This stops waiting for you in {seconds} seconds. Press any key for more time.").format(
                    seconds=round(left)), severity="warning", markup=False)
            self.timer = self.set_timer(left, self.check_time)
        else:
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
