// Onward referral and goals at the end of coaching: the published service's two headline
// figures, from OnwardReferral and Goal records (docs/care-plan.md), and their release.
#include <unordered_map>
#include <unordered_set>

#include "evaluation_impl.hpp"

namespace laycoach {

namespace eval {

OnwardReport onward_report(std::span<const EndedEpisode> ended, std::span<const OnwardReferral* const> onward,
                           std::span<const Goal* const> goals, const Keyer& keyer, double confidence) {
  // Episode -> person; each person counted once whatever their number of ended episodes.
  std::unordered_map<std::string_view, std::string_view> person_of;
  std::unordered_set<std::string_view> people;
  for (const auto& e : ended) {
    person_of.emplace(e.referral_id, e.client_id);
    people.insert(e.client_id);
  }
  constexpr std::size_t kDestinations = static_cast<std::size_t>(OnwardDestination::Other) + 1;
  std::unordered_set<std::string_view> referred, achieved;
  std::array<std::unordered_set<std::string_view>, kDestinations> to;
  for (const OnwardReferral* o : onward) {
    const auto it = person_of.find(o->referral_id);
    if (it == person_of.end()) continue;
    referred.insert(it->second);
    to[static_cast<std::size_t>(o->destination)].insert(it->second);
  }
  for (const Goal* g : goals) {
    if (g->attainment != GoalAttainment::Achieved) continue;
    if (const auto it = person_of.find(g->referral_id); it != person_of.end()) achieved.insert(it->second);
  }
  // A count and its cell key: the sum of its people's keys.
  auto count = [&](const std::unordered_set<std::string_view>& who) {
    Figure f = fig(static_cast<double>(who.size()));
    for (const auto id : who) f.key += keyer("client", id);
    return f;
  };
  const Figure n = count(people);
  auto row = [&](std::string group, const std::unordered_set<std::string_view>& who) {
    ProportionRow r;
    r.group = std::move(group);
    r.n = n;
    r.k = count(who);
    fill_shares(r, kProportionShares, confidence);
    return r;
  };
  OnwardReport rep;
  rep.referred_on = row("all", referred);
  for (std::size_t d = 0; d < kDestinations; ++d)
    rep.by_destination.push_back(row(to_string(static_cast<OnwardDestination>(d)), to[d]));
  rep.goals_achieved = row("all", achieved);
  return rep;
}

}  // namespace eval

void disclose(OnwardReport& onward, const SuppressionPolicy& policy, double confidence) {
  // Each row is a proportion over the same people: released exactly as a proportion table's
  // overall row (counts by their cell keys, the share and its interval from the released counts).
  auto release = [&](ProportionRow& r) {
    ProportionTable t;
    t.overall = std::move(r);
    disclose(t, policy, confidence);
    r = std::move(t.overall);
  };
  release(onward.referred_on);
  for (auto& r : onward.by_destination) release(r);
  release(onward.goals_achieved);
}

}  // namespace laycoach
