// The Programme aggregate: every invariant with a failing and a passing case, the session
// lifecycle, confidentiality, supervision, safeguarding and training.
#include <cmath>
#include <set>
#include <algorithm>
#include <string>
#include <vector>

#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"
#include "laycoach/disclosure.hpp"
#include "programme_impl.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

constexpr auto kInvalid = ErrorCode::InvalidArgument;
constexpr auto kNotFound = ErrorCode::NotFound;
constexpr auto kConflict = ErrorCode::Conflict;
constexpr auto kForbidden = ErrorCode::Forbidden;

// A Wednesday in British Summer Time (UTC+1) and one in GMT.
const char* const kBstDay = "2024-07-10";

Instant bst(const char* hhmm) { return at((std::string(kBstDay) + "T" + hhmm + ":00Z").c_str()); }

}  // namespace

// ============================================================================ double booking

TEST_CASE("a coach is never double-booked; touching sessions are allowed", "[programme][invariant]") {
  Programme p = people_programme();
  p.book(one_to_one("a1", "c1", "s1", bst("09:00")));  // 45 min: 09:00-09:45 UTC
  CHECK(p.session("a1").minutes == 45);

  SECTION("overlapping the end is rejected, nothing changes") {
    require_rejected(p, [&] { p.book(one_to_one("x", "c1", "s2", bst("09:30"))); }, kConflict, "x", "start",
                     "coach_double_booked");
  }
  SECTION("overlapping the start is rejected") {
    require_rejected(p, [&] { p.book(one_to_one("x", "c1", "s2", bst("08:30"))); }, kConflict, "x", "start",
                     "coach_double_booked");
  }
  SECTION("a longer session enclosing another is rejected") {
    Session s = one_to_one("x", "c1", "s2", bst("08:00"));
    s.minutes = 180;
    require_rejected(p, [&] { p.book(s); }, kConflict, "x", "start", "coach_double_booked");
  }
  SECTION("starting exactly when the other ends is allowed") {
    p.book(one_to_one("x", "c1", "s2", bst("09:45")));
    CHECK(p.sessions_of_coach("c1").size() == 2);
  }
  SECTION("ending exactly when the other starts is allowed") {
    p.book(one_to_one("x", "c1", "s2", bst("08:15")));
    CHECK(p.sessions_of_coach("c1").size() == 2);
  }
  SECTION("another coach at the same time is allowed") {
    p.book(one_to_one("x", "c2", "s2", bst("09:00")));
    CHECK(p.sessions().size() == 2);
  }
}

TEST_CASE("a client is never double-booked, in 1:1 or group sessions", "[programme][invariant]") {
  Programme p = people_programme();
  p.book(one_to_one("a1", "c1", "s1", bst("09:00")));

  SECTION("same client with another coach at an overlapping time") {
    require_rejected(p, [&] { p.book(one_to_one("x", "c2", "s1", bst("09:20"))); }, kConflict, "x",
                     "attendees/0/client_id", "client_double_booked");
  }
  SECTION("the field names the clashing attendee of a group") {
    require_rejected(p, [&] { p.book(group_session("g", "c2", {"s2", "s1"}, bst("09:00"))); }, kConflict, "g",
                     "attendees/1/client_id", "client_double_booked");
  }
  SECTION("joining a group that clashes with the client's 1:1") {
    p.book(group_session("g", "c2", {"s2"}, bst("09:00")));
    require_rejected(p, [&] { p.join("g", {"s1", "", AttendeeStatus::Booked}); }, kConflict, "g",
                     "attendees/1/client_id", "client_double_booked");
  }
  SECTION("touching is allowed") {
    p.book(one_to_one("x", "c2", "s1", bst("09:45")));
    CHECK(p.sessions().size() == 2);
  }
  SECTION("a client listed twice in one session") {
    require_rejected(p, [&] { p.book(group_session("g", "c2", {"s2", "s2"}, bst("12:00"))); }, kConflict, "g",
                     "attendees/1/client_id", "unique_attendee");
  }
  SECTION("a client listed twice in a session of more than 16 places (checked with a set, not a scan)") {
    // A document (booking would refuse the cancelled places): 17 clients, one place taken.
    std::vector<std::string> ids;
    for (int i = 0; i < 17; ++i) {
      ids.push_back("z" + std::to_string(i));
      p.add_client(staff_client(ids.back()));
    }
    ProgrammeData d = p.data();
    ids.push_back("z3");
    Session g = group_session("g", "c2", ids, bst("12:00"));
    g.minutes = 60;  // booking fills it from the offer; a document gives it
    for (std::size_t i = 1; i < g.attendees.size(); ++i) g.attendees[i].status = AttendeeStatus::Cancelled;
    d.sessions.push_back(g);
    const std::string at = "/sessions/" + std::to_string(d.sessions.size() - 1);
    require_error([&] { Programme x(d); }, kConflict, "g", at + "/attendees/17/client_id", "unique_attendee");
    d.sessions.back().attendees.back().client_id = "z0";
    require_error([&] { Programme x(d); }, kConflict, "g", at + "/attendees/17/client_id", "unique_attendee");
    d.sessions.back().attendees.pop_back();
    CHECK(Programme(d).sessions().size() == d.sessions.size());
  }
}

TEST_CASE("cancelled and rescheduled sessions free their slot", "[programme][invariant]") {
  Programme p = people_programme();
  p.book(one_to_one("a1", "c1", "s1", bst("09:00")));

  SECTION("cancelled by the client") {
    p.record_outcome("a1", SessionStatus::CancelledByClient);
    p.book(one_to_one("x", "c1", "s2", bst("09:00")));
    p.book(one_to_one("y", "c2", "s1", bst("09:00")));
    CHECK(p.sessions().size() == 3);
  }
  SECTION("cancelled by the coach") {
    p.record_outcome("a1", SessionStatus::CancelledByCoach);
    p.book(one_to_one("x", "c1", "s2", bst("09:00")));
  }
  SECTION("rescheduled: the old slot is free, the new one is taken") {
    p.reschedule("a1", "a2", bst("12:00"), at("2024-07-01T12:00:00Z"));
    p.book(one_to_one("x", "c1", "s2", bst("09:00")));
    require_rejected(p, [&] { p.book(one_to_one("y", "c1", "s2", bst("12:15"))); }, kConflict, "y", "start",
                     "coach_double_booked");
  }
  SECTION("an attended session keeps its slot") {
    p.record_outcome("a1", SessionStatus::Attended);
    require_rejected(p, [&] { p.book(one_to_one("x", "c1", "s2", bst("09:00"))); }, kConflict, "x", "start",
                     "coach_double_booked");
  }
  SECTION("a cancelled group place frees the client") {
    p.book(group_session("g", "c2", {"s2", "s3"}, bst("12:00")));
    p.record_attendance("g", "s2", AttendeeStatus::Cancelled);
    p.book(one_to_one("x", "c1", "s2", bst("12:00")));
    require_rejected(p, [&] { p.book(one_to_one("y", "c1", "s3", bst("13:00"))); }, kConflict, "y",
                     "attendees/0/client_id", "client_double_booked");
  }
}

// ============================================================================ opening hours

TEST_CASE("sessions lie within the offer's opening hours in UK local time", "[programme][invariant][time]") {
  Programme p = people_programme();  // LAY Too 1:1: 08:00-22:00 every day, 45 minutes

  SECTION("BST date: opens 08:00 BST = 07:00 UTC") {
    p.book(one_to_one("open", "c1", "s1", at("2024-07-10T07:00:00Z")));
    require_rejected(p, [&] { p.book(one_to_one("x", "c1", "s2", at("2024-07-10T06:59:00Z"))); }, kInvalid, "x",
                     "start", "within_opening_hours");
  }
  SECTION("BST date: ends exactly at 22:00 BST is allowed, one minute over is not") {
    p.book(one_to_one("close", "c1", "s1", at("2024-07-10T20:15:00Z")));
    require_rejected(p, [&] { p.book(one_to_one("x", "c2", "s2", at("2024-07-10T20:16:00Z"))); }, kInvalid, "x",
                     "start", "within_opening_hours");
  }
  SECTION("GMT date: opens 08:00 UTC, closes 22:00 UTC") {
    p.book(one_to_one("open", "c1", "s1", at("2024-01-10T08:00:00Z")));
    p.book(one_to_one("close", "c1", "s1", at("2024-01-10T21:15:00Z")));
    require_rejected(p, [&] { p.book(one_to_one("x", "c2", "s2", at("2024-01-10T07:59:00Z"))); }, kInvalid, "x",
                     "start", "within_opening_hours");
    require_rejected(p, [&] { p.book(one_to_one("y", "c2", "s2", at("2024-01-10T21:16:00Z"))); }, kInvalid, "y",
                     "start", "within_opening_hours");
  }
  SECTION("a session crossing local midnight is outside") {
    Session s = one_to_one("x", "c1", "s1", at("2024-01-10T21:30:00Z"));
    s.minutes = 180;
    require_rejected(p, [&] { p.book(s); }, kInvalid, "x", "start", "within_opening_hours");
  }
  SECTION("PCN offers are closed on bank holidays (and weekends); workforce offers are open") {
    // Early May bank holiday 2024 is Monday 6 May (BST); 10:00 local = 09:00 UTC.
    require_rejected(
        p, [&] { p.book(one_to_one("bh", "h1", "pt1", at("2024-05-06T09:00:00Z"), "hwbc_targeted_1to1")); },
        kInvalid, "bh", "start", "within_opening_hours");
    p.book(one_to_one("next", "h1", "pt1", at("2024-05-07T09:00:00Z"), "hwbc_targeted_1to1"));
    // Christmas Day 2024 (GMT), a Wednesday.
    require_rejected(
        p, [&] { p.book(one_to_one("xmas", "h1", "pt1", at("2024-12-25T10:00:00Z"), "hwbc_targeted_1to1")); },
        kInvalid, "xmas", "start", "within_opening_hours");
    p.book(one_to_one("eve", "h1", "pt1", at("2024-12-24T10:00:00Z"), "hwbc_targeted_1to1"));
    // Saturday: closed.
    require_rejected(
        p, [&] { p.book(one_to_one("sat", "h1", "pt1", at("2024-07-13T10:00:00Z"), "hwbc_targeted_1to1")); },
        kInvalid, "sat", "start", "within_opening_hours");
    // PCN close is 18:30 local: a 45-minute session from 17:45 BST (16:45 UTC) ends exactly at close.
    p.book(one_to_one("late", "h1", "pt1", at("2024-07-09T16:45:00Z"), "hwbc_targeted_1to1"));
    require_rejected(
        p, [&] { p.book(one_to_one("later", "h1", "pt1", at("2024-07-11T16:46:00Z"), "hwbc_targeted_1to1")); },
        kInvalid, "later", "start", "within_opening_hours");
    // The workforce offer is open on the bank holiday.
    p.book(one_to_one("wf", "c1", "s1", at("2024-05-06T09:00:00Z")));
  }
}

// ============================================================================ pathway, accreditation

TEST_CASE("the ethnically diverse pathway only with a coach on it", "[programme][invariant]") {
  Programme p = people_programme();

  SECTION("a coach on the pathway with an eligible client") {
    Session s = one_to_one("e1", "p1", "s4", bst("09:00"), "lay_too_edp_1to1");
    CHECK(p.book(s).minutes == 45);
  }
  SECTION("a coach not on the pathway cannot be booked for it") {
    require_rejected(p, [&] { p.book(one_to_one("e1", "c1", "s4", bst("09:00"), "lay_too_edp_1to1")); }, kInvalid,
                     "e1", "coach_id", "coach_accredited_for_offer");
  }
  SECTION("a coach not on the pathway cannot take the offer") {
    require_rejected(p, [&] { p.add_coach(workforce_coach("c9", {"lay_too_1to1", "lay_too_edp_1to1"})); }, kInvalid,
                     "c9", "offers/1", "pathway_coach");
    Coach c = p.coach("c1");
    c.offers.push_back("lay_too_edp_1to1");
    require_rejected(p, [&] { p.update_coach(c); }, kInvalid, "c1", "offers/3", "pathway_coach");
  }
  SECTION("being on the pathway requires self-identification") {
    Coach c = pathway_coach("p9");
    c.ethnically_diverse = false;
    require_rejected(p, [&] { p.add_coach(c); }, kInvalid, "p9", "ethnically_diverse_pathway",
                     "pathway_self_identified");
    c.ethnically_diverse = true;
    p.add_coach(c);
    CHECK(p.coach("p9").ethnically_diverse_pathway);
  }
  SECTION("clients on the pathway self-identify") {
    require_rejected(p, [&] { p.book(one_to_one("e1", "p1", "s1", bst("09:00"), "lay_too_edp_1to1")); }, kInvalid,
                     "e1", "attendees/0/client_id", "eligibility");
  }
}

TEST_CASE("a coach delivers only offers they are accredited for", "[programme][invariant]") {
  Programme p = people_programme();

  SECTION("patient offers: 4-day programme, skills assessment and practice hours") {
    Coach ok = hwbc_coach("h9");
    Coach short_course = ok;
    short_course.training[0].days = 3;
    require_rejected(p, [&] { p.add_coach(short_course); }, kInvalid, "h9", "offers/0", "coach_accredited_for_offer");
    Coach unassessed = ok;
    unassessed.training[0].skills_assessed = false;
    require_rejected(p, [&] { p.add_coach(unassessed); }, kInvalid, "h9", "offers/0", "coach_accredited_for_offer");
    Coach no_hours = ok;
    no_hours.training[0].practice_hours = 0;
    require_rejected(p, [&] { p.add_coach(no_hours); }, kInvalid, "h9", "offers/0", "coach_accredited_for_offer");
    // Assessment on one record and the 4-day course on another also meet the requirement.
    Coach split = ok;
    split.training = {{"Skills (2 days)", 2, 10.0, true, true, day("2021-01-01")},
                      {"HWBC (4 days)", 4, 0.0, false, true, day("2022-01-01")}};
    p.add_coach(split);
    p.add_coach(hwbc_coach("h8"));
    CHECK(p.coaches().size() == 6);
  }
  SECTION("workforce offers: professional body membership") {
    Coach c = workforce_coach("c9");
    c.memberships.clear();
    require_rejected(p, [&] { p.add_coach(c); }, kInvalid, "c9", "offers/0", "coach_accredited_for_offer");
    c.memberships = {ProfessionalBody::Icf};
    p.add_coach(c);
  }
  SECTION("booking an offer the coach does not list") {
    require_rejected(p, [&] { p.book(one_to_one("x", "c1", "s3", bst("09:00"), "lay_team_leader")); }, kInvalid,
                     "x", "coach_id", "coach_accredited_for_offer");
    p.book(one_to_one("x", "c2", "s3", bst("09:00"), "lay_team_leader"));
  }
  SECTION("updating a coach cannot strand their booked sessions") {
    p.book(one_to_one("x", "c1", "s1", bst("09:00")));
    Coach c = p.coach("c1");
    c.offers = {"lay_career_1to1"};
    require_rejected(p, [&] { p.update_coach(c); }, kInvalid, "x", "coach_id", "coach_accredited_for_offer");
    Coach m = p.coach("c1");
    m.modalities = {Modality::Telephone};
    require_rejected(p, [&] { p.update_coach(m); }, kInvalid, "x", "modality", "modality_allowed");
    // A change that keeps the sessions valid is accepted, and the programme still reloads.
    Coach ok = p.coach("c1");
    ok.name = "Renamed";
    ok.offers.push_back("lay_too_peer");
    p.update_coach(ok);
    CHECK(Programme(p.data()).coach("c1").name == "Renamed");
  }
}

TEST_CASE("the modality must be allowed by offer and coach", "[programme][invariant]") {
  Programme p = people_programme();
  require_rejected(p, [&] { p.book(one_to_one("x", "c1", "s1", bst("09:00"), "lay_too_1to1", Modality::FaceToFace)); },
                   kInvalid, "x", "modality", "modality_allowed");
  Coach phone_only = on_duty_all_week(hwbc_coach("h9"));
  phone_only.modalities = {Modality::Telephone};
  p.add_coach(phone_only);
  require_rejected(
      p, [&] { p.book(one_to_one("y", "h9", "pt1", bst("09:00"), "hwbc_targeted_1to1", Modality::FaceToFace)); },
      kInvalid, "y", "modality", "modality_allowed");
  p.book(one_to_one("y", "h9", "pt1", bst("09:00"), "hwbc_targeted_1to1", Modality::Telephone));
  p.book(one_to_one("z", "c1", "s1", bst("12:00"), "lay_too_1to1", Modality::Telephone));

  Referral r = referral("r1", "s1", "lay_too_1to1", bst("08:00"));
  r.preferred_modality = Modality::FaceToFace;
  require_rejected(p, [&] { p.add_referral(r); }, kInvalid, "r1", "preferred_modality", "modality_allowed");
  r.preferred_modality = Modality::Video;
  p.add_referral(r);
}

TEST_CASE("a group is never over capacity, booking or joining", "[programme][invariant]") {
  Programme p = people_programme();
  std::vector<std::string> nine;
  for (int i = 1; i <= 9; ++i) {
    p.add_client(staff_client("k" + std::to_string(i), "RXA01"));
    nine.push_back("k" + std::to_string(i));
  }
  const std::vector<std::string> eight(nine.begin(), nine.begin() + 8);

  require_rejected(p, [&] { p.book(group_session("g", "c2", nine, bst("12:00"))); }, kConflict, "g", "attendees",
                   "group_capacity");
  p.book(group_session("g", "c2", eight, bst("12:00")));
  require_rejected(p, [&] { p.join("g", {"k9", "", AttendeeStatus::Booked}); }, kConflict, "g", "attendees",
                   "group_capacity");

  // A cancelled place can be taken by someone else; the session then lists nine, eight active.
  p.record_attendance("g", "k1", AttendeeStatus::Cancelled);
  const Session joined = p.join("g", {"k9", "", AttendeeStatus::Booked});
  CHECK(joined.attendees.size() == 9);
  require_rejected(p, [&] { p.join("g", {"s1", "", AttendeeStatus::Booked}); }, kConflict, "g", "attendees",
                   "group_capacity");
  // ... and that history reloads: capacity counts active places only.
  const ProgrammeData d = p.data();
  CHECK(Programme(d).data() == d);

  // 1:1 offers hold one client.
  require_rejected(p, [&] { p.book(group_session("x", "c1", {"s1", "s2"}, bst("15:00"), "lay_too_1to1")); },
                   kConflict, "x", "attendees", "group_capacity");
  p.book(one_to_one("x", "c1", "s1", bst("15:00")));
  require_rejected(p, [&] { p.join("x", {"s2", "", AttendeeStatus::Booked}); }, kConflict, "x", "attendees",
                   "group_capacity");
}

TEST_CASE("eligibility: client kind, leaders only, targeted PAM level; consent", "[programme][invariant]") {
  Programme p = people_programme();
  SECTION("patients do not book staff offers and staff do not book patient offers") {
    require_rejected(p, [&] { p.book(one_to_one("x", "c1", "pt1", bst("09:00"))); }, kInvalid, "x",
                     "attendees/0/client_id", "eligibility");
    require_rejected(p, [&] { p.book(one_to_one("y", "h1", "s1", bst("09:00"), "hwbc_clinical_1to1")); }, kInvalid,
                     "y", "attendees/0/client_id", "eligibility");
    p.book(one_to_one("y", "h1", "pt2", bst("09:00"), "hwbc_clinical_1to1"));
  }
  SECTION("leaders only") {
    require_rejected(p, [&] { p.book(one_to_one("x", "c2", "s1", bst("09:00"), "lay_team_leader")); }, kInvalid,
                     "x", "attendees/0/client_id", "eligibility");
    p.book(one_to_one("x", "c2", "s3", bst("09:00"), "lay_team_leader"));
  }
  SECTION("targeted service: PAM level recorded and at most 2") {
    require_rejected(p, [&] { p.book(one_to_one("x", "h1", "pt2", bst("09:00"), "hwbc_targeted_1to1")); }, kInvalid,
                     "x", "attendees/0/client_id", "eligibility");
    p.add_client(patient_client("pt9", "4857773457", std::nullopt));
    require_rejected(p, [&] { p.book(one_to_one("x", "h1", "pt9", bst("09:00"), "hwbc_targeted_1to1")); }, kInvalid,
                     "x", "attendees/0/client_id", "eligibility");
    p.book(one_to_one("x", "h1", "pt1", bst("09:00"), "hwbc_targeted_1to1"));
  }
  SECTION("referrals are checked for eligibility too") {
    require_rejected(p, [&] { p.add_referral(referral("r1", "pt2", "hwbc_targeted_1to1", bst("08:00"))); }, kInvalid,
                     "r1", "client_id", "eligibility");
    p.add_referral(referral("r1", "pt1", "hwbc_targeted_1to1", bst("08:00")));
  }
  SECTION("an ineligible referral in a document is rejected on import") {
    ProgrammeData d = p.data();
    d.referrals.push_back(referral("r1", "pt2", "hwbc_targeted_1to1", bst("08:00")));
    require_error([&] { Programme{d}; }, kInvalid, "r1", "/referrals/0/client_id", "eligibility");
  }
  SECTION("a new booking needs consent to coaching") {
    Client c = staff_client("nc", "RXA01");
    c.consent = {};
    p.add_client(c);
    require_rejected(p, [&] { p.book(one_to_one("x", "c1", "nc", bst("09:00"))); }, kInvalid, "x",
                     "attendees/0/client_id", "consent");
    p.book(group_session("g", "c2", {"s1"}, bst("09:00")));
    require_rejected(p, [&] { p.join("g", {"nc", "", AttendeeStatus::Booked}); }, kInvalid, "g",
                     "attendees/1/client_id", "consent");
    p.join("g", {"s2", "", AttendeeStatus::Booked});
  }
  SECTION("an inactive coach takes no new bookings") {
    Coach c = p.coach("c1");
    c.active = false;
    p.update_coach(c);
    require_rejected(p, [&] { p.book(one_to_one("x", "c1", "s1", bst("09:00"))); }, kInvalid, "x", "coach_id",
                     "coach_active");
  }
}

// ============================================================================ ids and references

TEST_CASE("ids are unique per kind", "[programme][invariant]") {
  Programme p = people_programme();
  p.book(one_to_one("a1", "c1", "s1", bst("09:00")));
  require_rejected(p, [&] { p.add_coach(workforce_coach("c1")); }, kConflict, "c1", "id", "unique_id");
  require_rejected(p, [&] { p.add_client(staff_client("s1")); }, kConflict, "s1", "id", "unique_id");
  require_rejected(p, [&] { p.add_organisation(organisation("RXA01")); }, kConflict, "RXA01", "ods_code", "unique_id");
  require_rejected(p, [&] { p.book(one_to_one("a1", "c2", "s2", bst("15:00"))); }, kConflict, "a1", "id", "unique_id");
  require_rejected(p, [&] { p.reschedule("a1", "a1", bst("15:00")); }, kConflict, "a1", "id", "unique_id");
  require_rejected(p, [&] { p.add_service_line({"lay_too", "Again", ServiceKind::Workforce}); }, kConflict, "lay_too",
                   "id", "unique_id");
  require_rejected(p, [&] { p.add_coach(workforce_coach("")); }, kInvalid, "", "id", "id_required");
  // The same id in different kinds is fine.
  p.add_client(staff_client("c1"));
  p.add_cohort({"c1", "Cohort named like a coach", 2, day("2024-03-04"), ""});
  CHECK(p.client_count() == 7);
}

TEST_CASE("every reference resolves", "[programme][invariant]") {
  Programme p = people_programme();
  require_rejected(p, [&] { p.book(one_to_one("x", "nobody", "s1", bst("09:00"))); }, kNotFound, "x", "coach_id",
                   "reference_resolves");
  require_rejected(p, [&] { p.book(one_to_one("x", "c1", "s1", bst("09:00"), "no_offer")); }, kNotFound, "x",
                   "offer_id", "reference_resolves");
  require_rejected(p, [&] { p.book(one_to_one("x", "c1", "ghost", bst("09:00"))); }, kNotFound, "x",
                   "attendees/0/client_id", "reference_resolves");
  Session s = one_to_one("x", "c1", "s1", bst("09:00"));
  s.attendees[0].referral_id = "r404";
  require_rejected(p, [&] { p.book(s); }, kNotFound, "x", "attendees/0/referral_id", "reference_resolves");
  p.add_referral(referral("r2", "s2", "lay_too_1to1", bst("08:00")));
  s.attendees[0].referral_id = "r2";
  require_rejected(p, [&] { p.book(s); }, kInvalid, "x", "attendees/0/referral_id", "referral_matches");
  require_rejected(p, [&] { p.add_client(staff_client("s9", "ZZZ99")); }, kNotFound, "s9", "organisation",
                   "reference_resolves");
  require_rejected(p, [&] { p.add_organisation(organisation("B82002", OrgKind::GpPractice, "U99999")); }, kNotFound,
                   "B82002", "parent_ods", "reference_resolves");
  require_rejected(p, [&] { p.add_coach(workforce_coach("c9", {"lay_too_1to1", "nope"})); }, kNotFound, "c9",
                   "offers/1", "reference_resolves");
  require_rejected(p, [&] { p.add_referral(referral("r1", "ghost", "lay_too_1to1", bst("08:00"))); }, kNotFound, "r1",
                   "client_id", "reference_resolves");
  require_rejected(p, [&] { p.add_referral(referral("r1", "s1", "no_offer", bst("08:00"))); }, kNotFound, "r1",
                   "offer_id", "reference_resolves");
  require_rejected(p, [&] { p.add_supervision(supervision("sv", "ghost", SupervisionKind::Clinical, day("2024-07-01"))); },
                   kNotFound, "sv", "coach_id", "reference_resolves");
  require_rejected(p, [&] { p.add_trainee({"t", "no_cohort", "", "", "", 0, {}, {}, false}); }, kNotFound, "t",
                   "cohort_id", "reference_resolves");
  require_rejected(p, [&] { p.add_offer({"o", "no_line", "Orphan"}); }, kNotFound, "o", "service_line_id",
                   "reference_resolves");
  require_rejected(p, [&] { p.record_outcome("ghost", SessionStatus::Attended); }, kNotFound, "ghost", "id",
                   "reference_resolves");
  require_rejected(p, [&] { p.reschedule("ghost", "g2", bst("10:00")); }, kNotFound, "ghost", "id",
                   "reference_resolves");
  require_rejected(p, [&] { p.update_coach(workforce_coach("c404")); }, kNotFound, "c404", "id", "reference_resolves");
  require_error([&] { p.coach("c404"); }, kNotFound, "c404", "id", "reference_resolves");
  require_error([&] { p.offer("o404"); }, kNotFound, "o404", "id", "reference_resolves");
  // The passing case: every reference resolves.
  s.attendees[0].referral_id = "";
  p.book(s);
}

TEST_CASE("clients and referrals rolled back by a failed import are gone for the booking rules too", "[programme][invariant]") {
  // check_attendees finds a client and its referrals through the client's busy entry, which
  // put_client, put_referral and erase keep in step with the records.
  Programme p = people_programme();
  ProgrammeData b;
  b.clients.push_back(staff_client("x1", "RXA01"));
  b.referrals.push_back(referral("rx1", "x1", "lay_too_1to1", bst("08:00")));
  b.sessions.push_back(one_to_one("k1", "nobody", "x1", bst("07:00")));  // no such coach: the batch fails
  require_rejected(p, [&] { p.import_records(b); }, kNotFound, "k1", "/sessions/0/coach_id", "reference_resolves");
  Session s = one_to_one("b1", "c1", "x1", bst("09:00"));
  require_rejected(p, [&] { p.book(s); }, kNotFound, "b1", "attendees/0/client_id", "reference_resolves");
  Session t = one_to_one("b2", "c1", "s1", bst("09:00"));
  t.attendees[0].referral_id = "rx1";
  require_rejected(p, [&] { p.book(t); }, kNotFound, "b2", "attendees/0/referral_id", "reference_resolves");
  // Imported for good: found; another client's referral is still refused by the record itself.
  b.sessions.clear();
  p.import_records(b);
  require_rejected(p, [&] { p.book(t); }, kInvalid, "b2", "attendees/0/referral_id", "referral_matches");
  s.attendees[0].referral_id = "rx1";
  p.book(s);
  CHECK(p.session("b1").attendees[0].referral_id == "rx1");
}

TEST_CASE("a coach erased from memory (a store's delete caught up) is gone for the booking rules too", "[programme][invariant]") {
  // check_session finds the coach through the coach's busy entry, which notes the record the
  // first time the map finds it; erasing the coach clears the note.
  Programme p = people_programme();
  p.book(one_to_one("a1", "c1", "s1", bst("09:00")));  // c1 has a busy entry, noting its record
  p.book(one_to_one("a2", "c1", "s2", bst("10:00")));  // found through the entry
  Coach c1 = p.coach("c1");
  ChangeSet del;
  del.deletes = {{"coaches", "c1"}};
  laycoach::detail::impl_of(p).commit(del);
  require_rejected(p, [&] { p.book(one_to_one("a3", "c1", "s3", bst("11:00"))); }, kNotFound, "a3", "coach_id",
                   "reference_resolves");
  // Put back as another record (not taking bookings): judged by the new record, not the old one.
  c1.active = false;
  ChangeSet put;
  put.upserts.coaches.push_back(c1);
  laycoach::detail::impl_of(p).commit(put);
  require_rejected(p, [&] { p.book(one_to_one("a3", "c1", "s3", bst("11:00"))); }, kInvalid, "a3", "coach_id",
                   "coach_active");
  c1.active = true;
  p.update_coach(c1);
  p.book(one_to_one("a3", "c1", "s3", bst("11:00")));
  CHECK(p.session("a3").coach_id == "c1");
}

TEST_CASE("a coach's rota exceptions changed after a booking are the ones the next booking meets", "[programme][invariant]") {
  // check_session keeps the sorted dates of the coach's exceptions in the coach's busy entry,
  // read again after any change of a coach; a date without one skips the scan of them.
  Programme p = people_programme();  // c1 works Wednesdays 09:00-21:00 local; kBstDay is a Wednesday
  p.book(one_to_one("a0", "c1", "s4", bst("16:00")));  // 17:00 local: c1 has a busy entry from now on
  p.book(one_to_one("a1", "c1", "s1", bst("09:00")));  // 10:00 local: the entry notes c1 and its exception dates
  Coach c1 = p.coach("c1");
  RotaException off;
  off.date = day(kBstDay);  // a day off
  c1.rota.exceptions.push_back(off);
  p.update_coach(c1);
  require_rejected(p, [&] { p.book(one_to_one("a2", "c1", "s2", bst("11:00"))); }, kInvalid, "a2", "start", "rota_covers");
  c1.rota.exceptions.back().blocks = {{0, 11 * 60, 14 * 60}};  // other hours that day: 11:00-14:00 local
  p.update_coach(c1);
  p.book(one_to_one("a2", "c1", "s2", bst("11:00")));  // 12:00 local
  require_rejected(p, [&] { p.book(one_to_one("a3", "c1", "s3", bst("13:00"))); }, kInvalid, "a3", "start", "rota_covers");
  c1.rota.exceptions.clear();
  p.update_coach(c1);
  p.book(one_to_one("a3", "c1", "s3", bst("13:00")));  // 14:00 local: the weekly rota again
  CHECK(p.session("a3").coach_id == "c1");
}

// ============================================================================ identifiers

TEST_CASE("NHS numbers are checked with Modulus 11", "[programme][invariant]") {
  CHECK(nhs_number_valid("9434765919"));
  CHECK(nhs_number_valid("943 476 5919"));
  CHECK(nhs_number_valid("4010232137"));
  CHECK(nhs_number("100000000") == "1000000001");
  CHECK(nhs_number_valid("1000000060"));          // 11 - 0 = 11: check digit 0
  CHECK_FALSE(nhs_number_valid("9434765918"));   // wrong check digit
  CHECK_FALSE(nhs_number_valid("9434765910"));
  CHECK_FALSE(nhs_number_valid("1234567890"));   // the check digit would be 10: no valid number
  CHECK_FALSE(nhs_number_valid("1234567891"));
  CHECK_FALSE(nhs_number_valid("943476591"));    // nine digits
  CHECK_FALSE(nhs_number_valid("94347659190"));  // eleven digits
  CHECK_FALSE(nhs_number_valid("943476591X"));
  CHECK_FALSE(nhs_number_valid(""));
  CHECK_FALSE(nhs_number_valid("943-476-5919"));

  Programme p = people_programme();
  require_rejected(p, [&] { p.add_client(patient_client("px", "9434765918")); }, kInvalid, "px", "nhs_number",
                   "nhs_number_modulus_11");
  require_rejected(p, [&] { p.add_client(patient_client("px", "1234567890")); }, kInvalid, "px", "nhs_number",
                   "nhs_number_modulus_11");
  Client staff = staff_client("sx");
  staff.nhs_number = "9434765919";
  require_rejected(p, [&] { p.add_client(staff); }, kInvalid, "sx", "nhs_number", "staff_pseudonymous");
  Client bad_pam = patient_client("px", nhs_number("485777345"), 5);
  require_rejected(p, [&] { p.add_client(bad_pam); }, kInvalid, "px", "pam_level", "pam_level_range");
  p.add_client(patient_client("px", "485 777 3457"));
  CHECK(p.client_count() == 7);
}

TEST_CASE("NHS numbers are kept as 10 digits, one patient each, and shown 3-3-4", "[programme][invariant]") {
  CHECK(nhs_number_canonical("943 476 5919") == "9434765919");
  CHECK(nhs_number_canonical("9434765919") == "9434765919");
  CHECK(nhs_number_display("9434765919") == "943 476 5919");
  CHECK(nhs_number_display("943 4765 919") == "943 476 5919");
  require_error([] { nhs_number_canonical("9434765918"); }, kInvalid, "", "nhs_number", "nhs_number_modulus_11");
  require_error([] { nhs_number_display("943476591"); }, kInvalid, "", "nhs_number", "nhs_number_modulus_11");

  TempDir dir;
  const std::string file = dir.file("nhs.sqlite");
  const Viewer manager{Audience::ServiceManager, "m1"};
  {
    Programme p = Programme::open(file);
    p.replace(people_programme().data());
    p.add_client(patient_client("pa", "999 000 0018"));
    CHECK(p.client("pa", manager).nhs_number == "9990000018");
    // The same person again, typed either way, is refused and changes nothing.
    require_rejected(p, [&] { p.add_client(patient_client("pb", "9990000018")); }, kConflict, "pb", "nhs_number",
                     "nhs_number_unique");
    require_rejected(p, [&] { p.add_client(patient_client("pb", "99 900 000 18")); }, kConflict, "pb", "nhs_number",
                     "nhs_number_unique");
    // A second handle on the file judges against what the first committed.
    Programme q = Programme::open(file);
    require_rejected(q, [&] { q.add_client(patient_client("pc", "9990000018")); }, kConflict, "pc", "nhs_number",
                     "nhs_number_unique");
    q.add_client(patient_client("pc", "999 000 0026"));
  }
  Programme again = Programme::open(file);
  CHECK(again.client("pa", manager).nhs_number == "9990000018");  // stored canonical
  CHECK(again.client("pc", manager).nhs_number == "9990000026");

  // A whole-programme document: duplicates refused with the pointer of the second, typed
  // forms stored canonical.
  ProgrammeData d = people_programme().data();
  d.clients.push_back(patient_client("pd", "999 000 0034"));
  d.clients.push_back(patient_client("pe", "9990000034"));
  require_error([&] { Programme{d}; }, kConflict, "pe", "/clients/" + std::to_string(d.clients.size() - 1) + "/nhs_number",
                "nhs_number_unique");
  d.clients.pop_back();
  again.replace(d);
  CHECK(Programme::open(file).client("pd", manager).nhs_number == "9990000034");
}

TEST_CASE("ODS codes are 3-10 upper-case letters or digits", "[programme][invariant]") {
  CHECK(ods_code_valid("A81001"));
  CHECK(ods_code_valid("RXA"));
  CHECK(ods_code_valid("Y0123456AB"));
  CHECK_FALSE(ods_code_valid("AB"));
  CHECK_FALSE(ods_code_valid("Y0123456ABC"));
  CHECK_FALSE(ods_code_valid("a81001"));
  CHECK_FALSE(ods_code_valid("A81-01"));
  CHECK_FALSE(ods_code_valid("A81 01"));
  Programme p;
  require_rejected(p, [&] { p.add_organisation(organisation("a81001", OrgKind::GpPractice)); }, kInvalid, "a81001",
                   "ods_code", "ods_code_format");
  p.add_organisation(organisation("A81001", OrgKind::GpPractice));
  CHECK(p.data().organisations.size() == 1);
}

// ============================================================================ lifecycle

TEST_CASE("record_outcome: each outcome once, DNA by client and coach kept apart", "[programme][lifecycle]") {
  Programme p = people_programme();
  p.book(one_to_one("a", "c1", "s1", bst("09:00")));
  p.book(one_to_one("b", "c1", "s1", bst("10:00")));
  p.book(one_to_one("c", "c1", "s1", bst("11:00")));
  p.book(one_to_one("d", "c1", "s1", bst("12:00")));
  p.book(one_to_one("e", "c1", "s1", bst("13:00")));

  const Session a = p.record_outcome("a", SessionStatus::Attended);
  CHECK(a.status == SessionStatus::Attended);
  CHECK(a.attendees[0].status == AttendeeStatus::Attended);
  const Session b = p.record_outcome("b", SessionStatus::ClientDidNotAttend);
  const Session c = p.record_outcome("c", SessionStatus::CoachDidNotAttend);
  CHECK(b.status == SessionStatus::ClientDidNotAttend);
  CHECK(b.attendees[0].status == AttendeeStatus::DidNotAttend);
  CHECK(c.status == SessionStatus::CoachDidNotAttend);
  CHECK(c.attendees[0].status != AttendeeStatus::DidNotAttend);  // the client is not blamed
  CHECK(p.record_outcome("d", SessionStatus::CancelledByClient).status == SessionStatus::CancelledByClient);
  CHECK(p.record_outcome("e", SessionStatus::CancelledByCoach).status == SessionStatus::CancelledByCoach);
  CHECK(p.session("a") == a);

  require_rejected(p, [&] { p.record_outcome("a", SessionStatus::ClientDidNotAttend); }, kInvalid, "a", "status",
                   "outcome_once");
  require_rejected(p, [&] { p.record_outcome("d", SessionStatus::Attended); }, kInvalid, "d", "status", "outcome_once");
  p.book(one_to_one("f", "c1", "s1", bst("14:00")));
  require_rejected(p, [&] { p.record_outcome("f", SessionStatus::Booked); }, kInvalid, "f", "status", "valid_outcome");
  require_rejected(p, [&] { p.record_outcome("f", SessionStatus::Rescheduled); }, kInvalid, "f", "status",
                   "valid_outcome");
  Session not_booked = one_to_one("g", "c1", "s1", bst("15:00"));
  not_booked.status = SessionStatus::Attended;
  require_rejected(p, [&] { p.book(not_booked); }, kInvalid, "g", "status", "new_session_booked");

  const ActivitySummary exact = p.summary({Audience::ServiceManager, ""});
  CHECK(exact.at("client_did_not_attend").value == 1.0);
  CHECK(exact.at("coach_did_not_attend").value == 1.0);
}

TEST_CASE("record_attendance for a group session", "[programme][lifecycle]") {
  Programme p = people_programme();
  p.book(group_session("g", "c2", {"s1", "s2", "s3"}, bst("12:00")));

  Session g = p.record_attendance("g", "s1", AttendeeStatus::Attended);
  CHECK(g.status == SessionStatus::Booked);  // others still to record
  CHECK(g.attendees[0].status == AttendeeStatus::Attended);
  require_rejected(p, [&] { p.record_attendance("g", "s4", AttendeeStatus::Attended); }, kNotFound, "g", "attendees",
                   "reference_resolves");
  require_rejected(p, [&] { p.record_attendance("g", "s2", AttendeeStatus::Booked); }, kInvalid, "g", "attendees",
                   "valid_outcome");
  require_rejected(p, [&] { p.record_attendance("g", "s1", AttendeeStatus::DidNotAttend); }, kInvalid, "g",
                   "attendees/0/status", "outcome_once");
  p.record_attendance("g", "s2", AttendeeStatus::DidNotAttend);
  g = p.record_attendance("g", "s3", AttendeeStatus::Cancelled);
  CHECK(g.status == SessionStatus::Attended);  // held: someone attended
  CHECK(g.attendees[1].status == AttendeeStatus::DidNotAttend);

  p.book(group_session("h", "c2", {"s1", "s2"}, bst("15:00")));
  p.record_attendance("h", "s1", AttendeeStatus::DidNotAttend);
  CHECK(p.record_attendance("h", "s2", AttendeeStatus::DidNotAttend).status == SessionStatus::ClientDidNotAttend);

  p.book(group_session("k", "c2", {"s1"}, bst("18:00")));
  p.record_outcome("k", SessionStatus::CancelledByCoach);
  require_rejected(p, [&] { p.record_attendance("k", "s1", AttendeeStatus::Attended); }, kInvalid, "k", "status",
                   "outcome_once");
}

TEST_CASE("reschedule: old points to new, one transaction; a conflict changes nothing", "[programme][lifecycle]") {
  auto log = std::make_shared<std::vector<ChangeSet>>();
  Programme p = Programme::open(std::make_unique<SharedStore>(std::shared_ptr<Store>(make_memory_store()), log));
  add_people(p);
  p.book(one_to_one("a", "c1", "s1", bst("09:00")));
  p.book(one_to_one("b", "c1", "s2", bst("11:00")));
  log->clear();

  SECTION("moving a session") {
    const Session n = p.reschedule("a", "a2", bst("13:00"), at("2024-07-01T12:00:00Z"));
    CHECK(n.id == "a2");
    CHECK(n.start == bst("13:00"));
    CHECK(n.status == SessionStatus::Booked);
    const Session old = p.session("a");
    CHECK(old.status == SessionStatus::Rescheduled);
    CHECK(old.rescheduled_to == "a2");
    CHECK(old.start == bst("09:00"));
    REQUIRE(log->size() == 1);
    CHECK(log->front().upserts.sessions.size() == 2);
    require_rejected(p, [&] { p.reschedule("a", "a3", bst("15:00")); }, kInvalid, "a", "status", "session_booked");
  }
  SECTION("moving by a few minutes overlaps only itself") {
    p.reschedule("a", "a2", bst("09:15"), at("2024-07-01T12:00:00Z"));
    CHECK(p.session("a2").start == bst("09:15"));
  }
  SECTION("into the coach's other session") {
    require_rejected(p, [&] { p.reschedule("a", "a2", bst("11:30")); }, kConflict, "a2", "start", "coach_double_booked");
    CHECK(log->empty());
    CHECK(p.session("a").status == SessionStatus::Booked);
  }
  SECTION("out of opening hours") {
    require_rejected(p, [&] { p.reschedule("a", "a2", bst("21:30")); }, kInvalid, "a2", "start",
                     "within_opening_hours");
    CHECK(log->empty());
  }
}

// ============================================================================ confidentiality

TEST_CASE("notes: only the session's coach and client", "[programme][confidentiality]") {
  Programme p = people_programme();
  p.book(one_to_one("a", "c1", "s1", bst("09:00")));
  p.book(one_to_one("b", "c2", "s2", bst("09:00")));
  p.add_note({"n1", "a", "c1", at("2024-07-10T10:00:00Z"), "Talked about burnout."}, as_coach("c1"));

  CHECK(p.notes("a", as_coach("c1")).size() == 1);
  CHECK(p.notes("a", as_client("s1")).front().text == "Talked about burnout.");
  require_error([&] { p.notes("a", as_coach("c2")); }, kForbidden, "a", "viewer", "confidentiality");
  require_error([&] { p.notes("a", as_client("s2")); }, kForbidden, "a", "viewer", "confidentiality");
  require_error([&] { p.notes("a", {Audience::ServiceManager, ""}); }, kForbidden, "a", "viewer", "confidentiality");
  for (Audience aud : {Audience::Employer, Audience::Commissioner, Audience::Public}) {
    INFO(to_string(aud));
    require_error([&] { p.notes("a", {aud, "RXA01"}); }, kForbidden, "a", "viewer", "confidentiality");
    require_error([&] { p.goals("s1", {aud, "RXA01"}); }, kForbidden, "s1", "viewer", "confidentiality");
    require_error([&] { p.client("s1", {aud, "RXA01"}); }, kForbidden, "s1", "viewer", "confidentiality");
    require_rejected(p, [&] { p.add_note({"n2", "a", "c1", {}, "x"}, {aud, "c1"}); }, kForbidden, "n2", "viewer",
                     "confidentiality");
  }
  // Writing: only the session's coach, as themselves.
  require_rejected(p, [&] { p.add_note({"n2", "a", "c2", {}, "x"}, as_coach("c2")); }, kForbidden, "n2", "author_id",
                   "confidentiality");
  require_rejected(p, [&] { p.add_note({"n2", "a", "c1", {}, "x"}, as_coach("c2")); }, kForbidden, "n2", "author_id",
                   "confidentiality");
  require_rejected(p, [&] { p.add_note({"n2", "a", "c1", {}, "x"}, as_client("s1")); }, kForbidden, "n2", "author_id",
                   "confidentiality");

  // Goals and the client record.
  p.add_goal({"g1", "s1", "", "Sleep better", 2, 7, GoalAttainment::NotStarted}, as_client("s1"));
  require_rejected(p, [&] { p.add_goal({"g2", "s1", "", "x", {}, {}, {}}, as_coach("c2")); }, kForbidden, "g2",
                   "viewer", "confidentiality");
  CHECK(p.goals("s1", as_coach("c1")).size() == 1);
  require_error([&] { p.goals("s1", as_coach("c2")); }, kForbidden, "s1", "viewer", "confidentiality");
  require_error([&] { p.goals("s1", as_client("s2")); }, kForbidden, "s1", "viewer", "confidentiality");
  p.set_goal_attainment("g1", GoalAttainment::Achieved, as_coach("c1"));
  CHECK(p.goals("s1", as_client("s1")).front().attainment == GoalAttainment::Achieved);
  require_rejected(p, [&] { p.set_goal_attainment("g1", GoalAttainment::Partly, as_employer("RXA01")); }, kForbidden,
                   "g1", "viewer", "confidentiality");
  CHECK(p.client("s1", {Audience::ServiceManager, ""}).id == "s1");
  CHECK(p.client("s1", as_coach("c1")).organisation == "RXA01");
  CHECK(p.client("s1", as_client("s1")).id == "s1");
  require_error([&] { p.client("s1", as_coach("c2")); }, kForbidden, "s1", "viewer", "confidentiality");
  require_error([&] { p.client("s1", as_client("s2")); }, kForbidden, "s1", "viewer", "confidentiality");
}

namespace {
// RXA01 staff: s1, s2, k1..k8 (10 people) with 24 sessions of coach c1: 13 attended, 3 client
// DNA, 8 booked. A81001 staff s3: one attended session with c2.
Programme summary_programme() {
  Programme p = people_programme();
  std::vector<std::string> rxa = {"s1", "s2"};
  for (int i = 1; i <= 8; ++i) {
    p.add_client(staff_client("k" + std::to_string(i), "RXA01"));
    rxa.push_back("k" + std::to_string(i));
  }
  for (int i = 0; i < 24; ++i) {
    const std::string id = "x" + std::to_string(100 + i);
    const Instant start = at("2024-07-01T09:00:00Z") + boost::gregorian::days(i);
    p.book(one_to_one(id, "c1", rxa[static_cast<std::size_t>(i) % rxa.size()], start));
    if (i < 13) p.record_outcome(id, SessionStatus::Attended);
    else if (i < 16) p.record_outcome(id, SessionStatus::ClientDidNotAttend);
  }
  p.book(one_to_one("y1", "c2", "s3", at("2024-07-01T09:00:00Z")));
  p.record_outcome("y1", SessionStatus::Attended);
  return p;
}

double value(const ActivitySummary& s, const char* name) {
  const auto& v = s.at(name);
  REQUIRE_FALSE(v.suppressed());
  return *v.value;
}
}  // namespace

TEST_CASE("summary: employers and commissioners get disclosure-controlled aggregates", "[programme][confidentiality]") {
  const Programme p = summary_programme();

  SECTION("disclose_count: the NHS rule alone: 0 stays 0, 1-7 suppressed, others rounded to 5") {
    const SuppressionPolicy pol = kMinimumFloor;
    CHECK(disclose_count(0, pol).value == 0.0);
    for (int n = 1; n <= 7; ++n) CHECK(disclose_count(n, pol).suppressed());
    CHECK(disclose_count(8, pol).value == 10.0);
    CHECK(disclose_count(12, pol).value == 10.0);
    CHECK(disclose_count(13, pol).value == 15.0);
    SuppressionPolicy exact;
    exact.min_count = exact.round_to = 1;
    exact.cell_key = false;
    CHECK(disclose_count(1, exact).value == 1.0);
  }
  SECTION("disclose_count with cell keys: within the bucket, the same key the same value, every perturbation used") {
    const SuppressionPolicy pol;  // cell key, D = 2, round to 5
    for (long long n : {8LL, 9LL, 10LL, 23LL, 24LL, 150LL, 151LL}) {
      std::set<double> seen;
      for (std::uint64_t key = 0; key < 400; ++key) {
        const DisclosedValue v = disclose_count(n, pol, key * 0x9E3779B97F4A7C15ull);
        REQUIRE(v.value);
        seen.insert(*v.value);
        CHECK(std::fmod(*v.value, 5.0) == 0.0);
        CHECK(*v.value >= 10.0);  // never below the first multiple of 5 at or above 8
        const auto [lo, hi] = count_bucket(static_cast<long long>(*v.value), pol);
        CHECK(lo <= n);
        CHECK(n <= hi);
        CHECK(hi - lo + 1 >= 5);  // the protection width: at least a rounding bucket
        CHECK(disclose_count(n, pol, key * 0x9E3779B97F4A7C15ull) == v);
      }
      // Unless n ± 2 stays within one rounding bucket (n a multiple of 5, or lifted to 10), it
      // straddles two: the keys reach both.
      if (n > 10 && n % 5 != 0) CHECK(seen.size() == 2);
    }
    for (int n = 1; n <= 7; ++n) CHECK(disclose_count(n, pol, 12345).suppressed());
    CHECK(disclose_count(0, pol, 12345).value == 0.0);
  }
  SECTION("an employer sees only its own staff, perturbed and rounded, with secondary suppression") {
    const SuppressionPolicy pol = p.disclosure_floor();
    const ActivitySummary s = p.summary(as_employer("RXA01"));
    CHECK(s.audience == Audience::Employer);
    auto in_bucket = [&](const char* name, long long exact) {
      const auto [lo, hi] = count_bucket(static_cast<long long>(value(s, name)), pol);
      CHECK(lo <= exact);
      CHECK(exact <= hi);
    };
    in_bucket("clients", 10);
    in_bucket("sessions", 24);
    in_bucket("attended", 13);
    CHECK(s.at("client_did_not_attend").suppressed());  // 3: primary
    CHECK(s.at("booked").suppressed());  // 8: the smallest other cell, else 3 = 24 - 13 - 8
    CHECK(value(s, "coach_did_not_attend") == 0);
    CHECK(value(s, "cancelled_by_client") == 0);
    CHECK(value(s, "rescheduled") == 0);
    CHECK(value(s, "referrals") == 0);
    // Asked again: the same figures (a cell's perturbation is a function of its records).
    CHECK(p.summary(as_employer("RXA01")).figures == s.figures);
  }
  SECTION("the protection is the service's: an aggregate audience cannot weaken it") {
    SuppressionPolicy weak;
    weak.min_count = 3;
    weak.round_to = 1;
    require_error([&] { (void)p.summary(as_employer("RXA01"), weak); }, ErrorCode::Forbidden, "policy", "min_count",
                  "policy_below_floor");
    SuppressionPolicy no_key;
    no_key.cell_key = false;
    require_error([&] { (void)p.summary({Audience::Public, ""}, no_key); }, ErrorCode::Forbidden, "policy", "cell_key",
                  "policy_below_floor");
    SuppressionPolicy stronger;
    stronger.min_count = 20;
    CHECK(p.summary({Audience::Commissioner, ""}, stronger).at("clients").suppressed());  // 11 < 20
  }
  SECTION("employer scope: a stronger floor hides a one-person employer; exact counts are the service manager's") {
    const ActivitySummary b_default = p.summary(as_employer("A81001"));
    CHECK(b_default.at("sessions").suppressed());
    CHECK(b_default.at("attended").suppressed());
    CHECK(value(b_default, "booked") == 0);
    const ActivitySummary all = p.summary({Audience::ServiceManager, ""});
    CHECK(value(all, "sessions") == 25);
    CHECK(value(all, "clients") == 11);
    require_error([&] { p.summary(as_employer("ZZZ99")); }, kNotFound, "ZZZ99", "viewer", "reference_resolves");
  }
  SECTION("a commissioner sees everyone, controlled") {
    const SuppressionPolicy pol = p.disclosure_floor();
    const ActivitySummary s = p.summary({Audience::Commissioner, ""});
    for (const auto& [name, exact] : {std::pair{"sessions", 25LL}, {"clients", 11LL}, {"attended", 14LL}}) {
      const auto [lo, hi] = count_bucket(static_cast<long long>(value(s, name)), pol);
      CHECK(lo <= exact);
      CHECK(exact <= hi);
    }
    CHECK(s.at("client_did_not_attend").suppressed());
    CHECK(s.at("booked").suppressed());
    const ActivitySummary pub = p.summary({Audience::Public, ""});
    CHECK(pub.figures == s.figures);
  }
  SECTION("a coach's summary is their own caseload, exact") {
    const ActivitySummary c1 = p.summary(as_coach("c1"));
    CHECK(value(c1, "sessions") == 24);
    CHECK(value(c1, "attended") == 13);
    CHECK(value(c1, "client_did_not_attend") == 3);
    CHECK(value(c1, "booked") == 8);
    CHECK(value(c1, "clients") == 10);
    const ActivitySummary c2 = p.summary(as_coach("c2"));
    CHECK(value(c2, "sessions") == 1);
    CHECK(value(c2, "clients") == 1);
    require_error([&] { p.summary(as_coach("nobody")); }, kNotFound, "nobody", "viewer", "reference_resolves");
  }
  SECTION("the service manager's summary is exact") {
    const ActivitySummary s = p.summary({Audience::ServiceManager, ""});
    CHECK(value(s, "sessions") == 25);
    CHECK(value(s, "attended") == 14);
  }
}

// ============================================================================ supervision

TEST_CASE("supervision overdue per kind; PCI-assured by default; policy change", "[programme][supervision]") {
  Programme p;
  p.add_coach(hwbc_coach("h1"));
  Coach away = hwbc_coach("h2");
  away.active = false;
  p.add_coach(away);
  p.add_supervision(supervision("sv1", "h1", SupervisionKind::HealthCoaching, day("2024-07-01"), false));
  p.add_supervision(supervision("sv2", "h1", SupervisionKind::Clinical, day("2024-06-01"), false));
  p.add_supervision(supervision("sv3", "h1", SupervisionKind::LineManagement, day("2024-05-01"), false));

  auto overdue = [&](Date on) { return p.overdue_supervision(on); };
  auto find = [](const std::vector<OverdueSupervision>& v, SupervisionKind k) -> const OverdueSupervision* {
    for (const auto& o : v)
      if (o.kind == k) return &o;
    return nullptr;
  };

  {
    const auto v = overdue(day("2024-07-10"));
    CHECK(std::all_of(v.begin(), v.end(), [](const auto& o) { return o.coach_id == "h1"; }));  // h2 inactive
    const auto* hc = find(v, SupervisionKind::HealthCoaching);
    REQUIRE(hc);
    CHECK_FALSE(hc->last.has_value());  // a supervisor who is not PCI-assured does not count
    const auto* cl = find(v, SupervisionKind::Clinical);
    REQUIRE(cl);
    CHECK(cl->last == day("2024-06-01"));
    CHECK(cl->due == day("2024-07-01"));
    CHECK(cl->days_overdue == 9);
    CHECK(find(v, SupervisionKind::LineManagement) == nullptr);  // due 2024-07-30
  }
  // Boundary: due on 2024-07-01 is not overdue that day, one day after it is.
  CHECK(find(overdue(day("2024-07-01")), SupervisionKind::Clinical) == nullptr);
  CHECK(find(overdue(day("2024-07-02")), SupervisionKind::Clinical)->days_overdue == 1);
  CHECK(find(overdue(day("2024-07-31")), SupervisionKind::LineManagement)->days_overdue == 1);

  // A PCI-assured (group) health coaching supervision counts.
  p.add_supervision(supervision("sv4", "h1", SupervisionKind::HealthCoaching, day("2024-07-05"), true, true));
  CHECK(find(overdue(day("2024-07-10")), SupervisionKind::HealthCoaching) == nullptr);
  // A meeting after the query date does not count for it.
  CHECK(find(overdue(day("2024-07-04")), SupervisionKind::HealthCoaching) != nullptr);

  // Policy: accept supervisors without PCI assurance; clinical supervision not required.
  SupervisionPolicy pol;
  pol.health_coaching_requires_pci = false;
  pol.clinical_days = 0;
  p.set_supervision_policy(pol);
  CHECK(p.supervision_policy() == pol);
  CHECK(find(overdue(day("2024-07-04")), SupervisionKind::HealthCoaching) == nullptr);  // sv1 counts now
  CHECK(find(overdue(day("2024-12-01")), SupervisionKind::Clinical) == nullptr);

  SupervisionPolicy bad;
  bad.clinical_days = -1;
  require_rejected(p, [&] { p.set_supervision_policy(bad); }, kInvalid, "supervision_policy", "clinical_days",
                   "non_negative");
  CHECK(p.supervision_policy() == pol);

  // Group supervision is for health coaching only.
  require_rejected(
      p, [&] { p.add_supervision(supervision("sv5", "h1", SupervisionKind::Clinical, day("2024-07-06"), false, true)); },
      kInvalid, "sv5", "group", "group_supervision_kind");
  SupervisionRecord nameless = supervision("sv5", "h1", SupervisionKind::Clinical, day("2024-07-06"));
  nameless.supervisor.clear();
  require_rejected(p, [&] { p.add_supervision(nameless); }, kInvalid, "sv5", "supervisor", "supervisor_required");
}

TEST_CASE("safeguarding: raise, escalate, audit", "[programme][supervision]") {
  Programme p = people_programme();
  p.book(one_to_one("b1", "h1", "pt1", at("2024-07-09T09:00:00Z"), "hwbc_targeted_1to1"));
  SafeguardingConcern c;
  c.id = "sg1";
  c.coach_id = "h1";
  c.client_id = "pt1";
  c.session_id = "b1";
  c.category = SafeguardingCategory::MentalHealth;
  c.raised_at = at("2024-07-09T10:00:00Z");

  SafeguardingConcern bad = c;
  bad.client_id = "ghost";
  require_rejected(p, [&] { p.raise_concern(bad); }, kNotFound, "sg1", "client_id", "reference_resolves");
  bad = c;
  bad.session_id = "ghost";
  require_rejected(p, [&] { p.raise_concern(bad); }, kNotFound, "sg1", "session_id", "reference_resolves");
  p.raise_concern(c);

  auto breaches = [&](Instant on, const std::string& rule) {
    std::vector<Breach> out;
    for (const auto& b : p.audit(on))
      if (b.rule == rule) out.push_back(b);
    return out;
  };
  CHECK(breaches(at("2024-07-10T09:59:00Z"), "safeguarding_not_escalated").empty());
  const auto late = breaches(at("2024-07-10T10:01:00Z"), "safeguarding_not_escalated");
  REQUIRE(late.size() == 1);
  CHECK(late[0].record == "sg1");

  require_rejected(p, [&] { p.escalate_concern("sg1", "", at("2024-07-09T11:00:00Z")); }, kInvalid, "sg1",
                   "escalated_to", "named_lead");
  require_rejected(p, [&] { p.escalate_concern("sg1", "Dr Safe", at("2024-07-09T09:00:00Z")); }, kInvalid, "sg1",
                   "escalated_at", "escalation_time");
  require_rejected(p, [&] { p.escalate_concern("sg404", "Dr Safe", at("2024-07-09T11:00:00Z")); }, kNotFound, "sg404",
                   "id", "reference_resolves");
  p.escalate_concern("sg1", "Dr Safe", at("2024-07-10T09:00:00Z"));  // 23 h later
  CHECK(p.concerns().front().escalated_to == "Dr Safe");
  CHECK(breaches(at("2024-07-20T00:00:00Z"), "safeguarding_not_escalated").empty());

  SafeguardingConcern slow = c;
  slow.id = "sg2";
  p.raise_concern(slow);
  p.escalate_concern("sg2", "Dr Safe", at("2024-07-10T16:00:00Z"));  // 30 h later
  const auto slow_b = breaches(at("2024-07-20T00:00:00Z"), "safeguarding_not_escalated");
  REQUIRE(slow_b.size() == 1);
  CHECK(slow_b[0].record == "sg2");
}

TEST_CASE("audit: overdue supervision, named leads, sessions held without consent", "[programme][supervision]") {
  Programme p = people_programme();
  Coach lone = workforce_coach("c9");
  lone.safeguarding_lead.clear();
  lone.first_point_of_contact.clear();
  p.add_coach(lone);
  auto has = [](const std::vector<Breach>& v, const std::string& rule, const std::string& record) {
    return std::any_of(v.begin(), v.end(), [&](const Breach& b) { return b.rule == rule && b.record == record; });
  };
  const auto v = p.audit(at("2024-07-10T12:00:00Z"));
  CHECK(has(v, "named_safeguarding_lead", "c9"));
  CHECK(has(v, "named_first_contact", "c9"));
  CHECK_FALSE(has(v, "named_safeguarding_lead", "c1"));
  CHECK(has(v, "supervision_overdue", "h1"));  // nothing recorded yet
  CHECK_FALSE(has(v, "consent", "h1"));

  // History loaded from a document may hold a session with a client who has not consented.
  p.book(one_to_one("a", "c1", "s1", bst("09:00")));
  p.record_outcome("a", SessionStatus::Attended);
  ProgrammeData d = p.data();
  for (auto& c : d.clients)
    if (c.id == "s1") c.consent.coaching = false;
  const Programme q(d);
  CHECK(has(q.audit(at("2024-07-10T12:00:00Z")), "consent", "a"));
  CHECK_FALSE(has(p.audit(at("2024-07-10T12:00:00Z")), "consent", "a"));
}

// ============================================================================ training

TEST_CASE("training cohorts and the register of everyone trained", "[programme][training]") {
  Programme p;
  p.add_cohort({"co2", "HWBC course", 4, day("2024-04-08"), ""});
  p.add_cohort({"co1", "Coaching skills", 2, day("2024-03-04"), "A81001"});
  p.add_trainee({"t3", "co1", "care coordinator", "", "community", 2, 3, 6, false});
  p.add_trainee({"t1", "co1", "link worker", "", "gp_practice", 2, std::nullopt, 8, true});
  p.add_trainee({"t2", "co1", "GP", "", "gp_practice", 1, std::nullopt, std::nullopt, false});
  p.add_trainee({"t4", "co2", "HWBC", "", "gp_practice", 4, std::nullopt, std::nullopt, false});
  p.add_trainee({"t5", "co2", "HWBC", "", "gp_practice", 3, std::nullopt, std::nullopt, false});

  const auto reg = p.training_register();
  REQUIRE(reg.size() == 3);
  CHECK(reg[0].trainee_id == "t1");
  CHECK(reg[0].cohort_id == "co1");
  CHECK(reg[0].completed == day("2024-03-05"));
  CHECK(reg[0].course_days == 2);
  CHECK(reg[1].trainee_id == "t3");
  CHECK(reg[2].trainee_id == "t4");
  CHECK(reg[2].completed == day("2024-04-11"));

  require_rejected(p, [&] { p.add_trainee({"t6", "co1", "", "", "", 3, {}, {}, false}); }, kInvalid, "t6",
                   "days_attended", "days_attended_range");
  require_rejected(p, [&] { p.add_trainee({"t6", "co1", "", "", "", 2, 0, {}, false}); }, kInvalid, "t6",
                   "confidence_before", "confidence_range");
  require_rejected(p, [&] { p.add_trainee({"t6", "co1", "", "", "", 2, {}, 11, false}); }, kInvalid, "t6",
                   "confidence_after", "confidence_range");
  require_rejected(p, [&] { p.add_cohort({"co3", "", 0, day("2024-04-08"), ""}); }, kInvalid, "co3", "days", "positive");
  require_rejected(p, [&] { p.add_cohort({"co3", "", 2, Date(boost::gregorian::not_a_date_time), ""}); }, kInvalid,
                   "co3", "start", "date_required");
  p.add_trainee({"t6", "co1", "", "", "", 2, 1, 10, false});
  CHECK(p.training_register().size() == 4);
}

// ============================================================================ responses

TEST_CASE("responses are validated by the instrument library", "[programme][measures]") {
  Programme p = people_programme();
  Response r;
  r.id = "q1";
  r.client_id = "s1";
  r.instrument_id = "swemwbs";
  r.recorded_at = at("2024-07-01T09:00:00Z");
  r.answers = {3, 4, 2, 3, 5, 3, 6};
  require_rejected(p, [&] { p.add_response(r); }, kInvalid, "q1", "answers/6", "answer_in_range");
  r.answers[6] = 3;
  r.instrument_id = "nope";
  require_rejected(p, [&] { p.add_response(r); }, kNotFound, "q1", "instrument_id", "reference_resolves");
  r.instrument_id = "swemwbs";
  p.add_response(r);
  CHECK(p.responses().size() == 1);
}
