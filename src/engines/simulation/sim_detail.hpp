// Internal: the simulation's compiled scenario and one replication, shared by run(), the
// optimiser and the white-box tests (which replay a replication's bookings into a Programme).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <array>

#include "booking_kernel.hpp"
#include "laycoach/simulate.hpp"

namespace laycoach::simulation {
/// The client profile a stream without one uses: a client the offer admits.
ClientProfile default_profile(const Offer& o);
/// The pathway label a stream without one gets: "ethnically_diverse" or "standard".
std::string default_pathway(const Offer& o);
}  // namespace laycoach::simulation

namespace laycoach::simulation::detail {

namespace bk = booking::detail;

/// A discrete distribution over 0 .. n - 1 drawn by inversion: draw(u) is the number of its
/// cumulative probabilities <= u (std::upper_bound's index; the last one is set to 2, so rounding
/// never falls off the end). A guide table (a power of two of buckets, at least n, whose edges
/// j / m are exact) gives the index at each bucket's lower edge, from which a draw steps on: one
/// or two comparisons instead of a search over the whole table.
class Cdf {
 public:
  Cdf() = default;
  /// From a pmf (non-negative weights summing to 1; may hold zeros).
  explicit Cdf(const std::vector<double>& pmf);
  /// No values (an empty pmf).
  bool empty() const noexcept { return c_.empty(); }
  /// The cumulative probabilities (the last one 2).
  const std::vector<double>& cumulative() const noexcept { return c_; }
  /// The value drawn by a uniform u in [0, 1) (not empty()).
  std::size_t draw(double u) const noexcept {
    std::size_t i = guide_[static_cast<std::size_t>(u * static_cast<double>(guide_.size()))];
    while (c_[i] <= u) ++i;
    return i;
  }

 private:
  std::vector<double> c_;
  std::vector<std::uint32_t> guide_;  ///< bucket j: the number of cumulative probabilities <= j / size
};

/// A stream ready to simulate: its rates over the period, cumulative pmfs, the kernel's indexes.
struct CStream {
  const DemandStream* src = nullptr;
  std::uint32_t offer = 0;              ///< offer index in the Supply (the offer's own length)
  std::vector<std::uint32_t> length_offers;  ///< session_minutes_mean > 0: offer index of k+1 grid steps
  bool group = false;                   ///< group or team offer: joins scheduled sessions
  int minutes = 60;                     ///< the offer's session length
  int notice = 0;                       ///< the offer's minimum notice, minutes
  std::uint8_t want = 0;                ///< acceptable modalities
  std::vector<double> minute_rate;      ///< arrivals per minute in each UTC hour of the period (the hour's rate / 60)
  Cdf dose_cdf, interval_cdf, pref_cdf;
  double p_client_cancel = 0, p_coach_cancel = 0, p_client_dna = 0, p_coach_dna = 0;  ///< cumulative bounds
};

/// A scheduled group/team session.
struct CGroup {
  std::string id;
  std::uint32_t stream_offer = 0;  ///< offer index
  std::uint32_t coach = bk::kNoCoach;
  bk::Min start = 0;
  int minutes = 60;
  int capacity = 1;
  int taken = 0;                   ///< attendees already in
  Modality modality = Modality::Video;
};

/// The most events one replication may schedule (the event queue's keys hold a 30-bit sequence).
inline constexpr std::uint64_t kMaxEvents = std::uint64_t{1} << 30;

/// A scenario compiled once per run() call, shared read-only by the worker threads.
struct Compiled {
  const Scenario* scenario = nullptr;
  /// Events one replication may schedule before it stops with ValidationError (scenario, days,
  /// simulation_events): kMaxEvents; a test lowers it to reach the limit without 2^30 events.
  std::uint64_t max_events = kMaxEvents;
  /// Keep each client's sessions in the diary and have the search respect them. Off (the
  /// default): a client asks for a session only once every earlier one has ended (a follow-up
  /// from the end of the last at the earliest, a missed one's search at its end, a cancelled one
  /// released first), so its own diary can never rule out a start and the search skips it; a
  /// test turns it on and checks that the results are equal.
  bool client_diary = false;
  std::shared_ptr<const bk::Supply> supply;
  std::vector<CStream> streams;
  std::vector<CGroup> groups;                 ///< by start, then id
  bk::Min t0 = 0, t1 = 0;                     ///< the period [start, start + days), minutes
  int hours = 0;                              ///< UTC hours from t0 (floored to the hour) covering the period
  bk::Min hour0 = 0;                          ///< first minute of hour 0
  std::vector<std::uint8_t> hour_of_week;     ///< by hour from hour0: its UK local hour of week (offsets change on whole hours)
  std::vector<std::uint32_t> coach_of_scenario;  ///< scenario coach i -> supply coach index
  std::vector<double> coach_rota_minutes;     ///< by scenario coach
  std::array<double, kHoursPerWeek> hour_rota{};  ///< rota minutes of all coaches by local hour of week
  int g0 = 0;                                 ///< first grid slot of the out-of-hours table
  /// Per grid slot from g0, a bit (slot % 64 of word slot / 64): out_of_office_hours(start).
  /// Bits, not bytes: a booking reads one at random, and the table (~18 KiB for four years) then stays in cache.
  std::vector<std::uint64_t> out_of_hours;
  std::size_t out_of_hours_slots = 0;         ///< grid slots the table covers
  /// Is grid slot `slot` (from g0) out of office hours? (false outside the table)
  bool out_of_hours_at(long long slot) const noexcept {
    return slot >= 0 && static_cast<unsigned long long>(slot) < out_of_hours_slots &&
           ((out_of_hours[static_cast<std::size_t>(slot) >> 6] >> (static_cast<std::size_t>(slot) & 63)) & 1U);
  }
  std::vector<double> within_minutes;         ///< thresholds, minutes
};

/// Compile a scenario (validated first). Throws like validate(Scenario).
Compiled compile(const Scenario& s);

/// One step of a replication's diary (for the white-box tests): a booking, or the cancellation
/// or missed-session record of an earlier booking (`of`, its index in the trace).
struct Booked {
  enum class Kind { Book, Cancel, Missed } kind = Kind::Book;
  std::size_t of = 0;           ///< Cancel / Missed: the trace index of the booking
  int stream = 0;
  std::uint64_t client = 0;     ///< client number within the replication
  bool first = false;           ///< the client's first session
  double requested = 0;         ///< request time, minutes since the epoch (fractional)
  bk::Min search_from = 0;      ///< the search's earliest start (minutes)
  bk::Min booked_at = 0;        ///< the booking time (`now`), minutes
  bk::Min start = 0;            ///< the slot's start
  int minutes = 0;              ///< its length
  std::string coach_id;         ///< its coach ("" for a group place)
  std::string group_id;         ///< the group session joined, if any
  std::string favoured;         ///< the continuity coach asked for ("" none)
  Modality modality = Modality::Video;
  SessionStatus outcome = SessionStatus::Attended;
};

/// The next arrival of stream i after time t (minutes since the epoch, fractional) by inversion
/// of the cumulative rate; +infinity when none falls before the end of the period.
double next_arrival(const Compiled& c, std::size_t i, double t, Philox& rng);

/// Run replication r of a compiled scenario with `seed`; `trace` (may be null) receives every
/// booking in the order made.
ReplicationResult replicate(const Compiled& c, std::uint64_t seed, int r, std::vector<Booked>* trace = nullptr);

/// Philox blocks n .. n + 7 of (counter, key) as the stream's refill computes them (32 words,
/// block by block), by AVX2 lanes if `wide` and the CPU has them, else by four (for the tests).
std::vector<std::uint32_t> philox_blocks_for_test(std::uint32_t n, std::array<std::uint32_t, 4> counter,
                                                  std::array<std::uint32_t, 2> key, bool wide);
/// Whether refills use AVX2 on this CPU (for the tests).
bool philox_has_avx2_for_test();

/// Student's t quantile (two-sided interval at `level`) with df degrees of freedom.
double t_quantile(double level, int df);

}  // namespace laycoach::simulation::detail
