#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file audience.hpp
/// Who is asking: confidentiality and disclosure control are decided by the viewer's audience.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace laycoach {

/// The audience a call is made for. Employer, Commissioner and Public only ever get aggregates;
/// a Supervisor gets caseload metadata of their supervisees only (caseload.hpp).
/// Practitioner (appended): a named practitioner involved in a person's care, who reads only the
/// care plans shared with them (viewer.id = CarePlanShare::practitioner_id); nothing else.
enum class Audience { Coach, Client, ServiceManager, Employer, Commissioner, Public, Supervisor, Practitioner };
/// "coach", "client", "service_manager", "employer", "commissioner", "public", "supervisor",
/// "practitioner".
const char* to_string(Audience v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<Audience> parse_audience(std::string_view s) noexcept;
/// True for the audiences that may only see aggregate, disclosure-controlled figures.
constexpr bool aggregate_only(Audience a) noexcept {
  return a == Audience::Employer || a == Audience::Commissioner || a == Audience::Public;
}

/// True for the audiences that never see a note, a goal or a client record: the aggregate-only
/// ones, the supervisor and the practitioner (who reads shared care plans only).
constexpr bool record_level_barred(Audience a) noexcept {
  return aggregate_only(a) || a == Audience::Supervisor || a == Audience::Practitioner;
}

/// The identity behind a call: a coach id, a client id, an employer's ODS code, or empty.
/// The host authenticates the person; laycoach enforces and records what the host asserts.
struct Viewer {
  Audience audience = Audience::Public;
  /// coach id (Coach), client id (Client), ODS code (Employer), the supervisor's name as
  /// recorded in SupervisionRecord::supervisor (Supervisor), the practitioner's id as in
  /// CarePlanShare::practitioner_id (Practitioner); else may be empty
  std::string id;
};

/// How figures released to aggregate audiences (employer, commissioner, public) are protected;
/// docs/disclosure.md is the one description of the method. Counts of 1..min_count−1 are
/// suppressed; other counts are perturbed by the cell key method (cell_key) and rounded to the
/// nearest round_to, never below the first multiple of round_to at or above min_count; means and
/// SDs carry bounded noise keyed like the counts, and every other statistic is computed from the
/// released figures, so no released figure pins a group's exact size.
struct SuppressionPolicy {
  int min_count = 8;             ///< smallest count shown (people; default: 1-7 suppressed), >= 1
  int round_to = 5;              ///< rounding base for shown counts (1: exact), >= 1
  bool cell_key = true;          ///< perturb counts by their cell key before rounding (false: the NHS rule alone)
  int max_perturbation = 2;      ///< cell key: a count moves by at most this many people, 0..20
  /// Noise bound of released means and SDs as a share of the score range per released person
  /// (b = magnitude_noise · range / n), in [0, 1].
  double magnitude_noise = 0.25;
  /// The release before cell keys: exact means, SDs and test statistics (which imply a group's
  /// exact size). Only for comparing against, through disclose() on an exact report; refused
  /// for aggregate audiences (ForbiddenError "policy_below_floor").
  bool exact_statistics = false;
  bool operator==(const SuppressionPolicy&) const = default;
};

/// The weakest floor a service may configure: the NHS small-number rule (1–7 suppressed, counts
/// rounded to 5) without cell-key perturbation of counts, statistics protected as by default.
inline constexpr SuppressionPolicy kMinimumFloor{8, 5, false, 0, 0.25, false};

/// Throws ValidationError (record "viewer", field "id", rule "length_limit") when the viewer's id
/// is longer than kMaxIdBytes (limits.hpp). Every viewer document is read through it.
void validate(const Viewer& viewer);
/// Throws ValidationError (record "suppression_policy", field = the member, rule "policy_range")
/// unless min_count >= 1, round_to >= 1, 0 <= max_perturbation <= 20 and magnitude_noise in [0, 1].
void validate(const SuppressionPolicy& policy);
/// The first member in which `policy` protects less than `floor` (smaller min_count, round_to,
/// max_perturbation or magnitude_noise; no cell key where the floor has one; exact statistics
/// where the floor has none), or nullptr when it protects at least as much.
const char* weaker_member(const SuppressionPolicy& policy, const SuppressionPolicy& floor) noexcept;
/// Validates `policy` and throws ForbiddenError (record "policy", field = the weaker member,
/// rule "policy_below_floor") when it protects less than `floor`.
void require_floor(const SuppressionPolicy& policy, const SuppressionPolicy& floor);

/// A figure as released to an audience: a value, or suppressed ("*").
struct DisclosedValue {
  std::optional<double> value;  ///< nullopt when suppressed
  /// The cell key of an exact count (sum of its records' keys, modulo 2^64; docs/disclosure.md):
  /// what the cell key method perturbs it by. 0 when unkeyed; never part of a released figure
  /// (disclosure resets it) nor of equality.
  std::uint64_t key = 0;
  bool suppressed() const noexcept { return !value.has_value(); }
  bool operator==(const DisclosedValue& o) const noexcept { return value == o.value; }
};

}  // namespace laycoach
