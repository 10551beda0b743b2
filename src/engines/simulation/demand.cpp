// The demand model: its checks and its fit to a programme's history (simulate.hpp).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <set>

#include "laycoach/error.hpp"
#include "laycoach/simulate.hpp"

namespace laycoach::simulation {

namespace {

std::string at(std::size_t i, const char* member) { return "/streams/" + std::to_string(i) + "/" + member; }
std::string at(std::size_t i, const char* member, std::size_t j) { return at(i, member) + "/" + std::to_string(j); }

[[noreturn]] void bad(const std::string& field, ErrorRule rule, const std::string& detail) {
  throw ValidationError("demand", ErrorField(field), std::move(rule), detail);
}

void check_probability(double p, const std::string& field) {
  if (!(p >= 0 && p <= 1)) bad(field, "probability_range"_rule, "a probability must lie in [0, 1]");
}

void check_pmf(const std::vector<double>& v, std::size_t i, const char* member, std::size_t max_len) {
  if (v.empty()) bad(at(i, member), "pmf_sum"_rule, "a distribution needs at least one value");
  if (v.size() > max_len)
    bad(at(i, member), "pmf_length"_rule, "at most " + std::to_string(max_len) + " values");
  double sum = 0;
  for (std::size_t j = 0; j < v.size(); ++j) {
    check_probability(v[j], at(i, member, j));
    sum += v[j];
  }
  if (std::abs(sum - 1.0) > 1e-6) bad(at(i, member), "pmf_sum"_rule, "the probabilities sum to " + std::to_string(sum) + ", not 1");
}

}  // namespace

void validate(const DemandModel& demand) {
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t i = 0; i < demand.streams.size(); ++i) {
    const DemandStream& s = demand.streams[i];
    if (s.offer_id.empty()) bad(at(i, "offer_id"), "offer_required"_rule, "a stream names the offer it books");
    if (!seen.emplace(s.offer_id, s.pathway).second)
      bad(at(i, "pathway"), "unique_stream"_rule, "offer '" + s.offer_id + "' and pathway '" + s.pathway + "' have a stream already");
    for (std::size_t h = 0; h < s.per_hour.size(); ++h)
      if (!(s.per_hour[h] >= 0 && std::isfinite(s.per_hour[h])))
        bad(at(i, "per_hour", h), "rate_range"_rule, "arrivals per hour must be finite and >= 0");
    for (std::size_t m = 0; m < s.seasonal.size(); ++m)
      if (!(s.seasonal[m] >= 0 && std::isfinite(s.seasonal[m])))
        bad(at(i, "seasonal", m), "seasonal_range"_rule, "a seasonal multiplier must be finite and >= 0");
    if (!(s.growth > -1 && std::isfinite(s.growth))) bad(at(i, "growth"), "growth_range"_rule, "annual growth must be finite and > -1");
    check_pmf(s.sessions_pmf, i, "sessions_pmf", 1000);
    check_pmf(s.interval_pmf, i, "interval_pmf", 367);
    check_probability(s.client_dna, at(i, "client_dna"));
    check_probability(s.coach_dna, at(i, "coach_dna"));
    check_probability(s.client_cancel, at(i, "client_cancel"));
    check_probability(s.coach_cancel, at(i, "coach_cancel"));
    if (s.client_dna + s.coach_dna + s.client_cancel + s.coach_cancel > 1 + 1e-12)
      bad(at(i, "client_dna"), "outcome_probabilities"_rule, "did-not-attend and cancellation probabilities sum to more than 1");
    double weights = 0;
    for (std::size_t j = 0; j < s.preferences.size(); ++j) {
      const TimePreference& p = s.preferences[j];
      const std::string pj = at(i, "preferences", j);
      if (!(p.weight >= 0 && std::isfinite(p.weight))) bad(pj + "/weight", "weight_range"_rule, "a weight must be finite and >= 0");
      weights += p.weight;
      if (p.weekdays == 0 || p.weekdays > 0x7F) bad(pj + "/weekdays", "weekdays_range"_rule, "at least one day of Monday..Sunday");
      for (std::size_t k = 0; k < p.windows.size(); ++k) {
        const auto& w = p.windows[k];
        if (!(w.from_min >= 0 && w.from_min < w.to_min && w.to_min <= 1440))
          bad(pj + "/windows/" + std::to_string(k), "time_of_day_range"_rule, "0 <= from_min < to_min <= 1440");
      }
    }
    if (!s.preferences.empty() && !(weights > 0)) bad(at(i, "preferences"), "weight_sum"_rule, "the weights sum to 0");
    if (s.window_days < 1 || s.window_days > booking::kMaxWindowDays)
      bad(at(i, "window_days"), "window_range"_rule, "a search window of 1.." + std::to_string(booking::kMaxWindowDays) + " days");
    if (!(s.session_minutes_mean >= 0 && s.session_minutes_mean <= 1440))
      bad(at(i, "session_minutes_mean"), "session_minutes_range"_rule, "a mean session length of 0..1440 minutes");
    if (s.client && s.client->pam_level && (*s.client->pam_level < 1 || *s.client->pam_level > 4))
      bad(at(i, "client") + "/pam_level", "pam_level_range"_rule, "PAM level 1..4");
  }
}

// ---- fitting -------------------------------------------------------------------------------------

namespace {

/// UK local hour of week (Monday 00:00 = 0) of an instant.
int hour_of_week(Instant t) {
  const LocalDateTime l = to_uk_local(t);
  const int wd = (l.date().day_of_week().as_number() + 6) % 7;  // boost: Sunday = 0
  return wd * 24 + static_cast<int>(l.time_of_day().hours());
}

std::string pathway_of(const Offer& o) { return o.ethnically_diverse_pathway ? "ethnically_diverse" : "standard"; }

ClientProfile profile_of(const Offer& o) {
  ClientProfile c;
  c.kind = o.eligibility.client_kinds.empty() ? ClientKind::Staff : o.eligibility.client_kinds.front();
  c.ethnically_diverse = o.eligibility.ethnically_diverse_only;
  c.leader = o.eligibility.leaders_only;
  if (o.eligibility.max_pam_level) c.pam_level = *o.eligibility.max_pam_level;
  return c;
}

/// One UTC hour of the fitted period: its exposure (hours: partial at the period's ends), UK
/// local hour of week and month, and its start in years (365.25 days) after `to` (<= 0) — the
/// generator's rate is constant over an hour at its start's value (engine.cpp, compile).
struct Cell {
  double exposure = 0;
  double years = 0;
  std::uint8_t how = 0;
  std::uint8_t month = 0;  // 0 = January
};

std::vector<Cell> cells_of(Instant from, Instant to) {
  using namespace boost::posix_time;
  std::vector<Cell> out;
  Instant h(from.date(), hours(from.time_of_day().hours()));
  for (; h < to; h += hours(1)) {
    const Instant a = std::max(h, from), b = std::min(h + hours(1), to);
    Cell c;
    c.exposure = static_cast<double>((b - a).total_seconds()) / 3600.0;
    c.years = static_cast<double>((h - to).total_seconds()) / (365.25 * 86400.0);
    c.how = static_cast<std::uint8_t>(hour_of_week(h));
    c.month = static_cast<std::uint8_t>(to_uk_local(h).date().month() - 1);
    out.push_back(c);
  }
  return out;
}

/// A stream's fitted rates: per hour of week at `to`, seasonal multipliers (mean 1), growth.
struct Trend {
  std::array<double, kHoursPerWeek> per_hour{};
  std::array<double, 12> seasonal{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  double growth = 0;
};

/// Maximum likelihood fit of the Poisson model the generator draws from: the count in cell c is
/// Poisson with mean exposure_c x per_hour[how_c] x seasonal[month_c] x exp(beta x years_c),
/// growth = exp(beta) - 1. Its sufficient statistics are the arrivals by hour of week (n_how), by
/// month (n_month) and the sum of their cells' years (years_sum). Block coordinate ascent: each
/// block's update solves its own score equations exactly (per_hour, seasonal: observed over
/// expected; beta: Newton on the likelihood profiled over the overall level), which converges
/// fast since the blocks are nearly orthogonal. Neither seasonal nor growth: per_hour = count /
/// exposure (the update's first step), exactly.
Trend fit_trend(const std::vector<Cell>& cells, const std::array<double, kHoursPerWeek>& n_how,
                const std::array<double, 12>& n_month, double years_sum, bool seasonal, bool growth) {
  Trend t;
  double beta = 0;
  std::vector<double> g(cells.size(), 1.0);  // exp(beta x years) by cell
  const int max_rounds = (seasonal || growth) ? 1000 : 1;
  for (int round = 0; round < max_rounds; ++round) {
    double change = 0;
    // per_hour: count over expected exposure, by hour of week.
    std::array<double, kHoursPerWeek> d{};
    for (std::size_t c = 0; c < cells.size(); ++c) d[cells[c].how] += cells[c].exposure * t.seasonal[cells[c].month] * g[c];
    for (std::size_t h = 0; h < d.size(); ++h) {
      const double v = d[h] > 0 ? n_how[h] / d[h] : 0;
      change = std::max(change, std::abs(v - t.per_hour[h]) / std::max(v, 1e-300));
      t.per_hour[h] = v;
    }
    if (seasonal) {
      std::array<double, 12> dm{};
      for (std::size_t c = 0; c < cells.size(); ++c) dm[cells[c].month] += cells[c].exposure * t.per_hour[cells[c].how] * g[c];
      for (std::size_t m = 0; m < 12; ++m) {
        const double v = dm[m] > 0 ? n_month[m] / dm[m] : 0;
        change = std::max(change, std::abs(v - t.seasonal[m]) / std::max(v, 1e-300));
        t.seasonal[m] = v;
      }
    }
    if (growth) {
      // l(beta) = beta x years_sum - N log sum_c w_c exp(beta x years_c), w_c = the rest of the
      // cell's mean: concave, l' = years_sum - N x (weighted mean of years), l'' = -N x (weighted
      // variance of years).
      double n = 0;
      for (double x : n_how) n += x;
      std::vector<double> w(cells.size());
      for (std::size_t c = 0; c < cells.size(); ++c) w[c] = cells[c].exposure * t.per_hour[cells[c].how] * t.seasonal[cells[c].month];
      const double before = beta;
      for (int k = 0; k < 50; ++k) {
        double s0 = 0, s1 = 0, s2 = 0;
        for (std::size_t c = 0; c < cells.size(); ++c) {
          const double x = w[c] * std::exp(beta * cells[c].years);
          s0 += x;
          s1 += x * cells[c].years;
          s2 += x * cells[c].years * cells[c].years;
        }
        const double mean = s1 / s0, var = s2 / s0 - mean * mean;
        if (!(var > 0)) break;
        const double step = std::clamp((years_sum - n * mean) / (n * var), -1.0, 1.0);
        beta = std::clamp(beta + step, -20.0, 20.0);
        if (std::abs(step) < 1e-13) break;
      }
      change = std::max(change, std::abs(beta - before));
      for (std::size_t c = 0; c < cells.size(); ++c) g[c] = std::exp(beta * cells[c].years);
    }
    if (change < 1e-12) break;
  }
  if (seasonal) {
    double mean = 0;
    for (double x : t.seasonal) mean += x / 12;
    if (mean > 0) {
      for (double& x : t.seasonal) x /= mean;
      for (double& x : t.per_hour) x *= mean;
    }
  }
  t.growth = std::expm1(beta);
  return t;
}

std::vector<double> normalised(const std::vector<double>& counts) {
  double sum = 0;
  for (double x : counts) sum += x;
  std::vector<double> out(counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) out[i] = counts[i] / sum;
  return out;
}

}  // namespace

ClientProfile default_profile(const Offer& o) { return profile_of(o); }
std::string default_pathway(const Offer& o) { return pathway_of(o); }

DemandModel fit_demand(const Programme& p, Instant from, Instant to) {
  if (from.is_special()) throw ValidationError("fit", "from", "instant_required"_rule, "the period's start is required");
  if (to.is_special()) throw ValidationError("fit", "to", "instant_required"_rule, "the period's end is required");
  if (from >= to) throw ValidationError("fit", "to", "period_order"_rule, "the period must end after it starts");
  if (to - from > boost::posix_time::hours(24 * 366 * 20))
    throw ValidationError("fit", "to", "period_length"_rule, "at most 20 years of history");
  const Catalogue cat = p.catalogue();
  std::map<std::string, const Offer*> offers;
  for (const Offer& o : cat.offers) offers[o.id] = &o;

  // The period's UTC hours (partial hours at its ends pro rata): the cells of the Poisson fit.
  const std::vector<Cell> cells = cells_of(from, to);
  const Instant hour0(from.date(), boost::posix_time::hours(from.time_of_day().hours()));
  const double span_days = static_cast<double>((to - from).total_seconds()) / 86400.0;
  const bool seasonal_span = span_days >= kFitSeasonalMinDays;
  const bool growth_span = span_days >= (seasonal_span ? kFitSeasonalGrowthMinDays : kFitGrowthMinDays);

  struct Acc {
    std::array<double, kHoursPerWeek> arrivals{};
    std::array<double, 12> by_month{};  // arrivals by UK local month of their hour
    double years_sum = 0;               // sum over arrivals of their hour's start, years from `to`
    std::vector<double> dose, interval;
    double n_sessions = 0, client_dna = 0, coach_dna = 0, client_cancel = 0, coach_cancel = 0;
    std::array<double, 4> bands{};  // first sessions starting 08-12, 12-17, 17-22, other (UK local)
    std::set<std::string> referrals;
  };
  std::map<std::string, Acc> by_offer;
  for (const Referral& r : p.referrals()) {
    if (r.requested_at.is_special() || r.requested_at < from || r.requested_at >= to) continue;
    if (!offers.count(r.offer_id)) continue;
    Acc& a = by_offer[r.offer_id];
    const Cell& c = cells[static_cast<std::size_t>((r.requested_at - hour0).total_seconds() / 3600)];
    a.arrivals[c.how] += 1;
    a.by_month[c.month] += 1;
    a.years_sum += c.years;
    a.referrals.insert(r.id);
  }
  std::map<std::string, std::vector<const Session*>> of_referral;
  const std::vector<Session> sessions = p.sessions();
  for (const Session& s : sessions) {
    if (s.status == SessionStatus::Rescheduled) continue;
    for (const Attendee& at : s.attendees)
      if (!at.referral_id.empty()) of_referral[at.referral_id].push_back(&s);
  }
  for (auto& [offer_id, a] : by_offer) {
    for (const std::string& rid : a.referrals) {
      auto it = of_referral.find(rid);
      if (it == of_referral.end()) continue;
      std::vector<const Session*> xs = it->second;
      std::sort(xs.begin(), xs.end(), [](const Session* x, const Session* y) { return x->start < y->start; });
      std::vector<const Session*> held;
      for (const Session* s : xs) {
        a.n_sessions += 1;
        switch (s->status) {
          case SessionStatus::ClientDidNotAttend: a.client_dna += 1; break;
          case SessionStatus::CoachDidNotAttend: a.coach_dna += 1; break;
          case SessionStatus::CancelledByClient: a.client_cancel += 1; break;
          case SessionStatus::CancelledByCoach: a.coach_cancel += 1; break;
          default: break;
        }
        if (s->status == SessionStatus::Attended || s->status == SessionStatus::ClientDidNotAttend ||
            s->status == SessionStatus::Booked)
          held.push_back(s);
      }
      if (held.empty()) continue;
      if (a.dose.size() < held.size()) a.dose.resize(held.size(), 0);
      a.dose[held.size() - 1] += 1;
      for (std::size_t k = 1; k < held.size(); ++k) {
        const double days = static_cast<double>((held[k]->start - held[k - 1]->start).total_seconds()) / 86400.0;
        const std::size_t d = static_cast<std::size_t>(std::min(366.0, std::max(0.0, std::round(days))));
        if (a.interval.size() <= d) a.interval.resize(d + 1, 0);
        a.interval[d] += 1;
      }
      const LocalDateTime l = to_uk_local(held.front()->start);
      const int m = static_cast<int>(l.time_of_day().hours()) * 60 + static_cast<int>(l.time_of_day().minutes());
      a.bands[m >= 480 && m < 720 ? 0 : m >= 720 && m < 1020 ? 1 : m >= 1020 && m < 1320 ? 2 : 3] += 1;
    }
  }

  DemandModel out;
  for (auto& [offer_id, a] : by_offer) {
    const Offer& o = *offers.at(offer_id);
    DemandStream s;
    s.service_line_id = o.service_line_id;
    s.offer_id = o.id;
    s.pathway = pathway_of(o);
    double n = 0;
    for (double x : a.arrivals) n += x;
    const bool enough = n >= kFitTrendMinArrivals;
    const Trend t = fit_trend(cells, a.arrivals, a.by_month, a.years_sum, seasonal_span && enough, growth_span && enough);
    s.per_hour = t.per_hour;
    s.seasonal = t.seasonal;
    s.growth = t.growth;
    if (!a.dose.empty()) s.sessions_pmf = normalised(a.dose);
    if (!a.interval.empty()) s.interval_pmf = normalised(a.interval);
    if (a.n_sessions > 0) {
      s.client_dna = a.client_dna / a.n_sessions;
      s.coach_dna = a.coach_dna / a.n_sessions;
      s.client_cancel = a.client_cancel / a.n_sessions;
      s.coach_cancel = a.coach_cancel / a.n_sessions;
    }
    const double nb = a.bands[0] + a.bands[1] + a.bands[2] + a.bands[3];
    if (nb > 0) {
      const booking::TimeOfDay windows[3] = {{480, 720}, {720, 1020}, {1020, 1320}};
      for (int b = 0; b < 3; ++b)
        if (a.bands[static_cast<std::size_t>(b)] > 0)
          s.preferences.push_back({a.bands[static_cast<std::size_t>(b)] / nb, {windows[b]}, 0x7F});
      if (a.bands[3] > 0) s.preferences.push_back({a.bands[3] / nb, {{0, 480}, {1320, 1440}}, 0x7F});
    }
    out.streams.push_back(std::move(s));
  }
  return out;
}

}  // namespace laycoach::simulation
