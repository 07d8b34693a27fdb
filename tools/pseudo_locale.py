"""Writes the pseudo-locale `qps`: every string of the interface and the content about 40 % longer,
accented, and between ⟦ and ⟧, so that a layout that cuts a translation off shows it (docs/translating.md).

    python tools/pseudo_locale.py OUTPUT_FOLDER     # then: BLEEP_LOCALE_DIR=OUTPUT_FOLDER bleep, F3 to "qps"

The strings are extracted afresh from the code and the content files, so the pseudo-locale never lags
behind a catalogue. `{placeholders}`, `[markup]` and `**` marks stay as they are; accepted answers and
a form's options stay English, so that every lesson loads and can still be answered.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo

REPO = Path(__file__).resolve().parent.parent
CODE = "qps"
START, END = "⟦", "⟧"
LONGER = 0.4
ACCENTED = str.maketrans("aeiouycnsgzAEIOUYCNSGZ", "áéîõüýçñşğžÅÉÎÕÜÝÇÑŞĞŽ")
# What must reach the screen as written: placeholders, Rich/Textual markup, Markdown bold.
KEPT = re.compile(r"(\{[^{}]*\}|\[[^\[\]]*\]|\*\*)")
FILLER = "ļőŋğ "


def pseudo(message: str) -> str:
    """`message` accented, each line about 40 % longer, the whole between the markers."""
    lines = []
    for line in message.split("\n"):
        if not line.strip():
            lines.append(line)
            continue
        accented = "".join(part if KEPT.fullmatch(part) else part.translate(ACCENTED) for part in KEPT.split(line))
        extra = round(len(line) * LONGER)
        lines.append(accented + (" " + (FILLER * extra)[: extra - 1].rstrip() if extra > 1 else ""))
    text = "\n".join(lines)
    body, trailing = text.rstrip("\n"), text[len(text.rstrip("\n")):]
    return f"{START}{body}{END}{trailing}" if body else text


def catalogue() -> Catalog:
    found = Catalog(locale=None)
    found.mime_headers = [("Language", CODE), ("Plural-Forms", "nplurals=2; plural=(n != 1);")]
    return found


def interface() -> Catalog:
    result = catalogue()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(REPO / "bleep_tui"), method_map=[("**.py", "python")], keywords=DEFAULT_KEYWORDS, comment_tags=()
    ):
        if isinstance(message, tuple):
            result.add(message, tuple(pseudo(form) for form in message), context=context)
        else:
            result.add(message, pseudo(message), context=context)
    return result


def content() -> Catalog:
    result = catalogue()
    method = [("**.yaml", "bleep_tui.content.translatable:extract_content")]
    for folder in ("lessons", "achievements"):
        for _file, _line, message, _comments, context in extract_from_dir(
            str(REPO / folder), method_map=method, keywords={"pgettext": ((1, "c"), 2)}, comment_tags=()
        ):
            result.add(message, message if kept_english(context) else pseudo(message), context=context)
    return result


def kept_english(context: str) -> bool:
    """Accepted answers, and a form's options (a goal names the option to choose), so that lessons still load."""
    return context.endswith("/accept") or ("/scenario." in context and ".options[" in context)


def write(output: Path) -> None:
    folder = output / CODE / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    for domain, messages in (("bleep", interface()), ("bleep-content", content())):
        with (folder / f"{domain}.mo").open("wb") as file:
            write_mo(file, messages)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/pseudo_locale.py OUTPUT_FOLDER")
    write(Path(sys.argv[1]))
