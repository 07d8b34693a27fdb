"""BLEEP's terminal driver: whatever arrives on the terminal, the session keeps going or ends cleanly.

Textual's Linux driver, drawing through `ScreenDiff`, with its own input thread:
- bytes the terminal's encoding cannot read (a Latin-1 `é` on a UTF-8 line, `0xFF`) become U+FFFD,
  never an exception (Textual's thread dies on them and the app shows a traceback);
- a terminal that is gone (end of file on a pipe, EIO on a closed pty, a write that fails) ends the
  app, instead of a thread reading nothing in a busy loop for ever;
- the keys of one read are handled before the next read: a flood of keys waits in the terminal
  (and, over SSH, in the client), not in this process's memory;
- a key that may be a binding (Enter, Tab, Esc) is handled, with what it causes, before the keys
  after it are sent on: Textual runs bindings only once a key has bubbled up to the app, so a
  code, Enter and a PIN arriving together (a fast typist on a slow line) put the PIN in the code box.
"""

from __future__ import annotations

import codecs
import os
import selectors
import sys
import threading
from collections.abc import Callable
from typing import IO

from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.dom import DOMNode

from bleep_tui.ui.screen_diff import DiffingDriver
from bleep_tui.ui.terminal import input_encoding

# Bytes read at a time: at most this many keys are waiting in the app at once.
READ_SIZE = 1024
# How long a read waits for the app to handle the keys before it (a widget removed meanwhile
# drops its queue, and the reply with it).
HANDLED_WAIT = 1.0
POLL = 0.1  # seconds between looks at whether the app is ending
SHOW_CURSOR = "\x1b[?25h"


class TerminalDriver(DiffingDriver):
    def __init__(self, app: App, **options: object) -> None:
        super().__init__(app, **options)
        self._gone = False
        self._lock = threading.Lock()  # the input and the output threads can both find the terminal gone
        self._file = _Output(self._file, self._terminal_gone)
        self._encoding = input_encoding(os.environ)

    def start_application_mode(self) -> None:
        super().start_application_mode()  # hides the cursor
        if getattr(self._app, "show_cursor", False):
            self.write(SHOW_CURSOR)
            self.flush()

    def run_input_thread(self) -> None:
        parser = XTermParser(self._debug)
        decoder = codecs.getincrementaldecoder(self._encoding)(errors="replace")
        with selectors.SelectSelector() as selector:
            selector.register(self.fileno, selectors.EVENT_READ)
            while not self.exit_event.is_set():
                if selector.select(POLL):
                    try:
                        data = os.read(self.fileno, READ_SIZE)
                    except OSError:  # EIO: the pty's other end is closed
                        data = b""
                    if not data:
                        self._terminal_gone()
                        return
                    text = decoder.decode(data)
                else:
                    # A sequence cut short (a lone 0xE9) counts once nothing more comes.
                    text = decoder.decode(b"", final=True)
                keys = list(parser.feed(text)) if text else []
                keys += parser.tick()
                waited = False
                for key in keys:
                    self.process_message(key)
                    waited = not (isinstance(key, events.Key) and key.is_printable)
                    if waited:
                        self._wait_until_handled(rounds=2)  # the key, then what it caused (a new focus)
                if keys and not waited:  # the last key's own wait covers the keys before it
                    self._wait_until_handled()

    def _wait_until_handled(self, rounds: int = 1) -> None:
        """Wait until the keys sent so far have travelled from the focused widget up to the app (or the app ends)."""
        for _ in range(rounds):
            handled = threading.Event()
            if not self._app.call_later(self._from_focus, handled.set):
                return
            for _ in range(int(HANDLED_WAIT / POLL)):
                if handled.wait(POLL):
                    break
                if self.exit_event.is_set():
                    return

    def _from_focus(self, then: Callable[[], object]) -> None:
        # The app has passed the keys on to the focused widget: follow them from there.
        app = self._app
        self._climb(app.focused or (app.screen if app.screen_stack else None), then)

    def _climb(self, node: DOMNode | None, then: Callable[[], object]) -> None:
        """Queue `then` behind what `node`, then each of its parents up to the app, has been sent so far."""
        if node is None or not node.call_later(self._climb, node.parent, then):
            then()

    def _terminal_gone(self) -> None:
        """End the app; what it still writes, to the end of the process, goes nowhere."""
        with self._lock:
            if self._gone:
                return
            self._gone = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        for output in (sys.__stdout__, sys.__stderr__):
            os.dup2(devnull, output.fileno())
        os.close(devnull)
        self._app.call_later(self._app.exit)


class _Output:
    """The terminal Textual writes to, telling `gone` when a write fails."""

    def __init__(self, file: IO[str], gone: Callable[[], None]) -> None:
        self._file = file
        self._gone = gone

    def write(self, text: str) -> None:
        self._call(self._file.write, text)

    def flush(self) -> None:
        self._call(self._file.flush)

    def _call(self, method: Callable[..., object], *args: object) -> None:
        try:
            method(*args)
        except OSError:
            self._gone()

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return self._file.isatty()
