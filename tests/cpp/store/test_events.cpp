// The durable outbox and risk flags in the SQLite store: events written in the transaction of
// their change (a change rolled back, rejected or killed before COMMIT leaves none), one outbox
// for every handle and process, acknowledgement cumulative and kept in the file; a v4 store
// migrates to v5 and a response it already held raises its flag.
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"
#include "store_schema.hpp"
#include "raw_sql.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

Response phq9(std::string id, std::string client, int item9) {
  Response r;
  r.id = std::move(id);
  r.client_id = std::move(client);
  r.instrument_id = "phq9";
  r.recorded_at = at("2024-07-08T10:00:00Z");
  r.answers = {0, 1, 0, 1, 0, 1, 0, 1, item9};
  return r;
}

}  // namespace

TEST_CASE("outbox: events commit with their change, across handles, and acknowledgement is kept", "[store][events]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  Programme a = Programme::open(path);
  Programme b = Programme::open(path);
  add_people(a);
  CHECK(a.pending_events().empty());
  a.book(one_to_one("x1", "c1", "s1", at("2024-07-08T09:00:00Z")));
  // Rejected through the other handle (it sees the committed booking): no event.
  require_error([&] { b.book(one_to_one("x2", "c1", "s2", at("2024-07-08T09:00:00Z"))); }, ErrorCode::Conflict, "x2",
                "start", "coach_double_booked");
  b.book(one_to_one("x3", "c2", "s2", at("2024-07-08T09:00:00Z")));
  const Score s = b.add_response(phq9("q1", "s1", 2));
  CHECK(s.risk_flags == std::vector<std::string>{"self_harm_risk"});
  CHECK(scalar(path, "SELECT count(*) FROM events") == "3");
  CHECK(scalar(path, "SELECT group_concat(kind, ',') FROM (SELECT kind FROM events ORDER BY seq)") ==
        "session_booked,session_booked,risk_flag_raised");
  CHECK(scalar(path, "SELECT flag FROM risk_flags WHERE id = 'q1#self_harm_risk'") == "self_harm_risk");

  const auto ea = a.pending_events();
  CHECK(ea == b.pending_events());
  REQUIRE(ea.size() == 3);
  CHECK(ea[0].records == std::vector<std::string>{"x1", "s1"});
  CHECK(ea[1].records == std::vector<std::string>{"x3", "s2"});
  CHECK(ea[2].kind == EventKind::RiskFlagRaised);

  require_error([&] { b.acknowledge_events(4); }, ErrorCode::InvalidArgument, "events", "up_to_seq", "event_seq_known");
  a.acknowledge_events(2);
  b.acknowledge_events(2);  // twice, from another handle: harmless
  b.acknowledge_events(1);  // below the mark: the mark stays
  CHECK(scalar(path, "SELECT acked FROM event_ack") == "2");
  REQUIRE(b.pending_events().size() == 1);
  CHECK(b.pending_events()[0].seq == 3);
  {
    Programme c = Programme::open(path);  // a fresh open sees the same outbox and mark
    REQUIRE(c.pending_events().size() == 1);
    CHECK(c.pending_events()[0].seq == 3);
    // The acknowledgement made through the other handle is seen by the flag's reader as well.
    c.acknowledge_risk_flag("q1#self_harm_risk", "Dr Patel", at("2024-07-08T11:00:00Z"), "called");
  }
  CHECK(a.risk_flags(true).empty());
  CHECK(scalar(path, "SELECT acknowledged_by FROM risk_flags") == "Dr Patel");
  const auto audit = a.audit(at("2024-07-09T09:00:00Z"));
  CHECK(std::none_of(audit.begin(), audit.end(), [](const Breach& x) { return x.rule == "risk_flag_open"; }));
}

TEST_CASE("outbox: a process killed after booking, before acknowledging, leaves the event exactly once",
          "[store][events][processes]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  {
    Programme p = Programme::open(path);
    add_people(p);
  }
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int rc = 0;
    try {
      Programme p = Programme::open(path);
      p.book(one_to_one("k1", "c1", "s1", at("2024-07-08T09:00:00Z")));
      if (p.pending_events().size() != 1) rc = 3;
    } catch (...) {
      rc = 2;
    }
    _exit(rc);  // dies without acknowledging (and without destructors)
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  Programme p = Programme::open(path);
  const auto ev = p.pending_events();
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].kind == EventKind::SessionBooked);
  CHECK(ev[0].records == std::vector<std::string>{"k1", "s1"});
  p.acknowledge_events(ev[0].seq);
  CHECK(Programme::open(path).pending_events().empty());
}

TEST_CASE("outbox: a change whose transaction dies before COMMIT leaves neither the record nor its event",
          "[store][events][processes]") {
  TempDir dir;
  const std::string path = dir.file("p.db");
  {
    Programme p = Programme::open(path);
    add_people(p);
  }
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    auto store = open_sqlite_store(path);
    store->begin();
    ChangeSet cs;
    Session s = one_to_one("ghost", "c1", "s1", at("2024-07-08T09:00:00Z"));
    s.minutes = 50;
    cs.upserts.sessions.push_back(s);
    cs.created.emplace_back("sessions", "ghost");
    Event e;
    e.kind = EventKind::SessionBooked;
    e.at = at("2024-07-01T00:00:00Z");
    e.records = {"ghost", "s1"};
    e.payload = "{}";
    cs.events.push_back(e);
    store->apply(cs);
    _exit(0);  // no COMMIT
  }
  int status = 0;
  waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  Programme p = Programme::open(path);
  CHECK(p.pending_events().empty());
  CHECK(p.sessions().empty());
  CHECK(scalar(path, "SELECT count(*) FROM events") == "0");
}

TEST_CASE("outbox: a v4 store migrates to v5 and a risky response it held raises its flag", "[store][events][safety]") {
  TempDir dir;
  const std::string path = dir.file("v4.db");
  {
    Programme p = Programme::open(path);
    add_people(p);
    p.add_response(phq9("q1", "s1", 1));
  }
  // Make the file what a version 4 build wrote: no v5 (or later) tables or columns, no flag rows.
  std::string later;
  for (const auto& t : store_schema::tables())
    if (t.since > 5) {
      for (const auto& c : t.children) later += std::string("DROP TABLE ") + c.table + "; ";
      later += std::string("DROP TABLE ") + t.table + "; ";
    }
  sql(path, "BEGIN; " + later + "DROP TABLE risk_flags; DROP TABLE events; DROP TABLE event_ack; "
             "ALTER TABLE safeguarding DROP COLUMN risk_flag_id; PRAGMA user_version = 4; "
             // Version 4 kept NHS numbers as typed.
             "UPDATE clients SET nhs_number = substr(nhs_number, 1, 3) || ' ' || substr(nhs_number, 4, 3) || ' ' || "
             "substr(nhs_number, 7) WHERE nhs_number <> ''; COMMIT");
  CHECK(scalar(path, "SELECT count(*) FROM clients WHERE nhs_number LIKE '___ ___ ____'") != "0");
  CHECK(scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'risk_flags'") == "0");
  Programme p = Programme::open(path);
  CHECK(scalar(path, "PRAGMA user_version") == std::to_string(store_schema::kVersion));
  CHECK(scalar(path, "SELECT count(*) FROM clients WHERE nhs_number LIKE '% %'") == "0");  // canonical now
  CHECK(scalar(path, "SELECT count(*) FROM clients WHERE length(nhs_number) = 10") != "0");
  CHECK(scalar(path, "SELECT acked FROM event_ack") == "0");
  REQUIRE(p.risk_flags(true).size() == 1);
  CHECK(p.risk_flags()[0].id == "q1#self_harm_risk");
  bool listed = false;
  for (const auto& b : p.audit(at("2024-07-09T09:00:00Z"))) listed = listed || (b.rule == "risk_flag_open" && b.record == "q1#self_harm_risk");
  CHECK(listed);
  // The first open stored the flag the load raised, with its event, so the host is alerted too.
  CHECK(scalar(path, "SELECT count(*) FROM risk_flags WHERE id = 'q1#self_harm_risk'") == "1");
  const auto ev = p.pending_events();
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].kind == EventKind::RiskFlagRaised);
  CHECK(ev[0].records == std::vector<std::string>{"q1#self_harm_risk", "q1", "s1"});
  CHECK(Programme::open(path).pending_events().size() == 1);  // a second open raises nothing again
  p.acknowledge_risk_flag("q1#self_harm_risk", "Dr Patel", at("2024-07-08T12:00:00Z"));
  CHECK(scalar(path, "SELECT acknowledged_by FROM risk_flags WHERE id = 'q1#self_harm_risk'") == "Dr Patel");
  CHECK(Programme::open(path).risk_flags(true).empty());
}

TEST_CASE("outbox: an acknowledged mark cannot go negative or be moved past the outbox by SQL checks", "[store][events]") {
  CHECK(store_schema::kVersion >= 5);
  TempDir dir;
  const std::string path = dir.file("p.db");
  { Programme p = Programme::open(path); }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "UPDATE event_ack SET acked = -1", nullptr, nullptr, nullptr) != SQLITE_OK);
  CHECK(sqlite3_exec(db, "INSERT INTO event_ack (id, acked) VALUES (2, 0)", nullptr, nullptr, nullptr) != SQLITE_OK);
  sqlite3_close(db);
}
