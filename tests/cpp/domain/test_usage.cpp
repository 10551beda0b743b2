// Usage tracking of people trained in coaching skills (usage.hpp): the survey instrument, the
// schedule and its invitations, answers judged by the instrument library, skill-share sessions,
// the register of who practises; each rule with a case that passes and one that fails exactly,
// leaving the programme unchanged.
#include <algorithm>

#include <catch2/catch.hpp>

#include "laycoach/evaluation.hpp"
#include "laycoach/instrument.hpp"
#include "laycoach/programme.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

using Answers = std::vector<std::optional<int>>;

// Cohort co1 (2 days from 2024-03-04: completed 2024-03-05); t1, t3 on the register, t2 not.
void add_trained(Programme& p) {
  p.add_cohort({"co1", "Coaching skills, spring", 2, day("2024-03-04"), "A81001"});
  p.add_trainee({"t1", "co1", "social prescribing link worker", "A81001", "gp_practice", 2, 4, 7, true});
  p.add_trainee({"t2", "co1", "care coordinator", "", "community", 1, std::nullopt, std::nullopt, false});
  p.add_trainee({"t3", "co1", "care coordinator", "A81002", "community", 2, 5, 6, false});
  p.add_usage_wave({"4w", 4});
  p.add_usage_wave({"12w", 12});
}

}  // namespace

TEST_CASE("usage survey: a built-in instrument scored by the library, practising at least monthly", "[usage][instruments]") {
  const Instrument& ins = InstrumentLibrary::builtin().get(kUsageInstrument);
  CHECK(ins.item_count() == 6);
  CHECK(ins.definition().licence.find("Not a validated") != std::string::npos);
  for (const auto& s : ins.definition().scales) {
    CHECK_FALSE(s.reliability);        // no invented reliability
    CHECK_FALSE(s.meaningful_change);  // nor a meaningful-change threshold
  }
  const Score never = score(kUsageInstrument, std::span<const int>(std::vector<int>{0, 0, 0, 0, 0, 3}));
  CHECK_FALSE(never.has_flag("practising"));
  CHECK(never.band == "not used");
  CHECK(never.risk_flags.empty());
  const Score monthly = score(kUsageInstrument, std::span<const int>(std::vector<int>{1, 1, 1, 0, 1, 8}));
  CHECK(monthly.has_flag("practising"));
  CHECK(monthly.risk_flags.empty());  // a scale flag, never a clinical risk flag
  CHECK(monthly.find("reach")->score == 3.0);
  CHECK(monthly.find("confidence")->score == 8.0);
  require_error([] { score(kUsageInstrument, std::span<const int>(std::vector<int>{4, 0, 0, 0, 0, 5})); },
                ErrorCode::InvalidArgument, "coaching_skills_usage", "answers[0]", "answer_in_range");
  require_error([] { score(kUsageInstrument, std::span<const int>(std::vector<int>{1, 2, 0, 0, 0, 5})); },
                ErrorCode::InvalidArgument, "coaching_skills_usage", "answers[1]", "answer_in_range");
}

TEST_CASE("usage waves: weeks 1..520, unique ids and weeks", "[usage]") {
  Programme p;
  p.add_usage_wave({"4w", 4});
  p.add_usage_wave({"26w", 26});
  p.add_usage_wave({"12w", 12});
  const auto w = p.usage_waves();
  REQUIRE(w.size() == 3);
  CHECK(w[1] == UsageWave{"12w", 12});  // by weeks
  require_rejected(p, [&] { p.add_usage_wave({"4w", 5}); }, ErrorCode::Conflict, "4w", "id", "unique_id");
  require_rejected(p, [&] { p.add_usage_wave({"four", 4}); }, ErrorCode::Conflict, "four", "weeks", "unique_wave_weeks");
  require_rejected(p, [&] { p.add_usage_wave({"0w", 0}); }, ErrorCode::InvalidArgument, "0w", "weeks", "wave_weeks_range");
  require_rejected(p, [&] { p.add_usage_wave({"big", 521}); }, ErrorCode::InvalidArgument, "big", "weeks",
                   "wave_weeks_range");
}

TEST_CASE("usage invitations: everyone on the register, per wave, due weeks after the course, idempotent", "[usage]") {
  Programme p;
  add_trained(p);
  // 4w is due 2024-04-02 (2024-03-05 + 28 days); 12w 2024-05-28.
  CHECK(p.schedule_usage_invitations(day("2024-04-01")).empty());
  const auto first = p.schedule_usage_invitations(day("2024-04-02"));
  REQUIRE(first.size() == 2);  // t1 and t3; t2 attended 1 of 2 days and is not on the register
  CHECK(first[0].id == "t1#4w");
  CHECK(first[0].trainee_id == "t1");
  CHECK(first[0].wave == "4w");
  CHECK(first[0].due == day("2024-04-02"));
  CHECK(first[0].sent_at.is_special());
  CHECK(first[1].id == "t3#4w");
  CHECK(p.schedule_usage_invitations(day("2024-04-30")).empty());  // idempotent
  const auto later = p.schedule_usage_invitations(day("2024-12-31"));
  REQUIRE(later.size() == 2);
  CHECK(later[0].id == "t1#12w");
  CHECK(later[0].due == day("2024-05-28"));
  CHECK(p.usage_invitations().size() == 4);
  require_rejected(p, [&] { p.schedule_usage_invitations(Date(boost::gregorian::not_a_date_time)); },
                   ErrorCode::InvalidArgument, "usage_invitations", "on", "date_required");

  // Due for sending on a date: unsent and due by then.
  CHECK(p.usage_invitations_due(day("2024-04-30")).size() == 2);
  p.mark_usage_invitations_sent({"t1#4w", "t3#4w"}, at("2024-04-02T09:00:00Z"));
  CHECK(p.usage_invitations_due(day("2024-04-30")).empty());
  CHECK(p.usage_invitations_due(day("2024-06-01")).size() == 2);
  require_rejected(p, [&] { p.mark_usage_invitations_sent({"t1#12w", "t1#4w"}, at("2024-06-01T09:00:00Z")); },
                   ErrorCode::Conflict, "t1#4w", "sent_at", "send_once");  // all or nothing: t1#12w stays unsent
  require_rejected(p, [&] { p.mark_usage_invitations_sent({"t1#12w", "nope"}, at("2024-06-01T09:00:00Z")); },
                   ErrorCode::NotFound, "nope", "id", "reference_resolves");
  require_rejected(p, [&] { p.mark_usage_invitations_sent({"t1#12w", "t1#12w"}, at("2024-06-01T09:00:00Z")); },
                   ErrorCode::Conflict, "t1#12w", "id", "unique_id");
  require_rejected(p, [&] { p.mark_usage_invitations_sent({"t1#12w"}, Instant(boost::posix_time::not_a_date_time)); },
                   ErrorCode::InvalidArgument, "t1#12w", "sent_at", "instant_required");
}

TEST_CASE("usage responses: answered once, after sending, answers judged by the instrument", "[usage]") {
  Programme p;
  add_trained(p);
  p.schedule_usage_invitations(day("2024-06-30"));
  p.mark_usage_invitations_sent({"t1#4w"}, at("2024-04-02T09:00:00Z"));
  // Unknown, unsent, bad answers, too early: each refused exactly, nothing changed.
  require_rejected(p, [&] { p.record_usage_response("t9#4w", Answers{1, 1, 0, 0, 0, 5}, at("2024-04-03T09:00:00Z")); },
                   ErrorCode::NotFound, "t9#4w", "id", "reference_resolves");
  require_rejected(p, [&] { p.record_usage_response("t3#4w", Answers{1, 1, 0, 0, 0, 5}, at("2024-04-03T09:00:00Z")); },
                   ErrorCode::InvalidArgument, "t3#4w", "sent_at", "invitation_sent");
  require_rejected(p, [&] { p.record_usage_response("t1#4w", Answers{1, 1, 0, 0, 0, 11}, at("2024-04-03T09:00:00Z")); },
                   ErrorCode::InvalidArgument, "t1#4w", "answers/5", "answer_in_range");
  require_rejected(p, [&] { p.record_usage_response("t1#4w", Answers{1, 1, 0}, at("2024-04-03T09:00:00Z")); },
                   ErrorCode::InvalidArgument, "t1#4w", "answers", "answer_count");
  require_rejected(p, [&] { p.record_usage_response("t1#4w", Answers{1, 1, 0, 0, 0, 5}, at("2024-04-01T09:00:00Z")); },
                   ErrorCode::InvalidArgument, "t1#4w", "responded_at", "response_time");
  const Score s = p.record_usage_response("t1#4w", Answers{2, 1, 1, 0, 0, 7}, at("2024-04-03T09:00:00Z"));
  CHECK(s.has_flag("practising"));
  CHECK(s.band == "weekly");
  require_rejected(p, [&] { p.record_usage_response("t1#4w", Answers{0, 0, 0, 0, 0, 2}, at("2024-04-04T09:00:00Z")); },
                   ErrorCode::Conflict, "t1#4w", "responded_at", "respond_once");
  const auto all = p.usage_invitations();
  const auto it = std::find_if(all.begin(), all.end(), [](const UsageInvitation& v) { return v.id == "t1#4w"; });
  REQUIRE(it != all.end());
  CHECK(it->answers == Answers{2, 1, 1, 0, 0, 7});
  CHECK(it->responded_at == at("2024-04-03T09:00:00Z"));
}

TEST_CASE("usage documents: an invitation of a trainee not on the register, or inconsistent, is refused", "[usage]") {
  Programme p;
  add_trained(p);
  p.schedule_usage_invitations(day("2024-04-02"));
  ProgrammeData d = p.data();
  ProgrammeData bad = d;
  UsageInvitation v;
  v.id = "t2#4w";
  v.trainee_id = "t2";
  v.wave = "4w";
  v.due = day("2024-04-02");
  bad.usage_invitations.push_back(v);
  require_error([&] { Programme q(bad); }, ErrorCode::InvalidArgument, "t2#4w", "/usage_invitations/2/trainee_id", "on_training_register");
  bad = d;
  bad.usage_invitations[0].due = day("2024-04-03");
  require_error([&] { Programme q(bad); }, ErrorCode::InvalidArgument, "t1#4w", "/usage_invitations/0/due", "usage_due_date");
  bad = d;
  bad.usage_invitations[0].answers = {1, 1, 0, 0, 0, 5};
  require_error([&] { Programme q(bad); }, ErrorCode::InvalidArgument, "t1#4w", "/usage_invitations/0/answers", "answers_with_response");
  bad = d;
  bad.usage_invitations[0].responded_at = at("2024-04-03T09:00:00Z");
  bad.usage_invitations[0].answers = {1, 1, 0, 0, 0, 5};
  require_error([&] { Programme q(bad); }, ErrorCode::InvalidArgument, "t1#4w", "/usage_invitations/0/sent_at", "invitation_sent");
  bad = d;
  bad.usage_invitations[0].wave = "26w";
  require_error([&] { Programme q(bad); }, ErrorCode::NotFound, "t1#4w", "/usage_invitations/0/wave", "reference_resolves");
  Programme ok(d);
  CHECK(ok.usage_invitations() == p.usage_invitations());
}

TEST_CASE("skill-share sessions: attendees on the register, once each", "[usage]") {
  Programme p;
  add_trained(p);
  p.add_skill_share_session({"ss1", day("2024-04-10"), "A81001", "Sam Facilitator", {"t1", "t3"}});
  CHECK(p.skill_share_sessions().size() == 1);
  require_rejected(p, [&] { p.add_skill_share_session({"ss2", day("2024-04-11"), "", "", {"t1", "t2"}}); },
                   ErrorCode::InvalidArgument, "ss2", "attendees/1", "on_training_register");
  require_rejected(p, [&] { p.add_skill_share_session({"ss2", day("2024-04-11"), "", "", {"t1", "t9"}}); },
                   ErrorCode::NotFound, "ss2", "attendees/1", "reference_resolves");
  require_rejected(p, [&] { p.add_skill_share_session({"ss2", day("2024-04-11"), "", "", {"t3", "t3"}}); },
                   ErrorCode::InvalidArgument, "ss2", "attendees/1", "unique_attendee");
  require_rejected(p, [&] { p.add_skill_share_session({"ss2", Date(boost::gregorian::not_a_date_time), "", "", {}}); },
                   ErrorCode::InvalidArgument, "ss2", "date", "date_required");
  require_rejected(p, [&] { p.add_skill_share_session({"ss1", day("2024-04-11"), "", "", {}}); }, ErrorCode::Conflict,
                   "ss1", "id", "unique_id");
}

TEST_CASE("practice register: latest answered wave, waves answered, skill shares, champion", "[usage]") {
  Programme p;
  add_trained(p);
  p.schedule_usage_invitations(day("2024-12-31"));
  p.mark_usage_invitations_sent({"t1#4w", "t1#12w", "t3#4w"}, at("2024-04-02T09:00:00Z"));
  p.record_usage_response("t1#4w", Answers{2, 1, 0, 0, 0, 6}, at("2024-04-03T09:00:00Z"));
  p.record_usage_response("t1#12w", Answers{0, 0, 0, 0, 0, 5}, at("2024-05-30T09:00:00Z"));  // stopped
  p.record_usage_response("t3#4w", Answers{3, 1, 1, 1, 0, 9}, at("2024-04-04T09:00:00Z"));
  p.add_skill_share_session({"ss1", day("2024-04-10"), "A81001", "Sam", {"t1", "t3"}});
  p.add_skill_share_session({"ss2", day("2024-05-10"), "A81001", "Sam", {"t3"}});
  const auto reg = p.practice_register();
  REQUIRE(reg.size() == 2);  // t2 is not on the register
  CHECK(reg[0].trainee_id == "t1");
  CHECK(reg[0].champion);
  CHECK(reg[0].invited == 2);
  CHECK(reg[0].waves_answered == 2);
  CHECK(reg[0].latest_wave == "12w");  // the latest answered wave decides
  CHECK_FALSE(reg[0].practising);
  CHECK(reg[0].latest_frequency == 0);
  CHECK(reg[0].latest_confidence == 5);
  CHECK(reg[0].skill_share_attended == 1);
  CHECK(reg[1].trainee_id == "t3");
  CHECK(reg[1].practising);
  CHECK(reg[1].waves_answered == 1);
  CHECK(reg[1].invited == 2);
  CHECK(reg[1].skill_share_attended == 2);
  CHECK_FALSE(reg[1].champion);
}

TEST_CASE("usage figures: in the report, exact for the service manager, disclosed for the commissioner", "[usage][evaluation]") {
  Programme p;
  p.add_cohort({"co1", "Coaching skills", 2, day("2024-03-04"), ""});
  p.add_usage_wave({"4w", 4});
  p.add_usage_wave({"12w", 12});
  // 30 people trained; 20 sent wave 4w, 12 answered (8 practising); 10 champions.
  for (int i = 0; i < 30; ++i)
    p.add_trainee({"t" + std::to_string(100 + i), "co1", i % 2 ? "care coordinator" : "link worker", "", "", 2,
                   std::nullopt, std::nullopt, i < 10});
  p.schedule_usage_invitations(day("2024-04-02"));
  std::vector<std::string> send;
  for (int i = 0; i < 20; ++i) send.push_back("t" + std::to_string(100 + i) + "#4w");
  p.mark_usage_invitations_sent(send, at("2024-04-02T09:00:00Z"));
  for (int i = 0; i < 12; ++i)
    p.record_usage_response(send[i], Answers{i < 8 ? 2 : 0, 1, 0, 0, 0, 5 + i % 3}, at("2024-04-05T09:00:00Z"));
  p.add_skill_share_session({"ss1", day("2024-04-10"), "", "Sam", {"t100", "t101", "t102"}});

  EvaluationOptions o;
  o.viewer = {Audience::ServiceManager, ""};
  const EvaluationReport exact = evaluate(p, o);
  const UsageReport& u = exact.usage;
  REQUIRE(u.tables.size() == 5);
  CHECK(u.tables[0].measure == "usage_sent");
  CHECK(u.tables[0].overall.n.value == 30.0);
  CHECK(u.tables[0].overall.k.value == 20.0);
  CHECK(u.tables[1].measure == "usage_response_rate");
  CHECK(u.tables[1].overall.k.value == 12.0);
  CHECK(u.tables[1].overall.share.value == Approx(0.4));
  const auto w = stats::wilson(12, 30, 0.95);
  CHECK(*u.tables[1].overall.ci_low.value == Approx(w.low));
  CHECK(*u.tables[1].overall.ci_high.value == Approx(w.high));
  CHECK(u.tables[2].measure == "usage_practising");
  CHECK(u.tables[2].overall.n.value == 12.0);
  CHECK(u.tables[2].overall.k.value == 8.0);
  CHECK(u.tables[3].measure == "usage_champions");
  CHECK(u.tables[3].overall.k.value == 10.0);
  CHECK(u.tables[4].overall.k.value == 3.0);
  REQUIRE(u.confidence_by_wave.size() == 2);
  CHECK(u.confidence_by_wave[0].wave == "4w");
  CHECK(u.confidence_by_wave[0].n.value == 12.0);
  double sum = 0;
  for (int i = 0; i < 12; ++i) sum += 5 + i % 3;
  CHECK(*u.confidence_by_wave[0].mean_confidence.value == Approx(sum / 12));
  CHECK(u.skill_share_sessions.value == 1.0);
  CHECK(u.skill_share_attendances.value == 3.0);

  o.viewer = {Audience::Commissioner, ""};
  const EvaluationReport rel = evaluate(p, o);
  CHECK(rel.disclosure_controlled);
  // 3 attendances and 1 session are small numbers: suppressed; the rest rounded to the floor's base.
  CHECK(rel.usage.skill_share_attendances.suppressed());
  CHECK(rel.usage.skill_share_sessions.suppressed());
  CHECK(rel.usage.tables[4].overall.k.suppressed());
  const double n = *rel.usage.tables[1].overall.n.value;
  CHECK(static_cast<long long>(n) % p.disclosure_floor().round_to == 0);
  CHECK(rel.usage.confidence_by_wave[1].n.value == 0.0);  // wave 12w not yet due: nobody
  const std::string doc = to_json(rel, 2);
  CHECK(doc.find("\"usage\"") != std::string::npos);
  CHECK(doc.find("usage_response_rate") != std::string::npos);
  // A coach's report carries no usage figures.
  o.viewer = {Audience::Coach, "c1"};
  Programme q;
  add_people(q);
  o.viewer = as_coach("c1");
  CHECK(evaluate(q, o).usage.tables[0].overall.n.value == 0.0);
}
