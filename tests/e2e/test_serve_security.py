"""`bleep serve` over real HTTP and WebSockets on 127.0.0.1: what a stranger on the network cannot do."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import aiohttp
import pytest

from bleep_tui.store.accounts import MAX_FAILED_LOGINS, AccountStore

from .served import NAMES, PINS, Screen, Served, bleep_serve, shared_folder

pytestmark = pytest.mark.slow


async def log_in(http: aiohttp.ClientSession, served: Served, code: str, pin: str) -> aiohttp.ClientResponse:
    async with http.post(f"{served.url}/login", data={"code": code, "pin": pin}, headers={"Origin": served.url},
                         allow_redirects=False) as response:
        await response.read()
        return response


async def until_shown(websocket: aiohttp.ClientWebSocketResponse, screen: Screen, text: str) -> str:
    """Read the session until its screen shows `text`; the text messages (downloads) seen on the way are kept."""
    while text not in screen.text():
        message = await asyncio.wait_for(websocket.receive(), 60)
        if message.type == aiohttp.WSMsgType.BINARY:
            screen.feed(message.data)
        elif message.type == aiohttp.WSMsgType.TEXT:
            screen.messages.append(json.loads(message.data))  # type: ignore[attr-defined]
        else:
            raise AssertionError(f"the session ended before showing {text!r}:\n{screen.text()}")
    return screen.text()


def browser() -> aiohttp.ClientSession:
    """A client that keeps cookies as a browser does, also for an address like 127.0.0.1."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


def open_session(http: aiohttp.ClientSession, served: Served, origin: str | None = None):
    return http.ws_connect(f"{served.url.replace('http', 'ws')}/ws?width=80&height=24", origin=origin or served.url)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return shared_folder(tmp_path / "data")


async def test_no_session_starts_without_a_login_nor_from_another_sites_page(data: Path, tmp_path: Path) -> None:
    with bleep_serve(data, tmp_path) as served:
        async with browser() as http:
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await open_session(http, served)
            assert refused.value.status == 403
            assert served.session_processes() == []

            assert (await log_in(http, served, "s01", PINS["s01"])).status == 303
            for origin in ("http://evil.example", "http://127.0.0.1:1", "null"):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await open_session(http, served, origin)
                assert refused.value.status == 403
            assert served.session_processes() == []
            # A login from another site's page is refused before the PIN is looked at.
            async with http.post(f"{served.url}/login", data={"code": "s02", "pin": PINS["s02"]},
                                 headers={"Origin": "http://evil.example"}, allow_redirects=False) as response:
                assert response.status == 403

            async with open_session(http, served) as websocket:  # the login's own page: the session starts
                screen = Screen()
                screen.messages = []  # type: ignore[attr-defined]
                assert NAMES["s01"].split()[0] in await until_shown(websocket, screen, "Level")
                assert len(served.session_processes()) == 1
                with pytest.raises(aiohttp.WSServerHandshakeError):  # the same cookie cannot open a second one
                    await open_session(http, served)


async def test_the_pages_forbid_frames_caching_and_outside_sources(data: Path, tmp_path: Path) -> None:
    with bleep_serve(data, tmp_path) as served:
        async with browser() as http:
            async with http.get(served.url) as response:
                page = await response.text()
                headers = response.headers
    assert 'name="pin"' in page and "googleapis" not in page and "http" not in page.split("<body>")[0].replace(served.url, "")
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cache-Control"] == "no-store"
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy and "script-src 'self';" in policy
    assert "unsafe" not in policy


async def test_a_full_server_says_so_and_starts_nothing_more(data: Path, tmp_path: Path) -> None:
    with bleep_serve(data, tmp_path, "--max-sessions", "1") as served:
        async with browser() as first, browser() as second:
            assert (await log_in(first, served, "s01", PINS["s01"])).status == 303
            async with second.post(f"{served.url}/login", data={"code": "s02", "pin": PINS["s02"]},
                                   headers={"Origin": served.url}, allow_redirects=False) as response:
                assert response.status == 503
                assert "BLEEP is full" in await response.text()
            async with second.get(served.url) as response:
                assert response.status == 503
            with pytest.raises(aiohttp.WSServerHandshakeError):
                await open_session(second, served)
            assert served.session_processes() == []
    assert AccountStore(data).failures() == []  # nothing was counted against the learner who found it full


async def test_wrong_pins_on_the_web_lock_the_account_as_at_a_terminal(data: Path, tmp_path: Path) -> None:
    with bleep_serve(data, tmp_path) as served:
        async with browser() as http:
            counted = 0
            while counted < MAX_FAILED_LOGINS:
                async with http.post(f"{served.url}/login", data={"code": "s01", "pin": "0000"},
                                     headers={"Origin": served.url}, allow_redirects=False) as response:
                    page = await response.text()
                assert response.status == 403
                wait = re.search(r"Wait (\d+) seconds", page)
                if wait:  # the terminal's brake on guessing: wait as a learner would
                    await asyncio.sleep(int(wait[1]))
                else:
                    counted += 1
            account = AccountStore(data).get("s01")
            assert account is not None and account.locked and account.failed_logins == MAX_FAILED_LOGINS
            assert {failure.source for failure in AccountStore(data).failures()} == {"web 127.0.0.1"}
            while True:  # the right PIN no longer opens it
                async with http.post(f"{served.url}/login", data={"code": "s01", "pin": PINS["s01"]},
                                     headers={"Origin": served.url}, allow_redirects=False) as response:
                    page = await response.text()
                wait = re.search(r"Wait (\d+) seconds", page)
                if not wait:
                    break
                await asyncio.sleep(int(wait[1]))
            assert response.status == 403 and "did not work" in page
            assert "bleep_session" not in response.cookies


async def test_a_learner_downloads_their_own_passport_and_nobody_else_can(data: Path, tmp_path: Path) -> None:
    with bleep_serve(data, tmp_path) as served:
        async with browser() as sam, browser() as noor, browser() as stranger:
            for http, code in ((sam, "s01"), (noor, "s02")):
                assert (await log_in(http, served, code, PINS[code])).status == 303
            async with open_session(sam, served) as sams, open_session(noor, served) as noors:
                screen = Screen()
                screen.messages = []  # type: ignore[attr-defined]
                await until_shown(sams, screen, "Level")
                await sams.send_str(json.dumps(["stdin", "p"]))
                await until_shown(sams, screen, "My profile")
                await sams.send_str(json.dumps(["stdin", "w"]))
                await until_shown(sams, screen, "passport.html")
                (key,) = [data for kind, data in screen.messages if kind == "deliver_file_start"]  # type: ignore[attr-defined]
                for other in (noor, stranger):
                    async with other.get(f"{served.url}/download/{key}") as response:
                        assert response.status == 404
                async with sam.get(f"{served.url}/download/{key}") as response:
                    assert response.status == 200
                    assert response.headers["Content-Disposition"] == 'attachment; filename="passport.html"'
                    assert response.headers["Content-Security-Policy"] == "sandbox"
                    assert response.headers["Cache-Control"] == "no-store" and response.headers["X-Content-Type-Options"] == "nosniff"
                    passport = await response.text()
                assert NAMES["s01"] in passport and NAMES["s02"] not in passport
                async with sam.get(f"{served.url}/download/{key}") as response:  # one download per offer
                    assert response.status == 404
                assert not noors.closed


async def test_at_home_the_token_printed_at_start_is_the_only_way_in(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with bleep_serve(data, tmp_path) as served:
        link = served.first_lines[-1].strip()
        assert link.startswith(f"{served.url}/?token=")
        async with browser() as stranger, browser() as learner:
            async with stranger.get(served.url) as response:
                assert 'name="token"' in await response.text()
            async with stranger.post(f"{served.url}/login", data={"token": "guess"}, headers={"Origin": served.url},
                                     allow_redirects=False) as response:
                assert response.status == 403
            with pytest.raises(aiohttp.WSServerHandshakeError):
                await open_session(stranger, served)
            async with learner.get(link, allow_redirects=False) as response:
                assert response.status == 303
            async with open_session(learner, served) as websocket:
                screen = Screen()
                screen.messages = []  # type: ignore[attr-defined]
                await until_shown(websocket, screen, "What should we call you?")  # a learner's own first screen


async def test_a_server_killed_outright_leaves_no_session_running(data: Path, tmp_path: Path) -> None:
    with bleep_serve(data, tmp_path) as served:
        async with browser() as http:
            assert (await log_in(http, served, "s01", PINS["s01"])).status == 303
            async with open_session(http, served) as websocket:
                screen = Screen()
                screen.messages = []  # type: ignore[attr-defined]
                await until_shown(websocket, screen, "Level")
                (app,) = served.session_processes()
                served.process.kill()
                served.process.wait()
                for _ in range(600):
                    if not Path(f"/proc/{app}").exists() or " Z " in Path(f"/proc/{app}/stat").read_text():
                        break
                    await asyncio.sleep(0.05)
                else:
                    raise AssertionError("the session's app outlived its server")
