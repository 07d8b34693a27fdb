"""Linear mode spoken by espeak-ng, the speech synthesizer of Speakup (espeakup) and Orca: a smoke test.

The first 20 lines a new learner hears are synthesized to a wav file. The check is the length of
the speech, not the speed of the machine: at espeak-ng's standard rate the first 20 lines must take
under LONGEST_SPEECH seconds to hear (docs/accessibility.md), so a start-up stays short to listen to.
"""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import pytest

from .test_pty_lesson import installed, terminal_env

ESPEAK = shutil.which("espeak-ng")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(ESPEAK is None, reason="espeak-ng is not installed: .ci/run installs it with apt-get, "
                                              "which this machine does not have or could not use"),
]
FIRST_LINES = 20
LONGEST_SPEECH = 120  # seconds of speech for the first 20 lines, at espeak-ng's standard 175 words a minute


def test_the_first_twenty_lines_of_linear_mode_are_spoken_and_short_enough_to_listen_to(tmp_path: Path) -> None:
    bleep = subprocess.run([installed("bleep"), "--data-dir", str(tmp_path / "data")], input="Sam\n1\nq\nq\n",
                           env=terminal_env(tmp_path), capture_output=True, text=True, check=True)
    first = bleep.stdout.splitlines()[:FIRST_LINES]
    assert len(first) == FIRST_LINES and "Welcome to BLEEP" in first

    wav = tmp_path / "first-lines.wav"
    assert ESPEAK is not None
    subprocess.run([ESPEAK, "-v", "en", "-w", str(wav), "--stdin"], input="\n".join(first), text=True, check=True,
                   capture_output=True)
    with wave.open(str(wav)) as speech:
        seconds = speech.getnframes() / speech.getframerate()
    assert speech.getnframes() > 0
    assert 5 < seconds < LONGEST_SPEECH, f"the first {FIRST_LINES} lines take {seconds:.0f} seconds to hear"
