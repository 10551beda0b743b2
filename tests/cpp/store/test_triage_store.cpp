// The single point of access in the SQLite store: the inbox and the triage rules in tables of
// schema version 6 (a v5 store opens and gains them), decisions seen by a second handle, a
// refused triage that leaves the file unchanged, and the confidential reason kept out of
// analyst tables and extracts.
#include <catch2/catch.hpp>

#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"
#include "raw_sql.hpp"
#include "store_schema.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

InboxReferral item(std::string id, std::string client, const char* received) {
  InboxReferral x;
  x.id = std::move(id);
  x.client_id = std::move(client);
  x.source = ReferralSource::SocialPrescribingLinkWorker;
  x.received_at = at(received);
  x.reason = "SECRET-REASON lonely since bereavement";
  return x;
}

TriageDecision decide(TriageRoute route, const char* when, std::string offer = {}) {
  TriageDecision d;
  d.route = route;
  d.decided_by = "Link worker Sam";
  d.decided_at = at(when);
  d.offer_id = std::move(offer);
  return d;
}

}  // namespace

TEST_CASE("triage store: a second handle sees the decisions and the rules", "[store][triage]") {
  TempDir dir;
  const std::string path = dir.file("spa.db");
  Programme a = Programme::open(path);
  Programme b = Programme::open(path);
  add_people(a);
  a.receive_referral(item("in1", "pt1", "2024-07-01T09:00:00Z"));
  CHECK(b.inbox(true).size() == 1);
  a.triage("in1", decide(TriageRoute::HwbcTargeted, "2024-07-02T09:00:00Z", "hwbc_targeted_1to1"));
  CHECK(b.inbox_item("in1").route == TriageRoute::HwbcTargeted);
  CHECK(b.referral("in1").offer_id == "hwbc_targeted_1to1");
  // The second handle cannot triage it again: it judges against the committed state.
  require_error([&] { b.triage("in1", decide(TriageRoute::SocialPrescribing, "2024-07-02T10:00:00Z")); },
                ErrorCode::Conflict, "in1", "decided_by", "triage_once");
  TriageRules r;
  r.default_route = TriageRoute::CareCoordination;
  b.set_triage_rules(r);
  CHECK(a.triage_rules() == r);
  // A setting changed through the other settings path keeps the rules.
  SuppressionPolicy floor;
  floor.min_count = 20;
  a.set_disclosure_floor(floor);
  CHECK(b.triage_rules() == r);
  // And everything is there after reopening.
  const ProgrammeData before = a.data();
  Programme c = Programme::open(path);
  CHECK(c.data() == before);
}

TEST_CASE("triage store: a refused triage leaves the file unchanged", "[store][triage]") {
  TempDir dir;
  const std::string path = dir.file("spa.db");
  {
    Programme p = Programme::open(path);
    add_people(p);
    p.receive_referral(item("in2", "pt2", "2024-07-01T09:00:00Z"));  // PAM 3: not eligible for targeted
    const ProgrammeData before = p.data();
    require_error([&] { p.triage("in2", decide(TriageRoute::HwbcTargeted, "2024-07-02T09:00:00Z", "hwbc_targeted_1to1")); },
                  ErrorCode::InvalidArgument, "in2", "client_id", "eligibility");
    CHECK(p.data() == before);
  }
  CHECK(scalar(path, "SELECT count(*) FROM referrals") == "0");
  CHECK(scalar(path, "SELECT status FROM inbox WHERE id = 'in2'") == "untriaged");
  CHECK(scalar(path, "SELECT route IS NULL FROM inbox WHERE id = 'in2'") == "1");
}

TEST_CASE("triage store: the reason and the decider's name stay out of analyst tables and extracts", "[store][triage]") {
  Programme p = Programme::open(make_memory_store());
  add_people(p);
  p.receive_referral(item("in1", "pt1", "2024-07-01T09:00:00Z"));
  p.triage("in1", decide(TriageRoute::SocialPrescribing, "2024-07-02T09:00:00Z"));
  for (const auto& c : store_table_columns("inbox")) {
    CHECK(c.name != "reason");
    CHECK(c.name != "decided_by");
    CHECK(c.name != "not_accepted_reason");
  }
  const StoreTableData t = extract(p, "inbox", "university-evaluators");
  REQUIRE(t.data.size() == t.columns.size());
  REQUIRE(t.rows() == 1);
  CHECK(std::get<std::string>(t.cell(0, 0)) != "in1");  // pseudonymised
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    if (t.columns[i].name == "client_id") CHECK(std::get<std::string>(t.cell(i, 0)) != "pt1");
  CHECK(store_table_data(p, "triage_rules").data.size() == 2);
}

TEST_CASE("triage store: a v5 store opens and gains the inbox and the rules", "[store][triage]") {
  TempDir dir;
  const std::string path = dir.file("v5.db");
  {
    Programme p = Programme::open(path);
    add_people(p);
  }
  // Make the file what a version 5 build wrote: no version 6 tables.
  sql(path, "BEGIN; " + record_schema_before(6) + "PRAGMA user_version = 5; COMMIT");
  CHECK(scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'inbox'") == "0");
  Programme p = Programme::open(path);
  CHECK(scalar(path, "PRAGMA user_version") == std::to_string(store_schema::kVersion));
  CHECK(scalar(path, "SELECT count(*) FROM sqlite_schema WHERE name IN ('inbox', 'triage_rules')") == "2");
  CHECK(p.triage_rules() == default_triage_rules());  // no row yet: the library's rules
  CHECK(p.client_count() == 6);
  p.receive_referral(item("in1", "pt1", "2024-07-01T09:00:00Z"));
  TriageRules r;
  r.default_route = TriageRoute::SocialPrescribing;
  p.set_triage_rules(r);
  Programme q = Programme::open(path);
  CHECK(q.inbox().size() == 1);
  CHECK(q.triage_rules() == r);
  // A rules row edited by hand into something that is not JSON: the store still opens.
  sql(path, "UPDATE triage_rules SET document = 'not json'");
  Programme s = Programme::open(path);
  CHECK(s.triage_rules() == default_triage_rules());
}
