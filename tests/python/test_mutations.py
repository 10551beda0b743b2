"""Every bad input is a laycoach.Error naming a field, and changes nothing.

A bounded, deterministic mutation test of every document kind through the Python face (Python
values through the record constructors and Programme.add_*, JSON text through load_json and
from_json), and the regressions of issue 7 with their exact errors.
"""
import copy
import json

import pytest

import laycoach

from conftest import COACH, at

HUGE = 10**30
LONE = "\ud800"


def _nested(depth):
    v = []
    for _ in range(depth):
        v = [v]
    return v


PY_VALUES = [None, "x", 12345, True, [], {}, -1, "", 1e308, float("inf"), HUGE, -HUGE, LONE,
             _nested(40), _nested(300), {"k": LONE}]
TEXT_VALUES = ['"x"', "12345", "true", "[]", "{}", "-1", '""', "1e308", "18446744073709551615", "1e999",
               '"\\ud800"', "[" * 300 + "]" * 300]


@pytest.fixture(scope="module")
def demo_doc():
    p = laycoach.demo.make(seed=3, coaches=4, staff_clients=8, patients=4, weeks=2, future_weeks=1, trainees=3)
    return json.loads(p.to_json())


def _fresh(doc):
    return laycoach.Programme.from_json(json.dumps(doc))


@pytest.fixture
def programme():
    """People, no sessions: independent of the clock."""
    p = laycoach.Programme()
    p.add_organisation({"ods_code": "RX1", "name": "A Trust", "kind": "trust"})
    p.add_coach(COACH)
    for i in range(1, 4):
        p.add_client({"id": f"s{i}", "kind": "staff", "organisation": "RX1",
                      "consent": {"coaching": True, "evaluation": True}})
    return p


def _check_rejection(e, what, problems):
    if not isinstance(e, laycoach.Error):
        problems.append(f"{what}: {type(e).__name__}: {e}")
    elif not e.field and not (e.rule == "json_syntax" and "at byte" in e.detail):
        # Only a syntax error of the whole document (before its first member) has the pointer
        # "" (the document itself); its detail then says at which byte.
        problems.append(f"{what}: no field: {e}")
    elif e.code == "internal":
        problems.append(f"{what}: internal: {e}")


def _dict_mutations(d):
    """(description, mutated dict) for each top-level key: delete it, replace it."""
    for k in list(d):
        m = dict(d)
        del m[k]
        yield f"delete {k}", m
        for v in PY_VALUES:
            m = dict(d)
            m[k] = copy.deepcopy(v)
            yield f"{k} = {str(v)[:30]!r}", m


def _text_mutations(text):
    """(description, mutated JSON text): values replaced, keys repeated, text truncated."""
    d = json.loads(text)
    for k in list(d):
        for v in TEXT_VALUES:
            m = dict(d)
            m[k] = "\x01mark\x01"
            yield f"/{k} = {v[:20]}", json.dumps(m).replace(json.dumps("\x01mark\x01"), v)
        yield f"repeat /{k}", text[:-1] + f", {json.dumps(k)}: {json.dumps(d[k])}" + "}"
    for i in range(1, 8):
        yield f"truncate at {len(text) * i // 8}", text[: len(text) * i // 8]


# kind -> (programme list key, add method or None, extra args)
KINDS = {
    "ServiceLine": (("catalogue", "service_lines"), "add_service_line"),
    "Offer": (("catalogue", "offers"), "add_offer"),
    "Organisation": (("organisations",), "add_organisation"),
    "Coach": (("coaches",), "add_coach"),
    "Client": (("clients",), "add_client"),
    "Referral": (("referrals",), "add_referral"),
    "Session": (("sessions",), "book"),
    "WaitingListEntry": (("waiting_list",), None),
    "SessionNote": (("notes",), None),
    "Goal": (("goals",), None),
    "SupervisionRecord": (("supervision",), "add_supervision"),
    "SafeguardingConcern": (("safeguarding",), "raise_concern"),
    "TrainingCohort": (("cohorts",), "add_cohort"),
    "Trainee": (("trainees",), "add_trainee"),
    "Response": (("responses",), "add_response"),
}


def _first(doc, path):
    v = doc
    for k in path:
        v = v[k]
    return v[0] if isinstance(v, list) else v


SAMPLES = {  # kinds the demo may not hold
    "WaitingListEntry": {"id": "w1", "session_id": "x", "client_id": "y", "added_at": "2024-01-08T09:00:00Z"},
    "SessionNote": {"id": "n1", "session_id": "x", "author_id": "c", "text": "notes"},
    "Goal": {"id": "g1", "client_id": "y", "description": "sleep"},
    "SafeguardingConcern": {"id": "sg1", "coach_id": "c", "client_id": "y", "category": "other",
                            "raised_at": "2024-01-08T09:00:00Z"},
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_record_mutations_are_laycoach_errors_and_change_nothing(demo_doc, kind):
    path, add = KINDS[kind]
    try:
        sample = _first(demo_doc, path)
    except (KeyError, IndexError):
        sample = SAMPLES[kind]
    sample = {k: v for k, v in sample.items() if k != "schema_version"}
    cls = getattr(laycoach, kind)
    assert cls(sample).to_dict()["schema_version"] == 1
    p = _fresh(demo_doc)
    before = p.to_json()
    problems, rejected, tried = [], 0, 0
    for what, m in _dict_mutations(sample):
        tried += 1
        try:
            rec = cls(m)
        except Exception as e:  # noqa: BLE001 - every exception is checked
            rejected += 1
            _check_rejection(e, f"{kind}({what})", problems)
            continue
        if add is None:
            continue
        try:
            getattr(p, add)(m)  # the dict path, as users call it
        except Exception as e:  # noqa: BLE001
            _check_rejection(e, f"{add}({what})", problems)
            if p.to_json() != before:
                problems.append(f"{add}({what}): the rejection changed the programme")
                p = _fresh(demo_doc)
        else:
            p = _fresh(demo_doc)
        assert rec == cls(rec.to_dict())
    for what, text in _text_mutations(cls(sample).to_json()):
        tried += 1
        try:
            cls.from_json(text)
        except Exception as e:  # noqa: BLE001
            rejected += 1
            _check_rejection(e, f"{kind}.from_json({what})", problems)
    assert not problems, "\n".join(problems[:30])
    assert rejected > tried // 3


def test_programme_document_mutations(demo_doc):
    p = _fresh(demo_doc)
    before = p.to_json()
    problems, tried = [], 0
    for key in ["coaches", "clients", "referrals", "sessions", "supervision", "cohorts", "trainees", "responses",
                "organisations", "supervision_policy"]:
        if not demo_doc.get(key):
            continue
        first = demo_doc[key][0] if isinstance(demo_doc[key], list) else demo_doc[key]
        for what, text in list(_text_mutations(json.dumps(first)))[:60]:
            doc = json.dumps(demo_doc)
            whole = json.dumps(first)
            mutated = doc.replace(whole, text if text.startswith("{") and text.endswith("}") else text, 1)
            tried += 1
            try:
                p.load_json(mutated)
            except Exception as e:  # noqa: BLE001
                _check_rejection(e, f"/{key}/0: {what}", problems)
                if p.to_json() != before:
                    problems.append(f"/{key}/0: {what}: the rejection changed the programme")
                    p = _fresh(demo_doc)
            else:
                p = _fresh(demo_doc)
    assert tried > 100
    assert not problems, "\n".join(problems[:30])


def test_viewer_policy_and_request_mutations(programme):
    before = programme.to_json()
    problems = []
    for what, m in _dict_mutations({"audience": "coach", "id": "c1"}):
        try:
            programme.notes("x1", laycoach.Viewer(m))
        except Exception as e:  # noqa: BLE001
            _check_rejection(e, f"viewer {what}", problems)
    for what, m in _dict_mutations({"min_count": 8, "round_to": 5}):
        try:
            laycoach.SuppressionPolicy(m)
        except Exception as e:  # noqa: BLE001
            _check_rejection(e, f"policy {what}", problems)
    request = {"client_id": "s2", "offer_id": "lay_too_1to1", "earliest": at(2024, 3, 5, 8),
               "latest": at(2024, 3, 8, 20), "now": at(2024, 3, 1), "weekdays": [1, "wednesday"],
               "times_of_day": [("08:00", 1200)], "max_results": 2}
    for what, m in _dict_mutations(request):
        if what == "delete client_id":
            continue  # a required argument: Python itself raises TypeError, as for any function
        try:
            programme.search_slots(**m)
        except Exception as e:  # noqa: BLE001
            _check_rejection(e, f"request {what}", problems)
    assert programme.to_json() == before
    assert not problems, "\n".join(problems[:30])


# ---- the regressions of issue 7, with their exact errors ----------------------------------------

def test_1e999_is_a_parse_error_naming_the_field(programme):
    before = programme.to_json()
    with pytest.raises(laycoach.ParseError) as e:
        programme.load_json('{"schema_version":1e999}')
    assert (e.value.field, e.value.rule) == ("/schema_version", "number_range")
    with pytest.raises(laycoach.ParseError) as e:
        laycoach.Coach.from_json('{"id": 1e999}')
    assert (e.value.field, e.value.rule) == ("/id", "number_range")
    assert programme.to_json() == before


def test_huge_integer_is_a_validation_error_naming_the_field(programme):
    with pytest.raises(laycoach.ValidationError) as e:
        laycoach.Client(id="x", kind="staff", pam_level=10**30)
    assert (e.value.field, e.value.rule, e.value.record) == ("/pam_level", "integer_range", "x")
    with pytest.raises(laycoach.ValidationError) as e:
        programme.add_client({"id": "x", "kind": "patient", "pam_level": 10**30})
    assert (e.value.field, e.value.rule) == ("/pam_level", "integer_range")
    c = laycoach.Client(id="x", kind="staff")
    with pytest.raises(laycoach.ValidationError) as e:
        c.pam_level = 10**30
    assert (e.value.field, e.value.rule) == ("/pam_level", "integer_range")
    with pytest.raises(laycoach.ParseError) as e:
        c.pam_level = "high"
    assert e.value.field == "/pam_level"
    assert c.pam_level is None


def test_lone_surrogate_is_a_validation_error_naming_the_field(programme):
    before = programme.to_json()
    with pytest.raises(laycoach.ValidationError) as e:
        programme.add_client({"id": "s9", "kind": "staff", "staff_group": LONE})
    assert (e.value.field, e.value.rule) == ("/staff_group", "utf8_text")
    with pytest.raises(laycoach.ValidationError) as e:
        programme.load_json('{"schema_version": 1, "coaches": [{"id": "' + LONE + '"}]}')
    assert (e.value.field, e.value.rule) == ("document", "utf8_text")
    with pytest.raises(laycoach.ParseError) as e:  # escaped in the text: malformed JSON at its field
        programme.load_json('{"schema_version": 1, "coaches": [{"id": "\\ud800"}]}')
    assert (e.value.field, e.value.rule) == ("/coaches/0/id", "json_syntax")
    assert programme.to_json() == before


def test_repeated_key_is_a_parse_error_everywhere(programme):
    with pytest.raises(laycoach.ParseError) as e:
        laycoach.Coach.from_json('{"audience": "public", "id": "c1", "audience": "coach"}')
    assert (e.value.field, e.value.rule) == ("/audience", "unique_keys")
    with pytest.raises(laycoach.ParseError) as e:
        laycoach.evaluate_json(programme, '{"audience": "public", "audience": "service_manager"}')
    assert (e.value.field, e.value.rule) == ("/audience", "unique_keys")
    doc = json.loads(programme.to_json())
    text = json.dumps(doc)[:-1] + ', "coaches": []}'
    with pytest.raises(laycoach.ParseError) as e:
        programme.load_json(text)
    assert (e.value.field, e.value.rule) == ("/coaches", "unique_keys")


def test_one_pointer_form_for_requests(programme):
    with pytest.raises(laycoach.ValidationError) as e:
        programme.search_slots("s1", weekdays=[0, 9])
    assert (e.value.field, e.value.rule, e.value.record) == ("/weekdays/1", "weekday_range", "request")
    with pytest.raises(laycoach.ParseError) as e:
        programme.search_slots("s1", times_of_day=[("8am", 600)])
    assert e.value.field == "/times_of_day/0/from_min"
    with pytest.raises(laycoach.ValidationError) as e:
        programme.search_slots("s1", times_of_day=["08:00"])
    assert e.value.field == "/times_of_day/0"


def test_columns_report_has_the_keys_of_a_programme_report(programme):
    import numpy as np

    cols = laycoach.evaluate_columns(np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
                                     np.array([2.0, 3, 3, 5, 6, 6, 8, 9, 9, 12]), audience="service_manager")
    prog = laycoach.evaluate_json(programme, '{"audience": "service_manager"}')
    assert set(json.loads(prog)) <= set(cols.data)
    assert cols.data["source"] == "columns"


def test_instrument_definition_with_1e999_is_a_parse_error():
    with pytest.raises(laycoach.ParseError):
        laycoach.load_instrument('{"id": 1e999}')


def test_viewer_and_policy_from_dicts_and_arguments():
    v = laycoach.Viewer({"audience": "coach", "id": "c1"})
    assert (v.audience, v.id) == (laycoach.Audience.COACH, "c1")
    assert laycoach.Viewer("client", "s1").id == "s1"
    assert v.to_dict() == {"audience": "coach", "id": "c1"}
    assert laycoach.SuppressionPolicy({"min_count": 10}).min_count == 10
    assert laycoach.SuppressionPolicy(10, 1).round_to == 1
    with pytest.raises(laycoach.ParseError) as e:
        laycoach.SuppressionPolicy({"min_count": 10, "rounding": 5})
    assert (e.value.field, e.value.record) == ("/rounding", "policy")
    with pytest.raises(laycoach.ParseError) as e:
        laycoach.Viewer({"audience": "nobody"})
    assert (e.value.field, e.value.record) == ("/audience", "viewer")
