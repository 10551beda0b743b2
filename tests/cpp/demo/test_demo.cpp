// Tests of the synthetic demo service (make_demo) and the evaluation-shaped data set
// (make_evaluation_demo): deterministic, valid under every Programme invariant, the promised
// sizes and shapes, and item-level answers that score to the published anchor means.
#include "laycoach/demo.hpp"
#include "laycoach/error.hpp"
#include "laycoach/instrument.hpp"
#include "laycoach/programme.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace laycoach;

namespace {

const ProgrammeData& default_demo() {
  static const ProgrammeData d = demo::make_demo();
  return d;
}

const ProgrammeData& default_evaluation() {
  static const ProgrammeData d = demo::make_evaluation_demo();
  return d;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

/// Mean reported score of an instrument at a time point, scored by the instrument library.
double mean_score(const ProgrammeData& d, const std::string& instrument, TimePoint tp, std::size_t* n = nullptr) {
  const Instrument& ins = InstrumentLibrary::builtin().get(instrument);
  double sum = 0;
  std::size_t k = 0;
  for (const auto& r : d.responses) {
    if (r.instrument_id != instrument || r.time_point != tp) continue;
    const Score s = ins.score(std::span<const std::optional<int>>(r.answers));
    REQUIRE(s.total.has_value());
    sum += *s.total;
    ++k;
  }
  if (n) *n = k;
  return k ? sum / static_cast<double>(k) : std::nan("");
}

/// Mean change (end of episode - baseline) per number of attended sessions.
std::map<int, double> change_by_dose(const ProgrammeData& d, const std::string& instrument) {
  const Instrument& ins = InstrumentLibrary::builtin().get(instrument);
  std::map<std::string, int> attended;
  for (const auto& s : d.sessions)
    for (const auto& a : s.attendees)
      if (a.status == AttendeeStatus::Attended) ++attended[a.client_id];
  std::map<std::string, double> before, after;
  for (const auto& r : d.responses) {
    if (r.instrument_id != instrument) continue;
    const double v = *ins.score(std::span<const std::optional<int>>(r.answers)).total;
    if (r.time_point == TimePoint::Baseline) before[r.client_id] = v;
    if (r.time_point == TimePoint::EndOfEpisode) after[r.client_id] = v;
  }
  std::map<int, std::pair<double, int>> acc;
  for (const auto& [client, b] : before) {
    auto it = after.find(client);
    if (it == after.end()) continue;
    auto& a = acc[attended[client]];
    a.first += it->second - b;
    ++a.second;
  }
  std::map<int, double> out;
  for (const auto& [dose, a] : acc) out[dose] = a.first / a.second;
  return out;
}

}  // namespace

// ============================================================================ make_demo

TEST_CASE("make_demo is deterministic for a seed and differs across seeds", "[demo]") {
  const ProgrammeData& a = default_demo();
  CHECK(demo::make_demo() == a);
  demo::DemoOptions other;
  other.seed = 43;
  const ProgrammeData b = demo::make_demo(other);
  CHECK_FALSE(b == a);
  CHECK(b.coaches.size() == a.coaches.size());  // same shape, different content
  CHECK(b.clients.size() == a.clients.size());
  CHECK_FALSE(b.sessions == a.sessions);
  CHECK_FALSE(b.responses == a.responses);
}

TEST_CASE("Programme accepts make_demo: every invariant holds", "[demo]") {
  const ProgrammeData& d = default_demo();
  Programme p(d);  // throws laycoach::Error (with a JSON pointer) on any breach
  CHECK(p.data() == d);  // already in the programme's canonical order
  CHECK(p.client_count() == d.clients.size());
}

TEST_CASE("make_demo has the promised sizes and shape", "[demo]") {
  const ProgrammeData& d = default_demo();
  const demo::DemoOptions opt;
  CHECK(d.catalogue == default_catalogue());
  REQUIRE(d.coaches.size() == 40);

  std::size_t staff = 0, patients = 0;
  std::set<std::string> nhs;
  for (const auto& c : d.clients) {
    if (c.kind == ClientKind::Staff) {
      ++staff;
      CHECK(c.nhs_number.empty());
      CHECK_FALSE(c.staff_group.empty());
      CHECK_FALSE(c.sector.empty());
    } else {
      ++patients;
      CHECK(nhs_number_valid(c.nhs_number));
      CHECK(c.nhs_number.rfind("999", 0) == 0);  // NHS England's test range
      CHECK(nhs.insert(c.nhs_number).second);
      REQUIRE(c.pam_level.has_value());
      REQUIRE(c.pam_score.has_value());
      CHECK(pam_level(*c.pam_score) == *c.pam_level);
    }
  }
  CHECK(staff == 300);
  CHECK(patients == 120);

  SECTION("organisations") {
    std::map<OrgKind, int> kinds;
    for (const auto& o : d.organisations) {
      CHECK(ods_code_valid(o.ods_code));
      ++kinds[o.kind];
    }
    CHECK(kinds[OrgKind::Trust] >= 3);
    CHECK(kinds[OrgKind::Pcn] == 3);
    CHECK(kinds[OrgKind::GpPractice] == 12);
  }

  SECTION("coaches: accreditation, pathway, rotas, named leads for most but not all") {
    int hwbc = 0, workforce = 0, pathway = 0, clinical = 0, evenings = 0, weekends = 0, with_leave = 0, no_lead = 0;
    for (const auto& c : d.coaches) {
      const bool is_hwbc = std::any_of(c.offers.begin(), c.offers.end(),
                                       [](const std::string& o) { return o.rfind("hwbc_", 0) == 0; });
      if (is_hwbc) {
        ++hwbc;
        CHECK(max_training_days(c) >= 4);
      } else {
        ++workforce;
        CHECK_FALSE(c.memberships.empty());
      }
      pathway += c.ethnically_diverse_pathway;
      clinical += !c.clinical_background.empty();
      for (const auto& b : c.rota.weekly) {
        CHECK(b.start_min >= 8 * 60);
        CHECK(b.end_min <= 22 * 60);
        evenings += b.end_min > 18 * 60 + 30;
        weekends += b.weekday >= 5;
      }
      with_leave += !c.rota.leave.empty();
      no_lead += c.safeguarding_lead.empty();
    }
    CHECK(hwbc == 12);
    CHECK(workforce == 28);
    CHECK(pathway >= 3);
    CHECK(clinical >= 5);
    CHECK(evenings > 0);
    CHECK(weekends > 0);
    CHECK(with_leave > 0);
    CHECK(no_lead >= 1);
    CHECK(no_lead <= 3);
  }

  SECTION("referrals and sessions: outcomes, groups, teams, timing") {
    CHECK(d.referrals.size() >= d.clients.size());
    std::map<SessionStatus, int> by_status;
    std::map<std::string, int> by_offer;
    int multi = 0, weekend = 0, evening = 0, gp_hours_ok = 0, patient_sessions = 0;
    for (const auto& s : d.sessions) {
      ++by_status[s.status];
      ++by_offer[s.offer_id];
      multi += s.attendees.size() > 1;
      const LocalDateTime l = to_uk_local(s.start);
      const int wd = (l.date().day_of_week().as_number() + 6) % 7;
      weekend += wd >= 5;
      evening += minutes_of_day(l) >= 18 * 60;
      if (s.offer_id.rfind("hwbc_", 0) == 0) {
        ++patient_sessions;
        gp_hours_ok += wd < 5 && minutes_of_day(l) >= 8 * 60 && minutes_of_day(to_uk_local(s.end())) <= 18 * 60 + 30;
      }
      CHECK(s.booked_at <= s.start);
    }
    CHECK(d.sessions.size() >= 1000);
    const int attended = by_status[SessionStatus::Attended];
    CHECK(attended > static_cast<int>(d.sessions.size()) * 6 / 10);  // mostly attended
    for (auto st : {SessionStatus::Booked, SessionStatus::ClientDidNotAttend, SessionStatus::CoachDidNotAttend,
                    SessionStatus::CancelledByClient, SessionStatus::CancelledByCoach, SessionStatus::Rescheduled})
      CHECK(by_status[st] > 0);
    for (const char* offer : {"lay_too_1to1", "lay_too_peer", "lay_too_edp_1to1", "lay_team_leader", "lay_team_team",
                              "lay_team_away_day", "lay_career_1to1", "hwbc_targeted_1to1", "hwbc_clinical_1to1",
                              "hwbc_non_clinical_1to1"})
      CHECK(by_offer[offer] > 0);
    CHECK(multi >= 5);
    CHECK(weekend > 0);
    CHECK(evening > 0);
    CHECK(gp_hours_ok == patient_sessions);
    // Booked sessions lie after "now"; held ones before it.
    const Instant now = demo::as_of(opt);
    for (const auto& s : d.sessions) {
      if (s.status == SessionStatus::Booked) CHECK(s.end() > now);
      if (s.status == SessionStatus::Attended) CHECK(s.end() <= now);
    }
  }

  SECTION("supervision: most coaches in date, some overdue") {
    Programme p(d);
    const auto overdue = p.overdue_supervision(to_uk_local(demo::as_of(opt)).date());
    std::set<std::string> coaches;
    for (const auto& o : overdue) coaches.insert(o.coach_id);
    CHECK(coaches.size() >= 2);
    CHECK(coaches.size() <= d.coaches.size() / 5);
    std::set<SupervisionKind> kinds;
    for (const auto& r : d.supervision) kinds.insert(r.kind);
    CHECK(kinds.size() == 3);
  }

  SECTION("safeguarding: escalated concerns and one that was not") {
    REQUIRE(d.safeguarding.size() >= 2);
    int not_escalated = 0;
    for (const auto& c : d.safeguarding) not_escalated += c.escalated_to.empty();
    CHECK(not_escalated == 1);
    Programme p(d);
    const auto breaches = p.audit(demo::as_of(opt));
    std::set<std::string> rules;
    for (const auto& b : breaches) rules.insert(b.rule);
    CHECK(rules.count("safeguarding_not_escalated"));
    CHECK(rules.count("supervision_overdue"));
    CHECK(rules.count("named_safeguarding_lead"));
  }

  SECTION("training cohort, notes, goals and responses") {
    REQUIRE_FALSE(d.cohorts.empty());
    CHECK(d.cohorts.front().days == 2);
    CHECK(d.trainees.size() == 36);
    int with_confidence = 0;
    for (const auto& t : d.trainees) with_confidence += t.confidence_before && t.confidence_after;
    CHECK(with_confidence > 18);
    CHECK(Programme(d).training_register().size() > 25);
    CHECK(d.notes.size() > 100);
    CHECK(d.goals.size() > 100);
    std::map<std::string, std::map<TimePoint, int>> responses;
    for (const auto& r : d.responses) ++responses[r.instrument_id][r.time_point];
    for (const char* id : {"swemwbs", "brcs"}) {
      CHECK(responses[id][TimePoint::Baseline] > 100);
      CHECK(responses[id][TimePoint::EndOfEpisode] > 50);
    }
    CHECK(responses["experience"][TimePoint::EndOfEpisode] > 50);
    CHECK(responses["pam"][TimePoint::Baseline] > 50);
    // Answers score under the library's rules (Programme(d) already validated them).
    for (const auto& r : d.responses) {
      const Instrument& ins = InstrumentLibrary::builtin().get(r.instrument_id);
      if (ins.score_only()) CHECK(r.recorded_score.has_value());
      else CHECK(r.answers.size() == ins.item_count());
    }
  }
}

TEST_CASE("make_demo: smaller and larger services, bad options", "[demo]") {
  demo::DemoOptions small;
  small.seed = 5;
  small.coaches = 10;
  small.staff_clients = 40;
  small.patients = 15;
  small.trainees = 8;
  small.weeks = 4;
  small.future_weeks = 1;
  const ProgrammeData d = demo::make_demo(small);
  CHECK(d.coaches.size() == 10);
  CHECK(d.clients.size() == 55);
  CHECK_NOTHROW(Programme(d));

  demo::DemoOptions nothing = small;
  nothing.coaches = 0;
  nothing.staff_clients = 0;
  nothing.patients = 0;
  nothing.trainees = 0;
  CHECK_NOTHROW(Programme(demo::make_demo(nothing)));

  // Starting on a Saturday just before the clocks change and Easter (bank holidays) is fine too.
  demo::DemoOptions spring = small;
  spring.start = Date(2024, 3, 23);
  spring.weeks = 3;
  CHECK_NOTHROW(Programme(demo::make_demo(spring)));

  auto bad = [](auto tweak, const char* field) {
    demo::DemoOptions o;
    tweak(o);
    try {
      demo::make_demo(o);
      FAIL("expected ValidationError on " << field);
    } catch (const ValidationError& e) {
      CHECK(e.field() == field);
      CHECK(e.record() == "demo_options");
    }
  };
  bad([](demo::DemoOptions& o) { o.coaches = -1; }, "coaches");
  bad([](demo::DemoOptions& o) { o.staff_clients = -1; }, "staff_clients");
  bad([](demo::DemoOptions& o) { o.weeks = 0; }, "weeks");
  bad([](demo::DemoOptions& o) { o.future_weeks = 12; }, "future_weeks");
}

// ============================================================================ make_evaluation_demo

TEST_CASE("make_evaluation_demo reproduces the published means at item level", "[demo][evaluation]") {
  const ProgrammeData& d = default_evaluation();
  REQUIRE(d.clients.size() == 662);
  CHECK_NOTHROW(Programme(d));

  std::size_t n = 0;
  CHECK(std::abs(mean_score(d, "swemwbs", TimePoint::Baseline, &n) - 19.63) <= 0.3);
  CHECK(n == 662);
  CHECK(std::abs(mean_score(d, "swemwbs", TimePoint::EndOfEpisode, &n) - 24.02) <= 0.3);
  CHECK(n == 662);
  CHECK(std::abs(mean_score(d, "brcs", TimePoint::Baseline, &n) - 12.73) <= 0.3);
  CHECK(n == 662);
  CHECK(std::abs(mean_score(d, "brcs", TimePoint::EndOfEpisode, &n) - 15.07) <= 0.3);
  CHECK(n == 662);

  // Item answers are what is scored: 7 SWEMWBS items and 4 BRCS items, each 1..5.
  for (const auto& r : d.responses) {
    const std::size_t k = r.instrument_id == "swemwbs" ? 7 : r.instrument_id == "brcs" ? 4 : 3;
    REQUIRE(r.answers.size() == k);
    for (const auto& a : r.answers) {
      REQUIRE(a.has_value());
      CHECK(*a >= 1);
      CHECK(*a <= 5);
    }
  }
}

TEST_CASE("make_evaluation_demo: more sessions, more change", "[demo][evaluation]") {
  const ProgrammeData& d = default_evaluation();
  for (const char* instrument : {"swemwbs", "brcs"}) {
    const auto by_dose = change_by_dose(d, instrument);
    REQUIRE(by_dose.size() == 6);
    CHECK(by_dose.begin()->first == 1);
    CHECK(by_dose.rbegin()->first == 6);
    double prev = -1e9;
    for (const auto& [dose, change] : by_dose) {
      INFO(instrument << " dose " << dose << " change " << change);
      CHECK(change > prev);
      CHECK(change > 0);
      prev = change;
    }
  }
}

TEST_CASE("make_evaluation_demo: episodes, breakdown fields, determinism", "[demo][evaluation]") {
  const ProgrammeData& d = default_evaluation();
  REQUIRE(d.referrals.size() == 662);
  std::map<std::string, int> attended, missed;
  std::set<Modality> modalities;
  for (const auto& s : d.sessions) {
    (s.status == SessionStatus::Attended ? attended : missed)[s.attendees.at(0).client_id] += 1;
    modalities.insert(s.modality);
  }
  for (const auto& r : d.referrals) {
    CHECK(r.closed);
    REQUIRE(r.sessions_wanted.has_value());
    CHECK(attended[r.client_id] == *r.sessions_wanted);
    CHECK(attended[r.client_id] >= 1);
    CHECK(attended[r.client_id] <= 6);
  }
  CHECK(modalities.size() == 2);
  std::set<std::string> offers, groups, sectors, orgs, ethnic;
  for (const auto& r : d.referrals) offers.insert(r.offer_id);
  CHECK(offers.count("lay_too_1to1"));
  CHECK(offers.count("lay_too_edp_1to1"));  // the pathway
  int primary = 0;
  for (const auto& c : d.clients) {
    CHECK(c.kind == ClientKind::Staff);
    CHECK(c.consent.evaluation);
    groups.insert(c.staff_group);
    sectors.insert(c.sector);
    orgs.insert(c.organisation);
    ethnic.insert(c.ethnicity_group);
    primary += c.sector == "primary_care";
  }
  CHECK(primary > 662 / 2);
  CHECK(groups.size() >= 5);
  CHECK(sectors.size() >= 3);
  CHECK(orgs.size() >= 10);
  CHECK(ethnic.size() >= 5);
  // The baseline comes before the first session, the end-of-episode answers after the last.
  std::map<std::string, std::pair<Instant, Instant>> span;
  for (const auto& s : d.sessions) {
    auto& sp = span[s.attendees.at(0).client_id];
    if (sp.first.is_not_a_date_time() || s.start < sp.first) sp.first = s.start;
    if (sp.second.is_not_a_date_time() || s.end() > sp.second) sp.second = s.end();
  }
  for (const auto& r : d.responses) {
    if (r.time_point == TimePoint::Baseline) CHECK(r.recorded_at < span[r.client_id].first);
    else CHECK(r.recorded_at > span[r.client_id].second);
  }

  CHECK(demo::make_evaluation_demo() == d);
  CHECK_FALSE(demo::make_evaluation_demo(662, 8) == d);
  CHECK(demo::make_evaluation_demo(0).clients.empty());
  CHECK_THROWS_AS(demo::make_evaluation_demo(-1), ValidationError);
}

TEST_CASE("make_evaluation_demo holds the anchor for other seeds and sizes", "[demo][evaluation]") {
  for (auto [people, seed] : {std::pair{662, 1ULL}, std::pair{662, 99ULL}, std::pair{3000, 7ULL}, std::pair{120, 3ULL}}) {
    INFO("people " << people << " seed " << seed);
    const ProgrammeData d = demo::make_evaluation_demo(people, seed);
    CHECK(std::abs(mean_score(d, "swemwbs", TimePoint::Baseline) - 19.63) <= 0.05);
    CHECK(std::abs(mean_score(d, "swemwbs", TimePoint::EndOfEpisode) - 24.02) <= 0.05);
    CHECK(std::abs(mean_score(d, "brcs", TimePoint::Baseline) - 12.73) <= 0.05);
    CHECK(std::abs(mean_score(d, "brcs", TimePoint::EndOfEpisode) - 15.07) <= 0.05);
  }
  CHECK_NOTHROW(Programme(demo::make_evaluation_demo(3000, 11)));
}
