// Conversions between Python and laycoach's time types. Include in every binding file that
// passes times: an aware datetime <-> UTC Instant (naive datetimes are rejected, as the
// architecture says "Python speaks aware datetime"), datetime.date <-> Date, None <-> not-a-date-time.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "laycoach/error.hpp"
#include "laycoach/time.hpp"

namespace pybind11::detail {
using laycoach::operator""_rule;

template <>
struct type_caster<boost::posix_time::ptime> {
  PYBIND11_TYPE_CASTER(boost::posix_time::ptime, const_name("datetime.datetime"));

  bool load(handle src, bool) {
    if (src.is_none()) {
      value = boost::posix_time::ptime(boost::posix_time::not_a_date_time);
      return true;
    }
    auto datetime = module_::import("datetime");
    if (!isinstance(src, datetime.attr("datetime"))) return false;
    if (src.attr("tzinfo").is_none() || src.attr("utcoffset")().is_none())
      throw laycoach::ValidationError("", "datetime", "aware_datetime"_rule,
                                      "use an aware datetime (e.g. tzinfo=datetime.timezone.utc); naive times are ambiguous");
    object utc = src.attr("astimezone")(datetime.attr("timezone").attr("utc"));
    const int y = utc.attr("year").cast<int>(), mo = utc.attr("month").cast<int>(), d = utc.attr("day").cast<int>();
    const int h = utc.attr("hour").cast<int>(), mi = utc.attr("minute").cast<int>(), s = utc.attr("second").cast<int>();
    const int us = utc.attr("microsecond").cast<int>();
    value = boost::posix_time::ptime(boost::gregorian::date(static_cast<unsigned short>(y), static_cast<unsigned short>(mo),
                                                            static_cast<unsigned short>(d)),
                                     boost::posix_time::hours(h) + boost::posix_time::minutes(mi) +
                                         boost::posix_time::seconds(s) + boost::posix_time::microseconds(us));
    return true;
  }

  static handle cast(const boost::posix_time::ptime& t, return_value_policy, handle) {
    if (t.is_special()) return none().release();
    auto datetime = module_::import("datetime");
    const auto d = t.date();
    const auto tod = t.time_of_day();
    const long long us = tod.total_microseconds() % 1000000;
    return datetime.attr("datetime")(static_cast<int>(d.year()), static_cast<int>(d.month()), static_cast<int>(d.day()),
                                     static_cast<int>(tod.hours()), static_cast<int>(tod.minutes()),
                                     static_cast<int>(tod.seconds()), us, datetime.attr("timezone").attr("utc"))
        .release();
  }
};

/// laycoach::LocalDateTime -> a naive datetime.datetime (a UK wall-clock reading has no zone);
/// None for a special value. From Python: a naive datetime only (an aware one is refused).
template <>
struct type_caster<laycoach::LocalDateTime> {
  PYBIND11_TYPE_CASTER(laycoach::LocalDateTime, const_name("datetime.datetime"));

  bool load(handle src, bool) {
    auto datetime = module_::import("datetime");
    if (src.is_none() || !isinstance(src, datetime.attr("datetime")) || !src.attr("tzinfo").is_none()) return false;
    const auto d = boost::gregorian::date(static_cast<unsigned short>(src.attr("year").cast<int>()),
                                          static_cast<unsigned short>(src.attr("month").cast<int>()),
                                          static_cast<unsigned short>(src.attr("day").cast<int>()));
    value = laycoach::LocalDateTime(
        d, boost::posix_time::time_duration(src.attr("hour").cast<int>(), src.attr("minute").cast<int>(),
                                            src.attr("second").cast<int>()) +
               boost::posix_time::microseconds(src.attr("microsecond").cast<int>()));
    return true;
  }

  static handle cast(const laycoach::LocalDateTime& l, return_value_policy, handle) {
    if (l.is_special()) return none().release();
    auto datetime = module_::import("datetime");
    const auto d = l.date();
    const auto tod = l.time_of_day();
    const long long us = tod.total_microseconds() % 1000000;
    return datetime.attr("datetime")(static_cast<int>(d.year()), static_cast<int>(d.month()), static_cast<int>(d.day()),
                                     static_cast<int>(tod.hours()), static_cast<int>(tod.minutes()),
                                     static_cast<int>(tod.seconds()), us)
        .release();
  }
};

template <>
struct type_caster<boost::gregorian::date> {
  PYBIND11_TYPE_CASTER(boost::gregorian::date, const_name("datetime.date"));

  bool load(handle src, bool) {
    if (src.is_none()) {
      value = boost::gregorian::date(boost::gregorian::not_a_date_time);
      return true;
    }
    auto datetime = module_::import("datetime");
    if (!isinstance(src, datetime.attr("date"))) return false;
    if (isinstance(src, datetime.attr("datetime"))) src = src.attr("date")();
    value = boost::gregorian::date(static_cast<unsigned short>(src.attr("year").cast<int>()),
                                   static_cast<unsigned short>(src.attr("month").cast<int>()),
                                   static_cast<unsigned short>(src.attr("day").cast<int>()));
    return true;
  }

  static handle cast(const boost::gregorian::date& d, return_value_policy, handle) {
    if (d.is_special()) return none().release();
    return module_::import("datetime")
        .attr("date")(static_cast<int>(d.year()), static_cast<int>(d.month()), static_cast<int>(d.day()))
        .release();
  }
};

}  // namespace pybind11::detail
