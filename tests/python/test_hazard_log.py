"""docs/clinical-safety.md cannot drift from the tests: every hazard names the tests that guard it,
and every test it names exists (a renamed or deleted test fails here)."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
LOG = (ROOT / "docs" / "clinical-safety.md").read_text(encoding="utf-8")
CITED = re.findall(r'(tests/[\w/]+\.(?:cpp|py|c))::("[^"]+"|\w+)', LOG)


def test_every_hazard_names_its_guarding_tests():
    hazards = re.split(r"^### (H\d+) ", LOG, flags=re.M)[1:]
    names = hazards[0::2]
    assert names == [f"H{i}" for i in range(1, len(names) + 1)] and len(names) >= 7
    for name, body in zip(names, hazards[1::2]):
        assert re.search(r'tests/[\w/]+\.(?:cpp|py|c)::', body), f"{name} names no test"


def test_every_cited_test_exists():
    assert len(CITED) >= 20
    missing = []
    for path, name in CITED:
        text = (ROOT / path).read_text(encoding="utf-8")
        found = (f"TEST_CASE({name}" in text) if name.startswith('"') else bool(
            re.search(rf"^def {re.escape(name)}\(", text, flags=re.M))
        if not found:
            missing.append(f"{path}::{name}")
    assert not missing, missing
