"""The brake on guessing: free tries for typos, then a wait that doubles, for every code alike."""

from bleep_tui.core.guessing import (
    FREE_TRIES_PER_SOURCE,
    INSTALLATION_FREE_TRIES,
    MAX_INSTALLATION_WAIT,
    MAX_SOURCE_WAIT,
    WINDOW_SECONDS,
    Failure,
    bursts,
    facilitator_wait,
    login_wait,
)

NOW = 1_800_000_000.0


def failures(count: int, source: str = "ssh 10.0.0.9", last: float = NOW) -> list[Failure]:
    return [Failure(last - (count - 1 - n), source) for n in range(count)]


def test_a_learners_own_typos_cost_no_wait() -> None:
    assert login_wait(failures(FREE_TRIES_PER_SOURCE - 1), "ssh 10.0.0.9", NOW) == 0


def test_after_the_free_tries_the_wait_doubles_and_is_capped() -> None:
    waits = [login_wait(failures(n), "ssh 10.0.0.9", NOW) for n in range(FREE_TRIES_PER_SOURCE, FREE_TRIES_PER_SOURCE + 4)]
    assert waits == [1, 2, 4, 8]
    assert login_wait(failures(25), "ssh 10.0.0.9", NOW) == MAX_SOURCE_WAIT


def test_the_wait_runs_from_the_last_failure_and_old_failures_are_forgotten() -> None:
    assert login_wait(failures(FREE_TRIES_PER_SOURCE + 1), "ssh 10.0.0.9", NOW + 1.5) == 0.5
    assert login_wait(failures(20, last=NOW - WINDOW_SECONDS - 1), "ssh 10.0.0.9", NOW) == 0


def test_another_terminal_is_not_held_up_by_one_terminals_failures() -> None:
    assert login_wait(failures(10), "ssh 10.0.0.7", NOW) == 0


def test_guessing_from_many_terminals_slows_everyone_but_only_a_little() -> None:
    spread = [Failure(NOW - n, f"ssh 10.0.{n}.1") for n in range(INSTALLATION_FREE_TRIES + 20)]
    wait = login_wait(spread, "ssh 10.9.9.9", NOW)
    assert 0 < wait <= MAX_INSTALLATION_WAIT


def test_the_facilitators_wait_doubles_from_the_first_failure() -> None:
    assert facilitator_wait(0, 0, NOW) == 0
    assert [facilitator_wait(n, NOW, NOW) for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert facilitator_wait(30, NOW, NOW) == 300
    assert facilitator_wait(3, NOW - 10, NOW) == 0


def test_bursts_name_the_sources_with_many_recent_failures() -> None:
    found = bursts(failures(6) + failures(2, "ssh 10.0.0.2") + failures(9, "ssh 10.0.0.3", last=NOW - WINDOW_SECONDS - 5), NOW)
    assert found == {"ssh 10.0.0.9": 6}


def test_a_clock_set_back_never_makes_anyone_wait_longer_than_the_delay() -> None:
    assert login_wait(failures(2), "ssh 10.0.0.9", NOW - 3600) == 0  # free tries stay free
    assert login_wait(failures(FREE_TRIES_PER_SOURCE + 1), "ssh 10.0.0.9", NOW - 3600) == 2
    assert facilitator_wait(2, NOW, NOW - 3600) == 2


def test_a_failure_exactly_the_window_old_is_forgotten_for_waits_and_bursts() -> None:
    old = [Failure(NOW - WINDOW_SECONDS, "ssh 10.0.0.9")] * FREE_TRIES_PER_SOURCE
    # One more failure now: only it counts, and one failure is still a free try.
    assert login_wait([*old, Failure(NOW, "ssh 10.0.0.9")], "ssh 10.0.0.9", NOW) == 0
    assert bursts([Failure(NOW - WINDOW_SECONDS, "ssh 10.0.0.9")] * 5, NOW) == {}


def test_the_fifth_failure_from_one_source_is_a_burst_and_the_fourth_is_not() -> None:
    assert bursts(failures(4), NOW) == {}
    assert bursts(failures(5), NOW) == {"ssh 10.0.0.9": 5}


def test_the_installation_wait_starts_after_thirty_failures_and_doubles_up_to_ten_seconds() -> None:
    def spread(count: int) -> list[Failure]:  # each from its own terminal, the last one just now
        return [Failure(NOW - (count - 1 - n) * 0.001, f"ssh 10.0.{n}.1") for n in range(count)]

    waits = [login_wait(spread(n), "ssh 10.9.9.9", NOW) for n in range(INSTALLATION_FREE_TRIES - 1, INSTALLATION_FREE_TRIES + 6)]
    assert waits == [0, 1, 2, 4, 8, MAX_INSTALLATION_WAIT, MAX_INSTALLATION_WAIT]


def test_a_terminal_waits_for_its_own_failures_even_when_the_installation_has_few() -> None:
    assert login_wait(failures(FREE_TRIES_PER_SOURCE + 2), "ssh 10.0.0.9", NOW + 1) == 3
