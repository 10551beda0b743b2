// Usage tracking in the SQLite store: invitations, answers and skill-share sessions survive a
// reopen, a second handle sees them and is judged against them, and a version 5 store gains the
// tables when it opens.
#include <catch2/catch.hpp>

#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"
#include "raw_sql.hpp"
#include "store_schema.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {
using Answers = std::vector<std::optional<int>>;

void add_trained(Programme& p) {
  p.add_cohort({"co1", "Coaching skills", 2, day("2024-03-04"), "A81001"});
  p.add_trainee({"t1", "co1", "link worker", "A81001", "gp_practice", 2, 4, 7, true});
  p.add_trainee({"t3", "co1", "care coordinator", "A81002", "community", 2, 5, 6, false});
}
}  // namespace

TEST_CASE("usage store: invitations survive reopen and a second handle sees and is judged by them", "[store][usage]") {
  TempDir dir;
  const std::string path = dir.file("u.db");
  Programme a = Programme::open(path);
  Programme b = Programme::open(path);
  add_trained(a);
  a.add_usage_wave({"4w", 4});
  CHECK(b.schedule_usage_invitations(day("2024-04-30")).size() == 2);  // b sees a's trainees and wave
  CHECK(a.schedule_usage_invitations(day("2024-04-30")).empty());     // a sees b's invitations: none twice
  a.mark_usage_invitations_sent({"t1#4w"}, at("2024-04-02T09:00:00Z"));
  b.record_usage_response("t1#4w", Answers{1, 1, 0, std::nullopt, 0, 6}, at("2024-04-03T09:00:00Z"));
  // The answer committed through b: a second answer through a is a conflict.
  require_error([&] { a.record_usage_response("t1#4w", Answers{0, 0, 0, 0, 0, 1}, at("2024-04-04T09:00:00Z")); },
                ErrorCode::Conflict, "t1#4w", "responded_at", "respond_once");
  a.add_skill_share_session({"ss1", day("2024-04-10"), "A81001", "Sam Facilitator", {"t1", "t3"}});
  CHECK(scalar(path, "SELECT count(*) FROM usage_invitations") == "2");
  CHECK(scalar(path, "SELECT group_concat(coalesce(answer, 'NULL'), ',') FROM (SELECT answer FROM "
                     "usage_invitation_answers WHERE owner = 't1#4w' ORDER BY idx)") == "1,1,0,NULL,0,6");
  CHECK(scalar(path, "SELECT count(*) FROM skill_share_attendees WHERE owner = 'ss1'") == "2");
  const auto inv = a.usage_invitations();
  Programme c = Programme::open(path);
  CHECK(c.usage_invitations() == inv);
  CHECK(b.usage_invitations() == inv);
  CHECK(c.skill_share_sessions() == a.skill_share_sessions());
  CHECK(c.practice_register() == a.practice_register());
  CHECK(c.practice_register()[0].practising);
  // An attacker's row for a trainee not on the register: the store still opens, audit reports it.
  sql(path, "UPDATE trainees SET days_attended = 1 WHERE id = 't3'");
  Programme d = Programme::open(path);
  bool listed = false;
  for (const auto& x : d.audit(at("2024-05-01T09:00:00Z")))
    listed = listed || x.record == "t3#4w" || x.record == "ss1";
  CHECK(listed);
}

TEST_CASE("usage store: a version 5 store migrates and gains the usage tables", "[store][usage]") {
  TempDir dir;
  const std::string path = dir.file("v5.db");
  {
    Programme p = Programme::open(path);
    add_trained(p);
  }
  // What a version 5 build wrote: none of the record tables or columns of version 6.
  sql(path, "BEGIN; " + record_schema_before(6) + "PRAGMA user_version = 5; COMMIT");
  CHECK(scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'usage%'") == "0");
  Programme p = Programme::open(path);
  CHECK(scalar(path, "PRAGMA user_version") == std::to_string(store_schema::kVersion));
  CHECK(scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name IN ('usage_waves', 'usage_invitations', "
                     "'usage_invitation_answers', 'skill_share_sessions', 'skill_share_attendees')") == "5");
  CHECK(p.training_register().size() == 2);
  p.add_usage_wave({"4w", 4});
  CHECK(p.schedule_usage_invitations(day("2024-04-02")).size() == 2);
  CHECK(Programme::open(path).usage_invitations().size() == 2);
}
