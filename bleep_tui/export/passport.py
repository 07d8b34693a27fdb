"""The skills passport on one printable A4 page: DigComp competences with bars, lessons finished, badges.

Pure: a PassportPage in, HTML out. One self-contained file: no scripts, no links to anything outside,
the bars are inline SVG. The learner's name (typed by a person) is escaped like everything else.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from typing import Iterable, Mapping

from bleep_tui.core.curriculum import COMPETENCE_NAMES, Curriculum
from bleep_tui.core.events import Event
from bleep_tui.core.mastery import CompetenceMastery, passport
from bleep_tui.core.model import Lesson
from bleep_tui.core.progress import lesson_records
from bleep_tui.export.badges import credential_id
from bleep_tui.export.printable import html_page

DIGCOMP_AREAS = {
    "1": "Information and data literacy",
    "2": "Communication and collaboration",
    "3": "Digital content creation",
    "4": "Safety",
    "5": "Problem solving",
}
BAR_WIDTH = 160  # px of a full bar


@dataclass(frozen=True)
class FinishedLesson:
    title: str
    stars: int
    percent: int
    completed_at: str  # ISO time of the first completion


@dataclass(frozen=True)
class EarnedBadge:
    title: str
    earned_at: str
    credential_id: str = ""  # the Open Badges credential's id, when this installation has an issuer


@dataclass(frozen=True)
class PassportPage:
    name: str
    issued_by: str  # the installation: the issuer's name and web address
    issuer_id: str  # the issuer's DID; "" when there is no issuer
    printed_on: str  # a date
    competences: tuple[tuple[CompetenceMastery, str], ...]  # each with its name
    lessons: tuple[FinishedLesson, ...]
    badges: tuple[EarnedBadge, ...]


STYLE = """
@page { size: A4; margin: 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #000; margin: 0; line-height: 1.3; }
h1 { font-size: 18pt; margin: 0; }
.by { margin: 0.2em 0 0.8em 0; }
h2 { font-size: 11pt; border-bottom: 1px solid #000; margin: 0.9em 0 0.3em 0; text-transform: uppercase; letter-spacing: 0.04em; }
h3 { font-size: 9.5pt; margin: 0.5em 0 0.1em 0; }
table { border-collapse: collapse; width: 100%; }
td { padding: 1px 4px 1px 0; vertical-align: middle; }
.columns { columns: 2; column-gap: 2em; }
.columns p { margin: 0 0 0.15em 0; break-inside: avoid; }
.small { font-size: 8pt; color: #333; }
"""


def passport_page(name: str, code: str, events: list[Event], lessons: Mapping[str, Lesson], badge_titles: Mapping[str, str],
                  issued_by: str, issuer_id: str, printed_on: str) -> PassportPage:
    """The learner's passport from their events; a badge's credential id when the installation has an issuer (`issuer_id`)."""
    records = lesson_records(events)
    return PassportPage(
        name, issued_by, issuer_id, printed_on,
        tuple((mastery, COMPETENCE_NAMES.get(key, "")) for key, mastery in passport(Curriculum.of(lessons.values()), records).items()),
        tuple(
            FinishedLesson(lessons[key].title if key in lessons else key, record.best_stars, record.best_percent, record.completed_at)
            for key, record in sorted(records.items(), key=lambda item: item[1].completed_at) if record.completions
        ),
        tuple(
            EarnedBadge(badge_titles[e.achievement], e.at, credential_id(issuer_id, code, f"achievement-{e.achievement}") if issuer_id else "")
            for e in _first_of_each(events) if e.achievement in badge_titles
        ),
    )


def _first_of_each(events: Iterable[Event]) -> list[Event]:
    seen: dict[str, Event] = {}
    for event in events:
        if event.kind == "achievement_earned":
            seen.setdefault(event.achievement, event)
    return list(seen.values())


def _bar(score: int) -> str:
    filled = round(BAR_WIDTH * max(0, min(score, 100)) / 100)
    return (
        f'<svg width="{BAR_WIDTH}" height="10" viewBox="0 0 {BAR_WIDTH} 10" role="img" aria-label="{score}%">'
        f'<rect x="0" y="0" width="{BAR_WIDTH}" height="10" fill="#ffffff" stroke="#000000" stroke-width="1"/>'
        f'<rect x="0" y="0" width="{filled}" height="10" fill="#1d4f91"/></svg>'
    )


def passport_html(page: PassportPage) -> str:
    e = html.escape
    parts = [
        f"<h1>Skills passport: {e(page.name)}</h1>",
        f'<p class="by">Digital skills practised in BLEEP, issued by {e(page.issued_by)} on {e(page.printed_on)}.</p>',
        "<h2>Digital competences (DigComp 2.2)</h2>",
    ]
    areas: dict[str, list[tuple[CompetenceMastery, str]]] = {}
    for mastery, name in page.competences:
        areas.setdefault(mastery.code.split(".")[0], []).append((mastery, name))
    for area, rows in areas.items():
        parts.append(f"<h3>{e(area)}. {e(DIGCOMP_AREAS.get(area, ''))}</h3>")
        parts.append("<table>")
        for mastery, name in rows:
            level = mastery.level or "Not started"
            parts.append(
                f"<tr><td>{e(mastery.code)}</td><td>{e(name)}</td><td>{_bar(mastery.score)}</td>"
                f"<td>{e(level)}</td><td>{mastery.completed} of {mastery.lessons} lessons</td></tr>"
            )
        parts.append("</table>")
    parts.append(f"<h2>Lessons finished ({len(page.lessons)})</h2>")
    parts.append('<div class="columns">')
    for lesson in page.lessons:
        stars = "★" * lesson.stars + "☆" * (3 - lesson.stars)
        parts.append(f"<p>{e(lesson.title)} <span class=\"small\">{stars} {lesson.percent}% · {e(lesson.completed_at[:10])}</span></p>")
    parts.append("</div>")
    parts.append(f"<h2>Badges ({len(page.badges)})</h2>")
    parts.append('<div class="columns">')
    for badge in page.badges:
        credential = f'<br><span class="small">credential {e(badge.credential_id)}</span>' if badge.credential_id else ""
        parts.append(f"<p>{e(badge.title)} <span class=\"small\">{e(badge.earned_at[:10])}</span>{credential}</p>")
    parts.append("</div>")
    if page.issuer_id:
        parts.append(
            '<p class="small">Each badge, and each competence at Proficient or Mastered, is also a signed Open Badges 3.0 '
            f"credential from {e(page.issuer_id)}. Any Open Badges verifier checks it: the signature, that it was not "
            "changed, and that it was issued to the person named here.</p>"
        )
    return html_page(f"Skills passport - {page.name}", STYLE, parts)
