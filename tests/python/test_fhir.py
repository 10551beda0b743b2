"""The FHIR R4 (UK Core) export checked by an independent parser: every exported resource is
parsed with fhir.resources (R4B models), and the UK Core constraints are asserted directly on the
parsed resources: fixed systems, identifier slices, codes, references resolving inside the
Bundle, no staff client, no non-consenting patient, no notes or goals, and the filters."""
import datetime as dt
import json

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

import laycoach

UTC = dt.timezone.utc
MANAGER = laycoach.Viewer(laycoach.Audience.SERVICE_MANAGER, "mgr")
NHS_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"
ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
UCUM = "http://unitsofmeasure.org"
UKCORE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-"
# The verified codes (docs/fhir.md); every other instrument must carry no coding at all.
CODES = {
    "swemwbs": {(SNOMED, "718466001")},
    "wemwbs": {(SNOMED, "718426000")},
    "phq9": {(SNOMED, "720433000"), (LOINC, "44261-6")},
    "gad7": {(SNOMED, "445455005"), (LOINC, "70274-6")},
    "pam level": {(SNOMED, "962851000000103")},
}


def nhs_valid(s):
    """The Modulus 11 rule, written here independently of the library."""
    if len(s) != 10 or not s.isdigit():
        return False
    check = 11 - sum(int(d) * (10 - i) for i, d in enumerate(s[:9])) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(s[9])


@pytest.fixture(scope="module")
def service():
    p = laycoach.demo.make(seed=3, coaches=12, staff_clients=40, patients=60, weeks=4, future_weeks=1, trainees=4)
    data = json.loads(p.to_json())
    # Item-level questionnaires with verified codes for one consenting patient (the demo's
    # patients answer PAM, confidence, goals and experience only).
    lines = {l["id"]: l["kind"] for l in data["catalogue"]["service_lines"]}
    patient_offers = {o["id"] for o in data["catalogue"]["offers"] if lines[o["service_line_id"]] != "workforce"}
    clients = {c["id"]: c for c in data["clients"]}
    ref = next(r for r in data["referrals"] if r["offer_id"] in patient_offers
               and clients[r["client_id"]]["consent"].get("gp_record"))
    when = dt.datetime.fromisoformat(ref["requested_at"].replace("Z", "+00:00")) + dt.timedelta(hours=1)
    for i, (ins, answers) in enumerate([("phq9", [1, 1, 2, 0, 1, 0, 0, 1, 0]), ("gad7", [2, 1, 1, 0, 0, 1, 3]),
                                        ("wemwbs", [3] * 14), ("swemwbs", [4, 3, 3, 2, 4, 3, 3])]):
        p.add_response({"id": f"extra{i}", "client_id": ref["client_id"], "referral_id": ref["id"],
                        "instrument_id": ins, "time_point": "baseline", "recorded_at": when + dt.timedelta(minutes=i),
                        "answers": answers})
    return p, json.loads(p.to_json()), patient_offers


def parse(bundle):
    """Every resource through the independent R4B models; returns {fullUrl: (type, model)}."""
    Bundle.model_validate(bundle)
    out = {}
    for e in bundle["entry"]:
        r = e["resource"]
        model = get_fhir_model_class(r["resourceType"]).model_validate(r)
        assert e["fullUrl"].startswith("urn:uuid:") and e["fullUrl"] not in out
        out[e["fullUrl"]] = (r["resourceType"], model)
    return out


def of(resources, kind):
    return [m for t, m in resources.values() if t == kind]


def references(node, found):
    if isinstance(node, dict):
        if "reference" in node:
            found.append(node["reference"])
        for v in node.values():
            references(v, found)
    elif isinstance(node, list):
        for v in node:
            references(v, found)
    return found


def test_every_resource_parses_and_meets_uk_core(service):
    p, data, _ = service
    bundle = p.to_fhir(MANAGER)
    res = parse(bundle)
    assert bundle["type"] == "collection"
    for kind, model in res.values():
        assert model.meta.profile == [UKCORE + kind]
    patients = of(res, "Patient")
    assert patients
    for pat in patients:
        (ident,) = pat.identifier
        assert ident.system == NHS_SYSTEM and nhs_valid(ident.value)
        for gp in pat.generalPractitioner or []:
            assert res[gp.reference][0] == "Organization"
    for org in of(res, "Organization"):
        (ident,) = org.identifier
        assert ident.system == ODS_SYSTEM and ident.value.isalnum() and ident.value.isupper()
    for enc in of(res, "Encounter"):
        assert enc.class_fhir.system == ACT_CODE and enc.class_fhir.code in ("VR", "AMB")
        assert [(c.system, c.code) for c in enc.type[0].coding] == [(SNOMED, "148471000000103")]
        assert enc.status in ("finished", "cancelled")
        assert res[enc.subject.reference][0] == "Patient"
        assert [res[x.individual.reference][0] for x in enc.participant] == ["Practitioner"]
        assert enc.period.start < enc.period.end
        if enc.serviceProvider:
            assert res[enc.serviceProvider.reference][0] == "Organization"
    for role in of(res, "PractitionerRole"):
        assert res[role.practitioner.reference][0] == "Practitioner"
    seen = set()
    for obs in of(res, "Observation"):
        assert obs.status == "final"
        assert [(c.system, c.code) for c in obs.category[0].coding] == [(OBS_CATEGORY, "survey")]
        codes = {(c.system, c.code) for c in obs.code.coding or []}
        assert codes == CODES.get(obs.code.text, set()), obs.code.text
        seen.add(obs.code.text)
        q = obs.valueQuantity or obs.component[0].valueQuantity
        assert (q.unit, q.system, q.code) == ("{ScoreOf}", UCUM, "{ScoreOf}")
        assert res[obs.subject.reference][0] == "Patient"
        (src,) = obs.derivedFrom
        qr = res[src.reference]
        assert qr[0] == "QuestionnaireResponse" and qr[1].subject.reference == obs.subject.reference
        if obs.encounter:
            assert res[obs.encounter.reference][0] == "Encounter"
    assert {"phq9", "gad7", "wemwbs", "swemwbs", "pam level", "pam", "confidence"} <= seen
    for qr in of(res, "QuestionnaireResponse"):
        assert qr.status == "completed" and qr.item and all(i.answer for i in qr.item)
    # Every reference in the Bundle resolves to one of its entries.
    refs = references(bundle, [])
    assert refs and all(r in res for r in refs)


def test_only_consenting_patients_and_never_notes_or_goals(service):
    p, data, patient_offers = service
    text = p.to_fhir_json(MANAGER)
    res = parse(json.loads(text))
    canon = {c["id"]: c["nhs_number"].replace(" ", "") for c in data["clients"] if c["kind"] == "patient"}
    consenting = {cid for cid, c in ((c["id"], c) for c in data["clients"])
                  if c["kind"] == "patient" and c["consent"].get("gp_record")}
    assert consenting and consenting != set(canon)  # the demo has both kinds of patient
    exported = {pat.identifier[0].value for pat in of(res, "Patient")}
    assert exported <= {canon[c] for c in consenting}
    for cid in set(canon) - consenting:
        assert canon[cid] not in text
    for c in data["clients"]:
        if c["kind"] == "staff":
            assert f'"{c["id"]}"' not in text
    for note in data["notes"]:
        assert note["text"] not in text
    for goal in data["goals"]:
        assert goal["description"] not in text
    # Every held or missed place of a consenting patient on a patient line is an Encounter, and only those.
    expected = 0
    for s in data["sessions"]:
        if s["offer_id"] not in patient_offers or s["status"] in ("booked", "rescheduled"):
            continue
        expected += sum(1 for a in s["attendees"] if a["client_id"] in consenting)
    assert len(of(res, "Encounter")) == expected > 0


def test_one_patient_and_a_period(service):
    p, data, _ = service
    full = parse(p.to_fhir(MANAGER))
    subject = of(full, "Encounter")[0].subject.reference
    nhs = full[subject][1].identifier[0].value
    pid = next(c["id"] for c in data["clients"] if c["kind"] == "patient" and c["nhs_number"].replace(" ", "") == nhs)
    one = parse(p.to_fhir(MANAGER, patient_id=pid))
    (pat,) = of(one, "Patient")
    assert pat.identifier[0].value == nhs
    for kind in ("Encounter", "Observation", "QuestionnaireResponse"):
        assert all(r.subject.reference == subject for r in of(one, kind))
    assert len(of(one, "Encounter")) == sum(1 for e in of(full, "Encounter") if e.subject.reference == subject)

    start, end = dt.datetime(2024, 1, 15, tzinfo=UTC), dt.datetime(2024, 1, 22, tzinfo=UTC)
    week = parse(p.to_fhir(MANAGER, start=start, end=end))
    encs = of(week, "Encounter")
    assert 0 < len(encs) < len(of(full, "Encounter"))
    assert all(start <= e.period.start < end for e in encs)
    assert all(start <= q.authored < end for q in of(week, "QuestionnaireResponse"))
    assert len(encs) == sum(1 for e in of(full, "Encounter") if start <= e.period.start < end)


def test_transaction_bundle_and_identical_re_export(service):
    p, _, _ = service
    t = p.to_fhir(MANAGER, bundle_type="transaction")
    res = parse(t)
    assert t["type"] == "transaction"
    for e in t["entry"]:
        r = e["resource"]
        assert e["request"] == {"method": "PUT", "url": f'{r["resourceType"]}/{r["id"]}'}
        assert e["fullUrl"] == "urn:uuid:" + r["id"]
    assert references(t, []) and all(r in res for r in references(t, []))
    post = p.to_fhir(MANAGER, bundle_type="transaction", request_method="post")
    parse(post)
    for e in post["entry"]:
        assert e["request"]["method"] == "POST" and "id" not in e["resource"]
        if e["resource"]["resourceType"] == "Patient":
            assert e["request"]["ifNoneExist"] == f'identifier={NHS_SYSTEM}|{e["resource"]["identifier"][0]["value"]}'
    assert p.to_fhir_json(MANAGER) == p.to_fhir_json(MANAGER)


def test_planned_sessions_only_on_request(service):
    p, _, _ = service
    planned = [e for e in of(parse(p.to_fhir(MANAGER, include_planned=True)), "Encounter") if e.status == "planned"]
    assert planned


def test_refusals(service):
    p, data, _ = service
    for viewer in (laycoach.Viewer(laycoach.Audience.COACH, "c1"), laycoach.Viewer(laycoach.Audience.COMMISSIONER, "")):
        with pytest.raises(laycoach.ForbiddenError) as e:
            p.to_fhir(viewer)
        assert (e.value.record, e.value.field, e.value.rule) == ("fhir_export", "viewer", "service_manager_only")
    staff = next(c["id"] for c in data["clients"] if c["kind"] == "staff")
    with pytest.raises(laycoach.ValidationError) as e:
        p.to_fhir(MANAGER, patient_id=staff)
    assert (e.value.record, e.value.field, e.value.rule) == (staff, "patient_id", "patient_only")
    refuser = next(c["id"] for c in data["clients"] if c["kind"] == "patient" and not c["consent"].get("gp_record"))
    with pytest.raises(laycoach.ForbiddenError) as e:
        p.to_fhir(MANAGER, patient_id=refuser)
    assert (e.value.record, e.value.field, e.value.rule) == (refuser, "consent.gp_record", "gp_record_consent")
    with pytest.raises(laycoach.NotFoundError) as e:
        p.to_fhir(MANAGER, patient_id="nobody")
    assert (e.value.record, e.value.field) == ("nobody", "patient_id")
    with pytest.raises(laycoach.ValidationError) as e:
        p.to_fhir(MANAGER, start=dt.datetime(2024, 2, 1, tzinfo=UTC), end=dt.datetime(2024, 1, 1, tzinfo=UTC))
    assert (e.value.record, e.value.field, e.value.rule) == ("fhir_export", "to", "period_order")
    with pytest.raises(laycoach.ParseError) as e:
        p.to_fhir(MANAGER, bundle_type="batch")
    assert (e.value.record, e.value.field) == ("fhir_export_options", "/bundle_type")
    with pytest.raises(laycoach.ValidationError) as e:
        p.to_fhir(MANAGER, start=dt.datetime(2024, 2, 1))  # naive: ambiguous
    log = p.access_log(MANAGER)
    fhir = log[log.operation == "export_fhir"]
    assert set(fhir.outcome) == {"allowed", "denied"}
    assert set(fhir[fhir.outcome == "denied"].rule) == {"service_manager_only", "gp_record_consent", "reference_resolves"}
