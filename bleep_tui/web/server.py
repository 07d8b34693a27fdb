"""`bleep serve`: an aiohttp server built from textual-serve's parts, with BLEEP's login in front.

textual-serve (Textual's own) gives the page's terminal (textual.js, xterm.js and its font), the
protocol between the page and the app process (AppService) and the downloads (DownloadManager). Around
them, this module adds what a network needs: no process before a login (shared mode: code and PIN,
counted in the accounts store like a terminal's; personal mode: a token printed at start), an Origin
check, a cap on sessions with a page that says so, an idle end, strict headers, and downloads only of
the files the learner's own session offered. docs/deploy-web.md explains how to run it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import secrets
import shlex
import sys
import time
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from bleep_tui.i18n import _
from bleep_tui.session import session_environment
from bleep_tui.store.accounts import AccountStore
from bleep_tui.store.files import DamagedFile, StoreError
from bleep_tui.web import pages
from bleep_tui.web.child import LEARNER_VARIABLE
from bleep_tui.web.policy import (
    MAX_INPUT_CHARACTERS,
    Sessions,
    WebSession,
    clamp_size,
    downloadable,
    origin_allowed,
    websocket_url,
)

log = logging.getLogger("bleep.serve")
COOKIE = "bleep_session"
STOP_SECONDS = 10  # a process that has not ended this long after being asked is killed
SWEEP_SECONDS = 15
# The only files of textual-serve's package a page may load: the terminal's script, its styles and font.
TEXTUAL_SERVE_STATIC = {
    "textual.js": "js/textual.js",
    "xterm.css": "css/xterm.css",
    "RobotoMono.ttf": "fonts/RobotoMono-VariableFont_wght.ttf",
}
BLEEP_STATIC = ("bleep.css", "bleep.js")
CONTENT_TYPES = {".js": "text/javascript", ".css": "text/css", ".ttf": "font/ttf"}


@dataclass(frozen=True)
class ServeOptions:
    data_dir: Path
    host: str
    port: int
    public_url: str
    allowed_origins: frozenset[str]
    max_sessions: int
    idle_seconds: float
    shared: bool
    token: str  # personal mode: what the learner types (or the printed link carries) to log in
    behind_proxy: bool = False  # the client's address is the proxy's X-Forwarded-For


class LearnerSession(AppService):
    """textual-serve's app process, started as one learner's session with a clean environment.

    The app is started by exec (no shell stays), with only the variables bleep-session would keep, the
    web driver's, and the learner's code. What the process sends up is filtered: it may offer only the
    learner's own files for download, and it may never make the browser open an address.
    """

    def __init__(self, options: ServeOptions, session: WebSession, websocket: web.WebSocketResponse,
                 downloads: DownloadManager) -> None:
        command = [sys.executable, "-I", "-m", "bleep_tui.web.child", "--data-dir", str(options.data_dir)]
        super().__init__("exec " + shlex.join(command), write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                         close=websocket.close, download_manager=downloads)
        self.session = session

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        textual = {name: value for name, value in super()._build_environment(width, height).items()
                   if name.startswith(("TEXTUAL_", "TERM_PROGRAM")) or name in ("COLUMNS", "ROWS")}
        environment = {**session_environment(os.environ), **textual, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
        if self.session.code:
            environment[LEARNER_VARIABLE] = self.session.code
        return environment

    async def on_meta(self, data: bytes) -> None:
        meta = json.loads(data)
        kind = meta.get("type")
        if kind == "open_url":
            return  # a learner's session never sends the browser anywhere
        if kind == "deliver_file_start":
            name = Path(str(meta.get("path", ""))).name
            if not downloadable(name):
                log.warning("refused to offer %r for download", name)
                return
            self.session.downloads.add(str(meta.get("key")))
        await super().on_meta(data)

    async def run(self) -> None:
        await super().run()
        await self.remote_close()  # the app ended (logged out, or stopped): the page says so

    async def end(self) -> None:
        """Ask the app to quit; kill it if it has not ended in STOP_SECONDS."""
        try:
            await asyncio.wait_for(self.stop(), STOP_SECONDS)
        except (asyncio.TimeoutError, ConnectionError):
            pass
        process = self._process
        if process is not None and process.returncode is None:
            process.kill()
            await process.wait()


class BleepServer:
    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        self.sessions = Sessions(options.max_sessions, options.idle_seconds)
        self.downloads = DownloadManager()
        self.running: dict[str, LearnerSession] = {}  # by token
        self.websockets: dict[str, web.WebSocketResponse] = {}
        self.ws_url = websocket_url(options.public_url)
        self.secure = options.public_url.startswith("https:")
        self.content_policy = (
            "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self'; "
            f"connect-src 'self' {self.ws_url.removesuffix('/ws')}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        )

    # The application

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=16 * 1024)
        app.add_routes([
            web.get("/", self.index),
            web.post("/login", self.login),
            web.get("/ws", self.websocket),
            web.get("/download/{key}", self.download),
            web.get("/static/{name}", self.static),
        ])
        app.on_response_prepare.append(self.headers)
        app.on_startup.append(self.start_sweeping)
        app.on_shutdown.append(self.end_all)
        return app

    async def headers(self, request: web.Request, response: web.StreamResponse) -> None:
        """On every answer, just before it is sent (a download and the session's upgrade too)."""
        response.headers.setdefault("Content-Security-Policy", self.content_policy)
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"  # "no-referrer" would make a form's Origin "null"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cache-Control"] = "no-cache" if request.path.startswith("/static/") else "no-store"

    # Pages

    def _session(self, request: web.Request) -> WebSession | None:
        return self.sessions.get(request.cookies.get(COOKIE))

    def _page(self, body: str, status: int = 200) -> web.Response:
        return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")

    async def index(self, request: web.Request) -> web.StreamResponse:
        session = self._session(request)
        if session is not None and not session.running:
            return self._page(pages.terminal_page(self.ws_url))
        token = request.query.get("token")
        if not self.options.shared and token is not None:  # the link printed at start-up
            return await self._log_in(request, "", token_ok=secrets.compare_digest(token, self.options.token))
        if self.sessions.full():
            return self._page(pages.full_page(self.options.max_sessions), status=503)
        return self._page(pages.login_page(shared=self.options.shared))

    async def login(self, request: web.Request) -> web.StreamResponse:
        if not origin_allowed(request.headers.get("Origin"), self.options.allowed_origins):
            raise web.HTTPForbidden(text=_("This page can only be used from the address BLEEP is served on."))
        form = await request.post()
        if self.options.shared:
            return await self._log_in(request, str(form.get("code", "")), pin=str(form.get("pin", "")))
        return await self._log_in(request, "", token_ok=secrets.compare_digest(str(form.get("token", "")), self.options.token))

    async def _log_in(self, request: web.Request, code: str, *, pin: str = "", token_ok: bool = False) -> web.StreamResponse:
        """Check a login; on success a session (a cookie, no process yet) and the way to the terminal page."""
        shared = self.options.shared
        if self.sessions.full():  # before any check: a full server counts no PIN
            return self._page(pages.full_page(self.options.max_sessions), status=503)
        if shared:
            if not code or not pin:
                return self._page(pages.login_page(shared=True, message=_("Type your learner code and your PIN.")), status=400)
            try:
                result = await asyncio.to_thread(AccountStore(self.options.data_dir).login, code, pin, self._source(request))
            except DamagedFile:
                return self._page(pages.login_page(shared=True, message=_(
                    "Logging in is not possible right now: a file BLEEP keeps is damaged. Nothing was changed.\n"
                    "Please tell your facilitator: `bleep doctor` shows what is wrong.")), status=503)
            except StoreError as error:
                return self._page(pages.login_page(shared=True, message=_(
                    "Logging in is not possible right now: {reason}. Please tell your facilitator.").format(reason=error)), status=503)
            if result.status != "ok":
                from bleep_tui.ui.screens.login import login_message

                return self._page(pages.login_page(shared=True, message=login_message(result)), status=403)
            code = result.code
        elif not token_ok:
            return self._page(pages.login_page(shared=False, message=_("That is not the token `bleep serve` printed. Check it and try again.")), status=403)
        session = self.sessions.add(code, time.monotonic())
        if session is None:
            return self._page(pages.full_page(self.options.max_sessions), status=503)
        response = web.HTTPSeeOther("/")
        response.set_cookie(COOKIE, session.token, httponly=True, samesite="Strict", secure=self.secure, path="/")
        raise response

    def _source(self, request: web.Request) -> str:
        """Where a login came from, for the lockout: the browser's address (behind a proxy, the one it forwards)."""
        address = request.remote or "unknown"
        if self.options.behind_proxy and address in ("127.0.0.1", "::1"):
            forwarded = request.headers.get("X-Forwarded-For", "").split(",")[-1].strip()
            address = forwarded or address
        return f"web {address}"

    async def static(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if name in TEXTUAL_SERVE_STATIC:
            resource = files("textual_serve") / "static" / TEXTUAL_SERVE_STATIC[name]
        elif name in BLEEP_STATIC:
            resource = files("bleep_tui.web") / "static" / name
        else:
            raise web.HTTPNotFound()
        return web.Response(body=resource.read_bytes(), content_type=CONTENT_TYPES[Path(name).suffix])

    # The session

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        if not origin_allowed(request.headers.get("Origin"), self.options.allowed_origins):
            log.warning("refused a session from the origin %r", request.headers.get("Origin"))
            raise web.HTTPForbidden()
        session = self.sessions.open(request.cookies.get(COOKIE), time.monotonic())
        if session is None:  # no login, or its session was opened already: no process
            raise web.HTTPForbidden()
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=64 * 1024)
        await websocket.prepare(request)
        service = LearnerSession(self.options, session, websocket, self.downloads)
        self.running[session.token] = service
        self.websockets[session.token] = websocket
        try:
            await service.start(*clamp_size(request.query.get("width"), request.query.get("height")))
            await self._relay(websocket, service, session)
        except Exception:
            log.exception("a session ended with an error")
        finally:
            await self._end(session)
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, service: LearnerSession, session: WebSession) -> None:
        """The browser's keys, size and focus to the app (as textual-serve does), checked and bounded."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, *data = json.loads(message.data)
            except (ValueError, TypeError):
                continue
            if kind == "stdin" and data and isinstance(data[0], str):
                session.last_input = time.monotonic()
                await service.send_bytes(data[0][:MAX_INPUT_CHARACTERS].encode("utf-8"))
            elif kind == "resize" and data and isinstance(data[0], dict):
                await service.set_terminal_size(*clamp_size(data[0].get("width"), data[0].get("height")))
            elif kind == "ping" and data:
                await websocket.send_json(["pong", str(data[0])[:32]])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def _end(self, session: WebSession) -> None:
        """End a session: its process, its page's connection and its login (the cookie opens nothing more)."""
        self.sessions.end(session)
        service = self.running.pop(session.token, None)
        websocket = self.websockets.pop(session.token, None)
        if service is not None:
            await service.end()
        if websocket is not None and not websocket.closed:
            await websocket.close()

    async def download(self, request: web.Request) -> web.StreamResponse:
        """A file the learner's own running session offered, to that learner's browser only."""
        session = self._session(request)
        key = request.match_info["key"]
        if session is None or key not in session.downloads:
            raise web.HTTPNotFound()
        session.downloads.discard(key)
        meta = await self.downloads.get_download_metadata(key)
        response = web.StreamResponse(headers={
            "Content-Type": "text/html; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{meta.file_name}"',
            "Content-Security-Policy": "sandbox",  # the learner's own page, opened from disk later: nothing runs here
        })
        await response.prepare(request)
        async for chunk in self.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    # Keeping the server tidy

    async def start_sweeping(self, app: web.Application) -> None:
        app["sweeper"] = asyncio.create_task(self._sweep())

    async def _sweep(self) -> None:
        while True:
            await asyncio.sleep(SWEEP_SECONDS)
            for session in self.sessions.stale(time.monotonic()):
                log.info("ending an idle or unused session")
                await self._end(session)

    async def end_all(self, app: web.Application) -> None:
        app["sweeper"].cancel()
        for token in list(self.running):
            session = self.sessions.get(token)
            if session is not None:
                await self._end(session)


def serve(options: ServeOptions) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    os.umask(0o077)
    web.run_app(BleepServer(options).make_app(), host=options.host, port=options.port, print=None, access_log=None)
