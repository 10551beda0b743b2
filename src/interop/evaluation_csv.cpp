// The tables of an evaluation report as CSV (csv.hpp). Written from the report document itself
// (to_json), so the CSV holds exactly the figures the document releases: one source of figures,
// and a document held by another face (C, Python) gives the same tables. Column lists come from
// the engine's field tables (evaluation_impl.hpp), the one list of every figure.
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "csv_text.hpp"
#include "evaluation_impl.hpp"
#include "json_io.hpp"
#include "laycoach/csv.hpp"
#include "laycoach/evaluation.hpp"
#include "laycoach/programme.hpp"

namespace laycoach {

namespace {

using jsonio::Json;
const std::string kRecord = "report";

// A table under construction: a header row, then rows of cells.
class Table {
 public:
  Table(std::string name, std::vector<std::string> columns) : name_(std::move(name)), width_(columns.size()) {
    for (const auto& c : columns) cell(c);
    end_row();
  }
  void cell(std::string_view text) {
    if (n_++) out_ += ',';
    csv::append_field(out_, text);
  }
  void end_row() {
    if (n_ != width_) throw std::logic_error("evaluation CSV: row of " + std::to_string(n_) + " cells in " + name_);
    out_ += csv::kRowEnd;
    n_ = 0;
  }
  CsvTable done() { return {std::move(name_), std::move(out_)}; }

 private:
  std::string name_, out_;
  std::size_t width_, n_ = 0;
};

// The document's value at key (a missing key is a ParseError naming its pointer).
const Json& at(const Json& j, const std::string& ptr, const char* key) {
  if (!j.is_object()) jsonio::fail(kRecord, ptr, "expected a JSON object");
  const auto it = j.find(key);
  if (it == j.end()) jsonio::fail(kRecord, ptr + "/" + key, std::string("missing required key '") + key + "'");
  return *it;
}

const Json& array_at(const Json& j, const std::string& ptr, const char* key) {
  const Json& a = at(j, ptr, key);
  if (!a.is_array()) jsonio::fail(kRecord, ptr + "/" + key, "expected an array");
  return a;
}

// A scalar as a CSV field: null empty, booleans 1/0, integers as such, reals shortest.
std::string scalar(const Json& v, const std::string& ptr) {
  switch (v.type()) {
    case Json::value_t::null: return {};
    case Json::value_t::boolean: return v.get<bool>() ? "1" : "0";
    case Json::value_t::number_integer: return std::to_string(v.get<long long>());
    case Json::value_t::number_unsigned: return std::to_string(v.get<unsigned long long>());
    case Json::value_t::number_float: return csv::shortest(v.get<double>());
    case Json::value_t::string: return v.get<std::string>();
    default: jsonio::fail(kRecord, ptr, "expected a number, text, true/false or null");
  }
}

std::string text_at(const Json& j, const std::string& ptr, const char* key) {
  const Json& v = at(j, ptr, key);
  if (!v.is_string()) jsonio::fail(kRecord, ptr + "/" + key, "expected a string");
  return v.get<std::string>();
}

// The figures of one row: the marker for every figure the row lists as suppressed (or all of a
// suppressed row), never its number.
class Figures {
 public:
  Figures(const Json& row, std::string ptr) : row_(row), ptr_(std::move(ptr)) {
    const Json& sup = array_at(row, ptr_, "suppressed_fields");
    for (std::size_t i = 0; i < sup.size(); ++i) {
      if (!sup[i].is_string())
        jsonio::fail(kRecord, ptr_ + "/suppressed_fields/" + std::to_string(i), "expected a string");
      suppressed_.push_back(sup[i].get<std::string>());
    }
    if (const auto it = row.find("suppressed"); it != row.end()) {
      if (!it->is_boolean()) jsonio::fail(kRecord, ptr_ + "/suppressed", "expected true or false");
      all_ = it->get<bool>();
    }
  }
  bool suppressed(std::string_view name) const {
    if (all_) return true;
    for (const auto& s : suppressed_)
      if (s == name) return true;
    return false;
  }
  std::string operator()(const char* name) const {
    const Json& v = at(row_, ptr_, name);
    if (!v.is_null() && !v.is_number()) jsonio::fail(kRecord, ptr_ + "/" + name, "expected a number or null");
    if (suppressed(name)) return std::string(kSuppressedMarker);
    return scalar(v, ptr_ + "/" + name);
  }

 private:
  const Json& row_;
  std::string ptr_;
  std::vector<std::string> suppressed_;
  bool all_ = false;
};

template <class Row, std::size_t N>
std::vector<std::string> names(const std::array<eval::Field<Row>, N>& fields) {
  std::vector<std::string> out;
  for (const auto& f : fields) out.emplace_back(f.name);
  return out;
}

std::vector<std::string> cat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

template <class Row, std::size_t N>
void put_figures(Table& t, const Figures& f, const std::array<eval::Field<Row>, N>& fields) {
  for (const auto& x : fields) t.cell(f(x.name));
}

std::string ptr_of(const std::string& base, const char* key, std::size_t i) {
  return base + "/" + key + "/" + std::to_string(i);
}

const std::vector<std::string> kOutcomeKey = {"outcome", "instrument_id", "scale"};

std::vector<CsvTable> tables_of(const Json& doc) {
  if (!doc.is_object()) jsonio::fail(kRecord, "", "an evaluation report must be a JSON object");
  const Json& kind = at(doc, "", "kind");
  if (!kind.is_string() || kind.get<std::string>() != "evaluation_report")
    jsonio::fail(kRecord, "/kind", "not an evaluation report (kind " + kind.dump() + ")");
  const Json& version = at(doc, "", "schema_version");
  if (!version.is_number_integer() || version.get<long long>() != kEvaluationSchemaVersion)
    jsonio::fail(kRecord, "/schema_version",
                 "unsupported schema_version " + version.dump() + " (this build reads " +
                     std::to_string(kEvaluationSchemaVersion) + ")");

  std::vector<CsvTable> out;

  // report: what the figures are, for whom, under which policy.
  {
    Table t("report", {"item", "value"});
    auto item = [&](const std::string& name, const std::string& value) {
      t.cell(name);
      t.cell(value);
      t.end_row();
    };
    for (const char* k : {"schema_version", "audience", "viewer_id", "disclosure_controlled"})
      item(k, scalar(at(doc, "", k), std::string("/") + k));
    for (const char* group : {"policy", "pairing"}) {
      const Json& g = at(doc, "", group);
      if (!g.is_object()) jsonio::fail(kRecord, std::string("/") + group, "expected a JSON object");
      for (const auto& [k, v] : g.items()) item(std::string(group) + "." + k, scalar(v, std::string("/") + group + "/" + k));
    }
    for (const char* k : {"confidence", "from", "to", "consent_excluded"})
      item(k, scalar(at(doc, "", k), std::string("/") + k));
    const Json& notes = array_at(doc, "", "notes");
    for (std::size_t i = 0; i < notes.size(); ++i) item("note", scalar(notes[i], ptr_of("", "notes", i)));
    out.push_back(t.done());
  }

  // access: one row per figure.
  const Json& access = at(doc, "", "access");
  {
    Table t("access", {"figure", "value"});
    if (!access.is_null()) {
      const Figures f(access, "/access");
      for (const auto& x : eval::kAccessFields) {
        t.cell(x.name);
        t.cell(f(x.name));
        t.end_row();
      }
    }
    out.push_back(t.done());
  }

  const Json& outcomes = array_at(doc, "", "outcomes");
  Table pairing("pairing", cat(kOutcomeKey, {"name", "registered", "validation", "higher_is_better", "reliability", "meaningful_change", "range",
                                             "episodes", "with_baseline", "with_follow_up", "paired"}));
  Table rows("outcomes", cat(cat(kOutcomeKey, {"dimension", "group", "suppressed", "below_recommended", "wilcoxon_exact"}),
                             names(eval::kChangeFields)));
  Table diffs("differences",
              cat(cat(kOutcomeKey, {"dimension", "group", "suppressed"}), names(eval::kDifferenceFields)));
  Table omni("omnibus", cat(cat(kOutcomeKey, {"dimension", "test"}), names(eval::kOmnibusFields)));
  Table trends("trends", cat(cat(kOutcomeKey, {"dimension", "suppressed"}), names(eval::kTrendFields)));
  Table hist("histograms", cat(kOutcomeKey, {"bin_low", "bin_high", "before", "after"}));
  for (std::size_t oi = 0; oi < outcomes.size(); ++oi) {
    const Json& o = outcomes[oi];
    const std::string op = ptr_of("", "outcomes", oi);
    std::vector<std::string> key;
    for (const auto& k : kOutcomeKey) key.push_back(text_at(o, op, k.c_str()));
    auto put_key = [&key](Table& t) {
      for (const auto& k : key) t.cell(k);
    };
    auto flag = [](const Json& row, const std::string& p, const char* k) { return scalar(at(row, p, k), p + "/" + k); };

    const Figures counts(o, op);
    const Json& overall = at(o, op, "overall");
    const Figures overall_f(overall, op + "/overall");
    put_key(pairing);
    pairing.cell(text_at(o, op, "name"));
    pairing.cell(flag(o, op, "registered"));
    pairing.cell(text_at(o, op, "validation"));
    for (const char* k : {"higher_is_better", "reliability", "meaningful_change", "range"}) pairing.cell(flag(o, op, k));
    for (const char* k : {"episodes", "with_baseline", "with_follow_up"}) pairing.cell(counts(k));
    pairing.cell(overall_f("n"));
    pairing.end_row();

    auto change_row = [&](const Json& r, const std::string& p, const std::string& dimension) {
      const Figures f(r, p);
      put_key(rows);
      rows.cell(dimension);
      rows.cell(text_at(r, p, "group"));
      for (const char* k : {"suppressed", "below_recommended", "wilcoxon_exact"}) rows.cell(flag(r, p, k));
      put_figures(rows, f, eval::kChangeFields);
      rows.end_row();
    };
    change_row(overall, op + "/overall", "all");
    const Json& bds = array_at(o, op, "breakdowns");
    for (std::size_t bi = 0; bi < bds.size(); ++bi) {
      const Json& b = bds[bi];
      const std::string bp = ptr_of(op, "breakdowns", bi);
      const std::string dim = text_at(b, bp, "dimension");
      const Json& brows = array_at(b, bp, "rows");
      for (std::size_t ri = 0; ri < brows.size(); ++ri) change_row(brows[ri], ptr_of(bp, "rows", ri), dim);
      const Json& bdiffs = array_at(b, bp, "differences");
      for (std::size_t di = 0; di < bdiffs.size(); ++di) {
        const std::string dp = ptr_of(bp, "differences", di);
        const Figures f(bdiffs[di], dp);
        put_key(diffs);
        diffs.cell(dim);
        diffs.cell(text_at(bdiffs[di], dp, "group"));
        diffs.cell(flag(bdiffs[di], dp, "suppressed"));
        put_figures(diffs, f, eval::kDifferenceFields);
        diffs.end_row();
      }
      const Json& anova = at(b, bp, "welch_anova");
      if (!anova.is_null()) {
        const Figures f(anova, bp + "/welch_anova");
        put_key(omni);
        omni.cell(dim);
        omni.cell(text_at(anova, bp + "/welch_anova", "test"));
        put_figures(omni, f, eval::kOmnibusFields);
        omni.end_row();
      }
      const Json& trend = at(b, bp, "trend");
      if (!trend.is_null()) {
        const Figures f(trend, bp + "/trend");
        put_key(trends);
        trends.cell(dim);
        trends.cell(flag(trend, bp + "/trend", "suppressed"));
        put_figures(trends, f, eval::kTrendFields);
        trends.end_row();
      }
    }
    const Json& h = at(o, op, "histogram");
    if (!h.is_null()) {
      const Json& bins = array_at(h, op + "/histogram", "bins");
      for (std::size_t i = 0; i < bins.size(); ++i) {
        const std::string hp = ptr_of(op + "/histogram", "bins", i);
        const Figures f(bins[i], hp);
        put_key(hist);
        hist.cell(flag(bins[i], hp, "low"));
        hist.cell(flag(bins[i], hp, "high"));
        hist.cell(f("before"));
        hist.cell(f("after"));
        hist.end_row();
      }
    }
  }
  out.push_back(pairing.done());
  out.push_back(rows.done());
  out.push_back(diffs.done());
  out.push_back(omni.done());
  out.push_back(trends.done());
  out.push_back(hist.done());

  // Rows of proportion tables (the report's own, and the usage section's), overall then by breakdown.
  auto proportion_rows = [&](Table& t, const Json& props, const std::string& base, const char* key) {
    for (std::size_t pi = 0; pi < props.size(); ++pi) {
      const Json& p = props[pi];
      const std::string pp = ptr_of(base, key, pi);
      const std::string measure = text_at(p, pp, "measure"), name = text_at(p, pp, "name");
      auto row = [&](const Json& r, const std::string& rp, const std::string& dim) {
        const Figures f(r, rp);
        t.cell(measure);
        t.cell(name);
        t.cell(dim);
        t.cell(text_at(r, rp, "group"));
        t.cell(scalar(at(r, rp, "suppressed"), rp + "/suppressed"));
        put_figures(t, f, eval::kProportionFields);
        t.end_row();
      };
      row(at(p, pp, "overall"), pp + "/overall", "all");
      const Json& bds = array_at(p, pp, "breakdowns");
      for (std::size_t bi = 0; bi < bds.size(); ++bi) {
        const std::string bp = ptr_of(pp, "breakdowns", bi);
        const std::string dim = text_at(bds[bi], bp, "dimension");
        const Json& brows = array_at(bds[bi], bp, "rows");
        for (std::size_t ri = 0; ri < brows.size(); ++ri) row(brows[ri], ptr_of(bp, "rows", ri), dim);
      }
    }
  };
  {
    Table t("proportions", cat({"measure", "name", "dimension", "group", "suppressed"}, names(eval::kProportionFields)));
    proportion_rows(t, array_at(doc, "", "proportions"), "", "proportions");
    out.push_back(t.done());
  }

  {
    const std::vector<std::string> cols = {"coach_id", "sessions", "occupied_minutes", "rota_minutes", "utilisation"};
    Table t("coaches", cols);
    if (!access.is_null()) {
      const Json& per = array_at(access, "/access", "per_coach");
      for (std::size_t i = 0; i < per.size(); ++i) {
        const std::string cp = ptr_of("/access", "per_coach", i);
        for (const auto& c : cols) t.cell(scalar(at(per[i], cp, c.c_str()), cp + "/" + c));
        t.end_row();
      }
    }
    out.push_back(t.done());
  }

  // The usage section (docs/usage-tracking.md): its proportion tables, and its other figures in
  // long form (skill-share counts; answers and mean confidence per wave). A report without one
  // (computed from columns) gives the headers only.
  {
    Table t("usage", cat({"measure", "name", "dimension", "group", "suppressed"}, names(eval::kProportionFields)));
    Table f("usage_figures", {"figure", "wave", "weeks", "value"});
    const auto it = doc.find("usage");
    if (it != doc.end() && !it->is_null()) {
      const Json& u = *it;
      proportion_rows(t, array_at(u, "/usage", "tables"), "/usage", "tables");
      const Figures uf(u, "/usage");
      for (const char* k : {"skill_share_sessions", "skill_share_attendances"}) {
        f.cell(k);
        f.cell("");
        f.cell("");
        f.cell(uf(k));
        f.end_row();
      }
      const Json& waves = array_at(u, "/usage", "confidence_by_wave");
      for (std::size_t i = 0; i < waves.size(); ++i) {
        const std::string wp = ptr_of("/usage", "confidence_by_wave", i);
        const Figures wf(waves[i], wp);
        for (const char* k : {"n", "mean_confidence"}) {
          f.cell(k == std::string("n") ? "confidence_answers" : k);
          f.cell(text_at(waves[i], wp, "wave"));
          f.cell(scalar(at(waves[i], wp, "weeks"), wp + "/weeks"));
          f.cell(wf(k));
          f.end_row();
        }
      }
    }
    out.push_back(t.done());
    out.push_back(f.done());
  }
  {
    // Referred on and goals achieved at the end of coaching (docs/care-plan.md): one row per
    // figure and group, as the proportion rows. Absent (an older document, or columns): no rows.
    Table t("onward", cat({"figure", "group", "suppressed"}, names(eval::kProportionFields)));
    const auto it = doc.find("onward");
    if (it != doc.end() && !it->is_null()) {
      const Json& on = *it;
      auto row = [&](const char* figure, const Json& r, const std::string& rp) {
        const Figures f(r, rp);
        t.cell(figure);
        t.cell(text_at(r, rp, "group"));
        t.cell(scalar(at(r, rp, "suppressed"), rp + "/suppressed"));
        put_figures(t, f, eval::kProportionFields);
        t.end_row();
      };
      row("referred_on", at(on, "/onward", "referred_on"), "/onward/referred_on");
      const Json& dest = array_at(on, "/onward", "by_destination");
      for (std::size_t i = 0; i < dest.size(); ++i)
        row("referred_on_to", dest[i], ptr_of("/onward", "by_destination", i));
      row("goals_achieved", at(on, "/onward", "goals_achieved"), "/onward/goals_achieved");
    }
    out.push_back(t.done());
  }
  return out;
}

}  // namespace

std::vector<CsvTable> evaluation_report_csv_from_json(std::string_view report_json) {
  return tables_of(jsonio::parse_text(report_json, kRecord));
}

std::vector<CsvTable> evaluation_report_csv(const EvaluationReport& report) {
  return evaluation_report_csv_from_json(to_json(report));
}

std::string csv_tables_to_json(const std::vector<CsvTable>& tables, int indent) {
  Json t = Json::object();
  for (const auto& x : tables) t[x.name] = x.csv;
  const Json doc = {{"schema_version", kDocumentSchemaVersion}, {"kind", "evaluation_tables"}, {"tables", std::move(t)}};
  try {
    return doc.dump(indent);
  } catch (const nlohmann::json::type_error& e) {
    throw ValidationError("", "", "utf8_text"_rule, std::string("a text field is not valid UTF-8: ") + e.what());
  }
}

std::string evaluate_csv_json(const Programme& programme, std::string_view options_json) {
  return csv_tables_to_json(evaluation_report_csv(evaluate(programme, evaluation_options_from_json(options_json))));
}

}  // namespace laycoach
