// One display mechanism for laycoach's result objects (PairedT, Wilcoxon, Score, EffectSizes,
// Ancova, ...): from a list of fields, a class gets
//   to_dict()     every field at full precision (nested results as dicts, lists of them as lists),
//   to_frame()    a one-row DataFrame of the flattened fields, or the class's own tidy frame,
//   __repr__      one line of headline figures with rounded numbers (4 significant digits, p 2),
//   _repr_html_   a small table of the same headline (plus the tidy frame, rounded).
// It reads the attributes the class already exposes (def_readonly / properties), so a figure is
// named once, where the class is bound; init_rich.cpp lists the displays of every result class.
#pragma once

#include <pybind11/pybind11.h>

#include <charconv>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace laycoach::pybind {

namespace py = pybind11;

/// A headline figure of repr and HTML: the attribute `path` ("a.b" reaches into a nested
/// result) shown as "label=value", or "label=value [95% CI low, high]" when `low`/`high` name
/// the interval's attributes. `digits` significant digits (p-values: 2).
struct Shown {
  std::string path;
  std::string low = {}, high = {};
  std::string label = {};
  int digits = 4;
};

/// A plain figure (4 significant digits); `label` defaults to the path.
inline Shown fig(std::string path, std::string label = {}) { return Shown{std::move(path), {}, {}, std::move(label)}; }
/// A p-value (2 significant digits); `label` defaults to the path.
inline Shown pval(std::string path, std::string label = {}) {
  return Shown{std::move(path), {}, {}, std::move(label), 2};
}
/// An estimate with its interval; `label` defaults to the path.
inline Shown with_ci(std::string path, std::string low, std::string high, std::string label = {}) {
  return Shown{std::move(path), std::move(low), std::move(high), std::move(label), 4};
}

/// What a result class shows. `fields` empty: the class keeps its own to_dict().
struct Display {
  std::vector<std::string> fields;  ///< to_dict keys, in order (attribute names)
  std::vector<Shown> shown;         ///< the headline of repr and HTML
  std::string confidence = {};      ///< attribute holding the CI level ("": intervals say "CI")
  /// A tidy to_frame (self -> DataFrame); none: one row of the flattened to_dict().
  std::function<py::object(py::handle)> frame = {};
  std::string frame_doc = {};       ///< docstring of the tidy to_frame
  /// HTML after the headline table (self -> HTML); none: the tidy frame rounded to 4 decimals.
  std::function<std::string(py::handle)> html_extra = {};
};

namespace rich_detail {

inline py::object attr_path(py::handle self, const std::string& path) {
  py::object o = py::reinterpret_borrow<py::object>(self);
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string part = path.substr(start, dot - start);
    if (!part.empty() && part.find_first_not_of("0123456789") == std::string::npos)
      o = o[py::int_(std::stoi(part))];  // "coefficients.1.estimate": an element of a list
    else
      o = o.attr(part.c_str());
    if (dot == std::string::npos) return o;
    start = dot + 1;
  }
}

// %.*g as Python's format(x, ".4g") prints it, whatever the C locale; a NaN of either sign is "nan".
inline std::string sig(double x, int digits) {
  if (std::isnan(x)) return "nan";
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, digits);
  return std::string(buf, r.ptr);
}

// A value as a reader wants it: numbers rounded, text quoted, enumerations by their document name
// (laycoach's .id, as to_dict has it), instants in ISO 8601, nested results by their own repr.
inline std::string text(py::handle v, int digits) {
  if (v.is_none()) return "None";
  if (py::isinstance<py::bool_>(v)) return v.cast<bool>() ? "True" : "False";
  if (py::isinstance<py::int_>(v)) return py::str(v).cast<std::string>();
  if (py::isinstance<py::float_>(v)) return sig(v.cast<double>(), digits);
  if (py::hasattr(py::type::of(v), "__members__") && py::hasattr(v, "name"))  // an enumeration: its document
    return (py::hasattr(v, "id") ? v.attr("id") : v.attr("name")).cast<std::string>();  // name ("video")
  if (py::hasattr(v, "isoformat")) return v.attr("isoformat")().cast<std::string>();  // datetime, date, time
  if (py::isinstance<py::list>(v) || py::isinstance<py::tuple>(v)) {
    std::string out = "[";
    bool first = true;
    for (py::handle e : v) {
      out += (first ? "" : ", ") + text(e, digits);
      first = false;
    }
    return out + "]";
  }
  return py::repr(v).cast<std::string>();
}

inline std::string level(py::handle self, const Display& d) {
  if (d.confidence.empty()) return "CI";
  return sig(attr_path(self, d.confidence).cast<double>() * 100.0, 4) + "% CI";
}

inline std::string shown_text(py::handle self, const Display& d, const Shown& s) {
  std::string out = text(attr_path(self, s.path), s.digits);
  if (!s.low.empty())
    out += " [" + level(self, d) + " " + text(attr_path(self, s.low), s.digits) + ", " +
           text(attr_path(self, s.high), s.digits) + "]";
  return out;
}

inline std::string label(const Shown& s) { return s.label.empty() ? s.path : s.label; }

// Full precision: nested results through their own to_dict, lists element by element.
inline py::object plain(py::handle v) {
  if (py::isinstance<py::list>(v) || py::isinstance<py::tuple>(v)) {
    py::list out;
    for (py::handle e : v) out.append(plain(e));
    return std::move(out);
  }
  if (!py::isinstance<py::dict>(v) && !py::isinstance<py::str>(v) && py::hasattr(v, "to_dict"))
    return v.attr("to_dict")();
  return py::reinterpret_borrow<py::object>(v);
}

// Nested dicts flattened with "_" (change -> change_difference ...); lists stay one cell.
inline void flatten(const py::dict& d, const std::string& prefix, py::dict& out) {
  for (auto [k, v] : d) {
    const std::string key = prefix + py::str(k).cast<std::string>();
    if (py::isinstance<py::dict>(v)) flatten(py::reinterpret_borrow<py::dict>(v), key + "_", out);
    else out[py::str(key)] = v;
  }
}

inline std::string escape(const std::string& s) {
  return py::module_::import("html").attr("escape")(s).cast<std::string>();
}

inline std::string class_name(py::handle self) {
  return py::type::of(self).attr("__name__").cast<std::string>();
}

}  // namespace rich_detail

/// Gives `cls` to_dict (unless d.fields is empty), to_frame, __repr__ and _repr_html_ from `d`,
/// replacing any it had (so it also applies to classes bound in another file).
inline void add_display(py::object cls, Display d) {
  namespace rd = rich_detail;
  auto spec = std::make_shared<const Display>(std::move(d));
  auto set = [&cls](const char* name, py::cpp_function f) { py::setattr(cls, name, f); };
  if (!spec->fields.empty())
    set("to_dict", py::cpp_function(
                       [spec](py::handle self) {
                         py::dict out;
                         for (const auto& f : spec->fields) out[py::str(f)] = rd::plain(rd::attr_path(self, f));
                         return out;
                       },
                       py::name("to_dict"), py::is_method(cls),
                       "Every figure as a dict at full precision (nested results as dicts); json.dumps-able."));
  if (spec->frame)
    set("to_frame", py::cpp_function([spec](py::handle self) { return spec->frame(self); }, py::name("to_frame"),
                                     py::is_method(cls), spec->frame_doc.c_str()));
  else
    set("to_frame", py::cpp_function(
                        [](py::handle self) {
                          py::dict flat;
                          rd::flatten(self.attr("to_dict")().cast<py::dict>(), "", flat);
                          py::list rows;
                          rows.append(flat);
                          return py::module_::import("pandas").attr("DataFrame").attr("from_records")(rows);
                        },
                        py::name("to_frame"), py::is_method(cls),
                        "A one-row pandas DataFrame of to_dict() at full precision (nested figures as "
                        "<name>_<field> columns)."));
  set("__repr__", py::cpp_function(
                      [spec](py::handle self) {
                        std::string out = rd::class_name(self) + "(";
                        bool first = true;
                        for (const auto& s : spec->shown) {
                          out += (first ? "" : ", ") + rd::label(s) + "=" + rd::shown_text(self, *spec, s);
                          first = false;
                        }
                        return out + ")";
                      },
                      py::name("__repr__"), py::is_method(cls),
                      "One line of the headline figures, rounded (to_dict() has them at full precision)."));
  set("_repr_html_", py::cpp_function(
                         [spec](py::handle self) {
                           std::string out = "<table><caption>" + rd::escape(rd::class_name(self)) + "</caption><tbody>";
                           for (const auto& s : spec->shown)
                             out += "<tr><th style=\"text-align:left\">" + rd::escape(rd::label(s)) + "</th><td>" +
                                    rd::escape(rd::shown_text(self, *spec, s)) + "</td></tr>";
                           out += "</tbody></table>";
                           if (spec->html_extra)
                             out += spec->html_extra(self);
                           else if (spec->frame)
                             out += spec->frame(self).attr("round")(4).attr("to_html")().cast<std::string>();
                           return out;
                         },
                         py::name("_repr_html_"), py::is_method(cls),
                         "The notebook display: a small table of the headline figures, rounded."));
}

}  // namespace laycoach::pybind
