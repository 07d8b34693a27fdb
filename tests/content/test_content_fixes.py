"""The shipped lessons say what they mean: each defect a careful teacher found stays fixed."""

from pathlib import Path

import pytest

from bleep_tui.content.catalog import lesson_files, load_catalog, shipped_dir
from bleep_tui.content.lessons import load_lesson
from bleep_tui.content.problems import ContentError
from bleep_tui.content.real_banks import real_bank_code
from bleep_tui.core.model import SimStep
from bleep_tui.core.sims import registry
from bleep_tui.core.sims.email import EmailModel


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def sim_step(catalog, lesson_id: str, step_id: str) -> SimStep:
    step = next(s for s in catalog.lessons[lesson_id].steps if s.id == step_id)
    assert isinstance(step, SimStep)
    return step


def goals_met(step: SimStep, model) -> dict[str, bool]:
    goals = registry()[step.sim].goals
    return {f"{g.check}:{g.value}": goals[g.check].check(tuple(model.trace), g.value) for g in step.goals}


def test_ticking_sender_on_the_parcel_and_prize_scams_is_no_false_flag(catalog) -> None:
    step = sim_step(catalog, "communication-sim-email-phishing", "sort-inbox")
    model = EmailModel(step.scenario)
    for mail in step.scenario.inbox:
        if mail.scam:
            model.report(mail.id, ["sender", *mail.flags])
    assert goals_met(step, model)["no_false_flags:None"]


def test_no_shipped_form_scores_a_field_it_calls_optional(catalog) -> None:
    for lesson in catalog.lessons.values():
        for step in lesson.steps:
            if not (isinstance(step, SimStep) and step.sim in ("form", "cv", "plan")):
                continue
            for goal in step.goals:
                if goal.check in ("answered", "field"):
                    field_id = str(goal.value).split("=", 1)[0].strip()
                    form_field = step.scenario.field(field_id)
                    assert form_field is not None, (lesson.id, goal.value)
                    assert "optional" not in f"{form_field.label} {form_field.hint}".casefold(), (lesson.id, goal.value)


def test_the_plan_lesson_rewards_no_box_that_does_nothing_and_keeps_the_learners_own_plan(catalog) -> None:
    lesson = catalog.lessons["release-my-individual-plan"]
    sims = [step for step in lesson.steps if isinstance(step, SimStep)]
    assert not [goal for step in sims for goal in step.goals if goal.check == "ticked"]
    assert [step.sim for step in sims] == ["form", "plan"]


def test_a_subject_naming_the_appointment_and_the_change_is_accepted(catalog) -> None:
    step = sim_step(catalog, "communication-sim-email-probation", "write-to-officer")
    for subject, accepted in (
        ("Change of appointment on Thursday", True),
        ("Request to move my meeting on Thursday", True),
        ("Can't come to the meeting on Thursday", True),
        ("Thursday", False),
    ):
        model = EmailModel(step.scenario)
        draft = model.compose()
        draft.to, draft.subject, draft.body = "t.berger@probation-rivertown.eu", subject, "Dear Mr Berger,\nKind regards,\nSam"
        assert model.send() == []
        assert goals_met(step, model)[next(f"subject_has:{g.value}" for g in step.goals if g.check == "subject_has")] is accepted, subject


def test_no_shipped_lesson_names_a_real_bank() -> None:
    for path in lesson_files(shipped_dir("lessons")):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert "ABNA" not in line and "INGB" not in line and "RABO" not in line, (path, line)


def test_the_validator_refuses_an_iban_of_a_real_bank_at_its_line(tmp_path: Path) -> None:
    text = Path(shipped_dir("lessons") / "services" / "sim-form-housing.yaml").read_text(encoding="utf-8")
    path = tmp_path / "housing.yaml"
    path.write_text(text.replace("NL05 NWYB 0417 1643 00", "NL91 ABNA 0417 1643 00"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_lesson(path, frozenset({"services"}))
    lines = [number for number, line in enumerate(path.read_text().splitlines(), 1) if "ABNA" in line]
    real = [p for p in caught.value.problems if "real bank (ABNA)" in p.message]
    assert [p.line for p in real] == lines and len(lines) == 3
    assert str(real[0]).startswith(f"{path}:{lines[0]}: ")


def test_only_the_listed_real_bank_codes_are_refused() -> None:
    assert real_bank_code("NL91 ABNA 0417 1643 00") == "ABNA"
    assert real_bank_code("gb29nwbk60161331926819") == "NWBK"
    assert real_bank_code("NL05 NWYB 0417 1643 00") is None
    assert real_bank_code("DE89 3704 0044 0532 0130 00") is None


@pytest.mark.parametrize(("lesson_id", "word", "explained"), [
    ("work-sim-form-job-application", "unspent", "**Unspent** means"),
    ("money-sim-banking-rent", "payee", "is called the **payee**"),
])
def test_a_hard_word_is_explained_in_the_lesson_that_first_uses_it(catalog, lesson_id: str, word: str, explained: str) -> None:
    lesson = catalog.lessons[lesson_id]
    texts = [lesson.summary, *(getattr(step, field) for step in lesson.steps for field in ("text", "prompt", "task") if getattr(step, field, ""))]
    first_use = next(text for text in texts if word in text.casefold())
    assert explained in first_use, first_use
