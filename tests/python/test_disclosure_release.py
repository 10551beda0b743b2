"""The release of columnar evaluations to an aggregate audience (laycoach.evaluate_columns with
audience="commissioner"), checked against the exact figures of a service manager's evaluation of
the same columns: the cell key property (the same people give the same figures, whatever their
order), determinism without record keys, share intervals that hold the exact share, the length
rule for record_keys, and the bound every released count keeps to (docs/disclosure.md).

Scores are integers (SWEMWBS-like, 7..35), so sums do not depend on the order of the rows.
"""
import numpy as np
import pytest

import laycoach

RANGE = (7, 35)
SHARES = ("share_reliable_improved", "share_reliable_deteriorated", "share_meaningful_improved",
          "share_meaningful_deteriorated")


def columns(seed, n=400, groups=40):
    """Random paired scores with many small groups (about n / groups people each, many fewer
    than min_count), a second coarser breakdown and a proportion with missing answers."""
    rng = np.random.default_rng(seed)
    before = rng.integers(7, 36, n).astype(float)
    after = np.clip(before + rng.integers(-9, 13, n), 7, 35).astype(float)
    after[rng.random(n) < 0.05] = np.nan  # not paired
    small = rng.integers(0, groups, n)
    small[rng.random(n) < 0.05] = -1      # not in the breakdown
    coarse = rng.integers(0, 4, n)
    ok = rng.integers(0, 2, n).astype(float)
    ok[rng.random(n) < 0.1] = np.nan
    return before, after, {"small": small, "coarse": coarse}, {"ok": ok}


def evaluate(before, after, groups, proportions, **kw):
    return laycoach.evaluate_columns(before, after, groups, proportions=proportions, range=RANGE, reliability=0.9,
                                     meaningful_change=3, **kw).data


def change_rows(report):
    """(position, row) of every ChangeRow: the overall row, then each breakdown's rows."""
    o = report["outcomes"][0]
    yield ("overall",), o["overall"]
    for b in o["breakdowns"]:
        for i, r in enumerate(b["rows"]):
            yield (b["dimension"], i, r["group"]), r


def proportion_rows(report):
    p = report["proportions"][0]
    yield ("overall",), p["overall"]
    for b in p["breakdowns"]:
        for i, r in enumerate(b["rows"]):
            yield (b["dimension"], i, r["group"]), r


def released_figures(report):
    """Every figure of the report that depends on the data, in a comparable form."""
    return {"outcomes": report["outcomes"], "proportions": report["proportions"]}


# ---- (a) the cell key property ---------------------------------------------------------------

@pytest.mark.parametrize("seed", [1, 2, 3])
def test_permuting_rows_with_their_keys_changes_nothing(seed):
    before, after, groups, props = columns(seed)
    rng = np.random.default_rng(100 + seed)
    keys = rng.integers(0, 2**64, len(before), dtype=np.uint64)
    base = evaluate(before, after, groups, props, audience="commissioner", record_keys=keys)
    assert base["disclosure_controlled"]
    perm = rng.permutation(len(before))
    moved = evaluate(before[perm], after[perm], {k: v[perm] for k, v in groups.items()},
                     {k: v[perm] for k, v in props.items()}, audience="commissioner", record_keys=keys[perm])
    # The same people (rows with their keys), in another order: the same release, figure by figure.
    assert released_figures(moved) == released_figures(base)
    assert moved == base
    # Something was shown and something withheld, so the comparison covered both.
    rows = [r for _, r in change_rows(base)]
    assert any(r["suppressed"] for r in rows) and sum(not r["suppressed"] for r in rows) >= 10


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_other_keys_give_other_figures(seed):
    before, after, groups, props = columns(seed)
    rng = np.random.default_rng(200 + seed)
    keys = rng.integers(0, 2**64, len(before), dtype=np.uint64)
    other = rng.integers(0, 2**64, len(before), dtype=np.uint64)
    a = evaluate(before, after, groups, props, audience="commissioner", record_keys=keys)
    b = evaluate(before, after, groups, props, audience="commissioner", record_keys=other)
    assert released_figures(a) != released_figures(b)
    # In particular the perturbation of counts and the noise of means follow the keys.
    shown = [(ra, rb) for (_, ra), (_, rb) in zip(change_rows(a), change_rows(b))
             if not ra["suppressed"] and not rb["suppressed"]]
    assert any(ra["n"] != rb["n"] for ra, rb in shown)
    assert any(ra["mean_change"] != rb["mean_change"] for ra, rb in shown)
    # Permuting the keys alone (other people behind the same rows) is another release too.
    perm = rng.permutation(len(before))
    c = evaluate(before, after, groups, props, audience="commissioner", record_keys=keys[perm])
    assert released_figures(c) != released_figures(a)


# ---- (b) determinism without record keys -----------------------------------------------------

@pytest.mark.parametrize("audience", ["commissioner", "public", "employer"])
def test_without_record_keys_the_same_call_gives_the_same_output(audience):
    before, after, groups, props = columns(7)
    first = laycoach.evaluate_columns(before, after, groups, proportions=props, range=RANGE, reliability=0.9,
                                      meaningful_change=3, audience=audience)
    second = laycoach.evaluate_columns(before, after, groups, proportions=props, range=RANGE, reliability=0.9,
                                       meaningful_change=3, audience=audience)
    assert first.disclosure_controlled
    assert first.data == second.data
    assert first.to_json() == second.to_json()


# ---- (c) released share intervals hold the exact share ---------------------------------------

def within(low, value, high):
    return low <= value <= high


@pytest.mark.parametrize("seed", range(8))
def test_every_released_share_interval_holds_the_exact_share(seed):
    before, after, groups, props = columns(seed, n=300 + 50 * seed, groups=25 + 5 * seed)
    exact = evaluate(before, after, groups, props, audience="service_manager")
    released = evaluate(before, after, groups, props, audience="commissioner")
    assert not exact["disclosure_controlled"] and released["disclosure_controlled"]
    checked = 0
    for (pos, r), (pos_e, e) in zip(change_rows(released), change_rows(exact)):
        assert pos == pos_e
        for s in SHARES:
            low, high = r[s + "_ci_low"], r[s + "_ci_high"]
            if low is None or high is None:
                continue
            assert within(low, e[s], high), (pos, s, low, e[s], high)
            checked += 1
    for (pos, r), (pos_e, e) in zip(proportion_rows(released), proportion_rows(exact)):
        assert pos == pos_e
        if r["ci_low"] is None or r["ci_high"] is None:
            continue
        assert within(r["ci_low"], e["k"] / e["n"], r["ci_high"]), (pos, r, e)
        checked += 1
    assert checked >= 20  # many small groups, yet plenty of intervals were released


# ---- (d) record_keys of the wrong length -----------------------------------------------------

@pytest.mark.parametrize("delta", [-1, 1])
def test_record_keys_of_the_wrong_length_are_refused(delta):
    before, after, groups, props = columns(3, n=50)
    keys = np.arange(len(before) + delta, dtype=np.uint64)
    with pytest.raises(laycoach.ValidationError) as e:
        laycoach.evaluate_columns(before, after, groups, audience="commissioner", record_keys=keys)
    assert e.value.field == "record_keys" and e.value.rule == "same_length"
    with pytest.raises(laycoach.ValidationError) as e:  # with proportions as well
        laycoach.evaluate_columns(before, after, groups, proportions=props, audience="commissioner",
                                  record_keys=keys)
    assert e.value.field == "record_keys" and e.value.rule == "same_length"


# ---- (e) the bound of a released count -------------------------------------------------------

def count_within_bound(released, exact, policy):
    """The count_bucket bound: a multiple of round_to, within round_to/2 + max_perturbation of the
    exact count, or lifted to the first multiple of round_to at or above min_count."""
    b, d, m = policy["round_to"], policy["max_perturbation"] if policy["cell_key"] else 0, policy["min_count"]
    lifted = -(-m // b) * b  # the first multiple of round_to >= min_count
    if released % b != 0 or exact < m:
        return False
    return abs(released - exact) <= b // 2 + d or (released == lifted and exact < lifted)


@pytest.mark.parametrize("policy", [None, {"min_count": 9, "round_to": 5, "max_perturbation": 3},
                                    {"min_count": 11, "round_to": 7, "max_perturbation": 4},
                                    {"min_count": 10, "round_to": 10, "max_perturbation": 2},
                                    {"min_count": 11, "round_to": 10, "max_perturbation": 2}])
@pytest.mark.parametrize("seed", range(4))
def test_every_released_count_keeps_to_its_bound(policy, seed):
    before, after, groups, props = columns(seed, n=250 + 100 * seed, groups=30)
    exact = evaluate(before, after, groups, props, audience="service_manager")
    released = evaluate(before, after, groups, props, audience="commissioner", policy=policy)
    used = released["policy"]
    if policy:
        assert all(used[k] == v for k, v in policy.items())
    checked = lifted = 0
    for rows in (zip(change_rows(released), change_rows(exact)), zip(proportion_rows(released), proportion_rows(exact))):
        for (pos, r), (_, e) in rows:
            if r["suppressed"] or r["n"] is None or e["n"] == 0:
                continue
            assert count_within_bound(r["n"], e["n"], used), (pos, r["n"], e["n"], used)
            lifted += abs(r["n"] - e["n"]) > used["round_to"] // 2 + used["max_perturbation"]
            checked += 1
    assert checked >= 10
    if used["min_count"] == 11 and used["round_to"] == 10:
        # 11..13 people are lifted to 20, past round_to/2 + max_perturbation: the lift clause is needed.
        assert lifted > 0
