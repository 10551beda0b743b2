// Every bad input is a laycoach error naming a field, and changes nothing: a bounded mutation
// test of every document kind (mutations.hpp) through the C++ API, and the regressions of
// issue 7 (1e999, lone surrogates, repeated keys, the JSON-pointer form) with exact errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "interop/mutations.hpp"
#include "laycoach/booking.hpp"
#include "laycoach/document.hpp"
#include "laycoach/json.hpp"
#include "laycoach/programme.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

template <class T, class Pred>
T take(std::vector<T>& v, Pred pred) {
  auto it = std::find_if(v.begin(), v.end(), pred);
  REQUIRE(it != v.end());
  T x = *it;
  v.erase(it);
  return x;
}

struct Kind {
  std::string name;
  std::string doc;                                          ///< a valid document
  std::function<void(Programme&, const std::string&)> apply;  ///< read it and use it
};

// The base programme (every kind, minus the leaf records the documents below add back) and one
// valid document per kind, each applied through the public API.
std::vector<Kind> kinds(ProgrammeData& base) {
  base = every_kind_data();
  const auto note = take(base.notes, [](const auto& x) { return x.id == "n1"; });
  const auto goal = take(base.goals, [](const auto& x) { return x.id == "goal1"; });
  const auto resp = take(base.responses, [](const auto& x) { return x.id == "resp1"; });
  const auto sup = take(base.supervision, [](const auto& x) { return x.id == "sv4"; });
  auto concern = take(base.safeguarding, [](const auto& x) { return x.id == "sg1"; });
  concern.escalated_to.clear();
  concern.escalated_at = Instant(boost::posix_time::not_a_date_time);
  const auto trainee = take(base.trainees, [](const auto& x) { return x.id == "t2"; });
  const auto wait = base.waiting_list.front();

  Offer offer = base.catalogue.offers.front();
  offer.id = "offer9";
  TrainingCohort cohort = base.cohorts.front();
  cohort.id = "co9";
  const ServiceLine line{"sl9", "A new line", ServiceKind::Workforce};
  const std::string request =
      R"({"client_id": "s3", "offer_id": "lay_too_1to1", "earliest": "2024-07-16T08:00:00Z",
          "latest": "2024-07-19T20:00:00Z", "now": "2024-07-01T08:00:00Z", "weekdays": [1, "wednesday"],
          "times_of_day": [{"from_min": 480, "to_min": "20:00"}], "max_results": 3, "session_id": "bk9",
          "adjustments": "none"})";
  return {
      {"service line", record_to_json(line), [](Programme& p, const std::string& t) { p.add_service_line(record_from_json<ServiceLine>(t)); }},
      {"offer", record_to_json(offer), [](Programme& p, const std::string& t) { p.add_offer(record_from_json<Offer>(t)); }},
      {"organisation", record_to_json(organisation("RXB02", OrgKind::Trust)),
       [](Programme& p, const std::string& t) { p.add_organisation(record_from_json<Organisation>(t)); }},
      {"coach", record_to_json(workforce_coach("c9")), [](Programme& p, const std::string& t) { p.add_coach(record_from_json<Coach>(t)); }},
      {"client", record_to_json(patient_client("pt9", "9434765870", 2)),
       [](Programme& p, const std::string& t) { p.add_client(record_from_json<Client>(t)); }},
      {"referral", record_to_json(referral("r9", "s4", "lay_too_1to1", at("2024-07-01T08:00:00Z"))),
       [](Programme& p, const std::string& t) { p.add_referral(record_from_json<Referral>(t)); }},
      {"session", record_to_json(one_to_one("a9", "c2", "s3", at("2024-07-16T10:00:00Z"))),
       [](Programme& p, const std::string& t) { p.book(record_from_json<Session>(t)); }},
      {"waiting-list entry", record_to_json(wait),
       [](Programme&, const std::string& t) { (void)record_from_json<WaitingListEntry>(t); }},
      {"note", record_to_json(note), [](Programme& p, const std::string& t) { p.add_note(record_from_json<SessionNote>(t), as_coach("c1")); }},
      {"goal", record_to_json(goal), [](Programme& p, const std::string& t) { p.add_goal(record_from_json<Goal>(t), as_client("s1")); }},
      {"supervision record", record_to_json(sup),
       [](Programme& p, const std::string& t) { p.add_supervision(record_from_json<SupervisionRecord>(t)); }},
      {"safeguarding concern", record_to_json(concern),
       [](Programme& p, const std::string& t) { p.raise_concern(record_from_json<SafeguardingConcern>(t)); }},
      {"cohort", record_to_json(cohort), [](Programme& p, const std::string& t) { p.add_cohort(record_from_json<TrainingCohort>(t)); }},
      {"trainee", record_to_json(trainee), [](Programme& p, const std::string& t) { p.add_trainee(record_from_json<Trainee>(t)); }},
      {"response", record_to_json(resp), [](Programme& p, const std::string& t) { p.add_response(record_from_json<Response>(t)); }},
      {"policy", record_to_json(base.supervision_policy),
       [](Programme& p, const std::string& t) { p.set_supervision_policy(record_from_json<SupervisionPolicy>(t)); }},
      {"viewer", viewer_to_json(as_coach("c1")), [](Programme& p, const std::string& t) { (void)p.notes("a1", viewer_from_json(t)); }},
      {"suppression policy", suppression_policy_to_json(SuppressionPolicy{}),
       [](Programme& p, const std::string& t) { (void)p.summary(Viewer{Audience::Public, ""}, suppression_policy_from_json(t)); }},
      {"slot request", request,
       [](Programme& p, const std::string& t) {
         const BookingRequest q = booking_request_from_json(t);
         (void)booking::book_earliest(p, q.search, q.details);
       }},
      {"programme", to_json(base), [](Programme& p, const std::string& t) { p.replace(programme_data_from_json(t)); }},
  };
}

}  // namespace

TEST_CASE("mutations of every document kind: laycoach errors naming a field, state unchanged", "[mutation]") {
  ProgrammeData base;
  const auto all = kinds(base);
  Programme p(base);
  const std::string before = to_json(p.data());
  std::size_t tried = 0, rejected = 0;
  std::vector<std::string> problems;
  for (const auto& k : all) {
    // The document itself is valid and accepted.
    try {
      k.apply(p, k.doc);
    } catch (const Error& e) {
      problems.push_back(k.name + ": the valid document was rejected: " + e.what());
    }
    p.replace(base);
    for (const auto& m : mutations_of(k.doc, k.name == "programme" ? 260 : 120)) {
      ++tried;
      try {
        k.apply(p, m.text);
      } catch (const Error& e) {
        ++rejected;
        // Only a syntax error of the whole document (before its first member) has the pointer ""
        // (the document itself); its detail then says at which byte.
        const bool whole_document = e.rule() == "json_syntax" && e.detail().find("at byte") != std::string::npos;
        if (e.field().empty() && !whole_document) problems.push_back(k.name + ": " + m.what + ": no field in: " + e.what());
        if (e.code() == ErrorCode::Internal) problems.push_back(k.name + ": " + m.what + ": internal: " + e.what());
        if (m.syntax && e.code() != ErrorCode::Parse)
          problems.push_back(k.name + ": " + m.what + ": not a ParseError: " + e.what());
        if (to_json(p.data()) != before) {
          problems.push_back(k.name + ": " + m.what + ": the rejection changed the programme");
          p.replace(base);
        }
        continue;
      } catch (const std::exception& e) {
        problems.push_back(k.name + ": " + m.what + ": not a laycoach::Error: " + e.what());
        p.replace(base);
        continue;
      }
      if (m.syntax) problems.push_back(k.name + ": " + m.what + ": malformed text was accepted");
      p.replace(base);  // accepted (a valid variation): start the next one from the base again
    }
  }
  INFO(tried << " mutations, " << rejected << " rejected");
  for (std::size_t i = 0; i < std::min<std::size_t>(problems.size(), 30); ++i) UNSCOPED_INFO(problems[i]);
  CHECK(problems.empty());
  CHECK(rejected > tried / 2);
}

TEST_CASE("issue 7 regressions: exact errors for 1e999, lone surrogates, repeated keys, pointers", "[mutation]") {
  SECTION("a number beyond a double names its field") {
    require_error([] { record_from_json<Coach>(R"({"id": 1e999})"); }, ErrorCode::Parse, "", "/id", "number_range");
    require_error([] { record_from_json<Response>(R"({"id": "x", "answers": [1, 2, -1e999]})"); }, ErrorCode::Parse, "",
                  "/answers/2", "number_range");
  }
  SECTION("a lone surrogate is malformed JSON at its field") {
    require_error([] { record_from_json<Coach>(R"({"id": "c1", "name": "\ud800"})"); }, ErrorCode::Parse, "", "/name",
                  "json_syntax");
  }
  SECTION("a repeated key is rejected wherever it is") {
    require_error([] { viewer_from_json(R"({"audience":"public","id":"c1","audience":"coach"})"); }, ErrorCode::Parse,
                  "viewer", "/audience", "unique_keys");
    require_error([] { programme_data_from_json(R"({"schema_version": 1, "coaches": [{"id": "c1", "name": "a", "name": "b"}]})"); },
                  ErrorCode::Parse, "", "/coaches/0/name", "unique_keys");
    require_error([] { booking_request_from_json(R"({"client_id": "s1", "client_id": "s2"})"); }, ErrorCode::Parse,
                  "request", "/client_id", "unique_keys");
  }
  SECTION("one JSON-pointer form: leading slash, RFC 6901") {
    require_error([] { booking_request_from_json(R"({"client_id": "s1", "weekdays": [0, 9]})"); },
                  ErrorCode::InvalidArgument, "request", "/weekdays/1", "weekday_range");
    require_error([] { booking_request_from_json(R"({"client_id": "s1", "times_of_day": [{"from_min": "8am", "to_min": 600}]})"); },
                  ErrorCode::Parse, "request", "/times_of_day/0/from_min", "document_schema");
    require_error([] { record_from_json<Coach>(R"({"id": "c1", "a/b~c": 1})"); }, ErrorCode::Parse, "c1", "/a~1b~0c",
                  "document_schema");
  }
  SECTION("integers beyond 32 bits are out of range, not wrapped") {
    require_error([] { record_from_json<Client>(R"({"id": "x", "kind": "staff", "pam_level": 18446744073709551615})"); },
                  ErrorCode::Parse, "x", "/pam_level", "document_schema");
  }
  SECTION("nesting is bounded") {
    const std::string deep = "{\"id\": " + std::string(300, '[') + std::string(300, ']') + "}";
    require_error([&] { record_from_json<Coach>(deep); }, ErrorCode::Parse, "", "/id" + [] {
      std::string s;
      for (int i = 0; i < 255; ++i) s += "/0";
      return s;
    }(), "nesting_depth");
  }
  SECTION("syntax errors say at which byte") {
    try {
      record_from_json<Coach>(R"({"id": "c1", "name": })");
      FAIL("accepted");
    } catch (const ParseError& e) {
      CHECK(e.field() == "/name");
      CHECK(e.rule() == "json_syntax");
      CHECK(e.detail().find("at byte 22") != std::string::npos);
    }
  }
}

TEST_CASE("interop documents round-trip: slots, viewers, policies, requests", "[documents]") {
  booking::Slot s;
  s.start = at("2024-07-16T09:00:00Z");
  s.minutes = 45;
  s.coach_id = "c1";
  s.modality = Modality::Telephone;
  const booking::Slot back = slot_from_json(slot_to_json(s));
  CHECK(back.coach_id == "c1");
  CHECK(back.start == s.start);
  CHECK(back.modality == Modality::Telephone);
  const Viewer v = viewer_from_json(viewer_to_json(as_coach("c1")));
  CHECK(v.audience == Audience::Coach);
  CHECK(v.id == "c1");
  CHECK(suppression_policy_from_json(suppression_policy_to_json(SuppressionPolicy{10, 10})) == SuppressionPolicy{10, 10});
  const BookingRequest q = booking_request_from_json(
      R"({"client_id": "s1", "weekdays": ["mon", 4], "times_of_day": [{"from_min": "08:30", "to_min": 600}]})");
  CHECK(q.search.weekdays == ((1U << 0) | (1U << 4)));
  REQUIRE(q.search.times_of_day.size() == 1);
  CHECK(q.search.times_of_day[0].from_min == 510);
  CHECK(q.search.times_of_day[0].to_min == 600);
  CHECK(office_hours_from_json(R"({"start_min": "08:00", "end_min": 1080})").start_min == 480);
}
