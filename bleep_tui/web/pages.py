"""The HTML pages of `bleep serve`: login, full, and the terminal. Every value is escaped; no inline script.

The texts are translated before they go into the markup: pybabel does not see a _() inside an f-string.
"""

from __future__ import annotations

from html import escape

from bleep_tui.i18n import _, ngettext


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{escape(title)}</title>\n"
        "<link rel=\"stylesheet\" href=\"/static/bleep.css\">\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines())


def login_page(*, shared: bool, message: str = "") -> str:
    title = _("BLEEP: log in")
    said = f"<p class=\"message\" role=\"alert\">{_lines(message)}</p>\n" if message else ""
    if shared:
        how, code, pin = _("Type your learner code and your PIN. Your facilitator gives you both."), _("Learner code"), _("PIN")
        fields = (
            f"<p>{escape(how)}</p>\n"
            f"<label for=\"code\">{escape(code)}</label>\n"
            "<input id=\"code\" name=\"code\" maxlength=\"32\" autocomplete=\"username\" autocapitalize=\"off\" autofocus required>\n"
            f"<label for=\"pin\">{escape(pin)}</label>\n"
            "<input id=\"pin\" name=\"pin\" type=\"password\" inputmode=\"numeric\" maxlength=\"8\" autocomplete=\"current-password\" required>\n"
        )
    else:
        how, token = _("Type the token that `bleep serve` printed when it started."), _("Token")
        fields = (
            f"<p>{escape(how)}</p>\n"
            f"<label for=\"token\">{escape(token)}</label>\n"
            "<input id=\"token\" name=\"token\" autocomplete=\"off\" autofocus required>\n"
        )
    log_in = _("Log in")
    return _page(title, (
        f"<main class=\"box\">\n<h1>{escape(title)}</h1>\n{said}"
        f"<form method=\"post\" action=\"/login\">\n{fields}"
        f"<button type=\"submit\">{escape(log_in)}</button>\n</form>\n</main>"
    ))


def full_page(places: int) -> str:
    title = _("BLEEP is full")
    taken = ngettext("BLEEP is full: its {n} place is taken.", "BLEEP is full: all its {n} places are taken.", places).format(n=places)
    later, again = _("Please try again in a few minutes. Your progress is saved."), _("Try again")
    return _page(title, (
        f"<main class=\"box\">\n<h1>{escape(title)}</h1>\n<p role=\"alert\">{escape(taken)}</p>\n"
        f"<p>{escape(later)}</p>\n<p><a href=\"/\">{escape(again)}</a></p>\n</main>"
    ))


def terminal_page(ws_url: str) -> str:
    """The page whose terminal opens the learner's session (textual-serve's script and styles, from this server)."""
    title, ended, again = _("BLEEP"), _("Your session has ended. Your progress is saved."), _("Log in again")
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{escape(title)}</title>\n"
        "<link rel=\"stylesheet\" href=\"/static/xterm.css\">\n"
        "<link rel=\"stylesheet\" href=\"/static/bleep.css\">\n"
        "<script src=\"/static/bleep.js\"></script>\n"
        "<script src=\"/static/textual.js\"></script>\n</head>\n"
        "<body class=\"session\">\n"
        f"<div class=\"ended box\" role=\"alert\"><p>{escape(ended)}</p>\n"
        f"<p><a href=\"/\">{escape(again)}</a></p></div>\n"
        f"<div id=\"terminal\" class=\"textual-terminal\" data-session-websocket-url=\"{escape(ws_url)}\" data-font-size=\"16\"></div>\n"
        "</body>\n</html>\n"
    )
