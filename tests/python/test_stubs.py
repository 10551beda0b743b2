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


def test_the_hand_fixes_hold_in_the_shipped_stubs(tmp_path):
    """scripts/stub_fixes.py (run by gen_stubs.sh after pybind11-stubgen) finds every fix's line
    and leaves no unresolved return type; on the shipped stubs it changes nothing (they are fixed)."""
    import importlib.util
    import shutil

    spec = importlib.util.spec_from_file_location("stub_fixes", PKG.parents[2] / "scripts/stub_fixes.py")
    fixes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fixes)
    copy = tmp_path / "laycoach"
    shutil.copytree(PKG, copy, ignore=shutil.ignore_patterns("*.so", "*.py", "__pycache__"))
    assert fixes.apply(copy) == []
    for stub in PKG.rglob("*.pyi"):
        assert (copy / stub.relative_to(PKG)).read_text() == stub.read_text(), stub.name
    # a stub as stubgen writes it (the C++ type name unresolved) is fixed
    core = copy / "_core/__init__.pyi"
    core.write_text(core.read_text().replace("def add_response(self, response: typing.Any) -> Score:",
                                             "def add_response(self, response: typing.Any) -> ...:"))
    assert fixes.apply(copy) == []
    assert "def add_response(self, response: typing.Any) -> Score:" in core.read_text()


def test_regenerating_keeps_hand_typed_signatures(tmp_path):
    """stub_fixes.keep_typed: a signature stubgen can only write with typing.Any takes the shipped,
    hand-typed one when the parameters are the same, and not when the binding changed them."""
    import importlib.util
    import shutil

    spec = importlib.util.spec_from_file_location("stub_fixes", PKG.parents[2] / "scripts/stub_fixes.py")
    fixes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fixes)
    gen = tmp_path / "generated"
    shutil.copytree(PKG, gen, ignore=shutil.ignore_patterns("*.so", "*.py", "__pycache__"))
    booking = gen / "_core/booking.pyi"
    typed = "def __init__(self, coach_id: str, start: datetime.datetime, modality: laycoach._core.Modality | None = None)"
    text = booking.read_text()
    assert typed in text
    booking.write_text(text.replace(typed, "def __init__(self, coach_id: typing.Any, start: typing.Any, "
                                           "modality: typing.Any = None)"))
    core = gen / "_core/__init__.pyi"
    ctext = core.read_text()
    assert ctext.count("def from_json(document: str) -> Offer:") == 1
    core.write_text(ctext.replace("def from_json(document: str) -> Offer:",
                                  "def from_json(document: typing.Any, strict: typing.Any) -> Offer:"))
    assert fixes.keep_typed(PKG, gen) == 1
    assert typed in booking.read_text()  # restored
    assert "def from_json(document: typing.Any, strict: typing.Any) -> Offer:" in core.read_text()  # changed: kept
