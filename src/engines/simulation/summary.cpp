// Across replications: means with Student-t intervals (summarise) and the optimiser's monotone
// search over the number of coaches or added hours (simulate.hpp).
#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <sstream>

#include "laycoach/error.hpp"
#include "sim_detail.hpp"

namespace laycoach::simulation {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Est {
  double mean = kNaN, lower = kNaN, upper = kNaN, sd = kNaN;
  int n = 0;
};

/// Mean and t interval of the finite values.
Est estimate(const std::vector<double>& xs, double level) {
  Est e;
  double sum = 0;
  for (double x : xs)
    if (std::isfinite(x)) {
      sum += x;
      ++e.n;
    }
  if (e.n == 0) return e;
  e.mean = sum / e.n;
  if (e.n < 2) return e;
  double ss = 0;
  for (double x : xs)
    if (std::isfinite(x)) ss += (x - e.mean) * (x - e.mean);
  e.sd = std::sqrt(ss / (e.n - 1));
  const double t = detail::t_quantile(level, e.n - 1);
  const double half = t * e.sd / std::sqrt(static_cast<double>(e.n));
  e.lower = e.mean - half;
  e.upper = e.mean + half;
  return e;
}

double share(long long k, long long n) { return n > 0 ? static_cast<double>(k) / static_cast<double>(n) : kNaN; }

std::string hours_name(double h) {
  std::ostringstream o;
  o << h;
  return "share_within_" + o.str() + "h";
}

/// The measures of one group (or the total) across replications, in the documented order.
void group_rows(const std::vector<const GroupResult*>& gs, const std::vector<double>& within_hours, double level,
                const std::string& line, const std::string& offer, const std::string& pathway, std::vector<SummaryRow>& out) {
  auto add = [&](const std::string& measure, auto f) {
    std::vector<double> xs;
    xs.reserve(gs.size());
    for (const GroupResult* g : gs) xs.push_back(f(*g));
    const Est e = estimate(xs, level);
    out.push_back({line, offer, pathway, measure, e.mean, e.lower, e.upper, e.sd, e.n});
  };
  add("requests", [](const GroupResult& g) { return static_cast<double>(g.requests); });
  add("first_booked", [](const GroupResult& g) { return static_cast<double>(g.first_booked); });
  for (std::size_t k = 0; k < within_hours.size(); ++k)
    add(hours_name(within_hours[k]), [k](const GroupResult& g) { return share(g.within[k], g.requests); });
  add("unmet", [](const GroupResult& g) { return static_cast<double>(g.unmet); });
  add("share_unmet", [](const GroupResult& g) { return share(g.unmet, g.requests); });
  add("waiting_list_joins", [](const GroupResult& g) { return static_cast<double>(g.waiting_list_joins); });
  add("sessions_booked", [](const GroupResult& g) { return static_cast<double>(g.sessions_booked); });
  add("share_out_of_hours", [](const GroupResult& g) { return share(g.out_of_hours, g.sessions_booked); });
  add("wait_mean_minutes", [](const GroupResult& g) { return g.wait_mean; });
  add("wait_median_minutes", [](const GroupResult& g) { return g.wait_median; });
  add("wait_p90_minutes", [](const GroupResult& g) { return g.wait_p90; });
  add("wait_p95_minutes", [](const GroupResult& g) { return g.wait_p95; });
}

}  // namespace

namespace detail {
double t_quantile(double level, int df) {
  const boost::math::students_t dist(df);
  return boost::math::quantile(boost::math::complement(dist, (1.0 - level) / 2.0));
}
}  // namespace detail

Summary summarise(const std::vector<ReplicationResult>& results, double level) {
  if (!(level > 0 && level < 1)) throw ValidationError("summary", "level", "confidence_level"_rule, "a confidence level in (0, 1)");
  Summary s;
  s.level = level;
  s.replications = static_cast<int>(results.size());
  if (results.empty()) return s;
  const ReplicationResult& r0 = results.front();
  const std::size_t nw = r0.total.within.size();
  for (const ReplicationResult& r : results) {
    bool same = r.groups.size() == r0.groups.size() && r.coaches.size() == r0.coaches.size() &&
                r.total.within.size() == nw && r.within_hours == r0.within_hours;
    for (std::size_t i = 0; same && i < r.groups.size(); ++i)
      same = r.groups[i].offer_id == r0.groups[i].offer_id && r.groups[i].pathway == r0.groups[i].pathway &&
             r.groups[i].within.size() == nw;
    for (std::size_t i = 0; same && i < r.coaches.size(); ++i) same = r.coaches[i].coach_id == r0.coaches[i].coach_id;
    if (!same)
      throw ValidationError("summary", "results", "same_scenario"_rule,
                            "replication " + std::to_string(r.replication) + " has other groups or coaches than replication " +
                                std::to_string(r0.replication));
  }
  for (std::size_t i = 0; i < r0.groups.size(); ++i) {
    std::vector<const GroupResult*> gs;
    for (const ReplicationResult& r : results) gs.push_back(&r.groups[i]);
    const GroupResult& g = r0.groups[i];
    group_rows(gs, r0.within_hours, level, g.service_line_id, g.offer_id, g.pathway, s.rows);
  }
  std::vector<const GroupResult*> totals;
  for (const ReplicationResult& r : results) totals.push_back(&r.total);
  group_rows(totals, r0.within_hours, level, "", "", "", s.rows);
  {
    std::vector<double> xs;
    for (const ReplicationResult& r : results) {
      double b = 0, w = 0;
      for (const CoachLoad& c : r.coaches) {
        b += c.booked_minutes;
        w += c.rota_minutes;
      }
      xs.push_back(w > 0 ? b / w : kNaN);
    }
    const Est e = estimate(xs, level);
    s.rows.push_back({"", "", "", "utilisation", e.mean, e.lower, e.upper, e.sd, e.n});
  }
  for (std::size_t i = 0; i < r0.coaches.size(); ++i) {
    std::vector<double> xs;
    for (const ReplicationResult& r : results) {
      const CoachLoad& c = r.coaches[i];
      xs.push_back(c.rota_minutes > 0 ? c.booked_minutes / c.rota_minutes : kNaN);
    }
    const Est e = estimate(xs, level);
    s.coaches.push_back({r0.coaches[i].coach_id, e.mean, e.lower, e.upper});
  }
  for (int h = 0; h < kHoursPerWeek; ++h) {
    std::vector<double> xs;
    for (const ReplicationResult& r : results) {
      const double w = r.hour_rota_minutes[static_cast<std::size_t>(h)];
      xs.push_back(w > 0 ? r.hour_booked_minutes[static_cast<std::size_t>(h)] / w : kNaN);
    }
    const Est e = estimate(xs, level);
    s.hours.push_back({h, e.mean, e.lower, e.upper});
  }
  return s;
}

OptimiseResult optimise(const Scenario& s, const OptimiseOptions& o) {
  if (!(o.target >= 0 && o.target <= 1)) throw ValidationError("optimise", "target", "share_range"_rule, "a target share in [0, 1]");
  if (!(o.level > 0 && o.level < 1)) throw ValidationError("optimise", "level", "confidence_level"_rule, "a confidence level in (0, 1)");
  if (o.max_added < 0) throw ValidationError("optimise", "max_added", "count_range"_rule, "max_added must be >= 0");
  if (o.replications < 2)
    throw ValidationError("optimise", "replications", "replication_range"_rule, "an interval needs at least 2 replications");
  if (!(o.within_hours > 0 && std::isfinite(o.within_hours)))
    throw ValidationError("optimise", "within_hours", "threshold_range"_rule, "a threshold in hours must be finite and > 0");
  if (o.lever == Lever::Hours && o.weekly.empty())
    throw ValidationError("optimise", "weekly", "blocks_required"_rule, "the hours to add are required");
  if (!o.offer_id.empty() &&
      std::none_of(s.demand.streams.begin(), s.demand.streams.end(), [&](const DemandStream& d) { return d.offer_id == o.offer_id; }))
    throw NotFoundError(o.offer_id, "offer_id", "no demand stream books offer '" + o.offer_id + "'");
  Scenario base = s;
  auto& wh = base.options.within_hours;
  std::size_t k = static_cast<std::size_t>(std::find(wh.begin(), wh.end(), o.within_hours) - wh.begin());
  if (k == wh.size()) wh.push_back(o.within_hours);
  int max_added = o.max_added;
  if (o.lever == Lever::Hours) max_added = std::min<int>(max_added, static_cast<int>(base.coaches.size()));
  if (o.lever == Lever::Coaches) (void)add_coaches(base, o.template_coach_id, 0, o.weekly);  // NotFoundError for the template

  std::vector<OptimisePoint> points;
  auto eval = [&](int n) -> const OptimisePoint& {
    for (const OptimisePoint& p : points)
      if (p.added == n) return p;
    Scenario x;
    if (n == 0) {
      x = base;
    } else if (o.lever == Lever::Coaches) {
      x = add_coaches(base, o.template_coach_id, n, o.weekly, "opt-coach-");
    } else {
      std::vector<std::string> ids;
      for (int i = 0; i < n; ++i) ids.push_back(base.coaches[static_cast<std::size_t>(i)].id);
      x = add_hours(base, o.weekly, ids);
    }
    const std::vector<ReplicationResult> rs = run(x, o.seed, 0, o.replications, o.run);
    std::vector<double> xs;
    for (const ReplicationResult& r : rs) {
      long long within = 0, requests = 0;
      if (o.offer_id.empty()) {
        within = r.total.within[k];
        requests = r.total.requests;
      } else {
        for (const GroupResult& g : r.groups)
          if (g.offer_id == o.offer_id) {
            within += g.within[k];
            requests += g.requests;
          }
      }
      xs.push_back(share(within, requests));
    }
    const Est e = estimate(xs, o.level);
    OptimisePoint p{n, e.mean, e.lower, e.upper, std::isfinite(e.lower) && e.lower >= o.target};
    points.push_back(p);
    return points.back();
  };

  OptimiseResult out;
  if (eval(0).meets) {
    out.best = 0;
  } else {
    // Doubling until a point meets the target (or max_added fails), then bisection between the
    // last failing and the first meeting n: the share is taken to grow with n.
    int lo = 0, hi = -1;
    for (int n = 1; n <= max_added; n = n >= max_added ? max_added + 1 : std::min(max_added, n * 2)) {
      if (eval(n).meets) {
        hi = n;
        break;
      }
      lo = n;
    }
    if (hi >= 0) {
      while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        if (eval(mid).meets) hi = mid;
        else lo = mid;
      }
      out.best = hi;
    }
  }
  std::sort(points.begin(), points.end(), [](const OptimisePoint& a, const OptimisePoint& b) { return a.added < b.added; });
  out.points = std::move(points);
  return out;
}

}  // namespace laycoach::simulation
