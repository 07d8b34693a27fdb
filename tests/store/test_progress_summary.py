"""The progress summary beside a learner's journal: kept current as answers are recorded, read instead of
the whole history, and never trusted when it does not match the journal (real files in a tmp folder)."""

import json
import os
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bleep_tui.core.events import Event
from bleep_tui.core.levels import Level
from bleep_tui.core.progress import Progress, open_run, runs, snapshot
from bleep_tui.store.files import DamagedFile, append_to_journal
from bleep_tui.store.learner import LearnerStore

LEVELS = (Level(0, "Newcomer"), Level(50, "Starter"), Level(200, "Skilled"))
RUNS, LESSONS, STEPS = ("r1", "r2", "r3", "r4"), ("atm", "scams"), ("", "s1", "s2")
TIMES = st.sampled_from(["2026-03-02T08:59:00+00:00", "2026-03-08T23:50:00+00:00", "2026-03-09T00:05:00+01:00",
                         "2026-03-20T12:00:00", "2026-04-01T10:00:00+05:30", "2026-13-45T99:00:00+00:00"])
TRACE = st.lists(st.one_of(st.fixed_dictionaries({"event": st.sampled_from(["pin", "paid"]), "ok": st.booleans()}), st.just("text")), max_size=3)

EVENTS = st.one_of(
    st.builds(lambda at, lesson, run: Event("lesson_started", at, lesson=lesson, run=run), TIMES, st.sampled_from(LESSONS), st.sampled_from(RUNS)),
    st.builds(lambda at, run, step, hints: Event("hint_shown", at, lesson="atm", run=run, step=step, hints=hints),
              TIMES, st.sampled_from(RUNS), st.sampled_from(STEPS), st.integers(0, 3)),
    st.builds(lambda at, lesson, run, points, percent: Event("lesson_finished", at, lesson=lesson, run=run, points=points, percent=percent, stars=percent // 34),
              TIMES, st.sampled_from(LESSONS), st.sampled_from(RUNS), st.integers(0, 60), st.integers(0, 100)),
    st.builds(lambda at, run, step, answer: Event("answered", at, lesson="atm", run=run, step=step, answer=answer, finished=True),
              TIMES, st.sampled_from(RUNS), st.sampled_from(STEPS), st.one_of(TRACE, st.text(max_size=3))),
    st.builds(lambda at, badge, points: Event("achievement_earned", at, achievement=badge, points=points),
              TIMES, st.sampled_from(["first", "saver"]), st.integers(0, 20)),
    st.builds(lambda at: Event("login", at), TIMES),
)


def derived(store: LearnerStore) -> dict:
    """The progress derived from every event of the journal, from the start."""
    return Progress.of(store.events()).to_json()


def summary_header(data_dir: Path) -> dict:
    return json.loads((data_dir / "learners" / "me.summary").read_bytes().split(b"\n", 1)[0])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=st.lists(st.tuples(st.lists(EVENTS, min_size=1, max_size=6), st.sampled_from(["same", "other", "fresh"])), min_size=1, max_size=6))
def test_the_summary_matches_the_whole_history_after_any_answers_by_any_sessions(tmp_path_factory, batches) -> None:
    data_dir = tmp_path_factory.mktemp("data")
    mine, other = LearnerStore(data_dir), LearnerStore(data_dir)
    for events, who in batches:
        writer = {"same": mine, "other": other, "fresh": LearnerStore(data_dir)}[who]
        writer.record_all([event.to_record() for event in events])
        assert mine.progress().to_json() == derived(mine)  # this session sees what another session added
    assert LearnerStore(data_dir).progress().to_json() == derived(mine)
    assert LearnerStore(data_dir).progress().snapshot(LEVELS) == snapshot(mine.events(), LEVELS)
    assert summary_header(data_dir)["journal_bytes"] == (data_dir / "learners" / "me.events").stat().st_size
    # A lesson goes on with its unfinished run, read from where that run starts in the journal.
    every_run = runs(mine.events())
    fresh = LearnerStore(data_dir)
    for lesson in LESSONS:
        run_id = fresh.progress().open_run_of(lesson)
        if run_id is None:
            assert open_run(mine.events(), lesson) is None
        else:
            assert open_run(fresh.run_events(run_id), lesson) == every_run[run_id]
            assert every_run[run_id].lesson == lesson and not every_run[run_id].finished


def played(data_dir: Path) -> LearnerStore:
    store = LearnerStore(data_dir)
    for n, points in enumerate((10, 30, 20)):
        store.record(Event("lesson_started", f"2026-03-0{n + 1}T10:00:00+00:00", lesson="atm", run=f"r{n}"))
        store.record(Event("lesson_finished", f"2026-03-0{n + 1}T10:05:00+00:00", lesson="atm", run=f"r{n}", points=points, percent=points * 3))
    return store


def test_a_new_session_reads_the_summary_not_the_history(data_dir: Path) -> None:
    played(data_dir)
    summary = data_dir / "learners" / "me.summary"
    header_line, payload = summary.read_bytes().split(b"\n", 1)
    header = json.loads(header_line)  # then summaries of another shape, with an honest checksum
    # A summary that matches the journal is believed: one honestly checksummed with other XP shows that XP.
    changed = json.loads(payload)
    changed["progress"]["lessons"]["atm"][4] = 999
    payload = json.dumps(changed).encode()
    header["crc32"] = zlib.crc32(payload)
    summary.write_bytes(json.dumps(header).encode() + b"\n" + payload)
    assert LearnerStore(data_dir).progress().records()["atm"].best_xp == 999


def test_a_deleted_summary_is_derived_again_and_written(data_dir: Path) -> None:
    store = played(data_dir)
    summary = data_dir / "learners" / "me.summary"
    summary.unlink()
    fresh = LearnerStore(data_dir)
    assert fresh.progress().records()["atm"].best_xp == 30
    assert fresh.progress().to_json() == derived(store)
    assert summary_header(data_dir)["journal_lines"] == 6


def test_a_damaged_summary_is_never_trusted(data_dir: Path) -> None:
    store = played(data_dir)
    summary = data_dir / "learners" / "me.summary"
    good = summary.read_bytes()
    header_line, payload = good.split(b"\n", 1)
    damages = [
        b"",
        b"\x00" * len(good),
        good[: len(good) // 2],
        header_line + b"\n" + payload.replace(b"30", b"31"),  # its own checksum no longer matches
        header_line.replace(b'"rules": 1', b'"rules": 0') + b"\n" + payload,  # derived by other rules
    ]
    header = json.loads(header_line)  # then summaries of another shape, with an honest checksum
    for shape in ('{"progress": {"lessons": []}, "run_starts": {}}', '{"progress": {}, "run_starts": {}}', "[]",
                  payload.decode().replace('"run_starts":{}', '"run_starts":{"r1":0}')):  # a run that is not open
        damages.append(json.dumps({**header, "crc32": zlib.crc32(shape.encode())}).encode() + b"\n" + shape.encode())
    for damage in damages:
        summary.write_bytes(damage)
        fresh = LearnerStore(data_dir)
        assert fresh.progress().to_json() == derived(store), damage[:40]
        assert summary.read_bytes() == good  # written again


def test_a_summary_of_another_journal_is_never_trusted(data_dir: Path) -> None:
    store = played(data_dir)
    journal = data_dir / "learners" / "me.events"
    # The journal replaced by one of the same size (a restore, a repair): another XP in the same bytes.
    journal.write_bytes(journal.read_bytes().replace(b'"points":30', b'"points":40'))
    assert LearnerStore(data_dir).progress().records()["atm"].best_xp == 40
    assert LearnerStore(data_dir).progress().to_json() == derived(store)
    # A journal that is gone: the summary is not taken for it.
    journal.unlink()
    assert LearnerStore(data_dir).progress().records() == {}


def test_answers_recorded_before_a_crash_are_counted_when_the_summary_was_not_written(data_dir: Path) -> None:
    store = played(data_dir)
    # What record() does before it writes the summary: the answer is on disk, the summary is behind.
    append_to_journal(store.journal_path, [Event("lesson_started", "2026-03-05T10:00:00+00:00", lesson="scams", run="r9").to_record(),
                                           Event("lesson_finished", "2026-03-05T10:09:00+00:00", lesson="scams", run="r9", points=50).to_record()])
    assert summary_header(data_dir)["journal_lines"] == 6
    fresh = LearnerStore(data_dir)
    assert fresh.progress().records()["scams"].best_xp == 50
    assert fresh.progress().to_json() == derived(store)
    assert summary_header(data_dir)["journal_lines"] == 8  # caught up, without deriving it all again


def test_a_damaged_line_after_the_summary_is_reported_not_skipped(data_dir: Path) -> None:
    played(data_dir)
    with open(data_dir / "learners" / "me.events", "ab") as journal:
        journal.write(b'{"kind": "answered"\n')
    try:
        LearnerStore(data_dir).progress()
    except DamagedFile as error:
        assert "line 7" in str(error)
    else:
        raise AssertionError("a damaged journal was read as whole")


# A child process that records a lesson after another and prints each lesson the store acknowledged.
PLAYER = """
import sys
from pathlib import Path
from bleep_tui.core.events import Event
from bleep_tui.store.learner import LearnerStore
store = LearnerStore(Path(sys.argv[1]))
for n in range(1000):
    store.record(Event("lesson_started", "2026-03-05T10:00:00+00:00", lesson="atm", run=f"{sys.argv[2]}-{n}"))
    store.record(Event("lesson_finished", "2026-03-05T10:09:00+00:00", lesson="atm", run=f"{sys.argv[2]}-{n}", points=n))
    print(n, flush=True)
"""


def test_a_session_killed_at_any_moment_leaves_progress_that_matches_the_history(data_dir: Path) -> None:
    for attempt in range(12):
        child = subprocess.Popen([sys.executable, "-c", PLAYER, str(data_dir), f"k{attempt}"], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        child.stdout.readline()  # at least one lesson is saved
        time.sleep(0.003 * attempt)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        fresh = LearnerStore(data_dir)
        assert fresh.progress().to_json() == derived(fresh)


def test_a_learner_without_answers_has_no_progress_and_no_summary(data_dir: Path) -> None:
    store = LearnerStore(data_dir)
    store.create("Sam")
    assert store.progress().records() == {} and store.progress().finished_at() == ()
    assert not (data_dir / "learners" / "me.summary").exists()
