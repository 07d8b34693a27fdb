"""What achievements and the skills passport need to know about the lessons on offer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from bleep_tui.core.model import Lesson, SimStep


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
