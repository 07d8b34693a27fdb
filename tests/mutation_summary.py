"""`make mutation`'s summary: per layer, how many mutants the tests killed, and the survivors not yet explained.

Reads what `mutmut run` left in mutants/ (one .meta file per mutated module) and the accepted survivors
in tests/mutation-survivors.md (each a line starting with the mutant's name in backquotes; `*` stands for
any text, for a family of mutants accepted for one reason).
Run from the repository's top folder: `.venv/bin/python tests/mutation_summary.py [--all] [--modules]`
(--all: every unexplained survivor, not the first 20; --modules: the counts per module too).
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


def results_by_module() -> dict[str, dict[str, int | None]]:
    """Per mutated module (`core/sims/atm.py`), every mutant's name and mutmut's exit code for it (None: not run yet)."""
    return {
        meta.relative_to(MUTANTS / "bleep_tui").as_posix().removesuffix(".meta"): json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        for meta in sorted(MUTANTS.glob("bleep_tui/**/*.py.meta"))
    }


def coverage_of_run(modules: dict[str, dict[str, int | None]]) -> tuple[list[str], list[str], list[str]]:
    """The modules whose every mutant ran, those with some run ("x.py 40 of 90"), and those with none run."""
    whole, part, none = [], [], []
    for module, codes in modules.items():
        ran = sum(1 for code in codes.values() if code is not None)
        if ran == len(codes):
            whole.append(module)
        elif ran:
            part.append(f"{module} {ran} of {len(codes)}")
        else:
            none.append(module)
    return whole, part, none


def accepted() -> list[str]:
    """The names (or patterns) of the accepted survivors."""
    if not ACCEPTED.exists():
        return []
    return re.findall(r"^- `([\w.*]+__mutmut_[\d*]+)`", ACCEPTED.read_text(encoding="utf-8"), re.MULTILINE)


def is_accepted(mutant: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(mutant, pattern) for pattern in patterns)


def layer_of(mutant: str) -> str:
    return mutant.split(".")[1]


def counts(codes: dict[str, int | None]) -> Counter[str]:
    return Counter("killed" if c in KILLED else "survived" if c in SURVIVED else "no test" if c in NO_TESTS else "not run" if c is None else "other" for c in codes.values())


def score_line(name: str, codes: dict[str, int | None], explained: list[str]) -> str:
    """Mutants, killed, survived, accepted, no test, not run, killed % and killed-or-accepted % of those run."""
    count = counts(codes)
    ok = sum(1 for name_, code in codes.items() if code in SURVIVED | NO_TESTS and is_accepted(name_, explained))
    judged = count["killed"] + count["survived"] + count["no test"]
    score = f"{100 * count['killed'] / judged:.1f}" if judged else "-"
    with_accepted = f"{100 * (count['killed'] + ok) / judged:.1f}" if judged else "-"
    return f"{name:26} {len(codes):>8} {count['killed']:>7} {count['survived']:>9} {ok:>9} {count['no test']:>8} {count['not run']:>8} {score:>9} {with_accepted:>12}"


def main(argv: list[str]) -> int:
    modules, explained = results_by_module(), accepted()
    found = {name: code for codes in modules.values() for name, code in codes.items()}
    if not found:
        print("no mutation results: run `make mutation` first")
        return 1
    print(f"{'layer (module)':26} {'mutants':>8} {'killed':>7} {'survived':>9} {'accepted':>9} {'no test':>8} {'not run':>8} {'killed %':>9} {'+accepted %':>12}")
    unexplained: list[str] = []
    for layer in LAYERS:
        codes = {name: code for name, code in found.items() if layer_of(name) == layer}
        if not codes:
            continue
        unexplained += [name for name, code in codes.items() if code in SURVIVED | NO_TESTS and not is_accepted(name, explained)]
        print(score_line(layer, codes, explained))
    if "--modules" in argv:
        print()
        for module, codes in modules.items():
            if codes:
                print(score_line(module, codes, explained))
    print("\nWhich modules were run (a module with no mutants has no line):")
    for layer in LAYERS:
        whole, part, none = coverage_of_run({module: codes for module, codes in modules.items() if module.split("/")[0] == layer and codes})
        if whole or part or none:
            print(f"  {layer}: in full: {', '.join(whole) or '-'}")
            print(f"  {' ' * len(layer)}  in part: {', '.join(part) or '-'}")
            print(f"  {' ' * len(layer)}  not run: {', '.join(none) or '-'}")
    print(f"\n{len(unexplained)} survivors are neither killed nor accepted in {ACCEPTED}.")
    shown = unexplained if "--all" in argv else unexplained[:20]
    for name in shown:
        print(f"  {name}    (see it: .venv/bin/mutmut show {name})")
    if len(shown) < len(unexplained):
        print(f"  ... and {len(unexplained) - len(shown)} more (--all lists them)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
