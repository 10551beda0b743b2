// The Programme's state: memory and its indexes, loading with JSON pointers in errors,
// snapshots, and committing a change (store first, then memory).
#include <algorithm>
#include <ctime>
#include <type_traits>

#include <boost/date_time/posix_time/conversion.hpp>

#include "lookup.hpp"
#include "record_kinds.hpp"
#include "programme_impl.hpp"

namespace laycoach {

using namespace detail;

// ============================================================================ state

void Programme::Impl::put_client(Client c) {
  // A store written before NHS numbers were kept canonical may hold "943 476 5919".
  if (!c.nhs_number.empty() && nhs_number_valid(c.nhs_number)) c.nhs_number = nhs_number_canonical(c.nhs_number);
  auto& slot = clients[c.id];
  if (!slot.nhs_number.empty() && slot.nhs_number != c.nhs_number) nhs_numbers.erase(slot.nhs_number);
  if (!c.nhs_number.empty()) nhs_numbers[c.nhs_number] = c.id;
  slot = std::move(c);
  client_busy[slot.id].client = &slot;
}

void Programme::Impl::put_referral(Referral r) {
  auto it = referrals.lower_bound(r.id);
  if (it != referrals.end() && it->first == r.id) {
    if (it->second.client_id != r.client_id)  // listed under its client: move it to the new one
      if (auto t = client_busy.find(it->second.client_id); t != client_busy.end()) std::erase(t->second.referrals, &it->second);
    it->second = std::move(r);
  } else {
    it = referrals.emplace_hint(it, r.id, std::move(r));
  }
  auto& listed = client_busy[it->second.client_id].referrals;
  if (std::find(listed.begin(), listed.end(), &it->second) == listed.end()) listed.push_back(&it->second);
}

std::pair<const Client*, const PersonTime*> Programme::Impl::client_entry(const std::string& id) const {
  const auto t = client_busy.find(id);
  if (t != client_busy.end() && t->second.client) return {t->second.client, &t->second};
  const auto c = clients.find(id);  // a record put without its entry (none today): still found
  return {c == clients.end() ? nullptr : &c->second, t == client_busy.end() ? nullptr : &t->second};
}

const Referral* Programme::Impl::find_referral(const PersonTime* t, const std::string& id) const {
  if (t)
    for (const Referral* r : t->referrals)
      if (r->id == id) return r;
  const auto it = referrals.find(id);  // another client's referral, or none
  return it == referrals.end() ? nullptr : &it->second;
}

void Programme::Impl::unindex_session(const Session& o) {
  if (auto c = coach_busy.find(o.coach_id); c != coach_busy.end()) c->second.erase(o.start, o.id);
  for (const auto& a : o.attendees) {  // as put_session counts them
    PersonTime& t = client_busy[a.client_id];
    t.erase(o.start, o.id);
    t.count_coach(o.coach_id, -1);
  }
}

const Session& Programme::Impl::put_session(Session in) {
  // One descent: the session with this id, or where a new one goes (the hint for emplace_hint).
  const auto at = sessions.lower_bound(in.id);
  return put_session(std::move(in), at);
}

const Session& Programme::Impl::put_session(Session&& in, std::map<std::string, Session>::iterator old) {
  std::optional<Session> before;
  if (old != sessions.end() && old->first == in.id) {
    const Session& o = old->second;
    unindex_session(o);
    if (!session_observers.empty()) before = o;
    old->second = std::move(in);
  } else {
    old = sessions.emplace_hint(old, in.id, std::move(in));
  }
  const Session& s = old->second;  // the entries point at the record
  const bool occupies = occupies_time(s.status);
  if (occupies) coach_busy[s.coach_id].insert(s);
  for (const auto& a : s.attendees) {
    PersonTime& t = client_busy[a.client_id];  // one lookup for the busy list and the coach count
    t.count_coach(s.coach_id, +1);
    if (occupies && a.status != AttendeeStatus::Cancelled) t.insert(s);
  }
  // Observers run last, so they see the indexes as they now are.
  for (const auto& f : session_observers) f(before ? &*before : nullptr, s);
  return s;
}

namespace {
// apply_to_memory's records, kind by kind (record_kinds.hpp): the catalogue keeps its document
// order, clients, referrals, sessions and care plans go through their put_* (which keep the
// indexes in step), instruments are compiled, every other list is stored by key; the settings
// are not records (apply_settings_and_deletes). A non-const `u` has its sessions moved into memory.
template <class Data>
void apply_records(Programme::Impl& m, Data& u, const std::map<std::string, Session>::iterator* one_at = nullptr) {
  if (!u.coaches.empty() || !u.catalogue.offers.empty()) ++m.generation;
  record_kinds::for_each([&](const auto& k) {
    auto& in = k.data(u);
    using In = std::remove_cvref_t<decltype(in)>;
    if constexpr (!record_kinds::is_list<In>) {
      return;
    } else if constexpr (std::is_same_v<In, std::vector<ServiceLine>>) {
      for (const auto& x : in) {
        if (!m.lines.count(x.id)) m.line_order.push_back(x.id);
        m.lines[x.id] = x;
      }
    } else if constexpr (std::is_same_v<In, std::vector<Offer>>) {
      for (const auto& x : in) {
        if (!m.offers.count(x.id)) m.offer_order.push_back(x.id);
        m.offers[x.id] = x;
      }
    } else if constexpr (std::is_same_v<In, std::vector<Client>>) {
      for (const auto& x : in) m.put_client(x);
    } else if constexpr (std::is_same_v<In, std::vector<Referral>>) {
      for (const auto& x : in) m.put_referral(x);
    } else if constexpr (std::is_same_v<In, std::vector<Session>>) {
      if constexpr (!std::is_const_v<Data>)
        if (one_at && in.size() == 1) {
          m.put_session(std::move(in.front()), *one_at);
          return;
        }
      for (auto& x : in) {
        if constexpr (std::is_const_v<Data>) m.put_session(x);
        else m.put_session(std::move(x));
      }
    } else if constexpr (std::is_same_v<In, std::vector<CarePlan>>) {
      for (const auto& x : in) m.put_care_plan(x);
    } else if constexpr (std::is_same_v<In, std::vector<RegisteredInstrument>>) {
      for (const auto& x : in) {
        try {
          m.instruments.insert_or_assign(instrument_key(x.id), Instrument::from_json(x.definition));
        } catch (const Error&) {
          // Only a definition edited by hand in the store fails here (catching up with it): left
          // out, as when the store is opened (load_all reports it as a breach).
        }
      }
    } else {
      auto& into = k.state(m);
      for (const auto& x : in) into[record_kinds::key_of(x)] = x;
    }
  });
}
}  // namespace

void Programme::Impl::apply_to_memory(const ProgrammeData& u) { apply_records(*this, u); }
void Programme::Impl::apply_to_memory(ProgrammeData&& u) { apply_records(*this, u); }
void Programme::Impl::apply_to_memory(ProgrammeData&& u, std::map<std::string, Session>::iterator at) {
  apply_records(*this, u, &at);
}

void Programme::Impl::put_care_plan(const CarePlan& p) {
  if (auto old = care_plans.find(p.id); old != care_plans.end()) {
    auto& versions = plan_versions[old->second.referral_id];
    if (auto v = versions.find(old->second.version); v != versions.end() && v->second == p.id) versions.erase(v);
  }
  care_plans[p.id] = p;
  plan_versions[p.referral_id][p.version] = p.id;
}

namespace {
// (table, id) of each upsert that memory (the committed state, after catch-up) does not hold.
template <class T, class Map, class Key>
void mark_created(std::vector<std::pair<std::string, std::string>>& out, const char* table, const std::vector<T>& v,
                  const Map& m, Key key) {
  for (const auto& x : v)
    if (!m.count(key(x))) out.emplace_back(table, key(x));
}
}  // namespace

namespace {
// The library's clock to the second in UTC: second_clock::universal_time's value, without its
// trip through gmtime_r (glibc's time-zone lock) and back.
Instant utc_now() { return boost::posix_time::from_time_t(std::time(nullptr)); }
}  // namespace

void Programme::Impl::commit_change(ChangeSet& cs, const SessionPlace* place) {
  for (const auto& [table, id] : cs.deletes)
    if (!known_table(table)) throw InternalError("no record table '" + table + "'", id);
  if (store) {
    const auto& u = cs.upserts;
    auto& c = cs.created;
    auto id = [](const auto& x) -> const std::string& { return x.id; };
    mark_created(c, "service_lines", u.catalogue.service_lines, lines, id);
    mark_created(c, "offers", u.catalogue.offers, offers, id);
    mark_created(c, "organisations", u.organisations, organisations, [](const Organisation& o) -> const std::string& { return o.ods_code; });
    mark_created(c, "coaches", u.coaches, coaches, id);
    mark_created(c, "clients", u.clients, clients, id);
    mark_created(c, "referrals", u.referrals, referrals, id);
    mark_created(c, "sessions", u.sessions, sessions, id);
    mark_created(c, "waiting_list", u.waiting_list, waiting_list, id);
    mark_created(c, "notes", u.notes, notes, id);
    mark_created(c, "goals", u.goals, goals, id);
    mark_created(c, "supervision", u.supervision, supervision, id);
    mark_created(c, "safeguarding", u.safeguarding, safeguarding, id);
    mark_created(c, "training_cohorts", u.cohorts, cohorts, id);
    mark_created(c, "trainees", u.trainees, trainees, id);
    mark_created(c, "responses", u.responses, responses, id);
    mark_created(c, "risk_flags", u.risk_flags, risk_flags, id);
    mark_created(c, "inbox", u.inbox, inbox, id);
    mark_created(c, "usage_waves", u.usage_waves, usage_waves, id);
    mark_created(c, "usage_invitations", u.usage_invitations, usage_invitations, id);
    mark_created(c, "skill_share_sessions", u.skill_share_sessions, skill_share_sessions, id);
    mark_created(c, "care_plans", u.care_plans, care_plans, id);
    mark_created(c, "care_plan_shares", u.care_plan_shares, care_plan_shares, id);
    mark_created(c, "onward_referrals", u.onward_referrals, onward_referrals, id);
    for (const auto& x : u.instruments)
      if (!instruments.count(instrument_key(x.id))) c.emplace_back("instruments", x.id);
  }
  // A change of one session (a booking, an outcome): one descent of the sessions map finds its
  // stored version for the events and its place for put_session (nothing changes the map between);
  // for a new booking, check_session's descent (place; erase of an empty range makes it mutable).
  const bool one = cs.upserts.sessions.size() == 1;
  const auto at = !one ? sessions.end() : place ? sessions.erase(*place, *place) : sessions.lower_bound(cs.upserts.sessions.front().id);
  std::optional<const Session*> one_old;
  if (one) one_old = at != sessions.end() && at->first == cs.upserts.sessions.front().id ? &at->second : nullptr;
  // The outbox: the events of this change go into the same transaction (events.hpp). Without a
  // store they are packed straight into the in-memory outbox and published once memory holds
  // the change (a change that throws first leaves none).
  const Instant now = utc_now();
  std::optional<outbox::MemoryOutbox::Batch> batch;
  if (store) {
    cs.events = events_of(cs, now, one_old);
    store->apply(cs);  // throws before memory is touched
    store->commit();   // the write transaction of the WriteLock, when there is one
  } else {
    events_of(cs, now, one_old, batch.emplace(local_outbox));
  }
  // Its sessions move into memory (nothing reads them after).
  if (one) apply_to_memory(std::move(cs.upserts), at);
  else apply_to_memory(std::move(cs.upserts));
  apply_settings_and_deletes(cs);
  if (batch) batch->publish();
}

void Programme::Impl::apply_change(const ChangeSet& cs) {
  apply_to_memory(cs.upserts);
  apply_settings_and_deletes(cs);
}

void Programme::Impl::apply_settings_and_deletes(const ChangeSet& cs) {
  for (const auto& [table, id] : cs.deletes) erase(table, id);
  if (cs.policy_changed) {
    supervision_policy = cs.upserts.supervision_policy;
    disclosure_floor = cs.upserts.disclosure_floor;
    triage_rules = cs.upserts.triage_rules;
  }
}

namespace {
// Store table names (store_schema.cpp) of the record kinds, as used in ChangeSet::deletes.
constexpr const char* kRecordTables[] = {"service_lines", "offers",  "organisations", "coaches",
                                         "clients",       "referrals", "sessions",     "waiting_list",
                                         "notes",         "goals",   "supervision",   "safeguarding",
                                         "training_cohorts", "trainees", "responses", "risk_flags",
                                         "inbox",
                                         "usage_waves", "usage_invitations", "skill_share_sessions",
                                         "care_plans", "care_plan_shares", "onward_referrals", "instruments"};
}  // namespace

bool Programme::Impl::known_table(const std::string& table) {
  return std::find(std::begin(kRecordTables), std::end(kRecordTables), table) != std::end(kRecordTables);
}

void Programme::Impl::erase(const std::string& table, const std::string& id) {
  auto drop_order = [&](std::vector<std::string>& order) { std::erase(order, id); };
  if (table == "service_lines") { lines.erase(id); drop_order(line_order); }
  else if (table == "offers") { offers.erase(id); drop_order(offer_order); }
  else if (table == "organisations") organisations.erase(id);
  else if (table == "coaches") {
    if (auto t = coach_busy.find(id); t != coach_busy.end()) t->second.note.reset();  // the record it noted goes
    coaches.erase(id);
  }
  else if (table == "clients") {
    if (auto it = clients.find(id); it != clients.end()) {
      nhs_numbers.erase(it->second.nhs_number);
      if (auto t = client_busy.find(id); t != client_busy.end()) t->second.client = nullptr;
      clients.erase(it);
    }
  }
  else if (table == "referrals") {
    if (auto it = referrals.find(id); it != referrals.end()) {
      if (auto t = client_busy.find(it->second.client_id); t != client_busy.end()) std::erase(t->second.referrals, &it->second);
      referrals.erase(it);
    }
  }
  else if (table == "sessions") {
    if (auto it = sessions.find(id); it != sessions.end()) {
      unindex_session(it->second);  // its entries leave before the record does
      sessions.erase(it);
      ++generation;  // engines' derived indexes rebuild
    }
  }
  else if (table == "waiting_list") waiting_list.erase(id);
  else if (table == "notes") notes.erase(id);
  else if (table == "goals") goals.erase(id);
  else if (table == "supervision") supervision.erase(id);
  else if (table == "safeguarding") safeguarding.erase(id);
  else if (table == "training_cohorts") cohorts.erase(id);
  else if (table == "trainees") trainees.erase(id);
  else if (table == "responses") responses.erase(id);
  else if (table == "risk_flags") risk_flags.erase(id);
  else if (table == "inbox") inbox.erase(id);
  else if (table == "usage_waves") usage_waves.erase(id);
  else if (table == "usage_invitations") usage_invitations.erase(id);
  else if (table == "skill_share_sessions") skill_share_sessions.erase(id);
  else if (table == "care_plans") {
    if (auto it = care_plans.find(id); it != care_plans.end()) {
      auto& versions = plan_versions[it->second.referral_id];
      if (auto v = versions.find(it->second.version); v != versions.end() && v->second == id) versions.erase(v);
      care_plans.erase(it);
    }
  }
  else if (table == "care_plan_shares") care_plan_shares.erase(id);
  else if (table == "onward_referrals") onward_referrals.erase(id);
  else if (table == "instruments") instruments.erase(instrument_key(id));
}

void Programme::Impl::clear() { state() = ProgrammeState{}; }

// ---- several handles on one store --------------------------------------------------------------

Programme::Impl::WriteLock::WriteLock(Impl& m) : m_(m), lock_(m.mu) {
  if (!m_.store) return;
  m_.store->begin();
  try {
    m_.catch_up_locked();
  } catch (...) {
    m_.store->rollback();
    throw;
  }
}

Programme::Impl::WriteLock::~WriteLock() {
  if (m_.store) m_.store->rollback();  // a no-op after commit()
}

void Programme::Impl::catch_up_locked() {
  if (!store) return;
  Catchup c = store->catch_up();
  if (c.reload) {
    reload(store->load());
    return;
  }
  if (!c.changes.empty()) apply_change(c.changes);
}

std::shared_lock<std::shared_mutex> Programme::Impl::read() {
  if (store && store->changed_elsewhere()) {
    std::unique_lock lock(mu);
    catch_up_locked();
  }
  return std::shared_lock(mu);
}

namespace {
// Re-throw a record's error with the JSON pointer of the record in front of its field.
[[noreturn]] void rethrow_at(const Error& e, const std::string& pointer) {
  std::string field = e.field();
  if (!field.empty() && field.front() != '/') field = "/" + field;
  throw_error(e.code(), e.record(), ErrorField(pointer + field), ErrorRule(e.rule()), e.detail());
}

// A record that breaks a rule: strict loading (documents) throws with its pointer; lenient
// loading (a store's own records) lists the breach and reports whether to keep the record
// (yes, unless a record it names is missing).
bool on_breach(const Error& e, const std::string& pointer, std::vector<Breach>* lenient) {
  if (!lenient) rethrow_at(e, pointer);
  if (e.rule() != "coach_double_booked" && e.rule() != "client_double_booked")  // audit() finds these live
    lenient->push_back({e.rule(), e.record(), "stored record " + pointer + " breaks the rule: " + e.detail()});
  return e.code() != ErrorCode::NotFound;
}

template <class T, class Check, class Put>
void load_kind(std::vector<T>& v, const char* name, Check check, Put put, std::vector<Breach>* lenient) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    try {
      check(v[i]);
    } catch (const Error& e) {
      if (!on_breach(e, std::string("/") + name + "/" + std::to_string(i), lenient)) continue;
    }
    put(v[i]);
  }
}
}  // namespace

void Programme::Impl::reload(ProgrammeData d) {
  auto fresh = std::make_unique<Impl>();
  fresh->load_all(std::move(d), true);
  state() = std::move(fresh->state());
  ++generation;  // derived indexes (booking engine) rebuild
}

/// A record moved into an id-keyed map (replacing one with its id, as operator[] would); records
/// mostly arrive in id order, so the hint at the end makes each insert O(1) then.
template <class Map, class T>
void put_record(Map& m, T&& x) {
  auto key = x.id;
  m.insert_or_assign(m.end(), std::move(key), std::forward<T>(x));
}

void Programme::Impl::load_all(ProgrammeData&& d, bool lenient) {
  clear();
  ++generation;
  std::vector<Breach>* breaches = lenient ? &load_breaches : nullptr;
  load_records(d, breaches, {});
  try {
    check_policy(d.supervision_policy);
  } catch (const Error& e) {
    on_breach(e, "/supervision_policy", breaches);
  }
  supervision_policy = d.supervision_policy;
  try {
    check_floor(d.disclosure_floor);
    disclosure_floor = d.disclosure_floor;
  } catch (const Error& e) {
    on_breach(e, "/disclosure_floor", breaches);
    disclosure_floor = SuppressionPolicy{};  // never weaker than the default when the stored one is
  }
  try {
    check_triage_rules(d.triage_rules);
    triage_rules = d.triage_rules;
  } catch (const Error& e) {
    on_breach(e, "/triage_rules", breaches);
    triage_rules = TriageRules{};  // the library's rules rather than broken ones
  }
}

void Programme::Impl::load_records(ProgrammeData& d, std::vector<Breach>* breaches, const PutHook& hook) {
  // `put(table, id)` tells the hook (import_change's undo list) that a record went into memory.
  auto put = [&](const char* table, const std::string& id) {
    if (hook) hook(table, id);
  };
  auto load_kind = [&](auto& v, const char* name, auto check, auto put) {
    ::laycoach::load_kind(v, name, check, put, breaches);
  };
  load_kind(d.catalogue.service_lines, "catalogue/service_lines", [&](auto& x) { check_service_line(x, true); },
            [&](auto& x) { put("service_lines", x.id); line_order.push_back(x.id); put_record(lines, std::move(x)); });
  load_kind(d.catalogue.offers, "catalogue/offers", [&](auto& x) { check_offer(x, true); },
            [&](auto& x) { put("offers", x.id); offer_order.push_back(x.id); put_record(offers, std::move(x)); });
  // Organisations may name a parent listed after them: insert all, then check.
  for (std::size_t i = 0; i < d.organisations.size(); ++i) {
    const auto& o = d.organisations[i];
    if (organisations.count(o.ods_code)) {
      on_breach(ConflictError(o.ods_code, "ods_code", "unique_id"_rule, "an organisation with this ODS code already exists"),
                "/organisations/" + std::to_string(i), breaches);
      continue;
    }
    organisations[o.ods_code] = o;
    put("organisations", o.ods_code);
  }
  for (std::size_t i = 0; i < d.organisations.size(); ++i) {
    try {
      check_organisation(d.organisations[i], false);
    } catch (const Error& e) {
      on_breach(e, "/organisations/" + std::to_string(i), breaches);
    }
  }
  load_kind(d.coaches, "coaches", [&](auto& x) { check_coach(x, true); }, [&](auto& x) { put("coaches", x.id); put_record(coaches, std::move(x)); });
  load_kind(d.clients, "clients", [&](auto& x) { check_client(x, true); }, [&](auto& x) { put("clients", x.id); put_client(std::move(x)); });
  load_kind(d.referrals, "referrals", [&](auto& x) { check_referral(x, true); }, [&](auto& x) { put("referrals", x.id); put_referral(std::move(x)); });
  // Each session as stored in memory (it is moved there), or null for one not loaded (still in d).
  std::vector<const Session*> stored_sessions(d.sessions.size(), nullptr);
  load_kind(d.sessions, "sessions", [&](auto& x) { check_session(x, true, false); }, [&](auto& x) {
    put("sessions", x.id);
    const auto at = static_cast<std::size_t>(&x - d.sessions.data());
    stored_sessions[at] = &put_session(std::move(x));
  });
  for (std::size_t i = 0; i < d.sessions.size(); ++i) {
    const auto& s = stored_sessions[i] ? *stored_sessions[i] : d.sessions[i];
    if (!s.rescheduled_to.empty() && !sessions.count(s.rescheduled_to))
      on_breach(NotFoundError(s.id, "rescheduled_to", "no session '" + s.rescheduled_to + "'"),
                "/sessions/" + std::to_string(i), breaches);
  }
  load_kind(d.waiting_list, "waiting_list", [&](auto& x) { check_wait(x, true); },
            [&](auto& x) { put("waiting_list", x.id); put_record(waiting_list, std::move(x)); });
  load_kind(d.notes, "notes", [&](auto& x) { check_note(x, true); }, [&](auto& x) { put("notes", x.id); put_record(notes, std::move(x)); });
  load_kind(d.goals, "goals", [&](auto& x) { check_goal(x, true); }, [&](auto& x) { put("goals", x.id); put_record(goals, std::move(x)); });
  load_kind(d.supervision, "supervision", [&](auto& x) { check_supervision(x, true); },
            [&](auto& x) { put("supervision", x.id); put_record(supervision, std::move(x)); });
  load_kind(d.cohorts, "cohorts", [&](auto& x) { check_cohort(x, true); }, [&](auto& x) { put("training_cohorts", x.id); put_record(cohorts, std::move(x)); });
  load_kind(d.trainees, "trainees", [&](auto& x) { check_trainee(x, true); }, [&](auto& x) { put("trainees", x.id); put_record(trainees, std::move(x)); });
  // Each response's risk flags, from the instrument's own scoring, so a flag is never lost: a
  // response that raises one the records do not list gets it (open) below.
  // A programme's own instruments before the responses that answer them.
  // One that no longer compiles (edited by hand) is a breach and left out: nothing can score with it.
  load_kind(d.instruments, "instruments", [&](auto& x) { check_instrument(x, true); }, [&](auto& x) {
    try {
      instruments.insert_or_assign(instrument_key(x.id), Instrument::from_json(x.definition));
      put("instruments", x.id);
    } catch (const Error&) {
    }
  });
  std::vector<RiskFlag> raised;
  load_kind(d.responses, "responses", [&](auto& x) {
    const Score sc = check_response(x, true);
    if (!sc.risk_flags.empty())
      for (auto& f : raised_flags(x, sc)) raised.push_back(std::move(f));
  }, [&](auto& x) { put("responses", x.id); put_record(responses, std::move(x)); });
  load_kind(d.risk_flags, "risk_flags", [&](auto& x) { check_risk_flag(x, true); },
            [&](auto& x) { put("risk_flags", x.id); put_record(risk_flags, std::move(x)); });
  for (auto& f : raised)
    if (!risk_flags.count(f.id)) {
      put("risk_flags", f.id);
      risk_flags.emplace(f.id, std::move(f));
    }
  // Usage tracking: waves, then invitations (a trainee on the register, a wave), skill shares.
  load_kind(d.usage_waves, "usage_waves", [&](auto& x) { check_usage_wave(x, true); },
            [&](auto& x) { put("usage_waves", x.id); put_record(usage_waves, std::move(x)); });
  load_kind(d.usage_invitations, "usage_invitations", [&](auto& x) { check_usage_invitation(x, true); },
            [&](auto& x) { put("usage_invitations", x.id); put_record(usage_invitations, std::move(x)); });
  load_kind(d.skill_share_sessions, "skill_share_sessions", [&](auto& x) { check_skill_share(x, true); },
            [&](auto& x) { put("skill_share_sessions", x.id); put_record(skill_share_sessions, std::move(x)); });
  // Plans may name goals; shares need a plan: after goals, in this order.
  load_kind(d.care_plans, "care_plans", [&](auto& x) { check_care_plan(x, true); }, [&](auto& x) { put_care_plan(x); put("care_plans", x.id); });
  load_kind(d.care_plan_shares, "care_plan_shares", [&](auto& x) { check_care_plan_share(x, true); },
            [&](auto& x) { put("care_plan_shares", x.id); put_record(care_plan_shares, std::move(x)); });
  load_kind(d.onward_referrals, "onward_referrals", [&](auto& x) { check_onward_referral(x, true); },
            [&](auto& x) { put("onward_referrals", x.id); put_record(onward_referrals, std::move(x)); });
  // Concerns may name a risk flag: after the flags.
  load_kind(d.safeguarding, "safeguarding", [&](auto& x) { check_concern(x, true); },
            [&](auto& x) { put("safeguarding", x.id); put_record(safeguarding, std::move(x)); });
  // The single point of access: items name clients and the referrals their triage opened.
  load_kind(d.inbox, "inbox", [&](auto& x) { check_inbox(x, true); }, [&](auto& x) { put("inbox", x.id); put_record(inbox, std::move(x)); });
}

// Every record kind is listed in ProgrammeState, load_all, snapshot and apply_to_memory. This
// binding stops compiling when ProgrammeData gains a member, pointing here.
[[maybe_unused]] static void record_kinds_are_all_handled(const ProgrammeData& d) {
  [[maybe_unused]] const auto& [catalogue, organisations, coaches, clients, referrals, sessions, waiting_list, notes,
                                goals, supervision, safeguarding, cohorts, trainees, responses, risk_flags, usage_waves,
                                usage_invitations, skill_share_sessions, care_plans, care_plan_shares, onward_referrals,
                                supervision_policy,
                                disclosure_floor, inbox, triage_rules, instruments] = d;
}

ProgrammeData Programme::Impl::snapshot() const {
  ProgrammeData d;
  // Kind by kind (record_kinds.hpp): the catalogue in its document order, the instruments as
  // their definitions, every other list in key order, the settings as they are.
  record_kinds::for_each([&](const auto& k) {
    auto& out = k.data(d);
    const auto& in = k.state(*this);
    using Out = std::remove_cvref_t<decltype(out)>;
    if constexpr (std::is_same_v<Out, std::vector<ServiceLine>>) {
      for (const auto& id : line_order) out.push_back(in.at(id));
    } else if constexpr (std::is_same_v<Out, std::vector<Offer>>) {
      for (const auto& id : offer_order) out.push_back(in.at(id));
    } else if constexpr (std::is_same_v<Out, std::vector<RegisteredInstrument>>) {
      for (const auto& [key, ins] : in) out.push_back({ins.id(), ins.to_json()});
    } else if constexpr (record_kinds::is_list<Out>) {
      out = values(in);
    } else {
      out = in;
    }
  });
  return d;
}

}  // namespace laycoach
