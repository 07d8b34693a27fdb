"""What every simulation widget shares: its model, and the message it posts when the task is over."""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message
from textual.widget import Widget

from bleep_tui.core.model import EURO
from bleep_tui.core.sims.base import SimModel, TraceEntry
from bleep_tui.i18n import _


class SimFinished(Message):
    """The learner has finished (or abandoned) the task: the trace is the answer."""

    def __init__(self, trace: tuple[TraceEntry, ...]) -> None:
        super().__init__()
        self.trace = trace


class SimDraft(Message):
    """The model reached a checkpoint: keep `draft` so the task goes on after a break."""

    def __init__(self, draft: dict) -> None:
        super().__init__()
        self.draft = draft


class SimWidget(Widget, can_focus=True):
    """Draws `model`; subclasses map keys to the model's actions and call `after_action()`."""

    # The child that shows what the machine says now (a CSS selector) and the line of it where that starts:
    # the terminal's cursor goes there while the machine has the focus (ui/focus_cursor.py), for braille
    # displays and screen readers.
    cursor_on: tuple[str, int] = ("", 0)

    DEFAULT_CSS = """
    SimWidget {
        height: 1fr;
    }
    """

    currency = EURO  # the money of the lesson's scenario: the lesson screen sets it (a scenario overlay may give lei)

    def __init__(self, model: SimModel) -> None:
        super().__init__(classes="sim")
        self.model = model
        self._kept_draft = model.task_draft()  # a resumed task's draft is already saved

    def confirm_end(self, end: Callable[[], None]) -> None:
        """Ask before `end` (the model's way of ending the task): one key must not end it by mistake."""
        from bleep_tui.ui.sims.dialogs import Confirm

        def answer(yes: bool | None) -> None:
            if yes:
                end()
                self.after_action()

        self.app.push_screen(Confirm(_("End the task now? What you did will be checked.")), answer)

    def after_action(self) -> None:
        """Redraw, and report the end of the task once the model says it is finished."""
        self.refresh(layout=True)
        draft = self.model.task_draft()
        if draft is not None and draft is not self._kept_draft and not self.model.finished:
            self._kept_draft = draft
            self.post_message(SimDraft(draft))
        if self.model.finished:
            self.post_message(SimFinished(tuple(self.model.trace)))
