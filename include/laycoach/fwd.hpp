#pragma once
/// \file fwd.hpp
/// Forward declarations of laycoach's public types, for headers that only name them.

namespace laycoach {

// catalogue.hpp
enum class Format;
enum class Modality;
enum class ServiceKind;
enum class ClientKind;
struct DayHours;
struct OpeningHours;
struct Eligibility;
struct AccreditationRequirement;
struct ServiceLine;
struct Offer;
struct Catalogue;
// organisation.hpp
enum class OrgKind;
struct Organisation;
// coach.hpp
enum class ProfessionalBody;
struct TrainingRecord;
struct RotaBlock;
struct RotaException;
struct Leave;
struct Rota;
struct Coach;
// client.hpp
enum class ReferralSource;
struct Consent;
struct Client;
// session.hpp
enum class SessionStatus;
enum class AttendeeStatus;
enum class WaitStatus;
enum class GoalAttainment;
struct Referral;
struct Attendee;
struct Session;
struct WaitingListEntry;
struct SessionNote;
struct Goal;
// supervision.hpp
enum class SupervisionKind;
enum class SafeguardingCategory;
struct SupervisionRecord;
struct SupervisionPolicy;
struct OverdueSupervision;
struct SafeguardingConcern;
// training.hpp
struct TrainingCohort;
struct Trainee;
struct TrainedPerson;
// pathway.hpp
enum class TriageRoute;
enum class InboxStatus;
struct InboxReferral;
struct TriageDecision;
struct TriageRule;
struct TriageRules;
struct TriageProposal;
struct UsageWave;
struct UsageInvitation;
struct SkillShareSession;
struct PractitionerStatus;
// response.hpp
enum class TimePoint;
struct Response;
struct RiskFlag;
enum class EventKind;
struct Event;
// care_plan.hpp
struct CarePlan;
struct CarePlanShare;
enum class OnwardDestination;
enum class OnwardOutcome;
struct OnwardReferral;
// audience.hpp
enum class Audience;
struct Viewer;
struct SuppressionPolicy;
struct DisclosedValue;
// access_log.hpp
struct AccessEntry;
struct AccessLogCheck;
// caseload.hpp
struct SuperviseeCaseload;
// programme.hpp, store.hpp
struct ProgrammeData;
struct Breach;
struct ActivitySummary;
class Programme;
struct ChangeSet;
class Store;
// instrument.hpp
struct ItemDef;
struct ScaleDef;
struct InstrumentDef;
struct Score;
struct ScaleScore;
struct ScoreOptions;
class Instrument;
class InstrumentLibrary;

}  // namespace laycoach
