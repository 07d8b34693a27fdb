"""Translations and scenario overlays put into a content file's YAML nodes (see content/translated.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from bleep_tui.content.problems import ContentError, Problem
from bleep_tui.content.translatable import english, items_of, mapping_of, prose_nodes, scalar_of
from bleep_tui.content.translated import ContentTranslation
from bleep_tui.content.yamlread import compose
from bleep_tui.core.model import EURO

TEXT_TAG, MAPPING_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map"


def untranslated(root: yaml.Node, translation: ContentTranslation) -> list[str]:
    """The context of every field of a content file that has no translation."""
    return [context for context, node in prose_nodes(root) if translation.get(context, english(node)) is None]


def translate(root: yaml.Node, translation: ContentTranslation) -> None:
    """Every field of `root` that has a translation, translated in place."""
    for context, node in list(prose_nodes(root)):
        translated = translation.get(context, english(node))
        if translated is None:
            continue
        if isinstance(node, yaml.SequenceNode):  # accepted answers: one a line, as many as the translator gives
            template = node.value[0] if node.value else node
            node.value = [
                yaml.ScalarNode(TEXT_TAG, line.strip(), template.start_mark, template.end_mark)
                for line in translated.splitlines() if line.strip()
            ]
        else:
            node.value = translated


def lesson_id_of(root: yaml.Node) -> str:
    return scalar_of(mapping_of(root).get("id"))


@dataclass
class Overlay:
    problems: list[Problem]
    currency: str = EURO  # the ISO 4217 code of the country's money, when the overlay gives one


def apply_overlay(root: yaml.Node, path: Path) -> Overlay:
    """The scenario overlay in `path` applied to the lesson `root` in place; its currency, and what is wrong with it."""
    try:
        overlay = compose(path)
    except ContentError as error:
        return Overlay(list(error.problems))
    result = Overlay([])

    def problem(node: yaml.Node, message: str) -> None:
        result.problems.append(Problem(path, message, node.start_mark.line + 1))

    steps = {scalar_of(fields.get("id")): fields for fields in map(mapping_of, items_of(mapping_of(root).get("steps")))}
    changes = mapping_of(overlay)
    if not isinstance(overlay, yaml.MappingNode) or not set(changes) <= {"steps", "currency"} or not isinstance(changes.get("steps"), yaml.MappingNode):
        problem(overlay, "a scenario overlay has the field `steps` (each step id with the `scenario` and `goals` it changes), "
                         "and may have `currency`")
        return result
    if "currency" in changes:
        result.currency = scalar_of(changes["currency"])
        from babel.numbers import is_currency

        if not is_currency(result.currency):
            problem(changes["currency"], f"`currency` must be a currency's three-letter code, like EUR, RON or TRY (got `{result.currency}`)")
    for step_key, change in changes["steps"].value:
        step = steps.get(step_key.value)
        if step is None:
            problem(step_key, f"the lesson has no step `{step_key.value}`")
            continue
        for key_node, value in change.value if isinstance(change, yaml.MappingNode) else ():
            if key_node.value == "scenario" and isinstance(step.get("scenario"), yaml.MappingNode):
                _merge(step["scenario"], value, f"{step_key.value}.scenario", problem)
            elif key_node.value == "goals":
                _goal_values(step, value, step_key.value, problem)
            else:
                problem(key_node, f"an overlay changes a step's `scenario` and `goals` only, not `{key_node.value}`")
    return result


def _merge(target: yaml.MappingNode, change: yaml.Node, where: str, problem) -> None:
    """`change`'s fields put into `target`: mappings merged field by field, anything else replaced."""
    if not isinstance(change, yaml.MappingNode):
        problem(change, f"`{where}` must be a set of `name: value` fields, as in the lesson")
        return
    for key_node, value in change.value:
        for index, (old_key, old_value) in enumerate(target.value):
            if old_key.value == key_node.value:
                if isinstance(old_value, yaml.MappingNode) and isinstance(value, yaml.MappingNode):
                    _merge(old_value, value, f"{where}.{key_node.value}", problem)
                else:
                    target.value[index] = (old_key, value)
                break
        else:
            problem(key_node, f"the English `{where}` has no field `{key_node.value}`: an overlay replaces fields, it adds none")


def _goal_values(step: dict[str, yaml.Node], change: yaml.Node, step_id: str, problem) -> None:
    """Each goal named by its check in `change` gets the value given there."""
    goals = items_of(step.get("goals"))
    for check_node, value in change.value if isinstance(change, yaml.MappingNode) else ():
        matching = [goal for goal in goals if scalar_of(mapping_of(goal).get("check")) == check_node.value]
        if not matching:
            problem(check_node, f"step `{step_id}` has no goal `{check_node.value}`")
        for goal in matching:
            _merge(goal, yaml.MappingNode(MAPPING_TAG, [(yaml.ScalarNode(TEXT_TAG, "value"), value)]),
                   f"{step_id}.goals[{check_node.value}]", lambda _node, message: problem(check_node, message))


def translation_problems(files: list[Path], module_ids: frozenset[str], locale_dir: Path, known: frozenset[str]) -> list[Problem]:
    """What keeps a lesson in `files` from being shown in an installed language although it is translated,
    what is wrong with its scenario overlays, and each overlay named after none of the `known` lesson ids:
    `bleep lessons validate` reports them."""
    from bleep_tui.content.lessons import load_lesson
    from bleep_tui.content.translated import SCENARIOS, content_translation

    problems: list[Problem] = []
    roots = {}
    for path in files:
        try:
            roots[path] = compose(path)
        except ContentError:
            continue  # reported with the English lesson
    ids = {lesson_id_of(root): path for path, root in roots.items()}
    for folder in sorted(path for path in locale_dir.iterdir() if path.is_dir()):
        translation = content_translation(locale_dir, folder.name) or ContentTranslation(folder.name, {}, folder / SCENARIOS)
        overlays = {path.stem: path for path in sorted(translation.scenarios.glob("*.yaml"))}
        for lesson_id, path in ids.items():
            overlay = overlays.get(lesson_id)
            if overlay is None and (not translation.messages or untranslated(compose(path), translation)):
                continue  # shown in English: nothing to check in this language
            root = compose(path)
            translate(root, translation)
            found = apply_overlay(root, overlay).problems if overlay else []
            try:
                load_lesson(path, module_ids, root=root)
            except ContentError as error:
                found += [Problem(overlay or path, f"in {folder.name}: {problem.message}", None, problem.field) for problem in error.problems]
            problems += found
        problems += [Problem(path, f"no lesson has the id `{path.stem}`: name an overlay after its lesson's id")
                     for stem, path in overlays.items() if stem not in ids and stem not in known]
    return problems
