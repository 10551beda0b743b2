// JSON documents of the single point of access (pathway.hpp): inbox items, triage decisions,
// proposals and the triage rules document (docs/triage.md). The same mapping serves the
// programme document and the store (store_schema.cpp's "inbox" and "triage_rules" tables).
#include "json_io.hpp"
#include "json_keys.hpp"

namespace laycoach::jsonio {

// Read and written from their key lists (json_keys.hpp).
LC_KEYED_IO(InboxReferral)
LC_KEYED_IO(TriageProposal)

LC_DEFINE_ENUM_IO(TriageRoute, parse_triage_route)
LC_DEFINE_ENUM_IO(InboxStatus, parse_inbox_status)

void read(const Json& v, const std::string& p, const std::string& r, TriageDecision& x) {
  Reader in(v, p, r.empty() ? "triage" : r);
  in.req("route", x.route);
  in.req("decided_by", x.decided_by);
  in.req("decided_at", x.decided_at);
  in.opt("offer_id", x.offer_id);
  in.opt("referral_id", x.referral_id);
  in.opt("preferred_modality", x.preferred_modality);
  in.opt("not_accepted_reason", x.not_accepted_reason);
  in.done();
}
Json write(const TriageDecision& x) {
  return Json{{"route", write(x.route)},           {"decided_by", x.decided_by},
              {"decided_at", write(x.decided_at)}, {"offer_id", x.offer_id},
              {"referral_id", x.referral_id},      {"preferred_modality", write(x.preferred_modality)},
              {"not_accepted_reason", x.not_accepted_reason}};
}

// A rule: {"id", "when": {"client_kinds", "sources", "pam_min", "pam_max"}, "route"}; "route" is
// required (null: propose nothing), "when" optional (absent: every referral matches).
void read(const Json& v, const std::string& p, const std::string& r, TriageRule& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("route", x.route);
  in.mark("when");
  if (auto it = v.find("when"); it != v.end() && !it->is_null()) {
    Reader when(*it, p + "/when", in.record());
    when.opt("client_kinds", x.client_kinds);
    when.opt("sources", x.sources);
    when.opt("pam_min", x.pam_min);
    when.opt("pam_max", x.pam_max);
    when.done();
  }
  in.done();
}
Json write(const TriageRule& x) {
  return Json{{"id", x.id},
              {"when", Json{{"client_kinds", write(x.client_kinds)},
                            {"sources", write(x.sources)},
                            {"pam_min", write(x.pam_min)},
                            {"pam_max", write(x.pam_max)}}},
              {"route", write(x.route)}};
}

void read(const Json& v, const std::string& p, const std::string& r, TriageRules& x) {
  Reader in(v, p, r.empty() ? "triage_rules" : r);
  in.mark("kind");
  if (auto it = v.find("kind"); it != v.end() && *it != Json("triage_rules"))
    fail(in.record(), p + "/kind", "a triage rules document has \"kind\": \"triage_rules\"");
  in.req("rules", x.rules);
  in.opt("default", x.default_route);
  in.done();
}
Json write(const TriageRules& x) {
  return Json{{"kind", "triage_rules"}, {"rules", write(x.rules)}, {"default", write(x.default_route)}};
}

}  // namespace laycoach::jsonio
