"""The learner's CV: built from the CV form, found again in their events, written as text and HTML literally."""

from bleep_tui.core.cv import CV, CV_FIELDS, Course, Job, cv_from_values, latest_cv
from bleep_tui.core.events import Event
from bleep_tui.core.sims.forms import FormField, FormModel, FormScenario, Page
from bleep_tui.export.cv import cv_document
from bleep_tui.export.printable import printable_html, printable_text

NAME = "<script>alert('x')</script> [b]Sam[/b] & Co"


def cv_text(cv) -> str:
    return printable_text(cv_document(cv))


def cv_html(cv) -> str:
    return printable_html(cv_document(cv))


def cv_run(values: dict[str, str], at: str) -> Event:
    scenario = FormScenario("My CV", (Page("All", tuple(FormField(key, key) for key in CV_FIELDS)),), keeps="cv")
    model = FormModel(scenario)
    for key, value in values.items():
        model.set(key, value)
    model.submit()
    return Event("answered", at, lesson="work-sim-cv-builder", answer=[e.to_record() for e in model.trace])


def test_the_latest_cv_sent_is_the_one_kept() -> None:
    events = [
        cv_run({"name": "Sam Old"}, "2024-01-01T10:00:00+00:00"),
        Event("answered", "2024-01-02T10:00:00+00:00", lesson="other", answer="42"),
        cv_run({"name": "Sam New", "skills": "- Cooking\n\n* Forklift licence\n"}, "2024-02-01T10:00:00+00:00"),
    ]
    cv = latest_cv(events)
    assert cv is not None and cv.name == "Sam New" and cv.skills == ("Cooking", "Forklift licence")
    assert cv.made_at.startswith("2024-02-01")


def test_no_cv_form_sent_means_no_cv() -> None:
    assert latest_cv([Event("answered", "t", answer=[{"event": "submitted", "cv": False, "fields": []}])]) is None


def test_empty_jobs_and_courses_are_left_out() -> None:
    cv = cv_from_values({"name": "Sam", "job-2-title": "Cook", "job-2-dates": "2020", "course-3-place": "College"})
    assert cv.jobs == (Job("Cook", "", "2020", ""),) and len(cv.courses) == 1


def test_what_the_learner_typed_comes_out_literally_in_text_and_escaped_in_html() -> None:
    cv = cv_from_values({"name": NAME, "profile": "I <3 [i]cooking[/i]", "job-1-title": "Cook & cleaner",
                         "job-1-duties": "Line 1\nLine 2", "skills": "[red]Tidy[/red]"})
    text = cv_text(cv)
    assert text.splitlines()[0] == NAME
    assert "I <3 [i]cooking[/i]" in text and "- [red]Tidy[/red]" in text and "Line 1\nLine 2" in text
    html = cv_html(cv)
    assert "<script>" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; [b]Sam[/b] &amp; Co" in html
    assert "I &lt;3 [i]cooking[/i]" in html and "Cook &amp; cleaner" in html
    assert "<li>[red]Tidy[/red]</li>" in html


def test_the_html_cv_is_one_page_with_no_scripts_or_links_out() -> None:
    html = cv_html(cv_from_values({"name": "Sam", "email": "sam@postbox.eu", "profile": "Hello"}))
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html and "http" not in html and "@media print" in html


def test_escape_sequences_pasted_into_a_cv_never_reach_a_terminal() -> None:
    from bleep_tui.core.cv import cv_from_values

    cv = cv_from_values({"name": "Sam\x1b]0;owned\x07 Jones", "profile": "Line one\nline\x1b[2J two\ttab"})
    assert cv.name == "Sam]0;owned Jones"
    assert cv.profile == "Line one\nline[2J two\ttab"


def test_a_whole_cv_prints_each_section_under_its_heading_in_the_usual_order() -> None:
    cv = CV(
        name="Sam Meyer", address="Linden Street 4", phone="06 1234 5678", email="sam@postbox.eu", profile="Reliable gardener.",
        jobs=(Job("Gardener", "Hollybrook Gardens", "2019-2022", "Mowing, planting"), Job("Cook", dates="2018")),
        courses=(Course("Forklift licence", "Work centre", "2023"), Course("Dutch A2")),
        skills=("Driving", "Cooking"), languages="Dutch, English", interests="Football", references="On request",
    )
    assert cv_text(cv) == """Sam Meyer
Linden Street 4
06 1234 5678
sam@postbox.eu

PROFILE
-------

Reliable gardener.

WORK EXPERIENCE
---------------

Gardener
Hollybrook Gardens · 2019-2022
Mowing, planting

Cook
2018

EDUCATION AND TRAINING
----------------------

Forklift licence
Work centre · 2023

Dutch A2

SKILLS
------

- Driving
- Cooking

LANGUAGES
---------

Dutch, English

INTERESTS
---------

Football

REFERENCES
----------

On request
"""
    for title in ("Profile", "Work experience", "Education and training", "Skills", "Languages", "Interests", "References"):
        assert f"<h2>{title}</h2>" in cv_html(cv)
    assert "<title>CV - Sam Meyer</title>" in cv_html(cv)
