// Internal: the booking kernel, the state and the one slot search of the booking engine,
// split so that a simulation can run many replications on one rota index:
//  - Supply: immutable once built (shared by threads): coaches by index (ids, caps, buffer,
//    merged rota intervals, per-day CSR of rota entries over local days [h0, h1)), offers by
//    index (length, notice, opening hours, per-coach modality eligibility), id -> index maps;
//  - Diary: mutable, cheap to copy or reset, one per replication: occupied spans of each coach,
//    day and ISO-week counts, busy spans of each client by integer index;
//  - Ask: an integer-keyed request; find_slots(Supply, Diary, Ask) is THE search, used by the
//    Programme path (search_locked) and by the simulation alike;
//  - occupy / release: a session holding time appears in or leaves a diary.
// Times are whole minutes since 1970-01-01T00:00Z (int32: the engine works in 1971..2199); UK
// local time is computed from a precomputed table of daylight-saving transitions. Layer:
// engines (3). Nothing here takes a lock: a Supply is immutable, a Diary belongs to its caller;
// find_slots may run on many threads at once over one Supply (each thread its own Diary, or
// Diaries nobody writes meanwhile).
#pragma once

#include <atomic>
#include <concepts>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "huge_pages.hpp"
#include "laycoach/booking.hpp"

namespace laycoach::booking::detail {

using Min = std::int32_t;  ///< minutes since 1970-01-01T00:00Z (UTC)
inline constexpr Min kGrid = kSlotMinutes;
inline constexpr int kFirstYear = 1971, kLastYear = 2199;
/// Longest horizon the index covers at once (days): 20 years of rotas.
inline constexpr int kMaxHorizonDays = 20 * 365 + 5;

/// [s, e) in minutes, UTC.
struct Span {
  Min s = 0, e = 0;
  bool operator==(const Span&) const = default;
};

/// Floor of a / b for b > 0, in 64 bits (any integer operands but two ints).
template <std::integral A, std::integral B>
inline constexpr int floor_div(A a_, B b_) {
  const std::int64_t a = a_, b = b_;
  return static_cast<int>(a >= 0 ? a / b : -((-a + b - 1) / b));
}
/// The same for int operands (b > 0): an unsigned 32-bit division when a >= 0 (the engine's
/// minutes and days), cheaper than the 64-bit one.
inline constexpr int floor_div(int a, int b) {
  return a >= 0 ? static_cast<int>(static_cast<unsigned>(a) / static_cast<unsigned>(b))
                : static_cast<int>(-((-static_cast<std::int64_t>(a) + b - 1) / b));
}
inline constexpr Min ceil_grid(Min t) { return static_cast<Min>(floor_div(static_cast<std::int64_t>(t) + kGrid - 1, kGrid) * kGrid); }
inline constexpr Min floor_grid(Min t) { return static_cast<Min>(floor_div(t, kGrid) * kGrid); }

/// Floor / ceiling of an instant in minutes; ValidationError(field, "booking_time_range") outside 1971..2199.
Min floor_min(Instant t, const char* field);
Min ceil_min(Instant t, const char* field);
/// The instant of a minute.
Instant instant_of(Min m);

/// Buckets of the offset table: 2^15 minutes (~22.8 days, less than half a year).
inline constexpr int kOffsetBucketShift = 15;
/// One 2^15-minute bucket of the offset table: the offset at its first minute, and the first
/// daylight-saving transition at or after that minute (INT32_MAX when none), after which the
/// offset is the other one (transitions are months apart: at most one lies in a bucket).
struct OffsetBucket {
  Min next = 0;
  int offset = 0;  ///< 0 or 60
};
/// The table behind uk_offset, filled once on first use (limit 0 until then): a bucket per 2^15
/// minutes, so that an offset is one 8-byte read and a comparison.
struct OffsetTable {
  const OffsetBucket* bucket = nullptr;
  std::atomic<Min> limit{0};  ///< first minute not covered (set last, with release)
};
extern OffsetTable g_uk_offsets;
/// uk_offset outside the table (or before it is filled): fills it, or asks laycoach::to_uk_local's rule.
int uk_offset_slow(Min u) noexcept;
/// The UK offset (0 or 60 minutes) in force at minute u; the same rule as laycoach::to_uk_local.
inline int uk_offset(Min u) noexcept {
  const OffsetTable& t = g_uk_offsets;
  // (one unsigned comparison: a negative u wraps above every limit)
  if (static_cast<std::uint32_t>(u) >= static_cast<std::uint32_t>(t.limit.load(std::memory_order_acquire))) return uk_offset_slow(u);
  const OffsetBucket& b = t.bucket[static_cast<std::size_t>(u) >> kOffsetBucketShift];
  return u >= b.next ? 60 - b.offset : b.offset;
}
/// Local-epoch minute (UK wall clock read as if it were UTC) of minute u.
inline Min local_min(Min u) noexcept { return u + uk_offset(u); }
/// UK local day number (days since 1970-01-01) of minute u.
inline int local_day(Min u) noexcept { return floor_div(local_min(u), 1440); }
/// 0 = Monday ... 6 = Sunday.
inline int weekday(int day) noexcept {
  const int r = (day + 3) % 7;
  return r < 0 ? r + 7 : r;
}
/// ISO week (Monday-Sunday) key of a day: the week's number since Monday 1969-12-29.
inline int week_of(int day) noexcept { return floor_div(day + 3, 7); }
/// First minute (UTC) of UK local day `day` (local midnight is never skipped nor repeated).
inline Min day_start(int day) noexcept { return day * 1440 - uk_offset(day * 1440 - 60); }
/// England and Wales bank holiday?
bool bank_holiday(int day) noexcept;
/// Day number of a date and back.
int day_of(Date d);
Date date_of(int day);

/// Appends the UTC minutes u whose local-epoch minute lies in [la, lb) as spans in increasing
/// order, merged among themselves (not with spans already in `out`): none for a local time skipped in spring, two pieces when repeated in autumn.
void preimage(Min la, Min lb, std::vector<Span>& out);

/// The weekly blocks, exceptions and leave of one coach, by day: appends the day's local blocks
/// [start_min, end_min) (unsorted, may overlap). The one reading of a Rota, shared by the index
/// and by the reference rule check.
void blocks_of_day(const Rota& r, Date date, std::vector<std::pair<int, int>>& out);

/// A rota interval of a coach listed under a local day.
struct Entry {
  Min ws, we;
  std::uint32_t coach;
};

/// Sorted spans by coach in one array (coach c's at [begin[c], begin[c + 1])), so that the
/// rows of all coaches share a few huge pages instead of one heap block each.
struct SpanRows {
  std::vector<std::uint32_t> begin{0};  ///< by coach, plus one: where each row starts in `spans`
  huge_pages::vector<Span> spans;       ///< every row, coach after coach
  /// Coach c's row (c < size()).
  std::span<const Span> operator[](std::size_t c) const noexcept { return {spans.data() + begin[c], spans.data() + begin[c + 1]}; }
  /// Number of rows.
  std::size_t size() const noexcept { return begin.size() - 1; }
};

/// One client's busy spans, by start (never overlapping), with the count in one 64-byte record:
/// up to kInline spans in place (most clients), all of them in `more` beyond that. A search
/// for a client reads one cache line, and clients who arrived close in time lie together.
struct alignas(64) ClientSpans {
  static constexpr std::uint32_t kInline = 4;  ///< spans held in place
  std::uint32_t n = 0;                         ///< number of spans
  Span in[kInline];                            ///< the spans while n <= kInline
  std::vector<Span> more;                      ///< the spans while n > kInline
  /// The n spans, by start.
  const Span* data() const noexcept { return n <= kInline ? in : more.data(); }
  std::size_t size() const noexcept { return n; }
  bool empty() const noexcept { return n == 0; }
  /// Forget every span (keeps `more`'s memory).
  void clear() noexcept {
    n = 0;
    more.clear();
  }
  /// Add x after the spans starting at or before x.s.
  void insert(Span x);
  /// Remove the first span equal to x (none: nothing changes).
  void erase(Span x);
};
static_assert(sizeof(ClientSpans) == 64);

/// The caps and buffer of a coach (sessions per local day, per ISO week; buffer in minutes).
struct Caps {
  int day = 0, week = 0, buffer = 0;
};

/// Per coach per local day: sessions starting that day, and occupied intervals (widened by the
/// coach's buffer) touching that day. touch == 0 means no clash is possible for any session
/// that starts and ends within the day, so the search skips the coach's diary.
struct DayCell {
  std::uint16_t count = 0;
  std::uint16_t touch = 0;
};

/// Per coach per ISO week: sessions starting that week and the day cells of its seven days
/// (Monday first), in 32 bytes, so that the caps of a coach on a day are one cache line.
struct alignas(32) WeekCells {
  std::uint16_t count = 0;  ///< sessions starting that ISO week
  std::uint16_t unused = 0;
  DayCell day[7];           ///< Monday ... Sunday (a day outside the diary's days stays empty)
};
static_assert(sizeof(WeekCells) == 32);

/// No coach (index).
inline constexpr std::uint32_t kNoCoach = 0xFFFFFFFFu;
/// No client (index).
inline constexpr std::uint32_t kNoClient = 0xFFFFFFFFu;

/// What the search needs of an offer, by offer index.
struct OfferRules {
  std::string id;                    ///< offer id
  int minutes = 60;                  ///< session length, minutes
  int min_notice = 0;                ///< minimum notice, minutes
  OpeningHours hours;                ///< opening hours (UK local) and bank-holiday policy
  std::vector<Modality> modalities;  ///< the offer's, in its order (a slot takes the first its coach works by)
  std::vector<std::uint8_t> modal;   ///< per coach: bit m set when the coach may deliver the offer by Modality m
  /// The starts the opening hours allow on each local day of the supply's horizon (CSR over
  /// days [h0, h1]: day d's spans [s, e) of start minutes at [open_begin[d-h0], open_begin[d-h0+1])).
  std::vector<std::uint32_t> open_begin;
  std::vector<Span> open;
};

/// Appends the start minutes [s, e) the offer's opening hours allow on local day `day` (UK
/// local time, bank-holiday policy): check_session's opening rule for a session of the offer's
/// length. `a` and `b` are scratch.
void opening_starts(const OfferRules& o, int day, std::vector<Span>& out, std::vector<Span>& a, std::vector<Span>& b);

/// The immutable side of the engine: coaches, rotas and offers over local days [h0, h1).
/// Coaches are indexed in order of id (the ranking's last tie-break is the coach index).
struct Supply {
  int h0 = 0, h1 = 0;                               ///< horizon: local days [h0, h1)
  std::vector<std::string> coach_ids;               ///< by coach index, ascending
  std::vector<Caps> caps;                           ///< by coach
  SpanRows work;                                    ///< by coach: merged rota intervals over the horizon (plus a day each side)
  /// Where to start looking in `work`: for coach c and ISO week ww0 + i (i < nww), at
  /// [c * nww + i] the index in work[c] of the first interval ending after that week's Monday
  /// 00:00 UK local time (so a search bisects a week or two of intervals, not four years).
  huge_pages::vector<std::uint32_t> work_week;
  int ww0 = 0;                                      ///< first ISO week of work_week
  std::size_t nww = 0;                              ///< weeks per coach in work_week
  std::vector<std::uint32_t> day_begin;             ///< CSR over days [h0, h1]: entries of day d at [day_begin[d-h0], day_begin[d-h0+1])
  huge_pages::vector<Entry> entries;                       ///< rota intervals listed under every local day they touch, by start then coach
  std::vector<Min> day_longest;                     ///< by day - h0: the longest entry of the day (we - ws, minutes; 0 when none)
  /// Who works in each UK local hour: for day d and local hour h (0..23, the hour of
  /// local_min), at ((d - h0) * 24 + h) * nwords a bitset over coaches with a rota interval
  /// overlapping that hour. A coach who can start a session at t has its bit set in t's hour.
  huge_pages::vector<std::uint64_t> hour_on;
  std::size_t nwords = 0;                           ///< 64-bit words per bitset over coaches
  std::vector<OfferRules> offers;                   ///< by offer index
  std::unordered_map<std::string, std::uint32_t> coach_of, offer_of;  ///< id -> index

  /// The bitset of coaches working in the local hour of minute t on local day `day` (inside [h0, h1)).
  const std::uint64_t* on(int day, Min t) const noexcept {
    const int h = static_cast<int>(local_min(t) - static_cast<Min>(day) * 1440) / 60;
    return hour_on.data() + (static_cast<std::size_t>(day - h0) * 24 + static_cast<std::size_t>(h)) * nwords;
  }
  /// Number of coaches.
  std::size_t n_coaches() const noexcept { return coach_ids.size(); }
  /// Does the horizon cover local days [d0, d1)?
  bool covers(int d0, int d1) const noexcept { return d0 >= h0 && d1 <= h1; }
  /// Coach index of an id; NotFoundError(id, "coach_id") if unknown.
  std::uint32_t coach(const std::string& id) const;
  /// Offer index of an id; NotFoundError(id, "offer_id") if unknown.
  std::uint32_t offer(const std::string& id) const;
};

/// Build a Supply over local days [d0, d1) from coaches (any order; ids unique) and offers.
/// Throws ValidationError(id, "id", "unique_id") for a repeated coach or offer id,
/// ValidationError("", "to", "period_length") beyond kMaxHorizonDays.
std::shared_ptr<const Supply> build_supply(const std::vector<const Coach*>& coaches, const std::vector<const Offer*>& offers,
                                           int d0, int d1);
/// Build a Supply from a programme's coaches and offers (under its read lock).
std::shared_ptr<const Supply> build_supply(const Programme& p, int d0, int d1);
/// Build a Supply from records without a Programme (the coaches and the catalogue's offers).
std::shared_ptr<const Supply> build_supply(const ProgrammeData& d, int d0, int d1);
/// Local days [d0, d1) of a period of instants [from, to) (ValidationError outside 1971..2199).
std::pair<int, int> days_of_period(Instant from, Instant to);

/// The mutable side: who is busy when. One per replication; copy or reset() freely.
struct Diary {
  int h0 = 0, h1 = 0;                         ///< local days [h0, h1) of the day cells (the Supply's)
  int w0 = 0, w1 = 0;                         ///< ISO weeks [w0, w1) of the week counts
  std::size_t nc = 0;                         ///< coaches
  std::vector<std::vector<Span>> busy;        ///< by coach: occupying sessions, by start (never overlapping)
  /// Day and week counts, coach-major: coach c's ISO week w at c * (w1 - w0) + (w - w0) (one
  /// coach's days near each other: a search of one coach reads one or two cache lines).
  huge_pages::vector<WeekCells> cells;
  huge_pages::vector<ClientSpans> client_busy; ///< by client index (grown on demand), by start
  // The same week counts as buckets, so that the fair-spread tie-break (fewest sessions that ISO
  // week, then coach index) can visit coaches in rank order instead of all of them: for each
  // week touched, a bitset over coaches per count 0 .. nb - 1, and one more for counts >= nb. A
  // week never touched has every coach at 0 and no block.
  std::size_t nwords = 0;                     ///< 64-bit words per bitset over coaches
  int nb = 1;                                 ///< exact buckets: counts 0 .. nb - 1 (the largest weekly cap, at most 64)
  std::vector<std::uint32_t> week_block;      ///< by week - w0: 0 = untouched, else 1 + its block in week_bits
  huge_pages::vector<std::uint64_t> week_bits;       ///< blocks of (nb + 1) * nwords words, bucket-major

  Diary() = default;
  /// An empty diary shaped for `s`.
  explicit Diary(const Supply& s) { reset(s); }
  /// Empty it, shaped for `s` (keeps allocated memory where it can).
  void reset(const Supply& s);
  /// Where day `day` (inside [h0, h1)) lies in the cells: its ISO week's offset from w0 and its
  /// weekday (0 = Monday).
  struct At {
    std::size_t week;
    unsigned wd;
  };
  /// Days from the Monday of ISO week w0 to `day` (negative before it).
  int since_w0(int day) const noexcept { return day - (7 * w0 - 3); }
  At at(int day) const noexcept {
    const unsigned x = static_cast<unsigned>(since_w0(day));
    return {x / 7, x % 7};
  }
  /// Coach c's cells, week w0 first (one per ISO week of [w0, w1)).
  const WeekCells* row(std::uint32_t c) const noexcept { return cells.data() + static_cast<std::size_t>(c) * static_cast<std::size_t>(w1 - w0); }
  WeekCells* row(std::uint32_t c) noexcept { return cells.data() + static_cast<std::size_t>(c) * static_cast<std::size_t>(w1 - w0); }
  /// Sessions of coach c (< nc) starting in ISO week `week` (0 outside [w0, w1)).
  int week_sessions(std::uint32_t c, int week) const noexcept {
    return week >= w0 && week < w1 ? row(c)[week - w0].count : 0;
  }
  /// Coach c's cells of the week of a day (`at` of a day inside [h0, h1)).
  const WeekCells& week_cells(std::uint32_t c, At a) const noexcept { return row(c)[a.week]; }
  /// The bitset of coaches with `v` sessions in ISO week `week` (v == nb: nb or more), or nullptr
  /// when the week was never touched (every coach at 0) or lies outside [w0, w1).
  const std::uint64_t* week_bucket(int week, int v) const noexcept {
    if (week < w0 || week >= w1) return nullptr;
    const std::uint32_t b = week_block[static_cast<std::size_t>(week - w0)];
    return b ? week_bits.data() + (static_cast<std::size_t>(b - 1) * static_cast<std::size_t>(nb + 1) + static_cast<std::size_t>(v)) * nwords
             : nullptr;
  }
  /// A client's busy spans (empty when the client has none).
  const ClientSpans* client(std::uint32_t c) const noexcept {
    return c < client_busy.size() && !client_busy[c].empty() ? &client_busy[c] : nullptr;
  }
};

/// A session of coach `coach` (kNoCoach: none) for client `client` (kNoClient: none) holding
/// span [s, e) (minutes) enters the diary: the coach's busy list, its day and week counts (by
/// the local day of s) and the touch cells of its buffer; the client's busy list. Never throws
/// but std::bad_alloc.
void occupy(const Supply& s, Diary& d, std::uint32_t coach, std::uint32_t client, Span span);
/// The reverse of occupy for the same arguments (a span not in the diary is ignored).
void release(const Supply& s, Diary& d, std::uint32_t coach, std::uint32_t client, Span span);
/// Coach `coach` forgets its sessions that ended, buffer included, at or before minute t: no
/// search for starts from t on can clash with them, and a long simulation keeps its coaches'
/// busy lists short (the search reads them by bisection). Day, week and touch counts stay as
/// they are; release() of a forgotten span then changes nothing, so t must not pass a span
/// anyone may still release. Never throws.
void forget_before(const Supply& s, Diary& d, std::uint32_t coach, Min t) noexcept;

/// An integer-keyed request (all times in engine minutes).
struct Ask {
  std::uint32_t offer = 0;                ///< offer index
  std::uint32_t client = kNoClient;       ///< client index (its own diary is respected), or kNoClient
  Min g0 = 0, gmax = 0;                   ///< first and last acceptable grid start (notice and window applied)
  Min now = 0;                            ///< the present (informative: notice is already in g0)
  std::uint8_t want = 0;                  ///< acceptable modalities, bit per Modality (0: none acceptable)
  std::uint32_t favoured = kNoCoach;      ///< coach ranked first (preferred or continuity), or kNoCoach
  bool favoured_only = false;             ///< only the favoured coach
  std::vector<TimeOfDay> times;           ///< acceptable start windows, UK local; empty: any
  std::uint8_t weekdays = 0x7F;           ///< bit 0 = Monday ... bit 6 = Sunday
  int max_results = 1;                    ///< k best slots (>= 1)
  // A session being replaced (reschedule): its coach's span and counts are freed.
  std::uint32_t ignore_coach = kNoCoach;  ///< coach of the session being replaced, or kNoCoach
  Span ignore_span{0, 0};                 ///< its span
  bool ignore_client = false;             ///< the ask's client is in it (its span is freed for them)
};

/// Set ask.now, g0 and gmax from now, earliest and latest (minutes): g0 = the first grid start
/// at or after max(earliest, now + the offer's notice), gmax = the last at or before latest.
/// std::out_of_range for an offer index the supply does not have (as all_modalities).
void set_window(const Supply& s, Ask& a, Min now, Min earliest, Min latest);
/// All the offer's modalities as `want` bits.
std::uint8_t all_modalities(const Supply& s, std::uint32_t offer);

/// One slot found: start (minutes), coach index, modality, the coach's sessions that ISO week,
/// and whether the coach is the favoured one.
struct Hit {
  Min start = 0;
  std::uint32_t coach = kNoCoach;
  Modality modality = Modality::Video;
  int week_sessions = 0;
  bool favoured = false;
};

/// THE slot search: the k best slots for `a`, ranked as booking.hpp documents (favoured coach
/// first, then start, then fewest sessions that ISO week, then coach id), appended to `out`
/// (cleared first). Exactly the slots the scheduling rules and the coach-side acceptance rules
/// accept. The Supply must cover the days of [g0, gmax] (else those days are not searched).
/// Allocates nothing once warm (per-thread scratch); never throws but std::bad_alloc.
void find_slots(const Supply& s, const Diary& d, const Ask& a, std::vector<Hit>& out);

}  // namespace laycoach::booking::detail
