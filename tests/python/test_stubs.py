"""The shipped .pyi stubs name every public attribute of the compiled module (no stale stubs)."""
import ast
import pathlib

import laycoach

PKG = pathlib.Path(__file__).resolve().parents[2] / "bindings/python/laycoach"


def _names(path):
    tree = ast.parse(path.read_text())
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom):
            names.update(a.asname or a.name for a in node.names)
    return names


def test_core_stub_names_every_public_attribute():
    stubbed = _names(PKG / "_core/__init__.pyi")
    public = {n for n in dir(laycoach._core) if not n.startswith("_")} - {"stats", "demo", "booking", "simulation"}
    assert public - stubbed == set()


def test_submodule_stubs_are_complete():
    for sub in ("stats", "demo", "booking", "simulation"):
        stubbed = _names(PKG / f"_core/{sub}.pyi")
        public = {n for n in dir(getattr(laycoach._core, sub)) if not n.startswith("_")}
        assert public - stubbed == set(), sub


def test_programme_methods_are_stubbed():
    tree = ast.parse((PKG / "_core/__init__.pyi").read_text())
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Programme")
    stubbed = {n.name for n in cls.body if isinstance(n, ast.FunctionDef)} | {
        n.target.id for n in cls.body if isinstance(n, ast.AnnAssign)}
    public = {n for n in dir(laycoach.Programme) if not n.startswith("_")}
    assert public - stubbed == set()
