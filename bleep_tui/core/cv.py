"""The learner's CV: built in the CV lesson (a `cv` form), kept in their events, never parsed as markup."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from bleep_tui.core.events import Event
from bleep_tui.core.kept import latest_kept
from bleep_tui.core.text import clean_text

MAX_JOBS = 3
MAX_COURSES = 3
CONTACT_FIELDS = ("name", "address", "phone", "email")
# Every field id a `cv` form may use; each names the part of the CV it fills.
CV_FIELDS: tuple[str, ...] = (
    *CONTACT_FIELDS,
    "profile",
    *(f"job-{n}-{part}" for n in range(1, MAX_JOBS + 1) for part in ("title", "employer", "dates", "duties")),
    *(f"course-{n}-{part}" for n in range(1, MAX_COURSES + 1) for part in ("title", "place", "dates")),
    "skills",
    "languages",
    "interests",
    "references",
)


@dataclass(frozen=True)
class Job:
    title: str
    employer: str = ""
    dates: str = ""
    duties: str = ""


@dataclass(frozen=True)
class Course:
    title: str
    place: str = ""
    dates: str = ""


@dataclass(frozen=True)
class CV:
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    profile: str = ""
    jobs: tuple[Job, ...] = ()
    courses: tuple[Course, ...] = ()
    skills: tuple[str, ...] = ()
    languages: str = ""
    interests: str = ""
    references: str = ""
    made_at: str = ""  # when the learner sent the CV form (ISO time)


def cv_from_values(values: dict[str, str], made_at: str = "") -> CV:
    """A CV from the `cv` form's values by field id; empty jobs and courses are left out."""
    def get(key: str) -> str:
        # A CV is printed on a facilitator's terminal and in HTML: no escape sequence may survive in it.
        return clean_text(str(values.get(key, "")))

    jobs = tuple(
        Job(get(f"job-{n}-title"), get(f"job-{n}-employer"), get(f"job-{n}-dates"), get(f"job-{n}-duties"))
        for n in range(1, MAX_JOBS + 1)
        if get(f"job-{n}-title") or get(f"job-{n}-employer")
    )
    courses = tuple(
        Course(get(f"course-{n}-title"), get(f"course-{n}-place"), get(f"course-{n}-dates"))
        for n in range(1, MAX_COURSES + 1)
        if get(f"course-{n}-title") or get(f"course-{n}-place")
    )
    skills = tuple(line.strip().lstrip("-*• ").strip() for line in get("skills").splitlines() if line.strip().lstrip("-*• ").strip())
    return CV(
        name=get("name"), address=get("address"), phone=get("phone"), email=get("email"), profile=get("profile"),
        jobs=jobs, courses=courses, skills=skills,
        languages=get("languages"), interests=get("interests"), references=get("references"), made_at=made_at,
    )


def latest_cv(events: Iterable[Event]) -> CV | None:
    """The CV the learner sent last, from any run of any CV lesson; None if they never made one."""
    kept = latest_kept(events, "cv")
    return cv_from_values(kept.values, kept.made_at) if kept else None
