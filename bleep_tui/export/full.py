"""JSON: everything stored about each learner, events included (never a PIN or its hash)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, Iterable, TextIO

from bleep_tui.core.levels import Level
from bleep_tui.core.reports import LearnerData, summarise


def learner_record(learner: LearnerData, levels: tuple[Level, ...]) -> dict[str, Any]:
    summary = summarise(learner, levels)
    return {
        "code": learner.code,
        "name": learner.name,
        "active": learner.active,
        "locked": learner.locked,
        "created": learner.created,
        "groups": list(learner.groups),
        "id_number": learner.id_number,
        "xp": summary.xp,
        "level": {"number": summary.level.number, "name": summary.level.name},
        "lessons_done": summary.lessons_done,
        "last_active": summary.last_active,
        "time_spent_seconds": summary.seconds,
        "lessons": [asdict(record) for record in summary.records.values()],
        "events": [event.to_record() for event in learner.events],
    }


def write_json(learners: Iterable[LearnerData], levels: tuple[Level, ...], out: TextIO) -> None:
    json.dump([learner_record(learner, levels) for learner in learners], out, ensure_ascii=False, indent=2)
    out.write("\n")
