// Length limits (limits.hpp): for every record kind, a text at its limit is accepted and one
// byte more is a ValidationError naming the record and the field, rule "length_limit", that
// changes nothing; the same rule holds when loading and for viewer ids.
#include <functional>
#include <string>
#include <vector>

#include "laycoach/limits.hpp"
#include "laycoach/store.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

// One text field of one record kind, written through the live API with a value of a given length.
struct Case {
  const char* kind;
  const char* field;      // as the error names it
  std::size_t limit;
  bool is_id;             // the value is the record's own id (the error names it, cut short)
  const char* record;     // otherwise: the record the error names
  std::function<void(Programme&, const std::string&)> write;
  std::function<void(Programme&)> setup = [](Programme&) {};  // records the write needs
};

// A value of n bytes, unique per call so ids never collide: "k<counter>-xxxx...".
std::string of_length(std::size_t n) {
  static int counter = 0;
  std::string s = "k" + std::to_string(++counter) + "-";
  s.resize(n, 'x');
  return s;
}

std::vector<Case> cases() {
  const Instant t0 = at("2024-07-08T09:00:00Z");
  return {
      {"service line", "id", kMaxIdBytes, true, "", [](Programme& p, const std::string& v) { p.add_service_line({v, "Line", ServiceKind::Workforce}); }},
      {"service line", "name", kMaxNameBytes, false, "sl", [](Programme& p, const std::string& v) { p.add_service_line({"sl", v, ServiceKind::Workforce}); }},
      {"offer", "name", kMaxNameBytes, false, "o1", [](Programme& p, const std::string& v) {
         Offer o;
         o.id = "o1";
         o.service_line_id = "lay_too";
         o.name = v;
         p.add_offer(o);
       }},
      {"organisation", "name", kMaxNameBytes, false, "RXZ01", [](Programme& p, const std::string& v) {
         Organisation o = organisation("RXZ01");
         o.name = v;
         p.add_organisation(o);
       }},
      {"coach", "id", kMaxIdBytes, true, "", [](Programme& p, const std::string& v) { p.add_coach(workforce_coach(v)); }},
      {"coach", "name", kMaxNameBytes, false, "c9", [](Programme& p, const std::string& v) {
         Coach c = workforce_coach("c9");
         c.name = v;
         p.add_coach(c);
       }},
      {"coach", "safeguarding_lead", kMaxNameBytes, false, "c9", [](Programme& p, const std::string& v) {
         Coach c = workforce_coach("c9");
         c.safeguarding_lead = v;
         p.add_coach(c);
       }},
      {"coach", "training/0/programme", kMaxNameBytes, false, "c9", [](Programme& p, const std::string& v) {
         Coach c = workforce_coach("c9");
         c.training[0].programme = v;
         p.add_coach(c);
       }},
      {"client", "id", kMaxIdBytes, true, "", [](Programme& p, const std::string& v) { p.add_client(staff_client(v)); }},
      {"client", "ethnicity", kMaxNameBytes, false, "s9", [](Programme& p, const std::string& v) {
         Client c = staff_client("s9");
         c.ethnicity = v;
         p.add_client(c);
       }},
      {"client", "staff_group", kMaxNameBytes, false, "s9", [](Programme& p, const std::string& v) {
         Client c = staff_client("s9");
         c.staff_group = v;
         p.add_client(c);
       }},
      {"referral", "adjustments", kMaxTextBytes, false, "r9", [](Programme& p, const std::string& v) {
         Referral r = referral("r9", "s1", "lay_too_1to1", at("2024-07-01T08:30:00Z"));
         r.adjustments = v;
         p.add_referral(r);
       }},
      {"session", "id", kMaxIdBytes, true, "", [=](Programme& p, const std::string& v) { p.book(one_to_one(v, "c1", "s1", t0)); }},
      {"session", "adjustments", kMaxTextBytes, false, "x9", [=](Programme& p, const std::string& v) {
         Session s = one_to_one("x9", "c1", "s1", t0);
         s.adjustments = v;
         p.book(s);
       }},
      {"session", "override_reason", kMaxTextBytes, false, "x9", [=](Programme& p, const std::string& v) {
         Session s = one_to_one("x9", "c1", "s1", t0);
         s.override_by = "Service manager";
         s.override_reason = v;
         p.book(s);
       }},
      {"session", "override_by", kMaxNameBytes, false, "x9", [=](Programme& p, const std::string& v) {
         Session s = one_to_one("x9", "c1", "s1", t0);
         s.override_by = v;
         s.override_reason = "agreed";
         p.book(s);
       }},
      {"note", "text", kMaxTextBytes, false, "n9",
       [](Programme& p, const std::string& v) { p.add_note({"n9", "x8", "c1", at("2024-07-08T10:00:00Z"), v}, as_coach("c1")); },
       [=](Programme& p) { p.book(one_to_one("x8", "c1", "s2", t0)); }},
      {"goal", "description", kMaxTextBytes, false, "g9", [](Programme& p, const std::string& v) {
         p.add_goal({"g9", "s1", "", v, 3, 8, GoalAttainment::NotStarted}, as_client("s1"));
       }},
      {"supervision", "supervisor", kMaxNameBytes, false, "sv9", [](Programme& p, const std::string& v) {
         SupervisionRecord r = supervision("sv9", "c1", SupervisionKind::LineManagement, day("2024-07-01"), false);
         r.supervisor = v;
         p.add_supervision(r);
       }},
      {"safeguarding concern", "escalated_to", kMaxNameBytes, false, "sg9",
       [](Programme& p, const std::string& v) { p.escalate_concern("sg9", v, at("2024-07-09T11:00:00Z")); },
       [](Programme& p) {
         SafeguardingConcern c;
         c.id = "sg9";
         c.coach_id = "c1";
         c.client_id = "s1";
         c.raised_at = at("2024-07-09T10:00:00Z");
         p.raise_concern(c);
       }},
      {"training cohort", "name", kMaxNameBytes, false, "co9", [](Programme& p, const std::string& v) {
         p.add_cohort({"co9", v, 2, day("2024-03-04"), ""});
       }},
      {"trainee", "profession", kMaxNameBytes, false, "t9",
       [](Programme& p, const std::string& v) { p.add_trainee({"t9", "co8", v, "", "community", 2, 4, 7, false}); },
       [](Programme& p) { p.add_cohort({"co8", "Cohort", 2, day("2024-03-04"), ""}); }},
      {"response", "id", kMaxIdBytes, true, "", [](Programme& p, const std::string& v) {
         Response r;
         r.id = v;
         r.client_id = "s1";
         r.instrument_id = "swemwbs";
         r.recorded_at = at("2024-07-08T08:50:00Z");
         r.answers = {3, 4, 2, 3, 5, 3, 4};
         p.add_response(r);
       }},
  };
}

// The record an error names for an over-long id: its first kMaxIdBytes bytes and "...".
std::string cut(const std::string& id) { return id.substr(0, kMaxIdBytes) + "..."; }

}  // namespace

TEST_CASE("length limits: at the limit accepted, one byte past it refused, for every record kind", "[limits]") {
  for (const Case& c : cases()) {
    INFO(c.kind << " " << c.field);
    Programme p = people_programme();
    c.setup(p);
    const std::string ok = of_length(c.limit);
    REQUIRE(ok.size() == c.limit);
    CHECK_NOTHROW(c.write(p, ok));
    Programme q = people_programme();
    c.setup(q);
    const std::string bad = of_length(c.limit + 1);
    require_rejected(q, [&] { c.write(q, bad); }, ErrorCode::InvalidArgument, c.is_id ? cut(bad) : c.record, c.field,
                     "length_limit");
  }
}

TEST_CASE("length limits: the waiting list and loading are judged by the same rule", "[limits]") {
  ProgrammeData d = every_kind_data();
  d.waiting_list[0].id = std::string(kMaxIdBytes, 'w');
  CHECK_NOTHROW(Programme(d));
  d.waiting_list[0].id += 'w';
  require_error([&] { Programme x(d); }, ErrorCode::InvalidArgument, cut(d.waiting_list[0].id), "/waiting_list/0/id",
                "length_limit");
  ProgrammeData e = every_kind_data();
  e.clients[0].ethnicity = std::string(kMaxNameBytes + 1, 'e');
  require_error([&] { Programme x(e); }, ErrorCode::InvalidArgument, e.clients[0].id, "/clients/0/ethnicity",
                "length_limit");
  // A store that holds an over-long text anyway (another version, by hand) still opens; audit lists it.
  auto store = make_memory_store();
  ProgrammeData f = every_kind_data();
  f.referrals[0].adjustments = std::string(kMaxTextBytes + 1, 'a');
  store->replace_all(f);
  const Programme opened = Programme::open(std::move(store));
  bool listed = false;
  for (const Breach& b : opened.audit(at("2024-07-20T09:00:00Z"))) listed |= b.rule == "length_limit";
  CHECK(listed);
}

TEST_CASE("length limits: NHS numbers, references and multi-byte text count bytes", "[limits]") {
  Programme p = people_programme();
  Client c = patient_client("pt9", std::string(kMaxIdBytes + 1, ' ') + "9434765919");
  require_rejected(p, [&] { p.add_client(c); }, ErrorCode::InvalidArgument, "pt9", "nhs_number", "length_limit");
  Session s = one_to_one("x1", "c1", std::string(kMaxIdBytes + 1, 's'), at("2024-07-08T09:00:00Z"));
  require_rejected(p, [&] { p.book(s); }, ErrorCode::InvalidArgument, "x1", "attendees/0/client_id", "length_limit");
  // 66 "é" are 132 bytes: within a name's 200; 101 of them (202 bytes) are not.
  Client e = staff_client("s9");
  std::string name;
  for (int i = 0; i < 100; ++i) name += "\xc3\xa9";
  e.ethnicity = name;
  CHECK_NOTHROW(p.add_client(e));
  Client f = staff_client("s10");
  f.ethnicity = name + "\xc3\xa9";
  require_rejected(p, [&] { p.add_client(f); }, ErrorCode::InvalidArgument, "s10", "ethnicity", "length_limit");
  // An over-long id is named cut at a character boundary, never inside a character.
  std::string id(kMaxIdBytes - 1, 'i');
  id += "\xc3\xa9";
  require_error([&] { p.add_client(staff_client(id)); }, ErrorCode::InvalidArgument, std::string(kMaxIdBytes - 1, 'i') + "...",
                "id", "length_limit");
}

TEST_CASE("length limits: viewer ids", "[limits]") {
  Programme p = people_programme();
  CHECK_NOTHROW(p.client("s1", {Audience::ServiceManager, std::string(kMaxIdBytes, 'm')}));
  require_error([&] { p.client("s1", {Audience::ServiceManager, std::string(kMaxIdBytes + 1, 'm')}); },
                ErrorCode::InvalidArgument, "viewer", "id", "length_limit");
  require_error([&] { p.notes("a1", {Audience::Coach, std::string(kMaxIdBytes + 1, 'c')}); }, ErrorCode::InvalidArgument,
                "viewer", "id", "length_limit");
  require_error([&] { p.goals("s1", {Audience::Client, std::string(kMaxIdBytes + 1, 's')}); }, ErrorCode::InvalidArgument,
                "viewer", "id", "length_limit");
}
