// Benchmark of the booking engine at national scale: 500 coaches with four years of rotas
// (weekly patterns in UK local time, dated exceptions, leave, caps, buffers), 100,000 existing
// bookings, and the programme's 40,000 requests (new clients and follow-ups with continuity,
// modality and time-of-day preferences, four offers incl. the ethnically diverse pathway).
//
// Measures, in one run:
//  1. the latency of an earliest-slot search (booking::search, max_results 1) over a sample of
//     the requests against the initial state: median, p90, p99, max;
//  2. the throughput of booking all 40,000 requests in order (booking::book_earliest: search,
//     check_session + the engine's rules, commit), Programme without a store;
//  3. the same bookings on an SQLite store (one transaction each, synchronous=FULL) for the
//     first N requests;
//  4. a straightforward plain-Python implementation of the same rules on the same data
//     (benchmarks/bench_booking_py.py, run as a subprocess on the scenario written as JSON):
//     its search latency and booking throughput on a sample, whether its answers agree with
//     the engine's, and the ratios.
//  5. the kernel alone, as the capacity simulation drives it (booking_kernel.hpp): a Supply built
//     from the records, a Diary, integer-keyed Asks: the same searches and the same 40,000
//     bookings in order (find_slots + occupy), checked slot for slot against book_earliest.
// Single-threaded; pinned to one core where possible.
//
// Usage: bench_booking [--coaches N] [--existing N] [--kernel-reps N] [--book-reps N] [searches] [sqlite_bookings] [python_searches] [python_bookings]
//        (defaults 500 coaches, 100000 existing bookings, 20000 2000 1000 1000; python_searches 0
//        skips Python). The second scale: --coaches 5000 --existing 1000000.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#if defined(__linux__)
#include <sched.h>
#include <sys/resource.h>
#endif

#include "booking_detail.hpp"
#include "booking_kernel.hpp"
#include "laycoach/booking.hpp"
#include "laycoach/store.hpp"
#include "national_coaches.hpp"

using namespace laycoach;
namespace bk = laycoach::booking;
namespace dt = laycoach::booking::detail;
using Clock = std::chrono::steady_clock;

namespace {

int kCoaches = 500;      // --coaches N
int kExisting = 100000;  // --existing N
int kKernelReps = 5;     // --kernel-reps N: runs of the kernel's 40,000 bookings (the best is reported)
int kBookReps = 1;       // --book-reps N: runs of book_earliest's 40,000 bookings, each on a fresh copy (every run reported)
constexpr int kRequests = 40000;
const Date kFirst(2021, 1, 4);  // a Monday
constexpr int kDays = 4 * 365 + 1;

struct Request {
  bk::SlotRequest r;
  Instant requested_at;
};

struct Scenario {
  ProgrammeData data;
  std::vector<Request> requests;
};

// CPU time of this thread, seconds: what a run costs when other processes share the cores.
double thread_cpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

Instant utc_of(Date d, int minute) {
  return *from_uk_local(LocalDateTime(d, boost::posix_time::minutes(minute)));  // 08:00-22:00: always unique
}

Scenario make_scenario(std::uint64_t seed) {
  Scenario sc;
  std::mt19937_64 rng(seed);
  auto uni = [&](int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng); };
  auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  ProgrammeData& d = sc.data;
  d.catalogue = default_catalogue();

  // ---- coaches ----
  d.coaches = bench::national_coaches(kCoaches, kFirst, rng);
  std::map<std::string, std::vector<int>> deliverers;
  for (int i = 0; i < kCoaches; ++i)
    for (const auto& o : d.coaches[static_cast<std::size_t>(i)].offers) deliverers[o].push_back(i);

  auto consented = [] {
    Consent c;
    c.coaching = c.evaluation = true;
    c.recorded_at = Instant(Date(2020, 12, 1));
    return c;
  };
  auto pick_offer = [&](Client& cl) {
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    if (u < 0.75) return std::string("lay_too_1to1");
    if (u < 0.87) return std::string("lay_career_1to1");
    if (u < 0.95) {
      cl.leader = true;
      return std::string("lay_team_leader");
    }
    cl.ethnically_diverse = true;
    return std::string("lay_too_edp_1to1");
  };

  // ---- 100,000 existing bookings: ~30,000 clients, each with a referral and 1-6 sessions
  // with one coach, weekly, placed in the coach's rota (so every rule holds). ----
  std::vector<std::set<std::pair<dt::Min, dt::Min>>> coach_busy(kCoaches);
  std::map<std::pair<int, int>, int> day_count, week_count;
  std::vector<std::pair<std::string, std::string>> follow_ups;  // client, referral
  std::vector<std::pair<int, int>> blocks;
  int made = 0, n_clients = 0;
  while (made < kExisting) {
    Client cl;
    char cid[16];
    std::snprintf(cid, sizeof cid, "e%05d", n_clients++);
    cl.id = cid;
    cl.staff_group = "nursing";
    cl.consent = consented();
    const std::string offer = pick_offer(cl);
    const Offer& o = *std::find_if(d.catalogue.offers.begin(), d.catalogue.offers.end(), [&](const Offer& x) { return x.id == offer; });
    Referral ref;
    ref.id = "r" + cl.id;
    ref.client_id = cl.id;
    ref.offer_id = offer;
    const auto& who = deliverers[offer];
    const int ci = who[static_cast<std::size_t>(uni(0, static_cast<int>(who.size()) - 1))];
    const Coach& c = d.coaches[static_cast<std::size_t>(ci)];
    int day = uni(0, kDays - 60);
    ref.requested_at = Instant(kFirst + boost::gregorian::days(day)) - boost::posix_time::hours(uni(2, 60));
    d.clients.push_back(cl);
    d.referrals.push_back(ref);
    follow_ups.emplace_back(cl.id, ref.id);
    const int want = uni(1, 6);
    for (int k = 0; k < want && made < kExisting && day < kDays - 2; ++k, day += 7) {
      // First day from `day` with a block that fits, at a random grid time inside it.
      for (int tries = 0; tries < 14; ++tries, ++day) {
        const Date date = kFirst + boost::gregorian::days(day);
        blocks.clear();
        dt::blocks_of_day(c.rota, date, blocks);
        if (blocks.empty()) continue;
        const auto [a, b] = blocks[static_cast<std::size_t>(uni(0, static_cast<int>(blocks.size()) - 1))];
        if (b - a < o.session_minutes) continue;
        const int m = a + 15 * uni(0, (b - a - o.session_minutes) / 15);
        const Instant start = utc_of(date, m);
        const dt::Min s = dt::floor_min(start, "s"), e = s + o.session_minutes;
        const int dn = dt::local_day(s), wk = dt::week_of(dn);
        if (day_count[{ci, dn}] >= c.rota.max_sessions_per_day || week_count[{ci, wk}] >= c.rota.max_sessions_per_week) continue;
        const int buf = c.rota.buffer_minutes;
        auto& busy = coach_busy[static_cast<std::size_t>(ci)];
        auto it = busy.lower_bound({s - 24 * 60, 0});
        bool clash = false;
        for (; it != busy.end() && it->first < e + buf; ++it)
          if (it->first < e + buf && s < it->second + buf) clash = true;
        if (clash) continue;
        busy.insert({s, e});
        ++day_count[{ci, dn}];
        ++week_count[{ci, wk}];
        Session ss;
        ss.id = "x" + std::to_string(made);
        ss.offer_id = offer;
        ss.coach_id = c.id;
        ss.attendees = {{cl.id, ref.id, AttendeeStatus::Booked}};
        ss.start = start;
        ss.minutes = o.session_minutes;
        ss.modality = Modality::Video;
        ss.booked_at = ref.requested_at;
        ss.requested_at = ref.requested_at;
        ss.first_offered = start;
        d.sessions.push_back(std::move(ss));
        ++made;
        break;
      }
    }
  }

  // ---- 40,000 requests in order: a quarter are follow-ups (continuity), the rest new clients ----
  std::vector<Instant> times;
  const Instant t0 = Instant(kFirst + boost::gregorian::days(7));
  const long span = static_cast<long>(kDays - 40) * 24 * 60;
  for (int i = 0; i < kRequests; ++i) times.push_back(t0 + boost::posix_time::minutes(std::uniform_int_distribution<long>(0, span)(rng)));
  std::sort(times.begin(), times.end());
  for (int i = 0; i < kRequests; ++i) {
    Request q;
    q.requested_at = times[static_cast<std::size_t>(i)];
    bk::SlotRequest& r = q.r;
    if (chance(0.25)) {
      const auto& [cl, ref] = follow_ups[static_cast<std::size_t>(uni(0, static_cast<int>(follow_ups.size()) - 1))];
      r.client_id = cl;
      r.referral_id = ref;
    } else {
      Client cl;
      char cid[16];
      std::snprintf(cid, sizeof cid, "n%05d", i);
      cl.id = cid;
      cl.consent = consented();
      const std::string offer = pick_offer(cl);
      Referral ref;
      ref.id = "r" + cl.id;
      ref.client_id = cl.id;
      ref.offer_id = offer;
      ref.requested_at = q.requested_at;
      d.clients.push_back(cl);
      d.referrals.push_back(ref);
      r.client_id = cl.id;
      r.referral_id = ref.id;
      r.offer_id = offer;
    }
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    if (u < 0.2) r.modality = Modality::Telephone;
    else if (u < 0.3) r.modality = Modality::Video;
    const double v = std::uniform_real_distribution<double>(0, 1)(rng);
    if (v < 0.2) r.times_of_day = {{17 * 60, 22 * 60}};  // after a shift
    else if (v < 0.3) r.times_of_day = {{8 * 60, 12 * 60}};
    r.earliest = r.now = q.requested_at;
    r.latest = q.requested_at + boost::gregorian::days(bk::kDefaultWindowDays);
    r.max_results = 1;
    sc.requests.push_back(std::move(q));
  }
  return sc;
}

// ---- the scenario as JSON for the Python implementation (written by hand: no dependency) ----

std::string q(const std::string& s) { return "\"" + s + "\""; }
long long unix_min(Instant t) { return to_unix_seconds(t) / 60; }

void write_json(const Scenario& sc, const std::string& path, const std::vector<std::size_t>& sample,
                const std::vector<bk::Slot>& sample_cpp, const std::vector<Session>& booked_cpp) {
  std::ofstream f(path);
  const ProgrammeData& d = sc.data;
  f << "{\n\"offers\": {";
  bool first = true;
  for (const Offer& o : d.catalogue.offers) {
    f << (first ? "" : ",") << "\n" << q(o.id) << ": {\"minutes\": " << o.session_minutes << ", \"notice\": " << o.min_notice_minutes
      << ", \"bank_holidays_open\": " << (o.hours.open_on_bank_holidays ? "true" : "false")
      << ", \"pathway\": " << (o.ethnically_diverse_pathway ? "true" : "false") << ", \"modalities\": [";
    for (std::size_t i = 0; i < o.modalities.size(); ++i) f << (i ? "," : "") << q(to_string(o.modalities[i]));
    f << "], \"hours\": [";
    for (std::size_t i = 0; i < 7; ++i) f << (i ? "," : "") << "[" << o.hours.days[i].open_min << "," << o.hours.days[i].close_min << "]";
    f << "]}";
    first = false;
  }
  f << "},\n\"bank_holidays\": [";
  first = true;
  for (int y = 2020; y <= 2026; ++y)
    for (Date h : bank_holidays_england_wales(y)) {
      f << (first ? "" : ",") << q(format_date(h));
      first = false;
    }
  f << "],\n\"coaches\": [";
  for (std::size_t i = 0; i < d.coaches.size(); ++i) {
    const Coach& c = d.coaches[i];
    f << (i ? "," : "") << "\n{\"id\": " << q(c.id) << ", \"active\": " << (c.active ? "true" : "false")
      << ", \"pathway\": " << (c.ethnically_diverse_pathway ? "true" : "false") << ", \"offers\": [";
    for (std::size_t k = 0; k < c.offers.size(); ++k) f << (k ? "," : "") << q(c.offers[k]);
    f << "], \"modalities\": [";
    for (std::size_t k = 0; k < c.modalities.size(); ++k) f << (k ? "," : "") << q(to_string(c.modalities[k]));
    f << "], \"weekly\": [";
    for (std::size_t k = 0; k < c.rota.weekly.size(); ++k)
      f << (k ? "," : "") << "[" << c.rota.weekly[k].weekday << "," << c.rota.weekly[k].start_min << "," << c.rota.weekly[k].end_min << "]";
    f << "], \"exceptions\": [";
    for (std::size_t k = 0; k < c.rota.exceptions.size(); ++k) {
      f << (k ? "," : "") << "[" << q(format_date(c.rota.exceptions[k].date)) << ", [";
      for (std::size_t b = 0; b < c.rota.exceptions[k].blocks.size(); ++b)
        f << (b ? "," : "") << "[" << c.rota.exceptions[k].blocks[b].start_min << "," << c.rota.exceptions[k].blocks[b].end_min << "]";
      f << "]]";
    }
    f << "], \"leave\": [";
    for (std::size_t k = 0; k < c.rota.leave.size(); ++k)
      f << (k ? "," : "") << "[" << q(format_date(c.rota.leave[k].first)) << "," << q(format_date(c.rota.leave[k].last)) << "]";
    f << "], \"day_cap\": " << c.rota.max_sessions_per_day << ", \"week_cap\": " << c.rota.max_sessions_per_week
      << ", \"buffer\": " << c.rota.buffer_minutes << "}";
  }
  f << "],\n\"clients\": {";
  for (std::size_t i = 0; i < d.clients.size(); ++i) f << (i ? "," : "") << q(d.clients[i].id) << ":" << (d.clients[i].ethnically_diverse ? 1 : 0);
  f << "},\n\"referrals\": {";
  for (std::size_t i = 0; i < d.referrals.size(); ++i)
    f << (i ? "," : "") << q(d.referrals[i].id) << ":[" << q(d.referrals[i].client_id) << "," << q(d.referrals[i].offer_id) << "]";
  f << "},\n\"sessions\": [";
  for (std::size_t i = 0; i < d.sessions.size(); ++i) {
    const Session& s = d.sessions[i];
    f << (i ? "," : "") << "\n[" << q(s.id) << "," << q(s.coach_id) << "," << q(s.attendees[0].client_id) << ","
      << q(s.attendees[0].referral_id) << "," << unix_min(s.start) << "," << s.minutes << "]";
  }
  f << "],\n\"requests\": [";
  for (std::size_t i = 0; i < sc.requests.size(); ++i) {
    const bk::SlotRequest& r = sc.requests[i].r;
    f << (i ? "," : "") << "\n{\"client\": " << q(r.client_id) << ", \"offer\": " << q(r.offer_id) << ", \"referral\": " << q(r.referral_id)
      << ", \"modality\": " << (r.modality ? q(to_string(*r.modality)) : "null") << ", \"earliest\": " << unix_min(r.earliest)
      << ", \"latest\": " << unix_min(r.latest) << ", \"now\": " << unix_min(r.now) << ", \"times\": [";
    for (std::size_t k = 0; k < r.times_of_day.size(); ++k) f << (k ? "," : "") << "[" << r.times_of_day[k].from_min << "," << r.times_of_day[k].to_min << "]";
    f << "]}";
  }
  f << "],\n\"sample\": [";
  for (std::size_t i = 0; i < sample.size(); ++i) f << (i ? "," : "") << sample[i];
  f << "],\n\"sample_cpp\": [";
  for (std::size_t i = 0; i < sample_cpp.size(); ++i)
    f << (i ? "," : "") << "[" << (sample_cpp[i].coach_id.empty() ? "null" : q(sample_cpp[i].coach_id)) << ","
      << (sample_cpp[i].coach_id.empty() ? 0 : unix_min(sample_cpp[i].start)) << "]";
  f << "],\n\"booked_cpp\": [";
  for (std::size_t i = 0; i < booked_cpp.size(); ++i)
    f << (i ? "," : "") << "[" << (booked_cpp[i].coach_id.empty() ? "null" : q(booked_cpp[i].coach_id)) << ","
      << (booked_cpp[i].coach_id.empty() ? 0 : unix_min(booked_cpp[i].start)) << "]";
  f << "]\n}\n";
}

double pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  if (v.empty()) return 0;
  const std::size_t i = std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())));
  return v[i];
}

// ---- the kernel as the simulation drives it ----

// The requests as the kernel's Asks (ids resolved to indexes once, as a simulation does), and
// continuity kept by hand: per referral, the start and coach of its latest session.
struct KernelRun {
  std::shared_ptr<const dt::Supply> sup;
  dt::Diary initial;
  std::vector<dt::Ask> asks;
  std::vector<std::uint32_t> referral_of;        // per request
  std::vector<std::pair<dt::Min, std::uint32_t>> latest;  // per referral: (start, coach), start -1: none
};

KernelRun kernel_run(const Scenario& sc) {
  KernelRun k;
  const auto [d0, d1] = dt::days_of_period(Instant(kFirst) - boost::gregorian::days(1), Instant(kFirst + boost::gregorian::days(kDays + 31)));
  k.sup = dt::build_supply(sc.data, d0, d1);
  const dt::Supply& sup = *k.sup;
  std::unordered_map<std::string, std::uint32_t> client_ix, ref_ix;
  for (const Client& c : sc.data.clients) client_ix.emplace(c.id, static_cast<std::uint32_t>(client_ix.size()));
  std::vector<std::string> ref_offer;
  for (const Referral& r : sc.data.referrals) {
    ref_ix.emplace(r.id, static_cast<std::uint32_t>(ref_ix.size()));
    ref_offer.push_back(r.offer_id);
  }
  k.latest.assign(ref_ix.size(), {-1, dt::kNoCoach});
  k.initial.reset(sup);
  for (const Session& s : sc.data.sessions) {
    const dt::Min a = dt::floor_min(s.start, "start");
    const std::uint32_t c = sup.coach(s.coach_id);
    dt::occupy(sup, k.initial, c, client_ix.at(s.attendees[0].client_id), {a, a + s.minutes});
    auto& l = k.latest[ref_ix.at(s.attendees[0].referral_id)];
    if (a > l.first) l = {a, c};
  }
  for (const Request& rq : sc.requests) {
    const bk::SlotRequest& r = rq.r;
    dt::Ask a;
    const std::uint32_t ri = ref_ix.at(r.referral_id);
    a.offer = sup.offer(r.offer_id.empty() ? ref_offer[ri] : r.offer_id);
    a.client = client_ix.at(r.client_id);
    dt::set_window(sup, a, dt::floor_min(r.now, "now"), dt::floor_min(r.earliest, "earliest"), dt::floor_min(r.latest, "latest"));
    a.want = r.modality ? static_cast<std::uint8_t>(1U << static_cast<unsigned>(*r.modality)) : dt::all_modalities(sup, a.offer);
    a.times = r.times_of_day;
    a.weekdays = r.weekdays;
    a.max_results = r.max_results;
    k.asks.push_back(std::move(a));
    k.referral_of.push_back(ri);
  }
  return k;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<const char*> pos;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--coaches" || a == "--existing" || a == "--kernel-reps" || a == "--book-reps") && i + 1 < argc)
      (a == "--coaches" ? kCoaches : a == "--existing" ? kExisting : a == "--kernel-reps" ? kKernelReps : kBookReps) =
          std::max(1, std::atoi(argv[++i]));
    else pos.push_back(argv[i]);
  }
  auto arg = [&](std::size_t i, std::size_t def) { return pos.size() > i ? std::strtoul(pos[i], nullptr, 10) : def; };
  const std::size_t n_search = arg(0, 20000);
  const std::size_t n_sqlite = arg(1, 2000);
  const std::size_t n_py_search = arg(2, 1000);
  const std::size_t n_py_book = arg(3, 1000);
#if defined(__linux__)
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(0, &set);
  sched_setaffinity(0, sizeof set, &set);
#endif

  auto t = Clock::now();
  Scenario sc = make_scenario(20240401);
  std::printf("scenario: %d coaches, %zu existing bookings, %zu clients, %zu requests, rotas %s..%s (%.2f s to generate)\n",
              kCoaches, sc.data.sessions.size(), sc.data.clients.size(), sc.requests.size(), format_date(kFirst).c_str(),
              format_date(kFirst + boost::gregorian::days(kDays - 1)).c_str(), seconds_since(t));

  t = Clock::now();
  const double load_c0 = thread_cpu();
  Programme p(sc.data);
  std::printf("load (every record validated):           %8.3f s, CPU %.3f s\n", seconds_since(t), thread_cpu() - load_c0);
  t = Clock::now();
  bk::prepare(p, Instant(kFirst), Instant(kFirst + boost::gregorian::days(kDays + 31)));
  std::printf("index (4 years of rotas, %d coaches):   %8.3f s\n", kCoaches, seconds_since(t));

  // 1. Search latency on the initial state.
  std::mt19937_64 rng(99);
  std::vector<std::size_t> sample(n_search);
  for (auto& i : sample) i = std::uniform_int_distribution<std::size_t>(0, sc.requests.size() - 1)(rng);
  std::vector<double> lat;
  lat.reserve(n_search);
  std::vector<bk::Slot> sample_cpp;
  std::size_t found = 0;
  const double search_c0 = thread_cpu();
  for (std::size_t k = 0; k < n_search; ++k) {
    const auto s0 = Clock::now();
    auto v = bk::search(p, sc.requests[sample[k]].r);
    lat.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s0).count());
    found += !v.empty();
    if (k < n_py_search) sample_cpp.push_back(v.empty() ? bk::Slot{} : v[0]);
  }
  const double search_cpu = (thread_cpu() - search_c0) / static_cast<double>(std::max<std::size_t>(n_search, 1));
  const double med = pct(lat, 0.5), p90 = pct(lat, 0.9), p99 = pct(lat, 0.99), mx = pct(lat, 1.0);
  std::printf("earliest-slot search, %zu requests:     median %.2f us, p90 %.2f us, p99 %.2f us, max %.1f us, mean CPU %.2f us (%zu found a slot)\n",
              n_search, med, p90, p99, mx, 1e6 * search_cpu, found);
  {
    std::vector<double> lat5;
    for (std::size_t k = 0; k < std::min<std::size_t>(n_search, 5000); ++k) {
      bk::SlotRequest r = sc.requests[sample[k]].r;
      r.max_results = 5;
      const auto s0 = Clock::now();
      auto v = bk::search(p, r);
      lat5.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s0).count());
    }
    std::printf("5-slot search:                           median %.2f us, p99 %.2f us\n", pct(lat5, 0.5), pct(lat5, 0.99));
  }

  // 5. The kernel alone (the simulation's path): build, search latency, 40,000 bookings in order.
  t = Clock::now();
  KernelRun kr = kernel_run(sc);
  std::printf("kernel: Supply from the records + Diary of %zu sessions: %8.3f s (Supply shared by replications)\n",
              sc.data.sessions.size(), seconds_since(t));
  std::vector<dt::Hit> hits;
  {
    std::vector<double> klat;
    klat.reserve(n_search);
    std::size_t kfound = 0;
    const double kc0 = thread_cpu();
    for (std::size_t k = 0; k < n_search; ++k) {
      dt::Ask a = kr.asks[sample[k]];
      a.favoured = kr.latest[kr.referral_of[sample[k]]].second;
      const auto s0 = Clock::now();
      dt::find_slots(*kr.sup, kr.initial, a, hits);
      klat.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s0).count());
      kfound += !hits.empty();
    }
    const double kcpu = (thread_cpu() - kc0) / static_cast<double>(std::max<std::size_t>(n_search, 1));
    std::printf("kernel find_slots, %zu requests:        median %.2f us, p90 %.2f us, p99 %.2f us, mean CPU %.2f us (%zu found a slot)\n",
                n_search, pct(klat, 0.5), pct(klat, 0.9), pct(klat, 0.99), 1e6 * kcpu, kfound);
  }
  std::vector<dt::Hit> kernel_booked(sc.requests.size());
  double kernel_s = 1e9, kernel_cpu = 1e9;
  for (int rep = 0; rep < kKernelReps; ++rep) {  // the best of a few runs (a loaded machine is noisy)
    dt::Diary diary = kr.initial;  // one replication's diary
    auto latest = kr.latest;
    t = Clock::now();
    const double c0 = thread_cpu();
    for (std::size_t i = 0; i < kr.asks.size(); ++i) {
      dt::Ask& a = kr.asks[i];
      a.favoured = latest[kr.referral_of[i]].second;
      dt::find_slots(*kr.sup, diary, a, hits);
      if (hits.empty()) continue;
      const dt::Hit& h = hits[0];
      dt::occupy(*kr.sup, diary, h.coach, a.client, {h.start, h.start + kr.sup->offers[a.offer].minutes});
      auto& l = latest[kr.referral_of[i]];
      if (h.start > l.first) l = {h.start, h.coach};
      kernel_booked[i] = h;
    }
    kernel_s = std::min(kernel_s, seconds_since(t));
    kernel_cpu = std::min(kernel_cpu, thread_cpu() - c0);
  }
  {
    t = Clock::now();
    dt::Diary copy = kr.initial;
    const double copy_s = seconds_since(t);
    std::printf("kernel: 40,000 bookings in order (find_slots + occupy, best of %d): %8.3f s = %.0f bookings/s (%.2f us each, %.2f us CPU); a Diary copy %.1f ms\n",
                kKernelReps, kernel_s, static_cast<double>(kr.asks.size()) / kernel_s, 1e6 * kernel_s / static_cast<double>(kr.asks.size()),
                1e6 * kernel_cpu / static_cast<double>(kr.asks.size()), 1000 * copy_s);
  }

  // 2. Book all requests in order, no store.
  // The benchmark's own copies of the bookings: constructed before the clock starts, so that
  // first touching their 16 MB (page faults of the caller's memory, not the engine's) is not timed.
  std::vector<Session> booked(sc.requests.size());
  std::size_t failed = 0;
  // Minor page faults of the run (memory the process touches for the first time: the kernel
  // zeroes each 4 KiB page, which the first run pays and later runs on reused memory do not).
  auto minor_faults = [] {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<long>(u.ru_minflt);
  };
  const long faults0 = minor_faults();
  t = Clock::now();
  const double book_c0 = thread_cpu();
  for (std::size_t i = 0; i < sc.requests.size(); ++i) {
    const Request& rq = sc.requests[i];
    bk::BookingDetails det;
    det.requested_at = rq.requested_at;
    try {
      booked[i] = bk::book_earliest(p, rq.r, det);
    } catch (const ConflictError&) {
      ++failed;
    }
  }
  const double book_s = seconds_since(t), book_cpu = thread_cpu() - book_c0;
  const long book_faults = minor_faults() - faults0;
  std::printf("book 40,000 requests in order (no store): %8.3f s = %.0f bookings/s, CPU %.3f s (%zu without a slot)\n", book_s,
              static_cast<double>(sc.requests.size()) / book_s, book_cpu, failed);
  std::printf("  first touched by the run: %ld pages (%.1f MB, %.0f bytes a booking)\n", book_faults, book_faults * 4096.0 / 1e6,
              book_faults * 4096.0 / static_cast<double>(sc.requests.size()));
  for (int rep = 1; rep < kBookReps; ++rep) {  // again on a fresh programme (a loaded machine is noisy)
    Programme again(sc.data);
    bk::prepare(again, Instant(kFirst), Instant(kFirst + boost::gregorian::days(kDays + 31)));
    const auto t1 = Clock::now();
    const double c1 = thread_cpu();
    std::size_t same = 0;
    for (std::size_t i = 0; i < sc.requests.size(); ++i) {
      bk::BookingDetails det;
      det.requested_at = sc.requests[i].requested_at;
      try {
        same += bk::book_earliest(again, sc.requests[i].r, det) == booked[i];
      } catch (const ConflictError&) {
        same += booked[i].id.empty();
      }
    }
    std::printf("book 40,000 requests in order, run %d:    %8.3f s, CPU %.3f s (%zu bookings as in run 1)\n", rep + 1,
                seconds_since(t1), thread_cpu() - c1, same);
  }
  {
    std::size_t same = 0;
    for (std::size_t i = 0; i < booked.size(); ++i) {
      const dt::Hit& h = kernel_booked[i];
      if (booked[i].coach_id.empty() ? h.coach == dt::kNoCoach
                                     : h.coach != dt::kNoCoach && kr.sup->coach_ids[h.coach] == booked[i].coach_id &&
                                           dt::instant_of(h.start) == booked[i].start)
        ++same;
    }
    std::printf("kernel agrees with book_earliest: %zu/%zu bookings; book_earliest / kernel = %.0fx\n", same, booked.size(),
                book_s / kernel_s);
  }
  {
    t = Clock::now();
    const auto f = bk::access_figures(p, Instant(kFirst), Instant(kFirst + boost::gregorian::days(kDays + 31)));
    const double secs = seconds_since(t);
    // The engine's 40,000 bookings (the existing 100,000 carry their referral's request time).
    std::vector<double> waits;
    long long within = 0, ooh = 0;
    for (const auto& r : f.bookings) {
      if (r.session_id.rfind("bk-", 0) != 0) continue;
      waits.push_back(r.minutes_to_session);
      within += r.within_24h;
      ooh += r.out_of_hours;
    }
    const double n = static_cast<double>(waits.size());
    std::printf("access figures over %zu sessions:       %8.3f s; the 40,000 requests: seen within 24 h %.1f%%, median wait "
                "%.0f min, out of office hours %.1f%%, coach utilisation %.1f%%\n",
                f.bookings.size(), secs, 100.0 * static_cast<double>(within) / n, pct(waits, 0.5),
                100.0 * static_cast<double>(ooh) / n, 100 * f.overall_utilisation);
  }

  // 3. SQLite: the same bookings, one transaction each.
  double sqlite_per = 0;
  if (n_sqlite > 0) {
    const auto path = (std::filesystem::temp_directory_path() / "laycoach-bench-booking.sqlite").string();
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    t = Clock::now();
    Programme s = Programme::open(path);
    s.replace(sc.data);
    std::printf("SQLite: write the initial programme:     %8.3f s\n", seconds_since(t));
    bk::prepare(s, Instant(kFirst), Instant(kFirst + boost::gregorian::days(kDays + 31)));
    const std::size_t n = std::min(n_sqlite, sc.requests.size());
    t = Clock::now();
    for (std::size_t i = 0; i < n; ++i) {
      bk::BookingDetails det;
      det.requested_at = sc.requests[i].requested_at;
      try {
        bk::book_earliest(s, sc.requests[i].r, det);
      } catch (const ConflictError&) {
      }
    }
    const double secs = seconds_since(t);
    sqlite_per = secs / static_cast<double>(n);
    std::printf("SQLite (synchronous=FULL), %zu bookings: %8.3f s = %.0f bookings/s (%.2f ms each)\n", n, secs,
                static_cast<double>(n) / secs, 1000 * sqlite_per);
    std::filesystem::remove(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
  }

  // 4. Plain Python on the same data.
  if (n_py_search == 0) return 0;
  // __FILE__ may be relative to the build directory (ccache's base_dir): also try beside the
  // executable's source tree and the working directory.
  std::string script;
  for (const std::filesystem::path& dir :
       {std::filesystem::path(__FILE__).parent_path(), std::filesystem::path(argv[0]).parent_path() / ".." / ".." / ".." / "benchmarks",
        std::filesystem::current_path() / "benchmarks"})
    if (std::filesystem::exists(dir / "bench_booking_py.py")) {
      script = (dir / "bench_booking_py.py").string();
      break;
    }
  const auto json = (std::filesystem::temp_directory_path() / "laycoach-bench-booking.json").string();
  const auto out = (std::filesystem::temp_directory_path() / "laycoach-bench-booking-py.txt").string();
  std::vector<std::size_t> py_sample(sample.begin(), sample.begin() + static_cast<long>(std::min(n_py_search, sample.size())));
  std::vector<Session> first_booked(booked.begin(), booked.begin() + static_cast<long>(std::min(n_py_book, booked.size())));
  write_json(sc, json, py_sample, sample_cpp, first_booked);
  const std::string cmd = "python3 '" + script + "' '" + json + "' " + std::to_string(n_py_book) + " > '" + out + "'";
  std::printf("python: %s\n", cmd.c_str());
  std::fflush(stdout);
  if (std::system(cmd.c_str()) != 0) {
    std::printf("python comparison failed (python3 missing?)\n");
    return 0;
  }
  std::ifstream in(out);
  std::map<std::string, double> py;
  std::string line;
  while (std::getline(in, line)) {
    std::printf("  %s\n", line.c_str());
    std::istringstream ls(line);
    std::string k;
    double v;
    if (ls >> k >> v) py[k] = v;
  }
  std::filesystem::remove(json);
  std::filesystem::remove(out);
  if (py.count("search_median_us") && py.count("bookings_per_s")) {
    std::printf("ratio: search median  python/C++ = %.0fx   (python %.0f us, C++ %.2f us)\n", py["search_median_us"] / med,
                py["search_median_us"], med);
    std::printf("ratio: search p99     python/C++ = %.0fx   (python %.0f us, C++ %.2f us)\n", py["search_p99_us"] / p99,
                py["search_p99_us"], p99);
    const double cpp_rate = static_cast<double>(sc.requests.size()) / book_s;
    std::printf("ratio: bookings/s     C++/python = %.0fx   (C++ %.0f/s, python %.1f/s)\n", cpp_rate / py["bookings_per_s"], cpp_rate,
                py["bookings_per_s"]);
    std::printf("python answers agree with the engine: searches %g/%g, bookings %g/%g\n", py["search_agree"], py["search_n"],
                py["book_agree"], py["book_n"]);
  }
  return 0;
}
