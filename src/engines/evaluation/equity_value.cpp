// The equity and value sections of the evaluation report: exact figures from the records the
// programme front end gathers (equity_value_impl.hpp), and their release to aggregate audiences
// (docs/equity-and-value.md, on top of docs/disclosure.md's primitives).
#include "equity_value_impl.hpp"

#include "laycoach/coach.hpp"
#include "laycoach/error.hpp"
#include "laycoach/stats.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <string>
#include <vector>

namespace laycoach {

const std::vector<std::string>& equity_dimensions() {
  static const std::vector<std::string> d = {"staff_group", "ethnicity_group", "sector", "organisation"};
  return d;
}

namespace {

using namespace eval;

const char* const kRec = "unit_costs";

void check_cost(const UnitCost& c, const std::string& field) {
  for (const auto& [name, v] : {std::pair<const char*, double>{"value", c.value}, {"low", c.low}, {"high", c.high}})
    if (!(std::isfinite(v) && v >= 0.0))
      throw ValidationError(kRec, ErrorField(field + "/" + name), "non_negative"_rule,
                            "a unit cost must be a finite amount of pounds >= 0");
  if (!(c.low <= c.value && c.value <= c.high))
    throw ValidationError(kRec, ErrorField(field), "range_order"_rule,
                          "a unit cost's sensitivity range must hold it: low <= value <= high");
}

}  // namespace

void validate(const UnitCosts& u) {
  if (u.source.empty())
    throw ValidationError(kRec, "source", "source_required"_rule,
                          "name the published source of the unit costs (e.g. PSSRU Unit Costs of Health and Social Care)");
  if (u.price_year.empty())
    throw ValidationError(kRec, "price_year", "source_required"_rule, "state the price year of the unit costs (e.g. 2024/25)");
  for (const auto& [band, c] : u.coach_hour) {
    const auto& bands = afc_bands();
    if (band != "default" && std::find(bands.begin(), bands.end(), band) == bands.end())
      throw ValidationError(kRec, ErrorField("coach_hour/" + band), "afc_band"_rule,
                            "'" + band + "' is not an Agenda for Change band (1-7, 8a-8d, 9) or \"default\"");
    check_cost(c, "coach_hour/" + band);
  }
  for (const auto& [m, c] : u.session) {
    if (!parse_modality(m))
      throw ValidationError(kRec, ErrorField("session/" + m), "modality"_rule,
                            "'" + m + "' is not a modality (video, telephone, face_to_face)");
    check_cost(c, "session/" + m);
  }
  if (u.training_day) check_cost(*u.training_day, "training_day");
  if (u.supervision_hour) check_cost(*u.supervision_hour, "supervision_hour");
}

namespace eval {

void check_equity_options(const EquityOptions& o) {
  const auto& dims = equity_dimensions();
  for (const auto& [dim, groups] : o.denominators) {
    if (std::find(dims.begin(), dims.end(), dim) == dims.end())
      throw ValidationError("evaluation_options", ErrorField("equity/denominators/" + dim), "equity_dimension"_rule,
                            "'" + dim + "' is not an equity dimension (staff_group, ethnicity_group, sector, organisation)");
    for (const auto& [g, n] : groups)
      if (n < 0)
        throw ValidationError("evaluation_options", ErrorField("equity/denominators/" + dim + "/" + g),
                              "non_negative"_rule, "a denominator counts people: it cannot be negative");
  }
}

namespace {

Figure keyed(long long n, std::uint64_t key) {
  Figure f = fig(static_cast<double>(n));
  f.key = key;
  return f;
}

// Wilson interval of k of n, or NaN where it is not defined (n <= 0, k > n).
std::pair<double, double> wilson_or_nan(long long k, long long n, double confidence) {
  if (n <= 0 || k < 0 || k > n) return {kNaN, kNaN};
  const stats::Interval w = stats::wilson(k, n, confidence);
  return {w.low, w.high};
}

// Katz interval, or NaN where it is not defined.
stats::RatioInterval katz_or_nan(long long a, long long n1, long long c, long long n2, double confidence) {
  if (n1 <= 0 || n2 <= 0 || a < 0 || a > n1 || c < 0 || c > n2) return {kNaN, kNaN, kNaN};
  return stats::katz_relative_risk(a, n1, c, n2, confidence);
}

void set_uptake(EquityRow& r, long long clients, long long den, double confidence) {
  r.uptake = fig(den > 0 ? static_cast<double>(clients) / static_cast<double>(den) : kNaN);
  const auto [lo, hi] = wilson_or_nan(clients, den, confidence);
  r.uptake_ci_low = fig(lo);
  r.uptake_ci_high = fig(hi);
}

void set_share(EquityRow& r, long long k, long long n, double confidence) {
  r.share_improved = fig(n > 0 ? static_cast<double>(k) / static_cast<double>(n) : kNaN);
  const auto [lo, hi] = wilson_or_nan(k, n, confidence);
  r.share_improved_ci_low = fig(lo);
  r.share_improved_ci_high = fig(hi);
}

void set_ratio(Figure& ratio, Figure& low, Figure& high, const stats::RatioInterval& k) {
  // +inf (nobody in the rest) is not a figure a document can hold: not computable.
  auto finite = [](double v) { return std::isfinite(v) ? v : kNaN; };
  ratio = fig(finite(k.ratio));
  low = fig(finite(k.low));
  high = fig(finite(k.high));
}

}  // namespace

EquityReport equity_report(const EquityOptions& o, const EquityInput& in, double confidence) {
  EquityReport rep;
  rep.outcome = in.outcome;
  const auto& dims = equity_dimensions();
  const bool has_outcome = !in.outcome.empty();
  for (std::size_t d = 0; d < dims.size(); ++d) {
    const auto it = o.denominators.find(dims[d]);
    if (it == o.denominators.end()) continue;
    const auto& den = it->second;
    struct Acc {
      long long clients = 0, paired = 0, improved = 0;
      std::uint64_t k_clients = 0, k_paired = 0, k_improved = 0;
    };
    std::map<std::string, Acc> acc;
    for (const auto& [g, n] : den) acc[g];
    for (const auto& p : in.clients)
      if (const auto a = acc.find(p.labels[d]); a != acc.end()) {
        ++a->second.clients;
        a->second.k_clients += p.key;
      }
    for (std::size_t i = 0; i < in.paired.size(); ++i)
      if (const auto a = acc.find(in.paired[i].labels[d]); a != acc.end()) {
        ++a->second.paired;
        a->second.k_paired += in.paired[i].key;
        if (in.improved[i]) {
          ++a->second.improved;
          a->second.k_improved += in.paired[i].key;
        }
      }
    Acc all;
    long long den_all = 0;
    for (const auto& [g, n] : den) {
      const Acc& a = acc.at(g);
      if (n == 0 && a.clients > 0)
        throw ValidationError("evaluation_options", ErrorField("equity/denominators/" + dims[d] + "/" + g),
                              "positive_denominator"_rule,
                              "group '" + g + "' has clients but a denominator of 0: the population must include them");
      all.clients += a.clients;
      all.paired += a.paired;
      all.improved += a.improved;
      all.k_clients += a.k_clients;
      all.k_paired += a.k_paired;
      all.k_improved += a.k_improved;
      den_all += n;
    }
    EquityTable t;
    t.dimension = dims[d];
    auto fill = [&](EquityRow& r, const std::string& group, const Acc& a, long long n) {
      r.group = group;
      r.denominator = fig(static_cast<double>(n));
      r.clients = keyed(a.clients, a.k_clients);
      set_uptake(r, a.clients, n, confidence);
      r.paired = has_outcome ? keyed(a.paired, a.k_paired) : fig(kNaN);
      r.improved = has_outcome ? keyed(a.improved, a.k_improved) : fig(kNaN);
      set_share(r, has_outcome ? a.improved : 0, has_outcome ? a.paired : 0, confidence);
    };
    fill(t.overall, "all", all, den_all);
    set_ratio(t.overall.representation, t.overall.representation_ci_low, t.overall.representation_ci_high,
              {kNaN, kNaN, kNaN});
    set_ratio(t.overall.outcome_ratio, t.overall.outcome_ratio_ci_low, t.overall.outcome_ratio_ci_high,
              {kNaN, kNaN, kNaN});
    for (const auto& [g, n] : den) {
      const Acc& a = acc.at(g);
      EquityRow r;
      fill(r, g, a, n);
      set_ratio(r.representation, r.representation_ci_low, r.representation_ci_high,
                katz_or_nan(a.clients, n, all.clients - a.clients, den_all - n, confidence));
      if (has_outcome)
        set_ratio(r.outcome_ratio, r.outcome_ratio_ci_low, r.outcome_ratio_ci_high,
                  katz_or_nan(a.improved, a.paired, all.improved - a.improved, all.paired - a.paired, confidence));
      else
        set_ratio(r.outcome_ratio, r.outcome_ratio_ci_low, r.outcome_ratio_ci_high, {kNaN, kNaN, kNaN});
      t.rows.push_back(std::move(r));
    }
    rep.tables.push_back(std::move(t));
  }
  return rep;
}

// ---- value ---------------------------------------------------------------------------------------

namespace {

UnitCost scaled(const UnitCost& c, double units) { return {c.value * units, c.low * units, c.high * units}; }
UnitCost add(const UnitCost& a, const UnitCost& b) { return {a.value + b.value, a.low + b.low, a.high + b.high}; }
UnitCost max_of(const UnitCost& a, const UnitCost& b) {
  return {std::max(a.value, b.value), std::max(a.low, b.low), std::max(a.high, b.high)};
}

ValueRow row(std::string item, std::string name) {
  ValueRow r;
  r.item = std::move(item);
  r.name = std::move(name);
  r.quantity = r.cost = r.cost_low = r.cost_high = fig(kNaN);
  return r;
}

void set_cost(ValueRow& r, const UnitCost& c) {
  r.cost = fig(c.value);
  r.cost_low = fig(c.low);
  r.cost_high = fig(c.high);
}

}  // namespace

ValueReport value_report(const UnitCosts& u, const ValueInput& in) {
  ValueReport v;
  v.source = u.source;
  v.price_year = u.price_year;
  v.outcome = in.outcome;
  // Coach time and session overheads, per session in which the coach's time was spent.
  ValueRow coach = row("coach_time", "Coach time: sessions held or not attended by the client");
  ValueRow over = row("session_overheads", "Session overheads by modality: sessions held or not attended by the client");
  coach.costed = !u.coach_hour.empty();
  over.costed = !u.session.empty();
  UnitCost coach_total, over_total;
  long long n = 0;
  std::uint64_t key = 0;
  long long held = 0;
  std::uint64_t held_key = 0;
  for (const auto& s : in.sessions) {
    ++n;
    key += s.key;
    if (s.held) {
      ++held;
      held_key += s.key;
    }
    if (coach.costed) {
      auto it = u.coach_hour.find(s.band);
      if (it == u.coach_hour.end()) it = u.coach_hour.find("default");
      if (it == u.coach_hour.end())
        throw ValidationError(kRec, "coach_hour", "band_not_costed"_rule,
                              s.band.empty() ? "a coach has no band: give a \"default\" coach hour cost"
                                             : "no coach hour cost for band '" + s.band + "' and no \"default\"");
      const UnitCost c = scaled(it->second, s.minutes / 60.0);
      coach_total = add(coach_total, c);
      coach.step = max_of(coach.step, c);
    }
    if (over.costed) {
      const auto it = u.session.find(to_string(s.modality));
      if (it != u.session.end()) {
        over_total = add(over_total, it->second);
        over.step = max_of(over.step, it->second);
      }
    }
  }
  coach.quantity = keyed(n, key);
  over.quantity = keyed(n, key);
  if (coach.costed) set_cost(coach, coach_total);
  if (over.costed) set_cost(over, over_total);
  // Training: trainee-days attended on cohorts starting in the period.
  ValueRow training = row("training", "Coaching-skills training: trainees (cost per trainee-day attended)");
  training.costed = u.training_day.has_value();
  {
    UnitCost total;
    std::uint64_t k = 0;
    for (const auto& t : in.trainees) {
      k += t.key;
      if (training.costed) {
        const UnitCost c = scaled(*u.training_day, t.amount);
        total = add(total, c);
        training.step = max_of(training.step, c);
      }
    }
    training.quantity = keyed(static_cast<long long>(in.trainees.size()), k);
    if (training.costed) set_cost(training, total);
  }
  // Supervision: hours per coach per record dated in the period.
  ValueRow sup = row("supervision", "Supervision: records (cost per hour per coach)");
  sup.costed = u.supervision_hour.has_value();
  {
    UnitCost total;
    std::uint64_t k = 0;
    for (const auto& s : in.supervision) {
      k += s.key;
      if (sup.costed) {
        const UnitCost c = scaled(*u.supervision_hour, s.amount / 60.0);
        total = add(total, c);
        sup.step = max_of(sup.step, c);
      }
    }
    sup.quantity = keyed(static_cast<long long>(in.supervision.size()), k);
    if (sup.costed) set_cost(sup, total);
  }
  v.rows = {coach, over, training, sup};
  ValueRow total = row("total", "Total cost of the items costed");
  v.rows.push_back(total);
  ValueRow per_session = row("per_session", "Cost per session held (a session with at least one place attended)");
  per_session.quantity = keyed(held, held_key);
  v.rows.push_back(per_session);
  ValueRow per_episode = row("per_completed_episode", "Cost per completed episode (closed, with at least one session attended)");
  per_episode.quantity = keyed(in.completed, in.completed_key);
  v.rows.push_back(per_episode);
  ValueRow per_improved = row("per_reliable_improvement", "Cost per person with a reliable improvement on the outcome");
  per_improved.quantity = in.improved;
  per_improved.costed = !in.outcome.empty();
  v.rows.push_back(per_improved);
  value_per_unit(v, false);
  return v;
}

void value_per_unit(ValueReport& v, bool round) {
  auto value = [](const Figure& f) { return f.value ? *f.value : kNaN; };
  auto pence = [&](double x) { return round && std::isfinite(x) ? std::round(x * 100.0) / 100.0 : x; };
  ValueRow* total = nullptr;
  for (auto& r : v.rows)
    if (r.item == "total") total = &r;
  if (!total) return;
  double c = 0, lo = 0, hi = 0;
  bool any = false, hidden = false;
  for (const auto& r : v.rows) {
    if (r.item == "total" || r.item.rfind("per_", 0) == 0 || !r.costed) continue;
    any = true;
    if (r.cost.suppressed()) {
      hidden = true;
      continue;
    }
    c += value(r.cost);
    lo += value(r.cost_low);
    hi += value(r.cost_high);
  }
  total->costed = any;
  total->quantity = fig(kNaN);
  if (!any) {
    total->cost = total->cost_low = total->cost_high = fig(kNaN);
  } else if (hidden) {
    // A total over a withheld part would give that part away.
    total->suppressed = true;
    total->cost = total->cost_low = total->cost_high = Figure{std::nullopt};
  } else {
    total->cost = fig(pence(c));
    total->cost_low = fig(pence(lo));
    total->cost_high = fig(pence(hi));
  }
  for (auto& r : v.rows) {
    if (r.item.rfind("per_", 0) != 0) continue;
    r.costed = r.costed && total->costed;
    if (r.item != "per_reliable_improvement") r.costed = total->costed;
    if (r.quantity.suppressed() || total->cost.suppressed()) {
      r.suppressed = r.quantity.suppressed();
      r.cost = r.cost_low = r.cost_high = Figure{std::nullopt};
      continue;
    }
    const double q = value(r.quantity);
    auto per = [&](const Figure& f) { return fig(r.costed && q > 0 ? pence(value(f) / q) : kNaN); };
    r.cost = per(total->cost);
    r.cost_low = per(total->cost_low);
    r.cost_high = per(total->cost_high);
  }
}

}  // namespace eval
}  // namespace laycoach

// ---- disclosure ----------------------------------------------------------------------------------

namespace laycoach {

namespace {

using namespace eval;

constexpr double kStep = 1e-4;  // shares and ratios are released to 4 decimals

double round_dp(double v, int dp) {
  if (!std::isfinite(v)) return v;
  const double f = std::pow(10.0, dp);
  return std::round(v * f) / f;
}
double val(const Figure& f) { return f.value ? *f.value : kNaN; }
Figure hidden() { return Figure{std::nullopt}; }
long long as_count(const Figure& f) { return static_cast<long long>(std::llround(val(f))); }

// Uptake as released: released clients / the (exact, public) denominator; the interval spans the
// Wilson intervals of every exact count the released one allows (count_bucket), rounded outwards,
// so it holds the exact uptake.
void release_uptake(EquityRow& r, const SuppressionPolicy& policy, double confidence) {
  const double den = val(r.denominator);
  if (r.clients.suppressed()) {
    r.uptake = r.uptake_ci_low = r.uptake_ci_high = hidden();
    return;
  }
  const long long k = as_count(r.clients);
  const auto n = static_cast<long long>(den);
  if (!(den > 0)) {
    r.uptake = r.uptake_ci_low = r.uptake_ci_high = fig(kNaN);
    return;
  }
  r.uptake = fig(round_dp(static_cast<double>(k) / den, 4));
  long long lo = 0, hi = 0;
  if (k > 0) std::tie(lo, hi) = count_bucket(k, policy);
  if (lo > n) {
    r.uptake_ci_low = r.uptake_ci_high = fig(kNaN);
    return;
  }
  const double low = lo == 0 ? 0.0 : stats::wilson(lo, n, confidence).low;
  const double high = std::min(hi, n) == n ? 1.0 : stats::wilson(std::min(hi, n), n, confidence).high;
  r.uptake_ci_low = fig(round_dp(std::max(0.0, std::floor(low / kStep) * kStep), 4));
  r.uptake_ci_high = fig(round_dp(std::min(1.0, std::ceil(high / kStep) * kStep), 4));
}

// A ratio of two groups' proportions from released counts: a of n1 against c of n2. Withheld
// when a figure it needs is withheld or the rest is a small number (1..min_count−1) that the
// ratio would otherwise pin; NaN where Katz's interval is not defined.
void release_ratio(Figure& ratio, Figure& low, Figure& high, const Figure& a, const Figure& n1, const Figure& all_a,
                   const Figure& all_n, bool rest_is_count, const SuppressionPolicy& policy, double confidence) {
  if (a.suppressed() || n1.suppressed() || all_a.suppressed() || all_n.suppressed()) {
    ratio = low = high = hidden();
    return;
  }
  const double va = val(a), vn1 = val(n1), vaa = val(all_a), van = val(all_n);
  if (!std::isfinite(va) || !std::isfinite(vn1) || !std::isfinite(vaa) || !std::isfinite(van)) {
    ratio = low = high = fig(kNaN);
    return;
  }
  const long long c = std::llround(vaa - va);
  const long long n2 = std::llround(van - vn1);
  if (primary_suppressed(c, policy) || (rest_is_count && primary_suppressed(n2, policy))) {
    ratio = low = high = hidden();
    return;
  }
  const stats::RatioInterval k = katz_or_nan(std::llround(va), std::llround(vn1), c, n2, confidence);
  auto f = [](double x) { return fig(std::isfinite(x) ? round_dp(x, 4) : kNaN); };
  ratio = f(k.ratio);
  low = fig(std::isfinite(k.low) ? round_dp(std::floor(k.low / kStep) * kStep, 4) : kNaN);
  high = fig(std::isfinite(k.high) ? round_dp(std::ceil(k.high / kStep) * kStep, 4) : kNaN);
}

}  // namespace

void disclose(EquityReport& e, const SuppressionPolicy& policy, double confidence) {
  validate(policy);
  for (EquityTable& t : e.tables) {
    const EquityTable exact = t;
    // Clients: one additive table over the listed groups, complementary suppression, cell keys.
    std::vector<long long> cells;
    std::vector<std::uint64_t> keys;
    for (const auto& r : exact.rows) {
      cells.push_back(count_of(r.clients));
      keys.push_back(r.clients.key);
    }
    DisclosedValue total;
    const auto released =
        disclose_table(cells, count_of(exact.overall.clients), policy, &total, keys, exact.overall.clients.key);
    t.overall.clients = total;
    t.overall.suppressed = total.suppressed();
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      t.rows[i].clients = released[i];
      t.rows[i].suppressed = released[i].suppressed();
    }
    // Outcome: a proportion table (paired, improved) released by the one proportion release.
    const bool has_outcome = !e.outcome.empty() && std::isfinite(val(exact.overall.paired));
    if (has_outcome) {
      ProportionTable p;
      p.measure = "reliable_improvement";
      auto to_row = [](const EquityRow& r) {
        ProportionRow x;
        x.group = r.group;
        x.n = r.paired;
        x.k = r.improved;
        return x;
      };
      p.overall = to_row(exact.overall);
      ProportionBreakdown b;
      b.dimension = t.dimension;
      for (const auto& r : exact.rows) b.rows.push_back(to_row(r));
      p.breakdowns.push_back(std::move(b));
      disclose(p, policy, confidence);
      auto from_row = [](EquityRow& r, const ProportionRow& x) {
        r.outcome_suppressed = x.suppressed;
        r.paired = x.n;
        r.improved = x.k;
        r.share_improved = x.share;
        r.share_improved_ci_low = x.ci_low;
        r.share_improved_ci_high = x.ci_high;
      };
      from_row(t.overall, p.overall);
      for (std::size_t i = 0; i < t.rows.size(); ++i) from_row(t.rows[i], p.breakdowns[0].rows[i]);
    }
    release_uptake(t.overall, policy, confidence);
    for (EquityRow& r : t.rows) {
      release_uptake(r, policy, confidence);
      release_ratio(r.representation, r.representation_ci_low, r.representation_ci_high, r.clients, r.denominator,
                    t.overall.clients, t.overall.denominator, false, policy, confidence);
      if (has_outcome)
        release_ratio(r.outcome_ratio, r.outcome_ratio_ci_low, r.outcome_ratio_ci_high, r.improved, r.paired,
                      t.overall.improved, t.overall.paired, true, policy, confidence);
      if (r.suppressed) r.uptake = r.uptake_ci_low = r.uptake_ci_high = hidden();
    }
  }
}

void disclose(ValueReport& v, const SuppressionPolicy& policy) {
  validate(policy);
  const int base = std::max(1, policy.round_to);
  const long long d = policy.cell_key ? policy.max_perturbation : 0;
  for (ValueRow& r : v.rows) {
    if (r.item == "total" || r.item.rfind("per_", 0) == 0) {
      if (!r.quantity.suppressed() && std::isfinite(val(r.quantity)))
        r.quantity = disclose_count(count_of(r.quantity), policy, r.quantity.key);
      continue;
    }
    const long long n = count_of(r.quantity);
    const std::uint64_t key = r.quantity.key;
    r.quantity = disclose_count(n, policy, key);
    r.suppressed = r.quantity.suppressed();
    if (!r.costed) continue;
    if (r.suppressed) {
      r.cost = r.cost_low = r.cost_high = hidden();
      continue;
    }
    // The cell key method in units of the costliest single record: moved by p such records,
    // rounded to round_to of them (docs/equity-and-value.md).
    const double u = cell_draw(key, figure_salt("value_cost"));
    const double p = std::floor(u * static_cast<double>(2 * d + 1)) - static_cast<double>(d);
    auto release = [&](const Figure& exact, double step) {
      const double x = val(exact);
      if (n == 0 || !(step > 0)) return fig(round_dp(x, 2));
      const double unit = step * base;
      return fig(round_dp(std::max(unit, std::round((x + p * step) / unit) * unit), 2));
    };
    r.cost = release(r.cost, r.step.value);
    r.cost_low = release(r.cost_low, r.step.low);
    r.cost_high = release(r.cost_high, r.step.high);
  }
  value_per_unit(v, true);
  for (ValueRow& r : v.rows) r.step = UnitCost{};
}

}  // namespace laycoach

namespace laycoach::eval {

void align_value(EvaluationReport& report) {
  if (!report.value || report.value->outcome.empty()) return;
  for (const auto& o : report.outcomes) {
    if (o.outcome != report.value->outcome) continue;
    for (auto& r : report.value->rows)
      if (r.item == "per_reliable_improvement") r.quantity = o.overall.reliable_improved;
    value_per_unit(*report.value, true);
  }
}

}  // namespace laycoach::eval
