"""A printable class report: one self-contained HTML page for a case review, a probation meeting or a noticeboard.

Progress per module as inline SVG bars, the hardest steps, and a table per learner. No script, no link, no file
from outside; print CSS for A4. Names and groups were typed by people: every value is escaped.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Iterable, Mapping

from bleep_tui.core.levels import Level
from bleep_tui.core.reports import LearnerData, LessonInfo, Selection, StepDifficulty, step_difficulty, summarise
from bleep_tui.i18n import _, ngettext

HARDEST_SHOWN = 8
BAR_WIDTH, BAR_HEIGHT = 240, 12
NUMBER = ' class="n"'

STYLE = """
@page { size: A4; margin: 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #000; margin: 0 auto; max-width: 60em; }
h1 { font-size: 16pt; margin: 0 0 0.2em 0; }
h2 { font-size: 12pt; border-bottom: 1px solid #000; margin: 1.2em 0 0.4em 0; }
h3 { font-size: 10.5pt; margin: 0.9em 0 0.2em 0; }
.about { margin: 0; color: #333; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 1px 6px 1px 0; vertical-align: top; }
th { border-bottom: 1px solid #000; font-weight: bold; }
td.n, th.n { text-align: right; }
.learner { break-inside: avoid; }
svg { vertical-align: middle; }
"""


def _header(titles: list[str], numbers: int) -> str:
    """A table's first row; its last `numbers` columns hold numbers, set to the right."""
    cells = [f'<th{NUMBER if column >= len(titles) - numbers else ""}>{html.escape(title)}</th>' for column, title in enumerate(titles)]
    return "<tr>" + "".join(cells) + "</tr>"


def _bar(share: float) -> str:
    """A bar `share` (0 to 1) full, drawn in grey and black so it prints on any printer."""
    filled = round(BAR_WIDTH * max(0.0, min(1.0, share)))
    return (
        f'<svg width="{BAR_WIDTH}" height="{BAR_HEIGHT}" viewBox="0 0 {BAR_WIDTH} {BAR_HEIGHT}" role="img" aria-label="{round(100 * share)}%">'
        f'<rect width="{BAR_WIDTH}" height="{BAR_HEIGHT}" fill="#ddd" stroke="#000" stroke-width="1"/>'
        f'<rect width="{filled}" height="{BAR_HEIGHT}" fill="#333"/></svg>'
    )


def _about(learners: list[LearnerData], selection: Selection, made_on: date) -> str:
    who = _("Group {group}").format(group=selection.group) if selection.group else _("All learners")
    days = ""
    if selection.since or selection.until:
        days = ", " + _("{since} to {until}").format(since=selection.since or "...", until=selection.until or made_on)
    count = ngettext("{n} learner", "{n} learners", len(learners)).format(n=len(learners))
    return f"{who}{days}. {count}. " + _("Made on {day}.").format(day=made_on.isoformat())


def _modules(learners: list[LearnerData], lessons: Mapping[str, LessonInfo], finished: dict[str, set[str]]) -> list[str]:
    """Per module: the share of its lessons the group has finished, all learners together."""
    in_module: dict[str, list[str]] = {}
    for lesson_id, info in lessons.items():
        in_module.setdefault(info.module, []).append(lesson_id)
    rows = []
    for module, lesson_ids in in_module.items():
        done = sum(len(finished[learner.code] & set(lesson_ids)) for learner in learners)
        possible = len(lesson_ids) * len(learners)
        share = done / possible if possible else 0.0
        label = _("{done} of {possible} lessons finished").format(done=done, possible=possible)
        rows.append(f"<tr><td>{html.escape(module)}</td><td>{_bar(share)}</td><td class=\"n\">{round(100 * share)}%</td><td>{html.escape(label)}</td></tr>")
    return rows


def _hardest(learners: list[LearnerData], lessons: Mapping[str, LessonInfo]) -> list[str]:
    """The steps least often right at the first try; ties go to the step more learners met."""
    answered: list[StepDifficulty] = [entry for entry in step_difficulty(learners).values() if entry.first_try_share is not None]
    answered.sort(key=lambda entry: (entry.first_try_share, -entry.first_tries, entry.lesson, entry.step))
    rows = []
    for entry in answered[:HARDEST_SHOWN]:
        info = lessons.get(entry.lesson, LessonInfo(entry.lesson, entry.lesson, ""))
        step = dict(info.steps).get(entry.step, entry.step)
        rows.append(
            f"<tr><td>{html.escape(info.title)}</td><td>{html.escape(step)}</td>"
            f"<td class=\"n\">{round(100 * (entry.first_try_share or 0))}%</td><td class=\"n\">{entry.learners}</td><td class=\"n\">{entry.hints}</td></tr>"
        )
    return rows


def _learner(learner: LearnerData, lessons: Mapping[str, LessonInfo], levels: tuple[Level, ...]) -> list[str]:
    summary = summarise(learner, levels)
    e = html.escape
    heading = f"{learner.name} ({learner.code})" + (f" - {', '.join(learner.groups)}" if learner.groups else "")
    about = _("Level {number} ({name}), {xp} XP, {done} lessons finished, last active {when}.").format(
        number=summary.level.number, name=summary.level.name, xp=summary.xp, done=summary.lessons_done,
        when=summary.last_active[:10] or _("never"))
    parts = ['<section class="learner">', f"<h3>{e(heading)}</h3>", f'<p class="about">{e(about)}</p>']
    if summary.records:
        parts.append("<table>" + _header([_("Lesson"), _("Status"), _("Best score"), _("Stars"), _("Attempts")], numbers=3))
        for lesson_id, record in summary.records.items():
            title = lessons[lesson_id].title if lesson_id in lessons else lesson_id
            done = record.completions > 0
            status = _("finished") if done else _("in progress")
            parts.append(
                f"<tr><td>{e(title)}</td><td>{e(status)}</td>"
                f"<td class=\"n\">{f'{record.best_percent}%' if done else '-'}</td><td class=\"n\">{record.best_stars if done else '-'}</td>"
                f"<td class=\"n\">{record.attempts}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</section>")
    return parts


def class_report_html(
    learners: Iterable[LearnerData], lessons: Mapping[str, LessonInfo], levels: tuple[Level, ...], selection: Selection, made_on: date,
) -> str:
    learners = list(learners)
    e = html.escape
    finished = {learner.code: {lesson for lesson, record in summarise(learner, levels).records.items() if record.completions} for learner in learners}
    title, progress, hardest_title, none_yet, learners_title = (
        e(text) for text in (_("Class report"), _("Progress per module"), _("Hardest steps"), _("No answers yet."), _("Learners"))
    )
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f"<title>{title}</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
        f"<h1>{title}</h1>", f'<p class="about">{e(_about(learners, selection, made_on))}</p>',
        f"<h2>{progress}</h2>", "<table>", *_modules(learners, lessons, finished), "</table>",
        f"<h2>{hardest_title}</h2>",
    ]
    hardest = _hardest(learners, lessons)
    if hardest:
        header = _header([_("Lesson"), _("Step"), _("Right at the first try"), _("Learners"), _("Hints")], numbers=3)
        parts += ["<table>" + header, *hardest, "</table>"]
    else:
        parts.append(f"<p>{none_yet}</p>")
    parts.append(f"<h2>{learners_title}</h2>")
    for learner in learners:
        parts += _learner(learner, lessons, levels)
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
