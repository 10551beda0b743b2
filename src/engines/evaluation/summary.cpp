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
  std::shared_lock lock(impl_->mu);
  const auto& m = *impl_;
  if (policy.min_count < 1 || policy.round_to < 1)
    throw ValidationError("suppression_policy", "min_count", "policy_range", "min_count and round_to must be >= 1");
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
  auto put = [&](const char* name, long long n) -> std::pair<std::string, DisclosedValue> {
    return {name, controlled ? disclose_count(n, policy) : DisclosedValue{static_cast<double>(n)}};
  };
  ActivitySummary out;
  out.audience = viewer.audience;
  out.figures = {put("clients", static_cast<long long>(clients_seen.size())),
                 put("referrals", referrals),
                 put("sessions", sessions),
                 put("booked", booked),
                 put("attended", attended),
                 put("client_did_not_attend", client_dna),
                 put("coach_did_not_attend", coach_dna),
                 put("cancelled_by_client", cancelled_client),
                 put("cancelled_by_coach", cancelled_coach),
                 put("rescheduled", rescheduled)};
  // Secondary suppression: the session total is the sum of the status cells; if exactly one
  // status cell is hidden, it could be recovered from the total, so hide the next smallest too.
  if (controlled) {
    std::vector<std::size_t> status_cells = {3, 4, 5, 6, 7, 8, 9};
    std::size_t hidden = 0;
    for (auto i : status_cells) hidden += out.figures[i].second.suppressed();
    if (hidden == 1) {
      std::size_t best = 0;
      double best_v = 0;
      for (auto i : status_cells) {
        const auto& v = out.figures[i].second;
        if (!v.suppressed() && *v.value > 0 && (best == 0 || *v.value < best_v)) { best = i; best_v = *v.value; }
      }
      if (best != 0) out.figures[best].second = DisclosedValue{std::nullopt};
      else out.figures[2].second = DisclosedValue{std::nullopt};  // nothing else to hide: hide the total
    }
  }
  return out;
}

}  // namespace laycoach
