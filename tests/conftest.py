import os
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis fails an example that takes over 200 ms by default: on a 2-core machine shared with
# other builds one slow example is no bug. A deadline stays, so a real slowdown (a loop gone wrong) still fails.
settings.register_profile("bleep", deadline=timedelta(seconds=5))
settings.load_profile("bleep")

if "mutmut" in sys.modules and not hasattr(pytest.Item, "_nodeid"):
    # `make mutation`: mutmut 3.7 (the last one the test extra's click pin allows) notes which tests call
    # each function by `item._nodeid`, which pytest 9 no longer has.
    pytest.Item._nodeid = property(lambda item: item.nodeid)  # type: ignore[attr-defined]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh data folder, as a learner's first run would have."""
    return tmp_path / "data"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "stress: kills writers at random moments, again and again (minutes, not seconds)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`make mutation` holds core/, store/ and export/ to their own quick tests (BLEEP_MUTATION_QUICK=1):
    the app's Pilot tests take seconds each, and the ui/ layer is tested with them on its own turn. The
    stress tests are left out too: they take minutes and would run again for every mutant that survives
    in store/files.py or store/learner.py; what they check step by step has tests of its own."""
    if os.environ.get("BLEEP_MUTATION_QUICK"):
        slow = [item for item in items if item.nodeid.startswith("tests/ui/") or item.get_closest_marker("stress")]
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item not in slow]
