// What a supervisor sees: caseload metadata of their supervisees (caseload.hpp defines who they
// are), never notes, goals or client records.
#include <map>
#include <mutex>
#include <set>

#include "programme_impl.hpp"

namespace laycoach {

namespace {
constexpr SessionStatus kStatuses[] = {SessionStatus::Booked,           SessionStatus::Attended,
                                       SessionStatus::ClientDidNotAttend, SessionStatus::CoachDidNotAttend,
                                       SessionStatus::CancelledByClient,  SessionStatus::CancelledByCoach,
                                       SessionStatus::Rescheduled};
}  // namespace

std::vector<SuperviseeCaseload> Programme::supervisee_caseloads(const Viewer& viewer, Date on) const {
  if (viewer.audience != Audience::Supervisor && viewer.audience != Audience::ServiceManager)
    throw ForbiddenError(viewer.id, "viewer",
                         std::string("caseload metadata is for supervisors and the service manager, not the ") +
                             to_string(viewer.audience) + " audience");
  if (on.is_special()) throw ValidationError("", "on", "valid_date"_rule, "a caseload is taken on a real date");
  auto lock = impl_->read();
  const auto& m = *impl_;

  // Latest meeting of each kind per coach on or before `on`, and every record of the supervisor.
  std::set<std::string> in_scope;
  if (viewer.audience == Audience::ServiceManager) {
    for (const auto& [id, c] : m.coaches) in_scope.insert(id);
  } else {
    bool named = false;
    std::map<std::pair<std::string, int>, Date> latest;
    for (const auto& [id, r] : m.supervision) {
      named |= !viewer.id.empty() && r.supervisor == viewer.id;
      if (r.date.is_special() || r.date > on) continue;
      const auto key = std::make_pair(r.coach_id, static_cast<int>(r.kind));
      auto it = latest.find(key);
      if (it == latest.end() || it->second < r.date) latest[key] = r.date;
    }
    if (!named)
      throw NotFoundError(viewer.id, "viewer", "a supervisor viewer names the supervisor as supervision records do; no "
                                               "supervision record names '" + viewer.id + "'");
    // The supervisor of record for a kind held the coach's latest meeting of that kind.
    for (const auto& [id, r] : m.supervision)
      if (r.supervisor == viewer.id && !r.date.is_special() && r.date <= on &&
          latest.at({r.coach_id, static_cast<int>(r.kind)}) == r.date)
        in_scope.insert(r.coach_id);
  }

  std::map<std::string, SuperviseeCaseload> out;
  std::map<std::string, std::set<std::string>> clients;
  for (const auto& id : in_scope) {
    auto it = m.coaches.find(id);
    if (it == m.coaches.end()) continue;  // a stored breach: a record naming a missing coach
    SuperviseeCaseload c;
    c.coach_id = id;
    c.active = it->second.active;
    for (SessionStatus s : kStatuses) c.by_status.emplace_back(s, 0);
    out.emplace(id, std::move(c));
  }
  for (const auto& [id, s] : m.sessions) {
    auto it = out.find(s.coach_id);
    if (it == out.end()) continue;
    SuperviseeCaseload& c = it->second;
    const Date day = to_uk_local(s.start).date();
    if (day > on) {
      if (s.status == SessionStatus::Booked) ++c.booked_ahead;
      continue;
    }
    ++c.sessions;
    for (auto& [status, n] : c.by_status)
      if (status == s.status) ++n;
    for (const auto& a : s.attendees) clients[s.coach_id].insert(a.client_id);
    if (s.status == SessionStatus::Attended && (!c.last_session || *c.last_session < day)) c.last_session = day;
  }
  for (const auto& [id, r] : m.supervision) {
    auto it = out.find(r.coach_id);
    if (it == out.end() || r.date.is_special() || r.date > on) continue;
    auto& last = it->second.last_supervision[static_cast<std::size_t>(r.kind)];
    if (!last || *last < r.date) last = r.date;
  }
  for (auto& o : m.overdue_locked(on))
    if (auto it = out.find(o.coach_id); it != out.end()) it->second.overdue.push_back(std::move(o));

  std::vector<SuperviseeCaseload> v;
  v.reserve(out.size());
  for (auto& [id, c] : out) {
    c.clients = static_cast<long long>(clients[id].size());
    v.push_back(std::move(c));
  }
  return v;
}

}  // namespace laycoach
