// Programme::open with OpenOptions: an empty path or a missing file creates nothing, a read-only
// handle changes nothing and writes no access-log entry, and a store locked by another connection
// beyond the busy timeout is a BusyError that changes nothing.
#include <sqlite3.h>

#include <filesystem>

#include "laycoach/store.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

// A raw SQLite connection on `path` holding the write lock until destroyed: another process.
class RawWriter {
 public:
  explicit RawWriter(const std::string& path) {
    REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  }
  ~RawWriter() {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
  }
  RawWriter(const RawWriter&) = delete;
  RawWriter& operator=(const RawWriter&) = delete;

 private:
  sqlite3* db_ = nullptr;
};

OpenOptions mode(OpenMode m, int busy_ms = 5000) {
  OpenOptions o;
  o.mode = m;
  o.busy_timeout_ms = busy_ms;
  return o;
}

}  // namespace

TEST_CASE("an empty path or a bad timeout is refused before anything is created") {
  require_error([] { Programme::open(""); }, ErrorCode::InvalidArgument, "", "path", "path_required");
  TempDir dir;
  const std::string path = dir.file("p.sqlite");
  require_error([&] { Programme::open(path, mode(OpenMode::Create, -1)); }, ErrorCode::InvalidArgument, path,
                "busy_timeout_ms", "busy_timeout_range");
  CHECK_FALSE(std::filesystem::exists(path));
}

TEST_CASE("a missing file is created only in Create mode") {
  TempDir dir;
  const std::string path = dir.file("typo.sqlite");
  require_error([&] { Programme::open(path, mode(OpenMode::MustExist)); }, ErrorCode::NotFound, path, "path",
                "store_exists");
  require_error([&] { Programme::open(path, mode(OpenMode::ReadOnly)); }, ErrorCode::NotFound, path, "path",
                "store_exists");
  CHECK_FALSE(std::filesystem::exists(path));
  { Programme p = Programme::open(path); }
  CHECK(std::filesystem::exists(path));
  Programme again = Programme::open(path, mode(OpenMode::MustExist));
  CHECK(again.catalogue().offers.size() > 0);
}

TEST_CASE(":memory: opens in MustExist mode (nothing to mistype) but not read-only") {
  Programme p = Programme::open(":memory:", mode(OpenMode::MustExist));
  const ProgrammeOverview o = p.overview();
  CHECK(o.has_store);
  CHECK(o.location == ":memory:");
  CHECK_FALSE(o.read_only);
  CHECK(o.coaches == 0);
  require_error([] { Programme::open(":memory:", mode(OpenMode::ReadOnly)); }, ErrorCode::NotFound, ":memory:", "path",
                "store_exists");
}

TEST_CASE("overview counts records and names the store without reading any record") {
  TempDir dir;
  const std::string path = dir.file("p.sqlite");
  {
    Programme rw = Programme::open(path);
    rw.add_coach(workforce_coach("c1"));
    rw.add_coach(workforce_coach("c2"));
    const ProgrammeOverview o = rw.overview();
    CHECK(o.location == path);
    CHECK_FALSE(o.read_only);
    CHECK(o.coaches == 2);
    CHECK(o.clients == 0);
    CHECK(o.sessions == 0);
  }
  Programme ro = Programme::open(path, mode(OpenMode::ReadOnly));
  CHECK(ro.overview().read_only);
  CHECK(ro.overview().coaches == 2);
  const ProgrammeOverview mem = Programme().overview();
  CHECK_FALSE(mem.has_store);
  CHECK(mem.location.empty());
}

TEST_CASE("a read-only handle reads, follows other handles, and changes nothing") {
  TempDir dir;
  const std::string path = dir.file("p.sqlite");
  Programme rw = Programme::open(path);
  rw.add_coach(workforce_coach("c1"));
  rw.add_client(staff_client("s1"));
  rw.book(one_to_one("x1", "c1", "s1", at("2024-03-04T09:00:00Z")));
  const long long log_before = rw.verify_access_log().entries;

  Programme ro = Programme::open(path, mode(OpenMode::ReadOnly));
  CHECK(ro.coach("c1").id == "c1");
  CHECK(ro.sessions().size() == 1);
  const ProgrammeData before = rw.data();  // (an export: logged by the read-write handle)
  // Refused before any rule: even an invalid coach gets the read-only error.
  require_error([&] { ro.add_coach(workforce_coach("c2")); }, ErrorCode::Forbidden, path, "mode", "read_only");
  require_error([&] { ro.add_coach(Coach{}); }, ErrorCode::Forbidden, path, "mode", "read_only");
  require_error([&] { ro.record_outcome("x1", SessionStatus::Attended); }, ErrorCode::Forbidden, path, "mode",
                "read_only");
  // Reads that are logged first cannot be logged here, so they are refused and return nothing.
  const Viewer manager{Audience::ServiceManager, "m"};
  require_error([&] { ro.client("s1", manager); }, ErrorCode::Forbidden, path, "mode", "read_only");
  require_error([&] { ro.notes("x1", Viewer{Audience::Coach, "c1"}); }, ErrorCode::Forbidden, path, "mode",
                "read_only");
  require_error([&] { ro.data(); }, ErrorCode::Forbidden, path, "mode", "read_only");
  CHECK(rw.verify_access_log().entries == log_before + 1);  // only the read-write export above
  CHECK(rw.data() == before);

  rw.add_coach(workforce_coach("c2"));
  CHECK(ro.coach("c2").id == "c2");  // the reader caught up with the writer's commit
}

TEST_CASE("a store locked by another connection is a BusyError after the timeout, and nothing changes") {
  TempDir dir;
  const std::string path = dir.file("p.sqlite");
  Programme p = Programme::open(path, mode(OpenMode::Create, 50));
  p.add_coach(workforce_coach("c1"));
  const auto before = p.coaches();
  {
    RawWriter other(path);
    require_error([&] { p.add_coach(workforce_coach("c2")); }, ErrorCode::Busy, path, "", "busy");
    require_error([&] { Programme::open(path, mode(OpenMode::MustExist, 0)); }, ErrorCode::Busy, path, "", "busy");
    CHECK(p.coaches() == before);  // reads go on (WAL)
    try {
      p.add_coach(workforce_coach("c2"));
      FAIL("not busy");
    } catch (const BusyError& e) {
      CHECK(std::string(to_string(e.code())) == "busy");
    }
  }
  p.add_coach(workforce_coach("c2"));
  CHECK(p.coaches().size() == before.size() + 1);
}

TEST_CASE("a read-only handle opens a store that no other handle has open") {
  TempDir dir;
  const std::string path = dir.file("p.sqlite");
  {
    Programme rw = Programme::open(path);
    rw.add_coach(workforce_coach("c1"));
  }  // the last connection closes: SQLite checkpoints and removes the -wal and -shm files
  Programme ro = Programme::open(path, mode(OpenMode::ReadOnly));
  CHECK(ro.coach("c1").id == "c1");
  require_error([&] { ro.add_coach(workforce_coach("c2")); }, ErrorCode::Forbidden, path, "mode", "read_only");
}
