"""A scripted learner for linear mode: reads the last question in the transcript and answers it."""

from __future__ import annotations

import io
import re

from bleep_tui.core.model import ChoiceStep, Lesson, OrderStep, TextStep
from bleep_tui.core.shuffle import item_order, option_order, step_seed
from bleep_tui.store.learner import LearnerStore

STEP = re.compile(r"^Step (\d+) of \d+", re.MULTILINE)
ENDS_TASK = re.compile(r"^(\d+)\. (.*ends the task|End the task)$", re.MULTILINE)
MOST_QUESTIONS = 400  # a lesson that asks more has linear mode going round in circles


class ScriptedLearner(io.TextIOBase):
    """Answers every question right where a lesson says what is right; ends each simulated task at once."""

    def __init__(self, transcript: io.StringIO, store: LearnerStore) -> None:
        self.transcript = transcript
        self.store = store
        self.lesson: Lesson | None = None
        self.questions = 0

    def start(self, lesson: Lesson) -> None:
        self.lesson, self.questions = lesson, 0

    def isatty(self) -> bool:
        return False

    def readline(self, size: int | None = -1) -> str:
        self.questions += 1
        assert self.questions < MOST_QUESTIONS, self.transcript.getvalue()[-2000:]
        said = self.transcript.getvalue()
        question = said.rstrip(" ").rsplit("\n", 1)[-1]
        return self.answer(question, said) + "\n"

    def step(self, said: str):
        assert self.lesson is not None
        number = int(STEP.findall(said)[-1])
        return self.lesson.steps[number - 1]

    def seed(self, step_id: str) -> str:
        assert self.lesson is not None
        run = self.store.progress().open_run_of(self.lesson.id)
        assert run is not None
        return step_seed(run, step_id)

    def answer(self, question: str, said: str) -> str:
        if question.startswith("Press Enter to go on"):
            return ""
        if question.startswith("Type a number (? hint"):
            ends = ENDS_TASK.findall(said[said.rindex("What you can do:"):])
            assert ends, said[-1500:]
            return ends[-1][0]
        if "(y = yes, n = no)" in question:
            return "y" if "End the task" in question else "n"
        step = self.step(said)
        if isinstance(step, ChoiceStep):
            order = option_order(step, self.seed(step.id))
            return " ".join(str(place) for place, index in enumerate(order, 1) if step.options[index].correct)
        if isinstance(step, OrderStep):
            shown = item_order(step, self.seed(step.id))
            return " ".join(str(shown.index(index) + 1) for index in range(len(step.items)))
        if isinstance(step, TextStep):
            return step.accept[0] if step.accept else "I do not know"
        raise AssertionError(f"an unexpected question: {question!r}")
