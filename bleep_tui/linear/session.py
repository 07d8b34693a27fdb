"""Linear mode (`bleep --linear`): the lessons as a conversation, for screen readers, braille displays and pipes.

The same lessons, answer flow (core/lesson_play.py), store, scoring and badges as the full-screen
app; only the way they are shown differs. At every question: `?` a hint (or help), `r` says it
again, `q` leaves (a lesson keeps its place, as Esc does in the app).
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

from bleep_tui.core.achievements import badges_now, earned_event
from bleep_tui.core.events import Event
from bleep_tui.core.lesson_play import LessonPlay, right_answer
from bleep_tui.core.model import ChoiceStep, InfoStep, Lesson, Module, OrderStep, SimStep, TextStep
from bleep_tui.core.next_lesson import next_lesson, why
from bleep_tui.core.progress import Progress, Snapshot
from bleep_tui.core.scoring import Outcome
from bleep_tui.core.streaks import local_zone
from bleep_tui.core.text import clean_name
from bleep_tui.i18n import Language, _, ngettext, speak
from bleep_tui.linear.machines import Machine, machine_for
from bleep_tui.linear.talk import HINT, LEAVE, REPEAT, Conversation, numbers, plain_markdown, stars_in_words
from bleep_tui.store.files import DamagedFile, StoreError
from bleep_tui.store.learner import LearnerStore
from bleep_tui.store.settings import Settings, load_settings

NEXT = "n"  # on the lesson list: start the lesson suggested next
MORE_INPUT, LEFT, ENDED = "more", "left", "ended"  # how a step ended: go on, the learner left, the input ended


class Ended(Exception):
    """The input ended (the pipe closed, Ctrl+D): every answer is already saved, so linear mode simply stops."""


class Linear:
    """One learner's session in linear mode."""

    def __init__(self, data_dir: Path, settings: Settings, talk: Conversation, store: LearnerStore, language: Language) -> None:
        from bleep_tui.store.compiled import shipped_content

        self.data_dir, self.settings, self.talk, self.store = data_dir, settings, talk, store
        self.content = shipped_content(data_dir, language.shown)

    def ask(self, prompt: str) -> str:
        typed = self.talk.ask(prompt)
        if typed is None:
            raise Ended
        return typed

    def record(self, event: Event) -> bool:
        try:
            self.store.record(event)
        except StoreError as error:
            self.talk.say(_("Your answer could not be saved: {reason}. Please tell your facilitator.").format(reason=error))
            return False
        return True

    def progress(self) -> Progress:
        try:
            return self.store.progress()
        except StoreError as error:
            self.talk.say(str(error))
            return Progress()

    def snapshot(self) -> Snapshot:
        return self.progress().snapshot(self.content.levels)

    # The lesson list

    def home(self) -> None:
        """The lesson list, until the learner leaves (q)."""
        catalog = self.content.catalog
        modules = [module for module in catalog.modules if catalog.in_module(module.id)]
        self.say_home(modules)
        while True:
            typed = self.ask(_("Type a module's number, n for the next lesson, r to hear this again, q to leave:")).strip().lower()
            if typed == LEAVE:
                return
            if typed in (REPEAT, HINT, ""):
                self.say_home(modules)
                continue
            if typed == NEXT:
                suggestion = next_lesson(list(catalog.lessons.values()), self.snapshot().records)
                if suggestion:
                    self.play(suggestion.lesson)
                    self.say_home(modules)
                continue
            picked = numbers(typed)
            if picked and 1 <= picked[0] <= len(modules):
                self.module(modules[picked[0] - 1].id)
                self.say_home(modules)
            else:
                self.talk.say(_("There is no module {typed}.").format(typed=typed))

    def say_home(self, modules: list[Module]) -> None:
        catalog = self.content.catalog
        progress = self.snapshot()
        level = progress.level
        self.talk.blank()
        self.talk.say(_("Level {number}: {name}.").format(number=level.number, name=level.name) + " "
                      + _("{xp} XP, {left} to the next level").format(xp=progress.xp, left=level.to_next) + ".")
        suggestion = next_lesson(list(catalog.lessons.values()), progress.records)
        if suggestion:
            self.talk.say(_("Next for you: {lesson}. {why}. Type n to start it.").format(
                lesson=suggestion.lesson.title, why=why(suggestion, catalog.modules)))
        self.talk.say(_("Modules:"))
        for number, module in enumerate(modules, 1):
            lessons = catalog.in_module(module.id)
            done = sum(1 for lesson in lessons if (record := progress.records.get(lesson.id)) and record.completions)
            self.talk.say(f"{number}. {module.title}: " + _("{done} of {total}").format(done=done, total=len(lessons)) + " " + _("done"))

    def module(self, module_id: str) -> None:
        lessons = self.content.catalog.in_module(module_id)
        self.say_lessons(lessons)
        while True:
            typed = self.ask(_("Type a lesson's number, r to hear the list again, q to go back:")).strip().lower()
            if typed == LEAVE:
                return
            picked = numbers(typed)
            if picked and 1 <= picked[0] <= len(lessons):
                self.play(lessons[picked[0] - 1])
                return
            if typed not in (REPEAT, HINT, ""):
                self.talk.say(_("There is no lesson {typed}.").format(typed=typed))
            self.say_lessons(lessons)

    def say_lessons(self, lessons: list[Lesson]) -> None:
        records = self.snapshot().records
        for number, lesson in enumerate(lessons, 1):
            record = records.get(lesson.id)
            if record and record.completions:
                state = stars_in_words(record.best_stars) + ", " + _("{percent} of the points").format(percent=f"{record.best_percent}%")
            elif record and record.in_progress:
                state = _("started")
            else:
                state = _("new")
            minutes = ngettext("{n} minute", "{n} minutes", lesson.minutes).format(n=lesson.minutes)
            self.talk.say(f"{number}. {lesson.title} ({minutes}, {state})")

    # A lesson

    def play(self, lesson: Lesson) -> None:
        open_id = self.progress().open_run_of(lesson.id)
        play = LessonPlay.begin(lesson, None if open_id is None else self.store.run_events(open_id), self.record)
        if play is None:
            return
        self.talk.blank()
        self.talk.say(_("Lesson: {title}.").format(title=lesson.title), lesson.summary.strip())
        while not play.over:
            if self.step(play) == LEFT:
                self.talk.say(_("You left the lesson. Your place is saved: you come back to the same step."))
                return
            play.next_step()
        self.finish(play)

    def step(self, play: LessonPlay) -> str:
        step = play.step
        self.talk.blank()
        header = _("Step {n} of {total}").format(n=play.index + 1, total=len(play.lesson.steps))
        if step.scored:
            header += ", " + ngettext("{points} point", "{points} points", step.points).format(points=step.points)
        self.talk.say(header + ".")
        if step.title:
            self.talk.say(step.title)
        if isinstance(step, InfoStep):
            return self.info(play)
        if isinstance(step, SimStep):
            return self.sim(play, step)
        return self.question(play)

    def info(self, play: LessonPlay) -> str:
        step = play.step
        assert isinstance(step, InfoStep)
        self.talk.say(*plain_markdown(step.text))
        while True:
            typed = self.ask(_("Press Enter to go on (r: again, q: leave):")).strip().lower()
            if typed == LEAVE:
                return LEFT
            if typed == REPEAT:
                self.talk.say(*plain_markdown(step.text))
                continue
            if typed == HINT:
                self.talk.say(_("There is no more help for this step."))
                continue
            return MORE_INPUT if play.read() else LEFT

    def say_question(self, play: LessonPlay) -> None:
        step = play.step
        self.talk.say(getattr(step, "prompt", "").strip())
        if isinstance(step, ChoiceStep):
            for number, index in enumerate(play.option_order(), 1):
                self.talk.say(f"{number}. {step.options[index].text}")
        elif isinstance(step, OrderStep):
            for number, index in enumerate(play.item_order(), 1):
                self.talk.say(f"{number}. {step.items[index]}")

    def how_to_answer(self, step: object) -> str:
        if isinstance(step, ChoiceStep) and step.multiple:
            return _("Type the numbers of every right answer, like 1 3:")
        if isinstance(step, ChoiceStep):
            return _("Type the number of your answer:")
        if isinstance(step, OrderStep):
            return _("Type the numbers in the right order, like 3 1 2:")
        return _("Type your answer:")

    def given(self, play: LessonPlay, typed: str) -> object | None:
        """What was typed as an answer to the step; None when it cannot be one (a number that is not there)."""
        step = play.step
        if isinstance(step, TextStep):
            return typed
        picked = numbers(typed) or []
        shown = play.option_order() if isinstance(step, ChoiceStep) else play.item_order()
        if not all(1 <= n <= len(shown) for n in picked) or len(set(picked)) != len(picked):
            return None
        if isinstance(step, OrderStep) and picked and len(picked) != len(shown):
            return None
        chosen = [shown[n - 1] for n in picked]
        return tuple(sorted(chosen)) if isinstance(step, ChoiceStep) else tuple(chosen)

    def question(self, play: LessonPlay) -> str:
        step = play.step
        self.say_question(play)
        self.say_hints(play)
        while True:
            typed = self.ask(self.how_to_answer(step) + " " + _("(? hint, r again, q leave)"))
            command = typed.strip().lower()
            if command == LEAVE:
                return LEFT
            if command == REPEAT:
                self.say_question(play)
                continue
            if command == HINT:
                self.hint(play)
                continue
            given = self.given(play, typed)
            if given is None:
                self.talk.say(_("Use the numbers of the list, each once.") if isinstance(step, ChoiceStep)
                              else _("Type every number of the list once, in the order you think is right."))
                continue
            answered = play.answer(given)  # type: ignore[arg-type]
            if answered.empty:
                self.talk.say(_("Type your answer first.") if isinstance(step, TextStep)
                              else _("Change the order first: type the numbers in the right order."))
                continue
            if answered.outcome is None:
                self.talk.say(_("Your answer could not be saved, so it was not marked. Try again, or tell your facilitator."))
                continue
            self.say_outcome(play, answered.outcome, answered.tries_left)
            if answered.outcome.finished:
                return self.go_on()

    def go_on(self) -> str:
        return LEFT if self.ask(_("Press Enter to go on (q: leave):")).strip().lower() == LEAVE else MORE_INPUT

    def hint(self, play: LessonPlay) -> None:
        if not play.hint_allowed():
            self.talk.say(_("There is no more help for this step."))
            return
        hint = play.show_hint()
        if hint is not None:
            self.talk.say(_("Hint {n}: ").format(n=play.state.hints) + hint.strip())

    def say_hints(self, play: LessonPlay) -> None:
        for number, hint in enumerate(play.step.hints[: play.state.hints], 1):
            self.talk.say(_("Hint {n}: ").format(n=number) + hint.strip())

    def say_outcome(self, play: LessonPlay, outcome: Outcome, tries_left: int) -> None:
        step = play.step
        if outcome.goals:
            met = sum(1 for result in outcome.goals if result.met)
            self.talk.say(_("Task finished: {met} of {total} goals met.").format(met=met, total=len(outcome.goals)) + " " + points(outcome))
            for result in outcome.goals:
                mark = _("Done:") if result.met else _("Missed:")
                self.talk.say(f"{mark} {result.goal.label}" + (f" (+{result.goal.points})" if result.met else ""))
                note = result.goal.praise if result.met else result.goal.feedback
                if note:
                    self.talk.say(note.strip())
        elif outcome.correct:
            self.talk.say(_("Right!") + " " + points(outcome))
        else:
            self.talk.say(_("Not quite."))
        if not outcome.goals:
            self.talk.say(*(line.strip() for line in outcome.feedback if line.strip()))
            if outcome.missed:
                self.talk.say(ngettext("You missed {n} right answer.", "You missed {n} right answers.", outcome.missed).format(n=outcome.missed))
            if not outcome.finished:
                self.talk.say(ngettext("Try again: {n} try left.", "Try again: {n} tries left.", tries_left).format(n=tries_left))
        if outcome.finished:
            if not outcome.correct and not outcome.goals:
                self.talk.say(_("The right answer: ") + right_answer(step).strip())
            self.talk.say(*plain_markdown(step.explanation))

    # A simulation

    def sim(self, play: LessonPlay, step: SimStep) -> str:
        from bleep_tui.core.sims import registry
        from bleep_tui.core.sims.forms import FormScenario
        from bleep_tui.core.sims.kept_forms import with_kept_values

        scenario = step.scenario
        if isinstance(scenario, FormScenario) and scenario.keeps:
            scenario = with_kept_values(scenario, self.store.events())
        model = registry()[step.sim].new_model(scenario)
        if isinstance(play.state.draft, dict):
            model.resume_task(play.state.draft)
        machine = machine_for(step.sim, model, play.lesson.currency)
        self.talk.say(step.task.strip(), _("A simulation: what it shows, then what you can do, by number."))
        self.say_hints(play)
        kept = model.task_draft()
        while not model.finished:
            self.say_machine(machine)
            typed = self.ask(_("Type a number (? hint, r again, q leave):")).strip().lower()
            if typed == LEAVE:
                if self.talk.yes(_("Leave this task? Your other answers are saved. On a form, the pages you have moved on from are "
                                   "kept too; anything else in this task starts again when you come back.")):
                    return LEFT
                continue
            if typed == HINT:
                self.hint(play)
                continue
            if typed == REPEAT:
                continue
            actions = machine.actions()
            picked = numbers(typed)
            if not picked or not 1 <= picked[0] <= len(actions):
                self.talk.say(_("Type one of the numbers of the list."))
                continue
            actions[picked[0] - 1].do(self.talk)
            draft = model.task_draft()
            if draft is not None and draft is not kept and not model.finished:
                kept = draft
                play.save("sim_draft", answer=draft)
        answered = play.answer(tuple(entry.to_record() for entry in model.trace))
        if answered.outcome is None:
            self.talk.say(_("Your answer could not be saved, so it was not marked. Try again, or tell your facilitator."))
            return LEFT
        self.say_outcome(play, answered.outcome, answered.tries_left)
        return self.go_on()

    def say_machine(self, machine: Machine) -> None:
        self.talk.blank()
        self.talk.say(*machine.shows())
        self.talk.say(_("What you can do:"))
        self.talk.say(*(f"{number}. {action.label}" for number, action in enumerate(machine.actions(), 1)))

    # The end of a lesson

    def finish(self, play: LessonPlay) -> None:
        before = self.snapshot()
        result = play.finish()
        if result is None:
            return
        now = datetime.now(timezone.utc)
        _facts, earned = badges_now(self.content.achievements, self.progress(), self.content.catalog.lessons.values(),
                                    now, local_zone(), self.settings.paused_weeks)
        badges = [badge.achievement for badge in earned if badge.new and badge.achievement and self.record(earned_event(badge))]
        after = self.snapshot()
        self.talk.blank()
        self.talk.say(_("Lesson complete: ") + play.lesson.title)
        self.talk.say(stars_in_words(result.stars) + ". " + _("{percent} of the points").format(percent=f"{result.percent}%") + ".")
        self.talk.say(_("Points: {points} of {max}").format(points=result.points, max=result.max_points))
        gained = after.xp - before.xp
        if gained > 0:
            self.talk.say(_("You gained {xp} XP. Total: {total} XP").format(xp=gained, total=after.xp))
        else:
            self.talk.say(_("No new XP: your best result on this lesson still counts. Total: {total} XP").format(total=after.xp))
        if after.level.number > before.level.number:
            self.talk.say(_("LEVEL UP! You are now level {number}: {name}").format(number=after.level.number, name=after.level.name))
        for achievement in badges:
            self.talk.say(ngettext("NEW BADGE!", "NEW BADGES!", 1) + f" {achievement.title} +{achievement.points}")
        self.go_on()


def points(outcome: Outcome) -> str:
    said = ngettext("+{n} point", "+{n} points", outcome.points).format(n=outcome.points)
    if outcome.bonus:
        said += " " + _("(with a first-try bonus of {n})").format(n=outcome.bonus)
    return said


def welcome(talk: Conversation, store: LearnerStore) -> bool:
    """A new learner on a personal installation gives a name; False when the input ended first."""
    talk.say(_("Welcome to BLEEP"), _(
        "Here you practise everyday digital tasks: cash machines, card payments, "
        "email, forms and more. Everything is a safe practice: no real money, "
        "no internet. Mistakes only cost points, and your progress is saved "
        "after every answer."))
    while True:
        typed = talk.ask(_("What should we call you? (a first name or a nickname)"))
        if typed is None:
            return False
        name = clean_name(typed)
        if not name:
            talk.say(_("Please type a name, then press Enter."))
            continue
        try:
            store.create(name)
        except StoreError as problem:
            talk.say(_("Your name could not be saved: {reason}").format(reason=problem))
            continue
        return True


def login(talk: Conversation, data_dir: Path) -> str | None:
    """Shared mode: a learner's code once their code and PIN are right; None when the input ended."""
    from bleep_tui.store.accounts import AccountStore, login_message
    from bleep_tui.store.audit import where_from

    talk.say(_("BLEEP: log in"), _("Type your learner code, press Enter, then your PIN and Enter. Your facilitator gives you both."))
    while True:
        code = talk.ask(_("Learner code:"))
        if code is None:
            return None
        pin = talk.ask(_("PIN:"))
        if pin is None:
            return None
        if not code.strip() or not pin.strip():
            talk.say(_("Type your learner code and your PIN."))
            continue
        try:
            result = AccountStore(data_dir).login(code.strip(), pin.strip(), where_from())
        except DamagedFile:
            talk.say(_("Logging in is not possible right now: a file BLEEP keeps is damaged. Nothing was changed.\n"
                       "Please tell your facilitator: `bleep doctor` shows what is wrong."))
            return None
        except StoreError as error:
            talk.say(_("Logging in is not possible right now: {reason}. Please tell your facilitator.").format(reason=error))
            return None
        if result.status == "ok":
            return result.code
        talk.say(login_message(result))


def run(data_dir: Path, reader: TextIO, writer: TextIO) -> int:
    """Linear mode from the first line to the last; the exit status."""
    talk = Conversation(reader, writer)
    settings = load_settings(data_dir)
    if settings.unusable:
        talk.say(_("BLEEP cannot start: the settings file cannot be used ({reason}). "
                   "Nothing was changed. Please tell your facilitator.").format(reason=settings.unusable))
        return 1
    language = Language()
    speak(language)
    talk.say(_("BLEEP in linear mode: one line at a time. At every question, ? gives help, r says it again and q leaves."))
    for problem in settings.problems:
        talk.say(problem)
    try:
        if settings.mode != "shared":
            return personal(data_dir, settings, talk, language)
        while True:  # a shared terminal: after a learner leaves, the next one logs in
            code = login(talk, data_dir)
            if code is None:
                return 0
            store = LearnerStore(data_dir, code)
            profile = store.profile()
            language.switch(profile.language if profile and profile.language else None)
            Linear(data_dir, settings, talk, store, language).home()
            language.switch(None)
            talk.say(_("You are logged out. Your progress is saved."))
    except Ended:
        return 0
    except StoreError as error:
        talk.say(_("BLEEP cannot start: {reason}").format(reason=error))
        return 1


def personal(data_dir: Path, settings: Settings, talk: Conversation, language: Language) -> int:
    store = LearnerStore(data_dir)
    profile = store.profile()
    if profile is None:
        if not welcome(talk, store):
            return 0
    elif profile.language:
        language.switch(profile.language)
    store.progress()  # a damaged record stops here (StoreError), before anything is added to it
    Linear(data_dir, settings, talk, store, language).home()
    return 0
