// The shared access definitions (access.hpp), each tested here at its home: opening hours to the
// second, out of office hours, a rota's blocks on a date and rota time in real minutes.
#include "laycoach/access.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;

namespace {
using boost::posix_time::minutes;
using boost::posix_time::seconds;

OpeningCheck check(const OpeningHours& h, const char* start, int mins) {
  const Instant s = at(start);
  return check_opening_hours(h, s, s + minutes(mins));
}
}  // namespace

TEST_CASE("access: opening hours are read in UK local time to the second", "[access]") {
  const OpeningHours h;  // 08:00-22:00 every day
  // Wednesday 10 July 2024, BST: local = UTC + 1.
  CHECK(check(h, "2024-07-10T20:15:00Z", 45) == OpeningCheck::Inside);        // 21:15-22:00
  CHECK(check(h, "2024-07-10T20:15:30Z", 45) == OpeningCheck::OutsideHours);  // ends 22:00:30
  CHECK(check(h, "2024-07-10T07:00:00Z", 45) == OpeningCheck::Inside);        // 08:00 sharp
  CHECK(check(h, "2024-07-10T06:59:59Z", 45) == OpeningCheck::OutsideHours);  // 07:59:59
  // A fraction of a second past closing is past closing.
  const Instant s = at("2024-07-10T20:15:00Z") + boost::posix_time::milliseconds(1);
  CHECK(check_opening_hours(h, s, s + minutes(45)) == OpeningCheck::OutsideHours);
  // Winter (GMT): local = UTC.
  CHECK(check(h, "2024-01-10T21:15:00Z", 45) == OpeningCheck::Inside);
  CHECK(check(h, "2024-01-10T21:15:01Z", 45) == OpeningCheck::OutsideHours);
  // Open until midnight: ending at 00:00:00 the next day is inside, a second later is not.
  OpeningHours late;
  for (auto& d : late.days) d = {0, 24 * 60};
  CHECK(check(late, "2024-01-10T23:00:00Z", 60) == OpeningCheck::Inside);
  CHECK(check(late, "2024-01-10T23:00:00Z", 61) == OpeningCheck::OutsideHours);
  // A closed day.
  OpeningHours closed_sunday;
  closed_sunday.days[6] = {8 * 60, 8 * 60};
  CHECK(check(closed_sunday, "2024-07-14T10:00:00Z", 45) == OpeningCheck::OutsideHours);
  // Bank holidays: Easter Monday 1 April 2024.
  OpeningHours no_holidays;
  no_holidays.open_on_bank_holidays = false;
  CHECK(check(no_holidays, "2024-04-01T09:00:00Z", 45) == OpeningCheck::ClosedBankHoliday);
  CHECK(check(h, "2024-04-01T09:00:00Z", 45) == OpeningCheck::Inside);
  CHECK_THROWS_AS(check_opening_hours(h, Instant(), at("2024-04-01T09:00:00Z")), ValidationError);
}

TEST_CASE("access: a session ending 30 s after closing is refused (regression)", "[access]") {
  Programme p = people_programme();
  Coach c = workforce_coach("late");
  c.rota.weekly.clear();
  for (int d = 0; d < 7; ++d) c.rota.weekly.push_back({d, 8 * 60, 24 * 60});
  p.add_coach(c);
  // 45 minutes from 21:15:30 BST ends 22:00:30: after the 22:00 close.
  Session bad = one_to_one("late-1", "late", "s1", at("2024-07-10T20:15:30Z"));
  bad.minutes = 45;
  require_rejected(p, [&] { p.book(bad); }, ErrorCode::InvalidArgument, "late-1", "start", "within_opening_hours");
  Session good = one_to_one("late-2", "late", "s1", at("2024-07-10T20:15:00Z"));
  good.minutes = 45;
  CHECK(p.book(good).end() == at("2024-07-10T21:00:00Z"));
}

TEST_CASE("access: out of office hours is a weekend, a bank holiday or outside office hours", "[access]") {
  CHECK_FALSE(out_of_office_hours(at("2024-07-09T08:00:00Z")));  // Tue 09:00 BST
  CHECK(out_of_office_hours(at("2024-07-09T07:59:00Z")));        // Tue 08:59 BST
  CHECK_FALSE(out_of_office_hours(at("2024-07-09T15:59:00Z")));  // 16:59 BST
  CHECK(out_of_office_hours(at("2024-07-09T16:00:00Z")));        // 17:00 BST
  CHECK(out_of_office_hours(at("2024-07-13T10:00:00Z")));        // Saturday
  CHECK(out_of_office_hours(at("2024-07-14T10:00:00Z")));        // Sunday
  CHECK(out_of_office_hours(at("2024-03-29T10:00:00Z")));        // Good Friday
  CHECK(out_of_office_hours(at("2024-08-26T10:00:00Z")));        // Summer bank holiday (Monday)
  CHECK_FALSE(out_of_office_hours(at("2024-08-27T10:00:00Z")));
  CHECK(out_of_office_hours(at("2024-10-28T08:30:00Z")));        // Mon 08:30 GMT, after the change
  CHECK(out_of_office_hours(at("2024-07-09T08:30:00Z"), {10 * 60, 17 * 60}));
  CHECK_NOTHROW(validate(OfficeHours{}));
  require_error([] { validate(OfficeHours{18 * 60, 17 * 60}); }, ErrorCode::InvalidArgument, "", "office",
                "office_hours_range");
}

TEST_CASE("access: a rota's blocks on a date", "[access]") {
  Rota r;
  r.weekly = {{2, 9 * 60, 17 * 60}, {2, 18 * 60, 20 * 60}, {3, 9 * 60, 12 * 60}};  // Wed two blocks, Thu one
  r.exceptions = {{day("2024-07-11"), {{0, 10 * 60, 11 * 60}}},
                  {day("2024-07-11"), {{0, 14 * 60, 15 * 60}}},   // a second exception, same date
                  {day("2024-07-17"), {}}};                      // off that Wednesday
  r.leave = {{day("2024-07-24"), day("2024-07-25")}};
  auto blocks = [&](const char* d) {
    std::vector<std::pair<int, int>> out;
    rota_blocks_of_day(r, day(d), out);
    return out;
  };
  using B = std::vector<std::pair<int, int>>;
  CHECK(blocks("2024-07-10") == B{{540, 1020}, {1080, 1200}});
  CHECK(blocks("2024-07-11") == B{{600, 660}, {840, 900}});  // union of both exceptions
  CHECK(blocks("2024-07-17").empty());
  CHECK(blocks("2024-07-18") == B{{540, 720}});
  CHECK(blocks("2024-07-24").empty());  // leave
  CHECK(blocks("2024-07-13").empty());
}

TEST_CASE("access: rota time is counted in real minutes", "[access]") {
  Rota r;
  for (int d = 0; d < 7; ++d) r.weekly.push_back({d, 0, 4 * 60});  // 00:00-04:00 local every day
  auto mins = [&](const char* from, const char* to) { return rota_minutes(r, at(from), at(to)); };
  CHECK(mins("2024-03-30T00:00:00Z", "2024-03-31T00:00:00Z") == 240);  // Saturday before the change
  CHECK(mins("2024-03-31T00:00:00Z", "2024-03-31T23:00:00Z") == 180);  // spring forward: 3 real hours
  CHECK(mins("2024-03-31T00:00:00Z", "2024-04-01T00:00:00Z") == 240);  // + 23:00Z-24:00Z of 1 April
  CHECK(mins("2024-10-26T23:00:00Z", "2024-10-28T00:00:00Z") == 300);  // fall back: 5 real hours
  CHECK(mins("2024-07-10T00:00:00Z", "2024-07-10T00:00:00Z") == 0);
  // Clipped to the period, to the second: local 00:00-04:00 BST is 23:00Z-03:00Z.
  CHECK(mins("2024-07-10T01:00:00Z", "2024-07-10T01:00:30Z") == 0.5);
  CHECK(mins("2024-07-09T22:00:00Z", "2024-07-10T12:00:00Z") == 240);
  // The repeated hour of the autumn change lies inside a block 01:00-02:00 twice.
  Rota one;
  one.exceptions = {{day("2024-10-27"), {{0, 60, 120}}}};
  CHECK(rota_minutes(one, at("2024-10-26T00:00:00Z"), at("2024-10-29T00:00:00Z")) == 120);
  // Several exceptions on one date: their union, overlaps counted once; leave: nothing.
  Rota two;
  two.exceptions = {{day("2024-07-10"), {{0, 9 * 60, 12 * 60}}}, {day("2024-07-10"), {{0, 11 * 60, 13 * 60}}}};
  CHECK(rota_minutes(two, at("2024-07-10T00:00:00Z"), at("2024-07-11T00:00:00Z")) == 240);
  two.leave = {{day("2024-07-10"), day("2024-07-10")}};
  CHECK(rota_minutes(two, at("2024-07-10T00:00:00Z"), at("2024-07-11T00:00:00Z")) == 0);
}
