"""Each simulation as a text machine: a learner who reads its lines and picks by number can meet every goal."""

from __future__ import annotations

import io

from bleep_tui.content.shipped import load_content
from bleep_tui.core.model import SimStep
from bleep_tui.core.scoring import score_answer
from bleep_tui.core.sims import registry
from bleep_tui.linear.machines import Machine, machine_for
from bleep_tui.linear.talk import Conversation

LESSONS = load_content().catalog.lessons


def task(lesson_id: str) -> tuple[SimStep, Machine]:
    step = next(step for step in LESSONS[lesson_id].steps if isinstance(step, SimStep))
    return step, machine_for(step.sim, registry()[step.sim].new_model(step.scenario), "EUR")


def act(machine: Machine, label: str, *typed: str) -> str:
    """Do what the machine offers under `label` (the first that has it), answering its questions with `typed`."""
    offered = [action for action in machine.actions() if label in action.label]
    assert offered, f"{label!r} is not offered: {[action.label for action in machine.actions()]}"
    said = io.StringIO()
    offered[0].do(Conversation(io.StringIO("".join(line + "\n" for line in typed)), said))
    return said.getvalue()


def missed(step: SimStep, machine: Machine) -> list[str]:
    assert machine.model.finished
    outcome = score_answer(step, [entry.to_record() for entry in machine.model.trace], 1, 0)
    return [result.goal.label for result in outcome.goals if not result.met]


def test_a_coffee_paid_by_tapping_the_card_meets_every_goal() -> None:
    step, terminal = task("money-sim-card-contactless")
    assert any("3.40" in line or "3,40" in line for line in terminal.shows())
    act(terminal, "tap card")
    act(terminal, "OK")  # a receipt: yes
    assert "Your card is in your hand." in terminal.shows()[-1]
    act(terminal, "leave the shop")
    assert missed(step, terminal) == []


def test_a_caller_from_the_bank_is_hung_up_on_and_reported() -> None:
    step, app = task("money-sim-banking-bank-call")
    act(app, "Type in the box", "80246")
    while app.model.state != "call":  # the call comes after a moment in the app
        act(app, "messages")
        act(app, "back")
    assert any("Incoming call" in line for line in app.shows())
    act(app, "hang up")
    overview = app.shows()
    assert any(line.startswith("Current account: ") for line in overview) and any("Salary" in line for line in overview)
    act(app, "report a scam")
    act(app, "log out")
    assert missed(step, app) == []


def test_phishing_is_reported_with_its_red_flags_and_the_real_mail_is_kept() -> None:
    step, client = task("communication-sim-email-phishing")
    for subject, flags in (("URGENT", "1 2 3 4"), ("parcel", "1 5"), ("You have won", "1 2 4")):
        act(client, subject)
        said = act(client, "Report as phishing", flags)
        assert "Reported as phishing and moved to Junk." in said
    act(client, "End the task", "y")
    assert missed(step, client) == []


def test_a_form_is_filled_in_by_number_checked_and_sent() -> None:
    step, form = task("services-sim-form-appointment")
    letter = act(form, "Read: Letter from the town hall")
    assert "ID card" in letter
    assert form.shows()[1:3] == ["Page 1 of 2: What and when", "What is the appointment for? (required): (empty)"]
    act(form, "Fill in: What is the appointment for?", "2")  # the second of the options it reads out
    act(form, "Fill in: Date", "10/04/2024")
    act(form, "Fill in: Time", "1")
    assert "What is the appointment for? (required): New ID card" in form.shows()
    act(form, "Next page")
    act(form, "Check your answers")  # nothing filled in on this page yet: it says what is missing
    assert any("Problem: This is required." in line for line in form.shows())
    for label, value in (("name", "Chris Berg"), ("phone", "06 2150 7788"), ("email", "chris.berg@postbox.eu")):
        act(form, next(a.label for a in form.actions() if label in a.label.lower()), value)
    act(form, "Check your answers")
    assert form.model.reviewing
    act(form, "Send the form")
    assert missed(step, form) == []
