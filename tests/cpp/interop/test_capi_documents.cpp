// docs/documents.md cannot drift from the code: every ```json block there names its document
// (kind=...) and is put, in order, through the C call that takes that document, into one
// programme (the whole-programme example into a fresh one). Every document kind the C API reads
// must have an example.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "laycoach.h"
#include "laycoach/json.hpp"

using namespace laycoach;

namespace {

struct Example {
  std::string kind;
  std::map<std::string, std::string> attrs;  ///< other key=value words of the opening line
  std::string text;
  int line = 0;
};

// The fenced ```json blocks of a Markdown file, with the key=value words after "json".
std::vector<Example> json_examples(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::vector<Example> out;
  std::string line;
  int n = 0;
  Example* open = nullptr;
  while (std::getline(in, line)) {
    ++n;
    if (open) {
      if (line.rfind("```", 0) == 0) open = nullptr;
      else open->text += line + "\n";
      continue;
    }
    if (line.rfind("```json", 0) != 0) continue;
    Example e;
    e.line = n;
    std::istringstream words(line.substr(7));
    std::string w;
    while (words >> w) {
      const auto eq = w.find('=');
      if (eq == std::string::npos) continue;
      if (w.substr(0, eq) == "kind") e.kind = w.substr(eq + 1);
      else e.attrs[w.substr(0, eq)] = w.substr(eq + 1);
    }
    out.push_back(e);
    open = &out.back();
  }
  return out;
}

std::string take(char* s) {
  std::string r = s ? s : "";
  lc_string_free(s);
  return r;
}

}  // namespace

TEST_CASE("every example of docs/documents.md goes through its C call") {
  const auto examples = json_examples(std::string(LAYCOACH_DOCS_DIR) + "/documents.md");
  lc_programme* p = nullptr;
  REQUIRE(lc_programme_new(&p) == LC_OK);
  std::set<std::string> seen;
  for (const auto& e : examples) {
    INFO("docs/documents.md line " << e.line << " kind=" << e.kind << "\n" << e.text);
    const char* doc = e.text.c_str();
    const auto j = nlohmann::json::parse(e.text);
    char* out = nullptr;
    lc_status st = LC_E_INTERNAL;
    const std::string& k = e.kind;
    if (k == "service_line") st = lc_service_line_add(p, doc);
    else if (k == "offer") st = lc_offer_add(p, doc);
    else if (k == "catalogue") {
      CHECK_NOTHROW(record_from_json<Catalogue>(e.text));
      st = lc_catalogue_get(p, &out);
    } else if (k == "organisation") st = lc_organisation_add(p, doc);
    else if (k == "coach") st = lc_coach_add(p, doc);
    else if (k == "client") st = lc_client_add(p, doc);
    else if (k == "referral") st = lc_referral_add(p, doc);
    else if (k == "session") st = lc_session_book(p, doc, &out);
    else if (k == "attendee") {
      CHECK_NOTHROW(record_from_json<Attendee>(e.text));
      st = LC_OK;
    } else if (k == "note") {
      const std::string viewer = nlohmann::json{{"audience", "coach"}, {"id", j.at("author_id")}}.dump();
      st = lc_note_add(p, viewer.c_str(), doc);
    } else if (k == "goal") {
      const std::string viewer = nlohmann::json{{"audience", "client"}, {"id", j.at("client_id")}}.dump();
      st = lc_goal_add(p, viewer.c_str(), doc);
    } else if (k == "viewer") st = lc_programme_summary(p, doc, &out);
    else if (k == "supervision") st = lc_supervision_add(p, doc);
    else if (k == "supervision_policy") st = lc_supervision_policy_set(p, doc);
    else if (k == "concern") st = lc_concern_raise(p, doc);
    else if (k == "cohort") st = lc_cohort_add(p, doc);
    else if (k == "trainee") st = lc_trainee_add(p, doc);
    else if (k == "usage_wave") st = lc_usage_wave_add(p, doc);
    else if (k == "skill_share") st = lc_skill_share_add(p, doc);
    else if (k == "response") st = lc_response_add(p, doc);
    else if (k == "response_record") {
      st = lc_response_record(p, doc, &out);
      if (st == LC_OK) CHECK(nlohmann::json::parse(out).at("risk_flags") == nlohmann::json::array({"self_harm_risk"}));
    } else if (k == "fhir_options") {
      const std::string manager = R"({"audience": "service_manager", "id": "docs"})";
      st = lc_programme_fhir_export(p, manager.c_str(), doc, &out);
      if (st == LC_OK) CHECK(nlohmann::json::parse(out).at("type") == "transaction");
      if (st == LC_OK) CHECK(nlohmann::json::parse(out).at("resourceType") == "Bundle");
    }
    else if (k == "instrument") st = lc_instrument_load(doc, &out);
    else if (k == "answers") st = lc_instrument_score(e.attrs.at("instrument").c_str(), doc, &out);
    else if (k == "request") st = lc_booking_search(p, doc, &out);
    else if (k == "slot") {
      CHECK_NOTHROW(slot_from_json(e.text));
      st = LC_OK;
    } else if (k == "policy") st = lc_programme_set_disclosure_floor(p, doc);
    else if (k == "evaluation_options") st = lc_programme_evaluate(p, doc, &out);
    else if (k == "programme") {
      lc_programme* q = nullptr;
      REQUIRE(lc_programme_new(&q) == LC_OK);
      st = lc_programme_load_json(q, doc, e.text.size());
      lc_programme_free(q);
    } else FAIL("an example of an unknown kind '" << k << "'");
    INFO(lc_last_error());
    CHECK(st == LC_OK);
    take(out);
    seen.insert(k);
  }
  // The concern that names the example's risk flag answered it.
  char* open_flags = nullptr;
  REQUIRE(lc_risk_flags(p, 1, &open_flags) == LC_OK);
  CHECK(take(open_flags) == "[]");
  char* all_flags = nullptr;
  REQUIRE(lc_risk_flags(p, 0, &all_flags) == LC_OK);
  CHECK(nlohmann::json::parse(take(all_flags)).size() == 1);
  lc_programme_free(p);

  // Every document the C API reads has its example.
  for (const char* kind : {"service_line", "offer", "catalogue", "organisation", "coach", "client", "referral",
                           "session", "attendee", "note", "goal", "viewer", "supervision", "supervision_policy",
                           "concern", "cohort", "trainee", "usage_wave", "skill_share", "response", "instrument", "answers", "request", "slot",
                           "policy", "evaluation_options", "programme", "response_record", "fhir_options"}) {
    INFO(kind);
    CHECK(seen.count(kind) == 1);
  }
}

TEST_CASE("the examples' reader sees what a drifted example would break") {
  // The same path as above, on a coach document with a key the reader does not know.
  lc_programme* p = nullptr;
  REQUIRE(lc_programme_new(&p) == LC_OK);
  CHECK(lc_coach_add(p, R"({"id": "C9", "name": "X", "nickname": "Y"})") == LC_E_PARSE);
  CHECK(std::string(lc_last_error_field()) == "/nickname");
  lc_programme_free(p);
}
