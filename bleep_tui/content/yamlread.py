"""Reading YAML as typed fields, with the line of every problem.

The file is composed into YAML nodes by PyYAML's safe loader without resolving
any value, so `no`, `on` and `1.10` stay text until the schema asks for a
number or a yes/no. Every problem keeps the line it was found on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import yaml

from bleep_tui.content.problems import ContentError, Problem

# Composing only builds nodes (nothing is constructed, so no tag can run code). The base loaders
# resolve no implicit types, and libyaml's, when PyYAML has it, gives the same lines much faster.
FAST_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
WHOLE_NUMBER = re.compile(r"-?[0-9]+")
TRUE_WORDS = ("true", "yes")
FALSE_WORDS = ("false", "no")


def compose(path: Path) -> yaml.Node:
    """The file's YAML node tree, or ContentError with the line of the syntax error."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError([Problem(path, "not UTF-8 text")]) from None
    except OSError as error:
        raise ContentError([Problem(path, f"cannot read the file: {error.strerror}")]) from None
    try:
        node = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.MarkedYAMLError as error:
        # An unclosed quote or bracket is found far below where it opened: point at the opening.
        mark = error.context_mark or error.problem_mark
        line = mark.line + 1 if mark else None
        what = error.problem or "YAML syntax error"
        if error.context:
            what = f"{what} ({error.context})"
        raise ContentError([Problem(path, f"YAML syntax error: {what}", line)]) from None
    except yaml.YAMLError as error:
        raise ContentError([Problem(path, f"YAML syntax error: {error}")]) from None
    if node is None:
        raise ContentError([Problem(path, "the file is empty")])
    return node


class Fields:
    """The fields of one YAML mapping, read by the schema, problems collected."""

    def __init__(self, path: Path, node: yaml.Node, where: str, problems: list[Problem]):
        self.path, self.node, self.where, self.problems = path, node, where, problems
        self.values: dict[str, yaml.Node] = {}
        self.key_nodes: dict[str, yaml.Node] = {}
        self.read: set[str] = set()
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{where or 'the file'} must be a set of `name: value` fields")
            return
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                self.problem(key_node, "a field name must be plain text")
            elif key in self.values:
                self.problem(key_node, f"field `{self.field(key)}` is given twice")
            else:
                self.values[key] = value_node
                self.key_nodes[key] = key_node

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.node, yaml.MappingNode)

    def field(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def problem(self, node: yaml.Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.path, message, line, self.where))

    def error(self, key: str, message: str) -> None:
        """A problem with the value of `key` (or the mapping itself when the key is absent)."""
        self.problem(self.node_of(key), message)

    def missing(self, key: str) -> None:
        self.problem(self.node, f"missing field `{self.field(key)}`")

    def _get(self, key: str, required: bool) -> yaml.Node | None:
        self.read.add(key)
        node = self.values.get(key)
        if node is None and required:
            self.missing(key)
        return node

    def text(self, key: str, required: bool = True, default: str = "") -> str:
        node = self._get(key, required)
        if node is None:
            return default
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"`{self.field(key)}` must be text")
            return default
        if required and not node.value.strip():
            self.problem(node, f"`{self.field(key)}` must not be empty")
        return node.value

    def integer(self, key: str, low: int, high: int, required: bool = True, default: int = 0) -> int:
        node = self._get(key, required)
        if node is None:
            return default
        raw = node.value.strip() if isinstance(node, yaml.ScalarNode) else None
        if raw is None or not WHOLE_NUMBER.fullmatch(raw):
            self.problem(node, f"`{self.field(key)}` must be a whole number")
            return default
        value = int(raw)
        if not low <= value <= high:
            self.problem(node, f"`{self.field(key)}` must be between {low} and {high}, not {value}")
            return default
        return value

    def boolean(self, key: str, default: bool = False) -> bool:
        node = self._get(key, False)
        if node is None:
            return default
        raw = node.value.strip().lower() if isinstance(node, yaml.ScalarNode) else ""
        if raw in TRUE_WORDS:
            return True
        if raw in FALSE_WORDS:
            return False
        self.problem(node, f"`{self.field(key)}` must be true or false")
        return default

    def text_list(self, key: str, required: bool = True) -> list[str]:
        return [text for text, _node in self.text_list_with_nodes(key, required)]

    def text_list_with_nodes(self, key: str, required: bool = True) -> list[tuple[str, yaml.Node]]:
        node = self._get(key, required)
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"`{self.field(key)}` must be a list")
            return []
        items = []
        for index, item in enumerate(node.value):
            if isinstance(item, yaml.ScalarNode) and item.value.strip():
                items.append((item.value, item))
            else:
                self.problem(item, f"`{self.field(key)}[{index}]` must be non-empty text")
        return items

    def mappings(self, key: str, required: bool = True) -> list[Fields]:
        node = self._get(key, required)
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"`{self.field(key)}` must be a list")
            return []
        return [
            Fields(self.path, item, f"{self.field(key)}[{index}]", self.problems)
            for index, item in enumerate(node.value)
        ]

    def node_of(self, key: str) -> yaml.Node:
        return self.values.get(key, self.node)

    def reject_unknown(self) -> None:
        for key, node in self.key_nodes.items():
            if key not in self.read:
                self.problem(node, f"unknown field `{self.field(key)}`")

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)
