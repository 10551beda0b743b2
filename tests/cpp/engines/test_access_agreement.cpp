// The booking engine's access figures and the evaluation report count access the same way: out
// of office hours (bank holidays included) and rota time (several exceptions on a date, real
// minutes across a clock change) come from the domain's one definition (access.hpp).
#include <algorithm>

#include "laycoach/access.hpp"
#include "laycoach/booking.hpp"
#include "laycoach/evaluation.hpp"
#include "test_support.hpp"

using namespace laycoach;
using namespace laycoach::test;
namespace bk = laycoach::booking;

TEST_CASE("access: booking and evaluation agree on access figures", "[access][booking][evaluation]") {
  Programme p = people_programme();
  Offer any;
  any.id = "any";
  any.service_line_id = "lay_too";
  any.name = "Open all hours";
  any.session_minutes = 60;
  for (auto& d : any.hours.days) d = {0, 24 * 60};
  p.add_offer(any);
  Coach c = workforce_coach("a", {"any"});
  c.rota.weekly.clear();
  for (int d = 0; d < 7; ++d) c.rota.weekly.push_back({d, 7 * 60, 20 * 60});
  // The spring clock change (Sunday 31 March 2024): two exceptions, one across the change.
  c.rota.exceptions = {{day("2024-03-31"), {{0, 30, 3 * 60 + 30}}},
                       {day("2024-03-31"), {{0, 7 * 60, 20 * 60}}},
                       // Wednesday 3 April: two overlapping exceptions.
                       {day("2024-04-03"), {{0, 9 * 60, 12 * 60}}},
                       {day("2024-04-03"), {{0, 11 * 60, 13 * 60}}}};
  p.add_coach(c);
  const std::vector<std::pair<const char*, const char*>> sessions = {
      {"g1", "2024-03-29T10:00:00Z"},  // Good Friday (bank holiday), 10:00 GMT: out
      {"g2", "2024-03-31T01:30:00Z"},  // Sunday 02:30 BST, just after the change: out
      {"g3", "2024-04-01T09:00:00Z"},  // Easter Monday (bank holiday), 10:00 BST: out
      {"g4", "2024-04-02T09:00:00Z"},  // Tuesday 10:00 BST: in
      {"g5", "2024-04-03T10:00:00Z"},  // Wednesday 11:00 BST (exception): in
      {"g6", "2024-04-04T17:30:00Z"},  // Thursday 18:30 BST: out
  };
  for (const auto& [id, start] : sessions) {
    p.book(one_to_one(id, "a", "s1", at(start), "any"));
    p.record_attendance(id, "s1", AttendeeStatus::Attended);
  }
  const Instant from = at("2024-03-25T00:00:00Z"), to = at("2024-04-08T00:00:00Z");

  const bk::AccessFigures b = bk::access_figures(p, from, to);
  const long long b_ooh = std::count_if(b.bookings.begin(), b.bookings.end(), [](const AccessRow& r) { return r.out_of_hours; });
  const auto bu = std::find_if(b.utilisation.begin(), b.utilisation.end(), [](const auto& u) { return u.coach_id == "a"; });
  REQUIRE(bu != b.utilisation.end());

  EvaluationOptions o;
  o.viewer.audience = Audience::ServiceManager;
  o.from = from;
  o.to = to;
  const EvaluationReport e = evaluate(p, o);
  REQUIRE(e.access.per_coach.size() == 1);

  // 12 ordinary days x 13 h, 31 March 2 real hours (00:30 GMT-03:30 BST) + 13 h, 3 April 4 h.
  const double expected_rota = 12 * 780 + (120 + 780) + 240;
  CHECK(rota_minutes(c.rota, from, to) == expected_rota);
  CHECK(bu->rota_minutes == expected_rota);
  // Utilisation's numerator is one definition too (diary_minutes).
  CHECK(bu->booked_minutes == e.access.per_coach[0].occupied_minutes);
  CHECK(e.access.per_coach[0].rota_minutes == expected_rota);
  CHECK(*e.access.rota_hours.value == expected_rota / 60.0);

  CHECK(b.bookings.size() == 6);
  CHECK(b_ooh == 4);
  CHECK(*e.access.attended.value == 6);
  CHECK(*e.access.out_of_hours.value == static_cast<double>(b_ooh));
  CHECK(*e.access.share_out_of_hours.value == b.share_out_of_hours);
}
