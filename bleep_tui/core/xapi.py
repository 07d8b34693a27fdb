"""xAPI 1.0.3 statements for what a learner did, as plain data (JSON-ready dicts), from their events.

What each event becomes (docs/lrs.md has the whole table):

    lesson_started       attempted  the lesson
    answered             answered   the step, a cmi.interaction (choice, fill-in, sequencing, performance)
    answered (sim, done) passed / failed  each goal of the task, an objective
    lesson_finished      completed  the lesson, and passed / failed it (the pass mark is in stars)
    achievement_earned   earned     the achievement, a badge

The learner is an account (homePage = the installation's URL, name = the learner code): never their
name. A statement's id is derived from its event, so building or sending the statements again gives
the same ids and an LRS keeps one copy. What a learner did in a simulation (a form, their CV) never
goes out: only which goals were met.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from bleep_tui.core.events import Event
from bleep_tui.core.model import ChoiceStep, Lesson, OrderStep, SimStep, Step, TextStep
from bleep_tui.core.progress import seconds_between

XAPI_VERSION = "1.0.3"
CONTENT_LANGUAGE = "en"  # lessons are written in English; the learner's own language goes in the context
# Statement ids are UUID version 5 in this namespace, from the installation, the learner and the event.
STATEMENT_NAMESPACE = uuid.UUID("6f1d7c3e-3b8a-5c7e-9a42-b1e3e9d0c5a4")

VERB = {
    "attempted": "http://adlnet.gov/expapi/verbs/attempted",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "earned": "http://id.tincanapi.com/verb/earned",
}
LESSON_TYPE = "http://adlnet.gov/expapi/activities/lesson"
MODULE_TYPE = "http://adlnet.gov/expapi/activities/module"
INTERACTION_TYPE = "http://adlnet.gov/expapi/activities/cmi.interaction"
OBJECTIVE_TYPE = "http://adlnet.gov/expapi/activities/objective"
BADGE_TYPE = "http://activitystrea.ms/schema/1.0/badge"
PLATFORM = "BLEEP"


@dataclass(frozen=True)
class Installation:
    """Who this BLEEP is to the outside world (settings.toml: installation_url, activity_base, pass_stars)."""

    home_page: str  # the learner accounts' homePage: the installation's URL
    activity_base: str  # every activity IRI starts with this, without a trailing "/"
    pass_stars: int = 2  # a finished lesson with at least this many stars is passed


@dataclass(frozen=True)
class Course:
    """What the statements say about the content: lessons by id, module and achievement titles by id."""

    lessons: Mapping[str, Lesson]
    modules: Mapping[str, str] = field(default_factory=dict)
    achievements: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Statement:
    event_index: int  # the place in the learner's history of the event it comes from
    data: dict[str, Any]


def statement_id(installation: Installation, code: str, event: Event, role: str = "") -> str:
    """The same event of the same learner here always gives the same id; `role` tells apart statements of one event."""
    key = json.dumps([installation.home_page, code, role, event.to_record()], sort_keys=True, ensure_ascii=False)
    return str(uuid.uuid5(STATEMENT_NAMESPACE, key))


def iso_duration(seconds: int) -> str:
    """ISO 8601: 754 -> "PT12M34S"."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{secs}S" if secs or not (hours or minutes) else "")
    return "PT" + parts


def _score(raw: int, maximum: int) -> dict[str, Any]:
    """raw/min/max/scaled; without max and scaled when there is no maximum to scale by."""
    raw = max(0, raw)
    if maximum <= 0:
        return {"raw": raw, "min": 0}
    raw = min(raw, maximum)
    return {"raw": raw, "min": 0, "max": maximum, "scaled": round(raw / maximum, 4)}


class _Builder:
    def __init__(self, code: str, course: Course, installation: Installation, language: str) -> None:
        self.code, self.course, self.installation, self.language = code, course, installation, language or CONTENT_LANGUAGE
        self.base = installation.activity_base.rstrip("/")
        self.actor = {"objectType": "Agent", "account": {"homePage": installation.home_page, "name": code}}

    def iri(self, *parts: str) -> str:
        return "/".join((self.base, *parts))

    def lesson_activity(self, lesson_id: str) -> dict[str, Any]:
        activity: dict[str, Any] = {"objectType": "Activity", "id": self.iri("lessons", lesson_id)}
        lesson = self.course.lessons.get(lesson_id)
        definition: dict[str, Any] = {"type": LESSON_TYPE}
        if lesson is not None:
            definition["name"] = {CONTENT_LANGUAGE: lesson.title}
            if lesson.summary.strip():
                definition["description"] = {CONTENT_LANGUAGE: " ".join(lesson.summary.split())}
        activity["definition"] = definition
        return activity

    def step_activity(self, lesson_id: str, step: Step | None, step_id: str) -> dict[str, Any]:
        definition: dict[str, Any] = {"type": INTERACTION_TYPE}
        if step is not None:
            definition.update(_interaction(step))
        return {"objectType": "Activity", "id": self.iri("lessons", lesson_id, "steps", step_id), "definition": definition}

    def context(self, run: str, lesson_id: str, parents: Sequence[dict[str, Any]]) -> dict[str, Any]:
        lesson = self.course.lessons.get(lesson_id)
        activities: dict[str, Any] = {}
        if parents:
            activities["parent"] = list(parents)
        if lesson is not None:
            module = {"objectType": "Activity", "id": self.iri("modules", lesson.module), "definition": {"type": MODULE_TYPE}}
            title = self.course.modules.get(lesson.module)
            if title:
                module["definition"]["name"] = {CONTENT_LANGUAGE: title}
            activities["grouping"] = [module]
            if lesson.competences:
                activities["other"] = [self.competence(code) for code in lesson.competences]
        context: dict[str, Any] = {"platform": PLATFORM, "language": self.language}
        if run:
            context["registration"] = str(uuid.uuid5(STATEMENT_NAMESPACE, f"{self.installation.home_page}\n{self.code}\nrun {run}"))
        if activities:
            context["contextActivities"] = activities
        return context

    def competence(self, code: str) -> dict[str, Any]:
        return {
            "objectType": "Activity",
            "id": self.iri("digcomp", code),
            "definition": {"type": OBJECTIVE_TYPE, "name": {CONTENT_LANGUAGE: f"DigComp 2.2 competence {code}"}},
        }

    def statement(self, event: Event, role: str, verb: str, activity: dict[str, Any], context: dict[str, Any] | None,
                  result: dict[str, Any] | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": statement_id(self.installation, self.code, event, role),
            "actor": self.actor,
            "verb": {"id": VERB[verb], "display": {"en-US": verb}},
            "object": activity,
            "timestamp": event.at,
            "version": XAPI_VERSION,
        }
        if result:
            data["result"] = result
        if context:
            data["context"] = context
        return data


def _interaction(step: Step) -> dict[str, Any]:
    """The cmi.interaction definition of a scored step; responses name options and items by their place in the lesson file."""
    definition: dict[str, Any] = {}
    if step.title:
        definition["name"] = {CONTENT_LANGUAGE: step.title}
    prompt = getattr(step, "prompt", "") or getattr(step, "task", "")
    if prompt.strip():
        definition["description"] = {CONTENT_LANGUAGE: " ".join(prompt.split())}
    if isinstance(step, ChoiceStep):
        definition["interactionType"] = "choice"
        definition["choices"] = [{"id": str(i), "description": {CONTENT_LANGUAGE: o.text}} for i, o in enumerate(step.options)]
        definition["correctResponsesPattern"] = ["[,]".join(str(i) for i in sorted(step.correct_indexes))]
    elif isinstance(step, TextStep):
        definition["interactionType"] = "fill-in"
        case = "" if step.case_sensitive else "{case_matters=false}"
        if [a for a in step.accept if a.strip()]:
            definition["correctResponsesPattern"] = [case + a for a in step.accept if a.strip()]
    elif isinstance(step, OrderStep):
        definition["interactionType"] = "sequencing"
        definition["choices"] = [{"id": str(i), "description": {CONTENT_LANGUAGE: item}} for i, item in enumerate(step.items)]
        definition["correctResponsesPattern"] = ["[,]".join(str(i) for i in range(len(step.items)))]
    elif isinstance(step, SimStep):
        definition["interactionType"] = "performance"
        definition["steps"] = [{"id": f"goal-{n}", "description": {CONTENT_LANGUAGE: g.label}} for n, g in enumerate(step.goals, 1)]
    else:
        definition["interactionType"] = "other"
    return definition


def _response(step: Step | None, answer: Any, goals_met: Sequence[bool]) -> str:
    if isinstance(step, SimStep):
        return "[,]".join(f"goal-{n}[.]{'met' if met else 'missed'}" for n, met in enumerate(goals_met, 1))
    if isinstance(answer, str):
        return answer.strip()
    if isinstance(answer, list) and all(isinstance(item, int) for item in answer):
        return "[,]".join(str(item) for item in (sorted(answer) if isinstance(step, ChoiceStep) else answer))
    return ""


def _goals_met(step: SimStep, event: Event) -> tuple[bool, ...]:
    from bleep_tui.core.scoring import score_sim

    try:
        return tuple(result.met for result in score_sim(step, event.answer or (), event.hints).goals)
    except (KeyError, TypeError, ValueError):  # a trace an older simulation wrote: its goals are not known
        return ()


def learner_statements(code: str, events: Iterable[Event], course: Course, installation: Installation, language: str = "") -> list[Statement]:
    """Every statement of the learner's history, oldest first, each with the place of the event it comes from."""
    builder = _Builder(code, course, installation, language)
    started: dict[str, str] = {}  # run -> when it started
    statements: list[Statement] = []
    for index, event in enumerate(events):
        for data in _of_event(builder, event, started):
            statements.append(Statement(index, data))
    return statements


def _of_event(b: _Builder, event: Event, started: dict[str, str]) -> list[dict[str, Any]]:
    lesson = b.course.lessons.get(event.lesson)
    if event.kind == "lesson_started":
        started[event.run] = event.at
        return [b.statement(event, "", "attempted", b.lesson_activity(event.lesson), b.context(event.run, event.lesson, ()))]
    if event.kind == "answered":
        return _answered(b, event, lesson)
    if event.kind == "lesson_finished":
        maximum = lesson.max_points if lesson is not None else 0
        passed = event.stars >= b.installation.pass_stars
        score = _score(event.points - event.bonus, maximum)
        if maximum:
            score["scaled"] = round(min(event.percent, 100) / 100, 4)  # the percent the learner was shown
        extensions = {b.iri("extensions", "stars"): event.stars, b.iri("extensions", "bonus"): event.bonus}
        result: dict[str, Any] = {"score": score, "success": passed, "completion": True, "extensions": extensions}
        if event.run in started:
            result["duration"] = iso_duration(seconds_between(started[event.run], event.at))
        activity, context = b.lesson_activity(event.lesson), b.context(event.run, event.lesson, ())
        verdict = {key: value for key, value in result.items() if key != "completion"}
        return [
            b.statement(event, "completed", "completed", activity, context, result),
            b.statement(event, "verdict", "passed" if passed else "failed", activity, context, verdict),
        ]
    if event.kind == "achievement_earned":
        definition: dict[str, Any] = {"type": BADGE_TYPE}
        title = b.course.achievements.get(event.achievement)
        if title:
            definition["name"] = {CONTENT_LANGUAGE: title}
        activity = {"objectType": "Activity", "id": b.iri("achievements", event.achievement), "definition": definition}
        context = {"platform": PLATFORM, "language": b.language}
        return [b.statement(event, "", "earned", activity, context, {"extensions": {b.iri("extensions", "points"): event.points}})]
    return []


def _answered(b: _Builder, event: Event, lesson: Lesson | None) -> list[dict[str, Any]]:
    step = next((s for s in lesson.steps if s.id == event.step), None) if lesson is not None else None
    goals_met = _goals_met(step, event) if isinstance(step, SimStep) else ()
    result: dict[str, Any] = {"success": bool(event.correct), "completion": bool(event.finished)}
    response = _response(step, event.answer, goals_met)
    if response:
        result["response"] = response
    result["score"] = _score(event.points - event.bonus, step.points if step is not None else 0)
    result["extensions"] = {
        b.iri("extensions", "try"): event.try_number,
        b.iri("extensions", "hints"): event.hints,
        b.iri("extensions", "bonus"): event.bonus,
    }
    step_activity = b.step_activity(event.lesson, step, event.step)
    lesson_activity = b.lesson_activity(event.lesson)
    statements = [b.statement(event, "", "answered", step_activity, b.context(event.run, event.lesson, (lesson_activity,)), result)]
    if isinstance(step, SimStep) and event.finished:
        goal_context = b.context(event.run, event.lesson, ({"objectType": "Activity", "id": step_activity["id"]}, lesson_activity))
        for number, (goal, met) in enumerate(zip(step.goals, goals_met), 1):
            activity = {
                "objectType": "Activity",
                "id": f"{step_activity['id']}/goals/{number}",
                "definition": {"type": OBJECTIVE_TYPE, "name": {CONTENT_LANGUAGE: goal.label}},
            }
            goal_result = {"success": met, "score": _score(goal.points if met else 0, goal.points)}
            statements.append(b.statement(event, f"goal {number}", "passed" if met else "failed", activity, goal_context, goal_result))
    return statements
