"""What a learner earns for an answer, and the result of a whole lesson."""

from __future__ import annotations

import pytest

from bleep_tui.core.model import (
    MAX_TRIES,
    ChoiceStep,
    Goal,
    InfoStep,
    Lesson,
    Option,
    OrderStep,
    SimStep,
    TextStep,
    WrongAnswer,
)
from bleep_tui.core.scoring import lesson_result, score_answer, stars_for, unanswered

# --- steps a lesson might contain -------------------------------------------------

COVER_PIN = ChoiceStep(
    id="cover-pin",
    type="choice",
    points=10,
    hint_cost=2,
    hints=("Who could be watching?", "Think of cameras."),
    prompt="You are typing your PIN. What should you do with your other hand?",
    options=(
        Option("Cover the keypad", True, "Yes. Nobody can see it."),
        Option("Hold your bag", False, "Your PIN can be filmed. Cover the keypad."),
        Option("Wave at the camera", False, "The camera would see your PIN."),
    ),
    explanation="Covering the keypad stops cameras seeing your PIN.",
)

SAFE_HABITS = ChoiceStep(
    id="safe-habits",
    type="choice",
    points=20,
    hint_cost=5,
    prompt="Tick every safe habit.",
    multiple=True,
    options=(
        Option("Cover the keypad", True, "Right, that hides your PIN."),
        Option("Take your card back", True, "Right, never leave it."),
        Option("Tell the stranger your PIN", False, "Never tell anyone your PIN."),
        Option("Count your cash", True, ""),
        Option("Leave the receipt in the machine", False, "A receipt shows your balance to the next person."),
    ),
    explanation="Hide the PIN, take card and cash, count it.",
)

AMOUNT = TextStep(
    id="amount",
    type="text",
    points=10,
    hint_cost=3,
    prompt="Sam needs 40 euro. What does Sam type?",
    accept=("40", "40.00", "Forty   Euro"),
    wrong_answers=(WrongAnswer("400", "That is ten times too much."), WrongAnswer("Four  Hundred", "Far too much.")),
    feedback="Look again at how much Sam needs.",
    explanation="Sam types 40.",
)

ORDER = OrderStep(
    id="atm-order",
    type="order",
    points=12,
    hint_cost=3,
    prompt="Put the steps in order.",
    items=("Card in", "Type PIN", "Choose amount", "Take card", "Take cash"),
    feedback="The card comes back before the cash.",
    explanation="Card in first, card back before cash.",
)


def text_step(**fields) -> TextStep:
    base = dict(id="typed", type="text", points=10, hint_cost=2, prompt="Type it", feedback="Not that.", explanation="Because.")
    base.update(fields)
    return TextStep(**base)


# --- single choice ----------------------------------------------------------------


def test_picking_the_right_option_first_try_earns_full_points_plus_bonus():
    outcome = score_answer(COVER_PIN, [0], 1, 0)
    assert outcome.correct and outcome.finished
    assert outcome.points == 12  # 10 + a fifth of 10
    assert outcome.bonus == 2
    assert outcome.feedback == ("Yes. Nobody can see it.",)


def test_picking_a_wrong_option_shows_that_options_feedback_and_lets_the_learner_try_again():
    outcome = score_answer(COVER_PIN, [1], 1, 0)
    assert not outcome.correct
    assert outcome.points == 0 and outcome.bonus == 0
    assert outcome.feedback == ("Your PIN can be filmed. Cover the keypad.",)
    assert not outcome.finished
    assert not outcome.out_of_tries


def test_ticking_the_right_and_a_wrong_option_in_a_single_choice_is_wrong_and_explains_the_wrong_one():
    outcome = score_answer(COVER_PIN, [0, 2], 1, 0)
    assert not outcome.correct
    assert outcome.feedback == ("The camera would see your PIN.",)
    assert outcome.missed == 0  # "missed" is only counted for tick-all-that-apply


def test_an_option_number_outside_the_list_is_ignored_rather_than_crashing():
    assert score_answer(COVER_PIN, [0, 7, -1], 1, 0).correct
    assert not score_answer(COVER_PIN, [9], 1, 0).correct


# --- multiple choice --------------------------------------------------------------


def test_ticking_every_right_option_is_correct_in_any_order():
    outcome = score_answer(SAFE_HABITS, [3, 0, 1], 1, 0)
    assert outcome.correct
    assert outcome.points == 24 and outcome.bonus == 4
    assert outcome.missed == 0


def test_ticking_only_some_right_options_says_how_many_were_missed():
    outcome = score_answer(SAFE_HABITS, [0], 1, 0)
    assert not outcome.correct
    assert outcome.missed == 2
    assert outcome.points == 0


def test_ticking_nothing_in_a_multiple_choice_misses_every_right_option():
    outcome = score_answer(SAFE_HABITS, [], 1, 0)
    assert not outcome.correct
    assert outcome.missed == 3


def test_wrong_ticks_show_only_the_feedback_of_the_wrong_options_in_list_order():
    outcome = score_answer(SAFE_HABITS, [4, 0, 2, 1], 1, 0)
    assert not outcome.correct
    assert outcome.feedback == (
        "Never tell anyone your PIN.",
        "A receipt shows your balance to the next person.",
    )
    assert outcome.missed == 1  # "Count your cash" left unticked


def test_right_options_with_no_feedback_add_no_empty_lines():
    outcome = score_answer(SAFE_HABITS, [0, 1, 3], 1, 0)
    assert outcome.correct
    assert "" not in outcome.feedback
    assert outcome.feedback == ("Right, that hides your PIN.", "Right, never leave it.")


# --- typed answers ----------------------------------------------------------------


@pytest.mark.parametrize("typed", ["40", " 40 ", "40.00", "forty euro", "  FORTY    euro  ", "Forty\tEuro"])
def test_typed_answer_is_accepted_whatever_the_case_and_spacing(typed):
    assert score_answer(AMOUNT, typed, 1, 0).correct


@pytest.mark.parametrize("typed", ["4 0", "40euro", "41", "40,-"])
def test_typed_answer_that_differs_by_more_than_case_or_spaces_is_wrong(typed):
    outcome = score_answer(AMOUNT, typed, 1, 0)
    assert not outcome.correct
    assert outcome.feedback == ("Look again at how much Sam needs.",)


def test_an_expected_mistake_gets_its_own_feedback():
    assert score_answer(AMOUNT, "400", 1, 0).feedback == ("That is ten times too much.",)
    assert score_answer(AMOUNT, "  four hundred ", 1, 0).feedback == ("Far too much.",)


@pytest.mark.parametrize("typed", ["", "   ", "\n\t"])
def test_an_empty_answer_is_wrong_with_the_general_feedback(typed):
    outcome = score_answer(AMOUNT, typed, 1, 0)
    assert not outcome.correct
    assert outcome.feedback == ("Look again at how much Sam needs.",)
    assert outcome.points == 0


def test_an_empty_answer_is_wrong_even_when_the_pattern_would_match_nothing():
    step = text_step(pattern=".*")
    assert not score_answer(step, "  ", 1, 0).correct
    assert score_answer(step, "anything", 1, 0).correct


def test_case_sensitive_answer_must_keep_its_capitals():
    step = text_step(accept=("PIN",), case_sensitive=True)
    assert score_answer(step, "PIN", 1, 0).correct
    assert score_answer(step, "  PIN ", 1, 0).correct
    assert not score_answer(step, "pin", 1, 0).correct
    assert not score_answer(step, "Pin", 1, 0).correct


def test_case_sensitive_expected_mistake_is_matched_exactly():
    step = text_step(
        accept=("PIN",), case_sensitive=True,
        wrong_answers=(WrongAnswer("pin", "Write it in capitals."),),
    )
    assert score_answer(step, "pin", 1, 0).feedback == ("Write it in capitals.",)
    assert score_answer(step, "Pin", 1, 0).feedback == ("Not that.",)


def test_pattern_must_match_the_whole_answer_ignoring_case():
    step = text_step(pattern=r"[a-z]{2}\d{2}")
    assert score_answer(step, "de89", 1, 0).correct
    assert score_answer(step, "DE89", 1, 0).correct
    assert not score_answer(step, "xde89", 1, 0).correct
    assert not score_answer(step, "de890", 1, 0).correct


def test_pattern_sees_the_answer_with_spaces_collapsed():
    step = text_step(pattern=r"\d{3} \d{3}")
    assert score_answer(step, "  482    913 ", 1, 0).correct
    assert not score_answer(step, "482913", 1, 0).correct


def test_case_sensitive_pattern_rejects_the_wrong_case():
    step = text_step(pattern=r"[A-Z]{2}\d{2}", case_sensitive=True)
    assert score_answer(step, "DE89", 1, 0).correct
    assert not score_answer(step, "de89", 1, 0).correct


def test_pattern_with_a_sharp_s_accepts_the_exact_word():
    step = text_step(pattern="Hauptstraße \\d+")
    assert score_answer(step, "Hauptstraße 12", 1, 0).correct


@pytest.mark.parametrize(
    "validator, right, wrong",
    [
        ("iban", "de89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 01"),
        ("email", "sam.jones@example.org", "sam.jones@example"),
        ("phone", "+31 20 123 4567", "123"),
        ("date", "29/02/2024", "31/02/2024"),
        ("amount", "12.50", "12.5.0"),
        ("passphrase", "green river lamp stone", "short pass"),
    ],
)
def test_each_named_validator_accepts_a_good_answer_and_rejects_a_bad_one(validator, right, wrong):
    step = text_step(validator=validator)
    good = score_answer(step, right, 1, 0)
    assert good.correct and good.points == 12
    bad = score_answer(step, wrong, 1, 0)
    assert not bad.correct
    assert bad.feedback == ("Not that.",)


def test_any_of_accept_pattern_or_validator_makes_an_answer_right():
    step = text_step(accept=("nobody",), pattern=r"no[ -]?one", validator="email")
    assert score_answer(step, "Nobody", 1, 0).correct
    assert score_answer(step, "no-one", 1, 0).correct
    assert score_answer(step, "a@b.eu", 1, 0).correct
    assert not score_answer(step, "the bank", 1, 0).correct


def test_expected_mistake_never_overrides_a_right_answer():
    step = text_step(accept=("40",), wrong_answers=(WrongAnswer("40", "should not be shown"),))
    outcome = score_answer(step, "40", 1, 0)
    assert outcome.correct
    assert outcome.feedback == ()


# --- order ------------------------------------------------------------------------


def test_items_in_the_written_order_are_right():
    outcome = score_answer(ORDER, [0, 1, 2, 3, 4], 1, 0)
    assert outcome.correct
    assert outcome.points == 12 + 2  # round(12 / 5) = 2 bonus
    assert outcome.feedback == ()


def test_two_items_swapped_is_wrong_with_the_order_feedback():
    outcome = score_answer(ORDER, [0, 1, 2, 4, 3], 1, 0)
    assert not outcome.correct
    assert outcome.feedback == ("The card comes back before the cash.",)


def test_an_order_answer_missing_an_item_is_wrong():
    assert not score_answer(ORDER, [0, 1, 2, 3], 1, 0).correct


def test_an_order_answer_can_be_a_tuple():
    assert score_answer(ORDER, (0, 1, 2, 3, 4), 1, 0).correct


def test_an_info_step_cannot_be_answered():
    info = InfoStep(id="welcome", type="info", text="Hello")
    with pytest.raises(TypeError, match="step 'welcome' of type 'info' takes no answer"):
        score_answer(info, "anything", 1, 0)


# --- tries, hints and bonus -------------------------------------------------------


def test_right_answer_on_second_try_earns_half_points():
    outcome = score_answer(COVER_PIN, [0], 2, 0)
    assert outcome.correct and outcome.finished
    assert outcome.points == 5
    assert outcome.bonus == 0


def test_right_answer_on_third_try_earns_a_quarter_of_the_points():
    step = text_step(points=20, hint_cost=5, accept=("yes",))
    outcome = score_answer(step, "yes", 3, 0)
    assert outcome.points == 5
    assert outcome.bonus == 0


def test_quarter_of_an_odd_score_is_rounded_down():
    outcome = score_answer(COVER_PIN, [0], 3, 0)  # 10 * 0.25 = 2.5
    assert outcome.points == 2


def test_each_hint_shown_costs_its_hint_cost():
    outcome = score_answer(COVER_PIN, [0], 1, 1)
    assert outcome.points == 10 - 2
    outcome = score_answer(COVER_PIN, [0], 1, 2)
    assert outcome.points == 10 - 4


def test_hint_cost_is_taken_from_the_reduced_share_on_a_later_try():
    outcome = score_answer(COVER_PIN, [0], 2, 1)
    assert outcome.points == 5 - 2


def test_hints_never_make_points_negative():
    outcome = score_answer(COVER_PIN, [0], 3, 2)  # 2 - 4
    assert outcome.correct
    assert outcome.points == 0
    outcome = score_answer(AMOUNT, "40", 1, 50)
    assert outcome.points == 0


def test_first_try_bonus_is_lost_when_a_hint_was_used():
    with_hint = score_answer(COVER_PIN, [0], 1, 1)
    assert with_hint.bonus == 0
    assert with_hint.points == 8


def test_no_bonus_on_a_later_try_even_without_hints():
    assert score_answer(AMOUNT, "40", 2, 0).bonus == 0


def test_bonus_is_a_fifth_of_the_points_rounded():
    step = text_step(points=7, accept=("x",))  # 1.4 -> 1
    outcome = score_answer(step, "x", 1, 0)
    assert outcome.bonus == 1
    assert outcome.points == 8


def test_a_wrong_answer_before_the_last_try_leaves_the_step_open():
    for try_number in range(1, MAX_TRIES):
        outcome = score_answer(AMOUNT, "12", try_number, 0)
        assert not outcome.finished
        assert not outcome.out_of_tries


def test_a_wrong_answer_on_the_last_try_ends_the_step_with_no_points():
    assert MAX_TRIES == 3
    outcome = score_answer(AMOUNT, "12", MAX_TRIES, 0)
    assert outcome.finished
    assert outcome.out_of_tries
    assert outcome.points == 0
    assert outcome.feedback == ("Look again at how much Sam needs.",)


def test_a_right_answer_always_ends_the_step():
    for try_number in (1, 2, 3):
        outcome = score_answer(ORDER, [0, 1, 2, 3, 4], try_number, 0)
        assert outcome.finished and not outcome.out_of_tries


# --- the result of a lesson -------------------------------------------------------

INTRO = InfoStep(id="welcome", type="info", title="Before you start", text="A cash machine gives you money.")
LESSON = Lesson(
    id="money-atm-withdraw",
    title="Take cash from a cash machine",
    module="money",
    summary="Practise it.",
    competences=("2.1",),
    level=1,
    minutes=10,
    steps=(
        INTRO,
        text_step(id="q1", points=25, accept=("a",)),
        text_step(id="q2", points=25, accept=("a",)),
        text_step(id="q3", points=25, accept=("a",)),
        text_step(id="q4", points=25, accept=("a",)),
    ),
)


def test_info_steps_count_for_nothing_in_the_lesson_total():
    assert LESSON.max_points == 100
    result = lesson_result(LESSON, {"welcome": (0, 0)})
    assert result.max_points == 100
    assert result.percent == 0


def test_all_right_first_time_is_100_percent_three_stars_and_xp_includes_the_bonus():
    earned = {f"q{i}": (30, 5) for i in range(1, 5)}
    earned["welcome"] = (0, 0)
    result = lesson_result(LESSON, earned)
    assert result.points == 100
    assert result.bonus == 20
    assert result.percent == 100
    assert result.stars == 3
    assert result.xp == 120


def test_bonus_does_not_raise_the_percent():
    result = lesson_result(LESSON, {"q1": (30, 5), "q2": (30, 5)})
    assert result.percent == 50
    assert result.xp == 60


def test_steps_not_in_the_lesson_are_ignored_in_the_result():
    result = lesson_result(LESSON, {"q1": (25, 0), "old-removed-step": (500, 100)})
    assert result.points == 25
    assert result.bonus == 0
    assert result.percent == 25
    assert result.xp == 25


@pytest.mark.parametrize(
    "points, stars",
    [(0, 0), (39, 0), (40, 1), (69, 1), (70, 2), (89, 2), (90, 3), (100, 3)],
)
def test_stars_at_the_thresholds(points, stars):
    earned = {"q1": (min(points, 25), 0), "q2": (min(max(points - 25, 0), 25), 0),
              "q3": (min(max(points - 50, 0), 25), 0), "q4": (max(points - 75, 0), 0)}
    result = lesson_result(LESSON, earned)
    assert result.percent == points
    assert result.stars == stars
    assert stars_for(points) == stars


def test_percent_is_rounded_to_a_whole_number():
    lesson = Lesson("l", "L", "money", "s", ("2.1",), 1, 1, (text_step(id="a", points=3, accept=("x",)),))
    assert lesson_result(lesson, {"a": (1, 0)}).percent == 33
    assert lesson_result(lesson, {"a": (2, 0)}).percent == 67


def test_a_lesson_with_nothing_to_score_counts_as_100_percent():
    lesson = Lesson("l", "L", "money", "s", ("2.1",), 1, 1, (INTRO,))
    result = lesson_result(lesson, {})
    assert result.percent == 100
    assert result.stars == 3


def test_a_lesson_finished_with_every_step_failed_gives_no_stars():
    earned = {f"q{i}": (0, 0) for i in range(1, 5)}
    result = lesson_result(LESSON, earned)
    assert result.percent == 0 and result.stars == 0 and result.xp == 0


def test_scored_answers_feed_the_lesson_result_end_to_end():
    steps = (INTRO, COVER_PIN, AMOUNT, ORDER)
    lesson = Lesson("l", "L", "money", "s", ("2.1",), 1, 5, steps)
    first = score_answer(COVER_PIN, [0], 1, 0)  # 12 incl. 2 bonus
    second = score_answer(AMOUNT, "40", 2, 0)  # 5
    third = score_answer(ORDER, [4, 3, 2, 1, 0], 3, 0)  # 0, out of tries
    earned = {
        COVER_PIN.id: (first.points, first.bonus),
        AMOUNT.id: (second.points, second.bonus),
        ORDER.id: (third.points, third.bonus),
    }
    result = lesson_result(lesson, earned)
    assert result.max_points == 32
    assert result.points == 15
    assert result.bonus == 2
    assert result.percent == 47  # 15 / 32
    assert result.stars == 1


def test_a_wrong_typed_or_ordered_answer_never_says_right_options_were_missed():
    assert score_answer(AMOUNT, "a lot", 1, 0).correct is False  # stored as false in the journal, never null
    assert score_answer(AMOUNT, "a lot", 1, 0).missed == 0
    assert score_answer(ORDER, [1, 0, 2, 3, 4], 1, 0).missed == 0


def test_a_simulation_or_an_info_step_is_never_left_unanswered():
    """Only an empty field, nothing ticked or items left as shown cost no try; a simulation run always counts."""
    assert not unanswered(WITHDRAW_40, [])
    assert not unanswered(InfoStep(id="welcome", type="info", text="Hello"), "")


# --- simulations: each goal met earns its points ---------------------------------

# A cash machine task; with no trace at all, nothing was taken out and the card was not kept.
WITHDRAW_40 = SimStep(
    id="take-40", type="sim", points=30, hint_cost=4, sim="atm",
    goals=(
        Goal("withdrew", 40, 20, "Took out 40 euro", "Take out the 40 euro you need.", "You took out 40 euro."),
        Goal("card_kept", False, 10, "Kept your card", "Take your card back.", ""),
    ),
)
TOOK_40 = [{"event": "cash_taken", "amount": 40}]


def test_a_simulation_with_every_goal_met_earns_every_goals_points_and_the_bonus():
    outcome = score_answer(WITHDRAW_40, TOOK_40, 1, 0)
    assert (outcome.correct, outcome.finished, outcome.points, outcome.bonus) == (True, True, 36, 6)
    assert [(result.goal.label, result.met) for result in outcome.goals] == [("Took out 40 euro", True), ("Kept your card", True)]
    assert outcome.feedback == ("You took out 40 euro.",)  # praise for a met goal; a goal without praise adds no line


def test_a_simulation_with_a_goal_missed_earns_the_others_points_explains_the_miss_and_is_over():
    outcome = score_answer(WITHDRAW_40, [], 1, 0)
    assert (outcome.correct, outcome.finished, outcome.points, outcome.bonus) == (False, True, 10, 0)
    assert [result.met for result in outcome.goals] == [False, True]
    assert outcome.feedback == ("Take out the 40 euro you need.",)


def test_hints_in_a_simulation_cost_their_price_take_the_bonus_and_never_go_below_zero():
    assert score_answer(WITHDRAW_40, TOOK_40, 1, 2).points == 30 - 2 * 4
    assert score_answer(WITHDRAW_40, TOOK_40, 1, 2).bonus == 0
    assert score_answer(WITHDRAW_40, [], 1, 3).points == 0  # 10 met, 12 in hints


def test_an_expected_mistake_is_still_wrong_and_in_a_case_sensitive_step_keeps_its_capitals():
    assert score_answer(AMOUNT, "400", 1, 0).correct is False
    step = text_step(accept=("PIN",), case_sensitive=True, wrong_answers=(WrongAnswer("Pin", "All in capitals."),))
    assert score_answer(step, "Pin", 1, 0).feedback == ("All in capitals.",)


def test_the_option_just_past_the_last_is_ignored_and_a_wrong_single_choice_misses_nothing():
    assert score_answer(COVER_PIN, [0, len(COVER_PIN.options)], 1, 0).correct
    assert score_answer(COVER_PIN, [1], 1, 0).missed == 0


def test_a_simulation_never_reports_right_options_missed():
    assert score_answer(WITHDRAW_40, [], 1, 0).missed == score_answer(WITHDRAW_40, TOOK_40, 1, 0).missed == 0


def test_a_result_never_goes_above_100_percent():
    assert lesson_result(LESSON, {step.id: (step.points * 2, 0) for step in LESSON.steps if step.scored}).percent == 100
