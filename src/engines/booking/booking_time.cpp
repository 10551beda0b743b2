// The booking engine's minute arithmetic: UK offsets from a table of transitions (built once
// from laycoach::uk_dst_transitions, so it follows the same rule as to_uk_local), local days,
// bank holidays as a bitset, and the UTC preimage of a local interval.
#include <algorithm>
#include <limits>

#include "booking_detail.hpp"
#include "laycoach/access.hpp"

namespace laycoach::booking::detail {

namespace {

const Instant kEpoch(Date(1970, 1, 1));

constexpr int kTableFirstYear = 1970;
constexpr int kTableEndYear = kLastYear + 2;  // exclusive
constexpr int kBucketShift = kOffsetBucketShift;

struct Tables {
  std::vector<Min> trans;             // BST starts and ends, ascending
  std::vector<OffsetBucket> bucket;   // per bucket: uk_offset's table
  Min limit = 0;                      // first minute not covered
  std::vector<std::uint64_t> holidays;  // bit per day since 1970-01-01
  int holiday_days = 0;

  Tables() {
    for (int y = kTableFirstYear; y < kTableEndYear; ++y) {
      const auto t = uk_dst_transitions(y);
      trans.push_back(static_cast<Min>((t.bst_start - kEpoch).total_seconds() / 60));
      trans.push_back(static_cast<Min>((t.bst_end - kEpoch).total_seconds() / 60));
    }
    limit = static_cast<Min>((Instant(Date(kTableEndYear, 1, 1)) - kEpoch).total_seconds() / 60);
    // The inline uk_offset's table: per bucket the offset at its first minute (the parity of the
    // i transitions strictly before it) and the next transition.
    const std::size_t buckets = (static_cast<std::size_t>(limit) >> kBucketShift) + 1;
    bucket.resize(buckets);
    std::size_t i = 0;
    for (std::size_t b = 0; b < buckets; ++b) {
      const Min first = static_cast<Min>(b << kBucketShift);
      while (i < trans.size() && trans[i] < first) ++i;
      bucket[b] = {i < trans.size() ? trans[i] : std::numeric_limits<Min>::max(), (i & 1) ? 60 : 0};
    }
    holiday_days = limit / 1440;
    holidays.assign(static_cast<std::size_t>(holiday_days) / 64 + 1, 0);
    for (int y = kTableFirstYear; y < kTableEndYear; ++y)
      for (Date d : bank_holidays_england_wales(y)) {
        const int n = static_cast<int>((d - Date(1970, 1, 1)).days());
        holidays[static_cast<std::size_t>(n) / 64] |= std::uint64_t{1} << (n % 64);
      }
    // Published for uk_offset (under the static's initialisation guard).
    g_uk_offsets.bucket = bucket.data();
    g_uk_offsets.limit.store(limit, std::memory_order_release);
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

[[noreturn]] void out_of_range(const char* field, Instant t) {
  throw ValidationError("", ErrorField(field), "booking_time_range"_rule,
                        "the booking engine works with times in " + std::to_string(kFirstYear) + ".." +
                            std::to_string(kLastYear) + ", got " + format_instant(t));
}

std::int64_t seconds_of(Instant t, const char* field) {
  if (t.is_special())
    throw ValidationError("", ErrorField(field), "instant_required"_rule, std::string("'") + field + "' needs a finite time");
  static const std::int64_t lo = to_unix_seconds(Instant(Date(kFirstYear, 1, 1)));
  static const std::int64_t hi = to_unix_seconds(Instant(Date(kLastYear + 1, 1, 1)));
  const std::int64_t s = to_unix_seconds(t);
  if (s < lo || s >= hi) out_of_range(field, t);
  return s;
}

}  // namespace

Min floor_min(Instant t, const char* field) { return static_cast<Min>(floor_div(seconds_of(t, field), 60)); }

Min ceil_min(Instant t, const char* field) {
  const std::int64_t s = seconds_of(t, field);
  return static_cast<Min>(floor_div(s + 59, 60));
}

Instant instant_of(Min m) { return kEpoch + boost::posix_time::minutes(m); }

OffsetTable g_uk_offsets;

int uk_offset_slow(Min u) noexcept {
  const Tables& t = tables();
  if (u < 0 || u >= t.limit) {
    try {
      return uk_utc_offset_minutes(instant_of(u));
    } catch (...) {
      return 0;
    }
  }
  return uk_offset(u);
}

bool bank_holiday(int day) noexcept {
  const Tables& t = tables();
  if (day < 0 || day >= t.holiday_days) {
    try {
      return is_bank_holiday_england_wales(date_of(day));
    } catch (...) {
      return false;
    }
  }
  return (t.holidays[static_cast<std::size_t>(day) / 64] >> (day % 64)) & 1U;
}

int day_of(Date d) { return static_cast<int>((d - Date(1970, 1, 1)).days()); }
Date date_of(int day) { return Date(1970, 1, 1) + boost::gregorian::days(day); }

void preimage(Min la, Min lb, std::vector<Span>& out) {
  if (la >= lb) return;
  // Offsets change months apart, alternately: equal at both ends of a short interval, they are
  // constant on it, and the preimage is the interval shifted (the usual case, without a search).
  if (lb - la < 28 * 1440) {
    const int o = uk_offset(la - 60);
    if (o == uk_offset(lb - 1)) {
      out.push_back({la - o, lb - o});
      return;
    }
  }
  const Tables& t = tables();
  const std::size_t mine = out.size();  // merge only within this call's pieces
  // u + offset(u) in [la, lb) needs u in [la - 60, lb); offsets change only at transitions.
  Min a = la - 60;
  const Min hi = lb;
  auto it = std::upper_bound(t.trans.begin(), t.trans.end(), a);
  while (a < hi) {
    const Min b = (it != t.trans.end() && *it < hi) ? *it : hi;
    const int o = uk_offset(a);
    const Min s = std::max(a, la - o), e = std::min(b, lb - o);
    if (s < e) {
      if (out.size() > mine && out.back().e >= s) out.back().e = std::max(out.back().e, e);
      else out.push_back({s, e});
    }
    a = b;
    if (it != t.trans.end() && *it == b) ++it;
  }
}

// The rota's blocks on a date are the domain's definition (access.hpp); the index maps them to
// UTC with preimage.
void blocks_of_day(const Rota& r, Date date, std::vector<std::pair<int, int>>& out) {
  laycoach::rota_blocks_of_day(r, date, out);
}

}  // namespace laycoach::booking::detail
