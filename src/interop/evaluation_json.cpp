// JSON of evaluation reports (written) and evaluation options (read). Figures are numbers or
// null; every row lists its suppressed figures in "suppressed_fields", so a reader can tell
// "suppressed" (shown "*") from "not computable" (null, not listed).
#include "evaluation_impl.hpp"
#include "equity_value_impl.hpp"

#include "json_io.hpp"
#include "laycoach/error.hpp"
#include "laycoach/json.hpp"
#include "laycoach/programme.hpp"

#include <cmath>
#include <string>

namespace laycoach {

namespace {

using eval::Field;
using eval::Kind;
using jsonio::Json;

Json number(const Figure& f) {
  if (!f.value || !std::isfinite(*f.value)) return nullptr;
  const double v = *f.value;
  // Counts print as integers.
  if (v == std::floor(v) && std::fabs(v) < 9.0e15) return static_cast<long long>(v);
  return v;
}

Json number(double v) {
  if (!std::isfinite(v)) return nullptr;
  return v;
}

template <class Row, std::size_t N>
void put_fields(Json& j, const Row& row, const std::array<Field<Row>, N>& fields) {
  Json suppressed = Json::array();
  for (const auto& f : fields) {
    const Figure& x = row.*(f.ptr);
    j[f.name] = number(x);
    if (x.suppressed()) suppressed.push_back(f.name);
  }
  j["suppressed_fields"] = std::move(suppressed);
}

Json change_row(const ChangeRow& r) {
  Json j = Json::object();
  j["group"] = r.group;
  j["suppressed"] = r.suppressed;
  j["below_recommended"] = r.below_recommended;
  j["wilcoxon_exact"] = r.wilcoxon_exact;
  put_fields(j, r, eval::kChangeFields);
  return j;
}

Json difference(const GroupDifference& d) {
  Json j = Json::object();
  j["group"] = d.group;
  j["suppressed"] = d.suppressed;
  put_fields(j, d, eval::kDifferenceFields);
  return j;
}

Json omnibus(const Omnibus& o) {
  Json j = Json::object();
  j["test"] = "welch_anova";
  put_fields(j, o, eval::kOmnibusFields);
  return j;
}

Json trend(const Trend& t) {
  Json j = Json::object();
  j["suppressed"] = t.suppressed;
  put_fields(j, t, eval::kTrendFields);
  return j;
}

Json histogram(const Histogram& h) {
  Json j = Json::object();
  j["low"] = number(h.low);
  j["width"] = number(h.width);
  Json bins = Json::array();
  for (std::size_t i = 0; i < h.before.size(); ++i) {
    Json b = Json::object();
    const bool merged = h.edges.size() == h.before.size() + 1;
    b["low"] = merged ? h.edges[i] : h.low + static_cast<double>(i) * h.width;
    b["high"] = merged ? h.edges[i + 1] : h.low + static_cast<double>(i + 1) * h.width;
    b["before"] = number(h.before[i]);
    b["after"] = number(h.after[i]);
    Json s = Json::array();
    if (h.before[i].suppressed()) s.push_back("before");
    if (h.after[i].suppressed()) s.push_back("after");
    b["suppressed_fields"] = std::move(s);
    bins.push_back(std::move(b));
  }
  j["bins"] = std::move(bins);
  return j;
}

Json outcome_json(const OutcomeReport& o) {
  Json j = Json::object();
  j["outcome"] = o.outcome;
  j["instrument_id"] = o.instrument_id;
  j["scale"] = o.scale;
  j["name"] = o.name;
  j["registered"] = o.registered;      // the programme's own questionnaire (docs/instruments.md)
  j["validation"] = o.validation;      // its definition's label, e.g. "unvalidated"; "" for built-ins
  j["higher_is_better"] = o.higher_is_better;
  j["reliability"] = number(o.reliability);
  j["meaningful_change"] = number(o.meaningful_change);
  j["range"] = number(o.range);  // the score range disclosure noise is scaled by (docs/disclosure.md)
  j["episodes"] = number(o.episodes);
  j["with_baseline"] = number(o.with_baseline);
  j["with_follow_up"] = number(o.with_follow_up);
  Json sup = Json::array();
  const std::pair<const char*, const Figure*> counts[] = {
      {"episodes", &o.episodes}, {"with_baseline", &o.with_baseline}, {"with_follow_up", &o.with_follow_up}};
  for (const auto& [k, f] : counts)
    if (f->suppressed()) sup.push_back(k);
  j["suppressed_fields"] = std::move(sup);
  j["overall"] = change_row(o.overall);
  Json bds = Json::array();
  for (const auto& b : o.breakdowns) {
    Json bj = Json::object();
    bj["dimension"] = b.dimension;
    Json rows = Json::array();
    for (const auto& r : b.rows) rows.push_back(change_row(r));
    bj["rows"] = std::move(rows);
    Json diffs = Json::array();
    for (const auto& d : b.differences) diffs.push_back(difference(d));
    bj["differences"] = std::move(diffs);
    bj["welch_anova"] = omnibus(b.welch_anova);
    bj["trend"] = b.trend ? trend(*b.trend) : Json(nullptr);
    bds.push_back(std::move(bj));
  }
  j["breakdowns"] = std::move(bds);
  j["histogram"] = histogram(o.histogram);
  return j;
}

Json proportion_row(const ProportionRow& r) {
  Json j = Json::object();
  j["group"] = r.group;
  j["suppressed"] = r.suppressed;
  put_fields(j, r, eval::kProportionFields);
  return j;
}

Json proportion_json(const ProportionTable& t) {
  Json j = Json::object();
  j["measure"] = t.measure;
  j["name"] = t.name;
  j["overall"] = proportion_row(t.overall);
  Json bds = Json::array();
  for (const auto& b : t.breakdowns) {
    Json bj = Json::object();
    bj["dimension"] = b.dimension;
    Json rows = Json::array();
    for (const auto& r : b.rows) rows.push_back(proportion_row(r));
    bj["rows"] = std::move(rows);
    bds.push_back(std::move(bj));
  }
  j["breakdowns"] = std::move(bds);
  return j;
}

Json access_json(const AccessReport& a) {
  Json j = Json::object();
  put_fields(j, a, eval::kAccessFields);
  Json per = Json::array();
  for (const auto& c : a.per_coach) {
    Json cj = Json::object();
    cj["coach_id"] = c.coach_id;
    cj["sessions"] = number(c.sessions);
    cj["occupied_minutes"] = number(c.occupied_minutes);
    cj["rota_minutes"] = number(c.rota_minutes);
    cj["utilisation"] = number(c.utilisation);
    per.push_back(std::move(cj));
  }
  j["per_coach"] = std::move(per);
  return j;
}

// The single point of access (triage_report.hpp): rows by source, each with its routes as an
// object keyed by route name, and "suppressed_fields" listing what is withheld.
Json triage_json(const TriageReport& t) {
  auto put = [](Json& j, Json& sup, const std::string& name, const Figure& f) {
    j[name] = number(f);
    if (f.suppressed()) sup.push_back(name);
  };
  auto times = [&](const TriageTimes& x) {
    Json j = Json::object(), sup = Json::array();
    put(j, sup, "n", x.n);
    put(j, sup, "p25_hours", x.p25_hours);
    put(j, sup, "median_hours", x.median_hours);
    put(j, sup, "p75_hours", x.p75_hours);
    put(j, sup, "p90_hours", x.p90_hours);
    j["suppressed_fields"] = std::move(sup);
    return j;
  };
  Json rows = Json::array();
  for (const auto& r : t.by_source) {
    Json j = Json::object(), sup = Json::array();
    j["source"] = r.source;
    j["suppressed"] = r.suppressed;
    put(j, sup, "received", r.received);
    put(j, sup, "triaged", r.triaged);
    put(j, sup, "untriaged", r.untriaged);
    Json routes = Json::object(), rsup = Json::array();
    for (std::size_t i = 0; i < r.routes.size() && i < t.routes.size(); ++i) put(routes, rsup, t.routes[i], r.routes[i]);
    j["routes"] = std::move(routes);
    j["suppressed_fields"] = std::move(sup);
    j["suppressed_routes"] = std::move(rsup);
    j["to_triage"] = times(r.to_triage);
    j["to_first_contact"] = times(r.to_first_contact);
    rows.push_back(std::move(j));
  }
  Json j = Json::object(), sup = Json::array();
  j["routes"] = t.routes;
  j["by_source"] = std::move(rows);
  put(j, sup, "proposed", t.proposed);
  put(j, sup, "proposal_followed", t.proposal_followed);
  put(j, sup, "share_followed", t.share_followed);
  put(j, sup, "share_followed_ci_low", t.share_followed_ci_low);
  put(j, sup, "share_followed_ci_high", t.share_followed_ci_high);
  j["suppressed_fields"] = std::move(sup);
  return j;
}

// The usage section: {"tables": [proportion tables], "confidence_by_wave": [{"wave", "weeks",
// "suppressed", "n", "mean_confidence", "suppressed_fields"}], "skill_share_sessions",
// "skill_share_attendances", "suppressed_fields"}.
Json usage_json(const UsageReport& u) {
  Json j = Json::object();
  Json tables = Json::array();
  for (const auto& t : u.tables) tables.push_back(proportion_json(t));
  j["tables"] = std::move(tables);
  Json waves = Json::array();
  for (const auto& r : u.confidence_by_wave) {
    Json w = Json::object();
    w["wave"] = r.wave;
    w["weeks"] = r.weeks;
    w["suppressed"] = r.suppressed;
    w["n"] = number(r.n);
    w["mean_confidence"] = number(r.mean_confidence);
    Json sup = Json::array();
    if (r.n.suppressed()) sup.push_back("n");
    if (r.mean_confidence.suppressed()) sup.push_back("mean_confidence");
    w["suppressed_fields"] = std::move(sup);
    waves.push_back(std::move(w));
  }
  j["confidence_by_wave"] = std::move(waves);
  j["skill_share_sessions"] = number(u.skill_share_sessions);
  j["skill_share_attendances"] = number(u.skill_share_attendances);
  Json sup = Json::array();
  if (u.skill_share_sessions.suppressed()) sup.push_back("skill_share_sessions");
  if (u.skill_share_attendances.suppressed()) sup.push_back("skill_share_attendances");
  j["suppressed_fields"] = std::move(sup);
  return j;
}

Json equity_row(const EquityRow& r) {
  Json j = Json::object();
  j["group"] = r.group;
  j["suppressed"] = r.suppressed;
  j["outcome_suppressed"] = r.outcome_suppressed;
  put_fields(j, r, eval::kEquityFields);
  return j;
}

Json equity_json(const EquityReport& e) {
  Json j = Json::object();
  j["outcome"] = e.outcome.empty() ? Json(nullptr) : Json(e.outcome);
  Json tables = Json::array();
  for (const auto& t : e.tables) {
    Json tj = Json::object();
    tj["dimension"] = t.dimension;
    tj["overall"] = equity_row(t.overall);
    Json rows = Json::array();
    for (const auto& r : t.rows) rows.push_back(equity_row(r));
    tj["rows"] = std::move(rows);
    tables.push_back(std::move(tj));
  }
  j["tables"] = std::move(tables);
  return j;
}

Json value_json(const ValueReport& v) {
  Json j = Json::object();
  j["source"] = v.source;
  j["price_year"] = v.price_year;
  j["currency"] = "GBP";
  j["outcome"] = v.outcome.empty() ? Json(nullptr) : Json(v.outcome);
  Json rows = Json::array();
  for (const auto& r : v.rows) {
    Json rj = Json::object();
    rj["item"] = r.item;
    rj["name"] = r.name;
    rj["suppressed"] = r.suppressed;
    rj["costed"] = r.costed;
    put_fields(rj, r, eval::kValueFields);
    rows.push_back(std::move(rj));
  }
  j["rows"] = std::move(rows);
  return j;
}

// JSON pointer of an object member (RFC 6901 escapes).
std::string member(const std::string& ptr, const std::string& key) {
  std::string k;
  for (const char c : key) {
    if (c == '~') k += "~0";
    else if (c == '/') k += "~1";
    else k += c;
  }
  return ptr + "/" + k;
}

EquityOptions read_equity(const Json& v, const std::string& rec) {
  EquityOptions o;
  if (!v.is_object()) jsonio::fail(rec, "/equity", "expected an object");
  jsonio::Reader r(v, "/equity", rec);
  r.opt("outcome", o.outcome);
  r.mark("denominators");
  const auto it = v.find("denominators");
  if (it == v.end() || it->is_null()) jsonio::fail(rec, "/equity/denominators", "missing required key 'denominators'");
  if (!it->is_object()) jsonio::fail(rec, "/equity/denominators", "expected an object {dimension: {group: count}}");
  for (const auto& [dim, groups] : it->items()) {
    const std::string dp = member("/equity/denominators", dim);
    if (!groups.is_object()) jsonio::fail(rec, dp, "expected an object {group: count}");
    auto& m = o.denominators[dim];
    for (const auto& [g, n] : groups.items()) jsonio::read(n, member(dp, g), rec, m[g]);
  }
  r.done();
  return o;
}

UnitCost read_cost(const Json& v, const std::string& ptr, const std::string& rec) {
  UnitCost c;
  if (!v.is_object()) jsonio::fail(rec, ptr, "expected {\"value\", \"low\", \"high\"} or {\"value\", \"plus_minus_percent\"}");
  jsonio::Reader r(v, ptr, rec);
  r.req("value", c.value);
  std::optional<double> low, high, pct;
  r.opt("low", low);
  r.opt("high", high);
  r.opt("plus_minus_percent", pct);
  r.done();
  if (pct && (low || high)) jsonio::fail(rec, ptr + "/plus_minus_percent", "give low and high, or plus_minus_percent, not both");
  if (pct) {
    if (!(*pct >= 0 && *pct <= 100)) jsonio::fail(rec, ptr + "/plus_minus_percent", "plus_minus_percent must be in [0, 100]");
    c.low = c.value * (1 - *pct / 100);
    c.high = c.value * (1 + *pct / 100);
  } else {
    if (!low || !high) jsonio::fail(rec, ptr + (low ? "/high" : "/low"), "give both low and high (or plus_minus_percent)");
    c.low = *low;
    c.high = *high;
  }
  return c;
}

UnitCosts read_unit_costs(const Json& v, const std::string& rec) {
  UnitCosts u;
  const std::string p = "/unit_costs";
  if (!v.is_object()) jsonio::fail(rec, p, "expected an object");
  jsonio::Reader r(v, p, rec);
  r.req("source", u.source);
  r.req("price_year", u.price_year);
  r.opt("outcome", u.outcome);
  for (const char* key : {"coach_hour", "session"}) {
    r.mark(key);
    const auto it = v.find(key);
    if (it == v.end() || it->is_null()) continue;
    const std::string kp = p + "/" + key;
    if (!it->is_object()) jsonio::fail(rec, kp, "expected an object {name: cost}");
    auto& m = std::string(key) == "coach_hour" ? u.coach_hour : u.session;
    for (const auto& [k, c] : it->items()) m[k] = read_cost(c, member(kp, k), rec);
  }
  for (const char* key : {"training_day", "supervision_hour"}) {
    r.mark(key);
    const auto it = v.find(key);
    if (it == v.end() || it->is_null()) continue;
    (std::string(key) == "training_day" ? u.training_day : u.supervision_hour) = read_cost(*it, p + "/" + key, rec);
  }
  r.done();
  return u;
}

// Text that is not UTF-8 cannot be written to a JSON document: say so as a laycoach error.
std::string dump(const Json& j, int indent) {
  try {
    return indent < 0 ? j.dump() : j.dump(indent);
  } catch (const nlohmann::json::type_error& e) {
    throw ValidationError("", "", "utf8_text"_rule, std::string("a text field is not valid UTF-8: ") + e.what());
  }
}

}  // namespace

std::string to_json(const OutcomeReport& outcome, int indent) { return dump(outcome_json(outcome), indent); }
std::string to_json(const ProportionTable& table, int indent) { return dump(proportion_json(table), indent); }

namespace {
Json report_json(const EvaluationReport& r, const char* source) {
  Json j = Json::object();
  j["schema_version"] = r.schema_version;
  j["kind"] = "evaluation_report";
  if (source) j["source"] = source;
  j["audience"] = to_string(r.audience);
  j["viewer_id"] = r.viewer_id;
  j["disclosure_controlled"] = r.disclosure_controlled;
  j["policy"] = jsonio::write(r.policy);
  j["confidence"] = r.confidence;
  j["pairing"] = {{"follow_up", to_string(r.pairing.follow_up)},
                  {"min_sessions", r.pairing.min_sessions},
                  {"baseline_grace_minutes", r.pairing.baseline_grace_minutes},
                  {"min_follow_up_weeks", r.pairing.min_follow_up_weeks},
                  {"require_consent", r.pairing.require_consent}};
  j["from"] = r.from ? Json(format_instant(*r.from)) : Json(nullptr);
  j["to"] = r.to ? Json(format_instant(*r.to)) : Json(nullptr);
  j["consent_excluded"] = number(r.consent_excluded);
  // A report computed from columns has no access figures: null, not figures of nothing.
  j["access"] = source && std::string(source) == "columns" ? Json(nullptr) : access_json(r.access);
  Json outs = Json::array();
  for (const auto& o : r.outcomes) outs.push_back(outcome_json(o));
  j["outcomes"] = std::move(outs);
  Json props = Json::array();
  for (const auto& p : r.proportions) props.push_back(proportion_json(p));
  j["proportions"] = std::move(props);
  j["triage"] = source && std::string(source) == "columns" ? Json(nullptr) : triage_json(r.triage);
  j["equity"] = r.equity ? equity_json(*r.equity) : Json(nullptr);
  j["value"] = r.value ? value_json(*r.value) : Json(nullptr);
  // A report computed from columns has no usage figures either.
  j["usage"] = source && std::string(source) == "columns" ? Json(nullptr) : usage_json(r.usage);
  // Referred on and goals achieved at the end of coaching (docs/care-plan.md); a report from
  // columns has none.
  if (source && std::string(source) == "columns") {
    j["onward"] = nullptr;
  } else {
    Json dest = Json::array();
    for (const auto& d : r.onward.by_destination) dest.push_back(proportion_row(d));
    j["onward"] = {{"referred_on", proportion_row(r.onward.referred_on)},
                   {"by_destination", std::move(dest)},
                   {"goals_achieved", proportion_row(r.onward.goals_achieved)}};
  }
  j["notes"] = r.notes;
  return j;
}
}  // namespace

std::string to_json(const EvaluationReport& r, int indent) { return dump(report_json(r, nullptr), indent); }
std::string columns_report_to_json(const EvaluationReport& r, int indent) {
  return dump(report_json(r, "columns"), indent);
}

EvaluationOptions evaluation_options_from_json(std::string_view text) {
  EvaluationOptions o;
  bool blank = true;
  for (const char c : text) blank = blank && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
  if (blank) return o;
  const std::string rec = "evaluation_options";
  const Json j = jsonio::parse_text(text, rec);
  if (!j.is_object()) jsonio::fail(rec, "", "evaluation options must be a JSON object");
  jsonio::check_schema_version(j, false);
  jsonio::Reader r(j, "", rec);
  r.mark("schema_version");

  std::string audience;
  r.opt("audience", audience);
  if (!audience.empty()) {
    const auto a = parse_audience(audience);
    if (!a) jsonio::fail(rec, "/audience", "unknown audience '" + audience + "'");
    o.viewer.audience = *a;
  }
  r.opt("viewer_id", o.viewer.id);
  try {
    validate(o.viewer);  // the domain's rule for viewers (length of the id), named at its pointer here
  } catch (const Error& e) {
    throw_error(e.code(), rec, "/viewer_id", ErrorRule(e.rule()), e.detail());
  }
  r.opt("policy", o.policy);  // the one policy reader (json.hpp)
  if (const auto it = j.find("pairing"); it != j.end() && !it->is_null()) {
    jsonio::Reader pr(*it, "/pairing", rec);
    std::string rule;
    pr.opt("follow_up", rule);
    if (!rule.empty()) {
      const auto fr = parse_follow_up_rule(rule);
      if (!fr) jsonio::fail(rec, "/pairing/follow_up", "unknown follow-up rule '" + rule + "'");
      o.pairing.follow_up = *fr;
    }
    pr.opt("min_sessions", o.pairing.min_sessions);
    pr.opt("baseline_grace_minutes", o.pairing.baseline_grace_minutes);
    pr.opt("min_follow_up_weeks", o.pairing.min_follow_up_weeks);
    pr.opt("require_consent", o.pairing.require_consent);
    pr.done();
  }
  r.mark("pairing");
  r.opt("outcomes", o.outcomes);
  if (const auto it = j.find("breakdowns"); it != j.end() && !it->is_null()) {
    std::vector<std::string> names;
    jsonio::read(*it, "/breakdowns", rec, names);
    o.breakdowns.clear();
    for (std::size_t i = 0; i < names.size(); ++i) {
      const auto d = parse_dimension(names[i]);
      if (!d) jsonio::fail(rec, "/breakdowns/" + std::to_string(i), "unknown breakdown '" + names[i] + "'");
      o.breakdowns.push_back(*d);
    }
  }
  r.mark("breakdowns");
  r.opt("confidence", o.confidence);
  r.opt("max_dose", o.max_dose);
  std::optional<Instant> from, to;
  r.opt("from", from);
  r.opt("to", to);
  o.from = from;
  o.to = to;
  r.opt("wilcoxon", o.wilcoxon);
  r.opt("group_differences", o.group_differences);
  r.mark("equity");
  if (const auto it = j.find("equity"); it != j.end() && !it->is_null()) o.equity = read_equity(*it, rec);
  r.mark("unit_costs");
  if (const auto it = j.find("unit_costs"); it != j.end() && !it->is_null()) o.unit_costs = read_unit_costs(*it, rec);
  r.done();
  return o;
}

std::string evaluate_json(const Programme& programme, std::string_view options_json, int indent) {
  return to_json(evaluate(programme, evaluation_options_from_json(options_json)), indent);
}

}  // namespace laycoach
