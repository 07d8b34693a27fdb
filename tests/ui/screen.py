"""Reading what a learner would see on the Pilot's virtual screen."""

from textual.app import App


def key_bar_note(app: App) -> str:
    """The notes the bottom lines show instead of the keys, one a line ("" when they show the keys)."""
    from bleep_tui.ui.widgets.key_bar import KeyBar

    return "\n".join(message for message, _error in app.screen.query_one(KeyBar).notes)


def screen_text(app: App) -> str:
    """The text on the whole 80x24 screen, one line per row, as a learner sees it."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def settled(pilot) -> None:
    """Wait until the app has loaded its lessons (after the first screen) and handled every pending message."""
    for _ in range(400):  # a bounded wait for the lessons themselves, not for a length of time
        if pilot.app.content_ready:
            break
        await pilot.pause(0.05)
    assert pilot.app.content_ready, "the lessons never finished loading"
    await pilot.pause()
