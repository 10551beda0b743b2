// The shared access definitions (access.hpp): opening hours, out of office hours, rota time.
#include "laycoach/access.hpp"

#include <algorithm>
#include <cstdint>

#include "laycoach/error.hpp"
#include "rota_days.hpp"

namespace laycoach {

namespace {

constexpr std::int64_t kDay = 86400;

void require_finite(Instant t, const char* field) {
  if (t.is_special())
    throw ValidationError("", ErrorField(field), "instant_required"_rule, std::string("'") + field + "' needs a finite time");
}

int weekday0(Date d) { return (d.day_of_week().as_number() + 6) % 7; }  // Monday = 0

/// Seconds after local midnight of a wall-clock reading, rounded up to the next whole second
/// when there is a fraction (so an end a fraction past closing is past closing).
std::int64_t ceil_seconds_of_day(LocalDateTime l) {
  const auto tod = l.time_of_day();
  const std::int64_t s = tod.total_seconds();
  return tod.fractional_seconds() > 0 ? s + 1 : s;
}

std::int64_t seconds_since_epoch(Instant t) { return to_unix_seconds(t); }

}  // namespace

// ---- opening hours -------------------------------------------------------------------------------

OpeningCheck check_opening_hours(const OpeningHours& hours, Instant start, Instant end) {
  require_finite(start, "start");
  require_finite(end, "start");
  const LocalDateTime ls = to_uk_local(start), le = to_uk_local(end);
  const Date d = ls.date();
  const DayHours& h = hours.days[static_cast<std::size_t>(weekday0(d))];
  const std::int64_t s = ls.time_of_day().total_seconds();
  std::int64_t e;
  if (le.date() == d) e = ceil_seconds_of_day(le);
  else if (le.date() == d + boost::gregorian::days(1) && ceil_seconds_of_day(le) == 0) e = kDay;
  else return OpeningCheck::OutsideHours;
  if (h.open_min >= h.close_min || s < std::int64_t{h.open_min} * 60 || e > std::int64_t{h.close_min} * 60)
    return OpeningCheck::OutsideHours;
  if (!hours.open_on_bank_holidays && is_bank_holiday_england_wales(d)) return OpeningCheck::ClosedBankHoliday;
  return OpeningCheck::Inside;
}

// ---- out of office hours -------------------------------------------------------------------------

void validate(const OfficeHours& office) {
  if (office.start_min < 0 || office.end_min > 1440 || office.start_min > office.end_min)
    throw ValidationError("", "office", "office_hours_range"_rule, "office hours need 0 <= start <= end <= 1440 minutes");
}

bool out_of_office_hours(Instant start, const OfficeHours& office) {
  require_finite(start, "start");
  const LocalDateTime l = to_uk_local(start);
  const Date d = l.date();
  if (weekday0(d) >= 5 || is_bank_holiday_england_wales(d)) return true;
  const int m = minutes_of_day(l);
  return m < office.start_min || m >= office.end_min;
}

// ---- rota time -----------------------------------------------------------------------------------

void rota_blocks_of_day(const Rota& r, Date date, std::vector<std::pair<int, int>>& out) {
  rota_blocks_of_day(r, date, out, false);
}

void rota_blocks_of_day(const Rota& r, Date date, std::vector<std::pair<int, int>>& out, bool no_exception_that_day) {
  for (const Leave& l : r.leave)
    if (!(date < l.first) && !(l.last < date)) return;
  bool excepted = false;
  if (!no_exception_that_day)
    for (const RotaException& x : r.exceptions) {
      if (x.date != date) continue;
      excepted = true;  // several exceptions for one date: the union of their blocks
      for (const RotaBlock& b : x.blocks) out.emplace_back(b.start_min, b.end_min);
    }
  if (excepted) return;
  const int wd = weekday0(date);
  for (const RotaBlock& b : r.weekly)
    if (b.weekday == wd) out.emplace_back(b.start_min, b.end_min);
}

double diary_minutes(SessionStatus status, Instant start, int minutes, Instant from, Instant to) noexcept {
  const bool held = status == SessionStatus::Booked || status == SessionStatus::Attended ||
                    status == SessionStatus::ClientDidNotAttend || status == SessionStatus::CoachDidNotAttend;
  if (!held || start.is_special() || from.is_special() || to.is_special() || minutes <= 0) return 0;
  const Instant a = std::max(start, from), b = std::min(start + boost::posix_time::minutes(minutes), to);
  return a < b ? static_cast<double>((b - a).total_seconds()) / 60.0 : 0;
}

double rota_minutes(const Rota& rota, Instant from, Instant to) {
  require_finite(from, "from");
  require_finite(to, "to");
  if (!(from < to)) return 0;
  const std::int64_t fa = seconds_since_epoch(from), tb = seconds_since_epoch(to);
  // UK local dates that can hold a reading in [from, to) (offsets are 0 or +1 h).
  const Date d0 = to_uk_local(from).date(), d1 = to_uk_local(to).date();
  const Date epoch(1970, 1, 1);
  // Clock changes of the years concerned, ascending (UTC seconds): BST is in force when an odd
  // number of them lie at or before an instant.
  std::vector<std::int64_t> trans;
  for (int y = static_cast<int>(d0.year()) - 1; y <= static_cast<int>(d1.year()) + 1; ++y) {
    const UkDstTransitions t = uk_dst_transitions(y);
    trans.push_back(seconds_since_epoch(t.bst_start));
    trans.push_back(seconds_since_epoch(t.bst_end));
  }
  const std::int64_t first_year_start = seconds_since_epoch(Instant(Date(static_cast<int>(d0.year()) - 1, 1, 1)));
  auto offset_at = [&](std::int64_t u) -> std::int64_t {
    if (u < first_year_start) return 0;
    const auto n = std::upper_bound(trans.begin(), trans.end(), u) - trans.begin();
    return (n & 1) ? 3600 : 0;
  };
  // Real seconds of {u in [fa, tb) : u + offset(u) in [la, lb)} (local seconds since epoch).
  auto measure = [&](std::int64_t la, std::int64_t lb) -> std::int64_t {
    std::int64_t total = 0;
    std::int64_t a = std::max(la - 3600, fa);
    const std::int64_t hi = std::min(lb, tb);
    auto it = std::upper_bound(trans.begin(), trans.end(), a);
    while (a < hi) {
      const std::int64_t b = (it != trans.end() && *it < hi) ? *it : hi;
      const std::int64_t o = offset_at(a);
      const std::int64_t s = std::max(a, la - o), e = std::min(b, lb - o);
      if (s < e) total += e - s;
      a = b;
      if (it != trans.end() && *it == b) ++it;
    }
    return total;
  };
  std::int64_t seconds = 0;
  std::vector<std::pair<int, int>> blocks;
  for (Date d = d0 - boost::gregorian::days(1); d <= d1; d += boost::gregorian::days(1)) {
    blocks.clear();
    rota_blocks_of_day(rota, d, blocks);
    if (blocks.empty()) continue;
    std::sort(blocks.begin(), blocks.end());
    const std::int64_t base = static_cast<std::int64_t>((d - epoch).days()) * kDay;
    // Overlapping blocks count once.
    int cs = blocks[0].first, ce = blocks[0].second;
    for (std::size_t i = 1; i <= blocks.size(); ++i) {
      if (i < blocks.size() && blocks[i].first <= ce) {
        ce = std::max(ce, blocks[i].second);
        continue;
      }
      if (cs < ce) seconds += measure(base + std::int64_t{cs} * 60, base + std::int64_t{ce} * 60);
      if (i < blocks.size()) {
        cs = blocks[i].first;
        ce = blocks[i].second;
      }
    }
  }
  return static_cast<double>(seconds) / 60.0;
}

}  // namespace laycoach
