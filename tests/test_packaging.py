"""An installed wheel carries the lessons and achievements: it works without the source tree."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_an_installed_wheel_finds_the_shipped_lessons_without_the_source_tree(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True,
    )
    wheel = next((tmp_path / "dist").glob("bleep_tui-*.whl"))
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-c", "import sys; from bleep_tui.cli import main; sys.exit(main())", *args],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )
    where = subprocess.run([sys.executable, "-c", "import bleep_tui; print(bleep_tui.__file__)"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert where.stdout.startswith(str(target))
    listed = run("lessons", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    shipped = sorted(p.stem for p in (ROOT / "lessons").rglob("*.yaml") if p.name != "modules.yaml")
    assert len(json.loads(listed.stdout)) == len(shipped)
    validated = run("lessons", "validate")
    assert validated.returncode == 0, validated.stdout
    assert "levels.yaml" in validated.stdout
