"""The BLEEP app: one learner's session, the screens, and what a learner may never do."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path
from threading import Lock
from time import monotonic
from typing import TYPE_CHECKING, Iterator

from textual import events
from textual.app import App
from textual.css.query import NoMatches
from textual.binding import Binding
from textual.driver import Driver
from textual.message import Message
from textual.screen import Screen
from textual.geometry import Offset, Size
from textual.notifications import SeverityLevel
from textual.timer import Timer

from bleep_tui.core.events import Event
from bleep_tui.i18n import N_, Language, _, speak
from bleep_tui.store.files import StoreError
from bleep_tui.store.learner import LearnerStore, Profile
from bleep_tui.store.settings import load_settings
from bleep_tui.ui.compositor import render_only_changed_rows
from bleep_tui.ui.focus_cursor import CursorFollowsFocus
from bleep_tui.ui.glyphs import ASCII, UNICODE, Glyphs
from bleep_tui.ui.render_cache import keep_no_closed_widgets
from bleep_tui.ui.terminal import ANSI_THEME, ASCII_CSS, ASCII_KEY_NAMES, HIGH_CONTRAST_THEMES, AsciiOnly, Undim
from bleep_tui.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from bleep_tui.content.catalog import Catalog
    from bleep_tui.content.shipped import Content
    from bleep_tui.core.achievements import Achievement
    from bleep_tui.core.levels import Level
    from bleep_tui.core.progress import Progress, Snapshot

# Actions that could take a learner out of the app or write files: refused wherever they come from.
DENIED_ACTIONS = frozenset({"screenshot", "suspend_process", "command_palette", "open_url", "toggle_dark", "change_theme"})
# Shared mode keeps the start screen and a learner's screens in separate modes (screen stacks).
LOGIN_MODE, SESSION_MODE = "login", "learner-session"
# Shared mode also refuses app actions that change screens or the page, or fake keys: only our own code moves a learner.
SHARED_DENIED_ACTIONS = DENIED_ACTIONS | {
    "push_screen", "switch_screen", "switch_mode", "simulate_key",
    "add_class", "remove_class", "toggle_class", "focus", "notify", "help_quit", "show_help_panel",
}


class ContentReady(Message):
    """The lessons, levels and achievements are loaded: screens that show them can fill in."""


keep_no_closed_widgets()
render_only_changed_rows()


@contextmanager
def no_collection() -> Iterator[None]:
    """No garbage collection while a learner's history is read: events hold no cycles, and with thousands
    of them the collector would run again and again over the whole app for nothing (half the time at 20,000)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class BleepApp(CursorFollowsFocus[None]):
    CSS_PATH = "app.tcss"
    TITLE = "BLEEP"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Quit"), priority=True, id="bleep.quit"),
        # Shared mode only (check_action): quitting and ctrl+c end the learner's session, never the program.
        Binding("ctrl+q", "logout", N_("Log out"), priority=True, id="bleep.logout"),
        Binding("ctrl+c", "logout", N_("Log out"), show=False, priority=True),
    ]

    def __init__(self, data_dir: Path, *, catalog: Catalog | None = None, ascii: bool = False, ansi_colours: bool = False,
                 show_cursor: bool = False, web_learner: str | None = None):
        # ansi_color=True makes Textual honour NO_COLOR by dropping colour rather than drawing in grey.
        super().__init__(css_path=[self.CSS_PATH, ASCII_CSS] if ascii else None, ansi_color=True if ansi_colours else None)
        if ansi_colours:
            self.theme = ANSI_THEME
        self._standard_theme = self.theme
        self._high_contrast_theme = HIGH_CONTRAST_THEMES[ansi_colours]
        self.register_theme(self._high_contrast_theme)
        self._undim = Undim(enabled=False)
        self._filters.insert(0, self._undim)  # before Textual's own, which would grey dim text out
        if ascii:
            self._filters.append(AsciiOnly())  # Textual's own output hook: the last guard of ASCII mode
        self.data_dir = Path(data_dir)
        self.settings = load_settings(self.data_dir)
        self.shared = self.settings.mode == "shared"
        self.show_cursor = show_cursor or self.settings.show_cursor  # the driver shows the terminal's cursor
        # Shared mode: no learner until one logs in, so nothing can be read or written for nobody.
        self.store: LearnerStore = None if self.shared else LearnerStore(data_dir)  # type: ignore[assignment]
        self.learner_profile: Profile | None = None  # read once a session: screens show the name without a read
        self.idle_seconds = self.settings.idle_minutes * 60
        self._idle_timer: Timer | None = None
        self._idle_warned_after: float | None = None  # the last key before the idle warning was shown
        self._login_screen: Screen[None] | None = None
        self.clock = monotonic  # seconds, for the idle logout; tests put a clock of their own here
        self._last_key = self.clock()
        self.glyphs: Glyphs = ASCII if ascii else UNICODE
        self._given_catalog = catalog
        self._contents: dict[str, Content] = {}  # by language: a shared terminal's learners may speak several
        self._key_bar: KeyBar | None = None  # the bar that showed the last note
        self._content_lock = Lock()  # the loading thread and a screen that cannot wait read it once between them
        self.content_ready = False  # set, on the app's own thread, when the screens are told (ContentReady)
        # This session's language: the installation's (the locale's) until a learner's own choice is known.
        self.language = Language()
        # `bleep serve` (shared mode): the learner who logged in on the web page; their session is the whole run.
        self.web_learner = web_learner

    def on_load(self) -> None:
        speak(self.language)  # in the app's own task, before any screen exists: every screen inherits it

    @property
    def content(self) -> Content:
        """The content in the session's language: read by a thread started with the app (see on_mount), or
        here by the first screen that needs it sooner (after a learner chose another language, for one)."""
        language = self.language.shown
        with self._content_lock:
            content = self._contents.get(language)
            if content is None:
                from bleep_tui.content.shipped import load_content
                from bleep_tui.store.compiled import shipped_content

                given = self._given_catalog
                content = shipped_content(self.data_dir, language) if given is None else load_content(given)
                self._contents[language] = content
        return content

    @property
    def catalog(self) -> Catalog:
        return self.content.catalog

    @property
    def levels(self) -> tuple[Level, ...]:
        return self.content.levels

    @property
    def achievements(self) -> tuple[Achievement, ...]:
        return self.content.achievements

    def on_mount(self) -> None:
        if self.settings.unusable:
            self.exit(return_code=1, message=_("BLEEP cannot start: the settings file cannot be used ({reason}). "
                                               "Nothing was changed. Please tell your facilitator.").format(reason=self.settings.unusable))
            return
        try:
            self.learner_profile = None if self.shared else self.store.profile()
            if self.learner_profile is not None:
                # A damaged record stops here, before anything is added to it; Home's first look uses what was read.
                with no_collection():
                    self.store.progress()
                self.language.switch(self.learner_profile.language or None)
        except StoreError as error:
            self.exit(return_code=1, message=_("BLEEP cannot start: {reason}").format(reason=error))
            return
        self.show_display()
        # The lessons are read in a thread while the first screen is drawn: the screen comes at once, and
        # the keys a learner types meanwhile are answered between the thread's turns.
        self.run_worker(self._load_content, name="load-content", thread=True)
        if self.is_web:
            from bleep_tui.ui.browser_keys import BROWSER_KEYMAP

            self.set_keymap(BROWSER_KEYMAP)
        # Each first screen is imported only when it is the one shown: start-up reads no more code than it needs.
        if self.shared and self.web_learner:
            self.start_session(self.web_learner)
        elif self.shared:
            from bleep_tui.ui.screens.login import LoginScreen

            self._login_screen = LoginScreen()
            self.add_mode(LOGIN_MODE, Screen)
            self.switch_mode(LOGIN_MODE)
            self.push_screen(self._login_screen)
        elif self.learner_profile:
            from bleep_tui.ui.screens.home import HomeScreen

            self.push_screen(HomeScreen())
        else:
            from bleep_tui.ui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
        self.fit_to_size(self.size)
        if self.settings.problems:
            problems = "\n".join(self.settings.problems)
            # After the first screen is mounted: its key bar shows the note.
            self.call_after_refresh(self.notify, problems + "\n" + _("Defaults are used instead. Please tell your facilitator."), markup=False)

    def _load_content(self) -> None:
        """In the loading thread: read the content, then tell the screens, or end the app with the reason."""
        from bleep_tui.content.problems import ContentError

        try:
            self.content
        except ContentError as error:
            self.call_from_thread(self.exit, return_code=1, message=_("BLEEP cannot start: {reason}").format(reason=error))
            return
        self.call_from_thread(self._content_loaded)

    def _content_loaded(self) -> None:
        self.content_ready = True
        for screen in self.screen_stack:
            screen.post_message(ContentReady())

    def get_driver_class(self) -> type[Driver]:
        from textual.drivers.linux_driver import LinuxDriver

        driver = super().get_driver_class()
        if driver is LinuxDriver:
            from bleep_tui.ui.driver import TerminalDriver

            return TerminalDriver
        return driver

    def on_resize(self, event: events.Resize) -> None:
        if len(self.screen_stack) > 1:  # else the first screen is not there yet: on_mount checks then
            self.fit_to_size(event.size)

    def fit_to_size(self, size: Size) -> None:
        """Below 80x24, cover the app with a "please enlarge" message; take it away once big enough."""
        from bleep_tui.ui.screens.too_small import TooSmallScreen, too_small

        covered = isinstance(self.screen, TooSmallScreen)
        if too_small(*size) and not covered:
            self.push_screen(TooSmallScreen())
        elif covered and not too_small(*size):
            self.pop_screen()

    def get_key_display(self, binding: Binding) -> str:
        if self.glyphs is ASCII and binding.key in ASCII_KEY_NAMES:
            return ASCII_KEY_NAMES[binding.key]
        return super().get_key_display(binding)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "logout":
            return self.shared and self.store is not None
        if action == "quit":
            return not self.shared
        if action in ("pop_screen", "back") and self.shared:
            # The start screen and a session's home are floors: below them a shared terminal is empty.
            return self.current_mode == SESSION_MODE and len(self.screen_stack) > 2
        return action not in (SHARED_DENIED_ACTIONS if self.shared else DENIED_ACTIONS)

    async def action_quit(self) -> None:
        """In shared mode quitting only logs the learner out: the terminal stays on the start screen."""
        if self.shared:
            self.logout()
        else:
            await super().action_quit()

    def action_logout(self) -> None:
        self.logout()

    def start_session(self, code: str, chosen_language: str = "") -> None:
        """Shared mode: `code` has just logged in; from now on the app reads and writes only their file.

        The session speaks the language the learner chose on the start screen (kept for next time),
        else the one in their profile. The session's screens live in their own mode, so logging out
        drops them all at once without any of them coming back to life for a moment with no learner.
        """
        from bleep_tui.ui.screens.home import HomeScreen

        self.store = LearnerStore(self.data_dir, code)
        try:
            if chosen_language:
                self.store.set_language(chosen_language)
            self.learner_profile = self.store.profile()
        except StoreError as error:
            self.learner_profile = None  # Home shows no name; reading the events says what is wrong
            self.notify(str(error), severity="error", markup=False)
        else:
            profile = self.learner_profile
            self.language.switch(chosen_language or (profile.language if profile else "") or None)
        self.show_display()
        self._last_key = self.clock()
        self.log_out_if_idle()  # sets the first look at the clock
        self.add_mode(SESSION_MODE, Screen)  # an empty floor under the learner's screens
        self.switch_mode(SESSION_MODE)
        self.push_screen(HomeScreen())
        self.fit_to_size(self.size)

    def show_in_new_language(self) -> None:
        """The learner chose another language in their profile: Home and the profile again, drawn in it."""
        from bleep_tui.ui.screens.home import HomeScreen
        from bleep_tui.ui.screens.profile import ProfileScreen

        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(HomeScreen())
        self.push_screen(ProfileScreen())

    def logout(self, notice: str = "") -> None:
        """Back to the start screen. Every answer is already on disk, so there is nothing left to save."""
        if self.store is None:
            return
        if self.web_learner:  # the browser's session ends with its learner: the next one logs in on the web page
            self.exit(message=notice or None)
            return
        if self._idle_timer is not None:
            self._idle_timer.stop()
            self._idle_timer = None
        self.store = None  # type: ignore[assignment]
        self.learner_profile = None
        self.language.switch(None)
        self.show_display()
        assert self._login_screen is not None
        self._login_screen.notice = notice
        self.switch_mode(LOGIN_MODE)
        self.remove_mode(SESSION_MODE)
        self.fit_to_size(self.size)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self._last_key = self.clock()
            if self._key_bar is not None:
                self._key_bar.clear_notes()  # notes stay until the next key
        await super().on_event(event)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """A note on the key bar until the next key, instead of a toast over the text being read.

        Always plain text: a note may quote what a learner typed.
        """
        bar = self._key_bar
        if bar is None or not bar.is_attached or bar.screen is not self.screen:
            try:
                bar = self._key_bar = self.screen.query_one(KeyBar)
            except NoMatches:
                super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)
                return
        bar.show_note(message, error=severity == "error")

    @property
    def time_limits(self) -> str:
        """How long BLEEP waits for this learner (core/time_limits.py): their own choice, else the installation's."""
        from bleep_tui.core.time_limits import CHOICES

        profile = self.learner_profile
        return profile.time_limits if profile and profile.time_limits in CHOICES else self.settings.time_limits

    def set_time_limits(self, limits: str) -> None:
        """Keep the learner's choice; the idle logout follows it from now on."""
        from dataclasses import replace

        self.store.set_time_limits(limits)
        if self.learner_profile is not None:
            self.learner_profile = replace(self.learner_profile, time_limits=limits)
        if self.shared:
            self.log_out_if_idle()

    @property
    def display_choice(self) -> str:
        """How the screens look for this learner (core/display.py): their own choice, else the installation's."""
        from bleep_tui.core.display import CHOICES

        profile = self.learner_profile
        return profile.display if profile and profile.display in CHOICES else self.settings.display

    def set_display(self, choice: str) -> None:
        """Keep the learner's choice and show the screens so at once."""
        from dataclasses import replace

        self.store.set_display(choice)
        if self.learner_profile is not None:
            self.learner_profile = replace(self.learner_profile, display=choice)
        self.show_display()

    def show_display(self) -> None:
        from bleep_tui.core.display import is_high_contrast, is_spacious

        choice = self.display_choice
        theme = self._high_contrast_theme.name if is_high_contrast(choice) else self._standard_theme
        if self.theme != theme:  # a change of theme restyles every widget: not for nothing at start-up
            self.theme = theme
        self._undim.enabled = is_high_contrast(choice)
        self.set_class(is_high_contrast(choice), "-high-contrast")
        self.set_class(is_spacious(choice), "-spacious")

    def cursor_point(self) -> Offset:
        """A note on the key bar (until the next key: a warning, what a key did) has the terminal's cursor,
        so that a braille display or screen reader shows it; then the cursor goes back to the focus."""
        bar = self._key_bar
        if bar is not None and bar.notes and bar.is_attached and bar.screen is self.screen:
            return bar.content_region.offset
        return super().cursor_point()

    def _arm_idle_timer(self, seconds: float) -> None:
        # One one-shot timer at a time, re-armed only when it fires: a key press costs no timer work,
        # and an idle session wakes twice, to warn and to log out. (Timer.reset would only apply at the next wake.)
        if self._idle_timer is not None:
            self._idle_timer.stop()
        self._idle_timer = self.set_timer(seconds, self.log_out_if_idle, name="idle-logout")

    def log_out_if_idle(self) -> None:
        """Log out when no key came for the time allowed, with a warning first; else look again when due."""
        from bleep_tui.core.time_limits import time_allowed, warning_before

        if self.store is None:
            return
        allowed = time_allowed(self.idle_seconds, self.time_limits)
        if allowed is None:  # the learner (or the installation) switched the limit off
            if self._idle_timer is not None:
                self._idle_timer.stop()
                self._idle_timer = None
            return
        left = allowed - (self.clock() - self._last_key)
        warning = warning_before(allowed)
        if left > warning:
            self._arm_idle_timer(left - warning)
            return
        if left > 0:
            if self._idle_warned_after != self._last_key:
                self._idle_warned_after = self._last_key
                self.notify(_("No key for a while: you will be logged out in {seconds} seconds. Press any key to stay.").format(
                    seconds=round(left)), severity="warning", markup=False)
            self._arm_idle_timer(left)
            return
        self._idle_timer = None
        self.logout(_("You were logged out after {minutes} minutes without a key. Your progress is saved.").format(
            minutes=time_allowed(self.settings.idle_minutes, self.time_limits)))

    def _handle_exception(self, error: Exception) -> None:
        """The last resort: a plain message for the learner, the details in the private log, exit status 1.

        Textual's own crash report prints local variables (a PIN just typed, a stored hash) and the
        server's paths; it is never shown.
        """
        from rich.text import Text

        from bleep_tui.store.errorlog import log_error

        log = log_error(self.data_dir, error, "bleep app")
        self._return_code = 1
        if self._exception is None:  # under a test's Pilot, Textual raises it again: bugs fail loudly in tests
            self._exception = error
            self._exception_event.set()
        message = _("Something went wrong, and BLEEP had to stop. Your answers so far are saved.\nPlease tell your facilitator.")
        if log is not None:  # not its path: a learner's screen shows nothing of the server
            message += "\n" + _("(The details are in BLEEP's error log.)")
        self._exit_renderables.append(Text(message))
        self._close_messages_no_wait()

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """A learner's terminal must never open a browser or any other program."""

    def record(self, event: Event) -> bool:
        """Write `event` to disk now. On failure, tell the learner and return False; the app goes on."""
        try:
            self.store.record(event)
        except StoreError as error:
            self.notify(
                _("Your answer could not be saved: {reason}. Please tell your facilitator.").format(reason=error),
                severity="error",
                timeout=10,
                markup=False,
            )
            return False
        return True

    def progress(self) -> Snapshot:
        return self.learner_progress().snapshot(self.levels)

    def learner_progress(self) -> Progress:
        """The learner's progress as the store keeps it (read it, never change it); none after a message when it cannot be read."""
        from bleep_tui.core.progress import Progress

        with no_collection():
            try:
                return self.store.progress()
            except StoreError as error:
                self.notify(str(error), severity="error", markup=False)
                return Progress()
