"""The ``laycoach`` command.

    laycoach demo [--store PATH] [--report PATH] [--seed N]   a whole demo service on SQLite
    laycoach summary STORE [--audience A] [--id ID]           activity counts for an audience
    laycoach audit STORE [--at ISO]                           rule breaches needing action
    laycoach schema                                           the SQLite tables (Markdown)
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import sys
import time
from typing import Any, Dict, List, Optional

from . import _core
from .frames import frame


def _print_table(rows, headers) -> None:
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
              for i, h in enumerate(headers)]
    print("  " + "  ".join(str(h).ljust(w) for h, w in zip(headers, widths)))
    for r in rows:
        print("  " + "  ".join(str(c).ljust(w) for c, w in zip(r, widths)))


def _summary(p: "_core.Programme", viewer: "_core.Viewer") -> None:
    s = p.summary(viewer)
    rows = [(name, "*" if v is None else int(v)) for name, v in s.figures.items()]
    print(f"Activity for audience '{viewer.audience.id}'" + (f" ({viewer.id})" if viewer.id else "") + ":")
    _print_table(rows, ["figure", "count"])


def _audit(p: "_core.Programme", at: dt.datetime) -> int:
    breaches = p.audit(at)
    print(f"Rule breaches at {at.isoformat()}: {len(breaches)}")
    for b in breaches:
        print(f"  [{b.rule}] {b.record}: {b.detail}")
    return len(breaches)


def cmd_demo(args: argparse.Namespace) -> int:
    from . import demo

    if os.path.exists(args.store):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(args.store + suffix):
                os.remove(args.store + suffix)
    t0 = time.perf_counter()
    generated = demo.make(seed=args.seed)
    t1 = time.perf_counter()
    store = _core.Programme.open(args.store)
    store.replace_from(generated)
    t2 = time.perf_counter()
    del store
    p = _core.Programme.open(args.store)  # what is on disk, not what is in memory
    t3 = time.perf_counter()
    if p.to_json() != generated.to_json():
        print("error: the reopened store differs from what was saved", file=sys.stderr)
        return 1
    now = demo.as_of(seed=args.seed)
    print(f"laycoach {_core.__version__}: demo service in {args.store}")
    print(f"  generated in {1000 * (t1 - t0):.0f} ms, saved in {1000 * (t2 - t1):.0f} ms, "
          f"reopened in {1000 * (t3 - t2):.0f} ms")
    sessions = frame(p, "sessions")
    counts = [
        ("service lines", len(p.catalogue.service_lines)),
        ("offers", len(p.catalogue.offers)),
        ("organisations", len(frame(p, "organisations"))),
        ("coaches", len(p.coaches())),
        ("clients", p.client_count),
        ("referrals", len(frame(p, "referrals"))),
        ("sessions", len(sessions)),
        ("supervision records", len(frame(p, "supervision"))),
        ("safeguarding concerns", len(p.concerns())),
        ("people trained", len(p.training_register())),
        ("questionnaire responses", len(p.responses())),
    ]
    print("What the store holds:")
    _print_table(counts, ["record", "count"])
    print("Sessions by status:")
    _print_table(sorted(sessions["status"].value_counts().items()), ["status", "count"])
    print(f"As of {now.isoformat()}:")
    _summary(p, _core.Viewer("service_manager"))
    _summary(p, _core.Viewer("commissioner"))
    overdue = p.overdue_supervision(now.date())
    print(f"Coaches overdue for supervision: {len(overdue)}")
    for o in overdue:
        last = o.last.isoformat() if o.last else "never"
        print(f"  {o.coach_id}: {o.kind.id} overdue by {o.days_overdue} days (last {last})")
    _audit(p, now)
    _safety_and_gp_record(p, now)
    _pathway(p, now)
    _evaluation(p, args.report)
    _capacity(p, now)
    return 0


def _capacity(p: "_core.Programme", now: dt.datetime, replications: int = 20, added: int = 4) -> None:
    """The capacity simulation: demand fitted from the demo's history, the current coaches
    against `added` more on weekday evenings, the 24-hour share with its interval."""
    from . import simulation

    t0 = time.perf_counter()
    demand = simulation.fit_demand(p)
    monday = dt.datetime(now.year, now.month, now.day, tzinfo=dt.timezone.utc) + dt.timedelta(days=7 - now.weekday())
    current = simulation.scenario(p, demand, start=monday, days=28)
    evenings = current.add_coaches(added, like=current.coach_ids[1], hours=("18:00", "22:00"), weekdays=range(5))
    runs = [(f"current rota ({len(current.coach_ids)} coaches)", current),
            (f"+{added} coaches on weekday evenings", evenings)]
    week = sum(s["requests_per_week"] for s in demand.streams)
    print(f"Capacity simulation: {replications} replications of 28 days from {monday.date()}, demand fitted "
          f"from the history ({week:.0f} requests a week, {len(demand.streams)} streams)")
    rows, shares = [], []
    for label, sc in runs:
        r = simulation.simulate(sc, replications=replications, seed=1, progress=False)
        f, med = r.share_within(24), r.figure("wait_median_minutes")
        shares.append(f["mean"])
        rows.append((label, f"{100 * f['mean']:.1f}% [95% CI {100 * f['lower']:.1f}, {100 * f['upper']:.1f}]",
                     f"{med['mean'] / 60:.1f} h", f"{100 * r.figure('share_unmet')['mean']:.1f}%",
                     f"{100 * r.figure('utilisation')['mean']:.1f}%"))
    _print_table(rows, ["scenario", "first session within 24 h", "median wait", "unmet", "coach utilisation"])
    if shares[0] == shares[-1]:
        print("  more coaches do not change the 24-hour share at this demand: the rota is not the constraint")
    print(f"  simulated in {time.perf_counter() - t0:.1f} s (docs/simulation.md)")


def _safety_and_gp_record(p: "_core.Programme", now: dt.datetime) -> None:
    """Clinical-safety signals, the host's outbox and the FHIR export for the GP record."""
    # A patient in the demo answers a PHQ-9 with item 9 (thoughts of self-harm) above 0.
    referrals = frame(p, "referrals")
    clients = frame(p, "clients")
    patients = set(clients.loc[clients["kind"] == "patient", "id"])
    patient_referrals = referrals[referrals["client_id"].isin(patients)]
    if len(patient_referrals):
        r = patient_referrals.iloc[0]
        score = p.add_response({"id": "demo-phq9", "client_id": r["client_id"], "referral_id": r["id"],
                                "instrument_id": "phq9", "time_point": "post_session",
                                "recorded_at": now.isoformat().replace("+00:00", "Z"),
                                "answers": [1, 2, 1, 1, 0, 1, 1, 0, 1]})
        print(f"A patient's PHQ-9 recorded: total {score.total:g} ({score.band}), risk flags {score.risk_flags}")
        on_audit = [b for b in p.audit(now) if b.rule == "risk_flag_open"]
        print(f"  on the audit: {', '.join(f'[{b.rule}] {b.record}' for b in on_audit)}")
    flags = p.risk_flags()
    open_flags = p.risk_flags(open_only=True)
    print(f"Clinical risk flags (e.g. PHQ-9 item 9 > 0): {len(flags)} raised, {len(open_flags)} open "
          "(on the audit until a named person acknowledges them or a concern names them)")
    events = p.pending_events(limit=10000)
    kinds = collections.Counter(e.kind.id for e in events)
    print(f"Events waiting in the outbox for the host: {len(events)}"
          + (f" ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})" if events else ""))
    for f in open_flags:
        p.acknowledge_risk_flag(f.id, "Dr Helen Marsh (duty GP)", now, "called the patient the same day")
    if events:
        p.acknowledge_events(events[-1].seq)  # the host sent what it had to, then acknowledges
    print(f"  after the duty GP acknowledged the flag and the host its events: "
          f"{len(p.risk_flags(open_only=True))} open, {len(p.pending_events())} waiting")
    t0 = time.perf_counter()
    bundle = p.to_fhir_json(_core.Viewer("service_manager", "demo"))
    elapsed = time.perf_counter() - t0
    resources = collections.Counter(e["resource"]["resourceType"] for e in json.loads(bundle).get("entry", []))
    print(f"FHIR R4 (UK Core) export for the GP record: {sum(resources.values())} resources in "
          f"{1000 * elapsed:.0f} ms, patients who consented only, never staff coaching, notes or goals (docs/fhir.md)")
    _print_table(sorted(resources.items()), ["resource", "count"])


def _iso(t: dt.datetime) -> str:
    return t.isoformat().replace("+00:00", "Z")


def _pathway(p: "_core.Programme", now: dt.datetime) -> None:
    """The pathway around the session: the single point of access, a series, a care plan and an
    onward referral, and the usage survey of people trained in coaching skills."""
    from . import booking

    clients = frame(p, "clients")
    patients = list(clients.loc[clients["kind"] == "patient", "id"])
    # Single point of access: referrals arrive untriaged; the rules propose, a named person decides.
    routes = ["hwbc_non_clinical", "social_prescribing", "not_accepted"]
    decided = []
    for i, (cid, route) in enumerate(zip(patients[:3], routes)):
        item = p.receive_referral({"id": f"spa-{i + 1}", "client_id": cid, "source": "gp",
                                   "received_at": _iso(now - dt.timedelta(hours=30 - 6 * i)),
                                   "reason": "low mood and weight gain after a knee operation"})
        kw = {"offer_id": "hwbc_non_clinical_1to1"} if route.startswith("hwbc") else {}
        if route == "not_accepted":
            kw["not_accepted_reason"] = "already supported by the community mental health team"
        done = p.triage(item["id"], route=route, decided_by="SPA duty coordinator",
                        decided_at=now - dt.timedelta(hours=20 - 6 * i), **kw)
        decided.append((done["id"], done.get("proposed_route") or "-", done["route"], done.get("referral_id") or "-"))
    p.record_first_contact("spa-2", now - dt.timedelta(hours=2))
    print("Single point of access: referrals triaged by a named person (rules propose, docs/triage.md):")
    _print_table(decided, ["inbox item", "rules proposed", "decided route", "referral opened"])
    # A series of sessions for the referral the triage opened, all or nothing through the one rule.
    referral = p.referral("spa-1")
    coaches = [c for c in p.coaches() if "hwbc_non_clinical_1to1" in c.offers and c.active]
    sessions = []
    for c in coaches:
        try:
            sessions = booking.book_series_earliest(p, referral.client_id, count=4, repeat="weekly",
                                                   coach_id=c.id, referral_id=referral.id,
                                                   earliest=now + dt.timedelta(days=1),
                                                   latest=now + dt.timedelta(days=60), now=now)
            break
        except _core.Error:
            continue  # this coach's rota cannot hold four weekly sessions in the window
    if sessions:
        print(f"  a series of {len(sessions)} weekly sessions booked with coach {sessions[0].coach_id} from "
              f"{_iso(sessions[0].start)} (series {sessions[0].series_id}; agreed sessions: "
              f"{p.agreed_sessions(referral.id)})")
        coach = _core.Viewer("coach", sessions[0].coach_id)
        plan = p.add_care_plan({"id": "plan-spa-1", "client_id": referral.client_id, "referral_id": referral.id,
                                "what_matters": "walking the dog again", "goals": ["walk 30 minutes a day"],
                                "actions": ["join the practice walking group"], "agreed_sessions": 4,
                                "agreed_at": _iso(now), "agreed_by": sessions[0].coach_id}, coach)
        onward = p.add_onward_referral({"id": "onward-spa-1", "client_id": referral.client_id, "referral_id": referral.id,
                                        "destination": "physical_activity", "referred_at": _iso(now),
                                        "referred_by": sessions[0].coach_id}, coach)
        print(f"  care plan version {plan.version} agreed (confidential; shared only with consent, never with an "
              f"employer); onward referral to {onward.destination.id}")
    # Usage survey of people trained in coaching skills, sent at intervals after the course.
    for wid, weeks in (("4w", 4), ("12w", 12)):
        p.add_usage_wave({"id": wid, "weeks": weeks})
    created = p.schedule_usage_invitations(now.date())
    due = p.usage_invitations_due(now.date())
    p.mark_usage_invitations_sent([i.id for i in due], now)
    for k, inv in enumerate(due[: len(due) * 2 // 3]):  # two in three answer
        p.record_usage_response(inv.id, [k % 4, 1, k % 2, 0, 0, 5 + k % 5], now)
    register = p.practice_register()
    practising = sum(1 for r in register if r.practising)
    print(f"Usage survey of people trained in coaching skills: {len(created)} invitations, {len(due)} sent, "
          f"{len(due) * 2 // 3} answered; {practising} of {len(register)} trained people practise "
          "(docs/usage-tracking.md)")


def _equity_and_value(p: "_core.Programme") -> Dict[str, Any]:
    """Options for the equity and value sections: the workforce by staff group (a denominator the
    service supplies) and unit costs. The demo's figures are illustrative, not a published source."""
    clients = frame(p, "clients")
    groups = clients.loc[(clients["kind"] == "staff") & (clients["staff_group"] != ""), "staff_group"]
    workforce = {g: int(n) * 40 for g, n in groups.value_counts().items()}
    costs = {"source": "illustrative figures for the demo (see docs/equity-and-value.md for published sources)",
             "price_year": "2024/25",
             "coach_hour": {"default": {"value": 60, "plus_minus_percent": 15}},
             "session": {"video": {"value": 4, "low": 2, "high": 6}},
             "training_day": {"value": 250, "low": 200, "high": 300},
             "supervision_hour": {"value": 70, "plus_minus_percent": 20}}
    return {"equity": {"denominators": {"staff_group": workforce}}, "unit_costs": costs}


def _nan(df):
    """A released table with NaN for pd.NA (object columns), for printing with format specs."""
    return df.astype(object).where(df.notna(), float("nan"))


def _evaluation(p: "_core.Programme", report_path: Optional[str]) -> None:
    """The evaluation headline for a commissioner (disclosure-controlled), and the HTML report."""
    t0 = time.perf_counter()
    report = p.evaluate(_core.Viewer("commissioner"), **_equity_and_value(p))
    elapsed = time.perf_counter() - t0
    outcomes = _nan(report.frames()["outcomes"])
    overall = outcomes[outcomes["dimension"] == "all"]
    print(f"Evaluation for a commissioner ({1000 * elapsed:.0f} ms; counts of 1-7 suppressed, others perturbed by the "
          "cell key method and rounded to 5; docs/disclosure.md):")
    rows = []
    for _, r in overall.iterrows():
        if r["suppressed"] or r["n"] != r["n"]:
            rows.append((r["outcome"], "*", "*", "*", "*", "*"))
            continue
        rows.append((r["outcome"], int(r["n"]), f"{r['mean_before']:.2f} -> {r['mean_after']:.2f}",
                     f"{r['mean_change']:+.2f} [{r['ci_low']:+.2f}, {r['ci_high']:+.2f}]",
                     "<0.0001" if r["p"] < 0.0001 else f"{r['p']:.2g}", f"{r['d_z']:.2f}"))
    _print_table(rows, ["outcome", "n paired", "mean before -> after", "change [95% CI]", "p (t)", "d_z"])
    value = _nan(report.value_frame())
    rows = [(r["name"], "*" if r["suppressed"] or r["cost"] != r["cost"] else
             f"\u00a3{r['cost']:,.2f} (\u00a3{r['cost_low']:,.2f}-\u00a3{r['cost_high']:,.2f})")
            for _, r in value.iterrows() if r["item"].startswith(("total", "per_"))]
    print("Value (illustrative unit costs; range = every unit cost at its low or high end; docs/equity-and-value.md):")
    _print_table(rows, ["figure", "cost (low-high)"])
    equity = _nan(report.equity_frame())
    rows = [(r["group"], "*" if r["suppressed"] else f"{r['representation']:.2f} "
             f"[{r['representation_ci_low']:.2f}, {r['representation_ci_high']:.2f}]")
            for _, r in equity.iterrows() if r["group"] != "all"]
    print("Access equity by staff group: representation ratio (uptake against the rest of the workforce, Katz 95% CI):")
    _print_table(rows, ["staff group", "ratio [95% CI]"])
    if report_path:
        report.save_html(report_path, title="Demo coaching service: evaluation for the commissioner")
        print(f"HTML report: {report_path}")


def cmd_summary(args: argparse.Namespace) -> int:
    p = _core.Programme.open(args.store, "r")  # read-only: a mistyped path is an error, never a new store
    _summary(p, _core.Viewer(args.audience, args.id))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    p = _core.Programme.open(args.store, "r")
    at = dt.datetime.fromisoformat(args.at.replace("Z", "+00:00")) if args.at else dt.datetime.now(dt.timezone.utc)
    _audit(p, at)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    print(_core.store_schema_markdown(), end="")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="laycoach", description="Run and evaluate confidential coaching.")
    parser.add_argument("--version", action="version", version=f"laycoach {_core.__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("demo", help="create a whole demo service in an SQLite file and report on it")
    d.add_argument("--store", default="laycoach-demo.sqlite", help="SQLite file to (re)create")
    d.add_argument("--report", default=None, help="write the evaluation report here (HTML)")
    d.add_argument("--seed", type=int, default=42)
    d.set_defaults(run=cmd_demo)
    s = sub.add_parser("summary", help="activity counts for an audience")
    s.add_argument("store")
    s.add_argument("--audience", default="service_manager")
    s.add_argument("--id", default="")
    s.set_defaults(run=cmd_summary)
    a = sub.add_parser("audit", help="rule breaches needing action")
    a.add_argument("store")
    a.add_argument("--at", default=None, help="ISO 8601 instant (default: now)")
    a.set_defaults(run=cmd_audit)
    sc = sub.add_parser("schema", help="print the SQLite tables as Markdown")
    sc.set_defaults(run=cmd_schema)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except _core.Error as e:
        print(f"laycoach: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
