"""What `bleep serve` lets through, decided without a server (bleep_tui/web/policy.py)."""

from __future__ import annotations

from bleep_tui.web.policy import (
    MAX_COLUMNS,
    MAX_ROWS,
    UNUSED_LOGIN_SECONDS,
    Sessions,
    clamp_size,
    downloadable,
    origin_allowed,
    origin_of,
    websocket_url,
)


def test_an_origin_is_written_as_a_browser_sends_it() -> None:
    assert origin_of("https://bleep.example.org/") == "https://bleep.example.org"
    assert origin_of("https://bleep.example.org:443/x") == "https://bleep.example.org"
    assert origin_of("http://127.0.0.1:8000") == "http://127.0.0.1:8000"
    assert origin_of("http://[::1]:8000") == "http://[::1]:8000"


def test_only_the_served_origins_may_log_in_or_open_a_session() -> None:
    allowed = frozenset({"https://bleep.example.org"})
    assert origin_allowed("https://bleep.example.org", allowed)
    assert origin_allowed("https://BLEEP.example.org", allowed)
    for other in (None, "null", "http://bleep.example.org", "https://bleep.example.org.evil.example", "https://evil.example"):
        assert not origin_allowed(other, allowed)


def test_the_page_opens_its_session_on_the_public_address() -> None:
    assert websocket_url("https://bleep.example.org") == "wss://bleep.example.org/ws"
    assert websocket_url("http://127.0.0.1:8000/") == "ws://127.0.0.1:8000/ws"


def test_a_browser_cannot_ask_for_a_screen_larger_than_a_screen_can_be() -> None:
    assert clamp_size(100, 30) == (100, 30)
    assert clamp_size(10**9, 10**9) == (MAX_COLUMNS, MAX_ROWS)
    assert clamp_size(-5, 0) == (1, 1)
    assert clamp_size("x", None) == (80, 24)


def test_only_the_learners_own_documents_are_offered_for_download() -> None:
    assert all(downloadable(name) for name in ("cv.html", "plan.html", "passport.html"))
    assert not any(downloadable(name) for name in ("accounts.json", "pepper", "s01.events", "../cv.html", None))


def test_the_cap_counts_every_login_and_a_login_opens_one_session_only() -> None:
    sessions = Sessions(cap=2, idle_seconds=60)
    first, second = sessions.add("s01", 0), sessions.add("s02", 0)
    assert first and second and first.token != second.token
    assert sessions.full() and sessions.add("s03", 0) is None
    assert sessions.open(first.token, 1) is first
    assert sessions.open(first.token, 2) is None  # a copied cookie opens nothing
    assert sessions.open("made-up", 2) is None and sessions.open(None, 2) is None
    sessions.end(first)
    assert not sessions.full() and sessions.get(first.token) is None


def test_idle_and_unused_sessions_are_ended() -> None:
    sessions = Sessions(cap=5, idle_seconds=60)
    working, idle, unused = sessions.add("a", 0), sessions.add("b", 0), sessions.add("c", 0)
    assert working and idle and unused
    sessions.open(working.token, 0)
    sessions.open(idle.token, 0)
    working.last_input = UNUSED_LOGIN_SECONDS
    assert sessions.stale(59) == []
    assert sessions.stale(60) == [idle]
    assert sessions.stale(UNUSED_LOGIN_SECONDS) == [idle, unused]
