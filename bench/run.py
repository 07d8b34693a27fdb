"""What BLEEP costs a small server, against a minimal Textual app measured in the same run.

    make bench                                    # every part, as a readable table
    .venv/bin/python bench/run.py --json --parts start,home --sessions 100

Everything runs in real pseudo-terminals at 80x24 (tests/e2e/ptyterm.py). BLEEP is measured as a
server runs it every day: lessons already compiled by an earlier session, and, besides a new
learner, returning learners whose history the bench writes through the real store
(bench/history.py). Targets are in DESIGN.md; no figure is asserted, as they depend on the machine.

Parts (--parts, default all):
  lesson  a new learner plays a lesson: first frame, bytes per key, idle, peak memory
  start   time to the first screen of each kind, alternating with the minimal app (--rounds)
  home    a returning learner's Home: bytes per arrow key while the list scrolls and while not, peak memory
  load    N sessions (--sessions) starting together, then each pressing a key a second
  long    one long session: memory after 30 lessons, and after opening a screen 100 times
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import textual  # noqa: E402

from tests.e2e.play import lesson_keys, open_lesson, started_run  # noqa: E402
from tests.e2e.ptyterm import KEYS, PtyTerminal  # noqa: E402

BIN = Path(sys.executable).parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
IDLE_SECONDS = 10.0
ANSWER_WAIT = 2.0  # seconds to wait for the first byte of a key's answer (a key may change nothing)
HISTORIES = {"5k": 5_000, "20k": 20_000}  # a returning learner's events: about a year, and about four
HISTORY_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "bleep-bench"
LOAD_SECONDS = 20  # how long every session presses a key a second
LONG_LESSONS = 30
OPEN_CLOSE = 100
PARTS = ("lesson", "start", "home", "load", "long")


def ready_when(*texts: str, absent: str = "") -> Callable[[str], bool]:
    return lambda screen: all(text in screen for text in texts) and not (absent and absent in screen)


# What each kind of session shows when its first screen is really there.
FIRST_SCREEN: dict[str, Callable[[str], bool]] = {
    "minimal": ready_when("Minimal Textual app"),
    "new": ready_when("What should we call you?"),
    "login": ready_when("Learner code", "PIN"),
    # Home with the learner's own progress: their XP and each lesson's best percent, not "Loading".
    **{f"returning-{name}": ready_when("XP", "%", absent="Loading") for name in HISTORIES},
}
FIRST_KEY = {"minimal": "a", "new": "S", "login": "a"} | {f"returning-{name}": "down" for name in HISTORIES}


# --- the sessions: which program, on which data ----------------------------------------------------

def environment(home: Path) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8", "COLORTERM": "truecolor"}


class Setups:
    """Data folders for each kind of session, made once per run and copied for each session that writes."""

    def __init__(self, home: Path):
        self.home = home
        self.compiled = home / "first-session"
        self.made: dict[str, Path] = {}

    def command(self, kind: str, data: Path | None = None) -> list[str]:
        if kind == "minimal":
            return [sys.executable, str(ROOT / "bench" / "minimal_app.py")]
        return [str(BIN / "bleep"), "--data-dir", str(data or self.folder(kind))]

    def folder(self, kind: str) -> Path:
        """A folder of this kind, shared by the sessions that only read it."""
        if kind not in self.made:
            self.made[kind] = self._make(kind, self.home / f"data-{kind}")
        return self.made[kind]

    def copy(self, kind: str, name: str) -> Path:
        """A folder of its own, for a session that writes (a new learner's name, lessons played)."""
        target = self.home / f"data-{kind}-{name}"
        shutil.copytree(self.folder(kind), target)
        return target

    def _make(self, kind: str, data: Path) -> Path:
        shutil.copytree(self._compiled_cache(), data / "cache")
        if kind == "login":
            (data / "settings.toml").write_text('mode = "shared"\n')
        elif kind.startswith("returning-"):
            shutil.copytree(history(HISTORIES[kind.removeprefix("returning-")]), data / "learners")
        return data

    def _compiled_cache(self) -> Path:
        """The content as the first session after an install compiles it (bleep_tui/store/compiled.py).

        The bench measures the sessions a server runs every day, so it starts BLEEP once beforehand.
        """
        cache = self.compiled / "cache"
        if not (cache / "content.json").exists():
            with PtyTerminal(self.command("new", self.compiled), environment(self.home)) as term:
                term.wait_for(FIRST_SCREEN["new"], timeout=60)
                deadline = time.monotonic() + 60
                while not (cache / "content.json").exists() and time.monotonic() < deadline:
                    time.sleep(0.1)
                term.press("ctrl+q")
                term.wait_exit()
        return cache


def history(events: int) -> Path:
    """A learner folder holding `events` events written through LearnerStore.record.

    Writing them takes a while, so they are kept in the user's cache folder, under a name that
    changes with the store's code, the generator and the lessons.
    """
    sources = [ROOT / "bench" / "history.py", *sorted((ROOT / "bleep_tui" / "store").glob("*.py"))]
    sources += sorted((ROOT / "lessons").rglob("*.yaml"))
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:12]
    folder = HISTORY_CACHE / f"history-{events}-{digest}"
    if not folder.exists():
        started = time.monotonic()
        work = Path(tempfile.mkdtemp(prefix="history-", dir=HISTORY_CACHE.parent if HISTORY_CACHE.parent.exists() else None))
        subprocess.run([sys.executable, "-m", "bench.history", str(work), str(events)], cwd=ROOT, check=True)
        HISTORY_CACHE.mkdir(parents=True, exist_ok=True)
        shutil.move(str(work / "learners"), folder)
        shutil.rmtree(work)
        print(f"(wrote a history of {events} events in {time.monotonic() - started:.0f} s, kept in {folder})", file=sys.stderr)
    return folder


# --- reading a session from outside ------------------------------------------------------------------

def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def memory_kib(pid: int, field: str) -> int:
    """VmRSS (resident now) or VmHWM (the peak of resident) of a process."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc")


def key_bytes(term: PtyTerminal, key: str) -> int:
    """Everything the app writes in answer to one key, however slow the machine is to start answering."""
    before = len(term.output)
    term.press(key, settle=False)
    term.read(ANSWER_WAIT)
    term.settle(quiet=0.3)
    return len(term.output) - before


def spread(values: list[float], digits: int = 3) -> dict[str, float]:
    return {"min": round(min(values), digits), "median": round(statistics.median(values), digits), "max": round(max(values), digits)}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


# --- the parts ---------------------------------------------------------------------------------------

def lesson_part(setups: Setups) -> dict[str, object]:
    """A new learner types a name and plays a whole lesson; the minimal app gets as many keys typed."""
    figures = {}
    for app in ("new", "minimal"):
        data = setups.copy(app, "lesson") if app == "new" else None
        with PtyTerminal(setups.command(app, data), environment(setups.home)) as term:
            term.wait_for(FIRST_SCREEN[app], settle=False)
            first_screen = time.monotonic() - term.started
            term.settle(quiet=0.5)
            first_frame = len(term.output)
            before_cpu = cpu_seconds(term.process.pid)
            idle_bytes = term.bytes_within(IDLE_SECONDS)  # on a screen with a focused text field
            idle_cpu = cpu_seconds(term.process.pid) - before_cpu
            per_key: list[int] = []
            screen_changes: list[int] = []  # Enter in BLEEP's lesson: a new screen or step, or an answer's feedback
            if app == "new":
                for key in "Sam":
                    per_key.append(key_bytes(term, key))
                per_key.append(key_bytes(term, "enter"))
                screen_changes.append(per_key[-1])
                term.wait_for("XP")
                open_lesson(term)
                term.wait_for("Step 1 of")
                for keys in lesson_keys(started_run(data)):
                    for key in keys:
                        per_key.append(key_bytes(term, key))
                        if key == "enter":
                            screen_changes.append(per_key[-1])
                term.wait_for("Lesson complete")
            else:
                for key in ("Sam" + "x" * 40)[: len([k for keys in lesson_keys("any-run") for k in keys]) + 4]:
                    per_key.append(key_bytes(term, key))
            figures[app] = {
                "first_screen_one_start_s": round(first_screen, 3),
                "first_frame_bytes": first_frame,
                "idle_seconds": IDLE_SECONDS,
                "idle_bytes": idle_bytes,
                "idle_cpu_s": round(idle_cpu, 3),
                "keystrokes": len(per_key),
                "bytes_per_key_median": statistics.median(per_key),
                "peak_rss_after_one_lesson_kib": memory_kib(term.process.pid, "VmHWM"),
            }
            if screen_changes:
                figures[app]["screen_change_bytes_median"] = statistics.median(screen_changes)
                figures[app]["screen_change_bytes_max"] = max(screen_changes)
            term.press("ctrl+q")
            term.wait_exit()
    new, minimal = figures["new"], figures["minimal"]
    figures["ratio_new_to_minimal"] = {
        key: ratio(new[key], minimal[key])
        for key in ("first_frame_bytes", "bytes_per_key_median", "peak_rss_after_one_lesson_kib")
    }
    return figures


def start_part(setups: Setups, rounds: int) -> dict[str, object]:
    """Each kind of first screen, started in turn with the minimal app, `rounds` times.

    Start-up is noisy on a shared machine: taking the kinds in turn makes all meet the same moments
    of a busy machine. Each session then gets one key at once: how long until the screen answers
    says whether loading the lessons after the first screen freezes the first keys.
    """
    kinds = list(FIRST_SCREEN)
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    first_key: dict[str, list[float]] = {kind: [] for kind in kinds}
    cpu: dict[str, list[float]] = {kind: [] for kind in kinds}
    for run in range(rounds):
        for kind in kinds:
            data = setups.copy(kind, f"start-{run}") if kind == "new" else None
            with PtyTerminal(setups.command(kind, data), environment(setups.home)) as term:
                term.wait_for(FIRST_SCREEN[kind], settle=False)
                times[kind].append(time.monotonic() - term.started)
                cpu[kind].append(cpu_seconds(term.process.pid))
                before = term.text()
                sent = time.monotonic()
                term.press(FIRST_KEY[kind], settle=False)
                term.wait_for(lambda screen: screen != before, settle=False)
                first_key[kind].append(time.monotonic() - sent)
                if kind != "login":  # a shared terminal does not quit: its session ends with the connection
                    term.press("ctrl+q")
                    term.wait_exit()
            if data:
                shutil.rmtree(data)
    figures: dict[str, object] = {"rounds": rounds}
    for kind in kinds:
        figures[kind] = {
            "first_screen_s": spread(times[kind]),
            "cpu_until_first_screen_s": spread(cpu[kind], 2),
            "first_key_answered_ms": spread([t * 1000 for t in first_key[kind]], 0),
        }
    minimal = statistics.median(times["minimal"])
    figures["ratio_first_screen_median_to_minimal"] = {
        kind: ratio(statistics.median(times[kind]), minimal) for kind in kinds if kind != "minimal"
    }
    figures["ratio_first_screen_per_round_to_minimal"] = {
        kind: spread([bleep / minimal for bleep, minimal in zip(times[kind], times["minimal"])], 2)
        for kind in kinds if kind != "minimal"
    }
    return figures


def home_part(setups: Setups) -> dict[str, object]:
    """A returning learner moves down their whole lesson list and back up: bytes per arrow key."""
    figures: dict[str, object] = {}
    for name in HISTORIES:
        kind = f"returning-{name}"
        with PtyTerminal(setups.command(kind), environment(setups.home)) as term:
            term.wait_for(FIRST_SCREEN[kind])
            term.settle(quiet=0.5)
            scrolling: list[int] = []
            still: list[int] = []
            for key in ["down"] * 60 + ["up"] * 60:
                before = term.screen.display[:]
                sent = key_bytes(term, key)
                changed = sum(1 for old, new in zip(before, term.screen.display) if old != new)
                if changed:  # at either end of the list an arrow changes nothing
                    (scrolling if changed > 8 else still).append(sent)  # a scroll moves every row of the list
            figures[kind] = {
                "arrows_scrolling": len(scrolling),
                "bytes_per_arrow_scrolling_median": statistics.median(scrolling) if scrolling else None,
                "bytes_per_arrow_scrolling_max": max(scrolling) if scrolling else None,
                "arrows_not_scrolling": len(still),
                "bytes_per_arrow_not_scrolling_median": statistics.median(still) if still else None,
                "peak_rss_kib": memory_kib(term.process.pid, "VmHWM"),
            }
            term.press("ctrl+q")
            term.wait_exit()
    return figures


def load_part(setups: Setups, sessions: int) -> dict[str, object]:
    """`sessions` returning learners (5,000 events each) start at once, as a class logging in; then
    each presses an arrow key a second on Home for LOAD_SECONDS. The minimal app does the same with
    a letter and Backspace. Latency is from the key to the last byte of the screen's answer."""
    figures: dict[str, object] = {"sessions": sessions}
    for kind, keys in (("returning-5k", ["down"] * 8 + ["up"] * 8), ("minimal", ["a", "backspace"])):
        if kind != "minimal":
            setups.folder(kind)  # made before the clock starts
        started = time.monotonic()
        terms = [PtyTerminal(setups.command(kind), environment(setups.home)) for _ in range(sessions)]
        try:
            cpu, all_ready = all_ready_at(terms, FIRST_SCREEN[kind])
            all_ready -= started
            for term in terms:
                term.settle(quiet=0.3)
            latencies, unanswered = steady_keys(terms, keys)
            figures[kind] = {
                "all_ready_s": round(all_ready, 2),
                "startup_cpu_per_session_s": spread(cpu, 2),
                "keys": len(latencies) + unanswered,
                "keys_unanswered": unanswered,
                "key_to_screen_done_p50_ms": round(percentile(latencies, 0.5) * 1000, 1) if latencies else None,
                "key_to_screen_done_p95_ms": round(percentile(latencies, 0.95) * 1000, 1) if latencies else None,
                "key_to_screen_done_max_ms": round(max(latencies) * 1000, 1) if latencies else None,
                "cpu_per_key_ms": round(1000 * sum(cpu_seconds(t.process.pid) - c for t, c in zip(terms, cpu)) / max(1, len(latencies) + unanswered), 2),
            }
        finally:
            for term in terms:
                term.close()
    bleep, minimal = figures["returning-5k"], figures["minimal"]
    figures["ratio_to_minimal"] = {
        "all_ready_s": ratio(bleep["all_ready_s"], minimal["all_ready_s"]),
        "startup_cpu_per_session_median": ratio(bleep["startup_cpu_per_session_s"]["median"], minimal["startup_cpu_per_session_s"]["median"]),
        "key_to_screen_done_p95": ratio(bleep["key_to_screen_done_p95_ms"] or 0, minimal["key_to_screen_done_p95_ms"] or 0),
    }
    return figures


def all_ready_at(terms: list[PtyTerminal], ready: Callable[[str], bool], timeout: float = 600) -> tuple[list[float], float]:
    """Read every session at once until each shows its first screen: the CPU each had used by then,
    and when the last one was ready."""
    cpu = [0.0] * len(terms)
    waiting = {term.fd: n for n, term in enumerate(terms)}
    deadline = time.monotonic() + timeout
    last = time.monotonic()
    while waiting and time.monotonic() < deadline:
        found, _, _ = select.select(list(waiting), [], [], 1)
        for fd in found:
            term = terms[waiting[fd]]
            term.read(0)
            if ready(term.text()):
                cpu[waiting.pop(fd)] = cpu_seconds(term.process.pid)
                last = time.monotonic()
    if waiting:
        raise TimeoutError(f"{len(waiting)} sessions never showed their first screen")
    return cpu, last


def steady_keys(terms: list[PtyTerminal], keys: list[str]) -> tuple[list[float], int]:
    """Each session presses the next of `keys` once a second, the sessions spread evenly over the second.

    The answer to a key is everything its session writes until its next key; its latency is the
    arrival of the last byte. Output is read raw (no terminal emulator), to keep the bench's own
    CPU out of the sessions' way.
    """
    count = len(terms)
    by_fd = {term.fd: n for n, term in enumerate(terms)}
    start = time.monotonic() + 0.5
    due = [start + n / count for n in range(count)]
    pressed = [0] * count
    sent_at: list[float | None] = [None] * count
    last_byte: list[float | None] = [None] * count
    latencies: list[float] = []
    unanswered = 0
    end = start + LOAD_SECONDS

    def close_key(n: int) -> None:
        nonlocal unanswered
        if sent_at[n] is None:
            return
        if last_byte[n] is None:
            unanswered += 1
        else:
            latencies.append(last_byte[n] - sent_at[n])
        sent_at[n] = last_byte[n] = None

    while True:
        now = time.monotonic()
        for n in range(count):
            if due[n] <= now and due[n] < end:
                close_key(n)
                os.write(terms[n].fd, KEYS.get(keys[pressed[n] % len(keys)], keys[pressed[n] % len(keys)].encode()))
                sent_at[n] = time.monotonic()
                pressed[n] += 1
                due[n] += 1.0
        if now > end + 1.0:
            break
        wait = max(0.0, min([d for d in due if d < end] + [end + 1.0]) - time.monotonic())
        ready, _, _ = select.select(list(by_fd), [], [], min(wait, 0.05))
        arrived = time.monotonic()
        for fd in ready:
            try:
                if os.read(fd, 65536):
                    last_byte[by_fd[fd]] = arrived
            except OSError:
                pass
    for n in range(count):
        close_key(n)
    return latencies, unanswered


def long_part(setups: Setups) -> dict[str, object]:
    """One returning learner's long session: memory after LONG_LESSONS lessons played one after
    another, then after opening and closing their profile, and a lesson, OPEN_CLOSE times each."""
    data = setups.copy("returning-5k", "long")
    figures: dict[str, object] = {}
    with PtyTerminal(setups.command("returning-5k", data), environment(setups.home)) as term:
        pid = term.process.pid
        term.wait_for(FIRST_SCREEN["returning-5k"])
        term.settle(quiet=0.5)
        figures["rss_at_home_kib"] = memory_kib(pid, "VmRSS")
        for played in range(LONG_LESSONS):
            open_lesson(term)
            term.wait_for("Step 1 of")
            for keys in lesson_keys(started_run(data)):
                term.press(*keys)
            term.wait_for("Lesson complete")
            term.press("enter")
            term.wait_for("XP")
            if played == 0:
                figures["rss_after_1_lesson_kib"] = memory_kib(pid, "VmRSS")
        figures[f"rss_after_{LONG_LESSONS}_lessons_kib"] = memory_kib(pid, "VmRSS")
        figures[f"peak_rss_after_{LONG_LESSONS}_lessons_kib"] = memory_kib(pid, "VmHWM")
        for screen, open_key, shown in (("profile", "p", "Weekly streak"), ("lesson", "enter", "Step ")):
            growth = []
            for time_number in range(OPEN_CLOSE + 1):
                if time_number == 1:  # the first opening fills what any session fills once
                    growth.append(memory_kib(pid, "VmRSS"))
                term.press(open_key, settle=False)
                term.wait_for(shown if screen == "lesson" else lambda s: "Badges" in s or "badges" in s)
                term.press("escape")
                term.wait_for("XP")
            figures[f"rss_growth_opening_{screen}_{OPEN_CLOSE}_times_kib"] = memory_kib(pid, "VmRSS") - growth[0]
        term.press("ctrl+q")
        term.wait_exit()
    with PtyTerminal(setups.command("minimal"), environment(setups.home)) as term:
        term.wait_for(FIRST_SCREEN["minimal"])
        for key in "abcdefghij" * 10:
            term.press(key, settle=False)
        term.settle(quiet=0.5)
        minimal_rss = memory_kib(term.process.pid, "VmRSS")
        term.press("ctrl+q")
        term.wait_exit()
    figures["minimal_rss_after_100_keys_kib"] = minimal_rss
    figures[f"ratio_rss_after_{LONG_LESSONS}_lessons_to_minimal"] = ratio(figures[f"rss_after_{LONG_LESSONS}_lessons_kib"], minimal_rss)
    return figures


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
        "load_average_at_start": os.getloadavg()[0],
    }


def print_table(report: dict[str, object], indent: str = "") -> None:
    for key, value in report.items():
        if isinstance(value, dict) and any(isinstance(v, dict) for v in value.values()):
            print(f"{indent}{key}")
            print_table(value, indent + "  ")
        elif isinstance(value, dict) and set(value) == {"min", "median", "max"}:
            print(f"{indent}{key:<44} {value['min']} / {value['median']} / {value['max']}  (min / median / max)")
        elif isinstance(value, dict):
            print(f"{indent}{key}")
            print_table(value, indent + "  ")
        else:
            print(f"{indent}{key:<44} {value}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"which parts to run, comma-separated (default: {','.join(PARTS)})")
    parser.add_argument("--rounds", type=int, default=9, help="start part: rounds of alternating starts (default 9)")
    parser.add_argument("--sessions", type=int, default=50, help="load part: sessions at once (default 50)")
    args = parser.parse_args()
    parts = [part.strip() for part in args.parts.split(",") if part.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}; the parts are {', '.join(PARTS)}")
    report: dict[str, object] = {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="bleep-bench-") as folder:
        setups = Setups(Path(folder))
        for part in parts:
            if part == "lesson":
                report["lesson"] = lesson_part(setups)
            elif part == "start":
                report["start"] = start_part(setups, args.rounds)
            elif part == "home":
                report["home"] = home_part(setups)
            elif part == "load":
                report["load"] = load_part(setups, args.sessions)
            elif part == "long":
                report["long"] = long_part(setups)
    if args.json:
        print(json.dumps(report))
    else:
        print_table(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
