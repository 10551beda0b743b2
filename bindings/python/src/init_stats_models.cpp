// Python face of laycoach/stats_models.hpp: effect-size intervals, ANCOVA and the two-arm
// comparison, added to the submodule laycoach._core.stats. Group and arm columns are turned into
// integer codes by laycoach.stats (pure Python, where labels of any type are natural); the
// compiled functions take the codes (_ancova, _compare_arms). Results have to_dict(), to_frame()
// and a notebook display.
#include "laycoach/error.hpp"
#include "laycoach/stats_models.hpp"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "registry.hpp"

using laycoach::ErrorField;
using laycoach::operator""_rule;

namespace py = pybind11;
namespace st = laycoach::stats;

namespace {

using Array = py::array_t<double, py::array::c_style | py::array::forcecast>;
using Codes = py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>;

template <class T>
std::span<const T> view(const py::array_t<T, py::array::c_style | py::array::forcecast>& a, const char* field) {
  if (a.ndim() != 1)
    throw laycoach::ValidationError("", ErrorField(field), "one_dimensional"_rule,
                                    "expected a 1-D array, got " + std::to_string(a.ndim()) + " dimensions");
  return {a.data(), static_cast<std::size_t>(a.shape(0))};
}

st::NanPolicy nan_policy(const std::string& s) {
  if (auto p = st::parse_nan_policy(s)) return *p;
  throw laycoach::ValidationError("", "nan_policy", "unknown"_rule,
                                  "nan_policy must be 'propagate', 'omit' or 'raise', got '" + s + "'");
}

// Four significant digits, as a reader wants them (the full values are in to_dict()).
std::string g4(double x) {
  std::ostringstream o;
  o.precision(4);
  o << x;
  return o.str();
}

py::object pandas() { return py::module_::import("pandas"); }

py::dict estimate_dict(const st::Estimate& e) {
  py::dict d;
  d["estimate"] = e.value;
  d["ci_low"] = e.low;
  d["ci_high"] = e.high;
  return d;
}

py::dict welch_dict(const st::WelchT& w) {
  py::dict d;
  d["difference"] = w.difference;
  d["se"] = w.se;
  d["ci_low"] = w.ci_low;
  d["ci_high"] = w.ci_high;
  d["t"] = w.t;
  d["df"] = w.df;
  d["p"] = w.p;
  return d;
}

py::dict coefficient_dict(const st::Coefficient& c) {
  py::dict d;
  d["term"] = c.term;
  d["estimate"] = c.estimate;
  d["se"] = c.se;
  d["t"] = c.t;
  d["p"] = c.p;
  d["ci_low"] = c.ci_low;
  d["ci_high"] = c.ci_high;
  return d;
}

py::dict adjusted_dict(const st::AdjustedMean& m) {
  py::dict d;
  d["group"] = m.group;
  d["n"] = m.n;
  d["mean_before"] = m.mean_before;
  d["mean_after"] = m.mean_after;
  d["adjusted_after"] = m.adjusted_after;
  d["adjusted_change"] = m.adjusted_change;
  d["se"] = m.se;
  d["ci_low"] = m.ci_low;
  d["ci_high"] = m.ci_high;
  d["t"] = m.t;
  d["p"] = m.p;
  return d;
}

py::dict effects_dict(const st::EffectSizes& e) {
  py::dict d;
  d["n"] = e.n;
  d["n_dropped"] = e.n_dropped;
  d["confidence"] = e.confidence;
  d["method"] = st::to_string(e.method);
  d["resamples"] = e.resamples;
  d["seed"] = e.seed;
  d["d_z"] = estimate_dict(e.d_z);
  d["d_av"] = estimate_dict(e.d_av);
  d["g_z"] = estimate_dict(e.g_z);
  d["g_av"] = estimate_dict(e.g_av);
  return d;
}

py::dict ancova_dict(const st::Ancova& a) {
  py::dict d;
  d["n"] = a.n;
  d["n_dropped"] = a.n_dropped;
  d["confidence"] = a.confidence;
  d["df_resid"] = a.df_resid;
  d["sigma"] = a.sigma;
  d["r_squared"] = a.r_squared;
  d["mean_before"] = a.mean_before;
  py::list coefs, groups;
  for (const auto& c : a.coefficients) coefs.append(coefficient_dict(c));
  for (const auto& m : a.groups) groups.append(adjusted_dict(m));
  d["coefficients"] = coefs;
  d["groups"] = groups;
  return d;
}

py::dict arms_dict(const st::ArmComparison& c) {
  py::dict d;
  d["n_comparison"] = c.n_comparison;
  d["n_intervention"] = c.n_intervention;
  d["n_dropped"] = c.n_dropped;
  d["confidence"] = c.confidence;
  d["mean_change_comparison"] = c.mean_change_comparison;
  d["sd_change_comparison"] = c.sd_change_comparison;
  d["mean_change_intervention"] = c.mean_change_intervention;
  d["sd_change_intervention"] = c.sd_change_intervention;
  d["change"] = welch_dict(c.change);
  d["adjusted"] = coefficient_dict(c.adjusted);
  d["ancova"] = ancova_dict(c.ancova);
  return d;
}

// A DataFrame of rows (list of dicts) indexed by `index`.
py::object frame(const py::list& rows, const char* index) {
  return pandas().attr("DataFrame").attr("from_records")(rows).attr("set_index")(index);
}

py::object effects_frame(const st::EffectSizes& e) {
  py::list rows;
  for (const auto& [name, est] : {std::pair{"d_z", e.d_z}, {"d_av", e.d_av}, {"g_z", e.g_z}, {"g_av", e.g_av}}) {
    py::dict r = estimate_dict(est);
    r["effect_size"] = name;
    rows.append(r);
  }
  return frame(rows, "effect_size");
}

py::object coefficients_frame(const st::Ancova& a) {
  py::list rows;
  for (const auto& c : a.coefficients) rows.append(coefficient_dict(c));
  return frame(rows, "term");
}

py::object adjusted_frame(const st::Ancova& a) {
  py::list rows;
  for (const auto& m : a.groups) rows.append(adjusted_dict(m));
  return frame(rows, "group");
}

py::object arms_frame(const st::ArmComparison& c) {
  py::list rows;
  py::dict w = welch_dict(c.change);
  w["analysis"] = "change (Welch t)";
  w["estimate"] = w["difference"];
  w.attr("pop")("difference");
  rows.append(w);
  py::dict a = coefficient_dict(c.adjusted);
  a["analysis"] = "baseline-adjusted (ANCOVA)";
  a["df"] = c.ancova.df_resid;
  a.attr("pop")("term");
  rows.append(a);
  const std::vector<std::string> columns = {"estimate", "se", "ci_low", "ci_high", "t", "df", "p"};
  return frame(rows, "analysis")[py::cast(columns)];
}

// A small HTML summary: a caption and the frame rounded to 4 decimals.
std::string html(const std::string& caption, const py::object& df) {
  return "<div><p><b>" + caption + "</b></p>" + df.attr("round")(4).attr("to_html")().cast<std::string>() + "</div>";
}

std::string repr(const st::EffectSizes& e) {
  std::ostringstream o;
  const int pct = static_cast<int>(std::lround(e.confidence * 100));
  o << "EffectSizes(n=" << e.n << ", " << pct << "% CI " << st::to_string(e.method);
  for (const auto& [name, est] : {std::pair{"d_z", e.d_z}, {"d_av", e.d_av}, {"g_z", e.g_z}, {"g_av", e.g_av}})
    o << ", " << name << "=" << g4(est.value) << " [" << g4(est.low) << ", " << g4(est.high) << "]";
  o << ")";
  return o.str();
}

std::string repr(const st::Ancova& a) {
  std::ostringstream o;
  o << "Ancova(n=" << a.n << ", df_resid=" << g4(a.df_resid) << ", r_squared=" << g4(a.r_squared);
  for (const auto& c : a.coefficients)
    o << ", " << c.term << "=" << g4(c.estimate) << " [" << g4(c.ci_low) << ", " << g4(c.ci_high) << "] p=" << g4(c.p);
  o << ")";
  return o.str();
}

std::string repr(const st::ArmComparison& c) {
  std::ostringstream o;
  o << "ArmComparison(n=" << c.n_comparison << "+" << c.n_intervention << ", change difference="
    << g4(c.change.difference) << " [" << g4(c.change.ci_low) << ", " << g4(c.change.ci_high)
    << "] p=" << g4(c.change.p) << ", adjusted=" << g4(c.adjusted.estimate) << " [" << g4(c.adjusted.ci_low) << ", "
    << g4(c.adjusted.ci_high) << "] p=" << g4(c.adjusted.p) << ")";
  return o.str();
}

std::vector<std::string> label_list(const py::object& labels) {
  std::vector<std::string> out;
  if (labels.is_none()) return out;
  for (const auto& l : labels) out.push_back(py::str(l).cast<std::string>());
  return out;
}

void init_stats_models(py::module_& parent) {
  py::module_ m = parent.attr("stats");

  py::class_<st::Estimate>(m, "Estimate", "An estimate with its confidence interval.")
      .def_readonly("estimate", &st::Estimate::value, "point estimate")
      .def_readonly("ci_low", &st::Estimate::low, "lower confidence limit")
      .def_readonly("ci_high", &st::Estimate::high, "upper confidence limit")
      .def("to_dict", &estimate_dict, "The estimate and its limits as a dict.")
      .def("__repr__", [](const st::Estimate& e) {
        return "Estimate(" + g4(e.value) + " [" + g4(e.low) + ", " + g4(e.high) + "])";
      });

  py::class_<st::EffectSizes>(m, "EffectSizes",
                              "Result of effect_sizes: d_z, d_av, g_z, g_av with confidence intervals.")
      .def_readonly("n", &st::EffectSizes::n, "pairs used")
      .def_readonly("n_dropped", &st::EffectSizes::n_dropped, "pairs dropped for a missing value (nan_policy='omit')")
      .def_readonly("confidence", &st::EffectSizes::confidence, "confidence level of the intervals")
      .def_property_readonly("method", [](const st::EffectSizes& e) { return std::string(st::to_string(e.method)); },
                             "'analytic', 'percentile' or 'bca'")
      .def_readonly("resamples", &st::EffectSizes::resamples, "bootstrap resamples (0 for analytic)")
      .def_readonly("seed", &st::EffectSizes::seed, "bootstrap seed")
      .def_readonly("d_z", &st::EffectSizes::d_z, "Cohen's d_z = mean(d) / sd(d) with its CI")
      .def_readonly("d_av", &st::EffectSizes::d_av, "Cohen's d_av = mean(d) / mean of the two SDs, with its CI")
      .def_readonly("g_z", &st::EffectSizes::g_z, "Hedges' g_z = J d_z; CI = J x that of d_z")
      .def_readonly("g_av", &st::EffectSizes::g_av, "Hedges' g_av = J d_av; CI = J x that of d_av")
      .def("to_dict", &effects_dict, "Every figure as a (nested) dict.")
      .def("to_frame", &effects_frame, "A DataFrame: one row per effect size; estimate, ci_low, ci_high.")
      .def("_repr_html_", [](const st::EffectSizes& e) {
        return html("Effect sizes (n = " + std::to_string(e.n) + ", " + g4(e.confidence * 100) + "% CI, " +
                        st::to_string(e.method) + ")",
                    effects_frame(e));
      })
      .def("__repr__", [](const st::EffectSizes& e) { return repr(e); });

  py::class_<st::WelchT>(m, "WelchT", "Welch two-sample t-test of a difference in means.")
      .def_readonly("difference", &st::WelchT::difference, "mean of the first group - mean of the second")
      .def_readonly("se", &st::WelchT::se, "standard error of the difference")
      .def_readonly("ci_low", &st::WelchT::ci_low, "lower end of the t-based CI")
      .def_readonly("ci_high", &st::WelchT::ci_high, "upper end of the t-based CI")
      .def_readonly("t", &st::WelchT::t, "t statistic")
      .def_readonly("df", &st::WelchT::df, "Welch-Satterthwaite degrees of freedom")
      .def_readonly("p", &st::WelchT::p, "two-sided p-value")
      .def("to_dict", &welch_dict, "Every figure as a dict.")
      .def("__repr__", [](const st::WelchT& w) {
        return "WelchT(difference=" + g4(w.difference) + " [" + g4(w.ci_low) + ", " + g4(w.ci_high) + "], t=" +
               g4(w.t) + ", df=" + g4(w.df) + ", p=" + g4(w.p) + ")";
      });

  py::class_<st::Coefficient>(m, "Coefficient", "One coefficient of a least-squares fit with its t-test and CI.")
      .def_readonly("term", &st::Coefficient::term, "'Intercept', 'before' or '<factor>[T.<label>]'")
      .def_readonly("estimate", &st::Coefficient::estimate, "least-squares estimate")
      .def_readonly("se", &st::Coefficient::se, "standard error")
      .def_readonly("t", &st::Coefficient::t, "estimate / se")
      .def_readonly("p", &st::Coefficient::p, "two-sided p-value")
      .def_readonly("ci_low", &st::Coefficient::ci_low, "lower end of the t-based CI")
      .def_readonly("ci_high", &st::Coefficient::ci_high, "upper end of the t-based CI")
      .def("to_dict", &coefficient_dict, "Every figure as a dict.")
      .def("__repr__", [](const st::Coefficient& c) {
        return "Coefficient(" + c.term + "=" + g4(c.estimate) + ", se=" + g4(c.se) + ", CI [" + g4(c.ci_low) + ", " +
               g4(c.ci_high) + "], p=" + g4(c.p) + ")";
      });

  py::class_<st::AdjustedMean>(m, "AdjustedMean", "A group's follow-up and change adjusted to the mean baseline.")
      .def_readonly("group", &st::AdjustedMean::group, "group label ('all' without groups)")
      .def_readonly("n", &st::AdjustedMean::n, "pairs of the group")
      .def_readonly("mean_before", &st::AdjustedMean::mean_before, "raw baseline mean")
      .def_readonly("mean_after", &st::AdjustedMean::mean_after, "raw follow-up mean")
      .def_readonly("adjusted_after", &st::AdjustedMean::adjusted_after, "predicted follow-up at the overall mean baseline")
      .def_readonly("adjusted_change", &st::AdjustedMean::adjusted_change, "adjusted_after - overall mean baseline")
      .def_readonly("se", &st::AdjustedMean::se, "standard error of adjusted_after (and adjusted_change)")
      .def_readonly("ci_low", &st::AdjustedMean::ci_low, "lower end of the CI of adjusted_change")
      .def_readonly("ci_high", &st::AdjustedMean::ci_high, "upper end of the CI of adjusted_change")
      .def_readonly("t", &st::AdjustedMean::t, "adjusted_change / se")
      .def_readonly("p", &st::AdjustedMean::p, "two-sided p-value of no adjusted change")
      .def("to_dict", &adjusted_dict, "Every figure as a dict.")
      .def("__repr__", [](const st::AdjustedMean& a) {
        return "AdjustedMean(" + a.group + ": n=" + std::to_string(a.n) + ", adjusted_change=" + g4(a.adjusted_change) +
               " [" + g4(a.ci_low) + ", " + g4(a.ci_high) + "], p=" + g4(a.p) + ")";
      });

  py::class_<st::Ancova>(m, "Ancova", "Result of ancova: follow-up regressed on baseline (+ group indicators).")
      .def_readonly("n", &st::Ancova::n, "pairs used")
      .def_readonly("n_dropped", &st::Ancova::n_dropped, "rows dropped for a missing value (nan_policy='omit')")
      .def_readonly("confidence", &st::Ancova::confidence, "confidence level of the CIs")
      .def_readonly("df_resid", &st::Ancova::df_resid, "residual degrees of freedom")
      .def_readonly("sigma", &st::Ancova::sigma, "residual standard deviation")
      .def_readonly("r_squared", &st::Ancova::r_squared, "coefficient of determination")
      .def_readonly("mean_before", &st::Ancova::mean_before, "overall baseline mean (where adjusted means are taken)")
      .def_readonly("coefficients", &st::Ancova::coefficients, "Intercept, before, then one per non-reference group")
      .def_readonly("groups", &st::Ancova::groups, "adjusted means, one per group (or 'all')")
      .def("to_dict", &ancova_dict, "Every figure as a (nested) dict.")
      .def("to_frame", &coefficients_frame, "The coefficients as a DataFrame indexed by term.")
      .def("adjusted_frame", &adjusted_frame, "The adjusted means as a DataFrame indexed by group.")
      .def("_repr_html_", [](const st::Ancova& a) {
        return html("ANCOVA of follow-up on baseline (n = " + std::to_string(a.n) + ", R\u00b2 = " + g4(a.r_squared) +
                        ")",
                    coefficients_frame(a)) +
               html("Baseline-adjusted change", adjusted_frame(a));
      })
      .def("__repr__", [](const st::Ancova& a) { return repr(a); });

  py::class_<st::ArmComparison>(m, "ArmComparison",
                                "Result of compare_arms: difference in change between two arms (intervention - comparison).")
      .def_readonly("n_comparison", &st::ArmComparison::n_comparison, "pairs in the comparison arm")
      .def_readonly("n_intervention", &st::ArmComparison::n_intervention, "pairs in the intervention arm")
      .def_readonly("n_dropped", &st::ArmComparison::n_dropped, "rows dropped for a missing value (nan_policy='omit')")
      .def_readonly("confidence", &st::ArmComparison::confidence, "confidence level of the CIs")
      .def_readonly("mean_change_comparison", &st::ArmComparison::mean_change_comparison, "mean change, comparison arm")
      .def_readonly("sd_change_comparison", &st::ArmComparison::sd_change_comparison, "SD of change, comparison arm")
      .def_readonly("mean_change_intervention", &st::ArmComparison::mean_change_intervention,
                    "mean change, intervention arm")
      .def_readonly("sd_change_intervention", &st::ArmComparison::sd_change_intervention,
                    "SD of change, intervention arm")
      .def_readonly("change", &st::ArmComparison::change, "Welch t of change scores, intervention - comparison")
      .def_readonly("adjusted", &st::ArmComparison::adjusted, "the ANCOVA arm effect (after ~ before + arm)")
      .def_readonly("ancova", &st::ArmComparison::ancova, "the whole ANCOVA fit")
      .def("to_dict", &arms_dict, "Every figure as a (nested) dict.")
      .def("to_frame", &arms_frame, "The two analyses (Welch t of change, ANCOVA) as a DataFrame.")
      .def("_repr_html_", [](const st::ArmComparison& c) {
        return html("Difference in change, intervention (n = " + std::to_string(c.n_intervention) +
                        ") - comparison (n = " + std::to_string(c.n_comparison) + ")",
                    arms_frame(c));
      })
      .def("__repr__", [](const st::ArmComparison& c) { return repr(c); });

  m.def(
      "effect_sizes",
      [](const Array& before, const Array& after, double confidence, const std::string& method,
         std::int64_t resamples, std::uint64_t seed, const std::string& nan) {
        const auto b = view(before, "before");
        const auto a = view(after, "after");
        const auto policy = nan_policy(nan);
        const auto how = st::parse_ci_method(method);
        if (!how)
          throw laycoach::ValidationError("", "method", "unknown"_rule,
                                          "method must be 'analytic', 'percentile' or 'bca', got '" + method + "'");
        py::gil_scoped_release release;
        if (*how == st::CiMethod::Analytic) return st::effect_sizes(b, a, confidence, policy);
        return st::effect_sizes_bootstrap(b, a, st::BootstrapOptions{*how, resamples, seed, confidence}, policy);
      },
      py::arg("before"), py::arg("after"), py::arg("confidence") = 0.95, py::arg("method") = "analytic",
      py::arg("resamples") = 2000, py::arg("seed") = 0, py::arg("nan_policy") = "propagate",
      "Effect sizes d_z, d_av, g_z, g_av of after - before with confidence intervals: method 'analytic'\n"
      "(noncentral t; Algina-Keselman for d_av), 'percentile' or 'bca' (bootstrap of pairs, deterministic\n"
      "for a seed). nan_policy as scipy: 'propagate', 'omit' or 'raise'. See docs/statistics.md.");

  m.def(
      "_ancova",
      [](const Array& before, const Array& after, const Codes& codes, const py::object& labels, double confidence,
         const std::string& nan) {
        const auto b = view(before, "before");
        const auto a = view(after, "after");
        const auto c = view(codes, "group");
        const auto l = label_list(labels);
        const auto policy = nan_policy(nan);
        py::gil_scoped_release release;
        return st::ancova(b, a, c, l, confidence, policy);
      },
      py::arg("before"), py::arg("after"), py::arg("codes"), py::arg("labels"), py::arg("confidence") = 0.95,
      py::arg("nan_policy") = "propagate", "ANCOVA on integer group codes (use laycoach.stats.ancova).");

  m.def(
      "_compare_arms",
      [](const Array& before, const Array& after, const Codes& codes, const py::object& labels, double confidence,
         const std::string& nan) {
        const auto b = view(before, "before");
        const auto a = view(after, "after");
        const auto c = view(codes, "arm");
        const auto l = label_list(labels);
        const auto policy = nan_policy(nan);
        py::gil_scoped_release release;
        return st::compare_arms(b, a, c, l, confidence, policy);
      },
      py::arg("before"), py::arg("after"), py::arg("codes"), py::arg("labels"), py::arg("confidence") = 0.95,
      py::arg("nan_policy") = "propagate", "Two-arm comparison on arm codes 0/1 (use laycoach.stats.compare_arms).");
}

// After "measures" (order 10), which creates the stats submodule.
laycoach::pybind::Registrar reg(11, "stats_models", &init_stats_models);

}  // namespace
