// Python face of the evaluation engine: Programme.evaluate(...) and laycoach.evaluate_columns(...).
// Both return a laycoach.report.Report (built from the report's JSON document, so Python, C and
// C++ read the same structure). Arrays cross as contiguous numpy arrays without a Python object
// per element; the GIL is released while the engine runs.
#include "laycoach/error.hpp"
#include "laycoach/csv.hpp"
#include "laycoach/evaluation.hpp"
#include "laycoach/json.hpp"
#include "laycoach/programme.hpp"
#include "pyjson.hpp"
#include "registry.hpp"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace py = pybind11;
using namespace laycoach;

namespace {

using F64 = py::array_t<double, py::array::c_style | py::array::forcecast>;
using I32 = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>;

std::span<const double> view(const F64& a, const std::string& field) {
  if (a.ndim() != 1)
    throw ValidationError("", ErrorField(field), "one_dimensional"_rule,
                          "expected a 1-D array, got " + std::to_string(a.ndim()) + " dimensions");
  return {a.data(), static_cast<std::size_t>(a.shape(0))};
}

py::object report_from_json(const std::string& text) {
  return py::module_::import("laycoach.report").attr("Report").attr("from_json")(text);
}

/// One breakdown from Python: integer codes (with labels, or labels "0".."k-1"), or any other
/// array-like (strings, pandas Categorical ...) factorised by pandas (sorted labels; missing = -1).
struct PyBreakdown {
  I32 codes;
  ColumnBreakdown b;
};

PyBreakdown breakdown_from(const std::string& name, py::handle values, py::object labels, py::object trend) {
  PyBreakdown out;
  out.b.name = name;
  py::module_ np = py::module_::import("numpy");
  py::object arr = np.attr("asarray")(values);
  const std::string kind = arr.attr("dtype").attr("kind").cast<std::string>();
  const bool integer = kind == "i" || kind == "u";
  if (integer) {
    out.codes = I32::ensure(arr);
    if (!out.codes) throw ValidationError("", ErrorField(name), "integer_codes"_rule, "codes must fit in int32");
    if (!labels.is_none()) {
      out.b.labels = labels.cast<std::vector<std::string>>();
    } else {
      std::int32_t mx = -1;
      const auto* p = out.codes.data();
      for (py::ssize_t i = 0; i < out.codes.size(); ++i) mx = std::max(mx, p[i]);
      for (std::int32_t k = 0; k <= mx; ++k) out.b.labels.push_back(std::to_string(k));
    }
  } else {
    if (!labels.is_none())
      throw ValidationError("", ErrorField(name), "labels_with_codes"_rule, "labels are given only with integer codes");
    py::tuple fu = py::module_::import("pandas").attr("factorize")(values, py::arg("sort") = true);
    out.codes = I32::ensure(fu[0]);
    for (py::handle u : fu[1]) out.b.labels.push_back(py::str(u).cast<std::string>());
  }
  if (out.codes.ndim() != 1)
    throw ValidationError("", ErrorField(name), "one_dimensional"_rule, "group codes must be a 1-D array");
  out.b.codes = std::span<const std::int32_t>(out.codes.data(), static_cast<std::size_t>(out.codes.shape(0)));
  if (!trend.is_none()) out.b.trend_values = trend.cast<std::vector<double>>();
  return out;
}

std::vector<std::int8_t> proportion_from(const std::string& name, py::handle values) {
  const F64 a = F64::ensure(py::module_::import("numpy").attr("asarray")(values, py::arg("dtype") = "float64"));
  if (!a || a.ndim() != 1) throw ValidationError("", ErrorField(name), "one_dimensional"_rule, "a proportion is a 1-D array of 1/0/NaN");
  std::vector<std::int8_t> v(static_cast<std::size_t>(a.shape(0)));
  const double* p = a.data();
  for (std::size_t i = 0; i < v.size(); ++i) {
    const double x = p[i];
    if (std::isnan(x) || x < 0) v[i] = -1;
    else if (x == 0.0) v[i] = 0;
    else if (x == 1.0) v[i] = 1;
    else
      throw ValidationError("", ErrorField(name), "value_range"_rule,
                            "value " + std::to_string(x) + " at index " + std::to_string(i) + " is not 1, 0 or missing");
  }
  return v;
}

// A viewer given as None (public), an audience name or Audience (through Audience's own
// constructor: ValidationError "known_name"), a Viewer, or a dict read by the one viewer reader
// (json.hpp).
Viewer viewer_from(py::object viewer) {
  if (viewer.is_none()) return Viewer{Audience::Public, ""};
  if (py::isinstance<py::str>(viewer))
    viewer = py::module_::import("laycoach._core").attr("Audience")(viewer);
  if (py::isinstance<Audience>(viewer)) return Viewer{viewer.cast<Audience>(), ""};
  if (py::isinstance<py::dict>(viewer)) return viewer_from_json(laycoach::pybind::py_to_json(viewer, "", "viewer").dump());
  return viewer.cast<Viewer>();
}

// A policy given as None (the default), a SuppressionPolicy or a dict read by the one policy reader.
std::optional<SuppressionPolicy> policy_from(py::object policy) {
  if (policy.is_none()) return std::nullopt;
  if (py::isinstance<py::dict>(policy))
    return suppression_policy_from_json(laycoach::pybind::py_to_json(policy, "", "policy").dump());
  return policy.cast<SuppressionPolicy>();
}

// The report of a columns evaluation: the same writer (and keys) as a programme's report.
std::string columns_report_json(std::vector<OutcomeReport> outs, std::vector<ProportionTable> props, const Viewer& v,
                                bool disclosed, const SuppressionPolicy& pol, double confidence) {
  EvaluationReport r;
  r.audience = v.audience;
  r.viewer_id = v.id;
  r.disclosure_controlled = disclosed;
  r.policy = pol;
  r.confidence = confidence;
  r.outcomes = std::move(outs);
  r.proportions = std::move(props);
  return columns_report_to_json(r);
}

py::object evaluate_columns_py(const F64& before, const F64& after, py::object groups, py::object labels,
                               py::object trend, std::string name, std::optional<double> reliability,
                               std::optional<double> meaningful_change, bool higher_is_better,
                               std::optional<std::pair<double, double>> range, double confidence, bool wilcoxon,
                               bool group_differences, bool histogram, py::object proportions, py::object audience,
                               py::object policy, py::object record_keys) {
  ColumnOutcome co;
  co.name = std::move(name);
  co.before = view(before, "before");
  co.after = view(after, "after");
  co.reliability = reliability;
  co.meaningful_change = meaningful_change;
  co.higher_is_better = higher_is_better;
  co.range = range;
  std::vector<PyBreakdown> held;
  if (!groups.is_none()) {
    py::dict lab = labels.is_none() ? py::dict() : py::dict(labels);
    py::dict tr = trend.is_none() ? py::dict() : py::dict(trend);
    for (auto [k, v] : py::dict(groups)) {
      const std::string key = py::str(k);
      py::object l = lab.contains(k) ? py::reinterpret_borrow<py::object>(lab[k]) : py::none();
      py::object t = tr.contains(k) ? py::reinterpret_borrow<py::object>(tr[k]) : py::none();
      held.push_back(breakdown_from(key, v, l, t));
    }
  }
  std::vector<std::pair<std::string, std::vector<std::int8_t>>> props;
  if (!proportions.is_none())
    for (auto [k, v] : py::dict(proportions)) {
      const std::string key = py::str(k);
      props.emplace_back(key, proportion_from(key, v));
    }
  // No audience: the least privileged (public), as in every face; exact figures are asked for.
  const Viewer viewer = viewer_from(audience);
  const bool controlled = aggregate_only(viewer.audience);
  // Columnar data has no service: the library's default is the floor. For an exact audience a
  // policy previews the release under it.
  const std::optional<SuppressionPolicy> asked = policy_from(policy);
  const SuppressionPolicy pol = asked.value_or(SuppressionPolicy{});
  if (controlled) require_floor(pol, SuppressionPolicy{});
  const bool released = controlled || asked.has_value();
  using U64 = py::array_t<std::uint64_t, py::array::c_style | py::array::forcecast>;
  U64 keys_held;
  std::vector<std::uint64_t> positions;
  if (!record_keys.is_none()) {
    keys_held = U64::ensure(record_keys);
    if (!keys_held) throw py::type_error("record_keys must be an array of unsigned 64-bit integers");
    co.record_keys = std::span<const std::uint64_t>(keys_held.data(), static_cast<std::size_t>(keys_held.size()));
  } else if (released) {
    positions = position_keys(co.before.size());
    co.record_keys = positions;
  }
  std::vector<ColumnBreakdown> bds;
  for (const auto& h : held) bds.push_back(h.b);
  ColumnOptions opt;
  opt.confidence = confidence;
  opt.wilcoxon = wilcoxon;
  opt.group_differences = group_differences;
  opt.histogram = histogram;
  std::string text;
  {
    py::gil_scoped_release release;
    std::vector<OutcomeReport> outs{evaluate_columns(co, bds, opt)};
    std::vector<ProportionTable> tables;
    for (auto& [k, v] : props) tables.push_back(evaluate_proportion_columns(k, v, bds, confidence, co.record_keys));
    if (released) {
      for (auto& o : outs) disclose(o, pol, confidence);
      for (auto& t : tables) disclose(t, pol, confidence);
    }
    text = columns_report_json(std::move(outs), std::move(tables), viewer, released, pol, confidence);
  }
  return report_from_json(text);
}

void init_evaluation(py::module_& m) {
  m.def("evaluate_columns", &evaluate_columns_py, py::arg("before"), py::arg("after"), py::arg("groups") = py::none(),
        py::kw_only(), py::arg("labels") = py::none(), py::arg("trend") = py::none(), py::arg("name") = "outcome",
        py::arg("reliability") = py::none(), py::arg("meaningful_change") = py::none(),
        py::arg("higher_is_better") = true, py::arg("range") = py::none(), py::arg("confidence") = 0.95,
        py::arg("wilcoxon") = true, py::arg("group_differences") = true, py::arg("histogram") = true,
        py::arg("proportions") = py::none(), py::arg("audience") = py::none(), py::arg("policy") = py::none(),
        py::arg("record_keys") = py::none(),
        R"doc(Evaluate before/after columns (the fast path): one pair per episode, NaN = not paired.

groups: {name: codes} with int codes (-1 = not in the breakdown; names from labels={name: [...]})
or any array-like of labels (strings, pandas Categorical: factorised, sorted). trend={name: [x per
label]} adds the dose-response line. proportions={name: array of 1/0/NaN} adds proportions with
Wilson intervals over the same groups. audience defaults to "public" (the least privileged, as
in every face): employer, commissioner and public audiences get disclosure control
(docs/disclosure.md) under the default policy or a stronger one (SuppressionPolicy or a dict;
a weaker one raises ForbiddenError policy_below_floor); ask for audience="service_manager" (or
"coach") for exact figures, and give those a policy to preview a release under it.
record_keys: one uint64 per pair keying the cell key method (the same people, the same
perturbation in every call); without them the keys follow the rows' positions.
Returns a laycoach.report.Report.
The GIL is released while the engine runs.)doc");

  m.def(
      "evaluate_json",
      [](const Programme& p, const std::string& options_json, std::optional<int> indent) {
        py::gil_scoped_release release;
        return evaluate_json(p, options_json, indent.value_or(-1));
      },
      py::arg("programme"), py::arg("options_json") = "", py::arg("indent") = py::none(),
      "The evaluation report of a programme as a JSON document; options as the C API's lc_programme_evaluate.");

  m.def(
      "evaluation_report_csv",
      [](const std::string& report_json) {
        std::vector<CsvTable> tables;
        {
          py::gil_scoped_release release;
          tables = evaluation_report_csv_from_json(report_json);
        }
        py::dict out;
        for (const auto& t : tables) out[py::str(t.name)] = py::str(t.csv);
        return out;
      },
      py::arg("report_json"),
      "The tables of an evaluation report document as RFC 4180 CSV texts {name: text} (C++ "
      "evaluation_report_csv): the figures the document releases, \"*\" where withheld. Raises ParseError "
      "for a document that is not an evaluation report.");

  // Programme.evaluate: attached to the class the core registers (order 0 runs first).
  py::object cls = m.attr("Programme");
  py::cpp_function fn(
      [](const Programme& p, py::object viewer, py::object policy, py::kwargs options) {
        py::dict doc;
        for (auto [k, v] : options) doc[k] = v;
        if (!viewer.is_none()) {
          const Viewer v = viewer_from(viewer);
          doc["audience"] = to_string(v.audience);
          if (!v.id.empty()) doc["viewer_id"] = v.id;
        }
        if (!policy.is_none())
          doc["policy"] = py::module_::import("json").attr("loads")(suppression_policy_to_json(*policy_from(policy)));
        const std::string text =
            py::module_::import("laycoach.report").attr("options_json")(doc).cast<std::string>();
        std::string out;
        {
          py::gil_scoped_release release;
          out = evaluate_json(p, text);
        }
        return report_from_json(out);
      },
      py::name("evaluate"), py::is_method(cls), py::sibling(py::getattr(cls, "evaluate", py::none())),
      py::arg("viewer") = py::none(), py::arg("policy") = py::none(),
      R"doc(Evaluate the programme for a viewer (Viewer, Audience or audience name; default "public").

Keyword options are those of the options document: pairing={...}, outcomes=[...],
breakdowns=[...], confidence=0.95, max_dose=6, from_=/to= (aware datetimes or ISO text; "from"
also accepted through **{"from": ...}), wilcoxon, group_differences, equity={"denominators":
{"staff_group": {"nursing": 1200, ...}}, "outcome": ...} (access equity: report.equity_frame()),
unit_costs={"source": ..., "price_year": ..., "coach_hour": {"7": {"value": 60, "low": 50, "high": 70}},
...} (value: report.value_frame()); see docs/equity-and-value.md.
Employer, commissioner and public audiences get disclosure-controlled figures (docs/disclosure.md)
under the service's floor or a stronger policy (a weaker one raises ForbiddenError
policy_below_floor); a service manager or coach given a policy previews the release under it.
Returns a laycoach.report.Report (DataFrames: .frames(); HTML: .to_html()).)doc");
  cls.attr("evaluate") = fn;
}

laycoach::pybind::Registrar reg(30, "evaluation", &init_evaluation);

}  // namespace
