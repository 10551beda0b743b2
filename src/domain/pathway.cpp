// The single point of access (pathway.hpp): the inbox's rules, the triage rules' proposal and
// the Programme calls that receive, triage and follow up a referral. One place for each rule;
// C and Python call these.
#include <algorithm>
#include <set>

#include "enum_names.hpp"
#include "enum_registry.hpp"
#include "laycoach/limits.hpp"
#include "laycoach/pathway.hpp"
#include "lookup.hpp"
#include "programme_impl.hpp"

namespace laycoach {

using namespace detail;

// ============================================================================ names

namespace {
constexpr std::pair<TriageRoute, const char*> kRouteNames[] = {
    {TriageRoute::HwbcTargeted, "hwbc_targeted"},
    {TriageRoute::HwbcClinical, "hwbc_clinical"},
    {TriageRoute::HwbcNonClinical, "hwbc_non_clinical"},
    {TriageRoute::SocialPrescribing, "social_prescribing"},
    {TriageRoute::CareCoordination, "care_coordination"},
    {TriageRoute::NotAccepted, "not_accepted"}};
constexpr std::pair<InboxStatus, const char*> kStatusNames[] = {{InboxStatus::Untriaged, "untriaged"},
                                                                {InboxStatus::Triaged, "triaged"}};
}  // namespace

const char* to_string(TriageRoute v) noexcept { return enum_names::name_of(kRouteNames, v); }
std::optional<TriageRoute> parse_triage_route(std::string_view s) noexcept { return enum_names::value_of(kRouteNames, s); }
const char* to_string(InboxStatus v) noexcept { return enum_names::name_of(kStatusNames, v); }
std::optional<InboxStatus> parse_inbox_status(std::string_view s) noexcept { return enum_names::value_of(kStatusNames, s); }

std::vector<std::string> detail::pathway_enum_value_names(std::string_view type) {
  std::vector<std::string> v;
  if (type == "TriageRoute")
    for (const auto& [e, n] : kRouteNames) v.emplace_back(n);
  else if (type == "InboxStatus")
    for (const auto& [e, n] : kStatusNames) v.emplace_back(n);
  return v;
}

std::vector<TriageRoute> all_triage_routes() {
  std::vector<TriageRoute> v;
  for (const auto& [r, n] : kRouteNames) v.push_back(r);
  return v;
}

std::optional<ServiceKind> route_service_kind(TriageRoute r) noexcept {
  switch (r) {
    case TriageRoute::HwbcTargeted: return ServiceKind::PatientTargeted;
    case TriageRoute::HwbcClinical: return ServiceKind::PatientClinical;
    case TriageRoute::HwbcNonClinical: return ServiceKind::PatientNonClinical;
    default: return std::nullopt;
  }
}

// ============================================================================ triage rules

TriageRules::TriageRules() {
  TriageRule low;
  low.id = "patient_pam_1_2";
  low.client_kinds = {ClientKind::Patient};
  low.pam_min = 1;
  low.pam_max = 2;
  low.route = TriageRoute::HwbcTargeted;
  TriageRule patient;
  patient.id = "patient";
  patient.client_kinds = {ClientKind::Patient};
  patient.route = TriageRoute::HwbcNonClinical;
  TriageRule staff;  // workforce coaching is self-referral: a person decides, nothing is proposed
  staff.id = "staff";
  staff.client_kinds = {ClientKind::Staff};
  rules.reserve(3);  // moved in: every ChangeSet builds these defaults
  rules.push_back(std::move(low));
  rules.push_back(std::move(patient));
  rules.push_back(std::move(staff));
}

TriageRules default_triage_rules() { return TriageRules{}; }

namespace {
bool matches(const TriageRule& r, const Client& c, ReferralSource source) {
  if (!r.client_kinds.empty() && !contains(r.client_kinds, c.kind)) return false;
  if (!r.sources.empty() && !contains(r.sources, source)) return false;
  if (r.pam_min || r.pam_max) {
    if (!c.pam_level) return false;
    if (r.pam_min && *c.pam_level < *r.pam_min) return false;
    if (r.pam_max && *c.pam_level > *r.pam_max) return false;
  }
  return true;
}
}  // namespace

TriageProposal propose_route(const TriageRules& rules, const Client& client, ReferralSource source) {
  for (const auto& r : rules.rules)
    if (matches(r, client, source)) return {r.route, r.id};
  if (rules.default_route) return {rules.default_route, "default"};
  return {};
}

void Programme::Impl::check_triage_rules(const TriageRules& rules) const {
  std::set<std::string> ids;
  for (std::size_t i = 0; i < rules.rules.size(); ++i) {
    const TriageRule& r = rules.rules[i];
    const std::string at = "rules/" + std::to_string(i);
    check_length(r.id, kMaxIdBytes, "triage_rules", ErrorField(at + "/id"));
    if (r.id.empty())
      throw ValidationError("triage_rules", ErrorField(at + "/id"), "id_required"_rule, "every triage rule has an id");
    if (r.id == "default")
      throw ValidationError("triage_rules", ErrorField(at + "/id"), "reserved_id"_rule,
                            "'default' names the default route, not a rule");
    if (!ids.insert(r.id).second)
      throw ValidationError("triage_rules", ErrorField(at + "/id"), "unique_id"_rule, "two triage rules are named '" + r.id + "'");
    for (const auto& [bound, name] : {std::pair{r.pam_min, "/pam_min"}, std::pair{r.pam_max, "/pam_max"}})
      if (bound && (*bound < 1 || *bound > 4))
        throw ValidationError("triage_rules", ErrorField(at + name), "pam_level_range"_rule, "PAM level is 1..4");
    if (r.pam_min && r.pam_max && *r.pam_min > *r.pam_max)
      throw ValidationError("triage_rules", ErrorField(at + "/pam_max"), "pam_level_order"_rule,
                            "the PAM range needs pam_min <= pam_max");
  }
}

// ============================================================================ the inbox rule

namespace {
bool first_contact_route(const std::optional<TriageRoute>& r) {
  return r == TriageRoute::SocialPrescribing || r == TriageRoute::CareCoordination;
}

void check_inbox_lengths(const InboxReferral& x) {
  check_length(x.id, kMaxIdBytes, x.id, "id");
  check_length(x.client_id, kMaxIdBytes, x.id, "client_id");
  check_length(x.reason, kMaxTextBytes, x.id, "reason");
  check_length(x.proposed_by_rule, kMaxIdBytes, x.id, "proposed_by_rule");
  check_length(x.decided_by, kMaxNameBytes, x.id, "decided_by");
  check_length(x.not_accepted_reason, kMaxTextBytes, x.id, "not_accepted_reason");
  check_length(x.referral_id, kMaxIdBytes, x.id, "referral_id");
}
}  // namespace

void Programme::Impl::check_inbox(const InboxReferral& x, bool is_new) const {
  check_inbox_lengths(x);
  check_new_or_existing(inbox, x.id, "inbox referral", is_new);
  find_or_throw(clients, x.client_id, "client", x.id, "client_id");
  if (x.received_at.is_special())
    throw ValidationError(x.id, "received_at", "instant_required"_rule, "when did the single point of access receive it?");
  if (x.status == InboxStatus::Untriaged) {
    if (x.route || !x.decided_by.empty() || !x.decided_at.is_special() || !x.not_accepted_reason.empty() ||
        !x.referral_id.empty() || !x.first_contact_at.is_special())
      throw ValidationError(x.id, "status", "triage_status"_rule,
                            "an untriaged item has no route, decision, reason, referral or first contact");
    return;
  }
  if (!x.route) throw ValidationError(x.id, "route", "route_required"_rule, "a triaged item names its route");
  if (x.decided_by.empty())
    throw ValidationError(x.id, "decided_by", "named_person"_rule, "a triage is decided by a named person");
  if (x.decided_at.is_special()) throw ValidationError(x.id, "decided_at", "instant_required"_rule, "when was it triaged?");
  if (x.decided_at < x.received_at)
    throw ValidationError(x.id, "decided_at", "triage_time"_rule,
                          "triaged before it was received (" + format_instant(x.received_at) + ")");
  if (*x.route == TriageRoute::NotAccepted && x.not_accepted_reason.empty())
    throw ValidationError(x.id, "not_accepted_reason", "reason_required"_rule, "a referral not accepted says why");
  if (*x.route != TriageRoute::NotAccepted && !x.not_accepted_reason.empty())
    throw ValidationError(x.id, "not_accepted_reason", "reason_not_accepted_only"_rule,
                          "only a referral not accepted has a reason for it");
  if (const auto kind = route_service_kind(*x.route)) {
    if (x.referral_id.empty())
      throw ValidationError(x.id, "referral_id", "referral_required"_rule, "a coaching route opens a referral");
    const Referral& r = find_or_throw(referrals, x.referral_id, "referral", x.id, "referral_id");
    if (r.client_id != x.client_id)
      throw ValidationError(x.id, "referral_id", "referral_matches"_rule, "the referral belongs to another client");
    const Offer& o = find_or_throw(offers, r.offer_id, "offer", x.id, "referral_id");
    if (lines.at(o.service_line_id).kind != *kind)
      throw ValidationError(x.id, "referral_id", "route_matches_offer"_rule,
                            std::string("route '") + to_string(*x.route) + "' needs an offer of a " + to_string(*kind) +
                                " service line; '" + o.id + "' is not one");
  } else if (!x.referral_id.empty()) {
    throw ValidationError(x.id, "referral_id", "coaching_route_only"_rule, "only a coaching route opens a referral");
  }
  if (!x.first_contact_at.is_special()) {
    if (!first_contact_route(x.route))
      throw ValidationError(x.id, "route", "first_contact_route"_rule,
                            "first contact is recorded for social prescribing and care coordination (coaching: the sessions)");
    if (x.first_contact_at < x.decided_at)
      throw ValidationError(x.id, "first_contact_at", "first_contact_time"_rule,
                            "first contact before the triage (" + format_instant(x.decided_at) + ")");
  }
}

// ============================================================================ Programme calls

InboxReferral Programme::receive_referral(const InboxReferral& r) {
  auto lock = impl_->write();
  InboxReferral x = r;
  if (x.status != InboxStatus::Untriaged || x.route || !x.decided_by.empty() || !x.decided_at.is_special() ||
      !x.not_accepted_reason.empty() || !x.referral_id.empty() || !x.first_contact_at.is_special())
    throw ValidationError(x.id, "status", "new_item_untriaged"_rule,
                          "a referral arrives untriaged: triage it with triage() by a named person");
  x.proposed_route.reset();
  x.proposed_by_rule.clear();
  impl_->check_inbox(x, true);
  const TriageProposal p = ::laycoach::propose_route(impl_->triage_rules, impl_->clients.at(x.client_id), x.source);
  x.proposed_route = p.route;
  x.proposed_by_rule = p.rule;
  ChangeSet cs;
  cs.upserts.inbox.push_back(x);
  impl_->commit(std::move(cs));
  return x;
}

InboxReferral Programme::triage(const std::string& inbox_id, const TriageDecision& d) {
  auto lock = impl_->write();
  auto& m = *impl_;
  InboxReferral x = find_or_throw(m.inbox, inbox_id, "inbox referral");
  if (x.status == InboxStatus::Triaged)
    throw ConflictError(inbox_id, "decided_by", "triage_once"_rule,
                        std::string("already triaged to ") + (x.route ? to_string(*x.route) : "?") + " by '" + x.decided_by +
                            "' at " + format_instant(x.decided_at));
  if (d.decided_by.empty())
    throw ValidationError(inbox_id, "decided_by", "named_person"_rule, "a triage is decided by a named person");
  if (d.decided_at.is_special()) throw ValidationError(inbox_id, "decided_at", "instant_required"_rule, "when was it triaged?");
  if (d.decided_at < x.received_at)
    throw ValidationError(inbox_id, "decided_at", "triage_time"_rule,
                          "triaged before it was received (" + format_instant(x.received_at) + ")");
  if (d.route == TriageRoute::NotAccepted && d.not_accepted_reason.empty())
    throw ValidationError(inbox_id, "not_accepted_reason", "reason_required"_rule, "a referral not accepted says why");
  if (d.route != TriageRoute::NotAccepted && !d.not_accepted_reason.empty())
    throw ValidationError(inbox_id, "not_accepted_reason", "reason_not_accepted_only"_rule,
                          "only a referral not accepted has a reason for it");
  ChangeSet cs;
  x.status = InboxStatus::Triaged;
  x.route = d.route;
  x.decided_by = d.decided_by;
  x.decided_at = d.decided_at;
  x.not_accepted_reason = d.not_accepted_reason;
  check_inbox_lengths(x);
  if (const auto kind = route_service_kind(d.route)) {
    if (d.offer_id.empty())
      throw ValidationError(inbox_id, "offer_id", "offer_required"_rule,
                            std::string("route '") + to_string(d.route) + "' opens a referral on an offer: name it");
    const Offer& o = find_or_throw(m.offers, d.offer_id, "offer", inbox_id, "offer_id");
    if (m.lines.at(o.service_line_id).kind != *kind)
      throw ValidationError(inbox_id, "offer_id", "route_matches_offer"_rule,
                            std::string("route '") + to_string(d.route) + "' needs an offer of a " + to_string(*kind) +
                                " service line; '" + o.id + "' belongs to a " +
                                to_string(m.lines.at(o.service_line_id).kind) + " line");
    Referral r;
    r.id = d.referral_id.empty() ? inbox_id : d.referral_id;
    r.client_id = x.client_id;
    r.offer_id = o.id;
    r.source = x.source;
    r.requested_at = x.received_at;  // the person asked when the referral reached the service
    r.preferred_modality = d.preferred_modality;
    m.check_referral(r, true);  // the one referral rule: eligibility, modality, unique id
    x.referral_id = r.id;
    cs.upserts.referrals.push_back(std::move(r));
  } else {
    if (!d.offer_id.empty())
      throw ValidationError(inbox_id, "offer_id", "coaching_route_only"_rule,
                            std::string("route '") + to_string(d.route) + "' opens no coaching referral: give no offer");
    if (!d.referral_id.empty())
      throw ValidationError(inbox_id, "referral_id", "coaching_route_only"_rule,
                            std::string("route '") + to_string(d.route) + "' opens no coaching referral");
  }
  cs.upserts.inbox.push_back(x);
  m.commit(std::move(cs));  // the referral and the decision together, or neither
  return x;
}

InboxReferral Programme::record_first_contact(const std::string& inbox_id, Instant at) {
  auto lock = impl_->write();
  InboxReferral x = find_or_throw(impl_->inbox, inbox_id, "inbox referral");
  if (at.is_special())
    throw ValidationError(inbox_id, "first_contact_at", "instant_required"_rule, "when was the person first contacted?");
  if (x.status != InboxStatus::Triaged || !first_contact_route(x.route))
    throw ValidationError(inbox_id, "route", "first_contact_route"_rule,
                          "first contact is recorded for items triaged to social prescribing or care coordination");
  if (!x.first_contact_at.is_special())
    throw ConflictError(inbox_id, "first_contact_at", "first_contact_once"_rule,
                        "first contact is already recorded (" + format_instant(x.first_contact_at) + ")");
  x.first_contact_at = at;
  impl_->check_inbox(x, false);  // not before the triage
  ChangeSet cs;
  cs.upserts.inbox.push_back(x);
  impl_->commit(std::move(cs));
  return x;
}

InboxReferral Programme::inbox_item(const std::string& id) const {
  auto lock = impl_->read();
  return find_or_throw(impl_->inbox, id, "inbox referral");
}

std::vector<InboxReferral> Programme::inbox(bool untriaged_only) const {
  auto lock = impl_->read();
  std::vector<InboxReferral> v;
  for (const auto& [id, x] : impl_->inbox)
    if (!untriaged_only || x.status == InboxStatus::Untriaged) v.push_back(x);
  std::stable_sort(v.begin(), v.end(),
                   [](const InboxReferral& a, const InboxReferral& b) { return a.received_at < b.received_at; });
  return v;
}

TriageProposal Programme::propose_route(const std::string& inbox_id) const {
  auto lock = impl_->read();
  const InboxReferral& x = find_or_throw(impl_->inbox, inbox_id, "inbox referral");
  return ::laycoach::propose_route(impl_->triage_rules, impl_->clients.at(x.client_id), x.source);
}

void Programme::set_triage_rules(const TriageRules& rules) {
  auto lock = impl_->write();
  impl_->check_triage_rules(rules);
  ChangeSet cs = impl_->settings_change();
  cs.upserts.triage_rules = rules;
  impl_->commit(std::move(cs));
}

TriageRules Programme::triage_rules() const {
  auto lock = impl_->read();
  return impl_->triage_rules;
}

}  // namespace laycoach
