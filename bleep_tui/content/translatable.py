"""The prose of the content files, for translators: a Babel extractor (docs/translating.md).

`pybabel extract` calls `extract_content` for lesson, module, achievement and level files. Every
prose field becomes a message of its own whose context says where it lives, as `bleep lessons
validate` names fields: `money-atm-withdraw/check-machine/options[1].feedback`. So two fields with
the same English are translated apart, and a changed English text marks only its own translation
fuzzy. A comment on the lines just above a field that starts with a comment tag given to
`pybabel extract --add-comments` (`# Translators: ...`) goes to the translator.

Names, addresses, IBANs, phone numbers and amounts in a simulation's scenario are not prose: they
differ per country and come from per-language scenario overlays (content/translated.py), not from
translation. `prose_nodes` is also what puts a translation back in its place.
"""

from __future__ import annotations

from typing import BinaryIO, Collection, Iterator

import yaml

from bleep_tui.content.yamlread import FAST_LOADER

# Fields whose text a learner reads, in lessons (steps, options, goals, scenarios) and achievements.
PROSE_FIELDS = frozenset({
    "title", "summary", "text", "prompt", "placeholder", "explanation", "feedback", "task", "hints", "items",
    "label", "praise", "answer", "hint", "intro", "error", "small_print", "options", "body", "subject", "page",
    "scam_message", "statement", "description",
})
ACCEPTED_ANSWERS = "accept"
ACCEPTED_ANSWERS_NOTE = (
    "One accepted answer per line. Give the answers people would type in your language; "
    "keep as many lines as you need."
)

# (line, Babel keyword, (context, message), comments): Babel's `pgettext` keyword takes the context first.
Message = tuple[int, str, tuple[str, str], list[str]]


def extract_content(fileobj: BinaryIO, keywords: Collection[str], comment_tags: Collection[str], options: dict) -> Iterator[Message]:
    """Babel's extractor interface: every prose field of one content file."""
    text = fileobj.read().decode("utf-8")
    root = yaml.compose(text, Loader=FAST_LOADER)
    lines, tags = text.splitlines(), tuple(comment_tags)
    for context, node in prose_nodes(root):
        comments = _comments_above(lines, node.start_mark.line, tags)
        if isinstance(node, yaml.SequenceNode):
            comments.append(ACCEPTED_ANSWERS_NOTE)
        yield node.start_mark.line + 1, "pgettext", (context, english(node)), comments


def english(node: yaml.Node) -> str:
    """The message of a prose field: its text, or a list of accepted answers one a line."""
    if isinstance(node, yaml.SequenceNode):
        return "\n".join(item.value for item in node.value if isinstance(item, yaml.ScalarNode))
    return node.value


def prose_nodes(root: yaml.Node | None) -> Iterator[tuple[str, yaml.Node]]:
    """Every prose field of a content file with its context: a text's scalar node, or a list of accepted answers."""
    if not isinstance(root, yaml.MappingNode):
        return
    top = mapping_of(root)
    if "steps" in top:
        lesson = scalar_of(top.get("id")) or "lesson"
        for key in ("title", "summary"):
            yield from _field(lesson, key, top)
        for step in items_of(top["steps"]):
            fields = mapping_of(step)
            yield from _walk(f"{lesson}/{scalar_of(fields.get('id')) or 'step'}", "", step)
    for kind, key, prose in (("module", "modules", ("title",)), ("achievement", "achievements", ("title", "description"))):
        for item in items_of(top.get(key)):
            fields = mapping_of(item)
            for name in prose:
                yield from _field(f"{kind}/{scalar_of(fields.get('id'))}", name, fields)
    for number, item in enumerate(items_of(top.get("levels")), 1):
        yield from _field(f"level/{number}", "name", mapping_of(item))


def _field(context: str, key: str, fields: dict[str, yaml.Node]) -> Iterator[tuple[str, yaml.Node]]:
    node = fields.get(key)
    if isinstance(node, yaml.ScalarNode) and node.value.strip():
        yield f"{context}/{key}", node


def _comments_above(lines: list[str], line: int, comment_tags: tuple[str, ...]) -> list[str]:
    """The tagged comments on the lines just above `line` (0-based), top first."""
    comments: list[str] = []
    index = line - 1
    while index >= 0 and lines[index].lstrip().startswith("#"):
        comment = lines[index].lstrip()[1:].strip()
        if comment_tags and comment.startswith(comment_tags):
            comments.insert(0, comment)
        index -= 1
    return comments


def _walk(context: str, path: str, node: yaml.Node) -> Iterator[tuple[str, yaml.Node]]:
    """Every prose field under `node`, a step or a part of one; `path` names it inside the step."""
    for key_node, value in node.value if isinstance(node, yaml.MappingNode) else ():
        key = key_node.value
        where = f"{path}.{key}" if path else key
        if key in PROSE_FIELDS and isinstance(value, yaml.ScalarNode):
            if value.value.strip():
                yield f"{context}/{where}", value
        elif key == ACCEPTED_ANSWERS and isinstance(value, yaml.SequenceNode):
            yield f"{context}/{where}", value
        elif isinstance(value, yaml.SequenceNode):
            for index, item in enumerate(value.value):
                if isinstance(item, yaml.ScalarNode):
                    if key in PROSE_FIELDS and item.value.strip():
                        yield f"{context}/{where}[{index}]", item
                else:
                    yield from _walk(context, f"{where}[{index}]", item)
        elif isinstance(value, yaml.MappingNode):
            yield from _walk(context, where, value)


def mapping_of(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def items_of(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def scalar_of(node: yaml.Node | None) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) else ""
