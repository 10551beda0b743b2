// Disclosure control of evaluation reports (MEASURES.md, "Disclosure control"). Works on a copy
// of the exact figures: masks are decided on exact counts (primary, then complementary per
// breakdown and per count column), then applied: hidden figures become "suppressed", shown
// counts are rounded, shares and intervals are recomputed from the rounded counts.
#include "evaluation_impl.hpp"

#include "laycoach/error.hpp"

#include <vector>

namespace laycoach {

namespace {

using namespace eval;

template <class Row, std::size_t N>
void hide_row(Row& row, const std::array<Field<Row>, N>& fields) {
  for (const auto& f : fields) row.*(f.ptr) = Figure{std::nullopt};
  row.suppressed = true;
}

Figure release_count(const Figure& exact, bool hidden, const SuppressionPolicy& policy) {
  if (hidden) return Figure{std::nullopt};
  if (!exact.value || std::isnan(*exact.value)) return exact;
  return disclose_count(count_of(exact), policy);
}

bool nan_count(const Figure& f) { return !f.value || std::isnan(*f.value); }

// Which figures of one row are withheld.
struct Mask {
  bool row = false;
  std::vector<bool> cell;  // per field index (count fields only are ever set)
};

template <class Row, std::size_t N>
Mask primary_mask(const Row& row, const std::array<Field<Row>, N>& fields, const SuppressionPolicy& policy) {
  Mask m;
  m.cell.assign(N, false);
  m.row = primary_suppressed(count_of(row.*(fields[0].ptr)), policy);  // field 0 is the row's n
  for (std::size_t f = 1; f < N; ++f)
    if (fields[f].kind == Kind::Count) m.cell[f] = primary_suppressed(count_of(row.*(fields[f].ptr)), policy);
  return m;
}

// Complementary suppression of one table (rows of one breakdown, total = the overall row), for the
// row's n (field 0: whole rows) and then every other count column.
template <class Row, std::size_t N>
void complementary(const std::vector<Row>& rows, const Row& total, std::vector<Mask>& masks, Mask& total_mask,
                   const std::array<Field<Row>, N>& fields) {
  for (std::size_t f = 0; f < N; ++f) {
    if (fields[f].kind != Kind::Count) continue;
    if (nan_count(total.*(fields[f].ptr))) continue;
    std::vector<long long> cells;
    std::vector<bool> hidden;
    long long sum = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const long long v = count_of(rows[i].*(fields[f].ptr));
      cells.push_back(v);
      hidden.push_back(masks[i].row || masks[i].cell[f]);
      sum += v;
    }
    const long long remainder = count_of(total.*(fields[f].ptr)) - sum;
    if (remainder > 0) {
      cells.push_back(remainder);
      hidden.push_back(true);
    }
    const bool hide_total = complementary_suppression(cells, hidden);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (f == 0)
        masks[i].row = hidden[i];
      else
        masks[i].cell[f] = hidden[i];
    }
    if (hide_total) {
      if (f == 0)
        total_mask.row = true;
      else
        total_mask.cell[f] = true;
    }
  }
}

template <class Row, std::size_t N, std::size_t S>
void apply(Row& row, const Mask& m, const std::array<Field<Row>, N>& fields,
           const std::array<ShareSpec<Row>, S>& shares, const SuppressionPolicy& policy, double confidence) {
  if (m.row) {
    hide_row(row, fields);
    return;
  }
  for (std::size_t f = 0; f < N; ++f)
    if (fields[f].kind == Kind::Count) row.*(fields[f].ptr) = release_count(row.*(fields[f].ptr), m.cell[f], policy);
  fill_shares(row, shares, confidence);
}

void disclose_histogram(std::vector<Figure>& bins, const Figure& total, bool total_hidden,
                        const SuppressionPolicy& policy) {
  if (bins.empty()) return;
  if (total_hidden) {
    for (auto& b : bins) b = Figure{std::nullopt};
    return;
  }
  std::vector<long long> cells;
  for (const auto& b : bins) cells.push_back(count_of(b));
  long long sum = 0;
  for (const long long c : cells) sum += c;
  const long long t = std::max(count_of(total), sum);
  bins = disclose_table(cells, t, policy);
}

}  // namespace

void disclose(OutcomeReport& out, const SuppressionPolicy& policy, double confidence) {
  validate(policy);
  const OutcomeReport exact = out;
  Mask total_mask = primary_mask(exact.overall, kChangeFields, policy);
  std::vector<std::vector<Mask>> masks(exact.breakdowns.size());
  for (std::size_t b = 0; b < exact.breakdowns.size(); ++b) {
    const auto& rows = exact.breakdowns[b].rows;
    for (const auto& row : rows) masks[b].push_back(primary_mask(row, kChangeFields, policy));
    complementary(rows, exact.overall, masks[b], total_mask, kChangeFields);
  }

  apply(out.overall, total_mask, kChangeFields, kChangeShares, policy, confidence);
  for (std::size_t b = 0; b < out.breakdowns.size(); ++b) {
    BreakdownTable& t = out.breakdowns[b];
    const BreakdownTable& te = exact.breakdowns[b];
    std::vector<Moments> shown;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
      if (!masks[b][i].row) shown.push_back(moments_of(te.rows[i]));
      apply(t.rows[i], masks[b][i], kChangeFields, kChangeShares, policy, confidence);
    }
    for (std::size_t i = 0; i < t.differences.size(); ++i) {
      GroupDifference& d = t.differences[i];
      const bool hidden = (i < masks[b].size() && masks[b][i].row) || primary_suppressed(count_of(d.n_rest), policy) ||
                          primary_suppressed(count_of(d.n_group), policy);
      if (hidden) {
        hide_row(d, kDifferenceFields);
        continue;
      }
      d.n_group = release_count(d.n_group, false, policy);
      d.n_rest = release_count(d.n_rest, false, policy);
    }
    // The omnibus test over the groups that are shown, so it carries nothing of a hidden group.
    if (!nan_count(te.welch_anova.groups)) t.welch_anova = welch_anova(shown);
    if (t.trend) {
      if (primary_suppressed(count_of(t.trend->n), policy)) {
        hide_row(*t.trend, kTrendFields);
      } else {
        t.trend->n = release_count(t.trend->n, false, policy);
      }
    }
  }
  disclose_histogram(out.histogram.before, exact.overall.n, total_mask.row, policy);
  disclose_histogram(out.histogram.after, exact.overall.n, total_mask.row, policy);
  out.episodes = release_count(out.episodes, false, policy);
  out.with_baseline = release_count(out.with_baseline, false, policy);
  out.with_follow_up = release_count(out.with_follow_up, false, policy);
}

void disclose(ProportionTable& table, const SuppressionPolicy& policy, double confidence) {
  validate(policy);
  const ProportionTable exact = table;
  Mask total_mask = primary_mask(exact.overall, kProportionFields, policy);
  std::vector<std::vector<Mask>> masks(exact.breakdowns.size());
  for (std::size_t b = 0; b < exact.breakdowns.size(); ++b) {
    for (const auto& row : exact.breakdowns[b].rows) masks[b].push_back(primary_mask(row, kProportionFields, policy));
    complementary(exact.breakdowns[b].rows, exact.overall, masks[b], total_mask, kProportionFields);
  }
  apply(table.overall, total_mask, kProportionFields, kProportionShares, policy, confidence);
  for (std::size_t b = 0; b < table.breakdowns.size(); ++b)
    for (std::size_t i = 0; i < table.breakdowns[b].rows.size(); ++i)
      apply(table.breakdowns[b].rows[i], masks[b][i], kProportionFields, kProportionShares, policy, confidence);
}

void disclose(AccessReport& a, const SuppressionPolicy& policy, double confidence) {
  validate(policy);
  const AccessReport exact = a;
  // Places attended, missed by the client and missed by the coach add up to the appointments.
  DisclosedValue appointments;
  const std::vector<long long> cells = {count_of(exact.attended), count_of(exact.client_dna),
                                        count_of(exact.coach_dna)};
  const auto released = disclose_table(cells, count_of(exact.appointments), policy, &appointments);
  for (const auto& f : kAccessFields)
    if (f.kind == Kind::Count) a.*(f.ptr) = release_count(exact.*(f.ptr), false, policy);
  a.attended = released[0];
  a.client_dna = released[1];
  a.coach_dna = released[2];
  a.appointments = appointments;
  fill_shares(a, kAccessShares, confidence);
  auto ratio = [](const Figure& x, const Figure& y) -> Figure {
    if (x.suppressed() || y.suppressed()) return Figure{std::nullopt};
    return Figure{*y.value > 0 ? *x.value / *y.value : kNaN};
  };
  a.sessions_per_client = ratio(a.attended, a.clients_seen);
  a.sessions_per_coach = ratio(a.sessions, a.coaches);
  // Rota and utilisation figures describe the coaches: withheld for 1..min_count−1 coaches.
  if (primary_suppressed(count_of(exact.coaches), policy)) {
    a.rota_hours = a.occupied_hours = a.utilisation = Figure{std::nullopt};
  }
  a.per_coach.clear();
}

void disclose(EvaluationReport& report, const SuppressionPolicy& policy) {
  validate(policy);
  if (report.disclosure_controlled)
    throw ValidationError("report", "disclosure_controlled", "already_disclosed"_rule,
                          "disclosure control has already been applied to this report");
  for (auto& o : report.outcomes) disclose(o, policy, report.confidence);
  for (auto& p : report.proportions) disclose(p, policy, report.confidence);
  disclose(report.access, policy, report.confidence);
  report.consent_excluded = release_count(report.consent_excluded, false, policy);
  report.disclosure_controlled = true;
  report.policy = policy;
}

}  // namespace laycoach
