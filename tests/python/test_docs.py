"""Docs that run: every fenced code block of README.md and docs/*.md is executed or checked here,
one test per Markdown file (the blocks of a file in order, in one namespace, in a fresh
temporary working directory). A block that fails fails its file's test.

The rule for each block, by its info string (first word: the language; later words: what it is):

* ``python``: exec'd, the blocks of one file in order in one namespace (matplotlib on Agg).
* ``c`` / ``cpp``: a whole program (a fragment is made whole in the doc, never skipped), built by
  a generated CMake project against laycoach installed from the C++ build tree
  (``cmake --install``; the tree is $LAYCOACH_CPP_BUILD, default build/cpp, which
  scripts/test.sh builds before pytest) with ``find_package(laycoach CONFIG)``, linking
  ``laycoach::laycoach_c`` (C, strict C99 with -Wall -Wextra -pedantic -Werror) or
  ``laycoach::laycoach`` (C++20), then run in a directory of its own (so two programs that
  create ``service.sqlite`` do not meet): it must exit 0.
* ``cmake``: the whole CMakeLists.txt of a consumer project; configured and built against the
  same installed package. The test writes the sources it names: ``main.c``, a program that
  prints ``lc_version()``.
* ``json``: parsed strictly (a repeated key, NaN or Infinity fails), then loaded by what the
  second word of the info string says the document is:
  ``kind=<document>`` (docs/documents.md only: tests/cpp/interop/test_capi_documents.cpp puts
  every one, in order, through the C call that takes it), ``triage-rules``
  (``Programme.set_triage_rules``), ``instrument`` (``load_instrument``), ``evaluation-options``
  (``evaluate_json`` of the demo service for the service manager; the report must have the
  equity/value section the options ask for), ``unit-costs`` / ``equity`` (that member of the
  options alone, evaluated so), ``programme`` (``Programme.from_json``), ``fhir-options``
  (``Programme.to_fhir`` of the demo service), ``output`` (an example of what a call returns:
  parsed only). A ``json`` block that does not say what it is fails.
* ``sh`` / ``bash`` / ``console``: not run. README's quick-start commands ARE the test suite and
  the demo (running them here would recurse), and the pkg-config lines need a system install.
  Every shell block must pass ``bash -n``, every ``scripts/...`` path it names must exist in
  the repository, and the first word of every command must be a program on PATH.
* ``text`` or no language: output, tables, pseudo-code and formulas; not run. It must not be
  code in disguise: not valid JSON, no ``#include``, no ``import``/``laycoach.`` Python line.
* Any other language fails the test.
"""
from __future__ import annotations

import json
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))
FENCE = re.compile(r"^(```+|~~~+)(.*)$")


def blocks(path):
    """The fenced code blocks of a Markdown file: (line, language, words after it, text)."""
    out, open_, lines = [], None, path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, 1):
        m = FENCE.match(line)
        if open_ is None:
            if m:
                words = m.group(2).split()
                open_ = (n, m.group(1), words[0] if words else "", words[1:], [])
            continue
        if m and line.strip() == open_[1]:
            out.append((open_[0], open_[2], open_[3], "\n".join(open_[4]) + "\n"))
            open_ = None
        else:
            open_[4].append(line)
    assert open_ is None, f"{path.name}:{open_[0]}: a code fence is never closed"
    return out


# ---------------------------------------------------------------------------------------------
# json


def strict_json(text):
    """json.loads that refuses a repeated key and NaN/Infinity (as laycoach's reader does)."""
    def pairs(kv):
        keys = [k for k, _ in kv]
        dup = {k for k in keys if keys.count(k) > 1}
        if dup:
            raise ValueError(f"repeated key(s) {sorted(dup)}")
        return dict(kv)

    def constant(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)


def demo():
    """The demo service (conftest's shared_demo: built once per session)."""
    from conftest import shared_demo

    return shared_demo()


def load_json(path, words, text):
    import laycoach
    doc = strict_json(text)
    what = words[0] if words else ""
    manager = laycoach.Viewer(laycoach.Audience.SERVICE_MANAGER, "docs")
    if what.startswith("kind="):
        assert path.name == "documents.md", (
            "kind=<document> blocks are run by tests/cpp/interop/test_capi_documents.cpp, which reads "
            "docs/documents.md only; elsewhere say what the block is with another word")
    elif what == "triage-rules":
        p = laycoach.Programme()
        p.set_triage_rules(doc)  # read strictly and validated: raises on any fault
    elif what == "instrument":
        laycoach.load_instrument(doc)
    elif what == "evaluation-options":
        report = json.loads(laycoach.evaluate_json(demo(), json.dumps({**doc, "audience": "service_manager"})))
        for section in set(doc) & {"equity", "unit_costs"}:
            key = "value" if section == "unit_costs" else section
            assert report.get(key), f"the report has no {key} section"
    elif what in ("unit-costs", "equity"):  # the "unit_costs" / "equity" member of the options alone
        key = what.replace("-", "_")
        load_json(path, ["evaluation-options"], json.dumps({key: doc}))
    elif what == "programme":
        laycoach.Programme.from_json(json.dumps(doc))
    elif what == "fhir-options":
        bundle = demo().to_fhir(manager, bundle_type=doc.get("bundle_type", "collection"),
                                request_method=doc.get("request_method", "put"),
                                patient_id=doc.get("patient_id"), start=doc.get("from"), end=doc.get("to"),
                                include_planned=doc.get("include_planned", False))
        assert bundle["resourceType"] == "Bundle"
    elif what == "output":
        pass
    else:
        pytest.fail(f"a ```json block must say what it is (kind=..., triage-rules, instrument, evaluation-options, "
                    f"unit-costs, equity, programme, fhir-options, output), not {words!r}")


# ---------------------------------------------------------------------------------------------
# c, cpp, cmake: built against the installed package


@pytest.fixture(scope="session")
def installed(tmp_path_factory):
    """laycoach installed from the C++ build tree into a temporary prefix."""
    build = pathlib.Path(os.environ.get("LAYCOACH_CPP_BUILD", ROOT / "build/cpp"))
    assert (build / "CMakeCache.txt").exists(), (
        f"no C++ build tree at {build}: build it first (scripts/test.sh does) or set LAYCOACH_CPP_BUILD")
    prefix = tmp_path_factory.mktemp("prefix")
    subprocess.run(["cmake", "--install", str(build), "--prefix", str(prefix)], check=True,
                   capture_output=True, text=True)
    return prefix


def cmake_build(src_dir, prefix):
    """Configure and build a project against the installed laycoach; returns the build dir."""
    build = src_dir / "build"
    for cmd in (["cmake", "-S", str(src_dir), "-B", str(build), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                 f"-DCMAKE_PREFIX_PATH={prefix}", "-Wno-dev"],
                ["cmake", "--build", str(build)]):
        r = subprocess.run(cmd, capture_output=True, text=True)
        assert r.returncode == 0, f"{' '.join(cmd)}\n{r.stdout}\n{r.stderr}"
    return build


PROJECT = """cmake_minimum_required(VERSION 3.20)
project(doc_block LANGUAGES {languages})
find_package(laycoach CONFIG REQUIRED)
add_executable(doc_block {source})
target_link_libraries(doc_block PRIVATE {target})
{options}
"""


def run_program(lang, text, workdir, prefix, label):
    src = workdir / f"{label}-{lang}"
    src.mkdir()
    if lang == "c":
        (src / "main.c").write_text(text)
        (src / "CMakeLists.txt").write_text(PROJECT.format(
            languages="C CXX", source="main.c", target="laycoach::laycoach_c",
            options="set_target_properties(doc_block PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)\n"
                    "target_compile_options(doc_block PRIVATE -Wall -Wextra -pedantic -Werror)"))
    else:
        (src / "main.cpp").write_text(text)
        (src / "CMakeLists.txt").write_text(PROJECT.format(
            languages="C CXX", source="main.cpp", target="laycoach::laycoach",
            options="set_target_properties(doc_block PROPERTIES CXX_STANDARD 20 CXX_STANDARD_REQUIRED ON)"))
    exe = cmake_build(src, prefix) / "doc_block"
    r = subprocess.run([str(exe)], cwd=src, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, f"exit {r.returncode}\n{r.stdout}\n{r.stderr}"


def run_cmake(text, workdir, prefix, label):
    src = workdir / f"{label}-cmake"
    src.mkdir()
    (src / "CMakeLists.txt").write_text("cmake_minimum_required(VERSION 3.20)\n" + text)
    (src / "main.c").write_text('#include <stdio.h>\n#include <laycoach.h>\n'
                                'int main(void) { printf("%s\\n", lc_version()); return 0; }\n')
    cmake_build(src, prefix)


# ---------------------------------------------------------------------------------------------
# shell and text


def check_shell(text):
    r = subprocess.run(["bash", "-n"], input=text, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    for line in text.splitlines():
        line = line.split(" #")[0].strip()
        if not line or line.startswith("#"):
            continue
        words = shlex.split(line)
        assert shutil.which(words[0]), f"{words[0]!r} is not a program on PATH ({line})"
        for w in words:
            if w.startswith("scripts/"):
                assert (ROOT / w).is_file(), f"{w} does not exist"


def check_text(text):
    try:
        strict_json(text)
    except ValueError:
        pass
    else:
        pytest.fail("a ```text block holds JSON: tag it ```json <what it is> so it is checked")
    for line in text.splitlines():
        s = line.strip()
        assert not s.startswith("#include"), f"C hides in a text block: {s}"
        assert not re.match(r"(import |from \S+ import |.*\blaycoach\.\w+\()", s), f"Python hides in a text block: {s}"


# ---------------------------------------------------------------------------------------------


# What docs/ must cover (issue 11), as the doc and a heading it has; each doc's code blocks run
# in test_doc_blocks_run, the notebook in test_quickstart_notebook_runs.
COVERAGE = {
    "python.md": ["# laycoach from Python", "## Tables for pandas", "## Statistics on your own arrays"],
    "evaluation.md": ["## Every option", "## Pairing: which responses pair"],
    "audiences.md": ["# Audiences: who may see what"],
    "instruments.md": ["## The definition document", "### The primary-scale rule", "### Totals scored elsewhere"],
    "own-data.md": ["# Building a programme from your own data"],
}


def test_every_doc_is_collected():
    names = {p.name for p in DOCS}
    assert {"README.md", *COVERAGE} <= names
    assert (ROOT / "docs/quickstart.ipynb").exists()
    for name, headings in COVERAGE.items():
        lines = set((ROOT / "docs" / name).read_text().splitlines())
        for h in headings:
            assert h in lines, f"docs/{name} has no heading {h!r}"
        assert any(lang == "python" for _, lang, _, _ in blocks(ROOT / "docs" / name)), f"docs/{name}: no Python"


@pytest.mark.parametrize("path", DOCS, ids=[p.relative_to(ROOT).as_posix() for p in DOCS])
def test_doc_blocks_run(path, tmp_path, monkeypatch, request):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    namespace = {"__name__": f"doc_{path.stem}"}
    for line, lang, words, text in blocks(path):
        where = f"{path.relative_to(ROOT)}:{line} ```{lang} {' '.join(words)}"
        try:
            if lang == "python":
                exec(compile(text, where, "exec"), namespace)
            elif lang in ("c", "cpp"):
                run_program(lang, text, tmp_path, request.getfixturevalue("installed"), f"L{line}")
            elif lang == "cmake":
                run_cmake(text, tmp_path, request.getfixturevalue("installed"), f"L{line}")
            elif lang == "json":
                load_json(path, words, text)
            elif lang in ("sh", "bash", "console"):
                check_shell(text)
            elif lang in ("text", ""):
                check_text(text)
            else:
                pytest.fail(f"no rule for a ```{lang} block")
        except BaseException as e:  # name the block, keep the error
            if isinstance(e, (KeyboardInterrupt, SystemExit)):
                raise
            raise AssertionError(f"{where}: {type(e).__name__}: {e}") from e


def test_blocks_parser_sees_info_strings(tmp_path):
    md = tmp_path / "x.md"
    md.write_text("a\n```json kind=coach\n{}\n```\n```\nplain\n```\n")
    assert blocks(md) == [(2, "json", ["kind=coach"], "{}\n"), (5, "", [], "plain\n")]


def test_strict_json_refuses_what_laycoach_refuses():
    with pytest.raises(ValueError, match="repeated key"):
        strict_json('{"a": 1, "a": 2}')
    with pytest.raises(ValueError, match="NaN is not JSON"):
        strict_json('{"a": NaN}')


def test_text_blocks_may_not_hide_code():
    for hidden in ('{"a": 1}', "#include <laycoach.h>", "import laycoach", "p = laycoach.open('x')"):
        with pytest.raises(pytest.fail.Exception if hidden.startswith("{") else AssertionError):
            check_text(hidden)
    check_text("host loop:  events = pending_events(limit)\n")


def test_shell_blocks_name_real_scripts():
    check_shell("bash scripts/test.sh   # every test\n")
    with pytest.raises(AssertionError, match="does not exist"):
        check_shell("bash scripts/no_such_script.sh\n")
    with pytest.raises(AssertionError, match="not a program"):
        check_shell("no-such-program-xyz --help\n")


# ---------------------------------------------------------------------------------------------
# The notebook quickstart


def test_quickstart_notebook_runs(tmp_path, monkeypatch):
    """docs/quickstart.ipynb runs top to bottom in a kernel of this interpreter (jupyter_client
    starts the "python3" kernel with sys.executable, so the .venv of scripts/setup.sh, with the
    package importable as it is for pytest), in a temporary directory; any cell error fails."""
    import nbclient
    import nbformat

    nb = nbformat.read(ROOT / "docs/quickstart.ipynb", as_version=4)
    assert any(c.cell_type == "code" for c in nb.cells)
    for c in nb.cells:  # what is committed is the source, not a previous run's output
        assert c.cell_type != "code" or not c.outputs, "commit the notebook without outputs"
    # The kernel imports what this process imports (an installed wheel or build/dev-py/pkg).
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in sys.path if p))
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=300,
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError naming the cell on any error
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert (tmp_path / "evaluation.html").stat().st_size > 10_000
    assert (tmp_path / "demo.sqlite").exists()


def test_json_blocks_are_loaded_by_what_they_say_they_are(tmp_path):
    ok = tmp_path / "x.md"
    load_json(ok, ["unit-costs"], '{"source": "S", "price_year": "2024/25", "coach_hour": {"default": {"value": 60, "plus_minus_percent": 10}}}')
    import laycoach
    with pytest.raises(laycoach.ValidationError) as e:  # a bad unit cost is refused by the loader
        load_json(ok, ["unit-costs"], '{"source": "S", "price_year": "2024/25", "coach_hour": {"default": {"value": -1, "plus_minus_percent": 10}}}')
    assert (e.value.record, e.value.rule) == ("unit_costs", "non_negative")
    with pytest.raises(laycoach.ParseError):
        load_json(ok, ["triage-rules"], '{"schema_version": 1, "rules": [{"id": "a", "route": null, "colour": 1}]}')
    with pytest.raises(pytest.fail.Exception, match="must say what it is"):
        load_json(ok, [], "{}")
