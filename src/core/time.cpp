#include "laycoach/time.hpp"

#include "laycoach/error.hpp"
#include "time_format.hpp"

#include <algorithm>
#include <atomic>
#include <memory>

namespace laycoach {

namespace {

namespace bg = boost::gregorian;
namespace bpt = boost::posix_time;

// Boost.Date_Time's greg_year accepts 1400..9999; Easter (and so the bank holidays) needs the
// Gregorian reform, 1583 being the first full Gregorian year.
constexpr int kMinYear = 1400;
constexpr int kMaxYear = 9999;
constexpr int kMinGregorianYear = 1583;

// ---------------------------------------------------------------------------------------------
// ISO 8601 parsing

struct Cursor {
  std::string_view s;
  std::size_t i = 0;

  bool at_end() const { return i >= s.size(); }
  bool accept(char c) {
    if (at_end() || s[i] != c) return false;
    ++i;
    return true;
  }
  bool accept_any(char a, char b) { return accept(a) || accept(b); }
  // Exactly n ASCII digits; leaves the cursor untouched on failure.
  bool digits(int n, int& out) {
    if (s.size() - std::min(i, s.size()) < static_cast<std::size_t>(n)) return false;
    int v = 0;
    for (int k = 0; k < n; ++k) {
      const char c = s[i + static_cast<std::size_t>(k)];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    i += static_cast<std::size_t>(n);
    out = v;
    return true;
  }
  std::string where() const {
    if (at_end()) return "at end of input";
    return "at position " + std::to_string(i) + " ('" + std::string(1, s[i]) + "')";
  }
};

// Input echoed into messages is clipped: it may be arbitrary user data.
std::string quoted(std::string_view s) {
  constexpr std::size_t kMax = 64;
  if (s.size() <= kMax) return "'" + std::string(s) + "'";
  return "'" + std::string(s.substr(0, kMax)) + "...'";
}

// Parses YYYY-MM-DD at the cursor; on failure returns not_a_date_time and sets why.
Date parse_date_part(Cursor& c, std::string& why) {
  int y = 0, m = 0, d = 0;
  if (!c.digits(4, y)) { why = "expected a four-digit year " + c.where(); return {}; }
  if (!c.accept('-')) { why = "expected '-' after the year " + c.where(); return {}; }
  if (!c.digits(2, m)) { why = "expected a two-digit month " + c.where(); return {}; }
  if (!c.accept('-')) { why = "expected '-' after the month " + c.where(); return {}; }
  if (!c.digits(2, d)) { why = "expected a two-digit day " + c.where(); return {}; }
  if (y < kMinYear || y > kMaxYear) {
    why = "year " + std::to_string(y) + " is outside the supported range 1400..9999";
    return {};
  }
  if (m < 1 || m > 12) { why = "month " + std::to_string(m) + " is not 01..12"; return {}; }
  const int last = bg::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(y), static_cast<unsigned short>(m));
  if (d < 1 || d > last) {
    why = "day " + std::to_string(d) + " does not exist in " + std::to_string(y) + "-" +
          (m < 10 ? "0" : "") + std::to_string(m);
    return {};
  }
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
              static_cast<unsigned short>(d));
}

// Writes n zero-padded digits of v at p.
char* put_digits(char* p, int v, int n) {
  for (int k = n - 1; k >= 0; --k) {
    p[k] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return p + n;
}

const Instant& unix_epoch() {
  static const Instant epoch(Date(1970, 1, 1));
  return epoch;
}

// Proleptic Gregorian year of a count of days since 1970-01-01 (H. Hinnant's civil_from_days).
// Boost's date::year() goes through a checked year/month/day split that costs ~30 ns; this is
// on the hot path of every local-time conversion.
int year_from_unix_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  return static_cast<int>(yoe + era * 400 + (mp >= 10 ? 1 : 0));
}

// UTC year of a finite instant (or calendar year of a finite wall-clock reading).
int year_of(const bpt::ptime& t) {
  static const std::int64_t ticks_per_day = bpt::time_duration::ticks_per_second() * 86400;
  const std::int64_t ticks = (t - unix_epoch()).ticks();
  std::int64_t days = ticks / ticks_per_day;
  if (ticks % ticks_per_day < 0) --days;
  return year_from_unix_days(days);
}

// Calendar year of a finite date.
int year_of(const Date& d) {
  constexpr std::int64_t kUnixEpochJulianDay = 2440588;
  return year_from_unix_days(static_cast<std::int64_t>(d.day_number()) - kUnixEpochJulianDay);
}

[[noreturn]] void throw_not_finite(const char* what) {
  throw ValidationError("", "", "finite_instant"_rule,
                        std::string(what) + " needs a finite time, not a special value "
                        "(not_a_date_time or infinity)");
}

void check_year(int year, int min_year, const char* rule) {
  if (year < min_year || year > kMaxYear) {
    throw ValidationError("", "year", ErrorRule(rule),
                          "year " + std::to_string(year) + " is outside the supported range " +
                              std::to_string(min_year) + ".." + std::to_string(kMaxYear));
  }
}

// ---------------------------------------------------------------------------------------------
// Per-year facts, computed once and cached

UkDstTransitions compute_transitions(int year) {
  // EU rule (UK since 1996): both changes happen at 01:00 UTC.
  const bg::last_day_of_the_week_in_month spring(bg::Sunday, bg::Mar);
  const bg::last_day_of_the_week_in_month autumn(bg::Sunday, bg::Oct);
  const auto y = static_cast<bg::greg_year::value_type>(year);
  return {Instant(spring.get_date(y), bpt::hours(1)), Instant(autumn.get_date(y), bpt::hours(1))};
}

Date easter_unchecked(int year) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const int a = year % 19, b = year / 100, c = year % 100;
  const int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
              static_cast<unsigned short>(day));
}

// Every deviation from the standing rules, by royal proclamation. removed.y == 0 marks a
// one-off extra day; otherwise the rule-derived `removed` day moves to `added`.
struct Ymd {
  int y, m, d;
};
struct HolidayChange {
  Ymd removed, added;
};
constexpr HolidayChange kHolidayChanges[] = {
    {{0, 0, 0}, {1981, 7, 29}},      // wedding of the Prince of Wales
    {{1995, 5, 1}, {1995, 5, 8}},    // VE Day 50th anniversary
    {{0, 0, 0}, {1999, 12, 31}},     // millennium
    {{2002, 5, 27}, {2002, 6, 4}},   // Golden Jubilee (spring moved)
    {{0, 0, 0}, {2002, 6, 3}},       // Golden Jubilee
    {{0, 0, 0}, {2011, 4, 29}},      // royal wedding
    {{2012, 5, 28}, {2012, 6, 4}},   // Diamond Jubilee (spring moved)
    {{0, 0, 0}, {2012, 6, 5}},       // Diamond Jubilee
    {{2020, 5, 4}, {2020, 5, 8}},    // VE Day 75th anniversary
    {{2022, 5, 30}, {2022, 6, 2}},   // Platinum Jubilee (spring moved)
    {{0, 0, 0}, {2022, 6, 3}},       // Platinum Jubilee
    {{0, 0, 0}, {2022, 9, 19}},      // state funeral of Queen Elizabeth II
    {{0, 0, 0}, {2023, 5, 8}},       // coronation of King Charles III
};

Date to_date(const Ymd& v) {
  return Date(static_cast<unsigned short>(v.y), static_cast<unsigned short>(v.m),
              static_cast<unsigned short>(v.d));
}

bool is_weekend(Date d) {
  const auto w = d.day_of_week().as_number();
  return w == 0 || w == 6;
}

Date first_weekday_from(Date d) {
  while (is_weekend(d)) d += bg::days(1);
  return d;
}

std::vector<Date> compute_bank_holidays(int year) {
  const auto y = static_cast<bg::greg_year::value_type>(year);
  std::vector<Date> out;
  out.reserve(12);
  out.push_back(first_weekday_from(Date(y, bg::Jan, 1)));
  const Date easter = easter_unchecked(year);
  out.push_back(easter - bg::days(2));
  out.push_back(easter + bg::days(1));
  out.push_back(bg::first_day_of_the_week_in_month(bg::Monday, bg::May).get_date(y));
  out.push_back(bg::last_day_of_the_week_in_month(bg::Monday, bg::May).get_date(y));
  out.push_back(bg::last_day_of_the_week_in_month(bg::Monday, bg::Aug).get_date(y));
  // Christmas and Boxing Day each take the first weekday on or after their date that the
  // other has not already taken; this yields the published substitute days in every case.
  const Date christmas = first_weekday_from(Date(y, bg::Dec, 25));
  Date boxing = first_weekday_from(Date(y, bg::Dec, 26));
  if (boxing <= christmas) boxing = first_weekday_from(christmas + bg::days(1));
  out.push_back(christmas);
  out.push_back(boxing);

  for (const HolidayChange& ch : kHolidayChanges) {
    if (ch.added.y != year) continue;
    if (ch.removed.y != 0) {
      const auto it = std::find(out.begin(), out.end(), to_date(ch.removed));
      if (it != out.end()) out.erase(it);
    }
    out.push_back(to_date(ch.added));
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct YearInfo {
  UkDstTransitions dst;
  std::vector<Date> holidays;  // empty before kMinGregorianYear
};

// One lock-free slot per supported year, filled on first use. Entries are never freed: at most
// 8600 small objects, and readers may hold references for the life of the process.
std::atomic<const YearInfo*> g_years[kMaxYear - kMinYear + 1];

const YearInfo& year_info(int year) {
  std::atomic<const YearInfo*>& slot = g_years[year - kMinYear];
  if (const YearInfo* p = slot.load(std::memory_order_acquire)) return *p;
  auto fresh = std::make_unique<YearInfo>();
  fresh->dst = compute_transitions(year);
  if (year >= kMinGregorianYear) fresh->holidays = compute_bank_holidays(year);
  const YearInfo* expected = nullptr;
  if (slot.compare_exchange_strong(expected, fresh.get(), std::memory_order_acq_rel,
                                   std::memory_order_acquire)) {
    return *fresh.release();
  }
  return *expected;  // another thread won the race; ours is discarded
}

}  // namespace

// ---------------------------------------------------------------------------------------------

Instant parse_instant(std::string_view iso, std::string_view record, std::string_view field) {
  const auto fail = [&](const std::string& why) -> Instant {
    throw ValidationError(std::string(record), ErrorField(std::string(field)), "iso8601_instant"_rule,
                          "expected an ISO 8601 instant such as 2024-03-01T09:00:00Z, got " +
                              quoted(iso) + ": " + why);
  };
  Cursor c{iso};
  std::string why;
  const Date date = parse_date_part(c, why);
  if (date.is_special()) return fail(why);
  if (c.at_end()) return fail("a date alone is not an instant; add a time and 'Z' or an offset");
  if (!c.accept_any('T', 't')) return fail("expected 'T' between date and time " + c.where());
  int hh = 0, mm = 0, ss = 0;
  long long micros = 0;  // kept to the microsecond (Python's and Boost's resolution); finer digits dropped
  if (!c.digits(2, hh)) return fail("expected a two-digit hour " + c.where());
  if (!c.accept(':')) return fail("expected ':' after the hour " + c.where());
  if (!c.digits(2, mm)) return fail("expected two-digit minutes " + c.where());
  if (c.accept(':')) {
    if (!c.digits(2, ss)) return fail("expected two-digit seconds " + c.where());
    if (c.accept_any('.', ',')) {
      int digit = 0;
      if (!c.digits(1, digit)) return fail("expected digits after the decimal mark " + c.where());
      int place = 100000;
      micros = digit * place;
      while (c.digits(1, digit)) {
        place /= 10;
        micros += digit * place;
      }
    }
  }
  if (hh > 23) return fail("hour " + std::to_string(hh) + " is not 00..23");
  if (mm > 59) return fail("minute " + std::to_string(mm) + " is not 00..59");
  if (ss == 60) return fail("leap seconds are not supported");
  if (ss > 59) return fail("second " + std::to_string(ss) + " is not 00..59");

  int offset_minutes = 0;
  if (c.at_end()) {
    return fail("no UTC offset, so the instant is ambiguous; append 'Z' or an offset such as "
                "'+01:00'");
  }
  if (!c.accept_any('Z', 'z')) {
    int sign = 0;
    if (c.accept('+')) sign = 1;
    else if (c.accept('-')) sign = -1;
    else return fail("expected 'Z' or an offset such as '+01:00' " + c.where());
    int oh = 0, om = 0;
    if (!c.digits(2, oh)) return fail("expected two-digit offset hours " + c.where());
    if (c.accept(':')) {
      if (!c.digits(2, om)) return fail("expected two-digit offset minutes " + c.where());
    } else if (!c.at_end() && !c.digits(2, om)) {
      return fail("expected offset minutes " + c.where());
    }
    if (oh > 23 || om > 59) return fail("offset is not within -23:59..+23:59");
    offset_minutes = sign * (oh * 60 + om);
  }
  if (!c.at_end()) return fail("unexpected characters after the offset " + c.where());

  const Instant t = Instant(date, bpt::time_duration(hh, mm, ss) + bpt::microseconds(micros)) -
                    bpt::minutes(offset_minutes);
  static const Instant kMin(Date(kMinYear, 1, 1));
  static const Instant kMax(Date(kMaxYear, 12, 31), bpt::time_duration(23, 59, 59));
  if (t < kMin || t > kMax) return fail("the instant falls outside years 1400..9999 in UTC");
  return t;
}

char* time_format::instant(Instant t, char (&buf)[time_format::kInstantChars]) noexcept {
  if (t.is_special()) return buf;
  const auto ymd = t.date().year_month_day();
  const bpt::time_duration tod = t.time_of_day();
  char* p = put_digits(buf, ymd.year, 4);
  *p++ = '-';
  p = put_digits(p, ymd.month, 2);
  *p++ = '-';
  p = put_digits(p, ymd.day, 2);
  *p++ = 'T';
  p = put_digits(p, static_cast<int>(tod.hours()), 2);
  *p++ = ':';
  p = put_digits(p, static_cast<int>(tod.minutes()), 2);
  *p++ = ':';
  p = put_digits(p, static_cast<int>(tod.seconds()), 2);
  // Sub-second parts are written only when present, so whole-second instants keep the short form.
  if (const long long us = tod.total_microseconds() % 1000000; us != 0) {
    *p++ = '.';
    p = put_digits(p, static_cast<int>(us), 6);
  }
  *p++ = 'Z';
  return p;
}

std::string format_instant(Instant t) {
  char buf[time_format::kInstantChars];  // the whole text, then one string of it
  return std::string(buf, time_format::instant(t, buf));
}

Date parse_date(std::string_view iso, std::string_view record, std::string_view field) {
  Cursor c{iso};
  std::string why;
  const Date d = parse_date_part(c, why);
  if (!d.is_special() && !c.at_end()) why = "unexpected characters after the date " + c.where();
  if (d.is_special() || !c.at_end()) {
    throw ValidationError(std::string(record), ErrorField(std::string(field)), "iso8601_date"_rule,
                          "expected an ISO 8601 date such as 2024-03-01, got " + quoted(iso) +
                              ": " + why);
  }
  return d;
}

std::string format_date(Date d) {
  if (d.is_special()) return {};
  const auto ymd = d.year_month_day();
  char buf[10];
  char* p = put_digits(buf, ymd.year, 4);
  *p++ = '-';
  p = put_digits(p, ymd.month, 2);
  *p++ = '-';
  p = put_digits(p, ymd.day, 2);
  return std::string(buf, p);
}

std::int64_t to_unix_seconds(Instant t) {
  if (t.is_special()) throw_not_finite("to_unix_seconds");
  const std::int64_t ticks = (t - unix_epoch()).ticks();
  const std::int64_t per_second = bpt::time_duration::ticks_per_second();
  std::int64_t s = ticks / per_second;
  if (ticks % per_second < 0) --s;  // floor, so 1969-12-31T23:59:59.5Z maps to -1
  return s;
}

Instant from_unix_seconds(std::int64_t s) {
  // Bounds are those of Boost's calendar: 1400-01-01T00:00:00Z .. 9999-12-31T23:59:59Z.
  constexpr std::int64_t kMinSeconds = -17987443200;
  constexpr std::int64_t kMaxSeconds = 253402300799;
  if (s < kMinSeconds || s > kMaxSeconds) {
    throw ValidationError("", "", "instant_range"_rule,
                          std::to_string(s) + " seconds since the Unix epoch falls outside "
                          "years 1400..9999");
  }
  return unix_epoch() + bpt::seconds(s);
}

LocalDateTime to_uk_local(Instant t) {
  if (t.is_special()) return LocalDateTime::from_fields(t);
  const UkDstTransitions& tr = year_info(year_of(t)).dst;
  return LocalDateTime::from_fields((t >= tr.bst_start && t < tr.bst_end) ? t + bpt::hours(1) : t);
}

int uk_utc_offset_minutes(Instant t) {
  if (t.is_special()) throw_not_finite("uk_utc_offset_minutes");
  const UkDstTransitions& tr = year_info(year_of(t)).dst;
  return (t >= tr.bst_start && t < tr.bst_end) ? 60 : 0;
}

// In naive local time both odd hours start at the transition's UTC reading: spring's gap is
// local [01:00, 02:00) and autumn's repeat is local [01:00, 02:00), and the transitions are at
// 01:00 UTC, which reads 01:00 on a GMT clock.
LocalTimeKind classify_uk_local(LocalDateTime reading) {
  if (reading.is_special()) return LocalTimeKind::Unique;
  const bpt::ptime& local = reading.fields();
  const UkDstTransitions& tr = year_info(year_of(local)).dst;
  const bpt::hours hour(1);
  if (local >= tr.bst_start && local < tr.bst_start + hour) return LocalTimeKind::Nonexistent;
  if (local >= tr.bst_end && local < tr.bst_end + hour) return LocalTimeKind::Ambiguous;
  return LocalTimeKind::Unique;
}

std::optional<Instant> from_uk_local(LocalDateTime reading, bool later_if_ambiguous) {
  const bpt::ptime& local = reading.fields();
  if (local.is_special()) return local;
  const UkDstTransitions& tr = year_info(year_of(local)).dst;
  const bpt::hours hour(1);
  if (local < tr.bst_start) return local;
  if (local < tr.bst_start + hour) return std::nullopt;
  if (local < tr.bst_end) return local - hour;
  if (local < tr.bst_end + hour) return later_if_ambiguous ? local : local - hour;
  return local;
}

UkDstTransitions uk_dst_transitions(int year) {
  check_year(year, kMinYear, "year_range");
  return year_info(year).dst;
}

Date easter_sunday(int year) {
  check_year(year, kMinGregorianYear, "gregorian_year_range");
  return easter_unchecked(year);
}

std::vector<Date> bank_holidays_england_wales(int year) {
  check_year(year, kMinGregorianYear, "gregorian_year_range");
  return year_info(year).holidays;
}

bool is_bank_holiday_england_wales(Date d) {
  if (d.is_special()) return false;
  const int year = year_of(d);
  check_year(year, kMinGregorianYear, "gregorian_year_range");
  const std::vector<Date>& h = year_info(year).holidays;
  return std::find(h.begin(), h.end(), d) != h.end();
}

int minutes_of_day(LocalDateTime local) {
  if (local.is_special()) throw_not_finite("minutes_of_day");
  const bpt::time_duration tod = local.time_of_day();
  return static_cast<int>(tod.hours() * 60 + tod.minutes());
}

}  // namespace laycoach
