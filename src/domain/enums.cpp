// Stable names of every public enum: one table per enum, used by to_string and parse_*.
#include <string>
#include <string_view>
#include <vector>
#include <utility>

#include "enum_names.hpp"
#include "enum_registry.hpp"
#include "laycoach/audience.hpp"
#include "laycoach/care_plan.hpp"
#include "laycoach/catalogue.hpp"
#include "laycoach/client.hpp"
#include "laycoach/coach.hpp"
#include "laycoach/events.hpp"
#include "laycoach/organisation.hpp"
#include "laycoach/response.hpp"
#include "laycoach/session.hpp"
#include "laycoach/supervision.hpp"

namespace laycoach {
namespace {
using enum_names::name_of;
using enum_names::value_of;
}  // namespace

#define LC_ENUM_NAMES(Type, parse_fn, ...)                                                  \
  namespace {                                                                              \
  const std::pair<Type, const char*> k##Type##Names[] = {__VA_ARGS__};                     \
  }                                                                                        \
  const char* to_string(Type v) noexcept { return name_of(k##Type##Names, v); }            \
  std::optional<Type> parse_fn(std::string_view s) noexcept { return value_of(k##Type##Names, s); }

LC_ENUM_NAMES(Format, parse_format, {Format::OneToOne, "one_to_one"}, {Format::Group, "group"},
              {Format::Team, "team"})
LC_ENUM_NAMES(Modality, parse_modality, {Modality::Video, "video"}, {Modality::Telephone, "telephone"},
              {Modality::FaceToFace, "face_to_face"})
LC_ENUM_NAMES(ServiceKind, parse_service_kind, {ServiceKind::Workforce, "workforce"},
              {ServiceKind::PatientTargeted, "patient_targeted"},
              {ServiceKind::PatientClinical, "patient_clinical"},
              {ServiceKind::PatientNonClinical, "patient_non_clinical"})
LC_ENUM_NAMES(ClientKind, parse_client_kind, {ClientKind::Staff, "staff"}, {ClientKind::Patient, "patient"})
LC_ENUM_NAMES(OrgKind, parse_org_kind, {OrgKind::GpPractice, "gp_practice"}, {OrgKind::Pcn, "pcn"},
              {OrgKind::Trust, "trust"}, {OrgKind::SocialCare, "social_care"},
              {OrgKind::VoluntarySector, "voluntary_sector"}, {OrgKind::Other, "other"})
LC_ENUM_NAMES(ProfessionalBody, parse_professional_body, {ProfessionalBody::Icf, "icf"},
              {ProfessionalBody::Emcc, "emcc"},
              {ProfessionalBody::AssociationForCoaching, "association_for_coaching"},
              {ProfessionalBody::Ukhca, "ukhca"})
LC_ENUM_NAMES(ReferralSource, parse_referral_source, {ReferralSource::Self, "self"},
              {ReferralSource::Gp, "gp"},
              {ReferralSource::SocialPrescribingLinkWorker, "social_prescribing_link_worker"},
              {ReferralSource::Other, "other"})
LC_ENUM_NAMES(SessionStatus, parse_session_status, {SessionStatus::Booked, "booked"},
              {SessionStatus::Attended, "attended"},
              {SessionStatus::ClientDidNotAttend, "client_did_not_attend"},
              {SessionStatus::CoachDidNotAttend, "coach_did_not_attend"},
              {SessionStatus::CancelledByClient, "cancelled_by_client"},
              {SessionStatus::CancelledByCoach, "cancelled_by_coach"},
              {SessionStatus::Rescheduled, "rescheduled"})
LC_ENUM_NAMES(AttendeeStatus, parse_attendee_status, {AttendeeStatus::Booked, "booked"},
              {AttendeeStatus::Attended, "attended"}, {AttendeeStatus::DidNotAttend, "did_not_attend"},
              {AttendeeStatus::Cancelled, "cancelled"})
LC_ENUM_NAMES(WaitStatus, parse_wait_status, {WaitStatus::Waiting, "waiting"}, {WaitStatus::Offered, "offered"},
              {WaitStatus::Joined, "joined"}, {WaitStatus::Withdrawn, "withdrawn"})
LC_ENUM_NAMES(GoalAttainment, parse_goal_attainment, {GoalAttainment::NotStarted, "not_started"},
              {GoalAttainment::Partly, "partly"}, {GoalAttainment::Achieved, "achieved"})
LC_ENUM_NAMES(SupervisionKind, parse_supervision_kind, {SupervisionKind::HealthCoaching, "health_coaching"},
              {SupervisionKind::Clinical, "clinical"}, {SupervisionKind::LineManagement, "line_management"})
LC_ENUM_NAMES(SafeguardingCategory, parse_safeguarding_category, {SafeguardingCategory::Abuse, "abuse"},
              {SafeguardingCategory::DomesticViolence, "domestic_violence"},
              {SafeguardingCategory::MentalHealth, "mental_health"},
              {SafeguardingCategory::SelfHarm, "self_harm"}, {SafeguardingCategory::Other, "other"})
LC_ENUM_NAMES(TimePoint, parse_time_point, {TimePoint::Baseline, "baseline"},
              {TimePoint::PostSession, "post_session"}, {TimePoint::EndOfEpisode, "end_of_episode"},
              {TimePoint::FollowUp, "follow_up"})
LC_ENUM_NAMES(Audience, parse_audience, {Audience::Coach, "coach"}, {Audience::Client, "client"},
              {Audience::ServiceManager, "service_manager"}, {Audience::Employer, "employer"},
              {Audience::Commissioner, "commissioner"}, {Audience::Public, "public"},
              {Audience::Supervisor, "supervisor"}, {Audience::Practitioner, "practitioner"})
LC_ENUM_NAMES(EventKind, parse_event_kind, {EventKind::SessionBooked, "session_booked"},
              {EventKind::SessionJoined, "session_joined"}, {EventKind::SessionCancelled, "session_cancelled"},
              {EventKind::SessionRescheduled, "session_rescheduled"},
              {EventKind::WaitingListOffered, "waiting_list_offered"}, {EventKind::RiskFlagRaised, "risk_flag_raised"})
LC_ENUM_NAMES(OnwardDestination, parse_onward_destination, {OnwardDestination::WeightManagement, "weight_management"},
              {OnwardDestination::SmokingCessation, "smoking_cessation"},
              {OnwardDestination::PhysicalActivity, "physical_activity"},
              {OnwardDestination::TalkingTherapies, "talking_therapies"},
              {OnwardDestination::SocialPrescribing, "social_prescribing"}, {OnwardDestination::Other, "other"})
LC_ENUM_NAMES(OnwardOutcome, parse_onward_outcome, {OnwardOutcome::Unknown, "unknown"},
              {OnwardOutcome::Accepted, "accepted"}, {OnwardOutcome::Declined, "declined"},
              {OnwardOutcome::Attended, "attended"}, {OnwardOutcome::Completed, "completed"},
              {OnwardOutcome::DidNotAttend, "did_not_attend"})

namespace {
template <class E, std::size_t N>
std::vector<std::string> all_names(const std::pair<E, const char*> (&table)[N]) {
  std::vector<std::string> v;
  for (const auto& [e, n] : table) v.emplace_back(n);
  return v;
}
}  // namespace

std::vector<std::string> enum_value_names(std::string_view type) {
#define LC_ENUM_CASE(Type) \
  if (type == #Type) return all_names(k##Type##Names);
  LC_ENUM_CASE(Format) LC_ENUM_CASE(Modality) LC_ENUM_CASE(ServiceKind) LC_ENUM_CASE(ClientKind)
  LC_ENUM_CASE(OrgKind) LC_ENUM_CASE(ProfessionalBody) LC_ENUM_CASE(ReferralSource) LC_ENUM_CASE(SessionStatus)
  LC_ENUM_CASE(AttendeeStatus) LC_ENUM_CASE(WaitStatus) LC_ENUM_CASE(GoalAttainment) LC_ENUM_CASE(SupervisionKind)
  LC_ENUM_CASE(SafeguardingCategory) LC_ENUM_CASE(TimePoint) LC_ENUM_CASE(Audience) LC_ENUM_CASE(EventKind)
  LC_ENUM_CASE(OnwardDestination) LC_ENUM_CASE(OnwardOutcome)
#undef LC_ENUM_CASE
  return detail::pathway_enum_value_names(type);
}

}  // namespace laycoach
