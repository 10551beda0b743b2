// Pseudonymous means pseudonymous (issue 8): analyst tables and extracts of a whole demo service
// carry no NHS number, no person's name and no free text; an extract replaces every id of a person
// or of a record of one by a keyed pseudonym per recipient that joins within a recipient, differs
// between recipients, is stable across calls and handles, and cannot be made without the secret.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "laycoach/csv.hpp"
#include "laycoach/demo.hpp"
#include "laycoach/json.hpp"
#include "laycoach/limits.hpp"
#include "laycoach/store.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

const ProgrammeData& demo_data() {
  static const ProgrammeData d = [] {
    demo::DemoOptions o;
    o.seed = 11;
    o.coaches = 8;
    o.staff_clients = 60;
    o.patients = 25;
    o.weeks = 4;
    o.future_weeks = 1;
    o.trainees = 10;
    return demo::make_demo(o);
  }();
  return d;
}

// What must never reach an analyst or a recipient: every NHS number, every person's name and
// every free text of the service (empty values aside).
struct Secrets {
  std::set<std::string> nhs_numbers, names, free_text;
};
Secrets secrets_of(const ProgrammeData& d) {
  Secrets s;
  auto add = [](std::set<std::string>& to, const std::string& v) {
    if (!v.empty()) to.insert(v);
  };
  for (const auto& c : d.clients) {
    add(s.nhs_numbers, c.nhs_number);
    add(s.free_text, c.ethnicity);
  }
  for (const auto& c : d.coaches) {
    add(s.names, c.name);
    add(s.names, c.safeguarding_lead);
    add(s.names, c.first_point_of_contact);
  }
  for (const auto& r : d.referrals) add(s.free_text, r.adjustments);
  for (const auto& x : d.sessions) {
    add(s.free_text, x.adjustments);
    add(s.names, x.override_by);
    add(s.free_text, x.override_reason);
  }
  for (const auto& n : d.notes) add(s.free_text, n.text);
  for (const auto& g : d.goals) add(s.free_text, g.description);
  for (const auto& r : d.supervision) add(s.names, r.supervisor);
  for (const auto& c : d.safeguarding) add(s.names, c.escalated_to);
  return s;
}

// The cells of a table that hold one of the secrets: an NHS number anywhere in a cell (also
// written with spaces), a name or free text as a whole cell.
std::vector<std::string> leaks(const StoreTableData& t, const Secrets& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    for (std::size_t r = 0; r < t.rows(); ++r) {
      const StoreCell cell = t.cell(i, r);
      const auto* v = std::get_if<std::string>(&cell);
      if (!v) continue;
      std::string digits;
      for (char ch : *v)
        if (ch != ' ') digits += ch;
      for (const auto& n : s.nhs_numbers)
        if (digits.find(n) != std::string::npos) out.push_back(t.columns[i].name + ": NHS number " + n);
      if (s.names.count(*v)) out.push_back(t.columns[i].name + ": name " + *v);
      if (s.free_text.count(*v)) out.push_back(t.columns[i].name + ": free text " + *v);
    }
  return out;
}

// The text cells of column `name`.
std::vector<std::string> column(const StoreTableData& t, const std::string& name) {
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    if (t.columns[i].name == name) {
      std::vector<std::string> v;
      for (std::size_t r = 0; r < t.rows(); ++r)
        if (const StoreCell c = t.cell(i, r); const auto* s = std::get_if<std::string>(&c)) v.push_back(*s);
      return v;
    }
  FAIL("no column " << name);
  return {};
}

// Every text cell of every pseudonymised column of an extract: its pseudonyms.
std::set<std::string> pseudonyms(const Programme& p, const std::string& recipient) {
  std::set<std::string> out;
  const std::map<std::string, std::vector<std::string>> cols = {
      {"clients", {"id"}}, {"referrals", {"id", "client_id"}}, {"sessions", {"id", "coach_id", "rescheduled_to"}},
      {"session_attendees", {"owner", "client_id", "referral_id"}}, {"responses", {"id", "client_id", "referral_id"}},
      {"coaches", {"id"}}, {"trainees", {"id"}}, {"supervision", {"id", "coach_id"}},
      {"safeguarding", {"id", "coach_id", "client_id", "session_id"}}, {"waiting_list", {"id", "session_id", "client_id"}}};
  for (const auto& [table, names] : cols) {
    const StoreTableData t = extract(p, table, recipient);
    for (const auto& n : names)
      for (const auto& v : column(t, n))
        if (!v.empty()) out.insert(v);  // an empty reference (no replacement session) stays empty
  }
  return out;
}

}  // namespace

TEST_CASE("extracts: no NHS number, name or free text in any analyst table or extract of the demo", "[store][extract]") {
  const Programme p(demo_data());
  const Secrets s = secrets_of(p.data());
  REQUIRE(s.nhs_numbers.size() >= 20);  // the demo's patients
  REQUIRE(s.names.size() >= 8);         // coaches, leads, supervisors
  REQUIRE(s.free_text.size() >= 5);     // notes, goals, adjustments
  // The detector finds what it looks for (a control): an NHS number with spaces, a name, a note.
  StoreTableData control;
  control.columns = {{"x", "text"}};
  const std::string nhs = *s.nhs_numbers.begin();
  control.data.resize(1);
  for (const std::string& v : {nhs.substr(0, 3) + " " + nhs.substr(3, 3) + " " + nhs.substr(6), *s.names.begin(), *s.free_text.begin()})
    control.append(0, v);
  CHECK(leaks(control, s).size() == 3);
  std::size_t cells = 0;
  for (const std::string& table : analyst_table_names()) {
    INFO("table " << table);
    const StoreTableData mine = store_table_data(p, table);
    CHECK(leaks(mine, s) == std::vector<std::string>{});
    for (const char* recipient : {"NHS England analytics", "University evaluation team"}) {
      const StoreTableData out = extract(p, table, recipient);
      CHECK(leaks(out, s) == std::vector<std::string>{});
      cells += out.rows() * out.columns.size();
    }
  }
  CHECK(cells > 1000);
  // The confidential tables stay out of both.
  CHECK_THROWS_AS(extract(p, "notes", "r"), ForbiddenError);
  CHECK_THROWS_AS(extract(p, "goals", "r"), ForbiddenError);
  CHECK_THROWS_AS(extract(p, "no_such_table", "r"), NotFoundError);
  const auto names = analyst_table_names();
  CHECK(std::find(names.begin(), names.end(), "notes") == names.end());
  CHECK(std::find(names.begin(), names.end(), "sessions") != names.end());
}

TEST_CASE("extracts: ids of people and their records are pseudonyms that join within a recipient", "[store][extract]") {
  const Programme p(demo_data());
  const std::string r = "NHS England analytics";
  const StoreTableData clients = extract(p, "clients", r), referrals = extract(p, "referrals", r),
                       sessions = extract(p, "sessions", r), attendees = extract(p, "session_attendees", r),
                       responses = extract(p, "responses", r), coaches = extract(p, "coaches", r),
                       offers = extract(p, "offers", r), organisations = extract(p, "organisations", r);
  const auto client_ids = column(clients, "id");
  const std::set<std::string> clients_set(client_ids.begin(), client_ids.end());
  REQUIRE(clients_set.size() == p.data().clients.size());  // distinct
  for (const auto& id : client_ids) {
    CHECK(id.size() == 32);
    CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
  }
  // No real id survives in a pseudonymised column.
  std::set<std::string> real;
  for (const auto& c : p.data().clients) real.insert(c.id);
  for (const auto& id : client_ids) CHECK_FALSE(real.count(id));
  // Joins: every reference finds its record, as in the analyst tables.
  auto all_in = [](const std::vector<std::string>& refs, const std::vector<std::string>& keys) {
    const std::set<std::string> k(keys.begin(), keys.end());
    return std::all_of(refs.begin(), refs.end(), [&](const std::string& x) { return x.empty() || k.count(x) > 0; });
  };
  CHECK(all_in(column(referrals, "client_id"), client_ids));
  CHECK(all_in(column(attendees, "client_id"), client_ids));
  CHECK(all_in(column(attendees, "owner"), column(sessions, "id")));
  CHECK(all_in(column(attendees, "referral_id"), column(referrals, "id")));
  CHECK(all_in(column(responses, "client_id"), client_ids));
  CHECK(all_in(column(responses, "referral_id"), column(referrals, "id")));
  CHECK(all_in(column(sessions, "coach_id"), column(coaches, "id")));
  CHECK(all_in(column(sessions, "rescheduled_to"), column(sessions, "id")));
  CHECK(column(referrals, "client_id").size() == p.data().referrals.size());
  // Per-client counts survive the join (sessions attended per client, in both forms).
  auto per = [](const std::vector<std::string>& v) {
    std::multiset<std::size_t> counts;
    std::map<std::string, std::size_t> m;
    for (const auto& x : v) ++m[x];
    for (const auto& [k, n] : m) counts.insert(n);
    return counts;
  };
  CHECK(per(column(attendees, "client_id")) == per(column(store_table_data(p, "session_attendees"), "client_id")));
  // Records that are nobody's keep their ids: offers, organisations (ODS codes).
  CHECK(column(offers, "id") == column(store_table_data(p, "offers"), "id"));
  CHECK(column(organisations, "ods_code") == column(store_table_data(p, "organisations"), "ods_code"));
  CHECK(column(referrals, "offer_id") == column(store_table_data(p, "referrals"), "offer_id"));
}

TEST_CASE("extracts: two recipients share no pseudonym, one recipient's are stable", "[store][extract]") {
  TempDir dir;
  const std::string path = dir.file("x.sqlite");
  {
    Programme p = Programme::open(path);
    p.replace(demo_data());
  }
  const Programme a = Programme::open(path), b = Programme::open(path);  // two handles of one file
  const auto first = pseudonyms(a, "NHS England analytics");
  const auto second = pseudonyms(a, "University evaluation team");
  REQUIRE(first.size() > 300);
  std::vector<std::string> shared;
  std::set_intersection(first.begin(), first.end(), second.begin(), second.end(), std::back_inserter(shared));
  CHECK(shared.empty());
  // Stable: again, and through the other handle of the same store.
  CHECK(pseudonyms(a, "NHS England analytics") == first);
  CHECK(pseudonyms(b, "NHS England analytics") == first);
  const StoreTableData x = extract(a, "sessions", "r1"), y = extract(b, "sessions", "r1");
  CHECK(store_table_to_json(x) == store_table_to_json(y));
  // A recipient's name is used exactly: another spelling is another recipient.
  CHECK(column(extract(a, "clients", "r1"), "id") != column(extract(a, "clients", "R1"), "id"));
  // Another service (another secret) with the same records: other pseudonyms.
  const Programme other(demo_data());
  CHECK(column(extract(other, "clients", "r1"), "id") != column(extract(a, "clients", "r1"), "id"));
}

TEST_CASE("extracts: the recipient is named, within its length limit, without control characters", "[store][extract][limits]") {
  const Programme p = people_programme();
  require_error([&] { extract(p, "clients", ""); }, ErrorCode::InvalidArgument, "recipient", "recipient", "recipient_required");
  CHECK_NOTHROW(extract(p, "clients", std::string(kMaxNameBytes, 'r')));
  require_error([&] { extract(p, "clients", std::string(kMaxNameBytes + 1, 'r')); }, ErrorCode::InvalidArgument,
                "recipient", "recipient", "length_limit");
  require_error([&] { extract(p, "clients", std::string("a\0b", 3)); }, ErrorCode::InvalidArgument, "recipient",
                "recipient", "printable_text");
  require_error([&] { extract(p, "clients", "line\nbreak"); }, ErrorCode::InvalidArgument, "recipient", "recipient",
                "printable_text");
  CHECK_NOTHROW(extract(p, "clients", "Équipe d'évaluation, Université"));  // UTF-8 is fine
}

TEST_CASE("store tables as text: JSON document and RFC 4180 CSV", "[store][extract]") {
  StoreTableData t;
  t.columns = {{"id", "text"}, {"n", "integer"}, {"x", "real"}, {"ok", "boolean"}};
  t.data.resize(4);
  const std::vector<std::vector<StoreCell>> cells = {{std::string("a,b"), std::string("say \"hi\""), StoreCell{}},
                                                     {1LL, StoreCell{}, -2LL},
                                                     {0.1, std::nan(""), 2.5},
                                                     {true, false, StoreCell{}}};
  for (std::size_t i = 0; i < cells.size(); ++i)
    for (const StoreCell& c : cells[i]) t.append(i, c);
  CHECK(t.rows() == 3);
  CHECK(t.data[1].valid == std::vector<std::uint8_t>{1, 0, 1});
  CHECK(t.data[1].ints[2] == -2);
  CHECK(store_table_to_csv(t) == "id,n,x,ok\r\n\"a,b\",1,0.1,1\r\n\"say \"\"hi\"\"\",,,0\r\n,-2,2.5,\r\n");
  CHECK(store_table_to_json(t) ==
        R"({"schema_version":1,"columns":[{"name":"id","kind":"text"},{"name":"n","kind":"integer"},)"
        R"({"name":"x","kind":"real"},{"name":"ok","kind":"boolean"}],"rows":[["a,b",1,0.1,true],)"
        R"(["say \"hi\"",null,null,false],[null,-2,2.5,null]]})");
}
