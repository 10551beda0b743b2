#!/usr/bin/env python3
"""Benchmark: the FHIR R4 export of a service the size of the national programme (default 40,000
sessions for 13,000 patients, 5 questionnaires each) by laycoach, against the same export
built with fhir.resources (R4B models: construct every resource, the Bundle, serialise) in
plain Python, in one run, printing both times and the ratio.

Both sides export the same resources: a Patient per consenting patient (NHS number), its GP
practice and PCN, a Practitioner and PractitionerRole per coach, an Encounter per place in a
held or missed session, a QuestionnaireResponse per response and its Observations (PHQ-9 and
GAD-7 coded, the PAM score and level). The script checks that both give the same number of
resources of each type before timing.

Usage: python benchmarks/bench_fhir.py [--sessions N] [--repeats R]
Needs the laycoach package (scripts/build_python.sh) and fhir.resources.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import statistics
import time
import uuid

from fhir.resources.R4B.bundle import Bundle, BundleEntry
from fhir.resources.R4B.encounter import Encounter
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.practitionerrole import PractitionerRole
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

import laycoach

UTC = dt.timezone.utc
START = dt.datetime(2024, 1, 8, tzinfo=UTC)
PER_PATIENT = 3
COACHES = 100
SLOTS_PER_DAY = 8


def nhs_numbers(n: int) -> list[str]:
    out, k = [], 0
    while len(out) < n:
        prefix = str(999000000 + k)
        check = 11 - sum(int(d) * (10 - j) for j, d in enumerate(prefix)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            out.append(prefix + str(check))
        k += 1
    return out


def iso(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def make_service(sessions: int) -> dict:
    """A whole-programme document: PCN practices, HWBC coaches, patients (90% consent to the GP
    record), referrals, sessions (mostly attended), PHQ-9 / GAD-7 / PAM responses."""
    patients = sessions // PER_PATIENT
    orgs = [{"ods_code": "U10001", "name": "North PCN", "kind": "pcn"},
            {"ods_code": "U10002", "name": "South PCN", "kind": "pcn"}]
    practices = [f"B{82000 + i}" for i in range(20)]
    orgs += [{"ods_code": ods, "name": f"Practice {ods}", "kind": "gp_practice", "parent_ods": "U1000" + str(1 + i % 2)}
             for i, ods in enumerate(practices)]
    coaches = [{
        "id": f"hwbc{c:03d}", "name": f"Coach {c}", "clinical_background": "nurse",
        "training": [{"programme": "PCI health coaching (4 days)", "days": 4, "practice_hours": 30,
                      "skills_assessed": True, "pci_accredited": True, "completed": "2022-03-04"}],
        "memberships": ["ukhca"], "offers": ["hwbc_clinical_1to1"],
        "modalities": ["video", "telephone", "face_to_face"],
        "rota": {"weekly": [{"weekday": d, "start_min": 480, "end_min": 1320} for d in range(7)],
                 "max_sessions_per_day": 8, "max_sessions_per_week": 56},
        "safeguarding_lead": "Dr Safe", "first_point_of_contact": "Practice manager"} for c in range(COACHES)]
    numbers = nhs_numbers(patients)
    clients, referrals, sess, responses = [], [], [], []
    statuses = ["attended"] * 8 + ["client_did_not_attend", "cancelled_by_client"]
    modalities = ["video", "telephone", "face_to_face"]
    for i in range(patients):
        pid = f"pt{i:06d}"
        clients.append({"id": pid, "kind": "patient", "nhs_number": numbers[i], "organisation": practices[i % 20],
                        "pam_level": 2, "referral_source": "gp",
                        "consent": {"coaching": True, "evaluation": True, "gp_record": i % 10 != 0,
                                    "recorded_at": iso(START - dt.timedelta(days=7))}})
        rid = f"r{i:06d}"
        referrals.append({"id": rid, "client_id": pid, "offer_id": "hwbc_clinical_1to1", "source": "gp",
                          "requested_at": iso(START - dt.timedelta(days=3))})
        base = START - dt.timedelta(days=2) + dt.timedelta(seconds=i)
        pam = 40 + (i * 7) % 40
        phq = [(i + k) % 4 for k in range(9)]
        gad = [(i + 2 * k) % 4 for k in range(7)]
        responses += [
            {"id": f"q{i:06d}a", "client_id": pid, "referral_id": rid, "instrument_id": "pam", "time_point": "baseline",
             "recorded_at": iso(base), "recorded_score": float(pam)},
            {"id": f"q{i:06d}b", "client_id": pid, "referral_id": rid, "instrument_id": "phq9", "time_point": "baseline",
             "recorded_at": iso(base), "answers": phq},
            {"id": f"q{i:06d}c", "client_id": pid, "referral_id": rid, "instrument_id": "gad7", "time_point": "baseline",
             "recorded_at": iso(base), "answers": gad},
            {"id": f"q{i:06d}d", "client_id": pid, "referral_id": rid, "instrument_id": "phq9",
             "time_point": "end_of_episode", "recorded_at": iso(START + dt.timedelta(days=150, seconds=i)),
             "answers": [max(0, a - 1) for a in phq]},
            {"id": f"q{i:06d}e", "client_id": pid, "referral_id": rid, "instrument_id": "gad7",
             "time_point": "end_of_episode", "recorded_at": iso(START + dt.timedelta(days=150, seconds=i)),
             "answers": [max(0, a - 1) for a in gad]},
        ]
    for s in range(PER_PATIENT):
        for i in range(patients):
            j = s * patients + i  # a patient's sessions lie weeks apart; each coach's never overlap
            coach, slot = j % COACHES, j // COACHES
            day = slot // SLOTS_PER_DAY  # the d-th weekday from START (a Monday): the offer is closed at weekends
            start = START + dt.timedelta(days=7 * (day // 5) + day % 5, hours=1 + slot % SLOTS_PER_DAY)
            sess.append({"id": f"s{j:06d}", "offer_id": "hwbc_clinical_1to1", "coach_id": f"hwbc{coach:03d}",
                         "attendees": [{"client_id": f"pt{i:06d}", "referral_id": f"r{i:06d}"}],
                         "start": iso(start + dt.timedelta(hours=8)), "minutes": 45, "modality": modalities[j % 3],
                         "status": statuses[j % 10], "booked_at": iso(START - dt.timedelta(days=2))})
    for s in sess:
        s["attendees"][0]["status"] = {"attended": "attended", "client_did_not_attend": "did_not_attend"}.get(
            s["status"], "cancelled")
    doc = json.loads(laycoach.Programme().to_json())
    doc.update(organisations=orgs, coaches=coaches, clients=clients, referrals=referrals, sessions=sess,
               responses=responses)
    return doc


# ---- the same export with fhir.resources ---------------------------------------------------------
NS = uuid.UUID("6b1c3a52-5b0e-4c5e-9a43-7d2a1f0e8c11")
PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-"
SNOMED, LOINC = "http://snomed.info/sct", "http://loinc.org"
CODES = {"phq9": [(SNOMED, "720433000"), (LOINC, "44261-6")], "gad7": [(SNOMED, "445455005"), (LOINC, "70274-6")]}
STATUS = {"attended": "finished", "client_did_not_attend": "cancelled", "coach_did_not_attend": "cancelled",
          "cancelled_by_client": "cancelled", "cancelled_by_coach": "cancelled"}


def fhir_resources_export(doc: dict) -> str:
    """What a competent Python user would write: one model per resource, a Bundle, serialised."""
    def uid(kind, key):
        return str(uuid.uuid5(NS, kind + "/" + key))

    def ref(u):
        return {"reference": "urn:uuid:" + u}

    def meta(kind):
        return {"profile": [PROFILE + kind]}

    def quantity(v):
        return {"value": v, "unit": "{ScoreOf}", "system": "http://unitsofmeasure.org", "code": "{ScoreOf}"}

    entries = []

    def add(model, u):
        entries.append(BundleEntry(fullUrl="urn:uuid:" + u, resource=model))

    orgs = {o["ods_code"]: o for o in doc["organisations"]}
    coaches = {c["id"]: c for c in doc["coaches"]}
    clients = {c["id"]: c for c in doc["clients"]}
    lines = {l["id"]: l["kind"] for l in doc["catalogue"]["service_lines"]}
    patient_offers = {o["id"] for o in doc["catalogue"]["offers"] if lines[o["service_line_id"]] != "workforce"}
    done_org, done_coach, done_patient = {}, {}, {}

    def org(ods):
        if ods in done_org:
            return done_org[ods]
        o = orgs[ods]
        parent = org(o["parent_ods"]) if o.get("parent_ods") else None
        u = done_org[ods] = uid("Organization", ods)
        add(Organization(id=u, meta=meta("Organization"), name=o["name"], partOf=ref(parent) if parent else None,
                         identifier=[{"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": ods}]), u)
        return u

    def practitioner(cid):
        if cid in done_coach:
            return done_coach[cid]
        c = coaches[cid]
        u = done_coach[cid] = uid("Practitioner", cid)
        add(Practitioner(id=u, meta=meta("Practitioner"), active=c.get("active", True), name=[{"text": c["name"]}]), u)
        r = uid("PractitionerRole", cid)
        add(PractitionerRole(id=r, meta=meta("PractitionerRole"), active=c.get("active", True),
                             practitioner=ref(u), code=[{"text": "Health and wellbeing coach"}]), r)
        return u

    def patient(pid):
        if pid in done_patient:
            return done_patient[pid]
        c = clients[pid]
        gp = org(c["organisation"]) if c.get("organisation") else None
        u = done_patient[pid] = uid("Patient", pid)
        add(Patient(id=u, meta=meta("Patient"),
                    identifier=[{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": c["nhs_number"].replace(" ", "")}],
                    generalPractitioner=[ref(gp)] if gp else None), u)
        return u

    def ok(pid):
        c = clients[pid]
        return c["kind"] == "patient" and c["consent"].get("gp_record")

    for s in sorted(doc["sessions"], key=lambda s: (s["start"], s["id"])):
        if s["offer_id"] not in patient_offers or s["status"] in ("booked", "rescheduled"):
            continue
        for a in s["attendees"]:
            if not ok(a["client_id"]):
                continue
            c = clients[a["client_id"]]
            pu, cu = patient(c["id"]), practitioner(s["coach_id"])
            gp = org(c["organisation"]) if c.get("organisation") else None
            u = uid("Encounter", s["id"] + "/" + c["id"])
            start = dt.datetime.fromisoformat(s["start"].replace("Z", "+00:00"))
            face = s["modality"] == "face_to_face"
            add(Encounter(
                id=u, meta=meta("Encounter"), status=STATUS[s["status"]],
                class_fhir={"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                            "code": "AMB" if face else "VR", "display": "ambulatory" if face else "virtual"},
                type=[{"coding": [{"system": SNOMED, "code": "148471000000103",
                                   "display": "Seen by health and wellbeing coach"}]}],
                subject=ref(pu),
                participant=[{"type": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                                                    "code": "PPRF", "display": "primary performer"}]}],
                              "individual": ref(cu)}],
                period={"start": start, "end": start + dt.timedelta(minutes=s["minutes"])},
                serviceProvider=ref(gp) if gp else None), u)
    refs = {r["id"]: r for r in doc["referrals"]}
    for r in sorted(doc["responses"], key=lambda r: (r["recorded_at"], r["id"])):
        if not ok(r["client_id"]) or refs[r["referral_id"]]["offer_id"] not in patient_offers:
            continue
        pu = patient(r["client_id"])
        q = uid("QuestionnaireResponse", r["id"])
        ins = r["instrument_id"]
        if ins == "pam":
            items = [{"linkId": "score", "answer": [{"valueDecimal": r["recorded_score"]}]}]
        else:
            items = [{"linkId": str(k + 1), "answer": [{"valueInteger": a}]}
                     for k, a in enumerate(r["answers"]) if a is not None]
        add(QuestionnaireResponse(id=q, meta=meta("QuestionnaireResponse"), status="completed", subject=ref(pu),
                                  authored=r["recorded_at"], item=items), q)

        def obs(key, code, value):
            u = uid("Observation", key)
            add(Observation(id=u, meta=meta("Observation"), status="final",
                            category=[{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                                   "code": "survey", "display": "Survey"}]}],
                            code=code, subject=ref(pu), effectiveDateTime=r["recorded_at"],
                            valueQuantity=quantity(value), derivedFrom=[ref(q)]), u)

        if ins == "pam":
            obs(r["id"], {"text": "pam"}, r["recorded_score"])
            obs(r["id"] + "/level", {"coding": [{"system": SNOMED, "code": "962851000000103"}], "text": "pam level"},
                laycoach.pam_level(r["recorded_score"]))
        else:
            obs(r["id"], {"coding": [{"system": s, "code": c} for s, c in CODES[ins]], "text": ins}, sum(r["answers"]))
    return Bundle(id=uid("Bundle", "all"), type="collection", entry=entries).model_dump_json(exclude_none=True)


def counts(bundle: dict) -> collections.Counter:
    return collections.Counter(e["resource"]["resourceType"] for e in bundle["entry"])


def best(f, repeats):
    """The fastest of `repeats` runs: (wall seconds, CPU seconds of this process, median wall, result)."""
    runs = []
    out = None
    for _ in range(repeats):
        t, c = time.perf_counter(), time.process_time()
        out = f()
        runs.append((time.perf_counter() - t, time.process_time() - c))
    wall, cpu = min(runs)
    return wall, cpu, statistics.median(r[0] for r in runs), out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", type=int, default=40_000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    t = time.perf_counter()
    doc = make_service(args.sessions)
    p = laycoach.Programme.from_json(json.dumps(doc))
    doc = json.loads(p.to_json())  # the records as stored (defaults filled in)
    print(f"service: {len(doc['sessions']):,} sessions, {len(doc['clients']):,} patients, "
          f"{len(doc['responses']):,} responses (built and validated in {time.perf_counter() - t:.1f} s)")
    manager = laycoach.Viewer(laycoach.Audience.SERVICE_MANAGER, "bench")

    lc_best, lc_cpu, lc_med, text = best(lambda: p.to_fhir_json(manager), args.repeats)
    dict_best, dict_cpu, _, _ = best(lambda: p.to_fhir(manager), 1)
    ours = json.loads(text)
    py_best, py_cpu, py_med, theirs = best(lambda: fhir_resources_export(doc), max(1, args.repeats // 3))
    theirs = json.loads(theirs)
    if counts(ours) != counts(theirs):
        raise SystemExit(f"the two exports differ: {counts(ours)} vs {counts(theirs)}")
    n = sum(counts(ours).values())
    print(f"resources: {n:,} ({', '.join(f'{k} {v:,}' for k, v in sorted(counts(ours).items()))}); "
          f"bundle {len(text) / 1e6:.0f} MB")
    print("                                          wall        CPU (this process)")
    print(f"laycoach fhir_export (C++, JSON text):   {lc_best:7.3f} s   {lc_cpu:7.3f} s  (median wall {lc_med:.3f} s)")
    print(f"laycoach Programme.to_fhir (as a dict):  {dict_best:7.3f} s   {dict_cpu:7.3f} s  (json.loads included)")
    print(f"fhir.resources (R4B models + serialise): {py_best:7.3f} s   {py_cpu:7.3f} s")
    print(f"ratio fhir.resources / laycoach:         {py_best / lc_best:7.1f}x   {py_cpu / lc_cpu:7.1f}x")

if __name__ == "__main__":
    main()
