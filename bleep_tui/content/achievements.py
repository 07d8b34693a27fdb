"""Achievement files (format 1, see docs/achievements.md) into typed Achievements, or clear problems."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len

from bleep_tui.content.catalog import LEVELS_FILE, Catalog, compose_in, load_catalog, shipped_dir
from bleep_tui.content.lessons import DIGCOMP_CODES, ID_PATTERN
from bleep_tui.content.problems import ContentError, Problem
from bleep_tui.content.yamlread import FALSE_WORDS, TRUE_WORDS, Fields
from bleep_tui.core.achievements import RULE_TYPES, Achievement, Rule
from bleep_tui.core.mastery import MASTERY_LEVELS

if TYPE_CHECKING:
    from bleep_tui.content.translated import ContentTranslation

FORMAT_VERSION = 1
TRACE_EVENT_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
MAX_SYMBOL_CELLS = 3
BIG = 10_000_000

# What each rule type reads besides `type`: (field in the file, required).
RULE_FIELDS: dict[str, tuple[tuple[str, bool], ...]] = {
    "lesson_completed": (("lesson", True),),
    "module_completed": (("module", True),),
    "lessons_completed": (("count", True),),
    "perfect_lessons": (("count", True),),
    "no_hints_lesson": (("count", False),),
    "total_xp": (("xp", True),),
    "weekly_streak": (("weeks", True),),
    "sim_trace": (("sim", True), ("event", True), ("count", True), ("where", False)),
    "competence_mastery": (("competence", True), ("level", True)),
}
assert set(RULE_FIELDS) == set(RULE_TYPES)


@dataclass
class AchievementSet:
    achievements: dict[str, Achievement] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # a broken achievement is left out, with its problems here


def achievement_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.yaml") if p.name != LEVELS_FILE)


def load_achievements(folder: Path | None = None, files: list[Path] | None = None, catalog: Catalog | None = None,
                      translation: ContentTranslation | None = None) -> AchievementSet:
    """Every achievement in `folder` (default: the shipped ones), or just `files`, checked against `catalog`; translated if given one."""
    from bleep_tui.core.sims import registry

    catalog = catalog or load_catalog()
    known = _Known(
        lessons=frozenset(catalog.lessons),
        modules=frozenset(m.id for m in catalog.modules),
        sims={name: sim.trace_events for name, sim in registry().items()},
    )
    result = AchievementSet()
    first_file: dict[str, Path] = {}
    for path in files if files is not None else achievement_files(folder or shipped_dir("achievements")):
        try:
            top = Fields(path, compose_in(path, translation), "", result.problems)
        except ContentError as error:
            result.problems.extend(error.problems)
            continue
        if not top.is_mapping:
            continue
        version = top.integer("format", 1, 99)
        if version not in (0, FORMAT_VERSION):
            top.error("format", f"unknown achievement format {version}; this version of bleep reads format {FORMAT_VERSION}")
        entries = top.mappings("achievements")
        if "achievements" in top.values and not entries:
            top.error("achievements", "list at least one achievement")
        for entry in entries:
            before = len(result.problems)
            achievement = _achievement(entry, known)
            if achievement is None or len(result.problems) > before:
                continue
            if achievement.id in first_file:
                entry.error("id", f"achievement id `{achievement.id}` is already used by {first_file[achievement.id]}")
                continue
            first_file[achievement.id] = path
            result.achievements[achievement.id] = achievement
        top.reject_unknown()
    return result


@dataclass(frozen=True)
class _Known:
    lessons: frozenset[str]
    modules: frozenset[str]
    sims: dict[str, frozenset[str]]  # simulation -> the trace events its model logs


def _achievement(fields: Fields, known: _Known) -> Achievement | None:
    if not fields.is_mapping:
        return None
    achievement_id = fields.text("id")
    if achievement_id and not ID_PATTERN.fullmatch(achievement_id):
        fields.error("id", f"`{fields.field('id')}` must be lower-case letters, digits and `-` (got `{achievement_id}`)")
    symbol = fields.text("symbol")
    if symbol and cell_len(symbol) > MAX_SYMBOL_CELLS:
        fields.error("symbol", f"`{fields.field('symbol')}` must be at most {MAX_SYMBOL_CELLS} characters wide")
    ascii_symbol = fields.text("ascii")
    if ascii_symbol and not (ascii_symbol.isascii() and ascii_symbol.isprintable() and len(ascii_symbol) <= MAX_SYMBOL_CELLS):
        fields.error("ascii", f"`{fields.field('ascii')}` must be 1 to {MAX_SYMBOL_CELLS} plain ASCII characters")
    title = fields.text("title")
    description = fields.text("description")
    points = fields.integer("points", 0, 1000)
    rule_fields = Fields(fields.path, fields.node_of("rule"), fields.field("rule"), fields.problems)
    fields.read.add("rule")
    rule = None
    if "rule" not in fields.values:
        fields.missing("rule")
    elif rule_fields.is_mapping:
        rule = _rule(rule_fields, known)
    fields.reject_unknown()
    if rule is None:
        return None
    return Achievement(achievement_id, title, description.strip(), symbol, ascii_symbol, rule, points)


def _rule(fields: Fields, known: _Known) -> Rule | None:
    kind = fields.text("type")
    if kind and kind not in RULE_FIELDS:
        fields.error("type", f"unknown rule type `{kind}`; use one of: {', '.join(RULE_TYPES)}")
        return None
    values: dict[str, object] = {}
    for name, required in RULE_FIELDS.get(kind, ()):
        if name in ("count", "xp", "weeks"):
            values["count"] = fields.integer(name, 1, BIG, required=required, default=1)
        elif name == "where":
            values["where"] = _where(fields)
        else:
            values[name] = fields.text(name, required=required)
    fields.reject_unknown()
    if not kind:
        return None
    _check_references(fields, values, known)
    return Rule(type=kind, **values)


def _where(fields: Fields) -> tuple[tuple[str, str], ...]:
    """`where: {covered: true, by: you}`: fields the trace event must have, compared as text."""
    fields.read.add("where")
    if "where" not in fields.values:
        return ()
    where = Fields(fields.path, fields.node_of("where"), fields.field("where"), fields.problems)
    pairs = []
    for key in where:
        if not TRACE_EVENT_PATTERN.fullmatch(key):
            where.problem(where.key_nodes[key], f"`{where.field(key)}` must be a trace field name such as `covered`")
        value = where.text(key).strip()
        pairs.append((key, "true" if value.lower() in TRUE_WORDS else "false" if value.lower() in FALSE_WORDS else value))
    if where.is_mapping and not pairs:
        fields.error("where", f"`{fields.field('where')}` needs at least one `field: value`")
    return tuple(pairs)


def _check_references(fields: Fields, values: dict[str, object], known: _Known) -> None:
    lesson, module, sim = values.get("lesson"), values.get("module"), values.get("sim")
    event, competence, level = values.get("event"), values.get("competence"), values.get("level")
    if lesson and lesson not in known.lessons:
        fields.error("lesson", f"unknown lesson `{lesson}`; `bleep lessons list` shows the lesson ids")
    if module and module not in known.modules:
        fields.error("module", f"unknown module `{module}`; use one of: {', '.join(sorted(known.modules))}")
    if sim and sim not in known.sims:
        fields.error("sim", f"unknown simulation `{sim}`; use one of: {', '.join(sorted(known.sims)) or '(none installed)'}")
    if event and not TRACE_EVENT_PATTERN.fullmatch(str(event)):
        fields.error("event", f"`{fields.field('event')}` must be a trace event name such as `card_taken`")
    elif event and sim in known.sims and event not in known.sims[sim]:
        # A typo here would make a badge nobody can ever earn.
        fields.error("event", f"simulation `{sim}` never records `{event}`; it records: {', '.join(sorted(known.sims[sim]))}")
    if competence and competence not in DIGCOMP_CODES:
        fields.error("competence", f"`{competence}` is not a DigComp 2.2 competence code (1.1 to 5.4)")
    if level and level not in MASTERY_LEVELS:
        fields.error("level", f"unknown mastery level `{level}`; use one of: {', '.join(MASTERY_LEVELS)}")
