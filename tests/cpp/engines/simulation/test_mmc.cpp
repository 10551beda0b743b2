// M/M/c validation of the simulation (issue 10): a degenerate configuration - always open (rota
// and opening hours 00:00-24:00 every day, bank holidays open), c identical coaches without caps
// or buffers, Poisson arrivals, exponential session lengths, first come first served (each
// request books the earliest slot, in order of arrival) - reproduces the queue's probability of
// waiting and mean wait within the simulation's own confidence interval, for several (lambda, mu, c).
//
// The 15-minute slot grid: slots start on the grid, so a request waits for the next grid start
// and a session holds its coach until a grid start. We do not pretend that is negligible; we
// compare against the grid-corrected value: session lengths are exponential with mean m rounded
// up to the grid, i.e. geometric in slots with p = 1 - exp(-15/m) (the discrete-time M/M/c:
// memoryless, each session in progress ends at each grid start with probability p), and waits
// are measured from the request's first grid start. The number in the system just after each
// grid start is then a Markov chain (X' = X - Binomial(min(X, c), p) + Poisson(lambda * 15)),
// solved numerically here: Erlang C's two figures for the slotted queue,
//   P(wait) = P(S + J >= c), S = survivors of the grid start, J ~ Poisson(lambda*15*U) earlier
//             arrivals in the same slot (U uniform: Poisson arrivals),
//   E[wait] = 15 min * E[(X - c)+] / (lambda * 15) (Little's law on the queue between grid starts).
// As the slot shrinks (p -> mu*15, lambda*15 -> 0) these tend to Erlang C; the test also checks
// that the chain agrees with the closed-form Erlang C when the grid is made fine.
// Sessions may not cross midnight (the opening-hours rule): requests whose first grid start lies
// within an hour of midnight are left out of the comparison, and session lengths are short
// (mean 1.5-2 slots), so the few sessions pushed past midnight hardly perturb the queue.
#include <catch2/catch.hpp>

#include <boost/math/distributions/students_t.hpp>
#include <cmath>

#include "sim_detail.hpp"
#include "sim_support.hpp"

using namespace laycoach;
using namespace laycoach::test;
namespace sim = laycoach::simulation;
namespace sd = laycoach::simulation::detail;
namespace bkd = laycoach::booking::detail;

namespace {

struct Queue {
  double p_wait = 0, mean_wait_minutes = 0;
};

double poisson_pmf(double a, int k) { return std::exp(-a + k * std::log(a) - std::lgamma(k + 1.0)); }
double binom_pmf(int n, int k, double p) {
  return std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) + k * std::log(p) + (n - k) * std::log1p(-p));
}

/// The slotted M/M/c queue: a arrivals per slot, completion probability p per slot, c servers.
Queue slotted(double a, double p, int c, double slot_minutes = 15) {
  // The stationary distribution, solved directly (dense Gaussian elimination): pi P = pi, sum 1;
  // the few states beyond nmax are folded into nmax.
  const int nmax = 200;
  const std::size_t n = nmax + 1;
  std::vector<double> P(n * n, 0.0);
  for (int x = 0; x <= nmax; ++x) {
    const int busy = std::min(x, c);
    for (int d = 0; d <= busy; ++d) {
      const double pd = binom_pmf(busy, d, p);
      double left = 1;
      for (int k = 0; x - d + k < nmax; ++k) {
        const double pk = poisson_pmf(a, k);
        P[static_cast<std::size_t>(x) * n + static_cast<std::size_t>(x - d + k)] += pd * pk;
        left -= pk;
      }
      P[static_cast<std::size_t>(x) * n + static_cast<std::size_t>(nmax)] += pd * std::max(0.0, left);
    }
  }
  // A = P^T - I with the last equation replaced by sum(pi) = 1.
  std::vector<double> A(n * n), rhs(n, 0.0), pi(n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) A[i * n + j] = P[j * n + i] - (i == j ? 1.0 : 0.0);
  for (std::size_t j = 0; j < n; ++j) A[(n - 1) * n + j] = 1.0;
  rhs[n - 1] = 1.0;
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t piv = col;
    for (std::size_t r = col + 1; r < n; ++r)
      if (std::abs(A[r * n + col]) > std::abs(A[piv * n + col])) piv = r;
    if (piv != col) {
      for (std::size_t j = 0; j < n; ++j) std::swap(A[col * n + j], A[piv * n + j]);
      std::swap(rhs[col], rhs[piv]);
    }
    for (std::size_t r = col + 1; r < n; ++r) {
      const double f = A[r * n + col] / A[col * n + col];
      if (f == 0) continue;
      for (std::size_t j = col; j < n; ++j) A[r * n + j] -= f * A[col * n + j];
      rhs[r] -= f * rhs[col];
    }
  }
  for (std::size_t i = n; i-- > 0;) {
    double v = rhs[i];
    for (std::size_t j = i + 1; j < n; ++j) v -= A[i * n + j] * pi[j];
    pi[i] = v / A[i * n + i];
  }
  Queue q;
  double eq = 0;
  for (int x = 0; x <= nmax; ++x) eq += pi[static_cast<std::size_t>(x)] * std::max(0, x - c);
  q.mean_wait_minutes = slot_minutes * eq / a;
  // P(S + J >= c): S survivors at the grid start, J earlier arrivals in the slot.
  std::vector<double> surv(nmax + 1, 0.0);
  for (int x = 0; x <= nmax; ++x) {
    const int busy = std::min(x, c);
    for (int d = 0; d <= busy; ++d) surv[static_cast<std::size_t>(x - d)] += pi[static_cast<std::size_t>(x)] * binom_pmf(busy, d, p);
  }
  std::vector<double> j(nmax + 1);
  double cum = 0;
  for (int k = 0; k <= nmax; ++k) {
    cum += poisson_pmf(a, k);
    j[static_cast<std::size_t>(k)] = std::max(0.0, (1 - cum) / a);
  }
  double served = 0;  // P(S + J < c)
  for (int s = 0; s < c; ++s)
    for (int k = 0; s + k < c; ++k) served += surv[static_cast<std::size_t>(s)] * j[static_cast<std::size_t>(k)];
  q.p_wait = 1 - served;
  return q;
}

/// Erlang C: probability of waiting and mean wait (minutes) for rate lambda, mu per minute.
Queue erlang_c(double lambda, double mu, int c) {
  const double A = lambda / mu, rho = A / c;
  double sum = 0, term = 1;
  for (int k = 0; k < c; ++k) {
    if (k > 0) term *= A / k;
    sum += term;
  }
  const double last = term * A / c;  // A^c / c!
  const double pw = last / (1 - rho) / (sum + last / (1 - rho));
  return {pw, pw / (c * mu - lambda)};
}

sim::Scenario mmc_scenario(int c, double lambda_per_hour, double mean_minutes) {
  sim::Scenario s;
  s.catalogue = default_catalogue();
  for (Offer& o : s.catalogue.offers)
    if (o.id == "lay_too_1to1") {
      for (auto& d : o.hours.days) d = DayHours{0, 1440};
      o.hours.open_on_bank_holidays = true;
      o.min_notice_minutes = 0;
    }
  for (int i = 0; i < c; ++i) {
    Coach k = workforce_coach("m" + std::to_string(i), {"lay_too_1to1"});
    k.rota.weekly.clear();
    for (int d = 0; d < 7; ++d) k.rota.weekly.push_back({d, 0, 1440});
    k.rota.max_sessions_per_day = 60000;
    k.rota.max_sessions_per_week = 60000;
    k.rota.buffer_minutes = 0;
    s.coaches.push_back(k);
  }
  sim::DemandStream st;
  st.offer_id = "lay_too_1to1";
  st.per_hour = daily_rate(lambda_per_hour, 0, 24);
  st.session_minutes_mean = mean_minutes;
  st.window_days = 7;
  s.demand.streams.push_back(st);
  s.start = at("2025-06-02T00:00:00Z");  // BST throughout, no bank holiday
  s.days = 42;
  return s;
}

}  // namespace

TEST_CASE("mmc: the slotted chain tends to Erlang C as the grid is made fine", "[simulation][mmc]") {
  const double lambda = 2.0 / 60, mu = 1.0 / 40;  // per minute, c = 2: rho = 0.667
  const Queue e = erlang_c(lambda, mu, 2);
  const double h = 0.02;                        // a 0.02-minute slot
  const Queue q = slotted(lambda * h, 1 - std::exp(-mu * h), 2, h);
  CHECK(q.p_wait == Approx(e.p_wait).epsilon(0.01));
  CHECK(q.mean_wait_minutes == Approx(e.mean_wait_minutes).epsilon(0.01));
}

TEST_CASE("mmc: the simulation reproduces the slotted M/M/c queue within its own interval", "[simulation][mmc]") {
  struct Case {
    int c;
    double lambda_per_hour, mean_minutes;
  };
  const double mean2 = 15 / std::log(2.0);  // p = 1/2 per slot: 2 slots on average
  const double mean15 = 15 / std::log(3.0);  // p = 2/3: 1.5 slots
  for (const Case k : {Case{1, 1.2, mean2}, Case{3, 4.0, mean2}, Case{5, 9.0, mean15}}) {
    const sim::Scenario s = mmc_scenario(k.c, k.lambda_per_hour, k.mean_minutes);
    const double p = 1 - std::exp(-15.0 / k.mean_minutes);
    const Queue want = slotted(k.lambda_per_hour / 4, p, k.c);
    const sd::Compiled c = sd::compile(s);
    const int reps = 20;
    std::vector<double> pw, mw;
    for (int r = 0; r < reps; ++r) {
      std::vector<sd::Booked> trace;
      sd::replicate(c, 99, r, &trace);
      double waited = 0, sum = 0, n = 0;
      for (const sd::Booked& b : trace) {
        if (b.kind != sd::Booked::Kind::Book) continue;
        const bkd::Min g = bkd::ceil_grid(static_cast<bkd::Min>(std::ceil(b.requested)));
        const int tod = static_cast<int>(bkd::local_min(g) - static_cast<bkd::Min>(bkd::local_day(g)) * 1440);
        if (tod < 60 || tod >= 23 * 60) continue;  // within an hour of midnight
        n += 1;
        if (b.start > g) waited += 1;
        sum += b.start - g;
      }
      pw.push_back(waited / n);
      mw.push_back(sum / n);
    }
    auto interval = [&](const std::vector<double>& v) {
      double m = 0, ss = 0;
      for (double x : v) m += x;
      m /= static_cast<double>(v.size());
      for (double x : v) ss += (x - m) * (x - m);
      const double sdv = std::sqrt(ss / static_cast<double>(v.size() - 1));
      const boost::math::students_t t(static_cast<double>(v.size() - 1));
      const double half = boost::math::quantile(boost::math::complement(t, 0.005)) * sdv / std::sqrt(static_cast<double>(v.size()));
      return std::pair{m - half, m + half};  // 99% interval
    };
    const auto [pl, pu] = interval(pw);
    const auto [ml, mu] = interval(mw);
    INFO("c = " << k.c << ", lambda = " << k.lambda_per_hour << "/h, mean session " << k.mean_minutes << " min: P(wait) "
                << want.p_wait << " in [" << pl << ", " << pu << "]?, mean wait " << want.mean_wait_minutes << " min in [" << ml
                << ", " << mu << "]?");
    CHECK(pl <= want.p_wait);
    CHECK(want.p_wait <= pu);
    CHECK(ml <= want.mean_wait_minutes);
    CHECK(want.mean_wait_minutes <= mu);
    // Not vacuous: the intervals are narrow against the figures, and people do wait.
    CHECK(pu - pl < 0.25 * want.p_wait);
    CHECK(mu - ml < 0.3 * want.mean_wait_minutes);
    CHECK(want.p_wait > 0.15);
  }
}
