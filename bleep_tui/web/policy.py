"""What `bleep serve` lets through: pure decisions over plain values, no aiohttp, no I/O."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from urllib.parse import urlsplit

DEFAULT_MAX_SESSIONS = 20  # about 45 MB and half a second of CPU to start each: a 2-core server with 2 GB to spare
DEFAULT_IDLE_MINUTES = 60  # a browser tab left open: its process ends (a learner's own time limits act within it)
UNUSED_LOGIN_SECONDS = 120  # a login whose page never opened its session gives its place back
# A browser can ask for any size: anything past this would only cost the server memory.
MAX_COLUMNS, MAX_ROWS = 400, 150
MAX_INPUT_CHARACTERS = 4096  # one message of keys from the browser; a paste longer than any field is cut
# The files a learner's session may hand to their browser: their own CV, plan and skills passport.
DOWNLOADABLE = frozenset({"cv.html", "plan.html", "passport.html"})


def origin_of(url: str) -> str:
    """`scheme://host[:port]` of a URL, as a browser writes it in an Origin header (default ports left out)."""
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = "" if parts.port in (None, default) else f":{parts.port}"
    return f"{parts.scheme}://{host}{port}"


def origin_allowed(origin: str | None, allowed: frozenset[str]) -> bool:
    """Only a page of this server (or one the administrator named) may open a session or log in."""
    return origin is not None and origin.rstrip("/").lower() in allowed


def websocket_url(public_url: str) -> str:
    """Where the page opens its session: ws:// or wss:// on the public address."""
    scheme = "wss" if urlsplit(public_url).scheme == "https" else "ws"
    return f"{scheme}://{public_url.split('://', 1)[1].rstrip('/')}/ws"


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """A terminal size from the browser, as numbers within what a screen can be (80x24 when not numbers)."""
    def number(value: object, default: int, largest: int) -> int:
        try:
            return max(1, min(int(value), largest))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return default
    return number(width, 80, MAX_COLUMNS), number(height, 24, MAX_ROWS)


def downloadable(file_name: object) -> bool:
    return file_name in DOWNLOADABLE


@dataclass
class WebSession:
    """One login: a secret for the browser's cookie, whose it is, and what its process may hand out."""

    token: str
    code: str  # the learner's code (shared mode); "" in personal mode
    started: float
    last_input: float
    running: bool = False  # its page opened the session: a process runs for it
    downloads: set[str] = field(default_factory=set)  # delivery keys of files its own process offered


class Sessions:
    """The logins of one server: at most `cap` at once, each opened once, ended when idle or unused."""

    def __init__(self, cap: int, idle_seconds: float) -> None:
        self.cap = cap
        self.idle_seconds = idle_seconds
        self._by_token: dict[str, WebSession] = {}

    def __len__(self) -> int:
        return len(self._by_token)

    def full(self) -> bool:
        return len(self._by_token) >= self.cap

    def add(self, code: str, now: float) -> WebSession | None:
        """A new login, or None when every place is taken."""
        if self.full():
            return None
        session = WebSession(secrets.token_urlsafe(32), code, now, now)
        self._by_token[session.token] = session
        return session

    def get(self, token: str | None) -> WebSession | None:
        if not token:
            return None
        found = next((s for t, s in self._by_token.items() if secrets.compare_digest(t, token)), None)
        return found

    def open(self, token: str | None, now: float) -> WebSession | None:
        """The login's session starts now; a login opens one session only (a copied cookie gets nothing)."""
        session = self.get(token)
        if session is None or session.running:
            return None
        session.running = True
        session.last_input = now
        return session

    def end(self, session: WebSession) -> None:
        self._by_token.pop(session.token, None)

    def stale(self, now: float) -> list[WebSession]:
        """Sessions to end: running with no key for the idle time, or logged in and never opened."""
        return [
            s for s in self._by_token.values()
            if (s.running and now - s.last_input >= self.idle_seconds) or (not s.running and now - s.started >= UNUSED_LOGIN_SECONDS)
        ]
