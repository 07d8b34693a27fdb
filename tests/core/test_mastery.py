"""The skills passport: mastery per DigComp competence from the learner's best results."""

from bleep_tui.core.curriculum import Curriculum
from bleep_tui.core.mastery import MASTERY_LEVELS, competence_mastery, level_rank, passport
from bleep_tui.core.model import Lesson, SimStep, TextStep
from bleep_tui.core.progress import LessonRecord


def record(lesson: str, percent: int | None) -> LessonRecord:
    """A lesson started (percent None) or finished with its best percent."""
    if percent is None:
        return LessonRecord(lesson, attempts=1, in_progress=True)
    return LessonRecord(lesson, attempts=1, completions=1, best_percent=percent)


FOUR = ("a", "b", "c", "d")


def level(**results: int | None) -> str:
    return competence_mastery("4.2", FOUR, {k: record(k, v) for k, v in results.items()}).level


def test_nothing_started_is_not_started_and_a_started_lesson_is_attempted() -> None:
    assert level() == ""
    assert level(a=None) == "Attempted"


def test_one_lesson_finished_with_half_the_points_is_familiar() -> None:
    assert level(a=40) == "Attempted"
    assert level(a=50) == "Familiar"


def test_proficient_needs_half_the_lessons_with_70_percent_on_average() -> None:
    assert level(a=100) == "Familiar"  # good, but one lesson of four
    assert level(a=100, b=40) == "Proficient"  # two of four, average 70
    assert level(a=100, b=30) == "Familiar"  # average 65


def test_mastered_needs_every_lesson_with_90_percent_on_average() -> None:
    assert level(a=100, b=100, c=100) == "Proficient"
    assert level(a=100, b=100, c=100, d=60) == "Mastered"  # average 90
    assert level(a=100, b=100, c=90, d=60) == "Proficient"  # average 87


def test_the_bar_score_counts_lessons_not_finished_as_zero() -> None:
    mastery = competence_mastery("4.2", FOUR, {"a": record("a", 100), "b": record("b", None)})
    assert (mastery.score, mastery.average, mastery.completed, mastery.lessons) == (25, 100, 1, 4)


def test_levels_rank_in_order() -> None:
    assert [level_rank(name) for name in ("", *MASTERY_LEVELS)] == [0, 1, 2, 3, 4]


def test_the_passport_lists_the_competences_the_lessons_train_in_digcomp_order() -> None:
    step = TextStep(id="s", type="text", points=10, accept=("x",))
    lessons = [
        Lesson("l1", "One", "money", "", ("4.2", "2.1"), 1, 5, (step,)),
        Lesson("l2", "Two", "work", "", ("1.3", "2.1"), 1, 5, (SimStep(id="t", type="sim", sim="atm"),)),
    ]
    curriculum = Curriculum.of(lessons)
    assert list(curriculum.competences) == ["1.3", "2.1", "4.2"]
    assert curriculum.competences["2.1"] == ("l1", "l2")
    assert curriculum.sim_steps == {("l2", "t"): "atm"}
    mine = passport(curriculum, {"l1": record("l1", 100)})
    assert (mine["2.1"].level, mine["4.2"].level, mine["1.3"].level) == ("Proficient", "Mastered", "")


def test_competences_are_in_number_order_and_modules_list_their_lessons_in_file_order() -> None:
    """DigComp 1.10 comes after 1.2, as in the framework, not as text would sort it."""
    step = TextStep(id="s", type="text", points=10, accept=("x",))
    lessons = [
        Lesson("l1", "One", "money", "", ("1.10",), 1, 5, (step,)),
        Lesson("l2", "Two", "work", "", ("1.2",), 1, 5, (step,)),
        Lesson("l3", "Three", "money", "", ("2.1",), 1, 5, (step,)),
    ]
    curriculum = Curriculum.of(lessons)
    assert list(curriculum.competences) == ["1.2", "1.10", "2.1"]
    assert curriculum.modules == {"money": ("l1", "l3"), "work": ("l2",)}
    assert passport(curriculum, {})["1.10"].code == "1.10"


def test_a_competence_only_started_has_no_average_yet() -> None:
    mastery = competence_mastery("4.2", FOUR, {"a": record("a", None)})
    assert (mastery.code, mastery.level, mastery.average, mastery.score) == ("4.2", "Attempted", 0, 0)
