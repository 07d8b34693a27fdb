"""One widget per step type. Each turns keys into an answer and posts `AnswerGiven`."""

from __future__ import annotations

from typing import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from bleep_tui.core.model import ChoiceStep, OrderStep, TextStep
from bleep_tui.core.scoring import Answer
from bleep_tui.i18n import N_, _
from bleep_tui.ui.widgets.sparing import SparingOptionList
from bleep_tui.ui.widgets.text_field import TextField
from bleep_tui.ui.widgets.ticklist import TickList


class AnswerGiven(Message):
    def __init__(self, answer: Answer) -> None:
        super().__init__()
        self.answer = answer


class SingleChoice(SparingOptionList):
    """Arrows to move, Enter to answer. Nothing is highlighted at first, so a quick Enter chooses nothing."""

    BINDINGS = [Binding("enter", "select", N_("Answer"))]

    def __init__(self, step: ChoiceStep, order: Sequence[int]) -> None:
        """`order`: the options' indexes in the order shown (core/shuffle.py); the answer is an index."""
        super().__init__(markup=False, classes="answer")
        self.add_options(Option(self.spaced(Text(step.options[i].text))) for i in order)
        self.order = tuple(order)
        self.highlighted = None

    def action_select(self) -> None:
        if self.highlighted is None:
            self.post_message(AnswerGiven(()))
        else:
            super().action_select()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(AnswerGiven((self.order[event.option_index],)))


class MultipleChoice(TickList[int]):
    """Space ticks or unticks, Enter answers."""

    BINDINGS = [Binding("enter", "answer", N_("Check answer"), show=True)]

    def __init__(self, step: ChoiceStep, order: Sequence[int]) -> None:
        """`order`: the options' indexes in the order shown (core/shuffle.py); the answer is the ticked indexes."""
        super().__init__([(step.options[i].text, i) for i in order], classes="answer")

    def action_answer(self) -> None:
        self.post_message(AnswerGiven(tuple(sorted(self.ticked))))


class TypedAnswer(TextField):
    def __init__(self, step: TextStep) -> None:
        super().__init__(placeholder=step.placeholder or _("type your answer"), classes="answer")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(AnswerGiven(event.value))


class OrderList(SparingOptionList):
    """Space picks an item up or puts it down; arrows move a picked-up item; u/d move at once; Enter answers."""

    BINDINGS = [
        Binding("space", "grab", N_("Pick up/put down"), show=True),
        # One footer entry for both, so every key still fits at 80 columns.
        Binding("u", "move(-1)", N_("Move up"), show=True, group=Binding.Group(N_("Move up/down"), compact=True)),
        Binding("d", "move(1)", N_("Move down"), show=True, group=Binding.Group(N_("Move up/down"), compact=True)),
        Binding("enter", "answer", N_("Check"), show=True),
    ]

    def __init__(self, step: OrderStep, order: Sequence[int], moving_glyph: str) -> None:
        """`order`: the items' indexes in the order shown first (core/shuffle.py); the answer is the order left."""
        super().__init__(markup=False, classes="answer")
        self.items = step.items
        self.order = list(order)
        self.grabbed = False
        self.moving_glyph = moving_glyph

    def on_mount(self) -> None:
        self._redraw(0)

    def _redraw(self, highlight: int) -> None:
        self.clear_options()
        for position, item in enumerate(self.order):
            mark = self.moving_glyph if self.grabbed and position == highlight else "  "
            self.add_option(Option(self.spaced(Text(f"{mark} {position + 1}. {self.items[item]}"))))
        self.highlighted = highlight

    def action_grab(self) -> None:
        self.grabbed = not self.grabbed
        self._redraw(self.highlighted or 0)

    def action_move(self, delta: int) -> None:
        here = self.highlighted or 0
        there = here + delta
        if 0 <= there < len(self.order):
            self.order[here], self.order[there] = self.order[there], self.order[here]
            self._redraw(there)

    def action_cursor_up(self) -> None:
        if self.grabbed:
            self.action_move(-1)
        else:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        if self.grabbed:
            self.action_move(1)
        else:
            super().action_cursor_down()

    def action_answer(self) -> None:
        self.grabbed = False
        self._redraw(self.highlighted or 0)
        self.post_message(AnswerGiven(tuple(self.order)))
