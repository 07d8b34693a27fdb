"""The skills passport: mastery of each DigComp competence, from the learner's best results.

Two things count, both from the learner's best run of each lesson that trains the
competence: how many of those lessons were finished (breadth) and their average
best percent (quality). Replaying a lesson can only raise mastery.
"""

from __future__ import annotations

from dataclasses import dataclass

from bleep_tui.core.curriculum import Curriculum
from bleep_tui.core.progress import LessonRecord

ATTEMPTED, FAMILIAR, PROFICIENT, MASTERED = "Attempted", "Familiar", "Proficient", "Mastered"
MASTERY_LEVELS: tuple[str, ...] = (ATTEMPTED, FAMILIAR, PROFICIENT, MASTERED)
# Each level above Attempted (a lesson that trains it was started): (level, percent of its lessons
# finished, lowest average best percent of those). Familiar needs one finished lesson at least.
MASTERY_THRESHOLDS: tuple[tuple[str, int, int], ...] = ((FAMILIAR, 0, 50), (PROFICIENT, 50, 70), (MASTERED, 100, 90))


@dataclass(frozen=True)
class CompetenceMastery:
    code: str
    score: int  # 0-100, for the bar: the mean best percent over all its lessons (not finished counts 0)
    level: str  # "" when no lesson that trains it was started, else one of MASTERY_LEVELS
    lessons: int  # lessons that train it
    completed: int  # of those, finished at least once
    average: int  # the mean best percent of the finished ones

    @property
    def rank(self) -> int:
        return level_rank(self.level)


def level_rank(level: str) -> int:
    """0 for not started, 1 for Attempted ... 4 for Mastered."""
    return MASTERY_LEVELS.index(level) + 1 if level in MASTERY_LEVELS else 0


def competence_mastery(code: str, lesson_ids: tuple[str, ...], records: dict[str, LessonRecord]) -> CompetenceMastery:
    mine = [records[lesson] for lesson in lesson_ids if lesson in records]
    best = [record.best_percent for record in mine if record.completions]
    score = round(sum(best) / len(lesson_ids)) if lesson_ids else 0
    average = round(sum(best) / len(best)) if best else 0
    level = ATTEMPTED if mine else ""
    for name, share, lowest_average in MASTERY_THRESHOLDS:
        if best and len(best) * 100 >= share * len(lesson_ids) and average >= lowest_average:
            level = name
    return CompetenceMastery(code, score, level, len(lesson_ids), len(best), average)


def passport(curriculum: Curriculum, records: dict[str, LessonRecord]) -> dict[str, CompetenceMastery]:
    """Mastery of every competence a lesson on offer trains, in DigComp order."""
    return {code: competence_mastery(code, lessons, records) for code, lessons in curriculum.competences.items()}
