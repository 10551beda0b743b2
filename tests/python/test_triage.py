"""The single point of access from Python: receive, triage, first contact, the rules document,
each rule's refusal with its exact error, a refused triage that changes nothing (memory and
file), a second handle, and the report's triage figures against an independent pandas
computation on the same records."""
import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

import laycoach

UTC = dt.timezone.utc
T0 = dt.datetime(2024, 7, 1, 9, 0, tzinfo=UTC)

HWBC = {
    "id": "h1", "name": "Hana", "clinical_background": "nurse",
    "training": [{"programme": "PCI health coaching", "days": 4, "practice_hours": 30.0, "skills_assessed": True,
                  "pci_accredited": True, "completed": "2022-03-04"}],
    "memberships": ["ukhca"],
    "offers": ["hwbc_targeted_1to1", "hwbc_clinical_1to1", "hwbc_non_clinical_1to1"],
    "modalities": ["face_to_face", "telephone", "video"],
    "rota": {"weekly": [{"weekday": d, "start_min": 480, "end_min": 1110} for d in range(5)]},
    "safeguarding_lead": "Dr Safe", "first_point_of_contact": "Practice manager",
}


def nhs(i):
    """The i-th valid NHS number of the 40102xxxx run (check digit 10 skipped)."""
    k = 0
    while True:
        prefix = f"40102{1000 + k}"
        check = 11 - sum(int(prefix[j]) * (10 - j) for j in range(9)) % 11
        k += 1
        if check == 10:
            continue
        if i == 0:
            return prefix + str(0 if check == 11 else check)
        i -= 1


def expect(exc, code, record, field, rule, f, *args, **kw):
    with pytest.raises(exc) as e:
        f(*args, **kw)
    assert (e.value.code, e.value.record, e.value.field, e.value.rule) == (code, record, field, rule)


@pytest.fixture
def spa():
    p = laycoach.Programme()
    p.add_coach(HWBC)
    for i, pam in enumerate([1, 2, 3, 4]):
        p.add_client({"id": f"pt{i}", "kind": "patient", "nhs_number": nhs(i), "pam_level": pam,
                      "consent": {"coaching": True, "evaluation": True}})
    p.add_client({"id": "st1", "kind": "staff", "consent": {"coaching": True}})
    return p


def test_receive_proposes_and_lists_oldest_first(spa):
    a = spa.receive_referral({"id": "in1", "client_id": "pt1", "source": "gp", "received_at": T0,
                              "reason": "diabetes, low confidence"})
    assert a["status"] == "untriaged" and a["proposed_route"] == "hwbc_targeted"
    assert a["proposed_by_rule"] == "patient_pam_1_2"
    b = spa.receive_referral({"id": "in0", "client_id": "st1", "received_at": T0 - dt.timedelta(hours=1)})
    assert b["proposed_route"] is None and b["proposed_by_rule"] == "staff"
    df = spa.inbox()
    assert list(df["id"]) == ["in0", "in1"]
    assert str(df["received_at"].dt.tz) == "UTC"
    assert df["decided_at"].isna().all()
    assert spa.propose_route("in1") == {"route": "hwbc_targeted", "rule": "patient_pam_1_2"}
    expect(laycoach.ConflictError, "conflict", "in1", "id", "unique_id", spa.receive_referral,
           {"id": "in1", "client_id": "pt2", "received_at": T0})
    expect(laycoach.NotFoundError, "not_found", "in9", "client_id", "reference_resolves", spa.receive_referral,
           {"id": "in9", "client_id": "ghost", "received_at": T0})
    expect(laycoach.ValidationError, "invalid_argument", "in8", "status", "new_item_untriaged", spa.receive_referral,
           {"id": "in8", "client_id": "pt2", "received_at": T0, "status": "triaged", "route": "care_coordination"})


def test_triage_rules_pass_and_fail_exactly(spa):
    spa.receive_referral({"id": "in1", "client_id": "pt1", "source": "gp", "received_at": T0})
    spa.receive_referral({"id": "in2", "client_id": "pt3", "source": "self", "received_at": T0})
    later = T0 + dt.timedelta(hours=5)
    before = spa.to_json()
    expect(laycoach.ValidationError, "invalid_argument", "in1", "decided_by", "named_person", spa.triage, "in1",
           route="social_prescribing", decided_by="", decided_at=later)
    expect(laycoach.ValidationError, "invalid_argument", "in1", "decided_at", "triage_time", spa.triage, "in1",
           route="social_prescribing", decided_by="Sam", decided_at=T0 - dt.timedelta(seconds=1))
    expect(laycoach.ValidationError, "invalid_argument", "in1", "not_accepted_reason", "reason_required", spa.triage,
           "in1", route="not_accepted", decided_by="Sam", decided_at=later)
    expect(laycoach.ValidationError, "invalid_argument", "in1", "offer_id", "route_matches_offer", spa.triage, "in1",
           route="hwbc_targeted", decided_by="Sam", decided_at=later, offer_id="hwbc_clinical_1to1")
    expect(laycoach.ValidationError, "invalid_argument", "in2", "client_id", "eligibility", spa.triage, "in2",
           route="hwbc_targeted", decided_by="Sam", decided_at=later, offer_id="hwbc_targeted_1to1")
    expect(laycoach.ParseError, "parse", "triage", "/route", "document_schema", spa.triage, "in1",
           route="anywhere", decided_by="Sam", decided_at=later)
    assert spa.to_json() == before  # nothing changed
    x = spa.triage("in1", route="hwbc_targeted", decided_by="Sam", decided_at=later, offer_id="hwbc_targeted_1to1")
    assert x["referral_id"] == "in1" and x["status"] == "triaged"
    assert spa.referral("in1").offer_id == "hwbc_targeted_1to1"
    expect(laycoach.ConflictError, "conflict", "in1", "decided_by", "triage_once", spa.triage, "in1",
           route="care_coordination", decided_by="Sam", decided_at=later)
    y = spa.triage("in2", route="not_accepted", decided_by="Sam", decided_at=later,
                   not_accepted_reason="already under the community team")
    assert y["route"] == "not_accepted"
    assert spa.inbox(untriaged_only=True).empty


def test_rules_document_is_strict_and_stored(tmp_path):
    path = str(tmp_path / "spa.sqlite")
    a = laycoach.open(path, mode="c")
    b = laycoach.open(path)
    a.add_client({"id": "pt1", "kind": "patient", "nhs_number": nhs(0), "pam_level": 4})
    rules = {"schema_version": 1, "kind": "triage_rules",
             "rules": [{"id": "gp_low", "when": {"sources": ["gp"], "pam_max": 2}, "route": "hwbc_targeted"},
                       {"id": "gp", "when": {"sources": ["gp"]}, "route": "hwbc_clinical"}],
             "default": "social_prescribing"}
    expect(laycoach.ParseError, "parse", "triage_rules", "/rules/0/when/colour", "document_schema",
           a.set_triage_rules, {"rules": [{"id": "x", "route": None, "when": {"colour": 1}}]})
    expect(laycoach.ValidationError, "invalid_argument", "triage_rules", "rules/1/id", "unique_id",
           a.set_triage_rules, {"rules": [{"id": "x", "route": None}, {"id": "x", "route": None}]})
    a.set_triage_rules(json.dumps(rules))
    assert b.triage_rules()["default"] == "social_prescribing"
    a.receive_referral({"id": "in1", "client_id": "pt1", "source": "gp", "received_at": T0})
    a.receive_referral({"id": "in2", "client_id": "pt1", "source": "self", "received_at": T0})
    assert b.propose_route("in1") == {"route": "hwbc_clinical", "rule": "gp"}  # PAM 4: the second rule
    assert b.propose_route("in2") == {"route": "social_prescribing", "rule": "default"}
    a.triage("in2", route="care_coordination", decided_by="Sam", decided_at=T0 + dt.timedelta(hours=2))
    seen = b.inbox()
    assert seen.set_index("id").loc["in2", "route"] == "care_coordination"
    assert seen.set_index("id").loc["in2", "decided_by"] == "Sam"
    # A triage refused through one handle changes nothing in the file either.
    expect(laycoach.ConflictError, "conflict", "in2", "decided_by", "triage_once", b.triage, "in2",
           route="social_prescribing", decided_by="Kim", decided_at=T0 + dt.timedelta(hours=3))
    assert laycoach.open(path).inbox_item("in2")["decided_by"] == "Sam"
    # The store's inbox table keeps the reason out of analyst frames.
    assert "reason" not in laycoach.frame(a, "inbox").columns


def _populated(n_per_source=12, seed=7):
    """A programme with triaged and untriaged items from every source, times drawn at random."""
    rng = np.random.default_rng(seed)
    p = laycoach.Programme()
    p.add_coach(HWBC)
    sources = ["self", "gp", "social_prescribing_link_worker", "other"]
    k = 0
    for s in sources:
        for j in range(n_per_source):
            pam = int(rng.integers(1, 5))
            cid = f"p{k}"
            p.add_client({"id": cid, "kind": "patient", "nhs_number": nhs(k), "pam_level": pam,
                          "consent": {"coaching": True, "evaluation": True}})
            received = T0 + dt.timedelta(minutes=int(rng.integers(0, 60 * 24 * 20)))
            p.receive_referral({"id": f"in{k}", "client_id": cid, "source": s, "received_at": received})
            if j % 6 != 5:  # most are triaged
                decided = received + dt.timedelta(minutes=int(rng.integers(10, 60 * 72)))
                choice = j % 4
                if choice == 0 and pam <= 2:
                    p.triage(f"in{k}", route="hwbc_targeted", decided_by="Sam", decided_at=decided,
                             offer_id="hwbc_targeted_1to1")
                elif choice in (0, 1):
                    p.triage(f"in{k}", route="hwbc_non_clinical", decided_by="Sam", decided_at=decided,
                             offer_id="hwbc_non_clinical_1to1")
                elif choice == 2:
                    p.triage(f"in{k}", route="social_prescribing", decided_by="Sam", decided_at=decided)
                    if j % 3:
                        p.record_first_contact(f"in{k}", decided + dt.timedelta(hours=int(rng.integers(1, 100))))
                else:
                    p.triage(f"in{k}", route="not_accepted", decided_by="Sam", decided_at=decided,
                             not_accepted_reason="other service")
            k += 1
    return p


def test_triage_figures_match_pandas_for_the_service_manager():
    p = _populated()
    rep = p.evaluate("service_manager")
    df = p.inbox()
    # Independent computation of first contact for coaching routes from the sessions table:
    # there are no sessions, so first contact is the recorded one (social prescribing) only.
    df["hours_to_triage"] = (df["decided_at"] - df["received_at"]).dt.total_seconds() / 3600
    df["hours_to_contact"] = (df["first_contact_at"] - df["received_at"]).dt.total_seconds() / 3600
    got = rep.frame("triage").set_index("source")
    groups = {"all": df, **{s: g for s, g in df.groupby("source")}}
    for source, g in groups.items():
        row = got.loc[source]
        assert row["received"] == len(g)
        assert row["triaged"] == (g["status"] == "triaged").sum()
        assert row["untriaged"] == (g["status"] == "untriaged").sum()
        t = g["hours_to_triage"].dropna()
        for q, name in ((0.25, "p25_hours"), (0.5, "median_hours"), (0.75, "p75_hours"), (0.9, "p90_hours")):
            assert row[f"to_triage_{name}"] == pytest.approx(t.quantile(q), abs=1e-9)
        c = g["hours_to_contact"].dropna()
        assert row["to_first_contact_n"] == len(c)
        if len(c):
            assert row["to_first_contact_median_hours"] == pytest.approx(c.median(), abs=1e-9)
    routes = rep.frame("triage_routes")
    want = df[df["status"] == "triaged"].groupby(["source", "route"]).size()
    for (source, route), n in want.items():
        sel = routes[(routes["source"] == source) & (routes["route"] == route)]
        assert sel["count"].item() == n
    by_route = df["route"].fillna("untriaged").value_counts()
    all_routes = routes[routes["source"] == "all"].set_index("route")["count"]
    assert got.loc["all", "untriaged"] == by_route.get("untriaged", 0)
    for route, n in by_route.items():
        if route != "untriaged":
            assert all_routes[route] == n
    followed = df[(df["status"] == "triaged") & df["proposed_route"].notna()]
    assert rep.data["triage"]["proposed"] == len(followed)
    assert rep.data["triage"]["proposal_followed"] == (followed["route"] == followed["proposed_route"]).sum()


def test_triage_figures_are_disclosure_controlled_for_the_commissioner():
    p = _populated()
    rep = p.evaluate("commissioner")
    exact = p.evaluate("service_manager").frame("triage").set_index("source")
    got = rep.frame("triage").set_index("source")
    floor = p.disclosure_floor
    for source, row in got.iterrows():
        for col in ("received", "untriaged"):
            if col in row["suppressed_fields"]:
                assert pd.isna(row[col])
                continue
            v = row[col]
            assert v == 0 or v % floor.round_to == 0
            assert abs(v - exact.loc[source, col]) <= floor.max_perturbation + floor.round_to
    routes = rep.frame("triage_routes")
    exact_routes = p.evaluate("service_manager").frame("triage_routes")
    merged = routes.merge(exact_routes, on=["source", "route"], suffixes=("", "_exact"))
    small = merged[(merged["count_exact"] > 0) & (merged["count_exact"] < floor.min_count)]
    assert len(small) > 0 and small["suppressed"].all()  # every small cell withheld
    # Each source row with a withheld cell withholds at least two (no single cell recoverable).
    for source, g in merged[merged["source"] != "all"].groupby("source"):
        hidden = len(g[g["suppressed"] & (g["count_exact"] > 0)])
        if "untriaged" in got.loc[source, "suppressed_fields"] and exact.loc[source, "untriaged"] > 0:
            hidden += 1
        assert hidden != 1, source
    html = rep.to_html(plots=False)
    assert "Single point of access" in html
