"""What achievements and the skills passport need to know about the lessons on offer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from bleep_tui.core.model import Lesson, SimStep
from bleep_tui.i18n import N_

# DigComp 2.2 competence names, shortened to fit a line at 80 columns.
COMPETENCE_NAMES = {
    "1.1": N_("Browsing and searching for information"),
    "1.2": N_("Judging if information is reliable"),
    "1.3": N_("Managing data and digital content"),
    "2.1": N_("Interacting through digital technologies"),
    "2.2": N_("Sharing through digital technologies"),
    "2.3": N_("Taking part in society online"),
    "2.4": N_("Collaborating through digital technologies"),
    "2.5": N_("Netiquette"),
    "2.6": N_("Managing your digital identity"),
    "3.1": N_("Developing digital content"),
    "3.2": N_("Reworking digital content"),
    "3.3": N_("Copyright and licences"),
    "3.4": N_("Programming"),
    "4.1": N_("Protecting devices"),
    "4.2": N_("Protecting personal data and privacy"),
    "4.3": N_("Protecting health and well-being"),
    "4.4": N_("Protecting the environment"),
    "5.1": N_("Solving technical problems"),
    "5.2": N_("Finding the right digital tool"),
    "5.3": N_("Using digital technology creatively"),
    "5.4": N_("Finding your digital skills gaps"),
}
PROFICIENCY_LEVELS = range(1, 9)  # DigComp 2.2: 1-2 foundation, 3-4 intermediate, 5-6 advanced, 7-8 highly specialised


@dataclass(frozen=True)
class Curriculum:
    modules: dict[str, tuple[str, ...]]  # module id -> its lesson ids
    competences: dict[str, tuple[str, ...]]  # DigComp code -> ids of the lessons that train it
    sim_steps: dict[tuple[str, str], str]  # (lesson id, step id) -> simulation name

    @classmethod
    def of(cls, lessons: Iterable[Lesson]) -> Curriculum:
        modules: dict[str, list[str]] = {}
        competences: dict[str, list[str]] = {}
        sim_steps: dict[tuple[str, str], str] = {}
        for lesson in lessons:
            modules.setdefault(lesson.module, []).append(lesson.id)
            for code in lesson.competences:
                competences.setdefault(code, []).append(lesson.id)
            for step in lesson.steps:
                if isinstance(step, SimStep):
                    sim_steps[(lesson.id, step.id)] = step.sim
        return cls(
            {key: tuple(ids) for key, ids in modules.items()},
            {key: tuple(ids) for key, ids in sorted(competences.items(), key=lambda kv: _code_order(kv[0]))},
            sim_steps,
        )


def _code_order(code: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in code.split("."))


@dataclass(frozen=True)
class Coverage:
    """How many lessons claim each DigComp competence at each proficiency level."""

    claims: dict[str, dict[int, int]]  # every DigComp code, in order -> level -> lessons claiming it there
    lessons_per_level: dict[int, int]  # level -> lessons at it (a lesson with two competences counts once)

    @classmethod
    def of(cls, lessons: Iterable[Lesson]) -> Coverage:
        claims: dict[str, dict[int, int]] = {code: {} for code in COMPETENCE_NAMES}
        lessons_per_level: dict[int, int] = {}
        for lesson in lessons:
            lessons_per_level[lesson.level] = lessons_per_level.get(lesson.level, 0) + 1
            for code in set(lesson.competences):
                claims[code][lesson.level] = claims[code].get(lesson.level, 0) + 1
        return cls(claims, lessons_per_level)

    @property
    def missing(self) -> tuple[str, ...]:
        """The competences no lesson claims."""
        return tuple(code for code, levels in self.claims.items() if not levels)
