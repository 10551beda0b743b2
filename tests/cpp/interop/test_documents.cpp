// JSON documents: lossless round trips for the whole programme and each record kind; bad
// documents rejected with the JSON pointer of the offending value; all-or-nothing import.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "laycoach/document.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;
using Json = nlohmann::ordered_json;

namespace {

constexpr auto kParse = ErrorCode::Parse;

Json doc_of(const ProgrammeData& d) { return Json::parse(to_json(d)); }

/// The shared fixture plus values that stress the text form: Unicode, quotes, newlines,
/// non-integral numbers, a score-only response, an offset instant.
const ProgrammeData& rich_data() {
  static const ProgrammeData d = [] {
    ProgrammeData x = every_kind_data();
    x.notes.front().text = "Caf\u00e9 \u2014 \"quoted\", tab\t, newline\n and a backslash \\";
    for (auto& c : x.clients)
      if (c.id == "pt1") c.pam_score = 47.1;
    for (auto& c : x.coaches)
      if (c.id == "h1") c.training.front().practice_hours = 12.75;
    Response pam;
    pam.id = "resp2";
    pam.client_id = "pt1";
    pam.referral_id = "r2";
    pam.instrument_id = "pam";
    pam.time_point = TimePoint::FollowUp;
    pam.follow_up_weeks = 12;
    pam.recorded_at = parse_instant("2024-10-01T10:30:00+01:00");
    pam.recorded_score = 55.6;
    x.responses.push_back(pam);
    x.responses.front().answers[2] = std::nullopt;  // a missing answer
    return x;
  }();
  return d;
}

void require_parse_error(const std::string& text, const std::string& record, const std::string& pointer,
                         const std::string& rule = "document_schema") {
  require_error([&] { programme_data_from_json(text); }, kParse, record, pointer, rule);
}

void require_import_error(const Json& j, ErrorCode code, const std::string& record, const std::string& pointer,
                          const std::string& rule) {
  const ProgrammeData d = programme_data_from_json(j.dump());  // well-formed: the rules object
  require_error([&] { Programme{d}; }, code, record, pointer, rule);
}

template <class T>
void round_trip_each(const std::vector<T>& v) {
  REQUIRE_FALSE(v.empty());
  for (const T& x : v) {
    const std::string text = record_to_json(x);
    INFO(text);
    CHECK(Json::parse(text).at("schema_version") == kDocumentSchemaVersion);
    CHECK(record_from_json<T>(text) == x);
    CHECK(record_from_json<T>(record_to_json(x, 2)) == x);
  }
}

}  // namespace

TEST_CASE("the whole-programme document round trip is lossless", "[documents]") {
  const ProgrammeData& d = rich_data();
  // The fixture holds every record kind, so the round trip covers each.
  CHECK_FALSE(d.catalogue.service_lines.empty());
  CHECK_FALSE(d.catalogue.offers.empty());
  CHECK_FALSE(d.organisations.empty());
  CHECK_FALSE(d.coaches.empty());
  CHECK_FALSE(d.clients.empty());
  CHECK_FALSE(d.referrals.empty());
  CHECK_FALSE(d.sessions.empty());
  CHECK_FALSE(d.waiting_list.empty());
  CHECK_FALSE(d.notes.empty());
  CHECK_FALSE(d.goals.empty());
  CHECK_FALSE(d.supervision.empty());
  CHECK_FALSE(d.safeguarding.empty());
  CHECK_FALSE(d.cohorts.empty());
  CHECK_FALSE(d.trainees.empty());
  CHECK_FALSE(d.responses.empty());
  CHECK_FALSE(d.supervision_policy == SupervisionPolicy{});

  const std::string text = to_json(d);
  const ProgrammeData back = programme_data_from_json(text);
  CHECK(back == d);
  CHECK(to_json(back) == text);
  CHECK(programme_data_from_json(to_json(d, 2)) == d);

  // The programme itself holds exactly the data it was built from.
  const Programme p(d);
  CHECK(p.data() == d);
  CHECK(Programme(back).data() == d);

  const Json j = Json::parse(text);
  CHECK(j.at("schema_version") == kDocumentSchemaVersion);
  CHECK(j.at("sessions").at(0).at("start") == "2024-07-08T09:00:00Z");
  CHECK(j.at("responses").at(1).at("recorded_at") == "2024-10-01T09:30:00Z");  // UTC
}

TEST_CASE("each record kind round trips through its own document", "[documents]") {
  const ProgrammeData& d = rich_data();
  round_trip_each(d.catalogue.service_lines);
  round_trip_each(d.catalogue.offers);
  round_trip_each(d.organisations);
  round_trip_each(d.coaches);
  round_trip_each(d.clients);
  round_trip_each(d.referrals);
  round_trip_each(d.sessions);
  round_trip_each(d.waiting_list);
  round_trip_each(d.notes);
  round_trip_each(d.goals);
  round_trip_each(d.supervision);
  round_trip_each(d.safeguarding);
  round_trip_each(d.cohorts);
  round_trip_each(d.trainees);
  round_trip_each(d.responses);
  round_trip_each(std::vector<Catalogue>{d.catalogue});
  round_trip_each(std::vector<SupervisionPolicy>{d.supervision_policy});

  const Programme p(d);
  round_trip_each(p.overdue_supervision(day("2024-12-01")));
  round_trip_each(p.training_register());
  std::vector<Breach> breaches = p.audit(at("2024-12-01T00:00:00Z"));
  round_trip_each(breaches);

  const ActivitySummary s = p.summary({Audience::Commissioner, ""});
  const ActivitySummary back = record_from_json<ActivitySummary>(record_to_json(s));
  CHECK(back.audience == s.audience);
  CHECK(back.figures == s.figures);
  CHECK(Json::parse(record_to_json(s)).at("figures").at("clients") == "*");

  // Record documents may omit schema_version; when present it must be this build's.
  const Session& x = d.sessions.front();
  Json j = Json::parse(record_to_json(x));
  j.erase("schema_version");
  CHECK(record_from_json<Session>(j.dump()) == x);
  j["schema_version"] = 2;
  require_error([&] { record_from_json<Session>(j.dump()); }, kParse, "", "/schema_version", "document_schema");
  j["schema_version"] = 1;
  j["attendees"][0]["client"] = "s1";
  require_error([&] { record_from_json<Session>(j.dump()); }, kParse, x.id, "/attendees/0/client", "document_schema");
}

TEST_CASE("a bad document is rejected with the JSON pointer of the offending value", "[documents]") {
  const ProgrammeData& d = rich_data();
  const Json good = doc_of(d);
  REQUIRE(good.at("coaches").at(1).at("id") == "c2");
  REQUIRE(good.at("sessions").at(0).at("id") == "a1");

  SECTION("wrong type deep inside") {
    Json j = good;
    j["coaches"][1]["rota"]["weekly"][0]["start_min"] = "540";
    require_parse_error(j.dump(), "c2", "/coaches/1/rota/weekly/0/start_min");
    j = good;
    j["coaches"][1]["rota"]["weekly"][0]["start_min"] = 540.5;
    require_parse_error(j.dump(), "c2", "/coaches/1/rota/weekly/0/start_min");
    j = good;
    j["coaches"][0]["rota"]["max_sessions_per_day"] = 10000000000LL;  // not an int
    require_parse_error(j.dump(), "c1", "/coaches/0/rota/max_sessions_per_day");
    j = good;
    j["sessions"][0]["attendees"][0]["status"] = 3;
    require_parse_error(j.dump(), "a1", "/sessions/0/attendees/0/status");
    j = good;
    j["sessions"][0]["attendees"] = Json::object();
    require_parse_error(j.dump(), "a1", "/sessions/0/attendees");
    j = good;
    j["clients"] = "everyone";
    require_parse_error(j.dump(), "", "/clients");
  }
  SECTION("unknown keys, anywhere") {
    Json j = good;
    j["sessions"][0]["colour"] = "red";
    require_parse_error(j.dump(), "a1", "/sessions/0/colour");
    j = good;
    j["catalogue"]["offers"][2]["hours"]["days"][6]["lunch"] = 60;
    require_parse_error(j.dump(), good["catalogue"]["offers"][2]["id"].get<std::string>(),
                        "/catalogue/offers/2/hours/days/6/lunch");
    j = good;
    j["extras"] = true;
    require_parse_error(j.dump(), "", "/extras");
  }
  SECTION("missing required keys") {
    Json j = good;
    j["referrals"][0].erase("client_id");
    require_parse_error(j.dump(), "r1", "/referrals/0/client_id");
    j = good;
    j["sessions"][1].erase("start");
    require_parse_error(j.dump(), "a2", "/sessions/1/start");
  }
  SECTION("bad enum values") {
    Json j = good;
    j["sessions"][2]["status"] = "finished";
    require_parse_error(j.dump(), "a3", "/sessions/2/status");
    j = good;
    j["coaches"][0]["memberships"][0] = "royal_society";
    require_parse_error(j.dump(), "c1", "/coaches/0/memberships/0");
    j = good;
    j["catalogue"]["offers"][0]["modalities"][1] = "carrier_pigeon";
    require_parse_error(j.dump(), "lay_too_1to1", "/catalogue/offers/0/modalities/1");
  }
  SECTION("bad instants and dates") {
    Json j = good;
    j["sessions"][1]["start"] = "2024-13-01T09:00:00Z";
    require_parse_error(j.dump(), "a2", "/sessions/1/start");
    j["sessions"][1]["start"] = "2024-07-15T09:00:00";  // no offset: not an instant
    require_parse_error(j.dump(), "a2", "/sessions/1/start");
    j["sessions"][1]["start"] = 1720000000;
    require_parse_error(j.dump(), "a2", "/sessions/1/start");
    j = good;
    j["supervision"][0]["date"] = "2024-02-30";
    require_parse_error(j.dump(), "sv1", "/supervision/0/date");
  }
  SECTION("schema_version: required, this build's, also when nested") {
    Json j = good;
    j["schema_version"] = 2;
    require_parse_error(j.dump(), "", "/schema_version");
    j["schema_version"] = "1";
    require_parse_error(j.dump(), "", "/schema_version");
    j.erase("schema_version");
    require_parse_error(j.dump(), "", "/schema_version");
    j = good;
    j["sessions"][0]["schema_version"] = 7;
    require_parse_error(j.dump(), "a1", "/sessions/0/schema_version");
    j["sessions"][0]["schema_version"] = 1;
    CHECK(programme_data_from_json(j.dump()) == d);
  }
  SECTION("not JSON, or not an object") {
    require_parse_error("{\"schema_version\": 1,", "", "/schema_version", "json_syntax");  // just after it
    require_parse_error("", "", "", "json_syntax");
    require_parse_error("[1, 2]", "", "");
    require_parse_error("null", "", "");
  }
  SECTION("opening hours list seven days") {
    Json j = good;
    j["catalogue"]["offers"][0]["hours"]["days"].erase(6);
    require_parse_error(j.dump(), "lay_too_1to1", "/catalogue/offers/0/hours/days");
  }
}

TEST_CASE("rule breaches on import carry the record's JSON pointer", "[documents]") {
  const Json good = doc_of(rich_data());
  REQUIRE(good.at("sessions").at(3).at("id") == "a4");
  REQUIRE(good.at("sessions").at(3).at("coach_id") == "c1");
  REQUIRE(good.at("sessions").at(0).at("coach_id") == "c1");

  Json j = good;
  j["sessions"][3]["start"] = good["sessions"][0]["start"];
  require_import_error(j, ErrorCode::Conflict, "a4", "/sessions/3/start", "coach_double_booked");

  j = good;
  j["sessions"][6]["coach_id"] = "ghost";
  require_import_error(j, ErrorCode::NotFound, good["sessions"][6]["id"].get<std::string>(), "/sessions/6/coach_id", "reference_resolves");

  j = good;
  j["sessions"][2]["rescheduled_to"] = "nowhere";
  require_import_error(j, ErrorCode::NotFound, "a3", "/sessions/2/rescheduled_to", "reference_resolves");

  j = good;
  j["clients"][1]["id"] = good["clients"][0]["id"];
  require_import_error(j, ErrorCode::Conflict, good["clients"][0]["id"].get<std::string>(), "/clients/1/id", "unique_id");

  // A repeated session id is refused before anything else about the session, at the copy that
  // repeats it (put_session finds a session's slot with one lower_bound): the last copy too.
  j = good;
  j["sessions"][1]["id"] = good["sessions"][0]["id"];
  require_import_error(j, ErrorCode::Conflict, good["sessions"][0]["id"].get<std::string>(), "/sessions/1/id", "unique_id");
  j = good;
  const std::size_t last = good["sessions"].size() - 1;
  j["sessions"][last]["id"] = good["sessions"][2]["id"];
  require_import_error(j, ErrorCode::Conflict, good["sessions"][2]["id"].get<std::string>(),
                       "/sessions/" + std::to_string(last) + "/id", "unique_id");

  j = good;
  std::size_t pt1 = 0;
  while (good["clients"][pt1]["id"] != "pt1") ++pt1;
  j["clients"][pt1]["nhs_number"] = "9434765918";
  require_import_error(j, ErrorCode::InvalidArgument, "pt1", "/clients/" + std::to_string(pt1) + "/nhs_number",
                       "nhs_number_modulus_11");

  j = good;
  j["organisations"][0]["parent_ods"] = "ZZZ99";
  require_import_error(j, ErrorCode::NotFound, good["organisations"][0]["ods_code"].get<std::string>(), "/organisations/0/parent_ods",
                       "reference_resolves");

  j = good;
  j["supervision_policy"]["clinical_days"] = -5;
  require_import_error(j, ErrorCode::InvalidArgument, "supervision_policy", "/supervision_policy/clinical_days",
                       "non_negative");

  j = good;
  j["responses"][0]["answers"][6] = 9;
  require_import_error(j, ErrorCode::InvalidArgument, "resp1", "/responses/0/answers/6", "answer_in_range");

  j = good;
  j["coaches"][0]["rota"]["weekly"][1]["end_min"] = 0;
  require_import_error(j, ErrorCode::InvalidArgument, "c1", "/coaches/0/rota/weekly/1", "valid_rota_block");

  j = good;
  j["coaches"][0]["rota"]["buffer_minutes"] = -1;
  require_import_error(j, ErrorCode::InvalidArgument, "c1", "/coaches/0/rota/buffer_minutes", "non_negative");

  j = good;
  j["trainees"][0]["days_attended"] = 9;
  require_import_error(j, ErrorCode::InvalidArgument, "t1", "/trainees/0/days_attended", "days_attended_range");

  // A group over capacity in a document.
  j = good;
  std::size_t g2 = 0;
  while (good["sessions"][g2]["id"] != "g2") ++g2;
  for (const char* c : {"s2", "s3", "s4", "k1", "k2", "k3", "k4", "k5"}) {
    j["sessions"][g2]["attendees"].push_back({{"client_id", c}, {"referral_id", ""}, {"status", "booked"}});
    if (c[0] == 'k') j["clients"].push_back(Json::parse(record_to_json(staff_client(c))));
  }
  for (auto& c : j["clients"]) c.erase("schema_version");
  require_import_error(j, ErrorCode::Conflict, "g2", "/sessions/" + std::to_string(g2) + "/attendees",
                       "group_capacity");
}

TEST_CASE("text that is not UTF-8 cannot be written as a document", "[documents]") {
  ProgrammeData d = rich_data();
  d.notes.front().text = "broken \xff byte";
  require_error([&] { to_json(d); }, ErrorCode::InvalidArgument, "", "", "utf8_text");
  require_error([&] { record_to_json(d.notes.front()); }, ErrorCode::InvalidArgument, "", "", "utf8_text");
  // Malformed UTF-8 never gets in: the parser names where it stood.
  require_parse_error("{\"schema_version\": 1, \"clients\": [{\"id\": \"\xff\"}]}", "", "/clients/0/id", "json_syntax");
}

TEST_CASE("replace is all-or-nothing, in memory and in the store", "[documents]") {
  auto inner = std::shared_ptr<Store>(make_memory_store());
  Programme p = Programme::open(std::make_unique<SharedStore>(inner));
  add_people(p);
  p.book(one_to_one("a1", "c1", "s1", at("2024-07-10T09:00:00Z")));
  const ProgrammeData before = p.data();
  const ProgrammeData stored = inner->load();

  ProgrammeData bad = rich_data();
  bad.sessions.back().coach_id = "ghost";  // the last record: everything before it was fine
  require_error([&] { p.replace(bad); }, ErrorCode::NotFound, bad.sessions.back().id,
                "/sessions/" + std::to_string(bad.sessions.size() - 1) + "/coach_id", "reference_resolves");
  CHECK(p.data() == before);
  CHECK(inner->load() == stored);
  // The indexes were not touched either: the old booking still blocks its slot.
  require_error([&] { p.book(one_to_one("x", "c1", "s2", at("2024-07-10T09:00:00Z"))); }, ErrorCode::Conflict, "x",
                "start", "coach_double_booked");

  p.replace(rich_data());
  CHECK(p.data() == rich_data());
  CHECK(Programme(inner->load()).data() == rich_data());
  // The replaced programme enforces its rules against the new records.
  require_error([&] { p.book(one_to_one("y", "c1", "s2", at("2024-07-08T09:30:00Z"))); }, ErrorCode::Conflict, "y",
                "start", "coach_double_booked");
  p.book(one_to_one("y", "c1", "s2", at("2024-07-10T09:00:00Z")));  // a1 of the old programme is gone
}
