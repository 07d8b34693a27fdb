"""A learner's CV as a printable document (see printable.py)."""

from __future__ import annotations

from bleep_tui.core.cv import CV
from bleep_tui.export.printable import Entry, Printable, Section


def _free_text(text: str) -> tuple[Entry, ...]:
    return (Entry(text=text),) if text else ()


def cv_document(cv: CV) -> Printable:
    jobs = tuple(Entry(job.title, " · ".join(v for v in (job.employer, job.dates) if v), job.duties) for job in cv.jobs)
    courses = tuple(Entry(course.title, " · ".join(v for v in (course.place, course.dates) if v)) for course in cv.courses)
    return Printable("CV", cv.name, tuple(value for value in (cv.address, cv.phone, cv.email) if value), (
        Section("Profile", _free_text(cv.profile)),
        Section("Work experience", jobs),
        Section("Education and training", courses),
        Section("Skills", tuple(Entry(skill) for skill in cv.skills), bullets=True),
        Section("Languages", _free_text(cv.languages)),
        Section("Interests", _free_text(cv.interests)),
        Section("References", _free_text(cv.references)),
    ))

