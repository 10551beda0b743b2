// Care plans, their shares and onward referrals in the SQLite store: every version kept after
// reopening, a second handle sees a new version, a v5 store gains the tables, the tables stay
// out of analyst extracts, and SQL cannot store a version twice.
#include <catch2/catch.hpp>

#include "care_plan_support.hpp"
#include "laycoach/store.hpp"
#include "raw_sql.hpp"
#include "store_schema.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {
void fill(Programme& p) {
  Programme q = pathway_programme();
  p.replace(q.data());
  p.add_care_plan(plan("cp1", "pt1", "r_pt1", "h1", 6), as_coach("h1"));
  CarePlan v2 = plan("cp2", "pt1", "r_pt1", "h1", 4);
  v2.goals = {"Walk 30 minutes a day", "Cook twice a week"};
  v2.actions.clear();
  p.add_care_plan(v2, as_coach("h1"));
  p.share_care_plan(share("sh1", "pt1", "r_pt1", "A81001"), as_coach("h1"));
  p.add_onward_referral(onward("on1", "pt1", "r_pt1", "h1"), as_coach("h1"));
}
}  // namespace

TEST_CASE("care plan store: every version, share and onward referral is kept after reopening", "[store][care_plan]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  ProgrammeData before;
  {
    Programme p = Programme::open(path);
    fill(p);
    before = p.data();
  }
  CHECK(scalar(path, "SELECT count(*) FROM care_plans WHERE referral_id = 'r_pt1'") == "2");
  CHECK(scalar(path, "SELECT group_concat(goal, '|') FROM care_plan_goals WHERE owner = 'cp2'") ==
        "Walk 30 minutes a day|Cook twice a week");
  Programme p = Programme::open(path);
  CHECK(p.data() == before);
  const auto plans = p.care_plans("pt1", as_client("pt1"));
  REQUIRE(plans.size() == 2);
  CHECK(plans[0].version == 1);
  CHECK(plans[0].agreed_sessions == 6);
  CHECK(plans[1].version == 2);
  CHECK(plans[1].actions.empty());
  CHECK(p.agreed_sessions("r_pt1") == 4);
  CHECK(p.care_plans("pt1", as_practitioner("gp-17")).size() == 2);
}

TEST_CASE("care plan store: a second handle sees a new version and agrees on the next", "[store][care_plan]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  Programme a = Programme::open(path);
  fill(a);
  Programme b = Programme::open(path);
  a.add_care_plan(plan("cp3", "pt1", "r_pt1", "h1", 2), as_coach("h1"));
  CHECK(b.agreed_sessions("r_pt1") == 2);
  CHECK(b.care_plans("pt1", as_coach("h1")).back().id == "cp3");
  // b's next version is 4: it judges against the committed state, so versions never collide.
  CHECK(b.add_care_plan(plan("cp4", "pt1", "r_pt1", "h1", 3), as_coach("h1")).version == 4);
  CarePlan stale = plan("cp5", "pt1", "r_pt1", "h1", 3);
  stale.version = 4;
  require_error([&] { a.add_care_plan(stale, as_coach("h1")); }, ErrorCode::Conflict, "cp5", "version", "version_unique");
  // SQL cannot store a version twice either.
  const auto [rc, msg] = raw(path, "INSERT INTO care_plans (id, client_id, referral_id, version, agreed_sessions) "
                                   "VALUES ('x', 'pt1', 'r_pt1', 1, 3)");
  CHECK(rc != SQLITE_OK);
}

TEST_CASE("care plan store: a v5 store opens and gains the care plan tables", "[store][care_plan]") {
  TempDir dir;
  const std::string path = dir.file("v5.db");
  {
    Programme p = Programme::open(path);
    add_people(p);
  }
  // Make the file what a version 5 build wrote: none of the version 6 tables or columns.
  const std::string v6 = record_schema_before(6);
  CHECK(v6.find("DROP TABLE care_plans;") != std::string::npos);
  sql(path, "BEGIN; " + v6 + "PRAGMA user_version = 5; COMMIT");
  CHECK(scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'care_plans'") == "0");
  Programme p = Programme::open(path);
  CHECK(scalar(path, "PRAGMA user_version") == std::to_string(store_schema::kVersion));
  for (const char* t : {"care_plans", "care_plan_goals", "care_plan_goal_ids", "care_plan_actions", "care_plan_shares",
                        "onward_referrals", "care_plans_by_episode"})
    CHECK(scalar(path, std::string("SELECT count(*) FROM sqlite_schema WHERE name = '") + t + "'") == "1");
  CHECK(p.client_count() == 6);
  Programme q = pathway_programme();
  p.replace(q.data());
  p.add_care_plan(plan("cp1", "pt1", "r_pt1", "h1", 6), as_coach("h1"));
  CHECK(Programme::open(path).agreed_sessions("r_pt1") == 6);
}

TEST_CASE("care plan store: plans and shares never reach an analyst table; onward referrals do, pseudonymised",
          "[store][care_plan]") {
  Programme p;
  fill(p);
  for (const char* t : {"care_plans", "care_plan_goals", "care_plan_actions", "care_plan_goal_ids", "care_plan_shares"}) {
    require_error([&] { (void)store_table_data(p, t); }, ErrorCode::Forbidden, t, "table", "confidentiality");
    require_error([&] { (void)extract(p, t, "University of Leeds"); }, ErrorCode::Forbidden, t, "table", "confidentiality");
  }
  const auto names = analyst_table_names();
  CHECK(std::find(names.begin(), names.end(), "care_plans") == names.end());
  CHECK(std::find(names.begin(), names.end(), "onward_referrals") != names.end());
  const StoreTableData x = extract(p, "onward_referrals", "University of Leeds");
  REQUIRE(x.data.size() == x.columns.size());
  for (std::size_t i = 0; i < x.columns.size(); ++i) {
    CHECK(x.columns[i].name != "description");  // free text withheld
    for (std::size_t r = 0; r < x.rows(); ++r)
      if (const StoreCell c = x.cell(i, r); const auto* s = std::get_if<std::string>(&c)) {
        CHECK(*s != "pt1");
        CHECK(*s != "on1");
        CHECK(*s != "r_pt1");
      }
  }
}
