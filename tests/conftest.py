import os
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis fails an example that takes over 200 ms by default: on a 2-core machine shared with
# other builds one slow example is no bug. A deadline stays, so a real slowdown (a loop gone wrong) still fails.
settings.register_profile("bleep", deadline=timedelta(seconds=5))
settings.load_profile("bleep")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under `make mutation`, the quick tests of the rules and the store first: most mutants die there, in milliseconds."""
    if os.environ.get("MUTANT_UNDER_TEST"):
        items.sort(key=lambda item: item.nodeid.startswith("tests/ui/"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh data folder, as a learner's first run would have."""
    return tmp_path / "data"
