// The C face under the mutation test: every rejection of a mutated document is an lc_status
// other than LC_E_INTERNAL with a field (JSON pointer), and the programme is unchanged. Built as
// its own executable against laycoach_c (the library exports only lc_*), with the C++ library
// only to write the fixture documents.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

#include "interop/mutations.hpp"
#include "laycoach.h"
#include "laycoach_booking.h"
#include "laycoach/document.hpp"
#include "laycoach/json.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

std::string programme_json(const lc_programme* p) {
  char* out = nullptr;
  REQUIRE(lc_programme_to_json(p, &out) == LC_OK);
  std::string s(out);
  lc_string_free(out);
  return s;
}

struct CKind {
  std::string name;
  std::string doc;
  std::function<lc_status(lc_programme*, const std::string&)> apply;
};

}  // namespace

TEST_CASE("C API: mutated documents give a status other than internal, a field, and change nothing", "[mutation]") {
  ProgrammeData base = every_kind_data();
  base.notes.clear();
  const std::string base_doc = to_json(base);
  lc_programme* p = nullptr;
  REQUIRE(lc_programme_new(&p) == LC_OK);
  REQUIRE(lc_programme_load_json(p, base_doc.data(), base_doc.size()) == LC_OK);
  const std::string before = programme_json(p);
  const std::vector<CKind> kinds = {
      {"coach", record_to_json(workforce_coach("c9")), [](lc_programme* q, const std::string& t) { return lc_coach_add(q, t.c_str()); }},
      {"client", record_to_json(staff_client("s9", "RXA01")), [](lc_programme* q, const std::string& t) { return lc_client_add(q, t.c_str()); }},
      {"session", record_to_json(one_to_one("a9", "c2", "s3", at("2024-07-16T10:00:00Z"))),
       [](lc_programme* q, const std::string& t) {
         char* out = nullptr;
         const lc_status st = lc_session_book(q, t.c_str(), &out);
         lc_string_free(out);
         return st;
       }},
      {"note", record_to_json(SessionNote{"n9", "a1", "c1", at("2024-07-08T10:00:00Z"), "text"}),
       [](lc_programme* q, const std::string& t) { return lc_note_add(q, R"({"audience": "coach", "id": "c1"})", t.c_str()); }},
      {"viewer", viewer_to_json(as_coach("c1")),
       [](lc_programme* q, const std::string& t) {
         char* out = nullptr;
         const lc_status st = lc_session_notes(q, t.c_str(), "a1", &out);
         lc_string_free(out);
         return st;
       }},
      {"slot request",
       R"({"client_id": "s3", "offer_id": "lay_too_1to1", "earliest": "2024-07-16T08:00:00Z", "latest": "2024-07-19T20:00:00Z",
           "now": "2024-07-01T08:00:00Z", "weekdays": [1, 2], "times_of_day": [{"from_min": 480, "to_min": 1200}], "max_results": 2})",
       [](lc_programme* q, const std::string& t) {
         char* out = nullptr;
         const lc_status st = lc_booking_book(q, t.c_str(), &out);
         lc_string_free(out);
         return st;
       }},
      {"programme", base_doc, [](lc_programme* q, const std::string& t) { return lc_programme_load_json(q, t.data(), t.size()); }},
      // The record calls of laycoach_records.h and the policy of lc_programme_summary_v2.
      {"service line", R"({"id": "sl9", "name": "Extra line", "kind": "workforce"})",
       [](lc_programme* q, const std::string& t) { return lc_service_line_add(q, t.c_str()); }},
      {"offer",
       R"({"id": "o9", "service_line_id": "lay_too", "name": "Extra 1:1", "format": "one_to_one", "session_minutes": 30,
           "capacity": 1, "modalities": ["video"], "eligibility": {"client_kinds": ["staff"], "max_pam_level": null},
           "agreed_sessions": 4, "min_notice_minutes": 60})",
       [](lc_programme* q, const std::string& t) { return lc_offer_add(q, t.c_str()); }},
      {"organisation", R"({"ods_code": "RXZ9", "name": "Z Trust", "kind": "trust", "parent_ods": ""})",
       [](lc_programme* q, const std::string& t) { return lc_organisation_add(q, t.c_str()); }},
      {"goal",
       R"({"id": "goal9", "client_id": "s1", "referral_id": "r1", "description": "Walk daily", "baseline": 2,
           "target": 6, "attainment": "not_started"})",
       [](lc_programme* q, const std::string& t) { return lc_goal_add(q, R"({"audience": "client", "id": "s1"})", t.c_str()); }},
      {"concern",
       R"({"id": "sg9", "coach_id": "c1", "client_id": "s1", "session_id": "a1", "category": "other",
           "raised_at": "2024-07-08T10:00:00Z", "escalated_to": "Dr Safe", "escalated_at": "2024-07-08T11:00:00Z"})",
       [](lc_programme* q, const std::string& t) { return lc_concern_raise(q, t.c_str()); }},
      {"cohort", R"({"id": "co9", "name": "Coaching skills, autumn", "days": 2, "start": "2024-09-02", "organisation": ""})",
       [](lc_programme* q, const std::string& t) { return lc_cohort_add(q, t.c_str()); }},
      {"trainee",
       R"({"id": "t9", "cohort_id": "co1", "profession": "nurse", "organisation": "", "sector": "acute",
           "days_attended": 1, "confidence_before": 3, "confidence_after": 6, "champion": false})",
       [](lc_programme* q, const std::string& t) { return lc_trainee_add(q, t.c_str()); }},
      {"supervision policy",
       R"({"health_coaching_days": 21, "clinical_days": 30, "line_management_days": 60, "health_coaching_requires_pci": true})",
       [](lc_programme* q, const std::string& t) { return lc_supervision_policy_set(q, t.c_str()); }},
      {"summary policy",
       R"({"min_count": 10, "round_to": 5, "cell_key": true, "max_perturbation": 2, "magnitude_noise": 0.25,
           "exact_statistics": false})",
       [](lc_programme* q, const std::string& t) {
         char* out = nullptr;
         const lc_status st = lc_programme_summary_v2(q, R"({"audience": "commissioner"})", t.c_str(), &out);
         lc_string_free(out);
         return st;
       }},
  };
  std::vector<std::string> problems;
  std::size_t tried = 0;
  for (const auto& k : kinds) {
    for (const auto& m : mutations_of(k.doc, k.name == "programme" ? 120 : 80)) {
      ++tried;
      const lc_status st = k.apply(p, m.text);
      if (st == LC_OK) {
        REQUIRE(lc_programme_load_json(p, base_doc.data(), base_doc.size()) == LC_OK);
        continue;
      }
      if (st == LC_E_INTERNAL) problems.push_back(k.name + ": " + m.what + ": LC_E_INTERNAL: " + lc_last_error());
      const bool whole_document = std::string(lc_last_error_rule()) == "json_syntax" &&
                                  std::string(lc_last_error()).find("at byte") != std::string::npos;
      if (std::string(lc_last_error_field()).empty() && !whole_document)
        problems.push_back(k.name + ": " + m.what + ": no field: " + lc_last_error());
      if (programme_json(p) != before) {
        problems.push_back(k.name + ": " + m.what + ": the rejection changed the programme");
        REQUIRE(lc_programme_load_json(p, base_doc.data(), base_doc.size()) == LC_OK);
      }
    }
  }
  INFO(tried << " mutations");
  for (std::size_t i = 0; i < problems.size() && i < 30; ++i) UNSCOPED_INFO(problems[i]);
  CHECK(problems.empty());
  lc_programme_free(p);
}

TEST_CASE("C API: 1e999, lone surrogates and repeated keys are parse errors naming the field", "[mutation]") {
  lc_programme* p = nullptr;
  REQUIRE(lc_programme_new(&p) == LC_OK);
  CHECK(lc_coach_add(p, "{\"id\":1e999}") == LC_E_PARSE);
  CHECK(std::string(lc_last_error_field()) == "/id");
  CHECK(std::string(lc_last_error_rule()) == "number_range");
  CHECK(lc_coach_add(p, "{\"id\":\"c1\",\"name\":\"\\ud800\"}") == LC_E_PARSE);
  CHECK(std::string(lc_last_error_field()) == "/name");
  CHECK(std::string(lc_last_error_rule()) == "json_syntax");
  char* out = nullptr;
  CHECK(lc_programme_summary(p, "{\"audience\":\"public\",\"id\":\"c1\",\"audience\":\"coach\"}", &out) == LC_E_PARSE);
  CHECK(out == nullptr);
  CHECK(std::string(lc_last_error_field()) == "/audience");
  CHECK(std::string(lc_last_error_rule()) == "unique_keys");
  CHECK(std::string(lc_last_error_record()) == "viewer");
  CHECK(lc_booking_search(p, "{\"client_id\":\"s1\",\"weekdays\":[0,7]}", &out) == LC_E_INVALID_ARGUMENT);
  CHECK(std::string(lc_last_error_field()) == "/weekdays/1");
  CHECK(std::string(lc_last_error_rule()) == "weekday_range");
  lc_programme_free(p);
}
