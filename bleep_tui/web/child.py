"""The process of one browser session: the app with Textual's web driver, for the learner who logged in.

`bleep serve` starts it after the login, with a scrubbed environment (as bleep-session does for SSH) that
names the learner in BLEEP_WEB_LEARNER (shared mode); it never imports aiohttp or textual-serve.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

LEARNER_VARIABLE = "BLEEP_WEB_LEARNER"


def end_with_the_server() -> None:
    """Linux: a SIGTERM when `bleep serve` dies, however it dies; the web driver then ends the app.

    Without it, a server killed outright would leave its sessions' apps waiting for a page that is gone."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the server's own shutdown still ends every session
    if os.getppid() == 1:  # the server was already gone before the line above
        sys.exit(1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bleep-web-session")
    parser.add_argument("--data-dir", required=True)
    args = parser.parse_args(argv)
    end_with_the_server()
    learner = os.environ.pop(LEARNER_VARIABLE, "")
    os.umask(0o077)  # whatever the session writes is the service account's alone
    from bleep_tui.ui.app import BleepApp

    app = BleepApp(Path(args.data_dir), web_learner=learner or None)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main())
