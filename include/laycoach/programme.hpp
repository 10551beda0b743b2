#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file programme.hpp
/// The Programme aggregate: every record of one coaching service, with its invariants enforced
/// in one place. Each mutation validates first, then writes to the attached store in one
/// transaction, then updates memory: a rejected change leaves programme and store unchanged.
/// All member functions are thread-safe.
///
/// Every read of confidential content (notes, goals, client) and every export (data()) is
/// recorded in the access log (access_log.hpp), allowed or refused, in a transaction of its own
/// before the content is returned: when the entry cannot be written the call throws that
/// IoError and returns nothing (a refused call then throws the IoError instead of its
/// ForbiddenError). The host authenticates people; the programme enforces and records what the
/// host asserts in the Viewer.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "laycoach/access_log.hpp"
#include "laycoach/audience.hpp"
#include "laycoach/care_plan.hpp"
#include "laycoach/caseload.hpp"
#include "laycoach/catalogue.hpp"
#include "laycoach/client.hpp"
#include "laycoach/coach.hpp"
#include "laycoach/events.hpp"
#include "laycoach/instrument.hpp"
#include "laycoach/organisation.hpp"
#include "laycoach/pathway.hpp"
#include "laycoach/response.hpp"
#include "laycoach/session.hpp"
#include "laycoach/supervision.hpp"
#include "laycoach/time.hpp"
#include "laycoach/training.hpp"
#include "laycoach/usage.hpp"

namespace laycoach {

class Store;

/// Every record of a programme as plain vectors: the shape of documents and of the store.
struct ProgrammeData {
  Catalogue catalogue;
  std::vector<Organisation> organisations;
  std::vector<Coach> coaches;
  std::vector<Client> clients;
  std::vector<Referral> referrals;
  std::vector<Session> sessions;
  std::vector<WaitingListEntry> waiting_list;
  std::vector<SessionNote> notes;
  std::vector<Goal> goals;
  std::vector<SupervisionRecord> supervision;
  std::vector<SafeguardingConcern> safeguarding;
  std::vector<TrainingCohort> cohorts;
  std::vector<Trainee> trainees;
  std::vector<Response> responses;
  /// Clinical risk flags raised by responses (a response that raises one and has none listed
  /// gets it when loaded: the flag can never be lost by a document or an older store).
  std::vector<RiskFlag> risk_flags;
  std::vector<UsageWave> usage_waves;              ///< the usage survey's schedule (usage.hpp)
  std::vector<UsageInvitation> usage_invitations;  ///< usage survey invitations and their answers
  std::vector<SkillShareSession> skill_share_sessions;  ///< skill-share sessions of people trained
  /// Personalised care and support plans, every version (care_plan.hpp).
  std::vector<CarePlan> care_plans;
  /// Consented shares of plans with named practitioners (revoked ones kept).
  std::vector<CarePlanShare> care_plan_shares;
  /// Referrals on to other services at or after coaching.
  std::vector<OnwardReferral> onward_referrals;
  SupervisionPolicy supervision_policy;
  /// The weakest disclosure policy any aggregate audience gets (at least kMinimumFloor).
  SuppressionPolicy disclosure_floor;
  /// Referrals received at the single point of access and their triage (pathway.hpp).
  std::vector<InboxReferral> inbox;
  /// The rules that propose a triage route (a setting: one per programme; pathway.hpp).
  TriageRules triage_rules;
  /// Questionnaires of the programme's own (Programme::register_instrument), by id.
  std::vector<RegisteredInstrument> instruments;
  bool operator==(const ProgrammeData&) const = default;
};

/// A rule breach found by Programme::audit (things that are allowed to be stored but need action).
struct Breach {
  std::string rule;       ///< e.g. "supervision_overdue", "safeguarding_not_escalated"
  std::string record;     ///< id of the record concerned
  std::string detail;     ///< human explanation
  bool operator==(const Breach&) const = default;
};

/// Counts released to an audience (disclosure-controlled for aggregate-only audiences).
struct ActivitySummary {
  Audience audience = Audience::Public;
  std::vector<std::pair<std::string, DisclosedValue>> figures;  ///< name -> value, in a fixed order
  /// The value of a named figure; throws NotFoundError for an unknown name.
  const DisclosedValue& at(std::string_view name) const;
  bool operator==(const ActivitySummary&) const = default;
};

/// What a one-line summary of a programme shows (Python's repr): where it is kept and how many
/// records of the main kinds it holds. Counts only: no person's data.
struct ProgrammeOverview {
  bool has_store = false;   ///< kept in a store (Programme::open), not only in memory
  std::string location;     ///< Store::location(): the SQLite path, ":memory:", or "" (no store, memory store)
  bool read_only = false;   ///< opened read-only (OpenMode::ReadOnly)
  std::size_t organisations = 0;  ///< organisations
  std::size_t coaches = 0;        ///< coaches
  std::size_t clients = 0;        ///< clients
  std::size_t referrals = 0;      ///< referrals
  std::size_t sessions = 0;       ///< sessions (any status)
  std::size_t responses = 0;      ///< questionnaire responses
};

/// How Programme::open treats the store file (C: LC_OPEN_*; Python: mode "c", "w", "r").
enum class OpenMode {
  /// Read-write; a missing file is created as a new store (the default catalogue).
  Create,
  /// Read-write; a missing file is NotFoundError (record = the path, field "path", rule
  /// "store_exists") and nothing is created: a typo in a path never makes an empty store.
  /// ":memory:" (always a new store, nothing to mistype) is opened as by Create.
  MustExist,
  /// Read only (SQLite SQLITE_OPEN_READONLY; the file must exist, as MustExist). Every change is
  /// refused with ForbiddenError (record = the path, field "mode", rule "read_only") before any
  /// rule is checked. The handle writes nothing, the access log included, so reads that must be
  /// logged first (notes, goals, a client record, the access log, an export) are refused with
  /// that same error and return nothing; the other queries work and see other handles' commits.
  ReadOnly,
};

/// Options of Programme::open.
struct OpenOptions {
  OpenMode mode = OpenMode::Create;  ///< see OpenMode
  /// How long a write (or a read) waits for another connection's lock before BusyError, in
  /// milliseconds (>= 0; 0: fail at once). ValidationError "busy_timeout_range" when negative.
  int busy_timeout_ms = 5000;
};

/// The aggregate root of one coaching service. Move-only; thread-safe.
class Programme {
 public:
  /// A new programme with the default catalogue and no store.
  Programme();
  /// A programme built from data; validates every record and invariant (throws laycoach::Error;
  /// the error's field is the JSON pointer of the offending value, e.g. "/sessions/3/coach_id").
  explicit Programme(const ProgrammeData& data);
  /// Open an SQLite store ("<file>" or ":memory:") and load it; by default creating the file
  /// when missing (OpenOptions). Throws ValidationError (empty path: field "path", rule
  /// "path_required"), NotFoundError ("store_exists", see OpenMode), IoError (cannot open, not a
  /// laycoach store: rule "store_format"), BusyError (locked beyond the busy timeout), ParseError.
  static Programme open(const std::string& sqlite_path, const OpenOptions& options = {});
  /// Attach any store and load its contents; an empty store gets the default catalogue.
  static Programme open(std::unique_ptr<Store> store);
  Programme(Programme&&) noexcept;
  Programme& operator=(Programme&&) noexcept;
  ~Programme();

  /// Replace every record with `data`, all-or-nothing (validated first; store rewritten in one transaction).
  void replace(const ProgrammeData& data);
  /// Add every record of `batch` (your own data: docs/own-data.md), all or nothing, in ONE store
  /// transaction. Each record is judged by its kind's rule exactly as a document load judges it
  /// (Programme(data): ids new, references, eligibility, capacity, no double booking, answers in
  /// range ...), in dependency order (catalogue, organisations, coaches, clients, referrals,
  /// sessions, waiting list, supervision, cohorts, trainees, responses, risk flags, usage, inbox,
  /// safeguarding), against the programme plus the batch records before it: history is recorded,
  /// so a session's booking rules (rota, notice, consent at booking) are not applied. Responses
  /// raise their risk flags as add_response does; the outbox gets the events the records cause.
  /// The first bad record throws its rule's error with record = its id and field = its JSON
  /// pointer in the batch ("/sessions/17/coach_id"); nothing changes. Throws ForbiddenError
  /// (field "/notes", rule "confidential_import") for notes, goals, care plans, shares and
  /// onward referrals (written by their author with a viewer), ConflictError "unique_id" (an id
  /// taken, also by another handle), BusyError, IoError. The batch's settings (policies,
  /// disclosure floor, triage rules) are ignored: use the set_* calls.
  void import_records(const ProgrammeData& batch);
  /// A copy of every record (the operator's system-of-record view, confidential notes included):
  /// an export, recorded in the access log as "export_programme" by the service manager (the
  /// operator; no viewer id). Throws IoError when the log cannot be written.
  ProgrammeData data() const;

  // ---- catalogue and organisations --------------------------------------------------------
  void add_service_line(const ServiceLine& s);       ///< throws ConflictError (duplicate id), ValidationError
  void add_offer(const Offer& o);                    ///< throws ConflictError, NotFoundError (service line), ValidationError
  Catalogue catalogue() const;                       ///< copy of the catalogue
  Offer offer(const std::string& id) const;          ///< throws NotFoundError
  void add_organisation(const Organisation& o);      ///< throws ConflictError, ValidationError, NotFoundError (parent)

  // ---- coaches -----------------------------------------------------------------------------
  void add_coach(const Coach& c);                    ///< throws ConflictError, NotFoundError (offer), ValidationError
  void update_coach(const Coach& c);                 ///< replace a coach; throws NotFoundError, ValidationError
  Coach coach(const std::string& id) const;          ///< throws NotFoundError
  std::vector<Coach> coaches() const;                ///< all coaches, by id

  // ---- clients and referrals ----------------------------------------------------------------
  void add_client(const Client& c);                  ///< throws ConflictError, ValidationError (NHS number ...), NotFoundError
  /// A client's record; only the service manager, the client, or a coach who has a session with
  /// them. Logged ("read_client", allowed or denied).
  Client client(const std::string& id, const Viewer& viewer) const;  ///< throws ForbiddenError, NotFoundError, IoError (log)
  std::size_t client_count() const;                  ///< number of clients
  /// Record counts and where the programme is kept, under the read lock, in O(1): nothing is
  /// copied and nothing is logged (no person's data); it first catches up with other handles' commits
  /// as every read does (IoError, BusyError from the store).
  ProgrammeOverview overview() const;
  void add_referral(const Referral& r);              ///< throws ConflictError, NotFoundError, ValidationError (eligibility)
  Referral referral(const std::string& id) const;    ///< throws NotFoundError
  std::vector<Referral> referrals() const;           ///< all referrals, by id

  // ---- the single point of access (pathway.hpp, docs/triage.md) ---------------------------
  /// Receive a referral into the inbox, untriaged; the triage rules' proposal is recorded on it
  /// (proposed_route, proposed_by_rule: whatever the caller put there is replaced). Returns the
  /// stored item. Throws ConflictError (id), NotFoundError (client_id), ValidationError
  /// ("received_at" "instant_required"; "status" "new_item_untriaged" when it carries a triage).
  InboxReferral receive_referral(const InboxReferral& r);
  /// A named person triages an inbox item to a route, all or nothing: a coaching route opens a
  /// Referral on decision.offer_id (source and requested_at from the item) under the referral
  /// rule (eligibility ...) in the same transaction. Returns the stored item. Throws
  /// NotFoundError (id; offer_id), ConflictError ("decided_by" "triage_once" when already
  /// triaged; the referral id taken), ValidationError ("decided_by" "named_person";
  /// "decided_at" "instant_required" / "triage_time" (before received_at); "not_accepted_reason"
  /// "reason_required" / "reason_not_accepted_only"; "offer_id" "offer_required" /
  /// "coaching_route_only" / "route_matches_offer"; the referral's own errors).
  InboxReferral triage(const std::string& inbox_id, const TriageDecision& decision);
  /// Record when the receiving role (social prescribing, care coordination) first contacted the
  /// person. Throws NotFoundError, ValidationError ("first_contact_at" "instant_required" /
  /// "first_contact_time"; "route" "first_contact_route": untriaged, coaching or not accepted),
  /// ConflictError ("first_contact_at" "first_contact_once").
  InboxReferral record_first_contact(const std::string& inbox_id, Instant at);
  /// One inbox item; throws NotFoundError.
  InboxReferral inbox_item(const std::string& id) const;
  /// The inbox, oldest first (received_at, then id); untriaged_only: only items awaiting triage.
  std::vector<InboxReferral> inbox(bool untriaged_only = false) const;
  /// What the current rules propose for an inbox item (from its client's current record and
  /// its source). Throws NotFoundError.
  TriageProposal propose_route(const std::string& inbox_id) const;
  /// Replace the triage rules (validated first: ValidationError naming "rules/<i>/<member>":
  /// "id_required", "unique_id", "pam_level_range"). Items already received keep their proposal.
  void set_triage_rules(const TriageRules& rules);
  TriageRules triage_rules() const;                  ///< the current triage rules

  // ---- sessions -----------------------------------------------------------------------------
  /// Book a session: enforces unique id, references, coach accredited for the offer, pathway,
  /// modality, opening hours, capacity, no coach or client double-booking. Returns the stored session.
  Session book(const Session& s);
  /// Add a client to an existing group/team session; throws ConflictError "group_capacity" when full.
  Session join(const std::string& session_id, const Attendee& a);
  /// Record what happened: Attended, ClientDidNotAttend, CoachDidNotAttend, CancelledByClient,
  /// CancelledByCoach (the session must be Booked; throws ValidationError otherwise).
  Session record_outcome(const std::string& session_id, SessionStatus outcome);
  /// Record one attendee's outcome in a group/team session (Attended, DidNotAttend, Cancelled).
  Session record_attendance(const std::string& session_id, const std::string& client_id, AttendeeStatus status);
  /// Move a booked session: the old one becomes Rescheduled, a new one (new_id, new_start) is booked
  /// under the same rules, both in one transaction. booked_at stamps the new booking (default:
  /// now). Returns the new session.
  Session reschedule(const std::string& session_id, const std::string& new_id, Instant new_start,
                     Instant booked_at = Instant(boost::posix_time::not_a_date_time));
  Session session(const std::string& id) const;      ///< throws NotFoundError
  std::vector<Session> sessions() const;             ///< all sessions, by start then id
  std::vector<Session> sessions_of_coach(const std::string& coach_id) const;  ///< by start

  // ---- confidential content: coach and client only -------------------------------------------
  /// Add a note; the viewer must be the session's coach. Throws ForbiddenError otherwise.
  void add_note(const SessionNote& n, const Viewer& author);
  /// Notes of a session; only its coach or one of its clients. Throws ForbiddenError otherwise.
  /// Logged ("read_notes": the session id, then the note ids returned; allowed or denied).
  std::vector<SessionNote> notes(const std::string& session_id, const Viewer& viewer) const;
  /// Add a goal; the viewer must be the client or a coach who has a session in the episode.
  void add_goal(const Goal& g, const Viewer& viewer);
  /// Update a goal's attainment; same access rule as add_goal.
  void set_goal_attainment(const std::string& goal_id, GoalAttainment a, const Viewer& viewer);
  /// A client's goals; only the client or a coach who has a session with them.
  /// Logged ("read_goals": the client id, then the goal ids returned; allowed or denied).
  std::vector<Goal> goals(const std::string& client_id, const Viewer& viewer) const;

  // ---- care and support plan, onward referral (care_plan.hpp) ---------------------------------
  /// How many sessions the episode (referral) has agreed: the latest care plan version's
  /// agreed_sessions when it has a plan, else the referral's sessions_wanted, else its offer's
  /// agreed_sessions, else nullopt. Series booking honours it. Throws NotFoundError (field "id").
  std::optional<int> agreed_sessions(const std::string& referral_id) const;
  /// Add a new version of an episode's care plan; never overwrites one. version 0 takes the
  /// next (latest + 1; the first is 1), any other must be exactly that (ConflictError
  /// "version_sequence"); a special agreed_at is now. The viewer must be the coach agreed_by,
  /// with a session in the episode (ForbiddenError field "agreed_by", rule "coach_in_episode");
  /// an employer is refused (ForbiddenError "viewer", "never_employer"). Returns the stored
  /// version. Throws ValidationError, NotFoundError, ConflictError as docs/care-plan.md lists.
  CarePlan add_care_plan(const CarePlan& plan, const Viewer& viewer);
  /// Every version of a client's plans the viewer may read, by episode then version: the
  /// client (all), a coach (the episodes they have a session in), a practitioner (episodes
  /// shared with them and not revoked). Logged ("read_care_plans": the client id, then the plan
  /// ids returned; allowed or denied). Throws ForbiddenError (employer: rule "never_employer";
  /// anyone else: "confidentiality"), NotFoundError, IoError (log).
  std::vector<CarePlan> care_plans(const std::string& client_id, const Viewer& viewer) const;
  /// Share an episode's plan (every version, present and future) with a named practitioner,
  /// with the person's consent: made by the client or their coach in the episode, consent_by =
  /// the viewer's id (empty: filled in; special consent_at: now). Refused with ForbiddenError
  /// (field "organisation", rule "never_employer") when the practitioner's organisation is the
  /// staff client's employer (or above or below it in the organisation registry). Logged
  /// ("share_care_plan": client, share, episode ids; allowed or denied) after the commit.
  CarePlanShare share_care_plan(const CarePlanShare& share, const Viewer& viewer);
  /// Revoke a share at `at` (special: now), by the client or their coach in the episode; the
  /// practitioner reads nothing more. ConflictError ("revoked_at", "revoke_once") when already
  /// revoked. Logged ("revoke_care_plan_share"). Returns the stored share.
  CarePlanShare revoke_care_plan_share(const std::string& share_id, Instant at, const Viewer& viewer);
  /// A client's plan shares (revoked ones too), for the client or a coach who has a session
  /// with them. Logged ("read_care_plan_shares"). Throws ForbiddenError, NotFoundError, IoError.
  std::vector<CarePlanShare> care_plan_shares(const std::string& client_id, const Viewer& viewer) const;
  /// Record a referral on to another service, made by the coach referred_by with a session in
  /// the episode (ForbiddenError "referred_by"/"coach_in_episode"); a special referred_at is
  /// now. Returns the stored record. Throws ValidationError ("description_required" for Other,
  /// "within_episode" before the episode began), NotFoundError, ConflictError.
  OnwardReferral add_onward_referral(const OnwardReferral& referral, const Viewer& viewer);
  /// Record what became of an onward referral (Unknown clears outcome_at; otherwise at, special:
  /// now), by a coach with a session in the episode. Returns the stored record.
  OnwardReferral set_onward_outcome(const std::string& id, OnwardOutcome outcome, Instant at, const Viewer& viewer);
  /// A client's onward referrals, for the client or a coach who has a session with them.
  /// Logged ("read_onward_referrals"). Throws ForbiddenError, NotFoundError, IoError.
  std::vector<OnwardReferral> onward_referrals(const std::string& client_id, const Viewer& viewer) const;

  // ---- supervision, safeguarding ---------------------------------------------------------------
  void add_supervision(const SupervisionRecord& r);  ///< throws ConflictError, NotFoundError, ValidationError
  void set_supervision_policy(const SupervisionPolicy& p);  ///< throws ValidationError (negative interval)
  SupervisionPolicy supervision_policy() const;
  /// Set the service's disclosure floor: the weakest policy an employer, commissioner or public
  /// request gets (requests without a policy get the floor itself). Throws ValidationError
  /// (bad values, or "disclosure_floor"/<member>/"policy_below_floor" when weaker than kMinimumFloor).
  void set_disclosure_floor(const SuppressionPolicy& p);
  SuppressionPolicy disclosure_floor() const;        ///< the service's disclosure floor
  /// Active coaches overdue for any required kind of support on `on`, by coach then kind.
  std::vector<OverdueSupervision> overdue_supervision(Date on) const;
  /// Caseload metadata on `on` (counts, dates, overdue support; caseload.hpp says who a
  /// supervisor's supervisees are), by coach id: a Supervisor gets their supervisees', the
  /// service manager every coach's. Throws ForbiddenError for any other audience, NotFoundError
  /// (field "viewer") when no supervision record names the supervisor.
  std::vector<SuperviseeCaseload> supervisee_caseloads(const Viewer& viewer, Date on) const;
  /// Raise a concern; one naming a risk flag (risk_flag_id) closes that flag on the audit. Throws
  /// ConflictError, NotFoundError (field "risk_flag_id" too), ValidationError (field
  /// "risk_flag_id" rule "risk_flag_matches" when the flag is another client's).
  void raise_concern(const SafeguardingConcern& c);
  /// Escalate a concern to a named GP or lead at `at`; throws NotFoundError, ValidationError (empty name).
  void escalate_concern(const std::string& concern_id, const std::string& to, Instant at);
  std::vector<SafeguardingConcern> concerns() const;  ///< all concerns

  // ---- training ---------------------------------------------------------------------------------
  void add_cohort(const TrainingCohort& c);          ///< throws ConflictError, ValidationError
  void add_trainee(const Trainee& t);                ///< throws ConflictError, NotFoundError, ValidationError
  /// Everyone who attended all days of their cohort, by cohort then id.
  std::vector<TrainedPerson> training_register() const;

  // ---- usage tracking of people trained (usage.hpp, docs/usage-tracking.md) -----------------------
  /// Add a wave to the usage survey's schedule. Throws ConflictError (id; field "weeks" rule
  /// "unique_wave_weeks": a wave with these weeks exists), ValidationError (field "weeks" rule
  /// "wave_weeks_range": 1..520).
  void add_usage_wave(const UsageWave& w);
  /// The schedule's waves, by weeks.
  std::vector<UsageWave> usage_waves() const;
  /// Creates the invitations due on or before `on` that do not exist yet: one per person on the
  /// training register per wave, due 7 × weeks days after their course's last day; all in one
  /// transaction. Idempotent. Returns those created, by due date then id. Throws
  /// ValidationError (field "on" rule "date_required").
  std::vector<UsageInvitation> schedule_usage_invitations(Date on);
  /// Invitations due on or before `on` and not yet sent (for the host to send), by due date then id.
  std::vector<UsageInvitation> usage_invitations_due(Date on) const;
  /// Every invitation, by id.
  std::vector<UsageInvitation> usage_invitations() const;
  /// Mark invitations sent at `at`, all or nothing. Throws NotFoundError (an unknown id, field
  /// "id"), ConflictError (field "sent_at" rule "send_once": already sent; rule "unique_id": an
  /// id listed twice), ValidationError (field "sent_at" rule "instant_required").
  void mark_usage_invitations_sent(const std::vector<std::string>& ids, Instant at);
  /// Record the answers to an invitation (coaching_skills_usage item order), validated and
  /// scored by the instrument library; returns the score (flag "practising"). Throws
  /// NotFoundError (field "id"), ValidationError (record = the invitation: field "sent_at" rule
  /// "invitation_sent" when not sent; "responded_at" rules "instant_required", "response_time"
  /// (before sent_at); "answers/i" rule "answer_in_range"; "answers" rule "answer_count"),
  /// ConflictError (field "responded_at" rule "respond_once": already answered).
  Score record_usage_response(const std::string& invitation_id, const std::vector<std::optional<int>>& answers,
                              Instant at);
  /// Add a skill-share session. Throws ConflictError, ValidationError ("date" rule
  /// "date_required"; "attendees/i" rules "on_training_register", "unique_attendee"),
  /// NotFoundError ("attendees/i": no such trainee).
  void add_skill_share_session(const SkillShareSession& s);
  /// Every skill-share session, by date then id.
  std::vector<SkillShareSession> skill_share_sessions() const;
  /// The register of who practises: one row per person on the training register (same order as
  /// training_register()), with their latest usage answers, waves answered, skill-share sessions
  /// attended and champion.
  std::vector<PractitionerStatus> practice_register() const;

  // ---- measures ---------------------------------------------------------------------------------
  /// Register a questionnaire of the programme's own (docs/instruments.md): validated as any
  /// definition (Instrument(def)), stored with the programme and used by add_response and
  /// evaluation. Registered instruments are immutable: registering an identical definition
  /// again is a no-op returning it. Throws ParseError / ValidationError (the definition, e.g.
  /// field "primary" rule "primary_scale_required"), ConflictError (field "id": rule
  /// "unique_instrument_id" when a built-in has the id, "instrument_immutable" when this
  /// programme registered a different definition under it).
  Instrument register_instrument(const InstrumentDef& def);
  /// Register from a definition document ("schema_version": 1, strict: a repeated or unknown
  /// key is a ParseError with its JSON pointer); throws as above.
  Instrument register_instrument_json(std::string_view definition_json);
  /// The programme's own instruments, by id.
  std::vector<Instrument> instruments() const;
  /// The instrument the programme means by `id` (case-insensitive): its own, else a built-in.
  /// Throws NotFoundError(id, "instrument_id").
  Instrument instrument(std::string_view id) const;
  /// Record a questionnaire response; answers are validated and scored by the instrument
  /// (the programme's own, else a built-in: instrument()). An externally scored response gives
  /// `scores` (scale → score computed elsewhere) and no answers. Returns the score (total, band, flags, risk_flags). Each risk flag raised is
  /// stored as a RiskFlag (id risk_flag_id(r.id, flag)) with a "risk_flag_raised" event, in the
  /// same transaction as the response. Throws as the instrument's score() (field "answers/i",
  /// "recorded_score"; "scores/<scale>" rule "recorded_in_range", NotFoundError rule
  /// "scale_exists"; field "scores" rule "answers_or_scores" when both are given),
  /// ConflictError, NotFoundError (field "instrument_id"), ValidationError.
  Score add_response(const Response& r);
  std::vector<Response> responses() const;           ///< all responses
  /// Clinical risk flags by id; open_only: those not yet acknowledged and named by no concern.
  std::vector<RiskFlag> risk_flags(bool open_only = false) const;
  /// A named person (`by`) acknowledges a risk flag at `at` with what was done (`action`, may
  /// be empty). Returns the stored flag. Throws NotFoundError (field "id"), ValidationError
  /// (field "acknowledged_by" rule "named_person"; "acknowledged_at" rules "instant_required",
  /// "acknowledgement_time" (before the flag was raised); "length_limit"), ConflictError (field
  /// "acknowledged_by" rule "acknowledge_once": already acknowledged).
  RiskFlag acknowledge_risk_flag(const std::string& flag_id, const std::string& by, Instant at,
                                 const std::string& action = {});

  // ---- the outbox (events.hpp) --------------------------------------------------------------------
  /// Up to `limit` events not yet acknowledged, oldest (lowest seq) first; the same on every
  /// handle of one store. Throws ValidationError (record "events", field "limit", rule
  /// "event_batch": limit 0 or over kMaxEventBatch), IoError.
  std::vector<Event> pending_events(std::size_t limit = 100) const;
  /// Mark every event with seq <= up_to_seq handled (cumulative, idempotent: again or lower is a
  /// no-op). Throws ValidationError (record "events", field "up_to_seq", rule "event_seq_known")
  /// when up_to_seq < 0 or beyond the newest event, IoError. Changes no record.
  void acknowledge_events(std::int64_t up_to_seq);

  // ---- aggregates --------------------------------------------------------------------------------
  /// Activity counts for an audience. Employer/Commissioner/Public: disclosure-controlled under
  /// `policy` (none: the service's disclosure floor; weaker than the floor: ForbiddenError
  /// "policy_below_floor"); an employer (viewer.id = ODS code) sees only its own staff. Coach:
  /// own caseload, exact. Supervisor: ForbiddenError (supervisee_caseloads is theirs).
  ActivitySummary summary(const Viewer& viewer = {}, const std::optional<SuppressionPolicy>& policy = {}) const;
  /// Breaches needing action on `on`: supervision overdue, safeguarding not escalated within 24 h,
  /// coach without a named safeguarding lead, sessions held without consent, clinical risk flags
  /// neither acknowledged nor named by a safeguarding concern ("risk_flag_open", record = flag id).
  std::vector<Breach> audit(Instant on) const;

  // ---- the access log -----------------------------------------------------------------------------
  /// Every entry of the access log, oldest first; the service manager only (ForbiddenError
  /// otherwise). The read is itself logged ("read_access_log"), after the entries are read.
  std::vector<AccessEntry> access_log(const Viewer& viewer) const;
  /// Recompute the access log's hash chain: intact, or the first broken entry (access_log.hpp).
  /// Reveals no content, so it takes no viewer and is not logged. Throws IoError.
  AccessLogCheck verify_access_log() const;

  struct Impl;  ///< the state and rules, private to src/ (reached there through detail::impl_of)

 private:
  friend struct ProgrammeAccess;
  std::unique_ptr<Impl> impl_;
};

}  // namespace laycoach
