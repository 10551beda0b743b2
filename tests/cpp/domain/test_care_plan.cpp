// The personalised care and support plan (versions, access, shares), onward referrals and the
// agreed dose: each rule with a case that passes and one that fails with its exact error.
#include "care_plan_support.hpp"

#include "laycoach/limits.hpp"
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

TEST_CASE("care plan: versions are added, never overwritten, and the latest sets the agreed dose") {
  Programme p = pathway_programme();
  CHECK(p.agreed_sessions("r_pt1") == 4);
  const CarePlan v1 = p.add_care_plan(plan("cp1", "pt1", "r_pt1", "h1", 6), as_coach("h1"));
  CHECK(v1.version == 1);
  CHECK(p.agreed_sessions("r_pt1") == 6);
  CarePlan next = plan("cp2", "pt1", "r_pt1", "h1", 3);
  next.goals = {"Walk 30 minutes a day", "Cook twice a week"};
  const CarePlan v2 = p.add_care_plan(next, as_coach("h1"));
  CHECK(v2.version == 2);
  CHECK(p.agreed_sessions("r_pt1") == 3);
  const auto all = p.care_plans("pt1", as_client("pt1"));
  REQUIRE(all.size() == 2);
  CHECK(all[0] == v1);  // version 1 untouched
  CHECK(all[1] == v2);

  // A version out of sequence, or a version id already taken, changes nothing.
  CarePlan skip = plan("cp9", "pt1", "r_pt1", "h1", 2);
  skip.version = 5;
  require_rejected(p, [&] { p.add_care_plan(skip, as_coach("h1")); }, ErrorCode::Conflict, "cp9", "version",
                   "version_sequence");
  CarePlan again = plan("cp1", "pt1", "r_pt1", "h1", 2);
  require_rejected(p, [&] { p.add_care_plan(again, as_coach("h1")); }, ErrorCode::Conflict, "cp1", "id", "unique_id");
  // Two versions 1 of one episode in a document: refused on load with the pointer.
  ProgrammeData d = p.data();
  d.care_plans[1].version = 1;
  require_error([&] { Programme q(d); }, ErrorCode::Conflict, "cp2", "/care_plans/1/version", "version_unique");
}

TEST_CASE("care plan: the record's rules, each refused with its exact error") {
  Programme p = pathway_programme();
  Goal g{"goal1", "pt1", "r_pt1", "Walk more", 2, 7, GoalAttainment::NotStarted};
  p.add_goal(g, as_coach("h1"));
  Goal other{"goal2", "s1", "r_s1", "Sleep", 2, 7, GoalAttainment::NotStarted};
  p.add_goal(other, as_coach("c1"));

  CarePlan ok = plan("cp1", "pt1", "r_pt1", "h1", 6);
  ok.goals.clear();
  ok.goal_ids = {"goal1"};  // the goals as records of the episode
  CHECK(p.add_care_plan(ok, as_coach("h1")).goal_ids == std::vector<std::string>{"goal1"});

  auto bad = [&](auto change, const char* field, const char* rule, ErrorCode code = ErrorCode::InvalidArgument) {
    CarePlan x = plan("cpx", "pt1", "r_pt1", "h1", 6);
    change(x);
    require_rejected(p, [&] { p.add_care_plan(x, as_coach("h1")); }, code, "cpx", field, rule);
  };
  bad([](CarePlan& x) { x.agreed_sessions = 0; }, "agreed_sessions", "positive");
  bad([](CarePlan& x) { x.goals.clear(); }, "goals", "goals_required");
  bad([](CarePlan& x) { x.goals = {""}; }, "goals/0", "text_required");
  bad([](CarePlan& x) { x.actions = {"ok", ""}; }, "actions/1", "text_required");
  bad([](CarePlan& x) { x.goal_ids = {"goal2"}; }, "goal_ids/0", "goal_of_episode");
  bad([](CarePlan& x) { x.goal_ids = {"nope"}; }, "goal_ids/0", "reference_resolves", ErrorCode::NotFound);
  bad([](CarePlan& x) { x.referral_id = "r_s1"; }, "referral_id", "referral_matches");
  bad([](CarePlan& x) { x.referral_id = "nope"; }, "referral_id", "reference_resolves", ErrorCode::NotFound);
  bad([](CarePlan& x) { x.agreed_at = at("2024-06-30T09:00:00Z"); }, "agreed_at", "within_episode");
  bad([](CarePlan& x) { x.what_matters = std::string(kMaxTextBytes + 1, 'x'); }, "what_matters", "length_limit");
}

TEST_CASE("care plan: written by the client's coach in the episode, never by anyone else") {
  Programme p = pathway_programme();
  // c2 is a coach, but has no session in the episode; c1 has one with s1 only.
  require_rejected(p, [&] { p.add_care_plan(plan("cp1", "pt1", "r_pt1", "c2", 6), as_coach("c2")); },
                   ErrorCode::Forbidden, "cp1", "agreed_by", "coach_in_episode");
  // A coach writing a plan as agreed by another coach.
  require_rejected(p, [&] { p.add_care_plan(plan("cp1", "pt1", "r_pt1", "h1", 6), as_coach("c1")); },
                   ErrorCode::Forbidden, "cp1", "agreed_by", "coach_in_episode");
  require_rejected(p, [&] { p.add_care_plan(plan("cp1", "pt1", "r_pt1", "h1", 6), as_client("pt1")); },
                   ErrorCode::Forbidden, "cp1", "agreed_by", "coach_in_episode");
  require_rejected(p, [&] { p.add_care_plan(plan("cp1", "s1", "r_s1", "c1", 6), as_employer("RXA01")); },
                   ErrorCode::Forbidden, "cp1", "viewer", "never_employer");
  require_rejected(p, [&] { p.add_care_plan(plan("cp1", "pt1", "r_pt1", "h1", 6), as_practitioner("gp-17")); },
                   ErrorCode::Forbidden, "cp1", "agreed_by", "coach_in_episode");
  CHECK(p.add_care_plan(plan("cp1", "pt1", "r_pt1", "h1", 6), as_coach("h1")).version == 1);
}

TEST_CASE("care plan: read by the client, their coach, a practitioner it is shared with; every read logged") {
  Programme p = pathway_programme();
  p.add_care_plan(plan("cp1", "pt1", "r_pt1", "h1", 6), as_coach("h1"));
  p.add_care_plan(plan("cps", "s1", "r_s1", "c1", 6), as_coach("c1"));

  CHECK(p.care_plans("pt1", as_client("pt1")).size() == 1);
  CHECK(last_entry(p, "read_care_plans").records == std::vector<std::string>{"pt1", "cp1"});
  CHECK(last_entry(p, "read_care_plans").outcome == "allowed");
  CHECK(p.care_plans("pt1", as_coach("h1")).size() == 1);

  auto refused = [&](const std::string& client, const Viewer& v, const char* rule) {
    require_error([&] { (void)p.care_plans(client, v); }, ErrorCode::Forbidden, client, "viewer", rule);
    const AccessEntry e = last_entry(p, "read_care_plans");
    CHECK(e.outcome == "denied");
    CHECK(e.rule == rule);
    CHECK(e.audience == to_string(v.audience));
  };
  refused("pt1", as_client("pt2"), "confidentiality");
  refused("pt1", as_coach("c2"), "confidentiality");
  refused("s1", as_employer("RXA01"), "never_employer");  // the client's own employer
  refused("pt1", as_practitioner("gp-17"), "confidentiality");  // nothing shared yet
  refused("pt1", {Audience::Commissioner, ""}, "confidentiality");
  refused("pt1", {Audience::ServiceManager, ""}, "confidentiality");
  refused("pt1", {Audience::Supervisor, "Supervisor S"}, "confidentiality");
}

TEST_CASE("care plan share: a named practitioner reads while the share is in force; made and revoked, logged") {
  Programme p = pathway_programme();
  p.add_care_plan(plan("cp1", "pt1", "r_pt1", "h1", 6), as_coach("h1"));
  // The patient's own GP practice is where a shared plan belongs.
  const CarePlanShare s = p.share_care_plan(share("sh1", "pt1", "r_pt1", "A81001"), as_coach("h1"));
  CHECK(s.consent_by == "h1");
  CHECK(s.active());
  CHECK(last_entry(p, "share_care_plan").records == std::vector<std::string>{"pt1", "sh1", "r_pt1"});
  CHECK(last_entry(p, "share_care_plan").outcome == "allowed");

  // A later version is visible to the practitioner too.
  p.add_care_plan(plan("cp2", "pt1", "r_pt1", "h1", 5), as_coach("h1"));
  const auto seen = p.care_plans("pt1", as_practitioner("gp-17"));
  REQUIRE(seen.size() == 2);
  CHECK(seen[1].version == 2);
  CHECK(last_entry(p, "read_care_plans").audience == "practitioner");
  CHECK(last_entry(p, "read_care_plans").records == std::vector<std::string>{"pt1", "cp1", "cp2"});
  // Another practitioner, or the practitioner reading anything else, is refused.
  require_error([&] { (void)p.care_plans("pt1", as_practitioner("gp-99")); }, ErrorCode::Forbidden, "pt1", "viewer",
                "confidentiality");
  require_error([&] { (void)p.goals("pt1", as_practitioner("gp-17")); }, ErrorCode::Forbidden, "pt1", "viewer",
                "confidentiality");
  require_error([&] { (void)p.client("pt1", as_practitioner("gp-17")); }, ErrorCode::Forbidden, "pt1", "viewer",
                "confidentiality");
  require_error([&] { (void)p.summary(as_practitioner("gp-17")); }, ErrorCode::Forbidden, "gp-17", "viewer",
                "confidentiality");
  // Sharing twice with the same practitioner, or by someone else, is refused.
  require_rejected(p, [&] { p.share_care_plan(share("sh2", "pt1", "r_pt1", "A81001"), as_coach("h1")); },
                   ErrorCode::Conflict, "sh2", "practitioner_id", "share_active");
  require_rejected(p, [&] { p.share_care_plan(share("sh2", "pt1", "r_pt1", "A81001", "gp-2"), as_coach("c2")); },
                   ErrorCode::Forbidden, "sh2", "viewer", "coach_in_episode");
  CarePlanShare on_behalf = share("sh2", "pt1", "r_pt1", "A81001", "gp-2");
  on_behalf.consent_by = "h1";
  require_rejected(p, [&] { p.share_care_plan(on_behalf, as_client("pt1")); }, ErrorCode::Forbidden, "sh2",
                   "consent_by", "consent_by_viewer");
  // The client may share it themselves.
  CHECK(p.share_care_plan(share("sh3", "pt1", "r_pt1", "A81001", "nurse-4"), as_client("pt1")).consent_by == "pt1");

  // Revoked: the practitioner reads nothing more; revoking twice is a conflict.
  const CarePlanShare r = p.revoke_care_plan_share("sh1", at("2024-08-01T09:00:00Z"), as_client("pt1"));
  CHECK(!r.active());
  CHECK(last_entry(p, "revoke_care_plan_share").outcome == "allowed");
  require_error([&] { (void)p.care_plans("pt1", as_practitioner("gp-17")); }, ErrorCode::Forbidden, "pt1", "viewer",
                "confidentiality");
  require_rejected(p, [&] { p.revoke_care_plan_share("sh1", at("2024-08-02T09:00:00Z"), as_client("pt1")); },
                   ErrorCode::Conflict, "sh1", "revoked_at", "revoke_once");
  require_rejected(p, [&] { p.revoke_care_plan_share("sh3", at("2024-07-01T09:00:00Z"), as_client("pt1")); },
                   ErrorCode::InvalidArgument, "sh3", "revoked_at", "revocation_time");
  CHECK(p.care_plan_shares("pt1", as_coach("h1")).size() == 2);
}

TEST_CASE("care plan share: never with the employer, which is refused and logged") {
  Programme p = pathway_programme();
  p.add_organisation(organisation("RXA0S", OrgKind::Other, "RXA01"));
  p.add_care_plan(plan("cps", "s1", "r_s1", "c1", 6), as_coach("c1"));
  for (const char* employer : {"RXA01", "RXA0S"}) {
    require_rejected(p, [&] { p.share_care_plan(share("sh1", "s1", "r_s1", employer, "oh-1"), as_coach("c1")); },
                     ErrorCode::Forbidden, "sh1", "organisation", "never_employer");
    const AccessEntry e = last_entry(p, "share_care_plan");
    CHECK(e.outcome == "denied");
    CHECK(e.rule == "never_employer");
  }
  // A practitioner elsewhere (the member of staff's own GP practice) is fine.
  CHECK(p.share_care_plan(share("sh1", "s1", "r_s1", "A81001", "gp-3"), as_coach("c1")).active());
  // The employer reading, under any id, is refused.
  require_error([&] { (void)p.care_plans("s1", as_employer("RXA01")); }, ErrorCode::Forbidden, "s1", "viewer",
                "never_employer");
  // A share needs a plan, a practitioner, a role and an organisation.
  require_rejected(p, [&] { p.share_care_plan(share("sh9", "pt1", "r_pt1", "A81001"), as_coach("h1")); },
                   ErrorCode::NotFound, "sh9", "referral_id", "care_plan_exists");
  CarePlanShare anon = share("sh9", "s1", "r_s1", "A81001", "gp-9");
  anon.practitioner_name.clear();
  require_rejected(p, [&] { p.share_care_plan(anon, as_coach("c1")); }, ErrorCode::InvalidArgument, "sh9",
                   "practitioner_name", "named_person");
  CarePlanShare nowhere = share("sh9", "s1", "r_s1", "", "gp-9");
  require_rejected(p, [&] { p.share_care_plan(nowhere, as_coach("c1")); }, ErrorCode::InvalidArgument, "sh9",
                   "organisation", "ods_code_required");
}

TEST_CASE("onward referral: made by the coach in the episode, with its outcome") {
  Programme p = pathway_programme();
  const OnwardReferral o = p.add_onward_referral(onward("on1", "pt1", "r_pt1", "h1"), as_coach("h1"));
  CHECK(o.outcome == OnwardOutcome::Unknown);
  const OnwardReferral done = p.set_onward_outcome("on1", OnwardOutcome::Attended, at("2024-08-20T10:00:00Z"), as_coach("h1"));
  CHECK(done.outcome == OnwardOutcome::Attended);
  CHECK(done.outcome_at == at("2024-08-20T10:00:00Z"));
  CHECK(p.onward_referrals("pt1", as_client("pt1")) == std::vector<OnwardReferral>{done});
  CHECK(last_entry(p, "read_onward_referrals").records == std::vector<std::string>{"pt1", "on1"});

  auto bad = [&](auto change, const char* field, const char* rule, ErrorCode code = ErrorCode::InvalidArgument) {
    OnwardReferral x = onward("onx", "pt1", "r_pt1", "h1");
    change(x);
    require_rejected(p, [&] { p.add_onward_referral(x, as_coach("h1")); }, code, "onx", field, rule);
  };
  bad([](OnwardReferral& x) { x.destination = OnwardDestination::Other; }, "description", "description_required");
  bad([](OnwardReferral& x) { x.referred_at = at("2024-06-01T10:00:00Z"); }, "referred_at", "within_episode");
  bad([](OnwardReferral& x) { x.referral_id = "r_s1"; }, "referral_id", "referral_matches");
  bad([](OnwardReferral& x) { x.outcome_at = at("2024-07-29T10:00:00Z"); }, "outcome_at", "outcome_time");
  bad([](OnwardReferral& x) { x.outcome = OnwardOutcome::Accepted; }, "outcome_at", "instant_required");
  OnwardReferral other = onward("onx", "pt1", "r_pt1", "h1", OnwardDestination::Other);
  other.description = "Community choir";
  CHECK(p.add_onward_referral(other, as_coach("h1")).description == "Community choir");

  require_rejected(p, [&] { p.add_onward_referral(onward("ony", "pt1", "r_pt1", "c2"), as_coach("c2")); },
                   ErrorCode::Forbidden, "ony", "referred_by", "coach_in_episode");
  require_rejected(p, [&] { p.add_onward_referral(onward("ony", "s1", "r_s1", "c1"), as_employer("RXA01")); },
                   ErrorCode::Forbidden, "ony", "viewer", "never_employer");
  require_rejected(p, [&] { p.set_onward_outcome("on1", OnwardOutcome::Declined, at("2024-08-21T10:00:00Z"), as_coach("c2")); },
                   ErrorCode::Forbidden, "on1", "viewer", "coach_in_episode");
  require_rejected(p, [&] { p.set_onward_outcome("on1", OnwardOutcome::Declined, at("2024-07-01T10:00:00Z"), as_coach("h1")); },
                   ErrorCode::InvalidArgument, "on1", "outcome_at", "outcome_time");
  require_error([&] { (void)p.onward_referrals("pt1", as_coach("c2")); }, ErrorCode::Forbidden, "pt1", "viewer",
                "confidentiality");
}

TEST_CASE("care plan: documents carry plans, shares and onward referrals whole") {
  Programme p = pathway_programme();
  p.add_care_plan(plan("cp1", "pt1", "r_pt1", "h1", 6), as_coach("h1"));
  p.add_care_plan(plan("cp2", "pt1", "r_pt1", "h1", 4), as_coach("h1"));
  p.share_care_plan(share("sh1", "pt1", "r_pt1", "A81001"), as_coach("h1"));
  p.add_onward_referral(onward("on1", "pt1", "r_pt1", "h1"), as_coach("h1"));
  const ProgrammeData d = p.data();
  CHECK(d.care_plans.size() == 2);
  CHECK(d.care_plan_shares.size() == 1);
  CHECK(d.onward_referrals.size() == 1);
  Programme q(d);
  CHECK(q.data() == d);
  CHECK(q.agreed_sessions("r_pt1") == 4);
}
