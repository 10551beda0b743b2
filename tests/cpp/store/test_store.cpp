// The stores: SQLite (relational tables, WAL, synchronous=FULL, one transaction per operation
// writing only what changed, migrations) and the in-memory store, which must agree.
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "laycoach/document.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"
#include "programme_impl.hpp"
#include "store_schema.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

/// A second, independent connection to a store file, for looking at what was committed.
class Peek {
 public:
  explicit Peek(const std::string& path) {
    REQUIRE(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) == SQLITE_OK);
  }
  ~Peek() { sqlite3_close(db_); }
  Peek(const Peek&) = delete;
  Peek& operator=(const Peek&) = delete;

  void exec(const std::string& sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    INFO(sql << ": " << (err ? err : ""));
    sqlite3_free(err);
    REQUIRE(rc == SQLITE_OK);
  }
  /// Every row of a query, columns joined with '|', NULL as "NULL".
  std::vector<std::string> rows(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    INFO(sql);
    REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::vector<std::string> out;
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        if (i) row += '|';
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
        row += t ? t : "NULL";
      }
      out.push_back(row);
    }
    sqlite3_finalize(st);
    return out;
  }
  std::string scalar(const std::string& sql) {
    const auto r = rows(sql);
    REQUIRE(r.size() == 1);
    return r.front();
  }
  /// All tables of the store (parents and children): name -> "rowid|columns..." rows. The access
  /// log is left out: it grows with every read of confidential content and every export
  /// (data() included), rejected changes or not (test_access_log.cpp tests it).
  std::map<std::string, std::vector<std::string>> dump() {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& name : rows("SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'access_log' "
                                 "ORDER BY name"))
      out[name] = rows("SELECT rowid, * FROM " + name + (name == "sqlite_sequence" ? " WHERE name <> 'access_log'" : "") +
                       " ORDER BY rowid");
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

/// Tables whose rows differ between two dumps.
std::set<std::string> changed_tables(const std::map<std::string, std::vector<std::string>>& a,
                                     const std::map<std::string, std::vector<std::string>>& b) {
  std::set<std::string> out;
  for (const auto& [name, rows] : a)
    if (!b.count(name) || b.at(name) != rows) out.insert(name);
  for (const auto& [name, rows] : b)
    if (!a.count(name)) out.insert(name);
  // The change log (and SQLite's AUTOINCREMENT counter) grow with every write by design.
  out.erase(store_schema::kChangeLogTable);
  out.erase("sqlite_sequence");
  return out;
}

/// Rows present in `after` but not in `before` (rowid and contents).
std::vector<std::string> new_rows(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  std::vector<std::string> out;
  for (const auto& r : after)
    if (std::find(before.begin(), before.end(), r) == before.end()) out.push_back(r);
  return out;
}
std::vector<std::string> gone_rows(const std::vector<std::string>& before, const std::vector<std::string>& after) {
  return new_rows(after, before);
}

/// The data without the one clock reading the library takes itself (booked_at of a reschedule),
/// so that two runs of the same operations compare equal.
ProgrammeData without_clock(ProgrammeData d) {
  for (auto& s : d.sessions) s.booked_at = Instant(boost::posix_time::not_a_date_time);
  return d;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

void require_io_error(const std::function<void()>& f, const std::string& rule) {
  try {
    f();
  } catch (const IoError& e) {
    INFO(e.what());
    CHECK(e.code() == ErrorCode::Io);
    CHECK(e.rule() == rule);
    return;
  } catch (const std::exception& e) {
    FAIL("expected IoError " << rule << ", got " << e.what());
  }
  FAIL("expected IoError " << rule << ", nothing thrown");
}

}  // namespace

TEST_CASE("sqlite: reopening gives back exactly what was committed", "[store][sqlite]") {
  TempDir dir;
  const std::string path = dir.file("programme.db");
  ProgrammeData committed;
  {
    Programme p = Programme::open(path);
    CHECK(p.data().catalogue == default_catalogue());  // a new store starts with the default catalogue
    add_every_kind(p);  // every record kind, one operation (transaction) at a time
    Coach c = p.coach("c3");
    c.rota.exceptions.push_back({day("2024-09-02"), {{0, 9 * 60, 10 * 60}}});
    p.update_coach(c);  // rewrites the coach's nested child rows
    p.update_coach(c);
    committed = p.data();
  }
  {
    const Programme p = Programme::open(path);
    CHECK(p.data() == committed);
    CHECK(Programme(open_sqlite_store(path)->load()).data() == committed);
  }
  // A whole replacement, then reopen.
  {
    Programme p = Programme::open(path);
    p.replace(every_kind_data());
  }
  CHECK(Programme::open(path).data() == every_kind_data());
  // Real tables, one row per record.
  Peek db(path);
  CHECK(db.scalar("SELECT count(*) FROM sessions") == std::to_string(every_kind_data().sessions.size()));
  CHECK(db.scalar("SELECT count(*) FROM session_attendees WHERE owner = 'g1'") == "2");
  CHECK(db.scalar("SELECT status FROM sessions WHERE id = 'a3'") == "rescheduled");
  CHECK(db.scalar("SELECT count(*) FROM waiting_list") == "1");
}

TEST_CASE("sqlite: WAL, synchronous=FULL, foreign keys, indexes, schema version", "[store][sqlite]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  { Programme p = Programme::open(path); }
  auto store = open_sqlite_store(path);
  // Per-connection settings, read on the store's own connection.
  CHECK(store_schema::connection_pragma(*store, "synchronous") == 2);  // FULL
  CHECK(store_schema::connection_pragma(*store, "foreign_keys") == 1);
  CHECK_FALSE(store_schema::connection_pragma(*make_memory_store(), "synchronous").has_value());

  Peek db(path);
  CHECK(db.scalar("PRAGMA journal_mode") == "wal");  // persistent: visible to every connection
  CHECK(db.scalar("PRAGMA user_version") == std::to_string(sqlite_schema_version()));
  CHECK(sqlite_schema_version() == 7);
  const auto fks = db.rows("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('sessions') ORDER BY 2");
  CHECK(fks == std::vector<std::string>{"coaches|coach_id|id", "offers|offer_id|id"});
  const auto att = db.rows("SELECT \"table\", \"from\" FROM pragma_foreign_key_list('session_attendees') ORDER BY 2");
  CHECK(att == std::vector<std::string>{"clients|client_id", "sessions|owner", "referrals|referral_id"});
  const auto idx = db.rows("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY 1");
  CHECK(std::find(idx.begin(), idx.end(), "sessions_by_coach_start") != idx.end());
  CHECK(std::find(idx.begin(), idx.end(), "attendees_by_client") != idx.end());
  CHECK(db.rows("PRAGMA foreign_key_check").empty());
  // The foreign keys are enforced.
  char* err = nullptr;
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
  sqlite3_exec(raw, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
  const int rc = sqlite3_exec(raw,
                              "INSERT INTO sessions (id, offer_id, coach_id, start, minutes, modality, status) "
                              "VALUES ('x', 'lay_too_1to1', 'nobody', '2024-07-10T09:00:00Z', 45, 'video', 'booked')",
                              nullptr, nullptr, &err);
  sqlite3_free(err);
  sqlite3_close(raw);
  CHECK((rc & 0xff) == SQLITE_CONSTRAINT);
  // The analyst view of version 2.
  CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'view' AND name = 'session_attendance'") == "1");
}

TEST_CASE("sqlite: each operation writes only what changed", "[store][sqlite]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  Programme p = Programme::open(path);
  add_every_kind(p);
  Peek db(path);

  auto before = db.dump();
  p.book(one_to_one("new1", "c1", "s2", at("2024-07-30T09:00:00Z")));
  auto after = db.dump();
  // The booking and its outbox event (events.hpp), one row each.
  CHECK(changed_tables(before, after) == std::set<std::string>{"sessions", "session_attendees", "events"});
  REQUIRE(new_rows(before["events"], after["events"]).size() == 1);
  CHECK(new_rows(before["events"], after["events"])[0].find("|session_booked|") != std::string::npos);
  CHECK(gone_rows(before["sessions"], after["sessions"]).empty());  // no other session was rewritten
  const auto added = new_rows(before["sessions"], after["sessions"]);
  REQUIRE(added.size() == 1);
  CHECK(added[0].find("|new1|") != std::string::npos);
  CHECK(gone_rows(before["session_attendees"], after["session_attendees"]).empty());
  CHECK(new_rows(before["session_attendees"], after["session_attendees"]).size() == 1);

  before = after;
  p.record_outcome("new1", SessionStatus::Attended);
  after = db.dump();
  CHECK(changed_tables(before, after) == std::set<std::string>{"sessions", "session_attendees"});
  const auto gone = gone_rows(before["sessions"], after["sessions"]);
  const auto now = new_rows(before["sessions"], after["sessions"]);
  REQUIRE(gone.size() == 1);
  REQUIRE(now.size() == 1);
  CHECK(gone[0].substr(0, gone[0].find('|')) == now[0].substr(0, now[0].find('|')));  // updated in place: same rowid
  CHECK(now[0].find("|attended|") != std::string::npos);
  for (const auto& r : gone_rows(before["session_attendees"], after["session_attendees"]))
    CHECK(r.find("|new1|") != std::string::npos);  // only the session's own attendee rows

  before = after;
  p.add_note({"n9", "new1", "c1", at("2024-07-30T10:00:00Z"), "note"}, as_coach("c1"));
  after = db.dump();
  CHECK(changed_tables(before, after) == std::set<std::string>{"notes"});

  before = after;
  SupervisionPolicy pol = p.supervision_policy();
  pol.clinical_days = 45;
  p.set_supervision_policy(pol);
  after = db.dump();
  CHECK(changed_tables(before, after) == std::set<std::string>{"supervision_policy"});

  before = after;
  Coach c = p.coach("c3");
  c.name = "Renamed";
  p.update_coach(c);
  after = db.dump();
  for (const auto& t : changed_tables(before, after)) {
    INFO(t);
    CHECK((t == "coaches" || starts_with(t, "coach_") || starts_with(t, "rota_")));
  }
  const auto coach_rows = gone_rows(before["coaches"], after["coaches"]);
  REQUIRE(coach_rows.size() == 1);
  CHECK(coach_rows[0].find("|c3|") != std::string::npos);
  for (const auto& t : {"coach_offers", "rota_blocks", "rota_exceptions", "rota_exception_blocks"})
    for (const auto& r : gone_rows(before[t], after[t])) {
      INFO(t << ": " << r);
      CHECK(r.find("|c3|") != std::string::npos);
    }

  // A rejected change writes nothing.
  before = after;
  CHECK_THROWS_AS(p.book(one_to_one("new2", "c1", "s3", at("2024-07-30T09:15:00Z"))), ConflictError);
  CHECK(changed_tables(before, db.dump()).empty());
}

TEST_CASE("sqlite: a failed write raises IoError and changes nothing", "[store][sqlite]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  Programme p = Programme::open(path);
  add_people(p);
  p.book(one_to_one("a", "c1", "s1", at("2024-07-10T09:00:00Z")));
  const ProgrammeData before = p.data();
  Peek db(path);

  SECTION("every insert fails") {
    db.exec("CREATE TRIGGER refuse BEFORE INSERT ON sessions BEGIN SELECT RAISE(ABORT, 'refused'); END");
    require_io_error([&] { p.book(one_to_one("b", "c1", "s2", at("2024-07-10T11:00:00Z"))); }, "io");
    CHECK(p.data() == before);
    // Memory and the indexes are untouched: the failed booking does not block its slot.
    db.exec("DROP TRIGGER refuse");
    p.book(one_to_one("b", "c2", "s2", at("2024-07-10T11:00:00Z")));
    CHECK(Programme::open(path).data() == p.data());
  }
  SECTION("the second write of a reschedule fails: the first is rolled back") {
    db.exec("CREATE TRIGGER refuse BEFORE INSERT ON sessions WHEN NEW.id = 'a2' BEGIN SELECT RAISE(ABORT, 'no'); END");
    require_io_error([&] { p.reschedule("a", "a2", at("2024-07-10T12:00:00Z"), at("2024-07-01T12:00:00Z")); }, "io");
    CHECK(p.data() == before);
    CHECK(p.session("a").status == SessionStatus::Booked);
    CHECK(Programme::open(path).data() == before);
    CHECK(db.scalar("SELECT status FROM sessions WHERE id = 'a'") == "booked");
    db.exec("DROP TRIGGER refuse");
    p.reschedule("a", "a2", at("2024-07-10T12:00:00Z"), at("2024-07-01T12:00:00Z"));
    CHECK(Programme::open(path).data() == p.data());
  }
  SECTION("replace with a failing store leaves memory as it was") {
    db.exec("CREATE TRIGGER refuse BEFORE INSERT ON notes BEGIN SELECT RAISE(ABORT, 'no'); END");
    require_io_error([&] { p.replace(every_kind_data()); }, "io");
    CHECK(p.data() == before);
    CHECK(Programme::open(path).data() == before);
  }
  SECTION("replace with a bad document leaves memory and store as they were") {
    ProgrammeData bad = every_kind_data();
    bad.clients.back().nhs_number = "123";
    CHECK_THROWS_AS(p.replace(bad), ValidationError);
    CHECK(p.data() == before);
    CHECK(Programme::open(path).data() == before);
  }
}

TEST_CASE("sqlite: rejected changes leave the programme and the store unchanged", "[store][sqlite]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  Programme p = Programme::open(path);
  add_every_kind(p);
  const ProgrammeData before = p.data();
  Peek db(path);
  const auto tables = db.dump();

  const std::vector<std::pair<const char*, std::function<void()>>> rejected = {
      {"coach double booking", [&] { p.book(one_to_one("x", "c1", "s2", at("2024-07-08T09:30:00Z"))); }},
      {"client double booking", [&] { p.book(one_to_one("x", "c2", "s1", at("2024-07-08T09:30:00Z"))); }},
      {"outside opening hours", [&] { p.book(one_to_one("x", "c1", "s2", at("2024-07-30T21:30:00Z"))); }},
      {"second outcome", [&] { p.record_outcome("a1", SessionStatus::CancelledByCoach); }},
      {"reschedule into a conflict", [&] { p.reschedule("a4", "a5", at("2024-07-08T09:00:00Z"), at("2024-07-01T12:00:00Z")); }},
      {"stranding a coach's sessions", [&] {
         Coach c = p.coach("c1");
         c.offers = {"lay_career_1to1"};
         p.update_coach(c);
       }},
      {"bad NHS number", [&] { p.add_client(patient_client("px", "9434765918")); }},
      {"duplicate id", [&] { p.add_coach(workforce_coach("c2")); }},
      {"note by another coach", [&] { p.add_note({"n9", "a1", "c2", {}, "x"}, as_coach("c2")); }},
      {"employer sets a goal", [&] { p.set_goal_attainment("goal1", GoalAttainment::Achieved, as_employer("RXA01")); }},
      {"negative policy", [&] {
         SupervisionPolicy pol;
         pol.line_management_days = -1;
         p.set_supervision_policy(pol);
       }},
      {"trainee over the course length", [&] { p.add_trainee({"t9", "co1", "", "", "", 5, {}, {}, false}); }},
      {"bad document", [&] {
         ProgrammeData d = every_kind_data();
         d.sessions.back().start = d.sessions.front().start;
         d.sessions.back().coach_id = d.sessions.front().coach_id;
         p.replace(d);
       }},
  };
  for (const auto& [what, f] : rejected) {
    INFO(what);
    CHECK_THROWS_AS(f(), Error);
    CHECK(p.data() == before);
    CHECK(db.dump() == tables);
  }
  CHECK(Programme::open(path).data() == before);
}

TEST_CASE("sqlite: files that are not laycoach stores are refused", "[store][sqlite]") {
  TempDir dir;
  SECTION("another application's database") {
    const std::string path = dir.file("other.db");
    {
      Peek db(path);
      db.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
      db.exec("INSERT INTO customers (name) VALUES ('Ada')");
    }
    require_io_error([&] { open_sqlite_store(path); }, "store_format");
    require_io_error([&] { Programme::open(path); }, "store_format");
    Peek db(path);
    CHECK(db.rows("SELECT name FROM sqlite_schema WHERE type = 'table'") == std::vector<std::string>{"customers"});
    CHECK(db.scalar("PRAGMA user_version") == "0");
  }
  SECTION("not a database at all") {
    const std::string path = dir.file("notes.txt");
    std::ofstream(path) << "These are not the tables you are looking for.\n" << std::string(4096, 'x');
    require_io_error([&] { open_sqlite_store(path); }, "store_format");
  }
  SECTION("a laycoach store from a newer version") {
    const std::string path = dir.file("future.db");
    { Programme p = Programme::open(path); }
    {
      Peek db(path);
      db.exec("PRAGMA user_version = " + std::to_string(sqlite_schema_version() + 1));
    }
    require_io_error([&] { open_sqlite_store(path); }, "store_format");
    Peek db(path);
    CHECK(db.scalar("PRAGMA user_version") == std::to_string(sqlite_schema_version() + 1));
  }
  SECTION("a directory") {
    require_io_error([&] { open_sqlite_store(dir.file("")); }, "io");
  }
}

TEST_CASE("sqlite: a version 1 store migrates to the current version keeping its data", "[store][sqlite]") {
  TempDir dir;
  const std::string path = dir.file("v1.db");
  {
    Peek db(path);
    db.exec("BEGIN");
    for (const auto& sql : store_schema::migration(1)) db.exec(sql);
    db.exec("PRAGMA application_id = " + std::to_string(0x4C41594B));  // what a version 1 build wrote
    db.exec("PRAGMA user_version = 1");
    db.exec("INSERT INTO service_lines (id, name, kind) VALUES ('lay_too', 'Looking After You Too', 'workforce')");
    db.exec("INSERT INTO supervision_policy (id, health_coaching_days, clinical_days, line_management_days, "
            "health_coaching_requires_pci) VALUES (1, 14, 30, 90, 1)");
    db.exec("COMMIT");
    CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'session_attendance'") == "0");
  }
  const Programme p = Programme::open(path);
  const ProgrammeData d = p.data();
  REQUIRE(d.catalogue.service_lines.size() == 1);
  CHECK(d.catalogue.service_lines[0] == ServiceLine{"lay_too", "Looking After You Too", ServiceKind::Workforce});
  CHECK(d.supervision_policy.health_coaching_days == 14);
  Peek db(path);
  CHECK(db.scalar("PRAGMA user_version") == std::to_string(sqlite_schema_version()));
  CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'view' AND name = 'session_attendance'") == "1");
  CHECK(db.rows("SELECT * FROM session_attendance").empty());
  // Version 3: the change log and the override columns, added to the existing table.
  CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'change_log'") == "1");
  CHECK(db.scalar("SELECT count(*) FROM pragma_table_info('sessions') WHERE name IN ('override_by', 'override_reason')") ==
        "2");
  // Version 4: the service's secret (made by the migration) and the disclosure floor (default).
  CHECK(db.scalar("SELECT length(secret) FROM service WHERE id = 1") == "64");
  CHECK(p.disclosure_floor() == SuppressionPolicy{});
  // Version 5: risk flags, the outbox and its acknowledged mark, the concern's flag reference.
  CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('risk_flags', 'events', "
                  "'event_ack')") == "3");
  CHECK(db.scalar("SELECT acked FROM event_ack WHERE id = 1") == "0");
  CHECK(db.scalar("SELECT count(*) FROM pragma_table_info('safeguarding') WHERE name = 'risk_flag_id'") == "1");
  // Version 6: the single point of access's inbox and triage rules (no rules row: the defaults).
  CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('inbox', 'triage_rules')") ==
        "2");
  CHECK(p.triage_rules() == default_triage_rules());
  // Version 6 (issue 12): the coach's Agenda for Change band, added to the existing table.
  CHECK(db.scalar("SELECT count(*) FROM pragma_table_info('coaches') WHERE name = 'band'") == "1");
  // Version 6: the series columns of sessions (booking::book_series).
  CHECK(db.scalar("SELECT count(*) FROM pragma_table_info('sessions') WHERE name IN ('series_id', 'series_index', "
                  "'agreed_override_by', 'agreed_override_reason')") == "4");
  // Version 6: the pathway's record tables (issue 12), e.g. usage tracking of people trained.
  CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('usage_waves', "
                  "'usage_invitations', 'usage_invitation_answers', 'skill_share_sessions', 'skill_share_attendees')") ==
        "5");
  // Version 6: the pathway tables (care plans, their shares, onward referrals: docs/care-plan.md).
  CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('care_plans', "
                  "'care_plan_shares', 'onward_referrals')") == "3");
  CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'care_plans_by_episode'") == "1");
}

TEST_CASE("the in-memory store and the SQLite store agree", "[store]") {
  TempDir dir;
  auto mem = std::shared_ptr<Store>(make_memory_store());
  auto sql = std::shared_ptr<Store>(open_sqlite_store(dir.file("p.db")));
  auto mem_log = std::make_shared<std::vector<ChangeSet>>();
  auto sql_log = std::make_shared<std::vector<ChangeSet>>();
  Programme a = Programme::open(std::make_unique<SharedStore>(mem, mem_log));
  Programme b = Programme::open(std::make_unique<SharedStore>(sql, sql_log));
  for (Programme* p : {&a, &b}) {
    add_every_kind(*p);
    CHECK_THROWS_AS(p->book(one_to_one("dup", "c1", "s1", at("2024-07-08T09:10:00Z"))), ConflictError);
    p->record_outcome("a4", SessionStatus::CancelledByClient);
    p->join("g2", {"s3", "", AttendeeStatus::Booked});
  }
  CHECK(without_clock(a.data()) == without_clock(b.data()));
  CHECK(without_clock(mem->load()) == without_clock(sql->load()));  // same records in the same order
  CHECK(Programme(mem->load()).data() == a.data());
  CHECK(mem_log->size() == sql_log->size());

  // One booking is one change set naming one session and nothing else.
  const auto n = mem_log->size();
  a.book(one_to_one("one", "c1", "s2", at("2024-07-30T09:00:00Z")));
  REQUIRE(mem_log->size() == n + 1);
  ChangeSet expected;
  expected.upserts.sessions.push_back(a.session("one"));
  CHECK(mem_log->back().upserts == expected.upserts);
  CHECK_FALSE(mem_log->back().policy_changed);
  b.book(one_to_one("one", "c1", "s2", at("2024-07-30T09:00:00Z")));

  // Deletes are honoured by both stores and by the programme's memory.
  ChangeSet del;
  del.deletes = {{"notes", "n1"}, {"waiting_list", "none"}};
  laycoach::detail::impl_of(a).commit(del);
  laycoach::detail::impl_of(b).commit(del);
  CHECK(a.data().notes.empty());
  CHECK(without_clock(a.data()) == without_clock(b.data()));
  CHECK(without_clock(mem->load()) == without_clock(sql->load()));
  CHECK(mem->load().notes.empty());
  ChangeSet bad;
  bad.deletes = {{"no_such_table", "x"}};
  const ProgrammeData kept = a.data();
  CHECK_THROWS_AS(laycoach::detail::impl_of(a).commit(bad), InternalError);
  CHECK_THROWS_AS(mem->apply(bad), InternalError);
  CHECK_THROWS_AS(sql->apply(bad), InternalError);
  CHECK(a.data() == kept);
  CHECK(without_clock(mem->load()) == without_clock(sql->load()));
}

TEST_CASE("sqlite: concurrent bookings from many threads, no double booking", "[store][sqlite][threads]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  Programme p = Programme::open(path);
  for (int c = 0; c < 4; ++c) p.add_coach(workforce_coach("c" + std::to_string(c)));
  for (int k = 0; k < 8; ++k) p.add_client(staff_client("k" + std::to_string(k)));

  // Threads t and t + 4 share a coach and race for the same six slots with different clients.
  constexpr int kThreads = 8, kSlots = 6;
  std::vector<std::vector<std::string>> booked(kThreads), failed(kThreads);
  std::vector<std::string> unexpected(kThreads);
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      while (!go) std::this_thread::yield();
      for (int i = 0; i < kSlots; ++i) {
        const std::string id = "t" + std::to_string(t) + "_" + std::to_string(i);
        const Instant start = at("2024-07-10T08:00:00Z") + boost::posix_time::hours(i);
        try {
          p.book(one_to_one(id, "c" + std::to_string(t % 4), "k" + std::to_string(t), start));
          booked[t].push_back(id);
        } catch (const ConflictError& e) {
          if (e.rule() == "coach_double_booked") failed[t].push_back(id);
          else unexpected[t] = e.what();
        } catch (const std::exception& e) {
          unexpected[t] = e.what();
        }
        (void)p.summary({Audience::Commissioner, ""});  // readers alongside writers
      }
    });
  go = true;
  for (auto& th : threads) th.join();

  std::size_t n_booked = 0;
  for (int t = 0; t < kThreads; ++t) {
    INFO("thread " << t);
    CHECK(unexpected[t].empty());
    CHECK(booked[t].size() + failed[t].size() == static_cast<std::size_t>(kSlots));
    n_booked += booked[t].size();
  }
  CHECK(n_booked == 4 * kSlots);  // each coach's slot was won exactly once
  const auto sessions = p.sessions();
  CHECK(sessions.size() == n_booked);
  for (std::size_t i = 0; i < sessions.size(); ++i)
    for (std::size_t j = i + 1; j < sessions.size(); ++j) {
      const Session &x = sessions[i], &y = sessions[j];
      const bool overlap = x.start < y.end() && y.start < x.end();
      const bool same_client = x.attendees[0].client_id == y.attendees[0].client_id;
      CHECK_FALSE((overlap && (x.coach_id == y.coach_id || same_client)));
    }
  const ProgrammeData committed = p.data();
  CHECK(Programme::open(path).data() == committed);
}

TEST_CASE("the service secret is made once with the store, shared by every handle, never in a document",
          "[store][sqlite][secret]") {
  TempDir dir;
  const std::string path = dir.file("secret.db");
  std::string first;
  {
    Programme a = Programme::open(path);
    Programme b = Programme::open(path);
    first = detail::impl_of(a).secret;
    CHECK(first.size() == 64);
    CHECK(detail::impl_of(b).secret == first);
    CHECK(to_json(a.data()).find(first) == std::string::npos);
  }
  const Programme again = Programme::open(path);
  CHECK(detail::impl_of(again).secret == first);
  Peek db(path);
  CHECK(db.scalar("SELECT secret FROM service") == first);
  // Another store, another secret; a programme without a store gets a random one of its own.
  const Programme other = Programme::open(dir.file("other.db"));
  CHECK(detail::impl_of(other).secret != first);
  const Programme p1, p2;
  CHECK(detail::impl_of(p1).secret != detail::impl_of(p2).secret);
}

TEST_CASE("the disclosure floor: at least the NHS rule, kept in the store, seen by other handles",
          "[store][sqlite][disclosure]") {
  TempDir dir;
  const std::string path = dir.file("floor.db");
  Programme a = Programme::open(path);
  CHECK(a.disclosure_floor() == SuppressionPolicy{});
  // Weaker than the NHS rule: refused, naming the member, and nothing changes.
  SuppressionPolicy weak;
  weak.min_count = 5;
  require_rejected(a, [&] { a.set_disclosure_floor(weak); }, ErrorCode::InvalidArgument, "disclosure_floor", "min_count", "policy_below_floor");
  weak = SuppressionPolicy{};
  weak.exact_statistics = true;
  require_rejected(a, [&] { a.set_disclosure_floor(weak); }, ErrorCode::InvalidArgument, "disclosure_floor", "exact_statistics", "policy_below_floor");
  weak = SuppressionPolicy{};
  weak.round_to = 0;
  require_rejected(a, [&] { a.set_disclosure_floor(weak); }, ErrorCode::InvalidArgument, "suppression_policy", "round_to", "policy_range");
  CHECK(a.disclosure_floor() == SuppressionPolicy{});
  // The NHS rule alone is an acceptable floor; a stronger one too; the supervision policy is kept.
  const SupervisionPolicy sup{7, 30, 60, false};
  a.set_supervision_policy(sup);
  SuppressionPolicy strong;
  strong.min_count = 10;
  strong.round_to = 10;
  a.set_disclosure_floor(strong);
  CHECK(a.supervision_policy() == sup);
  Programme b = Programme::open(path);
  CHECK(b.disclosure_floor() == strong);
  a.set_disclosure_floor(kMinimumFloor);
  CHECK(b.disclosure_floor() == kMinimumFloor);
  CHECK(b.supervision_policy() == sup);
}

namespace {
/// Permission bits of a file.
int mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return static_cast<int>(st.st_mode & 0777);
}
}  // namespace

TEST_CASE("sqlite store: a file the library creates, and its -wal and -shm, are private to the owner",
          "[store][permissions]") {
  TempDir dir;
  for (const mode_t mask : {mode_t(0), mode_t(022), mode_t(0277)}) {
    INFO("umask " << std::oct << mask);
    const std::string path = dir.file("private-" + std::to_string(mask) + ".db");
    const mode_t old = ::umask(mask);
    {
      Programme p = Programme::open(path);
      p.add_client(staff_client("s1"));
      // While the handle is open the WAL and its index exist.
      CHECK(mode_of(path) == 0600);
      CHECK(mode_of(path + "-wal") == 0600);
      CHECK(mode_of(path + "-shm") == 0600);
    }
    ::umask(old);
    CHECK(Programme::open(path).client_count() == 1);
  }
  SECTION("an existing file's permissions are left alone") {
    const std::string path = dir.file("shared.db");
    { std::ofstream(path).flush(); }
    REQUIRE(::chmod(path.c_str(), 0640) == 0);
    Programme p = Programme::open(path);
    p.add_client(staff_client("s1"));
    CHECK(mode_of(path) == 0640);
  }
}

// ---- the streaming load and the bulk write path ----------------------------------------------------

TEST_CASE("sqlite: records stored out of key order come back exactly, in stored order, with their child rows",
          "[store][sqlite]") {
  // The load reads a table with child tables in key order and merges the child rows in as they
  // stream; the records must still come back as stored (rowid order) and each with its own rows.
  TempDir dir;
  const std::string path = dir.file("p.db");
  ProgrammeData d = every_kind_data();
  std::reverse(d.sessions.begin(), d.sessions.end());    // child table: attendees (g1 has two)
  std::reverse(d.coaches.begin(), d.coaches.end());      // nested child tables: rota exceptions and their blocks
  std::reverse(d.clients.begin(), d.clients.end());      // no child table: stored order is rowid order
  std::rotate(d.responses.begin(), d.responses.end() - 1, d.responses.end());
  REQUIRE(d.sessions.front().id > d.sessions.back().id);  // really out of key order
  {
    auto store = open_sqlite_store(path);
    store->replace_all(d);
  }
  const ProgrammeData back = open_sqlite_store(path)->load();
  CHECK(back == d);
  REQUIRE(back.sessions.size() == d.sessions.size());
  for (std::size_t i = 0; i < d.sessions.size(); ++i) {
    INFO(d.sessions[i].id);
    CHECK(back.sessions[i].id == d.sessions[i].id);
    CHECK(back.sessions[i].attendees == d.sessions[i].attendees);
  }
  const auto c3 = std::find_if(back.coaches.begin(), back.coaches.end(), [](const Coach& c) { return c.id == "c3"; });
  REQUIRE(c3 != back.coaches.end());
  REQUIRE(c3->rota.exceptions.size() == 2);
  CHECK(c3->rota.exceptions[0].blocks.size() == 2);  // nested rows attached to their own parent element
  CHECK(c3->rota.exceptions[1].blocks.empty());
  // And through the Programme, which keeps its own (key) order.
  CHECK(Programme::open(path).data() == Programme(d).data());
}

TEST_CASE("sqlite: child rows written in any order are read in idx order, each under its own owner",
          "[store][sqlite]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  const ProgrammeData d = every_kind_data();
  {
    auto store = open_sqlite_store(path);
    store->replace_all(d);
  }
  const auto g1 = std::find_if(d.sessions.begin(), d.sessions.end(), [](const Session& s) { return s.id == "g1"; });
  REQUIRE(g1 != d.sessions.end());
  REQUIRE(g1->attendees.size() == 2);
  {
    // Rewrite g1's attendees and resp1's answers backwards (last idx first, the highest rowid
    // for the first idx), and give a1 (which sorts before g1) its row after them.
    Peek db(path);
    db.exec("CREATE TEMP TABLE a AS SELECT * FROM session_attendees");
    db.exec("CREATE TEMP TABLE q AS SELECT * FROM response_answers");
    db.exec("DELETE FROM session_attendees");
    db.exec("DELETE FROM response_answers");
    db.exec("INSERT INTO session_attendees SELECT * FROM a WHERE owner <> 'a1' ORDER BY owner DESC, idx DESC");
    db.exec("INSERT INTO session_attendees SELECT * FROM a WHERE owner = 'a1'");
    db.exec("INSERT INTO response_answers SELECT * FROM q ORDER BY idx DESC");
    REQUIRE(db.scalar("SELECT count(*) FROM session_attendees") ==
            std::to_string(std::accumulate(d.sessions.begin(), d.sessions.end(), std::size_t{0},
                                           [](std::size_t n, const Session& s) { return n + s.attendees.size(); })));
  }
  CHECK(open_sqlite_store(path)->load() == d);
}

TEST_CASE("sqlite: a change larger than incremental catch-up is logged wholesale and other handles reload it all",
          "[store][sqlite][handles]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  { Programme p = Programme::open(path); }
  auto writer = open_sqlite_store(path);
  auto reader = open_sqlite_store(path);
  const ProgrammeData before = reader->load();
  ChangeSet cs;
  constexpr int kMany = 20001;  // one more than a handle catches up with record by record
  for (int i = 0; i < kMany; ++i) {
    Organisation o = organisation("X" + std::to_string(100000 + i), OrgKind::GpPractice);
    cs.created.emplace_back("organisations", o.ods_code);
    cs.upserts.organisations.push_back(std::move(o));
  }
  writer->apply(cs);
  Peek db(path);
  CHECK(db.scalar("SELECT count(*) FROM organisations") == std::to_string(before.organisations.size() + kMany));
  CHECK(db.scalar("SELECT count(*) FROM change_log WHERE tbl = '*'") == "2");  // the new store's, and this change's
  REQUIRE(reader->changed_elsewhere());
  CHECK(reader->catch_up().reload);
  const ProgrammeData after = reader->load();
  CHECK(after.organisations.size() == before.organisations.size() + kMany);
  CHECK(after.organisations.back().ods_code == "X" + std::to_string(100000 + kMany - 1));
  // A created id already taken is still refused, the whole change with it.
  ChangeSet again;
  again.upserts.organisations = {organisation("NEW01"), organisation("X100000")};
  again.created = {{"organisations", "NEW01"}, {"organisations", "X100000"}};
  REQUIRE_THROWS_AS(writer->apply(again), ConflictError);
  CHECK(db.scalar("SELECT count(*) FROM organisations WHERE ods_code = 'NEW01'") == "0");
}

namespace {
/// What a store's load() gives: the programme as a document, or the error (code, record, field,
/// rule and message), so two loads can be compared exactly.
std::string load_outcome(Store& s) {
  try {
    return "loaded " + to_json(s.load());
  } catch (const Error& e) {
    return std::string("refused ") + to_string(e.code()) + " | " + e.record() + " | " + e.field() + " | " + e.rule() +
           " | " + e.what();
  }
}

/// every_kind_data() with a value of every column type in the typed tables: NULL (an absent
/// instant, an optional number, an optional reference), empty text, instants, dates, enums,
/// booleans both ways, reals, a nested object (consent), a document kept whole (scores) and an
/// array of scalars holding a null (answers).
ProgrammeData every_column_type() {
  ProgrammeData d = every_kind_data();
  REQUIRE(d.sessions.size() >= 2);
  REQUIRE(d.clients.size() >= 2);
  REQUIRE(!d.responses.empty());
  REQUIRE(!d.goals.empty());
  REQUIRE(!d.supervision.empty());
  REQUIRE(!d.notes.empty());
  REQUIRE(d.referrals.size() >= 2);
  Session& s = d.sessions.front();
  s.booked_at = Instant(boost::posix_time::not_a_date_time);  // NULL instant
  s.adjustments = "";                                         // empty text
  s.override_by = "Dr Ann O'Neil";
  s.override_reason = "room closed \xE2\x9C\x93";  // UTF-8
  s.series_id = "";                                // optional text stored as NULL
  s.series_index = 0;
  s.minutes = 45;
  s.modality = Modality::Telephone;
  REQUIRE(!s.attendees.empty());
  s.attendees.front().referral_id = "";  // optional reference: NULL
  Session& s2 = d.sessions.back();
  s2.series_id = "series-1";
  s2.series_index = 2147483647;  // the largest int
  s2.agreed_override_by = "Ms B";
  s2.agreed_override_reason = "agreed at review";
  Client& c = d.clients.front();
  c.consent = Consent{true, false, true, at("2024-06-30T12:00:00Z")};
  c.pam_level = 3;
  c.pam_score = 61.25;
  c.leader = true;
  c.ethnically_diverse = true;
  Client& c2 = d.clients.back();
  c2.consent = Consent{};  // recorded_at NULL
  c2.pam_level.reset();
  c2.pam_score.reset();
  Referral& r = d.referrals.front();
  r.preferred_modality = Modality::FaceToFace;
  r.sessions_wanted = 4;
  r.closed = true;
  r.adjustments = "large print";
  d.referrals.back().preferred_modality.reset();
  d.referrals.back().sessions_wanted.reset();
  Response& resp = d.responses.front();
  resp.answers = {1, std::nullopt, 3};
  resp.recorded_score.reset();
  Response scored = resp;
  scored.id = "resp-scored";
  scored.answers.clear();
  scored.recorded_score = 7.25;
  scored.scores = {{"total", 12.5}, {"sub", -1.0}};
  d.responses.push_back(scored);
  Goal& g = d.goals.front();
  g.baseline.reset();
  g.target = 8;
  d.supervision.front().group = true;
  d.supervision.front().pci_assured = true;
  d.notes.front().written_at = Instant(boost::posix_time::not_a_date_time);
  const Response& r0 = d.responses.front();  // (resp moved with the push_back above)
  RiskFlag open_flag{r0.id + "#self_harm_risk", r0.id, r0.client_id, r0.instrument_id, "self_harm_risk",
                     at("2024-07-10T09:00:00Z"), "", Instant(boost::posix_time::not_a_date_time), ""};
  RiskFlag seen = open_flag;
  seen.id = r0.id + "#other";
  seen.flag = "other";
  seen.acknowledged_by = "Dr C";
  seen.acknowledged_at = at("2024-07-11T09:00:00Z");
  seen.action = "called the client";
  d.risk_flags = {open_flag, seen};
  REQUIRE(!d.safeguarding.empty());
  SafeguardingConcern open_concern = d.safeguarding.front();
  open_concern.id = "sg-open";
  open_concern.session_id = "";  // optional reference: NULL
  open_concern.escalated_to = "";
  open_concern.escalated_at = Instant(boost::posix_time::not_a_date_time);
  open_concern.risk_flag_id = open_flag.id;
  d.safeguarding.push_back(open_concern);
  REQUIRE(!d.waiting_list.empty());
  d.waiting_list.front().offered_at = Instant(boost::posix_time::not_a_date_time);
  return d;
}
}  // namespace

TEST_CASE("sqlite: records read straight from their cells are those read through their documents, every column type",
          "[store][sqlite]") {
  // The typed read (typed_read.hpp) covers the tables that grow with a service; each must read
  // every record exactly as the document path does.
  const std::vector<std::string> typed = store_schema::typed_tables();
  for (const char* t : {"sessions", "responses", "clients", "referrals", "goals", "notes", "supervision", "waiting_list",
                        "safeguarding", "risk_flags"}) {
    INFO(t);
    CHECK(std::find(typed.begin(), typed.end(), t) != typed.end());
  }
  TempDir dir;
  const std::string path = dir.file("p.db");
  const ProgrammeData d = every_column_type();
  open_sqlite_store(path)->replace_all(d);
  auto cells = open_sqlite_store(path);
  auto documents = open_sqlite_store(path);
  REQUIRE(store_schema::set_typed_reads(*documents, false));
  const ProgrammeData a = cells->load();
  CHECK(a == documents->load());
  CHECK(a == d);
  CHECK(store_schema::document_reads(*cells) == 0u);  // every record read from its cells
  // Catching up record by record reads typed too.
  {
    Programme p = Programme::open(path);
    Session s = p.data().sessions.front();
    s.adjustments = "step-free access";
    auto writer = open_sqlite_store(path);
    ProgrammeData u;
    u.sessions.push_back(s);
    ChangeSet change;
    change.upserts = u;
    writer->apply(change);
    const Catchup up = cells->catch_up();
    CHECK_FALSE(up.reload);
    REQUIRE(up.changes.upserts.sessions.size() == 1);
    CHECK(up.changes.upserts.sessions.front() == s);
  }
  CHECK_FALSE(store_schema::set_typed_reads(*make_memory_store(), false));
}

TEST_CASE("sqlite: a store edited by hand reads the same, or is refused with the same error, typed or not",
          "[store][sqlite]") {
  const ProgrammeData d = every_column_type();
  const std::string s = d.sessions.front().id, resp = d.responses.front().id, cl = d.clients.front().id;
  const std::string g = d.goals.front().id, sv = d.supervision.front().id, rf = d.referrals.front().id;
  struct Edit {
    std::string sql;
    bool refused;  // the document path refuses it
  };
  const std::vector<Edit> edits = {
      {"UPDATE sessions SET status = 'bogus' WHERE id = '" + s + "'", true},             // unknown enum name
      {"UPDATE sessions SET start = 'not an instant' WHERE id = '" + s + "'", true},     // instant that does not parse
      {"UPDATE sessions SET start = NULL WHERE id = '" + s + "'", false},                // required instant: not-a-time
      {"UPDATE sessions SET offer_id = 7 WHERE id = '" + s + "'", false},                // a number in a text column: its text
      {"UPDATE sessions SET minutes = 'ten' WHERE id = '" + s + "'", false},             // text in an integer column
      {"UPDATE sessions SET series_index = 3000000000 WHERE id = '" + s + "'", true},    // int out of range
      {"UPDATE sessions SET coach_id = NULL WHERE id = '" + s + "'", true},              // required text NULL
      {"UPDATE session_attendees SET status = 'gone' WHERE owner = '" + s + "'", true},  // child row enum
      {"UPDATE responses SET scores = '{not json' WHERE id = '" + resp + "'", false},    // a document that is not JSON
      {"UPDATE responses SET time_point = NULL WHERE id = '" + resp + "'", true},        // required enum NULL
      {"UPDATE responses SET recorded_score = 'high' WHERE id = '" + resp + "'", false}, // text in a real column
      {"UPDATE response_answers SET answer = 2.5 WHERE owner = '" + resp + "'", false},  // real in an integer column
      {"UPDATE supervision SET date = '2024-13-45' WHERE id = '" + sv + "'", true},       // date that does not parse
      {"UPDATE clients SET consent_coaching = 'yes' WHERE id = '" + cl + "'", false},    // text in a boolean column
      {"UPDATE clients SET pam_score = NULL WHERE id = '" + cl + "'", false},            // optional real NULL
      {"UPDATE goals SET baseline = 99999999999 WHERE id = '" + g + "'", true},          // int out of range
      {"UPDATE referrals SET requested_at = '' WHERE id = '" + rf + "'", true},          // empty instant text
      {"UPDATE risk_flags SET raised_at = 'yesterday'", true},                           // instant that does not parse
      {"UPDATE safeguarding SET category = 'unknown-category'", true},                    // unknown enum name
      {"UPDATE waiting_list SET status = NULL", false},                                   // optional enum NULL: default
  };
  for (const auto& e : edits) {
    INFO(e.sql);
    TempDir dir;
    const std::string path = dir.file("p.db");
    open_sqlite_store(path)->replace_all(d);
    {
      Peek db(path);
      db.exec("PRAGMA foreign_keys=OFF");
      db.exec(e.sql);
    }
    auto cells = open_sqlite_store(path);
    auto documents = open_sqlite_store(path);
    REQUIRE(store_schema::set_typed_reads(*documents, false));
    const std::string typed = load_outcome(*cells), whole = load_outcome(*documents);
    CHECK(typed == whole);
    CHECK((typed.rfind("refused ", 0) == 0) == e.refused);
    // A refused record was read through its document, which named the error.
    if (e.refused) CHECK(store_schema::document_reads(*cells) >= 1u);
  }
}

TEST_CASE("sqlite: child rows stored out of key order, or orphaned, read as the key-order walk reads them",
          "[store][sqlite]") {
  // A whole-table typed read scans each table in stored (rowid) order and gives each child row to
  // its owner by id; child rows a hand edit left out of (owner, idx) order make it read that
  // table in key order instead. Either way the records are those the document path reads.
  ProgrammeData d = every_column_type();
  Session& s = d.sessions.front();
  const std::string sid = s.id, other = d.sessions.back().id, cl = d.clients.back().id;
  {
    Attendee extra = s.attendees.front();  // the store does not judge the records: a second place
    extra.client_id = cl;
    extra.referral_id.clear();
    s.attendees.push_back(extra);
  }
  REQUIRE(s.attendees.size() >= 2);
  REQUIRE(d.responses.front().answers.size() >= 2);
  auto reversed_sessions = d;
  std::reverse(reversed_sessions.sessions.begin(), reversed_sessions.sessions.end());
  const auto reinsert = [](const std::string& table, const std::string& order) {
    return "CREATE TEMP TABLE x AS SELECT * FROM " + table + "; DELETE FROM " + table + "; INSERT INTO " + table +
           " SELECT * FROM x ORDER BY " + order + "; DROP TABLE x;";
  };
  struct Edit {
    std::string sql;
    const ProgrammeData* expect;  // what the store now holds (nullptr: only that both paths agree)
  };
  const std::vector<Edit> edits = {
      {"", &d},
      // Each owner's rows in falling idx order, owners in falling order.
      {reinsert("session_attendees", "owner DESC, idx DESC"), &d},
      {reinsert("response_answers", "owner DESC, idx DESC"), &d},
      // One owner's rows split: its first row moved after every other owner's rows.
      {"CREATE TEMP TABLE x AS SELECT * FROM session_attendees WHERE owner = '" + sid +
           "' AND idx = 0; DELETE FROM session_attendees WHERE owner = '" + sid +
           "' AND idx = 0; INSERT INTO session_attendees SELECT * FROM x; DROP TABLE x;",
       &d},
      // The rows of the last session first, then the rest: owners found out of step.
      {"CREATE TEMP TABLE x AS SELECT * FROM session_attendees WHERE owner <> '" + other +
           "'; DELETE FROM session_attendees WHERE owner <> '" + other +
           "'; INSERT INTO session_attendees SELECT * FROM x; DROP TABLE x;",
       &d},
      // Rows whose owner does not exist (foreign keys off) are not read by either path.
      {"INSERT INTO session_attendees (owner, idx, client_id, status) VALUES ('no-such-session', 0, '" + cl +
           "', 'booked'); INSERT INTO response_answers (owner, idx, answer) VALUES ('no-such-response', 0, 1)",
       &d},
      // Records stored in the other order: read in that order, each with its own child rows.
      {reinsert("sessions", "rowid DESC"), &reversed_sessions},
      // An idx that is not an integer: read in key order, as the document path does.
      {"UPDATE session_attendees SET idx = 'z' WHERE owner = '" + sid + "' AND idx = 0", nullptr},
  };
  for (const auto& e : edits) {
    INFO(e.sql);
    TempDir dir;
    const std::string path = dir.file("p.db");
    open_sqlite_store(path)->replace_all(d);
    if (!e.sql.empty()) {
      Peek db(path);
      db.exec("PRAGMA foreign_keys=OFF");
      db.exec(e.sql);
    }
    auto cells = open_sqlite_store(path);
    auto documents = open_sqlite_store(path);
    REQUIRE(store_schema::set_typed_reads(*documents, false));
    const ProgrammeData typed = cells->load();
    CHECK(typed == documents->load());
    if (e.expect) CHECK(typed == *e.expect);
    CHECK(store_schema::document_reads(*cells) == 0u);
  }
}
