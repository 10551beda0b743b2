// Importing your own data (Programme::import_records, records_from_tables, import_tables): every
// record through the rule a document load applies, all or nothing, in one store transaction.
#include <cmath>
#include <variant>

#include "laycoach/demo.hpp"
#include "laycoach/store.hpp"
#include "test_support.hpp"

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
