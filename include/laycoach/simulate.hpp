#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 3
#error "laycoach layering: an engines-layer header included from a lower layer"
#endif
/// \file simulate.hpp
/// The capacity simulation: a discrete-event simulation of the coaching service (demand against
/// the coaches' rotas) that books every simulated session through the booking engine's own slot
/// search and scheduling rules (booking.hpp), so that "will this rota keep the 24-hour promise?"
/// is answered by the same rules the live service applies.
///
/// Time. Instants are UTC; arrival rates, preferences and rotas are read in UK local time (the
/// hour of week counts from Monday 00:00 UK local: 0..167). Waits are minutes from the request to
/// the start of the session first booked for it.
///
/// Reproducibility. Replication r draws every random number from a counter-based generator
/// (Philox 4x32-10) keyed by (seed, r): its results do not depend on the number of threads nor
/// on how replications are split over calls (run(s, seed, 0, 10) equals run(s, seed, 0, 5)
/// followed by run(s, seed, 5, 5)), on any machine. Each demand stream's arrivals (and each
/// client's dose and preference) come from a substream of their own, so two scenarios with the
/// same demand and seed see the same clients (common random numbers for what-if comparisons).
///
/// The model, per demand stream (one service line, offer and pathway): clients arrive as a
/// non-homogeneous Poisson process (rate per hour of week x seasonal multiplier of the UK local
/// month x (1 + growth)^(years since the scenario's start)); each draws a number of sessions
/// (its dose) and a time-of-day preference. Its first session is searched at once, earliest
/// first, within the stream's window (booking::search's ranking, through the engine's kernel);
/// none found: unmet demand. Group and team offers: the client joins the earliest scheduled
/// session of the offer with a free place in the window, else joins the waiting list of the
/// earliest full one (served in order when a place is freed by a cancellation; a client never
/// given a place is unmet at the end), else is unmet.
/// Each later session is sought `interval` days after the previous one's start (not before its
/// end), with continuity (the previous coach first, as live). A booked session is attended,
/// missed (client or coach did not attend: the time was held; the record then stops counting
/// towards caps, as live) or cancelled (by client or coach: the slot is freed half way between
/// booking and start, and the client seeks a new slot then). A session the coach missed is
/// sought again from its end; one the client missed counts towards the dose. Arrivals stop at
/// the end of the period, and so do later sessions and re-requests after a missed session
/// whose request would fall after it; every request made is followed to its booking, wherever
/// that falls (the engine's horizon covers the windows). Utilisation counts booked time
/// (group sessions included) and rota time inside the period only.

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "laycoach/access.hpp"
#include "laycoach/booking.hpp"
#include "laycoach/programme.hpp"

namespace laycoach::simulation {

/// Hours in a week: the length of DemandStream::per_hour (Monday 00:00 UK local first).
inline constexpr int kHoursPerWeek = 168;
/// Width of one bin of ReplicationResult wait histograms, minutes.
inline constexpr int kWaitBinMinutes = 15;
/// Bins of a wait histogram: 15-minute bins over 14 days; the last bin also holds longer waits.
inline constexpr int kWaitBins = 14 * 24 * 4;

// ---- the Philox 4x32-10 counter-based generator ----------------------------------------------

/// Philox 4x32-10 (Salmon et al., SC'11; Random123): the block for `counter` under `key`.
/// Pure function, never throws.
std::array<std::uint32_t, 4> philox4x32_10(std::array<std::uint32_t, 4> counter,
                                           std::array<std::uint32_t, 2> key) noexcept;

/// A stream of uniform numbers from Philox 4x32-10 keyed by (seed, stream): the n-th block is
/// philox(counter = {n lo, n hi, stream lo, stream hi}, key = {seed lo, seed hi}).
class Philox {
 public:
  /// The stream `stream` (e.g. a replication number) of `seed`; `substream` (< 2^32 blocks
  /// each) splits it further: the n-th block has counter {n, substream, stream lo, stream hi}.
  Philox(std::uint64_t seed, std::uint64_t stream, std::uint32_t substream = 0) noexcept;
  /// The next 32 random bits.
  std::uint32_t next_u32() noexcept {
    if (used_ == kWords) refill();
    return buf_[static_cast<std::size_t>(used_++)];
  }
  /// A uniform double in (0, 1) (never 0 or 1), 53 random bits: the next two words. (Inlined
  /// always: a call costs as much as the draw itself, and the compiler would not inline it.)
#if defined(__GNUC__)
  [[gnu::always_inline]]
#endif
  double uniform() noexcept {
    std::uint64_t a, b;
    if (used_ <= kWords - 2) [[likely]] {  // both words in the buffer: no check per word
      a = buf_[static_cast<std::size_t>(used_)] >> 5;
      b = buf_[static_cast<std::size_t>(used_ + 1)] >> 6;
      used_ += 2;
    } else {
      a = next_u32() >> 5;
      b = next_u32() >> 6;
    }
    // 27 + 26 bits, (k + 0.5) / 2^53: strictly inside (0, 1).
    return (static_cast<double>((a << 26) | b) + 0.5) * (1.0 / 9007199254740992.0);
  }

 private:
  static constexpr int kBlocks = 8;              // blocks per refill (computed side by side)
  static constexpr int kWords = 4 * kBlocks;
  std::array<std::uint32_t, 2> key_;
  std::array<std::uint32_t, 4> ctr_;
  alignas(32) std::array<std::uint32_t, kWords> buf_{};
  int used_ = kWords;
  void refill() noexcept;  // the next kBlocks blocks into buf_, in counter order (one call per 32 words)
};

// ---- demand ------------------------------------------------------------------------------------

/// A time-of-day preference of a share of clients: sessions starting in one of `windows` (UK
/// local; empty = any time the service is open) on the days of `weekdays`.
struct TimePreference {
  double weight = 1;                              ///< relative share of clients (>= 0)
  std::vector<booking::TimeOfDay> windows;        ///< acceptable start times, UK local
  std::uint8_t weekdays = 0x7F;                   ///< bit 0 = Monday ... bit 6 = Sunday
  bool operator==(const TimePreference&) const = default;
};

/// Who the simulated clients of a stream are (for the offer's eligibility rule).
struct ClientProfile {
  ClientKind kind = ClientKind::Staff;  ///< staff or patient
  bool ethnically_diverse = false;      ///< self-identifies as from an ethnically diverse background
  bool leader = false;                  ///< leads or manages a team
  std::optional<int> pam_level;         ///< patients: Patient Activation Measure level 1..4
  bool operator==(const ClientProfile&) const = default;
};

/// One stream of demand: one service line, offer and pathway.
struct DemandStream {
  std::string service_line_id;  ///< "" = the offer's service line
  std::string offer_id;         ///< the offer booked (required)
  std::string pathway;          ///< label of the pathway ("" = "ethnically_diverse" for an offer on it, else "standard")
  std::array<double, kHoursPerWeek> per_hour{};  ///< arrivals per hour by hour of week (UK local, Monday 00:00 first) at the scenario's start, before seasonal multipliers, >= 0
  std::array<double, 12> seasonal{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};  ///< multiplier of the rates by UK local month (January first), >= 0
  double growth = 0;            ///< annual growth of the rates from the scenario's start, fraction per year (365.25 days), compounding (> -1)
  std::vector<double> sessions_pmf{1.0};  ///< P(dose = i + 1 sessions), i = 0.. (sums to 1)
  std::vector<double> interval_pmf{0, 0, 0, 0, 0, 0, 0, 1.0};  ///< P(next session sought i days after the previous start), i = 0..
  double client_dna = 0;        ///< probability the client does not attend a booked session
  double coach_dna = 0;         ///< probability the coach does not attend a booked session
  double client_cancel = 0;     ///< probability the client cancels a booked session
  double coach_cancel = 0;      ///< probability the coach cancels a booked session
  std::vector<TimePreference> preferences;  ///< weighted preferences; empty = any time the service is open
  int window_days = booking::kDefaultWindowDays;  ///< how far ahead a session is searched, days (1..kMaxWindowDays)
  std::optional<Modality> modality;  ///< required modality; none = any the offer and coach allow
  /// > 0: session lengths drawn exponential with this mean (minutes), rounded up to the 15-minute
  /// grid (so geometric in slots; for the M/M/c validation); 0 = the offer's session length.
  double session_minutes_mean = 0;
  /// Who the clients are; none = a client the offer admits (its first client kind; ethnically
  /// diverse, leader, PAM level as its eligibility asks).
  std::optional<ClientProfile> client;
  bool operator==(const DemandStream&) const = default;
};

/// The demand on a service: one stream per service line, offer and pathway.
struct DemandModel {
  std::vector<DemandStream> streams;  ///< in any order; (offer, pathway) unique
  bool operator==(const DemandModel&) const = default;
};

/// Shortest history (days from `from` to `to`) over which fit_demand fits growth alone.
inline constexpr int kFitGrowthMinDays = 183;
/// Shortest history (days) over which fit_demand fits seasonal multipliers (every calendar month seen).
inline constexpr int kFitSeasonalMinDays = 365;
/// Shortest history (days) over which fit_demand fits growth beside seasonal multipliers: under
/// two years a month is seen at most once and a trend cannot be told from a season.
inline constexpr int kFitSeasonalGrowthMinDays = 730;
/// Fewest arrivals in the period (30 per calendar month) for a stream's seasonality or growth to
/// be fitted; a stream with fewer keeps multipliers 1 and growth 0.
inline constexpr int kFitTrendMinArrivals = 360;

/// Fit a demand model from a programme's history in [from, to): per offer and pathway, arrival
/// rates per hour of week, seasonal multipliers and growth from the referrals' requested_at, the
/// dose (sessions per referral) and interval pmfs, DNA and cancellation shares and time-of-day
/// preferences (one per UK local hour band of booked starts).
/// Rates are the maximum likelihood fit of the model the simulation draws from: arrivals in
/// each UTC hour of the period are Poisson with mean per_hour[UK local hour of week] x
/// seasonal[UK local month] x (1 + growth)^(years from `to`), years of 365.25 days. What is
/// fitted depends on the history's span and the stream's arrivals: seasonal multipliers when
/// the span is at least kFitSeasonalMinDays, growth when it is at least kFitGrowthMinDays (and
/// at least kFitSeasonalGrowthMinDays when seasonal multipliers are fitted too), each only for a
/// stream with at least kFitTrendMinArrivals arrivals; what is not fitted is exactly 1 / 0, and
/// with neither, per_hour is count / exposure hours (the mean rate over the period). Seasonal
/// multipliers average 1 over the twelve months (a month without arrivals gets 0); per_hour is
/// then the de-seasonalised rate at `to`, so a scenario starting at `to` continues the trend
/// (one starting earlier, e.g. at `from` to replay the history, would need per_hour scaled by
/// (1 + growth)^-(years from its start to `to`)). Throws ValidationError(record "fit", field "to",
/// rule "period_order") when from >= to, rule "period_length" over 20 years; field "from"/"to",
/// rule "instant_required" for a missing instant.
DemandModel fit_demand(const Programme& p, Instant from, Instant to);

/// Check a demand model: ValidationError(record "demand", field the JSON pointer of the value,
/// e.g. "/streams/0/per_hour/12", rule e.g. "rate_range", "pmf_sum", "probability_range",
/// "offer_required", "unique_stream").
void validate(const DemandModel& demand);

// ---- scenarios ---------------------------------------------------------------------------------

/// Options of a scenario's outputs.
struct Options {
  std::vector<double> within_hours{24};  ///< thresholds for "first session within N hours" (> 0)
  OfficeHours office{};                   ///< office hours for the out-of-office-hours counts
  bool operator==(const Options&) const = default;
};

/// A scenario: supply (the live programme's catalogue and coaches), demand, period and options.
struct Scenario {
  Catalogue catalogue;                   ///< service lines and offers
  std::vector<Coach> coaches;            ///< the coaches (rotas, leave, caps, buffers, pathways, offers, modalities)
  DemandModel demand;                    ///< who asks for what, when
  Instant start{boost::posix_time::not_a_date_time};  ///< first instant simulated (UTC)
  int days = 28;                         ///< length of the simulated period, days (1..kMaxScenarioDays)
  /// Group and team sessions on offer (the live Session type: id, offer_id, coach_id, start,
  /// minutes, modality; attendees already in count against capacity). They hold their coach's time.
  std::vector<Session> group_sessions;
  Options options;                       ///< output options
  bool operator==(const Scenario&) const = default;
};

/// Longest scenario, days (eight years).
inline constexpr int kMaxScenarioDays = 8 * 366;

/// A scenario from a live programme: its catalogue, coaches and booked group/team sessions
/// starting in the period, with `demand`. Throws like validate(Scenario).
Scenario scenario_from(const Programme& p, const DemandModel& demand, Instant start, int days,
                       const Options& options = {});

/// Check a scenario: the demand (validate), the period, the options, and that each stream's
/// representative client would be accepted by the live rules (a Programme built in memory from
/// the scenario's data; its eligibility, consent and referral rules). Throws the error of the
/// first rule broken (ValidationError record "scenario" / "demand", NotFoundError for an unknown
/// offer or coach, or the domain's own error for a client the offer would refuse).
void validate(const Scenario& s);

/// Weekly rota blocks from `from_min` to `to_min` (minutes after UK local midnight) on each day
/// of `weekdays` (bit 0 = Monday): e.g. evenings 18:00-22:00 Monday-Friday = (1080, 1320, 0x1F).
std::vector<RotaBlock> weekly_blocks(int from_min, int to_min, std::uint8_t weekdays = 0x7F);

/// What-if: `n` more coaches like `template_coach_id` (same offers, pathways, modalities, caps,
/// buffer, training; no leave or dated exceptions), ids "<id_prefix><k>", with the template's
/// weekly pattern or `weekly` when not empty. Throws NotFoundError (template), ValidationError
/// (n < 0, an id taken).
Scenario add_coaches(const Scenario& s, const std::string& template_coach_id, int n,
                     const std::vector<RotaBlock>& weekly = {}, const std::string& id_prefix = "sim-coach-");
/// What-if: the weekly `blocks` added to the rota of each coach in `coach_ids` (empty: every
/// coach). Throws NotFoundError for an unknown coach.
Scenario add_hours(const Scenario& s, const std::vector<RotaBlock>& blocks,
                   const std::vector<std::string>& coach_ids = {});
/// What-if: the offer opened to the coaches in `coach_ids` (empty: every coach); for an offer on
/// the ethnically diverse pathway only coaches who self-identify so are opened (and put on the
/// pathway). Throws NotFoundError (offer, coach).
Scenario open_offer(const Scenario& s, const std::string& offer_id, const std::vector<std::string>& coach_ids = {});

// ---- results of one replication ----------------------------------------------------------------

/// What one replication produced for one (service line, offer, pathway).
struct GroupResult {
  std::string service_line_id;        ///< service line
  std::string offer_id;               ///< offer
  std::string pathway;                ///< pathway label
  long long requests = 0;             ///< clients who asked (arrivals in the period)
  long long first_booked = 0;         ///< clients whose first session was booked (group: joined)
  std::vector<long long> within;      ///< first sessions starting within each Options::within_hours of the request
  long long unmet = 0;                ///< clients with no first session: no slot in their window, or a waiting list that never gave a place
  long long waiting_list_joins = 0;   ///< clients who joined a group/team session's waiting list
  long long sessions_booked = 0;      ///< every session booked (first, follow-ups, rebookings)
  long long out_of_hours = 0;         ///< of those, starting out of office hours (laycoach::out_of_office_hours)
  long long attended = 0;             ///< sessions attended
  long long client_dna = 0;           ///< sessions the client did not attend
  long long coach_dna = 0;            ///< sessions the coach did not attend
  long long cancelled_by_client = 0;  ///< sessions the client cancelled
  long long cancelled_by_coach = 0;   ///< sessions the coach cancelled
  double wait_mean = 0;               ///< mean wait to the first session, minutes (NaN when none booked)
  double wait_median = 0;             ///< median wait, minutes (NaN when none booked)
  double wait_p90 = 0;                ///< 90th percentile of the wait, minutes (NaN when none)
  double wait_p95 = 0;                ///< 95th percentile of the wait, minutes (NaN when none)
  std::vector<std::uint32_t> wait_histogram;  ///< kWaitBins counts of waits in kWaitBinMinutes bins (last: longer)
  bool operator==(const GroupResult&) const = default;
};

/// A coach's booked minutes against rota minutes in one replication.
struct CoachLoad {
  std::string coach_id;          ///< coach
  double booked_minutes = 0;     ///< minutes of sessions that held the coach's time (booked, attended, missed)
  double rota_minutes = 0;       ///< rota minutes in the period (laycoach::rota_minutes)
  bool operator==(const CoachLoad&) const = default;
};

/// The results of one replication.
struct ReplicationResult {
  int replication = 0;                   ///< its number r (its random stream)
  std::vector<double> within_hours;      ///< the thresholds of GroupResult::within, hours (Options::within_hours)
  std::vector<GroupResult> groups;       ///< one per demand stream, in the demand model's order
  GroupResult total;                     ///< every stream together (ids ""; percentiles of all waits)
  std::vector<CoachLoad> coaches;        ///< one per coach, in the scenario's order
  std::array<double, kHoursPerWeek> hour_booked_minutes{};  ///< booked minutes by UK local hour of week
  std::array<double, kHoursPerWeek> hour_rota_minutes{};    ///< rota minutes of all coaches by UK local hour of week
  bool operator==(const ReplicationResult&) const = default;
};

/// How to run replications.
struct RunOptions {
  int threads = 0;  ///< worker threads; 0 = every core (std::thread::hardware_concurrency)
  /// Called after each replication with (done, total) from any worker, never concurrently;
  /// returning false cancels: replications not started are skipped and those done returned.
  std::function<bool(int done, int total)> progress;
};

/// Run replications [first, first + count) of the scenario with `seed`, in order of replication
/// (each independent of the others, of `threads` and of the split into calls). Throws like
/// validate(Scenario); ValidationError(record "run", field "first"/"count", rule
/// "replication_range") when first < 0 or count < 0; ValidationError(record "scenario", field
/// "days", rule "simulation_events") when one replication would schedule 2^30 events or more.
std::vector<ReplicationResult> run(const Scenario& s, std::uint64_t seed, int first, int count,
                                   const RunOptions& options = {});

// ---- across replications -----------------------------------------------------------------------

/// One figure across replications: mean with its confidence interval (Student's t over the
/// replications' values; NaN bounds with fewer than two values).
struct SummaryRow {
  std::string service_line_id;  ///< "" on the overall rows
  std::string offer_id;         ///< "" on the overall rows
  std::string pathway;          ///< "" on the overall rows
  /// "requests", "first_booked", "share_within_<N>h" (N as given, e.g. "share_within_24h": first
  /// sessions starting within N hours of the request / requests, so an unmet request counts as
  /// not seen), "unmet", "share_unmet" (/ requests), "waiting_list_joins", "sessions_booked",
  /// "share_out_of_hours" (/ sessions booked),
  /// "wait_mean_minutes", "wait_median_minutes", "wait_p90_minutes", "wait_p95_minutes",
  /// "utilisation" (overall rows only).
  std::string measure;
  double mean = 0;              ///< mean over replications with a value
  double lower = 0;             ///< lower bound of the interval
  double upper = 0;             ///< upper bound of the interval
  double sd = 0;                ///< standard deviation over replications
  int n = 0;                    ///< replications with a value (a share needs a denominator > 0)
  bool operator==(const SummaryRow&) const = default;
};

/// A coach's utilisation across replications (booked / rota minutes per replication).
struct CoachSummaryRow {
  std::string coach_id;  ///< coach
  double mean = 0, lower = 0, upper = 0;  ///< utilisation mean and interval (NaN when no rota time)
  bool operator==(const CoachSummaryRow&) const = default;
};

/// Utilisation of one UK local hour of week across replications.
struct HourSummaryRow {
  int hour_of_week = 0;  ///< 0 = Monday 00:00-01:00 UK local ... 167
  double mean = 0, lower = 0, upper = 0;  ///< utilisation mean and interval (NaN when no rota time)
  bool operator==(const HourSummaryRow&) const = default;
};

/// Every figure across replications, flat.
struct Summary {
  double level = 0.95;                   ///< confidence level of the intervals
  int replications = 0;                  ///< replications summarised
  std::vector<SummaryRow> rows;          ///< by group (demand order) then overall, each in the measure order above
  std::vector<CoachSummaryRow> coaches;  ///< by the scenario's coach order
  std::vector<HourSummaryRow> hours;     ///< 168 rows
  bool operator==(const Summary&) const = default;
};

/// Summarise replications (of one scenario) at confidence `level`. Throws ValidationError(record
/// "summary", field "level", rule "confidence_level") unless 0 < level < 1, field "results" rule
/// "same_scenario" when the replications' groups or coaches differ.
Summary summarise(const std::vector<ReplicationResult>& results, double level = 0.95);

// ---- the optimiser -----------------------------------------------------------------------------

/// What the optimiser varies.
enum class Lever {
  Coaches,  ///< add n coaches like `template_coach_id` (with `weekly` when given)
  Hours     ///< add `weekly` blocks to n of the existing coaches (in the scenario's order)
};

/// A target and how to search for it.
struct OptimiseOptions {
  Lever lever = Lever::Coaches;        ///< what to add
  std::string template_coach_id;       ///< Coaches: the template (required)
  std::vector<RotaBlock> weekly;       ///< Coaches: their weekly pattern (empty: the template's); Hours: blocks added (required)
  double target = 0.9;                 ///< share of first sessions within `within_hours` to reach, 0..1
  double within_hours = 24;            ///< the threshold (one of the scenario's within_hours, added if missing)
  std::string offer_id;                ///< the offer judged ("" = every group together)
  double level = 0.95;                 ///< the target is met when the interval's lower bound >= target
  int max_added = 100;                 ///< largest n tried
  int replications = 30;               ///< replications per point
  std::uint64_t seed = 1;              ///< the seed of every point (common random numbers)
  RunOptions run;                      ///< threads, and progress as run() calls it for each point evaluated
};

/// One point the optimiser evaluated.
struct OptimisePoint {
  int added = 0;        ///< coaches (or coaches given hours) added
  double mean = 0;      ///< share within the threshold, mean over replications
  double lower = 0;     ///< lower bound of its interval
  double upper = 0;     ///< upper bound
  bool meets = false;   ///< lower >= target
  bool operator==(const OptimisePoint&) const = default;
};

/// The optimiser's answer.
struct OptimiseResult {
  std::optional<int> best;              ///< the smallest n that meets the target; none if max_added does not
  std::vector<OptimisePoint> points;    ///< every point evaluated, by n
  bool operator==(const OptimiseResult&) const = default;
};

/// The smallest n in 0..max_added for which the share meets the target with the stated
/// confidence, by a monotone search (doubling, then bisection) over n. Throws
/// ValidationError(record "optimise", field "target" / "level" / "max_added" / "replications" /
/// "weekly", rule e.g. "share_range"), NotFoundError (template coach, offer).
OptimiseResult optimise(const Scenario& s, const OptimiseOptions& options);

}  // namespace laycoach::simulation
