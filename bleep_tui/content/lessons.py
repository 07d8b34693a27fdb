"""Lesson files (format 1, see docs/authoring.md) into typed Lessons, or clear problems."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bleep_tui.content.giveaways import giveaways
from bleep_tui.content.problems import ContentError, Problem
from bleep_tui.content.real_banks import real_bank_problems
from bleep_tui.content.yamlread import Fields, compose
from bleep_tui.core.answers import VALIDATORS, amount_in_cents
from bleep_tui.core.model import (
    STEP_TYPES,
    ChoiceStep,
    InfoStep,
    Lesson,
    Goal,
    Option,
    OrderStep,
    SimStep,
    Step,
    TextStep,
    WrongAnswer,
)
from bleep_tui.core.scoring import default_hint_cost

FORMAT_VERSION = 1
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
DIGCOMP_CODES = frozenset(
    f"{area}.{n}" for area, count in ((1, 3), (2, 6), (3, 4), (4, 4), (5, 4)) for n in range(1, count + 1)
)
DEFAULT_POINTS = 10
MAX_OPTIONS = 8


def load_lesson(path: Path, module_ids: frozenset[str], warnings: list[Problem] | None = None, root: yaml.Node | None = None) -> Lesson:
    """The lesson in `path` (or in `root`, its nodes already composed and translated), or ContentError listing every problem.

    Given a `warnings` list, adds to it what a learner could answer without knowing (content/giveaways.py).
    """
    problems: list[Problem] = []
    top = Fields(path, compose(path) if root is None else root, "", problems)
    if problems:
        raise ContentError(problems)
    version = top.integer("format", 1, 99)
    if version not in (0, FORMAT_VERSION):
        top.problem(top.node_of("format"), f"unknown lesson format {version}; this version of bleep reads format {FORMAT_VERSION}")
    lesson_id = _identifier(top, "id")
    module = top.text("module")
    if module and module not in module_ids:
        top.problem(top.node_of("module"), f"unknown module `{module}`; use one of: {', '.join(sorted(module_ids))}")
    competences = top.text_list_with_nodes("competences")
    for code, node in competences:
        if code not in DIGCOMP_CODES:
            top.problem(node, f"`{code}` is not a DigComp 2.2 competence code (1.1 to 5.4)")
    if not competences and "competences" in top.values:
        top.problem(top.node_of("competences"), "name at least one DigComp competence")
    lesson = Lesson(
        id=lesson_id,
        title=top.text("title"),
        module=module,
        after=_after(top, lesson_id),
        summary=top.text("summary"),
        competences=tuple(code for code, _node in competences),
        level=top.integer("level", 1, 8),
        minutes=top.integer("minutes", 1, 120),
        steps=_steps(top, warnings),
    )
    top.reject_unknown()
    problems.extend(real_bank_problems(path, path.read_text(encoding="utf-8")))
    if problems:
        raise ContentError(problems)
    return lesson


def _identifier(fields: Fields, key: str) -> str:
    value = fields.text(key)
    if value and not ID_PATTERN.fullmatch(value):
        fields.problem(fields.node_of(key), f"`{fields.field(key)}` must be lower-case letters, digits and `-` (got `{value}`)")
    return value


def _after(top: Fields, lesson_id: str) -> tuple[str, ...]:
    """The lessons this one builds on; whether they exist is checked over all lessons (catalog.unknown_after)."""
    after = top.text_list_with_nodes("after", required=False)
    for foundation_id, node in after:
        if foundation_id == lesson_id:
            top.problem(node, "a lesson cannot come after itself; name the lessons it builds on in `after`")
    return tuple(foundation_id for foundation_id, _node in after)


def _steps(top: Fields, warnings: list[Problem] | None) -> tuple[Step, ...]:
    steps: list[Step] = []
    seen: set[str] = set()
    step_fields = top.mappings("steps")
    if "steps" in top.values and not step_fields:
        top.problem(top.node_of("steps"), "a lesson needs at least one step")
    for fields in step_fields:
        step = _step(fields)
        if step is None:
            continue
        if step.id in seen:
            fields.problem(fields.node_of("id"), f"step id `{step.id}` is used twice")
        seen.add(step.id)
        steps.append(step)
        if warnings is not None and isinstance(step, ChoiceStep):
            _warn_giveaways(fields, step, warnings)
    if steps and not any(step.scored for step in steps):
        top.problem(top.node_of("steps"), "a lesson needs at least one step that asks something (choice, text or order)")
    return tuple(steps)


def _step(fields: Fields) -> Step | None:
    if not fields.is_mapping:
        return None
    step_type = fields.text("type")
    if step_type and step_type not in STEP_TYPES:
        fields.problem(fields.node_of("type"), f"unknown step type `{step_type}`; use one of: {', '.join(STEP_TYPES)}")
        return None
    step_id = _identifier(fields, "id")
    if step_type == "info":
        step: Step = InfoStep(id=step_id, type="info", title=fields.text("title", required=False), text=fields.text("text"))
        fields.reject_unknown()
        return step
    if step_type == "sim" and "points" in fields.values:
        fields.error("points", "a sim step's points are the sum of its goals' points; remove `points`")
    points = fields.integer("points", 0, 1000, required=False, default=DEFAULT_POINTS) if step_type != "sim" else 0
    common = dict(
        id=step_id,
        title=fields.text("title", required=False),
        points=points,
        hints=tuple(fields.text_list("hints", required=False)),
        hint_cost=fields.integer("hint_cost", 0, 1000, required=False, default=default_hint_cost(points)) if step_type != "sim" else 0,
        explanation=fields.text("explanation"),
    )
    if step_type == "choice":
        step = _choice(fields, common)
    elif step_type == "text":
        step = _text(fields, common)
    elif step_type == "order":
        step = _order(fields, common)
    elif step_type == "sim":
        step = _sim(fields, common)
    else:
        return None
    fields.reject_unknown()
    return step


def _choice(fields: Fields, common: dict) -> ChoiceStep:
    multiple = fields.boolean("multiple")
    options: list[Option] = []
    option_fields = fields.mappings("options")
    for option in option_fields:
        correct = option.boolean("correct")
        text = option.text("text")
        feedback = option.text("feedback", required=not correct)
        pinned = option.boolean("pinned")
        option.reject_unknown()
        options.append(Option(text, correct, feedback, pinned))
    node = fields.node_of("options")
    if option_fields and not 2 <= len(options) <= MAX_OPTIONS:
        fields.problem(node, f"a choice needs 2 to {MAX_OPTIONS} options, not {len(options)}")
    right = sum(option.correct for option in options)
    if options and multiple and right == 0:
        fields.problem(node, "mark at least one option `correct: true`")
    if options and not multiple and right != 1:
        fields.problem(node, f"mark exactly one option `correct: true` (found {right}), or set `multiple: true`")
    return ChoiceStep(type="choice", prompt=fields.text("prompt"), multiple=multiple, options=tuple(options), **common)


def _warn_giveaways(fields: Fields, step: ChoiceStep, warnings: list[Problem]) -> None:
    for giveaway in giveaways(step):
        node = fields.key_nodes.get("options", fields.node)  # the `options:` line itself
        if giveaway.hint is not None:
            node = fields.node_of("hints").value[giveaway.hint]
        elif giveaway.option is not None:
            node = fields.node_of("options").value[giveaway.option]
        warnings.append(Problem(fields.path, giveaway.message, node.start_mark.line + 1, fields.where, warning=True))


def _text(fields: Fields, common: dict) -> TextStep:
    pattern = fields.text("pattern", required=False)
    if pattern:
        try:
            re.compile(pattern)
        except re.error as error:
            fields.problem(fields.node_of("pattern"), f"`{fields.field('pattern')}` is not a valid regular expression: {error}")
    validator = fields.text("validator", required=False)
    if validator and validator not in VALIDATORS:
        fields.problem(fields.node_of("validator"), f"unknown validator `{validator}`; use one of: {', '.join(VALIDATORS)}")
    accept = tuple(fields.text_list("accept", required=False))
    if not (accept or pattern or validator):
        fields.problem(fields.node, f"{fields.where} needs `accept`, `pattern` or `validator` to know a right answer")
    wrong_answers = []
    for wrong in fields.mappings("wrong_answers", required=False):
        wrong_answers.append(WrongAnswer(wrong.text("answer"), wrong.text("feedback")))
        wrong.reject_unknown()
    return TextStep(
        type="text",
        prompt=fields.text("prompt"),
        placeholder=fields.text("placeholder", required=False),
        accept=accept,
        pattern=pattern,
        validator=validator,
        case_sensitive=fields.boolean("case_sensitive"),
        wrong_answers=tuple(wrong_answers),
        feedback=fields.text("feedback"),
        **common,
    )


def _order(fields: Fields, common: dict) -> OrderStep:
    items = fields.text_list("items")
    if items and not 2 <= len(items) <= MAX_OPTIONS:
        fields.problem(fields.node_of("items"), f"an order step needs 2 to {MAX_OPTIONS} items, not {len(items)}")
    if len(set(items)) != len(items):
        fields.problem(fields.node_of("items"), "every item must be different, or the right order is ambiguous")
    return OrderStep(type="order", prompt=fields.text("prompt"), items=tuple(items), feedback=fields.text("feedback"), **common)


def _sim(fields: Fields, common: dict) -> SimStep | None:
    from bleep_tui.core.sims import registry

    name = fields.text("sim")
    simulation = registry().get(name)
    if name and simulation is None:
        fields.error("sim", f"unknown simulation `{name}`; use one of: {', '.join(sorted(registry())) or '(none installed)'}")
    task = fields.text("task")
    scenario_fields = Fields(fields.path, fields.node_of("scenario"), fields.field("scenario"), fields.problems)
    fields.read.add("scenario")
    if "scenario" not in fields.values:
        fields.missing("scenario")
    goals: list[Goal] = []
    goal_fields = fields.mappings("goals")
    if "goals" in fields.values and not goal_fields:
        fields.error("goals", "a sim step needs at least one goal")
    if simulation is None:
        return None
    scenario = None
    if "scenario" in fields.values and scenario_fields.is_mapping:  # else node_of() gave the step itself
        scenario = simulation.read_scenario(scenario_fields)
        scenario_fields.reject_unknown()
    for goal in goal_fields:
        check = goal.text("check")
        goal_type = simulation.goals.get(check)
        if check and goal_type is None:
            goal.error("check", f"unknown goal `{check}` for simulation `{name}`; use one of: {', '.join(sorted(simulation.goals))}")
            goal.read.add("value")  # its value cannot be judged: one problem is enough
        value = _goal_value(goal, goal_type.kind) if goal_type else None
        if goal_type and goal_type.check_value and scenario is not None and "value" in goal.values:
            problem = goal_type.check_value(value, scenario)
            if problem:
                goal.error("value", problem)
        goals.append(Goal(
            check=check,
            value=value,
            points=goal.integer("points", 0, 1000, required=False, default=DEFAULT_POINTS),
            label=goal.text("label"),
            feedback=goal.text("feedback"),
            praise=goal.text("praise", required=False),
        ))
        goal.reject_unknown()
    points = sum(goal.points for goal in goals)
    hint_cost = fields.integer("hint_cost", 0, 1000, required=False, default=default_hint_cost(points))
    settings = {**common, "points": points, "hint_cost": hint_cost}
    return SimStep(type="sim", sim=name, task=task, scenario=scenario, goals=tuple(goals), **settings)


def _goal_value(goal: Fields, kind: str) -> object:
    if kind == "none":
        return None
    if kind == "int":
        return goal.integer("value", -1_000_000, 1_000_000)
    if kind == "bool":
        if "value" not in goal.values:
            goal.missing("value")
        return goal.boolean("value")
    if kind == "money":
        text = goal.text("value")
        cents = amount_in_cents(text)
        if text and cents is None:
            goal.error("value", f"`{goal.field('value')}` must be an amount in euro, like 40 or 3.40 (got `{text}`)")
        return cents or 0
    return goal.text("value")
