// The booking engine: each rule with a case that must pass and one that must fail, daylight
// saving both ways, bank holidays, booking/cancelling/rescheduling, group places and the
// waiting list, access figures, the store, many threads, and the fast search against a
// brute-force search over every grid start on thousands of random scenarios.
#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "booking_detail.hpp"
#include "laycoach/booking.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;
namespace bk = laycoach::booking;
namespace dt = laycoach::booking::detail;

namespace {

using boost::posix_time::hours;
using boost::posix_time::minutes;

// Monday 2024-07-08 (BST: local = UTC + 1).
const char* kMon = "2024-07-08T00:00:00Z";

std::vector<RotaBlock> every_day(int from, int to) {
  std::vector<RotaBlock> v;
  for (int d = 0; d < 7; ++d) v.push_back({d, from, to});
  return v;
}

Coach coach_with(std::string id, std::vector<RotaBlock> weekly, std::vector<std::string> offers = {"lay_too_1to1", "lay_too_peer", "lay_career_1to1"}) {
  Coach c = workforce_coach(std::move(id), std::move(offers));
  c.rota.weekly = std::move(weekly);
  return c;
}

bk::SlotRequest request(std::string client, std::string offer, const char* earliest, const char* now = nullptr) {
  bk::SlotRequest r;
  r.client_id = std::move(client);
  r.offer_id = std::move(offer);
  r.earliest = at(earliest);
  r.now = at(now ? now : earliest);
  return r;
}

bk::Slot first(const Programme& p, bk::SlotRequest r) {
  r.max_results = 1;
  auto v = bk::search(p, r);
  REQUIRE(v.size() == 1);
  return v[0];
}

// Starts of the slots, ISO text, for readable comparisons.
std::vector<std::string> starts(const std::vector<bk::Slot>& v) {
  std::vector<std::string> s;
  for (const auto& x : v) s.push_back(format_instant(x.start));
  return s;
}

// A programme with the default catalogue plus an offer "any" (1:1, 60 min, open all day every
// day including bank holidays) and an offer "grp" (group of 2, 60 min).
Programme open_programme() {
  Programme p;
  Offer any;
  any.id = "any";
  any.service_line_id = "lay_too";
  any.name = "Open all hours";
  any.session_minutes = 60;
  for (auto& d : any.hours.days) d = {0, 24 * 60};
  p.add_offer(any);
  Offer grp = any;
  grp.id = "grp";
  grp.name = "Small group";
  grp.format = Format::Group;
  grp.capacity = 2;
  p.add_offer(grp);
  return p;
}

// The clients of add_people (s1..s4 staff, s3 a leader, s4 ethnically diverse; pt1, pt2
// patients), no coaches: each test adds its own.
void add_clients(Programme& p) {
  p.add_organisation(organisation("U12345", OrgKind::Pcn));
  p.add_organisation(organisation("A81001", OrgKind::GpPractice, "U12345"));
  p.add_organisation(organisation("RXA01", OrgKind::Trust));
  p.add_client(staff_client("s1", "RXA01"));
  p.add_client(staff_client("s2", "RXA01"));
  Client s3 = staff_client("s3", "A81001");
  s3.leader = true;
  p.add_client(s3);
  Client s4 = staff_client("s4");
  s4.ethnically_diverse = true;
  p.add_client(s4);
  Client pt1 = patient_client("pt1", "9434765919", 2);
  pt1.organisation = "A81001";
  p.add_client(pt1);
  p.add_client(patient_client("pt2", "4010232137", 3));
}

Programme clients_programme() {
  Programme p;
  add_clients(p);
  return p;
}

Session make_probe(const std::string& offer, const std::string& coach, const std::string& client, Instant start,
                   int minutes, Modality m, const std::string& referral = {}) {
  Session s;
  s.id = std::string("\0probe", 6);
  s.offer_id = offer;
  s.coach_id = coach;
  s.attendees = {{client, referral, AttendeeStatus::Booked}};
  s.start = start;
  s.minutes = minutes;
  s.modality = m;
  return s;
}

}  // namespace

// =============================================================================== minute arithmetic

TEST_CASE("booking: minute arithmetic agrees with time.hpp", "[booking]") {
  std::mt19937 rng(7);
  const dt::Min lo = dt::floor_min(at("1971-01-01T00:00:00Z"), "t");
  const dt::Min hi = dt::floor_min(at("2199-12-31T00:00:00Z"), "t");
  std::uniform_int_distribution<dt::Min> any(lo, hi);
  for (int i = 0; i < 20000; ++i) {
    const dt::Min u = any(rng);
    const Instant t = dt::instant_of(u);
    REQUIRE(dt::uk_offset(u) == uk_utc_offset_minutes(t));
    const LocalDateTime l = to_uk_local(t);
    REQUIRE(dt::date_of(dt::local_day(u)) == l.date());
    REQUIRE(dt::weekday(dt::local_day(u)) == (l.date().day_of_week().as_number() + 6) % 7);
  }
  for (int y : {1971, 2024, 2025, 2100, 2199}) {
    const auto tr = uk_dst_transitions(y);
    for (Instant t : {tr.bst_start, tr.bst_end})
      for (int d = -3; d <= 3; ++d) {
        const dt::Min u = dt::floor_min(t, "t") + d;
        REQUIRE(dt::uk_offset(u) == uk_utc_offset_minutes(dt::instant_of(u)));
      }
    for (Date h : bank_holidays_england_wales(y)) REQUIRE(dt::bank_holiday(dt::day_of(h)));
    REQUIRE_FALSE(dt::bank_holiday(dt::day_of(Date(static_cast<unsigned short>(y), 7, 9))));
  }
  // Local midnight, and the UTC preimage of local intervals, against a minute-by-minute reading.
  for (const char* dstr : {"2024-03-30", "2024-03-31", "2024-04-01", "2024-10-26", "2024-10-27", "2024-10-28", "2024-07-08"}) {
    const int dn = dt::day_of(day(dstr));
    const dt::Min ds = dt::day_start(dn);
    REQUIRE(to_uk_local(dt::instant_of(ds)) == LocalDateTime(day(dstr)));
    REQUIRE(dt::local_day(ds - 1) == dn - 1);
    std::uniform_int_distribution<int> m(0, 1440);
    for (int k = 0; k < 60; ++k) {
      int a = m(rng), b = m(rng);
      if (a > b) std::swap(a, b);
      std::vector<dt::Span> out;
      dt::preimage(dn * 1440 + a, dn * 1440 + b, out);
      std::set<dt::Min> got, want;
      for (const auto& s : out)
        for (dt::Min u = s.s; u < s.e; ++u) got.insert(u);
      for (dt::Min u = dn * 1440 + a - 120; u < dn * 1440 + b + 120; ++u)
        if (dt::local_min(u) >= dn * 1440 + a && dt::local_min(u) < dn * 1440 + b) want.insert(u);
      REQUIRE(got == want);
    }
  }
}

// =============================================================================== rota

TEST_CASE("booking: the weekly rota, dated exceptions and leave", "[booking]") {
  Programme p = clients_programme();
  p.add_coach(coach_with("a", {{0, 9 * 60, 12 * 60}, {2, 14 * 60, 16 * 60}}));
  auto r = request("s1", "lay_too_1to1", kMon);
  r.preferred_coach = "a";
  r.preferred_coach_only = true;

  SECTION("inside the weekly pattern: must pass") {
    auto v = bk::search(p, r);
    REQUIRE(starts(v) == std::vector<std::string>{"2024-07-08T08:00:00Z", "2024-07-08T08:15:00Z", "2024-07-08T08:30:00Z",
                                                  "2024-07-08T08:45:00Z", "2024-07-08T09:00:00Z"});
    CHECK(v[0].coach_id == "a");
    CHECK(v[0].minutes == 45);
    CHECK(v[0].favoured);
    bk::check_rules(p, make_probe("lay_too_1to1", "a", "s1", at("2024-07-08T10:15:00Z"), 45, Modality::Video), at(kMon));
  }
  SECTION("outside it: must fail") {
    // 11:30 local leaves 30 minutes of the block: the next time is Wednesday 14:00.
    r.earliest = at("2024-07-08T10:30:00Z");
    CHECK(format_instant(first(p, r).start) == "2024-07-10T13:00:00Z");
    require_error([&] { bk::check_rules(p, make_probe("lay_too_1to1", "a", "s1", at("2024-07-08T10:30:00Z"), 45, Modality::Video), at(kMon)); },
                  ErrorCode::InvalidArgument, std::string("\0probe", 6), "start", "rota_covers");
    require_error([&] { bk::check_rules(p, make_probe("lay_too_1to1", "a", "s1", at("2024-07-08T07:45:00Z"), 45, Modality::Video), at(kMon)); },
                  ErrorCode::InvalidArgument, std::string("\0probe", 6), "start", "rota_covers");
  }
  SECTION("a dated exception replaces the day's blocks") {
    Coach a = p.coach("a");
    a.rota.exceptions = {{day("2024-07-10"), {{0, 18 * 60, 19 * 60}}}};
    bk::update_coach(p, a);
    r.earliest = at("2024-07-08T10:30:00Z");
    CHECK(format_instant(first(p, r).start) == "2024-07-10T17:00:00Z");
    a.rota.exceptions = {{day("2024-07-10"), {}}};
    bk::update_coach(p, a);
    CHECK(format_instant(first(p, r).start) == "2024-07-15T08:00:00Z");
  }
  SECTION("no slot on leave") {
    Coach a = p.coach("a");
    a.rota.exceptions = {{day("2024-07-10"), {}}};
    a.rota.leave = {{day("2024-07-15"), day("2024-07-19")}};
    bk::update_coach(p, a);
    r.earliest = at("2024-07-08T10:30:00Z");
    CHECK(format_instant(first(p, r).start) == "2024-07-22T08:00:00Z");
    require_error([&] { bk::check_rules(p, make_probe("lay_too_1to1", "a", "s1", at("2024-07-15T08:00:00Z"), 45, Modality::Video), at(kMon)); },
                  ErrorCode::InvalidArgument, std::string("\0probe", 6), "start", "rota_covers");
  }
}

// =============================================================================== who may deliver

TEST_CASE("booking: offer, modality, pathway, accreditation and activity decide the coaches", "[booking]") {
  Programme p;
  p.add_client(staff_client("s1"));
  Client ed = staff_client("ed");
  ed.ethnically_diverse = true;
  p.add_client(ed);
  p.add_client(patient_client("pt", "9434765919", 2));
  const auto mon = std::vector<RotaBlock>{{0, 9 * 60, 17 * 60}};
  Coach a = coach_with("a", mon, {"lay_too_1to1"});
  a.modalities = {Modality::Video};
  p.add_coach(a);
  p.add_coach(coach_with("b", mon, {"lay_career_1to1"}));
  Coach pc = pathway_coach("p");
  pc.rota.weekly = mon;
  p.add_coach(pc);
  Coach h = hwbc_coach("h");
  h.rota.weekly = mon;
  p.add_coach(h);

  auto coaches_of = [&](bk::SlotRequest r) {
    r.max_results = 10;
    std::set<std::string> s;
    for (const auto& x : bk::search(p, r)) s.insert(x.coach_id);
    return s;
  };
  auto r = request("s1", "lay_too_1to1", kMon);
  CHECK(coaches_of(r) == std::set<std::string>{"a", "p"});  // delivers the offer: b does not
  r.modality = Modality::Telephone;
  CHECK(coaches_of(r) == std::set<std::string>{"p"});       // a works by video only
  r.modality = Modality::FaceToFace;
  require_error([&] { bk::search(p, r); }, ErrorCode::InvalidArgument, "lay_too_1to1", "modality", "modality_allowed");
  r.modality.reset();
  {
    auto v = bk::search(p, r);
    REQUIRE(v.size() >= 2);
    CHECK(v[0].coach_id == "a");  // equally early, equally busy: by id
    CHECK(v[1].coach_id == "p");
  }
  // The ethnically diverse pathway: only pathway coaches, only for clients who self-identify.
  auto e = request("ed", "lay_too_edp_1to1", kMon);
  CHECK(coaches_of(e) == std::set<std::string>{"p"});
  e.client_id = "s1";
  require_error([&] { bk::search(p, e); }, ErrorCode::InvalidArgument, "s1", "client_id", "eligibility");
  // Accreditation: the HWBC offers go to the accredited coach; an unaccredited one cannot take them on.
  auto hw = request("pt", "hwbc_clinical_1to1", kMon);
  CHECK(coaches_of(hw) == std::set<std::string>{"h"});
  Coach x = coach_with("x", mon, {"hwbc_clinical_1to1"});
  x.training = {{"Coaching skills", 2, 0.0, false, false, day("2023-01-01")}};  // two days: not an HWBC
  require_error([&] { p.add_coach(x); }, ErrorCode::InvalidArgument, "x", "offers/0", "coach_accredited_for_offer");
  // An inactive coach takes no new bookings.
  Coach a2 = p.coach("a");
  a2.active = false;
  bk::update_coach(p, a2);
  CHECK(coaches_of(r) == std::set<std::string>{"p"});
  // Consent is required.
  Client nc = staff_client("nc");
  nc.consent.coaching = false;
  p.add_client(nc);
  require_error([&] { bk::search(p, request("nc", "lay_too_1to1", kMon)); }, ErrorCode::InvalidArgument, "nc", "client_id",
                "consent");
  require_error([&] { bk::search(p, request("nobody", "lay_too_1to1", kMon)); }, ErrorCode::NotFound, "nobody", "client_id",
                "reference_resolves");
}

// =============================================================================== opening hours, bank holidays

TEST_CASE("booking: opening hours in UK local time and the bank-holiday policy", "[booking]") {
  Programme p = clients_programme();
  p.add_coach(coach_with("a", every_day(0, 24 * 60)));
  Coach h = hwbc_coach("h");
  h.rota.weekly = every_day(0, 24 * 60);
  p.add_coach(h);
  auto r = request("s1", "lay_too_1to1", kMon);
  r.preferred_coach = "a";
  r.preferred_coach_only = true;

  SECTION("08:00-22:00 local: first and last start of the day") {
    CHECK(format_instant(first(p, r).start) == "2024-07-08T07:00:00Z");  // 08:00 BST
    r.earliest = at("2024-07-08T20:15:00Z");                            // 21:15 BST, ends 22:00
    CHECK(format_instant(first(p, r).start) == "2024-07-08T20:15:00Z");
    r.earliest = at("2024-07-08T20:16:00Z");                            // would end after closing
    CHECK(format_instant(first(p, r).start) == "2024-07-09T07:00:00Z");
    // In winter the same local hours are an hour later in UTC.
    r.earliest = r.now = at("2024-12-02T00:00:00Z");
    CHECK(format_instant(first(p, r).start) == "2024-12-02T08:00:00Z");
  }
  SECTION("a service closed on bank holidays skips them; one open on them does not") {
    auto pr = request("pt1", "hwbc_clinical_1to1", "2024-08-23T17:00:00Z");  // Friday 18:00 BST
    pr.max_results = 1;
    // Saturday, Sunday closed, Monday 26 August the summer bank holiday: Tuesday 08:00 BST.
    CHECK(format_instant(first(p, pr).start) == "2024-08-27T07:00:00Z");
    pr.earliest = pr.now = at("2024-12-24T18:00:00Z");  // Christmas Eve after hours; 25th, 26th closed
    CHECK(format_instant(first(p, pr).start) == "2024-12-27T08:00:00Z");
    r.earliest = r.now = at("2024-08-26T00:00:00Z");  // LAY Too is open on bank holidays
    CHECK(format_instant(first(p, r).start) == "2024-08-26T07:00:00Z");
    require_error([&] { p.book(one_to_one("bh", "h", "pt1", at("2024-08-26T09:00:00Z"), "hwbc_clinical_1to1")); },
                  ErrorCode::InvalidArgument, "bh", "start", "within_opening_hours");
  }
}

// =============================================================================== daylight saving

TEST_CASE("booking: daylight saving both ways", "[booking]") {
  Programme p = open_programme();
  p.add_client(staff_client("s1"));
  // Works Sunday 00:00-04:00 UK local time.
  p.add_coach(coach_with("n", {{6, 0, 4 * 60}}, {"any"}));
  auto r = request("s1", "any", "2024-03-30T22:00:00Z");
  r.latest = at("2024-03-31T12:00:00Z");
  r.max_results = 100;

  SECTION("spring 2024-03-31: no slot in the missing hour") {
    auto v = bk::search(p, r);
    // Local 00:00-01:00 GMT and 02:00-04:00 BST: UTC 00:00-03:00, so 60-minute starts 00:00..02:00.
    std::vector<std::string> want;
    for (int m = 0; m <= 120; m += 15)
      want.push_back(format_instant(at("2024-03-31T00:00:00Z") + minutes(m)));
    CHECK(starts(v) == want);
    for (const auto& s : v) {
      const LocalDateTime l = to_uk_local(s.start);
      CHECK(l.time_of_day().hours() != 1);
      CHECK(classify_uk_local(l) == LocalTimeKind::Unique);
    }
    // 00:30 GMT for an hour runs 00:30-01:00 GMT then 02:00-02:30 BST: on duty throughout.
    bk::check_rules(p, make_probe("any", "n", "s1", at("2024-03-31T00:30:00Z"), 60, Modality::Video), Instant());
    // A rota ending at 01:30 local ends at 01:00 UTC (the rest never exists): must fail.
    Coach n = p.coach("n");
    n.rota.weekly = {{6, 0, 90}};
    bk::update_coach(p, n);
    require_error([&] { bk::check_rules(p, make_probe("any", "n", "s1", at("2024-03-31T00:30:00Z"), 60, Modality::Video), Instant()); },
                  ErrorCode::InvalidArgument, std::string("\0probe", 6), "start", "rota_covers");
    CHECK(starts(bk::search(p, r)) == std::vector<std::string>{"2024-03-31T00:00:00Z"});
  }
  SECTION("autumn 2024-10-27: the repeated hour gives its own slots, none twice") {
    r.earliest = r.now = at("2024-10-26T20:00:00Z");
    r.latest = at("2024-10-27T12:00:00Z");
    auto v = bk::search(p, r);
    // Local 00:00-02:00 BST (UTC 23:00-01:00) and 01:00-04:00 GMT (UTC 01:00-04:00): 5 real hours.
    std::vector<std::string> want;
    for (int m = 0; m <= 240; m += 15) want.push_back(format_instant(at("2024-10-26T23:00:00Z") + minutes(m)));
    CHECK(starts(v) == want);
    std::map<int, int> local_seen;  // minute of the local day -> slots
    for (const auto& s : v) ++local_seen[minutes_of_day(to_uk_local(s.start))];
    CHECK(local_seen[90] == 2);  // 01:30 BST and 01:30 GMT: two instants an hour apart
    CHECK(local_seen[30] == 1);
    CHECK(local_seen[150] == 1);
    CHECK(std::set<std::string>(want.begin(), want.end()).size() == want.size());
  }
  SECTION("rota minutes count real time: 3 h in spring, 5 h in autumn, 4 h otherwise") {
    auto util = [&](const char* from, const char* to) {
      auto f = bk::access_figures(p, at(from), at(to));
      REQUIRE(f.utilisation.size() == 1);
      return f.utilisation[0].rota_minutes;
    };
    CHECK(util("2024-03-30T12:00:00Z", "2024-03-31T12:00:00Z") == 180);
    CHECK(util("2024-10-26T12:00:00Z", "2024-10-27T12:00:00Z") == 300);
    CHECK(util("2024-07-13T12:00:00Z", "2024-07-14T12:00:00Z") == 240);
  }
  SECTION("the default 08:00-22:00 hours follow the clock change") {
    p.add_coach(coach_with("d", every_day(0, 24 * 60)));
    auto q = request("s1", "lay_too_1to1", "2024-03-30T23:00:00Z");
    CHECK(format_instant(first(p, q).start) == "2024-03-31T07:00:00Z");  // 08:00 BST
    q.earliest = q.now = at("2024-10-26T23:00:00Z");
    CHECK(format_instant(first(p, q).start) == "2024-10-27T08:00:00Z");  // 08:00 GMT
  }
}

// =============================================================================== notice

TEST_CASE("booking: minimum notice relative to now", "[booking]") {
  Programme p = open_programme();
  p.add_client(staff_client("s1"));
  Offer o = p.offer("any");
  o.id = "noticed";
  o.min_notice_minutes = 120;
  p.add_offer(o);
  p.add_coach(coach_with("a", every_day(0, 24 * 60), {"any", "noticed", "lay_too_1to1"}));
  // Default: none, a slot an hour from now is bookable (and one at once).
  CHECK(format_instant(first(p, request("s1", "any", "2024-07-08T08:00:00Z")).start) == "2024-07-08T08:00:00Z");
  CHECK(format_instant(first(p, request("s1", "lay_too_1to1", "2024-07-08T08:00:00Z")).start) == "2024-07-08T08:00:00Z");
  // Two hours' notice.
  CHECK(format_instant(first(p, request("s1", "noticed", "2024-07-08T08:00:00Z")).start) == "2024-07-08T10:00:00Z");
  CHECK(format_instant(first(p, request("s1", "noticed", "2024-07-08T08:00:00Z", "2024-07-08T07:01:00Z")).start) ==
        "2024-07-08T09:15:00Z");
  bk::check_rules(p, make_probe("noticed", "a", "s1", at("2024-07-08T10:00:00Z"), 60, Modality::Video), at("2024-07-08T08:00:00Z"));
  require_error([&] { bk::check_rules(p, make_probe("noticed", "a", "s1", at("2024-07-08T09:59:00Z"), 60, Modality::Video), at("2024-07-08T08:00:00Z")); },
                ErrorCode::InvalidArgument, std::string("\0probe", 6), "start", "min_notice");
}

// =============================================================================== diary rules

TEST_CASE("booking: daily and weekly caps count by UK local day and ISO week, checked in any order around the clock changes", "[booking]") {
  Programme p = open_programme();
  add_clients(p);
  Coach a = coach_with("a", every_day(0, 24 * 60), {"any"});
  a.rota.max_sessions_per_day = 1;
  a.rota.max_sessions_per_week = 3;
  a.rota.buffer_minutes = 0;
  p.add_coach(a);
  // Sessions on local days next to both 2024 clock changes (31 March and 27 October, 01:00 UTC),
  // two of them after local midnight but before UTC midnight, and a full week (1-7 April).
  const std::vector<const char*> held = {"2024-03-30T23:30:00Z", "2024-03-31T23:30:00Z", "2024-04-02T12:00:00Z",
                                         "2024-04-03T12:00:00Z", "2024-10-26T23:30:00Z", "2024-10-28T00:15:00Z"};
  for (std::size_t i = 0; i < held.size(); ++i) {
    Session h = one_to_one("h" + std::to_string(i), "a", "s" + std::to_string(1 + i % 4), at(held[i]), "any");
    h.minutes = 30;  // within its local day (the offer's hours are per day)
    p.book(h);
  }
  // The reference, by the UK rule itself: BST (UTC + 1) from 2024-03-31T01:00Z to 2024-10-27T01:00Z.
  auto local_date = [](Instant t) {
    const bool bst = !(t < at("2024-03-31T01:00:00Z")) && t < at("2024-10-27T01:00:00Z");
    return (bst ? t + hours(1) : t).date();
  };
  auto monday = [](boost::gregorian::date d) { return d - boost::gregorian::days((d.day_of_week().as_number() + 6) % 7); };
  std::vector<Instant> probes;
  for (const char* from : {"2024-03-27T00:00:00Z", "2024-10-23T00:00:00Z"})
    for (int k = 0; k < 4 * 24 * 9; ++k) probes.push_back(at(from) + minutes(15 * k));
  // In order, in reverse (each local midnight straight after the minutes before or after it) and
  // shuffled (days and weeks out of order): nothing one check works out carries over to the next.
  std::vector<Instant> order = probes;
  order.insert(order.end(), probes.rbegin(), probes.rend());
  std::mt19937 rng(5);
  std::shuffle(probes.begin(), probes.end(), rng);
  order.insert(order.end(), probes.begin(), probes.end());
  int refused_day = 0, refused_week = 0;
  for (Instant t : order) {
    int day = 0, week = 0;
    for (const char* h : held) {
      day += local_date(at(h)) == local_date(t);
      week += monday(local_date(at(h))) == monday(local_date(t));
    }
    const Session probe = make_probe("any", "a", "s1", t, 30, Modality::Video);
    INFO(format_instant(t));
    if (day >= 1) {
      ++refused_day;
      require_error([&] { bk::check_rules(p, probe, at("2024-01-01T00:00:00Z")); }, ErrorCode::Conflict, std::string("\0probe", 6),
                    "start", "max_sessions_per_day");
    } else if (week >= 3) {
      ++refused_week;
      require_error([&] { bk::check_rules(p, probe, at("2024-01-01T00:00:00Z")); }, ErrorCode::Conflict, std::string("\0probe", 6),
                    "start", "max_sessions_per_week");
    } else {
      CHECK_NOTHROW(bk::check_rules(p, probe, at("2024-01-01T00:00:00Z")));
    }
  }
  // Every case met, probes every 15 minutes: five held 24-hour local days and Sunday 27 October's
  // 25 hours refused by the day cap; the rest of the full week (Thursday 4 April, and Friday's
  // first hour, where the probes end at 2024-04-04T23:45Z) by the week cap.
  CHECK(refused_day == 3 * (5 * 96 + 100));
  CHECK(refused_week == 3 * (96 + 4));
}

TEST_CASE("booking: no double booking, buffers, daily and weekly caps", "[booking]") {
  Programme p = clients_programme();
  const auto monwed = std::vector<RotaBlock>{{0, 9 * 60, 17 * 60}, {2, 9 * 60, 17 * 60}};
  p.add_coach(coach_with("a", monwed));
  p.add_coach(coach_with("b", monwed));
  auto r = request("s1", "lay_too_1to1", kMon);
  const Session s = bk::book_earliest(p, r);
  CHECK(s.coach_id == "a");  // equally early and equally busy: by id
  CHECK(format_instant(s.start) == "2024-07-08T08:00:00Z");

  SECTION("the coach is not double-booked; nor is the client") {
    auto r2 = request("s2", "lay_too_1to1", kMon);
    r2.max_results = 10;
    for (const auto& x : bk::search(p, r2))
      if (x.coach_id == "a") CHECK(x.start >= at("2024-07-08T08:45:00Z"));
    CHECK(first(p, r2).coach_id == "b");
    // s1 is busy 08:00-08:45 whoever the coach.
    const auto again = first(p, r);
    CHECK(format_instant(again.start) == "2024-07-08T08:45:00Z");
    CHECK(again.coach_id == "b");  // fair spread: a already has a session this week
    require_error([&] { p.book(one_to_one("x", "b", "s1", at("2024-07-08T08:30:00Z"))); }, ErrorCode::Conflict, "x",
                  "attendees/0/client_id", "client_double_booked");
  }
  SECTION("buffer between sessions") {
    Coach a = p.coach("a");
    a.rota.buffer_minutes = 20;
    bk::update_coach(p, a);
    auto ra = request("s2", "lay_too_1to1", kMon);
    ra.preferred_coach = "a";
    ra.preferred_coach_only = true;
    CHECK(format_instant(first(p, ra).start) == "2024-07-08T09:15:00Z");  // 08:45 + 20 min, on the grid
    bk::check_rules(p, make_probe("lay_too_1to1", "a", "s2", at("2024-07-08T09:05:00Z"), 45, Modality::Video), at(kMon));
    require_error([&] { bk::check_rules(p, make_probe("lay_too_1to1", "a", "s2", at("2024-07-08T09:04:00Z"), 45, Modality::Video), at(kMon)); },
                  ErrorCode::Conflict, std::string("\0probe", 6), "start", "buffer_between_sessions");
    require_error([&] { bk::check_rules(p, make_probe("lay_too_1to1", "a", "s2", at("2024-07-08T07:00:00Z"), 45, Modality::Video), at(kMon)); },
                  ErrorCode::InvalidArgument, std::string("\0probe", 6), "start", "rota_covers");
  }
  SECTION("daily cap") {
    Coach a = p.coach("a");
    a.rota.max_sessions_per_day = 1;
    bk::update_coach(p, a);
    auto ra = request("s2", "lay_too_1to1", kMon);
    ra.preferred_coach = "a";
    ra.preferred_coach_only = true;
    CHECK(format_instant(first(p, ra).start) == "2024-07-10T08:00:00Z");
    require_error([&] { bk::check_rules(p, make_probe("lay_too_1to1", "a", "s2", at("2024-07-08T12:00:00Z"), 45, Modality::Video), at(kMon)); },
                  ErrorCode::Conflict, std::string("\0probe", 6), "start", "max_sessions_per_day");
    bk::check_rules(p, make_probe("lay_too_1to1", "a", "s2", at("2024-07-10T12:00:00Z"), 45, Modality::Video), at(kMon));
  }
  SECTION("weekly cap (ISO week, Monday to Sunday)") {
    Coach a = p.coach("a");
    a.rota.max_sessions_per_week = 1;
    bk::update_coach(p, a);
    auto ra = request("s2", "lay_too_1to1", kMon);
    ra.preferred_coach = "a";
    ra.preferred_coach_only = true;
    CHECK(format_instant(first(p, ra).start) == "2024-07-15T08:00:00Z");
    require_error([&] { bk::check_rules(p, make_probe("lay_too_1to1", "a", "s2", at("2024-07-10T12:00:00Z"), 45, Modality::Video), at(kMon)); },
                  ErrorCode::Conflict, std::string("\0probe", 6), "start", "max_sessions_per_week");
    bk::check_rules(p, make_probe("lay_too_1to1", "a", "s2", at("2024-07-15T12:00:00Z"), 45, Modality::Video), at(kMon));
  }
}

// =============================================================================== client's wishes

TEST_CASE("booking: times of day, weekdays, preferred coach, continuity, fair spread", "[booking]") {
  Programme p = clients_programme();
  p.add_coach(coach_with("a", every_day(9 * 60, 21 * 60)));
  p.add_coach(coach_with("b", every_day(12 * 60, 21 * 60)));
  auto r = request("s1", "lay_too_1to1", kMon);

  SECTION("time-of-day preference (start, UK local)") {
    r.times_of_day = {{18 * 60, 20 * 60}};
    const auto s = first(p, r);
    CHECK(format_instant(s.start) == "2024-07-08T17:00:00Z");
    r.max_results = 100;
    for (const auto& x : bk::search(p, r)) {
      const int m = minutes_of_day(to_uk_local(x.start));
      CHECK((m >= 18 * 60 && m < 20 * 60));
    }
    r.times_of_day = {{6 * 60, 8 * 60}};  // before anyone works: none in the window
    CHECK(bk::search(p, r).empty());
    r.times_of_day = {{20 * 60, 10 * 60}};
    require_error([&] { bk::search(p, r); }, ErrorCode::InvalidArgument, "", "times_of_day/0", "time_of_day_range");
  }
  SECTION("weekdays") {
    r.weekdays = 1U << 2;  // Wednesday
    CHECK(format_instant(first(p, r).start) == "2024-07-10T08:00:00Z");
    r.weekdays = 0;
    require_error([&] { bk::search(p, r); }, ErrorCode::InvalidArgument, "", "weekdays", "weekday_required");
  }
  SECTION("preferred coach first, even when later") {
    r.preferred_coach = "b";
    r.max_results = 3;
    auto v = bk::search(p, r);
    REQUIRE(v.size() == 3);
    CHECK(v[0].coach_id == "b");
    CHECK(v[0].favoured);
    CHECK(format_instant(v[0].start) == "2024-07-08T11:00:00Z");
    CHECK(v[2].coach_id == "b");  // all three: the favoured coach's slots come first
    r.max_results = 100;
    r.latest = at("2024-07-08T23:00:00Z");
    v = bk::search(p, r);
    CHECK(v.back().coach_id == "a");
    CHECK_FALSE(v.back().favoured);
    r.preferred_coach_only = true;
    for (const auto& x : bk::search(p, r)) CHECK(x.coach_id == "b");
    r.preferred_coach = "zz";
    require_error([&] { bk::search(p, r); }, ErrorCode::NotFound, "zz", "preferred_coach", "reference_resolves");
  }
  SECTION("continuity: a follow-up goes to the same coach first unless the client asks otherwise") {
    p.add_referral(referral("r1", "s1", "lay_too_1to1", at("2024-07-01T09:00:00Z")));
    Session s = one_to_one("first", "b", "s1", at("2024-07-08T11:00:00Z"));
    s.attendees[0].referral_id = "r1";
    p.book(s);
    p.record_outcome("first", SessionStatus::Attended);
    auto f = request("s1", "", "2024-07-09T00:00:00Z");
    f.referral_id = "r1";  // offer taken from the referral
    auto x = first(p, f);
    CHECK(x.coach_id == "b");
    CHECK(x.favoured);
    CHECK(format_instant(x.start) == "2024-07-09T11:00:00Z");
    f.continuity = false;
    CHECK(first(p, f).coach_id == "a");
    f.continuity = true;
    f.preferred_coach = "a";
    CHECK(first(p, f).coach_id == "a");
    // Without a referral there is no follow-up.
    auto g = request("s1", "lay_too_1to1", "2024-07-09T11:00:00Z");
    CHECK(first(p, g).coach_id == "a");
  }
  SECTION("fair spread between equally early coaches: fewest sessions that week, then id") {
    auto late = request("s2", "lay_too_1to1", "2024-07-08T11:00:00Z");
    CHECK(first(p, late).coach_id == "a");  // both free at 12:00 BST, none booked: by id
    p.book(one_to_one("x1", "a", "s3", at("2024-07-09T11:00:00Z")));
    CHECK(first(p, late).coach_id == "b");  // a has one session this week
    late.earliest = late.now = at("2024-07-15T11:00:00Z");
    CHECK(first(p, late).coach_id == "a");  // a new week
    p.book(one_to_one("x2", "b", "s3", at("2024-07-10T11:00:00Z")));
    late.earliest = late.now = at("2024-07-08T11:00:00Z");
    CHECK(first(p, late).coach_id == "a");  // one each: by id
  }
}

// =============================================================================== book, cancel, DNA, reschedule

TEST_CASE("booking: book, cancel, did not attend, reschedule", "[booking]") {
  Programme p = clients_programme();
  p.add_coach(coach_with("a", {{0, 9 * 60, 17 * 60}, {1, 9 * 60, 17 * 60}}));
  p.add_referral(referral("r1", "s1", "lay_too_1to1", at("2024-07-07T20:00:00Z")));
  auto r = request("s1", "", kMon);
  r.referral_id = "r1";

  SECTION("a booking records the request and the first slot offered") {
    bk::BookingDetails d;
    d.adjustments = "captions";
    const Session s = bk::book_earliest(p, r, d);
    CHECK(s.id.rfind("bk-", 0) == 0);
    CHECK(s.offer_id == "lay_too_1to1");
    CHECK(s.coach_id == "a");
    CHECK(format_instant(s.start) == "2024-07-08T08:00:00Z");
    CHECK(s.minutes == 45);
    CHECK(s.status == SessionStatus::Booked);
    CHECK(s.requested_at == at("2024-07-07T20:00:00Z"));
    CHECK(s.first_offered == s.start);
    CHECK(s.booked_at == at(kMon));
    CHECK(s.adjustments == "captions");
    REQUIRE(s.attendees.size() == 1);
    CHECK(s.attendees[0].referral_id == "r1");
    CHECK(p.session(s.id) == s);
    const Session t = bk::book_earliest(p, request("s2", "lay_too_1to1", kMon));
    CHECK(t.id != s.id);
    CHECK(format_instant(t.start) == "2024-07-08T08:45:00Z");
  }
  SECTION("a generated id is never one a session already has, booked by the engine or not") {
    // Sessions named like generated ids, present when the index is built and added after it.
    p.book(one_to_one("bk-2", "a", "s2", at("2024-07-09T08:00:00Z")));
    const Session first = bk::book_earliest(p, r);
    CHECK(first.id != "bk-2");
    const auto n = std::stoull(first.id.substr(3));
    const std::string next = "bk-" + std::to_string(n + 1), later = "bk-" + std::to_string(n + 3);
    p.book(one_to_one(next, "a", "s2", at("2024-07-09T09:00:00Z")));
    p.book(one_to_one(later, "a", "s2", at("2024-07-09T10:00:00Z")));
    const Session second = bk::book_earliest(p, request("s2", "lay_too_1to1", kMon));
    CHECK(second.id != next);
    CHECK(second.id != later);
    CHECK(second.id != first.id);
    CHECK(std::stoull(second.id.substr(3)) > n + 3);
    CHECK(p.session("bk-2").coach_id == "a");
  }
  SECTION("a client added after the index was built gets a diary of its own") {
    p.add_coach(coach_with("b", {{0, 9 * 60, 17 * 60}}));
    p.add_coach(coach_with("c", {{0, 9 * 60, 17 * 60}}));
    CHECK(format_instant(bk::book_earliest(p, request("s1", "lay_too_1to1", kMon)).start) == "2024-07-08T08:00:00Z");
    p.add_client(staff_client("late"));  // the index is not rebuilt for a client
    const Session once = bk::book_earliest(p, request("late", "lay_too_1to1", kMon));
    CHECK(format_instant(once.start) == "2024-07-08T08:00:00Z");  // a second coach at 09:00 BST
    // A third coach is free at 08:00, the client is not: its diary holds the booking just made.
    CHECK(format_instant(first(p, request("late", "lay_too_1to1", kMon)).start) == "2024-07-08T08:45:00Z");
    const Session twice = bk::book_earliest(p, request("late", "lay_too_1to1", kMon));
    CHECK(format_instant(twice.start) == "2024-07-08T08:45:00Z");
    CHECK(once.coach_id == "b");
    CHECK(twice.coach_id == "c");  // all free at 08:45: fewest sessions that week (a and b have one)
  }
  SECTION("a failed booking changes nothing") {
    Client nc = staff_client("nc");
    nc.consent.coaching = false;
    p.add_client(nc);
    require_rejected(p, [&] { bk::book_earliest(p, request("nc", "lay_too_1to1", kMon)); }, ErrorCode::InvalidArgument,
                     "bk-1", "attendees/0/client_id", "consent");
    auto none = request("s1", "lay_too_1to1", kMon);
    none.latest = at("2024-07-08T07:00:00Z");
    require_rejected(p, [&] { bk::book_earliest(p, none); }, ErrorCode::Conflict, "s1", "start", "no_slot_available");
    bk::Slot off;
    off.coach_id = "a";
    off.start = at("2024-07-10T08:00:00Z");  // Wednesday: not on the rota
    require_rejected(p, [&] { bk::book_slot(p, r, off, {"mine"}); }, ErrorCode::InvalidArgument, "mine", "start",
                     "rota_covers");
    bk::book_slot(p, r, first(p, r), {"mine"});
    require_rejected(p, [&] { bk::book_slot(p, request("s2", "lay_too_1to1", kMon), first(p, r), {"mine"}); },
                     ErrorCode::Conflict, "mine", "id", "unique_id");
  }
  SECTION("cancelling frees the slot; client and coach cancellations differ") {
    const Session s = bk::book_earliest(p, r);
    auto other = request("s2", "lay_too_1to1", kMon);
    CHECK(format_instant(first(p, other).start) == "2024-07-08T08:45:00Z");
    CHECK(bk::cancel(p, s.id, bk::Party::Client).status == SessionStatus::CancelledByClient);
    CHECK(format_instant(first(p, other).start) == "2024-07-08T08:00:00Z");
    const Session t = bk::book_earliest(p, other);
    CHECK(bk::cancel(p, t.id, bk::Party::Coach).status == SessionStatus::CancelledByCoach);
    require_rejected(p, [&] { bk::cancel(p, t.id, bk::Party::Client); }, ErrorCode::InvalidArgument, t.id, "status", "outcome_once");
  }
  SECTION("client and coach did-not-attend are different outcomes, counted separately") {
    const Session s1 = bk::book_earliest(p, r);
    const Session s2 = bk::book_earliest(p, request("s2", "lay_too_1to1", kMon));
    const Session s3 = bk::book_earliest(p, request("s3", "lay_too_1to1", kMon));
    CHECK(bk::did_not_attend(p, s1.id, bk::Party::Client).status == SessionStatus::ClientDidNotAttend);
    CHECK(bk::did_not_attend(p, s2.id, bk::Party::Coach).status == SessionStatus::CoachDidNotAttend);
    CHECK(bk::did_not_attend(p, s3.id, bk::Party::Coach).status == SessionStatus::CoachDidNotAttend);
    const auto f = bk::access_figures(p, at(kMon), at("2024-07-09T00:00:00Z"));
    CHECK(f.client_did_not_attend == 1);
    CHECK(f.coach_did_not_attend == 2);
    const auto sum = p.summary({Audience::ServiceManager, ""});
    CHECK(*sum.at("client_did_not_attend").value == 1);
    CHECK(*sum.at("coach_did_not_attend").value == 2);
  }
  SECTION("reschedule: same rules, the old session becomes Rescheduled, request kept") {
    const Session s = bk::book_earliest(p, r);
    const Session m = bk::reschedule(p, s.id, at("2024-07-09T12:00:00Z"), at(kMon), {"moved"});
    CHECK(m.id == "moved");
    CHECK(m.coach_id == "a");
    CHECK(m.requested_at == s.requested_at);
    CHECK(m.first_offered == s.first_offered);
    CHECK(p.session(s.id).status == SessionStatus::Rescheduled);
    CHECK(p.session(s.id).rescheduled_to == "moved");
    // Into a rota gap: rejected, nothing changes.
    require_rejected(p, [&] { bk::reschedule(p, "moved", at("2024-07-10T12:00:00Z"), at(kMon), {"again"}); },
                     ErrorCode::InvalidArgument, "again", "start", "rota_covers");
    // Overlapping itself is fine: the old slot is being freed.
    CHECK(bk::reschedule(p, "moved", at("2024-07-09T12:15:00Z"), at(kMon), {"again"}).start == at("2024-07-09T12:15:00Z"));
  }
  SECTION("reschedule_earliest: as if the old slot were free, the same coach first") {
    p.add_coach(coach_with("b", {{0, 9 * 60, 17 * 60}, {1, 9 * 60, 17 * 60}}));
    r.preferred_coach = "b";
    const Session s = bk::book_earliest(p, r);
    CHECK(s.coach_id == "b");
    bk::SlotRequest w;
    w.earliest = w.now = at("2024-07-08T09:00:00Z");
    const Session m = bk::reschedule_earliest(p, s.id, w);
    CHECK(m.coach_id == "b");
    CHECK(format_instant(m.start) == "2024-07-08T09:00:00Z");
    w.earliest = w.now = at(kMon);  // the same time again is allowed: it was its own slot
    w.preferred_coach = "b";
    CHECK(format_instant(bk::reschedule_earliest(p, m.id, w).start) == "2024-07-08T08:00:00Z");
  }
}

// =============================================================================== groups

TEST_CASE("booking: group sessions, joining, and a waiting list served in order", "[booking]") {
  Programme p = open_programme();
  for (const char* c : {"c1", "c2", "c3", "c4", "c5", "c6"}) p.add_client(staff_client(c));
  p.add_coach(coach_with("g", every_day(9 * 60, 17 * 60), {"grp"}));
  const Session s = bk::book_earliest(p, request("c1", "grp", kMon));
  CHECK(format_instant(s.start) == "2024-07-08T08:00:00Z");

  auto open = bk::open_group_sessions(p, request("c2", "grp", kMon));
  REQUIRE(open.size() == 1);
  CHECK(open[0].id == s.id);
  CHECK(bk::open_group_sessions(p, request("c1", "grp", kMon)).empty());  // already in it
  require_rejected(p, [&] { bk::join_waiting_list(p, s.id, {"c3", "", AttendeeStatus::Booked}, at(kMon)); }, ErrorCode::Conflict,
                   s.id, "attendees", "place_available");
  bk::join(p, s.id, {"c2", "", AttendeeStatus::Booked});
  CHECK(bk::open_group_sessions(p, request("c3", "grp", kMon)).empty());  // full
  require_rejected(p, [&] { bk::join(p, s.id, {"c3", "", AttendeeStatus::Booked}); }, ErrorCode::Conflict, s.id, "attendees",
                   "group_capacity");

  const auto w3 = bk::join_waiting_list(p, s.id, {"c3", "", AttendeeStatus::Booked}, at("2024-07-01T10:00:00Z"));
  const auto w4 = bk::join_waiting_list(p, s.id, {"c4", "", AttendeeStatus::Booked}, at("2024-07-01T11:00:00Z"));
  const auto w5 = bk::join_waiting_list(p, s.id, {"c5", "", AttendeeStatus::Booked}, at("2024-07-01T12:00:00Z"));
  require_rejected(p, [&] { bk::join_waiting_list(p, s.id, {"c4", "", AttendeeStatus::Booked}, at(kMon)); }, ErrorCode::Conflict,
                   w4.id, "client_id", "already_listed");
  require_rejected(p, [&] { bk::join_waiting_list(p, s.id, {"c1", "", AttendeeStatus::Booked}, at(kMon)); }, ErrorCode::Conflict,
                   s.id, "client_id", "already_joined");
  CHECK(bk::offer_freed_places(p, s.id, at(kMon)).empty());  // nothing free

  // c1 gives up the place: offered to the first in line.
  bk::cancel_place(p, s.id, "c1", at("2024-07-02T09:00:00Z"));
  auto list = bk::waiting_list(p, s.id);
  REQUIRE(list.size() == 3);
  CHECK(list[0].id == w3.id);
  CHECK(list[0].status == WaitStatus::Offered);
  CHECK(list[0].offered_at == at("2024-07-02T09:00:00Z"));
  CHECK(list[1].status == WaitStatus::Waiting);
  // The offered place is held: nobody else can take it.
  require_rejected(p, [&] { bk::join(p, s.id, {"c6", "", AttendeeStatus::Booked}); }, ErrorCode::Conflict, s.id, "attendees",
                   "place_offered_to_waiting_list");
  // c3 declines: the next in line gets the offer.
  const auto next = bk::decline_place(p, w3.id, at("2024-07-03T09:00:00Z"));
  REQUIRE(next);
  CHECK(next->id == w4.id);
  require_rejected(p, [&] { bk::accept_place(p, w5.id); }, ErrorCode::InvalidArgument, w5.id, "status", "place_offered");
  const Session joined = bk::accept_place(p, w4.id);
  std::set<std::string> active;
  for (const auto& a : joined.attendees)
    if (a.status == AttendeeStatus::Booked) active.insert(a.client_id);
  CHECK(active == std::set<std::string>{"c2", "c4"});
  list = bk::waiting_list(p, s.id);
  CHECK(list[0].status == WaitStatus::Withdrawn);
  CHECK(list[1].status == WaitStatus::Joined);
  CHECK(list[2].status == WaitStatus::Waiting);
  // The list survives a round trip through the records.
  Programme copy(p.data());
  CHECK(bk::waiting_list(copy, s.id) == list);
}

// =============================================================================== access figures

TEST_CASE("booking: access figures", "[booking]") {
  Programme p = clients_programme();
  p.add_coach(coach_with("a", {{0, 9 * 60, 17 * 60}, {5, 9 * 60, 17 * 60}}));  // Monday and Saturday
  auto book = [&](const char* client, const char* requested, const char* earliest, std::vector<bk::TimeOfDay> times = {}) {
    auto r = request(client, "lay_too_1to1", earliest);
    r.times_of_day = std::move(times);
    bk::BookingDetails d;
    d.requested_at = at(requested);
    return bk::book_earliest(p, r, d);
  };
  const Session s1 = book("s1", "2024-07-07T20:00:00Z", kMon);                                    // 08:00Z Mon: 12 h
  const Session s2 = book("s2", "2024-07-06T07:00:00Z", kMon, {{16 * 60, 17 * 60}});               // 15:00Z Mon (16:00 BST): 56 h
  const Session s3 = book("s3", "2024-07-12T09:00:00Z", "2024-07-13T00:00:00Z");                  // Saturday 08:00Z: 23 h, weekend
  bk::did_not_attend(p, s2.id, bk::Party::Client);
  const auto f = bk::access_figures(p, at(kMon), at("2024-07-15T00:00:00Z"));
  REQUIRE(f.bookings.size() == 3);
  CHECK(f.bookings[0].session_id == s1.id);
  CHECK(f.bookings[0].minutes_to_session == 12 * 60);
  CHECK(f.bookings[0].minutes_to_first_offer == 12 * 60);
  CHECK(f.bookings[0].within_24h);
  CHECK_FALSE(f.bookings[0].out_of_hours);
  CHECK(f.bookings[1].minutes_to_session == 56 * 60);
  CHECK_FALSE(f.bookings[1].within_24h);
  CHECK_FALSE(f.bookings[1].out_of_hours);  // 16:00 local
  CHECK(f.bookings[2].within_24h);
  CHECK(f.bookings[2].out_of_hours);  // Saturday
  CHECK(f.with_request == 3);
  CHECK(f.share_within_24h == Approx(2.0 / 3));
  CHECK(f.share_out_of_hours == Approx(1.0 / 3));
  CHECK(f.median_minutes_to_session == 23 * 60);
  CHECK(f.client_did_not_attend == 1);
  CHECK(f.booked == 2);
  // Utilisation: 3 x 45 booked minutes (a DNA held the diary) against 2 x 8 h of rota.
  const auto& u = *std::find_if(f.utilisation.begin(), f.utilisation.end(), [](const auto& x) { return x.coach_id == "a"; });
  CHECK(u.rota_minutes == 960);
  CHECK(u.booked_minutes == 135);
  CHECK(u.utilisation == Approx(135.0 / 960));
  // Out of office hours: before 09:00 or from 17:00.
  const Session s4 = book("s4", "2024-07-14T20:00:00Z", "2024-07-15T00:00:00Z");  // 08:00Z = 09:00 BST
  (void)s4;
  const auto g = bk::access_figures(p, at("2024-07-15T00:00:00Z"), at("2024-07-16T00:00:00Z"), {10 * 60, 17 * 60});
  REQUIRE(g.bookings.size() == 1);
  CHECK(g.bookings[0].out_of_hours);
  CHECK(std::isnan(bk::access_figures(p, at("2030-01-01T00:00:00Z"), at("2030-01-02T00:00:00Z")).share_within_24h));
  require_error([&] { bk::access_figures(p, at(kMon), at(kMon)); }, ErrorCode::InvalidArgument, "", "to", "period_order");
}

// =============================================================================== store

TEST_CASE("booking: the SQLite store keeps bookings in the same transaction; a failure writes nothing", "[booking]") {
  TempDir dir;
  const std::string path = dir.file("booking.sqlite");
  std::string id;
  {
    Programme p = Programme::open(path);
    add_clients(p);
    p.add_coach(coach_with("a", {{0, 9 * 60, 17 * 60}}));
    const Session s = bk::book_earliest(p, request("s1", "lay_too_1to1", kMon));
    id = s.id;
    const Session m = bk::reschedule(p, s.id, at("2024-07-08T10:00:00Z"), at(kMon), {"moved"});
    bk::book_earliest(p, request("s2", "lay_too_1to1", kMon));
    // Rejected: the store must not see it.
    Client nc = staff_client("nc");
    nc.consent.coaching = false;
    p.add_client(nc);
    CHECK_THROWS_AS(bk::book_earliest(p, request("nc", "lay_too_1to1", kMon)), ValidationError);
  }
  Programme q = Programme::open(path);
  CHECK(q.session(id).status == SessionStatus::Rescheduled);
  CHECK(q.session("moved").status == SessionStatus::Booked);
  CHECK(q.sessions().size() == 3);
  // The engine works on the reopened programme, and sees the stored bookings.
  auto r = request("s3", "lay_too_1to1", kMon);
  r.max_results = 50;
  for (const auto& x : bk::search(q, r)) {
    CHECK_FALSE((x.start > at("2024-07-08T09:15:00Z") && x.start < at("2024-07-08T10:45:00Z")));
    CHECK(x.start != at("2024-07-08T08:00:00Z"));
  }
}

// =============================================================================== index follows the records

TEST_CASE("booking: the index follows changes made through Programme", "[booking]") {
  Programme p = clients_programme();
  p.add_coach(coach_with("a", {{0, 9 * 60, 17 * 60}}));
  auto r = request("s1", "lay_too_1to1", kMon);
  CHECK(format_instant(first(p, r).start) == "2024-07-08T08:00:00Z");
  p.book(one_to_one("direct", "a", "s2", at("2024-07-08T08:00:00Z")));  // not through the engine
  CHECK(format_instant(first(p, r).start) == "2024-07-08T08:45:00Z");
  p.record_outcome("direct", SessionStatus::CancelledByCoach);
  CHECK(format_instant(first(p, r).start) == "2024-07-08T08:00:00Z");
  // A whole replacement, and new coaches, are picked up.
  ProgrammeData d = p.data();
  d.sessions.push_back(one_to_one("loaded", "a", "s3", at("2024-07-08T08:00:00Z")));
  d.sessions.back().minutes = 45;
  p.replace(d);
  CHECK(format_instant(first(p, r).start) == "2024-07-08T08:45:00Z");
  p.add_coach(coach_with("b", {{0, 9 * 60, 17 * 60}}));
  CHECK(first(p, r).coach_id == "b");
  // A rota changed behind the engine's back: a booking is still checked against the records.
  Coach b = p.coach("b");
  b.rota.weekly = {{1, 9 * 60, 17 * 60}};
  p.update_coach(b);
  const Session s = bk::book_earliest(p, r);
  CHECK(s.coach_id == "a");
  CHECK(format_instant(s.start) == "2024-07-08T08:45:00Z");
  bk::refresh(p);
  CHECK(first(p, r).coach_id == "a");
}

// =============================================================================== many threads

TEST_CASE("booking: concurrent requests never get the same coach at the same time", "[booking]") {
  Programme p = clients_programme();
  for (const char* c : {"a", "b", "c"}) {
    Coach x = coach_with(c, {{0, 9 * 60, 12 * 60}}, {"lay_career_1to1"});
    x.rota.buffer_minutes = c[0] == 'b' ? 15 : 0;
    x.rota.max_sessions_per_day = c[0] == 'c' ? 2 : 8;
    p.add_coach(x);
  }
  constexpr int kThreads = 8, kEach = 6;
  for (int i = 0; i < kThreads * kEach; ++i) p.add_client(staff_client("t" + std::to_string(i)));
  std::atomic<int> booked{0}, full{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto r = request("t" + std::to_string(t * kEach + i), "lay_career_1to1", kMon);
        r.latest = at("2024-07-08T23:00:00Z");
        try {
          if (i % 2) {
            bk::book_earliest(p, r);
          } else {
            // Search, then book the slot found, as a client would: it may have gone meanwhile.
            auto v = bk::search(p, r);
            if (v.empty()) throw ConflictError("", "", "no_slot_available"_rule, "");
            bk::book_slot(p, r, v[0]);
          }
          ++booked;
        } catch (const ConflictError&) {
          ++full;
        } catch (...) {
          ++other;
        }
      }
    });
  for (auto& th : threads) th.join();
  CHECK(other == 0);
  // a: 3 x 60 min; b: 60 + 15 buffer, so 2; c: capped at 2 a day.
  CHECK(booked == 7);
  CHECK(booked + full == kThreads * kEach);
  // Everything still holds when re-validated from scratch.
  Programme copy(p.data());
  for (const Session& s : p.sessions()) bk::check_rules(p, s, {}, {});
  std::set<std::pair<std::string, std::string>> seen;
  for (const Session& s : p.sessions()) CHECK(seen.insert({s.coach_id, format_instant(s.start)}).second);
}

TEST_CASE("booking: many threads booking and cancelling keep the diary consistent", "[booking]") {
  Programme p = clients_programme();
  for (int c = 0; c < 6; ++c) {
    Coach x = coach_with("k" + std::to_string(c), every_day(8 * 60, 20 * 60), {"lay_too_1to1"});
    x.rota.buffer_minutes = 5 * c;
    x.rota.max_sessions_per_day = 3 + c;
    x.rota.max_sessions_per_week = 10;
    p.add_coach(x);
  }
  for (int i = 0; i < 40; ++i) p.add_client(staff_client("m" + std::to_string(i)));
  std::atomic<int> other{0}, made{0}, moved{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      std::mt19937 rng(static_cast<unsigned>(t));
      for (int i = 0; i < 40; ++i) {
        auto r = request("m" + std::to_string((t * 5 + i) % 40), "lay_too_1to1", "2024-07-08T00:00:00Z");
        r.earliest = at(kMon) + hours(static_cast<int>(rng() % 72));
        r.latest = r.earliest + hours(48);
        try {
          const Session s = bk::book_earliest(p, r);
          ++made;
          if (rng() % 3 == 0) bk::cancel(p, s.id, bk::Party::Client);
          else if (rng() % 4 == 0) {
            bk::SlotRequest w;
            w.earliest = w.now = r.earliest;
            bk::reschedule_earliest(p, s.id, w);
            ++moved;
          }
        } catch (const ConflictError&) {
        } catch (...) {
          ++other;
        }
      }
    });
  for (auto& th : threads) th.join();
  CHECK(other == 0);
  INFO(made << " booked, " << moved << " moved");
  CHECK(made > 60);
  CHECK(moved > 5);
  Programme copy(p.data());  // no double booking anywhere
  for (const Session& s : p.sessions())
    if (occupies_time(s.status)) bk::check_rules(p, s, {}, {});  // buffers and caps hold
}

// =============================================================================== randomised

namespace {

struct Expected {
  bool favoured;
  Instant start;
  int wc;
  std::string coach;
};

// The rules applied by brute force at every grid start in the window, every coach.
std::vector<Expected> brute_force(const Programme& p, const bk::SlotRequest& r) {
  const auto& m = laycoach::detail::impl_of(p);
  const Offer& o = m.offers.at(r.offer_id);
  const int d = o.session_minutes;
  std::string fav = r.preferred_coach;
  if (fav.empty() && r.continuity && !r.referral_id.empty()) {
    const Session* best = nullptr;
    for (const auto& [id, s] : m.sessions) {
      if (id == r.reschedule_of) continue;
      if (s.status != SessionStatus::Booked && s.status != SessionStatus::Attended && s.status != SessionStatus::ClientDidNotAttend) continue;
      if (std::none_of(s.attendees.begin(), s.attendees.end(), [&](const Attendee& a) { return a.referral_id == r.referral_id; })) continue;
      if (!best || s.start > best->start || (s.start == best->start && s.id > best->id)) best = &s;
    }
    if (best) fav = best->coach_id;
  }
  const Instant lo = dt::instant_of(dt::ceil_grid(dt::ceil_min(r.earliest, "e")));
  std::vector<Expected> out;
  for (const auto& [cid, c] : m.coaches) {
    if (r.preferred_coach_only && cid != fav) continue;
    std::optional<Modality> md = r.modality;
    if (!md)
      for (Modality x : o.modalities)
        if (std::find(c.modalities.begin(), c.modalities.end(), x) != c.modalities.end()) {
          md = x;
          break;
        }
    if (!md) continue;
    for (Instant t = lo; t <= r.latest; t += minutes(15)) {
      const LocalDateTime l = to_uk_local(t);
      const int wd = (l.date().day_of_week().as_number() + 6) % 7;
      if (!((r.weekdays >> wd) & 1)) continue;
      const int mm = minutes_of_day(l);
      if (!r.times_of_day.empty() &&
          std::none_of(r.times_of_day.begin(), r.times_of_day.end(), [&](const bk::TimeOfDay& w) { return w.from_min <= mm && mm < w.to_min; }))
        continue;
      Session s = make_probe(r.offer_id, cid, r.client_id, t, d, *md, r.referral_id);
      try {
        m.check_session(s, true, true, r.reschedule_of);
        dt::check_rules_locked(m, s, r.now, r.reschedule_of);
      } catch (const Error&) {
        continue;
      }
      out.push_back({cid == fav, t, dt::reference_week_count(m, cid, t, r.reschedule_of), cid});
    }
  }
  std::sort(out.begin(), out.end(), [](const Expected& a, const Expected& b) {
    if (a.favoured != b.favoured) return a.favoured;
    if (a.start != b.start) return a.start < b.start;
    if (a.wc != b.wc) return a.wc < b.wc;
    return a.coach < b.coach;
  });
  if (out.size() > static_cast<std::size_t>(r.max_results)) out.resize(static_cast<std::size_t>(r.max_results));
  return out;
}

}  // namespace

TEST_CASE("booking: the fast search agrees with a brute-force search on random scenarios", "[booking]") {
  std::mt19937 rng(20240331);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto chance = [&](int pct) { return pick(100) < pct; };
  const std::vector<const char*> anchors = {"2024-03-30", "2024-03-31", "2024-10-26", "2024-10-27", "2024-05-06",
                                            "2024-12-24", "2024-12-31", "2024-07-08", "2025-03-30", "2025-10-26",
                                            "2024-02-29", "2024-08-26"};
  int scenarios = 0, non_empty = 0, booked = 0, compared = 0;
  for (int iter = 0; iter < 2500; ++iter) {
    Programme p;
    Offer o;
    o.id = "x";
    o.service_line_id = "lay_too";
    o.name = "Random";
    o.format = chance(15) ? Format::Group : Format::OneToOne;
    o.capacity = o.format == Format::Group ? 3 : 1;
    o.session_minutes = std::vector<int>{15, 25, 30, 45, 50, 60, 90, 120}[static_cast<std::size_t>(pick(8))];
    for (auto& h : o.hours.days) {
      if (chance(10)) { h = {0, 0}; continue; }
      if (chance(30)) { h = {0, 24 * 60}; continue; }
      const int a = pick(20 * 60), b = a + 30 + pick(24 * 60 - a - 29);
      h = {a, std::min(b, 24 * 60)};
    }
    o.hours.open_on_bank_holidays = chance(50);
    o.min_notice_minutes = std::vector<int>{0, 0, 0, 30, 60, 125, 24 * 60}[static_cast<std::size_t>(pick(7))];
    o.modalities = chance(70) ? std::vector<Modality>{Modality::Video, Modality::Telephone} : std::vector<Modality>{Modality::Telephone};
    p.add_offer(o);
    const Date base = day(anchors[static_cast<std::size_t>(pick(static_cast<int>(anchors.size())))]) + boost::gregorian::days(pick(3) - 1);
    const int ncoach = 1 + pick(4);
    for (int c = 0; c < ncoach; ++c) {
      Coach k = workforce_coach("k" + std::to_string(c), {"x"});
      k.modalities = chance(75) ? std::vector<Modality>{Modality::Video, Modality::Telephone}
                                : std::vector<Modality>{chance(50) ? Modality::Video : Modality::Telephone};
      k.active = chance(95);
      k.rota.weekly.clear();
      for (int wd = 0; wd < 7; ++wd) {
        const int blocks = chance(20) ? 0 : 1 + pick(2);
        for (int b = 0; b < blocks; ++b) {
          const int grid = chance(50);
          int a = pick(24 * 60 - 20), e = a + 15 + pick(14 * 60);
          if (grid) { a -= a % 15; e -= e % 15; }
          if (chance(10)) { a = 0; e = 4 * 60; }  // over the clock change
          k.rota.weekly.push_back({wd, a, std::min(std::max(e, a + 1), 24 * 60)});
        }
      }
      if (chance(40)) {
        RotaException x;
        x.date = base + boost::gregorian::days(pick(3));
        if (chance(70)) x.blocks.push_back({0, pick(12 * 60), 12 * 60 + pick(12 * 60)});
        k.rota.exceptions.push_back(x);
      }
      if (chance(15)) k.rota.leave.push_back({base + boost::gregorian::days(pick(3)), base + boost::gregorian::days(pick(3) + 2)});
      k.rota.max_sessions_per_day = chance(50) ? 1 + pick(3) : 8;
      k.rota.max_sessions_per_week = chance(30) ? 1 + pick(4) : 30;
      k.rota.buffer_minutes = std::vector<int>{0, 0, 5, 10, 15, 20, 30}[static_cast<std::size_t>(pick(7))];
      p.add_coach(k);
    }
    for (int c = 0; c < 4; ++c) p.add_client(staff_client("u" + std::to_string(c)));
    p.add_referral(referral("ref", "u0", "x", at("2024-01-01T00:00:00Z")));
    // Existing sessions at any minute (through Programme::book: its rules, not the rota), some cancelled.
    const Instant t0 = Instant(base) - hours(12);
    const int nsess = pick(8);
    std::vector<std::string> mine;
    for (int i = 0; i < nsess; ++i) {
      Session s;
      s.id = "e" + std::to_string(i);
      s.offer_id = "x";
      s.coach_id = "k" + std::to_string(pick(ncoach));
      const std::string client = "u" + std::to_string(pick(4));
      s.attendees = {{client, client == "u0" && chance(60) ? "ref" : "", AttendeeStatus::Booked}};
      s.start = t0 + minutes(pick(4 * 24 * 60));
      s.modality = p.coach(s.coach_id).modalities[0];
      if (!std::count(o.modalities.begin(), o.modalities.end(), s.modality)) s.modality = o.modalities[0];
      try {
        p.book(s);
        if (chance(20)) p.record_outcome(s.id, chance(50) ? SessionStatus::CancelledByClient : SessionStatus::Attended);
        else if (client == "u0") mine.push_back(s.id);
      } catch (const Error&) {
      }
    }
    bk::SlotRequest r;
    r.client_id = "u0";
    r.offer_id = "x";
    r.earliest = Instant(base) + minutes(pick(24 * 60));
    r.latest = r.earliest + minutes(pick(48 * 60));
    r.now = r.earliest - minutes(pick(4 * 60));
    if (chance(30)) r.modality = o.modalities[static_cast<std::size_t>(pick(static_cast<int>(o.modalities.size())))];
    if (chance(30)) {
      const int n = 1 + pick(2);
      for (int i = 0; i < n; ++i) {
        const int a = pick(23 * 60);
        r.times_of_day.push_back({a, a + 15 + pick(24 * 60 - a - 14)});
        r.times_of_day.back().to_min = std::min(r.times_of_day.back().to_min, 24 * 60);
      }
    }
    if (chance(20)) r.weekdays = static_cast<std::uint8_t>(1 + pick(127));
    if (chance(20)) r.preferred_coach = "k" + std::to_string(pick(ncoach));
    if (chance(40)) r.referral_id = "ref";
    r.continuity = chance(80);
    r.preferred_coach_only = chance(15);
    if (chance(25) && !mine.empty()) r.reschedule_of = mine[static_cast<std::size_t>(pick(static_cast<int>(mine.size())))];
    r.max_results = 1 + pick(8);

    ++scenarios;
    const auto want = brute_force(p, r);
    const auto got = bk::search(p, r);
    INFO("scenario " << iter << " offer " << o.session_minutes << " min, window " << format_instant(r.earliest) << " .. "
                     << format_instant(r.latest) << " now " << format_instant(r.now) << " reschedule_of '" << r.reschedule_of
                     << "' preferred '" << r.preferred_coach << "' k " << r.max_results);
    if (got.size() != want.size() || (!got.empty() && (got[0].start != want[0].start || got[0].coach_id != want[0].coach))) {
      std::string dump;
      const auto& o2 = p.offer("x");
      for (int dd = 0; dd < 7; ++dd) dump += " h" + std::to_string(dd) + "=" + std::to_string(o2.hours.days[dd].open_min) + "-" + std::to_string(o2.hours.days[dd].close_min);
      dump += " bh_open=" + std::to_string(o2.hours.open_on_bank_holidays) + " notice=" + std::to_string(o2.min_notice_minutes) + "\n";
      for (const auto& c : p.coaches()) {
        dump += c.id + " active=" + std::to_string(c.active) + " cap " + std::to_string(c.rota.max_sessions_per_day) + "/" + std::to_string(c.rota.max_sessions_per_week) + " buf " + std::to_string(c.rota.buffer_minutes) + " mods " + std::to_string(c.modalities.size()) + ":";
        for (const auto& b : c.rota.weekly) dump += " " + std::to_string(b.weekday) + "@" + std::to_string(b.start_min) + "-" + std::to_string(b.end_min);
        for (const auto& x : c.rota.exceptions) { dump += " X" + format_date(x.date); for (const auto& b : x.blocks) dump += "@" + std::to_string(b.start_min) + "-" + std::to_string(b.end_min); }
        for (const auto& l : c.rota.leave) dump += " L" + format_date(l.first) + ".." + format_date(l.last);
        dump += "\n";
      }
      for (const auto& x : p.sessions()) dump += x.id + " " + x.coach_id + " " + x.attendees[0].client_id + " " + format_instant(x.start) + " " + std::to_string(x.minutes) + " " + to_string(x.status) + "\n";
      for (const auto& w : want) dump += "want " + format_instant(w.start) + " " + w.coach + "\n";
      for (const auto& g : got) dump += "got " + format_instant(g.start) + " " + g.coach_id + "\n";
      WARN(dump);
    }
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      INFO("slot " << i << ": got " << format_instant(got[i].start) << " " << got[i].coach_id << " wc " << got[i].coach_week_sessions
                   << ", want " << format_instant(want[i].start) << " " << want[i].coach << " wc " << want[i].wc);
      REQUIRE(got[i].start == want[i].start);
      REQUIRE(got[i].coach_id == want[i].coach);
      REQUIRE(got[i].favoured == want[i].favoured);
      REQUIRE(got[i].coach_week_sessions == want[i].wc);
      ++compared;
    }
    if (!got.empty()) {
      ++non_empty;
      // Every slot returned is accepted by the programme: book them in turn (each on a copy).
      for (std::size_t i = 0; i < got.size(); i += 3) {
        Programme q(p.data());
        bk::book_slot(q, r, got[i], {"new"});  // with reschedule_of: moves that session
        ++booked;
      }
      if (r.reschedule_of.empty() && !r.preferred_coach_only) {
        const Session s = bk::book_earliest(p, r);
        CHECK(s.start == got[0].start);
        CHECK(s.coach_id == got[0].coach_id);
      }
    }
  }
  INFO(scenarios << " scenarios, " << non_empty << " with slots, " << compared << " slots compared, " << booked << " booked");
  CHECK(non_empty > scenarios / 3);
  CHECK(compared > scenarios);
}
