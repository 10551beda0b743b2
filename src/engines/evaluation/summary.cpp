// Programme::summary: activity counts released to an audience. Aggregate audiences pass
// through the disclosure module like every other released figure.
#include <algorithm>
#include <mutex>
#include <set>

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

ActivitySummary Programme::summary(const Viewer& viewer, const SuppressionPolicy& policy) const {
  auto lock = impl_->read();
  const auto& m = *impl_;
  validate(policy);
  if (viewer.audience == Audience::Supervisor)
    throw ForbiddenError(viewer.id, "viewer", "a supervisor sees caseload metadata of their supervisees only, not a summary");
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
  long long referrals = 0, sessions = 0, attended = 0, client_dna = 0, coach_dna = 0, cancelled_client = 0,
            cancelled_coach = 0, rescheduled = 0, booked = 0;
  for (const auto& [id, r] : m.referrals)
    if (viewer.audience != Audience::Coach && client_in_scope(r.client_id)) ++referrals;
  for (const auto& [id, s] : m.sessions) {
    if (!session_in_scope(s)) continue;
    ++sessions;
    for (const auto& a : s.attendees)
      if (client_in_scope(a.client_id)) clients_seen.insert(a.client_id);
    switch (s.status) {
      case SessionStatus::Booked: ++booked; break;
      case SessionStatus::Attended: ++attended; break;
      case SessionStatus::ClientDidNotAttend: ++client_dna; break;
      case SessionStatus::CoachDidNotAttend: ++coach_dna; break;
      case SessionStatus::CancelledByClient: ++cancelled_client; break;
      case SessionStatus::CancelledByCoach: ++cancelled_coach; break;
      case SessionStatus::Rescheduled: ++rescheduled; break;
    }
  }
  if (viewer.audience == Audience::Coach) {
    // A coach's caseload: the referrals of the clients they see.
    for (const auto& [id, r] : m.referrals)
      if (clients_seen.count(r.client_id)) ++referrals;
  }
  const bool controlled = aggregate_only(viewer.audience);
  ActivitySummary out;
  out.audience = viewer.audience;
  // The status cells add up to the session total: aggregate audiences get them through the
  // disclosure module's table release (primary and complementary suppression, rounding).
  const std::vector<long long> cells = {booked, attended, client_dna, coach_dna, cancelled_client, cancelled_coach,
                                        rescheduled};
  std::vector<DisclosedValue> released(cells.size());
  DisclosedValue total{static_cast<double>(sessions)};
  if (controlled) released = disclose_table(cells, sessions, policy, &total);
  else
    for (std::size_t i = 0; i < cells.size(); ++i) released[i] = DisclosedValue{static_cast<double>(cells[i])};
  auto count = [&](long long n) { return controlled ? disclose_count(n, policy) : DisclosedValue{static_cast<double>(n)}; };
  out.figures = {{"clients", count(static_cast<long long>(clients_seen.size()))},
                 {"referrals", count(referrals)},
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
