"""Two histories of one learner's events made one: nothing twice, nothing dropped, in time order.

Used when a learner's record is imported onto another installation and when a damaged journal is
put back together from its readable lines and a backup. An event has no id: two events are the same
when every field is the same. Merging is idempotent: merging a history into itself adds nothing.
"""

from __future__ import annotations

import heapq
import json
from collections import Counter
from typing import Any, Iterable

Record = dict[str, Any]


def event_key(record: Record) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def missing_events(ours: Iterable[Record], theirs: Iterable[Record]) -> list[Record]:
    """The events of `theirs` that `ours` lacks. An event `theirs` holds twice and `ours` once is missing once,
    so two real answers that look alike are both kept, and a second merge finds nothing missing."""
    counts = Counter(event_key(record) for record in ours)
    missing = []
    for record in theirs:
        key = event_key(record)
        if counts[key]:
            counts[key] -= 1
        else:
            missing.append(record)
    return missing


def merged(ours: list[Record], added: list[Record]) -> list[Record]:
    """`ours` with `added` woven in by time; each keeps its own order, and at the same time ours come first."""
    return list(heapq.merge(ours, added, key=lambda record: record["at"]))
