"""Achievement rules over a learner's events: each rule type, and badges that are kept once earned."""

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from itertools import count
from zoneinfo import ZoneInfo

import pytest

from bleep_tui.core.achievements import (
    RULE_TYPES,
    Achievement,
    Rule,
    badge_points,
    earned_badges,
    earned_event,
    learner_facts,
    rule_met,
    rule_progress,
)
from bleep_tui.core.curriculum import Curriculum
from bleep_tui.core.events import Event
from bleep_tui.core.progress import Progress

UTC = timezone.utc
NOW = datetime(2026, 3, 11, 12, 0, tzinfo=UTC)  # a Wednesday in ISO week 11
CURRICULUM = Curriculum(
    modules={"money": ("atm", "budget"), "safety": ("codes",), "empty": ()},
    competences={"4.2": ("atm", "codes"), "1.3": ("budget",)},
    sim_steps={("atm", "task"): "atm", ("scam", "task"): "banking"},
)
_runs = count(1)


def finished(lesson: str, percent: int = 100, xp: int = 30, hints: int = 0, at: datetime = NOW) -> list[Event]:
    run = f"r{next(_runs)}"
    events = [Event("lesson_started", at.isoformat(), lesson=lesson, run=run)]
    events += [Event("hint_shown", at.isoformat(), lesson=lesson, run=run, step="s1", hints=n) for n in range(1, hints + 1)]
    events.append(Event("lesson_finished", at.isoformat(), lesson=lesson, run=run, points=xp, percent=percent, stars=3 if percent >= 90 else 1))
    return events


def sim_task(lesson: str, *trace: dict) -> list[Event]:
    run = f"r{next(_runs)}"
    return [
        Event("lesson_started", NOW.isoformat(), lesson=lesson, run=run),
        Event("answered", NOW.isoformat(), lesson=lesson, run=run, step="task", answer=list(trace), finished=True),
    ]


def facts(events: list[Event], paused: tuple[str, ...] = (), now: datetime = NOW):
    return learner_facts(Progress.of(events), CURRICULUM, now, UTC, paused)


def met(rule: Rule, events: list[Event], **kwargs) -> bool:
    return rule_met(rule, facts(events, **kwargs))


def badge(achievement_id: str, rule: Rule, points: int = 10) -> Achievement:
    return Achievement(achievement_id, achievement_id.title(), "How to earn it.", "★", "*", rule, points)


def test_finishing_a_named_lesson_earns_its_badge_and_starting_it_does_not() -> None:
    rule = Rule("lesson_completed", lesson="codes")
    assert met(rule, finished("codes", percent=20))
    assert not met(rule, [Event("lesson_started", NOW.isoformat(), lesson="codes", run="x")])
    assert not met(rule, finished("atm"))


def test_a_module_is_complete_only_when_every_lesson_in_it_is_finished() -> None:
    rule = Rule("module_completed", module="money")
    assert rule_progress(rule, facts(finished("atm"))) == (1, 2)
    assert met(rule, finished("atm") + finished("budget"))


def test_a_module_without_lessons_is_never_complete() -> None:
    assert not met(Rule("module_completed", module="empty"), finished("atm"))


def test_n_lessons_counts_different_lessons_not_replays() -> None:
    rule = Rule("lessons_completed", count=2)
    assert not met(rule, finished("atm") + finished("atm"))
    assert met(rule, finished("atm") + finished("codes"))


def test_perfect_lessons_need_100_percent_on_different_lessons() -> None:
    rule = Rule("perfect_lessons", count=2)
    assert not met(rule, finished("atm") + finished("codes", percent=95))
    assert met(rule, finished("atm") + finished("codes", percent=95) + finished("codes"))


def test_a_lesson_finished_without_hints_counts_even_if_another_run_used_hints() -> None:
    rule = Rule("no_hints_lesson", count=1)
    assert not met(rule, finished("atm", hints=1))
    assert met(rule, finished("atm", hints=1) + finished("atm"))
    assert rule_progress(Rule("no_hints_lesson", count=2), facts(finished("atm") + finished("atm"))) == (1, 2)


def test_total_xp_counts_the_best_run_of_each_lesson() -> None:
    rule = Rule("total_xp", count=50)
    assert not met(rule, finished("atm", xp=30) + finished("atm", xp=30))
    assert met(rule, finished("atm", xp=30) + finished("codes", xp=20))


def test_a_weekly_streak_badge_counts_the_best_streak_even_after_a_break() -> None:
    rule = Rule("weekly_streak", count=3)
    weeks = [NOW - timedelta(weeks=n) for n in (6, 5, 4)]
    events = [e for at in weeks for e in finished("atm", at=at)]
    assert met(rule, events)  # the streak is broken now, but three weeks in a row happened
    assert not met(rule, events[:-2])


def test_a_paused_week_lets_a_streak_badge_be_earned_across_a_lockdown() -> None:
    rule = Rule("weekly_streak", count=3)
    events = [e for weeks_ago in (3, 2, 0) for e in finished("atm", at=NOW - timedelta(weeks=weeks_ago))]
    assert not met(rule, events)
    assert met(rule, events, paused=("2026-W10",))


def test_a_sim_trace_rule_counts_the_event_in_every_task_of_that_simulation() -> None:
    rule = Rule("sim_trace", sim="atm", event="card_taken", count=5)
    four = [e for _ in range(4) for e in sim_task("atm", {"event": "card_inserted"}, {"event": "card_taken"})]
    assert rule_progress(rule, facts(four)) == (4, 5)
    assert met(rule, four + sim_task("atm", {"event": "card_taken"}))


def test_taking_the_card_five_times_in_one_task_counts_as_one_task() -> None:
    rule = Rule("sim_trace", sim="atm", event="card_taken", count=5)
    one_task = sim_task("atm", *([{"event": "card_inserted"}, {"event": "card_taken"}] * 5))
    assert rule_progress(rule, facts(one_task)) == (1, 5)


def test_a_sim_trace_rule_ignores_other_simulations_and_non_sim_answers() -> None:
    rule = Rule("sim_trace", sim="banking", event="scam_reported", count=1)
    assert not met(rule, sim_task("atm", {"event": "scam_reported"}))
    text_answer = [Event("answered", NOW.isoformat(), lesson="scam", run="x", step="other", answer="scam_reported")]
    assert not met(rule, text_answer)
    assert met(rule, sim_task("scam", {"event": "scam_reported", "scam": "relative"}))


def test_ten_spotted_scams_need_ten_reports() -> None:
    rule = Rule("sim_trace", sim="banking", event="scam_reported", count=10)
    nine = [e for _ in range(9) for e in sim_task("scam", {"event": "scam_reported"})]
    assert not met(rule, nine)
    assert met(rule, nine + sim_task("scam", {"event": "scam_reported"}))


def test_a_sim_trace_rule_with_where_counts_only_matching_entries() -> None:
    rule = Rule("sim_trace", sim="atm", event="pin_entered", where=(("covered", "true"), ("by", "you")), count=1)
    assert not met(rule, sim_task("atm", {"event": "pin_entered", "covered": False, "by": "you"}))
    assert not met(rule, sim_task("atm", {"event": "pin_entered", "covered": True, "by": "stranger"}))
    assert met(rule, sim_task("atm", {"event": "pin_entered", "covered": True, "by": "you"}))
    uncovered = Rule("sim_trace", sim="atm", event="pin_entered", where=(("covered", "false"),), count=1)  # as a file writes `false`
    assert met(uncovered, sim_task("atm", {"event": "pin_entered", "covered": False}))
    assert not met(uncovered, sim_task("atm", {"event": "pin_entered", "covered": True}))


def test_competence_mastery_rises_with_best_results_on_the_lessons_that_train_it() -> None:
    familiar = Rule("competence_mastery", competence="4.2", level="Familiar")
    mastered = Rule("competence_mastery", competence="4.2", level="Mastered")
    assert not met(familiar, [Event("lesson_started", NOW.isoformat(), lesson="atm", run="x")])  # only Attempted
    assert met(familiar, finished("atm"))  # one lesson finished, 100%
    assert not met(mastered, finished("atm") + finished("codes", percent=70))  # all lessons, 85% on average
    assert met(mastered, finished("atm") + finished("codes", percent=80))  # all lessons, 90% on average


def test_every_rule_type_has_a_test_above() -> None:
    tested = {"lesson_completed", "module_completed", "lessons_completed", "perfect_lessons", "no_hints_lesson",
              "total_xp", "weekly_streak", "sim_trace", "competence_mastery"}
    assert tested == set(RULE_TYPES)


def test_an_unknown_rule_type_is_a_bug_that_fails_loudly() -> None:
    with pytest.raises(ValueError):
        rule_progress(Rule("teleport"), facts([]))


# --- earning and keeping badges --------------------------------------------------------


FIRST = badge("first", Rule("lessons_completed", count=1))
TWO = badge("two", Rule("lessons_completed", count=2), points=20)


def test_a_badge_met_for_the_first_time_is_new_and_dated_now() -> None:
    events = finished("atm")
    earned = earned_badges([FIRST, TWO], facts(events), "2026-03-11T12:00:00+00:00")
    assert [(b.id, b.new, b.at) for b in earned] == [("first", True, "2026-03-11T12:00:00+00:00")]


def test_a_recorded_badge_keeps_its_first_date_and_is_not_new_again() -> None:
    events = finished("atm")
    first = earned_badges([FIRST], facts(events), "2026-03-01T09:00:00+00:00")[0]
    events.append(earned_event(first))
    events += finished("codes")
    again = earned_badges([FIRST], facts(events), "2026-03-20T09:00:00+00:00")
    assert [(b.id, b.new, b.at) for b in again] == [("first", False, "2026-03-01T09:00:00+00:00")]


def test_a_badge_is_kept_when_its_definition_later_becomes_harder() -> None:
    events = finished("atm")
    events.append(earned_event(earned_badges([FIRST], facts(events), NOW.isoformat())[0]))
    harder = replace(FIRST, rule=Rule("lessons_completed", count=5), points=99)
    earned = earned_badges([harder], facts(events), NOW.isoformat())
    assert [(b.id, b.points, b.new) for b in earned] == [("first", 10, False)]  # the points as earned
    assert badge_points(earned) == 10


def test_a_badge_is_kept_when_its_definition_is_removed() -> None:
    events = finished("atm")
    events.append(earned_event(earned_badges([FIRST], facts(events), NOW.isoformat())[0]))
    earned = earned_badges([], facts(events), NOW.isoformat())
    assert [(b.id, b.achievement) for b in earned] == [("first", None)]


def test_a_definition_made_easier_is_earned_on_the_next_recomputation() -> None:
    events = finished("atm")
    assert earned_badges([TWO], facts(events), NOW.isoformat()) == []
    easier = replace(TWO, rule=Rule("lessons_completed", count=1))
    assert [b.id for b in earned_badges([easier], facts(events), NOW.isoformat()) if b.new] == ["two"]


def test_recomputing_from_the_same_events_gives_the_same_badges() -> None:
    events = finished("atm") + finished("codes") + finished("budget", percent=50)
    definitions = [FIRST, TWO, badge("money", Rule("module_completed", module="money"))]
    first = earned_badges(definitions, facts(events), NOW.isoformat())
    assert first == earned_badges(definitions, facts(list(events)), NOW.isoformat())
    assert [b.id for b in first] == ["first", "two", "money"]


def test_a_badge_knows_its_definition_so_the_profile_can_show_its_name() -> None:
    events = finished("atm")
    [new] = earned_badges([FIRST], facts(events), NOW.isoformat())
    events.append(earned_event(new))
    [recorded] = earned_badges([FIRST], facts(events), NOW.isoformat())
    assert new.achievement == recorded.achievement == FIRST


def test_only_finished_lessons_keep_a_streak_for_a_badge() -> None:
    rule = Rule("weekly_streak", count=2)
    last_week = finished("atm", at=NOW - timedelta(weeks=1))
    started_only = [Event("lesson_started", NOW.isoformat(), lesson="codes", run="x"), Event("login", NOW.isoformat())]
    assert not met(rule, last_week + started_only)
    assert met(rule, last_week + finished("codes"))


def test_the_streak_for_a_badge_is_counted_in_the_learners_own_week() -> None:
    now = datetime(2026, 3, 8, 23, 30, tzinfo=UTC)  # a Sunday in UTC, already Monday in Helsinki
    events = finished("atm", at=now - timedelta(hours=2))  # still Sunday in Helsinki: last week there
    helsinki = learner_facts(Progress.of(events), CURRICULUM, now, ZoneInfo("Europe/Helsinki"))
    assert (helsinki.streak.current, helsinki.streak.this_week_done) == (1, False)


def test_a_module_with_one_lesson_is_complete_when_that_lesson_is() -> None:
    assert rule_progress(Rule("module_completed", module="safety"), facts(finished("codes"))) == (1, 1)


def test_a_competence_not_in_the_curriculum_has_no_mastery_yet() -> None:
    assert rule_progress(Rule("competence_mastery", competence="9.9", level="Familiar"), facts([])) == (0, 2)


def test_a_sim_trace_rule_counts_only_answers_to_a_simulation_step() -> None:
    rule = Rule("sim_trace", sim="atm", event="card_taken", count=1)
    not_answered = [Event("sim_draft", NOW.isoformat(), lesson="atm", run="x", step="task", answer=[{"event": "card_taken"}])]
    other_step = [Event("answered", NOW.isoformat(), lesson="atm", run="y", step="quiz", answer=[{"event": "card_taken"}])]
    assert not met(rule, not_answered) and not met(rule, other_step)


def test_an_unknown_rule_type_is_named_in_the_error() -> None:
    with pytest.raises(ValueError, match="unknown rule type 'teleport'"):
        rule_progress(Rule("teleport"), facts([]))


def test_a_badge_for_a_module_no_longer_on_offer_is_never_complete() -> None:
    assert rule_progress(Rule("module_completed", module="gone"), facts(finished("atm"))) == (0, 1)
