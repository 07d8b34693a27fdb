"""Sending xAPI statements to a learning record store (xAPI 1.0.3, HTTP basic authentication).

Only the standard library: `bleep lrs push` runs from cron on a small server. Each request has a
timeout; a server error or a dropped connection is tried again a few times with a pause, then the
push stops and everything not acknowledged stays queued.
"""

from __future__ import annotations

import base64
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Sequence

from bleep_tui.i18n import _
from bleep_tui.store.lrs import LrsConfig

BATCH_SIZE = 50
TRIES = 3
PAUSE_SECONDS = 1.0  # before the second try; doubled before each later one
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class LrsUnreachable(Exception):
    """The LRS could not be reached or kept failing: try again later."""


class LrsRefused(Exception):
    """The LRS answered, and said no (credentials, a statement it will not take): a person must look."""


@dataclass(frozen=True)
class Delivered:
    sent: int  # stored by the LRS now
    already: int  # the LRS had a statement with that id already (409): delivered before


def send(config: LrsConfig, statements: Sequence[dict[str, Any]]) -> Delivered:
    """Deliver one batch; a 409 for the batch is sorted out statement by statement."""
    status, body = _request(config, "POST", "statements", statements)
    if status in (200, 204):
        return Delivered(len(statements), 0)
    if status != 409:
        raise _refusal(status, body)
    already = 0
    for statement in statements:
        query = "statements?" + urllib.parse.urlencode({"statementId": statement["id"]})
        status, body = _request(config, "PUT", query, statement)
        if status == 409:
            already += 1
        elif status not in (200, 204):
            raise _refusal(status, body)
    return Delivered(len(statements) - already, already)


def _refusal(status: int, body: str) -> LrsRefused:
    if status in (401, 403):
        return LrsRefused(_("the LRS refused the username or password in lrs.toml (HTTP {status})").format(status=status))
    return LrsRefused(_("the LRS refused the statements (HTTP {status}): {detail}").format(status=status, detail=body[:300]))


def _request(config: LrsConfig, method: str, path: str, payload: Any) -> tuple[int, str]:
    """(status, body) of the LRS's answer; LrsUnreachable after TRIES failures to get one that is not a server error."""
    url = config.endpoint.rstrip("/") + "/" + path
    credentials = base64.b64encode(f"{config.username}:{config.password}".encode("utf-8")).decode("ascii")
    headers = {
        "Content-Type": "application/json",
        "X-Experience-API-Version": "1.0.3",
        "Authorization": f"Basic {credentials}",
    }
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    reason = ""
    for attempt in range(TRIES):
        if attempt:
            time.sleep(PAUSE_SECONDS * 2 ** (attempt - 1))
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=config.timeout) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            body = error.read().decode("utf-8", "replace")
            if error.code not in RETRY_STATUSES:
                return error.code, body
            reason = f"HTTP {error.code}"
        except urllib.error.URLError as error:
            reason = str(error.reason)
        except (OSError, socket.timeout) as error:
            reason = str(error) or type(error).__name__
    raise LrsUnreachable(reason)
