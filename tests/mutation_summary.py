"""`make mutation`'s summary: per layer, how many mutants the tests killed, and the survivors not yet explained.

Reads what `mutmut run` left in mutants/ (one .meta file per mutated module) and the accepted survivors
in tests/mutation-survivors.md (each a line starting with the mutant's name in backquotes; `*` stands for
any text, for a family of mutants accepted for one reason).
Run from the repository's top folder: `.venv/bin/python tests/mutation_summary.py [--all]`.
"""

from __future__ import annotations

import fnmatch
import json
import re
import sys
from collections import Counter
from pathlib import Path

MUTANTS = Path("mutants")
ACCEPTED = Path("tests/mutation-survivors.md")
LAYERS = ("core", "store", "export", "ui")
# mutmut's exit codes (mutmut/stats.py): a test failed, a test run timed out, or the mutant never ran.
KILLED = {1, 3, 36, 37, 24, -24, 152, 255}
SURVIVED, NO_TESTS = {0}, {5, 33}


def results() -> dict[str, int | None]:
    """Every mutant's name and mutmut's exit code for it (None: not run yet)."""
    found: dict[str, int | None] = {}
    for meta in sorted(MUTANTS.glob("bleep_tui/**/*.py.meta")):
        found.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return found


def accepted() -> list[str]:
    """The names (or patterns) of the accepted survivors."""
    if not ACCEPTED.exists():
        return []
    return re.findall(r"^- `([\w.*]+__mutmut_[\d*]+)`", ACCEPTED.read_text(encoding="utf-8"), re.MULTILINE)


def is_accepted(mutant: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(mutant, pattern) for pattern in patterns)


def layer_of(mutant: str) -> str:
    return mutant.split(".")[1]


def main(argv: list[str]) -> int:
    found, explained = results(), accepted()
    if not found:
        print("no mutation results: run `make mutation` first")
        return 1
    print(f"{'layer':8} {'mutants':>8} {'killed':>7} {'survived':>9} {'accepted':>9} {'no test':>8} {'not run':>8} {'killed %':>9} {'+accepted %':>12}")
    unexplained: list[str] = []
    for layer in LAYERS:
        codes = {name: code for name, code in found.items() if layer_of(name) == layer}
        if not codes:
            continue
        count = Counter("killed" if c in KILLED else "survived" if c in SURVIVED else "no test" if c in NO_TESTS else "not run" if c is None else "other" for c in codes.values())
        survivors = [name for name, code in codes.items() if code in SURVIVED | NO_TESTS]
        ok = sum(1 for name in survivors if is_accepted(name, explained))
        unexplained += [name for name in survivors if not is_accepted(name, explained)]
        judged = count["killed"] + count["survived"] + count["no test"]
        score = f"{100 * count['killed'] / judged:.1f}" if judged else "-"
        with_accepted = f"{100 * (count['killed'] + ok) / judged:.1f}" if judged else "-"
        print(f"{layer:8} {len(codes):>8} {count['killed']:>7} {count['survived']:>9} {ok:>9} {count['no test']:>8} {count['not run']:>8} {score:>9} {with_accepted:>12}")
    print(f"\n{len(unexplained)} survivors are neither killed nor accepted in {ACCEPTED}.")
    shown = unexplained if "--all" in argv else unexplained[:20]
    for name in shown:
        print(f"  {name}    (see it: .venv/bin/mutmut show {name})")
    if len(shown) < len(unexplained):
        print(f"  ... and {len(unexplained) - len(shown)} more (--all lists them)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
