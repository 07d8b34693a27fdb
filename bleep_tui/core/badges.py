"""Open Badges 3.0 credentials for what a learner earned, as plain data (signing is in export/badges.py).

Two kinds: each achievement the learner earned (its `achievement_earned` event), and each DigComp
competence of the skills passport that reached Proficient or Mastered (from the lesson that took it
there). The credential is unsigned here; `validFrom` is the time of the event that earned it, the
recipient is their name and learner code, each hashed with a salt, never in the clear.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Mapping

from bleep_tui.core.curriculum import COMPETENCE_NAMES, Curriculum
from bleep_tui.core.events import Event
from bleep_tui.core.mastery import MASTERED, MASTERY_THRESHOLDS, PROFICIENT, competence_mastery, level_rank
from bleep_tui.core.model import Lesson
from bleep_tui.core.progress import LessonRecord

CONTEXTS = ("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")
DIGCOMP_FRAMEWORK = "DigComp 2.2: The Digital Competence Framework for Citizens"
DIGCOMP_URL = "https://publications.jrc.ec.europa.eu/repository/handle/JRC128415"
CREDENTIAL_LEVELS = (PROFICIENT, MASTERED)  # passport levels worth a credential


@dataclass(frozen=True)
class Issuer:
    id: str  # a DID: did:web:learn.example.org, or did:key:z6Mk...
    name: str
    url: str


@dataclass(frozen=True)
class BadgeInfo:
    """An achievement as a credential describes it."""

    title: str
    description: str  # how it is earned: the criteria
    competences: tuple[str, ...] = ()


@dataclass(frozen=True)
class Award:
    """Something the learner earned that a credential can certify."""

    key: str  # names the credential and its files: "achievement-first-lesson", "digcomp-4.2-mastered"
    achievement_path: str  # under the activity base: "achievements/first-lesson", "digcomp/4.2/mastered"
    achievement_type: str  # Open Badges' achievementType: "Badge" or "Competency"
    name: str
    description: str
    criteria: str
    competences: tuple[str, ...]
    valid_from: str  # the time of the event that earned it
    evidence: str  # what the learner did, in words


def _day(at: str) -> str:
    try:
        day = datetime.fromisoformat(at)
    except ValueError:
        return at
    return f"{day.day} {day:%B %Y}"


def _finished_titles(events: Iterable[Event], lessons: Mapping[str, Lesson], until: str) -> list[str]:
    best: dict[str, int] = {}
    for event in events:
        if event.kind == "lesson_finished" and event.at <= until:
            best[event.lesson] = max(best.get(event.lesson, 0), event.percent)
    return [f"{lessons[key].title} ({percent}%)" if key in lessons else f"{key} ({percent}%)" for key, percent in best.items()]


def achievement_awards(events: list[Event], lessons: Mapping[str, Lesson], badges: Mapping[str, BadgeInfo]) -> list[Award]:
    """One award per achievement earned, in the order they were earned; achievements no longer installed are left out."""
    awards: dict[str, Award] = {}
    for event in events:
        info = badges.get(event.achievement)
        if event.kind != "achievement_earned" or info is None or event.achievement in awards:
            continue
        finished = _finished_titles(events, lessons, event.at)
        evidence = f"Earned in BLEEP on {_day(event.at)}. " + (
            f"Lessons finished by then, with the best score in each: {'; '.join(finished)}." if finished else "")
        awards[event.achievement] = Award(
            f"achievement-{event.achievement}", f"achievements/{event.achievement}", "Badge", info.title,
            info.description, info.description, info.competences, event.at, evidence.strip(),
        )
    return list(awards.values())


def competence_awards(events: list[Event], lessons: Mapping[str, Lesson], curriculum: Curriculum) -> list[Award]:
    """One award for each DigComp competence at each of CREDENTIAL_LEVELS the learner reached, dated when they reached it."""
    best: dict[str, LessonRecord] = {}
    reached: dict[tuple[str, str], Award] = {}
    for event in events:
        if event.kind != "lesson_finished" or event.lesson not in lessons:
            continue
        old = best.get(event.lesson)
        best[event.lesson] = LessonRecord(event.lesson, completions=1, best_percent=max(event.percent, old.best_percent if old else 0))
        for code in lessons[event.lesson].competences:
            mastery = competence_mastery(code, curriculum.competences.get(code, ()), best)
            for level in CREDENTIAL_LEVELS:
                if mastery.rank >= level_rank(level) and (code, level) not in reached:
                    reached[(code, level)] = _competence_award(code, level, mastery.completed, mastery.lessons, mastery.average, event,
                                                               [lessons[key].title for key in curriculum.competences.get(code, ()) if key in best])
    return list(reached.values())


def _competence_award(code: str, level: str, completed: int, total: int, average: int, event: Event, titles: list[str]) -> Award:
    name = COMPETENCE_NAMES.get(code, "")
    title = f"DigComp {code} {name}: {level}"
    share, lowest_average = next((share, lowest) for name_, share, lowest in MASTERY_THRESHOLDS if name_ == level)
    criteria = (f"Finish {share}% or more of the BLEEP lessons that train DigComp 2.2 competence {code} ({name}), "
                f"with an average best score of {lowest_average}% or more.")
    evidence = (f"On {_day(event.at)} the learner had finished {completed} of the {total} lessons that train this competence, "
                f"with an average best score of {average}%: {'; '.join(titles)}.")
    return Award(f"digcomp-{code}-{level.lower()}", f"digcomp/{code}/{level.lower()}", "Competency", title,
                 f"Practised in BLEEP's simulations and exercises to the level {level}.", criteria, (code,), event.at, evidence)


def identity_hash(identity: str, salt: str) -> str:
    """Open Badges' hashed identity: "sha256$" and the hex SHA-256 of the identity followed by the salt."""
    return "sha256$" + hashlib.sha256((identity + salt).encode("utf-8")).hexdigest()


def credential(award: Award, issuer: Issuer, activity_base: str, credential_id: str, name: str, code: str, salt: str) -> dict[str, Any]:
    """The OpenBadgeCredential (W3C VC 2.0, Open Badges 3.0) for `award`, unsigned."""
    alignment = [
        {
            "type": ["Alignment"],
            "targetName": f"DigComp 2.2 {code_} {COMPETENCE_NAMES.get(code_, '')}".strip(),
            "targetUrl": DIGCOMP_URL,
            "targetFramework": DIGCOMP_FRAMEWORK,
            "targetCode": code_,
            "targetType": "CFItem",
        }
        for code_ in award.competences
    ]
    achievement: dict[str, Any] = {
        "id": f"{activity_base.rstrip('/')}/{award.achievement_path}",
        "type": ["Achievement"],
        "achievementType": award.achievement_type,
        "name": award.name,
        "description": award.description,
        "criteria": {"narrative": award.criteria},
    }
    if alignment:
        achievement["alignment"] = alignment
    identifiers = [
        {"type": "IdentityObject", "identityType": "name", "hashed": True, "identityHash": identity_hash(name, salt), "salt": salt},
        {"type": "IdentityObject", "identityType": "identifier", "hashed": True, "identityHash": identity_hash(code, salt), "salt": salt},
    ]
    return {
        "@context": list(CONTEXTS),
        "id": credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer.id, "type": ["Profile"], "name": issuer.name, "url": issuer.url},
        "validFrom": award.valid_from,
        "name": award.name,
        "credentialSubject": {"type": ["AchievementSubject"], "identifier": identifiers, "achievement": achievement},
        "evidence": [{"type": ["Evidence"], "name": "What the learner did", "narrative": award.evidence}],
    }
