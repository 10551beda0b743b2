// Several sessions under the one acceptance rule at once (a series booked or moved whole), and
// the rule of the episode's agreed number of sessions. check_sessions does not copy any rule:
// each session goes through check_session, judged against the records as they would be with
// the sessions before it booked and the freed ones gone; those trial entries live only while
// the caller holds the write lock (no reader can see them), are never seen by the engines'
// observers, and are taken out again on return or throw.
#include <algorithm>

#include "programme_impl.hpp"

namespace laycoach {

namespace {

// The trial entries of check_sessions, undone in reverse order by the destructor.
class Trial {
 public:
  explicit Trial(Programme::Impl& m) : m_(m) {}
  Trial(const Trial&) = delete;
  Trial& operator=(const Trial&) = delete;
  ~Trial() {
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
      PersonTime& t = (*it->index)[it->who];
      if (it->added) t.erase(it->session->start, it->session->id);
      else t.insert(*it->session);  // the freed session is still a record
    }
    for (const auto& id : added_) m_.sessions.erase(id);  // after its entries left
  }
  // The time the session holds is free while the trial lasts.
  void free(const Session& s) {
    drop(m_.coach_busy, s.coach_id, s);
    for (const auto& a : s.attendees) drop(m_.client_busy, a.client_id, s);
  }
  // The session holds its time (and is a record) while the trial lasts.
  void hold(const Session& s) {
    added_.push_back(s.id);
    const Session& held = m_.sessions.emplace(s.id, s).first->second;  // the entries point at the record
    if (!occupies_time(held.status)) return;
    put(m_.coach_busy, held.coach_id, held);
    for (const auto& a : held.attendees)
      if (a.status != AttendeeStatus::Cancelled) put(m_.client_busy, a.client_id, held);
  }

 private:
  struct Step {
    TimeIndex* index;
    std::string who;
    const Session* session;  // a record of m_.sessions
    bool added;
  };
  // `s` is the stored record.
  void drop(TimeIndex& idx, const std::string& who, const Session& s) {
    auto it = idx.find(who);
    if (it == idx.end()) return;
    if (it->second.erase(s.start, s.id)) undo_.push_back({&idx, who, &s, false});
  }
  void put(TimeIndex& idx, const std::string& who, const Session& s) {
    if (idx[who].insert(s)) undo_.push_back({&idx, who, &s, true});
  }
  Programme::Impl& m_;
  std::vector<Step> undo_;
  std::vector<std::string> added_;
};

}  // namespace

void Programme::Impl::check_sessions(const std::vector<Session>& xs, const std::vector<std::string>& freed,
                                     const std::function<void(std::size_t, const Error&)>& on_error) {
  Trial trial(*this);
  for (const auto& id : freed)
    if (auto it = sessions.find(id); it != sessions.end()) trial.free(it->second);
  for (std::size_t i = 0; i < xs.size(); ++i) {
    try {
      check_session(xs[i], true, true);  // the one acceptance rule
    } catch (const Error& e) {
      if (on_error) on_error(i, e);
      throw;
    }
    trial.hold(xs[i]);
  }
}

int Programme::Impl::episode_sessions(const std::string& referral_id, const std::vector<std::string>& freed) const {
  int n = 0;
  for (const auto& [id, s] : sessions) {
    if (s.status != SessionStatus::Booked && s.status != SessionStatus::Attended) continue;
    if (std::find(freed.begin(), freed.end(), id) != freed.end()) continue;
    n += std::any_of(s.attendees.begin(), s.attendees.end(), [&](const Attendee& a) {
      return a.referral_id == referral_id && (a.status == AttendeeStatus::Booked || a.status == AttendeeStatus::Attended);
    });
  }
  return n;
}

void Programme::Impl::check_agreed_sessions(const std::string& record, const std::string& referral_id, int adding,
                                            const std::vector<std::string>& freed, const std::string& override_by) const {
  if (referral_id.empty() || !override_by.empty()) return;
  const std::optional<int> agreed = ::laycoach::agreed_sessions(state(), referral_id);
  if (!agreed) return;
  const int have = episode_sessions(referral_id, freed);
  if (have + adding > *agreed)
    throw ValidationError(record, "count", "agreed_sessions"_rule,
                          "referral '" + referral_id + "' has " + std::to_string(*agreed) + " agreed sessions and " +
                              std::to_string(have) + " booked or attended; " + std::to_string(adding) +
                              " more would exceed it (a named manager may override)");
}

}  // namespace laycoach
