"""A real LRS for the tests: Ralph's API server with its file-system backend, on 127.0.0.1.

Ralph's fs backend writes with a create operation by default and refuses a second write to its one
statements file; run as `python ralph_lrs.py PORT`, this appends instead (the only change made to it).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from base64 import b64encode
from pathlib import Path

USERNAME, PASSWORD = "bleep-site", "a long password for the site LRS"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RalphLrs:
    """Start, stop and start again an LRS keeping its statements in `folder`."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        import bcrypt

        self.folder, self.port = folder, port or free_port()
        folder.mkdir(parents=True, exist_ok=True)
        auth = [{
            "username": USERNAME,
            "hash": bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(4)).decode(),
            "scopes": ["all"],
            "agent": {"mbox": "mailto:site-lrs@example.org"},
        }]
        (folder / "auth.json").write_text(json.dumps(auth))
        self.process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def start(self) -> RalphLrs:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.folder),
            "RALPH_APP_DIR": str(self.folder / "app"),
            "RALPH_AUTH_FILE": str(self.folder / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": "1000",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.folder / "statements"),
        }
        log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen([sys.executable, __file__, str(self.port)], env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("Ralph stopped:\n" + (self.folder / "server.log").read_text())
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__lbheartbeat__", timeout=2):
                    return self
            except OSError:
                time.sleep(0.2)
        raise AssertionError("Ralph did not answer within a minute:\n" + (self.folder / "server.log").read_text())

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None

    def _request(self, path: str, statement: dict | None = None) -> urllib.request.Request:
        headers = {
            "Authorization": "Basic " + b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode(),
            "X-Experience-API-Version": "1.0.3",
            "Content-Type": "application/json",
        }
        if statement is None:
            return urllib.request.Request(self.endpoint + path, headers=headers)
        return urllib.request.Request(self.endpoint + path, data=json.dumps(statement).encode(), headers=headers, method="PUT")

    def put(self, statement: dict) -> None:
        """Store one statement under its own id, through the LRS's xAPI API."""
        urllib.request.urlopen(self._request(f"statements?statementId={statement['id']}", statement), timeout=30).close()

    def statements(self) -> list[dict]:
        """Every statement the LRS holds, read through its own xAPI API."""
        with urllib.request.urlopen(self._request("statements?limit=1000"), timeout=30) as response:
            page = json.load(response)
        assert not page.get("more"), "more statements than one page"
        return page["statements"]


def serve(port: int) -> None:
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
    import uvicorn

    uvicorn.run("ralph.api:app", host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    serve(int(sys.argv[1]))
