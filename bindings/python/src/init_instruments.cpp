// Python face of the instrument library: score one response, score an answer matrix into a
// numpy column (GIL released), list/read/load instrument definitions, PAM levels.
// C++ exceptions propagate; module.cpp maps them to laycoach.Error subclasses.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "laycoach/error.hpp"
#include "laycoach/instrument.hpp"

namespace py = pybind11;

namespace {

using laycoach::ErrorField;
using laycoach::ErrorRule;
using laycoach::operator""_rule;
using laycoach::Instrument;
using laycoach::InstrumentLibrary;
using laycoach::MissingPolicy;
using laycoach::Score;
using laycoach::ScaleScore;
using laycoach::ScoreOptions;
using laycoach::ValidationError;

// The module's library: the built-ins plus whatever load_instrument adds. Leaked on purpose so
// no Python object can outlive it at interpreter shutdown.
InstrumentLibrary& library() { return InstrumentLibrary::shared(); }

py::object optional_float(const std::optional<double>& v) {
  return v ? py::object(py::float_(*v)) : py::object(py::none());
}

py::list string_list(const std::vector<std::string>& v) {
  py::list out;
  for (const std::string& s : v) out.append(py::str(s));
  return out;
}

py::dict scale_dict(const ScaleScore& s) {
  py::dict d;
  d["scale"] = s.scale;
  d["raw"] = optional_float(s.raw);
  d["score"] = optional_float(s.score);
  d["band"] = s.band;
  return d;
}

ScoreOptions make_options(const std::string& record_hint, const py::object& missing, const py::object& max_missing,
                          const py::object& cutoffs, const py::object& record) {
  ScoreOptions o;
  if (!record.is_none()) o.record = record.cast<std::string>();
  const std::string& rec = o.record.empty() ? record_hint : o.record;
  if (!missing.is_none() || !max_missing.is_none()) {
    MissingPolicy p;
    const std::string kind = missing.is_none() ? "prorate" : missing.cast<std::string>();
    if (kind == "complete") p.kind = MissingPolicy::Kind::Complete;
    else if (kind == "prorate") p.kind = MissingPolicy::Kind::Prorate;
    else if (kind == "available") p.kind = MissingPolicy::Kind::Available;
    else
      throw ValidationError(rec, "missing", "missing_policy_known"_rule,
                            "unknown missing policy '" + kind + "' (expected complete, prorate or available)");
    p.max_missing = max_missing.is_none() ? 0 : max_missing.cast<int>();
    o.missing = p;
  }
  if (!cutoffs.is_none())
    for (auto [k, v] : cutoffs.cast<py::dict>()) o.cutoffs[k.cast<std::string>()] = v.cast<double>();
  return o;
}

// One Python answer → an optional int: None or NaN = unanswered; ints (and integral floats)
// as they are. Anything else is a ValidationError naming the answer.
std::optional<int> to_answer(py::handle x, const std::string& rec, const std::string& field) {
  if (x.is_none()) return std::nullopt;
  if (PyIndex_Check(x.ptr())) {
    int overflow = 0;
    py::object index = py::reinterpret_steal<py::object>(PyNumber_Index(x.ptr()));
    if (!index) throw py::error_already_set();
    const long long v = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
    if (overflow || v == laycoach::kMissingAnswer || v < std::numeric_limits<int>::min() ||
        v > std::numeric_limits<int>::max())
      throw ValidationError(rec, ErrorField(field), "answer_in_range"_rule, "answer " + py::str(x).cast<std::string>() + " out of range");
    return static_cast<int>(v);
  }
  if (PyFloat_Check(x.ptr()) || py::hasattr(x, "is_integer")) {
    const double d = py::cast<double>(x);
    if (std::isnan(d)) return std::nullopt;
    if (d != std::floor(d))
      throw ValidationError(rec, ErrorField(field), "answer_integer"_rule, "answer " + py::str(x).cast<std::string>() + " is not a whole number");
    if (d <= std::numeric_limits<int>::min() || d > std::numeric_limits<int>::max())
      throw ValidationError(rec, ErrorField(field), "answer_in_range"_rule, "answer " + py::str(x).cast<std::string>() + " out of range");
    return static_cast<int>(d);
  }
  throw ValidationError(rec, ErrorField(field), "answer_integer"_rule,
                        "answer must be an int or None, got " + py::str(py::type::of(x)).cast<std::string>());
}

std::vector<std::optional<int>> to_answers(py::handle answers, const std::string& rec) {
  py::object seq = py::reinterpret_borrow<py::object>(answers);
  if (py::isinstance<py::array>(seq)) {
    py::array a = seq.cast<py::array>();
    if (a.ndim() != 1) throw ValidationError(rec, "answers", "answer_count"_rule, "expected a 1-D sequence of answers");
    seq = a.attr("tolist")();  // Python ints/floats, so both paths share to_answer
  }
  if (py::isinstance<py::str>(seq) || !py::isinstance<py::iterable>(seq))
    throw ValidationError(rec, "answers", "answer_count"_rule, "answers must be a sequence of int or None");
  std::vector<std::optional<int>> out;
  std::size_t i = 0;
  for (py::handle x : seq.cast<py::iterable>()) {
    out.push_back(to_answer(x, rec, "answers[" + std::to_string(i) + "]"));
    ++i;
  }
  return out;
}

// An n×k answer matrix (numpy array of any int/float/bool dtype, or nested lists with None)
// → row-major ints with kMissingAnswer for NaN/None.
std::vector<int> to_matrix(const py::object& answers, std::size_t k, const std::string& rec, std::size_t& n_rows) {
  py::module_ np = py::module_::import("numpy");
  py::array a = np.attr("asarray")(answers);
  const char kind = a.dtype().kind();
  if (kind == 'O') {
    a = np.attr("asarray")(answers, py::arg("dtype") = "float64");
  } else if (kind != 'i' && kind != 'u' && kind != 'b' && kind != 'f') {
    throw ValidationError(rec, "answers", "answer_matrix"_rule,
                          "answers must be a numeric 2-D array (rows x items), got dtype " +
                              py::str(a.dtype()).cast<std::string>());
  }
  if (a.ndim() != 2)
    throw ValidationError(rec, "answers", "answer_count"_rule,
                          "answers must be a 2-D array (rows x " + std::to_string(k) + " items), got " +
                              std::to_string(a.ndim()) + " dimension(s)");
  n_rows = static_cast<std::size_t>(a.shape(0));
  const std::size_t cols = static_cast<std::size_t>(a.shape(1));
  if (cols != k)
    throw ValidationError(rec, "answers", "answer_count"_rule,
                          "each row needs " + std::to_string(k) + " answers, got " + std::to_string(cols));
  std::vector<int> out(n_rows * k);
  auto field = [](std::size_t i, std::size_t k_) {
    return "answers[" + std::to_string(i / k_) + "][" + std::to_string(i % k_) + "]";
  };
  if (a.dtype().kind() == 'f') {
    auto d = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(a);
    const double* p = d.data();
    for (std::size_t i = 0; i < out.size(); ++i) {
      const double x = p[i];
      if (std::isnan(x)) {
        out[i] = laycoach::kMissingAnswer;
      } else if (x != std::floor(x)) {
        throw ValidationError(rec, ErrorField(field(i, k)), "answer_integer"_rule, "answer " + std::to_string(x) + " is not a whole number");
      } else if (x <= std::numeric_limits<int>::min() || x > std::numeric_limits<int>::max()) {
        throw ValidationError(rec, ErrorField(field(i, k)), "answer_in_range"_rule, "answer " + std::to_string(x) + " out of range");
      } else {
        out[i] = static_cast<int>(x);
      }
    }
  } else {
    auto d = py::array_t<long long, py::array::c_style | py::array::forcecast>::ensure(a);
    const long long* p = d.data();
    for (std::size_t i = 0; i < out.size(); ++i) {
      const long long x = p[i];
      if (x <= std::numeric_limits<int>::min() || x > std::numeric_limits<int>::max())
        throw ValidationError(rec, ErrorField(field(i, k)), "answer_in_range"_rule, "answer " + std::to_string(x) + " out of range");
      out[i] = static_cast<int>(x);
    }
  }
  return out;
}

std::string scale_arg(const py::object& scale) { return scale.is_none() ? std::string() : scale.cast<std::string>(); }

}  // namespace

void init_instruments(py::module_& m) {
  py::class_<ScaleScore>(m, "ScaleScore", "The score of one scale of an instrument.")
      .def_property_readonly("scale", [](const ScaleScore& s) { return s.scale; }, "scale name")
      .def_property_readonly("raw", [](const ScaleScore& s) { return optional_float(s.raw); },
                             "raw score (sum or mean of keyed item values), None when not scorable")
      .def_property_readonly("score", [](const ScaleScore& s) { return optional_float(s.score); },
                             "reported score (after any conversion table), None when not scorable")
      .def_property_readonly("band", [](const ScaleScore& s) { return s.band; }, "band label, '' when none")
      .def("to_dict", &scale_dict, "the scale score as a dict");  // repr, frame, HTML: init_rich.cpp

  py::class_<Score>(m, "Score", "The result of scoring one response to an instrument.")
      .def_property_readonly("instrument_id", [](const Score& s) { return s.instrument_id; }, "the instrument id")
      .def_property_readonly("total", [](const Score& s) { return optional_float(s.total); },
                             "reported score of the primary scale; None if none or not scorable")
      .def_property_readonly("band", [](const Score& s) { return s.band; }, "band of the primary scale, '' when none")
      .def_property_readonly("scales", [](const Score& s) {
        py::list out;
        for (const ScaleScore& sc : s.scales) out.append(py::cast(sc));
        return out;
      }, "list of ScaleScore, in definition order")
      .def_property_readonly("flags", [](const Score& s) { return string_list(s.flags); },
                             "risk and threshold flags raised, e.g. ['self_harm_risk']")
      .def_property_readonly("risk_flags", [](const Score& s) { return string_list(s.risk_flags); },
                             "the clinical risk flags among flags (item rules marked risk), e.g. ['self_harm_risk']")
      .def_property_readonly("n_missing", [](const Score& s) { return s.n_missing; }, "number of unanswered items")
      .def("scale", [](const Score& s, const std::string& name) -> py::object {
        const ScaleScore* sc = s.find(name);
        return sc ? py::cast(*sc) : py::object(py::none());
      }, py::arg("name"), "the named ScaleScore, or None")
      .def("to_dict", [](const Score& s) {
        py::dict d;
        d["instrument_id"] = s.instrument_id;
        d["total"] = optional_float(s.total);
        d["band"] = s.band;
        py::list scales;
        for (const ScaleScore& sc : s.scales) scales.append(scale_dict(sc));
        d["scales"] = scales;
        d["flags"] = string_list(s.flags);
        d["risk_flags"] = string_list(s.risk_flags);
        d["n_missing"] = s.n_missing;
        return d;
      }, "the score as a plain dict");  // repr, to_frame, HTML: init_rich.cpp

  m.def(
      "score",
      [](const std::string& instrument_id, const py::object& answers, const py::object& missing,
         const py::object& max_missing, const py::object& cutoffs, const py::object& record) {
        const Instrument& ins = library().get(instrument_id);
        const ScoreOptions o = make_options(ins.id(), missing, max_missing, cutoffs, record);
        const auto a = to_answers(answers, o.record.empty() ? ins.id() : o.record);
        return ins.score(std::span<const std::optional<int>>(a), o);
      },
      py::arg("instrument_id"), py::arg("answers"), py::kw_only(), py::arg("missing") = py::none(),
      py::arg("max_missing") = py::none(), py::arg("cutoffs") = py::none(), py::arg("record") = py::none(),
      "Score one response: answers is a sequence (list or 1-D numpy array) of int or None, one per item.\n"
      "missing='complete'|'prorate'|'available' with max_missing=k overrides the missing-item policy;\n"
      "cutoffs={'high_burnout_cutoff': 60} overrides named cut-offs; record names the response in errors.\n"
      "Returns a Score (total, band, scales, flags). Raises laycoach.Error (answer_count, answer_in_range, ...).");

  m.def(
      "score_many",
      [](const std::string& instrument_id, const py::object& answers, const py::object& scale,
         const py::object& missing, const py::object& max_missing, const py::object& cutoffs) {
        const Instrument& ins = library().get(instrument_id);
        const ScoreOptions o = make_options(ins.id(), missing, max_missing, cutoffs, py::none());
        const std::string sc = scale_arg(scale);
        if (ins.score_only()) (void)ins.score_batch(std::span<const int>(), sc, o);  // raises the score-only error
        (void)ins.scale(sc);  // fail on an unknown scale before converting the matrix
        std::size_t n = 0;
        const std::vector<int> m = to_matrix(answers, ins.item_count(), ins.id(), n);
        py::array_t<double> out(static_cast<py::ssize_t>(n));
        double* p = out.mutable_data();
        {
          py::gil_scoped_release release;
          ins.score_batch(std::span<const int>(m), std::span<double>(p, n), sc, o);
        }
        return out;
      },
      py::arg("instrument_id"), py::arg("answers"), py::arg("scale") = py::none(), py::kw_only(),
      py::arg("missing") = py::none(), py::arg("max_missing") = py::none(), py::arg("cutoffs") = py::none(),
      "Score many responses at once: answers is a 2-D array (rows x items; NaN or None = unanswered).\n"
      "Returns a float64 numpy array of the reported score of `scale` (default: the primary scale),\n"
      "NaN where a row is not scorable under the missing policy. Releases the GIL while scoring.");

  m.def("instruments", [] { return string_list(library().ids()); }, "Ids of all instruments (built-in and loaded).");

  m.def(
      "instrument",
      [](const std::string& instrument_id) {
        return py::module_::import("json").attr("loads")(library().to_json(instrument_id));
      },
      py::arg("instrument_id"), "The instrument's definition document (schema_version 1) as a dict.");

  m.def(
      "load_instrument",
      [](const py::object& doc) {
        std::string text = py::isinstance<py::str>(doc)
                               ? doc.cast<std::string>()
                               : py::module_::import("json").attr("dumps")(doc).cast<std::string>();
        return library().add_from_json(text).id();
      },
      py::arg("definition"),
      "Add a custom instrument from its definition (JSON string or dict, schema_version 1); returns its id.\n"
      "All-or-nothing: a bad document raises laycoach.Error whose field is the JSON pointer of the bad value.");

  m.def(
      "score_recorded",
      [](const std::string& instrument_id, double value, const py::object& scale) {
        return library().get(instrument_id).record(value, scale_arg(scale));
      },
      py::arg("instrument_id"), py::arg("value"), py::arg("scale") = py::none(),
      "A score recorded elsewhere (e.g. PAM score 0-100, or scale='level' 1-4) with its band and flags.");

  m.def(
      "pam_level",
      [](double pam_score, const py::object& cut_points) {
        laycoach::PamCutPoints c;
        if (!cut_points.is_none()) {
          auto t = cut_points.cast<py::sequence>();
          if (py::len(t) != 3)
            throw ValidationError("pam", "cut_points", "cut_points_increasing"_rule, "cut_points must be three numbers");
          c = {t[0].cast<double>(), t[1].cast<double>(), t[2].cast<double>()};
        }
        return laycoach::pam_level(pam_score, c);
      },
      py::arg("pam_score"), py::arg("cut_points") = py::none(),
      "PAM level 1-4 of a recorded PAM score 0-100; cut_points=(47.0, 55.1, 67.0) are the level 1-3 maxima.");
}
