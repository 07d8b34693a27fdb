"""Two histories of one learner become one: nothing twice, nothing dropped, in time order."""

from bleep_tui.core.histories import merged, missing_events


def answer(at: str, step: str, correct: bool = True) -> dict:
    return {"kind": "answered", "at": f"2026-03-0{at}T10:00:00+00:00", "step": step, "correct": correct}


def test_merging_a_history_into_itself_adds_nothing() -> None:
    ours = [answer("1", "a"), answer("2", "b")]
    assert missing_events(ours, ours) == []
    assert merged(ours, missing_events(ours, list(reversed(ours)))) == ours


def test_two_real_answers_that_look_alike_are_both_kept_once() -> None:
    twice = answer("1", "a", correct=False)
    ours = [twice]
    theirs = [twice, twice, answer("2", "b")]
    added = missing_events(ours, theirs)
    assert added == [twice, answer("2", "b")]
    whole = merged(ours, added)
    assert missing_events(whole, theirs) == []  # a second import finds nothing new
    assert len(whole) == 3


def test_the_histories_are_woven_together_by_time_each_in_its_own_order() -> None:
    ours = [answer("2", "here-1"), answer("4", "here-2")]
    theirs = [answer("1", "there-1"), answer("3", "there-2"), answer("5", "there-3")]
    steps = [event["step"] for event in merged(ours, missing_events(ours, theirs))]
    assert steps == ["there-1", "here-1", "there-2", "here-2", "there-3"]


def test_the_same_event_with_its_fields_in_another_order_is_not_imported_twice() -> None:
    """Another installation (or an older BLEEP) may write an event's fields in another order."""
    ours = [{"kind": "answered", "at": "2026-03-01T10:00:00+00:00", "step": "s", "answer": "é"}]
    theirs = [{"answer": "é", "step": "s", "at": "2026-03-01T10:00:00+00:00", "kind": "answered"}]
    assert missing_events(ours, theirs) == []
