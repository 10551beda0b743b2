#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file client.hpp
/// Clients: NHS staff (pseudonymous) and patients (NHS number, activation, referral source),
/// with their recorded consent.

#include <optional>
#include <string>
#include <string_view>

#include "laycoach/catalogue.hpp"
#include "laycoach/time.hpp"

namespace laycoach {

/// Where a referral came from.
enum class ReferralSource { Self, Gp, SocialPrescribingLinkWorker, Other };
/// "self", "gp", "social_prescribing_link_worker", "other".
const char* to_string(ReferralSource v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<ReferralSource> parse_referral_source(std::string_view s) noexcept;

/// Consent recorded for a client.
struct Consent {
  bool coaching = false;        ///< agreed to be coached
  bool evaluation = false;      ///< agreed that their questionnaires are used (pseudonymised) in evaluation
  bool gp_record = false;       ///< patients: agreed that activity is coded in the GP record
  Instant recorded_at{boost::posix_time::not_a_date_time};  ///< when consent was recorded (UTC)
  bool operator==(const Consent&) const = default;
};

/// A client: a member of staff (pseudonymous id) or a patient.
struct Client {
  std::string id;                 ///< unique pseudonymous id
  ClientKind kind = ClientKind::Staff;
  // staff
  std::string staff_group;        ///< e.g. "nursing", "medical", "admin"; staff only
  std::string sector;             ///< e.g. "primary_care", "acute", "mental_health", "social_care"
  std::string organisation;       ///< ODS code of the employer or GP practice; empty if unknown
  bool leader = false;            ///< leads or manages a team (eligibility for LAY Team leader 1:1)
  std::string ethnicity;          ///< optional self-described ethnicity (free text)
  std::string ethnicity_group;    ///< optional grouping for breakdowns (e.g. ONS "asian", "black", "white", ...)
  bool ethnically_diverse = false;  ///< self-identifies as from an ethnically diverse background
  // patient
  std::string nhs_number;         ///< 10 digits, Modulus 11 valid; patients only
  std::optional<int> pam_level;   ///< Patient Activation Measure level 1..4, recorded by a licensed tool
  std::optional<double> pam_score;  ///< PAM score 0..100, recorded by a licensed tool
  ReferralSource referral_source = ReferralSource::Self;
  Consent consent;
  bool operator==(const Client&) const = default;
};

/// True when s is a 10-digit NHS number whose Modulus 11 check digit is right (spaces ignored).
bool nhs_number_valid(std::string_view s) noexcept;
/// The canonical form of a valid NHS number: its 10 digits, no spaces. Throws ValidationError
/// (record "nhs_number", field "nhs_number", rule "nhs_number_modulus_11") unless nhs_number_valid(s).
std::string nhs_number_canonical(std::string_view s);

}  // namespace laycoach
