#include "laycoach/error.hpp"
#include "laycoach/time.hpp"

#include <boost/date_time/local_time/local_time.hpp>
#include <catch2/catch.hpp>
#include <type_traits>

#include <algorithm>
#include <atomic>
#include <limits>
#include <string>
#include <thread>
#include <vector>

using namespace laycoach;
namespace bpt = boost::posix_time;
namespace bg = boost::gregorian;

namespace {

Instant utc(const char* iso) { return parse_instant(iso); }

LocalDateTime local(int y, int m, int d, int hh, int mm, int ss = 0) {
  return LocalDateTime(Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                            static_cast<unsigned short>(d)),
                       bpt::time_duration(hh, mm, ss));
}

std::vector<std::string> holiday_strings(int year) {
  std::vector<std::string> out;
  for (const Date& d : bank_holidays_england_wales(year)) out.push_back(format_date(d));
  return out;
}

// Runs f, requires it to throw a ValidationError, and returns the error for inspection.
template <class F>
ValidationError capture_validation(F&& f) {
  try {
    f();
  } catch (const ValidationError& e) {
    return e;
  }
  FAIL("expected a ValidationError");
  throw;  // unreachable
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Bank holidays

TEST_CASE("bank holidays match the published gov.uk lists for 2020-2027", "[time][holidays]") {
  using V = std::vector<std::string>;
  CHECK(holiday_strings(2020) == V{"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08",
                                   "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"});
  CHECK(holiday_strings(2021) == V{"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03",
                                   "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"});
  CHECK(holiday_strings(2022) == V{"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02",
                                   "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19",
                                   "2022-12-26", "2022-12-27"});
  CHECK(holiday_strings(2023) == V{"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01",
                                   "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25",
                                   "2023-12-26"});
  CHECK(holiday_strings(2024) == V{"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06",
                                   "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"});
  CHECK(holiday_strings(2025) == V{"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05",
                                   "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"});
  CHECK(holiday_strings(2026) == V{"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
                                   "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"});
  CHECK(holiday_strings(2027) == V{"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
                                   "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"});
}

TEST_CASE("bank holidays: one-off changes from the data table", "[time][holidays]") {
  using V = std::vector<std::string>;
  // Early May moved from Monday 1 May to Monday 8 May (VE Day 50).
  CHECK(holiday_strings(1995) == V{"1995-01-02", "1995-04-14", "1995-04-17", "1995-05-08",
                                   "1995-05-29", "1995-08-28", "1995-12-25", "1995-12-26"});
  // Millennium eve plus Christmas on a Saturday and New Year 2000 on a Saturday.
  CHECK(holiday_strings(1999) == V{"1999-01-01", "1999-04-02", "1999-04-05", "1999-05-03",
                                   "1999-05-31", "1999-08-30", "1999-12-27", "1999-12-28",
                                   "1999-12-31"});
  CHECK(holiday_strings(2000).front() == "2000-01-03");
  CHECK(holiday_strings(2002) == V{"2002-01-01", "2002-03-29", "2002-04-01", "2002-05-06",
                                   "2002-06-03", "2002-06-04", "2002-08-26", "2002-12-25",
                                   "2002-12-26"});
  CHECK(holiday_strings(2011) == V{"2011-01-03", "2011-04-22", "2011-04-25", "2011-04-29",
                                   "2011-05-02", "2011-05-30", "2011-08-29", "2011-12-26",
                                   "2011-12-27"});
  CHECK(holiday_strings(2012) == V{"2012-01-02", "2012-04-06", "2012-04-09", "2012-05-07",
                                   "2012-06-04", "2012-06-05", "2012-08-27", "2012-12-25",
                                   "2012-12-26"});
  CHECK(is_bank_holiday_england_wales(Date(1981, 7, 29)));
  CHECK_FALSE(is_bank_holiday_england_wales(Date(1995, 5, 1)));
  CHECK_FALSE(is_bank_holiday_england_wales(Date(2020, 5, 4)));
  CHECK_FALSE(is_bank_holiday_england_wales(Date(2022, 5, 30)));
}

TEST_CASE("bank holidays: substitute days for Christmas and New Year", "[time][holidays]") {
  // Scan many years so every weekday of 25 December and 1 January occurs several times.
  for (int year = 1978; year <= 2400; ++year) {
    CAPTURE(year);
    const std::vector<Date> h = bank_holidays_england_wales(year);
    const Date xmas(static_cast<unsigned short>(year), 12, 25);
    const Date d26 = xmas + bg::days(1), d27 = xmas + bg::days(2), d28 = xmas + bg::days(3);
    const auto has = [&](Date d) { return std::find(h.begin(), h.end(), d) != h.end(); };
    switch (xmas.day_of_week().as_number()) {
      case 5:  // Friday: Boxing Day (Saturday) moves to Monday 28
        CHECK((has(xmas) && !has(d26) && !has(d27) && has(d28)));
        break;
      case 6:  // Saturday: Monday 27 and Tuesday 28
        CHECK((!has(xmas) && !has(d26) && has(d27) && has(d28)));
        break;
      case 0:  // Sunday: Monday 26 and Tuesday 27
        CHECK((!has(xmas) && has(d26) && has(d27) && !has(d28)));
        break;
      default:  // Monday..Thursday: the days themselves
        CHECK((has(xmas) && has(d26) && !has(d27) && !has(d28)));
    }
    const Date ny(static_cast<unsigned short>(year), 1, 1);
    const int ny_dow = ny.day_of_week().as_number();
    const Date expected_ny = ny + bg::days(ny_dow == 6 ? 2 : ny_dow == 0 ? 1 : 0);
    CHECK(h.front() == expected_ny);
  }
}

TEST_CASE("bank holidays: structural properties over many years", "[time][holidays]") {
  for (int year = 1978; year <= 2600; ++year) {
    CAPTURE(year);
    const std::vector<Date> h = bank_holidays_england_wales(year);
    CHECK(std::is_sorted(h.begin(), h.end()));
    CHECK(std::adjacent_find(h.begin(), h.end()) == h.end());
    for (const Date& d : h) {
      CAPTURE(format_date(d));
      CHECK(d.year() == year);
      const int w = d.day_of_week().as_number();
      CHECK((w >= 1 && w <= 5));
    }
    const bool special = year == 1981 || year == 1999 || year == 2002 || year == 2011 ||
                         year == 2012 || year == 2022 || year == 2023;
    if (!special) CHECK(h.size() == 8);
    const Date easter = easter_sunday(year);
    CHECK(is_bank_holiday_england_wales(easter - bg::days(2)));
    CHECK(is_bank_holiday_england_wales(easter + bg::days(1)));
    CHECK_FALSE(is_bank_holiday_england_wales(easter));
  }
  CHECK(bank_holidays_england_wales(1583).size() == 8);
  CHECK(bank_holidays_england_wales(9999).size() == 8);
}

TEST_CASE("is_bank_holiday agrees with the list, day by day", "[time][holidays]") {
  for (int year = 1990; year <= 2040; ++year) {
    const std::vector<Date> h = bank_holidays_england_wales(year);
    std::size_t found = 0;
    for (Date d(static_cast<unsigned short>(year), 1, 1);
         d <= Date(static_cast<unsigned short>(year), 12, 31); d += bg::days(1)) {
      if (is_bank_holiday_england_wales(d)) {
        ++found;
        CHECK(std::find(h.begin(), h.end(), d) != h.end());
      }
    }
    CHECK(found == h.size());
  }
  CHECK_FALSE(is_bank_holiday_england_wales(Date(bpt::not_a_date_time)));
  CHECK_FALSE(is_bank_holiday_england_wales(Date(2024, 7, 4)));
}

TEST_CASE("is_bank_holiday is consistent across threads racing to fill the cache",
          "[time][holidays][threads]") {
  // Years 3000..3199 are untouched by other tests, so threads race to fill their cache slots.
  constexpr int kThreads = 8;
  std::vector<std::vector<int>> counts(kThreads);
  std::vector<std::thread> threads;
  std::atomic<bool> go{false};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      for (int year = 3000; year < 3200; ++year) {
        int n = 0;
        for (Date d(static_cast<unsigned short>(year), 1, 1);
             d <= Date(static_cast<unsigned short>(year), 12, 31); d += bg::days(1)) {
          n += is_bank_holiday_england_wales(d) ? 1 : 0;
        }
        counts[static_cast<std::size_t>(t)].push_back(n);
      }
    });
  }
  go = true;
  for (auto& th : threads) th.join();
  for (int t = 1; t < kThreads; ++t) CHECK(counts[static_cast<std::size_t>(t)] == counts[0]);
  for (int n : counts[0]) CHECK(n == 8);
}

TEST_CASE("bank holidays and Easter reject years outside 1583..9999", "[time][holidays]") {
  for (int year : {1582, 10000, 0, -5}) {
    CAPTURE(year);
    const ValidationError e = capture_validation([&] { bank_holidays_england_wales(year); });
    CHECK(e.code() == ErrorCode::InvalidArgument);
    CHECK(e.field() == "year");
    CHECK(e.rule() == "gregorian_year_range");
    const ValidationError e2 = capture_validation([&] { easter_sunday(year); });
    CHECK(e2.rule() == "gregorian_year_range");
  }
  CHECK_THROWS_AS(is_bank_holiday_england_wales(Date(1500, 1, 1)), ValidationError);
}

// ---------------------------------------------------------------------------------------------
// Easter

TEST_CASE("easter_sunday matches known dates", "[time][easter]") {
  const std::vector<std::pair<int, std::string>> known = {
      {1583, "1583-04-10"}, {1818, "1818-03-22"}, {1886, "1886-04-25"}, {1943, "1943-04-25"},
      {1961, "1961-04-02"}, {2000, "2000-04-23"}, {2008, "2008-03-23"}, {2011, "2011-04-24"},
      {2019, "2019-04-21"}, {2024, "2024-03-31"}, {2025, "2025-04-20"}, {2038, "2038-04-25"},
      {2285, "2285-03-22"}, {4000, "4000-04-09"}, {9999, "9999-03-28"},
  };
  for (const auto& [year, date] : known) {
    CAPTURE(year);
    CHECK(format_date(easter_sunday(year)) == date);
  }
}

TEST_CASE("easter_sunday is a Sunday between 22 March and 25 April", "[time][easter]") {
  for (int year = 1583; year <= 9999; ++year) {
    const Date e = easter_sunday(year);
    if (e.day_of_week().as_number() != 0 || e < Date(static_cast<unsigned short>(year), 3, 22) ||
        e > Date(static_cast<unsigned short>(year), 4, 25)) {
      FAIL("Easter " << year << " = " << format_date(e));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// UK local time

TEST_CASE("DST transitions for 2023-2025", "[time][dst]") {
  CHECK(uk_dst_transitions(2023).bst_start == utc("2023-03-26T01:00:00Z"));
  CHECK(uk_dst_transitions(2023).bst_end == utc("2023-10-29T01:00:00Z"));
  CHECK(uk_dst_transitions(2024).bst_start == utc("2024-03-31T01:00:00Z"));
  CHECK(uk_dst_transitions(2024).bst_end == utc("2024-10-27T01:00:00Z"));
  CHECK(uk_dst_transitions(2025).bst_start == utc("2025-03-30T01:00:00Z"));
  CHECK(uk_dst_transitions(2025).bst_end == utc("2025-10-26T01:00:00Z"));
  CHECK_THROWS_AS(uk_dst_transitions(1399), ValidationError);
  CHECK_THROWS_AS(uk_dst_transitions(10000), ValidationError);
}

TEST_CASE("UTC offset and wall clock around the 2024 transitions", "[time][dst]") {
  CHECK(uk_utc_offset_minutes(utc("2024-01-15T12:00:00Z")) == 0);
  CHECK(uk_utc_offset_minutes(utc("2024-07-15T12:00:00Z")) == 60);
  CHECK(uk_utc_offset_minutes(utc("2024-03-31T00:59:59Z")) == 0);
  CHECK(uk_utc_offset_minutes(utc("2024-03-31T01:00:00Z")) == 60);
  CHECK(uk_utc_offset_minutes(utc("2024-10-27T00:59:59Z")) == 60);
  CHECK(uk_utc_offset_minutes(utc("2024-10-27T01:00:00Z")) == 0);

  CHECK(to_uk_local(utc("2024-03-31T00:59:59Z")) == local(2024, 3, 31, 0, 59, 59));
  CHECK(to_uk_local(utc("2024-03-31T01:00:00Z")) == local(2024, 3, 31, 2, 0));
  CHECK(to_uk_local(utc("2024-10-27T00:30:00Z")) == local(2024, 10, 27, 1, 30));
  CHECK(to_uk_local(utc("2024-10-27T01:30:00Z")) == local(2024, 10, 27, 1, 30));
  CHECK(to_uk_local(utc("2024-10-27T02:00:00Z")) == local(2024, 10, 27, 2, 0));
  // A summer instant late in the UTC day is on the next local day.
  CHECK(to_uk_local(utc("2024-06-30T23:30:00Z")) == local(2024, 7, 1, 0, 30));
  CHECK(to_uk_local(utc("2024-12-31T23:30:00Z")) == local(2024, 12, 31, 23, 30));
  CHECK(to_uk_local(Instant(bpt::not_a_date_time)).is_not_a_date_time());
  CHECK_THROWS_AS(uk_utc_offset_minutes(Instant(bpt::pos_infin)), ValidationError);
}

TEST_CASE("classify_uk_local and from_uk_local on the 2024 transition days", "[time][dst]") {
  // Spring: 01:00-01:59 never happens.
  CHECK(classify_uk_local(local(2024, 3, 31, 0, 59, 59)) == LocalTimeKind::Unique);
  CHECK(classify_uk_local(local(2024, 3, 31, 1, 0)) == LocalTimeKind::Nonexistent);
  CHECK(classify_uk_local(local(2024, 3, 31, 1, 59, 59)) == LocalTimeKind::Nonexistent);
  CHECK(classify_uk_local(local(2024, 3, 31, 2, 0)) == LocalTimeKind::Unique);
  CHECK(classify_uk_local(local(2024, 3, 30, 1, 30)) == LocalTimeKind::Unique);
  CHECK_FALSE(from_uk_local(local(2024, 3, 31, 1, 30)).has_value());
  CHECK_FALSE(from_uk_local(local(2024, 3, 31, 1, 30), true).has_value());
  CHECK(from_uk_local(local(2024, 3, 31, 0, 59)) == utc("2024-03-31T00:59:00Z"));
  CHECK(from_uk_local(local(2024, 3, 31, 2, 0)) == utc("2024-03-31T01:00:00Z"));

  // Autumn: 01:00-01:59 happens twice, first in BST then in GMT.
  CHECK(classify_uk_local(local(2024, 10, 27, 0, 59, 59)) == LocalTimeKind::Unique);
  CHECK(classify_uk_local(local(2024, 10, 27, 1, 0)) == LocalTimeKind::Ambiguous);
  CHECK(classify_uk_local(local(2024, 10, 27, 1, 59, 59)) == LocalTimeKind::Ambiguous);
  CHECK(classify_uk_local(local(2024, 10, 27, 2, 0)) == LocalTimeKind::Unique);
  CHECK(from_uk_local(local(2024, 10, 27, 1, 30)) == utc("2024-10-27T00:30:00Z"));
  CHECK(from_uk_local(local(2024, 10, 27, 1, 30), true) == utc("2024-10-27T01:30:00Z"));
  CHECK(from_uk_local(local(2024, 10, 27, 0, 30)) == utc("2024-10-26T23:30:00Z"));
  CHECK(from_uk_local(local(2024, 10, 27, 2, 0)) == utc("2024-10-27T02:00:00Z"));
  CHECK(from_uk_local(local(2024, 7, 1, 9, 0)) == utc("2024-07-01T08:00:00Z"));
  CHECK(from_uk_local(local(2024, 1, 1, 9, 0)) == utc("2024-01-01T09:00:00Z"));

  CHECK(classify_uk_local(LocalDateTime(bpt::not_a_date_time)) == LocalTimeKind::Unique);
  CHECK(from_uk_local(LocalDateTime(bpt::not_a_date_time))->is_not_a_date_time());
}

TEST_CASE("every minute of 2024 round-trips through UK local time", "[time][dst]") {
  const Instant start = utc("2024-01-01T00:00:00Z");
  const Instant end = utc("2025-01-01T00:00:00Z");
  int ambiguous = 0;
  for (Instant t = start; t < end; t += bpt::minutes(1)) {
    const LocalDateTime l = to_uk_local(t);
    const LocalTimeKind kind = classify_uk_local(l);
    if (kind == LocalTimeKind::Nonexistent) FAIL("to_uk_local produced a nonexistent time");
    const std::optional<Instant> early = from_uk_local(l, false);
    const std::optional<Instant> late = from_uk_local(l, true);
    if (!early || !late) FAIL("no instant for " << format_instant(t));
    if (kind == LocalTimeKind::Unique && (*early != t || *late != t)) {
      FAIL("round trip failed for " << format_instant(t));
    }
    if (kind == LocalTimeKind::Ambiguous) {
      ++ambiguous;
      if (*late - *early != bpt::hours(1) || (*early != t && *late != t)) {
        FAIL("ambiguous round trip failed for " << format_instant(t));
      }
    }
    if (uk_utc_offset_minutes(t) != (l.fields() - t).total_seconds() / 60) FAIL("offset mismatch");
  }
  CHECK(ambiguous == 120);  // the repeated hour, seen from both of its instants
}

TEST_CASE("UK local time agrees with Boost's POSIX time zone over 1997-2045", "[time][dst]") {
  const boost::local_time::time_zone_ptr london(
      new boost::local_time::posix_time_zone("GMT0BST,M3.5.0/1,M10.5.0/2"));
  for (Instant t = utc("1997-01-01T00:30:00Z"); t < utc("2046-01-01T00:00:00Z");
       t += bpt::hours(1)) {
    const boost::local_time::local_date_time ref(t, london);
    if (ref.local_time() != to_uk_local(t).fields()) FAIL("mismatch at " << format_instant(t));
  }
  // Every minute of the transition days, where an off-by-one hour would hide.
  for (int year : {2001, 2024, 2025, 2037}) {
    const UkDstTransitions tr = uk_dst_transitions(year);
    for (Instant pivot : {tr.bst_start, tr.bst_end}) {
      for (Instant t = pivot - bpt::hours(3); t < pivot + bpt::hours(3); t += bpt::minutes(1)) {
        const boost::local_time::local_date_time ref(t, london);
        if (ref.local_time() != to_uk_local(t).fields()) FAIL("mismatch at " << format_instant(t));
        const int expected_offset = ref.is_dst() ? 60 : 0;
        if (uk_utc_offset_minutes(t) != expected_offset) FAIL("offset at " << format_instant(t));
      }
    }
  }
}

TEST_CASE("offsets and holidays at year and transition edges, 1583-9999", "[time][dst][holidays]") {
  // Catches a wrong year for instants near New Year or before 1970 in any cached lookup.
  const bpt::seconds second(1);
  for (int year = 1583; year <= 9999; ++year) {
    const UkDstTransitions tr = uk_dst_transitions(year);
    if (uk_utc_offset_minutes(tr.bst_start - second) != 0 ||
        uk_utc_offset_minutes(tr.bst_start) != 60 ||
        uk_utc_offset_minutes(tr.bst_end - second) != 60 ||
        uk_utc_offset_minutes(tr.bst_end) != 0) {
      FAIL("offsets wrong around the transitions of " << year);
    }
    if (tr.bst_start.date().day_of_week().as_number() != 0 ||
        tr.bst_start.date().month() != 3 || tr.bst_start.date().day() < 25 ||
        tr.bst_end.date().day_of_week().as_number() != 0 || tr.bst_end.date().month() != 10 ||
        tr.bst_end.date().day() < 25) {
      FAIL("transitions of " << year << " are not on the last Sundays of March and October");
    }
    const Date jan1(static_cast<unsigned short>(year), 1, 1);
    const Date dec31(static_cast<unsigned short>(year), 12, 31);
    if (!(to_uk_local(Instant(jan1)) == LocalDateTime(jan1)) ||
        !(to_uk_local(Instant(dec31, bpt::time_duration(23, 59, 59))) ==
          LocalDateTime(dec31, bpt::time_duration(23, 59, 59)))) {
      FAIL("winter is not GMT in " << year);
    }
    const std::vector<Date> h = bank_holidays_england_wales(year);
    if (!is_bank_holiday_england_wales(h.front()) || !is_bank_holiday_england_wales(h.back()) ||
        (year != 1999 && is_bank_holiday_england_wales(dec31)) ||
        (jan1.day_of_week().as_number() % 6 != 0) != is_bank_holiday_england_wales(jan1)) {
      FAIL("holiday lookup wrong at the edges of " << year);
    }
  }
  CHECK(uk_utc_offset_minutes(utc("1400-07-01T00:00:00Z")) == 60);
  CHECK(uk_utc_offset_minutes(utc("1400-01-01T00:00:00Z")) == 0);
  CHECK(uk_utc_offset_minutes(utc("9999-12-31T23:59:59Z")) == 0);
  CHECK(to_uk_local(utc("1969-07-01T12:00:00Z")) == local(1969, 7, 1, 13, 0));
}

TEST_CASE("minutes_of_day", "[time][dst]") {
  CHECK(minutes_of_day(local(2024, 3, 1, 0, 0)) == 0);
  CHECK(minutes_of_day(local(2024, 3, 1, 8, 0)) == 480);
  CHECK(minutes_of_day(local(2024, 3, 1, 22, 0, 59)) == 1320);
  CHECK(minutes_of_day(local(2024, 3, 1, 23, 59, 59)) == 1439);
  CHECK(minutes_of_day(to_uk_local(utc("2024-06-01T22:59:00Z"))) == 1439);
  CHECK(minutes_of_day(to_uk_local(utc("2024-06-01T23:00:00Z"))) == 0);
  const ValidationError e =
      capture_validation([] { minutes_of_day(LocalDateTime(bpt::not_a_date_time)); });
  CHECK(e.rule() == "finite_instant");
}

// ---------------------------------------------------------------------------------------------
// ISO 8601 and Unix seconds

TEST_CASE("parse_instant accepts the documented forms", "[time][iso]") {
  const Instant nine = Instant(Date(2024, 3, 1), bpt::hours(9));
  CHECK(parse_instant("2024-03-01T09:00:00Z") == nine);
  CHECK(parse_instant("2024-03-01T09:00Z") == nine);
  CHECK(parse_instant("2024-03-01T10:00:00+01:00") == nine);
  CHECK(parse_instant("2024-03-01T10:00+01:00") == nine);
  CHECK(parse_instant("2024-03-01T10:00:00+0100") == nine);
  CHECK(parse_instant("2024-03-01T10:00:00+01") == nine);
  CHECK(parse_instant("2024-03-01T03:30:00-05:30") == nine);
  CHECK(parse_instant("2024-03-01T09:00:00-00:00") == nine);
  CHECK(parse_instant("2024-03-01t09:00:00z") == nine);
  // Kept to the microsecond; finer digits truncated, not rounded.
  CHECK(parse_instant("2024-03-01T09:00:00.999999999Z") == nine + boost::posix_time::microseconds(999999));
  CHECK(parse_instant("2024-03-01T10:00:00,5+01:00") == nine + boost::posix_time::milliseconds(500));
  CHECK(format_instant(nine + boost::posix_time::microseconds(1500)) == "2024-03-01T09:00:00.001500Z");
  CHECK(parse_instant(format_instant(nine + boost::posix_time::microseconds(7))) == nine + boost::posix_time::microseconds(7));
  CHECK(parse_instant("2024-03-01T00:30:00+01:00") == Instant(Date(2024, 2, 29), bpt::time_duration(23, 30, 0)));
  CHECK(parse_instant("2024-02-29T23:59:59Z") == Instant(Date(2024, 2, 29), bpt::time_duration(23, 59, 59)));
  CHECK(parse_instant("1400-01-01T00:00:00Z") == Instant(Date(1400, 1, 1)));
  CHECK(parse_instant("9999-12-31T23:59:59Z") == Instant(Date(9999, 12, 31), bpt::time_duration(23, 59, 59)));
}

TEST_CASE("format_instant and parse_instant round-trip", "[time][iso]") {
  for (const char* s : {"2024-03-01T09:00:00Z", "1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z",
                        "1400-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
    CAPTURE(s);
    CHECK(format_instant(parse_instant(s)) == s);
  }
  CHECK(format_instant(parse_instant("2024-03-01T10:00:00.75+01:00")) == "2024-03-01T09:00:00.750000Z");
  CHECK(format_instant(Instant(Date(2024, 3, 1), bpt::milliseconds(999))) ==
        "2024-03-01T00:00:00.999000Z");
  CHECK(format_instant(Instant(bpt::not_a_date_time)).empty());
  CHECK(format_instant(Instant(bpt::pos_infin)).empty());
}

TEST_CASE("parse_instant rejects malformed input with a precise error", "[time][iso]") {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"", "four-digit year"},
      {"2024-03-01", "date alone"},
      {"2024-03-01T09:00:00", "no UTC offset"},
      {"2024-03-01T09:00", "no UTC offset"},
      {"2024-13-01T00:00Z", "month 13"},
      {"2023-02-29T00:00Z", "day 29 does not exist in 2023-02"},
      {"2024-04-31T00:00Z", "day 31"},
      {"2024-03-01T24:00Z", "hour 24"},
      {"2024-03-01T09:60Z", "minute 60"},
      {"2024-03-01T09:00:60Z", "leap seconds"},
      {"2024-03-01 09:00Z", "'T'"},
      {"2024-3-1T09:00Z", "two-digit month"},
      {"20240301T090000Z", "'-'"},
      {"2024-03-01T9:00Z", "two-digit hour"},
      {"2024-03-01T09:00:00+1", "offset hours"},
      {"2024-03-01T09:00:00+01:0", "offset minutes"},
      {"2024-03-01T09:00:00+24:00", "offset is not within"},
      {"2024-03-01T09:00:00+01:00x", "unexpected characters"},
      {"2024-03-01T09:00:00ZZ", "unexpected characters"},
      {"2024-03-01T09:00:00.Z", "digits after the decimal mark"},
      {"2024-03-01T09:00:00 Z", "'Z' or an offset"},
      {" 2024-03-01T09:00Z", "four-digit year"},
      {"1399-12-31T23:00Z", "outside the supported range"},
      {"1400-01-01T00:30+01:00", "outside years 1400..9999"},
      {"9999-12-31T23:30-01:00", "outside years 1400..9999"},
  };
  for (const auto& [input, hint] : bad) {
    CAPTURE(input);
    const ValidationError e =
        capture_validation([&] { parse_instant(input, "booking-17", "start"); });
    CHECK(e.code() == ErrorCode::InvalidArgument);
    CHECK(e.record() == "booking-17");
    CHECK(e.field() == "start");
    CHECK(e.rule() == "iso8601_instant");
    CHECK_THAT(e.what(), Catch::Contains(hint));
    CHECK_THAT(e.what(), Catch::Contains("'" + input + "'"));
  }
  // Defaults: no record or field.
  const ValidationError e = capture_validation([] { parse_instant("nonsense"); });
  CHECK(e.record().empty());
  CHECK(e.field().empty());
  CHECK(e.rule() == "iso8601_instant");
}

TEST_CASE("parse_date and format_date", "[time][iso]") {
  CHECK(parse_date("2024-03-01") == Date(2024, 3, 1));
  CHECK(parse_date("2024-02-29") == Date(2024, 2, 29));
  CHECK(format_date(Date(2024, 3, 1)) == "2024-03-01");
  CHECK(format_date(Date(1400, 1, 9)) == "1400-01-09");
  CHECK(format_date(Date(bpt::not_a_date_time)).empty());
  for (const char* s : {"1999-12-31", "2000-02-29", "9999-12-31"}) {
    CHECK(format_date(parse_date(s)) == s);
  }
  for (const char* s : {"", "2024-02-30", "2023-02-29", "2024-00-10", "2024-03-01T00:00Z",
                        "2024/03/01", "24-03-01", "2024-03-1", "2024-03-01 ", "1399-12-31"}) {
    CAPTURE(s);
    const ValidationError e = capture_validation([&] { parse_date(s, "coach-3", "/rota/0/date"); });
    CHECK(e.code() == ErrorCode::InvalidArgument);
    CHECK(e.record() == "coach-3");
    CHECK(e.field() == "/rota/0/date");
    CHECK(e.rule() == "iso8601_date");
  }
}

TEST_CASE("Unix seconds", "[time][unix]") {
  CHECK(to_unix_seconds(utc("1970-01-01T00:00:00Z")) == 0);
  CHECK(to_unix_seconds(utc("2024-03-01T09:00:00Z")) == 1709283600);
  CHECK(to_unix_seconds(utc("2024-03-01T10:00:00+01:00")) == 1709283600);
  CHECK(to_unix_seconds(utc("1969-12-31T23:59:59Z")) == -1);
  CHECK(to_unix_seconds(Instant(Date(1970, 1, 1)) - bpt::milliseconds(500)) == -1);  // floor
  CHECK(to_unix_seconds(Instant(Date(1970, 1, 1)) + bpt::milliseconds(500)) == 0);
  CHECK(from_unix_seconds(1709283600) == utc("2024-03-01T09:00:00Z"));
  CHECK(from_unix_seconds(-1) == utc("1969-12-31T23:59:59Z"));
  CHECK(from_unix_seconds(4102444800) == utc("2100-01-01T00:00:00Z"));
  CHECK(from_unix_seconds(-17987443200) == utc("1400-01-01T00:00:00Z"));
  CHECK(from_unix_seconds(253402300799) == utc("9999-12-31T23:59:59Z"));
  for (std::int64_t s : {std::int64_t{-17987443201}, std::int64_t{253402300800},
                         std::numeric_limits<std::int64_t>::max(),
                         std::numeric_limits<std::int64_t>::min()}) {
    CAPTURE(s);
    const ValidationError e = capture_validation([&] { from_unix_seconds(s); });
    CHECK(e.rule() == "instant_range");
  }
  for (std::int64_t s = -4000000000; s < 4000000000; s += 86399 * 37) {
    if (to_unix_seconds(from_unix_seconds(s)) != s) FAIL("round trip " << s);
  }
  const ValidationError e = capture_validation([] { to_unix_seconds(Instant(bpt::not_a_date_time)); });
  CHECK(e.rule() == "finite_instant");
  CHECK(e.code() == ErrorCode::InvalidArgument);
}

// A UK wall-clock reading is a type of its own: it cannot stand where an instant is meant.
static_assert(!std::is_same_v<laycoach::LocalDateTime, laycoach::Instant>);
static_assert(!std::is_convertible_v<laycoach::LocalDateTime, laycoach::Instant>);
static_assert(!std::is_convertible_v<laycoach::Instant, laycoach::LocalDateTime>);
