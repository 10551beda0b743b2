// The FHIR R4 (UK Core) export of patient coaching (include/laycoach/fhir.hpp): only consenting
// patients' coaching on patient lines, never staff, notes or goals; identifiers, codes and
// references as docs/fhir.md says; deterministic ids; service manager only, and logged.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "laycoach/demo.hpp"
#include "laycoach/fhir.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;
using Json = nlohmann::json;

namespace {

const Viewer kManager{Audience::ServiceManager, "mgr"};
constexpr const char* kNoteText = "Patient spoke about their diabetes diet.";
constexpr const char* kGoalText = "Walk to the shops twice a week";

Response response(std::string id, std::string client, std::string referral, std::string instrument, TimePoint tp,
                  const char* when, std::vector<std::optional<int>> answers, std::optional<double> score = {}) {
  Response r;
  r.id = std::move(id);
  r.client_id = std::move(client);
  r.referral_id = std::move(referral);
  r.instrument_id = std::move(instrument);
  r.time_point = tp;
  r.recorded_at = at(when);
  r.answers = std::move(answers);
  r.recorded_score = score;
  return r;
}

/// add_people, plus pt3 (no GP-record consent), patient and staff sessions, responses, a note
/// and a goal. pt1 is registered at A81001 (in PCN U12345); pt1's spaced NHS number is canonicalised.
Programme fhir_programme() {
  Programme p;
  add_people(p);
  Client pt3 = patient_client("pt3", nhs_number("999000001"), 3);
  pt3.consent.gp_record = false;
  p.add_client(pt3);
  Client pt4 = patient_client("pt4", nhs_number("999000002"), 3);
  p.add_client(pt4);
  Referral r2 = referral("r2", "pt1", "hwbc_targeted_1to1", at("2024-07-01T09:00:00Z"));
  p.add_referral(r2);
  p.add_referral(referral("r4", "pt3", "hwbc_clinical_1to1", at("2024-07-01T09:00:00Z")));
  p.add_referral(referral("r1", "s1", "lay_too_1to1", at("2024-07-01T08:30:00Z")));

  Session b1 = one_to_one("b1", "h1", "pt1", at("2024-07-09T09:00:00Z"), "hwbc_targeted_1to1", Modality::FaceToFace);
  b1.attendees[0].referral_id = "r2";
  p.book(b1);
  p.record_outcome("b1", SessionStatus::Attended);
  p.book(one_to_one("b2", "h1", "pt2", at("2024-07-10T09:00:00Z"), "hwbc_clinical_1to1", Modality::Telephone));
  p.record_outcome("b2", SessionStatus::CancelledByCoach);
  Session b3 = one_to_one("b3", "h1", "pt3", at("2024-07-11T09:00:00Z"), "hwbc_clinical_1to1");
  b3.attendees[0].referral_id = "r4";
  p.book(b3);
  p.record_outcome("b3", SessionStatus::Attended);
  Session b4 = one_to_one("b4", "h1", "pt1", at("2024-07-16T09:00:00Z"), "hwbc_targeted_1to1");
  b4.attendees[0].referral_id = "r2";
  p.book(b4);  // booked, no outcome yet
  Session a1 = one_to_one("a1", "c1", "s1", at("2024-07-08T09:00:00Z"));
  a1.attendees[0].referral_id = "r1";
  p.book(a1);
  p.record_outcome("a1", SessionStatus::Attended);

  Coach h1 = p.coach("h1");
  h1.name = "Dr \"Jo\" O'Neil\\\n\tZo\xc3\xab \x01";  // quotes, backslash, control characters, UTF-8
  p.update_coach(h1);
  p.add_note(SessionNote{"n1", "b1", "h1", at("2024-07-09T10:00:00Z"), kNoteText}, as_coach("h1"));
  Goal g;
  g.id = "goal1";
  g.client_id = "pt1";
  g.referral_id = "r2";
  g.description = kGoalText;
  p.add_goal(g, as_coach("h1"));

  p.add_response(response("q1", "pt1", "r2", "phq9", TimePoint::Baseline, "2024-07-02T10:00:00Z",
                          {1, 2, 1, 0, 3, 1, 1, 0, 0}));
  p.add_response(response("q2", "pt1", "r2", "pam", TimePoint::Baseline, "2024-07-02T10:05:00Z", {}, 52.3));
  p.add_response(response("q3", "pt1", "r2", "confidence", TimePoint::PostSession, "2024-07-09T10:30:00Z", {6}));
  p.add_response(response("q4", "pt3", "r4", "phq9", TimePoint::Baseline, "2024-07-02T10:00:00Z",
                          {0, 0, 0, 0, 0, 0, 0, 0, 0}));
  p.add_response(response("q5", "s1", "r1", "swemwbs", TimePoint::Baseline, "2024-07-02T10:00:00Z",
                          {3, 3, 3, 3, 3, 3, 3}));
  p.add_response(response("q6", "pt1", "r2", "gad7", TimePoint::EndOfEpisode, "2024-07-20T10:00:00Z",
                          {1, std::nullopt, 1, 0, 0, 1, 1}));  // unanswered item: no score under "complete"
  return p;
}

std::vector<Json> of_type(const Json& bundle, const std::string& type) {
  std::vector<Json> out;
  for (const auto& e : bundle.at("entry"))
    if (e.at("resource").at("resourceType") == type) out.push_back(e.at("resource"));
  return out;
}

std::string enc_uuid(const std::string& session, const std::string& client) {
  return fhir_resource_uuid("Encounter", session + std::string(1, '\0') + client);
}

}  // namespace

TEST_CASE("fhir: only consenting patients' coaching, with UK Core identifiers and codes", "[fhir]") {
  Programme p = fhir_programme();
  const std::string text = fhir_export(p, kManager);
  const Json b = Json::parse(text);
  CHECK(b.at("resourceType") == "Bundle");
  CHECK(b.at("type") == "collection");

  // Patients: pt1, pt2 (consented, with activity); never pt3 (no consent), pt4 (no activity), staff.
  std::set<std::string> nhs;
  for (const auto& pat : of_type(b, "Patient")) {
    REQUIRE(pat.at("identifier").size() == 1);
    CHECK(pat.at("identifier")[0].at("system") == "https://fhir.nhs.uk/Id/nhs-number");
    nhs.insert(pat.at("identifier")[0].at("value").get<std::string>());
    CHECK(pat.at("meta").at("profile")[0] == "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient");
  }
  CHECK(nhs == std::set<std::string>{"9434765919", "4010232137"});
  // Nothing of staff, of the non-consenting patient, of notes or goals.
  for (const char* absent : {"s1", kNoteText, kGoalText, "RXA01"}) CHECK(text.find(absent) == std::string::npos);
  CHECK(text.find(nhs_number("999000001")) == std::string::npos);
  CHECK(text.find(fhir_resource_uuid("Patient", "pt3")) == std::string::npos);
  CHECK(text.find(fhir_resource_uuid("QuestionnaireResponse", "q5")) == std::string::npos);

  // Encounters: b1 finished face to face (AMB), b2 cancelled by phone (VR); b4 (booked) not by default.
  std::map<std::string, Json> enc;
  for (const auto& e : of_type(b, "Encounter")) enc[e.at("id").get<std::string>()] = e;
  REQUIRE(enc.size() == 2);
  const Json& e1 = enc.at(enc_uuid("b1", "pt1"));
  CHECK(e1.at("status") == "finished");
  CHECK(e1.at("class") == Json({{"system", "http://terminology.hl7.org/CodeSystem/v3-ActCode"}, {"code", "AMB"}, {"display", "ambulatory"}}));
  CHECK(e1.at("type")[0].at("coding")[0].at("system") == "http://snomed.info/sct");
  CHECK(e1.at("type")[0].at("coding")[0].at("code") == "148471000000103");
  CHECK(e1.at("period").at("start") == "2024-07-09T09:00:00Z");
  CHECK(e1.at("participant")[0].at("individual").at("reference") == "urn:uuid:" + fhir_resource_uuid("Practitioner", "h1"));
  CHECK(e1.at("serviceProvider").at("reference") == "urn:uuid:" + fhir_resource_uuid("Organization", "A81001"));
  const Json& e2 = enc.at(enc_uuid("b2", "pt2"));
  CHECK(e2.at("status") == "cancelled");
  CHECK(e2.at("class").at("code") == "VR");
  CHECK_FALSE(e2.contains("serviceProvider"));  // pt2 has no registered practice

  // Text is escaped so that it reads back exactly.
  const auto prac = of_type(b, "Practitioner");
  REQUIRE(prac.size() == 1);
  CHECK(prac[0].at("name")[0].at("text") == p.coach("h1").name);

  // Organisations: the practice with its ODS identifier, part of its PCN.
  std::map<std::string, Json> orgs;
  for (const auto& o : of_type(b, "Organization")) orgs[o.at("identifier")[0].at("value").get<std::string>()] = o;
  REQUIRE(orgs.size() == 2);
  CHECK(orgs.at("A81001").at("identifier")[0].at("system") == "https://fhir.nhs.uk/Id/ods-organization-code");
  CHECK(orgs.at("A81001").at("partOf").at("reference") == "urn:uuid:" + fhir_resource_uuid("Organization", "U12345"));

  // Observations: PHQ-9 coded SNOMED + LOINC, the PAM level coded, the PAM score and confidence text only;
  // GAD-7 with a missing item gives its QuestionnaireResponse but no Observation.
  std::map<std::string, Json> obs;
  for (const auto& o : of_type(b, "Observation")) obs[o.at("code").at("text").get<std::string>()] = o;
  CHECK(obs.size() == 4);
  const Json& phq = obs.at("phq9");
  CHECK(phq.at("code").at("coding") == Json::parse(R"([{"system":"http://snomed.info/sct","code":"720433000"},
                                                       {"system":"http://loinc.org","code":"44261-6"}])"));
  CHECK(phq.at("valueQuantity") == Json::parse(R"({"value":9,"unit":"{ScoreOf}","system":"http://unitsofmeasure.org","code":"{ScoreOf}"})"));
  CHECK(phq.at("category")[0].at("coding")[0].at("code") == "survey");
  CHECK(phq.at("derivedFrom")[0].at("reference") == "urn:uuid:" + fhir_resource_uuid("QuestionnaireResponse", "q1"));
  CHECK_FALSE(phq.contains("encounter"));  // a baseline questionnaire belongs to no session
  CHECK(obs.at("pam level").at("code").at("coding")[0].at("code") == "962851000000103");
  CHECK(obs.at("pam level").at("valueQuantity").at("value") == 2);  // 52.3 is level 2
  CHECK_FALSE(obs.at("pam").at("code").contains("coding"));
  CHECK(obs.at("pam").at("valueQuantity").at("value") == 52.3);
  CHECK_FALSE(obs.at("confidence").at("code").contains("coding"));
  // The post-session questionnaire belongs to the session held before it.
  CHECK(obs.at("confidence").at("encounter").at("reference") == "urn:uuid:" + enc_uuid("b1", "pt1"));
  CHECK(of_type(b, "QuestionnaireResponse").size() == 4);
  CHECK(text.find(fhir_resource_uuid("QuestionnaireResponse", "q6")) != std::string::npos);

  // Every reference resolves to an entry's fullUrl.
  std::set<std::string> full;
  for (const auto& e : b.at("entry")) full.insert(e.at("fullUrl").get<std::string>());
  std::size_t refs = 0;
  std::function<void(const Json&)> walk = [&](const Json& j) {
    if (j.is_object()) {
      if (auto it = j.find("reference"); it != j.end()) {
        ++refs;
        CHECK(full.count(it->get<std::string>()) == 1);
      }
      for (const auto& v : j) walk(v);
    } else if (j.is_array()) {
      for (const auto& v : j) walk(v);
    }
  };
  walk(b);
  CHECK(refs > 10);

  // The same records give the same bundle.
  CHECK(fhir_export(p, kManager) == text);
}

TEST_CASE("fhir: planned sessions, period and one patient", "[fhir]") {
  Programme p = fhir_programme();
  FhirExportOptions o;
  o.include_planned = true;
  Json b = Json::parse(fhir_export(p, kManager, o));
  std::map<std::string, std::string> status;
  for (const auto& e : of_type(b, "Encounter")) status[e.at("id").get<std::string>()] = e.at("status").get<std::string>();
  CHECK(status.at(enc_uuid("b4", "pt1")) == "planned");
  CHECK(status.size() == 3);

  o = {};
  o.from = at("2024-07-10T00:00:00Z");
  o.to = at("2024-07-21T00:00:00Z");
  b = Json::parse(fhir_export(p, kManager, o));
  CHECK(of_type(b, "Encounter").size() == 1);  // b2 only (b1 before, b4 booked)
  REQUIRE(of_type(b, "QuestionnaireResponse").size() == 1);  // q6
  CHECK(of_type(b, "QuestionnaireResponse")[0].at("authored") == "2024-07-20T10:00:00Z");

  o = {};
  o.patient_id = "pt2";
  b = Json::parse(fhir_export(p, kManager, o));
  REQUIRE(of_type(b, "Patient").size() == 1);
  CHECK(of_type(b, "Patient")[0].at("identifier")[0].at("value") == "4010232137");
  CHECK(of_type(b, "QuestionnaireResponse").empty());
  // A consenting patient asked for by id appears even with nothing in the period.
  o = {};
  o.patient_id = "pt4";
  b = Json::parse(fhir_export(p, kManager, o));
  CHECK(b.at("entry").size() == 1);
}

TEST_CASE("fhir: transaction bundles PUT or POST every entry", "[fhir]") {
  Programme p = fhir_programme();
  FhirExportOptions o;
  o.bundle_type = FhirBundleType::Transaction;
  Json b = Json::parse(fhir_export(p, kManager, o));
  CHECK(b.at("type") == "transaction");
  for (const auto& e : b.at("entry")) {
    const std::string type = e.at("resource").at("resourceType");
    const std::string id = e.at("resource").at("id");
    CHECK(e.at("fullUrl") == "urn:uuid:" + id);
    CHECK(e.at("request") == Json({{"method", "PUT"}, {"url", type + "/" + id}}));
  }
  o.request_method = FhirRequestMethod::Post;
  b = Json::parse(fhir_export(p, kManager, o));
  for (const auto& e : b.at("entry")) {
    const std::string type = e.at("resource").at("resourceType");
    CHECK_FALSE(e.at("resource").contains("id"));
    CHECK(e.at("request").at("method") == "POST");
    CHECK(e.at("request").at("url") == type);
    if (type == "Patient")
      CHECK(e.at("request").at("ifNoneExist") ==
            "identifier=https://fhir.nhs.uk/Id/nhs-number|" + e.at("resource").at("identifier")[0].at("value").get<std::string>());
  }
}

TEST_CASE("fhir: only the service manager exports, every export is logged", "[fhir]") {
  Programme p = fhir_programme();
  for (const Viewer& v : {as_coach("h1"), as_client("pt1"), Viewer{Audience::Commissioner, ""}})
    require_error([&] { fhir_export(p, v); }, ErrorCode::Forbidden, "fhir_export", "viewer", "service_manager_only");
  fhir_export(p, kManager);
  const auto log = p.access_log(kManager);
  std::vector<AccessEntry> fhir;
  std::copy_if(log.begin(), log.end(), std::back_inserter(fhir), [](const AccessEntry& e) { return e.operation == "export_fhir"; });
  REQUIRE(fhir.size() == 4);
  CHECK(fhir[0].outcome == "denied");
  CHECK(fhir[0].rule == "service_manager_only");
  CHECK(fhir[3].outcome == "allowed");
  CHECK(fhir[3].viewer_id == "mgr");
  CHECK(fhir[3].records == std::vector<std::string>{"bundle:collection", "pt1", "pt2"});
}

TEST_CASE("fhir: bad requests are named and export nothing", "[fhir]") {
  Programme p = fhir_programme();
  FhirExportOptions o;
  o.patient_id = "nobody";
  require_error([&] { fhir_export(p, kManager, o); }, ErrorCode::NotFound, "nobody", "patient_id", "reference_resolves");
  o.patient_id = "s1";
  require_error([&] { fhir_export(p, kManager, o); }, ErrorCode::InvalidArgument, "s1", "patient_id", "patient_only");
  o.patient_id = "pt3";
  require_error([&] { fhir_export(p, kManager, o); }, ErrorCode::Forbidden, "pt3", "consent.gp_record", "gp_record_consent");
  o = {};
  o.from = at("2024-07-10T00:00:00Z");
  o.to = o.from;
  require_error([&] { fhir_export(p, kManager, o); }, ErrorCode::InvalidArgument, "fhir_export", "to", "period_order");
  const auto log = p.access_log(kManager);
  const auto denied = std::count_if(log.begin(), log.end(), [](const AccessEntry& e) {
    return e.operation == "export_fhir" && e.outcome == "denied";
  });
  CHECK(denied == 2);  // refusals (not found, forbidden) are logged; malformed requests are not exports

  require_error([] { fhir_export_options_from_json(R"({"bundle_type":"document"})"); }, ErrorCode::Parse,
                "fhir_export_options", "/bundle_type", "document_schema");
  require_error([] { fhir_export_options_from_json(R"({"since":"2024-01-01T00:00:00Z"})"); }, ErrorCode::Parse,
                "fhir_export_options", "/since", "document_schema");
  require_error([] { fhir_export_options_from_json(R"({"from":"yesterday"})"); }, ErrorCode::Parse,
                "fhir_export_options", "/from", "document_schema");
  const FhirExportOptions parsed = fhir_export_options_from_json(
      R"({"bundle_type":"transaction","request_method":"post","patient_id":"pt1","from":"2024-07-01T00:00:00Z","to":null,"include_planned":true})");
  CHECK(parsed.bundle_type == FhirBundleType::Transaction);
  CHECK(parsed.request_method == FhirRequestMethod::Post);
  CHECK(parsed.patient_id == "pt1");
  CHECK(parsed.from == at("2024-07-01T00:00:00Z"));
  CHECK(parsed.to.is_not_a_date_time());
  CHECK(parsed.include_planned);
}

TEST_CASE("fhir: NHS numbers leave canonical and ids are name-based UUIDs", "[fhir]") {
  CHECK(nhs_number_canonical("943 476 5919") == "9434765919");
  CHECK(nhs_number_canonical("9434765919") == "9434765919");
  require_error([] { nhs_number_canonical("9434765918"); }, ErrorCode::InvalidArgument, "", "nhs_number",
                "nhs_number_modulus_11");
  const std::string u = fhir_resource_uuid("Patient", "pt1");
  REQUIRE(u.size() == 36);
  CHECK(u[14] == '8');                                  // version 8
  CHECK(std::string("89ab").find(u[19]) != std::string::npos);  // variant 10
  CHECK(u == fhir_resource_uuid("Patient", "pt1"));
  CHECK(u != fhir_resource_uuid("Patient", "pt2"));
  CHECK(u != fhir_resource_uuid("Practitioner", "pt1"));

  Programme p;
  add_people(p);
  Client spaced = patient_client("pt9", nhs_number("999000001"), 2);
  spaced.nhs_number = spaced.nhs_number.substr(0, 3) + " " + spaced.nhs_number.substr(3, 3) + " " + spaced.nhs_number.substr(6);
  p.add_client(spaced);
  p.add_referral(referral("r9", "pt9", "hwbc_clinical_1to1", at("2024-07-01T09:00:00Z")));
  p.add_response(response("q9", "pt9", "r9", "confidence", TimePoint::Baseline, "2024-07-02T10:00:00Z", {5}));
  const Json b = Json::parse(fhir_export(p, kManager));
  REQUIRE(of_type(b, "Patient").size() == 1);
  CHECK(of_type(b, "Patient")[0].at("identifier")[0].at("value") == nhs_number("999000001"));
}

TEST_CASE("fhir: a demo service exports only its consenting patients", "[fhir]") {
  demo::DemoOptions d;
  d.seed = 5;
  d.coaches = 12;
  d.staff_clients = 40;
  d.patients = 40;
  d.weeks = 4;
  d.future_weeks = 1;
  d.trainees = 4;
  const ProgrammeData data = demo::make_demo(d);
  Programme p(data);
  const Json b = Json::parse(fhir_export(p, kManager));
  std::set<std::string> allowed;
  for (const auto& c : data.clients)
    if (c.kind == ClientKind::Patient && c.consent.gp_record) allowed.insert(fhir_resource_uuid("Patient", c.id));
  const auto patients = of_type(b, "Patient");
  REQUIRE_FALSE(patients.empty());
  for (const auto& pat : patients) CHECK(allowed.count(pat.at("id").get<std::string>()) == 1);
  for (const auto& e : of_type(b, "Encounter")) CHECK(allowed.count(e.at("subject").at("reference").get<std::string>().substr(9)) == 1);
  CHECK_FALSE(of_type(b, "Observation").empty());
}

TEST_CASE("fhir: a registered instrument's responses, item-scored and scored elsewhere, are exported", "[fhir][instruments]") {
  Programme p = fhir_programme();
  p.register_instrument_json(R"json({"schema_version": 1, "id": "local_confidence", "name": "Local confidence",
    "validation": "local", "items": [{"text": "How confident?", "min": 1, "max": 10}],
    "scales": [{"name": "total", "items": [0], "rule": "sum", "higher_is_better": true}]})json");
  p.add_response(response("qc1", "pt1", "r2", "local_confidence", TimePoint::Baseline, "2024-07-02T10:10:00Z", {4}));
  Response ext = response("qc2", "pt1", "r2", "local_confidence", TimePoint::PostSession, "2024-07-09T10:40:00Z", {});
  ext.scores = {{"total", 7.0}};
  p.add_response(ext);
  const Json b = Json::parse(fhir_export(p, kManager));
  std::map<std::string, Json> qr;
  for (const auto& x : of_type(b, "QuestionnaireResponse")) qr[x.at("id").get<std::string>()] = x;
  const Json& item = qr.at(fhir_resource_uuid("QuestionnaireResponse", "qc1")).at("item")[0];
  CHECK(item.at("text") == "How confident?");
  CHECK(item.at("answer")[0].at("valueInteger") == 4);
  const Json& scored = qr.at(fhir_resource_uuid("QuestionnaireResponse", "qc2")).at("item")[0];
  CHECK(scored.at("linkId") == "total");
  CHECK(scored.at("answer")[0].at("valueDecimal") == 7.0);
  std::map<std::string, double> obs;
  for (const auto& o : of_type(b, "Observation"))
    if (o.at("code").value("text", "") == "local_confidence")
      obs[o.at("id").get<std::string>()] = o.at("valueQuantity").at("value").get<double>();
  CHECK(obs == std::map<std::string, double>{{fhir_resource_uuid("Observation", "qc1"), 4.0},
                                             {fhir_resource_uuid("Observation", "qc2"), 7.0}});
}
