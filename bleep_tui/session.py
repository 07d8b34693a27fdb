"""`bleep-session`: the program OpenSSH's ForceCommand starts for each learner's login.

It takes its options only from the ForceCommand line the administrator wrote (never
from SSH_ORIGINAL_COMMAND), keeps only the environment variables it knows to be
harmless, and replaces itself with the app: when the app ends, the connection ends,
and there is no shell to fall back to. A login without a terminal (a command, sftp,
scp) gets one line and is closed: no app starts. See docs/deploy-ssh.md.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import NoReturn

from bleep_tui.cli import on_a_terminal
from bleep_tui.i18n import _

# Everything else is dropped: TEXTUAL_* (can load code, write screenshots and logs),
# PYTHON* and LD_* (load code), BASH_ENV, TERMINFO, TZ (read files), SSH_ORIGINAL_COMMAND, ...
LOCALE_VARIABLES = ("LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LANGUAGE")
ACCOUNT_VARIABLES = ("HOME", "USER", "LOGNAME")
SAFE_PATH = "/usr/local/bin:/usr/bin:/bin"
# What a client that names no terminal, or the `dumb` one, most likely speaks.
DEFAULT_TERM = "xterm"

# Locale names choose translation files by path: a value like "../../tmp/x" must not get through.
LOCALE_NAME = re.compile(r"(C|POSIX|[A-Za-z]{2,3}(_[A-Za-z]{2})?)(\.[A-Za-z0-9-]{1,20})?(@[A-Za-z0-9]{1,20})?")
TERM_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
# sshd sets it ("address client-port server-port"); the login screen names where failed logins came from.
SSH_CLIENT = re.compile(r"[0-9A-Fa-f.:]{2,45} [0-9]{1,5} [0-9]{1,5}")


def _locale_ok(name: str, value: str) -> bool:
    parts = value.split(":") if name == "LANGUAGE" else [value]
    return all(LOCALE_NAME.fullmatch(part) for part in parts)


def session_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment the app runs with: a short allow-list of the login's variables, checked."""
    clean = {name: environ[name] for name in ACCOUNT_VARIABLES if name in environ}
    clean.update({name: environ[name] for name in LOCALE_VARIABLES if name in environ and _locale_ok(name, environ[name])})
    clean["PATH"] = SAFE_PATH
    term = environ.get("TERM", "")
    clean["TERM"] = term if TERM_NAME.fullmatch(term) and term != "dumb" else DEFAULT_TERM
    if environ.get("COLORTERM", "").lower() in ("truecolor", "24bit"):
        clean["COLORTERM"] = "truecolor"
    if "NO_COLOR" in environ:
        clean["NO_COLOR"] = "1"
    if SSH_CLIENT.fullmatch(environ.get("SSH_CLIENT", "")):
        clean["SSH_CLIENT"] = environ["SSH_CLIENT"]
    return clean


def session_command(environ: Mapping[str, str], data_dir: Path, *, ascii: bool, no_mouse: bool, python: str) -> list[str]:
    """The app's command line. `-I` makes Python ignore PYTHON* variables and the current folder."""
    command = [python, "-I", "-m", "bleep_tui.cli", "--data-dir", str(data_dir)]
    # A `dumb` terminal cannot draw a screen: linear mode (the app sees the known TERM we give it, so say so here).
    if environ.get("TERM") == "dumb":
        command.append("--linear")
    # A client that names no terminal may not draw Unicode either.
    elif ascii or "TERM" not in environ:
        command.append("--ascii")
    if no_mouse:
        command.append("--no-mouse")
    return command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bleep-session",
        description=_("Start BLEEP for one SSH login (the ForceCommand of docs/deploy-ssh.md)."),
    )
    parser.add_argument("--data-dir", metavar="DIR", required=True, help=_("the folder with every learner's progress"))
    parser.add_argument("--ascii", action="store_true", help=_("always draw with plain ASCII characters"))
    parser.add_argument("--no-mouse", action="store_true", help=_("ignore the mouse"))
    return parser


def main(argv: list[str] | None = None) -> NoReturn:
    args = build_parser().parse_args(argv)
    if not on_a_terminal():
        # `ssh host command`, `ssh -T`, sftp and scp: nothing to draw on, and nobody to read a screen.
        print(_("BLEEP needs a terminal: connect with `ssh -t`, without a command (no sftp, no scp)."), file=sys.stderr)
        sys.exit(1)
    data_dir = Path(args.data_dir).absolute()
    command = session_command(os.environ, data_dir, ascii=args.ascii, no_mouse=args.no_mouse, python=sys.executable)
    os.umask(0o077)  # whatever the app writes is the service account's alone
    os.execve(command[0], command, session_environment(os.environ))


if __name__ == "__main__":
    main()
