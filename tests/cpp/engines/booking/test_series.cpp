// Series booking: N sessions at a regular interval, all or nothing through the one acceptance
// rule (the earlier occurrences counting), the episode's agreed number of sessions honoured,
// UK local wall-clock time kept across clock changes, the rest moved or cancelled in one call,
// one event per session, a second handle on the same file, and a version 5 store migrated.
#include <algorithm>

#include "booking_detail.hpp"
#include "laycoach/booking.hpp"
#include "store/raw_sql.hpp"
#include "store_schema.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;
namespace bk = laycoach::booking;

namespace {

using boost::posix_time::hours;
using boost::posix_time::minutes;
using boost::gregorian::days;

std::vector<RotaBlock> every_day(int from, int to) {
  std::vector<RotaBlock> v;
  for (int d = 0; d < 7; ++d) v.push_back({d, from, to});
  return v;
}

Coach all_hours(std::string id) {
  Coach c = workforce_coach(std::move(id), {"any", "lay_too_1to1"});
  c.rota.weekly = every_day(0, 24 * 60);
  return c;
}

// The default catalogue plus "any" (1:1, 60 min, open all day every day), coaches a and b on
// duty around the clock, clients s1..s3, referral r1 (s1, "any", 6 sessions wanted).
void add_service(Programme& p) {
  Offer any;
  any.id = "any";
  any.service_line_id = "lay_too";
  any.name = "Open all hours";
  any.session_minutes = 60;
  for (auto& d : any.hours.days) d = {0, 24 * 60};
  p.add_offer(any);
  p.add_coach(all_hours("a"));
  p.add_coach(all_hours("b"));
  for (const char* c : {"s1", "s2", "s3"}) p.add_client(staff_client(c));
  Referral r = referral("r1", "s1", "any", at("2024-07-01T09:00:00Z"));
  r.sessions_wanted = 6;
  p.add_referral(r);
}

Programme service() {
  Programme p;
  add_service(p);
  return p;
}

// A weekly series of n for s1 in r1 with coach a, from Monday 2024-07-08 10:00 BST.
bk::SeriesRequest weekly(int n, std::string id = "ser") {
  bk::SeriesRequest r;
  r.series_id = std::move(id);
  r.client_id = "s1";
  r.offer_id = "any";
  r.referral_id = "r1";
  r.coach_id = "a";
  r.first_start = at("2024-07-08T09:00:00Z");
  r.count = n;
  r.now = at("2024-07-01T12:00:00Z");
  return r;
}

std::vector<std::string> starts(const std::vector<Session>& v) {
  std::vector<std::string> s;
  for (const auto& x : v) s.push_back(format_instant(x.start));
  return s;
}

std::vector<std::string> local_times(const std::vector<Session>& v) {
  std::vector<std::string> s;
  for (const auto& x : v) {
    const int m = minutes_of_day(to_uk_local(x.start));
    s.push_back(std::to_string(m / 60) + ":" + (m % 60 < 10 ? "0" : "") + std::to_string(m % 60));
  }
  return s;
}

std::size_t count_events(const Programme& p, EventKind k) {
  std::size_t n = 0;
  for (const auto& e : p.pending_events(1000)) n += e.kind == k;
  return n;
}

Session booked_for(std::string id, std::string coach, std::string client, const char* start) {
  Session s = one_to_one(std::move(id), std::move(coach), std::move(client), at(start), "any");
  s.booked_at = at("2024-07-01T12:00:00Z");
  return s;
}

}  // namespace

TEST_CASE("series: a series that fits is booked whole, one event per session", "[booking][series]") {
  Programme p = service();
  const auto v = bk::book_series(p, weekly(6));
  REQUIRE(v.size() == 6);
  CHECK(starts(v) == std::vector<std::string>{"2024-07-08T09:00:00Z", "2024-07-15T09:00:00Z", "2024-07-22T09:00:00Z",
                                              "2024-07-29T09:00:00Z", "2024-08-05T09:00:00Z", "2024-08-12T09:00:00Z"});
  for (int i = 0; i < 6; ++i) {
    const Session& s = v[static_cast<std::size_t>(i)];
    CHECK(s.series_id == "ser");
    CHECK(s.series_index == i);
    CHECK(s.coach_id == "a");
    CHECK(s.status == SessionStatus::Booked);
    CHECK(s.minutes == 60);
    CHECK(s.attendees == std::vector<Attendee>{{"s1", "r1", AttendeeStatus::Booked}});
    CHECK(s.requested_at == at("2024-07-01T09:00:00Z"));  // the referral's
    CHECK(p.session(s.id) == s);
  }
  CHECK(bk::series(p, "ser") == v);
  CHECK(count_events(p, EventKind::SessionBooked) == 6);
  require_error([&] { bk::series(p, "nope"); }, ErrorCode::NotFound, "nope", "series_id", "reference_resolves");
  // Every k days, and every k weeks.
  auto d = weekly(3, "daily");
  d.client_id = "s2";
  d.referral_id.clear();
  d.coach_id = "b";
  d.first_start = at("2024-07-08T12:00:00Z");
  d.repeat = bk::Repeat::Daily;
  d.every = 2;
  CHECK(starts(bk::book_series(p, d)) ==
        std::vector<std::string>{"2024-07-08T12:00:00Z", "2024-07-10T12:00:00Z", "2024-07-12T12:00:00Z"});
  auto fortnightly = weekly(2, "fortnight");
  fortnightly.client_id = "s3";
  fortnightly.referral_id.clear();
  fortnightly.coach_id = "b";
  fortnightly.first_start = at("2024-07-08T15:00:00Z");
  fortnightly.every = 2;
  CHECK(starts(bk::book_series(p, fortnightly)) == std::vector<std::string>{"2024-07-08T15:00:00Z", "2024-07-22T15:00:00Z"});
  // s3 at 09:00 with coach a would double-book a at the first occurrence.
  auto clash = weekly(2, "clash");
  clash.client_id = "s3";
  clash.referral_id.clear();
  require_rejected(p, [&] { bk::book_series(p, clash); }, ErrorCode::Conflict, "clash", "occurrences/0/start",
                   "coach_double_booked");
}

TEST_CASE("series: one clash books nothing and the error names the occurrence and the rule", "[booking][series]") {
  Programme p = service();
  SECTION("the coach is busy at occurrence 5 of 6") {
    p.book(booked_for("x", "a", "s2", "2024-08-05T09:30:00Z"));
    const std::size_t events = p.pending_events(1000).size();
    require_rejected(p, [&] { bk::book_series(p, weekly(6)); }, ErrorCode::Conflict, "ser", "occurrences/4/start",
                     "coach_double_booked");
    try {
      bk::book_series(p, weekly(6));
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find("occurrence 5 of 6") != std::string::npos);
      CHECK(std::string(e.what()).find("2024-08-05T09:00:00Z") != std::string::npos);
    }
    CHECK(p.pending_events(1000).size() == events);
    // Nothing of it is left in the diary: the slots are free for anyone.
    p.book(booked_for("y", "a", "s3", "2024-07-08T09:00:00Z"));
  }
  SECTION("the client is busy at occurrence 3") {
    p.book(booked_for("x", "b", "s1", "2024-07-22T09:15:00Z"));
    require_rejected(p, [&] { bk::book_series(p, weekly(6)); }, ErrorCode::Conflict, "ser",
                     "occurrences/2/attendees/0/client_id", "client_double_booked");
  }
  SECTION("the series counts itself: a daily series against a weekly cap of 2") {
    Coach a = p.coach("a");
    a.rota.max_sessions_per_week = 2;
    bk::update_coach(p, a);
    auto r = weekly(3);
    r.repeat = bk::Repeat::Daily;
    require_rejected(p, [&] { bk::book_series(p, r); }, ErrorCode::Conflict, "ser", "occurrences/2/start",
                     "max_sessions_per_week");
    r.count = 2;
    CHECK(bk::book_series(p, r).size() == 2);
  }
  SECTION("a buffer between the coach's sessions counts the series too") {
    Coach a = p.coach("a");
    a.rota.buffer_minutes = 30;
    bk::update_coach(p, a);
    p.book(booked_for("x", "a", "s2", "2024-07-29T10:15:00Z"));  // 15 min after occurrence 4 ends
    require_rejected(p, [&] { bk::book_series(p, weekly(6)); }, ErrorCode::Conflict, "ser", "occurrences/3/start",
                     "buffer_between_sessions");
  }
  SECTION("outside the rota, minimum notice, unknown coach, bad counts") {
    Coach a = p.coach("a");
    a.rota.leave = {{day("2024-07-29"), day("2024-07-29")}};
    bk::update_coach(p, a);
    require_rejected(p, [&] { bk::book_series(p, weekly(6)); }, ErrorCode::InvalidArgument, "ser", "occurrences/3/start",
                     "rota_covers");
    auto late = weekly(2);
    late.now = at("2024-07-08T09:30:00Z");
    require_rejected(p, [&] { bk::book_series(p, late); }, ErrorCode::InvalidArgument, "ser", "occurrences/0/start",
                     "min_notice");
    auto nobody = weekly(2);
    nobody.coach_id = "zz";
    require_rejected(p, [&] { bk::book_series(p, nobody); }, ErrorCode::NotFound, "zz", "coach_id", "reference_resolves");
    auto none = weekly(0);
    require_rejected(p, [&] { bk::book_series(p, none); }, ErrorCode::InvalidArgument, "ser", "count", "series_count_range");
    auto never = weekly(2);
    never.every = 0;
    require_rejected(p, [&] { bk::book_series(p, never); }, ErrorCode::InvalidArgument, "ser", "every",
                     "series_interval_range");
    auto long_ = weekly(6);
    long_.every = 52;
    require_rejected(p, [&] { bk::book_series(p, long_); }, ErrorCode::InvalidArgument, "ser", "count", "series_span");
  }
  SECTION("a series id is used once") {
    auto r = weekly(2);
    r.client_id = "s2";
    r.referral_id.clear();
    bk::book_series(p, r);
    auto again = weekly(2);
    again.first_start = at("2024-09-02T09:00:00Z");
    require_rejected(p, [&] { bk::book_series(p, again); }, ErrorCode::Conflict, "ser", "series_id", "unique_id");
  }
}

TEST_CASE("series: the episode's agreed number of sessions is honoured", "[booking][series]") {
  Programme p = service();
  // One attended and one cancelled session of r1 already: 5 of the 6 agreed remain.
  Session had = booked_for("h1", "a", "s1", "2024-07-02T09:00:00Z");
  had.attendees[0].referral_id = "r1";
  p.book(had);
  p.record_outcome("h1", SessionStatus::Attended);
  Session gone = booked_for("h2", "a", "s1", "2024-07-03T09:00:00Z");
  gone.attendees[0].referral_id = "r1";
  p.book(gone);
  bk::cancel(p, "h2", bk::Party::Client);
  require_rejected(p, [&] { bk::book_series(p, weekly(6)); }, ErrorCode::InvalidArgument, "ser", "count", "agreed_sessions");
  SECTION("within the agreed number") { CHECK(bk::book_series(p, weekly(5)).size() == 5); }
  SECTION("beyond it by a named manager's override, recorded and audited") {
    auto r = weekly(6);
    r.override_by = "Service manager A. Khan";
    require_rejected(p, [&] { bk::book_series(p, r); }, ErrorCode::InvalidArgument, "ser", "override_reason",
                     "override_named");
    r.override_reason = "clinical need agreed at review";
    const auto v = bk::book_series(p, r);
    REQUIRE(v.size() == 6);
    CHECK(v[5].agreed_override_by == "Service manager A. Khan");
    CHECK(v[5].override_by.empty());  // the scheduling rules were not set aside
    std::size_t listed = 0;
    for (const auto& b : p.audit(at("2024-07-02T09:00:00Z"))) listed += b.rule == "booked_beyond_agreed";
    CHECK(listed == 6);
  }
  SECTION("a second series counts the first") {
    bk::book_series(p, weekly(3));
    auto more = weekly(3, "more");
    more.first_start = at("2024-09-02T09:00:00Z");
    require_rejected(p, [&] { bk::book_series(p, more); }, ErrorCode::InvalidArgument, "more", "count", "agreed_sessions");
    more.count = 2;
    CHECK(bk::book_series(p, more).size() == 2);
  }
  SECTION("without sessions_wanted the offer's agreed_sessions applies; without either, no limit") {
    Offer o = p.offer("any");
    o.id = "capped";
    o.agreed_sessions = 2;
    p.add_offer(o);
    Coach a = p.coach("a");
    a.offers.push_back("capped");
    bk::update_coach(p, a);
    p.add_referral(referral("r2", "s2", "capped", at("2024-07-01T09:00:00Z")));
    p.add_referral(referral("r3", "s3", "any", at("2024-07-01T09:00:00Z")));
    auto r = weekly(3, "capped3");
    r.client_id = "s2";
    r.offer_id = "capped";
    r.referral_id = "r2";
    r.first_start = at("2024-09-02T09:00:00Z");
    require_rejected(p, [&] { bk::book_series(p, r); }, ErrorCode::InvalidArgument, "capped3", "count", "agreed_sessions");
    r.count = 2;
    CHECK(bk::book_series(p, r).size() == 2);
    CHECK(agreed_sessions(detail::impl_of(p).state(), "r2") == 2);
    CHECK(agreed_sessions(detail::impl_of(p).state(), "r1") == 6);
    CHECK_FALSE(agreed_sessions(detail::impl_of(p).state(), "r3"));
    auto free = weekly(20, "free");
    free.client_id = "s3";
    free.referral_id = "r3";
    free.first_start = at("2024-07-09T14:00:00Z");
    CHECK(bk::book_series(p, free).size() == 20);
  }
}

TEST_CASE("series: UK local wall-clock time is kept across clock changes", "[booking][series]") {
  Programme p = service();
  auto r = weekly(3);
  r.referral_id.clear();
  r.now = at("2024-01-02T12:00:00Z");
  SECTION("autumn: 10:00 BST stays 10:00 GMT") {
    r.first_start = at("2024-10-21T09:00:00Z");
    const auto v = bk::book_series(p, r);
    CHECK(starts(v) == std::vector<std::string>{"2024-10-21T09:00:00Z", "2024-10-28T10:00:00Z", "2024-11-04T10:00:00Z"});
    CHECK(local_times(v) == std::vector<std::string>{"10:00", "10:00", "10:00"});
  }
  SECTION("spring, every day: 10:00 GMT stays 10:00 BST") {
    r.first_start = at("2024-03-30T10:00:00Z");
    r.repeat = bk::Repeat::Daily;
    const auto v = bk::book_series(p, r);
    CHECK(starts(v) == std::vector<std::string>{"2024-03-30T10:00:00Z", "2024-03-31T09:00:00Z", "2024-04-01T09:00:00Z"});
    CHECK(local_times(v) == std::vector<std::string>{"10:00", "10:00", "10:00"});
  }
  SECTION("a local time the change skips is refused, naming the occurrence") {
    r.first_start = at("2024-03-30T01:30:00Z");  // 01:30 GMT; 01:30 does not exist on 31 March
    r.repeat = bk::Repeat::Daily;
    require_rejected(p, [&] { bk::book_series(p, r); }, ErrorCode::InvalidArgument, "ser", "occurrences/1/start",
                     "local_time_exists");
  }
  SECTION("series_starts agrees with the local calendar over a year") {
    const auto v = bk::series_starts(at("2024-01-01T09:00:00Z"), 52, bk::Repeat::Weekly, 1);
    for (std::size_t i = 0; i < v.size(); ++i) {
      CHECK(minutes_of_day(to_uk_local(v[i])) == 9 * 60);
      CHECK(to_uk_local(v[i]).date() == day("2024-01-01") + days(static_cast<long>(7 * i)));
    }
  }
}

TEST_CASE("series: cancel or move the rest in one call", "[booking][series]") {
  Programme p = service();
  const auto v = bk::book_series(p, weekly(6));
  p.acknowledge_events(p.pending_events(1000).back().seq);
  SECTION("cancel from an occurrence") {
    const auto c = bk::cancel_series(p, "ser", 3, bk::Party::Client);
    REQUIRE(c.size() == 3);
    const auto all = bk::series(p, "ser");
    for (const auto& s : all)
      CHECK(s.status == (s.series_index >= 3 ? SessionStatus::CancelledByClient : SessionStatus::Booked));
    CHECK(count_events(p, EventKind::SessionCancelled) == 3);
    CHECK(p.pending_events(1000).size() == 3);
    // The freed slots take someone else at once; cancelling again cancels nothing.
    p.book(booked_for("y", "a", "s2", "2024-08-12T09:00:00Z"));
    CHECK(bk::cancel_series(p, "ser", 3, bk::Party::Coach).empty());
    require_error([&] { bk::cancel_series(p, "nope", 0, bk::Party::Coach); }, ErrorCode::NotFound, "nope", "series_id",
                  "reference_resolves");
  }
  SECTION("cancel from an instant, by the coach") {
    p.record_outcome(v[0].id, SessionStatus::Attended);
    const auto c = bk::cancel_series(p, "ser", at("2024-07-29T00:00:00Z"), bk::Party::Coach);
    CHECK(c.size() == 3);
    CHECK(p.session(v[0].id).status == SessionStatus::Attended);
    CHECK(p.session(v[2].id).status == SessionStatus::Booked);
    CHECK(p.session(v[3].id).status == SessionStatus::CancelledByCoach);
  }
  SECTION("move the rest a day and an hour later, keeping the weekly rhythm") {
    const auto n = bk::move_series(p, "ser", 2, at("2024-07-23T10:00:00Z"), at("2024-07-01T12:00:00Z"));
    CHECK(starts(n) == std::vector<std::string>{"2024-07-23T10:00:00Z", "2024-07-30T10:00:00Z", "2024-08-06T10:00:00Z",
                                                "2024-08-13T10:00:00Z"});
    for (std::size_t i = 0; i < n.size(); ++i) {
      CHECK(n[i].series_id == "ser");
      CHECK(n[i].series_index == static_cast<int>(i) + 2);
      const Session old = p.session(v[i + 2].id);
      CHECK(old.status == SessionStatus::Rescheduled);
      CHECK(old.rescheduled_to == n[i].id);
    }
    CHECK(count_events(p, EventKind::SessionRescheduled) == 4);
    CHECK(count_events(p, EventKind::SessionBooked) == 0);
    CHECK(p.session(v[1].id).status == SessionStatus::Booked);
  }
  SECTION("a move overlapping the old times succeeds: the old slots are freed") {
    const auto n = bk::move_series(p, "ser", 0, at("2024-07-08T09:30:00Z"), at("2024-07-01T12:00:00Z"));
    CHECK(n.size() == 6);
    CHECK(format_instant(n[5].start) == "2024-08-12T09:30:00Z");
  }
  SECTION("a clash on one moved occurrence moves nothing") {
    p.book(booked_for("x", "a", "s2", "2024-08-06T10:30:00Z"));
    require_rejected(p, [&] { bk::move_series(p, "ser", 2, at("2024-07-23T10:00:00Z"), at("2024-07-01T12:00:00Z")); },
                     ErrorCode::Conflict, "ser", "occurrences/4/start", "coach_double_booked");
    require_rejected(p, [&] { bk::move_series(p, "ser", 7, at("2024-07-23T10:00:00Z")); }, ErrorCode::InvalidArgument,
                     "ser", "from_index", "series_rest_booked");
  }
}

TEST_CASE("series: book_series_earliest finds the earliest first start the whole series fits", "[booking][series]") {
  Programme p = service();
  Coach c = workforce_coach("m", {"any"});
  c.rota.weekly = {{0, 9 * 60, 10 * 60}};  // Mondays 09:00-10:00 UK local: one session a week
  p.add_coach(c);
  p.book(booked_for("x", "m", "s2", "2024-07-22T08:00:00Z"));
  auto r = weekly(3);
  r.coach_id = "m";
  r.first_start = Instant();
  r.earliest = at("2024-07-08T00:00:00Z");
  r.latest = at("2024-08-31T00:00:00Z");
  const auto v = bk::book_series_earliest(p, r);
  CHECK(starts(v) == std::vector<std::string>{"2024-07-29T08:00:00Z", "2024-08-05T08:00:00Z", "2024-08-12T08:00:00Z"});
  auto r2 = weekly(3, "later");
  r2.client_id = "s3";
  r2.referral_id.clear();
  r2.coach_id = "m";
  r2.earliest = at("2024-07-08T00:00:00Z");
  r2.latest = at("2024-08-10T00:00:00Z");
  require_rejected(p, [&] { bk::book_series_earliest(p, r2); }, ErrorCode::Conflict, "later", "first_start",
                   "no_series_available");
}

TEST_CASE("series: the coach defaults to the referral's continuity coach", "[booking][series]") {
  Programme p = service();
  Session had = booked_for("h1", "b", "s1", "2024-07-02T09:00:00Z");
  had.attendees[0].referral_id = "r1";
  p.book(had);
  auto r = weekly(2);
  r.coach_id.clear();
  const auto v = bk::book_series(p, r);
  CHECK(v[0].coach_id == "b");
  CHECK(v[1].coach_id == "b");
  auto s = weekly(2, "nocoach");
  s.client_id = "s2";
  s.referral_id.clear();
  s.coach_id.clear();
  require_rejected(p, [&] { bk::book_series(p, s); }, ErrorCode::InvalidArgument, "nocoach", "coach_id", "coach_required");
}

TEST_CASE("series: a second handle on the same file booking into the series' slots", "[booking][series][store]") {
  TempDir dir;
  const std::string path = dir.file("series.db");
  Programme a = Programme::open(path);
  add_service(a);
  Programme b = Programme::open(path);
  CHECK(b.coaches().size() == 2);
  // b takes coach a at occurrence 4 after a last looked: a's series fails whole.
  b.book(booked_for("x", "a", "s2", "2024-07-29T09:00:00Z"));
  require_rejected(a, [&] { bk::book_series(a, weekly(6)); }, ErrorCode::Conflict, "ser", "occurrences/3/start",
                   "coach_double_booked");
  CHECK(scalar(path, "SELECT count(*) FROM sessions") == "1");
  CHECK(scalar(path, "SELECT count(*) FROM events WHERE kind = 'session_booked'") == "1");
  // b cancels; a's series now fits whole, and b (not caught up in memory) cannot take a slot of it.
  bk::cancel(b, "x", bk::Party::Client);
  const auto v = bk::book_series(a, weekly(6));
  CHECK(scalar(path, "SELECT count(*) FROM sessions WHERE series_id = 'ser' AND status = 'booked'") == "6");
  CHECK(scalar(path, "SELECT group_concat(series_index, ',') FROM (SELECT series_index FROM sessions WHERE series_id = "
                     "'ser' ORDER BY series_index)") == "0,1,2,3,4,5");
  CHECK(scalar(path, "SELECT count(*) FROM events WHERE kind = 'session_booked'") == "7");
  require_error([&] { b.book(booked_for("y", "a", "s3", "2024-07-15T09:30:00Z")); }, ErrorCode::Conflict, "y", "start",
                "coach_double_booked");
  // b moves the rest through its own handle: one transaction, seen by a.
  bk::move_series(b, "ser", 4, at("2024-08-06T09:00:00Z"), at("2024-07-01T12:00:00Z"));
  CHECK(scalar(path, "SELECT count(*) FROM sessions WHERE series_id = 'ser' AND status = 'rescheduled'") == "2");
  CHECK(bk::series(a, "ser").size() == 8);
  // Reopened, the series is whole.
  Programme c = Programme::open(path);
  CHECK(bk::series(c, "ser") == bk::series(a, "ser"));
}

TEST_CASE("series: a version 5 store gains the series columns and keeps its sessions", "[booking][series][store]") {
  TempDir dir;
  const std::string path = dir.file("v5.db");
  {
    Programme p = Programme::open(path);
    add_service(p);
    p.book(booked_for("old", "a", "s2", "2024-07-08T09:00:00Z"));
  }
  sql(path, "BEGIN; " + record_schema_before(6) + "PRAGMA user_version = 5; COMMIT");
  CHECK(scalar(path, "SELECT count(*) FROM pragma_table_info('sessions') WHERE name LIKE 'series%'") == "0");
  {
    Programme p = Programme::open(path);
    CHECK(scalar(path, "PRAGMA user_version") == std::to_string(store_schema::kVersion));
    CHECK(scalar(path, "SELECT count(*) FROM pragma_table_info('sessions') WHERE name IN ('series_id', 'series_index', "
                       "'agreed_override_by', 'agreed_override_reason')") == "4");
    const Session old = p.session("old");
    CHECK(old.series_id.empty());
    CHECK(old.series_index == 0);
    auto r = weekly(2);
    r.first_start = at("2024-07-09T09:00:00Z");
    bk::book_series(p, r);
  }
  Programme q = Programme::open(path);
  CHECK(bk::series(q, "ser").size() == 2);
  CHECK(bk::series(q, "ser")[1].series_index == 1);
}
