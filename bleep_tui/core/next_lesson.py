"""The one lesson Home suggests next, and why: from the learner's best results, never a lock.

In this order: a lesson left halfway; a finished lesson with few stars; the next new lesson of a
module already begun, else the first lesson of a module not begun yet; once every lesson is done,
the one with the lowest score that is short of full stars. A new lesson gives way to a lesson it
builds on (`after:` in its file) that is not done yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from bleep_tui.core.model import Lesson, Module
from bleep_tui.core.progress import LessonRecord
from bleep_tui.i18n import _, ngettext

CARRY_ON, PRACTISE, NEW_IN_MODULE, NEW_MODULE, FOUNDATION = "carry_on", "practise", "new_in_module", "new_module", "foundation"
REASONS: tuple[str, ...] = (CARRY_ON, PRACTISE, NEW_IN_MODULE, NEW_MODULE, FOUNDATION)
WEAK_STARS = 1  # a finished lesson with this many stars or fewer comes back before new lessons
FULL_STARS = 3


@dataclass(frozen=True)
class Suggestion:
    lesson: Lesson
    reason: str  # one of REASONS
    stars: int = 0  # PRACTISE: the learner's best stars in it
    builds_on_it: Lesson | None = None  # FOUNDATION: the lesson that builds on this one


def next_lesson(lessons: Sequence[Lesson], records: Mapping[str, LessonRecord]) -> Suggestion | None:
    """What to do next among `lessons` (in the order Home lists them); None when every one has full stars."""
    done = {lesson.id for lesson in lessons if _finished(records.get(lesson.id))}
    for lesson in lessons:
        record = records.get(lesson.id)
        if record and record.in_progress and lesson.id not in done:
            return Suggestion(lesson, CARRY_ON)
    for lesson in lessons:
        record = records.get(lesson.id)
        if lesson.id in done and record.best_stars <= WEAK_STARS:
            return Suggestion(lesson, PRACTISE, record.best_stars)
    new = [lesson for lesson in lessons if lesson.id not in done]
    if new:
        begun = {lesson.module for lesson in lessons if lesson.id in records}
        in_begun_module = [lesson for lesson in new if lesson.module in begun]
        candidate, reason = (in_begun_module[0], NEW_IN_MODULE) if in_begun_module else (new[0], NEW_MODULE)
        foundation = _foundation_not_done(candidate, {lesson.id: lesson for lesson in lessons}, done, {candidate.id})
        if foundation:
            return Suggestion(foundation[0], FOUNDATION, builds_on_it=foundation[1])
        return Suggestion(candidate, reason)
    short = [lesson for lesson in lessons if records[lesson.id].best_stars < FULL_STARS]
    if short:
        weakest = min(short, key=lambda lesson: records[lesson.id].best_percent)
        return Suggestion(weakest, PRACTISE, records[weakest.id].best_stars)
    return None


def _finished(record: LessonRecord | None) -> bool:
    return record is not None and record.completions > 0


def _foundation_not_done(
    lesson: Lesson, by_id: Mapping[str, Lesson], done: set[str], seen: set[str]
) -> tuple[Lesson, Lesson] | None:
    """The deepest lesson `lesson` builds on that is not done, with the lesson that builds on it directly.

    An id that names no lesson on offer is passed over, and `seen` stops a circle of `after:`.
    """
    for foundation_id in lesson.after:
        if foundation_id in done or foundation_id in seen or foundation_id not in by_id:
            continue
        seen.add(foundation_id)
        foundation = by_id[foundation_id]
        return _foundation_not_done(foundation, by_id, done, seen) or (foundation, lesson)
    return None


def why(suggestion: Suggestion, modules: Iterable[Module]) -> str:
    """Why this lesson is suggested, in a few words for the learner."""
    lesson = suggestion.lesson
    module = next((module.title for module in modules if module.id == lesson.module), lesson.module)
    if suggestion.reason == CARRY_ON:
        return _("You stopped halfway: carry on where you left off")
    if suggestion.reason == PRACTISE:
        return ngettext("Your best is {stars} star: practise again", "Your best is {stars} stars: practise again", suggestion.stars).format(
            stars=suggestion.stars
        )
    if suggestion.reason == FOUNDATION and suggestion.builds_on_it:
        return _("Do this before {lesson}").format(lesson=suggestion.builds_on_it.title)
    if suggestion.reason == NEW_IN_MODULE:
        return _("A new lesson in {module}").format(module=module)
    return _("You have not started {module} yet").format(module=module)
