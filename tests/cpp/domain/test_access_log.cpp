// The access log (in memory) and the supervisor audience: every read of notes, goals and client
// records and every export is logged, allowed or refused, without content; the chain verifies and
// names the first broken entry; internal reads are not logged; a supervisor sees caseload
// metadata of their supervisees only.
#include <algorithm>
#include <atomic>
#include <thread>

#include "access_chain.hpp"
#include "crypto.hpp"
#include "laycoach/evaluation.hpp"
#include "laycoach/store.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

const Viewer kManager{Audience::ServiceManager, "mgr"};
const Viewer kSupervisor{Audience::Supervisor, "Supervisor S"};

/// The entries after the first `skip`, without the manager's own reads of the log.
std::vector<AccessEntry> entries_after(const Programme& p, std::size_t skip) {
  auto all = p.access_log(kManager);
  std::vector<AccessEntry> out(all.begin() + static_cast<std::ptrdiff_t>(std::min(skip, all.size())), all.end());
  std::erase_if(out, [](const AccessEntry& e) { return e.operation == "read_access_log"; });
  return out;
}

AccessEntry entry(long long seq, const char* op, std::vector<std::string> records, const char* outcome = "allowed") {
  AccessEntry e;
  e.seq = seq;
  e.at = at("2024-07-08T09:00:00Z");
  e.audience = "coach";
  e.viewer_id = "c1";
  e.operation = op;
  e.records = std::move(records);
  e.outcome = outcome;
  return e;
}

/// A chain of n entries built by the one rule (access_chain::link).
std::vector<AccessEntry> chain(int n) {
  access_chain::MemoryChain c;
  for (int i = 0; i < n; ++i) c.append(entry(0, "read_notes", {"a" + std::to_string(i), "n" + std::to_string(i)}));
  return c.entries();
}

/// Forwards to an in-memory store but cannot write the access log (a full disk, a lost lock).
class LogFailingStore final : public Store {
 public:
  LogFailingStore() : inner_(make_memory_store()) {}
  ProgrammeData load() override { return inner_->load(); }
  void apply(const ChangeSet& c) override { inner_->apply(c); }
  void replace_all(const ProgrammeData& d) override { inner_->replace_all(d); }
  std::string service_secret() override { return inner_->service_secret(); }
  AccessEntry append_access(const AccessEntry&) override { throw IoError("store", "disk full"); }
  std::vector<AccessEntry> access_log() override { return inner_->access_log(); }
  std::vector<Event> pending_events(std::size_t limit) override { return inner_->pending_events(limit); }
  void acknowledge_events(std::int64_t up_to_seq) override { inner_->acknowledge_events(up_to_seq); }

 private:
  std::unique_ptr<Store> inner_;
};

}  // namespace

TEST_CASE("access log: the canonical encoding and hash are as documented", "[access_log]") {
  AccessEntry e = entry(1, "read_notes", {"a1", "n1"});
  e.rule = "";
  const std::string canonical =
      "laycoach-access-log/1" "1:1;" "20:2024-07-08T09:00:00Z;" "5:coach;" "2:c1;" "10:read_notes;" "1:2;" "2:a1;"
      "2:n1;" "7:allowed;" "0:;";
  CHECK(access_chain::canonical(e) == canonical);
  CHECK(access_chain::genesis() == std::string(64, '0'));
  CHECK(access_chain::link(access_chain::genesis(), e) == crypto::hex(crypto::sha256(std::string(64, '0') + canonical)));
  // Length prefixes keep fields apart: moving a character from one field to the next changes it.
  AccessEntry f = e;
  f.records = {"a1n", "1"};
  CHECK(access_chain::link(access_chain::genesis(), f) != access_chain::link(access_chain::genesis(), e));
}

TEST_CASE("access log: verify names the first broken entry of a tampered chain", "[access_log]") {
  const auto good = chain(6);
  CHECK(access_chain::verify(good) == AccessLogCheck{true, 6, 0, "", good.back().hash});
  CHECK(access_chain::verify({}) == AccessLogCheck{true, 0, 0, "", ""});
  auto broken_at = [](const std::vector<AccessEntry>& v) { return access_chain::verify(v).first_broken; };
  SECTION("an edited operation, record id, time, viewer or outcome") {
    auto v = good;
    v[2].operation = "read_goals";
    CHECK(broken_at(v) == 3);
    v = good;
    v[3].records[1] = "n99";
    CHECK(broken_at(v) == 4);
    v = good;
    v[1].at += boost::posix_time::seconds(1);
    CHECK(broken_at(v) == 2);
    v = good;
    v[4].viewer_id = "c2";
    CHECK(broken_at(v) == 5);
    v = good;
    v[0].outcome = "denied";
    CHECK(broken_at(v) == 1);
    CHECK(access_chain::verify(v).problem == "hash");
  }
  SECTION("an edited entry whose hash was recomputed breaks the next link") {
    auto v = good;
    v[2].records = {"elsewhere"};
    v[2].hash = access_chain::link(v[1].hash, v[2]);
    CHECK(broken_at(v) == 4);
  }
  SECTION("a deleted entry") {
    auto v = good;
    v.erase(v.begin() + 2);
    const auto c = access_chain::verify(v);
    CHECK_FALSE(c.intact);
    CHECK(c.first_broken == 3);
    CHECK(c.problem == "missing");
    // Renumbered to hide the gap: the hashes no longer match.
    for (std::size_t i = 2; i < v.size(); ++i) v[i].seq = static_cast<long long>(i) + 1;
    CHECK(broken_at(v) == 3);
    CHECK(access_chain::verify(v).problem == "hash");
  }
  SECTION("two entries swapped") {
    auto v = good;
    std::swap(v[1], v[3]);
    std::swap(v[1].seq, v[3].seq);  // each keeps the other's position
    CHECK(broken_at(v) == 2);
  }
}

TEST_CASE("access log: every read of confidential content is logged, allowed or denied, without content",
          "[access_log][confidentiality]") {
  Programme p;
  add_every_kind(p);
  const Instant t0 = boost::posix_time::second_clock::universal_time();
  const std::size_t skip = p.access_log(kManager).size();

  CHECK(p.notes("a1", as_coach("c1")).size() == 1);
  CHECK_THROWS_AS(p.notes("a1", as_coach("c2")), ForbiddenError);
  CHECK_THROWS_AS(p.notes("a1", kSupervisor), ForbiddenError);
  CHECK_THROWS_AS(p.notes("nope", as_coach("c1")), NotFoundError);
  CHECK(p.goals("s1", as_client("s1")).size() == 1);
  CHECK_THROWS_AS(p.goals("s1", as_employer("RXA01")), ForbiddenError);
  CHECK(p.client("s1", kManager).id == "s1");
  CHECK_THROWS_AS(p.client("s1", {Audience::Commissioner, ""}), ForbiddenError);
  (void)p.data();

  const auto log = entries_after(p, skip);
  const Instant t1 = boost::posix_time::second_clock::universal_time();
  REQUIRE(log.size() == 9);
  struct Expect {
    const char* audience;
    const char* id;
    const char* op;
    std::vector<std::string> records;
    const char* outcome;
    const char* rule;
  };
  const std::vector<Expect> want = {
      {"coach", "c1", "read_notes", {"a1", "n1"}, "allowed", ""},
      {"coach", "c2", "read_notes", {"a1"}, "denied", "confidentiality"},
      {"supervisor", "Supervisor S", "read_notes", {"a1"}, "denied", "confidentiality"},
      {"coach", "c1", "read_notes", {"nope"}, "denied", "reference_resolves"},
      {"client", "s1", "read_goals", {"s1", "goal1"}, "allowed", ""},
      {"employer", "RXA01", "read_goals", {"s1"}, "denied", "confidentiality"},
      {"service_manager", "mgr", "read_client", {"s1"}, "allowed", ""},
      {"commissioner", "", "read_client", {"s1"}, "denied", "confidentiality"},
      {"service_manager", "", "export_programme", {}, "allowed", ""},
  };
  for (std::size_t i = 0; i < want.size(); ++i) {
    INFO("entry " << i);
    CHECK(log[i].audience == want[i].audience);
    CHECK(log[i].viewer_id == want[i].id);
    CHECK(log[i].operation == want[i].op);
    CHECK(log[i].records == want[i].records);
    CHECK(log[i].outcome == want[i].outcome);
    CHECK(log[i].rule == want[i].rule);
    CHECK(log[i].at >= t0);
    CHECK(log[i].at <= t1);
    if (i) CHECK(log[i].seq > log[i - 1].seq);
  }
  // Never the content: no note text, goal description or client attribute in any field.
  for (const auto& e : p.access_log(kManager))
    for (const std::string& s : {e.audience, e.viewer_id, e.operation, e.outcome, e.rule}) {
      CHECK(s.find("sleep") == std::string::npos);
      CHECK(s.find("breaks") == std::string::npos);
    }
  const AccessLogCheck check = p.verify_access_log();
  CHECK(check.intact);
  const auto all = p.access_log(kManager);  // what the check saw (this read is logged after it returns)
  REQUIRE(all.size() == static_cast<std::size_t>(check.entries));
  CHECK(check.head == all.back().hash);
}

TEST_CASE("access log: only the service manager reads it; reads of it are logged too", "[access_log]") {
  Programme p;
  add_every_kind(p);
  (void)p.notes("a1", as_coach("c1"));
  const auto before = p.access_log(kManager);
  for (const Viewer& v : {as_coach("c1"), as_client("s1"), kSupervisor, Viewer{Audience::Public, ""},
                          Viewer{Audience::Commissioner, ""}, as_employer("RXA01")})
    require_error([&] { p.access_log(v); }, ErrorCode::Forbidden, "access_log", "viewer", "confidentiality");
  const auto after = p.access_log(kManager);
  REQUIRE(after.size() == before.size() + 7);  // the manager's first read, six refusals
  CHECK(std::equal(before.begin(), before.end(), after.begin()));  // append-only
  CHECK(after[before.size()].operation == "read_access_log");
  CHECK(after[before.size()].outcome == "allowed");
  CHECK(after[before.size() + 1].outcome == "denied");
  CHECK(after.back().audience == "employer");
  CHECK(p.verify_access_log().intact);
  CHECK(p.verify_access_log().entries == static_cast<long long>(after.size()) + 1);
}

TEST_CASE("access log: internal reads (snapshots, engines, tables, aggregates) are not logged", "[access_log]") {
  Programme p;
  add_every_kind(p);
  const auto n = p.access_log(kManager).size();
  (void)p.sessions();
  (void)p.summary({Audience::Commissioner, ""});
  (void)p.summary(as_coach("c1"));
  (void)evaluate(p);
  (void)store_table_data(p, "clients");
  (void)p.audit(at("2024-08-01T00:00:00Z"));
  (void)p.overdue_supervision(day("2024-08-01"));
  (void)p.supervisee_caseloads(kSupervisor, day("2024-08-01"));
  CHECK(p.access_log(kManager).size() == n + 1);  // only the manager's previous read
}

TEST_CASE("access log: when the entry cannot be written the read fails with the IoError and returns nothing",
          "[access_log]") {
  Programme p = Programme::open(std::make_unique<LogFailingStore>());
  add_every_kind(p);
  require_error([&] { p.notes("a1", as_coach("c1")); }, ErrorCode::Io, "store", "", "io");
  require_error([&] { p.goals("s1", as_client("s1")); }, ErrorCode::Io, "store", "", "io");
  require_error([&] { p.client("s1", kManager); }, ErrorCode::Io, "store", "", "io");
  require_error([&] { p.data(); }, ErrorCode::Io, "store", "", "io");
  // A refusal that cannot be recorded fails with the IoError too.
  require_error([&] { p.notes("a1", as_coach("c2")); }, ErrorCode::Io, "store", "", "io");
  // Writes and internal reads go on.
  p.add_client(staff_client("s9"));
  CHECK(p.client_count() == 7);
}

TEST_CASE("access log: the in-memory store keeps it, and replace leaves it alone", "[access_log]") {
  auto shared = std::shared_ptr<Store>(make_memory_store());
  Programme p = Programme::open(std::make_unique<SharedStore>(shared));
  add_every_kind(p);
  (void)p.notes("a1", as_coach("c1"));
  REQUIRE(shared->access_log().size() == 1);
  CHECK(shared->access_log().front().records == std::vector<std::string>{"a1", "n1"});
  p.replace(p.data());
  CHECK(shared->access_log().size() == 2);  // the export; the replace wrote no entry and removed none
  CHECK(access_chain::verify(shared->access_log()).intact);
  // A second programme on the same store appends to the same chain.
  Programme q = Programme::open(std::make_unique<SharedStore>(shared));
  (void)q.goals("s1", as_coach("c1"));
  CHECK(p.access_log(kManager).size() == 3);
  CHECK(q.verify_access_log().intact);
}

TEST_CASE("access log: concurrent reads, writes and log reads on one programme neither deadlock nor break the chain",
          "[access_log]") {
  Programme p;
  add_every_kind(p);
  std::atomic<int> refused{0};  // (Catch2's assertions are not for other threads)
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; ++t)
    ts.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        if (t == 0) (void)p.notes("a1", as_coach("c1"));
        if (t == 1) p.add_client(staff_client("z" + std::to_string(i)));
        if (t == 2) (void)p.access_log(kManager);
        if (t == 3) try {
            (void)p.goals("s1", as_coach("h1"));
          } catch (const ForbiddenError&) {
            ++refused;
          }
      }
    });
  for (auto& t : ts) t.join();
  CHECK(refused == 50);
  CHECK(p.client_count() == 6 + 50);
  const auto check = p.verify_access_log();
  CHECK(check.intact);
  CHECK(check.entries == 150);
}

// ---- the supervisor audience ---------------------------------------------------------------------

TEST_CASE("supervisor: caseload metadata of their supervisees, never notes, goals or client records",
          "[supervisor][confidentiality]") {
  Programme p;
  add_every_kind(p);  // "Supervisor S" supervises h1 (health coaching, clinical) and c1 (health coaching, line management)
  SupervisionRecord other = supervision("sv9", "c2", SupervisionKind::Clinical, day("2024-07-05"));
  other.supervisor = "Dr Other";
  p.add_supervision(other);

  const auto v = p.supervisee_caseloads(kSupervisor, day("2024-07-31"));
  REQUIRE(v.size() == 2);
  const SuperviseeCaseload& c1 = v[0];
  CHECK(c1.coach_id == "c1");
  CHECK(c1.active);
  // c1: a1 attended (8 Jul), a2 client DNA (15 Jul), a3 rescheduled to a4 (23 Jul, booked).
  CHECK(c1.sessions == 4);
  CHECK(c1.clients == 1);
  auto count = [](const SuperviseeCaseload& c, SessionStatus s) {
    for (const auto& [st, n] : c.by_status)
      if (st == s) return n;
    FAIL("status missing");
    return -1LL;
  };
  CHECK(c1.by_status.size() == 7);
  CHECK(count(c1, SessionStatus::Attended) == 1);
  CHECK(count(c1, SessionStatus::ClientDidNotAttend) == 1);
  CHECK(count(c1, SessionStatus::Rescheduled) == 1);
  CHECK(count(c1, SessionStatus::Booked) == 1);
  CHECK(count(c1, SessionStatus::CancelledByCoach) == 0);
  CHECK(c1.booked_ahead == 0);
  CHECK(c1.last_session == day("2024-07-08"));
  CHECK(c1.last_supervision[static_cast<int>(SupervisionKind::HealthCoaching)] == day("2024-07-03"));
  CHECK(c1.last_supervision[static_cast<int>(SupervisionKind::LineManagement)] == day("2024-06-03"));
  CHECK_FALSE(c1.last_supervision[static_cast<int>(SupervisionKind::Clinical)].has_value());
  // Overdue support is overdue_supervision's, for this coach.
  std::vector<OverdueSupervision> want;
  for (const auto& o : p.overdue_supervision(day("2024-07-31")))
    if (o.coach_id == "c1") want.push_back(o);
  CHECK(c1.overdue == want);
  CHECK_FALSE(c1.overdue.empty());
  CHECK(v[1].coach_id == "h1");
  CHECK(v[1].sessions == 2);
  CHECK(v[1].clients == 2);

  // On an earlier date: later sessions are ahead, later meetings do not count yet.
  const auto early = p.supervisee_caseloads(kSupervisor, day("2024-06-30"));
  REQUIRE(early.size() == 1);  // h1 first met S on 1 July; c1 on 3 June (line management)
  CHECK(early[0].coach_id == "c1");
  CHECK(early[0].sessions == 0);
  CHECK(early[0].booked_ahead == 1);  // a4

  // Nothing confidential, and each refusal is logged as denied.
  const auto n = p.access_log(kManager).size();
  require_error([&] { p.notes("a1", kSupervisor); }, ErrorCode::Forbidden, "a1", "viewer", "confidentiality");
  require_error([&] { p.goals("s1", kSupervisor); }, ErrorCode::Forbidden, "s1", "viewer", "confidentiality");
  require_error([&] { p.client("s1", kSupervisor); }, ErrorCode::Forbidden, "s1", "viewer", "confidentiality");
  const auto log = entries_after(p, n);
  REQUIRE(log.size() == 3);
  for (const auto& e : log) {
    CHECK(e.audience == "supervisor");
    CHECK(e.outcome == "denied");
  }
  // No evaluation or summary either.
  EvaluationOptions opt;
  opt.viewer = kSupervisor;
  require_error([&] { evaluate(p, opt); }, ErrorCode::Forbidden, "Supervisor S", "viewer", "confidentiality");
  require_error([&] { p.summary(kSupervisor); }, ErrorCode::Forbidden, "Supervisor S", "viewer", "confidentiality");
  // Notes and goals cannot be written as a supervisor.
  require_rejected(p, [&] { p.add_goal({"g9", "s1", "", "x", 1, 2, GoalAttainment::NotStarted}, kSupervisor); },
                   ErrorCode::Forbidden, "g9", "viewer", "confidentiality");
}

TEST_CASE("supervisor: a coach who moved to another supervisor for every kind is no longer theirs", "[supervisor]") {
  Programme p;
  add_people(p);
  p.add_supervision(supervision("a", "c1", SupervisionKind::HealthCoaching, day("2024-05-01")));
  SupervisionRecord moved = supervision("b", "c1", SupervisionKind::HealthCoaching, day("2024-06-01"));
  moved.supervisor = "Dr New";
  p.add_supervision(moved);
  CHECK(p.supervisee_caseloads(kSupervisor, day("2024-05-15")).size() == 1);
  CHECK(p.supervisee_caseloads(kSupervisor, day("2024-06-15")).empty());
  CHECK(p.supervisee_caseloads({Audience::Supervisor, "Dr New"}, day("2024-06-15")).at(0).coach_id == "c1");
  // Unknown supervisor, other audiences.
  require_error([&] { p.supervisee_caseloads({Audience::Supervisor, "Nobody"}, day("2024-06-15")); },
                ErrorCode::NotFound, "Nobody", "viewer", "reference_resolves");
  require_error([&] { p.supervisee_caseloads({Audience::Supervisor, ""}, day("2024-06-15")); }, ErrorCode::NotFound, "",
                "viewer", "reference_resolves");
  for (const Viewer& v : {as_coach("c1"), as_client("s1"), as_employer("RXA01"), Viewer{Audience::Public, ""},
                          Viewer{Audience::Commissioner, ""}})
    require_error([&] { p.supervisee_caseloads(v, day("2024-06-15")); }, ErrorCode::Forbidden, v.id, "viewer",
                  "confidentiality");
  // The service manager sees every coach.
  CHECK(p.supervisee_caseloads(kManager, day("2024-06-15")).size() == p.coaches().size());
}
