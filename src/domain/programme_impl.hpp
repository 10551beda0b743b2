// Internal: the state behind laycoach::Programme, shared with the engines in src/.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "access_chain.hpp"
#include "id_map.hpp"
#include "outbox.hpp"
#include "laycoach/error.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"

namespace laycoach {

/// One occupying session in someone's diary: its span and its record (a node of
/// ProgrammeState::sessions: map nodes never move, and an entry leaves before its record does).
struct Busy {
  Instant start, end;
  const Session* session;
};

/// What a coach's busy entry notes about the coach's record, so that a booking's rules find it
/// with the entry's one hash lookup. Written only under the write lock (check_session).
struct CoachNote {
  /// The record in ProgrammeState::coaches (map nodes never move), noted when the map first finds
  /// it; erasing the coach clears it (nullptr: look it up).
  const Coach* coach = nullptr;
  /// The dates of its rota's exceptions, sorted, read from *coach when Impl::generation (which
  /// every change of a coach bumps) was dates_generation: a date not among them skips the scan
  /// of the exceptions (rota_days.hpp).
  std::vector<Date> exception_dates;
  std::uint64_t dates_generation = ~std::uint64_t{0};
};

/// One person's occupying sessions, sorted by (start, id) in one flat vector: the overlap,
/// buffer and cap rules read them by a binary search and a short walk. For a client it also
/// counts the sessions (any status) it has with each coach (Impl::has_session_with), and points
/// at its record and its referrals' records, so that one hash lookup serves every rule a booking
/// checks about the client. Move-only, as its entries point at the records (map nodes never
/// move; put_client, put_referral and erase keep the pointers in step).
struct PersonTime {
  // busy and client first: next to the id at the start of the entry's IdMap node, the part a lookup reads.
  std::vector<Busy> busy;
  const Client* client = nullptr;                    ///< a client's record in ProgrammeState::clients
  std::vector<std::pair<std::string, int>> coaches;  ///< a client's coaches: sessions of any status with each
  std::vector<const Referral*> referrals;            ///< records in ProgrammeState::referrals naming this client
  /// The booking engine's dense index of this client (its diary's), kept by the engine's index
  /// (assigned on first use, reset by its rebuild, which the generation drives); 0xFFFFFFFF: none.
  /// Not a record: it lives here so that one hash lookup finds the client for the engine too.
  mutable std::uint32_t engine_ix = 0xFFFFFFFFu;
  /// A coach's entry: what check_session noted about the coach's record (nullptr: nothing yet).
  mutable std::unique_ptr<CoachNote> note;

  PersonTime() = default;
  PersonTime(PersonTime&&) = default;
  PersonTime& operator=(PersonTime&&) = default;
  PersonTime(const PersonTime&) = delete;
  PersonTime& operator=(const PersonTime&) = delete;

  /// The first entry starting at or after `t`.
  std::vector<Busy>::const_iterator from(Instant t) const { return from(t, busy.begin(), busy.end()); }
  /// The same within [lo, hi), a range of `busy` known to hold it.
  static std::vector<Busy>::const_iterator from(Instant t, std::vector<Busy>::const_iterator lo,
                                                std::vector<Busy>::const_iterator hi) {
    return std::lower_bound(lo, hi, t, [](const Busy& b, Instant x) { return b.start < x; });
  }
  /// Add `s` (a stored record) in order; false when it is already there.
  bool insert(const Session& s) {
    auto at = position(s.start, s.id);
    if (at != busy.end() && at->start == s.start && at->session->id == s.id) return false;
    busy.insert(at, Busy{s.start, s.end(), &s});
    return true;
  }
  /// Remove the entry of session `id` starting at `start`; false when there is none.
  bool erase(Instant start, const std::string& id) {
    auto at = position(start, id);
    if (at == busy.end() || at->start != start || at->session->id != id) return false;
    busy.erase(at);
    return true;
  }
  /// Count one more (+1) or one fewer (-1) session with coach `coach` (a client's list).
  void count_coach(const std::string& coach, int delta) {
    for (auto it = coaches.begin(); it != coaches.end(); ++it)
      if (it->first == coach) {
        if ((it->second += delta) <= 0) coaches.erase(it);
        return;
      }
    if (delta > 0) coaches.emplace_back(coach, delta);
  }

 private:
  std::vector<Busy>::iterator position(Instant start, const std::string& id) {
    return std::lower_bound(busy.begin(), busy.end(), start, [&](const Busy& b, Instant x) {
      return b.start < x || (b.start == x && b.session->id < id);
    });
  }
};

/// Sessions that occupy someone's time, per coach or client id (for overlap checks); entries
/// never move (the engines and Query keep PersonTime pointers under the lock).
using TimeIndex = IdMap<PersonTime>;

/// Where a session id is, or would go, in ProgrammeState::sessions (its lower_bound): valid
/// until the map next changes.
using SessionPlace = std::map<std::string, Session>::const_iterator;

/// Every record of a programme and the indexes derived from them. `Programme::replace`,
/// `clear`, `load_all` and `snapshot` treat it as one unit, so a record kind added here is
/// replaced and cleared with the rest (the mutex, the store and the engines' hooks live outside).
struct ProgrammeState {
  std::map<std::string, ServiceLine> lines;
  std::map<std::string, Offer> offers;
  std::vector<std::string> line_order, offer_order;  // catalogue keeps its document order
  std::map<std::string, Organisation> organisations;
  std::map<std::string, Coach> coaches;
  std::map<std::string, Client> clients;      ///< changed only by put_client and erase (client_busy points here)
  std::map<std::string, Referral> referrals;  ///< changed only by put_referral and erase (client_busy points here)
  std::map<std::string, Session> sessions;
  std::map<std::string, WaitingListEntry> waiting_list;
  std::map<std::string, SessionNote> notes;
  std::map<std::string, Goal> goals;
  std::map<std::string, SupervisionRecord> supervision;
  std::map<std::string, SafeguardingConcern> safeguarding;
  std::map<std::string, TrainingCohort> cohorts;
  std::map<std::string, Trainee> trainees;
  std::map<std::string, Response> responses;
  std::map<std::string, RiskFlag> risk_flags;
  std::map<std::string, CarePlan> care_plans;
  std::map<std::string, CarePlanShare> care_plan_shares;
  std::map<std::string, OnwardReferral> onward_referrals;
  std::map<std::string, UsageWave> usage_waves;
  std::map<std::string, UsageInvitation> usage_invitations;
  std::map<std::string, SkillShareSession> skill_share_sessions;
  SupervisionPolicy supervision_policy;
  SuppressionPolicy disclosure_floor;
  std::map<std::string, InboxReferral> inbox;  // the single point of access (pathway.cpp)
  TriageRules triage_rules;
  /// The programme's own instruments, compiled, keyed by lower-case id (instruments.cpp).
  InstrumentSet instruments;

  /// Occupying sessions per coach / client. A client's entry also counts its sessions (any
  /// status) with each coach: the "their coach" test of confidentiality without a scan
  /// (has_session_with). Kept in step by put_session and erase.
  TimeIndex coach_busy, client_busy;
  /// Canonical NHS number -> the patient who has it: the uniqueness rule without a scan.
  std::unordered_map<std::string, std::string> nhs_numbers;
  /// Episode (referral id) -> version -> care plan id: the latest version without a scan.
  std::unordered_map<std::string, std::map<int, std::string>> plan_versions;
  /// Rules that stored records broke when they were loaded (a store written by another
  /// version, or by hand): the store still opens, and audit() reports them. Double bookings
  /// are not listed here: audit() finds those in the live indexes.
  std::vector<Breach> load_breaches;
};

/// The records (inherited, so engines name them directly: impl.sessions) plus what is not
/// state: the lock, the store and the engines' hooks.
struct Programme::Impl : ProgrammeState {
  mutable std::shared_mutex mu;
  std::unique_ptr<Store> store;
  /// The service's secret (hex): keys records for the cell key method and pseudonyms. Kept by
  /// the store (Store::service_secret), random per programme without one; never in documents.
  std::string secret;

  /// The write lock of one change: this object's lock, then the store's write transaction
  /// (no other handle or process writes until it ends), then a catch-up with what others
  /// committed, so the rules judge the change against the committed state. commit() commits;
  /// otherwise the destructor rolls back. Throws BusyError when the store stays locked.
  class WriteLock {
   public:
    explicit WriteLock(Impl& m);
    ~WriteLock();
    WriteLock(const WriteLock&) = delete;
    WriteLock& operator=(const WriteLock&) = delete;

   private:
    Impl& m_;
    std::unique_lock<std::shared_mutex> lock_;
  };
  /// Take the write lock (see WriteLock); guaranteed copy elision makes `auto w = m.write();` work.
  WriteLock write() { return WriteLock(*this); }
  /// A read lock on a view that includes every commit other handles made before the call.
  std::shared_lock<std::shared_mutex> read();
  /// Bring memory up to the store's committed state (caller holds the write lock).
  void catch_up_locked();

  // ---- the access log (access_log.hpp) ----
  /// The access log of a programme without a store (a store keeps its own, Store::append_access).
  access_chain::MemoryChain local_log;
  /// The outbox of a programme without a store (a store keeps its own, Store::pending_events).
  outbox::MemoryOutbox local_outbox;
  /// The events `cs` causes, judged against memory (the committed state) before it is applied,
  /// stamped `now` (events.cpp; caller holds the write lock).
  /// one_old: for a change of exactly one session, its stored version already found by the
  /// caller (nullptr: none), so the sessions map is not searched again.
  std::vector<Event> events_of(const ChangeSet& cs, Instant now, std::optional<const Session*> one_old = std::nullopt) const;
  /// The same events handed to `sink` one by one, in order (no Event values are built).
  void events_of(const ChangeSet& cs, Instant now, std::optional<const Session*> one_old, outbox::Sink& sink) const;
  /// Append one entry: who (as asserted), what, now (UTC), allowed or denied (`refused` is the
  /// error that refused it). Takes this object's lock exclusively, so no write transaction of
  /// this connection is open, and writes in a transaction of its own: never call it while
  /// holding read() or write(). Throws IoError when the entry cannot be written.
  void log_access(const Viewer& viewer, const char* operation, std::vector<std::string> records,
                  const Error* refused);
  /// The one path of a read of confidential content or an export (and of any later export):
  /// `f` runs under the read lock and returns the content; after the lock is released the
  /// outcome is logged and only then is the content returned. A refusal (ForbiddenError,
  /// NotFoundError) is logged as denied and rethrown; when the entry cannot be written its
  /// IoError is thrown instead and nothing is returned. `ids(result, records)` appends the ids of
  /// the records returned to `records`. Internal reads (snapshot, the engines) do not come here
  /// and are not logged.
  template <class F, class Ids>
  auto audited(const Viewer& viewer, const char* operation, std::vector<std::string> records, F&& f, Ids&& ids) {
    std::optional<decltype(f())> out;
    try {
      auto lock = read();
      out.emplace(f());
    } catch (const Error& e) {
      if (e.code() == ErrorCode::Forbidden || e.code() == ErrorCode::NotFound)
        log_access(viewer, operation, std::move(records), &e);
      throw;
    }
    ids(*out, records);
    log_access(viewer, operation, std::move(records), nullptr);
    return std::move(*out);
  }

  ProgrammeState& state() noexcept { return *this; }
  const ProgrammeState& state() const noexcept { return *this; }

  /// Engines (booking) keep derived indexes in step: called under the write lock after a
  /// session is put in memory; `before` is the previous version or nullptr.
  std::vector<std::function<void(const Session* before, const Session& after)>> session_observers;
  /// Incremented whenever the whole state is replaced (load, replace) or a coach or offer
  /// changes (rota, offers, hours): derived indexes such as the booking engine's rebuild.
  std::uint64_t generation = 0;

  // ---- rules (throw laycoach::Error; never change state) ----
  void check_service_line(const ServiceLine& s, bool is_new) const;
  void check_offer(const Offer& o, bool is_new) const;
  void check_organisation(const Organisation& o, bool is_new) const;
  void check_coach(const Coach& c, bool is_new) const;
  void check_client(const Client& c, bool is_new) const;
  void check_referral(const Referral& r, bool is_new) const;
  /// The one acceptance rule of every session change (book, join, reschedule, the booking
  /// engine, C, Python). new_booking: also require consent and an active coach, and the
  /// scheduling rules of check_schedule with now = s.booked_at, unless the session carries a
  /// named override (override_by and override_reason). Not applied to history on load.
  /// coach: judge the session against this version of its coach instead of the stored one.
  /// place: for a new session, set to where its id goes in `sessions` (what commit_change
  /// takes, so that a booking descends the map once).
  void check_session(const Session& s, bool is_new, bool new_booking, const std::string& ignore_id = {},
                     const Coach* coach = nullptr, SessionPlace* place = nullptr) const;
  /// check_session's rules about the attendees of s for offer o (each client exists, is listed
  /// once, is eligible, its referral matches, and, for a new booking, has consented): the part
  /// of the one acceptance rule that does not depend on the slot. Field "attendees/<i>/...".
  void check_attendees(const Session& s, const Offer& o, bool new_booking) const;
  /// Scheduling rules (schedule.cpp): the coach's rota covers every minute in UK local time
  /// (weekly pattern, exceptions, leave), the buffer between the coach's sessions, the daily and
  /// weekly caps, and the offer's minimum notice before `now` (skipped when now is special).
  void check_schedule(const Session& s, Instant now, const std::string& ignore_id) const;
  /// The same with the session's coach and offer already found (check_session's, the stored ones).
  void check_schedule(const Session& s, Instant now, const std::string& ignore_id, const Coach& c, const Offer& o) const;
  /// The same with the coach's busy entry already found too (nullptr: it has none). ids_unheld:
  /// the caller knows that no stored session has the id s.id or ignore_id (check_session: a new
  /// session, no ignore_id and no stored session without an id), so the caps count the coach's
  /// sessions in the day and week by their starts alone, without reading each one's id.
  void check_schedule(const Session& s, Instant now, const std::string& ignore_id, const Coach& c, const Offer& o,
                      const PersonTime* entry, bool ids_unheld = false) const;
  /// Sessions holding the coach's time on the UK local day / ISO week of `at`, without ignore_id.
  std::pair<int, int> day_week_counts(const std::string& coach, Instant at, const std::string& ignore_id) const;
  void check_wait(const WaitingListEntry& w, bool is_new) const;
  void check_note(const SessionNote& n, bool is_new) const;
  void check_goal(const Goal& g, bool is_new) const;
  void check_supervision(const SupervisionRecord& r, bool is_new) const;
  void check_concern(const SafeguardingConcern& c, bool is_new) const;
  void check_cohort(const TrainingCohort& c, bool is_new) const;
  void check_trainee(const Trainee& t, bool is_new) const;
  // Usage tracking (usage.cpp).
  void check_usage_wave(const UsageWave& w, bool is_new) const;
  /// Checks an invitation (answered: its answers through the instrument) and returns its score
  /// (nullopt while unanswered).
  std::optional<Score> check_usage_invitation(const UsageInvitation& v, bool is_new) const;
  void check_skill_share(const SkillShareSession& s, bool is_new) const;
  /// The trainee `id` on the training register: NotFoundError / ValidationError
  /// "on_training_register" naming `record` and `field`. Returns the trainee's cohort.
  const TrainingCohort& require_trained(const std::string& id, const std::string& record, const std::string& field) const;
  /// Checks a response and returns its score (the instrument library's scoring).
  Score check_response(const Response& r, bool is_new) const;
  /// A stored risk flag: its response exists and is the client's, the acknowledgement is whole.
  void check_risk_flag(const RiskFlag& f, bool is_new) const;
  /// The RiskFlag records a response with score `s` raises (open, raised at its recorded_at).
  static std::vector<RiskFlag> raised_flags(const Response& r, const Score& s);
  void check_policy(const SupervisionPolicy& p) const;
  /// An inbox item (pathway.cpp): references, times and a triage that is whole and consistent
  /// (route set exactly when triaged; reason for not accepted only; referral for coaching
  /// routes, naming this client; first contact for social prescribing / care coordination).
  void check_inbox(const InboxReferral& x, bool is_new) const;
  /// Triage rules: ids present and unique, PAM bounds 1..4 and ordered (field "rules/<i>/...").
  void check_triage_rules(const TriageRules& r) const;
  /// Checks a registered instrument (its definition, its id free among the built-ins and, when
  /// new, this programme's own) and returns it compiled (instruments.cpp).
  Instrument check_instrument(const RegisteredInstrument& x, bool is_new) const;
  /// Care plans, shares, onward referrals (care_plan.cpp). A plan's version must not repeat in
  /// its episode; a share is refused (ForbiddenError "never_employer") when its organisation is
  /// the staff client's employer or above or below it in the organisation registry.
  void check_care_plan(const CarePlan& p, bool is_new) const;
  void check_care_plan_share(const CarePlanShare& s, bool is_new) const;
  void check_onward_referral(const OnwardReferral& o, bool is_new) const;
  /// True when the coach has a session (any status) with an attendee on this referral.
  bool coach_in_episode(const std::string& coach_id, const std::string& referral_id) const;
  /// True when `ods` is the staff client's employer, or above or below it in the registry.
  bool employer_organisation(const Client& c, const std::string& ods) const;
  /// Programme::overdue_supervision's rule (caller holds a lock).
  std::vector<OverdueSupervision> overdue_locked(Date on) const;
  /// A disclosure floor: valid and at least kMinimumFloor (ValidationError "policy_below_floor").
  void check_floor(const SuppressionPolicy& p) const;
  /// A change of the programme's settings (supervision policy, disclosure floor), both rows
  /// filled with their current values: the store writes the settings rows whole.
  ChangeSet settings_change() const;

  /// `s` with client `a` given a place (a cancelled place of the same client is taken again),
  /// checked (capacity counts taken places and places offered to the waiting list, except an
  /// offer made to `a`); throws ConflictError "group_capacity" when full and
  /// "place_offered_to_waiting_list" when every free place is held for someone on the list.
  /// The one rule for joining, used by Programme::join and the booking engine.
  Session joined(const Session& s, const Attendee& a) const;
  /// Moves booked session `old` to `to` (a copy of it with its new id, start, booked_at and, for
  /// the engine, coach or modality): `to` is booked under the one acceptance rule as if the old
  /// slot were free, and `old` becomes Rescheduled naming it, in one commit. An override does not
  /// travel: the new time meets the scheduling rules itself. The one rule for every reschedule.
  Session move_session(const Session& old, Session to);
  /// The two halves of a move, unchecked: `old` Rescheduled naming `to`, and `to` Booked without
  /// an override of the scheduling rules. move_session's transformation, shared with moving the
  /// rest of a series (checked there by check_sessions with the old ones freed).
  static std::pair<Session, Session> moved(const Session& old, Session to);
  /// Several new sessions judged together by the one acceptance rule: each by check_session
  /// (is_new, new_booking) as if the sessions before it in `xs` were booked and the sessions
  /// `freed` (booked ones being moved or replaced) no longer held time. Memory is exactly as
  /// before on return and on throw (the trial entries are put in the records and time indexes
  /// only while the caller's write lock keeps every reader out, and no observer sees them).
  /// When session i fails, `on_error(i, e)` is called (it may rethrow in the caller's terms),
  /// then e is rethrown. series.cpp.
  void check_sessions(const std::vector<Session>& xs, const std::vector<std::string>& freed,
                      const std::function<void(std::size_t, const Error&)>& on_error = {});
  /// The rule of the agreed number of sessions: adding `adding` sessions to referral
  /// `referral_id` must not take its booked and attended sessions (not counting `freed`, being
  /// moved) beyond agreed_sessions(); ValidationError(record, "count", "agreed_sessions") unless
  /// `override_by` names who allowed it. No limit without a referral or an agreed number.
  void check_agreed_sessions(const std::string& record, const std::string& referral_id, int adding,
                             const std::vector<std::string>& freed, const std::string& override_by) const;
  /// Booked (status Booked) and attended sessions holding a place of the referral (the place
  /// booked or attended), not counting `freed`.
  int episode_sessions(const std::string& referral_id, const std::vector<std::string>& freed = {}) const;
  /// `s` with outcome `outcome` recorded (session and booked places); the one transformation of
  /// Programme::record_outcome, also used to cancel the rest of a series in one change. Throws
  /// ValidationError "outcome_once" / "valid_outcome" like record_outcome.
  static Session with_outcome(const Session& s, SessionStatus outcome);
  /// Free places of a session: its offer's capacity, less places taken (not cancelled), less
  /// places offered to its waiting list and so held, except an offer to `except_client` or the
  /// entry `except_wait`. The one count of held places (joined() and the booking engine).
  long long free_places(const Session& s, const std::string& except_client = {},
                        const std::string& except_wait = {}) const;

  /// Overlap with an occupying session of the same coach/client, ignoring `ignore_id`.
  const Session* overlapping(const TimeIndex& idx, const std::string& who, Instant start, Instant end,
                             const std::string& ignore_id) const;
  /// The same in a busy entry already found (nullptr: none, so no overlap).
  static const Session* overlapping(const PersonTime* entry, Instant start, Instant end, const std::string& ignore_id);
  bool has_session_with(const std::string& coach_id, const std::string& client_id) const;

  // ---- state changes (no validation; callers validated) ----
  /// Write to the store (one transaction) and then to memory.
  void commit(ChangeSet cs) { commit_change(cs); }
  /// The same on the caller's change, which is left spent (its sessions and events moved out,
  /// `created` filled): a caller that commits one change after another clears and reuses it.
  /// place: for a change of one new session, where check_session found its id goes, with
  /// nothing changed in `sessions` since (nullptr: the map is searched).
  void commit_change(ChangeSet& cs, const SessionPlace* place = nullptr);
  /// A change already committed (ours, or another connection's caught up) into memory.
  void apply_change(const ChangeSet& cs);
  /// apply_change's deletes and settings (after the records).
  void apply_settings_and_deletes(const ChangeSet& cs);
  void apply_to_memory(const ProgrammeData& upserts);
  /// The same, the sessions moved into memory (commit's own change).
  void apply_to_memory(ProgrammeData&& upserts);
  /// The same for upserts holding exactly one session, `at` its place: sessions.lower_bound(its id).
  void apply_to_memory(ProgrammeData&& upserts, std::map<std::string, Session>::iterator at);
  /// Remove one record from memory; `table` is its store table name (ChangeSet::deletes).
  void erase(const std::string& table, const std::string& id);
  static bool known_table(const std::string& table);
  /// Put a session in memory (moved in), keeping the busy and coach-client indexes in step;
  /// returns the stored session.
  const Session& put_session(Session s);
  /// Take a stored session out of the busy and coach-client indexes (before it is replaced or erased).
  void unindex_session(const Session& s);
  /// The same with `at` = sessions.lower_bound(s.id), found by the caller (one descent).
  /// (Taken by reference: a booking's session is moved once, into the map's node.)
  const Session& put_session(Session&& s, std::map<std::string, Session>::iterator at);
  /// Put a care plan version in memory, keeping plan_versions in step.
  void put_care_plan(const CarePlan& p);
  /// Put a client in memory with its NHS number canonical, keeping nhs_numbers and its
  /// client_busy entry in step.
  void put_client(Client c);
  /// Put a referral in memory, keeping its client's client_busy entry in step.
  void put_referral(Referral r);
  /// The record of client `id` (nullptr when there is none) and its client_busy entry (nullptr
  /// when it has none): one hash lookup for the rules about a client.
  std::pair<const Client*, const PersonTime*> client_entry(const std::string& id) const;
  /// Referral `id` of client entry `t` (may be null), else from the records; nullptr when none.
  const Referral* find_referral(const PersonTime* t, const std::string& id) const;
  /// Validates and loads, in document order, errors carrying JSON pointers. lenient (a store's
  /// own records): a record that breaks a rule is still loaded and listed in load_breaches.
  /// The records of `d` are moved into the state (d is left with moved-from records); the
  /// const overload copies first.
  void load_all(ProgrammeData&& d, bool lenient = false);
  void load_all(const ProgrammeData& d, bool lenient = false) { load_all(ProgrammeData(d), lenient); }
  /// Told (store table, id) of each record load_records puts into memory.
  using PutHook = std::function<void(const char* table, const std::string& id)>;
  /// load_all's records (not the settings), moved into the current state (d keeps the moved-from records): each record judged by its
  /// kind's rule against the state plus the records before it, in dependency order (the one
  /// order of documents, stores and imports). breaches: lenient, as load_all; nullptr: the
  /// first breach throws with the record's JSON pointer in front of its field.
  void load_records(ProgrammeData& d, std::vector<Breach>* breaches, const PutHook& hook);
  /// The change that adds `batch` (Programme::import_records): every record checked as
  /// load_records does, in strict mode, against memory plus the batch records before it; the
  /// change holds the records as memory would keep them (NHS numbers canonical, the risk flags
  /// the responses raise). Memory is exactly as before on return and on throw (trial entries
  /// live under the caller's write lock, unseen by the engines' observers). import.cpp.
  ChangeSet import_change(const ProgrammeData& batch);
  /// Replace the whole state by `d`, loaded leniently (a store's records); bumps generation.
  void reload(ProgrammeData d);
  ProgrammeData snapshot() const;
  void clear();
};

/// How many sessions the episode `referral_id` has agreed: the latest care plan version's
/// agreed_sessions when the episode has a plan, else the referral's sessions_wanted, else its
/// offer's agreed_sessions, else nullopt (also for an unknown referral). The one rule of the
/// agreed dose (series booking honours it; care_plan.cpp). Caller holds a lock.
std::optional<int> agreed_sessions(const ProgrammeState& state, const std::string& referral_id);

/// The engines' way in (src/ only): a programme's implementation. Engines mutate through it
/// only under its write lock, as Programme's own members do.
struct ProgrammeAccess {
  static Programme::Impl& of(const Programme& p) noexcept { return *p.impl_; }
};
namespace detail {
inline Programme::Impl& impl_of(const Programme& p) noexcept { return ProgrammeAccess::of(p); }
}  // namespace detail

}  // namespace laycoach
