// The capacity simulation's compiled face, laycoach._core.simulation: DemandModel, Scenario (with
// the what-if edits), run (GIL released; progress and Ctrl-C from the calling thread), summarise,
// fit_demand, optimise. The engine, its statistics and its JSON are the C++ ones (simulate.hpp,
// simulate_json.hpp, simulate_scenario_json.hpp); laycoach/simulation.py turns these into
// DataFrames, a tqdm bar and Dask tasks.
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <cctype>
#include <sstream>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "casters.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/simulate.hpp"
#include "laycoach/simulate_json.hpp"
#include "laycoach/simulate_scenario_json.hpp"
#include "pyjson.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace laycoach;
namespace sim = laycoach::simulation;
using laycoach::pybind::text_arg;

namespace {

using Results = std::vector<sim::ReplicationResult>;
// The replications as one Python object (a vector would be converted to a list by stl.h).
struct Reps {
  Results items;
};
using RepsPtr = std::shared_ptr<Reps>;
RepsPtr reps(Results r) { return std::make_shared<Reps>(Reps{std::move(r)}); }

// A time of day argument: minutes after midnight, "HH:MM" or a datetime.time.
int minute_of(py::handle h, const std::string& field) {
  static py::object time_t = py::module_::import("datetime").attr("time");
  if (py::isinstance(h, time_t)) return h.attr("hour").cast<int>() * 60 + h.attr("minute").cast<int>();
  if (py::isinstance<py::str>(h)) {
    const std::string s = h.cast<std::string>();
    if (s.size() == 5 && s[2] == ':' && std::isdigit(static_cast<unsigned char>(s[0])) && std::isdigit(static_cast<unsigned char>(s[1])) &&
        std::isdigit(static_cast<unsigned char>(s[3])) && std::isdigit(static_cast<unsigned char>(s[4])))
      return ((s[0] - '0') * 10 + (s[1] - '0')) * 60 + (s[3] - '0') * 10 + (s[4] - '0');
  } else if (py::isinstance<py::int_>(h) && !py::isinstance<py::bool_>(h)) {
    return h.cast<int>();
  }
  throw ValidationError("scenario", ErrorField(field), "time_of_day"_rule,
                        "a time of day is minutes after midnight, 'HH:MM' or a datetime.time");
}

// Weekdays 0 (Monday) .. 6 as a bit set (None: every day).
std::uint8_t weekdays_of(const py::object& o) {
  if (o.is_none()) return 0x7F;
  std::uint8_t bits = 0;
  for (auto d : o) {
    const int k = py::isinstance<py::int_>(d) ? d.cast<int>() : -1;
    if (k < 0 || k > 6) throw ValidationError("scenario", "weekdays", "weekday_range"_rule, "a weekday is 0 (Monday) .. 6 (Sunday)");
    bits = static_cast<std::uint8_t>(bits | (1u << k));
  }
  return bits;
}

// Weekly rota blocks from hours=(from, to) on weekdays; none when hours is None.
std::vector<RotaBlock> blocks_of(const py::object& hours, const py::object& weekdays) {
  if (hours.is_none()) {
    if (!weekdays.is_none())
      throw ValidationError("scenario", "hours", "hours_required"_rule, "weekdays need hours=(from, to)");
    return {};
  }
  if (py::isinstance<py::str>(hours) || !py::isinstance<py::sequence>(hours) || py::len(hours) != 2)
    throw ValidationError("scenario", "hours", "time_of_day"_rule, "hours is a pair (from, to), e.g. ('18:00', '22:00')");
  py::sequence pair = py::reinterpret_borrow<py::sequence>(hours);
  const int from = minute_of(pair[0], "hours"), to = minute_of(pair[1], "hours");
  if (from < 0 || to > 24 * 60 || from >= to)
    throw ValidationError("scenario", "hours", "time_of_day"_rule, "hours (from, to) need 0 <= from < to <= 24:00");
  return sim::weekly_blocks(from, to, weekdays_of(weekdays));
}

// Run replications with the GIL released on a thread of their own, while this thread (holding
// the GIL between waits) reports progress and checks for Ctrl-C: a signal or a progress callback
// returning False (or raising) cancels the run, which stops after the replications running.
Results run_interruptible(const sim::Scenario& s, std::uint64_t seed, int first, int count, int threads,
                          const py::object& progress) {
  std::mutex mu;
  std::condition_variable cv;
  std::atomic<int> done{0};
  std::atomic<bool> cancel{false};
  bool finished = false;
  Results out;
  std::exception_ptr error;
  std::thread worker([&] {
    try {
      sim::RunOptions o;
      o.threads = threads;
      o.progress = [&](int d, int) {
        done.store(d);
        cv.notify_one();
        return !cancel.load();
      };
      out = sim::run(s, seed, first, count, o);
    } catch (...) {
      error = std::current_exception();
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      finished = true;
    }
    cv.notify_one();
  });
  auto join = [&] {
    py::gil_scoped_release release;
    worker.join();
  };
  int reported = 0;
  while (true) {
    bool over = false;
    {
      py::gil_scoped_release release;
      std::unique_lock<std::mutex> lock(mu);
      cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return finished || done.load() != reported; });
      over = finished;
    }
    if (PyErr_CheckSignals() != 0) {  // Ctrl-C: stop the workers, then raise KeyboardInterrupt
      cancel.store(true);
      py::error_already_set e;
      join();
      throw e;
    }
    const int d = done.load();
    if (d != reported) {
      reported = d;  // always, or the wait above returns at once and this loop spins
      if (progress.is_none()) continue;
      try {
        py::object go = progress(d, count);
        if (!go.is_none() && !py::bool_(go)) cancel.store(true);
      } catch (...) {
        cancel.store(true);
        join();
        throw;
      }
    }
    if (over) break;
  }
  join();
  if (error) std::rethrow_exception(error);
  return out;
}

std::string threshold_name(double h) {
  std::ostringstream os;
  os << h;
  return os.str();
}

py::dict replication_columns(const Results& rs, const std::vector<double>& within_hours) {
  std::size_t n = 0;
  for (const auto& r : rs) n += r.groups.size() + 1;
  py::array_t<long long> rep(n);
  py::list sl, offer, pathway;
  std::vector<py::array_t<long long>> ints;
  static const char* int_names[] = {"requests", "first_booked", "unmet", "waiting_list_joins", "sessions_booked", "out_of_hours",
                                    "attended", "client_dna", "coach_dna", "cancelled_by_client", "cancelled_by_coach"};
  for (std::size_t k = 0; k < std::size(int_names); ++k) ints.emplace_back(n);
  std::vector<py::array_t<long long>> within;
  for (std::size_t k = 0; k < within_hours.size(); ++k) within.emplace_back(n);
  static const char* wait_names[] = {"wait_mean_minutes", "wait_median_minutes", "wait_p90_minutes", "wait_p95_minutes"};
  std::vector<py::array_t<double>> waits;
  for (std::size_t k = 0; k < std::size(wait_names); ++k) waits.emplace_back(n);
  std::size_t i = 0;
  for (const auto& r : rs)
    for (std::size_t gi = 0; gi <= r.groups.size(); ++gi) {
      const sim::GroupResult& g = gi < r.groups.size() ? r.groups[gi] : r.total;
      rep.mutable_at(i) = r.replication;
      sl.append(g.service_line_id);
      offer.append(g.offer_id);
      pathway.append(g.pathway);
      const long long v[] = {g.requests, g.first_booked, g.unmet, g.waiting_list_joins, g.sessions_booked, g.out_of_hours,
                             g.attended, g.client_dna, g.coach_dna, g.cancelled_by_client, g.cancelled_by_coach};
      for (std::size_t k = 0; k < ints.size(); ++k) ints[k].mutable_at(i) = v[k];
      for (std::size_t k = 0; k < within.size(); ++k) within[k].mutable_at(i) = k < g.within.size() ? g.within[k] : 0;
      const double w[] = {g.wait_mean, g.wait_median, g.wait_p90, g.wait_p95};
      for (std::size_t k = 0; k < waits.size(); ++k) waits[k].mutable_at(i) = w[k];
      ++i;
    }
  py::dict d;
  d["replication"] = rep;
  d["service_line_id"] = sl;
  d["offer_id"] = offer;
  d["pathway"] = pathway;
  d["requests"] = ints[0];
  d["first_booked"] = ints[1];
  for (std::size_t k = 0; k < within.size(); ++k) d[py::str("within_" + threshold_name(within_hours[k]) + "h")] = within[k];
  for (std::size_t k = 2; k < ints.size(); ++k) d[int_names[k]] = ints[k];
  for (std::size_t k = 0; k < waits.size(); ++k) d[wait_names[k]] = waits[k];
  return d;
}

// The wait histograms summed over replications, per group (demand order) then overall: (list
// of (service_line_id, offer_id, pathway), counts[groups + 1, kWaitBins]).
py::tuple histograms(const Results& rs) {
  std::size_t groups = rs.empty() ? 0 : rs.front().groups.size();
  py::array_t<long long> counts({groups + 1, static_cast<std::size_t>(sim::kWaitBins)});
  auto c = counts.mutable_unchecked<2>();
  for (std::size_t g = 0; g <= groups; ++g)
    for (int b = 0; b < sim::kWaitBins; ++b) c(g, b) = 0;
  py::list keys;
  for (std::size_t g = 0; g < groups; ++g) {
    const auto& x = rs.front().groups[g];
    keys.append(py::make_tuple(x.service_line_id, x.offer_id, x.pathway));
  }
  keys.append(py::make_tuple("", "", ""));
  for (const auto& r : rs)
    for (std::size_t g = 0; g <= groups; ++g) {
      const sim::GroupResult& x = g < groups ? r.groups[g] : r.total;
      for (std::size_t b = 0; b < x.wait_histogram.size() && b < static_cast<std::size_t>(sim::kWaitBins); ++b) c(g, b) += x.wait_histogram[b];
    }
  return py::make_tuple(keys, counts);
}

RepsPtr concat(const std::vector<RepsPtr>& parts) {
  Results out;
  for (const auto& p : parts)
    if (p) out.insert(out.end(), p->items.begin(), p->items.end());
  return reps(std::move(out));
}

void init_simulation(py::module_& m) {
  auto s = m.def_submodule("simulation", "The capacity simulation's compiled core (use laycoach.simulation).");
  s.attr("WAIT_BIN_MINUTES") = sim::kWaitBinMinutes;
  s.attr("WAIT_BINS") = sim::kWaitBins;

  py::class_<sim::DemandModel>(s, "DemandModel",
                               "Demand on a service: per service line, offer and pathway, arrivals per hour of week, "
                               "seasonality, growth, dose, did-not-attend and cancellation, time-of-day preferences.")
      .def_static("from_json", [](py::handle doc) { return sim::demand_from_json(text_arg(doc, "document")); },
                  py::arg("document"),
                  "Read and validate a demand-model document (docs/simulation.md). Raises ParseError or "
                  "ValidationError naming the JSON pointer (e.g. '/streams/0/per_hour/12').")
      .def("to_json", [](const sim::DemandModel& d, std::optional<int> indent) { return sim::demand_to_json(d, indent.value_or(-1)); },
           py::arg("indent") = py::none(), "The demand model as a document (schema_version 1).")
      .def_property_readonly(
          "streams",
          [](const sim::DemandModel& d) {
            py::list out;
            for (const auto& x : d.streams) {
              double total = 0;
              for (double r : x.per_hour) total += r;
              out.append(py::dict(py::arg("service_line_id") = x.service_line_id, py::arg("offer_id") = x.offer_id,
                                  py::arg("pathway") = x.pathway, py::arg("requests_per_week") = total,
                                  py::arg("seasonal") = py::cast(std::vector<double>(x.seasonal.begin(), x.seasonal.end())),
                                  py::arg("growth") = x.growth));
            }
            return out;
          },
          "The streams as dicts: service_line_id, offer_id, pathway, requests_per_week (the sum of the hourly rates), "
          "seasonal (12 multipliers by UK local month, January first), growth (annual, compounding).")
      .def("__eq__", [](const sim::DemandModel& a, const sim::DemandModel& b) { return a == b; }, py::arg("other"),
           "Equal when every stream and figure is equal.")
      .def("__repr__", [](const sim::DemandModel& d) {
        double total = 0;
        for (const auto& x : d.streams)
          for (double r : x.per_hour) total += r;
        std::ostringstream os;
        os << "DemandModel(" << d.streams.size() << " stream" << (d.streams.size() == 1 ? "" : "s") << ", "
           << total << " requests a week)";
        return os.str();
      }, "One line: streams and requests a week.")
      .def(py::pickle([](const sim::DemandModel& d) { return sim::demand_to_json(d); },
                      [](const std::string& t) { return sim::demand_from_json(t); }));

  s.def(
      "fit_demand",
      [](const Programme& p, Instant from, Instant to) {
        py::gil_scoped_release release;
        return sim::fit_demand(p, from, to);
      },
      py::arg("programme"), py::arg("from_"), py::arg("to"),
      "Fit a demand model to the programme's history in [from_, to) (aware datetimes): arrivals per hour of "
      "week, seasonal multipliers (history of a year or more) and growth (half a year or more; two years "
      "beside seasonal multipliers), each for a stream of 360 arrivals or more, else 1 / 0; rates at `to`. "
      "Raises ValidationError (field 'to', rule 'period_order') unless from_ < to.");

  py::class_<sim::Scenario>(s, "Scenario",
                            "A scenario: supply (catalogue, coaches), demand, period and options. Edits return a new scenario.")
      .def_static("from_json", [](py::handle doc) { return sim::scenario_from_json(text_arg(doc, "document")); },
                  py::arg("document"),
                  "Read a scenario document (docs/simulation.md), apply its edits and validate it. Raises "
                  "ParseError / ValidationError (record 'scenario', field the JSON pointer) or NotFoundError.")
      .def_static(
          "from_programme",
          [](const Programme& p, const sim::DemandModel& demand, Instant start, int days, std::optional<std::vector<double>> within_hours) {
            sim::Options o;
            if (within_hours) o.within_hours = *within_hours;
            py::gil_scoped_release release;
            return sim::scenario_from(p, demand, start, days, o);
          },
          py::arg("programme"), py::arg("demand"), py::arg("start"), py::arg("days") = 28, py::arg("within_hours") = py::none(),
          "A scenario of a live programme's catalogue, coaches and group sessions with `demand`, from `start` (an aware "
          "datetime) for `days` days; within_hours are the thresholds reported (default [24]).")
      .def("to_json", [](const sim::Scenario& x, std::optional<int> indent) { return sim::scenario_to_json(x, indent.value_or(-1)); },
           py::arg("indent") = py::none(), "The scenario as a document (edits applied).")
      .def("with_options", [](const sim::Scenario& x, py::handle doc) { return sim::with_options_json(x, text_arg(doc, "options")); },
           py::arg("options"), "A copy with the options and edits of an options document ({'within_hours', 'office', 'edits'}).")
      .def(
          "add_coaches",
          [](const sim::Scenario& x, int n, const std::string& like, const py::object& hours, const py::object& weekdays,
             const std::string& id_prefix) { return sim::add_coaches(x, like, n, blocks_of(hours, weekdays), id_prefix); },
          py::arg("n"), py::arg("like"), py::arg("hours") = py::none(), py::arg("weekdays") = py::none(),
          py::arg("id_prefix") = "sim-coach-",
          "What-if: n more coaches like coach `like` (its offers, pathways, modalities, caps, buffer), working "
          "hours=(from, to) ('18:00', minutes or datetime.time) on weekdays (0 = Monday; default every day), or the "
          "template's weekly rota when hours is None. Returns a new Scenario. Raises NotFoundError (template), "
          "ValidationError (n < 0, rule 'time_of_day' for bad hours).")
      .def(
          "add_hours",
          [](const sim::Scenario& x, const py::object& hours, const py::object& weekdays, std::vector<std::string> coaches) {
            return sim::add_hours(x, blocks_of(hours, weekdays), coaches);
          },
          py::arg("hours"), py::arg("weekdays") = py::none(), py::arg("coaches") = std::vector<std::string>{},
          "What-if: hours=(from, to) on weekdays added to the weekly rota of each coach in `coaches` (default every "
          "coach). Returns a new Scenario. Raises NotFoundError for an unknown coach.")
      .def(
          "open_offer",
          [](const sim::Scenario& x, const std::string& offer, std::vector<std::string> coaches) { return sim::open_offer(x, offer, coaches); },
          py::arg("offer_id"), py::arg("coaches") = std::vector<std::string>{},
          "What-if: the offer (e.g. a pathway's) opened to `coaches` (default every coach who may deliver it). Returns "
          "a new Scenario. Raises NotFoundError (offer, coach).")
      .def_property_readonly("start", [](const sim::Scenario& x) { return x.start; }, "First instant simulated (UTC).")
      .def_property_readonly("days", [](const sim::Scenario& x) { return x.days; }, "Length of the period, days.")
      .def_property_readonly("within_hours", [](const sim::Scenario& x) { return x.options.within_hours; },
                             "The 'first session within N hours' thresholds reported.")
      .def_property_readonly("demand", [](const sim::Scenario& x) { return x.demand; }, "The demand model (a copy).")
      .def_property_readonly(
          "coach_ids",
          [](const sim::Scenario& x) {
            std::vector<std::string> ids;
            for (const auto& c : x.coaches) ids.push_back(c.id);
            return ids;
          },
          "Ids of the scenario's coaches, in order.")
      .def("__eq__", [](const sim::Scenario& a, const sim::Scenario& b) { return a == b; }, py::arg("other"),
           "Equal when supply, demand, period and options are equal.")
      .def("__repr__", [](const sim::Scenario& x) {
        std::ostringstream os;
        os << "Scenario(" << x.coaches.size() << " coaches, " << x.demand.streams.size() << " demand streams, "
           << format_instant(x.start) << " for " << x.days << " days)";
        return os.str();
      }, "One line: coaches, streams, period.")
      .def(py::pickle([](const sim::Scenario& x) { return sim::scenario_to_json(x); },
                      [](const std::string& t) { return sim::scenario_from_json(t); }));

  py::class_<Reps, RepsPtr>(s, "Replications", "Results of replications of one scenario (the engine's ReplicationResult list).")
      .def("__len__", [](const Reps& r) { return r.items.size(); }, "Number of replications.")
      .def("to_json", [](const Reps& r) { return sim::replications_to_json(r.items); }, "The replications as a JSON array.")
      .def_static("from_json", [](py::handle doc) { return reps(sim::replications_from_json(text_arg(doc, "document"))); },
                  py::arg("document"), "Read replications_to_json's array. Raises ParseError (record 'replications').")
      .def_static("concat", &concat, py::arg("parts"), "Replications of several calls (e.g. Dask chunks) as one, in the order given.")
      .def_property_readonly("numbers", [](const Reps& r) {
        std::vector<int> n;
        for (const auto& x : r.items) n.push_back(x.replication);
        return n;
      }, "The replication numbers, in order.")
      .def("columns", [](const Reps& r, const std::vector<double>& within_hours) { return replication_columns(r.items, within_hours); },
           py::arg("within_hours"), "Per replication, each group then everyone (ids ''): a dict of columns (numpy arrays and lists) for a DataFrame.")
      .def("histograms", [](const Reps& r) { return histograms(r.items); },
           "The wait histograms summed over replications: (group keys, counts[groups + 1, WAIT_BINS]); the last row is everyone.")
      .def("__eq__", [](const Reps& a, const Reps& b) { return sim::replications_to_json(a.items) == sim::replications_to_json(b.items); },
           py::arg("other"), "Equal when every figure is equal (a figure with no value, NaN, equals NaN).")
      .def(py::pickle([](const Reps& r) { return sim::replications_to_json(r.items); },
                      [](const std::string& t) { return reps(sim::replications_from_json(t)); }));

  py::class_<sim::Summary>(s, "Summary", "Every figure across replications: mean and confidence interval.")
      .def_readonly("level", &sim::Summary::level, "Confidence level of the intervals.")
      .def_readonly("replications", &sim::Summary::replications, "Replications summarised.")
      .def("to_json", [](const sim::Summary& x) { return sim::summary_to_json(x); }, "The summary as a document.")
      .def("rows", [](const sim::Summary& x) {
        using R = sim::SummaryRow;
        py::dict d;
        py::list sl, offer, pathway, measure, n;
        std::vector<double> mean, lower, upper, sd;
        for (const R& r : x.rows) {
          sl.append(r.service_line_id); offer.append(r.offer_id); pathway.append(r.pathway); measure.append(r.measure);
          mean.push_back(r.mean); lower.push_back(r.lower); upper.push_back(r.upper); sd.push_back(r.sd); n.append(r.n);
        }
        d["service_line_id"] = sl; d["offer_id"] = offer; d["pathway"] = pathway; d["measure"] = measure;
        d["mean"] = py::array_t<double>(mean.size(), mean.data()); d["lower"] = py::array_t<double>(lower.size(), lower.data());
        d["upper"] = py::array_t<double>(upper.size(), upper.data()); d["sd"] = py::array_t<double>(sd.size(), sd.data());
        d["n"] = n;
        return d;
      }, "The summary rows as a dict of columns: service_line_id, offer_id, pathway ('' on the overall rows), measure, "
         "mean, lower, upper, sd, n.")
      .def("coaches", [](const sim::Summary& x) {
        py::list id, mean, lower, upper;
        for (const auto& r : x.coaches) { id.append(r.coach_id); mean.append(r.mean); lower.append(r.lower); upper.append(r.upper); }
        return py::dict(py::arg("coach_id") = id, py::arg("mean") = mean, py::arg("lower") = lower, py::arg("upper") = upper);
      }, "Utilisation by coach as a dict of columns: coach_id, mean, lower, upper.")
      .def("hours", [](const sim::Summary& x) {
        py::list h, mean, lower, upper;
        for (const auto& r : x.hours) { h.append(r.hour_of_week); mean.append(r.mean); lower.append(r.lower); upper.append(r.upper); }
        return py::dict(py::arg("hour_of_week") = h, py::arg("mean") = mean, py::arg("lower") = lower, py::arg("upper") = upper);
      }, "Utilisation by UK local hour of week as a dict of columns: hour_of_week (0 = Monday 00:00), mean, lower, upper.");

  s.def(
      "run",
      [](const sim::Scenario& sc, std::uint64_t seed, int first, int count, int threads, const py::object& progress) {
        return reps(run_interruptible(sc, seed, first, count, threads, progress));
      },
      py::arg("scenario"), py::arg("seed"), py::arg("first"), py::arg("count"), py::arg("threads") = 0,
      py::arg("progress") = py::none(),
      "Run replications [first, first + count) of the scenario (GIL released; threads 0 = every core). progress(done, "
      "total) is called from this thread as replications finish; returning False cancels (the replications done are "
      "returned); Ctrl-C cancels and raises KeyboardInterrupt. Replication r depends only on (seed, r).");
  s.def(
      "summarise",
      [](const RepsPtr& r, double level) {
        py::gil_scoped_release release;
        return sim::summarise(r->items, level);
      },
      py::arg("replications"), py::arg("level") = 0.95,
      "Mean and confidence interval of every figure across replications. Raises ValidationError (field 'level', "
      "rule 'confidence_level').");
  s.def(
      "results_to_json",
      [](const RepsPtr& r, const sim::Summary* summary, std::uint64_t seed, int requested, bool cancelled,
         const std::vector<double>& within_hours) {
        return sim::results_to_json(r->items, summary, seed, requested, cancelled, within_hours);
      },
      py::arg("replications"), py::arg("summary"), py::arg("seed"), py::arg("requested"), py::arg("cancelled"),
      py::arg("within_hours"), "The results document of the C API's lc_simulation_run.");
  s.def(
      "optimise",
      [](const sim::Scenario& sc, double target, double within_hours, const std::string& lever, const std::string& like,
         const py::object& hours, const py::object& weekdays, const std::string& offer_id, double level, int max_added,
         int replications, std::uint64_t seed, int threads) {
        sim::OptimiseOptions o;
        if (lever == "coaches") o.lever = sim::Lever::Coaches;
        else if (lever == "hours") o.lever = sim::Lever::Hours;
        else throw ValidationError("optimise", "lever", "known_lever"_rule, "lever is 'coaches' or 'hours'");
        o.template_coach_id = like;
        o.weekly = blocks_of(hours, weekdays);
        o.target = target;
        o.within_hours = within_hours;
        o.offer_id = offer_id;
        o.level = level;
        o.max_added = max_added;
        o.replications = replications;
        o.seed = seed;
        o.run.threads = threads;
        py::gil_scoped_release release;
        return sim::optimise_to_json(sim::optimise(sc, o));
      },
      py::arg("scenario"), py::arg("target"), py::arg("within_hours") = 24.0, py::arg("lever") = "coaches",
      py::arg("like") = "", py::arg("hours") = py::none(), py::arg("weekdays") = py::none(), py::arg("offer_id") = "",
      py::arg("level") = 0.95, py::arg("max_added") = 100, py::arg("replications") = 30, py::arg("seed") = 1,
      py::arg("threads") = 0,
      "The smallest number of coaches (or coaches given hours) to add so that the share of first sessions within "
      "`within_hours` meets `target` with confidence `level` (the interval's lower bound); the optimiser's answer "
      "document {'best', 'points'} as text.");
}

}  // namespace

laycoach::pybind::Registrar reg_simulation(45, "simulation", &init_simulation);
