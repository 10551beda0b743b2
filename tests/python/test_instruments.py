"""The instrument library from Python: laycoach.score / score_many / instruments / instrument /
load_instrument / score_recorded / pam_level. Facts from design/MEASURES.md; errors are
laycoach.Error carrying the C++ message "<code>: record '<r>', field '<f>' [<rule>]: ..."."""

import json
import math

import numpy as np
import pytest

import laycoach

SWEMWBS = {
    7: 7.00, 8: 9.51, 9: 11.25, 10: 12.40, 11: 13.33, 12: 14.08, 13: 14.75, 14: 15.32,
    15: 15.84, 16: 16.36, 17: 16.88, 18: 17.43, 19: 17.98, 20: 18.59, 21: 19.25, 22: 19.98,
    23: 20.73, 24: 21.54, 25: 22.35, 26: 23.21, 27: 24.11, 28: 25.03, 29: 26.02, 30: 27.03,
    31: 28.13, 32: 29.31, 33: 30.70, 34: 32.55, 35: 35.00,
}


def expect_error(fn, code, record, field, rule):
    """Call fn, require a laycoach.Error naming code, record, field and rule exactly."""
    with pytest.raises(laycoach.Error) as info:
        fn()
    prefix = f"{code}: record '{record}', field '{field}' [{rule}]: "
    assert str(info.value).startswith(prefix), str(info.value)
    for attr, want in (("record", record), ("field", field), ("rule", rule)):
        if isinstance(getattr(info.value, attr, None), str):
            assert getattr(info.value, attr) == want
    return info.value


def answers_summing_to(raw, n):
    out, rest = [], raw - n
    for _ in range(n):
        add = min(4, rest)
        out.append(1 + add)
        rest -= add
    return out


def test_builtin_ids():
    ids = laycoach.instruments()
    for want in ["wemwbs", "swemwbs", "ons4", "brcs", "brs", "burnout_single_item", "cbi", "phq9",
                 "gad7", "pam", "confidence", "goals", "experience", "intention_to_leave"]:
        assert want in ids
    expect_error(lambda: laycoach.score("nope", [1]), "not_found", "nope", "instrument_id",
                 "reference_resolves")


@pytest.mark.parametrize("raw,metric", sorted(SWEMWBS.items()))
def test_swemwbs_conversion_table(raw, metric):
    s = laycoach.score("swemwbs", answers_summing_to(raw, 7))
    assert s.scales[0].raw == raw
    assert s.total == pytest.approx(metric, abs=1e-12)


def test_phq9_bands_flags_and_item9():
    s = laycoach.score("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1])
    assert (s.total, s.band, s.flags) == (1.0, "minimal", ["self_harm_risk"])
    for total, band in [(4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
                        (15, "moderately severe"), (19, "moderately severe"), (20, "severe"), (27, "severe")]:
        a = [0] * 9
        rest = total
        for i in range(9):
            a[i] = min(3, rest)
            rest -= a[i]
        s = laycoach.score("phq9", a)
        assert s.total == total and s.band == band
        assert ("caseness" in s.flags) == (total >= 10)
    # A missing item: no total, but the item-9 flag is still raised.
    s = laycoach.score("phq9", [None, 0, 0, 0, 0, 0, 0, 0, 2])
    assert s.total is None and s.n_missing == 1 and s.flags == ["self_harm_risk"]


def test_brs_reverse_keying_and_numpy_input():
    assert laycoach.score("brs", [5, 1, 5, 1, 5, 1]).total == 5.0
    s = laycoach.score("brs", np.array([4, 2, 3, 3, 4, 2]))
    assert s.total == pytest.approx(22 / 6) and s.band == "normal"
    assert laycoach.score("brs", [5, 2, 5, 2, 4, 2]).band == "high"  # 26/6 = 4.33
    assert laycoach.score("brs", [3, 3, 3, 3, 3, 4]).band == "low"   # 17/6 = 2.83


def test_cbi_scales_and_cutoff_policy():
    a = [2] * 6 + [1] * 7 + [5] * 6
    s = laycoach.score("cbi", a)
    assert s.total is None
    assert s.scale("personal").score == 75.0
    assert s.scale("work").score == pytest.approx(600 / 7)  # item 13 reversed: answer 1 → 0
    assert s.scale("client").score == 0.0
    assert s.flags == ["high_personal_burnout", "high_work_burnout"]
    s80 = laycoach.score("cbi", a, cutoffs={"high_burnout_cutoff": 80})
    assert s80.flags == ["high_work_burnout"]


def test_ons4_four_scales():
    s = laycoach.score("ons4", [4, 5, 9, 6])
    assert s.total is None
    assert [(x.scale, x.band) for x in s.scales] == [
        ("life_satisfaction", "low"), ("worthwhile", "medium"), ("happiness", "very high"), ("anxiety", "high")]


def test_answer_errors():
    expect_error(lambda: laycoach.score("phq9", [0] * 8), "invalid_argument", "phq9", "answers", "answer_count")
    expect_error(lambda: laycoach.score("phq9", [0, 0, 0, 4, 0, 0, 0, 0, 0]), "invalid_argument", "phq9",
                 "answers[3]", "answer_in_range")
    expect_error(lambda: laycoach.score("gad7", [0, 0, 1.5, 0, 0, 0, 0]), "invalid_argument", "gad7",
                 "answers[2]", "answer_integer")
    expect_error(lambda: laycoach.score("gad7", [0, 0, 2**70, 0, 0, 0, 0]), "invalid_argument", "gad7",
                 "answers[2]", "answer_in_range")
    expect_error(lambda: laycoach.score("brs", [1, 2, 3, 4, 5, 9], record="resp-7"), "invalid_argument",
                 "resp-7", "answers[5]", "answer_in_range")


def test_missing_policies():
    w = [4] * 14
    w[0] = None
    assert laycoach.score("wemwbs", w).total is None
    assert laycoach.score("wemwbs", w, missing="prorate", max_missing=1).total == pytest.approx(56.0)
    s = laycoach.score("swemwbs", [3, 3, 3, 3, 3, 4, None], missing="prorate", max_missing=1)
    assert s.total == pytest.approx(19.98)  # raw 19/6*7 = 22.17 → row 22
    assert laycoach.score("brcs", [5, 5, 5, None], missing="available", max_missing=1).total == 15
    expect_error(lambda: laycoach.score("brcs", [5, 5, 5, 5], missing="impute"), "invalid_argument", "brcs",
                 "missing", "missing_policy_known")


def test_pam_is_score_only():
    expect_error(lambda: laycoach.score("pam", [3] * 13), "invalid_argument", "pam", "answers",
                 "pam_not_scored_from_items")
    expect_error(lambda: laycoach.score_many("pam", np.ones((2, 13), dtype=int)), "invalid_argument", "pam",
                 "answers", "pam_not_scored_from_items")
    assert [laycoach.pam_level(v) for v in (0, 47.0, 47.1, 55.1, 55.2, 67.0, 67.1, 100)] == [1, 1, 2, 2, 3, 3, 4, 4]
    assert laycoach.pam_level(50, (40, 50, 60)) == 2
    expect_error(lambda: laycoach.pam_level(101), "invalid_argument", "pam", "score", "pam_score_in_range")
    r = laycoach.score_recorded("pam", 62.0)
    assert (r.total, r.band) == (62.0, "level 3")
    assert laycoach.score_recorded("pam", 2, scale="level").scale("level").band == "level 2"


def test_score_many_matches_score():
    rng = np.random.default_rng(7)
    m = rng.integers(1, 6, size=(2000, 14))
    out = laycoach.score_many("wemwbs", m)
    assert out.dtype == np.float64 and out.shape == (2000,)
    for r in range(0, 2000, 97):
        assert out[r] == laycoach.score("wemwbs", m[r]).total
    sw = laycoach.score_many("wemwbs", m, "swemwbs")
    assert sw[5] == laycoach.score("wemwbs", m[5].tolist()).scale("swemwbs").score

    f = m.astype(float)
    f[3, 2] = np.nan
    f[4, 0:3] = np.nan
    res = laycoach.score_many("wemwbs", f, missing="prorate", max_missing=2)
    assert res[3] == pytest.approx((m[3].sum() - m[3, 2]) / 13 * 14)
    assert math.isnan(res[4])
    assert math.isnan(laycoach.score_many("wemwbs", f)[3])
    # Nested lists with None work too.
    lists = laycoach.score_many("phq9", [[0] * 9, [3] * 9, [None] + [1] * 8])
    assert lists[0] == 0 and lists[1] == 27 and math.isnan(lists[2])


def test_score_many_errors():
    m = np.zeros((3, 9), dtype=np.int64)
    m[2, 4] = 7
    expect_error(lambda: laycoach.score_many("phq9", m), "invalid_argument", "phq9", "answers[2][4]",
                 "answer_in_range")
    expect_error(lambda: laycoach.score_many("phq9", np.zeros((3, 8))), "invalid_argument", "phq9", "answers",
                 "answer_count")
    expect_error(lambda: laycoach.score_many("phq9", np.zeros(9)), "invalid_argument", "phq9", "answers",
                 "answer_count")
    expect_error(lambda: laycoach.score_many("phq9", np.full((1, 9), 0.5)), "invalid_argument", "phq9",
                 "answers[0][0]", "answer_integer")
    expect_error(lambda: laycoach.score_many("ons4", np.zeros((1, 4), dtype=int)), "invalid_argument", "ons4",
                 "scale", "scale_named")
    assert laycoach.score_many("ons4", np.zeros((1, 4), dtype=int), "anxiety")[0] == 0


def test_definition_document_round_trips():
    d = laycoach.instrument("brs")
    assert d["schema_version"] == 1 and d["id"] == "brs"
    assert [i["reverse"] for i in d["items"]] == [False, True, False, True, False, True]
    assert d["scales"][0]["reliability"] == 0.83
    d["id"] = "brs_copy_pytest"
    assert laycoach.load_instrument(json.dumps(d)) == "brs_copy_pytest"
    assert laycoach.score("brs_copy_pytest", [4, 2, 3, 3, 4, 2]).total == laycoach.score("brs", [4, 2, 3, 3, 4, 2]).total
    assert laycoach.instrument("brs_copy_pytest") == d


CUSTOM = {
    "schema_version": 1,
    "id": "pytest_team_climate",
    "name": "Team climate (test)",
    "item_defaults": {"min": 1, "max": 4},
    "items": [{"text": "We support each other"}, {"text": "I dread team meetings", "reverse": True},
              {"text": "We learn from mistakes"}],
    "scales": [{"name": "climate", "items": [0, 1, 2], "rule": "sum", "higher_is_better": True,
                "bands": [[3, 6, "poor"], [7, 9, "fair"], [10, 12, "good"]]}],
    "primary": "climate",
}


def test_custom_instrument_and_bad_document():
    before = laycoach.instruments()
    bad = json.loads(json.dumps(CUSTOM))
    bad["items"][1]["reverse"] = "yes"
    expect_error(lambda: laycoach.load_instrument(json.dumps(bad)), "parse", "pytest_team_climate",
                 "/items/1/reverse", "document_schema")
    bad = json.loads(json.dumps(CUSTOM))
    bad["scales"][0]["items"] = [0, 1, 3]
    expect_error(lambda: laycoach.load_instrument(bad), "parse", "pytest_team_climate", "/scales/0/items/2",
                 "document_schema")
    assert laycoach.instruments() == before

    assert laycoach.load_instrument(CUSTOM) == "pytest_team_climate"
    s = laycoach.score("pytest_team_climate", [3, 1, 2])  # 3 + (5-1) + 2 = 9
    assert (s.total, s.band) == (9.0, "fair")
    assert list(laycoach.score_many("pytest_team_climate", [[3, 1, 2], [4, 1, 4]])) == [9.0, 12.0]
    expect_error(lambda: laycoach.load_instrument(CUSTOM), "conflict", "pytest_team_climate", "id",
                 "unique_instrument_id")
    assert laycoach.instruments() == before + ["pytest_team_climate"]
