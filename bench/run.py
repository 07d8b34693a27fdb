"""What BLEEP costs a small server, against a minimal Textual app measured in the same run.

    make bench                       # a readable table
    .venv/bin/python bench/run.py --json --sessions 20

Everything runs in real pseudo-terminals at 80x24 (tests/e2e/ptyterm.py). Targets are in
DESIGN.md; the figures are not asserted anywhere, as they depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import select
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import textual  # noqa: E402

from tests.e2e.play import lesson_keys, open_lesson, started_run  # noqa: E402
from tests.e2e.ptyterm import PtyTerminal  # noqa: E402

BIN = Path(sys.executable).parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
IDLE_SECONDS = 10.0
ANSWER_WAIT = 2.0  # seconds to wait for the first byte of a key's answer (a key may change nothing)
FIRST_SCREEN = {"bleep": "What should we call you?", "minimal": "Minimal Textual app"}


def environment(home: Path) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8", "COLORTERM": "truecolor"}


def command(app: str, data: Path) -> list[str]:
    """How to start `app`; BLEEP as a new learner on a server where it has run before (see served_data_dir)."""
    if app == "bleep":
        return [str(BIN / "bleep"), "--data-dir", str(served_data_dir(data))]
    return [sys.executable, str(ROOT / "bench" / "minimal_app.py")]


def served_data_dir(data: Path) -> Path:
    """A new data folder holding the compiled content, as every session but the first after an install finds it.

    The first session reads the lesson files and compiles them (bleep_tui/store/compiled.py); the
    bench measures the sessions a server runs every day, so it starts BLEEP once beforehand.
    """
    compiled = data.parent / "first-session" / "cache"
    if not compiled.exists():
        with PtyTerminal([str(BIN / "bleep"), "--data-dir", str(compiled.parent)], environment(data.parent)) as term:
            term.wait_for(FIRST_SCREEN["bleep"], timeout=60)
            deadline = time.monotonic() + 60
            while not (compiled / "content.json").exists() and time.monotonic() < deadline:
                time.sleep(0.1)
            term.press("ctrl+q")
            term.wait_exit()
    if not data.exists():
        shutil.copytree(compiled, data / "cache")
    return data


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc")


def key_bytes(term: PtyTerminal, key: str) -> int:
    """Everything the app writes in answer to one key, however slow the machine is to start answering."""
    before = len(term.output)
    term.press(key, settle=False)
    term.read(ANSWER_WAIT)
    term.settle(quiet=0.3)
    return len(term.output) - before


def measure(app: str, home: Path) -> dict[str, float]:
    with PtyTerminal(command(app, home / f"{app}-data"), environment(home)) as term:
        term.wait_for(FIRST_SCREEN[app], settle=False)
        first_screen = time.monotonic() - term.started
        term.settle(quiet=0.5)
        first_frame = len(term.output)

        # Idle on a screen with a focused text input: BLEEP's welcome asks for a name.
        before_cpu = cpu_seconds(term.process.pid)
        idle_bytes = term.bytes_within(IDLE_SECONDS)
        idle_cpu = cpu_seconds(term.process.pid) - before_cpu

        per_key: list[int] = []
        screen_changes: list[int] = []  # Enter in BLEEP's lesson: a new screen or step, or an answer's feedback
        if app == "bleep":
            for key in "Sam":
                per_key.append(key_bytes(term, key))
            per_key.append(key_bytes(term, "enter"))
            screen_changes.append(per_key[-1])
            term.wait_for("XP")
            open_lesson(term)
            term.wait_for("Step 1 of 4")
            for keys in lesson_keys(started_run(home / f"{app}-data")):
                for key in keys:
                    per_key.append(key_bytes(term, key))
                    if key == "enter":
                        screen_changes.append(per_key[-1])
            term.wait_for("Lesson complete")
        else:  # the same number of keys, typed into its input
            for key in ("Sam" + "x" * 40)[: len([k for keys in lesson_keys("any-run") for k in keys]) + 4]:
                per_key.append(key_bytes(term, key))
        rss = peak_rss_kib(term.process.pid)
        term.press("ctrl+q")
        term.wait_exit()
    figures: dict[str, float] = {
        "first_screen_s": round(first_screen, 3),
        "peak_rss_kib": rss,
        "first_frame_bytes": first_frame,
        "keystroke_bytes_median": statistics.median(per_key),
        "keystrokes": len(per_key),
        "idle_seconds": IDLE_SECONDS,
        "idle_bytes": idle_bytes,
        "idle_cpu_s": round(idle_cpu, 3),
    }
    if screen_changes:
        figures["screen_change_bytes_median"] = statistics.median(screen_changes)
        figures["screen_change_bytes_max"] = max(screen_changes)
    return figures


def first_screen_medians(home: Path, runs: int = 9) -> dict[str, float]:
    """Start-up is noisy on a shared machine: the median of several starts of each app, taken in
    turn (BLEEP, minimal, BLEEP, ...) so that both meet the same moments of a busy machine."""
    times: dict[str, list[float]] = {"bleep": [], "minimal": []}
    for run in range(runs):
        for app, started in times.items():
            with PtyTerminal(command(app, home / f"{app}-start-{run}"), environment(home)) as term:
                term.wait_for(FIRST_SCREEN[app], settle=False)
                started.append(time.monotonic() - term.started)
                term.press("ctrl+q")
                term.wait_exit()
    return {app: round(statistics.median(started), 3) for app, started in times.items()}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def concurrent_latency(sessions: int, home: Path, rounds: int = 20) -> dict[str, float]:
    """N learners at once on their welcome screens, all pressing a key together, `rounds` times."""
    terms = [PtyTerminal(command("bleep", home / f"session-{n}"), environment(home)) for n in range(sessions)]
    try:
        for term in terms:
            term.wait_for(FIRST_SCREEN["bleep"], timeout=120, settle=False)
        for term in terms:
            term.settle(quiet=0.5)
        latencies: list[float] = []
        for round_number in range(rounds):
            key = "abcdefghijklmnopqrstuvwxyz"[round_number % 26].encode()
            sent = {}
            for term in terms:
                os.write(term.fd, key)
                sent[term.fd] = time.monotonic()
            waiting = {term.fd: term for term in terms}
            deadline = time.monotonic() + 30
            while waiting and time.monotonic() < deadline:
                ready, _, _ = select.select(list(waiting), [], [], 1)
                now = time.monotonic()
                for fd in ready:
                    latencies.append(now - sent[fd])
                    waiting.pop(fd).read(0)
            for term in terms:
                term.settle(quiet=0.2)
        return {
            "sessions": sessions,
            "keystrokes": len(latencies),
            "latency_p50_ms": round(percentile(latencies, 0.5) * 1000, 1),
            "latency_p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        }
    finally:
        for term in terms:
            term.close()


def machine() -> dict[str, object]:
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {
        "cpu": model or platform.processor(),
        "cpus": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "textual": textual.__version__,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions for the latency test (default 20)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bleep-bench-") as folder:
        home = Path(folder)
        bleep = measure("bleep", home)
        minimal = measure("minimal", home)
        for app, median in first_screen_medians(home).items():
            (bleep if app == "bleep" else minimal)["first_screen_s"] = median  # not the one start above
        ratios = {
            key: round(bleep[key] / minimal[key], 2)
            for key in ("first_screen_s", "peak_rss_kib", "first_frame_bytes", "keystroke_bytes_median")
            if minimal[key]
        }
        load = concurrent_latency(args.sessions, home)
    report = {"machine": machine(), "bleep": bleep, "minimal": minimal, "ratio_bleep_to_minimal": ratios, "concurrent": load}
    if args.json:
        print(json.dumps(report))
    else:
        for section, values in report.items():
            print(section)
            for key, value in values.items():
                print(f"  {key:<26} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
