#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file care_plan.hpp
/// The personalised care and support plan of a coaching episode (versioned: every version is
/// kept), its consented shares with named practitioners involved in the person's care (never
/// the employer), and onward referrals to other services at or after coaching. docs/care-plan.md
/// describes the rules and the figures built on them.
///
/// A plan, a share and an onward referral belong to one client's episode (a Referral). Plans
/// and onward referrals are confidential like goals: written by a coach who has a session in
/// the episode; read by the client, such a coach, or (plans only) a practitioner the plan is
/// shared with; every read is recorded in the access log, allowed or refused.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "laycoach/time.hpp"

namespace laycoach {

/// One version of a client's personalised care and support plan in an episode. A new version
/// is a new record (its own id) with version = the episode's latest + 1: none is overwritten.
struct CarePlan {
  std::string id;                  ///< unique id of this version
  std::string client_id;           ///< the client
  std::string referral_id;         ///< the episode (a referral of that client)
  int version = 0;                 ///< 1, 2, ... per episode; 0 in add_care_plan: the next one
  std::string what_matters;        ///< what matters to the person, in their words (free text)
  /// The person's goals as text items (may be empty when goal_ids names them).
  std::vector<std::string> goals;
  /// Ids of Goal records of the same client and episode the plan takes up (may be empty).
  std::vector<std::string> goal_ids;
  std::vector<std::string> actions;  ///< agreed actions (text items)
  int agreed_sessions = 0;         ///< the agreed number of sessions, >= 1
  Instant agreed_at{boost::posix_time::not_a_date_time};  ///< when it was agreed (UTC)
  std::string agreed_by;           ///< the coach (id) who agreed it with the person
  bool operator==(const CarePlan&) const = default;
};

/// A consented share of a client's plan (every version of one episode) with a named
/// practitioner involved in their care. The practitioner reads as Viewer{Audience::Practitioner,
/// practitioner_id} while the share is not revoked. Never with the client's employer.
struct CarePlanShare {
  std::string id;                  ///< unique id
  std::string client_id;           ///< whose plan
  std::string referral_id;         ///< the episode whose plan is shared
  std::string practitioner_id;     ///< the id the practitioner reads as (host-authenticated)
  std::string practitioner_name;   ///< named practitioner
  std::string role;                ///< e.g. "GP", "practice nurse", "social prescribing link worker"
  std::string organisation;        ///< ODS code of the practitioner's organisation
  Instant consent_at{boost::posix_time::not_a_date_time};  ///< when the person consented (UTC)
  std::string consent_by;          ///< who recorded the consent (the coach's id)
  Instant revoked_at{boost::posix_time::not_a_date_time};  ///< when revoked (UTC); special while in force
  bool active() const noexcept { return revoked_at.is_special(); }  ///< not revoked
  bool operator==(const CarePlanShare&) const = default;
};

/// Where a client was referred on to.
enum class OnwardDestination { WeightManagement, SmokingCessation, PhysicalActivity, TalkingTherapies, SocialPrescribing, Other };
/// "weight_management", "smoking_cessation", "physical_activity", "talking_therapies",
/// "social_prescribing", "other".
const char* to_string(OnwardDestination v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<OnwardDestination> parse_onward_destination(std::string_view s) noexcept;

/// What became of an onward referral, as far as the service knows.
enum class OnwardOutcome { Unknown, Accepted, Declined, Attended, Completed, DidNotAttend };
/// "unknown", "accepted", "declined", "attended", "completed", "did_not_attend".
const char* to_string(OnwardOutcome v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<OnwardOutcome> parse_onward_outcome(std::string_view s) noexcept;

/// A referral on to another service made at or after coaching, in an episode.
struct OnwardReferral {
  std::string id;                  ///< unique id
  std::string client_id;           ///< the client
  std::string referral_id;         ///< the coaching episode it came from
  OnwardDestination destination = OnwardDestination::Other;
  std::string description;         ///< what service; required for Other (free text)
  Instant referred_at{boost::posix_time::not_a_date_time};  ///< when (UTC), not before the episode's referral
  std::string referred_by;         ///< the coach (id) who made it
  OnwardOutcome outcome = OnwardOutcome::Unknown;
  Instant outcome_at{boost::posix_time::not_a_date_time};   ///< when the outcome was known (UTC); special when unknown
  bool operator==(const OnwardReferral&) const = default;
};

}  // namespace laycoach
