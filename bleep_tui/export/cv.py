"""A learner's CV as clean plain text and as a printable HTML page. Pure: a CV in, text out.

Everything in a CV was typed by the learner, so the HTML escapes every value and
the text keeps it exactly as typed: `<script>` or `[b]` come out literally.
"""

from __future__ import annotations

import html

from bleep_tui.core.cv import CV

def _contact(cv: CV) -> list[str]:
    return [value for value in (cv.address, cv.phone, cv.email) if value]


def _sections(cv: CV) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(title, entries) in print order; an entry is (heading, detail line, free text)."""
    jobs = [(job.title, " · ".join(v for v in (job.employer, job.dates) if v), job.duties) for job in cv.jobs]
    courses = [(course.title, " · ".join(v for v in (course.place, course.dates) if v), "") for course in cv.courses]
    sections = [
        ("Profile", [("", "", cv.profile)] if cv.profile else []),
        ("Work experience", jobs),
        ("Education and training", courses),
        ("Skills", [(skill, "", "") for skill in cv.skills]),
        ("Languages", [("", "", cv.languages)] if cv.languages else []),
        ("Interests", [("", "", cv.interests)] if cv.interests else []),
        ("References", [("", "", cv.references)] if cv.references else []),
    ]
    return [(title, entries) for title, entries in sections if entries]


def cv_text(cv: CV) -> str:
    """The CV as plain text, 72 columns at most for the rules, ready to print or paste."""
    lines = [cv.name, *_contact(cv), ""]
    for title, entries in _sections(cv):
        lines += [title.upper(), "-" * len(title), ""]
        for heading, detail, text in entries:
            if title == "Skills":
                lines.append(f"- {heading}")
                continue
            if heading:
                lines.append(heading)
            if detail:
                lines.append(detail)
            if text:
                lines += text.splitlines()
            lines.append("")
        if title == "Skills":
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


def cv_html(cv: CV) -> str:
    """The CV as one self-contained HTML page (no scripts, no links out); every typed value escaped."""
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>CV - {e(cv.name)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{e(cv.name)}</h1>",
    ]
    contact = _contact(cv)
    if contact:
        parts.append('<p class="contact">' + "<br>".join(e(value) for value in contact) + "</p>")
    for title, entries in _sections(cv):
        parts.append(f"<h2>{e(title)}</h2>")
        if title == "Skills":
            parts.append("<ul>" + "".join(f"<li>{e(heading)}</li>" for heading, _d, _t in entries) + "</ul>")
            continue
        for heading, detail, text in entries:
            if heading:
                parts.append(f"<h3>{e(heading)}</h3>")
            if detail:
                parts.append(f'<p class="detail">{e(detail)}</p>')
            if text:
                parts.append(f"<p>{e(text)}</p>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
