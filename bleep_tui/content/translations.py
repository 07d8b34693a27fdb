"""What there is to translate now, and how far each installed language has got (`bleep translations status`).

The English is extracted afresh from the code and the content files, so a catalogue that was not
updated since the English changed shows its gaps. Babel is imported only here, never by the app.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from bleep_tui.content.catalog import MODULES_FILE, PACKAGE_DIR, shipped_dir
from bleep_tui.content.translatable import extract_content
from bleep_tui.content.translated import CONTENT_DOMAIN
from bleep_tui.core.translations import FUZZY, MISSING, TRANSLATED, Coverage, MessageKey, coverage
from bleep_tui.i18n import DOMAIN, LOCALE_DIR, SOURCE_LANGUAGE

INTERFACE = "interface"
ACHIEVEMENTS_AND_LEVELS = "achievements and levels"
REVIEW_PREFIX = "Review:"  # the header comment line that says who has checked a catalogue
# LANG/complete.txt: the parts a shipped language promises whole, one a line; `bleep translations status
# --check` (run by `make test`) fails when one of them is no longer, for example after the English changed.
DECLARED_FILE = "complete.txt"


@dataclass(frozen=True)
class LanguageStatus:
    code: str
    review: str  # "needs review by a native speaker", or "" when the catalogue does not say
    parts: tuple[Coverage, ...]  # the interface first, then each module, then achievements and levels
    declared: tuple[str, ...] = ()  # the parts its complete.txt promises whole

    def fallen_short(self) -> list[str]:
        """The declared parts that are not complete now (or that no longer exist)."""
        complete = {part.part for part in self.parts if part.complete}
        return [part for part in self.declared if part not in complete]


def interface_messages() -> set[MessageKey]:
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    found = extract_from_dir(str(PACKAGE_DIR), method_map=[("**.py", "python")], keywords=DEFAULT_KEYWORDS, comment_tags=())
    return {(context, _singular(message)) for _file, _line, message, _comments, context in found}


def content_messages() -> dict[str, set[MessageKey]]:
    """The content's messages by part: each module (its lessons and its title), then achievements and levels."""
    import yaml

    from bleep_tui.content.yamlread import FAST_LOADER

    lessons, achievements = shipped_dir("lessons"), shipped_dir("achievements")
    module_titles: dict[str, str] = {}
    for entry in yaml.load((lessons / MODULES_FILE).read_text(encoding="utf-8"), Loader=FAST_LOADER).get("modules", []):
        module_titles[entry["id"]] = entry["title"]
    parts: dict[str, set[MessageKey]] = defaultdict(set)
    for path in sorted(lessons.rglob("*.yaml")):
        module = _module_of(path)
        for key in _messages_in(path):
            context = key[0] or ""
            if context.startswith("module/"):
                parts[module_titles.get(context.split("/")[1], context)].add(key)
            else:
                parts[module_titles.get(module, module or path.stem)].add(key)
    for path in sorted(achievements.glob("*.yaml")):
        parts[ACHIEVEMENTS_AND_LEVELS].update(_messages_in(path))
    ordered = [title for title in module_titles.values() if title in parts]
    return {title: parts[title] for title in [*ordered, *sorted(set(parts) - set(ordered))]}


def installed_catalogues() -> list[str]:
    """Every language with a catalogue in the locale folder, English (the source) left out."""
    return sorted(path.name for path in LOCALE_DIR.iterdir() if (path / "LC_MESSAGES").is_dir() and path.name != SOURCE_LANGUAGE)


def status(code: str, interface: set[MessageKey], content: dict[str, set[MessageKey]]) -> LanguageStatus:
    interface_states, interface_review = _states(code, DOMAIN)
    content_states, content_review = _states(code, CONTENT_DOMAIN)
    parts = [coverage(INTERFACE, interface, interface_states)]
    parts += [coverage(part, keys, content_states) for part, keys in content.items()]
    return LanguageStatus(code, interface_review or content_review, tuple(parts), declared_complete(code))


def declared_complete(code: str) -> tuple[str, ...]:
    path = LOCALE_DIR / code / DECLARED_FILE
    if not path.is_file():
        return ()
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def _states(code: str, domain: str) -> tuple[dict[MessageKey, str], str]:
    """Each message's state in the language's catalogue of `domain`, and the catalogue's review state."""
    from babel.messages.pofile import read_po

    path = LOCALE_DIR / code / "LC_MESSAGES" / f"{domain}.po"
    if not path.is_file():
        return {}, ""
    with path.open("rb") as file:
        catalogue = read_po(file, locale=None)
    states: dict[MessageKey, str] = {}
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        done = all(strings) and bool(strings)
        states[(message.context, _singular(message.id))] = MISSING if not done else FUZZY if message.fuzzy else TRANSLATED
    review = next((line.split(REVIEW_PREFIX, 1)[1].strip().rstrip(".") for line in catalogue.header_comment.splitlines()
                   if REVIEW_PREFIX in line), "")
    return states, review


def _messages_in(path: Path) -> set[MessageKey]:
    with path.open("rb") as file:
        return {(context, message) for _line, _keyword, (context, message), _comments in extract_content(file, (), (), {})}


def _module_of(path: Path) -> str:
    import yaml

    from bleep_tui.content.yamlread import FAST_LOADER

    top = yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)
    return top.get("module", "") if isinstance(top, dict) else ""


def _singular(message: str | tuple[str, ...] | list[str]) -> str:
    return message if isinstance(message, str) else message[0]
