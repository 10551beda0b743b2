"""Hand fixes applied to the stubs pybind11-stubgen writes (scripts/gen_stubs.sh runs this after
every regeneration, so they are never lost). Each fix is (file, pattern of the generated line, the
fixed ending); a fix whose pattern is no longer found fails loudly, so a stale fix is noticed and
removed rather than silently skipped. Already-fixed text counts as applied (idempotent).

Why each fix: a few bindings are defined before the class they return is registered, so the
signature pybind11 records names the C++ type ("laycoach::Score") and stubgen writes ``-> ...``.
"""
from __future__ import annotations

import pathlib
import re
import sys

FIXES = [
    ("_core/__init__.pyi", r"(def add_response\(self, [^\n]*\)) -> (\.\.\.|Score):", r"\1 -> Score:"),
    ("_core/__init__.pyi", r"(def record_usage_response\(self, [^\n]*\)) -> (\.\.\.|Score):", r"\1 -> Score:"),
    # WilsonInterval is a tuple subclass made with type() (init_stats.cpp): its return type and the
    # attributes set on each result are not visible to stubgen.
    ("_core/stats.pyi", r"(def wilson\([^\n]*\)) -> (typing\.Any|WilsonInterval):", r"\1 -> WilsonInterval:"),
    ("_core/stats.pyi", r"(class WilsonInterval\(tuple\):\n    \"\"\"\n[^\n]*\n    \"\"\"\n)(    k: int\n    n: int\n    share: float\n    confidence: float\n)?",
     "\\1    k: int\n    n: int\n    share: float\n    confidence: float\n"),
    ("_core/stats.pyi", r"def (low|high)\((\*args, \*\*kwargs|self)\)( -> float)?:", r"def \1(self) -> float:"),
]


def apply(root: pathlib.Path) -> list[str]:
    """Applies FIXES under `root` (the laycoach package directory); returns the problems found."""
    problems = []
    for name, generated, fixed in FIXES:
        path = root / name
        text = path.read_text()
        text, n = re.subn(generated, fixed, text)
        if n:
            path.write_text(text)
        else:
            problems.append(f"{name}: {generated!r} not found (stale fix?)")
    left = [f"{p.relative_to(root)}: {line.strip()}" for p in sorted(root.rglob("*.pyi"))
            for line in p.read_text().splitlines() if "-> ...:" in line]
    problems += [f"unresolved return type left: {x}" for x in left]
    return problems


if __name__ == "__main__":
    found = apply(pathlib.Path(sys.argv[1]))
    for p in found:
        print(p, file=sys.stderr)
    sys.exit(1 if found else 0)
