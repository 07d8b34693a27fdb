"""`bleep serve`: BLEEP in a browser, for learners outside with no SSH client (docs/deploy-web.md).

The web server and its dependencies (aiohttp, textual-serve) are imported only when this command runs.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path

from bleep_tui.commands import data_dir_option
from bleep_tui.i18n import _

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(subparsers: argparse._SubParsersAction) -> None:
    from bleep_tui.web.policy import DEFAULT_IDLE_MINUTES, DEFAULT_MAX_SESSIONS

    parser = subparsers.add_parser("serve", help=_("serve BLEEP to web browsers, behind a login (see docs/deploy-web.md)"))
    data_dir_option(parser)
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=_("the address to listen on (default: {host}, this computer only)").format(host=DEFAULT_HOST))
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=_("the port (default: {port})").format(port=DEFAULT_PORT))
    parser.add_argument("--public-url", metavar="URL",
                        help=_("the address learners open, e.g. https://bleep.example.org behind a reverse proxy (default: http://HOST:PORT)"))
    parser.add_argument("--allow-origin", metavar="URL", action="append", default=[],
                        help=_("another address whose pages may open a session (may be given more than once)"))
    parser.add_argument("--max-sessions", type=int, default=DEFAULT_MAX_SESSIONS,
                        help=_("how many learners at once (default: {n})").format(n=DEFAULT_MAX_SESSIONS))
    parser.add_argument("--idle-minutes", type=int, default=DEFAULT_IDLE_MINUTES,
                        help=_("end a session after this many minutes without a key (default: {n})").format(n=DEFAULT_IDLE_MINUTES))
    parser.add_argument("--behind-proxy", action="store_true",
                        help=_("trust the X-Forwarded-For header of a reverse proxy on this computer (for the login lockout)"))
    parser.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from bleep_tui.store.paths import data_dir
    from bleep_tui.store.settings import load_settings
    from bleep_tui.web.policy import origin_of

    folder = data_dir(args.data_dir).absolute()
    settings = load_settings(folder)
    if settings.unusable:
        print(_("bleep: {reason}").format(reason=settings.unusable), file=sys.stderr)
        return 1
    if args.max_sessions < 1 or not 1 <= args.idle_minutes <= 24 * 60:
        print(_("bleep: --max-sessions must be at least 1, and --idle-minutes 1 to 1440"), file=sys.stderr)
        return 1
    host_in_url = f"[{args.host}]" if ":" in args.host else args.host
    public_url = (args.public_url or f"http://{host_in_url}:{args.port}").rstrip("/")
    if not public_url.startswith(("http://", "https://")):
        print(_("bleep: --public-url must start with http:// or https://"), file=sys.stderr)
        return 1
    from bleep_tui.web.server import ServeOptions, serve

    shared = settings.mode == "shared"
    options = ServeOptions(
        data_dir=folder, host=args.host, port=args.port, public_url=public_url,
        allowed_origins=frozenset(origin_of(url).lower() for url in [public_url, *args.allow_origin]),
        max_sessions=args.max_sessions, idle_seconds=args.idle_minutes * 60, shared=shared,
        token="" if shared else secrets.token_urlsafe(24), behind_proxy=args.behind_proxy,
    )
    print(_("BLEEP is served on {url} (Ctrl+C stops it).").format(url=public_url), flush=True)
    if shared:
        print(_("Learners log in with their code and PIN."), flush=True)
    else:
        print(_("Open this link to log in (the token in it is your password; keep it to yourself):"), flush=True)
        print(f"{public_url}/?token={options.token}", flush=True)
    serve(options)
    return 0
