// Importing your own data (Programme::import_records, records_from_tables, import_tables): every
// record through the rule a document load applies, all or nothing, in one store transaction.
#include <sqlite3.h>
#include <sys/wait.h>

#include <chrono>
#include <csignal>
#include <cmath>
#include <map>
#include <variant>

#include "laycoach/demo.hpp"
#include "laycoach/store.hpp"
#include "store_schema.hpp"
#include "test_support.hpp"
#include "typed_read.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

// What an import may carry: the data less what only its author writes, settings at defaults.
ProgrammeData importable(ProgrammeData d) {
  d.notes.clear();
  d.goals.clear();
  d.care_plans.clear();
  d.care_plan_shares.clear();
  d.onward_referrals.clear();
  d.supervision_policy = {};
  d.disclosure_floor = {};
  d.triage_rules = {};
  return d;
}

// A store that counts the transactions it is asked for (around a real SQLite store).
class CountingStore final : public Store {
 public:
  explicit CountingStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {}
  int applies = 0, commits = 0, begins = 0;
  ProgrammeData load() override { return inner_->load(); }
  void apply(const ChangeSet& c) override {
    ++applies;
    inner_->apply(c);
  }
  void replace_all(const ProgrammeData& d) override { inner_->replace_all(d); }
  void begin() override {
    ++begins;
    inner_->begin();
  }
  void commit() override {
    ++commits;
    inner_->commit();
  }
  void rollback() noexcept override { inner_->rollback(); }
  bool changed_elsewhere() override { return inner_->changed_elsewhere(); }
  Catchup catch_up() override { return inner_->catch_up(); }
  std::string service_secret() override { return inner_->service_secret(); }
  AccessEntry append_access(const AccessEntry& e) override { return inner_->append_access(e); }
  std::vector<AccessEntry> access_log() override { return inner_->access_log(); }
  std::vector<Event> pending_events(std::size_t limit) override { return inner_->pending_events(limit); }
  void acknowledge_events(std::int64_t up_to) override { inner_->acknowledge_events(up_to); }

 private:
  std::unique_ptr<Store> inner_;
};

bool same_cell(const StoreCell& a, const StoreCell& b) {
  if (std::holds_alternative<double>(a) && std::holds_alternative<double>(b)) {
    const double x = std::get<double>(a), y = std::get<double>(b);
    return x == y || (std::isnan(x) && std::isnan(y));
  }
  return a == b;
}

void require_same_table(const Programme& a, const Programme& b, const std::string& table) {
  INFO("table " << table);
  const StoreTableData x = store_table_data(a, table), y = store_table_data(b, table);
  REQUIRE(x.columns.size() == y.columns.size());
  for (std::size_t c = 0; c < x.columns.size(); ++c) {
    INFO("column " << x.columns[c].name);
    REQUIRE(x.rows() == y.rows());
    for (std::size_t r = 0; r < x.rows(); ++r) CHECK(same_cell(x.cell(c, r), y.cell(c, r)));
  }
}

ImportColumns columns(std::vector<std::pair<std::string, std::vector<StoreCell>>> cols) {
  ImportColumns t;
  for (auto& [name, cells] : cols) {
    t.columns.push_back({name, ""});
    t.cells.push_back(std::move(cells));
  }
  return t;
}

}  // namespace

TEST_CASE("import_records: a batch lands as if each record were loaded in order", "[store][import]") {
  const ProgrammeData d = importable(every_kind_data());
  Programme p{ProgrammeData{}};
  p.import_records(d);
  // The same records as a programme built from the same data in one go.
  CHECK(p.data() == Programme(d).data());
  // Responses raise their risk flags as add_response does, flags included in the import.
  Programme q = people_programme();
  ProgrammeData b;
  Response r;
  r.id = "phq";
  r.client_id = "pt1";
  r.instrument_id = "phq9";
  r.time_point = TimePoint::Baseline;
  r.recorded_at = at("2024-07-08T08:50:00Z");
  r.answers = {1, 1, 1, 1, 1, 1, 1, 1, 2};  // item 9 answered: a risk flag
  b.responses.push_back(r);
  q.import_records(b);
  REQUIRE(q.risk_flags().size() == 1);
  CHECK(q.risk_flags()[0].response_id == "phq");
}

TEST_CASE("import_records: a bad record in the middle changes nothing, memory or store", "[store][import]") {
  TempDir dir;
  const std::string path = dir.file("import.sqlite");
  ProgrammeData b;
  for (int i = 0; i < 5; ++i) b.clients.push_back(staff_client("x" + std::to_string(i), "RXA01"));
  b.sessions.push_back(one_to_one("k0", "c1", "x0", at("2024-07-08T09:00:00Z")));
  b.sessions.push_back(one_to_one("k1", "nobody", "x1", at("2024-07-08T10:00:00Z")));  // no such coach
  b.sessions.push_back(one_to_one("k2", "c1", "x2", at("2024-07-08T11:00:00Z")));
  for (auto& s : b.sessions) s.minutes = 60;
  {
    Programme p = Programme::open(path);
    add_people(p);
    const std::size_t events = p.pending_events(1000).size();
    require_rejected(p, [&] { p.import_records(b); }, ErrorCode::NotFound, "k1", "/sessions/1/coach_id", "reference_resolves");
    CHECK(p.client_count() == 6);
    CHECK(p.pending_events(1000).size() == events);
    // A double booking within the batch, against the batch's own earlier session.
    b.sessions[1].coach_id = "c1";
    b.sessions[1].start = at("2024-07-08T09:30:00Z");
    require_rejected(p, [&] { p.import_records(b); }, ErrorCode::Conflict, "k1", "/sessions/1/start",
                     "coach_double_booked");
    // Repeated ids within the batch and against the programme.
    ProgrammeData twice;
    twice.clients = {staff_client("y1"), staff_client("y1")};
    require_rejected(p, [&] { p.import_records(twice); }, ErrorCode::Conflict, "y1", "/clients/1/id", "unique_id");
    twice.clients = {staff_client("y2"), staff_client("s1")};
    require_rejected(p, [&] { p.import_records(twice); }, ErrorCode::Conflict, "s1", "/clients/1/id", "unique_id");
    // What only its author writes is never imported.
    ProgrammeData notes;
    notes.notes.push_back({"n9", "a1", "c1", at("2024-07-08T10:00:00Z"), "text"});
    require_rejected(p, [&] { p.import_records(notes); }, ErrorCode::Forbidden, "notes", "/notes",
                     "confidential_import");
  }
  Programme reopened = Programme::open(path);  // the store holds nothing of the batches
  CHECK(reopened.client_count() == 6);
  CHECK(reopened.sessions().empty());
}

TEST_CASE("import_records: a 2,000-person study is one store transaction, seen whole by a second handle",
          "[store][import]") {
  TempDir dir;
  const std::string path = dir.file("study.sqlite");
  demo::DemoOptions o;
  o.staff_clients = 1400;
  o.patients = 600;
  o.coaches = 80;
  ProgrammeData study = importable(demo::make_demo(o));
  REQUIRE(study.clients.size() == 2000);
  study.catalogue = {};  // the store's default catalogue is the demo's
  auto counting = std::make_unique<CountingStore>(open_sqlite_store(path));
  CountingStore* store = counting.get();
  Programme p = Programme::open(std::move(counting));
  Programme other = Programme::open(path);  // a second handle on the file
  const int begins = store->begins, commits = store->commits, applies = store->applies;
  p.import_records(study);
  CHECK(store->begins - begins == 1);
  CHECK(store->applies - applies == 1);
  CHECK(store->commits - commits == 1);
  CHECK(other.client_count() == 2000);
  CHECK(other.sessions().size() == study.sessions.size());
  CHECK(Programme::open(path).data() == p.data());
  // Again: every id is taken now, the first one refused, nothing written.
  require_rejected(p, [&] { p.import_records(study); }, ErrorCode::Conflict, study.organisations[0].ods_code,
                   "/organisations/0/ods_code", "unique_id");
  // Through the second handle too: it catches up with the commit before judging.
  require_error([&] { other.import_records(study); }, ErrorCode::Conflict, study.organisations[0].ods_code,
                "/organisations/0/ods_code", "unique_id");
}

TEST_CASE("records_from_tables: store tables import back (round trip)", "[store][import]") {
  demo::DemoOptions o;
  o.staff_clients = 60;
  o.patients = 0;  // a patient needs an NHS number, which analyst tables withhold
  o.coaches = 10;
  const Programme source(importable(demo::make_demo(o)));
  std::vector<ImportTable> tables;
  for (const auto& name : analyst_table_names()) {
    // Settings are set with set_*; onward referrals are made by their coach (none in the demo).
    // Supervision needs the supervisor's name, which analyst tables withhold.
    if (name == "supervision_policy" || name == "disclosure_floor" || name == "triage_rules" ||
        name == "onward_referrals" || name == "supervision")
      continue;
    tables.push_back({name, store_table_data(source, name)});
  }
  Programme target{ProgrammeData{}};
  import_tables(target, tables);
  for (const auto& t : tables) require_same_table(source, target, t.name);
}

TEST_CASE("records_from_tables: exact errors naming table, row and column", "[store][import]") {
  using C = std::vector<StoreCell>;
  auto err = [](std::vector<ImportTable> t, ErrorCode code, const std::string& record, const std::string& field,
                const std::string& rule) {
    require_error([&] { records_from_tables(t); }, code, record, field, rule);
  };
  err({{"nonsense", columns({{"id", C{std::string("a")}}})}}, ErrorCode::InvalidArgument, "nonsense", "nonsense",
      "import_table");
  err({{"clients", columns({{"id", C{std::string("a")}}, {"shoe_size", C{1LL}}})}}, ErrorCode::InvalidArgument, "clients",
      "clients/shoe_size", "import_column");
  err({{"clients", columns({{"kind", C{std::string("staff")}}})}}, ErrorCode::InvalidArgument, "clients", "clients/id",
      "column_required");
  err({{"clients", columns({{"id", C{std::string("a"), std::string("b")}}, {"kind", C{std::string("staff")}}})}},
      ErrorCode::InvalidArgument, "clients", "clients/kind", "column_length");
  err({{"clients", columns({{"id", C{std::string("a"), std::string("b")}},
                            {"pam_level", C{2LL, std::string("high")}}})}},
      ErrorCode::InvalidArgument, "b", "clients/1/pam_level", "column_type");
  err({{"clients", columns({{"id", C{std::string("a"), std::string("b")}},
                            {"kind", C{std::string("staff"), std::string("staf")}}})}},
      ErrorCode::InvalidArgument, "b", "clients/1/kind", "column_value");
  // A column the record needs, left out.
  err({{"sessions", columns({{"id", C{std::string("a")}}, {"status", C{std::string("attended")}}})}},
      ErrorCode::InvalidArgument, "a", "sessions/offer_id", "column_required");
  err({{"sessions", columns({{"id", C{std::string("a")}}, {"start", C{std::string("2024-07-08T09:00:00Z")}},
                             {"status", C{std::string("attended")}}})},
       {"session_attendees", columns({{"owner", C{std::string("zz")}}, {"client_id", C{std::string("s1")}}})}},
      ErrorCode::NotFound, "zz", "session_attendees/0/owner", "reference_resolves");
  err({{"responses", columns({{"id", C{std::string("r")}}})},
       {"response_answers", columns({{"owner", C{std::string("r"), std::string("r")}}, {"idx", C{0LL, 2LL}},
                                     {"answer", C{1LL, 2LL}}})}},
      ErrorCode::InvalidArgument, "r", "response_answers/1/idx", "child_idx");
}

TEST_CASE("records_from_tables: cells of every kind, and instants as seconds", "[store][import]") {
  using C = std::vector<StoreCell>;
  Programme p = people_programme();
  std::vector<ImportTable> t = {
      {"sessions", columns({{"id", C{std::string("k1")}}, {"offer_id", C{std::string("lay_too_1to1")}},
                            {"coach_id", C{std::string("c1")}},
                            {"start", C{static_cast<long long>(to_unix_seconds(at("2024-07-08T09:00:00Z")))}},
                            {"minutes", C{60.0}}, {"modality", C{std::string("video")}},
                            {"status", C{std::string("attended")}}})},
      {"session_attendees", columns({{"owner", C{std::string("k1")}}, {"idx", C{0LL}}, {"client_id", C{std::string("s1")}},
                                     {"referral_id", C{std::monostate{}}}, {"status", C{std::string("attended")}}})},
  };
  import_tables(p, t);
  const Session s = p.session("k1");
  CHECK(s.start == at("2024-07-08T09:00:00Z"));
  CHECK(s.minutes == 60);
  CHECK(s.status == SessionStatus::Attended);
  REQUIRE(s.attendees.size() == 1);
  CHECK(s.attendees[0].client_id == "s1");
  CHECK(s.attendees[0].referral_id.empty());
}

namespace {

// Every row of every record table and child table of an SQLite file, each cell with its SQLite
// type ("N" NULL, "I:" integer, "R:" real, "T:" text), in rowid order: what was written, exactly.
std::map<std::string, std::vector<std::string>> cells_of(const std::string& path) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  std::vector<std::string> names;
  for (const auto& t : store_schema::tables()) {
    names.push_back(t.table);
    std::vector<const store_schema::Child*> todo;
    for (const auto& c : t.children) todo.push_back(&c);
    while (!todo.empty()) {
      const auto* c = todo.back();
      todo.pop_back();
      names.push_back(c->table);
      for (const auto& g : c->children) todo.push_back(&g);
    }
  }
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& name : names) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, ("SELECT * FROM " + name + " ORDER BY rowid").c_str(), -1, &st, nullptr) == SQLITE_OK);
    auto& rows = out[name];
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        switch (sqlite3_column_type(st, i)) {
          case SQLITE_NULL: row += "N"; break;
          case SQLITE_INTEGER: row += "I:" + std::to_string(sqlite3_column_int64(st, i)); break;
          case SQLITE_FLOAT: row += "R:" + std::to_string(sqlite3_column_double(st, i)); break;
          default: row += std::string("T:") + reinterpret_cast<const char*>(sqlite3_column_text(st, i));
        }
        row += "|";
      }
      rows.push_back(row);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

// The first cell of a query on an SQLite file, as text ("NULL" for NULL).
std::string query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  std::string v = "none";
  if (sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_type(st, 0) == SQLITE_NULL ? "NULL" : reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

// Data with every record kind and every kind of cell: a demo service (patients, PAM scores,
// group sessions, answers with gaps) with one externally scored response and edge values.
ProgrammeData every_cell_data() {
  ProgrammeData d = demo::make_demo();
  REQUIRE(d.responses.size() > 2);
  d.responses[0].answers.clear();
  d.responses[0].scores = {{"total", 21.5}};  // a document kept whole ('J')
  d.responses[1].answers.push_back(std::nullopt);          // an unanswered item: NULL
  d.responses[1].recorded_score = 42.25;
  d.sessions[0].adjustments = "";                          // empty text, kept as ''
  d.sessions[1].adjustments = "step-free access";
  d.sessions[0].booked_at = Instant(boost::posix_time::not_a_date_time);  // no time: NULL
  return d;
}

}  // namespace

TEST_CASE("typed writes: every table's cells as the document path writes them", "[store][import][typed]") {
  // The record kinds an import carries in bulk are written typed (typed_write.hpp, with the field
  // lists of typed_read.hpp).
  using store_schema::find;
  CHECK(typed_read::plan_of<Session>(*find("sessions")).ok);
  CHECK(typed_read::plan_of<Response>(*find("responses")).ok);
  CHECK(typed_read::plan_of<Client>(*find("clients")).ok);
  CHECK(typed_read::plan_of<Referral>(*find("referrals")).ok);
  CHECK(typed_read::plan_of<WaitingListEntry>(*find("waiting_list")).ok);
  CHECK(typed_read::plan_of<Organisation>(*find("organisations")).ok);
  CHECK(typed_read::plan_of<Trainee>(*find("trainees")).ok);
  const std::vector<ProgrammeData> datasets = {every_cell_data(), every_kind_data()};
  for (const ProgrammeData& d : datasets) {
    const bool edges = &d == &datasets[0];
    TempDir dir;
    // replace_all (every table emptied, plain INSERTs) and apply (upserts that replace child rows).
    for (const bool replace : {true, false}) {
      INFO((replace ? "replace_all" : "apply"));
      const std::string typed = dir.file(std::string("typed") + (replace ? "r" : "a") + ".sqlite");
      const std::string docs = dir.file(std::string("docs") + (replace ? "r" : "a") + ".sqlite");
      for (const auto& path : {typed, docs}) {
        auto store = open_sqlite_store(path);
        REQUIRE(store_schema::set_typed_writes(*store, path == typed));
        if (replace) {
          store->replace_all(d);
        } else {
          ChangeSet cs;
          cs.upserts = d;
          cs.policy_changed = true;
          store->apply(cs);
          store->apply(cs);  // again: every record updated, its child rows deleted and written anew
        }
        // What was written reads back as the same records.
        CHECK(store->load() == d);
      }
      const auto a = cells_of(typed), b = cells_of(docs);
      for (const auto& [table, rows] : b) {
        INFO("table " << table);
        CHECK(a.at(table) == rows);
      }
      // Null against empty text, and each kind of cell as its SQLite type.
      const std::string s0 = d.sessions[0].id, s1 = d.sessions[1].id;
      if (edges) {
        CHECK(query(typed, "SELECT typeof(adjustments) || ':' || adjustments FROM sessions WHERE id = '" + s0 + "'") ==
              "text:");  // empty text in a text column: ''
        CHECK(query(typed, "SELECT adjustments FROM sessions WHERE id = '" + s1 + "'") == "step-free access");
      }
      CHECK(query(typed, "SELECT typeof(series_id) FROM sessions WHERE id = '" + s0 + "'") == "null");  // optional: '' is NULL
      CHECK(query(typed, "SELECT typeof(start) FROM sessions WHERE id = '" + s0 + "'") == "text");
      CHECK(query(typed, "SELECT typeof(minutes) FROM sessions WHERE id = '" + s0 + "'") == "integer");
      CHECK(query(typed, "SELECT count(*) FROM session_attendees WHERE referral_id = ''") == "0");  // '' is NULL here
      CHECK(query(typed, "SELECT typeof(leader) FROM clients LIMIT 1") == "integer");
      CHECK(query(typed, "SELECT typeof(booked_at) FROM sessions WHERE id = '" + s0 + "'") ==
            (d.sessions[0].booked_at.is_special() ? "null" : "text"));  // not-a-time is NULL
    }
  }
  // The externally scored response's document and the unanswered item.
  const ProgrammeData d = every_cell_data();
  TempDir dir;
  const std::string path = dir.file("t.sqlite");
  open_sqlite_store(path)->replace_all(d);
  CHECK(query(path, "SELECT scores FROM responses WHERE id = '" + d.responses[0].id + "'") == R"({"total":21.5})");
  CHECK(query(path, "SELECT typeof(scores) FROM responses WHERE id = '" + d.responses[1].id + "'") == "null");
  CHECK(query(path, "SELECT typeof(recorded_score) || ':' || recorded_score FROM responses WHERE id = '" +
                        d.responses[1].id + "'") == "real:42.25");
  CHECK(query(path, "SELECT typeof(answer) FROM response_answers WHERE owner = '" + d.responses[1].id +
                        "' ORDER BY idx DESC LIMIT 1") == "null");
  CHECK(query(path, "SELECT typeof(pam_score) FROM clients WHERE pam_score IS NOT NULL LIMIT 1") == "real");
}

TEST_CASE("typed writes: a write that fails in the middle of a batch leaves the store unchanged", "[store][import][typed]") {
  TempDir dir;
  const std::string path = dir.file("mid.sqlite");
  const ProgrammeData d = every_cell_data();
  auto store = open_sqlite_store(path);
  store->replace_all(d);
  const auto before = cells_of(path);
  // A batch of new sessions whose middle one takes an id the store holds already.
  ChangeSet cs;
  for (int i = 0; i < 5; ++i) {
    Session s = d.sessions[static_cast<std::size_t>(i)];
    s.id = i == 2 ? d.sessions[3].id : "new" + std::to_string(i);
    cs.upserts.sessions.push_back(s);
    cs.created.emplace_back("sessions", s.id);
  }
  require_error([&] { store->apply(cs); }, ErrorCode::Conflict, d.sessions[3].id, "id", "unique_id");
  CHECK(cells_of(path) == before);  // nothing of the batch, child rows and change log included
  CHECK(query(path, "SELECT count(*) FROM sessions WHERE id LIKE 'new%'") == "0");
}

TEST_CASE("typed writes: another process reading during an import sees before or after, never between",
          "[store][import][typed]") {
  TempDir dir;
  const std::string path = dir.file("study.sqlite");
  demo::DemoOptions o;
  o.staff_clients = 1500;
  o.patients = 300;
  o.coaches = 60;
  ProgrammeData study = importable(demo::make_demo(o));
  study.catalogue = {};
  Programme p = Programme::open(path);
  const std::string counts =
      "SELECT (SELECT count(*) FROM clients) || ',' || (SELECT count(*) FROM sessions) || ',' || "
      "(SELECT count(*) FROM session_attendees) || ',' || (SELECT count(*) FROM response_answers)";
  const std::string before = query(path, counts);
  int ready[2], seen[2];
  REQUIRE(pipe(ready) == 0);
  REQUIRE(pipe(seen) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The reader: its own connection, opened after fork; one snapshot per query.
    close(ready[0]);
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) _exit(3);
    sqlite3_busy_timeout(db, 10000);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, counts.c_str(), -1, &st, nullptr) != SQLITE_OK) _exit(3);
    int reads = 0, befores = 0;
    std::string last;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    for (;;) {
      if (std::chrono::steady_clock::now() > deadline) _exit(6);  // the import never showed
      if (sqlite3_step(st) != SQLITE_ROW) _exit(4);
      last = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      sqlite3_reset(st);
      ++reads;
      if (last == before) ++befores;
      else break;  // the import is committed, or a state between: the parent judges which
      if (reads == 1 && write(ready[1], "r", 1) != 1) _exit(5);
    }
    const std::string msg = last + ";" + std::to_string(reads) + ";" + std::to_string(befores);
    if (write(seen[1], msg.data(), msg.size()) != static_cast<ssize_t>(msg.size())) _exit(5);
    sqlite3_finalize(st);
    sqlite3_close(db);
    _exit(0);
  }
  close(ready[1]);
  close(seen[1]);
  // The reader is stopped whatever happens here (a failed check must not leave it looping).
  struct Reap {
    pid_t pid;
    ~Reap() {
      if (pid > 0 && waitpid(pid, nullptr, WNOHANG) == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
      }
    }
  } reap{child};
  char c = 0;
  REQUIRE(read(ready[0], &c, 1) == 1);  // the reader has seen the store before the import
  p.import_records(study);
  const std::string after = query(path, counts);
  CHECK(after != before);
  char buf[256] = {};
  const ssize_t n = read(seen[0], buf, sizeof buf - 1);
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  reap.pid = 0;
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  REQUIRE(n > 0);
  const std::string msg(buf, static_cast<std::size_t>(n));
  INFO("reader saw " << msg);
  CHECK(msg.substr(0, msg.find(';')) == after);  // the first state that was not "before" is "after"
  CHECK(std::stoi(msg.substr(msg.rfind(';') + 1)) >= 1);
  close(ready[0]);
  close(seen[0]);
}

namespace {

// Every importable table of `d` as store_table_data gives it, with the cells of some rows given
// in the other forms an import accepts (an instant as seconds, an integer as an integral real,
// a boolean as 0/1, a real as an integer, a missing value as NaN), so both conversions meet them.
std::vector<ImportTable> every_cell_tables(const ProgrammeData& d) {
  const Programme source(d);
  std::vector<ImportTable> tables;
  for (const auto& name : analyst_table_names()) {
    if (name == "supervision_policy" || name == "disclosure_floor" || name == "triage_rules") continue;
    ImportTable t{name, store_table_data(source, name)};
    for (std::size_t c = 0; c < t.data.columns.size(); ++c) {
      auto& cells = t.data.cells[c];
      for (std::size_t r = 1; r < cells.size(); r += 3) {
        StoreCell& x = cells[r];
        const std::string& kind = t.data.columns[c].kind;
        if (const auto* i = std::get_if<long long>(&x)) {
          x = static_cast<double>(*i);
        } else if (const auto* s = std::get_if<std::string>(&x); s && kind == "instant") {
          const long long secs = static_cast<long long>(to_unix_seconds(parse_instant(*s)));
          if (format_instant(from_unix_seconds(secs)) == *s) x = secs;  // whole seconds as an integer
        } else if (const auto* b = std::get_if<bool>(&x)) {
          x = *b ? 1LL : 0LL;
        } else if (const auto* v = std::get_if<double>(&x); v && r % 2 == 0 && std::floor(*v) == *v) {
          x = static_cast<long long>(*v);
        } else if (std::holds_alternative<std::monostate>(x) && kind == "real") {
          x = std::nan("");
        }
      }
    }
    tables.push_back(std::move(t));
  }
  return tables;
}

struct TypedImports {
  explicit TypedImports(bool on) { store_schema::set_typed_imports(on); }
  ~TypedImports() { store_schema::set_typed_imports(true); }
};

}  // namespace

TEST_CASE("records_from_tables: typed conversion gives the records the document conversion gives",
          "[store][import][typed]") {
  ProgrammeData data = importable(every_cell_data());
  data.responses[1].recorded_score.reset();  // scored from its items: a Programme refuses a recorded score
  auto& answers = data.responses[1].answers;  // keep the unanswered item, at the count its instrument asks
  answers.erase(answers.end() - 2);
  REQUIRE(!data.responses[1].answers.empty());
  const auto tables = every_cell_tables(data);
  ProgrammeData typed, document;
  {
    TypedImports on(true);
    typed = records_from_tables(tables);
    // The bulk tables went typed: sessions, responses, clients, referrals ... not one through a document.
    CHECK(store_schema::typed_imported_records() >= data.sessions.size() + data.responses.size() + data.clients.size());
  }
  {
    TypedImports off(false);
    document = records_from_tables(tables);
    CHECK(store_schema::typed_imported_records() == 0);
  }
  REQUIRE(!typed.sessions.empty());
  REQUIRE(!typed.responses.empty());
  CHECK(to_json(typed) == to_json(document));
  CHECK(typed == document);
}

TEST_CASE("records_from_tables: a bad cell gives the document conversion's error, typed or not",
          "[store][import][typed]") {
  using C = std::vector<StoreCell>;
  auto sessions = [](StoreCell start, StoreCell minutes, StoreCell status) {
    return ImportTable{"sessions", columns({{"id", C{std::string("k0"), std::string("k1")}},
                                            {"offer_id", C{std::string("o"), std::string("o")}},
                                            {"coach_id", C{std::string("c1"), std::string("c1")}},
                                            {"start", C{std::string("2024-07-08T09:00:00Z"), start}},
                                            {"minutes", C{60LL, minutes}},
                                            {"status", C{std::string("attended"), status}}})};
  };
  const ImportTable attendees{"session_attendees",
                              columns({{"owner", C{std::string("k0"), std::string("k1")}},
                                       {"client_id", C{std::string("s1"), std::string("s2")}}})};
  const std::string ok_start = "2024-07-08T10:00:00Z";
  struct Bad {
    ImportTable table;
    std::string field, rule;
  };
  const std::vector<Bad> bad = {
      {sessions(std::string("8 July"), 60LL, std::string("attended")), "sessions/1/start", "column_value"},
      {sessions(ok_start, 60.5, std::string("attended")), "sessions/1/minutes", "column_type"},
      {sessions(ok_start, std::string("sixty"), std::string("attended")), "sessions/1/minutes", "column_type"},
      {sessions(ok_start, 60LL, std::string("went")), "sessions/1/status", "column_value"},
      {sessions(ok_start, 60LL, true), "sessions/1/status", "column_type"},
  };
  for (const auto& b : bad) {
    INFO(b.field);
    std::string typed_error, document_error;
    for (bool on : {true, false}) {
      TypedImports mode(on);
      require_error([&] { records_from_tables({b.table, attendees}); }, ErrorCode::InvalidArgument, "k1", b.field, b.rule);
      try {
        records_from_tables({b.table, attendees});
      } catch (const Error& e) {
        (on ? typed_error : document_error) = e.what();
      }
    }
    CHECK(typed_error == document_error);
  }
  // And the good batch reads typed.
  records_from_tables({sessions(ok_start, 60LL, std::string("attended")), attendees});
  CHECK(store_schema::typed_imported_records() == 2);
}
