// C face of the single point of access (capi/include/laycoach_pathway.h): the inbox, triage
// decisions and the triage rules, each one call of the C++ rule.
#include "laycoach_pathway.h"

#include "capi_internal.hpp"
#include "laycoach/document.hpp"
#include "laycoach/json.hpp"

using namespace laycoach;
using namespace laycoach::capi;

namespace {
// Runs a change returning the stored item, copied out when the caller asked for it.
template <class F>
lc_status change(lc_programme* p, char** out_json, F&& f) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    const InboxReferral x = f(p->programme);
    if (out_json) *out_json = dup_string(element_to_json(x));
  });
}
}  // namespace

extern "C" {

lc_status lc_inbox_receive(lc_programme* p, const char* item_json, char** out_json) {
  return change(p, out_json, [&](Programme& g) {
    return g.receive_referral(record_from_json<InboxReferral>(arg(item_json, "item_json")));
  });
}

lc_status lc_inbox_triage(lc_programme* p, const char* inbox_id, const char* decision_json, char** out_json) {
  return change(p, out_json, [&](Programme& g) {
    return g.triage(arg(inbox_id, "inbox_id"), record_from_json<TriageDecision>(arg(decision_json, "decision_json")));
  });
}

lc_status lc_inbox_first_contact(lc_programme* p, const char* inbox_id, int64_t at_unix_seconds, char** out_json) {
  return change(p, out_json, [&](Programme& g) {
    return g.record_first_contact(arg(inbox_id, "inbox_id"), from_unix_seconds(at_unix_seconds));
  });
}

lc_status lc_inbox_list(const lc_programme* p, int untriaged_only, char** out_json) {
  return query(p, out_json, [&](const Programme& g) { return records_to_json(g.inbox(untriaged_only != 0)); });
}

lc_status lc_inbox_propose(const lc_programme* p, const char* inbox_id, char** out_json) {
  return query(p, out_json, [&](const Programme& g) { return element_to_json(g.propose_route(arg(inbox_id, "inbox_id"))); });
}

lc_status lc_triage_rules_set(lc_programme* p, const char* rules_json) {
  return guard([&] {
    require(p, "p");
    p->programme.set_triage_rules(record_from_json<TriageRules>(arg(rules_json, "rules_json")));
  });
}

lc_status lc_triage_rules_get(const lc_programme* p, char** out_json) {
  return query(p, out_json, [&](const Programme& g) { return record_to_json(g.triage_rules()); });
}

}  // extern "C"
