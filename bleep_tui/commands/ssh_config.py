"""`bleep ssh-config`: the OpenSSH `Match` block that makes a service account run BLEEP and nothing else."""

from __future__ import annotations

import argparse
import re
import shlex
import sys
from pathlib import Path

from bleep_tui.i18n import _

DEFAULT_USER = "bleep"
USER_NAME = re.compile(r"[a-z_][a-z0-9_-]{0,31}")

# Each line closes a way out of the app: no forwarding of any kind, no agent, no X11,
# no ~/.ssh/rc, one session per connection; a terminal is allowed, as the app needs one.
# ClientAlive* lets sshd notice a dead thin client, so its app is hung up (SIGHUP) and ends.
LOCKDOWN = (
    "PermitTTY yes",
    "DisableForwarding yes",
    "AllowTcpForwarding no",
    "AllowStreamLocalForwarding no",
    "AllowAgentForwarding no",
    "X11Forwarding no",
    "PermitTunnel no",
    "GatewayPorts no",
    "PermitListen none",
    "PermitOpen none",
    "PermitUserRC no",
    "MaxSessions 1",
    "ClientAliveInterval 30",
    "ClientAliveCountMax 4",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ssh-config",
        help=_("print the sshd_config block that serves BLEEP over SSH (see docs/deploy-ssh.md)"),
    )
    parser.add_argument("--user", default=DEFAULT_USER, help=_("the service account learners log in as (default: %(default)s)"))
    # Its own name: a --data-dir here would overwrite the one given before the command.
    parser.add_argument("--data-dir", dest="session_data_dir", metavar="DIR", help=_("the data folder (default: as for the app)"))
    parser.add_argument("--ascii", action="store_true", help=_("always draw with plain ASCII characters"))
    parser.add_argument("--no-mouse", action="store_true", help=_("ignore the mouse"))
    parser.set_defaults(handler=print_ssh_config)


def session_program() -> Path:
    """`bleep-session` beside the Python that runs this command: the same installation."""
    return Path(sys.executable).parent / "bleep-session"


def ssh_config(user: str, program: Path, data_dir: Path, *, ascii: bool = False, no_mouse: bool = False) -> str:
    # sshd runs ForceCommand through the account's shell, so every argument is quoted for it.
    command = [str(program), "--data-dir", str(data_dir)] + ["--ascii"] * ascii + ["--no-mouse"] * no_mouse
    lines = [
        _("# BLEEP for learners' terminals: written by `bleep ssh-config`."),
        _("# Save as /etc/ssh/sshd_config.d/bleep.conf, check with `sshd -t`, then reload sshd."),
        f"Match User {user}",
        f"    ForceCommand {shlex.join(command)}",
        *(f"    {line}" for line in LOCKDOWN),
    ]
    return "\n".join(lines) + "\n"


def print_ssh_config(args: argparse.Namespace) -> int:
    from bleep_tui.store.paths import data_dir

    if not USER_NAME.fullmatch(args.user):
        print(_("bleep ssh-config: {user!r} is not a user name (lower-case letters, digits, _ and -)").format(user=args.user), file=sys.stderr)
        return 2
    program = session_program()
    if not program.exists():
        print(_("warning: {program} does not exist; install BLEEP with pip first").format(program=program), file=sys.stderr)
    folder = data_dir(args.session_data_dir or args.data_dir).absolute()
    print(ssh_config(args.user, program, folder, ascii=args.ascii, no_mouse=args.no_mouse), end="")
    return 0
