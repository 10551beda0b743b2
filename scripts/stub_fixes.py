"""Hand fixes applied to the stubs pybind11-stubgen writes (scripts/gen_stubs.sh runs this after
every regeneration, so they are never lost). Each fix is (file, pattern of the generated line, the
fixed ending); a fix whose pattern is no longer found fails loudly, so a stale fix is noticed and
removed rather than silently skipped. Already-fixed text counts as applied (idempotent).

Why each fix: a few bindings are defined before the class they return is registered, so the
signature pybind11 records names the C++ type ("laycoach::Score") and stubgen writes ``-> ...``.

Typed signatures (``keep_typed``): many bindings take ``py::object`` (a str or a dict, an aware
datetime or None, ...), which stubgen can only write as ``typing.Any``; the shipped stubs give
about 80 of them their real types by hand (``from_json(document: str)``, the search arguments,
property setters). With ``--keep-from DIR`` (the shipped stubs), a generated signature takes the
shipped one when both have the same parameters (names, kinds, defaults present) and the shipped
one says more (fewer ``typing.Any``, or a return type where stubgen has ``...``), and every name
it uses is known in the generated file. A changed binding (a parameter added or renamed) takes
the generated signature, so nothing stale is carried over.
"""
from __future__ import annotations

import ast
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


def _defs(tree: ast.Module) -> dict:
    """Every function of a stub by qualified name (Class.method), in order (overloads in a list)."""
    out: dict = {}

    def walk(body, prefix):
        for n in body:
            if isinstance(n, ast.ClassDef):
                walk(n.body, prefix + n.name + ".")
            elif isinstance(n, ast.FunctionDef):
                out.setdefault(prefix + n.name, []).append(n)
    walk(tree.body, "")
    return out


def _shape(f: ast.FunctionDef) -> tuple:
    """The parameters without their types; pybind11's unnamed argN (numbered differently across
    versions, as a property setter's) count as one name."""
    a = f.args

    def name(x):
        return "argN" if re.fullmatch(r"arg\d+", x.arg) else x.arg
    return ([name(x) for x in a.posonlyargs], [name(x) for x in a.args], [name(x) for x in a.kwonlyargs],
            a.vararg.arg if a.vararg else None, a.kwarg.arg if a.kwarg else None, len(a.defaults),
            [d is None for d in a.kw_defaults])


def _vagueness(f: ast.FunctionDef) -> int:
    text = ast.unparse(f.args) + " -> " + (ast.unparse(f.returns) if f.returns else "")
    return text.count("typing.Any") + (10 if f.returns is not None and ast.unparse(f.returns) == "..." else 0)


def _roots(f: ast.FunctionDef) -> set:
    """The top-level names a signature's annotations use (datetime of datetime.datetime, ...)."""
    names = set()
    for node in ast.walk(ast.Module(body=[ast.Expr(ast.Tuple(elts=[
            a.annotation for a in f.args.posonlyargs + f.args.args + f.args.kwonlyargs if a.annotation]
            + ([f.returns] if f.returns else []), ctx=ast.Load()))], type_ignores=[])):
        if isinstance(node, ast.Name):
            names.add(node.id)
    return names


def _known(tree: ast.Module) -> set:
    known = {"None", "int", "float", "str", "bool", "bytes", "dict", "list", "tuple", "set", "object", "type"}
    for n in ast.walk(tree):
        if isinstance(n, (ast.Import, ast.ImportFrom)):
            known.update((a.asname or a.name).split(".")[0] for a in n.names)
        elif isinstance(n, ast.ClassDef):
            known.add(n.name)
    return known


def keep_typed(shipped: pathlib.Path, generated: pathlib.Path) -> int:
    """Gives the generated stubs under `generated` the shipped (hand-typed) signatures under
    `shipped` where they say more about the same parameters (see the module docstring). Returns
    how many signatures were kept."""
    kept = 0
    for gpath in sorted(generated.rglob("*.pyi")):
        spath = shipped / gpath.relative_to(generated)
        if not spath.exists():
            continue
        gtext, stext = gpath.read_text(), spath.read_text()
        gtree, stree = ast.parse(gtext), ast.parse(stext)
        glines, slines = gtext.splitlines(keepends=True), stext.splitlines(keepends=True)
        known, sdefs = _known(gtree), _defs(stree)
        edits = []
        for key, gfs in _defs(gtree).items():
            sfs = list(sdefs.get(key, []))
            for g in gfs:  # overloads are matched by their parameters, not their order
                sh = next((x for x in sfs if _shape(x) == _shape(g)), None)
                if sh is None:
                    continue
                sfs.remove(sh)
                if (_vagueness(sh) >= _vagueness(g) or not _roots(sh) <= known
                        or g.body[0].lineno == g.lineno or sh.body[0].lineno == sh.lineno):
                    continue
                edits.append((g.lineno - 1, g.body[0].lineno - 1, slines[sh.lineno - 1:sh.body[0].lineno - 1]))
        for start, end, new in sorted(edits, reverse=True):
            glines[start:end] = new
        if edits:
            gpath.write_text("".join(glines))
            kept += len(edits)
    return kept


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--keep-from"]:
        print(f"kept {keep_typed(pathlib.Path(args[1]), pathlib.Path(args[2]))} hand-typed signatures",
              file=sys.stderr)
        args = args[2:]
    found = apply(pathlib.Path(args[0]))
    for p in found:
        print(p, file=sys.stderr)
    sys.exit(1 if found else 0)
