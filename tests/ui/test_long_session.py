"""A long session stays flat: a screen opened and closed leaves nothing of its drawing behind."""

from __future__ import annotations

import gc
import json
import zlib
from pathlib import Path

from textual._styles_cache import StylesCache

from bleep_tui.core.events import Event
from bleep_tui.store.learner import LearnerStore
from bleep_tui.ui.app import BleepApp
from bleep_tui.ui.screens.home import HomeScreen
from bleep_tui.ui.screens.profile import ProfileScreen

from .screen import screen_text, settled

SIZE = (80, 24)


def widgets_drawings_in_memory() -> int:
    """Each widget draws through its own StylesCache, which holds the lines it last drew."""
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, StylesCache))


async def test_opening_and_closing_the_profile_again_and_again_keeps_no_closed_screen_in_memory(data_dir: Path) -> None:
    LearnerStore(data_dir).create("Sam")
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)

        async def open_and_close_profile() -> None:
            await pilot.press("p")
            await pilot.pause()
            assert isinstance(app.screen, ProfileScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)

        await open_and_close_profile()
        before = widgets_drawings_in_memory()
        for _ in range(5):
            await open_and_close_profile()
        assert widgets_drawings_in_memory() <= before


async def test_home_and_the_profile_show_the_kept_summary_(data_dir: Path) -> None:
    """A returning learner's Home and profile come from the progress summary beside the journal,
    not from reading the whole history; a summary that does not match is derived again."""
    store = LearnerStore(data_dir)
    store.create("Sam")
    for run in range(3):
        store.record(Event("lesson_started", f"2026-03-0{run + 1}T10:00:00+00:00", lesson="safety-one-time-codes", run=f"r{run}"))
        store.record(Event("lesson_finished", f"2026-03-0{run + 1}T10:05:00+00:00", lesson="safety-one-time-codes", run=f"r{run}", points=20, percent=80, stars=2))
    summary = data_dir / "learners" / "me.summary"
    header_line, payload = summary.read_bytes().split(b"\n", 1)
    kept = json.loads(payload)
    kept["progress"]["lessons"]["safety-one-time-codes"][4] = 44  # best XP, honestly checksummed: believed
    payload = json.dumps(kept).encode()
    summary.write_bytes(json.dumps({**json.loads(header_line), "crc32": zlib.crc32(payload)}).encode() + b"\n" + payload)
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert "44 XP" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert "44 XP" in screen_text(app)
    summary.write_bytes(b"damaged")
    app = BleepApp(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert "20 XP" in screen_text(app)
