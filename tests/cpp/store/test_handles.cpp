// The file is the truth: several handles and processes on one SQLite store. Every write is
// validated against the committed state inside its own write transaction, an id already taken
// is a conflict (never an update), reads see other handles' commits, a crash mid-write leaves
// the last committed state, and a store holding a breach still opens.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"
#include "raw_sql.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

bool has_rule(const std::vector<Breach>& v, const std::string& rule, const std::string& record = {}) {
  for (const auto& b : v)
    if (b.rule == rule && (record.empty() || b.record == record)) return true;
  return false;
}

}  // namespace

TEST_CASE("handles: a write through one handle is seen by the other", "[store][handles]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  Programme a = Programme::open(path);
  add_people(a);
  Programme b = Programme::open(path);
  a.add_client(staff_client("late"));
  // The read catches up: no NotFoundError for a client another handle added.
  CHECK(b.client("late", Viewer{Audience::ServiceManager, ""}).id == "late");
  CHECK(b.client_count() == a.client_count());
  a.book(one_to_one("x1", "c1", "s1", at("2024-07-08T09:00:00Z")));
  CHECK(b.session("x1").coach_id == "c1");
  // And the other way round, including an update of an existing record.
  b.record_outcome("x1", SessionStatus::Attended);
  CHECK(a.session("x1").status == SessionStatus::Attended);
  CHECK(a.data() == b.data());
}

TEST_CASE("handles: a clash made through another handle is a conflict", "[store][handles]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  Programme a = Programme::open(path);
  add_people(a);
  Programme b = Programme::open(path);
  (void)b.sessions();  // b's memory is now current; a's booking comes after
  a.book(one_to_one("x1", "c1", "s1", at("2024-07-08T09:00:00Z")));
  SECTION("the coach at the same time") {
    require_rejected(b, [&] { b.book(one_to_one("x2", "c1", "s2", at("2024-07-08T09:15:00Z"))); },
                     ErrorCode::Conflict, "x2", "start", "coach_double_booked");
  }
  SECTION("the same session id: never an update of the other's booking") {
    require_rejected(b, [&] { b.book(one_to_one("x1", "c2", "s2", at("2024-07-08T12:00:00Z"))); },
                     ErrorCode::Conflict, "x1", "id", "unique_id");
    CHECK(Programme::open(path).session("x1").coach_id == "c1");
  }
  SECTION("the same client id") {
    require_rejected(b, [&] { b.add_client(staff_client("s1")); }, ErrorCode::Conflict, "s1", "id", "unique_id");
  }
  // Nothing was lost, and the store opens.
  const Programme c = Programme::open(path);
  CHECK(c.session("x1").attendees.at(0).client_id == "s1");
  CHECK_FALSE(has_rule(c.audit(at("2024-07-08T12:00:00Z")), "coach_double_booked"));
}

TEST_CASE("handles: the store refuses a created id that is already taken", "[store][handles]") {
  // Below the Programme: a change marked as creating a record never overwrites one.
  TempDir dir;
  const std::string path = dir.file("p.db");
  {
    Programme a = Programme::open(path);
    add_people(a);
  }
  auto store = open_sqlite_store(path);
  ChangeSet cs;
  Client again = staff_client("s1");
  again.staff_group = "overwritten";
  cs.upserts.clients.push_back(again);
  cs.created.emplace_back("clients", "s1");
  REQUIRE_THROWS_AS(store->apply(cs), ConflictError);
  CHECK(Programme::open(path).client("s1", Viewer{Audience::ServiceManager, ""}).staff_group != "overwritten");
}

TEST_CASE("handles: a store that holds a breach still opens, and audit reports it", "[store][handles]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  {
    Programme a = Programme::open(path);
    add_people(a);
    a.book(one_to_one("x1", "c1", "s1", at("2024-07-08T09:00:00Z")));
  }
  // Another writer (an old version, or by hand) double-books c1.
  sql(path,
      "INSERT INTO sessions (id, offer_id, coach_id, start, minutes, modality, status, booked_at) VALUES "
      "('x2', 'lay_too_1to1', 'c1', '2024-07-08T09:15:00Z', 45, 'video', 'booked', '2024-01-03T12:00:00Z');"
      "INSERT INTO session_attendees (owner, idx, client_id, status) VALUES ('x2', 0, 's2', 'booked');");
  Programme p = Programme::open(path);  // not locked out of its own records
  const auto breaches = p.audit(at("2024-07-08T12:00:00Z"));
  CHECK(has_rule(breaches, "coach_double_booked", "x2"));
  // The service goes on: a new booking elsewhere works, the clash is still refused.
  p.book(one_to_one("x3", "c2", "s3", at("2024-07-08T09:00:00Z")));
  require_rejected(p, [&] { p.book(one_to_one("x4", "c1", "s4", at("2024-07-08T09:30:00Z"))); }, ErrorCode::Conflict,
                   "x4", "start", "coach_double_booked");
  // Resolving the clash clears it from audit.
  p.record_outcome("x2", SessionStatus::CancelledByCoach);
  CHECK_FALSE(has_rule(p.audit(at("2024-07-08T12:00:00Z")), "coach_double_booked"));
}

TEST_CASE("handles: a stored session naming a missing replacement still opens, audit names it", "[store][handles]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  {
    Programme a = Programme::open(path);
    add_people(a);
    a.book(one_to_one("x1", "c1", "s1", at("2024-07-08T09:00:00Z")));
    a.book(one_to_one("x2", "c2", "s2", at("2024-07-08T09:00:00Z")));
  }
  // Edited by hand (foreign keys off): x1 rescheduled to a session that does not exist.
  sql(path, "UPDATE sessions SET status = 'rescheduled', rescheduled_to = 'nowhere' WHERE id = 'x1'");
  Programme p = Programme::open(path);
  const auto breaches = p.audit(at("2024-07-08T12:00:00Z"));
  CHECK(has_rule(breaches, "reference_resolves", "x1"));
  CHECK_FALSE(has_rule(breaches, "reference_resolves", "x2"));
  // Both sessions are loaded whole (moved into memory before the check reads them).
  REQUIRE(p.sessions().size() == 2);
  CHECK(p.session("x1").rescheduled_to == "nowhere");
  CHECK(p.session("x2").attendees.at(0).client_id == "s2");
}

TEST_CASE("handles: a crash mid-write leaves the last committed state", "[store][handles]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  {
    Programme a = Programme::open(path);
    add_people(a);
  }
  const ProgrammeData before = Programme::open(path).data();
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // The child writes inside a transaction and dies before COMMIT.
    auto store = open_sqlite_store(path);
    store->begin();
    ChangeSet cs;
    cs.upserts.clients.push_back(staff_client("ghost"));
    cs.created.emplace_back("clients", "ghost");
    store->apply(cs);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  Programme p = Programme::open(path);
  CHECK(p.data() == before);
  p.add_client(staff_client("ghost"));  // the dead writer's lock is gone
  CHECK(p.client_count() == before.clients.size() + 1);
}

TEST_CASE("handles: 4 processes x 2 handles booking the same coaches lose nothing and double-book no one",
          "[store][handles][processes]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  constexpr int kWorkers = 8;  // 4 processes x 2 handles
  struct Slot {
    std::string coach;
    Instant start;
  };
  std::vector<Slot> slots;
  for (const char* monday : {"2024-07-08", "2024-07-15", "2024-07-22"})
    for (const char* coach : {"c1", "c2"})
      for (int h = 0; h < 8; ++h)  // 08:00-16:00 UK local (BST): 07:00Z-15:00Z starts, 45 min
        slots.push_back({coach, at((std::string(monday) + "T" + (h + 7 < 10 ? "0" : "") + std::to_string(h + 7) +
                                    ":00:00Z").c_str())});
  {
    Programme p = Programme::open(path);
    add_people(p);
    for (int w = 0; w < kWorkers; ++w)
      for (const char* side : {"a", "b"}) p.add_client(staff_client("w" + std::to_string(w) + side));
  }
  std::vector<pid_t> pids;
  for (int proc = 0; proc < 4; ++proc) {
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int rc = 0;
      try {
        Programme h[2] = {Programme::open(path), Programme::open(path)};
        std::ofstream ack(dir.file("ack-" + std::to_string(proc)));
        std::ofstream err(dir.file("err-" + std::to_string(proc)));
        for (std::size_t k = 0; k < slots.size(); ++k) {
          for (int hh = 0; hh < 2; ++hh) {
            const int w = proc * 2 + hh;
            const std::size_t si = (k + static_cast<std::size_t>(w) * 5) % slots.size();
            const Slot& s = slots[si];
            // Half the workers share session ids: the same id must never be updated by another.
            const std::string id = (w % 2 == 0 ? "shared-" : "w" + std::to_string(w) + "-") + std::to_string(si);
            const std::string client = "w" + std::to_string(w) + (s.coach == "c1" ? "a" : "b");
            try {
              const Session got = h[hh].book(one_to_one(id, s.coach, client, s.start));
              ack << got.id << '|' << got.coach_id << '|' << format_instant(got.start) << '|' << client << '\n';
              ack.flush();
            } catch (const Error& e) {
              if (e.code() != ErrorCode::Conflict) err << e.what() << '\n';
            }
          }
        }
      } catch (...) {
        rc = 3;
      }
      _exit(rc);
    }
    pids.push_back(pid);
  }
  for (pid_t pid : pids) {
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  std::vector<std::string> acked;
  for (int proc = 0; proc < 4; ++proc) {
    std::ifstream in(dir.file("ack-" + std::to_string(proc)));
    for (std::string line; std::getline(in, line);) acked.push_back(line);
    std::ifstream err(dir.file("err-" + std::to_string(proc)));
    std::stringstream ss;
    ss << err.rdbuf();
    CHECK(ss.str().empty());  // every refusal was a conflict
  }
  const Programme p = Programme::open(path);  // the store opens
  // Every acknowledged booking is there as acknowledged: none overwritten, none lost.
  std::set<std::string> ids;
  for (const auto& line : acked) {
    std::stringstream ss(line);
    std::string id, coach, start, client;
    std::getline(ss, id, '|');
    std::getline(ss, coach, '|');
    std::getline(ss, start, '|');
    std::getline(ss, client, '|');
    CHECK(ids.insert(id).second);  // an id is acknowledged once
    const Session s = p.session(id);
    CHECK(s.coach_id == coach);
    CHECK(format_instant(s.start) == start);
    CHECK(s.attendees.at(0).client_id == client);
  }
  // Nothing else was booked, every slot was taken exactly once, and no one is double-booked.
  CHECK(p.sessions().size() == acked.size());
  CHECK(acked.size() == slots.size());
  const auto breaches = p.audit(at("2024-07-01T00:00:00Z"));
  CHECK_FALSE(has_rule(breaches, "coach_double_booked"));
  CHECK_FALSE(has_rule(breaches, "client_double_booked"));
}
