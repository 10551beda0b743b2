// One acceptance rule for every session change: Programme::book, join and reschedule apply the
// same scheduling rules as the booking engine (rota, leave, buffer, caps, notice, waiting-list
// holds); a manager's booking outside them is an explicit, named override that audit lists.
#include <catch2/catch.hpp>

#include "laycoach/booking.hpp"
#include "laycoach/programme.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {

// c1 works Monday 08:00-17:00 and Wednesday 09:00-21:00 UK local time (BST in July: UTC+1).
Programme rota_programme() {
  Programme p;
  p.add_coach(workforce_coach("c1"));
  for (const char* id : {"s1", "s2", "s3", "s4", "s5"}) p.add_client(staff_client(id));
  return p;
}

bool audited(const Programme& p, const std::string& rule, const std::string& record) {
  for (const auto& b : p.audit(at("2024-07-20T00:00:00Z")))
    if (b.rule == rule && b.record == record) return true;
  return false;
}

}  // namespace

TEST_CASE("acceptance: Programme::book applies the scheduling rules", "[programme][acceptance]") {
  Programme p = rota_programme();
  SECTION("outside the rota (Tuesday)") {
    require_rejected(p, [&] { p.book(one_to_one("x", "c1", "s1", at("2024-07-09T09:00:00Z"))); },
                     ErrorCode::InvalidArgument, "x", "start", "rota_covers");
  }
  SECTION("running past the end of the rota block (Monday 16:30 local + 45 min)") {
    require_rejected(p, [&] { p.book(one_to_one("x", "c1", "s1", at("2024-07-08T15:30:00Z"))); },
                     ErrorCode::InvalidArgument, "x", "start", "rota_covers");
  }
  SECTION("on leave") {
    Coach c = p.coach("c1");
    c.rota.leave = {{day("2024-07-08"), day("2024-07-08")}};
    p.update_coach(c);
    require_rejected(p, [&] { p.book(one_to_one("x", "c1", "s1", at("2024-07-08T09:00:00Z"))); },
                     ErrorCode::InvalidArgument, "x", "start", "rota_covers");
  }
  SECTION("inside the buffer") {
    Coach c = p.coach("c1");
    c.rota.buffer_minutes = 15;
    p.update_coach(c);
    p.book(one_to_one("a", "c1", "s1", at("2024-07-08T09:00:00Z")));
    require_rejected(p, [&] { p.book(one_to_one("x", "c1", "s2", at("2024-07-08T09:50:00Z"))); },
                     ErrorCode::Conflict, "x", "start", "buffer_between_sessions");
    p.book(one_to_one("y", "c1", "s2", at("2024-07-08T10:00:00Z")));  // 15 minutes after: fine
  }
  SECTION("over the daily cap") {
    Coach c = p.coach("c1");
    c.rota.max_sessions_per_day = 2;
    p.update_coach(c);
    p.book(one_to_one("a", "c1", "s1", at("2024-07-08T08:00:00Z")));
    p.book(one_to_one("b", "c1", "s2", at("2024-07-08T09:00:00Z")));
    require_rejected(p, [&] { p.book(one_to_one("x", "c1", "s3", at("2024-07-08T10:00:00Z"))); },
                     ErrorCode::Conflict, "x", "start", "max_sessions_per_day");
  }
  SECTION("under the offer's minimum notice, or in the past") {
    Session s = one_to_one("x", "c1", "s1", at("2024-07-08T09:00:00Z"));
    s.booked_at = at("2024-07-08T09:30:00Z");
    require_rejected(p, [&] { p.book(s); }, ErrorCode::InvalidArgument, "x", "start", "min_notice");
  }
}

TEST_CASE("acceptance: a manager's override is explicit, named and audited", "[programme][acceptance]") {
  Programme p = rota_programme();
  Session s = one_to_one("x", "c1", "s1", at("2024-07-09T09:00:00Z"));  // Tuesday: off rota
  SECTION("who without why is refused") {
    s.override_by = "Service manager A. Khan";
    require_rejected(p, [&] { p.book(s); }, ErrorCode::InvalidArgument, "x", "override_reason", "override_named");
  }
  SECTION("who and why: accepted, recorded on the session, listed by audit") {
    s.override_by = "Service manager A. Khan";
    s.override_reason = "client's only free morning; coach agreed an extra shift";
    const Session got = p.book(s);
    CHECK(got.override_by == "Service manager A. Khan");
    CHECK(Programme(p.data()).session("x").override_reason == s.override_reason);  // kept in documents
    CHECK(audited(p, "booked_by_override", "x"));
    // An override never waives the invariants: the coach is still never double-booked.
    Session clash = s;
    clash.id = "y";
    clash.attendees = {{"s2", "", AttendeeStatus::Booked}};
    require_rejected(p, [&] { p.book(clash); }, ErrorCode::Conflict, "y", "start", "coach_double_booked");
    // Moving it makes it an ordinary session: the new time meets the rules itself.
    require_rejected(p, [&] { p.reschedule("x", "x2", at("2024-07-16T09:00:00Z"), at("2024-07-01T12:00:00Z")); },
                     ErrorCode::InvalidArgument, "x2", "start", "rota_covers");
    const Session moved = p.reschedule("x", "x2", at("2024-07-15T09:00:00Z"), at("2024-07-01T12:00:00Z"));
    CHECK(moved.override_by.empty());
    CHECK_FALSE(audited(p, "booked_by_override", "x2"));
  }
  SECTION("the booking engine and Programme::book agree on the same request") {
    const Session ok = one_to_one("ok", "c1", "s1", at("2024-07-08T09:00:00Z"));
    Session off = one_to_one("off", "c1", "s2", at("2024-07-09T09:00:00Z"));
    off.booked_at = ok.booked_at;
    CHECK_NOTHROW(booking::check_rules(p, ok, ok.booked_at));
    CHECK_THROWS_AS(booking::check_rules(p, off, off.booked_at), ValidationError);
    CHECK_THROWS_AS(p.book(off), ValidationError);
    CHECK(p.book(ok).id == "ok");
  }
}

TEST_CASE("acceptance: Programme::join respects a place held for the waiting list", "[programme][acceptance]") {
  Programme p = rota_programme();
  Session g = group_session("g", "c1", {"s1", "s2"}, at("2024-07-08T09:00:00Z"));
  Offer small = p.offer("lay_too_peer");
  (void)small;
  // Fill the group (capacity 8) with s1..s5 plus three more clients.
  for (const char* id : {"t1", "t2", "t3"}) p.add_client(staff_client(id));
  g.attendees.clear();
  for (const char* id : {"s1", "s2", "s3", "s4", "s5", "t1", "t2", "t3"}) g.attendees.push_back({id, "", AttendeeStatus::Booked});
  g.minutes = 90;
  p.book(g);
  p.add_client(staff_client("w1"));
  p.add_client(staff_client("late"));
  booking::join_waiting_list(p, "g", {"w1", "", AttendeeStatus::Booked}, at("2024-07-01T10:00:00Z"), "wl1");
  booking::cancel_place(p, "g", "t3", at("2024-07-02T10:00:00Z"));  // the freed place is offered to w1
  REQUIRE(booking::waiting_list(p, "g").at(0).status == WaitStatus::Offered);
  // Neither face lets someone else take the held place.
  require_rejected(p, [&] { p.join("g", {"late", "", AttendeeStatus::Booked}); }, ErrorCode::Conflict, "g",
                   "attendees", "place_offered_to_waiting_list");
  require_rejected(p, [&] { booking::join(p, "g", {"late", "", AttendeeStatus::Booked}); }, ErrorCode::Conflict, "g",
                   "attendees", "place_offered_to_waiting_list");
  // The person it is held for may take it.
  CHECK(p.join("g", {"w1", "", AttendeeStatus::Booked}).attendees.size() == 9);
}

TEST_CASE("acceptance: a search that moves one client's session never double-books another", "[booking][acceptance]") {
  // Regression: with reschedule_of set, every busy period of the searching client with the same
  // start and end as the freed session was skipped, not just that session's.
  Programme p = rota_programme();
  p.add_coach(workforce_coach("c2"));
  p.book(one_to_one("X", "c1", "s1", at("2024-07-08T07:00:00Z")));  // client s1, 08:00 local
  p.book(one_to_one("Y", "c2", "s2", at("2024-07-08T07:00:00Z")));  // client s2 busy 08:00-08:45 local
  booking::SlotRequest r;
  r.client_id = "s2";
  r.offer_id = "lay_too_1to1";
  r.reschedule_of = "X";
  r.earliest = at("2024-07-08T07:00:00Z");
  r.latest = at("2024-07-08T09:00:00Z");
  r.now = at("2024-07-01T09:00:00Z");
  r.max_results = 10;
  for (int pass = 0; pass < 2; ++pass) {  // cold indexes, then warm
    INFO("pass " << pass);
    const auto slots = booking::search(p, r);
    REQUIRE_FALSE(slots.empty());
    for (const auto& s : slots) CHECK_FALSE(s.start < at("2024-07-08T07:45:00Z"));
  }
  // For X's own client the freed slot is offered again.
  r.client_id = "s1";
  const auto own = booking::search(p, r);
  REQUIRE_FALSE(own.empty());
  CHECK(own.front().start == at("2024-07-08T07:00:00Z"));
}
