import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: drives the real installed program in a terminal (seconds, not milliseconds)")
