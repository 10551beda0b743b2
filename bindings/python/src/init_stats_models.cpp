// Python face of laycoach/stats_models.hpp: effect-size intervals, ANCOVA and the two-arm
// comparison, added to the submodule laycoach._core.stats. Group and arm columns are turned into
// integer codes by laycoach.stats (pure Python, where labels of any type are natural); the
// compiled functions take the codes (_ancova, _compare_arms). Results get to_dict(), to_frame()
// and a notebook display from init_rich.cpp (one mechanism for every result class).
#include "laycoach/error.hpp"
#include "laycoach/stats_models.hpp"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "nan_policy.hpp"
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

st::NanPolicy nan_policy(const std::string& s) { return laycoach::pybind::nan_policy_arg(s); }

py::object pandas() { return py::module_::import("pandas"); }

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
      .def_readonly("ci_high", &st::Estimate::high, "upper confidence limit");

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
      .def_readonly("g_av", &st::EffectSizes::g_av, "Hedges' g_av = J d_av; CI = J x that of d_av");

  py::class_<st::WelchT>(m, "WelchT", "Welch two-sample t-test of a difference in means.")
      .def_readonly("difference", &st::WelchT::difference, "mean of the first group - mean of the second")
      .def_readonly("se", &st::WelchT::se, "standard error of the difference")
      .def_readonly("ci_low", &st::WelchT::ci_low, "lower end of the t-based CI")
      .def_readonly("ci_high", &st::WelchT::ci_high, "upper end of the t-based CI")
      .def_readonly("t", &st::WelchT::t, "t statistic")
      .def_readonly("df", &st::WelchT::df, "Welch-Satterthwaite degrees of freedom")
      .def_readonly("p", &st::WelchT::p, "two-sided p-value");

  py::class_<st::Coefficient>(m, "Coefficient", "One coefficient of a least-squares fit with its t-test and CI.")
      .def_readonly("term", &st::Coefficient::term, "'Intercept', 'before' or '<factor>[T.<label>]'")
      .def_readonly("estimate", &st::Coefficient::estimate, "least-squares estimate")
      .def_readonly("se", &st::Coefficient::se, "standard error")
      .def_readonly("t", &st::Coefficient::t, "estimate / se")
      .def_readonly("p", &st::Coefficient::p, "two-sided p-value")
      .def_readonly("ci_low", &st::Coefficient::ci_low, "lower end of the t-based CI")
      .def_readonly("ci_high", &st::Coefficient::ci_high, "upper end of the t-based CI");

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
      .def_readonly("p", &st::AdjustedMean::p, "two-sided p-value of no adjusted change");

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
      .def(
          "adjusted_frame",
          [](py::handle self) {
            py::list rows;
            for (py::handle g : self.attr("groups")) rows.append(g.attr("to_dict")());
            return pandas().attr("DataFrame").attr("from_records")(rows).attr("set_index")("group");
          },
          "The adjusted means as a DataFrame indexed by group.");

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
      .def_readonly("ancova", &st::ArmComparison::ancova, "the whole ANCOVA fit");

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
