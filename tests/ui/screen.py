"""Reading what a learner would see on the Pilot's virtual screen."""

from textual.app import App


def screen_text(app: App) -> str:
    """The text on the whole 80x24 screen, one line per row, as a learner sees it."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)
