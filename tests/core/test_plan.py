"""The learner's plan: built from the plan form, found again in their events, never mixed up with their CV."""

from bleep_tui.core.cv import latest_cv
from bleep_tui.core.events import Event
from bleep_tui.core.kept import KeptForm, latest_kept
from bleep_tui.core.plan import PLAN_FIELDS, PlanGoal, latest_plan, plan_from_values
from bleep_tui.core.sims.forms import FormField, FormModel, FormScenario, Page
from bleep_tui.core.sims.kept_forms import with_kept_values


def sent(keeps: str, values: dict[str, str], at: str) -> Event:
    fields = tuple(FormField(key, key) for key in (PLAN_FIELDS if keeps == "plan" else ("name", "profile")))
    model = FormModel(FormScenario("Mine", (Page("All", fields),), keeps=keeps))
    for key, value in values.items():
        model.set(key, value)
    model.submit()
    return Event("answered", at, answer=[entry.to_record() for entry in model.trace])


def test_the_plan_sent_last_is_kept_and_a_cv_is_never_taken_for_it() -> None:
    events = [
        sent("plan", {"name": "Sam Old"}, "2027-01-01T10:00:00+00:00"),
        sent("plan", {"name": "Sam", "work-goal": "A kitchen job by May", "work-help": "Work coach"}, "2027-02-01T10:00:00+00:00"),
        sent("cv", {"name": "Sam CV", "profile": "Cook"}, "2027-03-01T10:00:00+00:00"),
    ]
    plan = latest_plan(events)
    assert plan is not None and plan.name == "Sam" and plan.made_at.startswith("2027-02-01")
    assert plan.goals == (PlanGoal("work", "A kitchen job by May", who_helps="Work coach"),)
    cv = latest_cv(events)
    assert cv is not None and cv.name == "Sam CV"
    assert latest_plan(events[2:]) is None and latest_cv(events[:2]) is None


def test_a_cv_stored_before_plans_were_kept_is_still_the_learners_cv() -> None:
    old = Event("answered", "2024-01-01T10:00:00+00:00", answer=[
        {"event": "submitted", "cv": True, "fields": [{"id": "name", "value": "Sam"}]},
    ])
    assert latest_cv([old]).name == "Sam" and latest_plan([old]) is None  # type: ignore[union-attr]


def test_areas_left_empty_are_left_out_and_escape_sequences_are_cleaned() -> None:
    plan = plan_from_values({"name": "Sam\x1b[2J", "housing-step": "Call Jo", "money-goal": "  "})
    assert plan.name == "Sam[2J" and [goal.area for goal in plan.goals] == ["housing"]


def test_a_kept_plan_fills_the_form_again_and_nothing_else_changes() -> None:
    fields = (FormField("name", "Name"), FormField("work-goal", "Goal", value="x"), FormField("check-date", "Check"))
    scenario = FormScenario("Mine", (Page("All", fields),), keeps="plan")
    kept = Event("answered", "2027-01-01T10:00:00+00:00", answer=[
        {"event": "submitted", "keeps": "plan", "fields": [{"id": "name", "value": "Sam"}, {"id": "work-goal", "value": ""}]},
    ])
    again = with_kept_values(scenario, [kept])
    assert [f.value for f in again.fields] == ["Sam", "", ""]  # what they sent, even emptied; the rest as it was
    assert with_kept_values(scenario, []) == scenario


def test_every_part_of_a_plan_is_read_from_its_own_field() -> None:
    plan = plan_from_values({
        "name": "Sam", "release-date": "2027-05-01", "check-date": "2027-06-01",
        "work-goal": "A kitchen job", "work-date": "2027-07-01", "work-step": "Ask the work coach", "work-help": "Jo",
    })
    assert (plan.name, plan.release_date, plan.check_date, plan.made_at) == ("Sam", "2027-05-01", "2027-06-01", "")
    assert plan.goals == (PlanGoal("work", "A kitchen job", "2027-07-01", "Ask the work coach", "Jo"),)


def test_a_cv_keeps_up_to_three_jobs_and_courses_numbered_from_one_even_with_only_an_employer_or_a_place() -> None:
    from bleep_tui.core.cv import Course, Job, cv_from_values

    cv = cv_from_values({
        "name": "Sam", "job-0-title": "never asked for",
        "job-1-employer": "Green Park", "job-2-title": "Cook", "job-2-employer": "Cafe Nord", "job-3-title": "Porter",
        "job-4-title": "one too many",
        "course-1-title": "Food hygiene", "course-1-place": "Open College", "course-2-place": "Library",
    })
    assert cv.jobs == (Job("", "Green Park"), Job("Cook", "Cafe Nord"), Job("Porter"))
    assert cv.courses == (Course("Food hygiene", "Open College"), Course("", "Library"))
    assert cv.made_at == ""


def test_a_sent_form_with_a_field_missing_its_value_or_no_fields_at_all_reads_as_empty() -> None:
    sent_cv = [{"event": "submitted", "keeps": "cv", "fields": [{"id": "name"}, {"value": "Cook"}]}]
    no_fields = [{"event": "submitted", "keeps": "plan"}]
    events = [Event("answered", "2027-01-01T10:00:00+00:00", answer=sent_cv), Event("answered", "2027-01-02T10:00:00+00:00", answer=no_fields)]
    assert latest_kept(events, "cv") == KeptForm({"name": "", "": "Cook"}, "2027-01-01T10:00:00+00:00")
    assert latest_cv(events).name == ""  # type: ignore[union-attr]
    assert latest_plan(events) == plan_from_values({}, "2027-01-02T10:00:00+00:00")
