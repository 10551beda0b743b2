// laycoach._core: the single point of access on Programme (pathway.hpp, docs/triage.md). Items,
// decisions, proposals and rules cross as dicts in the document schema, read by the same C++
// readers as C and documents; Programme.inbox() is a DataFrame (laycoach.frames.inbox_frame).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "laycoach/document.hpp"
#include "laycoach/error.hpp"
#include "laycoach/json.hpp"
#include "laycoach/programme.hpp"
#include "pyjson.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace laycoach;

namespace {

py::object loads(const std::string& s) { return py::module_::import("json").attr("loads")(s); }

// A document given as a dict or as JSON text.
std::string doc_text(py::handle h, const char* field) {
  if (py::isinstance<py::dict>(h)) return pybind::dict_to_json_text(h);
  return pybind::text_arg(h, field);
}

py::object item_dict(const InboxReferral& x) { return loads(element_to_json(x)); }

void init_pathway(py::module_& m) {
  auto P = py::reinterpret_borrow<py::class_<Programme>>(m.attr("Programme"));
  P.def(
      "receive_referral",
      [](Programme& p, py::handle item) {
        return item_dict(p.receive_referral(record_from_json<InboxReferral>(doc_text(item, "item"))));
      },
      py::arg("item"),
      "Receive a referral at the single point of access, untriaged: a dict {'id', 'client_id', 'source', "
      "'received_at' (aware datetime or ISO 8601), 'reason'}. The triage rules' proposal is recorded on it "
      "('proposed_route', 'proposed_by_rule'). Returns the stored item as a dict. ConflictError (id), "
      "NotFoundError (client_id), ValidationError ('status' 'new_item_untriaged', 'received_at').");
  P.def(
      "triage",
      [](Programme& p, const std::string& inbox_id, py::handle route, const std::string& decided_by,
         py::handle decided_at, const std::string& offer_id, const std::string& referral_id,
         py::handle preferred_modality, const std::string& not_accepted_reason) {
        pybind::PyJson j = pybind::PyJson::object();
        j["route"] = pybind::py_to_json(route, "/route", inbox_id);
        j["decided_by"] = decided_by;
        j["decided_at"] = pybind::py_to_json(decided_at, "/decided_at", inbox_id);
        j["offer_id"] = offer_id;
        j["referral_id"] = referral_id;
        j["preferred_modality"] = pybind::py_to_json(preferred_modality, "/preferred_modality", inbox_id);
        j["not_accepted_reason"] = not_accepted_reason;
        return item_dict(p.triage(inbox_id, record_from_json<TriageDecision>(j.dump())));
      },
      py::arg("inbox_id"), py::kw_only(), py::arg("route"), py::arg("decided_by"), py::arg("decided_at"),
      py::arg("offer_id") = "", py::arg("referral_id") = "", py::arg("preferred_modality") = py::none(),
      py::arg("not_accepted_reason") = "",
      "A named person triages an inbox item to a route ('hwbc_targeted', 'hwbc_clinical', 'hwbc_non_clinical', "
      "'social_prescribing', 'care_coordination', 'not_accepted') at an aware datetime. A coaching route opens a "
      "referral on offer_id (its service line's kind must match the route) in the same transaction, id "
      "referral_id or the item's id. Returns the stored item. ConflictError ('decided_by' 'triage_once'), "
      "ValidationError ('named_person', 'triage_time', 'reason_required', 'offer_required', "
      "'route_matches_offer', 'eligibility' ...), NotFoundError.");
  P.def(
      "record_first_contact",
      [](Programme& p, const std::string& inbox_id, py::handle at) {
        const auto iso = pybind::py_to_json(at, "/first_contact_at", inbox_id);
        if (!iso.is_string())
          throw ValidationError(inbox_id, "first_contact_at", "instant_required"_rule, "give an aware datetime");
        return item_dict(p.record_first_contact(inbox_id, parse_instant(iso.get<std::string>(), inbox_id, "first_contact_at")));
      },
      py::arg("inbox_id"), py::arg("at"),
      "Record when social prescribing or care coordination first contacted the person (aware datetime). "
      "Returns the stored item. ValidationError ('first_contact_route', 'first_contact_time'), ConflictError "
      "('first_contact_once').");
  P.def(
      "inbox_item", [](const Programme& p, const std::string& id) { return item_dict(p.inbox_item(id)); },
      py::arg("inbox_id"), "One inbox item as a dict; NotFoundError.");
  P.def(
      "inbox",
      [](const Programme& p, bool untriaged_only) {
        std::string text;
        {
          py::gil_scoped_release release;
          text = records_to_json(p.inbox(untriaged_only));
        }
        return py::module_::import("laycoach.frames").attr("inbox_frame")(loads(text));
      },
      py::arg("untriaged_only") = false,
      "The inbox as a pandas DataFrame, oldest first (one row per item; times are UTC datetimes); "
      "untriaged_only: the items awaiting triage.");
  P.def(
      "propose_route",
      [](const Programme& p, const std::string& id) { return loads(element_to_json(p.propose_route(id))); },
      py::arg("inbox_id"),
      "What the current triage rules propose for an item: {'route': name or None, 'rule': the rule that "
      "matched, 'default', or ''}. NotFoundError.");
  P.def(
      "set_triage_rules",
      [](Programme& p, py::handle rules) { p.set_triage_rules(record_from_json<TriageRules>(doc_text(rules, "rules"))); },
      py::arg("rules"),
      "Replace the triage rules with a rules document (dict or JSON text: {'rules': [{'id', 'when': "
      "{'client_kinds', 'sources', 'pam_min', 'pam_max'}, 'route'}], 'default'}; docs/triage.md). ParseError "
      "with the JSON pointer of an unknown key or value; ValidationError ('rules/<i>/...').");
  P.def(
      "triage_rules", [](const Programme& p) { return loads(record_to_json(p.triage_rules())); },
      "The current triage rules document as a dict.");
}

}  // namespace

laycoach::pybind::Registrar reg_pathway(25, "pathway", &init_pathway);
