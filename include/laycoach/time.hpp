#pragma once
/// \file time.hpp
/// Exact time: UTC instants, UK wall-clock time with GMT/BST, ISO 8601 text, and the
/// England & Wales bank-holiday calendar. Instants are always UTC; rules written in local
/// time are applied to LocalDateTime values obtained from to_uk_local.

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace laycoach {

/// A point in time, always UTC, whole seconds when produced by laycoach.
using Instant = boost::posix_time::ptime;
/// A calendar date (proleptic Gregorian).
using Date = boost::gregorian::date;

/// A naive wall-clock reading in the UK (Europe/London): a date and a time of day, not an
/// instant until resolved with from_uk_local. A type of its own, so a local reading can never
/// be passed or compared where an Instant is meant (Python gets a naive datetime).
class LocalDateTime {
 public:
  /// not_a_date_time.
  LocalDateTime() = default;
  /// The reading `time` after local midnight of `date` (default: midnight).
  explicit LocalDateTime(Date date, boost::posix_time::time_duration time = boost::posix_time::time_duration(0, 0, 0))
      : v_(date, time) {}
  /// A special value (not_a_date_time, ±infinity).
  explicit LocalDateTime(boost::posix_time::special_values sv) : v_(sv) {}
  /// The reading written as a ptime field by field (a naive value: not a UTC instant).
  static LocalDateTime from_fields(const boost::posix_time::ptime& naive) {
    LocalDateTime l;
    l.v_ = naive;
    return l;
  }
  Date date() const { return v_.date(); }                                        ///< local date
  boost::posix_time::time_duration time_of_day() const { return v_.time_of_day(); }  ///< since local midnight
  bool is_special() const { return v_.is_special(); }                            ///< not a reading
  bool is_not_a_date_time() const { return v_.is_not_a_date_time(); }            ///< unset
  /// The reading's fields as a ptime (for arithmetic on wall-clock readings; not an instant).
  const boost::posix_time::ptime& fields() const noexcept { return v_; }
  bool operator==(const LocalDateTime& o) const { return v_ == o.v_; }
  bool operator<(const LocalDateTime& o) const { return v_ < o.v_; }

 private:
  boost::posix_time::ptime v_{boost::posix_time::not_a_date_time};
};

/// Parses an ISO 8601 / RFC 3339 instant such as "2024-03-01T09:00:00Z", "2024-03-01T09:00Z" or
/// "2024-03-01T10:00:00+01:00" (offset also as +0100 or +01; 't'/'z' accepted; fractional
/// seconds after '.' or ',' are kept to the microsecond, finer digits truncated). Throws ValidationError(record, field,
/// "iso8601_instant", detail) if malformed, out of range (years 1400..9999) or without 'Z'/offset.
Instant parse_instant(std::string_view iso, std::string_view record = "", std::string_view field = "");

/// Formats an instant as "YYYY-MM-DDTHH:MM:SSZ", or "...SS.ffffffZ" when it has microseconds; "" for any special value
/// (not_a_date_time, ±infinity). Never throws except std::bad_alloc.
std::string format_instant(Instant t);

/// Parses an ISO 8601 calendar date "YYYY-MM-DD" (years 1400..9999). Throws
/// ValidationError(record, field, "iso8601_date", detail) if malformed or not a real date.
Date parse_date(std::string_view iso, std::string_view record = "", std::string_view field = "");

/// Formats a date as "YYYY-MM-DD"; "" for a special value (not_a_date_time, ±infinity).
std::string format_date(Date d);

/// Seconds since 1970-01-01T00:00:00Z (floor for sub-second instants). Throws
/// ValidationError("", "", "finite_instant", ...) for a special value.
std::int64_t to_unix_seconds(Instant t);

/// The instant s seconds after 1970-01-01T00:00:00Z. Throws ValidationError("", "",
/// "instant_range", ...) unless the result lies in years 1400..9999.
Instant from_unix_seconds(std::int64_t s);

/// Converts a UTC instant to UK wall-clock time (GMT, or BST = UTC+1 in summer); special
/// values pass through unchanged. Never throws.
LocalDateTime to_uk_local(Instant t);

/// The UK offset from UTC in force at instant t, in minutes: 0 (GMT) or 60 (BST). Throws
/// ValidationError("", "", "finite_instant", ...) for a special value.
int uk_utc_offset_minutes(Instant t);

/// How a UK wall-clock reading maps to instants.
enum class LocalTimeKind {
  Unique,       ///< exactly one instant
  Nonexistent,  ///< skipped by the spring-forward gap (01:00-01:59 on the last Sunday of March)
  Ambiguous     ///< occurs twice in the autumn (01:00-01:59 on the last Sunday of October)
};

/// Classifies a UK wall-clock reading (special values count as Unique). Never throws.
LocalTimeKind classify_uk_local(LocalDateTime local);

/// Resolves a UK wall-clock reading to a UTC instant: std::nullopt if it is Nonexistent; for an
/// Ambiguous reading the earlier (BST) instant, or the later (GMT) one if later_if_ambiguous.
/// Special values pass through unchanged. Never throws.
std::optional<Instant> from_uk_local(LocalDateTime local, bool later_if_ambiguous = false);

/// The two UK daylight-saving transitions of a year, as UTC instants (both at 01:00 UTC).
struct UkDstTransitions {
  Instant bst_start;  ///< last Sunday of March 01:00 UTC: clocks go 01:00 GMT -> 02:00 BST
  Instant bst_end;    ///< last Sunday of October 01:00 UTC: clocks go 02:00 BST -> 01:00 GMT
};

/// The UK daylight-saving transitions of `year` (current EU rule applied to every year).
/// Throws ValidationError("", "year", "year_range", ...) unless 1400 <= year <= 9999.
UkDstTransitions uk_dst_transitions(int year);

/// Easter Sunday of `year` in the Gregorian calendar (anonymous Gregorian algorithm). Throws
/// ValidationError("", "year", "gregorian_year_range", ...) unless 1583 <= year <= 9999.
Date easter_sunday(int year);

/// The England & Wales bank holidays of `year`, sorted ascending, including substitute days
/// and one-off changes. The current rules are applied to every year, so lists match the
/// published ones from 1978 on. Throws ValidationError("", "year", "gregorian_year_range", ...)
/// unless 1583 <= year <= 9999.
std::vector<Date> bank_holidays_england_wales(int year);

/// Whether d is an England & Wales bank holiday (per-year results are cached, thread-safe).
/// Special dates are never holidays. Throws ValidationError like bank_holidays_england_wales
/// for a year before 1583.
bool is_bank_holiday_england_wales(Date d);

/// Minutes since midnight of a wall-clock reading, 0..1439 (seconds ignored). Throws
/// ValidationError("", "", "finite_instant", ...) for a special value.
int minutes_of_day(LocalDateTime local);

}  // namespace laycoach
