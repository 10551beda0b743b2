// The onward referral section of the evaluation (OnwardReport): the published service's two
// headline figures computed from records, exact for the service manager, disclosure-controlled
// for the commissioner, scoped for an employer, refused to a practitioner.
#include "care_plan_support.hpp"
#include "laycoach/evaluation.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>

using namespace laycoach;
using namespace laycoach::test;

namespace {

constexpr int kPeople = 40;

bool closed(int i) { return i % 4 != 3; }                  // 30 ended episodes
bool referred(int i) { return i % 5 != 0; }
bool therapies(int i) { return i % 3 == 0; }                 // a second destination
bool achieved(int i) { return i % 4 != 1; }
const char* employer(int i) { return i % 2 ? "A81001" : "RXA01"; }

// kPeople staff clients, each with one episode (closed or not) and an attended session with c1;
// onward referrals and goals by the rules above. Person 1 also has a second, open episode.
Programme onward_programme() {
  Programme p = people_programme();
  for (int i = 0; i < kPeople; ++i) {
    const std::string c = "x" + std::to_string(i), r = "rx" + std::to_string(i);
    p.add_client(staff_client(c, employer(i)));
    Referral ref = referral(r, c, "lay_too_1to1", at("2024-06-01T09:00:00Z"));
    ref.closed = closed(i);
    p.add_referral(ref);
    Session s = one_to_one("sx" + std::to_string(i), "c1", c,
                           at("2024-07-01T09:00:00Z") + boost::posix_time::hours(24 * i));
    s.attendees[0].referral_id = r;
    p.book(s);
    p.record_outcome(s.id, SessionStatus::Attended);
    if (referred(i))
      p.add_onward_referral(onward("o" + std::to_string(i), c, r, "c1", OnwardDestination::PhysicalActivity),
                            as_coach("c1"));
    if (therapies(i))
      p.add_onward_referral(onward("t" + std::to_string(i), c, r, "c1", OnwardDestination::TalkingTherapies),
                            as_coach("c1"));
    Goal g{"g" + std::to_string(i), c, r, "A goal", 3, 8, GoalAttainment::Partly};
    p.add_goal(g, as_coach("c1"));
    if (achieved(i)) p.set_goal_attainment(g.id, GoalAttainment::Achieved, as_coach("c1"));
  }
  return p;
}

double v(const Figure& f) {
  REQUIRE(f.value.has_value());
  return *f.value;
}

const ProportionRow& destination(const OnwardReport& r, const char* name) {
  for (const auto& row : r.by_destination)
    if (row.group == name) return row;
  FAIL("no destination row " << name);
  throw;
}

}  // namespace

TEST_CASE("onward figures: referred on and goals achieved among people whose coaching ended", "[evaluation][care_plan]") {
  Programme p = onward_programme();
  EvaluationOptions o;
  o.viewer = {Audience::ServiceManager, ""};
  const OnwardReport r = evaluate(p, o).onward;
  // Independent count over the same rules.
  int n = 0, k_ref = 0, k_pa = 0, k_tt = 0, k_goal = 0;
  for (int i = 0; i < kPeople; ++i) {
    if (!closed(i)) continue;
    ++n;
    k_ref += referred(i) || therapies(i);
    k_pa += referred(i);
    k_tt += therapies(i);
    k_goal += achieved(i);
  }
  CHECK(v(r.referred_on.n) == n);
  CHECK(v(r.referred_on.k) == k_ref);
  CHECK(v(r.referred_on.share) == Approx(double(k_ref) / n));
  const auto ci = stats::wilson(k_ref, n, 0.95);
  CHECK(v(r.referred_on.ci_low) == Approx(ci.low));
  CHECK(v(r.referred_on.ci_high) == Approx(ci.high));
  CHECK(v(destination(r, "physical_activity").k) == k_pa);
  CHECK(v(destination(r, "talking_therapies").k) == k_tt);
  CHECK(v(destination(r, "smoking_cessation").k) == 0);
  CHECK(v(destination(r, "physical_activity").n) == n);
  CHECK(r.by_destination.size() == 6);
  CHECK(v(r.goals_achieved.n) == n);
  CHECK(v(r.goals_achieved.k) == k_goal);
  CHECK(v(r.goals_achieved.share) == Approx(double(k_goal) / n));

  // An employer sees only its staff, under disclosure control.
  EvaluationOptions e;
  e.viewer = as_employer("RXA01");
  const EvaluationReport er = evaluate(p, e);
  REQUIRE(er.disclosure_controlled);
  int n_emp = 0;
  for (int i = 0; i < kPeople; i += 2) n_emp += closed(i);
  const double released = v(er.onward.referred_on.n);
  CHECK(std::fmod(released, 5.0) == 0);
  CHECK(std::abs(released - n_emp) <= 2 + 2.5);  // perturbed by at most 2, then rounded to 5
}

TEST_CASE("onward figures: the commissioner gets rounded counts, small ones suppressed, intervals holding the truth",
          "[evaluation][care_plan]") {
  Programme p = onward_programme();
  EvaluationOptions exact_o;
  exact_o.viewer = {Audience::ServiceManager, ""};
  const OnwardReport exact = evaluate(p, exact_o).onward;
  EvaluationOptions o;
  o.viewer = {Audience::Commissioner, ""};
  const EvaluationReport rep = evaluate(p, o);
  REQUIRE(rep.disclosure_controlled);
  const OnwardReport& r = rep.onward;
  for (const ProportionRow* row : {&r.referred_on, &r.goals_achieved, &destination(r, "physical_activity"),
                                   &destination(r, "talking_therapies")}) {
    CHECK(std::fmod(v(row->n), 5.0) == 0);
    CHECK(std::fmod(v(row->k), 5.0) == 0);
  }
  // The released interval holds the exact share.
  CHECK(v(r.referred_on.ci_low) <= v(exact.referred_on.share));
  CHECK(v(r.referred_on.ci_high) >= v(exact.referred_on.share));
  CHECK(v(r.goals_achieved.ci_low) <= v(exact.goals_achieved.share));
  CHECK(v(r.goals_achieved.ci_high) >= v(exact.goals_achieved.share));
  // Fewer than 8 people: suppressed. Nobody: 0.
  Programme small = pathway_programme();
  EvaluationOptions so;
  so.viewer = {Audience::Commissioner, ""};
  const OnwardReport sr = evaluate(small, so).onward;
  CHECK(v(sr.referred_on.n) == 0);
  Programme few = onward_programme();
  EvaluationOptions fo;
  fo.viewer = {Audience::Commissioner, ""};
  fo.to = at("2024-05-01T00:00:00Z");  // no episode in the period
  CHECK(v(evaluate(few, fo).onward.referred_on.n) == 0);
  ProgrammeData d = p.data();
  for (auto& ref : d.referrals) ref.closed = ref.closed && (ref.id == "rx0" || ref.id == "rx1" || ref.id == "rx2");
  const OnwardReport tiny = evaluate(d, o).onward;
  CHECK(tiny.referred_on.n.suppressed());
  CHECK(tiny.referred_on.share.suppressed());
  CHECK(tiny.goals_achieved.k.suppressed());
}

TEST_CASE("onward figures: a practitioner may not ask for an evaluation", "[evaluation][care_plan]") {
  Programme p = pathway_programme();
  EvaluationOptions o;
  o.viewer = as_practitioner("gp-17");
  require_error([&] { (void)evaluate(p, o); }, ErrorCode::Forbidden, "gp-17", "viewer", "confidentiality");
}
