"""Every public function, class, method and property of the laycoach package has a docstring
that says something (issue 11): module functions, classes and their own public methods and
properties, in the pure-Python modules (laycoach, stats, report, frames, booking, demo) and in
the compiled laycoach._core and its submodules. pybind11 gives every bound function its
signature as __doc__; that alone does not count, text beyond the signature is required."""
from __future__ import annotations

import inspect
import re
import types

import laycoach

MODULES = ("laycoach", "laycoach._core", "laycoach._core.stats", "laycoach._core.booking", "laycoach._core.demo",
           "laycoach.stats", "laycoach.report", "laycoach.frames", "laycoach.booking", "laycoach.demo",
           "laycoach._core.simulation", "laycoach.simulation", "laycoach.plots")
# What pybind11 itself puts on every enum class: documented by pybind11, not by us.
ENUM_BUILTINS = {"name", "value"}


def _module(name):
    mod = laycoach
    for part in name.split(".")[1:]:
        mod = getattr(mod, part) if part != "_core" else laycoach._core
    return mod


def _signature_line(line, name):
    line = line.strip()
    # "name(self: X, ...) -> T", "2. name(...)" and a property getter's "(arg0: X) -> T"
    return (not line or line == "Overloaded function."
            or re.match(rf"^(\d+\.\s*)?({re.escape(name)})?\(.*\)( -> .*)?$", line) is not None)


def says_something(doc, name):
    """True when a docstring holds text beyond pybind11's signature lines."""
    if not doc or not doc.strip():
        return False
    return any(not _signature_line(line, name) for line in doc.splitlines())


def _ours(obj):
    mod = getattr(obj, "__module__", None) or ""
    return mod == "laycoach" or mod.startswith("laycoach.")


def _member_doc(cls, name, attr):
    if isinstance(attr, (staticmethod, classmethod)):
        attr = attr.__func__
    if isinstance(attr, property):
        return attr.__doc__ or (attr.fget.__doc__ if attr.fget else None)
    return getattr(attr, "__doc__", None)


def undocumented():
    missing, seen = [], set()
    for modname in MODULES:
        mod = _module(modname)
        names = getattr(mod, "__all__", None) or [n for n in dir(mod) if not n.startswith("_")]
        for name in names:
            if name.startswith("_") or not hasattr(mod, name):
                continue
            obj = getattr(mod, name)
            if isinstance(obj, types.ModuleType) or not (inspect.isclass(obj) or callable(obj)):
                continue
            if not _ours(obj) and not type(obj).__name__.endswith("builtin_function_or_method"):
                continue
            if inspect.isbuiltin(obj) and not (getattr(obj, "__module__", "") or "").startswith("laycoach"):
                continue
            key = id(obj)
            if key in seen:
                continue
            seen.add(key)
            where = f"{modname}.{name}"
            if inspect.isclass(obj):
                if not says_something(obj.__doc__, name):
                    missing.append(where)
                is_enum = hasattr(obj, "__members__")
                for mname, attr in vars(obj).items():
                    if mname.startswith("_") or (is_enum and (mname in ENUM_BUILTINS or mname in obj.__members__)):
                        continue
                    if not (callable(attr) or isinstance(attr, (property, staticmethod, classmethod))
                            or hasattr(attr, "__get__")):
                        continue
                    if isinstance(attr, obj):  # a constant of the class
                        continue
                    if not says_something(_member_doc(obj, mname, attr), mname):
                        missing.append(f"{where}.{mname}")
            elif not says_something(obj.__doc__, name):
                missing.append(where)
    return sorted(set(missing))


def test_says_something_sees_through_pybind_signatures():
    assert not says_something("f(self: X, a: int) -> None\n", "f")
    assert not says_something("Overloaded function.\n\n1. f(a: int) -> None\n\n2. f(a: str) -> None\n", "f")
    assert says_something("f(self: X) -> None\n\nWhat f is for.\n", "f")
    assert not says_something(None, "f")
    assert not says_something("(arg0: laycoach._core.Client) -> str\n", "id")  # a property's getter


def test_the_walk_finds_an_undocumented_function(monkeypatch):
    def helper(x):
        return x
    helper.__module__ = "laycoach.stats"
    monkeypatch.setattr(laycoach.stats, "helper_without_doc", helper, raising=False)
    monkeypatch.setattr(laycoach.stats, "__all__", [*getattr(laycoach.stats, "__all__", dir(laycoach.stats)),
                                                    "helper_without_doc"], raising=False)
    assert "laycoach.stats.helper_without_doc" in undocumented()


def test_every_public_name_has_a_docstring():
    missing = undocumented()
    assert missing == [], f"{len(missing)} public names without a docstring:\n" + "\n".join(missing)
