// Rich objects for notebooks and scripts: the display (to_dict, to_frame, __repr__, _repr_html_)
// of every result class of the statistics and scoring faces, each from its field list through
// the one mechanism of rich.hpp, and the one-line summary of a Programme (counts, no person's
// data). Runs after the faces that bind the classes (order 60).
#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"
#include "registry.hpp"
#include "rich.hpp"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

namespace py = pybind11;
using laycoach::pybind::add_display;
using laycoach::pybind::Display;
using laycoach::pybind::fig;
using laycoach::pybind::pval;
using laycoach::pybind::with_ci;

namespace {

py::object pandas() { return py::module_::import("pandas"); }

// A DataFrame of records indexed by `index`.
py::object records_frame(const py::object& rows, const char* index) {
  return pandas().attr("DataFrame").attr("from_records")(rows).attr("set_index")(index);
}

py::object effects_frame(py::handle self) {
  py::list rows;
  for (const char* name : {"d_z", "d_av", "g_z", "g_av"}) {
    py::dict r = self.attr(name).attr("to_dict")();
    r["effect_size"] = name;
    rows.append(r);
  }
  return records_frame(rows, "effect_size");
}

py::object coefficients_frame(py::handle self) {
  return records_frame(self.attr("to_dict")()["coefficients"], "term");
}

py::object arms_frame(py::handle self) {
  py::list rows;
  py::dict w = self.attr("change").attr("to_dict")();
  w["analysis"] = "change (Welch t)";
  w["estimate"] = w.attr("pop")("difference");
  rows.append(w);
  py::dict a = self.attr("adjusted").attr("to_dict")();
  a["analysis"] = "baseline-adjusted (ANCOVA)";
  a["df"] = self.attr("ancova").attr("df_resid");
  a.attr("pop")("term");
  rows.append(a);
  const std::vector<std::string> columns = {"estimate", "se", "ci_low", "ci_high", "t", "df", "p"};
  return records_frame(rows, "analysis")[py::cast(columns)];
}

py::object score_frame(py::handle self) {
  py::dict d = self.attr("to_dict")();
  py::list rows;
  for (py::handle s : d["scales"]) {
    py::dict r;
    r["instrument_id"] = d["instrument_id"];
    for (auto [k, v] : s.cast<py::dict>()) r[k] = v;
    rows.append(r);
  }
  const std::vector<std::string> columns = {"instrument_id", "scale", "raw", "score", "band"};
  return pandas().attr("DataFrame").attr("from_records")(rows, py::arg("columns") = py::cast(columns));
}

std::string table_html(const py::object& df, const std::string& caption) {
  return "<p><b>" + caption + "</b></p>" + df.attr("round")(4).attr("to_html")().cast<std::string>();
}

std::string escape(const std::string& s) { return py::module_::import("html").attr("escape")(s).cast<std::string>(); }

// ---- Programme ------------------------------------------------------------------------------------

std::vector<std::pair<const char*, std::size_t>> counts(const laycoach::ProgrammeOverview& o) {
  return {{"organisations", o.organisations}, {"coaches", o.coaches},     {"clients", o.clients},
          {"referrals", o.referrals},         {"sessions", o.sessions},   {"responses", o.responses}};
}

std::string store_text(const laycoach::ProgrammeOverview& o) {
  if (!o.has_store || o.location.empty()) return "in memory";
  return "store=" + py::repr(py::str(o.location)).cast<std::string>() +
         ", schema_version=" + std::to_string(laycoach::sqlite_schema_version()) + (o.read_only ? ", read_only" : "");
}

std::string programme_repr(const laycoach::Programme& p) {
  laycoach::ProgrammeOverview o;
  {
    py::gil_scoped_release release;
    o = p.overview();
  }
  std::string out = "Programme(" + store_text(o);
  for (const auto& [name, n] : counts(o)) out += ", " + std::string(name) + "=" + std::to_string(n);
  return out + ")";
}

std::string programme_html(const laycoach::Programme& p) {
  laycoach::ProgrammeOverview o;
  {
    py::gil_scoped_release release;
    o = p.overview();
  }
  auto row = [](const std::string& k, const std::string& v) {
    return "<tr><th style=\"text-align:left\">" + escape(k) + "</th><td>" + escape(v) + "</td></tr>";
  };
  std::string out = "<table><caption>Programme</caption><tbody>";
  if (!o.has_store || o.location.empty()) {
    out += row("store", "in memory");
  } else {
    out += row("store", o.location) + row("schema version", std::to_string(laycoach::sqlite_schema_version()));
    if (o.read_only) out += row("mode", "read-only");
  }
  for (const auto& [name, n] : counts(o)) out += row(name, std::to_string(n));
  return out + "</tbody></table>";
}

void init_rich(py::module_& m) {
  py::module_ st = m.attr("stats");

  add_display(st.attr("PairedT"),
              Display{{"n", "mean_before", "sd_before", "mean_after", "sd_after", "mean_diff", "sd_diff", "confidence",
                       "ci_low", "ci_high", "t", "df", "p", "d_z", "d_av", "g_z", "g_av"},
                      {fig("n"), with_ci("mean_diff", "ci_low", "ci_high"), fig("t"), fig("df"), pval("p"), fig("d_z"),
                       fig("d_av")},
                      "confidence"});
  add_display(st.attr("Wilcoxon"),
              Display{{"n", "n_zero", "w_plus", "w_minus", "z", "p", "r", "exact", "has_ties"},
                      {fig("n"), fig("n_zero"), fig("w_plus"), fig("w_minus"), fig("z"), pval("p"), fig("r"),
                       fig("exact")}});
  add_display(st.attr("ReliableChange"),
              Display{{"n", "sd_before", "reliability", "threshold", "improved", "deteriorated", "unchanged",
                       "share_improved", "share_deteriorated", "share_unchanged"},
                      {fig("n"), fig("threshold"), fig("improved"), fig("deteriorated"), fig("unchanged"),
                       fig("share_improved"), fig("share_deteriorated")}});
  add_display(st.attr("Estimate"),
              Display{{"estimate", "ci_low", "ci_high"}, {with_ci("estimate", "ci_low", "ci_high")}});
  add_display(st.attr("EffectSizes"),
              Display{{"n", "n_dropped", "confidence", "method", "resamples", "seed", "d_z", "d_av", "g_z", "g_av"},
                      {fig("n"), fig("n_dropped"), fig("method"),
                       with_ci("d_z.estimate", "d_z.ci_low", "d_z.ci_high", "d_z"),
                       with_ci("d_av.estimate", "d_av.ci_low", "d_av.ci_high", "d_av"),
                       with_ci("g_z.estimate", "g_z.ci_low", "g_z.ci_high", "g_z"),
                       with_ci("g_av.estimate", "g_av.ci_low", "g_av.ci_high", "g_av")},
                      "confidence", &effects_frame,
                      "A DataFrame: one row per effect size (index d_z, d_av, g_z, g_av); estimate, ci_low, ci_high."});
  add_display(st.attr("WelchT"),
              Display{{"difference", "se", "ci_low", "ci_high", "t", "df", "p"},
                      {with_ci("difference", "ci_low", "ci_high"), fig("se"), fig("t"), fig("df"), pval("p")}});
  add_display(st.attr("Coefficient"),
              Display{{"term", "estimate", "se", "t", "p", "ci_low", "ci_high"},
                      {fig("term"), with_ci("estimate", "ci_low", "ci_high"), fig("se"), fig("t"), pval("p")}});
  add_display(st.attr("AdjustedMean"),
              Display{{"group", "n", "mean_before", "mean_after", "adjusted_after", "adjusted_change", "se", "ci_low",
                       "ci_high", "t", "p"},
                      {fig("group"), fig("n"), with_ci("adjusted_change", "ci_low", "ci_high"), pval("p")}});
  Display ancova{{"n", "n_dropped", "confidence", "df_resid", "sigma", "r_squared", "mean_before", "coefficients",
                  "groups"},
                 {fig("n"), fig("n_dropped"), fig("df_resid"), fig("r_squared"),
                  with_ci("coefficients.1.estimate", "coefficients.1.ci_low", "coefficients.1.ci_high", "before"),
                  pval("coefficients.1.p", "p")},
                 "confidence", &coefficients_frame, "The coefficients as a DataFrame indexed by term."};
  ancova.html_extra = [](py::handle self) {
    return table_html(coefficients_frame(self), "Coefficients (after ~ before + group)") +
           table_html(self.attr("adjusted_frame")(), "Baseline-adjusted change");
  };
  add_display(st.attr("Ancova"), std::move(ancova));
  add_display(st.attr("ArmComparison"),
              Display{{"n_comparison", "n_intervention", "n_dropped", "confidence", "mean_change_comparison",
                       "sd_change_comparison", "mean_change_intervention", "sd_change_intervention", "change",
                       "adjusted", "ancova"},
                      {fig("n_comparison"), fig("n_intervention"), fig("n_dropped"),
                       with_ci("change.difference", "change.ci_low", "change.ci_high", "change_difference"),
                       pval("change.p", "change_p"),
                       with_ci("adjusted.estimate", "adjusted.ci_low", "adjusted.ci_high", "adjusted_difference"),
                       pval("adjusted.p", "adjusted_p")},
                      "confidence", &arms_frame, "The two analyses (Welch t of change, ANCOVA) as a DataFrame."});

  add_display(st.attr("WilsonInterval"),
              Display{{"k", "n", "confidence", "share", "low", "high"},
                      {fig("k"), fig("n"), with_ci("share", "low", "high")},
                      "confidence"});

  // The booking engine's results (init_booking.cpp). A Slot keeps its own to_dict (what
  // book_slot accepts); the access figures show their headline, the per-booking and per-coach
  // columns stay in bookings_frame() and utilisation_frame().
  py::module_ bk = m.attr("booking");
  add_display(bk.attr("Slot"), Display{{},
                                       {fig("start"), fig("minutes"), fig("coach_id"), fig("modality"),
                                        fig("favoured"), fig("coach_week_sessions")}});
  add_display(bk.attr("AccessFigures"),
              Display{{"n_bookings", "with_request", "share_offered_within_24h", "share_within_24h",
                       "share_out_of_hours", "median_minutes_to_first_offer", "median_minutes_to_session", "attended",
                       "client_did_not_attend", "coach_did_not_attend", "cancelled_by_client", "cancelled_by_coach",
                       "booked", "overall_utilisation"},
                      {fig("n_bookings"), fig("share_offered_within_24h"), fig("share_within_24h"),
                       fig("share_out_of_hours"), fig("median_minutes_to_session"), fig("attended"),
                       fig("client_did_not_attend"), fig("coach_did_not_attend"), fig("overall_utilisation")}});

  // Scores keep their own to_dict (init_instruments.cpp); the display comes from here.
  add_display(m.attr("ScaleScore"), Display{{}, {fig("scale"), fig("raw"), fig("score"), fig("band")}});
  add_display(m.attr("Score"),
              Display{{},
                      {fig("instrument_id"), fig("total"), fig("band"), fig("flags"), fig("n_missing")},
                      {},
                      &score_frame,
                      "A tidy DataFrame: one row per scale (instrument_id, scale, raw, score, band)."});

  py::object cls = m.attr("Programme");
  py::setattr(cls, "__repr__",
              py::cpp_function(&programme_repr, py::name("__repr__"), py::is_method(cls),
                               "One line: where the programme is kept (store path and schema version, or in "
                               "memory) and its record counts; no person's data, nothing copied."));
  py::setattr(cls, "_repr_html_",
              py::cpp_function(&programme_html, py::name("_repr_html_"), py::is_method(cls),
                               "The notebook display: a small table of the store and the record counts."));
  cls.attr("overview") = py::cpp_function(
      [](const laycoach::Programme& p) {
        laycoach::ProgrammeOverview o;
        {
          py::gil_scoped_release release;
          o = p.overview();
        }
        py::dict d;
        d["store"] = o.has_store && !o.location.empty() ? py::object(py::str(o.location)) : py::object(py::none());
        d["schema_version"] = o.has_store && !o.location.empty() ? py::object(py::int_(laycoach::sqlite_schema_version()))
                                                                 : py::object(py::none());
        d["read_only"] = o.read_only;
        for (const auto& [name, n] : counts(o)) d[name] = n;
        return d;
      },
      py::name("overview"), py::is_method(cls),
      "Where the programme is kept and how many records it holds, as a dict: store (path, ':memory:' or None), "
      "schema_version (None in memory), read_only, organisations, coaches, clients, referrals, sessions, "
      "responses. Counts only, no person's data; O(1).");
}

// After every face that binds a result class (stats 10/11, instruments 10, booking 20, demo 40).
laycoach::pybind::Registrar reg(60, "rich", &init_rich);

}  // namespace
