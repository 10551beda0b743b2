// Shared fixtures for the C++ tests: small builders for every record kind, a programme with
// every record kind in it, temporary directories, and helpers that assert an exact error and
// that a rejected change left the programme unchanged.
#pragma once

#include <catch2/catch.hpp>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "laycoach/error.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"
#include "laycoach/time.hpp"

namespace laycoach::test {

// ---- time ---------------------------------------------------------------------------------------

/// An instant from ISO 8601 text ("2024-07-10T09:00:00Z").
inline Instant at(const char* iso) { return parse_instant(iso); }
/// A date from "YYYY-MM-DD".
inline Date day(const char* iso) { return parse_date(iso); }

// ---- identifiers ----------------------------------------------------------------------------------

/// A valid NHS number built from nine digits plus the Modulus 11 check digit; `prefix9` must not
/// give check digit 10 (those prefixes have no valid number).
inline std::string nhs_number(const std::string& prefix9) {
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (prefix9[static_cast<std::size_t>(i)] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  REQUIRE(check != 10);
  return prefix9 + static_cast<char>('0' + check);
}

// ---- records ------------------------------------------------------------------------------------

/// A workforce coach with a professional body membership, delivering the given default offers.
inline Coach workforce_coach(std::string id, std::vector<std::string> offers = {"lay_too_1to1", "lay_too_peer",
                                                                                "lay_career_1to1"}) {
  Coach c;
  c.id = std::move(id);
  c.name = "Coach " + c.id;
  c.memberships = {ProfessionalBody::Emcc};
  c.training = {{"Coaching diploma", 10, 120.0, true, false, day("2019-06-30")}};
  c.offers = std::move(offers);
  c.modalities = {Modality::Video, Modality::Telephone};
  c.rota.weekly = {{0, 8 * 60, 17 * 60}, {2, 9 * 60, 21 * 60}};
  c.safeguarding_lead = "Dr Lead";
  c.first_point_of_contact = "Service desk";
  return c;
}

/// A coach on the ethnically diverse pathway (self-identified) who also delivers LAY Too 1:1.
inline Coach pathway_coach(std::string id) {
  Coach c = workforce_coach(std::move(id), {"lay_too_edp_1to1", "lay_too_1to1"});
  c.ethnically_diverse = true;
  c.ethnically_diverse_pathway = true;
  return c;
}

/// A health and wellbeing coach: PCI-accredited 4-day programme, skills assessed, practice hours.
inline Coach hwbc_coach(std::string id) {
  Coach c;
  c.id = std::move(id);
  c.name = "HWBC " + c.id;
  c.clinical_background = "nurse";
  c.training = {{"PCI health coaching (4 days)", 4, 30.0, true, true, day("2022-03-04")}};
  c.memberships = {ProfessionalBody::Ukhca};
  c.offers = {"hwbc_targeted_1to1", "hwbc_clinical_1to1", "hwbc_non_clinical_1to1"};
  c.modalities = {Modality::FaceToFace, Modality::Telephone, Modality::Video};
  c.safeguarding_lead = "Dr Safe";
  c.first_point_of_contact = "Practice manager";
  return c;
}

/// Consent to coaching (and evaluation) recorded on 2024-01-02.
inline Consent consented() {
  Consent c;
  c.coaching = true;
  c.evaluation = true;
  c.recorded_at = at("2024-01-02T10:00:00Z");
  return c;
}

/// A consenting member of staff employed by `organisation` (may be empty).
inline Client staff_client(std::string id, std::string organisation = {}) {
  Client c;
  c.id = std::move(id);
  c.kind = ClientKind::Staff;
  c.staff_group = "nursing";
  c.sector = "acute";
  c.organisation = std::move(organisation);
  c.consent = consented();
  return c;
}

/// A consenting patient with a valid NHS number and a PAM level.
inline Client patient_client(std::string id, std::string nhs, std::optional<int> pam_level = 2) {
  Client c;
  c.id = std::move(id);
  c.kind = ClientKind::Patient;
  c.nhs_number = std::move(nhs);
  c.pam_level = pam_level;
  c.referral_source = ReferralSource::Gp;
  c.consent = consented();
  c.consent.gp_record = true;
  return c;
}

inline Organisation organisation(std::string ods, OrgKind kind = OrgKind::Trust, std::string parent = {}) {
  return Organisation{ods, "Organisation " + ods, kind, std::move(parent)};
}

/// A 1:1 session (minutes 0: the offer's length is filled in by book).
inline Session one_to_one(std::string id, std::string coach, std::string client, Instant start,
                          std::string offer = "lay_too_1to1", Modality modality = Modality::Video) {
  Session s;
  s.id = std::move(id);
  s.offer_id = std::move(offer);
  s.coach_id = std::move(coach);
  s.attendees = {{std::move(client), "", AttendeeStatus::Booked}};
  s.start = start;
  s.modality = modality;
  s.booked_at = at("2024-01-03T12:00:00Z");
  return s;
}

/// A group (default: LAY Too peer group, capacity 8) or team session.
inline Session group_session(std::string id, std::string coach, const std::vector<std::string>& clients,
                             Instant start, std::string offer = "lay_too_peer") {
  Session s = one_to_one(std::move(id), std::move(coach), "", start, std::move(offer));
  s.attendees.clear();
  for (const auto& c : clients) s.attendees.push_back({c, "", AttendeeStatus::Booked});
  return s;
}

inline Referral referral(std::string id, std::string client, std::string offer, Instant requested) {
  Referral r;
  r.id = std::move(id);
  r.client_id = std::move(client);
  r.offer_id = std::move(offer);
  r.requested_at = requested;
  return r;
}

inline SupervisionRecord supervision(std::string id, std::string coach, SupervisionKind kind, Date on,
                                     bool pci_assured = true, bool group = false) {
  SupervisionRecord r;
  r.id = std::move(id);
  r.coach_id = std::move(coach);
  r.kind = kind;
  r.date = on;
  r.supervisor = "Supervisor S";
  r.pci_assured = pci_assured;
  r.group = group;
  return r;
}

inline Viewer as_coach(std::string id) { return {Audience::Coach, std::move(id)}; }
inline Viewer as_client(std::string id) { return {Audience::Client, std::move(id)}; }
inline Viewer as_employer(std::string ods) { return {Audience::Employer, std::move(ods)}; }

// ---- programmes -----------------------------------------------------------------------------------

/// `c` on duty 08:00-22:00 UK local time every day.
inline Coach on_duty_all_week(Coach c) {
  c.rota.weekly.clear();
  for (int d = 0; d < 7; ++d) c.rota.weekly.push_back({d, 8 * 60, 22 * 60});
  return c;
}

/// Two employers (RXA01 trust, A81001 GP practice in PCN U12345), coaches c1, c2 (workforce,
/// on duty 08:00-22:00 every day, as are p1 and h1),
/// p1 (pathway), h1 (HWBC), staff clients s1..s4 (s1, s2 of RXA01; s3 leader of A81001;
/// s4 ethnically diverse) and patients pt1 (PAM 2), pt2 (PAM 3). No sessions.
inline void add_people(Programme& p) {
  p.add_organisation(organisation("U12345", OrgKind::Pcn));
  p.add_organisation(organisation("A81001", OrgKind::GpPractice, "U12345"));
  p.add_organisation(organisation("RXA01", OrgKind::Trust));
  // These coaches work 08:00-22:00 every day, so the domain's tests meet the offers' opening
  // hours as the limit; the scheduling rules (rota, caps, notice) have tests of their own.
  p.add_coach(on_duty_all_week(workforce_coach("c1")));
  p.add_coach(on_duty_all_week(workforce_coach("c2", {"lay_too_1to1", "lay_too_peer", "lay_team_leader", "lay_team_team"})));
  p.add_coach(on_duty_all_week(pathway_coach("p1")));
  p.add_coach(on_duty_all_week(hwbc_coach("h1")));
  p.add_client(staff_client("s1", "RXA01"));
  p.add_client(staff_client("s2", "RXA01"));
  Client s3 = staff_client("s3", "A81001");
  s3.leader = true;
  p.add_client(s3);
  Client s4 = staff_client("s4");
  s4.ethnically_diverse = true;
  s4.ethnicity = "British Indian";
  s4.ethnicity_group = "asian";
  p.add_client(s4);
  Client pt1 = patient_client("pt1", "9434765919", 2);
  pt1.organisation = "A81001";
  p.add_client(pt1);
  p.add_client(patient_client("pt2", "4010232137", 3));
}

/// A programme (default catalogue) with the people of add_people.
inline Programme people_programme() {
  Programme p;
  add_people(p);
  return p;
}

/// Fill `p` with at least one record of every kind, through the public API (so it is valid):
/// referrals, 1:1 and group sessions in every status, a reschedule, waiting list, notes, goals,
/// supervision, a safeguarding concern (escalated), a cohort with trainees, a response, a policy.
inline void add_every_kind(Programme& p) {
  add_people(p);
  Coach c3 = workforce_coach("c3");
  c3.rota.exceptions = {{day("2024-07-15"), {{0, 10 * 60, 12 * 60}, {0, 14 * 60, 16 * 60}}},
                        {day("2024-07-22"), {}}};
  c3.rota.leave = {{day("2024-08-01"), day("2024-08-14")}};
  c3.rota.buffer_minutes = 15;
  c3.active = false;
  p.add_coach(c3);
  p.add_referral(referral("r1", "s1", "lay_too_1to1", at("2024-07-01T08:30:00Z")));
  Referral r2 = referral("r2", "pt1", "hwbc_targeted_1to1", at("2024-07-01T09:00:00Z"));
  r2.source = ReferralSource::SocialPrescribingLinkWorker;
  r2.preferred_modality = Modality::FaceToFace;
  r2.sessions_wanted = 4;
  r2.adjustments = "step-free access";
  p.add_referral(r2);
  p.add_referral(referral("r3", "s2", "lay_too_peer", at("2024-07-01T10:00:00Z")));

  Session a = one_to_one("a1", "c1", "s1", at("2024-07-08T09:00:00Z"));
  a.attendees[0].referral_id = "r1";
  a.requested_at = at("2024-07-01T08:30:00Z");
  a.first_offered = at("2024-07-02T09:00:00Z");
  a.adjustments = "captions";
  p.book(a);
  p.record_outcome("a1", SessionStatus::Attended);
  p.book(one_to_one("a2", "c1", "s1", at("2024-07-15T09:00:00Z")));
  p.record_outcome("a2", SessionStatus::ClientDidNotAttend);
  p.book(one_to_one("a3", "c1", "s1", at("2024-07-22T09:00:00Z")));
  p.reschedule("a3", "a4", at("2024-07-23T09:00:00Z"), at("2024-07-10T12:00:00Z"));  // a fixed booking time: the data must not depend on the clock
  Session h = one_to_one("b1", "h1", "pt1", at("2024-07-09T09:00:00Z"), "hwbc_targeted_1to1", Modality::FaceToFace);
  h.attendees[0].referral_id = "r2";
  p.book(h);
  p.book(one_to_one("b2", "h1", "pt2", at("2024-07-10T09:00:00Z"), "hwbc_clinical_1to1", Modality::Telephone));
  p.record_outcome("b2", SessionStatus::CancelledByCoach);
  Session g = group_session("g1", "c2", {"s1", "s2"}, at("2024-07-11T12:00:00Z"));
  g.attendees[1].referral_id = "r3";
  p.book(g);
  p.record_attendance("g1", "s1", AttendeeStatus::Attended);
  p.add_coach(on_duty_all_week(workforce_coach("c4", {"lay_too_peer"})));
  Session full = group_session("g2", "c4", {"s1"}, at("2024-07-12T12:00:00Z"));
  p.book(full);

  SessionNote n{"n1", "a1", "c1", at("2024-07-08T10:00:00Z"), "Explored sleep and rota stress."};
  p.add_note(n, as_coach("c1"));
  Goal goal{"goal1", "s1", "r1", "Take breaks on long shifts", 3, 8, GoalAttainment::Partly};
  p.add_goal(goal, as_client("s1"));

  p.add_supervision(supervision("sv1", "h1", SupervisionKind::HealthCoaching, day("2024-07-01")));
  p.add_supervision(supervision("sv2", "h1", SupervisionKind::Clinical, day("2024-07-02"), false));
  p.add_supervision(supervision("sv3", "c1", SupervisionKind::HealthCoaching, day("2024-07-03"), true, true));
  p.add_supervision(supervision("sv4", "c1", SupervisionKind::LineManagement, day("2024-06-03"), false));

  SafeguardingConcern sc;
  sc.id = "sg1";
  sc.coach_id = "h1";
  sc.client_id = "pt1";
  sc.session_id = "b1";
  sc.category = SafeguardingCategory::DomesticViolence;
  sc.raised_at = at("2024-07-09T10:00:00Z");
  p.raise_concern(sc);
  p.escalate_concern("sg1", "Dr Safe", at("2024-07-09T12:00:00Z"));

  p.add_cohort({"co1", "Coaching skills, spring", 2, day("2024-03-04"), "A81001"});
  p.add_trainee({"t1", "co1", "social prescribing link worker", "A81001", "gp_practice", 2, 4, 7, true});
  p.add_trainee({"t2", "co1", "care coordinator", "", "community", 1, std::nullopt, std::nullopt, false});
  // Usage tracking of t1 (on the register; t2 is not): a schedule, invitations, an answer, a skill share.
  p.add_usage_wave({"4w", 4});
  p.add_usage_wave({"12w", 12});
  p.schedule_usage_invitations(day("2024-06-30"));
  p.mark_usage_invitations_sent({"t1#4w"}, at("2024-04-02T09:00:00Z"));
  p.record_usage_response("t1#4w", {2, 1, 1, 0, std::nullopt, 7}, at("2024-04-05T09:00:00Z"));
  p.add_skill_share_session({"ss1", day("2024-04-10"), "A81001", "Sam Facilitator", {"t1"}});

  Response resp;
  resp.id = "resp1";
  resp.client_id = "s1";
  resp.referral_id = "r1";
  resp.instrument_id = "swemwbs";
  resp.time_point = TimePoint::Baseline;
  resp.recorded_at = at("2024-07-08T08:50:00Z");
  resp.answers = {3, 4, 2, 3, 5, 3, 4};
  p.add_response(resp);

  SupervisionPolicy pol;
  pol.health_coaching_days = 28;
  pol.line_management_days = 60;
  p.set_supervision_policy(pol);
}

/// Data of a programme holding every record kind (see add_every_kind); waiting list included.
inline ProgrammeData every_kind_data() {
  Programme p;
  add_every_kind(p);
  ProgrammeData d = p.data();
  // The waiting list has no public mutator here: add an entry for the group through the data.
  WaitingListEntry w;
  w.id = "w1";
  w.session_id = "g2";
  w.client_id = "s2";
  w.referral_id = "r3";
  w.added_at = at("2024-07-05T10:00:00Z");
  w.status = WaitStatus::Offered;
  w.offered_at = at("2024-07-06T10:00:00Z");
  d.waiting_list.push_back(w);
  return d;
}

// ---- errors -----------------------------------------------------------------------------------------

/// Run `f`, require it to throw laycoach::Error with exactly this code, record, field and rule.
template <class F>
void require_error(F&& f, ErrorCode code, const std::string& record, const std::string& field,
                   const std::string& rule) {
  try {
    f();
  } catch (const Error& e) {
    INFO("error: " << e.what());
    CHECK(to_string(e.code()) == std::string(to_string(code)));
    CHECK(e.record() == record);
    CHECK(e.field() == field);
    CHECK(e.rule() == rule);
    return;
  } catch (const std::exception& e) {
    FAIL("expected laycoach::Error " << to_string(code) << " " << field << " " << rule << ", got std::exception: "
                                     << e.what());
  }
  FAIL("expected laycoach::Error " << to_string(code) << " " << record << " " << field << " " << rule
                                   << ", nothing thrown");
}

/// require_error, then require that `p` holds exactly what it held before the call.
template <class F>
void require_rejected(Programme& p, F&& f, ErrorCode code, const std::string& record, const std::string& field,
                      const std::string& rule) {
  const ProgrammeData before = p.data();
  require_error(std::forward<F>(f), code, record, field, rule);
  CHECK(p.data() == before);
}

// ---- files --------------------------------------------------------------------------------------------

/// A fresh temporary directory, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto base = std::filesystem::temp_directory_path();
    for (;;) {
      path_ = base / ("laycoach-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
      if (std::filesystem::create_directory(path_)) break;
    }
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

/// A Store that forwards to a shared store, so a test can look at what was committed while a
/// Programme owns the forwarding store; records every ChangeSet applied.
class SharedStore final : public Store {
 public:
  explicit SharedStore(std::shared_ptr<Store> inner, std::shared_ptr<std::vector<ChangeSet>> log = {})
      : inner_(std::move(inner)), log_(std::move(log)) {}
  ProgrammeData load() override { return inner_->load(); }
  void apply(const ChangeSet& c) override {
    inner_->apply(c);
    if (log_) log_->push_back(c);
  }
  void replace_all(const ProgrammeData& d) override {
    inner_->replace_all(d);
    if (log_) log_->push_back(ChangeSet{});  // an empty entry marks a whole replacement
  }
  std::string service_secret() override { return inner_->service_secret(); }
  AccessEntry append_access(const AccessEntry& e) override { return inner_->append_access(e); }
  std::vector<AccessEntry> access_log() override { return inner_->access_log(); }
  std::vector<Event> pending_events(std::size_t limit) override { return inner_->pending_events(limit); }
  void acknowledge_events(std::int64_t up_to_seq) override { inner_->acknowledge_events(up_to_seq); }

 private:
  std::shared_ptr<Store> inner_;
  std::shared_ptr<std::vector<ChangeSet>> log_;
};

}  // namespace laycoach::test
