// The personalised care and support plan, its shares, onward referrals and the agreed dose.
#include "test_support.hpp"

#include "programme_impl.hpp"

using namespace laycoach;
using namespace laycoach::test;

TEST_CASE("agreed_sessions: the latest plan version, else sessions wanted, else the offer's, else none") {
  Programme p = people_programme();
  Referral wanted = referral("r_wanted", "pt1", "hwbc_targeted_1to1", at("2024-07-01T09:00:00Z"));
  wanted.sessions_wanted = 4;
  p.add_referral(wanted);
  p.add_referral(referral("r_offer", "pt2", "hwbc_clinical_1to1", at("2024-07-01T09:00:00Z")));
  p.add_referral(referral("r_none", "s1", "lay_too_1to1", at("2024-07-01T09:00:00Z")));
  CHECK(p.agreed_sessions("r_wanted") == 4);     // the client's own choice
  CHECK(p.agreed_sessions("r_offer") == 6);      // the commissioner's agreed six
  CHECK(p.agreed_sessions("r_none") == std::nullopt);  // client-led, nothing agreed
  require_error([&] { (void)p.agreed_sessions("nope"); }, ErrorCode::NotFound, "nope", "id", "reference_resolves");
}

TEST_CASE("agreed_sessions: a care plan's latest version overrides the referral and the offer") {
  Programme p = people_programme();
  Referral wanted = referral("r_wanted", "pt1", "hwbc_targeted_1to1", at("2024-07-01T09:00:00Z"));
  wanted.sessions_wanted = 4;
  p.add_referral(wanted);
  // White-box: the state as add_care_plan leaves it (versions 1 and 2 of the episode's plan).
  auto& m = detail::impl_of(p);
  for (int v : {1, 2}) {
    CarePlan plan;
    plan.id = "plan" + std::to_string(v);
    plan.client_id = "pt1";
    plan.referral_id = "r_wanted";
    plan.version = v;
    plan.agreed_sessions = v == 1 ? 8 : 3;
    m.care_plans[plan.id] = plan;
    m.plan_versions["r_wanted"][v] = plan.id;
  }
  CHECK(p.agreed_sessions("r_wanted") == 3);  // version 2, not version 1's 8 nor the referral's 4
  CHECK(agreed_sessions(m, "nope") == std::nullopt);
}
