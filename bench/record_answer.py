"""How long recording one answer takes as a learner's history grows: the store's promise of constant time.

    .venv/bin/python bench/record_answer.py [--json]

For each history size, a learner is given that many earlier events through the real store, then
answers are recorded one at a time exactly as the app records them (fsynced, under the lock). The
figure is the median of the timed answers; the ratio compares the longest history with the shortest
(DESIGN.md: at most 2x between 20,000 and 10 events, and at most 10 ms).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bleep_tui.core.events import Event, now_iso  # noqa: E402
from bleep_tui.store.learner import LearnerStore  # noqa: E402

HISTORIES = (10, 1_000, 20_000)
ANSWERS = 60
BATCH = 500  # earlier events are written in batches: setting up is not what is measured


def history_event(number: int) -> dict[str, object]:
    return Event(
        "answered", now_iso(), lesson=f"money/lesson-{number % 43}", run=f"run-{number // 12}", step=f"s{number % 12}",
        answer="an answer a learner typed", correct=number % 3 != 0, points=10, try_number=1,
    ).to_record()


def learner_with_history(folder: Path, history: int) -> LearnerStore:
    store = LearnerStore(folder, f"h{history}")
    store.create("Bench")
    for start in range(0, history, BATCH):
        store.record_all([history_event(n) for n in range(start, min(history, start + BATCH))])
    return store


def record_times(folder: Path) -> dict[int, dict[str, float]]:
    """Median wall and CPU milliseconds per answer for each history. The learners answer in turn, so
    a disk that is slower for a moment (other work on the machine) slows them all alike."""
    stores = {history: learner_with_history(folder, history) for history in HISTORIES}
    wall: dict[int, list[float]] = {history: [] for history in HISTORIES}
    cpu: dict[int, list[float]] = {history: [] for history in HISTORIES}
    for number in range(ANSWERS):
        for history, store in stores.items():
            event = Event("answered", now_iso(), lesson="money/atm-withdraw-cash", run="timed", step=f"s{number}", answer="40", correct=True)
            started, started_cpu = time.perf_counter(), time.process_time()
            store.record(event)
            wall[history].append(time.perf_counter() - started)
            cpu[history].append(time.process_time() - started_cpu)
    for history, store in stores.items():
        assert len(store.event_records()) == history + ANSWERS
    return {h: {"wall_ms": statistics.median(wall[h]) * 1000, "cpu_ms": statistics.median(cpu[h]) * 1000} for h in HISTORIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bleep-bench-") as folder:
        times = record_times(Path(folder))
    longest, shortest = times[HISTORIES[-1]], times[HISTORIES[0]]
    ratios = {kind: longest[kind] / shortest[kind] for kind in ("wall_ms", "cpu_ms")}
    if args.json:
        print(json.dumps({
            "record_answer_median_ms": {str(h): {k: round(v, 3) for k, v in t.items()} for h, t in times.items()},
            "record_answer_ratio_20000_to_10": {k: round(v, 2) for k, v in ratios.items()},
        }))
        return
    print(f"time to record one answer (median of {ANSWERS} answers each, fsynced, under the lock)")
    for history, t in times.items():
        print(f"  after {history:>6,} earlier events: {t['wall_ms']:6.2f} ms ({t['cpu_ms']:.2f} ms CPU)")
    print(f"  {HISTORIES[-1]:,} / {HISTORIES[0]:,} events: {ratios['wall_ms']:.2f}x wall, {ratios['cpu_ms']:.2f}x CPU (target <= 2x, <= 10 ms)")


if __name__ == "__main__":
    main()
