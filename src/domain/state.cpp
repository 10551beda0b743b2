// The Programme's state: memory and its indexes, loading with JSON pointers in errors,
// snapshots, and committing a change (store first, then memory).
#include <algorithm>

#include "lookup.hpp"
#include "programme_impl.hpp"

namespace laycoach {

using namespace detail;

// ============================================================================ state

void Programme::Impl::put_session(const Session& s) {
  auto old = sessions.find(s.id);
  std::optional<Session> before;
  if (old != sessions.end()) {
    const Session& o = old->second;
    coach_busy[o.coach_id].erase({o.start, o.id});
    auto& seen = coach_clients[o.coach_id];
    for (const auto& a : o.attendees) {
      client_busy[a.client_id].erase({o.start, o.id});
      if (--seen[a.client_id] == 0) seen.erase(a.client_id);
    }
    if (!session_observers.empty()) before = o;
  }
  sessions[s.id] = s;
  auto& seen = coach_clients[s.coach_id];
  for (const auto& a : s.attendees) ++seen[a.client_id];
  if (occupies_time(s.status)) {
    coach_busy[s.coach_id].insert({s.start, s.id});
    for (const auto& a : s.attendees)
      if (a.status != AttendeeStatus::Cancelled) client_busy[a.client_id].insert({s.start, s.id});
  }
  // Observers run last, so they see the indexes as they now are.
  for (const auto& f : session_observers) f(before ? &*before : nullptr, s);
}

void Programme::Impl::apply_to_memory(const ProgrammeData& u) {
  if (!u.coaches.empty() || !u.catalogue.offers.empty()) ++generation;
  for (const auto& x : u.catalogue.service_lines) {
    if (!lines.count(x.id)) line_order.push_back(x.id);
    lines[x.id] = x;
  }
  for (const auto& x : u.catalogue.offers) {
    if (!offers.count(x.id)) offer_order.push_back(x.id);
    offers[x.id] = x;
  }
  for (const auto& x : u.organisations) organisations[x.ods_code] = x;
  for (const auto& x : u.coaches) coaches[x.id] = x;
  for (const auto& x : u.clients) clients[x.id] = x;
  for (const auto& x : u.referrals) referrals[x.id] = x;
  for (const auto& x : u.sessions) put_session(x);
  for (const auto& x : u.waiting_list) waiting_list[x.id] = x;
  for (const auto& x : u.notes) notes[x.id] = x;
  for (const auto& x : u.goals) goals[x.id] = x;
  for (const auto& x : u.supervision) supervision[x.id] = x;
  for (const auto& x : u.safeguarding) safeguarding[x.id] = x;
  for (const auto& x : u.cohorts) cohorts[x.id] = x;
  for (const auto& x : u.trainees) trainees[x.id] = x;
  for (const auto& x : u.responses) responses[x.id] = x;
}

void Programme::Impl::commit(const ChangeSet& cs) {
  for (const auto& [table, id] : cs.deletes)
    if (!known_table(table)) throw InternalError("no record table '" + table + "'", id);
  if (store) store->apply(cs);  // throws IoError before memory is touched
  apply_to_memory(cs.upserts);
  for (const auto& [table, id] : cs.deletes) erase(table, id);
  if (cs.policy_changed) supervision_policy = cs.upserts.supervision_policy;
}

namespace {
// Store table names (store_schema.cpp) of the record kinds, as used in ChangeSet::deletes.
constexpr const char* kRecordTables[] = {"service_lines", "offers",  "organisations", "coaches",
                                         "clients",       "referrals", "sessions",     "waiting_list",
                                         "notes",         "goals",   "supervision",   "safeguarding",
                                         "training_cohorts", "trainees", "responses"};
}  // namespace

bool Programme::Impl::known_table(const std::string& table) {
  return std::find(std::begin(kRecordTables), std::end(kRecordTables), table) != std::end(kRecordTables);
}

void Programme::Impl::erase(const std::string& table, const std::string& id) {
  auto drop_order = [&](std::vector<std::string>& order) { std::erase(order, id); };
  if (table == "service_lines") { lines.erase(id); drop_order(line_order); }
  else if (table == "offers") { offers.erase(id); drop_order(offer_order); }
  else if (table == "organisations") organisations.erase(id);
  else if (table == "coaches") coaches.erase(id);
  else if (table == "clients") clients.erase(id);
  else if (table == "referrals") referrals.erase(id);
  else if (table == "sessions") {
    if (auto it = sessions.find(id); it != sessions.end()) {
      const Session& o = it->second;
      coach_busy[o.coach_id].erase({o.start, o.id});
      for (const auto& a : o.attendees) client_busy[a.client_id].erase({o.start, o.id});
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
}

void Programme::Impl::clear() { state() = ProgrammeState{}; }

namespace {
// Re-throw a record's error with the JSON pointer of the record in front of its field.
[[noreturn]] void rethrow_at(const Error& e, const std::string& pointer) {
  std::string field = e.field();
  if (!field.empty() && field.front() != '/') field = "/" + field;
  throw_error(e.code(), e.record(), pointer + field, e.rule(), e.detail());
}

template <class T, class Check, class Put>
void load_kind(const std::vector<T>& v, const char* name, Check check, Put put) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    try {
      check(v[i]);
    } catch (const Error& e) {
      rethrow_at(e, std::string("/") + name + "/" + std::to_string(i));
    }
    put(v[i]);
  }
}
}  // namespace

void Programme::Impl::load_all(const ProgrammeData& d) {
  clear();
  ++generation;
  load_kind(d.catalogue.service_lines, "catalogue/service_lines", [&](auto& x) { check_service_line(x, true); },
            [&](auto& x) { lines[x.id] = x; line_order.push_back(x.id); });
  load_kind(d.catalogue.offers, "catalogue/offers", [&](auto& x) { check_offer(x, true); },
            [&](auto& x) { offers[x.id] = x; offer_order.push_back(x.id); });
  // Organisations may name a parent listed after them: insert all, then check.
  for (std::size_t i = 0; i < d.organisations.size(); ++i) {
    const auto& o = d.organisations[i];
    if (organisations.count(o.ods_code))
      rethrow_at(ConflictError(o.ods_code, "ods_code", "unique_id", "an organisation with this ODS code already exists"),
                 "/organisations/" + std::to_string(i));
    organisations[o.ods_code] = o;
  }
  for (std::size_t i = 0; i < d.organisations.size(); ++i) {
    try {
      check_organisation(d.organisations[i], false);
    } catch (const Error& e) {
      rethrow_at(e, "/organisations/" + std::to_string(i));
    }
  }
  load_kind(d.coaches, "coaches", [&](auto& x) { check_coach(x, true); }, [&](auto& x) { coaches[x.id] = x; });
  load_kind(d.clients, "clients", [&](auto& x) { check_client(x, true); }, [&](auto& x) { clients[x.id] = x; });
  load_kind(d.referrals, "referrals", [&](auto& x) { check_referral(x, true); }, [&](auto& x) { referrals[x.id] = x; });
  load_kind(d.sessions, "sessions", [&](auto& x) { check_session(x, true, false); }, [&](auto& x) { put_session(x); });
  for (std::size_t i = 0; i < d.sessions.size(); ++i) {
    const auto& s = d.sessions[i];
    if (!s.rescheduled_to.empty() && !sessions.count(s.rescheduled_to))
      rethrow_at(NotFoundError(s.id, "rescheduled_to", "no session '" + s.rescheduled_to + "'"),
                 "/sessions/" + std::to_string(i));
  }
  load_kind(d.waiting_list, "waiting_list", [&](auto& x) { check_wait(x, true); },
            [&](auto& x) { waiting_list[x.id] = x; });
  load_kind(d.notes, "notes", [&](auto& x) { check_note(x, true); }, [&](auto& x) { notes[x.id] = x; });
  load_kind(d.goals, "goals", [&](auto& x) { check_goal(x, true); }, [&](auto& x) { goals[x.id] = x; });
  load_kind(d.supervision, "supervision", [&](auto& x) { check_supervision(x, true); },
            [&](auto& x) { supervision[x.id] = x; });
  load_kind(d.safeguarding, "safeguarding", [&](auto& x) { check_concern(x, true); },
            [&](auto& x) { safeguarding[x.id] = x; });
  load_kind(d.cohorts, "cohorts", [&](auto& x) { check_cohort(x, true); }, [&](auto& x) { cohorts[x.id] = x; });
  load_kind(d.trainees, "trainees", [&](auto& x) { check_trainee(x, true); }, [&](auto& x) { trainees[x.id] = x; });
  load_kind(d.responses, "responses", [&](auto& x) { check_response(x, true); }, [&](auto& x) { responses[x.id] = x; });
  try {
    check_policy(d.supervision_policy);
  } catch (const Error& e) {
    rethrow_at(e, "/supervision_policy");
  }
  supervision_policy = d.supervision_policy;
}

// Every record kind is listed in ProgrammeState, load_all, snapshot and apply_to_memory. This
// binding stops compiling when ProgrammeData gains a member, pointing here.
[[maybe_unused]] static void record_kinds_are_all_handled(const ProgrammeData& d) {
  [[maybe_unused]] const auto& [catalogue, organisations, coaches, clients, referrals, sessions, waiting_list, notes,
                                goals, supervision, safeguarding, cohorts, trainees, responses, supervision_policy] = d;
}

ProgrammeData Programme::Impl::snapshot() const {
  ProgrammeData d;
  for (const auto& id : line_order) d.catalogue.service_lines.push_back(lines.at(id));
  for (const auto& id : offer_order) d.catalogue.offers.push_back(offers.at(id));
  d.organisations = values(organisations);
  d.coaches = values(coaches);
  d.clients = values(clients);
  d.referrals = values(referrals);
  d.sessions = values(sessions);
  d.waiting_list = values(waiting_list);
  d.notes = values(notes);
  d.goals = values(goals);
  d.supervision = values(supervision);
  d.safeguarding = values(safeguarding);
  d.cohorts = values(cohorts);
  d.trainees = values(trainees);
  d.responses = values(responses);
  d.supervision_policy = supervision_policy;
  return d;
}

}  // namespace laycoach
