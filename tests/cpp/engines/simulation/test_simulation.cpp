// The capacity simulation: reproducibility over threads and splits, arrivals against their
// rates, fitting, every simulated booking accepted by the live rules (and the first slot the
// live search's best), outputs and summaries, what-if edits, the optimiser, errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "laycoach/booking.hpp"
#include "sim_detail.hpp"
#include "sim_support.hpp"

using namespace laycoach;
using namespace laycoach::test;
namespace sim = laycoach::simulation;
namespace sd = laycoach::simulation::detail;
namespace bkd = laycoach::booking::detail;

namespace {

template <class E, class F>
void require_error(F f, const std::string& record, const std::string& field, const std::string& rule) {
  try {
    f();
    FAIL("no error");
  } catch (const E& e) {
    CHECK(e.record() == record);
    CHECK(e.field() == field);
    CHECK(e.rule() == rule);
  }
}

}  // namespace

TEST_CASE("simulation: same seed, same results on 1 or 2 threads and over any split", "[simulation]") {
  const sim::Scenario s = small_scenario();
  sim::RunOptions one, two;
  one.threads = 1;
  two.threads = 2;
  const auto a = sim::run(s, 7, 0, 10, one);
  const auto b = sim::run(s, 7, 0, 10, two);
  auto c = sim::run(s, 7, 0, 5, one);
  const auto c2 = sim::run(s, 7, 5, 5, two);
  c.insert(c.end(), c2.begin(), c2.end());
  REQUIRE(a.size() == 10);
  CHECK(a == b);
  CHECK(a == c);
  for (int i = 0; i < 10; ++i) CHECK(a[static_cast<std::size_t>(i)].replication == i);
  const auto d = sim::run(s, 8, 0, 10, one);
  CHECK(d != a);
  // Replications differ from each other, and the model does something.
  CHECK(a[0].groups[0] != a[1].groups[0]);
  long long requests = 0, booked = 0;
  for (const auto& r : a) {
    requests += r.total.requests;
    booked += r.total.first_booked;
  }
  CHECK(requests > 100);
  CHECK(booked > 50);
}

TEST_CASE("simulation: arrivals per hour of week match the rates", "[simulation]") {
  // Rates that differ by hour and day, over 8 weeks; counts summed over 20 streams of randomness
  // must match rate x exposure within 4 Poisson standard deviations per hour of week.
  sim::Scenario s = small_scenario();
  auto& st = s.demand.streams[0];
  for (int h = 0; h < sim::kHoursPerWeek; ++h) st.per_hour[static_cast<std::size_t>(h)] = (h % 24 >= 7 && h % 24 < 22) ? 0.2 + 0.1 * (h % 5) + 0.3 * (h / 24 == 2) : 0.0;
  s.days = 56;
  s.start = at("2025-06-02T00:00:00Z");  // BST throughout: local hour = UTC hour + 1
  const sd::Compiled c = sd::compile(s);
  std::array<double, sim::kHoursPerWeek> count{};
  double total = 0;
  for (int r = 0; r < 20; ++r) {
    sim::Philox rng(11, static_cast<std::uint64_t>(r));
    double t = c.t0;
    for (;;) {
      t = sd::next_arrival(c, 0, t, rng);
      if (!std::isfinite(t)) break;
      const LocalDateTime l = to_uk_local(bkd::instant_of(static_cast<bkd::Min>(std::floor(t))));
      const int wd = (l.date().day_of_week().as_number() + 6) % 7;
      count[static_cast<std::size_t>(wd * 24 + l.time_of_day().hours())] += 1;
      total += 1;
    }
  }
  double expected_total = 0;
  for (int h = 0; h < sim::kHoursPerWeek; ++h) {
    const double e = st.per_hour[static_cast<std::size_t>(h)] * 8 * 20;  // 8 weeks x 20 replications
    expected_total += e;
    INFO("hour of week " << h);
    CHECK(std::abs(count[static_cast<std::size_t>(h)] - e) <= 4 * std::sqrt(std::max(e, 1.0)));
  }
  CHECK(std::abs(total - expected_total) <= 4 * std::sqrt(expected_total));
}

TEST_CASE("simulation: seasonal multipliers and growth scale the arrivals", "[simulation]") {
  sim::Scenario s = small_scenario();
  auto& st = s.demand.streams[0];
  st.per_hour = daily_rate(1.0, 0, 24);
  st.seasonal = {1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1, 1};  // June x3
  st.growth = 1.0;                                     // doubles a year
  s.start = at("2025-05-01T00:00:00Z");
  s.days = 61;  // May and June
  const sd::Compiled c = sd::compile(s);
  double may = 0, june = 0;
  for (int r = 0; r < 10; ++r) {
    sim::Philox rng(3, static_cast<std::uint64_t>(r));
    for (double t = c.t0;;) {
      t = sd::next_arrival(c, 0, t, rng);
      if (!std::isfinite(t)) break;
      (to_uk_local(bkd::instant_of(static_cast<bkd::Min>(t))).date().month() == 5 ? may : june) += 1;
    }
  }
  // Expected: sum over hours of 1 x season x 2^(years since start).
  double e_may = 0, e_june = 0;
  for (int h = 0; h < c.hours; ++h) {
    const double years = h / (365.25 * 24);
    const Instant u = bkd::instant_of(c.hour0 + h * 60);
    const bool is_may = to_uk_local(u).date().month() == 5;
    (is_may ? e_may : e_june) += (is_may ? 1.0 : 3.0) * std::pow(2.0, years) * 10;
  }
  CHECK(std::abs(may - e_may) <= 4 * std::sqrt(e_may));
  CHECK(std::abs(june - e_june) <= 4 * std::sqrt(e_june));
  CHECK(june / may > 2.5);
}

namespace {

/// Replay a replication's trace into a Programme built from the scenario's data: each booking
/// first searched with booking::search (the simulation's slot must be its best, for one of the
/// stream's preferences), then booked with booking::book_slot (both rule sets); cancellations and
/// missed sessions recorded through the booking engine. Returns the counts checked.
struct Replayed {
  int first = 0, follow = 0, cancels = 0, missed = 0;
};
Replayed replay(const sim::Scenario& s, const std::vector<sd::Booked>& trace, Programme& p) {
  Replayed out;
  std::map<std::uint64_t, std::string> referral;
  std::vector<std::string> session_of(trace.size());
  for (std::size_t i = 0; i < trace.size(); ++i) {
    const sd::Booked& b = trace[i];
    const auto& st = s.demand.streams[static_cast<std::size_t>(b.stream)];
    if (b.kind != sd::Booked::Kind::Book) {
      const sd::Booked& o = trace[b.of];
      const bool coach = o.outcome == SessionStatus::CancelledByCoach || o.outcome == SessionStatus::CoachDidNotAttend;
      if (b.kind == sd::Booked::Kind::Cancel) {
        ++out.cancels;
        booking::cancel(p, session_of[b.of], coach ? booking::Party::Coach : booking::Party::Client);
      } else {
        ++out.missed;
        booking::did_not_attend(p, session_of[b.of], coach ? booking::Party::Coach : booking::Party::Client);
      }
      continue;
    }
    if (!referral.count(b.client)) {
      Client cl;
      cl.id = "k" + std::to_string(b.client);
      cl.consent.coaching = true;
      cl.consent.recorded_at = s.start;
      p.add_client(cl);
      Referral r;
      r.id = "r" + std::to_string(b.client);
      r.client_id = cl.id;
      r.offer_id = st.offer_id;
      r.requested_at = bkd::instant_of(static_cast<bkd::Min>(std::floor(b.requested)));
      p.add_referral(r);
      referral[b.client] = r.id;
    }
    booking::SlotRequest q;
    q.client_id = "k" + std::to_string(b.client);
    q.referral_id = referral[b.client];
    q.offer_id = st.offer_id;
    q.now = bkd::instant_of(b.booked_at);
    q.earliest = q.now;
    q.latest = bkd::instant_of(b.booked_at + st.window_days * 1440);
    q.max_results = 1;
    // The trace does not keep the client's preference: search with each; the simulation's slot
    // must be the best of one of them.
    std::vector<booking::Slot> best;
    std::vector<std::vector<booking::TimeOfDay>> windows;
    std::vector<std::uint8_t> days;
    for (const auto& pref : st.preferences) {
      windows.push_back(pref.windows);
      days.push_back(pref.weekdays);
    }
    if (st.preferences.empty()) {
      windows.emplace_back();
      days.push_back(0x7F);
    }
    for (std::size_t k = 0; k < windows.size() && best.empty(); ++k) {
      q.times_of_day = windows[k];
      q.weekdays = days[k];
      auto v = booking::search(p, q);
      if (!v.empty() && v[0].start == bkd::instant_of(b.start) && v[0].coach_id == b.coach_id) best = v;
    }
    INFO("booking " << i << " client " << b.client << " at " << format_instant(bkd::instant_of(b.start)) << " coach " << b.coach_id);
    REQUIRE(best.size() == 1);
    CHECK(best[0].favoured == !b.favoured.empty());
    (b.first ? out.first : out.follow)++;
    booking::BookingDetails d;
    d.session_id = "s" + std::to_string(i);
    d.requested_at = bkd::instant_of(static_cast<bkd::Min>(std::floor(b.requested)));
    const Session booked = booking::book_slot(p, q, best[0], d);  // both rule sets: throws if refused
    CHECK(booked.coach_id == b.coach_id);
    session_of[i] = booked.id;
  }
  return out;
}

Programme programme_of(const sim::Scenario& s) {
  ProgrammeData data;
  data.catalogue = s.catalogue;
  data.coaches = s.coaches;
  return Programme(data);
}

}  // namespace

TEST_CASE("simulation: every simulated booking is one the live rules accept, first slot = search's best", "[simulation]") {
  const sim::Scenario s = small_scenario(0.12);
  const sd::Compiled c = sd::compile(s);
  std::vector<sd::Booked> trace;
  const sim::ReplicationResult rr = sd::replicate(c, 5, 0, &trace);
  REQUIRE(trace.size() > 50);
  Programme p = programme_of(s);
  const Replayed n = replay(s, trace, p);
  CHECK(n.first == rr.total.first_booked);
  CHECK(n.follow > 10);
  CHECK(n.cancels == rr.total.cancelled_by_client + rr.total.cancelled_by_coach);
  CHECK(n.missed == rr.total.client_dna + rr.total.coach_dna);
  CHECK(n.cancels > 0);
  CHECK(n.missed > 0);
  // The wait figures from the trace: start of the first booking - the request, sorted; quantiles
  // by linear interpolation between order statistics (numpy's default).
  std::vector<double> waits;
  std::vector<long long> within(2, 0);
  for (const auto& b : trace)
    if (b.kind == sd::Booked::Kind::Book && b.first) {
      waits.push_back(b.start - b.requested);
      if (waits.back() <= 24 * 60) within[0]++;
      if (waits.back() <= 72 * 60) within[1]++;
    }
  std::sort(waits.begin(), waits.end());
  auto q = [&](double p) {
    const double h = p * static_cast<double>(waits.size() - 1);
    const auto lo = static_cast<std::size_t>(h);
    return waits[lo] + (h - static_cast<double>(lo)) * (waits[std::min(lo + 1, waits.size() - 1)] - waits[lo]);
  };
  double mean = 0;
  for (double w : waits) mean += w / static_cast<double>(waits.size());
  const auto& g = rr.groups[0];
  CHECK(g.wait_mean == Approx(mean));
  CHECK(g.wait_median == Approx(q(0.5)));
  CHECK(g.wait_p90 == Approx(q(0.9)));
  CHECK(g.wait_p95 == Approx(q(0.95)));
  CHECK(g.within == within);
  CHECK(rr.total.wait_p90 == g.wait_p90);
}

TEST_CASE("simulation: follow-ups weeks and months ahead run in time order, and each is the live rules' best slot", "[simulation]") {
  // Intervals of 1, 50 and 70 days over 240 days: events are scheduled past the event queue's
  // 45-day wheel (they wait in its far heap) and the wheel turns over several times.
  sim::Scenario s = small_scenario(0.05);
  s.demand.streams[0].sessions_pmf = {0, 0, 1};
  s.demand.streams[0].interval_pmf.assign(71, 0.0);
  s.demand.streams[0].interval_pmf[1] = 0.4;
  s.demand.streams[0].interval_pmf[50] = 0.3;
  s.demand.streams[0].interval_pmf[70] = 0.3;
  s.days = 240;
  const sd::Compiled c = sd::compile(s);
  std::vector<sd::Booked> trace;
  const sim::ReplicationResult rr = sd::replicate(c, 3, 1, &trace);
  REQUIRE(trace.size() > 200);
  std::map<std::uint64_t, bkd::Min> last_start;
  int far = 0;
  bkd::Min clock = 0;  // bookings and cancellations carry the time they were made (a missed session its booking's)
  for (const auto& b : trace)
    if (b.kind != sd::Booked::Kind::Missed) {
      CHECK(clock <= b.booked_at);
      clock = b.booked_at;
    }
  for (const auto& b : trace) {
    if (b.kind != sd::Booked::Kind::Book) continue;
    const auto it = last_start.find(b.client);
    if (it != last_start.end() && b.booked_at - it->second >= 45 * 1440) ++far;
    last_start[b.client] = b.start;
  }
  CHECK(far > 20);
  Programme p = programme_of(s);
  const Replayed n = replay(s, trace, p);
  CHECK(n.first == rr.total.first_booked);
  CHECK(n.follow > far);
}

TEST_CASE("simulation: wait quantiles of each stream and of all streams together are the trace's order statistics, and booked minutes by hour of week the trace's", "[simulation]") {
  // Two streams (the second busier, with an evening preference), so the total's quantiles pool
  // waits of both; each figure must equal numpy's linear interpolation over the sorted waits.
  sim::Scenario s = small_scenario(0.12);
  sim::DemandStream st = s.demand.streams[0];
  st.per_hour = daily_rate(0.2, 7, 22);
  st.preferences = {{0.5, {{15 * 60, 17 * 60}}, 0x7F}, {0.5, {}, 0x7F}};
  st.pathway = "evening";
  s.demand.streams.push_back(st);
  const sd::Compiled c = sd::compile(s);
  for (int r = 0; r < 3; ++r) {
    std::vector<sd::Booked> trace;
    const sim::ReplicationResult rr = sd::replicate(c, 9, r, &trace);
    std::vector<std::vector<double>> waits(3);  // stream 0, stream 1, all
    for (const auto& b : trace)
      if (b.kind == sd::Booked::Kind::Book && b.first) {
        waits[static_cast<std::size_t>(b.stream)].push_back(b.start - b.requested);
        waits[2].push_back(b.start - b.requested);
      }
    REQUIRE(waits[0].size() > 20);
    REQUIRE(waits[1].size() > 20);
    for (std::size_t i = 0; i < 3; ++i) {
      std::vector<double>& w = waits[i];
      std::sort(w.begin(), w.end());
      auto q = [&](double p) {
        const double h = p * static_cast<double>(w.size() - 1);
        const auto lo = static_cast<std::size_t>(h);
        if (lo + 1 >= w.size()) return w[lo];
        return w[lo] + (h - static_cast<double>(lo)) * (w[lo + 1] - w[lo]);
      };
      const sim::GroupResult& g = i < 2 ? rr.groups[i] : rr.total;
      CHECK(g.first_booked == static_cast<long long>(w.size()));
      CHECK(g.wait_median == q(0.5));
      CHECK(g.wait_p90 == q(0.9));
      CHECK(g.wait_p95 == q(0.95));
    }
    // Booked minutes by UK local hour of week, minute by minute from the trace: every session
    // that held its coach's time (not cancelled), clipped to the period.
    std::array<double, sim::kHoursPerWeek> by_hour{};
    const bkd::Min t0 = c.t0, t1 = c.t1;
    for (const auto& b : trace)
      if (b.kind == sd::Booked::Kind::Book && b.outcome != SessionStatus::CancelledByClient &&
          b.outcome != SessionStatus::CancelledByCoach)
        for (bkd::Min m = std::max(b.start, t0); m < std::min(b.start + b.minutes, t1); ++m) {
          const int day = bkd::local_day(m);
          by_hour[static_cast<std::size_t>(bkd::weekday(day) * 24 + (bkd::local_min(m) - day * 1440) / 60)] += 1;
        }
    CHECK(rr.hour_booked_minutes == by_hour);
  }
}

TEST_CASE("simulation: fit_demand recovers the rates, dose and outcome shares it was generated from", "[simulation]") {
  // A history simulated with ample capacity (every follow-up finds a slot), replayed into a
  // programme, then fitted over its first four weeks (whose follow-ups all fall inside the eight).
  sim::Scenario s = small_scenario();
  s.coaches.clear();
  for (int i = 1; i <= 12; ++i) {
    Coach c = workforce_coach("c" + std::to_string(i));
    c.rota.weekly.clear();
    for (int d = 0; d < 7; ++d) c.rota.weekly.push_back({d, 8 * 60, 22 * 60});
    s.coaches.push_back(c);
  }
  auto& st = s.demand.streams[0];
  for (int h = 0; h < sim::kHoursPerWeek; ++h)
    st.per_hour[static_cast<std::size_t>(h)] = (h % 24 >= 8 && h % 24 < 20) ? 0.5 + 0.5 * ((h / 24) % 2) : 0.0;
  st.preferences.clear();
  st.sessions_pmf = {0.4, 0.35, 0.25};
  st.interval_pmf = {0, 0, 0, 0, 0, 0, 0, 1.0};
  st.client_cancel = st.coach_cancel = 0;
  st.client_dna = 0.1;
  st.coach_dna = 0;
  st.window_days = 7;
  s.days = 56;
  s.start = at("2025-06-02T00:00:00Z");
  const sd::Compiled c = sd::compile(s);
  std::vector<sd::Booked> trace;
  const auto rr = sd::replicate(c, 9, 0, &trace);
  REQUIRE(rr.total.unmet == 0);
  Programme p = programme_of(s);
  replay(s, trace, p);
  // Record every session still booked as attended or missed, as the simulation decided.
  for (const Session& x : p.sessions()) {
    if (x.status != SessionStatus::Booked) continue;
    const std::size_t i = std::stoul(x.id.substr(1));
    if (trace[i].outcome == SessionStatus::Attended) p.record_outcome(x.id, SessionStatus::Attended);
  }
  const sim::DemandModel fit = sim::fit_demand(p, s.start, s.start + boost::posix_time::hours(24 * 28));
  REQUIRE(fit.streams.size() == 1);
  const sim::DemandStream& f = fit.streams[0];
  CHECK(f.offer_id == "lay_too_1to1");
  CHECK(f.service_line_id == "lay_too");
  CHECK(f.pathway == "standard");
  double sum_true = 0, sum_fit = 0;
  for (int h = 0; h < sim::kHoursPerWeek; ++h) {
    const double e = st.per_hour[static_cast<std::size_t>(h)] * 4;  // four weeks of that hour
    INFO("hour of week " << h);
    CHECK(std::abs(f.per_hour[static_cast<std::size_t>(h)] * 4 - e) <= 4 * std::sqrt(std::max(e, 0.25)));
    sum_true += e;
    sum_fit += f.per_hour[static_cast<std::size_t>(h)] * 4;
  }
  CHECK(std::abs(sum_fit - sum_true) <= 4 * std::sqrt(sum_true));
  // The dose: binomial tolerance on each share, over the referrals of the four weeks.
  const double n = sum_fit;
  REQUIRE(f.sessions_pmf.size() == 3);
  for (std::size_t k = 0; k < 3; ++k)
    CHECK(std::abs(f.sessions_pmf[k] - st.sessions_pmf[k]) <= 4 * std::sqrt(st.sessions_pmf[k] * (1 - st.sessions_pmf[k]) / n));
  REQUIRE(f.interval_pmf.size() == 8);
  CHECK(f.interval_pmf[7] == 1.0);
  CHECK(std::abs(f.client_dna - 0.1) <= 4 * std::sqrt(0.09 / (n * 1.85)));
  CHECK(f.coach_dna == 0);
  CHECK(f.client_cancel == 0);
  require_error<ValidationError>([&] { sim::fit_demand(p, s.start, s.start); }, "fit", "to", "period_order");
}

TEST_CASE("simulation: outputs add up, and summarise gives t intervals over replications", "[simulation]") {
  const sim::Scenario s = small_scenario();
  const auto rs = sim::run(s, 1, 0, 8);
  for (const auto& r : rs) {
    const auto& g = r.groups[0];
    CHECK(r.total.requests == g.requests);
    CHECK(g.first_booked + g.unmet == g.requests);  // every client is seen or unmet
    CHECK(g.within[0] <= g.within[1]);
    CHECK(g.within[1] <= g.first_booked);
    long long hist = 0;
    for (auto x : g.wait_histogram) hist += x;
    CHECK(hist == g.first_booked);
    CHECK(g.wait_median <= g.wait_p90);
    CHECK(g.wait_p90 <= g.wait_p95);
    CHECK(g.attended + g.client_dna + g.coach_dna + g.cancelled_by_client + g.cancelled_by_coach <= g.sessions_booked);
    CHECK(g.out_of_hours <= g.sessions_booked);
    REQUIRE(r.coaches.size() == 4);
    // 4 weeks of Monday-Friday 09:00-17:00 = 20 x 480 minutes (c4 has Saturdays 10:00-14:00 too).
    CHECK(r.coaches[0].rota_minutes == 20 * 480);
    CHECK(r.coaches[3].rota_minutes == 20 * 480 + 4 * 240);
    double hb = 0, cb = 0, hr = 0;
    for (double x : r.hour_booked_minutes) hb += x;
    for (double x : r.hour_rota_minutes) hr += x;
    for (const auto& k : r.coaches) cb += k.booked_minutes;
    CHECK(hb == Approx(cb));
    CHECK(hr == Approx(4 * 20 * 480 + 4 * 240));
    // Coaches work weekdays 09:00-17:00 UK local (and c4 Saturdays): every session booked out of
    // office hours is c4's Saturday one.
  }
  const sim::Summary sum = sim::summarise(rs, 0.9);
  CHECK(sum.replications == 8);
  auto row = [&](const std::string& offer, const std::string& measure) {
    for (const auto& x : sum.rows)
      if (x.offer_id == offer && x.measure == measure) return x;
    FAIL("no row " << offer << " " << measure);
    return sim::SummaryRow{};
  };
  const sim::SummaryRow share = row("lay_too_1to1", "share_within_24h");
  std::vector<double> xs;
  for (const auto& r : rs) xs.push_back(static_cast<double>(r.groups[0].within[0]) / static_cast<double>(r.groups[0].requests));
  double m = 0;
  for (double x : xs) m += x;
  m /= 8;
  double ss = 0;
  for (double x : xs) ss += (x - m) * (x - m);
  const double sdv = std::sqrt(ss / 7);
  CHECK(share.mean == Approx(m));
  CHECK(share.sd == Approx(sdv));
  CHECK(share.n == 8);
  // t(0.95, 7) = 1.894578605 (scipy.stats.t.ppf(0.95, 7)).
  CHECK(share.upper - share.mean == Approx(1.894578605 * sdv / std::sqrt(8.0)).epsilon(1e-8));
  CHECK(row("", "share_within_72h").mean >= row("", "share_within_24h").mean);
  CHECK(row("", "utilisation").mean > 0);
  CHECK(sum.coaches.size() == 4);
  CHECK(sum.hours.size() == 168);
  CHECK(std::isnan(sum.hours[3].mean));  // Monday 03:00: nobody on the rota
  CHECK(sum.hours[10].mean > 0);         // Monday 10:00
  require_error<ValidationError>([&] { sim::summarise(rs, 1.0); }, "summary", "level", "confidence_level");
  auto other = rs;
  other[3].coaches[0].coach_id = "zz";
  require_error<ValidationError>([&] { sim::summarise(other, 0.95); }, "summary", "results", "same_scenario");
}

sim::SummaryRow row_of(const sim::Summary& x, const std::string& measure) {
  for (const auto& r : x.rows)
    if (r.offer_id.empty() && r.measure == measure) return r;
  FAIL("no row " << measure);
  return {};
}

TEST_CASE("simulation: what-if edits: more coaches, evening hours, an offer opened", "[simulation]") {
  const sim::Scenario s = small_scenario(0.2);
  const sim::Scenario more = sim::add_coaches(s, "c1", 3, sim::weekly_blocks(18 * 60, 22 * 60, 0x1F));
  REQUIRE(more.coaches.size() == 7);
  CHECK(more.coaches[4].id == "sim-coach-1");
  CHECK(more.coaches[4].rota.weekly == sim::weekly_blocks(1080, 1320, 0x1F));
  CHECK(more.coaches[4].offers == s.coaches[0].offers);
  const auto base = sim::summarise(sim::run(s, 2, 0, 6));
  const auto plus = sim::summarise(sim::run(more, 2, 0, 6));
  auto share = [](const sim::Summary& x) {
    for (const auto& r : x.rows)
      if (r.offer_id.empty() && r.measure == "share_within_24h") return r.mean;
    return -1.0;
  };
  // Common random numbers: the same clients ask at the same times in both scenarios.
  CHECK(row_of(plus, "requests").mean == row_of(base, "requests").mean);
  // Evening coaches see people sooner (median wait) and more of them out of office hours; the
  // 24-hour share cannot fall.
  CHECK(row_of(plus, "wait_median_minutes").mean < 0.5 * row_of(base, "wait_median_minutes").mean);
  CHECK(row_of(plus, "share_out_of_hours").mean > row_of(base, "share_out_of_hours").mean + 0.05);
  CHECK(share(plus) >= share(base) - 0.01);
  const sim::Scenario hours = sim::add_hours(s, sim::weekly_blocks(17 * 60, 21 * 60, 0x7F), {"c2"});
  CHECK(hours.coaches[1].rota.weekly.size() == s.coaches[1].rota.weekly.size() + 7);
  CHECK(hours.coaches[0].rota.weekly == s.coaches[0].rota.weekly);
  const sim::Scenario opened = sim::open_offer(s, "lay_team_leader", {"c3"});
  CHECK(std::find(opened.coaches[2].offers.begin(), opened.coaches[2].offers.end(), "lay_team_leader") != opened.coaches[2].offers.end());
  // The ethnically diverse pathway opens only to coaches who self-identify so.
  sim::Scenario eds = s;
  eds.coaches[1].ethnically_diverse = true;
  const sim::Scenario edp = sim::open_offer(eds, "lay_too_edp_1to1");
  CHECK(edp.coaches[1].ethnically_diverse_pathway);
  CHECK(!edp.coaches[0].ethnically_diverse_pathway);
  CHECK(std::find(edp.coaches[0].offers.begin(), edp.coaches[0].offers.end(), "lay_too_edp_1to1") == edp.coaches[0].offers.end());
  require_error<NotFoundError>([&] { sim::add_coaches(s, "nobody", 2); }, "nobody", "template_coach_id", "reference_resolves");
  require_error<ValidationError>([&] { sim::add_coaches(s, "c1", -1); }, "scenario", "n", "count_range");
  require_error<NotFoundError>([&] { sim::add_hours(s, {}, {"c1", "zz"}); }, "zz", "coach_ids/1", "reference_resolves");
  require_error<NotFoundError>([&] { sim::open_offer(s, "no_offer"); }, "no_offer", "offer_id", "reference_resolves");
  require_error<ValidationError>([&] { sim::weekly_blocks(600, 600); }, "", "from_min", "time_of_day_range");
}

TEST_CASE("simulation: a scenario the live rules refuse is refused with their error", "[simulation]") {
  sim::Scenario s = small_scenario();
  // Leaders only: a staff client who is not a leader is refused by the referral's eligibility rule.
  s.demand.streams[0].offer_id = "lay_team_leader";
  s.demand.streams[0].client = sim::ClientProfile{};
  try {
    sim::run(s, 1, 0, 1);
    FAIL("accepted");
  } catch (const ValidationError& e) {
    CHECK(e.record() == "sim-referral-0");
    CHECK(e.rule().find("eligib") != std::string::npos);
  }
  // Without a profile, the stream's clients are ones the offer admits.
  s.demand.streams[0].client.reset();
  s.coaches = sim::open_offer(s, "lay_team_leader").coaches;
  CHECK(sim::run(s, 1, 0, 1).size() == 1);
  s.demand.streams[0].offer_id = "nope";
  require_error<NotFoundError>([&] { sim::run(s, 1, 0, 1); }, "demand", "/streams/0/offer_id", "reference_resolves");
  s = small_scenario();
  s.days = 0;
  require_error<ValidationError>([&] { sim::run(s, 1, 0, 1); }, "scenario", "days", "scenario_days_range");
  s = small_scenario();
  s.demand.streams[0].per_hour[12] = -1;
  require_error<ValidationError>([&] { sim::run(s, 1, 0, 1); }, "demand", "/streams/0/per_hour/12", "rate_range");
  s = small_scenario();
  s.demand.streams[0].sessions_pmf = {0.5, 0.4};
  require_error<ValidationError>([&] { sim::run(s, 1, 0, 1); }, "demand", "/streams/0/sessions_pmf", "pmf_sum");
  s = small_scenario();
  s.coaches[0].rota.weekly.push_back({9, 0, 60});
  CHECK_THROWS_AS(sim::run(s, 1, 0, 1), ValidationError);
  require_error<ValidationError>([&] { sim::run(small_scenario(), 1, -1, 1); }, "run", "first", "replication_range");
}

TEST_CASE("simulation: a replication that would schedule more events than the queue can order stops with the exact error", "[simulation]") {
  const sim::Scenario s = small_scenario();
  sd::Compiled c = sd::compile(s);
  CHECK(c.max_events == sd::kMaxEvents);
  std::vector<sd::Booked> trace;
  const sim::ReplicationResult whole = sd::replicate(c, 3, 0, &trace);
  REQUIRE(trace.size() > 20);
  // The same replication allowed fewer events than it schedules (every booking schedules at least
  // one: its follow-up, cancellation or release): the error names the scenario's days.
  c.max_events = trace.size() / 2;
  require_error<ValidationError>([&] { sd::replicate(c, 3, 0); }, "scenario", "days", "simulation_events");
  // Enough room again: the same result as before (the limit changes nothing below it).
  c.max_events = sd::kMaxEvents;
  CHECK(sd::replicate(c, 3, 0) == whole);
}

TEST_CASE("simulation: progress is reported and cancelling stops the run", "[simulation]") {
  const sim::Scenario s = small_scenario();
  std::vector<int> seen;
  sim::RunOptions o;
  o.threads = 2;
  o.progress = [&](int done, int total) {
    CHECK(total == 12);
    seen.push_back(done);
    return done < 3;
  };
  const auto rs = sim::run(s, 4, 0, 12, o);
  CHECK(rs.size() >= 3);
  CHECK(rs.size() < 12);
  for (std::size_t i = 1; i < seen.size(); ++i) CHECK(seen[i] == seen[i - 1] + 1);
  // What was returned is what a full run gives for those replications.
  const auto full = sim::run(s, 4, 0, 12);
  for (const auto& r : rs) CHECK(r == full[static_cast<std::size_t>(r.replication)]);
}

TEST_CASE("simulation: group sessions fill to capacity, then their waiting lists are served in order", "[simulation]") {
  sim::Scenario s = small_scenario();
  s.demand.streams.clear();
  // Peer wellbeing groups (capacity 8, 90 minutes) on three Wednesdays at 18:00 UK local (17:00 UTC).
  for (int w = 0; w < 3; ++w) {
    Session g;
    g.id = "g" + std::to_string(w);
    g.offer_id = "lay_too_peer";
    g.coach_id = "c1";
    g.start = at("2025-06-04T17:00:00Z") + boost::posix_time::hours(24 * 7 * w);
    g.modality = Modality::Video;
    if (w == 0) g.attendees = {{"x1", "", AttendeeStatus::Booked}, {"x2", "", AttendeeStatus::Booked}};  // two places taken
    s.group_sessions.push_back(g);
  }
  s.start = at("2025-06-02T00:00:00Z");
  s.days = 21;
  sim::DemandStream st;
  st.offer_id = "lay_too_peer";
  st.per_hour = daily_rate(0.15, 8, 20);
  st.client_cancel = 0.25;
  st.window_days = 28;
  s.demand.streams.push_back(st);
  const sd::Compiled c = sd::compile(s);
  std::vector<sd::Booked> trace;
  const auto rr = sd::replicate(c, 21, 0, &trace);
  // A Cancel event names its client directly, or by the trace's record with a trace: same results.
  CHECK(sd::replicate(c, 21, 0) == rr);
  const auto& g = rr.groups[0];
  CHECK(g.offer_id == "lay_too_peer");
  CHECK(g.requests > 30);
  CHECK(g.waiting_list_joins > 0);
  CHECK(g.cancelled_by_client > 0);
  std::map<std::string, int> places;  // held places per session, in order of events
  std::map<std::string, int> most;
  std::map<std::string, std::vector<std::uint64_t>> served;  // waiting-list clients given a freed place
  std::map<std::uint64_t, double> asked;
  for (const auto& b : trace) {
    if (b.kind == sd::Booked::Kind::Cancel) {
      places[b.group_id]--;
      continue;
    }
    if (b.kind != sd::Booked::Kind::Book) continue;
    REQUIRE(!b.group_id.empty());
    CHECK(b.coach_id.empty());
    if (!asked.count(b.client)) asked[b.client] = b.requested;
    const int taken0 = b.group_id == "g0" ? 2 : 0;
    most[b.group_id] = std::max(most[b.group_id], taken0 + ++places[b.group_id]);
    if (b.first && b.booked_at > std::ceil(b.requested) + 1) served[b.group_id].push_back(b.client);  // booked later than asked
  }
  for (const auto& [id, n] : most) CHECK(n <= 8);
  CHECK(most["g0"] == 8);
  long long from_lists = 0;
  for (const auto& [id, v] : served) {
    from_lists += static_cast<long long>(v.size());
    CHECK(std::is_sorted(v.begin(), v.end()));  // clients are numbered in order of asking
  }
  CHECK(from_lists > 0);
  CHECK(from_lists < g.waiting_list_joins);  // some joined a list that never gave them a place
  // Those are unmet demand, as are those who found no session at all: every client is one or
  // the other.
  CHECK(g.unmet >= g.waiting_list_joins - from_lists);
  CHECK(g.first_booked + g.unmet == g.requests);
  // The sessions hold their coach's time: 3 x 90 minutes on c1's diary.
  CHECK(rr.coaches[0].booked_minutes == 270);
  // A group session on an offer that is not a group is refused; so is one naming an unknown coach.
  s.group_sessions[0].offer_id = "lay_too_1to1";
  require_error<ValidationError>([&] { sim::run(s, 1, 0, 1); }, "g0", "group_sessions/0/offer_id", "group_offer");
  s.group_sessions[0].offer_id = "lay_too_peer";
  s.group_sessions[1].coach_id = "nobody";
  require_error<NotFoundError>([&] { sim::run(s, 1, 0, 1); }, "g1", "group_sessions/1/coach_id", "reference_resolves");
}

TEST_CASE("simulation: the optimiser finds the smallest number of coaches that meets the target", "[simulation]") {
  // Demand beyond the four coaches' capacity (the share is then limited by coaches, not by
  // rota coverage or preferences).
  sim::Scenario s = small_scenario(0.8);
  s.demand.streams[0].preferences.clear();
  sim::OptimiseOptions o;
  o.lever = sim::Lever::Coaches;
  o.template_coach_id = "c1";
  o.weekly = sim::weekly_blocks(8 * 60, 22 * 60, 0x7F);  // seven days a week
  o.target = 0.9;
  o.level = 0.9;
  o.max_added = 16;
  o.replications = 6;
  o.seed = 3;
  const sim::OptimiseResult r = sim::optimise(s, o);
  for (const auto& p : r.points) UNSCOPED_INFO(p.added << ": " << p.mean << " [" << p.lower << ", " << p.upper << "]");
  REQUIRE(r.best);
  REQUIRE(!r.points.empty());
  CHECK(std::is_sorted(r.points.begin(), r.points.end(), [](const auto& a, const auto& b) { return a.added < b.added; }));
  for (const auto& p : r.points) {
    CHECK(p.meets == (p.lower >= o.target));
    CHECK(p.meets == (p.added >= *r.best));  // the search's answer is the boundary of what it saw
    CHECK(p.lower <= p.mean);
    CHECK(p.mean <= p.upper);
  }
  CHECK(*r.best > 0);
  // best - 1 was evaluated and fails (so best is the smallest, not just a passing point).
  CHECK(std::any_of(r.points.begin(), r.points.end(), [&](const auto& p) { return p.added == *r.best - 1 && !p.meets; }));
  // The point at best is what run + summarise give for that scenario.
  const auto x = sim::add_coaches(s, "c1", *r.best, o.weekly, "opt-coach-");
  const sim::Summary sum = sim::summarise(sim::run(x, 3, 0, 6), 0.9);
  for (const auto& row : sum.rows)
    if (row.offer_id.empty() && row.measure == "share_within_24h")
      for (const auto& p : r.points)
        if (p.added == *r.best) {
          CHECK(p.mean == Approx(row.mean));
          CHECK(p.lower == Approx(row.lower));
        }
  // Unreachable: no best, every point fails.
  o.target = 1.0;
  o.max_added = 2;
  const sim::OptimiseResult none = sim::optimise(s, o);
  CHECK(!none.best);
  o.target = 1.5;
  require_error<ValidationError>([&] { sim::optimise(s, o); }, "optimise", "target", "share_range");
  o.target = 0.9;
  o.lever = sim::Lever::Hours;
  o.weekly.clear();
  require_error<ValidationError>([&] { sim::optimise(s, o); }, "optimise", "weekly", "blocks_required");
  o.lever = sim::Lever::Coaches;
  o.template_coach_id = "zz";
  require_error<NotFoundError>([&] { sim::optimise(s, o); }, "zz", "template_coach_id", "reference_resolves");
}

TEST_CASE("simulation: a scenario from a live programme, with its booked group sessions", "[simulation]") {
  ProgrammeData d;
  d.catalogue = default_catalogue();
  d.coaches = small_scenario().coaches;
  Programme p(d);
  Client cl;
  cl.id = "k1";
  cl.consent.coaching = true;
  cl.consent.recorded_at = at("2025-01-01T00:00:00Z");
  p.add_client(cl);
  Session g;
  g.id = "peer1";
  g.offer_id = "lay_too_peer";
  g.coach_id = "c2";
  g.start = at("2025-03-05T12:00:00Z");
  g.attendees = {{"k1", "", AttendeeStatus::Booked}};
  g.booked_at = at("2025-02-01T00:00:00Z");
  p.book(g);
  const sim::Scenario s = sim::scenario_from(p, small_scenario().demand, at("2025-03-03T00:00:00Z"), 28);
  CHECK(s.coaches == p.coaches());
  CHECK(s.catalogue == p.catalogue());
  REQUIRE(s.group_sessions.size() == 1);
  CHECK(s.group_sessions[0].id == "peer1");
  CHECK(s.group_sessions[0].attendees.size() == 1);
  const auto rs = sim::run(s, 1, 0, 2);
  CHECK(rs[0].coaches[1].booked_minutes >= 90);
  require_error<ValidationError>([&] { sim::scenario_from(p, {}, Instant(boost::posix_time::not_a_date_time), 28); }, "scenario",
                                 "start", "instant_required");
}

TEST_CASE("simulation: a replication with a trace equals one without (cancellations and missed sessions)", "[simulation]") {
  // Cancel and Release events carry their booking; the client is named directly without a trace
  // and through the booking's trace record with one. Outcomes are frequent here so that every
  // kind of event occurs.
  sim::Scenario s = small_scenario(0.12);
  sim::DemandStream& st = s.demand.streams[0];
  st.client_dna = 0.15;
  st.coach_dna = 0.1;
  st.client_cancel = 0.15;
  st.coach_cancel = 0.1;
  const sd::Compiled c = sd::compile(s);
  for (int r = 0; r < 3; ++r) {
    std::vector<sd::Booked> trace;
    const sim::ReplicationResult with = sd::replicate(c, 11, r, &trace);
    const sim::ReplicationResult without = sd::replicate(c, 11, r);
    CHECK(with == without);
    const auto& g = without.total;
    CHECK(g.cancelled_by_client > 0);
    CHECK(g.cancelled_by_coach > 0);
    CHECK(g.client_dna > 0);
    CHECK(g.coach_dna > 0);
    // Every Cancel and Missed record points back at a booking of the same client and span.
    long long cancels = 0, missed = 0;
    for (const sd::Booked& b : trace) {
      if (b.kind == sd::Booked::Kind::Book) continue;
      const sd::Booked& of = trace[b.of];
      CHECK(of.kind == sd::Booked::Kind::Book);
      CHECK(of.client == b.client);
      CHECK(of.start == b.start);
      (b.kind == sd::Booked::Kind::Cancel ? cancels : missed)++;
    }
    CHECK(cancels == g.cancelled_by_client + g.cancelled_by_coach);
    CHECK(missed == g.client_dna + g.coach_dna);
  }
}

TEST_CASE("simulation: a client's own diary never binds: skipping it changes nothing", "[simulation]") {
  // The replication leaves clients out of the diary (Compiled::client_diary off): a client asks
  // only once its earlier sessions have ended. Here follow-ups come the same day or the next
  // (interval 0 or 1 day: from the end of the last session), of fixed or drawn lengths, every
  // outcome is frequent, and in the tight case each coach takes one session a day and a request
  // looks one day ahead, so that a follow-up often goes to another coach than the last (whose
  // own diary would otherwise cover the client's). With the clients' diaries kept and respected
  // by the search, every replication is the same, with a trace or without.
  for (const bool tight : {false, true})
    for (const double mean : {0.0, 75.0}) {
      sim::Scenario s = small_scenario(0.12);
      sim::DemandStream& st = s.demand.streams[0];
      st.sessions_pmf = {0.1, 0.2, 0.3, 0.4};
      st.interval_pmf = {0.6, 0.4};
      st.client_dna = 0.1;
      st.coach_dna = 0.1;
      st.client_cancel = 0.1;
      st.coach_cancel = 0.1;
      st.session_minutes_mean = mean;
      if (tight) {
        st.window_days = 1;
        for (Coach& c : s.coaches) c.rota.max_sessions_per_day = 1;
      }
      const sd::Compiled off = sd::compile(s);
      sd::Compiled on = sd::compile(s);
      on.client_diary = true;
      long long other_coach = 0;
      for (int r = 0; r < 3; ++r) {
        std::vector<sd::Booked> t_off, t_on;
        const sim::ReplicationResult a = sd::replicate(off, 13, r, &t_off);
        CHECK(a == sd::replicate(on, 13, r, &t_on));
        CHECK(a == sd::replicate(on, 13, r));
        REQUIRE(t_off.size() == t_on.size());
        REQUIRE(t_off.size() > 50);
        for (std::size_t i = 0; i < t_off.size(); ++i) {
          CHECK(t_off[i].start == t_on[i].start);
          CHECK(t_off[i].coach_id == t_on[i].coach_id);
        }
        // Same-day follow-ups did occur: a client's session starting within a day of the end of
        // its previous one, some with another coach.
        long long same_day = 0;
        std::map<std::uint64_t, std::pair<bkd::Min, std::string>> last;
        for (const sd::Booked& b : t_off) {
          if (b.kind != sd::Booked::Kind::Book) continue;
          auto it = last.find(b.client);
          if (it != last.end() && b.start - it->second.first < 1440) {
            ++same_day;
            if (b.coach_id != it->second.second) ++other_coach;
          }
          last[b.client] = {b.start + b.minutes, b.coach_id};
        }
        CHECK(same_day > 10);
        CHECK(a.total.cancelled_by_client > 0);
        CHECK(a.total.coach_dna > 0);
      }
      if (tight) CHECK(other_coach > 10);
    }
}

TEST_CASE("simulation: a Cdf draws what an upper bound over its cumulative probabilities gives", "[simulation]") {
  // Draws by the guide table against std::upper_bound: at random, and just below, at and above
  // every bucket edge and every cumulative probability; pmfs with zeros (leading, inner,
  // trailing), one value, and long ones (more values than buckets).
  std::vector<std::vector<double>> pmfs = {{1.0}, {0.28, 0.22, 0.18, 0.14, 0.1, 0.08}, {0, 0, 0, 0, 0, 0, 0.5, 0.5}, {0.5, 0, 0, 0.5, 0}};
  std::vector<double> interval(29, 0.0);
  for (int d = 7; d < 29; ++d) interval[static_cast<std::size_t>(d)] = 1.0 / 22;
  pmfs.push_back(interval);
  std::vector<double> skewed(1000, 0.0001 / 999);
  skewed[0] = 0.9999;
  pmfs.push_back(skewed);
  pmfs.push_back(std::vector<double>(300, 1.0 / 300));
  sim::Philox rng(7, 0);
  for (const auto& pmf : pmfs) {
    const sd::Cdf cdf(pmf);
    const std::vector<double>& c = cdf.cumulative();
    REQUIRE(c.size() == pmf.size());
    CHECK(c.back() == 2.0);
    auto expect = [&](double u) { return static_cast<std::size_t>(std::upper_bound(c.begin(), c.end(), u) - c.begin()); };
    std::vector<double> us;
    for (int i = 0; i < 20000; ++i) us.push_back(rng.uniform());
    for (std::size_t j = 0; j <= 2048; ++j) {
      const double e = static_cast<double>(j) / 2048;
      us.insert(us.end(), {e, std::nextafter(e, 0.0), std::nextafter(e, 1.0)});
    }
    for (double x : c) us.insert(us.end(), {x, std::nextafter(x, 0.0), std::nextafter(x, 1.0)});
    long long bad = 0;
    for (double u : us)
      if (u >= 0 && u < 1 && cdf.draw(u) != expect(u)) ++bad;
    CHECK(bad == 0);
    // And the draws follow the pmf (a value of weight 0 is never drawn).
    std::vector<long long> n(pmf.size(), 0);
    for (int i = 0; i < 20000; ++i) n[cdf.draw(us[static_cast<std::size_t>(i)])]++;
    for (std::size_t k = 0; k < pmf.size(); ++k) {
      if (pmf[k] == 0) CHECK(n[k] == 0);
      else if (pmf[k] * 20000 >= 20)  // (a normal approximation of the count)
        CHECK(std::abs(static_cast<double>(n[k]) / 20000 - pmf[k]) <= 4 * std::sqrt(pmf[k] * (1 - pmf[k]) / 20000));
    }
  }
}
