// Programme::summary: activity counts released to an audience. Aggregate audiences pass
// through the disclosure module like every other released figure.
#include <algorithm>
#include <mutex>
#include <set>

#include "evaluation_impl.hpp"
#include "laycoach/disclosure.hpp"
#include "lookup.hpp"
#include "programme_impl.hpp"

namespace laycoach {

using namespace detail;

const DisclosedValue& ActivitySummary::at(std::string_view name) const {
  for (const auto& [n, v] : figures)
    if (n == name) return v;
  throw NotFoundError(std::string(name), "figure", "no figure '" + std::string(name) + "' in the summary");
}

ActivitySummary Programme::summary(const Viewer& viewer, const std::optional<SuppressionPolicy>& requested) const {
  auto lock = impl_->read();
  const auto& m = *impl_;
  const bool controlled = aggregate_only(viewer.audience);
  // The service's floor unless a stronger policy is asked for; never a weaker one.
  const SuppressionPolicy policy = requested.value_or(m.disclosure_floor);
  validate(policy);
  if (viewer.audience == Audience::Supervisor)
    throw ForbiddenError(viewer.id, "viewer", "a supervisor sees caseload metadata of their supervisees only, not a summary");
  if (viewer.audience == Audience::Practitioner)
    throw ForbiddenError(viewer.id, "viewer", "a practitioner sees the care plans shared with them only, not a summary");
  if (controlled) require_floor(policy, m.disclosure_floor);
  const eval::Keyer key(m.secret, controlled);
  if (viewer.audience == Audience::Coach) find_or_throw(m.coaches, viewer.id, "coach", viewer.id, "viewer");
  if (viewer.audience == Audience::Client) find_or_throw(m.clients, viewer.id, "client", viewer.id, "viewer");
  if (viewer.audience == Audience::Employer && !m.organisations.count(viewer.id))
    throw NotFoundError(viewer.id, "viewer", "an employer viewer names its ODS code; no organisation '" + viewer.id + "'");

  auto client_in_scope = [&](const std::string& client_id) {
    if (viewer.audience == Audience::Employer) {
      auto it = m.clients.find(client_id);
      return it != m.clients.end() && it->second.organisation == viewer.id;
    }
    if (viewer.audience == Audience::Client) return client_id == viewer.id;
    return true;
  };
  auto session_in_scope = [&](const Session& s) {
    if (viewer.audience == Audience::Coach) return s.coach_id == viewer.id;
    return std::any_of(s.attendees.begin(), s.attendees.end(),
                       [&](const Attendee& a) { return client_in_scope(a.client_id); });
  };

  std::set<std::string> clients_seen;
  long long referrals = 0, sessions = 0;
  std::uint64_t referrals_key = 0, sessions_key = 0, clients_key = 0;
  // Sessions by status, in the order of the figures below; each with its cell key.
  std::vector<long long> cells(7, 0);
  std::vector<std::uint64_t> keys(7, 0);
  for (const auto& [id, r] : m.referrals)
    if (viewer.audience != Audience::Coach && client_in_scope(r.client_id)) {
      ++referrals;
      referrals_key += key("episode", id);
    }
  for (const auto& [id, s] : m.sessions) {
    if (!session_in_scope(s)) continue;
    ++sessions;
    const std::uint64_t k = key("session", id);
    sessions_key += k;
    for (const auto& a : s.attendees)
      if (client_in_scope(a.client_id) && clients_seen.insert(a.client_id).second) clients_key += key("client", a.client_id);
    std::size_t cell = 0;
    switch (s.status) {
      case SessionStatus::Booked: cell = 0; break;
      case SessionStatus::Attended: cell = 1; break;
      case SessionStatus::ClientDidNotAttend: cell = 2; break;
      case SessionStatus::CoachDidNotAttend: cell = 3; break;
      case SessionStatus::CancelledByClient: cell = 4; break;
      case SessionStatus::CancelledByCoach: cell = 5; break;
      case SessionStatus::Rescheduled: cell = 6; break;
    }
    ++cells[cell];
    keys[cell] += k;
  }
  if (viewer.audience == Audience::Coach) {
    // A coach's caseload: the referrals of the clients they see.
    for (const auto& [id, r] : m.referrals)
      if (clients_seen.count(r.client_id)) ++referrals;
  }
  ActivitySummary out;
  out.audience = viewer.audience;
  // The status cells add up to the session total: aggregate audiences get them through the
  // disclosure module's table release (primary and complementary suppression, rounding).
  std::vector<DisclosedValue> released(cells.size());
  DisclosedValue total{static_cast<double>(sessions)};
  if (controlled) released = disclose_table(cells, sessions, policy, &total, keys, sessions_key);
  else
    for (std::size_t i = 0; i < cells.size(); ++i) released[i] = DisclosedValue{static_cast<double>(cells[i])};
  auto count = [&](long long n, std::uint64_t k) {
    return controlled ? disclose_count(n, policy, k) : DisclosedValue{static_cast<double>(n)};
  };
  out.figures = {{"clients", count(static_cast<long long>(clients_seen.size()), clients_key)},
                 {"referrals", count(referrals, referrals_key)},
                 {"sessions", total},
                 {"booked", released[0]},
                 {"attended", released[1]},
                 {"client_did_not_attend", released[2]},
                 {"coach_did_not_attend", released[3]},
                 {"cancelled_by_client", released[4]},
                 {"cancelled_by_coach", released[5]},
                 {"rescheduled", released[6]}};
  return out;
}

}  // namespace laycoach
