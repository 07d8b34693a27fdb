"""The coverage table's rule: each lesson counts once under every competence it claims, at its level."""

from bleep_tui.core.curriculum import Coverage
from bleep_tui.core.model import Lesson


def lesson(lesson_id: str, competences: tuple[str, ...], level: int) -> Lesson:
    return Lesson(lesson_id, lesson_id, "money", "", competences, level, 5)


def test_every_competence_has_a_row_in_digcomp_order_and_the_unclaimed_ones_are_missing() -> None:
    coverage = Coverage.of([lesson("a", ("4.2", "2.1"), 1), lesson("b", ("2.1",), 3), lesson("c", ("4.2", "4.2"), 3)])
    assert list(coverage.claims)[:4] == ["1.1", "1.2", "1.3", "2.1"] and len(coverage.claims) == 21
    assert coverage.claims["2.1"] == {1: 1, 3: 1}
    assert coverage.claims["4.2"] == {1: 1, 3: 1}
    assert coverage.lessons_per_level == {1: 1, 3: 2}
    assert "2.1" not in coverage.missing and "4.2" not in coverage.missing
    assert len(coverage.missing) == 19 and coverage.missing[0] == "1.1" and coverage.missing[-1] == "5.4"


def test_with_no_lessons_every_competence_is_missing() -> None:
    coverage = Coverage.of([])
    assert len(coverage.missing) == 21 and coverage.lessons_per_level == {}
