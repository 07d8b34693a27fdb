"""The content in a learner's language: the translations of the `bleep-content` catalogue put back in place.

A content file is composed into YAML nodes as always; each prose field found by the extractor
(`prose_nodes`, the same walk and the same contexts as `make extract`) gets its translation, and
the typed lessons are then read from the translated nodes by the usual code, with the usual checks.

A lesson is translated whole or not at all: when one of its fields has no translation (a fuzzy one
is left out of the compiled catalogue by msgfmt, so it counts as none), the learner gets the English
lesson and Home marks it. Module titles, achievements and levels are translated field by field.

The work on the YAML nodes is in content/translate_nodes.py: this module is read by every session
that starts from compiled content, which never loads PyYAML.

A translated lesson with a simulation may take its country's scenario data from an overlay,
`bleep_tui/locale/LANG/scenarios/LESSON-ID.yaml` (docs/translating.md):

    steps:
      pay-rent:                  # a step id of the lesson
        scenario:                # fields replaced in the English scenario, mappings merged
          holder: Sanne de Vries
          payees:
            - iban: NL35RVSB0123456789
              name: Karin Bakker
        goals:                   # a goal's check: its new value
          paid: 650.00
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from pathlib import Path

CONTENT_DOMAIN = "bleep-content"
SCENARIOS = "scenarios"
# gettext keeps a message with a context under "context\x04English".
CONTEXT_SEPARATOR = "\x04"


@dataclass(frozen=True)
class ContentTranslation:
    language: str
    messages: dict[str, str]  # "context\x04English" -> translation, as in a compiled catalogue
    scenarios: Path  # the folder of the language's scenario overlays

    def get(self, context: str, message: str) -> str | None:
        """The translation of one field, or None when there is none (or only a fuzzy one)."""
        return self.messages.get(f"{context}{CONTEXT_SEPARATOR}{message}") or None

    def overlay_file(self, lesson_id: str) -> Path:
        return self.scenarios / f"{lesson_id}.yaml"


def content_translation(locale_dir: Path, language: str) -> ContentTranslation | None:
    """The compiled content catalogue of `language` in `locale_dir`, or None when there is none."""
    folder = locale_dir / language
    try:
        with (folder / "LC_MESSAGES" / f"{CONTENT_DOMAIN}.mo").open("rb") as file:
            catalogue = gettext.GNUTranslations(file)
    except (OSError, ValueError, UnicodeError, LookupError):
        return None
    # Whether a field is translated cannot be asked through pgettext: a translation may equal the English.
    messages = {key: value for key, value in catalogue._catalog.items() if isinstance(key, str) and CONTEXT_SEPARATOR in key}  # type: ignore[attr-defined]
    return ContentTranslation(language, messages, folder / SCENARIOS)


def translation_sources(locale_dir: Path, language: str) -> list[Path]:
    """The files the content in `language` is made from besides the English: its catalogue and its overlays."""
    folder = locale_dir / language
    return [folder / "LC_MESSAGES" / f"{CONTENT_DOMAIN}.mo", *sorted((folder / SCENARIOS).glob("*.yaml"))]
