// The access log in the SQLite store, attacked: entries edited, deleted and reordered with raw
// SQL are caught by verify_access_log at the first broken seq; several handles and processes
// append to one chain; a process killed mid-append leaves a valid chain.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"
#include "raw_sql.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

const Viewer kManager{Audience::ServiceManager, "mgr"};

/// A store holding every record kind and a log of `reads` entries (notes read by their coach).
std::string logged_store(const TempDir& dir, int reads = 6) {
  const std::string path = dir.file("p.db");
  Programme p = Programme::open(path);
  add_every_kind(p);
  for (int i = 0; i < reads; ++i) (void)p.notes("a1", as_coach("c1"));
  return path;
}

AccessLogCheck verify(const std::string& path) { return Programme::open(path).verify_access_log(); }

/// Drop the append-only triggers, as an attacker with the file can.
void drop_guards(const std::string& path) {
  sql(path, "DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete;");
}

}  // namespace

TEST_CASE("sqlite access log: entries are kept with their chain and survive reopening", "[store][access_log]") {
  TempDir dir;
  const std::string path = logged_store(dir, 3);
  Programme p = Programme::open(path);
  const auto log = p.access_log(kManager);
  REQUIRE(log.size() == 3);
  for (std::size_t i = 0; i < log.size(); ++i) {
    CHECK(log[i].seq == static_cast<long long>(i) + 1);
    CHECK(log[i].operation == "read_notes");
    CHECK(log[i].records == std::vector<std::string>{"a1", "n1"});
    CHECK(log[i].hash.size() == 64);
  }
  const auto c = p.verify_access_log();
  CHECK(c.intact);
  CHECK(c.entries == 4);  // and the manager's read
  // The rows hold ids, never the note's text.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT * FROM access_log", -1, &st, nullptr) == SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
      CHECK(std::string(t ? t : "").find("sleep") == std::string::npos);
    }
  sqlite3_finalize(st);
  sqlite3_close(db);
  // replace() rewrites the records, not the log.
  p.replace(p.data());
  CHECK(p.verify_access_log().intact);
  CHECK(p.verify_access_log().entries == 5);  // and the export
}

TEST_CASE("sqlite access log: append-only; raw edits, deletions and reorderings are caught at the first broken seq",
          "[store][access_log]") {
  TempDir dir;
  const std::string path = logged_store(dir);
  REQUIRE(verify(path).intact);
  REQUIRE(verify(path).entries == 6);

  SECTION("the table refuses UPDATE and DELETE") {
    CHECK(raw(path, "UPDATE access_log SET operation = 'x' WHERE seq = 2").first != SQLITE_OK);
    CHECK(raw(path, "DELETE FROM access_log WHERE seq = 2").first != SQLITE_OK);
    CHECK(verify(path).intact);
  }
  SECTION("an edited operation") {
    drop_guards(path);
    sql(path, "UPDATE access_log SET operation = 'read_goals' WHERE seq = 3");
    const auto c = verify(path);
    CHECK_FALSE(c.intact);
    CHECK(c.first_broken == 3);
    CHECK(c.problem == "hash");
  }
  SECTION("edited record ids") {
    drop_guards(path);
    sql(path, "UPDATE access_log SET records = '[\"a2\",\"n1\"]' WHERE seq = 4");
    CHECK(verify(path).first_broken == 4);
  }
  SECTION("record ids that no longer parse") {
    drop_guards(path);
    sql(path, "UPDATE access_log SET records = 'not json' WHERE seq = 2");
    CHECK(verify(path).first_broken == 2);
    CHECK(Programme::open(path).access_log(kManager).at(1).records == std::vector<std::string>{"not json"});
  }
  SECTION("an edited time, viewer or outcome") {
    drop_guards(path);
    sql(path, "UPDATE access_log SET at = '2020-01-01T00:00:00Z' WHERE seq = 5");
    CHECK(verify(path).first_broken == 5);
    sql(path, "UPDATE access_log SET viewer_id = 'c2' WHERE seq = 2");
    CHECK(verify(path).first_broken == 2);
    sql(path, "UPDATE access_log SET outcome = 'denied' WHERE seq = 1");
    CHECK(verify(path).first_broken == 1);
  }
  SECTION("a time that is not a time") {
    drop_guards(path);
    sql(path, "UPDATE access_log SET at = 'yesterday' WHERE seq = 6");
    CHECK(verify(path).first_broken == 6);
  }
  SECTION("a deleted entry") {
    drop_guards(path);
    sql(path, "DELETE FROM access_log WHERE seq = 3");
    const auto c = verify(path);
    CHECK(c.first_broken == 3);
    CHECK(c.problem == "missing");
    // Renumbering the rest to close the gap breaks the hashes instead.
    sql(path, "UPDATE access_log SET seq = seq - 1 WHERE seq > 3");
    CHECK(verify(path).first_broken == 3);
    CHECK(verify(path).problem == "hash");
  }
  SECTION("the newest entries deleted: the next append leaves the gap") {
    drop_guards(path);
    sql(path, "DELETE FROM access_log WHERE seq >= 5");
    CHECK(verify(path).intact);  // a truncated chain is still a chain: keep the head elsewhere
    Programme p = Programme::open(path);
    (void)p.notes("a1", as_coach("c1"));
    const auto c = p.verify_access_log();
    CHECK(c.first_broken == 5);
    CHECK(c.problem == "missing");
  }
  SECTION("two entries swapped") {
    drop_guards(path);
    sql(path, "UPDATE access_log SET seq = -2 WHERE seq = 2; UPDATE access_log SET seq = 2 WHERE seq = 4; "
              "UPDATE access_log SET seq = 4 WHERE seq = -2");
    CHECK(verify(path).first_broken == 2);
  }
  SECTION("an entry inserted in the middle") {
    drop_guards(path);
    sql(path, "UPDATE access_log SET seq = -seq WHERE seq >= 4; UPDATE access_log SET seq = 1 - seq WHERE seq < 0");
    sql(path, "INSERT INTO access_log SELECT 4, at, audience, 'c9', operation, records, outcome, rule, hash "
              "FROM access_log WHERE seq = 3");
    CHECK(verify(path).first_broken == 4);
  }
}

TEST_CASE("sqlite access log: two handles on one file append to one chain", "[store][access_log][handles]") {
  TempDir dir;
  const std::string path = logged_store(dir, 0);
  Programme a = Programme::open(path);
  Programme b = Programme::open(path);
  std::atomic<int> read{0}, refused{0};  // (Catch2's assertions are not for other threads)
  std::thread ta([&] {
    for (int i = 0; i < 40; ++i) read += a.notes("a1", as_coach("c1")).size() == 1;
  });
  std::thread tb([&] {
    for (int i = 0; i < 40; ++i) try {
        (void)b.goals("s1", as_coach("h1"));
      } catch (const ForbiddenError&) {
        ++refused;
      }
  });
  ta.join();
  tb.join();
  CHECK(read == 40);
  CHECK(refused == 40);
  const auto c = a.verify_access_log();
  CHECK(c.intact);
  CHECK(c.entries == 80);
  CHECK(b.verify_access_log() == c);
}

TEST_CASE("sqlite access log: 3 processes append to one chain", "[store][access_log][processes]") {
  TempDir dir;
  const std::string path = logged_store(dir, 0);
  std::vector<pid_t> pids;
  for (int proc = 0; proc < 3; ++proc) {
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int rc = 0;
      try {
        Programme p = Programme::open(path);
        for (int i = 0; i < 25; ++i) (void)p.notes("a1", as_coach("c1"));
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
  const auto c = verify(path);
  CHECK(c.intact);
  CHECK(c.entries == 75);
}

TEST_CASE("sqlite access log: a process killed while appending leaves a valid chain", "[store][access_log][processes]") {
  TempDir dir;
  const std::string path = logged_store(dir, 0);
  SECTION("killed at an arbitrary moment of a stream of appends") {
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      try {
        Programme p = Programme::open(path);
        std::ofstream(dir.file("started")) << "1";
        for (;;) (void)p.notes("a1", as_coach("c1"));
      } catch (...) {
      }
      _exit(3);
    }
    // Let the child get going, then kill it without warning (mid-transaction, most likely).
    for (int i = 0; i < 500 && !std::ifstream(dir.file("started")); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    ::kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(WIFSIGNALED(status));
  }
  SECTION("died inside the transaction of an append, before COMMIT") {
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      sqlite3* db = nullptr;
      sqlite3_open(path.c_str(), &db);
      sqlite3_exec(db,
                   "BEGIN IMMEDIATE; INSERT INTO access_log (seq, at, audience, viewer_id, operation, records, outcome, "
                   "rule, hash) VALUES (1, '2024-07-08T09:00:00Z', 'coach', 'c1', 'read_notes', '[]', 'allowed', '', 'x')",
                   nullptr, nullptr, nullptr);
      _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
  }
  Programme p = Programme::open(path);
  const auto before = p.verify_access_log();
  CHECK(before.intact);
  (void)p.notes("a1", as_coach("c1"));  // the dead writer's lock is gone; the chain goes on
  const auto after = p.verify_access_log();
  CHECK(after.intact);
  CHECK(after.entries == before.entries + 1);
}
