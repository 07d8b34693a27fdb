"""A learner in Chromium: `bleep serve` on 127.0.0.1, logged in, Home, a lesson with a typed answer and a
simulation, answers in the store, no request leaving this computer. Screenshots are kept beside the test's
tmp folder (artefacts/) for a person to look at.

Chromium is Debian's (`.ci/run` installs it), driven by Playwright for Python through executable_path: no
browser is downloaded. The screen is read from what the server sent the page (pyte), as the page's terminal
draws on a canvas.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bleep_tui.store.learner import LearnerStore

from .play import LESSON, choice_keys, lesson, order_keys, shown_order, started_run
from .served import PINS, Screen, bleep_serve, shared_folder

pytestmark = pytest.mark.slow
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra (make test installs it)")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SIM_LESSON = "money-sim-card-contactless"
KEY_NAMES = {"enter": "Enter", "down": "ArrowDown", "up": "ArrowUp", "home": "Home", "escape": "Escape"}


class Learner:
    """The page and what its terminal shows."""

    def __init__(self, page, screen: Screen, artefacts: Path) -> None:
        self.page = page
        self.screen = screen
        self.artefacts = artefacts

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while text not in self.screen.text():
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not shown:\n{self.screen.text()}")
            self.page.wait_for_timeout(50)  # Playwright hands over the page's frames while it waits
        return self.screen.text()

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(KEY_NAMES.get(key, key))
            self.page.wait_for_timeout(30)

    def settle(self) -> str:
        """The screen once nothing new came for a moment."""
        shown = self.screen.text()
        while True:
            self.page.wait_for_timeout(300)
            if self.screen.text() == shown:
                return shown
            shown = self.screen.text()

    def snapshot(self, name: str) -> None:
        self.page.screenshot(path=str(self.artefacts / f"{name}.png"))

    def open_lesson(self, summary: str) -> None:
        summary = " ".join(summary.split())[:30]
        for _ in range(80):
            if summary in " ".join(self.settle().split()):
                self.press("enter")
                return
            self.press("down")
        raise AssertionError(f"{summary!r} not found on Home:\n{self.screen.text()}")


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_a_learner_logs_in_in_chromium_plays_a_lesson_and_a_simulation_and_the_answers_are_saved(tmp_path: Path) -> None:
    data = shared_folder(tmp_path / "data")
    artefacts = tmp_path / "artefacts"
    artefacts.mkdir()
    requests: list[str] = []
    screen = Screen()
    with bleep_serve(data, tmp_path) as served, playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            context = browser.new_context(viewport={"width": 1000, "height": 600})
            context.on("request", lambda request: requests.append(request.url))
            page = context.new_page()

            def watch(websocket) -> None:
                websocket.on("framereceived", lambda payload: screen.feed(payload) if isinstance(payload, bytes) else None)
                websocket.on("framesent", lambda payload: screen.sent(payload) if isinstance(payload, str) else None)

            page.on("websocket", watch)
            learner = Learner(page, screen, artefacts)

            page.goto(served.url)
            learner.snapshot("1-login")
            page.fill("#code", "s01")
            page.fill("#pin", PINS["s01"])
            page.click("button[type=submit]")
            home = learner.wait_for("Level")
            assert "Sam" in home and "f10 Log out" in home  # F10, not the Ctrl+Q a browser keeps
            assert page.evaluate("document.activeElement.className").startswith("xterm-helper-textarea")  # keys go to BLEEP at once
            learner.snapshot("2-home")

            steps = lesson().steps
            learner.open_lesson(lesson().summary)
            learner.wait_for("Step 1 of 4")
            learner.press("enter")
            learner.wait_for("Step 2 of 4")
            learner.press(*choice_keys(steps[1], started_run(data, "s01")))
            learner.wait_for("Right!")
            learner.press("enter")
            learner.wait_for("Step 3 of 4")
            page.keyboard.type("Nobody")
            learner.wait_for("Nobody")
            learner.snapshot("3-typed-answer")
            learner.press("enter")
            learner.wait_for("Right!")
            learner.press("enter")
            learner.wait_for("Step 4 of 4")
            learner.press(*order_keys(shown_order(learner.settle(), steps[3])))
            learner.wait_for("Right!")
            learner.press("enter")
            learner.wait_for("Lesson complete")
            learner.snapshot("4-result")
            learner.press("enter")  # Back to lessons

            from bleep_tui.content.catalog import load_catalog

            learner.open_lesson(load_catalog().lessons[SIM_LESSON].summary)
            learner.wait_for("A practice card terminal")
            learner.press("enter")
            learner.wait_for("PAY  EUR 3.40")
            learner.press("t")
            learner.wait_for("Customer receipt?")
            learner.press("enter")
            learner.press("w")
            learner.wait_for("Task finished: 4 of 4 goals met")
            learner.snapshot("5-simulation")

            learner.press("escape")  # leave the lesson; F10 then logs out, and the page says the session ended
            learner.settle()
            learner.press("F10")
            page.wait_for_selector("text=Your session has ended", timeout=30_000)
            learner.snapshot("6-ended")
        finally:
            browser.close()

    events = LearnerStore(data, "s01").events()
    finished = [(e.lesson, e.percent) for e in events if e.kind == "lesson_finished"]
    assert finished == [(LESSON, 100)]
    typed = [e for e in events if e.kind == "answered" and e.lesson == LESSON and e.step == steps[2].id]
    assert [e.correct for e in typed] == [True]
    simulated = [e for e in events if e.kind == "answered" and e.lesson == SIM_LESSON]
    assert simulated and simulated[-1].correct
    assert not LearnerStore(data, "s02").events() or all(e.kind != "answered" for e in LearnerStore(data, "s02").events())
    outside = [url for url in requests if urlsplit(url).hostname != "127.0.0.1"]
    assert requests and outside == []
    assert {path.name for path in artefacts.iterdir()} >= {"2-home.png", "5-simulation.png"}
