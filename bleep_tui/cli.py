"""The `bleep` command: starts the app; subcommands come from the modules in bleep_tui/commands/."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

from bleep_tui import __version__, commands
from bleep_tui.i18n import _


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bleep",
        description=_("Practise everyday digital tasks in a safe simulation. With no command, starts the app."),
    )
    parser.add_argument("--version", action="version", version=f"bleep {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help=_("where progress is kept (default: $BLEEP_DATA_DIR, else your user data folder)"))
    parser.add_argument("--ascii", action="store_true", help=_("draw with plain ASCII characters only (for consoles that cannot show Unicode)"))
    parser.add_argument("--no-mouse", action="store_true", help=_("ignore the mouse; the keyboard does everything"))
    parser.set_defaults(handler=run_app)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in pkgutil.iter_modules(commands.__path__):
        importlib.import_module(f"{commands.__name__}.{module.name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except BrokenPipeError:  # `bleep lessons list | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130


def run_app(args: argparse.Namespace) -> int:
    from bleep_tui.store.paths import data_dir
    from bleep_tui.ui.app import BleepApp
    from bleep_tui.ui.terminal import detect

    terminal = detect(os.environ)
    app = BleepApp(data_dir(args.data_dir), ascii=args.ascii or terminal.ascii, ansi_colours=terminal.ansi_colours)
    app.run(mouse=not args.no_mouse)
    return 0


if __name__ == "__main__":
    sys.exit(main())
