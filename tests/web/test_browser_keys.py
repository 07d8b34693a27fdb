"""In a browser every action has a key the browser leaves to the page (bleep_tui/ui/browser_keys.py)."""

from __future__ import annotations

import importlib
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode

import bleep_tui
from bleep_tui.ui.browser_keys import BROWSER_KEYMAP, BROWSER_RESERVED, browser_safe_text


# The facilitator's dashboard is used over SSH or at the server, never served to a browser.
NOT_SERVED = {"bleep_tui.ui.facilitator", "bleep_tui.ui.screens.dashboard"}


def bindings_of_bleep() -> list[tuple[str, Binding]]:
    """Every Binding declared by a class in bleep_tui.ui that `bleep serve` shows (screens, widgets, simulations, the app)."""
    found = []
    for module in pkgutil.walk_packages(bleep_tui.ui.__path__, "bleep_tui.ui."):
        if module.name in NOT_SERVED:
            continue
        loaded = importlib.import_module(module.name)
        for value in vars(loaded).values():
            if isinstance(value, type) and issubclass(value, DOMNode) and value.__module__ == module.name:
                for binding in value.__dict__.get("BINDINGS", []):
                    if isinstance(binding, Binding):
                        found.append((f"{value.__name__}", binding))
    return found


def test_every_action_on_a_key_a_browser_keeps_has_another_key_in_serve_mode() -> None:
    bindings = bindings_of_bleep()
    assert len(bindings) > 50
    for owner, binding in bindings:
        for key in binding.key.split(","):
            if key.strip() in BROWSER_RESERVED:
                assert binding.id in BROWSER_KEYMAP, f"{owner}: {binding.key} ({binding.action}) has no key in a browser"
    assert not set(BROWSER_KEYMAP.values()) & BROWSER_RESERVED
    ids = {binding.id for _owner, binding in bindings}
    assert set(BROWSER_KEYMAP) <= ids  # no key in the map for a binding that is gone


def test_help_lines_name_the_browsers_keys() -> None:
    assert browser_safe_text("Tab next box  * required  Ctrl+N next  Ctrl+O papers") == "Tab next box  * required  F8 next  Ctrl+O papers"
    assert browser_safe_text("Press Ctrl+Q to quit.") == "Press F10 to quit."
    assert browser_safe_text("(1 of 2, Ctrl+T next)") == "(1 of 2, F9 next)"
