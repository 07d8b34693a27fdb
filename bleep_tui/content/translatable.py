"""The prose of the content files, for translators: a Babel extractor (docs/translating.md).

`pybabel extract` calls `extract_content` for lesson, module, achievement and level files. Every
prose field becomes a message of its own whose context says where it lives, as `bleep lessons
validate` names fields: `money-atm-withdraw/check-machine/options[1].feedback`. So two fields with
the same English are translated apart, and a changed English text marks only its own translation
fuzzy. A comment on the lines just above a field that starts with a comment tag given to
`pybabel extract --add-comments` (`# Translators: ...`) goes to the translator.

Names, addresses, IBANs, phone numbers and amounts in a simulation's scenario are not prose: they
differ per country and will come from per-language scenario files, not from translation.
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
    if not isinstance(root, yaml.MappingNode):
        return
    found = _Found(text.splitlines(), tuple(comment_tags))
    top = _mapping(root)
    if "steps" in top:
        lesson = _scalar(top.get("id")) or "lesson"
        for key in ("title", "summary"):
            found.field(lesson, key, top)
        for step in _items(top["steps"]):
            fields = _mapping(step)
            found.walk(f"{lesson}/{_scalar(fields.get('id')) or 'step'}", "", step)
    for kind, key, prose in (("module", "modules", ("title",)), ("achievement", "achievements", ("title", "description"))):
        for item in _items(top.get(key)):
            fields = _mapping(item)
            for name in prose:
                found.field(f"{kind}/{_scalar(fields.get('id'))}", name, fields)
    for number, item in enumerate(_items(top.get("levels")), 1):
        found.field(f"level/{number}", "name", _mapping(item))
    yield from found.messages


class _Found:
    def __init__(self, lines: list[str], comment_tags: tuple[str, ...]) -> None:
        self.lines, self.comment_tags = lines, comment_tags
        self.messages: list[Message] = []

    def field(self, context: str, key: str, fields: dict[str, yaml.Node]) -> None:
        node = fields.get(key)
        if isinstance(node, yaml.ScalarNode) and node.value.strip():
            self.add(node, f"{context}/{key}", node.value)

    def add(self, node: yaml.Node, context: str, message: str, note: str = "") -> None:
        comments = self.comments_above(node.start_mark.line)
        if note:
            comments.append(note)
        self.messages.append((node.start_mark.line + 1, "pgettext", (context, message), comments))

    def comments_above(self, line: int) -> list[str]:
        """The tagged comments on the lines just above `line` (0-based), top first."""
        comments: list[str] = []
        index = line - 1
        while index >= 0 and self.lines[index].lstrip().startswith("#"):
            comment = self.lines[index].lstrip()[1:].strip()
            if self.comment_tags and comment.startswith(self.comment_tags):
                comments.insert(0, comment)
            index -= 1
        return comments

    def walk(self, context: str, path: str, node: yaml.Node) -> None:
        """Every prose field under `node`, a step or a part of one; `path` names it inside the step."""
        for key_node, value in node.value if isinstance(node, yaml.MappingNode) else ():
            key = key_node.value
            where = f"{path}.{key}" if path else key
            if key in PROSE_FIELDS and isinstance(value, yaml.ScalarNode):
                if value.value.strip():
                    self.add(value, f"{context}/{where}", value.value)
            elif key == ACCEPTED_ANSWERS and isinstance(value, yaml.SequenceNode):
                answers = [item.value for item in value.value if isinstance(item, yaml.ScalarNode)]
                self.add(value, f"{context}/{where}", "\n".join(answers), ACCEPTED_ANSWERS_NOTE)
            elif isinstance(value, yaml.SequenceNode):
                for index, item in enumerate(value.value):
                    if isinstance(item, yaml.ScalarNode):
                        if key in PROSE_FIELDS and item.value.strip():
                            self.add(item, f"{context}/{where}[{index}]", item.value)
                    else:
                        self.walk(context, f"{where}[{index}]", item)
            elif isinstance(value, yaml.MappingNode):
                self.walk(context, where, value)


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _items(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _scalar(node: yaml.Node | None) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) else ""
