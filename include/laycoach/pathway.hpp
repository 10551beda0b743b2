#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file pathway.hpp
/// The single point of access (SPA): referrals to the primary care team arrive in an inbox
/// untriaged; a named person triages each to a route (health and wellbeing coaching, social
/// prescribing, care coordination, or not accepted); configurable rules only propose the route.
/// A coaching route opens a Referral (an episode) on an offer under the one referral rule.
/// docs/triage.md describes the records, the rules document and the figures.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "laycoach/catalogue.hpp"
#include "laycoach/client.hpp"
#include "laycoach/time.hpp"

namespace laycoach {

/// Where the single point of access sends a referral.
enum class TriageRoute {
  HwbcTargeted,       ///< health and wellbeing coaching targeted at PAM level 1-2 (a PatientTargeted line)
  HwbcClinical,       ///< clinical health and wellbeing coaching (a PatientClinical line)
  HwbcNonClinical,    ///< non-clinical health and wellbeing coaching (a PatientNonClinical line)
  SocialPrescribing,  ///< the social prescribing link worker
  CareCoordination,   ///< the care coordinator
  NotAccepted         ///< not accepted, with a reason
};
/// "hwbc_targeted", "hwbc_clinical", "hwbc_non_clinical", "social_prescribing",
/// "care_coordination", "not_accepted".
const char* to_string(TriageRoute v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<TriageRoute> parse_triage_route(std::string_view s) noexcept;
/// Every route, in the order above.
std::vector<TriageRoute> all_triage_routes();
/// The kind of service line a coaching route's offer must belong to; nullopt for the routes
/// that open no coaching referral (social prescribing, care coordination, not accepted).
std::optional<ServiceKind> route_service_kind(TriageRoute r) noexcept;

/// Whether an inbox item has been triaged.
enum class InboxStatus { Untriaged, Triaged };
/// "untriaged", "triaged".
const char* to_string(InboxStatus v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<InboxStatus> parse_inbox_status(std::string_view s) noexcept;

/// A referral received at the single point of access, and its triage.
struct InboxReferral {
  std::string id;                 ///< unique id
  std::string client_id;          ///< the person referred (an existing client)
  ReferralSource source = ReferralSource::Self;  ///< who referred
  Instant received_at{boost::posix_time::not_a_date_time};  ///< when the SPA received it (UTC)
  /// The presenting need in the referrer's words (free text: confidential, like notes; withheld
  /// from analyst tables and extracts, never in events).
  std::string reason;
  InboxStatus status = InboxStatus::Untriaged;  ///< triaged once a person decided a route
  /// What the triage rules proposed when the item was received (nullopt: no proposal).
  std::optional<TriageRoute> proposed_route;
  std::string proposed_by_rule;   ///< id of the rule that matched; "default", or "" when none did
  std::optional<TriageRoute> route;  ///< the route a person decided (set exactly when triaged)
  std::string decided_by;         ///< the named person who decided
  Instant decided_at{boost::posix_time::not_a_date_time};  ///< when (UTC), not before received_at
  std::string not_accepted_reason;  ///< why not accepted (required for NotAccepted only; free text)
  std::string referral_id;        ///< coaching routes: the Referral (episode) opened on the chosen offer
  /// Social prescribing and care coordination: when the receiving role first contacted the
  /// person (UTC; not before decided_at). Coaching routes take first contact from the sessions.
  Instant first_contact_at{boost::posix_time::not_a_date_time};
  bool operator==(const InboxReferral&) const = default;
};

/// A person's triage decision (Programme::triage).
struct TriageDecision {
  TriageRoute route = TriageRoute::NotAccepted;  ///< the route decided
  std::string decided_by;         ///< the named person deciding (required)
  Instant decided_at{boost::posix_time::not_a_date_time};  ///< when (UTC; required, not before received_at)
  /// Coaching routes: the offer the Referral is opened on (required; its service line's kind must
  /// match the route, route_service_kind). Other routes: empty.
  std::string offer_id;
  /// Coaching routes: the id of the Referral opened; empty = the inbox item's id.
  std::string referral_id;
  std::optional<Modality> preferred_modality;  ///< coaching routes: the person's preferred modality
  std::string not_accepted_reason;  ///< NotAccepted: why (required); other routes: empty
  bool operator==(const TriageDecision&) const = default;
};

/// One triage rule: when every condition given holds, propose `route`. An empty list or an
/// absent range is no condition.
struct TriageRule {
  std::string id;                          ///< unique name, reported with the proposal
  std::vector<ClientKind> client_kinds;    ///< the client is of one of these kinds
  std::vector<ReferralSource> sources;     ///< the referral came from one of these sources
  /// The client's PAM level is recorded and within [pam_min, pam_max] (1..4; either bound may
  /// be absent; a rule with either bound never matches a client without a PAM level).
  std::optional<int> pam_min, pam_max;
  std::optional<TriageRoute> route;        ///< the route proposed; nullopt = propose none (a person decides)
  bool operator==(const TriageRule&) const = default;
};

/// The triage rules of a service: ordered, first match wins; else the default. The default
/// value is the library's default rules (default_triage_rules()).
struct TriageRules {
  std::vector<TriageRule> rules;           ///< in order; the first that matches decides the proposal
  std::optional<TriageRoute> default_route;  ///< when no rule matches (nullopt: no proposal)
  TriageRules();
  bool operator==(const TriageRules&) const = default;
};

/// The default rules: a patient with PAM level 1-2 -> hwbc_targeted ("patient_pam_1_2"); any
/// other patient -> hwbc_non_clinical ("patient"); staff -> no proposal ("staff"); default none.
TriageRules default_triage_rules();

/// A route proposed by the rules.
struct TriageProposal {
  std::optional<TriageRoute> route;  ///< nullopt: no proposal (a person decides)
  std::string rule;                  ///< the rule that matched, "default", or "" (nothing matched, no default)
  bool operator==(const TriageProposal&) const = default;
};

/// The proposal of `rules` for a referral of `client` from `source`: the one rule of proposals
/// (Programme::receive_referral and propose_route call it).
TriageProposal propose_route(const TriageRules& rules, const Client& client, ReferralSource source);

}  // namespace laycoach
