// Python face of laycoach::stats: fills the submodule laycoach._core.stats. Arrays cross as
// contiguous float64 numpy arrays (converted once if needed), the GIL is released for the
// computation, and laycoach::Error propagates to the exception translators the module
// registers globally.
#include "laycoach/error.hpp"
#include "laycoach/stats.hpp"
#include "laycoach/stats_models.hpp"
#include "nan_policy.hpp"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <utility>

using laycoach::ErrorField;  // error constructors: run-time fields and rules are named explicitly
using laycoach::ErrorRule;
using laycoach::operator""_rule;

namespace py = pybind11;
namespace st = laycoach::stats;

namespace {

using Array = py::array_t<double, py::array::c_style | py::array::forcecast>;

// A 1-D view of a numpy array; the array object must outlive the span (it does: the caller
// holds the argument for the whole call). Throws ValidationError "<field>"/"one_dimensional".
std::span<const double> view(const Array& a, const char* field) {
  if (a.ndim() != 1)
    throw laycoach::ValidationError("", ErrorField(field), "one_dimensional"_rule,
                                    "expected a 1-D array, got " + std::to_string(a.ndim()) + " dimensions");
  return {a.data(), static_cast<std::size_t>(a.shape(0))};
}

}  // namespace

/// Fills m (the "stats" submodule) with the paired before/after statistics of laycoach::stats.
void init_stats(py::module_& m) {
  py::class_<st::PairedT>(m, "PairedT", "Result of paired_t: descriptives, t-test and effect sizes.")
      .def_readonly("n", &st::PairedT::n, "number of pairs")
      .def_readonly("mean_before", &st::PairedT::mean_before, "mean of before")
      .def_readonly("sd_before", &st::PairedT::sd_before, "sample sd (n - 1) of before")
      .def_readonly("mean_after", &st::PairedT::mean_after, "mean of after")
      .def_readonly("sd_after", &st::PairedT::sd_after, "sample sd (n - 1) of after")
      .def_readonly("mean_diff", &st::PairedT::mean_diff, "mean of after - before")
      .def_readonly("sd_diff", &st::PairedT::sd_diff, "sample sd (n - 1) of after - before")
      .def_readonly("confidence", &st::PairedT::confidence, "confidence level of the CI")
      .def_readonly("ci_low", &st::PairedT::ci_low, "lower end of the t-based CI of mean_diff")
      .def_readonly("ci_high", &st::PairedT::ci_high, "upper end of the t-based CI of mean_diff")
      .def_readonly("t", &st::PairedT::t, "t statistic (> 0 when after is higher)")
      .def_readonly("df", &st::PairedT::df, "degrees of freedom n - 1")
      .def_readonly("p", &st::PairedT::p, "two-sided p-value")
      .def_readonly("d_z", &st::PairedT::d_z, "Cohen's d_z = mean_diff / sd_diff")
      .def_readonly("d_av", &st::PairedT::d_av, "Cohen's d_av = mean_diff / ((sd_before + sd_after) / 2)")
      .def_readonly("g_z", &st::PairedT::g_z, "Hedges' g_z = J * d_z, J = 1 - 3/(4 df - 1)")
      .def_readonly("g_av", &st::PairedT::g_av, "Hedges' g_av = J * d_av");

  py::class_<st::Wilcoxon>(m, "Wilcoxon", "Result of wilcoxon: signed-rank test of after - before.")
      .def_readonly("n", &st::Wilcoxon::n, "non-zero differences used")
      .def_readonly("n_zero", &st::Wilcoxon::n_zero, "zero differences dropped")
      .def_readonly("w_plus", &st::Wilcoxon::w_plus, "sum of ranks of positive differences")
      .def_readonly("w_minus", &st::Wilcoxon::w_minus, "sum of ranks of negative differences")
      .def_readonly("z", &st::Wilcoxon::z,
                    "signed normal-approximation z, tie-corrected, no continuity correction "
                    "(scipy's two-sided zstatistic is -abs(z))")
      .def_readonly("p", &st::Wilcoxon::p, "two-sided p-value")
      .def_readonly("r", &st::Wilcoxon::r, "effect size r = z / sqrt(n)")
      .def_readonly("exact", &st::Wilcoxon::exact, "True when p is exact (n <= 50, no tied |d|)")
      .def_readonly("has_ties", &st::Wilcoxon::has_ties, "True when some non-zero |d| are tied");

  py::class_<st::ReliableChange>(m, "ReliableChange", "Result of reliable_change (Jacobson-Truax).")
      .def_readonly("n", &st::ReliableChange::n, "number of pairs")
      .def_readonly("sd_before", &st::ReliableChange::sd_before, "sample sd of before used")
      .def_readonly("reliability", &st::ReliableChange::reliability, "reliability used")
      .def_readonly("threshold", &st::ReliableChange::threshold, "|after - before| must exceed this")
      .def_readonly("improved", &st::ReliableChange::improved, "changed reliably for the better")
      .def_readonly("deteriorated", &st::ReliableChange::deteriorated, "changed reliably for the worse")
      .def_readonly("unchanged", &st::ReliableChange::unchanged, "no reliable change")
      .def_readonly("share_improved", &st::ReliableChange::share_improved, "improved / n")
      .def_readonly("share_deteriorated", &st::ReliableChange::share_deteriorated, "deteriorated / n")
      .def_readonly("share_unchanged", &st::ReliableChange::share_unchanged, "unchanged / n");

  m.def(
      "mean",
      [](const Array& values, const std::string& nan_policy) {
        const auto v = view(values, "values");
        const auto policy = laycoach::pybind::nan_policy_arg(nan_policy);
        py::gil_scoped_release release;
        return st::mean(v, policy);
      },
      py::arg("values"), py::arg("nan_policy") = "propagate",
      "Arithmetic mean of a 1-D array. nan_policy as scipy's: 'propagate' (a NaN gives NaN), 'omit' (NaN\n"
      "dropped) or 'raise' (ValidationError values/nan). Raises ValidationError values/min_size (no value),\n"
      "values/finite (inf), nan_policy/unknown.");

  m.def(
      "sd",
      [](const Array& values, const std::string& nan_policy) {
        const auto v = view(values, "values");
        const auto policy = laycoach::pybind::nan_policy_arg(nan_policy);
        py::gil_scoped_release release;
        return st::sd(v, policy);
      },
      py::arg("values"), py::arg("nan_policy") = "propagate",
      "Sample standard deviation (n - 1); nan for one value. nan_policy and errors as mean().");

  m.def(
      "paired_t",
      [](const Array& before, const Array& after, double confidence, const std::string& nan_policy) {
        const auto b = view(before, "before");
        const auto a = view(after, "after");
        const auto policy = laycoach::pybind::nan_policy_arg(nan_policy);
        py::gil_scoped_release release;
        return st::paired_t(b, a, confidence, policy);
      },
      py::arg("before"), py::arg("after"), py::arg("confidence") = 0.95, py::arg("nan_policy") = "propagate",
      "Paired t-test of after - before with a CI of the mean difference and effect sizes.\n"
      "nan_policy as scipy.stats.ttest_rel: 'propagate' (a NaN makes every figure NaN; n counts every pair),\n"
      "'omit' (pairs with a NaN on either side are dropped) or 'raise' (ValidationError before|after/nan).\n"
      "Raises ValidationError after/same_length, before/min_size, before|after/finite (inf),\n"
      "confidence/range, nan_policy/unknown.");

  m.def(
      "wilcoxon",
      [](const Array& before, const Array& after, const std::string& nan_policy) {
        const auto b = view(before, "before");
        const auto a = view(after, "after");
        const auto policy = laycoach::pybind::nan_policy_arg(nan_policy);
        py::gil_scoped_release release;
        return st::wilcoxon(b, a, policy);
      },
      py::arg("before"), py::arg("after"), py::arg("nan_policy") = "propagate",
      "Wilcoxon signed-rank test of after - before (zeros dropped; exact p for n <= 50 without ties).\n"
      "nan_policy as scipy.stats.wilcoxon: 'propagate' (a NaN makes w_plus, w_minus, z, p, r NaN),\n"
      "'omit' (pairs with a NaN on either side are dropped) or 'raise' (ValidationError before|after/nan).");

  // The Wilson interval is a tuple (low, high), so `low, high = wilson(k, n)` unpacks it, with
  // k, n, confidence and share as attributes; its display (init_rich.cpp) is every result's.
  py::object builtins = py::module_::import("builtins");
  py::object itemgetter = py::module_::import("operator").attr("itemgetter");
  py::dict ns;
  ns["__module__"] = m.attr("__name__");
  ns["__doc__"] =
      "Result of wilson: the Wilson score interval of a share, a tuple (low, high) so that `low, high = "
      "wilson(k, n)` unpacks it; k, n, share (k / n) and confidence are attributes.";
  ns["low"] = builtins.attr("property")(itemgetter(0), py::none(), py::none(), "lower end of the interval (0..1)");
  ns["high"] = builtins.attr("property")(itemgetter(1), py::none(), py::none(), "upper end of the interval (0..1)");
  py::object wilson_cls = builtins.attr("type")("WilsonInterval", py::make_tuple(builtins.attr("tuple")), ns);
  m.attr("WilsonInterval") = wilson_cls;
  m.def(
      "wilson",
      [cls = py::handle(wilson_cls)](std::int64_t k, std::int64_t n, double confidence) {  // the module keeps cls
        const auto w = st::wilson(k, n, confidence);
        py::object r = cls(py::make_tuple(w.low, w.high));
        r.attr("k") = k;
        r.attr("n") = n;
        r.attr("confidence") = confidence;
        r.attr("share") = static_cast<double>(k) / static_cast<double>(n);
        return r;
      },
      py::arg("k"), py::arg("n"), py::arg("confidence") = 0.95,
      "Wilson score interval for k successes out of n: a WilsonInterval, the tuple (low, high) with k, n,\n"
      "share and confidence. Raises ValidationError n/positive (n <= 0), k/range (k outside 0..n),\n"
      "confidence/range.");

  m.def("reliable_change_threshold", &st::reliable_change_threshold, py::arg("sd_before"),
        py::arg("reliability"), "Jacobson-Truax threshold 1.96 * sd_before * sqrt(2) * sqrt(1 - reliability).");

  m.def(
      "reliable_change",
      [](const Array& before, const Array& after, double reliability, bool higher_is_better,
         const std::string& nan_policy) {
        const auto b = view(before, "before");
        const auto a = view(after, "after");
        const auto policy = laycoach::pybind::nan_policy_arg(nan_policy);
        py::gil_scoped_release release;
        return st::reliable_change(b, a, reliability, higher_is_better, policy);
      },
      py::arg("before"), py::arg("after"), py::arg("reliability"), py::arg("higher_is_better") = true,
      py::arg("nan_policy") = "propagate",
      "Counts of reliable improvement / deterioration / no change (Jacobson-Truax).\n"
      "nan_policy as scipy's: 'propagate' (a NaN makes sd_before, threshold and the shares NaN and every\n"
      "count 0; n counts every pair), 'omit' (pairs with a NaN on either side dropped) or 'raise'\n"
      "(ValidationError before|after/nan). Raises ValidationError after/same_length, before/min_size\n"
      "(fewer than 2 pairs), before|after/finite (inf), reliability/range, nan_policy/unknown.");
}
