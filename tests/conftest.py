from pathlib import Path

import pytest


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh data folder, as a learner's first run would have."""
    return tmp_path / "data"
