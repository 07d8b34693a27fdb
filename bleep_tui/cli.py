"""The `bleep` command: starts the app; subcommands come from the modules in bleep_tui/commands/."""

from __future__ import annotations

import argparse
import os
import sys

from bleep_tui import __version__, commands
from bleep_tui.i18n import _


def app_parser(**options: object) -> argparse.ArgumentParser:
    """The options of the app itself."""
    parser = argparse.ArgumentParser(
        prog="bleep",
        description=_("Practise everyday digital tasks in a safe simulation. With no command, starts the app."),
        **options,
    )
    parser.add_argument("--data-dir", metavar="DIR", help=_("where progress is kept (default: $BLEEP_DATA_DIR, else your user data folder)"))
    parser.add_argument("--ascii", action="store_true", help=_("draw with plain ASCII characters only (for consoles that cannot show Unicode)"))
    parser.add_argument("--show-cursor", action="store_true",
                        help=_("show the terminal's cursor; it is always on the item that has the focus (for screen readers and braille)"))
    parser.add_argument("--no-mouse", action="store_true", help=_("ignore the mouse; the keyboard does everything"))
    parser.add_argument("--linear", action="store_true",
                        help=_("the lessons as a conversation, one line at a time, with no screen drawing: for screen readers, "
                               "braille displays and pipes (automatic when there is no terminal or TERM=dumb)"))
    parser.set_defaults(handler=run_app)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The app's options, --version and every subcommand."""
    import importlib
    import pkgutil

    parser = app_parser()
    parser.add_argument("--version", action="version", version=f"bleep {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in pkgutil.iter_modules(commands.__path__):
        importlib.import_module(f"{commands.__name__}.{module.name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Starting the app is the common case: it skips reading the code of every subcommand.
    try:
        args, rest = app_parser(add_help=False, exit_on_error=False).parse_known_args(argv)
    except argparse.ArgumentError:
        rest = argv  # the full parser says what is wrong, with the full usage
    if rest:
        args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except BrokenPipeError:  # `bleep lessons list | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: the details go to the private log, never to the screen
        from bleep_tui.store.errorlog import log_error
        from bleep_tui.store.paths import data_dir

        log = log_error(data_dir(getattr(args, "data_dir", None)), error, f"bleep {getattr(args, 'command', None) or ''}")
        print(_("bleep: something went wrong and the command stopped."), file=sys.stderr)
        if log is not None:
            print(_("The details are in {path}.").format(path=log), file=sys.stderr)
        return 1


def on_a_terminal() -> bool:
    """The app reads keys from a terminal and draws on one: stdin, stdout and stderr must all be one."""
    return all(os.isatty(fd) for fd in (0, 1, 2))


def linear_wanted(args: argparse.Namespace) -> bool:
    """Linear mode when asked for, and where the full-screen app cannot draw: no terminal, or a `dumb` one."""
    return args.linear or not on_a_terminal() or os.environ.get("TERM") == "dumb"


def run_app(args: argparse.Namespace) -> int:
    from bleep_tui.store.paths import data_dir

    if linear_wanted(args):
        from bleep_tui.linear.session import run

        return run(data_dir(args.data_dir), sys.stdin, sys.stdout)
    from bleep_tui.ui.app import BleepApp
    from bleep_tui.ui.terminal import detect

    terminal = detect(os.environ)
    app = BleepApp(data_dir(args.data_dir), ascii=args.ascii or terminal.ascii, ansi_colours=terminal.ansi_colours,
                    show_cursor=args.show_cursor)
    app.run(mouse=not args.no_mouse)
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
