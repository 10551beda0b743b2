"""Issue 8 from Python: analyst frames and extracts carry no NHS number, name or free text; an
extract's pseudonyms join within a recipient, differ between recipients, are stable across calls
and handles, and are HMAC-SHA-256 under a key only the service's secret gives (checked here
independently with the secret read from the store file); lengths are limited; every JSON text
entry point refuses a repeated key."""
import hashlib
import hmac
import json
import sqlite3

import pandas as pd
import pytest

import laycoach

RECIPIENT_A = "NHS England analytics"
RECIPIENT_B = "University evaluation team"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    demo = laycoach.demo.make(seed=4, coaches=6, staff_clients=40, patients=20, weeks=3, future_weeks=1, trainees=6)
    path = tmp_path_factory.mktemp("extract") / "demo.sqlite"
    p = laycoach.Programme.open(str(path))
    p.load_json(demo.to_json())
    return p, path, json.loads(p.to_json())


def secrets(doc):
    """NHS numbers (searched for inside every cell), and names and free text (whole cells)."""
    nhs = {c["nhs_number"] for c in doc["clients"] if c.get("nhs_number")}
    whole = set()
    for c in doc["clients"]:
        whole.add(c.get("ethnicity") or "")
    for c in doc.get("coaches", []):
        whole |= {c.get("name") or "", c.get("safeguarding_lead") or "", c.get("first_point_of_contact") or ""}
    for r in doc.get("referrals", []):
        whole.add(r.get("adjustments") or "")
    for s in doc.get("sessions", []):
        whole |= {s.get("adjustments") or "", s.get("override_by") or "", s.get("override_reason") or ""}
    whole |= {n["text"] for n in doc.get("notes", [])}
    whole |= {g["description"] for g in doc.get("goals", [])}
    whole |= {r.get("supervisor") or "" for r in doc.get("supervision", [])}
    whole |= {c.get("escalated_to") or "" for c in doc.get("safeguarding", [])}
    whole.discard("")
    return nhs, whole


def leaks(frames, nhs, whole):
    found = []
    for name, df in frames.items():
        for col in df.columns:
            for v in df[col]:
                if not isinstance(v, str):
                    continue
                if v in whole:
                    found.append((name, col, v))
                digits = v.replace(" ", "")
                found += [(name, col, n) for n in nhs if n in digits]
    return found


def test_no_nhs_number_name_or_free_text_in_frames_or_extracts(service):
    p, _, doc = service
    nhs, whole = secrets(doc)
    assert len(nhs) == 20 and len(whole) >= 10
    # the detector finds what it looks for (a control)
    some = next(iter(nhs))
    control = {"t": pd.DataFrame({"x": [some[:3] + " " + some[3:], next(iter(whole))]})}
    assert len(leaks(control, nhs, whole)) == 2
    frames = laycoach.frames(p)
    assert set(frames) == set(laycoach.analyst_tables())
    assert "notes" not in frames and "goals" not in frames
    assert leaks(frames, nhs, whole) == []
    for recipient in (RECIPIENT_A, RECIPIENT_B):
        out = laycoach.extract(p, recipient)
        assert set(out) == set(laycoach.analyst_tables())
        assert leaks(out, nhs, whole) == []
        assert sum(len(df) for df in out.values()) > 300
    for withheld in ("nhs_number", "ethnicity"):
        assert withheld not in frames["clients"].columns
        assert withheld not in laycoach.table_column_kinds("clients")
    assert "name" not in frames["coaches"].columns
    assert "ethnicity_group" in frames["clients"].columns
    with pytest.raises(laycoach.ForbiddenError):
        laycoach.extract(p, RECIPIENT_A, "notes")
    with pytest.raises(laycoach.NotFoundError):
        laycoach.extract(p, RECIPIENT_A, ["clients", "no_such_table"])


def test_an_extract_joins_within_its_recipient(service):
    p, _, doc = service
    out = laycoach.extract(p, RECIPIENT_A, ["clients", "referrals", "sessions", "session_attendees", "responses", "coaches",
                                           "offers"])
    clients, referrals = out["clients"], out["referrals"]
    assert clients["id"].is_unique and len(clients) == len(doc["clients"])
    assert clients["id"].str.fullmatch(r"[0-9a-f]{32}").all()
    assert not set(clients["id"]) & {c["id"] for c in doc["clients"]}
    assert len(referrals.merge(clients, left_on="client_id", right_on="id")) == len(referrals)
    att = out["session_attendees"]
    assert len(att.merge(out["sessions"], left_on="owner", right_on="id")) == len(att)
    assert len(att.merge(clients, left_on="client_id", right_on="id")) == len(att)
    linked = att.dropna(subset=["referral_id"])
    assert len(linked.merge(referrals, left_on="referral_id", right_on="id")) == len(linked)
    assert len(out["responses"].merge(clients, left_on="client_id", right_on="id")) == len(out["responses"])
    assert set(out["sessions"]["coach_id"]) <= set(out["coaches"]["id"])
    # Records that are nobody's keep their ids.
    assert list(out["offers"]["id"]) == list(laycoach.frame(p, "offers")["id"])
    # Sessions per client, the same distribution as in the service's own table.
    ours = laycoach.frame(p, "session_attendees")["client_id"].value_counts().sort_values().tolist()
    assert att["client_id"].value_counts().sort_values().tolist() == ours


def pseudonymised_cells(out):
    cols = {"clients": ["id"], "referrals": ["id", "client_id"], "sessions": ["id", "coach_id"],
            "session_attendees": ["owner", "client_id"], "responses": ["id", "client_id"], "coaches": ["id"],
            "supervision": ["id", "coach_id"], "trainees": ["id"]}
    return {v for t, names in cols.items() for c in names for v in out[t][c] if isinstance(v, str) and v}


def test_two_recipients_share_no_pseudonym_and_one_is_stable(service):
    p, path, _ = service
    a = pseudonymised_cells(laycoach.extract(p, RECIPIENT_A))
    b = pseudonymised_cells(laycoach.extract(p, RECIPIENT_B))
    assert len(a) > 200 and not a & b
    again = laycoach.extract(p, RECIPIENT_A)
    other = laycoach.Programme.open(str(path))  # a second handle of the same store file
    from_other = laycoach.extract(other, RECIPIENT_A)
    assert pseudonymised_cells(again) == a == pseudonymised_cells(from_other)
    for name in ("clients", "sessions", "responses"):
        pd.testing.assert_frame_equal(again[name], from_other[name])


def test_a_pseudonym_is_hmac_sha256_under_the_services_secret(service):
    p, path, _ = service
    with sqlite3.connect(path) as con:
        (secret,) = con.execute("SELECT secret FROM service WHERE id = 1").fetchone()
    key = hmac.new(bytes.fromhex(secret), b"laycoach/pseudonym/v1", hashlib.sha256).digest()

    def pseudonym(recipient, kind, id_):
        message = recipient.encode() + b"\0" + kind.encode() + b"\0" + id_.encode()
        return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]

    for table, column, kind in (("clients", "id", "clients"), ("sessions", "coach_id", "coaches"),
                                ("session_attendees", "referral_id", "referrals"), ("responses", "id", "responses")):
        mine = laycoach.frame(p, table)[column]
        theirs = laycoach.extract(p, RECIPIENT_B, table)[table][column]
        expected = [pseudonym(RECIPIENT_B, kind, v) if isinstance(v, str) and v else v for v in mine]
        assert [x if isinstance(x, str) else None for x in theirs] == [x if isinstance(x, str) else None for x in expected]
    # Without the secret: another key gives other values, so a recipient cannot compute them.
    guess = hmac.new(b"\0" * 32, RECIPIENT_B.encode() + b"\0clients\0" + laycoach.frame(p, "clients")["id"][0].encode(),
                     hashlib.sha256).hexdigest()[:32]
    assert guess not in set(laycoach.extract(p, RECIPIENT_B, "clients")["clients"]["id"])


def test_recipients_are_validated(service):
    p, _, _ = service
    for bad, rule in (("", "recipient_required"), ("r" * 201, "length_limit"), ("a\nb", "printable_text"),
                      ("a\0b", "printable_text")):
        with pytest.raises(laycoach.ValidationError) as e:
            laycoach.extract(p, bad, "clients")
        assert (e.value.record, e.value.field, e.value.rule) == ("recipient", "recipient", rule)
    assert len(laycoach.extract(p, "r" * 200, "clients")["clients"]) > 0


def test_length_limits(programme):
    before = programme.to_json()
    programme.add_client({"id": "k" * 64, "kind": "staff"})
    with pytest.raises(laycoach.ValidationError) as e:
        programme.add_client({"id": "s9", "kind": "staff", "ethnicity": "e" * 201})
    assert (e.value.record, e.value.field, e.value.rule) == ("s9", "ethnicity", "length_limit")
    with pytest.raises(laycoach.ValidationError) as e:
        programme.add_client({"id": "k" * 65, "kind": "staff"})
    assert (e.value.record, e.value.field, e.value.rule) == ("k" * 64 + "...", "id", "length_limit")
    with pytest.raises(laycoach.ValidationError) as e:
        laycoach.Viewer("coach", "c" * 65)
    assert (e.value.record, e.value.field, e.value.rule) == ("viewer", "/id", "length_limit")
    v = laycoach.Viewer("coach", "c1")
    with pytest.raises(laycoach.ValidationError) as e:
        v.id = "c" * 65
    assert e.value.rule == "length_limit" and v.id == "c1"
    ids = [c["id"] for c in json.loads(programme.to_json())["clients"]]
    assert ids == sorted([c["id"] for c in json.loads(before)["clients"]] + ["k" * 64])  # only the one at the limit


RECORD_CLASSES = ["ServiceLine", "Offer", "Catalogue", "Organisation", "Coach", "Client", "Referral", "Attendee",
                  "Session", "SessionNote", "WaitingListEntry", "Goal", "SupervisionRecord", "SupervisionPolicy",
                  "SafeguardingConcern", "TrainingCohort", "Trainee", "Response"]


def test_every_json_text_entry_point_refuses_a_repeated_key(programme):
    doc = '{"id": "a", "audience": "public", "id": "b"}'
    checked = 0
    for name in RECORD_CLASSES:
        cls = getattr(laycoach, name)
        if not hasattr(cls, "from_json"):
            continue
        with pytest.raises(laycoach.ParseError) as e:
            cls.from_json(doc)
        assert (e.value.field, e.value.rule) == ("/id", "unique_keys"), name
        checked += 1
    assert checked >= 15
    before = programme.to_json()
    cases = [
        (lambda t: laycoach.Programme.from_json(t), '{"schema_version": 1, "clients": [], "clients": []}', "/clients"),
        (lambda t: programme.load_json(t), '{"schema_version": 1, "coaches": [], "coaches": []}', "/coaches"),
        (lambda t: laycoach.evaluate_json(programme, t), '{"audience": "public", "id": "c1", "audience": "coach"}',
         "/audience"),
        (lambda t: laycoach.evaluate_json(programme, t), '{"audience": "public", "policy": {"min_count": 8, "min_count": 1}}',
         "/policy/min_count"),
        (lambda t: laycoach.load_instrument(t), '{"schema_version": 1, "id": "x", "id": "y"}', "/id"),
        (lambda t: laycoach.Report.from_json(t), '{"audience": "public", "rows": [], "audience": "service_manager"}',
         "/audience"),
    ]
    for read, text, pointer in cases:
        with pytest.raises(laycoach.ParseError) as e:
            read(text)
        assert (e.value.field, e.value.rule) == (pointer, "unique_keys"), text
    assert programme.to_json() == before
    # A report the library wrote reads back as before.
    report = laycoach.Report.from_json(laycoach.evaluate_json(programme, '{"audience": "service_manager"}'))
    assert report.audience == "service_manager"
