// The booking kernel (booking_kernel.hpp) driven directly, as the simulation drives it: a Supply
// built from ProgrammeData (no Programme), one Diary, integer-keyed Asks, occupy and release.
// A few hundred requests booked one after another must get exactly the slots book_earliest
// gives on a Programme built from the same data, cancellations included.
#include <algorithm>
#include <map>
#include <random>

#include "booking_kernel.hpp"
#include "laycoach/booking.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;
namespace bk = laycoach::booking;
namespace dt = laycoach::booking::detail;

namespace {

using boost::posix_time::hours;
using boost::posix_time::minutes;

// A random programme: two offers (one with notice and closed on bank holidays), `ncoach` coaches
// with random weekly rotas, exceptions, leave, caps and buffers, `nclient` clients each with a
// referral for one of the offers, and existing sessions booked through Programme::book.
ProgrammeData random_programme(std::mt19937& rng, int ncoach, int nclient, Date base) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto chance = [&](int pct) { return pick(100) < pct; };
  Programme p;
  Offer a;
  a.id = "a";
  a.service_line_id = "lay_too";
  a.name = "A";
  a.session_minutes = 45;
  a.modalities = {Modality::Video, Modality::Telephone};
  Offer b = a;
  b.id = "b";
  b.name = "B";
  b.session_minutes = 60;
  b.min_notice_minutes = 120;
  b.hours.open_on_bank_holidays = false;
  for (int d = 5; d < 7; ++d) b.hours.days[static_cast<std::size_t>(d)] = {9 * 60, 17 * 60};
  p.add_offer(a);
  p.add_offer(b);
  std::vector<int> order(static_cast<std::size_t>(ncoach));
  for (int c = 0; c < ncoach; ++c) order[static_cast<std::size_t>(c)] = c;
  std::shuffle(order.begin(), order.end(), rng);  // added out of id order
  for (int c = 0; c < ncoach; ++c) {
    char id[8];
    std::snprintf(id, sizeof id, "k%02d", order[static_cast<std::size_t>(c)]);
    Coach k = workforce_coach(id, chance(70) ? std::vector<std::string>{"a", "b"} : std::vector<std::string>{"a"});
    k.modalities = chance(70) ? std::vector<Modality>{Modality::Video, Modality::Telephone} : std::vector<Modality>{Modality::Video};
    k.active = chance(95);
    k.rota.weekly.clear();
    for (int wd = 0; wd < 7; ++wd) {
      if (chance(30)) continue;
      const int s = 7 * 60 + 15 * pick(40), e = s + 60 + 15 * pick(40);
      k.rota.weekly.push_back({wd, s, std::min(e, 24 * 60)});
    }
    for (int x = 0; x < 3; ++x) {
      RotaException ex;
      ex.date = base + boost::gregorian::days(pick(40));
      if (chance(50)) ex.blocks.push_back({0, 10 * 60, 14 * 60});
      k.rota.exceptions.push_back(ex);
    }
    if (chance(30)) {
      const Date f = base + boost::gregorian::days(pick(40));
      k.rota.leave.push_back({f, f + boost::gregorian::days(pick(6))});
    }
    k.rota.max_sessions_per_day = 2 + pick(4);
    k.rota.max_sessions_per_week = 5 + pick(10);
    k.rota.buffer_minutes = std::vector<int>{0, 0, 10, 15, 20}[static_cast<std::size_t>(pick(5))];
    p.add_coach(k);
  }
  for (int c = 0; c < nclient; ++c) {
    const std::string id = "u" + std::to_string(c);
    p.add_client(staff_client(id));
    Referral r = referral("r" + id, id, chance(60) ? "a" : "b", Instant(base));
    if (chance(30)) r.preferred_modality = Modality::Telephone;
    p.add_referral(r);
  }
  // Existing sessions (Programme::book's rules: no rota needed), some of them cancelled.
  for (int i = 0; i < 60; ++i) {
    Session s;
    s.id = "e" + std::to_string(i);
    const std::string client = "u" + std::to_string(pick(nclient));
    s.offer_id = p.referral("r" + client).offer_id;
    s.coach_id = p.coaches()[static_cast<std::size_t>(pick(ncoach))].id;
    s.attendees = {{client, "r" + client, AttendeeStatus::Booked}};
    s.start = Instant(base) + minutes(15 * pick(40 * 96));
    s.minutes = p.offer(s.offer_id).session_minutes;
    s.modality = Modality::Video;
    try {
      p.book(s);
      if (chance(15)) p.record_outcome(s.id, SessionStatus::CancelledByClient);
    } catch (const Error&) {
    }
  }
  return p.data();
}

}  // namespace

TEST_CASE("booking kernel: Supply + Diary + find_slots book exactly what book_earliest books", "[booking]") {
  std::mt19937 rng(20261129);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto chance = [&](int pct) { return pick(100) < pct; };
  int compared = 0, found = 0, cancelled = 0, favoured = 0;
  for (int round = 0; round < 4; ++round) {
    const Date base = round % 2 ? day("2024-10-14") : day("2025-03-17");  // both clock changes inside
    const int ncoach = 6 + pick(20), nclient = 40;
    const ProgrammeData data = random_programme(rng, ncoach, nclient, base);
    Programme p(data);

    // The kernel's side: a Supply from the data alone, a Diary filled from its sessions.
    const auto [d0, d1] = dt::days_of_period(Instant(base) - hours(48), Instant(base) + boost::gregorian::days(80));
    const std::shared_ptr<const dt::Supply> sup = dt::build_supply(data, d0, d1);
    REQUIRE(sup->n_coaches() == static_cast<std::size_t>(ncoach));
    REQUIRE(std::is_sorted(sup->coach_ids.begin(), sup->coach_ids.end()));
    dt::Diary diary(*sup);
    std::map<std::string, std::uint32_t> client_ix;
    for (int c = 0; c < nclient; ++c) client_ix["u" + std::to_string(c)] = static_cast<std::uint32_t>(c);
    // Continuity by hand: per referral, its sessions holding time (start, coach, session id).
    std::map<std::string, std::vector<std::tuple<dt::Min, std::uint32_t, std::string>>> held;
    auto span_of = [](const Session& s) { return dt::Span{dt::floor_min(s.start, "s"), dt::floor_min(s.end(), "e")}; };
    for (const Session& s : p.sessions()) {
      if (!occupies_time(s.status)) continue;
      const std::string& cl = s.attendees[0].client_id;
      dt::occupy(*sup, diary, sup->coach(s.coach_id), client_ix.at(cl), span_of(s));
      held[s.attendees[0].referral_id].emplace_back(span_of(s).s, sup->coach(s.coach_id), s.id);
    }

    Instant now = Instant(base) + hours(6);
    std::vector<Session> booked;
    for (int i = 0; i < 120; ++i) {
      now += minutes(1 + pick(12 * 60));
      const int c = pick(nclient);
      const std::string client = "u" + std::to_string(c), ref = "r" + client;
      bk::SlotRequest r;
      r.client_id = client;
      r.referral_id = ref;
      r.now = r.earliest = now;
      r.latest = now + hours(24 * (1 + pick(10)));
      if (chance(20)) r.modality = chance(50) ? Modality::Video : Modality::Telephone;
      if (chance(20)) r.times_of_day = {{17 * 60, 22 * 60}};
      if (chance(10)) r.weekdays = static_cast<std::uint8_t>(1 + pick(127));
      if (chance(10)) r.preferred_coach = sup->coach_ids[static_cast<std::size_t>(pick(ncoach))];
      r.preferred_coach_only = !r.preferred_coach.empty() && chance(30);

      // The same request as an Ask.
      const Referral& rf = p.referral(ref);
      dt::Ask a;
      a.offer = sup->offer(rf.offer_id);
      a.client = static_cast<std::uint32_t>(c);
      dt::set_window(*sup, a, dt::floor_min(now, "now"), dt::floor_min(now, "now"), dt::floor_min(r.latest, "latest"));
      const std::optional<Modality> md = r.modality ? r.modality : rf.preferred_modality;
      a.want = md ? static_cast<std::uint8_t>(1U << static_cast<unsigned>(*md)) : dt::all_modalities(*sup, a.offer);
      if (!r.preferred_coach.empty()) {
        a.favoured = sup->coach(r.preferred_coach);
      } else if (auto h = held.find(ref); h != held.end() && !h->second.empty()) {
        a.favoured = std::get<1>(*std::max_element(h->second.begin(), h->second.end()));
      }
      a.favoured_only = r.preferred_coach_only;
      a.times = r.times_of_day;
      a.weekdays = r.weekdays;
      a.max_results = 1;
      std::vector<dt::Hit> hits;
      dt::find_slots(*sup, diary, a, hits);

      INFO("round " << round << " request " << i << " client " << client << " at " << format_instant(now));
      std::optional<Session> got;
      try {
        got = bk::book_earliest(p, r);
      } catch (const ConflictError& e) {
        REQUIRE(e.rule() == "no_slot_available");
      }
      REQUIRE(hits.size() == (got ? 1U : 0U));
      ++compared;
      if (got) {
        ++found;
        favoured += hits[0].favoured;
        REQUIRE(dt::instant_of(hits[0].start) == got->start);
        REQUIRE(sup->coach_ids[hits[0].coach] == got->coach_id);
        REQUIRE(hits[0].modality == got->modality);
        dt::occupy(*sup, diary, hits[0].coach, a.client, span_of(*got));
        held[ref].emplace_back(hits[0].start, hits[0].coach, got->id);
        booked.push_back(*got);
      }
      // Now and then a booked session is cancelled on both sides.
      if (chance(15) && !booked.empty()) {
        const std::size_t k = static_cast<std::size_t>(pick(static_cast<int>(booked.size())));
        const Session s = booked[k];
        booked.erase(booked.begin() + static_cast<long>(k));
        bk::cancel(p, s.id, bk::Party::Client);
        dt::release(*sup, diary, sup->coach(s.coach_id), client_ix.at(s.attendees[0].client_id), span_of(s));
        auto& v = held[s.attendees[0].referral_id];
        v.erase(std::remove_if(v.begin(), v.end(), [&](const auto& x) { return std::get<2>(x) == s.id; }), v.end());
        ++cancelled;
      }
    }
  }
  INFO(compared << " requests, " << found << " booked, " << favoured << " with the favoured coach, " << cancelled << " cancelled");
  CHECK(found > compared / 2);
  CHECK(found < compared);  // some requests find nothing (caps, closed days, preferences)
  CHECK(favoured > 20);
  CHECK(cancelled > 20);
}

// The best slot (max_results 1) is found by visiting coaches in rank order at the earliest
// allowed start (the Diary's week-count buckets, the Supply's per-hour mask) when it can, and by
// walking the day's rota entries otherwise (as for k > 1). Both must give the same first slot,
// here with more coaches than one 64-bit word, untouched and busy weeks, and coaches at their
// daily and weekly caps (counts at and beyond the buckets).
TEST_CASE("booking kernel: the best slot in rank order equals the first of the day walk", "[booking]") {
  std::mt19937 rng(29112026);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto chance = [&](int pct) { return pick(100) < pct; };
  const Date base = day("2025-03-17");  // the spring clock change inside
  const int ncoach = 150, nclient = 400;
  const ProgrammeData data = random_programme(rng, ncoach, nclient, base);
  const auto [d0, d1] = dt::days_of_period(Instant(base) - hours(48), Instant(base) + boost::gregorian::days(60));
  const auto sup = dt::build_supply(data, d0, d1);
  REQUIRE(sup->nwords == 3);
  dt::Diary diary(*sup);
  const dt::Min t0 = dt::floor_min(Instant(base), "t");
  int compared = 0, found = 0, walked_first = 0, capped_weeks = 0;
  std::vector<dt::Hit> one, two;
  for (int i = 0; i < 4000; ++i) {
    dt::Ask q;
    q.offer = sup->offer(chance(50) ? "a" : "b");
    q.client = static_cast<std::uint32_t>(pick(nclient));
    q.want = chance(25) ? std::uint8_t{1U << static_cast<unsigned>(Modality::Telephone)} : dt::all_modalities(*sup, q.offer);
    if (chance(15)) q.favoured = static_cast<std::uint32_t>(pick(ncoach));
    if (chance(20)) {
      const int a = pick(22 * 60);
      q.times.push_back({a, std::min(24 * 60, a + 60 + pick(8 * 60))});
    }
    if (chance(15)) q.weekdays = static_cast<std::uint8_t>(1 + pick(127));
    // Most asks in the first three weeks (caps reached), some later (weeks nobody touched).
    const dt::Min now = t0 + 15 * pick(chance(85) ? 21 * 96 : 50 * 96);
    dt::set_window(*sup, q, now, now, now + 1440 * (1 + pick(7)));
    q.max_results = 1;
    dt::find_slots(*sup, diary, q, one);
    q.max_results = 2;
    dt::find_slots(*sup, diary, q, two);
    ++compared;
    REQUIRE(one.size() == std::min<std::size_t>(1, two.size()));
    if (one.empty()) continue;
    ++found;
    INFO("ask " << i);
    REQUIRE(one[0].start == two[0].start);
    REQUIRE(one[0].coach == two[0].coach);
    REQUIRE(one[0].week_sessions == two[0].week_sessions);
    REQUIRE(one[0].modality == two[0].modality);
    REQUIRE(one[0].favoured == two[0].favoured);
    if (one[0].start > q.g0) ++walked_first;  // the earliest allowed start was not free
    dt::occupy(*sup, diary, one[0].coach, q.client, {one[0].start, one[0].start + sup->offers[q.offer].minutes});
  }
  for (int w = diary.w0; w < diary.w1; ++w)
    for (std::uint32_t c = 0; c < diary.nc; ++c)
      if (diary.week_sessions(c, w) >= sup->caps[c].week) ++capped_weeks;
  INFO(compared << " asks, " << found << " found, " << walked_first << " later than the earliest start, " << capped_weeks
                << " coach-weeks at the cap");
  CHECK(found > 3000);
  CHECK(walked_first > 300);
  CHECK(capped_weeks > 50);
}

TEST_CASE("booking kernel: on crowded days the rank-order step's later starts give the day walk's best slot", "[booking]") {
  // Asks made within a few hours of each other, most for the same few days and some of them
  // within a window of a few hours of the day: the earliest allowed starts fill up, so the
  // best slot is often several starts later, after coaches ruled out by a clash (buffers
  // included), a rota gap or a cap, or hours when nobody works (few coaches).
  // max_results = 1 takes the rank-order step; 2 the day walk.
  struct Run {
    int ncoach, nclient, asks;
  };
  for (const Run run : {Run{150, 300, 2000}, Run{8, 40, 120}}) {
    std::mt19937 rng(30112026);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    auto chance = [&](int pct) { return pick(100) < pct; };
    const Date base = day("2025-10-20");  // the autumn clock change inside
    const ProgrammeData data = random_programme(rng, run.ncoach, run.nclient, base);
    const auto [d0, d1] = dt::days_of_period(Instant(base) - hours(48), Instant(base) + boost::gregorian::days(60));
    const auto sup = dt::build_supply(data, d0, d1);
    dt::Diary diary(*sup);
    const dt::Diary empty(*sup);  // the slot nobody's bookings would block
    const dt::Min t0 = dt::floor_min(Instant(base), "t");
    int found = 0, blocked = 0, blocked_hour = 0;
    std::vector<dt::Hit> one, two, free;
    for (int i = 0; i < run.asks; ++i) {
      dt::Ask q;
      q.offer = sup->offer(chance(50) ? "a" : "b");
      q.client = static_cast<std::uint32_t>(pick(run.nclient));
      q.want = chance(20) ? std::uint8_t{1U << static_cast<unsigned>(Modality::Telephone)} : dt::all_modalities(*sup, q.offer);
      if (chance(10)) q.favoured = static_cast<std::uint32_t>(pick(run.ncoach));
      if (chance(25)) {
        const int a = 7 * 60 + 15 * pick(40);
        q.times.push_back({a, std::min(24 * 60, a + 90 + 15 * pick(16))});
      }
      // The present moves slowly through the first ten days: many asks per day.
      const dt::Min now = t0 + 15 * (i * 1000 / run.asks) + pick(15);
      dt::set_window(*sup, q, now, now, now + 1440 * (1 + pick(10)));
      q.max_results = 1;
      dt::find_slots(*sup, diary, q, one);
      q.max_results = 2;
      dt::find_slots(*sup, diary, q, two);
      INFO(run.ncoach << " coaches, ask " << i);
      REQUIRE(one.size() == std::min<std::size_t>(1, two.size()));
      if (one.empty()) continue;
      ++found;
      REQUIRE(one[0].start == two[0].start);
      REQUIRE(one[0].coach == two[0].coach);
      REQUIRE(one[0].week_sessions == two[0].week_sessions);
      REQUIRE(one[0].modality == two[0].modality);
      REQUIRE(one[0].favoured == two[0].favoured);
      if (q.favoured == dt::kNoCoach) {  // (a favoured coach ranks first, whatever its start)
        q.max_results = 1;
        dt::find_slots(*sup, empty, q, free);
        REQUIRE(!free.empty());
        REQUIRE(free[0].start <= one[0].start);
        if (one[0].start > free[0].start) ++blocked;  // the diary blocked the earliest starts
        if (one[0].start >= free[0].start + 60) ++blocked_hour;
      }
      dt::occupy(*sup, diary, one[0].coach, q.client, {one[0].start, one[0].start + sup->offers[q.offer].minutes});
    }
    INFO(run.ncoach << " coaches: " << found << " found, " << blocked << " later than with an empty diary, " << blocked_hour
                    << " an hour or more later");
    CHECK(found > run.asks * 9 / 10);
    CHECK(blocked > run.asks * 2 / 5);
    CHECK(blocked_hour > run.asks * 3 / 10);
  }
}

TEST_CASE("booking kernel: a Diary copies and resets, bad ids and horizons are refused", "[booking]") {
  ProgrammeData data;
  data.catalogue = default_catalogue();
  Coach c = workforce_coach("c1");
  c.rota.weekly = {{0, 9 * 60, 17 * 60}};
  data.coaches = {c};
  const auto [d0, d1] = dt::days_of_period(at("2024-07-08T00:00:00Z"), at("2024-07-15T00:00:00Z"));
  const auto sup = dt::build_supply(data, d0, d1);
  dt::Diary a(*sup);
  dt::Ask q;
  q.offer = sup->offer("lay_too_1to1");
  q.client = 0;
  q.want = dt::all_modalities(*sup, q.offer);
  const dt::Min mon = dt::floor_min(at("2024-07-08T00:00:00Z"), "t");
  dt::set_window(*sup, q, mon, mon, mon + 7 * 1440);
  std::vector<dt::Hit> h;
  dt::find_slots(*sup, a, q, h);
  REQUIRE(h.size() == 1);
  REQUIRE(dt::instant_of(h[0].start) == at("2024-07-08T08:00:00Z"));  // 09:00 BST
  dt::occupy(*sup, a, h[0].coach, 0, {h[0].start, h[0].start + 60});
  const dt::Diary b = a;  // a replication's snapshot
  dt::find_slots(*sup, a, q, h);
  REQUIRE(dt::instant_of(h[0].start) == at("2024-07-08T09:00:00Z"));
  a.reset(*sup);
  dt::find_slots(*sup, a, q, h);
  REQUIRE(dt::instant_of(h[0].start) == at("2024-07-08T08:00:00Z"));
  dt::find_slots(*sup, b, q, h);
  REQUIRE(dt::instant_of(h[0].start) == at("2024-07-08T09:00:00Z"));

  const auto not_found = [](auto fn, const char* field) {
    try {
      fn();
      FAIL("no error");
    } catch (const NotFoundError& e) {
      REQUIRE(e.field() == field);
    }
  };
  not_found([&] { (void)sup->coach("nobody"); }, "coach_id");
  not_found([&] { (void)sup->offer("nothing"); }, "offer_id");
  data.coaches.push_back(c);
  try {
    (void)dt::build_supply(data, d0, d1);
    FAIL("no error");
  } catch (const ValidationError& e) {
    REQUIRE(e.record() == "c1");
    REQUIRE(e.field() == "id");
    REQUIRE(e.rule() == "unique_id");
  }
  data.coaches.pop_back();
  try {
    (void)dt::build_supply(data, d0, d0 + dt::kMaxHorizonDays + 1);
    FAIL("no error");
  } catch (const ValidationError& e) {
    REQUIRE(e.field() == "to");
    REQUIRE(e.rule() == "period_length");
  }
}

TEST_CASE("booking kernel: the 32-bit floor division and weekday agree with the 64-bit arithmetic", "[booking]") {
  // Reference: floor division in 64-bit arithmetic.
  auto ref_div = [](std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && (a < 0)) --q;
    return q;
  };
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> any(-2000000000, 2000000000);
  int checked = 0;
  for (int i = 0; i < 200000; ++i) {
    const int a = i < 4000 ? i - 2000 : any(rng);
    for (const int b : {1, 7, 15, 60, 1440}) {
      REQUIRE(dt::floor_div(a, b) == ref_div(a, b));
      REQUIRE(dt::floor_div(static_cast<std::int64_t>(a), b) == ref_div(a, b));
      ++checked;
    }
    if (a > -2000000000 && a < 2000000000) {
      const std::int64_t r = ((static_cast<std::int64_t>(a) + 3) % 7 + 7) % 7;
      REQUIRE(dt::weekday(a) == r);
      REQUIRE(dt::week_of(a) == ref_div(static_cast<std::int64_t>(a) + 3, 7));
    }
  }
  CHECK(checked == 1000000);
}

TEST_CASE("booking kernel: a client's busy spans in place and beyond keep the order and removals of a sorted vector", "[booking]") {
  // Reference: the coaches' busy lists' rule (insert after equal starts, remove the first equal
  // span), on a std::vector; random inserts and erases crossing ClientSpans::kInline both ways,
  // with repeated starts and spans that are not there.
  std::mt19937 rng(11);
  for (int round = 0; round < 200; ++round) {
    dt::ClientSpans cs;
    std::vector<dt::Span> ref;
    for (int step = 0; step < 60; ++step) {
      const dt::Min s = static_cast<dt::Min>(rng() % 6) * 15, e = s + 15 + static_cast<dt::Min>(rng() % 3) * 15;
      const dt::Span x{s, e};
      if (rng() % 100 < (ref.size() < 8 ? 60u : 35u)) {
        cs.insert(x);
        ref.insert(std::upper_bound(ref.begin(), ref.end(), x, [](const dt::Span& a, const dt::Span& b) { return a.s < b.s; }), x);
      } else {
        cs.erase(x);
        for (auto it = std::lower_bound(ref.begin(), ref.end(), x, [](const dt::Span& a, const dt::Span& b) { return a.s < b.s; });
             it != ref.end() && it->s == x.s; ++it)
          if (it->e == x.e) {
            ref.erase(it);
            break;
          }
      }
      REQUIRE(cs.size() == ref.size());
      REQUIRE(cs.empty() == ref.empty());
      REQUIRE(std::equal(cs.data(), cs.data() + cs.size(), ref.begin(), ref.end()));
    }
    cs.clear();
    CHECK(cs.empty());
  }
}

TEST_CASE("booking kernel: a Diary keeps each client's busy spans beyond those held in place", "[booking]") {
  // Six sessions of one client (more than ClientSpans::kInline) through occupy, then released.
  Date base(2030, 3, 4);
  ProgrammeData d;
  Offer o;
  o.id = "a";
  o.service_line_id = "lay_too";
  o.session_minutes = 30;
  o.modalities = {Modality::Video};
  d.catalogue.offers.push_back(o);
  const auto [d0, d1] = dt::days_of_period(Instant(base), Instant(base + boost::gregorian::days(14)));
  auto sup = dt::build_supply(d, d0, d1);
  dt::Diary dia(*sup);
  const dt::Min t0 = dt::floor_min(Instant(base), "t");
  std::vector<dt::Span> want;
  for (int i = 5; i >= 0; --i) {
    const dt::Span x{t0 + i * 1440, t0 + i * 1440 + 30};
    dt::occupy(*sup, dia, dt::kNoCoach, 3, x);
    want.insert(want.begin(), x);
  }
  REQUIRE(dt::ClientSpans::kInline < 6);
  REQUIRE(dia.client(3) != nullptr);
  CHECK(std::equal(dia.client(3)->data(), dia.client(3)->data() + dia.client(3)->size(), want.begin(), want.end()));
  CHECK(dia.client(2) == nullptr);
  for (const dt::Span& x : want) dt::release(*sup, dia, dt::kNoCoach, 3, x);
  CHECK(dia.client(3) == nullptr);
}

TEST_CASE("booking kernel: uk_offset's bucket table agrees with the domain's offset at every transition and bucket edge", "[booking]") {
  // Each bucket record holds the offset at its first minute and the next transition: the minutes
  // either side of every transition of 1971..2199, and the first and last minutes of the buckets
  // holding them and of their neighbours, must read as uk_utc_offset_minutes does.
  const dt::Min lo = dt::floor_min(Instant(Date(1971, 1, 1)), "t");
  int checked = 0;
  auto check = [&](dt::Min u) {
    if (u < lo) return;
    REQUIRE(dt::uk_offset(u) == uk_utc_offset_minutes(dt::instant_of(u)));
    ++checked;
  };
  for (int y = 1971; y <= 2199; ++y) {
    const UkDstTransitions tr = uk_dst_transitions(y);
    for (Instant t : {tr.bst_start, tr.bst_end}) {
      const dt::Min m = dt::floor_min(t, "t");
      for (int d : {-61, -60, -1, 0, 1, 59, 60}) check(m + d);
      const dt::Min b = (m >> dt::kOffsetBucketShift) << dt::kOffsetBucketShift;  // m's bucket
      for (int k = -1; k <= 1; ++k) {
        const dt::Min first = b + k * (dt::Min{1} << dt::kOffsetBucketShift);
        check(first);
        check(first - 1);
      }
    }
  }
  CHECK(checked > 229 * 2 * 12);
}

TEST_CASE("booking kernel: a session's day and week counts and touches fall on the UK local days it and its buffer cover", "[booking]") {
  // occupy / release against the rule written out minute by minute: the day and week counts by
  // the local day of the start, a touch on every local day a minute of [s - buffer, e + buffer)
  // falls on (inside the diary's days). Sessions at every quarter hour of days around both
  // clock changes of 2024 and an ordinary week, short and long, with buffers of 0 to 90 minutes
  // (so spans an hour or less from midnight, across it, and across a change).
  for (const int buffer : {0, 15, 45, 90}) {
    ProgrammeData data;
    data.catalogue = default_catalogue();
    Coach c = workforce_coach("c1");
    c.rota.weekly = {{0, 9 * 60, 17 * 60}};
    c.rota.buffer_minutes = buffer;
    data.coaches = {c};
    const auto [d0, d1] = dt::days_of_period(at("2024-03-25T00:00:00Z"), at("2024-11-04T00:00:00Z"));
    const auto sup = dt::build_supply(data, d0, d1);
    dt::Diary dia(*sup);
    for (const char* from : {"2024-03-29T00:00:00Z", "2024-07-08T00:00:00Z", "2024-10-25T00:00:00Z"}) {
      const dt::Min t0 = dt::floor_min(at(from), "t");
      for (dt::Min s = t0; s < t0 + 4 * 1440; s += 15)
        for (const int len : {15, 60, 150}) {
          const dt::Span sp{s, s + len};
          std::map<int, int> want_touch;  // day -> 1
          for (dt::Min m = s - buffer; m < s + len + buffer; ++m) {
            const int day = dt::local_day(m);
            if (day >= dia.h0 && day < dia.h1) want_touch[day] = 1;
          }
          const int day = dt::local_day(s);
          dt::occupy(*sup, dia, 0, dt::kNoClient, sp);
          for (int x = day - 2; x <= day + 2; ++x) {
            const dt::WeekCells& wk = dia.week_cells(0, dia.at(x));
            const dt::DayCell& cell = wk.day[dia.at(x).wd];
            INFO("start " << s << " length " << len << " buffer " << buffer << " day " << x);
            CHECK(cell.touch == (want_touch.count(x) ? 1 : 0));
            CHECK(cell.count == (x == day ? 1 : 0));
            CHECK(wk.count == (dt::week_of(x) == dt::week_of(day) ? 1 : 0));
          }
          dt::release(*sup, dia, 0, dt::kNoClient, sp);
          for (int x = day - 2; x <= day + 2; ++x) {
            const dt::WeekCells& wk = dia.week_cells(0, dia.at(x));
            CHECK(wk.day[dia.at(x).wd].touch == 0);
            CHECK(wk.count == 0);
          }
        }
    }
  }
}
