// Clinical safety: risk flags from instrument data (PHQ-9 item 9 and any custom item), scored and
// stored with the response, on the audit until a named person acknowledges them or a concern
// names them; and the events each change puts in the outbox (in-memory programme).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "laycoach/instrument.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

Response phq9(std::string id, std::string client, std::vector<std::optional<int>> answers,
              const char* when = "2024-07-08T10:00:00Z") {
  Response r;
  r.id = std::move(id);
  r.client_id = std::move(client);
  r.instrument_id = "phq9";
  r.time_point = TimePoint::Baseline;
  r.recorded_at = at(when);
  r.answers = std::move(answers);
  return r;
}

std::size_t count_rule(const std::vector<Breach>& v, const std::string& rule) {
  std::size_t n = 0;
  for (const auto& b : v) n += b.rule == rule;
  return n;
}

SafeguardingConcern concern(std::string id, std::string client, std::string flag) {
  SafeguardingConcern c;
  c.id = std::move(id);
  c.coach_id = "c1";
  c.client_id = std::move(client);
  c.category = SafeguardingCategory::SelfHarm;
  c.raised_at = at("2024-07-08T11:00:00Z");
  c.risk_flag_id = std::move(flag);
  return c;
}

}  // namespace

TEST_CASE("safety: PHQ-9 item 9 above 0 raises the self_harm_risk risk flag, whatever the total", "[safety]") {
  const Instrument& phq = InstrumentLibrary::builtin().get("phq9");
  REQUIRE(phq.definition().item_flags.size() == 1);
  CHECK(phq.definition().item_flags[0].item == 8);
  CHECK(phq.definition().item_flags[0].risk);
  for (int item9 = 0; item9 <= 3; ++item9) {
    const std::vector<int> answers{0, 0, 0, 0, 0, 0, 0, 0, item9};
    const Score s = phq.score(std::span<const int>(answers));
    INFO("item 9 = " << item9);
    CHECK(s.has_flag("self_harm_risk") == (item9 > 0));
    CHECK(s.risk_flags == (item9 > 0 ? std::vector<std::string>{"self_harm_risk"} : std::vector<std::string>{}));
    CHECK(s.band == "minimal");  // a low total does not hide the risk
  }
  // Caseness is a threshold flag, never a risk flag.
  const std::vector<int> high{3, 3, 3, 3, 3, 3, 3, 3, 0};
  const Score s = phq.score(std::span<const int>(high));
  CHECK(s.has_flag("caseness"));
  CHECK(s.risk_flags.empty());
  // Unscorable total (item 1 missing): the item flag is still raised.
  std::vector<std::optional<int>> missing{std::nullopt, 0, 0, 0, 0, 0, 0, 0, 2};
  const Score m = phq.score(std::span<const std::optional<int>>(missing));
  CHECK_FALSE(m.total.has_value());
  CHECK(m.risk_flags == std::vector<std::string>{"self_harm_risk"});
}

TEST_CASE("safety: any instrument's item is marked a risk item in its definition, JSON included", "[safety]") {
  const char* doc = R"({"schema_version": 1, "id": "wellbeing_check", "name": "Wellbeing check",
    "items": [{"text": "mood", "min": 0, "max": 4}, {"text": "feeling unsafe", "min": 0, "max": 4},
              {"text": "sleep", "min": 0, "max": 4}],
    "item_flags": [{"item": 1, "at_least": 2, "flag": "feels_unsafe", "risk": true},
                   {"item": 2, "at_most": 0, "flag": "no_sleep", "risk": false}],
    "scales": [{"name": "total", "items": [0, 1, 2], "rule": "sum", "higher_is_better": false}],
    "primary": "total"})";
  const Instrument ins = Instrument::from_json(doc);
  const std::vector<int> a{1, 3, 0};
  const Score s = ins.score(std::span<const int>(a));
  CHECK(s.flags == std::vector<std::string>{"feels_unsafe", "no_sleep"});
  CHECK(s.risk_flags == std::vector<std::string>{"feels_unsafe"});
  // The marking round-trips through the definition document.
  const Instrument again = Instrument::from_json(ins.to_json());
  CHECK(again.definition().item_flags[0].risk);
  CHECK_FALSE(again.definition().item_flags[1].risk);
  // Without "risk" an item flag is a risk flag (fail safe); a non-boolean is refused by pointer.
  std::string unmarked = doc;
  unmarked.replace(unmarked.find(", \"risk\": true"), 14, "");
  CHECK(Instrument::from_json(unmarked).definition().item_flags[0].risk);
  std::string bad = doc;
  bad.replace(bad.find("\"risk\": true"), 12, "\"risk\": \"yes\"");
  require_error([&] { Instrument::from_json(bad); }, ErrorCode::Parse, "wellbeing_check", "/item_flags/0/risk",
                "document_schema");
}

TEST_CASE("safety: add_response returns the score and stores each risk flag with the response", "[safety]") {
  Programme p = people_programme();
  const Score s = p.add_response(phq9("q1", "s1", {1, 1, 1, 1, 1, 1, 1, 1, 1}));
  CHECK(s.total == 9.0);
  CHECK(s.band == "mild");
  CHECK(s.flags == std::vector<std::string>{"self_harm_risk"});
  CHECK(s.risk_flags == std::vector<std::string>{"self_harm_risk"});
  const Score calm = p.add_response(phq9("q2", "s2", {0, 0, 0, 0, 0, 0, 0, 0, 0}));
  CHECK(calm.risk_flags.empty());

  const auto flags = p.risk_flags();
  REQUIRE(flags.size() == 1);
  const RiskFlag& f = flags[0];
  CHECK(f.id == "q1#self_harm_risk");
  CHECK(f.id == risk_flag_id("q1", "self_harm_risk"));
  CHECK(f.response_id == "q1");
  CHECK(f.client_id == "s1");
  CHECK(f.instrument_id == "phq9");
  CHECK(f.raised_at == at("2024-07-08T10:00:00Z"));
  CHECK(f.acknowledged_by.empty());
  CHECK(p.data().risk_flags == flags);

  // On the audit until acknowledged.
  const auto breaches = p.audit(at("2024-07-09T09:00:00Z"));
  REQUIRE(count_rule(breaches, "risk_flag_open") == 1);
  for (const auto& b : breaches)
    if (b.rule == "risk_flag_open") CHECK(b.record == "q1#self_harm_risk");

  // A bad response is refused with the instrument's error and raises nothing.
  require_rejected(p, [&] { p.add_response(phq9("q3", "s1", {1, 1, 1, 1, 1, 1, 1, 1, 4})); }, ErrorCode::InvalidArgument,
                   "q3", "answers/8", "answer_in_range");
  require_rejected(p, [&] { p.add_response(phq9("q1", "s1", {1, 1, 1, 1, 1, 1, 1, 1, 1})); }, ErrorCode::Conflict, "q1",
                   "id", "unique_id");
}

TEST_CASE("safety: a named person acknowledges a risk flag once, and only that closes it", "[safety]") {
  Programme p = people_programme();
  p.add_response(phq9("q1", "s1", {0, 0, 0, 0, 0, 0, 0, 0, 1}));
  const std::string id = "q1#self_harm_risk";
  require_rejected(p, [&] { p.acknowledge_risk_flag(id, "", at("2024-07-08T12:00:00Z"), "x"); },
                   ErrorCode::InvalidArgument, id, "acknowledged_by", "named_person");
  require_rejected(p, [&] { p.acknowledge_risk_flag("q9#self_harm_risk", "Dr Patel", at("2024-07-08T12:00:00Z")); },
                   ErrorCode::NotFound, "q9#self_harm_risk", "id", "reference_resolves");
  require_rejected(p, [&] { p.acknowledge_risk_flag(id, "Dr Patel", Instant(boost::posix_time::not_a_date_time)); },
                   ErrorCode::InvalidArgument, id, "acknowledged_at", "instant_required");
  require_rejected(p, [&] { p.acknowledge_risk_flag(id, "Dr Patel", at("2024-07-08T09:59:59Z")); },
                   ErrorCode::InvalidArgument, id, "acknowledged_at", "acknowledgement_time");
  require_rejected(p, [&] { p.acknowledge_risk_flag(id, std::string(201, 'x'), at("2024-07-08T12:00:00Z")); },
                   ErrorCode::InvalidArgument, id, "acknowledged_by", "length_limit");
  CHECK(count_rule(p.audit(at("2024-07-09T09:00:00Z")), "risk_flag_open") == 1);

  const RiskFlag f = p.acknowledge_risk_flag(id, "Dr Patel", at("2024-07-08T12:00:00Z"), "called; GP informed");
  CHECK(f.acknowledged_by == "Dr Patel");
  CHECK(f.acknowledged_at == at("2024-07-08T12:00:00Z"));
  CHECK(f.action == "called; GP informed");
  CHECK(p.risk_flags() == std::vector<RiskFlag>{f});
  CHECK(p.risk_flags(true).empty());
  CHECK(count_rule(p.audit(at("2024-07-09T09:00:00Z")), "risk_flag_open") == 0);
  require_rejected(p, [&] { p.acknowledge_risk_flag(id, "Someone else", at("2024-07-09T12:00:00Z")); },
                   ErrorCode::Conflict, id, "acknowledged_by", "acknowledge_once");
}

TEST_CASE("safety: a safeguarding concern naming a risk flag answers it, and must be for the flag's client", "[safety]") {
  Programme p = people_programme();
  p.add_response(phq9("q1", "s1", {0, 0, 0, 0, 0, 0, 0, 0, 3}));
  require_rejected(p, [&] { p.raise_concern(concern("sg0", "s2", "q1#self_harm_risk")); }, ErrorCode::InvalidArgument,
                   "sg0", "risk_flag_id", "risk_flag_matches");
  require_rejected(p, [&] { p.raise_concern(concern("sg0", "s1", "q7#self_harm_risk")); }, ErrorCode::NotFound, "sg0",
                   "risk_flag_id", "reference_resolves");
  CHECK(p.risk_flags(true).size() == 1);
  p.raise_concern(concern("sg1", "s1", "q1#self_harm_risk"));
  CHECK(p.risk_flags(true).empty());
  CHECK(p.risk_flags().size() == 1);  // still kept, unacknowledged
  CHECK(count_rule(p.audit(at("2024-07-08T12:00:00Z")), "risk_flag_open") == 0);
}

TEST_CASE("safety: a document or store listing a risky response without its flag gets the flag on load", "[safety]") {
  Programme p = people_programme();
  p.add_response(phq9("q1", "s1", {0, 0, 0, 0, 0, 0, 0, 0, 2}));
  ProgrammeData d = p.data();
  d.risk_flags.clear();  // written by an older version, or by hand
  const Programme q(d);
  REQUIRE(q.risk_flags(true).size() == 1);
  CHECK(q.risk_flags()[0].id == "q1#self_harm_risk");
  CHECK(count_rule(q.audit(at("2024-07-09T09:00:00Z")), "risk_flag_open") == 1);
  // A flag naming a response that is not there is refused by pointer.
  ProgrammeData bad = p.data();
  bad.risk_flags[0].response_id = "nope";
  require_error([&] { Programme x(bad); }, ErrorCode::NotFound, "q1#self_harm_risk", "/risk_flags/0/response_id", "reference_resolves");
  ProgrammeData wrong = p.data();
  wrong.risk_flags[0].client_id = "s2";
  require_error([&] { Programme x(wrong); }, ErrorCode::InvalidArgument, "q1#self_harm_risk", "/risk_flags/0/client_id",
                "response_matches");
}

TEST_CASE("events: a payload is a JSON object whose strings carry ids with quotes and control characters exactly", "[events]") {
  Programme p = people_programme();
  // Every character the escaper treats differently: a quote, a backslash, the named control
  // characters, other control characters (\u00XX, both hex digits), DEL and UTF-8 (as they are).
  const std::string id = std::string("a\"b\\c\nd\re\tf\x01g\x1fh\x7f\xc3\xa9") + std::string(1, '\0') + "z";
  Session a = one_to_one(id, "c1", "s1", at("2024-07-08T09:00:00Z"));
  a.minutes = 45;
  p.book(a);
  p.record_outcome(id, SessionStatus::CancelledByCoach);
  const auto ev = p.pending_events(10);
  REQUIRE(ev.size() == 2);
  const auto booked = nlohmann::ordered_json::parse(ev[0].payload);
  std::vector<std::string> keys;
  for (const auto& [k, v] : booked.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"session_id", "offer_id", "coach_id", "client_ids", "start", "minutes", "modality", "status"});
  CHECK(booked["session_id"] == id);
  CHECK(booked["offer_id"] == "lay_too_1to1");
  CHECK(booked["coach_id"] == "c1");
  CHECK(booked["client_ids"] == nlohmann::ordered_json::array({"s1"}));
  CHECK(booked["start"] == "2024-07-08T09:00:00Z");
  CHECK(booked["minutes"] == 45);
  CHECK(booked["modality"] == "video");
  CHECK(booked["status"] == "booked");
  // Compact, with the escapes RFC 8259 names and \u00XX for the rest (lower-case hex).
  CHECK(ev[0].payload.rfind("{\"session_id\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u001fh\x7f\xc3\xa9\\u0000z\",", 0) == 0);
  const auto cancelled = nlohmann::json::parse(ev[1].payload);
  CHECK(cancelled["session_id"] == id);
  CHECK(cancelled["status"] == "cancelled_by_coach");
  CHECK(cancelled["scope"] == "session");
  CHECK(ev[1].payload.back() == '}');
}

TEST_CASE("events: each change puts its events in the in-memory outbox, a rejected one none", "[events]") {
  Programme p = people_programme();
  CHECK(p.pending_events().empty());
  Session a = one_to_one("a1", "c1", "s1", at("2024-07-08T09:00:00Z"));
  a.adjustments = "SECRET adjustment text";
  p.book(a);
  require_rejected(p, [&] { p.book(one_to_one("a2", "c1", "s2", at("2024-07-08T09:00:00Z"))); }, ErrorCode::Conflict,
                   "a2", "start", "coach_double_booked");
  p.book(one_to_one("a3", "c1", "s2", at("2024-07-09T09:00:00Z")));
  p.record_outcome("a3", SessionStatus::CancelledByClient);
  p.reschedule("a1", "a4", at("2024-07-10T09:00:00Z"), at("2024-07-01T12:00:00Z"));
  p.book(group_session("g1", "c2", {"s1"}, at("2024-07-11T12:00:00Z")));
  p.join("g1", Attendee{"s2", "", AttendeeStatus::Booked});
  p.record_attendance("g1", "s2", AttendeeStatus::Cancelled);
  p.add_response(phq9("q1", "s1", {0, 0, 0, 0, 0, 0, 0, 0, 1}));
  p.add_response(phq9("q2", "s2", {0, 0, 0, 0, 0, 0, 0, 0, 0}));  // no flag: no event

  const auto ev = p.pending_events(100);
  std::vector<std::string> kinds;
  for (const auto& e : ev) kinds.push_back(to_string(e.kind));
  CHECK(kinds == std::vector<std::string>{"session_booked", "session_booked", "session_cancelled", "session_rescheduled",
                                          "session_booked", "session_joined", "session_cancelled", "risk_flag_raised"});
  for (std::size_t i = 0; i < ev.size(); ++i) {
    CHECK(ev[i].seq == static_cast<std::int64_t>(i + 1));
    CHECK(ev[i].payload.find("SECRET") == std::string::npos);
    CHECK_FALSE(ev[i].at.is_special());
  }
  CHECK(ev[0].records == std::vector<std::string>{"a1", "s1"});
  CHECK(ev[3].records == std::vector<std::string>{"a1", "a4", "s1"});
  CHECK(ev[3].payload.find("\"new_start\":\"2024-07-10T09:00:00Z\"") != std::string::npos);
  CHECK(ev[5].records == std::vector<std::string>{"g1", "s2"});
  CHECK(ev[6].payload.find("\"scope\":\"place\"") != std::string::npos);
  CHECK(ev[7].records == std::vector<std::string>{"q1#self_harm_risk", "q1", "s1"});
  CHECK(ev[7].payload.find("\"flag\":\"self_harm_risk\"") != std::string::npos);

  // Acknowledgement is cumulative and idempotent; beyond the last is refused by field.
  CHECK(p.pending_events(3).size() == 3);
  require_error([&] { p.pending_events(0); }, ErrorCode::InvalidArgument, "events", "limit", "event_batch");
  require_error([&] { p.pending_events(kMaxEventBatch + 1); }, ErrorCode::InvalidArgument, "events", "limit",
                "event_batch");
  require_error([&] { p.acknowledge_events(9); }, ErrorCode::InvalidArgument, "events", "up_to_seq", "event_seq_known");
  require_error([&] { p.acknowledge_events(-1); }, ErrorCode::InvalidArgument, "events", "up_to_seq", "event_seq_known");
  p.acknowledge_events(5);
  p.acknowledge_events(5);
  p.acknowledge_events(2);
  const auto rest = p.pending_events(100);
  REQUIRE(rest.size() == 3);
  CHECK(rest.front().seq == 6);
  p.acknowledge_events(8);
  CHECK(p.pending_events().empty());
}

TEST_CASE("events: the in-memory store keeps the outbox with the same rules", "[events]") {
  Programme p = Programme::open(make_memory_store());
  add_people(p);
  p.book(one_to_one("a1", "c1", "s1", at("2024-07-08T09:00:00Z")));
  const auto ev = p.pending_events();
  REQUIRE(ev.size() == 1);
  CHECK(ev[0].kind == EventKind::SessionBooked);
  CHECK(ev[0].seq == 1);
  require_error([&] { p.acknowledge_events(2); }, ErrorCode::InvalidArgument, "events", "up_to_seq", "event_seq_known");
  p.acknowledge_events(1);
  CHECK(p.pending_events().empty());
}
