"""A learner's own document (their CV, their plan) as clean plain text and as a printable HTML page.

Pure: a Printable in, text out. Everything in it was typed by the learner, so the HTML
escapes every value and the text keeps it exactly as typed: `<script>` or `[b]` come out literally.
"""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    heading: str = ""
    detail: str = ""  # a line under the heading, in italics on paper
    text: str = ""  # free text, kept line by line


@dataclass(frozen=True)
class Section:
    title: str
    entries: tuple[Entry, ...]
    bullets: bool = False  # a list of headings (skills), not entries


@dataclass(frozen=True)
class Printable:
    kind: str  # "CV", "My plan": the page title starts with it
    name: str  # the learner's name, at the top
    under_name: tuple[str, ...]  # lines under the name (contact, a date)
    sections: tuple[Section, ...]

    @property
    def shown(self) -> tuple[Section, ...]:
        return tuple(section for section in self.sections if section.entries)


def printable_text(doc: Printable) -> str:
    """The document as plain text, ready to print or paste."""
    lines = [doc.name, *doc.under_name, ""]
    for section in doc.shown:
        lines += [section.title.upper(), "-" * len(section.title), ""]
        for entry in section.entries:
            if section.bullets:
                lines.append(f"- {entry.heading}")
                continue
            if entry.heading:
                lines.append(entry.heading)
            if entry.detail:
                lines.append(entry.detail)
            if entry.text:
                lines += entry.text.splitlines()
            lines.append("")
        if section.bullets:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


STYLE = """
body { font-family: Georgia, "Times New Roman", serif; max-width: 42em; margin: 2em auto; color: #000; line-height: 1.4; }
h1 { margin-bottom: 0.2em; }
.contact { margin-top: 0; }
h2 { border-bottom: 1px solid #000; font-size: 1.1em; text-transform: uppercase; letter-spacing: 0.05em; margin-top: 1.5em; }
h3 { margin: 0.8em 0 0 0; font-size: 1em; }
.detail { margin: 0; font-style: italic; }
p { white-space: pre-wrap; margin: 0.3em 0; }
@media print { body { margin: 0; } }
"""


def printable_html(doc: Printable) -> str:
    """The document as one self-contained HTML page (no scripts, no links out); every typed value escaped."""
    e = html.escape
    parts = [f"<h1>{e(doc.name)}</h1>"]
    if doc.under_name:
        parts.append('<p class="contact">' + "<br>".join(e(value) for value in doc.under_name) + "</p>")
    for section in doc.shown:
        parts.append(f"<h2>{e(section.title)}</h2>")
        if section.bullets:
            parts.append("<ul>" + "".join(f"<li>{e(entry.heading)}</li>" for entry in section.entries) + "</ul>")
            continue
        for entry in section.entries:
            if entry.heading:
                parts.append(f"<h3>{e(entry.heading)}</h3>")
            if entry.detail:
                parts.append(f'<p class="detail">{e(entry.detail)}</p>')
            if entry.text:
                parts.append(f"<p>{e(entry.text)}</p>")
    return html_page(f"{doc.kind} - {doc.name}", STYLE, parts)


def html_page(title: str, style: str, body: list[str]) -> str:
    """One self-contained HTML page around `body` (lines of HTML already escaped); `title` is escaped here."""
    head = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">', f"<title>{html.escape(title)}</title>",
            f"<style>{style}</style>", "</head>", "<body>"]
    return "\n".join(head + body + ["</body>", "</html>", ""])
