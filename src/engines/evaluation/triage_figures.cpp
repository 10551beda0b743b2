// Triage figures of the single point of access (triage_report.hpp): exact, then disclosed for
// aggregate audiences with the disclosure module's primitives (disclosure.hpp).
#include "triage_figures.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "laycoach/disclosure.hpp"
#include "laycoach/error.hpp"

namespace laycoach {

namespace eval {

double percentile_sorted(const std::vector<double>& x, double q) {
  if (x.empty()) return kNaN;
  const double h = (static_cast<double>(x.size()) - 1.0) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= x.size()) return x.back();
  return x[lo] + (h - static_cast<double>(lo)) * (x[lo + 1] - x[lo]);
}

namespace {

constexpr ReferralSource kSources[] = {ReferralSource::Self, ReferralSource::Gp,
                                       ReferralSource::SocialPrescribingLinkWorker, ReferralSource::Other};

Figure count_fig(long long n, std::uint64_t key) {
  Figure f{static_cast<double>(n)};
  f.key = key;
  return f;
}

struct TimesAcc {
  std::vector<double> hours;
  std::uint64_t key = 0;
  TriageTimes exact() {
    std::sort(hours.begin(), hours.end());
    TriageTimes t;
    t.n = count_fig(static_cast<long long>(hours.size()), key);
    t.p25_hours = fig(percentile_sorted(hours, 0.25));
    t.median_hours = fig(percentile_sorted(hours, 0.5));
    t.p75_hours = fig(percentile_sorted(hours, 0.75));
    t.p90_hours = fig(percentile_sorted(hours, 0.9));
    return t;
  }
};

double hours_between(Instant from, Instant to) { return static_cast<double>((to - from).total_seconds()) / 3600.0; }

}  // namespace

TriageReport triage_figures(std::span<const InboxReferral* const> items, std::span<const Session* const> sessions,
                            const Keyer& keyer) {
  // First contact of a coaching referral: its earliest session booked or attended.
  std::unordered_map<std::string_view, Instant> first_session;
  for (const Session* s : sessions) {
    if (!occupies_time(s->status)) continue;
    for (const Attendee& a : s->attendees) {
      if (a.referral_id.empty() || !(a.status == AttendeeStatus::Booked || a.status == AttendeeStatus::Attended)) continue;
      auto [it, fresh] = first_session.emplace(a.referral_id, s->start);
      if (!fresh && s->start < it->second) it->second = s->start;
    }
  }
  const std::vector<TriageRoute> routes = all_triage_routes();
  const std::size_t nr = routes.size();
  struct RowAcc {
    long long received = 0, triaged = 0, untriaged = 0;
    std::uint64_t k_received = 0, k_triaged = 0, k_untriaged = 0;
    std::vector<long long> route;
    std::vector<std::uint64_t> k_route;
    TimesAcc to_triage, to_contact;
  };
  std::vector<RowAcc> acc(std::size(kSources) + 1);  // 0 = all
  for (auto& a : acc) {
    a.route.assign(nr, 0);
    a.k_route.assign(nr, 0);
  }
  long long proposed = 0, followed = 0;
  std::uint64_t k_proposed = 0, k_followed = 0;
  for (const InboxReferral* x : items) {
    const std::uint64_t key = keyer("inbox", x->id);
    const std::size_t row = 1 + static_cast<std::size_t>(std::find(std::begin(kSources), std::end(kSources), x->source) -
                                                         std::begin(kSources));
    for (RowAcc* a : {&acc[0], &acc[row]}) {
      ++a->received;
      a->k_received += key;
      if (x->status != InboxStatus::Triaged || !x->route) {
        ++a->untriaged;
        a->k_untriaged += key;
        continue;
      }
      ++a->triaged;
      a->k_triaged += key;
      const auto r = static_cast<std::size_t>(std::find(routes.begin(), routes.end(), *x->route) - routes.begin());
      ++a->route[r];
      a->k_route[r] += key;
      a->to_triage.hours.push_back(hours_between(x->received_at, x->decided_at));
      a->to_triage.key += key;
      Instant contact(boost::posix_time::not_a_date_time);
      if (route_service_kind(*x->route)) {
        if (auto it = first_session.find(x->referral_id); it != first_session.end()) contact = it->second;
      } else {
        contact = x->first_contact_at;
      }
      if (!contact.is_special()) {
        a->to_contact.hours.push_back(hours_between(x->received_at, contact));
        a->to_contact.key += key;
      }
    }
    if (x->status == InboxStatus::Triaged && x->route && x->proposed_route) {
      ++proposed;
      k_proposed += key;
      if (*x->route == *x->proposed_route) {
        ++followed;
        k_followed += key;
      }
    }
  }
  TriageReport rep;
  for (TriageRoute r : routes) rep.routes.emplace_back(to_string(r));
  for (std::size_t i = 0; i < acc.size(); ++i) {
    RowAcc& a = acc[i];
    TriageSourceRow row;
    row.source = i == 0 ? "all" : to_string(kSources[i - 1]);
    row.received = count_fig(a.received, a.k_received);
    row.triaged = count_fig(a.triaged, a.k_triaged);
    row.untriaged = count_fig(a.untriaged, a.k_untriaged);
    for (std::size_t r = 0; r < nr; ++r) row.routes.push_back(count_fig(a.route[r], a.k_route[r]));
    row.to_triage = a.to_triage.exact();
    row.to_first_contact = a.to_contact.exact();
    rep.by_source.push_back(std::move(row));
  }
  rep.proposed = count_fig(proposed, k_proposed);
  rep.proposal_followed = count_fig(followed, k_followed);
  const auto w = proposed > 0 ? stats::wilson(followed, proposed, 0.95) : stats::Interval{kNaN, kNaN};
  rep.share_followed = fig(proposed > 0 ? static_cast<double>(followed) / static_cast<double>(proposed) : kNaN);
  rep.share_followed_ci_low = fig(w.low);
  rep.share_followed_ci_high = fig(w.high);
  return rep;
}

}  // namespace eval

namespace {

constexpr double kHoursStep = 0.1;  // released times are rounded to 0.1 h

DisclosedValue release_time(const DisclosedValue& exact, long long n, const SuppressionPolicy& policy) {
  const double v = exact.value ? *exact.value : eval::kNaN;
  DisclosedValue out = disclose_statistic(v, n, policy);
  if (out.value && std::isfinite(*out.value)) out.value = std::round(*out.value / kHoursStep) * kHoursStep;
  return out;
}

void release_times(TriageTimes& t, bool hidden, const SuppressionPolicy& policy) {
  const long long n = eval::count_of(t.n);
  if (hidden) {
    t = TriageTimes{DisclosedValue{std::nullopt}, DisclosedValue{std::nullopt}, DisclosedValue{std::nullopt},
                    DisclosedValue{std::nullopt}, DisclosedValue{std::nullopt}};
    return;
  }
  t.p25_hours = release_time(t.p25_hours, n, policy);
  t.median_hours = release_time(t.median_hours, n, policy);
  t.p75_hours = release_time(t.p75_hours, n, policy);
  t.p90_hours = release_time(t.p90_hours, n, policy);
  t.n = disclose_count(n, policy, t.n.key);
}

}  // namespace

void disclose(TriageReport& rep, const SuppressionPolicy& policy, double confidence) {
  validate(policy);
  if (rep.by_source.empty()) return;
  const std::size_t rows = rep.by_source.size() - 1;  // the sources; row 0 of by_source is "all"
  const std::size_t nc = rep.routes.size() + 1;       // the routes, then "untriaged"
  auto cell = [&](std::size_t r, std::size_t c) -> const DisclosedValue& {
    const TriageSourceRow& row = rep.by_source[r + 1];
    return c < rep.routes.size() ? row.routes[c] : row.untriaged;
  };
  std::vector<std::vector<long long>> n(rows, std::vector<long long>(nc));
  std::vector<std::vector<bool>> hidden(rows, std::vector<bool>(nc));
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < nc; ++c) {
      n[r][c] = eval::count_of(cell(r, c));
      hidden[r][c] = primary_suppressed(n[r][c], policy);
    }
  // Complementary suppression along rows (total: received) and columns (total: the "all" row),
  // until neither direction hides another cell.
  std::vector<bool> row_total_hidden(rows, false), col_total_hidden(nc, false);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t r = 0; r < rows; ++r) {
      std::vector<bool> h = hidden[r];
      if (complementary_suppression(n[r], h)) row_total_hidden[r] = true;
      if (h != hidden[r]) { hidden[r] = h; changed = true; }
    }
    for (std::size_t c = 0; c < nc; ++c) {
      std::vector<long long> col(rows);
      std::vector<bool> h(rows);
      for (std::size_t r = 0; r < rows; ++r) { col[r] = n[r][c]; h[r] = hidden[r][c]; }
      if (complementary_suppression(col, h)) col_total_hidden[c] = true;
      for (std::size_t r = 0; r < rows; ++r)
        if (h[r] != hidden[r][c]) { hidden[r][c] = h[r]; changed = true; }
    }
  }
  auto release = [&](const DisclosedValue& exact, bool hide) {
    return hide ? DisclosedValue{std::nullopt} : disclose_count(eval::count_of(exact), policy, exact.key);
  };
  for (std::size_t i = 0; i < rep.by_source.size(); ++i) {
    TriageSourceRow& row = rep.by_source[i];
    const TriageSourceRow exact = row;
    bool any_route_hidden = false, any_hidden = false;
    for (std::size_t c = 0; c < nc; ++c) {
      const bool h = i == 0 ? col_total_hidden[c] : hidden[i - 1][c];
      any_hidden = any_hidden || h;
      if (c < rep.routes.size()) {
        any_route_hidden = any_route_hidden || h;
        row.routes[c] = release(exact.routes[c], h);
      } else {
        row.untriaged = release(exact.untriaged, h);
      }
    }
    const bool total_hidden = i == 0 ? false : row_total_hidden[i - 1];
    row.received = release(exact.received, total_hidden);
    row.triaged = release(exact.triaged, any_route_hidden);
    row.suppressed = any_hidden || total_hidden || row.received.suppressed();
    release_times(row.to_triage, row.suppressed, policy);
    release_times(row.to_first_contact, row.suppressed, policy);
  }
  rep.proposed = disclose_count(eval::count_of(rep.proposed), policy, rep.proposed.key);
  rep.proposal_followed = disclose_count(eval::count_of(rep.proposal_followed), policy, rep.proposal_followed.key);
  if (rep.proposal_followed.value && rep.proposed.value && *rep.proposal_followed.value > *rep.proposed.value)
    rep.proposal_followed = rep.proposed;  // a part is never shown larger than its whole
  if (rep.proposed.value && *rep.proposed.value > 0 && rep.proposal_followed.value) {
    const DisclosedShare s = disclose_share(rep.proposal_followed, rep.proposed, confidence);
    rep.share_followed = s.share;
    rep.share_followed_ci_low = s.ci_low;
    rep.share_followed_ci_high = s.ci_high;
  } else {
    const bool hide = rep.proposed.suppressed() || rep.proposal_followed.suppressed();
    rep.share_followed = rep.share_followed_ci_low = rep.share_followed_ci_high =
        hide ? DisclosedValue{std::nullopt} : DisclosedValue{eval::kNaN};
  }
}

}  // namespace laycoach
