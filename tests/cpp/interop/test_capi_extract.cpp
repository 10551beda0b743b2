// The C face of issue 8's rules on input and on data leaving the service: every call that takes
// a JSON document refuses a repeated key; lengths are limited; lc_programme_extract gives
// pseudonymised tables (JSON or CSV) with no NHS number, name or free text, joinable within a
// recipient and unlinkable between recipients.
#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "laycoach.h"
#include "laycoach/demo.hpp"
#include "laycoach/document.hpp"
#include "laycoach/limits.hpp"
#include "laycoach/store.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

std::string last_rule() { return lc_last_error_rule(); }
std::string last_field() { return lc_last_error_field(); }

// A C programme holding `data`.
lc_programme* loaded(const ProgrammeData& data) {
  lc_programme* p = nullptr;
  REQUIRE(lc_programme_new(&p) == LC_OK);
  const std::string doc = to_json(data);
  REQUIRE(lc_programme_load_json(p, doc.data(), doc.size()) == LC_OK);
  return p;
}

// lc_programme_extract as parsed JSON.
nlohmann::json extract_json(const lc_programme* p, const std::string& table, const std::string& recipient) {
  char* out = nullptr;
  REQUIRE(lc_programme_extract(p, table.c_str(), recipient.c_str(), "json", &out) == LC_OK);
  nlohmann::json j = nlohmann::json::parse(out);
  lc_string_free(out);
  return j;
}

// The text cells of one column of an extract document.
std::vector<std::string> column(const nlohmann::json& t, const std::string& name) {
  std::size_t i = 0;
  while (i < t["columns"].size() && t["columns"][i]["name"] != name) ++i;
  REQUIRE(i < t["columns"].size());
  std::vector<std::string> v;
  for (const auto& row : t["rows"])
    if (row[i].is_string()) v.push_back(row[i].get<std::string>());
  return v;
}

}  // namespace

TEST_CASE("C API: every call that takes a document refuses a repeated key", "[capi][unique_keys]") {
  lc_programme* p = loaded(every_kind_data());
  const std::string before = [&] {
    char* out = nullptr;
    REQUIRE(lc_programme_to_json(p, &out) == LC_OK);
    std::string s(out);
    lc_string_free(out);
    return s;
  }();
  const char* viewer = R"({"audience":"public","id":"c1","audience":"coach"})";
  const char* good_viewer = R"({"audience":"coach","id":"c1"})";
  const char* rec = R"({"id":"a","id":"b"})";
  const char* req = R"({"client_id":"s1","client_id":"s2"})";
  struct Call {
    const char* name;
    std::function<lc_status(char**)> call;
    const char* pointer;
  };
  const std::vector<Call> calls = {
      {"lc_programme_load_json", [&](char**) {
         const std::string d = R"({"schema_version":1,"clients":[],"clients":[]})";
         return lc_programme_load_json(p, d.data(), d.size());
       }, "/clients"},
      {"lc_coach_add", [&](char**) { return lc_coach_add(p, rec); }, "/id"},
      {"lc_coach_update", [&](char**) { return lc_coach_update(p, rec); }, "/id"},
      {"lc_client_add", [&](char**) { return lc_client_add(p, rec); }, "/id"},
      {"lc_client_get (viewer)", [&](char** o) { return lc_client_get(p, viewer, "s1", o); }, "/audience"},
      {"lc_referral_add", [&](char**) { return lc_referral_add(p, rec); }, "/id"},
      {"lc_session_book", [&](char** o) { return lc_session_book(p, rec, o); }, "/id"},
      {"lc_note_add (viewer)", [&](char**) { return lc_note_add(p, viewer, R"({"id":"n9","session_id":"a1","author_id":"c1","text":"t"})"); }, "/audience"},
      {"lc_note_add (note)", [&](char**) { return lc_note_add(p, good_viewer, rec); }, "/id"},
      {"lc_session_notes (viewer)", [&](char** o) { return lc_session_notes(p, viewer, "a1", o); }, "/audience"},
      {"lc_supervision_add", [&](char**) { return lc_supervision_add(p, rec); }, "/id"},
      {"lc_response_add", [&](char**) { return lc_response_add(p, rec); }, "/id"},
      {"lc_programme_summary (viewer)", [&](char** o) { return lc_programme_summary(p, viewer, o); }, "/audience"},
      {"lc_booking_search", [&](char** o) { return lc_booking_search(p, req, o); }, "/client_id"},
      {"lc_booking_book", [&](char** o) { return lc_booking_book(p, req, o); }, "/client_id"},
      {"lc_booking_book_slot (request)", [&](char** o) {
         return lc_booking_book_slot(p, req, R"({"coach_id":"c1","start":"2024-07-08T09:00:00Z"})", o);
       }, "/client_id"},
      {"lc_booking_book_slot (slot)", [&](char** o) {
         return lc_booking_book_slot(p, R"({"client_id":"s1","offer_id":"lay_too_1to1"})",
                                     R"({"coach_id":"c1","coach_id":"c2","start":"2024-07-08T09:00:00Z"})", o);
       }, "/coach_id"},
      {"lc_booking_reschedule", [&](char** o) { return lc_booking_reschedule(p, "a1", req, o); }, "/client_id"},
      {"lc_booking_open_group_sessions", [&](char** o) { return lc_booking_open_group_sessions(p, req, o); }, "/client_id"},
      {"lc_booking_join", [&](char** o) { return lc_booking_join(p, "g1", req, o); }, "/client_id"},
      {"lc_booking_join_waiting_list", [&](char** o) { return lc_booking_join_waiting_list(p, "g2", req, 0, o); }, "/client_id"},
      {"lc_programme_evaluate", [&](char** o) {
         return lc_programme_evaluate(p, R"({"audience":"public","audience":"service_manager"})", o);
       }, "/audience"},
  };
  for (const Call& c : calls) {
    INFO(c.name);
    char* out = nullptr;
    CHECK(c.call(&out) == LC_E_PARSE);
    CHECK(out == nullptr);
    CHECK(last_rule() == "unique_keys");
    CHECK(last_field() == c.pointer);
  }
  char* after = nullptr;
  REQUIRE(lc_programme_to_json(p, &after) == LC_OK);
  CHECK(std::string(after) == before);
  lc_string_free(after);
  lc_programme_free(p);
}

TEST_CASE("C API: length limits on records and viewer ids", "[capi][limits]") {
  lc_programme* p = loaded(every_kind_data());
  const std::string ok = R"({"id":")" + std::string(kMaxIdBytes, 'k') + R"(","kind":"staff"})";
  CHECK(lc_client_add(p, ok.c_str()) == LC_OK);
  const std::string bad = R"({"id":")" + std::string(kMaxIdBytes + 1, 'k') + R"(","kind":"staff"})";
  CHECK(lc_client_add(p, bad.c_str()) == LC_E_INVALID_ARGUMENT);
  CHECK(last_rule() == "length_limit");
  CHECK(last_field() == "id");
  CHECK(std::string(lc_last_error_record()) == std::string(kMaxIdBytes, 'k') + "...");
  const std::string text = R"({"id":"r9","client_id":"s1","offer_id":"lay_too_1to1","requested_at":"2024-07-01T08:30:00Z","adjustments":")" +
                           std::string(kMaxTextBytes + 1, 'a') + "\"}";
  CHECK(lc_referral_add(p, text.c_str()) == LC_E_INVALID_ARGUMENT);
  CHECK(last_rule() == "length_limit");
  CHECK(last_field() == "adjustments");
  char* out = nullptr;
  const std::string viewer = R"({"audience":"service_manager","id":")" + std::string(kMaxIdBytes + 1, 'm') + "\"}";
  CHECK(lc_client_get(p, viewer.c_str(), "s1", &out) == LC_E_INVALID_ARGUMENT);
  CHECK(out == nullptr);
  CHECK(last_rule() == "length_limit");
  CHECK(last_field() == "/id");
  lc_programme_free(p);
}

TEST_CASE("C API: lc_programme_extract of the demo service", "[capi][extract]") {
  demo::DemoOptions o;
  o.seed = 5;
  o.coaches = 6;
  o.staff_clients = 40;
  o.patients = 20;
  o.weeks = 3;
  o.future_weeks = 1;
  o.trainees = 6;
  const ProgrammeData data = demo::make_demo(o);
  lc_programme* p = loaded(data);
  std::set<std::string> secret_cells;  // whole cells that must never appear
  std::vector<std::string> nhs;        // NHS numbers, searched for inside every cell
  for (const auto& c : data.clients) {
    if (!c.nhs_number.empty()) nhs.push_back(c.nhs_number);
    if (!c.ethnicity.empty()) secret_cells.insert(c.ethnicity);
  }
  for (const auto& c : data.coaches)
    for (const auto* s : {&c.name, &c.safeguarding_lead, &c.first_point_of_contact})
      if (!s->empty()) secret_cells.insert(*s);
  for (const auto& n : data.notes) secret_cells.insert(n.text);
  for (const auto& g : data.goals) secret_cells.insert(g.description);
  for (const auto& r : data.supervision) secret_cells.insert(r.supervisor);
  REQUIRE(nhs.size() == 20);
  std::size_t rows = 0;
  for (const std::string& table : analyst_table_names()) {
    INFO(table);
    for (const char* recipient : {"Commissioner analytics", "Academic partner"}) {
      const nlohmann::json t = extract_json(p, table, recipient);
      for (const auto& row : t["rows"]) {
        ++rows;
        for (const auto& cell : row) {
          if (!cell.is_string()) continue;
          const std::string v = cell.get<std::string>();
          CHECK_FALSE(secret_cells.count(v));
          for (const auto& n : nhs) CHECK(v.find(n) == std::string::npos);
        }
      }
      char* csv = nullptr;
      REQUIRE(lc_programme_extract(p, table.c_str(), recipient, "csv", &csv) == LC_OK);
      for (const auto& n : nhs) CHECK(std::string(csv).find(n) == std::string::npos);
      lc_string_free(csv);
    }
  }
  CHECK(rows > 500);
  // Joins within a recipient; nothing shared between two.
  const auto a_clients = column(extract_json(p, "clients", "A"), "id");
  const std::set<std::string> a(a_clients.begin(), a_clients.end());
  for (const auto& id : column(extract_json(p, "referrals", "A"), "client_id")) CHECK(a.count(id));
  for (const auto& id : column(extract_json(p, "responses", "A"), "client_id")) CHECK(a.count(id));
  for (const auto& id : column(extract_json(p, "clients", "B"), "id")) CHECK_FALSE(a.count(id));
  CHECK(column(extract_json(p, "clients", "A"), "id") == a_clients);  // stable
  // Bad calls: named, nothing returned.
  char* out = nullptr;
  CHECK(lc_programme_extract(p, "clients", "", "json", &out) == LC_E_INVALID_ARGUMENT);
  CHECK(last_rule() == "recipient_required");
  const std::string long_name(kMaxNameBytes + 1, 'r');
  CHECK(lc_programme_extract(p, "clients", long_name.c_str(), "json", &out) == LC_E_INVALID_ARGUMENT);
  CHECK(last_rule() == "length_limit");
  CHECK(lc_programme_extract(p, "clients", "A", "xml", &out) == LC_E_INVALID_ARGUMENT);
  CHECK(last_rule() == "extract_format");
  CHECK(lc_programme_extract(p, "notes", "A", "json", &out) == LC_E_FORBIDDEN);
  CHECK(lc_programme_extract(p, "no_such_table", "A", "json", &out) == LC_E_NOT_FOUND);
  CHECK(lc_programme_extract(p, nullptr, "A", "json", &out) == LC_E_INVALID_ARGUMENT);
  CHECK(lc_programme_extract(p, "clients", nullptr, "json", &out) == LC_E_INVALID_ARGUMENT);
  CHECK(out == nullptr);
  CHECK(lc_programme_extract(p, "clients", "A", nullptr, &out) == LC_OK);  // NULL format: JSON
  CHECK(std::string(out).rfind("{\"schema_version\":1", 0) == 0);
  lc_string_free(out);
  lc_programme_free(p);
}
