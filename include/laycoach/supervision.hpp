#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file supervision.hpp
/// The three distinct kinds of support for coaches, the policy for how often each is due,
/// and safeguarding concerns with their escalation.

#include <optional>
#include <string>
#include <vector>

#include "laycoach/time.hpp"

namespace laycoach {

/// Kinds of support; distinct and not interchangeable.
enum class SupervisionKind { HealthCoaching, Clinical, LineManagement };
/// "health_coaching", "clinical", "line_management".
const char* to_string(SupervisionKind v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<SupervisionKind> parse_supervision_kind(std::string_view s) noexcept;

/// One supervision (or line-management) meeting of a coach.
struct SupervisionRecord {
  std::string id;  ///< unique id
  std::string coach_id;  ///< the coach supported
  SupervisionKind kind = SupervisionKind::HealthCoaching;  ///< health coaching supervision, clinical supervision or line management
  bool group = false;               ///< group supervision (health coaching supervision only)
  Date date{boost::gregorian::not_a_date_time};  ///< the day of the meeting
  std::string supervisor;           ///< name or id of the supervisor / clinician / line manager
  bool pci_assured = false;         ///< supervisor assured by the Personalised Care Institute
  int minutes = 60;                 ///< length, minutes
  bool operator==(const SupervisionRecord&) const = default;
};

/// How often each kind is due, days between meetings; 0 = not required.
struct SupervisionPolicy {
  int health_coaching_days = 30;    ///< PCI-assured health coaching supervision at least monthly
  int clinical_days = 30;           ///< clinical / non-managerial supervision at least monthly
  int line_management_days = 90;    ///< line management at least quarterly
  bool health_coaching_requires_pci = true;  ///< only PCI-assured supervisors count
  int interval(SupervisionKind k) const noexcept {
    return k == SupervisionKind::HealthCoaching ? health_coaching_days
         : k == SupervisionKind::Clinical ? clinical_days : line_management_days;
  }
  bool operator==(const SupervisionPolicy&) const = default;
};

/// A coach overdue for one kind of support on a given day.
struct OverdueSupervision {
  std::string coach_id;  ///< the coach overdue
  SupervisionKind kind = SupervisionKind::HealthCoaching;  ///< the kind of support that is overdue
  std::optional<Date> last;         ///< last qualifying meeting, if any
  Date due{boost::gregorian::not_a_date_time};  ///< when the next was due
  int days_overdue = 0;             ///< days past due on the query date
  bool operator==(const OverdueSupervision&) const = default;
};

/// Category of a safeguarding concern.
enum class SafeguardingCategory { Abuse, DomesticViolence, MentalHealth, SelfHarm, Other };
/// "abuse", "domestic_violence", "mental_health", "self_harm", "other".
const char* to_string(SafeguardingCategory v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<SafeguardingCategory> parse_safeguarding_category(std::string_view s) noexcept;

/// A safeguarding concern raised by a coach, escalated to a named GP or lead.
struct SafeguardingConcern {
  std::string id;  ///< unique id
  std::string coach_id;  ///< the coach who raised it
  std::string client_id;  ///< the client it is about
  std::string session_id;           ///< may be empty
  SafeguardingCategory category = SafeguardingCategory::Other;  ///< abuse, domestic violence, mental health, self-harm or other
  Instant raised_at{boost::posix_time::not_a_date_time};  ///< when it was raised (UTC)
  std::string escalated_to;         ///< the named GP or lead; empty until escalated
  Instant escalated_at{boost::posix_time::not_a_date_time};  ///< when it was escalated (UTC); not_a_date_time until then
  std::string risk_flag_id;         ///< the risk flag (RiskFlag::id) this concern answers; may be empty
  bool operator==(const SafeguardingConcern&) const = default;
};

}  // namespace laycoach
