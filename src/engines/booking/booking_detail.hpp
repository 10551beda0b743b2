// Internal: the booking engine's fast path. Times are whole minutes since 1970-01-01T00:00Z
// (int32: the engine works in 1971..2199); UK local time is computed from a precomputed table
// of daylight-saving transitions. The derived index (per coach: rota intervals and occupied
// intervals as sorted vectors; per local day: every rota interval, sorted by start; counts per
// coach per day and per ISO week) is attached to Programme::Impl through its session observer.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "laycoach/booking.hpp"
#include "programme_impl.hpp"

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

inline constexpr int floor_div(std::int64_t a, std::int64_t b) {
  return static_cast<int>(a >= 0 ? a / b : -((-a + b - 1) / b));
}
inline constexpr Min ceil_grid(Min t) { return static_cast<Min>(floor_div(static_cast<std::int64_t>(t) + kGrid - 1, kGrid) * kGrid); }
inline constexpr Min floor_grid(Min t) { return static_cast<Min>(floor_div(t, kGrid) * kGrid); }

/// Floor / ceiling of an instant in minutes; ValidationError(field, "booking_time_range") outside 1971..2199.
Min floor_min(Instant t, const char* field);
Min ceil_min(Instant t, const char* field);
/// The instant of a minute.
Instant instant_of(Min m);

/// The UK offset (0 or 60 minutes) in force at minute u; the same rule as laycoach::to_uk_local.
int uk_offset(Min u) noexcept;
/// Local-epoch minute (UK wall clock read as if it were UTC) of minute u.
inline Min local_min(Min u) noexcept { return u + uk_offset(u); }
/// UK local day number (days since 1970-01-01) of minute u.
inline int local_day(Min u) noexcept { return floor_div(local_min(u), 1440); }
/// 0 = Monday ... 6 = Sunday.
inline int weekday(int day) noexcept { return ((day + 3) % 7 + 7) % 7; }
/// ISO week (Monday-Sunday) key of a day: the week's number since Monday 1969-12-29.
inline int week_of(int day) noexcept { return floor_div(static_cast<std::int64_t>(day) + 3, 7); }
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

/// What a search needs of a referral.
struct RefInfo {
  std::string client_id, offer_id;
  std::optional<Modality> preferred;
  Instant requested_at{boost::posix_time::not_a_date_time};
  std::string adjustments;
};

/// One session of a referral, for continuity.
struct RefSession {
  std::string session_id;
  Min start;
  std::uint32_t coach;
  SessionStatus status;
};

struct CoachIx {
  std::string id;
  std::vector<Span> work;   ///< merged rota intervals over the horizon (plus a day each side)
  std::vector<Span> busy;   ///< occupying sessions, by start (never overlapping: no double booking)
};

/// The caps and buffer of a coach, packed for the search's inner loop.
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

/// Eligibility of each coach for an offer: bit m set when coach can deliver it by Modality m.
struct OfferIx {
  std::vector<std::uint8_t> modal;  ///< per coach
  int minutes = 60;
};

class Index {
 public:
  // Freshness against the records.
  std::uint64_t generation = 0;
  std::size_t n_coaches = 0, n_offers = 0;
  std::atomic<bool> dirty{false};

  int h0 = 0, h1 = 0;  ///< horizon: local days [h0, h1)
  std::vector<CoachIx> coaches;  ///< by id
  std::vector<Caps> caps;        ///< by coach
  std::unordered_map<std::string, std::uint32_t> coach_of;
  std::unordered_map<std::string, OfferIx> offers;
  std::vector<std::uint32_t> day_begin;  ///< CSR over days [h0, h1]: entries of day d at [day_begin[d-h0], day_begin[d-h0+1])
  std::vector<Entry> entries;
  std::vector<DayCell> days;              ///< day-major: (day - h0) * coaches + coach
  int w0 = 0, w1 = 0;                     ///< ISO weeks [w0, w1)
  std::vector<std::uint16_t> week_count;  ///< week-major: (week - w0) * coaches + coach
  std::unordered_map<std::string, std::vector<Span>> client_busy;
  std::unordered_map<std::string, std::vector<RefSession>> referral_sessions;
  // Clients and referrals as of the last rebuild, hashed (both kinds are add-only in Programme:
  // one missing here is looked up in the records).
  std::unordered_set<std::string> client_ids;
  std::unordered_map<std::string, RefInfo> referral_info;
  std::uint64_t next_id = 1;  ///< generated session ids "bk-<n>"

  /// (client, offer, referral) whose slot-independent rules (eligibility, consent, referral)
  /// check_session has passed since the last rebuild. Those records cannot be changed in
  /// place through Programme (only replaced wholesale, which rebuilds), so the result holds.
  bool verified(const std::string& key) const {
    std::lock_guard lk(verified_mu_);
    return verified_.count(key) != 0;
  }
  void mark_verified(const std::string& key) const {
    std::lock_guard lk(verified_mu_);
    verified_.insert(key);
  }

  bool fresh(const Programme::Impl& m) const noexcept {
    return !dirty.load(std::memory_order_relaxed) && generation == m.generation && n_coaches == m.coaches.size() &&
           n_offers == m.offers.size();
  }
  bool covers(int d0, int d1) const noexcept { return d0 >= h0 && d1 <= h1; }

  /// Rebuild everything for horizon [d0, d1) (widened), from the records. Under the write lock.
  void rebuild(const Programme::Impl& m, int d0, int d1);
  /// A session changed (observer, under the write lock). Never throws: marks dirty instead.
  void on_session(const Session* before, const Session& after) noexcept;

  /// The row of day `day` (inside the horizon): one cell per coach.
  const DayCell* day_row(int day) const noexcept {
    return days.data() + static_cast<std::size_t>(day - h0) * coaches.size();
  }
  /// The row of ISO week `week`, or nullptr outside the horizon's weeks.
  const std::uint16_t* week_row(int week) const noexcept {
    return week >= w0 && week < w1 ? week_count.data() + static_cast<std::size_t>(week - w0) * coaches.size() : nullptr;
  }

 private:
  void add_busy(const Session& s);
  void remove_busy(const Session& s);
  void count(std::uint32_t c, Span busy, int delta);
  void build_counts();
  mutable std::mutex verified_mu_;
  mutable std::unordered_set<std::string> verified_;
};

/// The engine's index of a programme, created on first use; nullptr if none yet. Caller holds a lock.
Index* find_index(const Programme::Impl& m);
/// The index, fresh and covering local days [d0, d1). Caller holds the write lock.
Index& ensure_index(Programme::Impl& m, int d0, int d1);

/// A validated request with every default resolved, in minutes.
struct Query {
  const Offer* offer = nullptr;
  std::string client_id, referral_id, offer_id;
  Min g0 = 0, gmax = 0;       ///< first and last acceptable grid start (notice and window applied)
  Min now = 0;
  int minutes = 0;
  std::uint8_t want = 0;      ///< acceptable modalities, bit per Modality
  std::optional<Modality> modality;
  RefInfo referral;           ///< the referral's details (when referral_id is given)
  std::string favoured;       ///< explicit preferred coach; "" = none (then continuity, if allowed)
  bool continuity = true;
  bool favoured_only = false;
  std::vector<TimeOfDay> times;
  std::uint8_t weekdays = 0x7F;
  int max_results = 5;
  // the session being replaced (reschedule_of)
  std::string ignore_id;
  std::string ignore_coach;
  Span ignore_span{0, 0};
  bool ignore_client = false;  ///< the client is in the session being replaced (its span is freed for them)
  int d0 = 0, d1 = 0;          ///< days the index must cover
};

/// Resolve and validate a request against the records (caller holds a lock). `clock` is "now"
/// when r.now is not given; `ix` (may be null) speeds up the lookups of clients and referrals.
Query make_query(const Programme::Impl& m, const SlotRequest& r, Instant clock, const Index* ix = nullptr);
/// Errors about the client (eligibility, consent, referral: field "attendees/...") do not depend
/// on the slot: a search that meets one reports it. Others mean the index disagreed with the
/// records (a coach changed behind the engine's back): rebuild and try again.
bool about_client(const Error& e);
/// A session id "bk-<n>" no session has (caller holds the write lock).
std::string generate_session_id(const Programme::Impl& m, Index& ix);
/// The new booking of a resolved request in a slot (booked at `now`; requested_at, first_offered
/// and adjustments from `d`, else the referral's, else now / the slot); not yet checked.
Session new_session(const Query& q, const Slot& slot, const BookingDetails& d, Instant now, std::string id);
/// No coach (continuity_coach).
inline constexpr std::uint32_t kNoCoach = 0xFFFFFFFFu;
/// The continuity coach of a referral: the coach of its latest session (by start, then id) that
/// is Booked, Attended or ClientDidNotAttend, other than `ignore_id`; kNoCoach when none.
std::uint32_t continuity_coach(const Index& ix, const std::string& referral_id, const std::string& ignore_id);

/// The fast search (caller holds a lock; the index is fresh and covers the query).
std::vector<Slot> search_locked(const Programme::Impl& m, const Index& ix, const Query& q);
/// The scheduling rules against the records (the domain's, the reference the index is tested
/// against). Caller holds a lock.
inline void check_rules_locked(const Programme::Impl& m, const Session& s, Instant now, const std::string& ignore_id) {
  m.check_schedule(s, now, ignore_id);
}
/// ISO-week and day session counts of a coach by the records (reference), excluding ignore_id.
inline int reference_day_count(const Programme::Impl& m, const std::string& coach, Instant at, const std::string& ignore_id) {
  return m.day_week_counts(coach, at, ignore_id).first;
}
inline int reference_week_count(const Programme::Impl& m, const std::string& coach, Instant at, const std::string& ignore_id) {
  return m.day_week_counts(coach, at, ignore_id).second;
}

}  // namespace laycoach::booking::detail
