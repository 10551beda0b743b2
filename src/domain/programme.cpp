// The Programme's API: each call takes the lock, checks with the rules (rules.cpp), commits
// (state.cpp) and returns. Confidential content is guarded here.
#include "crypto.hpp"
#include <algorithm>
#include <mutex>
#include <set>

#include "lookup.hpp"
#include "programme_impl.hpp"

namespace laycoach {

using namespace detail;
using boost::posix_time::hours;

// ============================================================================ Programme

namespace {
ProgrammeData default_data() {
  ProgrammeData d;
  d.catalogue = default_catalogue();
  return d;
}

// Risk flags the load raised for responses the store holds without them (a store written by
// version 4, or by hand) are stored with their risk_flag_raised events, as add_response would
// have done, so the host is alerted to them too. When that write fails the flags stay in memory
// and on audit(), and the next open tries again; another process opening the file at the same
// time may store them first (the same flags, from the same responses): ours are then dropped.
void store_raised_flags(Programme::Impl& m, const std::set<std::string>& have) {
  bool missing = false;
  for (const auto& [id, f] : m.risk_flags) missing = missing || !have.count(id);
  if (!missing) return;
  try {
    auto lock = m.write();
    ChangeSet cs;
    for (const auto& [id, f] : m.risk_flags)
      if (!have.count(id)) cs.upserts.risk_flags.push_back(f);
    for (const auto& f : cs.upserts.risk_flags) m.risk_flags.erase(f.id);  // new to the store: created, announced
    try {
      m.commit(cs);
    } catch (const Error&) {
      for (const auto& f : cs.upserts.risk_flags) m.risk_flags.emplace(f.id, f);
      throw;
    }
  } catch (const Error&) {
    // Not stored this time (busy, conflict): still raised in memory and listed by audit().
  }
}
}  // namespace

Programme::Programme() : impl_(std::make_unique<Impl>()) {
  impl_->secret = crypto::random_hex(32);
  impl_->load_all(default_data());
}

Programme::Programme(const ProgrammeData& data) : impl_(std::make_unique<Impl>()) {
  impl_->secret = crypto::random_hex(32);
  impl_->load_all(data);
}

Programme::Programme(Programme&&) noexcept = default;
Programme& Programme::operator=(Programme&&) noexcept = default;
Programme::~Programme() = default;

Programme Programme::open(std::unique_ptr<Store> store) {
  if (!store) throw ValidationError("", "store", "store_required"_rule, "no store given");
  if (store->read_only()) {
    // Nothing is written: the records as stored (a store is created by a read-write open).
    Programme p(ProgrammeData{});
    p.impl_->load_all(store->load(), true);
    p.impl_->secret = store->service_secret();
    p.impl_->store = std::move(store);
    return p;
  }
  // Under the store's write lock, so two processes creating one file agree on its first content.
  store->begin();
  try {
    ProgrammeData d = store->load();
    if (d == ProgrammeData{}) {
      d = default_data();
      store->replace_all(d);
    }
    store->commit();
    std::set<std::string> stored_flags;  // the risk flags the store holds (d's are moved out below)
    for (const auto& f : d.risk_flags) stored_flags.insert(f.id);
    Programme p(ProgrammeData{});  // empty: the store's records are loaded once, below
    // The store's own records, moved in: a breach is reported by audit(), never a lock-out.
    p.impl_->load_all(std::move(d), true);
    p.impl_->secret = store->service_secret();
    p.impl_->store = std::move(store);
    store_raised_flags(*p.impl_, stored_flags);
    return p;
  } catch (...) {
    if (store) store->rollback();
    throw;
  }
}

void Programme::replace(const ProgrammeData& data) {
  auto lock = impl_->write();
  auto fresh = std::make_unique<Impl>();
  fresh->load_all(data);  // throws before anything changes
  if (impl_->store) {
    // The store keeps NHS numbers canonical, as memory does (put_client).
    const bool typed = std::any_of(data.clients.begin(), data.clients.end(), [](const Client& c) {
      return !c.nhs_number.empty() && c.nhs_number.size() != 10;
    });
    std::optional<ProgrammeData> canonical;
    if (typed) {
      canonical = data;
      for (auto& c : canonical->clients)
        if (!c.nhs_number.empty()) c.nhs_number = nhs_number_canonical(c.nhs_number);
    }
    impl_->store->replace_all(canonical ? *canonical : data);  // throws before memory changes
    impl_->store->commit();
  }
  // The records move in as one unit; the mutex (held by `lock`), store and hooks stay.
  impl_->state() = std::move(fresh->state());
  ++impl_->generation;  // derived indexes (booking engine) rebuild
}

ProgrammeData Programme::data() const {
  // The operator's export: logged as the service manager's (no viewer id is asserted here).
  return impl_->audited(Viewer{Audience::ServiceManager, ""}, "export_programme", {},
                        [&] { return impl_->snapshot(); }, [](const ProgrammeData&, auto&) {});
}

// ---- catalogue --------------------------------------------------------------------------------

void Programme::add_service_line(const ServiceLine& s) {
  auto lock = impl_->write();
  impl_->check_service_line(s, true);
  ChangeSet cs;
  cs.upserts.catalogue.service_lines.push_back(s);
  impl_->commit(std::move(cs));
}

void Programme::add_offer(const Offer& o) {
  auto lock = impl_->write();
  impl_->check_offer(o, true);
  ChangeSet cs;
  cs.upserts.catalogue.offers.push_back(o);
  impl_->commit(std::move(cs));
}

Catalogue Programme::catalogue() const {
  auto lock = impl_->read();
  return impl_->snapshot().catalogue;
}

Offer Programme::offer(const std::string& id) const {
  auto lock = impl_->read();
  return find_or_throw(impl_->offers, id, "offer");
}

void Programme::add_organisation(const Organisation& o) {
  auto lock = impl_->write();
  impl_->check_organisation(o, true);
  ChangeSet cs;
  cs.upserts.organisations.push_back(o);
  impl_->commit(std::move(cs));
}

// ---- coaches ------------------------------------------------------------------------------------

void Programme::add_coach(const Coach& c) {
  auto lock = impl_->write();
  impl_->check_coach(c, true);
  ChangeSet cs;
  cs.upserts.coaches.push_back(c);
  impl_->commit(std::move(cs));
}

void Programme::update_coach(const Coach& c) {
  auto lock = impl_->write();
  impl_->check_coach(c, false);
  // The coach's sessions must still hold under the new version (accreditation, offers, modalities),
  // exactly as they are judged when the programme is loaded again.
  for (const auto& [id, s] : impl_->sessions)
    if (s.coach_id == c.id) impl_->check_session(s, false, false, {}, &c);
  ChangeSet cs;
  cs.upserts.coaches.push_back(c);
  impl_->commit(std::move(cs));
}

Coach Programme::coach(const std::string& id) const {
  auto lock = impl_->read();
  return find_or_throw(impl_->coaches, id, "coach");
}

std::vector<Coach> Programme::coaches() const {
  auto lock = impl_->read();
  return values(impl_->coaches);
}

// ---- clients -------------------------------------------------------------------------------------

namespace {
// Why an audience that never sees client-level records is refused `what`.
std::string barred_detail(Audience a, const char* what) {
  if (a == Audience::Supervisor)
    return std::string("a supervisor sees caseload metadata of their supervisees only, never ") + what;
  if (a == Audience::Practitioner)
    return std::string("a practitioner sees the care plans shared with them only, never ") + what;
  return std::string("the ") + to_string(a) + " audience sees aggregate figures only, never " + what;
}
}  // namespace

void Programme::add_client(const Client& c) {
  auto lock = impl_->write();
  impl_->check_client(c, true);
  ChangeSet cs;
  cs.upserts.clients.push_back(c);
  if (!c.nhs_number.empty()) cs.upserts.clients.back().nhs_number = nhs_number_canonical(c.nhs_number);
  impl_->commit(std::move(cs));
}

Client Programme::client(const std::string& id, const Viewer& viewer) const {
  validate(viewer);
  return impl_->audited(viewer, "read_client", {id}, [&] {
    if (record_level_barred(viewer.audience)) throw ForbiddenError(id, "viewer", barred_detail(viewer.audience, "a client record"));
    const Client& c = find_or_throw(impl_->clients, id, "client");
    const bool allowed = viewer.audience == Audience::ServiceManager ||
                         (viewer.audience == Audience::Client && viewer.id == id) ||
                         (viewer.audience == Audience::Coach && impl_->has_session_with(viewer.id, id));
    if (!allowed) throw ForbiddenError(id, "viewer", "only the client, their coach or the service manager see this record");
    return c;
  }, [](const Client&, auto&) {});
}

std::size_t Programme::client_count() const {
  auto lock = impl_->read();
  return impl_->clients.size();
}

ProgrammeOverview Programme::overview() const {
  auto lock = impl_->read();
  ProgrammeOverview o;
  if (impl_->store) {
    o.has_store = true;
    o.location = impl_->store->location();
    o.read_only = impl_->store->read_only();
  }
  o.organisations = impl_->organisations.size();
  o.coaches = impl_->coaches.size();
  o.clients = impl_->clients.size();
  o.referrals = impl_->referrals.size();
  o.sessions = impl_->sessions.size();
  o.responses = impl_->responses.size();
  return o;
}

void Programme::add_referral(const Referral& r) {
  auto lock = impl_->write();
  impl_->check_referral(r, true);
  ChangeSet cs;
  cs.upserts.referrals.push_back(r);
  impl_->commit(std::move(cs));
}

Referral Programme::referral(const std::string& id) const {
  auto lock = impl_->read();
  return find_or_throw(impl_->referrals, id, "referral");
}

std::vector<Referral> Programme::referrals() const {
  auto lock = impl_->read();
  return values(impl_->referrals);
}

// ---- sessions --------------------------------------------------------------------------------------

Session Programme::book(const Session& s) {
  auto lock = impl_->write();
  if (s.status != SessionStatus::Booked)
    throw ValidationError(s.id, "status", "new_session_booked"_rule, "a new session starts as booked");
  Session x = s;
  if (x.booked_at.is_special()) x.booked_at = boost::posix_time::second_clock::universal_time();
  if (x.minutes == 0)
    if (auto it = impl_->offers.find(x.offer_id); it != impl_->offers.end()) x.minutes = it->second.session_minutes;
  for (auto& a : x.attendees) a.status = AttendeeStatus::Booked;
  impl_->check_session(x, true, true);
  ChangeSet cs;
  cs.upserts.sessions.push_back(x);
  impl_->commit(std::move(cs));
  return x;
}

Session Programme::Impl::joined(const Session& s, const Attendee& a) const {
  Session x = s;
  // A cancelled place can be taken again by the same client.
  auto it = std::find_if(x.attendees.begin(), x.attendees.end(),
                         [&](const Attendee& y) { return y.client_id == a.client_id; });
  if (it != x.attendees.end() && it->status == AttendeeStatus::Cancelled) x.attendees.erase(it);
  const auto taken = std::count_if(x.attendees.begin(), x.attendees.end(),
                                   [](const Attendee& y) { return y.status != AttendeeStatus::Cancelled; });
  const Offer& o = offers.at(x.offer_id);
  if (taken >= o.capacity)
    throw ConflictError(x.id, "attendees", "group_capacity"_rule, "session is full (" + std::to_string(o.capacity) + " places)");
  // A freed place offered to someone on the waiting list is held for them.
  if (free_places(x, a.client_id) <= 0)
    throw ConflictError(x.id, "attendees", "place_offered_to_waiting_list"_rule,
                        "the free places of session '" + x.id + "' are offered to people on its waiting list");
  Attendee y = a;
  y.status = AttendeeStatus::Booked;
  x.attendees.push_back(y);
  check_session(x, false, true);
  return x;
}

long long Programme::Impl::free_places(const Session& s, const std::string& except_client,
                                       const std::string& except_wait) const {
  long long free = offers.at(s.offer_id).capacity;
  for (const Attendee& a : s.attendees)
    if (a.status != AttendeeStatus::Cancelled) --free;
  for (const auto& [id, w] : waiting_list)
    if (w.session_id == s.id && w.status == WaitStatus::Offered && id != except_wait &&
        (except_client.empty() || w.client_id != except_client))
      --free;
  return free;
}

Session Programme::join(const std::string& session_id, const Attendee& a) {
  auto lock = impl_->write();
  Session x = find_or_throw(impl_->sessions, session_id, "session");
  if (x.status != SessionStatus::Booked)
    throw ValidationError(session_id, "status", "session_booked"_rule, "only a booked session can be joined");
  x = impl_->joined(x, a);
  ChangeSet cs;
  cs.upserts.sessions.push_back(x);
  // The joiner's own place on the session's waiting list is taken up.
  for (const auto& [id, w] : impl_->waiting_list)
    if (w.session_id == session_id && w.client_id == a.client_id &&
        (w.status == WaitStatus::Waiting || w.status == WaitStatus::Offered)) {
      WaitingListEntry j = w;
      j.status = WaitStatus::Joined;
      cs.upserts.waiting_list.push_back(j);
    }
  impl_->commit(std::move(cs));
  return x;
}

Session Programme::record_outcome(const std::string& session_id, SessionStatus outcome) {
  auto lock = impl_->write();
  const Session x = Impl::with_outcome(find_or_throw(impl_->sessions, session_id, "session"), outcome);
  ChangeSet cs;
  cs.upserts.sessions.push_back(x);
  impl_->commit(std::move(cs));
  return x;
}

Session Programme::Impl::with_outcome(const Session& s, SessionStatus outcome) {
  if (s.status != SessionStatus::Booked)
    throw ValidationError(s.id, "status", "outcome_once"_rule, std::string("the session is already ") + to_string(s.status));
  if (outcome == SessionStatus::Booked || outcome == SessionStatus::Rescheduled)
    throw ValidationError(s.id, "status", "valid_outcome"_rule,
                          std::string("'") + to_string(outcome) + "' is not an outcome (use reschedule)");
  Session x = s;
  x.status = outcome;
  for (auto& a : x.attendees) {
    if (a.status != AttendeeStatus::Booked) continue;
    switch (outcome) {
      case SessionStatus::Attended: a.status = AttendeeStatus::Attended; break;
      case SessionStatus::ClientDidNotAttend: a.status = AttendeeStatus::DidNotAttend; break;
      default: a.status = AttendeeStatus::Cancelled; break;
    }
  }
  return x;
}

Session Programme::record_attendance(const std::string& session_id, const std::string& client_id,
                                     AttendeeStatus status) {
  auto lock = impl_->write();
  Session x = find_or_throw(impl_->sessions, session_id, "session");
  auto it = std::find_if(x.attendees.begin(), x.attendees.end(),
                         [&](const Attendee& y) { return y.client_id == client_id; });
  if (it == x.attendees.end())
    throw NotFoundError(session_id, "attendees", "client '" + client_id + "' is not in this session");
  if (status == AttendeeStatus::Booked)
    throw ValidationError(session_id, "attendees", "valid_outcome"_rule, "'booked' is not an outcome");
  // Like record_outcome: each place's outcome is recorded once, while the session is booked.
  if (x.status != SessionStatus::Booked)
    throw ValidationError(session_id, "status", "outcome_once"_rule, std::string("the session is already ") + to_string(x.status));
  if (it->status != AttendeeStatus::Booked)
    throw ValidationError(session_id, ErrorField("attendees/" + std::to_string(it - x.attendees.begin()) + "/status"),
                          "outcome_once"_rule, "client '" + client_id + "' is already recorded as " + to_string(it->status));
  it->status = status;
  // A group session is held (attended) when anyone attended; cancelled by clients when all cancelled.
  const bool all_done = std::none_of(x.attendees.begin(), x.attendees.end(),
                                     [](const Attendee& y) { return y.status == AttendeeStatus::Booked; });
  if (all_done && x.status == SessionStatus::Booked) {
    auto any = [&](AttendeeStatus s) {
      return std::any_of(x.attendees.begin(), x.attendees.end(), [&](const Attendee& y) { return y.status == s; });
    };
    x.status = any(AttendeeStatus::Attended) ? SessionStatus::Attended
             : any(AttendeeStatus::DidNotAttend) ? SessionStatus::ClientDidNotAttend
             : SessionStatus::CancelledByClient;
  }
  ChangeSet cs;
  cs.upserts.sessions.push_back(x);
  impl_->commit(std::move(cs));
  return x;
}

Session Programme::reschedule(const std::string& session_id, const std::string& new_id, Instant new_start,
                              Instant booked_at) {
  auto lock = impl_->write();
  Session old = find_or_throw(impl_->sessions, session_id, "session");
  if (old.status != SessionStatus::Booked)
    throw ValidationError(session_id, "status", "session_booked"_rule, "only a booked session can be rescheduled");
  Session x = old;
  x.id = new_id;
  x.start = new_start;
  x.booked_at = booked_at.is_special() ? boost::posix_time::second_clock::universal_time() : booked_at;
  return impl_->move_session(old, std::move(x));
}

std::pair<Session, Session> Programme::Impl::moved(const Session& old, Session to) {
  to.status = SessionStatus::Booked;
  to.rescheduled_to.clear();
  to.override_by.clear();
  to.override_reason.clear();
  Session o = old;
  o.status = SessionStatus::Rescheduled;
  o.rescheduled_to = to.id;
  return {std::move(o), std::move(to)};
}

Session Programme::Impl::move_session(const Session& old, Session to) {
  auto [o, x] = moved(old, std::move(to));
  check_session(x, true, true, old.id);  // the old slot is being freed
  ChangeSet cs;
  cs.upserts.sessions = {o, x};
  commit(std::move(cs));
  return x;
}

Session Programme::session(const std::string& id) const {
  auto lock = impl_->read();
  return find_or_throw(impl_->sessions, id, "session");
}

std::vector<Session> Programme::sessions() const {
  auto lock = impl_->read();
  auto v = values(impl_->sessions);
  std::stable_sort(v.begin(), v.end(), [](const Session& a, const Session& b) { return a.start < b.start; });
  return v;
}

std::vector<Session> Programme::sessions_of_coach(const std::string& coach_id) const {
  auto lock = impl_->read();
  find_or_throw(impl_->coaches, coach_id, "coach");
  std::vector<Session> v;
  for (const auto& [id, s] : impl_->sessions)
    if (s.coach_id == coach_id) v.push_back(s);
  std::stable_sort(v.begin(), v.end(), [](const Session& a, const Session& b) { return a.start < b.start; });
  return v;
}

// ---- confidential content --------------------------------------------------------------------

namespace {
// Notes and goals stay with coach and client: aggregate audiences and supervisors never see them.
void forbid_aggregate(const Viewer& v, const std::string& record) {
  validate(v);
  if (record_level_barred(v.audience))
    throw ForbiddenError(record, "viewer", barred_detail(v.audience, "notes or goals") +
                                               "; notes and goals stay with coach and client");
}
}  // namespace

void Programme::add_note(const SessionNote& n, const Viewer& author) {
  auto lock = impl_->write();
  forbid_aggregate(author, n.id);
  if (author.audience != Audience::Coach || author.id != n.author_id)
    throw ForbiddenError(n.id, "author_id", "notes are written by the session's coach, as themselves");
  SessionNote x = n;
  if (x.written_at.is_special()) x.written_at = boost::posix_time::second_clock::universal_time();
  impl_->check_note(x, true);
  ChangeSet cs;
  cs.upserts.notes.push_back(x);
  impl_->commit(std::move(cs));
}

std::vector<SessionNote> Programme::notes(const std::string& session_id, const Viewer& viewer) const {
  return impl_->audited(viewer, "read_notes", {session_id}, [&] {
    forbid_aggregate(viewer, session_id);
    const Session& s = find_or_throw(impl_->sessions, session_id, "session");
    const bool allowed =
        (viewer.audience == Audience::Coach && viewer.id == s.coach_id) ||
        (viewer.audience == Audience::Client &&
         std::any_of(s.attendees.begin(), s.attendees.end(), [&](const Attendee& a) { return a.client_id == viewer.id; }));
    if (!allowed) throw ForbiddenError(session_id, "viewer", "session notes are for the session's coach and client only");
    std::vector<SessionNote> v;
    for (const auto& [id, n] : impl_->notes)
      if (n.session_id == session_id) v.push_back(n);
    return v;
  }, [](const std::vector<SessionNote>& v, std::vector<std::string>& ids) {
    for (const auto& n : v) ids.push_back(n.id);
  });
}

namespace {
bool may_touch_goal(const Programme::Impl& m, const std::string& client_id, const Viewer& v) {
  if (v.audience == Audience::Client) return v.id == client_id;
  if (v.audience == Audience::Coach) return m.has_session_with(v.id, client_id);
  return false;
}
}  // namespace

void Programme::add_goal(const Goal& g, const Viewer& viewer) {
  auto lock = impl_->write();
  forbid_aggregate(viewer, g.id);
  impl_->check_goal(g, true);
  if (!may_touch_goal(*impl_, g.client_id, viewer))
    throw ForbiddenError(g.id, "viewer", "goals are set by the client or their coach");
  ChangeSet cs;
  cs.upserts.goals.push_back(g);
  impl_->commit(std::move(cs));
}

void Programme::set_goal_attainment(const std::string& goal_id, GoalAttainment a, const Viewer& viewer) {
  auto lock = impl_->write();
  forbid_aggregate(viewer, goal_id);
  Goal g = find_or_throw(impl_->goals, goal_id, "goal");
  if (!may_touch_goal(*impl_, g.client_id, viewer))
    throw ForbiddenError(goal_id, "viewer", "goals are updated by the client or their coach");
  g.attainment = a;
  ChangeSet cs;
  cs.upserts.goals.push_back(g);
  impl_->commit(std::move(cs));
}

std::vector<Goal> Programme::goals(const std::string& client_id, const Viewer& viewer) const {
  return impl_->audited(viewer, "read_goals", {client_id}, [&] {
    forbid_aggregate(viewer, client_id);
    find_or_throw(impl_->clients, client_id, "client");
    if (!may_touch_goal(*impl_, client_id, viewer))
      throw ForbiddenError(client_id, "viewer", "goals are for the client and their coach only");
    std::vector<Goal> v;
    for (const auto& [id, g] : impl_->goals)
      if (g.client_id == client_id) v.push_back(g);
    return v;
  }, [](const std::vector<Goal>& v, std::vector<std::string>& ids) {
    for (const auto& g : v) ids.push_back(g.id);
  });
}

// ---- supervision, safeguarding -----------------------------------------------------------------

void Programme::add_supervision(const SupervisionRecord& r) {
  auto lock = impl_->write();
  impl_->check_supervision(r, true);
  ChangeSet cs;
  cs.upserts.supervision.push_back(r);
  impl_->commit(std::move(cs));
}

void Programme::set_supervision_policy(const SupervisionPolicy& p) {
  auto lock = impl_->write();
  impl_->check_policy(p);
  ChangeSet cs = impl_->settings_change();
  cs.upserts.supervision_policy = p;
  impl_->commit(std::move(cs));
}

void Programme::set_disclosure_floor(const SuppressionPolicy& p) {
  auto lock = impl_->write();
  impl_->check_floor(p);
  ChangeSet cs = impl_->settings_change();
  cs.upserts.disclosure_floor = p;
  impl_->commit(std::move(cs));
}

SuppressionPolicy Programme::disclosure_floor() const {
  auto lock = impl_->read();
  return impl_->disclosure_floor;
}

SupervisionPolicy Programme::supervision_policy() const {
  auto lock = impl_->read();
  return impl_->supervision_policy;
}

std::vector<OverdueSupervision> Programme::overdue_supervision(Date on) const {
  auto lock = impl_->read();
  return impl_->overdue_locked(on);
}

std::vector<OverdueSupervision> Programme::Impl::overdue_locked(Date on) const {
  const auto& pol = supervision_policy;
  // Last qualifying meeting per (coach, kind) on or before `on`.
  std::map<std::pair<std::string, int>, Date> last;
  for (const auto& [id, r] : supervision) {
    if (r.date > on) continue;
    if (r.kind == SupervisionKind::HealthCoaching && pol.health_coaching_requires_pci && !r.pci_assured) continue;
    auto key = std::make_pair(r.coach_id, static_cast<int>(r.kind));
    auto it = last.find(key);
    if (it == last.end() || it->second < r.date) last[key] = r.date;
  }
  std::vector<OverdueSupervision> out;
  for (const auto& [cid, c] : coaches) {
    if (!c.active) continue;
    for (SupervisionKind k : {SupervisionKind::HealthCoaching, SupervisionKind::Clinical, SupervisionKind::LineManagement}) {
      const int interval = pol.interval(k);
      if (interval <= 0) continue;
      auto it = last.find({cid, static_cast<int>(k)});
      OverdueSupervision o;
      o.coach_id = cid;
      o.kind = k;
      if (it == last.end()) {
        // Never supervised: due from the start of the period.
        o.due = on - boost::gregorian::days(interval);
      } else {
        o.last = it->second;
        o.due = it->second + boost::gregorian::days(interval);
      }
      if (o.due < on) {
        o.days_overdue = static_cast<int>((on - o.due).days());
        out.push_back(o);
      }
    }
  }
  return out;
}

void Programme::raise_concern(const SafeguardingConcern& c) {
  auto lock = impl_->write();
  impl_->check_concern(c, true);
  ChangeSet cs;
  cs.upserts.safeguarding.push_back(c);
  impl_->commit(std::move(cs));
}

void Programme::escalate_concern(const std::string& concern_id, const std::string& to, Instant at) {
  auto lock = impl_->write();
  SafeguardingConcern c = find_or_throw(impl_->safeguarding, concern_id, "safeguarding concern");
  if (to.empty()) throw ValidationError(concern_id, "escalated_to", "named_lead"_rule, "escalate to a named GP or lead");
  c.escalated_to = to;
  c.escalated_at = at;
  impl_->check_concern(c, false);
  ChangeSet cs;
  cs.upserts.safeguarding.push_back(c);
  impl_->commit(std::move(cs));
}

std::vector<SafeguardingConcern> Programme::concerns() const {
  auto lock = impl_->read();
  return values(impl_->safeguarding);
}

// ---- training ------------------------------------------------------------------------------------

void Programme::add_cohort(const TrainingCohort& c) {
  auto lock = impl_->write();
  impl_->check_cohort(c, true);
  ChangeSet cs;
  cs.upserts.cohorts.push_back(c);
  impl_->commit(std::move(cs));
}

void Programme::add_trainee(const Trainee& t) {
  auto lock = impl_->write();
  impl_->check_trainee(t, true);
  ChangeSet cs;
  cs.upserts.trainees.push_back(t);
  impl_->commit(std::move(cs));
}

std::vector<TrainedPerson> Programme::training_register() const {
  auto lock = impl_->read();
  std::vector<TrainedPerson> out;
  for (const auto& [id, t] : impl_->trainees) {
    const auto& c = impl_->cohorts.at(t.cohort_id);
    if (!completed_course(t, c)) continue;
    out.push_back({t.id, c.id, t.profession, t.organisation, c.days, course_end(c)});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const TrainedPerson& a, const TrainedPerson& b) { return a.cohort_id < b.cohort_id; });
  return out;
}

// ---- measures ------------------------------------------------------------------------------------

Score Programme::add_response(const Response& r) {
  auto lock = impl_->write();
  Score score = impl_->check_response(r, true);
  ChangeSet cs;
  cs.upserts.responses.push_back(r);
  // Each clinical risk flag is stored with the response, in its transaction (and its event).
  cs.upserts.risk_flags = Impl::raised_flags(r, score);
  impl_->commit(std::move(cs));
  return score;
}

std::vector<RiskFlag> Programme::risk_flags(bool open_only) const {
  auto lock = impl_->read();
  std::set<std::string> answered;  // flags a concern names
  if (open_only)
    for (const auto& [id, c] : impl_->safeguarding)
      if (!c.risk_flag_id.empty()) answered.insert(c.risk_flag_id);
  std::vector<RiskFlag> out;
  for (const auto& [id, f] : impl_->risk_flags)
    if (!open_only || (f.acknowledged_by.empty() && !answered.count(id))) out.push_back(f);
  return out;
}

RiskFlag Programme::acknowledge_risk_flag(const std::string& flag_id, const std::string& by, Instant at,
                                          const std::string& action) {
  auto lock = impl_->write();
  RiskFlag f = find_or_throw(impl_->risk_flags, flag_id, "risk flag");
  if (by.empty())
    throw ValidationError(flag_id, "acknowledged_by", "named_person"_rule, "a risk flag is acknowledged by a named person");
  if (at.is_special()) throw ValidationError(flag_id, "acknowledged_at", "instant_required"_rule, "when was it acknowledged?");
  if (!f.acknowledged_by.empty())
    throw ConflictError(flag_id, "acknowledged_by", "acknowledge_once"_rule,
                        "already acknowledged by '" + f.acknowledged_by + "' at " + format_instant(f.acknowledged_at));
  f.acknowledged_by = by;
  f.acknowledged_at = at;
  f.action = action;
  impl_->check_risk_flag(f, false);  // lengths, time not before the flag
  ChangeSet cs;
  cs.upserts.risk_flags.push_back(f);
  impl_->commit(std::move(cs));
  return f;
}

std::vector<Response> Programme::responses() const {
  auto lock = impl_->read();
  return values(impl_->responses);
}

// ---- aggregates -----------------------------------------------------------------------------------

std::vector<Breach> Programme::audit(Instant on) const {
  std::vector<Breach> out;
  for (const auto& o : overdue_supervision(to_uk_local(on).date()))
    out.push_back({"supervision_overdue", o.coach_id,
                   std::string(to_string(o.kind)) + " supervision overdue by " + std::to_string(o.days_overdue) +
                       " days" + (o.last ? " (last " + format_date(*o.last) + ")" : " (none recorded)")});
  auto lock = impl_->read();
  const auto& m = *impl_;
  for (const auto& [id, c] : m.safeguarding) {
    const bool late = c.escalated_to.empty() ? on - c.raised_at > hours(24) : c.escalated_at - c.raised_at > hours(24);
    if (late)
      out.push_back({"safeguarding_not_escalated", id,
                     c.escalated_to.empty() ? "concern raised " + format_instant(c.raised_at) + " not escalated within 24 h"
                                            : "concern escalated more than 24 h after it was raised"});
  }
  // Clinical risk flags nobody has acknowledged and no safeguarding concern answers.
  std::set<std::string> answered;
  for (const auto& [id, c] : m.safeguarding)
    if (!c.risk_flag_id.empty()) answered.insert(c.risk_flag_id);
  for (const auto& [id, f] : m.risk_flags)
    if (f.acknowledged_by.empty() && !answered.count(id))
      out.push_back({"risk_flag_open", id,
                     "risk flag '" + f.flag + "' of response '" + f.response_id + "' (client '" + f.client_id +
                         "') raised " + format_instant(f.raised_at) +
                         " is not acknowledged by a named person and no safeguarding concern names it"});
  for (const auto& [id, c] : m.coaches) {
    if (!c.active) continue;
    if (c.safeguarding_lead.empty())
      out.push_back({"named_safeguarding_lead", id, "coach has no named GP or lead for safeguarding concerns"});
    if (c.first_point_of_contact.empty())
      out.push_back({"named_first_contact", id, "coach has no named first point of contact"});
  }
  for (const auto& [id, s] : m.sessions) {
    if (s.status != SessionStatus::Attended) continue;
    for (const auto& a : s.attendees) {
      auto it = m.clients.find(a.client_id);
      if (it != m.clients.end() && !it->second.consent.coaching)
        out.push_back({"consent", id, "session held with client '" + a.client_id + "' who has not consented"});
    }
  }
  // Sessions booked outside the scheduling rules by a named override.
  for (const auto& [id, s] : m.sessions)
    if (!s.override_by.empty())
      out.push_back({"booked_by_override", id,
                     "booked outside the scheduling rules by '" + s.override_by + "': " + s.override_reason});
  // Sessions booked beyond the episode's agreed number by a named override (a series).
  for (const auto& [id, s] : m.sessions)
    if (!s.agreed_override_by.empty())
      out.push_back({"booked_beyond_agreed", id,
                     "booked beyond the episode's agreed number of sessions by '" + s.agreed_override_by +
                         "': " + s.agreed_override_reason});
  // Double bookings the store holds anyway (written by another version or by hand): the store
  // still opens, and each overlap is listed here until it is resolved.
  auto overlaps = [&](const TimeIndex& idx, const char* rule, const char* who) {
    for (const auto& [person, time] : idx) {
      const Session* reach = nullptr;  // the session ending last among those seen
      for (const Busy& b : time.busy) {
        const Session& s = *b.session;
        const std::string& sid = s.id;
        if (reach && s.start < reach->end())
          out.push_back({rule, sid, std::string(who) + " '" + person + "' is booked in sessions '" + reach->id +
                                        "' and '" + sid + "' at the same time"});
        if (!reach || reach->end() < s.end()) reach = &s;
      }
    }
  };
  overlaps(m.coach_busy, "coach_double_booked", "coach");
  overlaps(m.client_busy, "client_double_booked", "client");
  out.insert(out.end(), m.load_breaches.begin(), m.load_breaches.end());
  return out;
}


}  // namespace laycoach
