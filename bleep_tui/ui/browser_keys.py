"""Keys a browser keeps for itself, and what `bleep serve` uses instead.

Chromium and Firefox never hand these to a page (they close the tab or window, open a new one, switch
tabs or quit), so in a browser each action bound to one gets a function key a browser leaves to the page.
The app applies BROWSER_KEYMAP through Textual's keymap when it runs with the web driver; the key bar
then shows the new key. Text that names a key (a form's help line) goes through browser_safe_text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

BROWSER_RESERVED = frozenset({
    "ctrl+q", "ctrl+w", "ctrl+n", "ctrl+t", "ctrl+tab", "ctrl+shift+tab", "ctrl+pageup", "ctrl+pagedown",
    "ctrl+shift+q", "ctrl+shift+w", "ctrl+shift+n", "ctrl+shift+t", "ctrl+shift+p",
})
# Each reserved key BLEEP binds, and the key it has in a browser (F8 to F10: no browser action of their own
# that a page cannot take over).
IN_A_BROWSER = {"ctrl+q": "f10", "ctrl+n": "f8", "ctrl+t": "f9"}
# Binding ids (Binding(id=...)) of every action on a reserved key, with its key in a browser.
BROWSER_KEYMAP = {
    "bleep.quit": IN_A_BROWSER["ctrl+q"],
    "bleep.logout": IN_A_BROWSER["ctrl+q"],
    "forms.next_page": IN_A_BROWSER["ctrl+n"],
    "forms.next_document": IN_A_BROWSER["ctrl+t"],
    "email.save_draft": IN_A_BROWSER["ctrl+t"],
}
_NAMED = re.compile(r"\bCtrl\+([QNT])\b")


def browser_safe_text(text: str) -> str:
    """`text` with each reserved key it names ("Ctrl+N") replaced by the key used in a browser ("F8")."""
    return _NAMED.sub(lambda match: IN_A_BROWSER[f"ctrl+{match[1].lower()}"].upper(), text)


def keys_named(app: App, text: str) -> str:
    """`text` as the keys of `app`'s session are: in a browser, browser_safe_text(text)."""
    return browser_safe_text(text) if app.is_web else text
