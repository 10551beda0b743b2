// The personalised care and support plan (versioned), its consented shares with practitioners,
// onward referrals, and the one rule of an episode's agreed number of sessions.
#include "lookup.hpp"
#include "programme_impl.hpp"

namespace laycoach {

using namespace detail;

// ============================================================================ the agreed dose

std::optional<int> agreed_sessions(const ProgrammeState& st, const std::string& referral_id) {
  if (auto v = st.plan_versions.find(referral_id); v != st.plan_versions.end() && !v->second.empty())
    if (auto plan = st.care_plans.find(v->second.rbegin()->second); plan != st.care_plans.end())
      return plan->second.agreed_sessions;
  auto r = st.referrals.find(referral_id);
  if (r == st.referrals.end()) return std::nullopt;
  if (r->second.sessions_wanted) return r->second.sessions_wanted;
  if (auto o = st.offers.find(r->second.offer_id); o != st.offers.end()) return o->second.agreed_sessions;
  return std::nullopt;
}

std::optional<int> Programme::agreed_sessions(const std::string& referral_id) const {
  auto lock = impl_->read();
  find_or_throw(impl_->referrals, referral_id, "referral");
  return ::laycoach::agreed_sessions(*impl_, referral_id);
}

}  // namespace laycoach
