"""The lesson player: one step at a time, every answer saved the moment it is given."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Static

from bleep_tui.core.lesson_play import LessonPlay, right_answer
from bleep_tui.core.model import MAX_TRIES, ChoiceStep, InfoStep, Lesson, OrderStep, SimStep, Step, TextStep
from bleep_tui.core.scoring import Answer, Outcome
from bleep_tui.i18n import N_, _, ngettext
from bleep_tui.ui.browser_keys import keys_named
from bleep_tui.ui.sims.base import SimDraft, SimFinished
from bleep_tui.ui.lesson_text import lesson_text
from bleep_tui.ui.widgets.framed import Framed
from bleep_tui.ui.widgets.steps import AnswerGiven, MultipleChoice, OrderList, SingleChoice, TypedAnswer
from bleep_tui.ui.widgets.key_bar import KeyBar


def what_to_do(step: Step) -> str:
    """What to do before Enter can check an answer: said instead of taking a try for an empty one."""
    if isinstance(step, TextStep):
        return _("Type your answer first, then press Enter.")
    if isinstance(step, ChoiceStep) and step.multiple:
        return _("Tick at least one answer with Space first, then press Enter.")
    if isinstance(step, ChoiceStep):
        return _("Choose an answer first: move to it with the arrow keys, then press Enter.")
    return _("Put the items in order first: Space picks one up, the arrow keys move it. Then press Enter.")


class LessonScreen(Screen[None]):
    BINDINGS = [
        Binding("f2", "hint", N_("Hint")),
        Binding("h", "hint", N_("Hint"), show=False),
        Binding("escape", "leave", N_("Save and leave")),
        # Enter goes on even before the Continue button has taken the focus (a quick second Enter).
        Binding("enter", "continue", N_("Continue"), show=False),
    ]

    def __init__(self, lesson: Lesson) -> None:
        super().__init__()
        self.lesson = lesson
        self.play: LessonPlay | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="lesson-header", markup=False)
        yield VerticalScroll(id="step")
        yield KeyBar()

    async def on_mount(self) -> None:
        # Only the events since the lesson's unfinished run started are read, never the whole history.
        open_id = self.app.learner_progress().open_run_of(self.lesson.id)
        play = LessonPlay.begin(self.lesson, None if open_id is None else self.app.store.run_events(open_id), self.app.record)
        if play is None:
            self.app.pop_screen()
            return
        self.play = play
        await self.show_step(play.index)

    @property
    def index(self) -> int:
        return self.lesson_play.index

    @property
    def step(self) -> Step:
        return self.lesson_play.step

    @property
    def lesson_play(self) -> LessonPlay:
        assert self.play is not None
        return self.play

    async def show_step(self, index: int) -> None:
        self.lesson_play.go_to(index)
        if self.lesson_play.over:
            self.finish()
            return
        step = self.step
        header = Text(self.lesson.title, style="bold")
        header.append("  ")
        header.append(_("Step {n} of {total}").format(n=index + 1, total=len(self.lesson.steps)), style="dim")
        if step.scored:
            header.append("  " + ngettext("{points} point", "{points} points", step.points).format(points=step.points), style="dim")
        self.query_one("#lesson-header", Static).update(header)
        body = self.query_one("#step", VerticalScroll)
        await body.remove_children()
        widgets: list[Widget] = []
        if step.title:
            widgets.append(Static(Text(step.title, style="bold"), classes="step-title"))
        if isinstance(step, InfoStep):
            widgets.append(Static(lesson_text(keys_named(self.app, step.text), self.app.glyphs.item), classes="info-text"))
            widgets.append(Button(_("Continue"), id="continue", compact=True))
        elif isinstance(step, SimStep):
            widgets.append(Static(Text(keys_named(self.app, step.task.strip())), classes="task"))
            widgets.append(self._answer_widget(step))
            widgets.append(Static("", id="hints", markup=False))
            widgets.append(Static("", id="feedback", markup=False))
        else:
            widgets.append(Static(Text(keys_named(self.app, step.prompt.strip())), classes="prompt"))
            widgets.append(Framed(self._answer_widget(step)))
            widgets.append(Static("", id="hints", markup=False))
            widgets.append(Static("", id="feedback", markup=False))
        await body.mount_all(widgets)
        body.scroll_home(animate=False)
        self.call_after_refresh(self._focus_first)
        state = self.lesson_play.state
        if step.scored:
            self._show_hints(state.hints)
            if state.tries:
                left = MAX_TRIES - state.tries
                self._feedback(Text(ngettext("Welcome back. You have {n} try left.", "Welcome back. You have {n} tries left.", left).format(n=left)))
        self.refresh_bindings()

    def _answer_widget(self, step: Step) -> Widget:
        if isinstance(step, SimStep):
            from bleep_tui.core.sims import registry
            from bleep_tui.ui.sims import widget_class

            from bleep_tui.core.sims.forms import FormScenario
            from bleep_tui.core.sims.kept_forms import with_kept_values

            scenario = step.scenario
            if isinstance(scenario, FormScenario) and scenario.keeps:
                scenario = with_kept_values(scenario, self.app.store.events())
            model = registry()[step.sim].new_model(scenario)
            draft = self.lesson_play.state.draft
            if isinstance(draft, dict):
                model.resume_task(draft)
            widget = widget_class(step.sim)(model)
            widget.currency = self.lesson.currency
            return widget
        if isinstance(step, ChoiceStep):
            order = self.lesson_play.option_order()
            return MultipleChoice(step, order) if step.multiple else SingleChoice(step, order)
        if isinstance(step, TextStep):
            return TypedAnswer(step)
        assert isinstance(step, OrderStep)
        return OrderList(step, self.lesson_play.item_order(), self.app.glyphs.moving)

    def _focus_first(self) -> None:
        for selector in ("#continue", ".answer", ".sim"):
            found = self.query(selector)
            if found:
                # A simulation is taller than the screen: scrolled to, it would hide the task above it.
                found.first().focus(scroll_visible=selector != ".sim")
                return

    def _feedback(self, text: Text) -> None:
        self.query_one("#feedback", Static).update(text)

    def _show_hints(self, shown: int) -> None:
        hints = self.step.hints[:shown]
        text = Text()
        for number, hint in enumerate(hints, 1):
            text.append(_("Hint {n}: ").format(n=number), style="bold")
            text.append(keys_named(self.app, hint) + "\n")
        hints_view = self.query_one("#hints", Static)
        hints_view.update(text)
        hints_view.display = bool(hints)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hint":
            return self.play is not None and not self.play.over and self.play.hint_allowed()
        if action == "continue":
            return bool(self.query("#continue"))
        return True

    def action_continue(self) -> None:
        self.query_one("#continue", Button).press()

    def action_hint(self) -> None:
        if self.lesson_play.show_hint() is not None:
            self._show_hints(self.lesson_play.state.hints)
            self.refresh_bindings()

    def on_sim_draft(self, message: SimDraft) -> None:
        self.lesson_play.save("sim_draft", answer=message.draft)

    async def on_sim_finished(self, message: SimFinished) -> None:
        await self._answer(tuple(entry.to_record() for entry in message.trace))

    async def on_answer_given(self, message: AnswerGiven) -> None:
        await self._answer(message.answer)

    async def _answer(self, given: Answer) -> None:
        step = self.step
        answered = self.lesson_play.answer(given)
        if answered.empty:
            self._feedback(Text(what_to_do(step), style="bold"))
            return
        if answered.unsaved:
            self._feedback(Text(_("Your answer could not be saved, so it was not marked. Try again, or tell your facilitator."), style="bold"))
            return
        outcome = answered.outcome
        if outcome is None:  # the step was already over
            return
        self._feedback(self._outcome_text(step, outcome, answered.tries_left))
        if outcome.finished:
            for widget in self.query(".answer"):
                widget.disabled = True
            await self.query(".sim").remove()
            await self.query_one("#step", VerticalScroll).mount(Button(_("Continue"), id="continue", compact=True))
            self.call_after_refresh(self._focus_first)  # laid out by then, so the focus scrolls it into view
            self.refresh_bindings()

    def _outcome_text(self, step: Step, outcome: Outcome, tries_left: int) -> Text:
        text = self._goals_text(step, outcome) if outcome.goals else self._answer_text(outcome, tries_left)
        if not outcome.finished:
            return text
        if not outcome.correct and not outcome.goals:
            text.append(_("The right answer: ") + right_answer(step) + "\n", style="bold")
        text.append("\n" + keys_named(self.app, step.explanation.strip()))
        return text

    def _answer_text(self, outcome: Outcome, tries_left: int) -> Text:
        glyphs = self.app.glyphs
        text = Text()
        if outcome.correct:
            text.append(f"{glyphs.right} " + _("Right!") + " ", style="bold")
            text.append(self._points_text(outcome) + "\n")
        else:
            text.append(f"{glyphs.wrong} " + _("Not quite.") + "\n", style="bold")
        for line in outcome.feedback:
            text.append(keys_named(self.app, line.strip()) + "\n")
        if outcome.missed:
            text.append(ngettext("You missed {n} right answer.", "You missed {n} right answers.", outcome.missed).format(n=outcome.missed) + "\n")
        if not outcome.finished:
            text.append(ngettext("Try again: {n} try left.", "Try again: {n} tries left.", tries_left).format(n=tries_left))
        return text

    def _goals_text(self, step: Step, outcome: Outcome) -> Text:
        """The debrief of a simulation: each goal met or missed, with what it teaches."""
        glyphs = self.app.glyphs
        met = sum(1 for r in outcome.goals if r.met)
        text = Text(_("Task finished: {met} of {total} goals met.").format(met=met, total=len(outcome.goals)) + " ", style="bold")
        text.append(self._points_text(outcome) + "\n")
        for result in outcome.goals:
            mark = glyphs.right if result.met else glyphs.wrong
            text.append(f"{mark} {result.goal.label}", style="bold" if result.met else "")
            text.append(f"  (+{result.goal.points})\n" if result.met else "\n")
            note = result.goal.praise if result.met else result.goal.feedback
            if note:
                text.append(f"   {keys_named(self.app, note.strip())}\n")
        return text

    def _points_text(self, outcome: Outcome) -> str:
        points = ngettext("+{n} point", "+{n} points", outcome.points).format(n=outcome.points)
        if outcome.bonus:
            points += " " + _("(with a first-try bonus of {n})").format(n=outcome.bonus)
        return points

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id != "continue":
            return
        if isinstance(self.step, InfoStep) and not self.lesson_play.read():
            return
        await self.show_step(self.index + 1)

    def finish(self) -> None:
        from bleep_tui.ui.gamification import award_new_badges
        from bleep_tui.ui.screens.result import ResultScreen

        before = self.app.progress()
        result = self.lesson_play.finish()
        if result is None:
            return
        badges = award_new_badges(self.app)
        self.app.switch_screen(ResultScreen(self.lesson, result, before, self.app.progress(), badges))

    def action_leave(self) -> None:
        play = self.play
        if play is not None and not play.over and isinstance(play.step, SimStep) and not play.state.done:
            from bleep_tui.ui.sims.dialogs import Confirm

            question = _(
                "Leave this task? Your other answers are saved. On a form, the pages you have moved on from are "
                "kept too; anything else in this task starts again when you come back."
            )
            self.app.push_screen(Confirm(question), lambda leave: self.app.pop_screen() if leave else None)
            return
        self.app.pop_screen()
