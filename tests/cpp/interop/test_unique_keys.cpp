// Every JSON entry point refuses a key given twice in one object (ParseError "unique_keys" at the
// repeated key's pointer), so a gateway that reads the first value and the library that would
// read the last can never disagree; viewer documents also meet the viewer id's length limit.
#include <functional>
#include <string>
#include <vector>

#include "laycoach/document.hpp"
#include "laycoach/evaluation.hpp"
#include "laycoach/instrument.hpp"
#include "laycoach/json.hpp"
#include "laycoach/limits.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

struct EntryPoint {
  const char* name;
  std::function<void(const std::string&)> read;
  const char* doc;      // with a repeated key
  const char* record;   // the record the error names
  const char* pointer;  // the repeated key
};

template <class T>
EntryPoint record(const char* name) {
  return {name, [](const std::string& d) { record_from_json<T>(d); }, R"({"id": "a", "id": "b"})", "", "/id"};
}

std::vector<EntryPoint> entry_points() {
  return {
      record<ServiceLine>("record_from_json<ServiceLine>"),
      record<Offer>("record_from_json<Offer>"),
      {"record_from_json<Catalogue>", [](const std::string& d) { record_from_json<Catalogue>(d); },
       R"({"offers": [], "offers": []})", "", "/offers"},
      {"record_from_json<Organisation>", [](const std::string& d) { record_from_json<Organisation>(d); },
       R"({"ods_code": "A81001", "ods_code": "A81002"})", "", "/ods_code"},
      record<Coach>("record_from_json<Coach>"),
      record<Client>("record_from_json<Client>"),
      record<Referral>("record_from_json<Referral>"),
      record<Session>("record_from_json<Session>"),
      {"record_from_json<Session> (nested)", [](const std::string& d) { record_from_json<Session>(d); },
       R"({"id": "x", "attendees": [{"client_id": "s1", "client_id": "s2"}]})", "", "/attendees/0/client_id"},
      {"record_from_json<Attendee>", [](const std::string& d) { record_from_json<Attendee>(d); },
       R"({"client_id": "s1", "client_id": "s2"})", "", "/client_id"},
      record<SessionNote>("record_from_json<SessionNote>"),
      record<WaitingListEntry>("record_from_json<WaitingListEntry>"),
      record<Goal>("record_from_json<Goal>"),
      record<SupervisionRecord>("record_from_json<SupervisionRecord>"),
      {"record_from_json<SupervisionPolicy>", [](const std::string& d) { record_from_json<SupervisionPolicy>(d); },
       R"({"clinical_days": 30, "clinical_days": 0})", "", "/clinical_days"},
      record<SafeguardingConcern>("record_from_json<SafeguardingConcern>"),
      record<TrainingCohort>("record_from_json<TrainingCohort>"),
      record<Trainee>("record_from_json<Trainee>"),
      record<Response>("record_from_json<Response>"),
      {"programme_data_from_json", [](const std::string& d) { programme_data_from_json(d); },
       R"({"schema_version": 1, "clients": [], "clients": []})", "", "/clients"},
      {"viewer_from_json", [](const std::string& d) { viewer_from_json(d); },
       R"({"audience": "public", "id": "c1", "audience": "coach"})", "viewer", "/audience"},
      {"suppression_policy_from_json", [](const std::string& d) { suppression_policy_from_json(d); },
       R"({"min_count": 8, "min_count": 1})", "policy", "/min_count"},
      {"booking_request_from_json", [](const std::string& d) { booking_request_from_json(d); },
       R"({"client_id": "s1", "client_id": "s2"})", "request", "/client_id"},
      {"booking_request_from_json (reschedule)", [](const std::string& d) { booking_request_from_json(d, true); },
       R"({"start": "2024-07-08T09:00:00Z", "start": "2024-07-09T09:00:00Z"})", "request", "/start"},
      {"office_hours_from_json", [](const std::string& d) { office_hours_from_json(d); },
       R"({"start_min": 480, "start_min": 0})", "office_hours", "/start_min"},
      {"slot_from_json", [](const std::string& d) { slot_from_json(d); },
       R"({"coach_id": "c1", "start": "2024-07-08T09:00:00Z", "coach_id": "c2"})", "slot", "/coach_id"},
      {"evaluation_options_from_json", [](const std::string& d) { evaluation_options_from_json(d); },
       R"({"audience": "public", "audience": "service_manager"})", "evaluation_options", "/audience"},
      {"evaluation_options_from_json (policy)", [](const std::string& d) { evaluation_options_from_json(d); },
       R"({"audience": "public", "policy": {"round_to": 5, "round_to": 1}})", "evaluation_options", "/policy/round_to"},
      {"Instrument::from_json", [](const std::string& d) { Instrument::from_json(d); },
       R"({"schema_version": 1, "id": "a", "id": "b"})", "instrument", "/id"},
      {"InstrumentLibrary::add_from_json", [](const std::string& d) { InstrumentLibrary(false).add_from_json(d); },
       R"({"schema_version": 1, "id": "a", "scales": [{"name": "t", "name": "u"}]})", "instrument", "/scales/0/name"},
  };
}

}  // namespace

TEST_CASE("every JSON entry point refuses a repeated key", "[documents][unique_keys]") {
  for (const EntryPoint& e : entry_points()) {
    INFO(e.name);
    require_error([&] { e.read(e.doc); }, ErrorCode::Parse, e.record, e.pointer, "unique_keys");
  }
}

TEST_CASE("viewer documents: the viewer id's length limit, at its pointer", "[documents][limits]") {
  const std::string ok = R"({"audience": "coach", "id": ")" + std::string(kMaxIdBytes, 'c') + "\"}";
  CHECK(viewer_from_json(ok).id.size() == kMaxIdBytes);
  const std::string bad = R"({"audience": "coach", "id": ")" + std::string(kMaxIdBytes + 1, 'c') + "\"}";
  require_error([&] { viewer_from_json(bad); }, ErrorCode::InvalidArgument, "viewer", "/id", "length_limit");
  const std::string opts = R"({"audience": "coach", "viewer_id": ")" + std::string(kMaxIdBytes + 1, 'c') + "\"}";
  require_error([&] { evaluation_options_from_json(opts); }, ErrorCode::InvalidArgument, "evaluation_options",
                "/viewer_id", "length_limit");
}
