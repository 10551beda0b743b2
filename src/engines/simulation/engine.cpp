// The simulation's event loop: one replication of a compiled scenario, every 1:1 session booked
// through the booking kernel's one search (find_slots) and diary (occupy / release), and run()
// over replications on worker threads (simulate.hpp).
#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <deque>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <queue>
#include <thread>

#include "laycoach/error.hpp"
#include "sim_detail.hpp"

namespace laycoach::simulation::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using bk::Min;

const Offer* find_offer(const Catalogue& c, const std::string& id) {
  for (const Offer& o : c.offers)
    if (o.id == id) return &o;
  return nullptr;
}

/// UK local hour of week (Monday 00:00 = 0) of minute u.
int hour_of_week(Min u) {
  const int day = bk::local_day(u);
  const int mod = static_cast<int>(bk::local_min(u) - static_cast<Min>(day) * 1440);
  return bk::weekday(day) * 24 + mod / 60;
}

/// A wait's bin in GroupResult::wait_histogram (minutes; negative ones in the first, long ones in the last).
std::size_t wait_bin(double wait) {
  return std::min<std::size_t>(static_cast<std::size_t>(std::max(0.0, wait) / kWaitBinMinutes), kWaitBins - 1);
}

}  // namespace

Cdf::Cdf(const std::vector<double>& pmf) : c_(pmf.size()) {
  double s = 0;
  for (std::size_t i = 0; i < pmf.size(); ++i) c_[i] = (s += pmf[i]);
  if (c_.empty()) return;
  c_.back() = 2.0;  // rounding never falls off the end
  guide_.resize(std::bit_ceil(std::max<std::size_t>(c_.size(), 16)));
  const double m = static_cast<double>(guide_.size());
  for (std::size_t j = 0; j < guide_.size(); ++j)
    guide_[j] = static_cast<std::uint32_t>(std::upper_bound(c_.begin(), c_.end(), static_cast<double>(j) / m) - c_.begin());
}

Compiled compile(const Scenario& s) {
  validate(s);
  Compiled c;
  c.scenario = &s;
  c.t0 = bk::floor_min(s.start, "start");
  c.t1 = c.t0 + static_cast<Min>(s.days) * 1440;
  int max_window = 1;
  for (const DemandStream& st : s.demand.streams) max_window = std::max(max_window, st.window_days);
  const int d0 = bk::local_day(c.t0) - 1;
  const int d1 = bk::local_day(c.t1 + static_cast<Min>(max_window) * 1440) + 2;

  // Offers: the catalogue's, and for streams with drawn session lengths one copy per length
  // (k grid steps) so that every length is searched by the same kernel with the offer's rules.
  std::vector<Offer> variants;
  std::vector<std::pair<std::size_t, int>> variant_of;  // (stream, steps)
  for (std::size_t i = 0; i < s.demand.streams.size(); ++i) {
    const DemandStream& st = s.demand.streams[i];
    if (st.session_minutes_mean <= 0) continue;
    const Offer& o = *find_offer(s.catalogue, st.offer_id);
    for (int k = 1; k <= 1440 / booking::kSlotMinutes; ++k) {
      Offer v = o;
      v.id = o.id + "#" + std::to_string(i) + "#" + std::to_string(k);
      v.session_minutes = k * booking::kSlotMinutes;
      variants.push_back(std::move(v));
      variant_of.emplace_back(i, k);
    }
  }
  // Coaches who deliver such an offer deliver its length variants too (the same eligibility).
  std::vector<Coach> with_variants;
  if (!variants.empty()) {
    with_variants = s.coaches;
    for (Coach& x : with_variants)
      for (std::size_t v = 0; v < variants.size(); ++v) {
        const std::string& base = s.demand.streams[variant_of[v].first].offer_id;
        if (std::find(x.offers.begin(), x.offers.end(), base) != x.offers.end()) x.offers.push_back(variants[v].id);
      }
  }
  std::vector<const Coach*> coaches;
  for (const Coach& x : variants.empty() ? s.coaches : with_variants) coaches.push_back(&x);
  std::vector<const Offer*> offers;
  for (const Offer& o : s.catalogue.offers) offers.push_back(&o);
  for (const Offer& o : variants) offers.push_back(&o);
  c.supply = bk::build_supply(coaches, offers, d0, d1);
  const bk::Supply& sup = *c.supply;

  c.hour0 = bk::floor_div(c.t0, 60) * 60;
  c.hours = bk::floor_div(c.t1 - c.hour0 + 59, 60);
  c.hour_of_week.resize(static_cast<std::size_t>(c.hours));
  for (int h = 0; h < c.hours; ++h) c.hour_of_week[static_cast<std::size_t>(h)] = static_cast<std::uint8_t>(hour_of_week(c.hour0 + h * 60));
  c.streams.resize(s.demand.streams.size());
  for (std::size_t i = 0; i < s.demand.streams.size(); ++i) {
    const DemandStream& st = s.demand.streams[i];
    CStream& cs = c.streams[i];
    const Offer& o = *find_offer(s.catalogue, st.offer_id);
    cs.src = &st;
    cs.offer = sup.offer(o.id);
    cs.group = o.format == Format::Group || o.format == Format::Team;
    cs.minutes = o.session_minutes;
    cs.notice = o.min_notice_minutes;
    cs.want = st.modality ? static_cast<std::uint8_t>(1U << static_cast<unsigned>(*st.modality)) : bk::all_modalities(sup, cs.offer);
    for (std::size_t v = 0; v < variants.size(); ++v)
      if (variant_of[v].first == i) cs.length_offers.push_back(sup.offer(variants[v].id));
    cs.minute_rate.resize(static_cast<std::size_t>(c.hours));
    for (int h = 0; h < c.hours; ++h) {
      const Min u = c.hour0 + h * 60;
      const int month = static_cast<int>(bk::date_of(bk::local_day(u)).month());
      const double years = static_cast<double>(u - c.t0) / (365.25 * 1440.0);
      const double per_hour = st.per_hour[static_cast<std::size_t>(hour_of_week(u))] * st.seasonal[static_cast<std::size_t>(month - 1)] *
                              std::pow(1.0 + st.growth, std::max(0.0, years));
      cs.minute_rate[static_cast<std::size_t>(h)] = per_hour / 60.0;
    }
    cs.dose_cdf = Cdf(st.sessions_pmf);
    cs.interval_cdf = Cdf(st.interval_pmf);
    std::vector<double> w;
    for (const TimePreference& p : st.preferences) w.push_back(p.weight);
    double tw = 0;
    for (double x : w) tw += x;
    for (double& x : w) x /= tw;
    cs.pref_cdf = Cdf(w);
    cs.p_client_cancel = st.client_cancel;
    cs.p_coach_cancel = cs.p_client_cancel + st.coach_cancel;
    cs.p_client_dna = cs.p_coach_cancel + st.client_dna;
    cs.p_coach_dna = cs.p_client_dna + st.coach_dna;
  }

  for (const Session& g : s.group_sessions) {
    const Offer& o = *find_offer(s.catalogue, g.offer_id);
    CGroup x;
    x.id = g.id;
    x.stream_offer = sup.offer(o.id);
    x.coach = sup.coach(g.coach_id);
    x.start = bk::floor_min(g.start, "start");
    x.minutes = g.minutes > 0 ? g.minutes : o.session_minutes;
    x.capacity = o.capacity;
    int taken = 0;
    for (const Attendee& a : g.attendees)
      if (a.status != AttendeeStatus::Cancelled) ++taken;
    x.taken = taken;
    x.modality = g.modality;
    c.groups.push_back(std::move(x));
  }
  std::sort(c.groups.begin(), c.groups.end(), [](const CGroup& a, const CGroup& b) {
    return a.start != b.start ? a.start < b.start : a.id < b.id;
  });

  // Rota minutes by coach (the domain's rota_minutes) and by local hour of week (the Supply's
  // merged rota intervals, which read the same rota the same way, clipped to the period).
  const Instant end = bk::instant_of(c.t1);
  for (const Coach& x : s.coaches) {
    c.coach_of_scenario.push_back(sup.coach(x.id));
    c.coach_rota_minutes.push_back(rota_minutes(x.rota, s.start, end));
  }
  for (std::size_t k = 0; k < sup.n_coaches(); ++k)
    for (const bk::Span& w : sup.work[k]) {
      Min a = std::max(w.s, c.t0);
      const Min b = std::min(w.e, c.t1);
      while (a < b) {
        const Min next = std::min(b, (bk::floor_div(a, 60) + 1) * 60);
        c.hour_rota[static_cast<std::size_t>(hour_of_week(a))] += next - a;
        a = next;
      }
    }

  // Out of office hours by grid slot over the horizon, by the domain's definition.
  c.g0 = bk::floor_div(bk::day_start(sup.h0), bk::kGrid);
  const int g1 = bk::floor_div(bk::day_start(sup.h1), bk::kGrid) + 1;
  c.out_of_hours_slots = static_cast<std::size_t>(g1 - c.g0);
  c.out_of_hours.assign((c.out_of_hours_slots + 63) / 64, 0);
  for (int g = c.g0; g < g1; ++g)
    if (out_of_office_hours(bk::instant_of(g * bk::kGrid), s.options.office)) {
      const std::size_t x = static_cast<std::size_t>(g - c.g0);
      c.out_of_hours[x >> 6] |= std::uint64_t{1} << (x & 63);
    }
  for (double h : s.options.within_hours) c.within_minutes.push_back(h * 60.0);
  return c;
}

namespace {

enum class Ev : std::uint8_t { Arrival, Request, Cancel, Release };

/// What a Cancel or Release event needs of its booking, carried by the event itself (no booking
/// record to fetch from a cold list when it comes due): the coach, or the group session's index
/// with kGroupBit, kCoachCancelBit for a cancellation by the coach, and the session's span (coach
/// and group indexes stay below 2^30: a Supply of 2^30 coaches would not fit in memory).
struct Payload {
  std::uint32_t who = 0;
  bk::Min s = 0, e = 0;
};
constexpr std::uint32_t kGroupBit = 0x80000000u, kCoachCancelBit = 0x40000000u, kWhoMask = 0x3FFFFFFFu;

struct Event {
  double t;            ///< minutes since the epoch
  std::uint64_t seq;   ///< tie-break: order of scheduling
  Ev kind;
  std::uint32_t a;     ///< stream (Arrival), client (Request, Cancel, Release; with a trace: Cancel and Release hold the booking's trace index)
  Payload p{};         ///< Cancel, Release: the booking
};

/// A client of the replication: 24 bytes (a follow-up's request reads it from a cold list).
struct ClientState {
  double requested = 0;    ///< the first request's time
  std::uint32_t stream = 0;
  std::uint32_t coach = bk::kNoCoach;  ///< continuity coach
  int pref = -1;           ///< preference index, -1 = any
  std::uint16_t dose : 15 = 1;         ///< sessions wanted (sessions_pmf has at most 1,000 values)
  std::uint16_t first_pending : 1 = 1; ///< the first booking not made yet
  std::uint16_t done : 15 = 0;         ///< sessions held (attended or missed by the client), <= dose
  std::uint16_t waiting : 1 = 0;       ///< on a group session's waiting list (for its first place)
};
static_assert(sizeof(ClientState) == 24);

struct Tally {
  GroupResult g;
  std::vector<double> waits;
  std::vector<std::uint16_t> bins;  ///< each wait's wait_bin
  double sum = 0;                   ///< the waits added in order
};

void tally_first(Tally& t, double wait, const std::vector<double>& within) {
  t.g.first_booked++;
  for (std::size_t k = 0; k < within.size(); ++k)
    if (wait <= within[k]) t.g.within[k]++;
  t.waits.push_back(wait);
  t.sum += wait;
  const std::size_t bin = wait_bin(wait);
  t.bins.push_back(static_cast<std::uint16_t>(bin));
  t.g.wait_histogram[bin]++;
}

/// The mean and the quantiles 0.5, 0.9 and 0.95 (linear interpolation between order statistics:
/// numpy's default) of the waits of `parts` taken together, whose counts by wait_bin are
/// g.wait_histogram, into g. An order statistic is selected from the waits of its own bin only
/// (the histogram's cumulative counts give its bin and its rank there): one pass over the waits'
/// bins gathers those, instead of a selection over all of them.
void finish(GroupResult& g, const std::vector<const Tally*>& parts) {
  constexpr double kQ[3] = {0.5, 0.9, 0.95};
  double sum = 0;
  std::size_t n = 0;
  if (parts.size() == 1) {
    sum = parts[0]->sum;
  } else {
    for (const Tally* p : parts)
      for (double w : p->waits) sum += w;  // in order, as one list of all waits
  }
  for (const Tally* p : parts) n += p->waits.size();
  static_assert(kWaitBins <= 65536);
  g.wait_mean = n == 0 ? kNaN : sum / static_cast<double>(n);
  double* out[3] = {&g.wait_median, &g.wait_p90, &g.wait_p95};
  if (n == 0) {
    for (double* o : out) *o = kNaN;
    return;
  }
  // Ranks lo and lo + 1 of each quantile, their bins [b0, b1] and the count below b0.
  struct Want {
    double h = 0;
    std::size_t lo = 0, b0 = 0, b1 = 0, below = 0;
  };
  Want want[3];
  for (int i = 0; i < 3; ++i) {
    Want& x = want[i];
    x.h = kQ[i] * static_cast<double>(n - 1);
    x.lo = static_cast<std::size_t>(std::floor(x.h));
    const std::size_t hi = std::min(x.lo + 1, n - 1);
    std::size_t cum = 0, b = 0;
    while (cum + g.wait_histogram[b] <= x.lo) cum += g.wait_histogram[b++];
    x.b0 = b;
    x.below = cum;
    while (cum + g.wait_histogram[b] <= hi) cum += g.wait_histogram[b++];
    x.b1 = b;
  }
  thread_local std::vector<double> pick[3];
  for (auto& v : pick) v.clear();
  for (const Tally* p : parts)
    for (std::size_t j = 0; j < p->bins.size(); ++j) {
      const std::size_t b = p->bins[j];
      for (int i = 0; i < 3; ++i)
        if (b - want[i].b0 <= want[i].b1 - want[i].b0) pick[i].push_back(p->waits[j]);  // b0 <= b <= b1
    }
  for (int i = 0; i < 3; ++i) {
    std::vector<double>& v = pick[i];
    const Want& x = want[i];
    const std::size_t k = x.lo - x.below;  // rank lo among the gathered
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    const double a = v[k];
    if (x.lo + 1 >= n) {
      *out[i] = a;
      continue;
    }
    const double b = *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(k) + 1, v.end());
    *out[i] = a + (x.h - static_cast<double>(x.lo)) * (b - a);
  }
}

/// The pending events, earliest first (time, then order of scheduling: a strict total order, so
/// the order of events is that of any correct priority queue). Each event is one 128-bit key: the
/// time's bits (times are positive and finite, whose IEEE bits order as the values do) above the
/// sequence number (30 bits), the kind (2) and the argument (32), so keys order by time, then
/// sequence. The queue is a timing wheel: a slot per kSlotMinutes minutes for the next kSlots
/// slots (45 days), each slot a list of its events in a pool of nodes, and a bit per slot set when
/// its list is not empty; a pop finds the first set bit from the present's slot and takes the
/// least key of that slot's list (most hold one event). Events further ahead wait in a heap and
/// enter the wheel when their slot comes in range. No event is scheduled before the present (one
/// that were would go to the present's slot, still in key order).
class EventQueue {
 public:
  /// Empty, the present at minute `now` (> 0).
  void reset(double now) {
    bits_.fill(0);
    nodes_.clear();
    free_ = kNone;
    far_.clear();
    cur_ = slot_of(now);
    pending_ = 0;
  }
  bool empty() const { return pending_ == 0; }
  /// Sequence numbers must stay below this (the key's 30 bits).
  static constexpr std::uint64_t kMaxSeq = kMaxEvents;
  void push(const Event& e) {
    ++pending_;
    const Key k = key(e);
    const long long s = slot_of(e.t);
    if (s - cur_ >= static_cast<long long>(kSlots)) {
      far_.push_back(Node{k, kNone, e.p});
      std::push_heap(far_.begin(), far_.end(), later);
      return;
    }
    put(k, e.p, std::max(s, cur_));
  }
  Event pop() {
    --pending_;
    for (;;) {
      while (!far_.empty() && slot_of(time_of(far_.front().k)) - cur_ < static_cast<long long>(kSlots)) {  // now in range
        const Node x = far_.front();
        std::pop_heap(far_.begin(), far_.end(), later);
        far_.pop_back();
        put(x.k, x.p, slot_of(time_of(x.k)));
      }
      // The first slot with events from the present's, in circular order.
      const std::size_t p = static_cast<std::size_t>(cur_) & kMask;
      std::size_t w = p >> 6;
      std::uint64_t b = bits_[w] & (~std::uint64_t{0} << (p & 63));
      for (std::size_t n = 0; b == 0 && n <= kWords; ++n) {
        w = (w + 1) & (kWords - 1);
        b = bits_[w];
      }
      if (b == 0) {  // the wheel is empty: the present moves to the earliest event ahead
        cur_ = slot_of(time_of(far_.front().k));
        continue;
      }
      const std::size_t slot = (w << 6) | static_cast<std::size_t>(std::countr_zero(b));
      cur_ += static_cast<long long>((slot - p) & kMask);
      // The least key of the slot's list, unlinked.
      std::uint32_t* best = &head_[slot];
      Key k = nodes_[*best].k;
      for (std::uint32_t* l = &nodes_[*best].next; *l != kNone; l = &nodes_[*l].next)
        if (nodes_[*l].k < k) {
          k = nodes_[*l].k;
          best = l;
        }
      const std::uint32_t n = *best;
      *best = nodes_[n].next;
      if (head_[slot] == kNone) bits_[slot >> 6] &= ~(std::uint64_t{1} << (slot & 63));
      nodes_[n].next = free_;
      free_ = n;
      const std::uint64_t lo = static_cast<std::uint64_t>(k);
      return Event{time_of(k), lo >> 34, static_cast<Ev>((lo >> 32) & 3U), static_cast<std::uint32_t>(lo), nodes_[n].p};
    }
  }

 private:
  using Key = unsigned __int128;
  static constexpr int kSlotShift = 2;  // kSlotMinutes = 4
  static constexpr std::size_t kSlots = std::size_t{1} << 14, kMask = kSlots - 1, kWords = kSlots / 64;
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  struct Node {
    Key k;
    std::uint32_t next;  ///< the next node of the slot's list, or of the free list
    Payload p;           ///< the event's payload (fills the node's 16-byte alignment: still 32 bytes)
  };
  static_assert(sizeof(Node) == 32);
  static bool later(const Node& a, const Node& b) { return a.k > b.k; }
  static Key key(const Event& e) {
    return (static_cast<Key>(std::bit_cast<std::uint64_t>(e.t)) << 64) |
           ((e.seq << 34) | (static_cast<std::uint64_t>(e.kind) << 32) | e.a);
  }
  static double time_of(Key k) { return std::bit_cast<double>(static_cast<std::uint64_t>(k >> 64)); }
  static long long slot_of(double t) { return static_cast<long long>(t) >> kSlotShift; }  // t > 0: the cast floors
  void put(Key k, const Payload& p, long long s) {
    const std::size_t slot = static_cast<std::size_t>(s) & kMask;
    std::uint32_t n;
    if (free_ != kNone) {
      n = free_;
      free_ = nodes_[n].next;
    } else {
      n = static_cast<std::uint32_t>(nodes_.size());
      nodes_.emplace_back();
    }
    std::uint64_t& word = bits_[slot >> 6];
    const std::uint64_t bit = std::uint64_t{1} << (slot & 63);
    nodes_[n] = Node{k, (word & bit) ? head_[slot] : kNone, p};
    head_[slot] = n;
    word |= bit;
  }
  std::array<std::uint64_t, kWords> bits_{};
  std::array<std::uint32_t, kSlots> head_{};  ///< a slot's first node (valid while its bit is set)
  huge_pages::vector<Node> nodes_;                ///< the pool: nodes of pending events and free ones
  std::uint32_t free_ = kNone;
  std::vector<Node> far_;                    ///< events kSlots slots ahead or more: a min-heap by key
  long long cur_ = 0;                        ///< the present's slot (of the last event popped)
  std::size_t pending_ = 0;
};

/// Per-thread scratch reused across replications (the kernel's Diary keeps its memory).
struct Scratch {
  bk::Diary diary;
  std::vector<bk::Hit> hits;
  bk::Ask ask;
  EventQueue q;
  huge_pages::vector<ClientState> clients;  // ~1.5 MiB at national scale: read at random (a request)
  std::vector<Tally> tallies;  ///< by stream (their wait lists keep their memory)
};

}  // namespace

double next_arrival(const Compiled& c, std::size_t i, double t, Philox& rng) {
  const CStream& cs = c.streams[i];
  double e = -std::log(rng.uniform());
  // Hour by hour from t's: each step ends on a whole hour (exactly h + 1 of the next) or at t1.
  // The hour of t: floor((t - hour0) / 60) by a multiply, put right next to an hour boundary.
  const double x = t - c.hour0;
  int h0 = static_cast<int>(std::floor(x * (1.0 / 60.0)));
  if (static_cast<double>(h0) * 60.0 > x) --h0;
  else if (static_cast<double>(h0 + 1) * 60.0 <= x) ++h0;
  for (int h = h0; t < c.t1; ++h) {
    if (h >= c.hours) break;
    const double hour_end = std::min<double>(c.t1, c.hour0 + (h + 1) * 60.0);
    const double rate = cs.minute_rate[static_cast<std::size_t>(h)];
    const double room = (hour_end - t) * rate;
    if (rate > 0 && e <= room) return t + e / rate;
    e -= room;
    t = hour_end;
  }
  return std::numeric_limits<double>::infinity();
}

// The calling thread's Scratch (kept between replications and runs on the same thread). Not
// inlined: inlined, the reference replicate keeps would be a thread-local's address, which the
// compiler recomputes at each use (in the Python module, a call to __tls_get_addr each time).
[[gnu::noinline]] static Scratch& thread_scratch() {
  thread_local Scratch s;
  return s;
}

ReplicationResult replicate(const Compiled& c, std::uint64_t seed, int r, std::vector<Booked>* trace) {
  const Scenario& s = *c.scenario;
  const bk::Supply& sup = *c.supply;
  // A reference to the thread's scratch, taken once: the lambdas below capture it, where naming
  // the thread_local itself would find its address again in every call (in a shared library,
  // the Python module, each time a call to __tls_get_addr: ~4% of a replication there).
  Scratch& scratch = thread_scratch();
  bk::Diary& diary = scratch.diary;
  diary.reset(sup);
  Philox rng(seed, static_cast<std::uint64_t>(r));
  const std::size_t nw = c.within_minutes.size();

  ReplicationResult out;
  out.replication = r;
  out.within_hours = s.options.within_hours;
  std::vector<Tally>& tallies = scratch.tallies;
  tallies.resize(c.streams.size());
  for (std::size_t i = 0; i < c.streams.size(); ++i) {
    const DemandStream& st = *c.streams[i].src;
    Tally& t = tallies[i];
    t.waits.clear();
    t.bins.clear();
    t.sum = 0;
    t.g = GroupResult{};
    GroupResult& g = t.g;
    const Offer& o = *find_offer(s.catalogue, st.offer_id);
    g.service_line_id = st.service_line_id.empty() ? o.service_line_id : st.service_line_id;
    g.offer_id = st.offer_id;
    g.pathway = st.pathway.empty() ? default_pathway(o) : st.pathway;
    g.within.assign(nw, 0);
    g.wait_histogram.assign(kWaitBins, 0);
  }
  std::vector<double> coach_booked(sup.n_coaches(), 0.0);

  auto add_booked = [&](std::uint32_t coach, bk::Span sp) {
    Min a = std::max(sp.s, c.t0);
    const Min b = std::min(sp.e, c.t1);
    if (a >= b) return;
    if (coach != bk::kNoCoach) coach_booked[coach] += b - a;
    while (a < b) {
      const Min next = std::min(b, (bk::floor_div(a, 60) + 1) * 60);
      // [a, next) lies in one UTC hour inside the period: its hour of week from the table.
      out.hour_booked_minutes[c.hour_of_week[static_cast<std::size_t>((a - c.hour0) / 60)]] += next - a;
      a = next;
    }
  };

  // Group sessions hold their coaches' time from the start.
  std::vector<int> taken(c.groups.size());
  std::vector<std::deque<std::uint32_t>> waiting(c.groups.size());
  for (std::size_t k = 0; k < c.groups.size(); ++k) {
    const CGroup& g = c.groups[k];
    taken[k] = g.taken;
    const bk::Span sp{g.start, g.start + g.minutes};
    bk::occupy(sup, diary, g.coach, bk::kNoClient, sp);
    add_booked(g.coach, sp);
  }

  EventQueue& q = scratch.q;
  q.reset(static_cast<double>(c.t0));
  std::uint64_t seq = 0;
  const std::uint64_t max_events = std::min(c.max_events, EventQueue::kMaxSeq);
  auto push = [&](double t, Ev k, std::uint32_t a, Payload p = {}) {
    if (seq >= max_events)
      throw ValidationError("scenario", "days", "simulation_events"_rule, "more than 2^30 events in one replication: simulate a shorter period");
    q.push(Event{t, seq++, k, a, p});
  };
  auto& clients = scratch.clients;
  clients.clear();
  std::vector<Philox> arrival_rng;
  for (std::size_t i = 0; i < c.streams.size(); ++i)
    arrival_rng.emplace_back(seed, static_cast<std::uint64_t>(r), static_cast<std::uint32_t>(1 + i));
  auto next_arrival = [&](std::size_t i, double t) { return detail::next_arrival(c, i, t, arrival_rng[i]); };
  for (std::size_t i = 0; i < c.streams.size(); ++i) {
    const double t = next_arrival(i, c.t0);
    if (t < c.t1) push(t, Ev::Arrival, static_cast<std::uint32_t>(i));
  }

  auto search_group = [&](const CStream& cs, const ClientState& cl, Min from, Min to, bool want_free) -> int {
    const TimePreference* pref = cl.pref >= 0 ? &cs.src->preferences[static_cast<std::size_t>(cl.pref)] : nullptr;
    auto lo = std::lower_bound(c.groups.begin(), c.groups.end(), from, [](const CGroup& g, Min t) { return g.start < t; });
    for (auto it = lo; it != c.groups.end() && it->start <= to; ++it) {
      if (it->stream_offer != cs.offer) continue;
      if (!(cs.want & (1U << static_cast<unsigned>(it->modality)))) continue;
      if (pref) {
        const int day = bk::local_day(it->start);
        if (!(pref->weekdays & (1U << bk::weekday(day)))) continue;
        const int m = static_cast<int>(bk::local_min(it->start) - static_cast<Min>(day) * 1440);
        if (!pref->windows.empty() &&
            std::none_of(pref->windows.begin(), pref->windows.end(), [&](const booking::TimeOfDay& w) { return m >= w.from_min && m < w.to_min; }))
          continue;
      }
      const std::size_t k = static_cast<std::size_t>(it - c.groups.begin());
      const bool free = taken[k] < it->capacity;
      if (free == want_free) return static_cast<int>(k);
    }
    return -1;
  };

  // A booking made: its outcome, counts and follow-up events.
  auto booked = [&](std::uint32_t ci, std::uint32_t coach, int group, bk::Span sp, double t_req, Min now, Min from,
                    Modality md, std::uint32_t favoured) {
    ClientState& cl = clients[ci];
    const CStream& cs = c.streams[cl.stream];
    Tally& ta = tallies[cl.stream];
    // A later Cancel or Release event carries the booking (and the client, or the trace index).
    std::uint32_t arg = ci;
    Payload pl{group >= 0 ? kGroupBit | static_cast<std::uint32_t>(group) : coach, sp.s, sp.e};
    SessionStatus outcome = SessionStatus::Attended;
    const double u = rng.uniform();
    if (u < cs.p_client_cancel) outcome = SessionStatus::CancelledByClient;
    else if (u < cs.p_coach_cancel) outcome = SessionStatus::CancelledByCoach;
    else if (u < cs.p_client_dna) outcome = SessionStatus::ClientDidNotAttend;
    else if (u < cs.p_coach_dna) outcome = SessionStatus::CoachDidNotAttend;
    if (outcome == SessionStatus::CancelledByCoach) pl.who |= kCoachCancelBit;
    ta.g.sessions_booked++;
    const long long slot = static_cast<long long>(bk::floor_div(sp.s, bk::kGrid)) - c.g0;
    if (c.out_of_hours_at(slot)) ta.g.out_of_hours++;
    const bool was_first = cl.first_pending != 0;
    if (cl.first_pending) {
      cl.first_pending = false;
      tally_first(ta, static_cast<double>(sp.s) - cl.requested, c.within_minutes);
    }
    // Continuity follows the live rule: the coach of the latest session that is booked, attended
    // or missed by the client (a cancelled one, or one the coach missed, does not count).
    if (coach != bk::kNoCoach && outcome != SessionStatus::CancelledByClient && outcome != SessionStatus::CancelledByCoach &&
        outcome != SessionStatus::CoachDidNotAttend)
      cl.coach = coach;
    if (trace) {
      arg = static_cast<std::uint32_t>(trace->size());
      Booked x;
      x.stream = static_cast<int>(cl.stream);
      x.client = ci;
      x.first = was_first;
      x.requested = t_req;
      x.search_from = from;
      x.booked_at = now;
      x.start = sp.s;
      x.minutes = sp.e - sp.s;
      x.coach_id = coach != bk::kNoCoach ? sup.coach_ids[coach] : "";
      x.group_id = group >= 0 ? c.groups[static_cast<std::size_t>(group)].id : "";
      x.favoured = favoured != bk::kNoCoach ? sup.coach_ids[favoured] : "";
      x.modality = md;
      x.outcome = outcome;
      trace->push_back(std::move(x));
    }
    switch (outcome) {
      case SessionStatus::CancelledByClient:
      case SessionStatus::CancelledByCoach:
        push(now + (static_cast<double>(sp.s) - now) / 2.0, Ev::Cancel, arg, pl);
        break;
      case SessionStatus::ClientDidNotAttend:
      case SessionStatus::CoachDidNotAttend:
      case SessionStatus::Attended: {
        // A missed session stops counting towards caps once recorded (as live: only booked and
        // attended sessions hold time); an attended one keeps counting.
        if (group < 0 && outcome != SessionStatus::Attended) push(static_cast<double>(sp.e), Ev::Release, arg, pl);
        const bool counts = outcome != SessionStatus::CoachDidNotAttend;
        if (counts) {
          cl.done++;
          if (outcome == SessionStatus::Attended) ta.g.attended++;
          else ta.g.client_dna++;
          if (group < 0) add_booked(coach, sp);
          if (cl.done < cl.dose) {
            const double next = static_cast<double>(sp.s) + 1440.0 * static_cast<double>(cs.interval_cdf.draw(rng.uniform()));
            if (next < c.t1) push(std::max(next, static_cast<double>(sp.e)), Ev::Request, ci);
          }
        } else {
          ta.g.coach_dna++;
          if (group < 0) add_booked(coach, sp);
          if (sp.e < c.t1) push(static_cast<double>(sp.e), Ev::Request, ci);
        }
        break;
      }
      default: break;
    }
  };

  auto request = [&](std::uint32_t ci, double t) {
    ClientState& cl = clients[ci];
    const CStream& cs = c.streams[cl.stream];
    Tally& ta = tallies[cl.stream];
    const DemandStream& st = *cs.src;
    const Min now = static_cast<Min>(std::ceil(t));
    const Min latest = now + static_cast<Min>(st.window_days) * 1440;
    if (cs.group) {
      const Min from = now + cs.notice;
      const int k = search_group(cs, cl, from, latest, true);
      if (k >= 0) {
        const CGroup& g = c.groups[static_cast<std::size_t>(k)];
        taken[static_cast<std::size_t>(k)]++;
        booked(ci, bk::kNoCoach, k, {g.start, g.start + g.minutes}, t, now, from, g.modality, bk::kNoCoach);
        return;
      }
      const int w = search_group(cs, cl, from, latest, false);
      if (w >= 0 && cl.first_pending) {
        waiting[static_cast<std::size_t>(w)].push_back(ci);
        cl.waiting = true;
        ta.g.waiting_list_joins++;
        return;
      }
      if (cl.first_pending) ta.g.unmet++;
      return;
    }
    bk::Ask& a = scratch.ask;
    a.times.clear();
    a.weekdays = 0x7F;
    a.favoured_only = false;
    a.ignore_coach = bk::kNoCoach;
    a.ignore_client = false;
    a.offer = cs.offer;
    if (!cs.length_offers.empty()) {
      // Exponential length rounded up to the grid: k steps, geometric.
      const double len = -std::log(rng.uniform()) * st.session_minutes_mean;
      const std::size_t k = std::min<std::size_t>(cs.length_offers.size(),
                                                   std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(len / booking::kSlotMinutes))));
      a.offer = cs.length_offers[k - 1];
    }
    a.client = c.client_diary ? ci : bk::kNoClient;
    a.want = cs.want;
    a.favoured = cl.first_pending ? bk::kNoCoach : cl.coach;
    if (cl.pref >= 0) {
      const TimePreference& p = st.preferences[static_cast<std::size_t>(cl.pref)];
      a.times.assign(p.windows.begin(), p.windows.end());
      a.weekdays = p.weekdays;
    }
    a.max_results = 1;
    bk::set_window(sup, a, now, now, latest);
    bk::find_slots(sup, diary, a, scratch.hits);
    if (scratch.hits.empty()) {
      if (cl.first_pending) ta.g.unmet++;
      return;
    }
    const bk::Hit& h = scratch.hits.front();
    const bk::Span sp{h.start, h.start + sup.offers[a.offer].minutes};
    // Sessions that ended a day ago can no longer clash nor be released (events run in time
    // order, a missed session is released at its end): the coach's busy list stays short.
    bk::forget_before(sup, diary, h.coach, now - 1440);
    bk::occupy(sup, diary, h.coach, a.client, sp);
    booked(ci, h.coach, -1, sp, t, now, a.g0, h.modality, a.favoured);
  };

  // The client of a Cancel or Release event: its argument, or with a trace its booking's record's.
  auto client_of = [&](const Event& e) { return trace ? static_cast<std::uint32_t>((*trace)[e.a].client) : e.a; };
  while (!q.empty()) {
    const Event e = q.pop();
    switch (e.kind) {
      case Ev::Arrival: {
        const CStream& cs = c.streams[e.a];
        ClientState cl;
        cl.stream = e.a;
        Philox& own = arrival_rng[e.a];
        cl.dose = static_cast<std::uint16_t>(cs.dose_cdf.draw(own.uniform()) + 1);
        if (!cs.pref_cdf.empty()) cl.pref = static_cast<int>(cs.pref_cdf.draw(own.uniform()));
        cl.requested = e.t;
        clients.push_back(cl);
        tallies[e.a].g.requests++;
        request(static_cast<std::uint32_t>(clients.size() - 1), e.t);
        const double t = next_arrival(e.a, e.t);
        if (t < c.t1) push(t, Ev::Arrival, e.a);
        break;
      }
      case Ev::Request:
        request(e.a, e.t);
        break;
      case Ev::Release: {
        bk::release(sup, diary, e.p.who, c.client_diary ? client_of(e) : bk::kNoClient, {e.p.s, e.p.e});
        if (trace) {
          Booked x = (*trace)[e.a];
          x.kind = Booked::Kind::Missed;
          x.of = e.a;
          trace->push_back(std::move(x));
        }
        break;
      }
      case Ev::Cancel: {
        const std::uint32_t client = client_of(e);
        ClientState& cl = clients[client];
        Tally& ta = tallies[cl.stream];
        if (e.p.who & kCoachCancelBit) ta.g.cancelled_by_coach++;
        else ta.g.cancelled_by_client++;
        if (trace) {
          Booked x = (*trace)[e.a];
          x.kind = Booked::Kind::Cancel;
          x.of = e.a;
          x.booked_at = static_cast<Min>(std::ceil(e.t));
          trace->push_back(std::move(x));
        }
        if (e.p.who & kGroupBit) {
          // The place goes to the first on the session's waiting list (served in order).
          const std::size_t k = e.p.who & kWhoMask;
          taken[k]--;
          while (!waiting[k].empty() && taken[k] < c.groups[k].capacity) {
            const std::uint32_t w = waiting[k].front();
            waiting[k].pop_front();
            if (!clients[w].first_pending) continue;
            taken[k]++;
            const CGroup& g = c.groups[k];
            const Min now = static_cast<Min>(std::ceil(e.t));
            booked(w, bk::kNoCoach, static_cast<int>(k), {g.start, g.start + g.minutes}, clients[w].requested, now, now, g.modality,
                   bk::kNoCoach);
          }
        } else {
          bk::release(sup, diary, e.p.who & kWhoMask, c.client_diary ? client : bk::kNoClient, {e.p.s, e.p.e});
        }
        request(client, e.t);
        break;
      }
    }
  }

  // A client still waiting for a first place at the end never got one: unmet demand too.
  for (const ClientState& cl : clients)
    if (cl.waiting && cl.first_pending) tallies[cl.stream].g.unmet++;

  GroupResult& tot = out.total;
  tot.within.assign(nw, 0);
  tot.wait_histogram.assign(kWaitBins, 0);
  std::vector<const Tally*> all;  // every stream's waits, in order
  for (Tally& t : tallies) {
    const GroupResult& g = t.g;
    tot.requests += g.requests;
    tot.first_booked += g.first_booked;
    for (std::size_t k = 0; k < nw; ++k) tot.within[k] += g.within[k];
    tot.unmet += g.unmet;
    tot.waiting_list_joins += g.waiting_list_joins;
    tot.sessions_booked += g.sessions_booked;
    tot.out_of_hours += g.out_of_hours;
    tot.attended += g.attended;
    tot.client_dna += g.client_dna;
    tot.coach_dna += g.coach_dna;
    tot.cancelled_by_client += g.cancelled_by_client;
    tot.cancelled_by_coach += g.cancelled_by_coach;
    for (int k = 0; k < kWaitBins; ++k) tot.wait_histogram[static_cast<std::size_t>(k)] += g.wait_histogram[static_cast<std::size_t>(k)];
    all.push_back(&t);
    finish(t.g, {&t});
  }
  finish(tot, all);
  for (Tally& t : tallies) out.groups.push_back(std::move(t.g));
  for (std::size_t i = 0; i < s.coaches.size(); ++i) {
    const std::uint32_t k = c.coach_of_scenario[i];
    out.coaches.push_back({s.coaches[i].id, coach_booked[k], c.coach_rota_minutes[i]});
  }
  out.hour_rota_minutes = c.hour_rota;
  return out;
}

}  // namespace laycoach::simulation::detail

namespace laycoach::simulation {

std::vector<ReplicationResult> run(const Scenario& s, std::uint64_t seed, int first, int count, const RunOptions& options) {
  if (first < 0) throw ValidationError("run", "first", "replication_range"_rule, "the first replication must be >= 0");
  if (count < 0) throw ValidationError("run", "count", "replication_range"_rule, "the number of replications must be >= 0");
  if (static_cast<long long>(first) + count > std::numeric_limits<int>::max())
    throw ValidationError("run", "count", "replication_range"_rule, "replication numbers beyond the int range");
  const detail::Compiled c = detail::compile(s);
  // A slot per replication, filled as each finishes (a pointer each up front, not a whole result:
  // a cancelled or failed run of many replications holds only those done).
  std::vector<std::unique_ptr<ReplicationResult>> results(static_cast<std::size_t>(count));
  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  threads = std::max(1, std::min(threads, count));
  std::atomic<int> next{0};
  std::atomic<bool> cancelled{false};
  std::mutex mu;
  int finished = 0;
  std::exception_ptr error;
  auto work = [&] {
    for (;;) {
      if (cancelled.load()) return;
      const int i = next.fetch_add(1);
      if (i >= count) return;
      try {
        results[static_cast<std::size_t>(i)] = std::make_unique<ReplicationResult>(detail::replicate(c, seed, first + i));
      } catch (...) {
        std::lock_guard lk(mu);
        if (!error) error = std::current_exception();
        cancelled = true;
        return;
      }
      std::lock_guard lk(mu);
      ++finished;
      if (options.progress && !cancelled.load()) {
        bool go = true;
        try {
          go = options.progress(finished, count);
        } catch (...) {
          if (!error) error = std::current_exception();
          go = false;
        }
        if (!go) cancelled = true;
      }
    }
  };
  if (threads == 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  if (error) std::rethrow_exception(error);
  std::vector<ReplicationResult> out;
  out.reserve(static_cast<std::size_t>(finished));
  for (auto& r : results)
    if (r) {
      out.push_back(std::move(*r));
      r.reset();
    }
  return out;
}

}  // namespace laycoach::simulation
