// The booking engine's Python face: Programme.search_slots / search_frame / book_earliest /
// book_slot / access_figures, and laycoach.booking (cancel, did_not_attend, reschedule, group
// places and the waiting list). The rules are the C++ ones; long calls release the GIL;
// columns (search results, access figures) cross as numpy arrays.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <functional>
#include <limits>
#include <sstream>

#include "casters.hpp"
#include "laycoach/booking.hpp"
#include "laycoach/json.hpp"
#include "laycoach/programme.hpp"
#include "pyjson.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace laycoach;
namespace bk = laycoach::booking;
using laycoach::pybind::dict_to_json_text;
using laycoach::pybind::py_to_json;

namespace {

// ---- arguments ----------------------------------------------------------------------------------

// Python's arguments become a request document read by the one request reader (json.hpp):
// the same keys, rules and JSON pointers ("/weekdays/0", "/times_of_day/0/from_min") as the C
// API. Only what is naturally Python is converted here: (from, to) pairs and datetime.time.
py::object times_of(const py::object& o) {
  if (o.is_none()) return py::none();
  static py::object time_t = py::module_::import("datetime").attr("time");
  auto minute = [](py::handle h) -> py::object {
    if (py::isinstance(h, time_t)) return py::int_(h.attr("hour").cast<int>() * 60 + h.attr("minute").cast<int>());
    return py::reinterpret_borrow<py::object>(h);
  };
  if (py::isinstance<py::str>(o) || !py::hasattr(o, "__iter__"))
    throw ValidationError("request", "/times_of_day", "time_of_day"_rule, "times_of_day is a list of (from, to) pairs");
  py::list out;
  std::size_t i = 0;
  for (auto w : o) {
    const std::string field = "/times_of_day/" + std::to_string(i++);
    if (py::isinstance<py::dict>(w)) { out.append(w); continue; }
    if (py::isinstance<py::str>(w) || !py::isinstance<py::sequence>(w) || py::len(w) != 2)
      throw ValidationError("request", ErrorField(field), "time_of_day"_rule, "a window is a pair (from, to)");
    py::sequence pair = py::reinterpret_borrow<py::sequence>(w);
    out.append(py::dict(py::arg("from_min") = minute(pair[0]), py::arg("to_min") = minute(pair[1])));
  }
  return out;
}

// A request document from keyword arguments (None = absent).
BookingRequest request_of(const py::dict& args, bool allow_start = false) {
  py::dict d;
  for (auto [k, v] : args) {
    if (v.is_none()) continue;
    const std::string key = py::str(k);
    d[k] = key == "times_of_day" ? times_of(py::reinterpret_borrow<py::object>(v)) : v;
  }
  return booking_request_from_json(dict_to_json_text(d), allow_start);
}

struct SearchArgs {
  py::object client_id, offer_id, referral_id, modality, earliest, latest, now, preferred_coach, preferred_coach_only,
      continuity, times_of_day, weekdays, reschedule_of, max_results;

  py::dict args() const {
    return py::dict(py::arg("client_id") = client_id, py::arg("offer_id") = offer_id,
                    py::arg("referral_id") = referral_id, py::arg("modality") = modality,
                    py::arg("earliest") = earliest, py::arg("latest") = latest, py::arg("now") = now,
                    py::arg("preferred_coach") = preferred_coach,
                    py::arg("preferred_coach_only") = preferred_coach_only, py::arg("continuity") = continuity,
                    py::arg("times_of_day") = times_of_day, py::arg("weekdays") = weekdays,
                    py::arg("reschedule_of") = reschedule_of, py::arg("max_results") = max_results);
  }
  bk::SlotRequest request() const { return request_of(args()).search; }
};

bk::Party party_of(const std::string& s, const char* field) {
  const auto p = bk::parse_party(s);
  if (!p) throw ValidationError("", ErrorField(field), "party"_rule, std::string(field) + " is 'client' or 'coach', not '" + s + "'");
  return *p;
}

// The search arguments, shared by search_slots, search_columns, search_frame and book_earliest.
#define LC_SEARCH_ARGS                                                                                              \
  py::arg("client_id"), py::arg("offer_id") = py::none(), py::kw_only(), py::arg("referral_id") = py::none(),       \
      py::arg("modality") = py::none(), py::arg("earliest") = py::none(), py::arg("latest") = py::none(),          \
      py::arg("now") = py::none(), py::arg("preferred_coach") = py::none(), py::arg("preferred_coach_only") = false, \
      py::arg("continuity") = true, py::arg("times_of_day") = py::none(), py::arg("weekdays") = py::none(),         \
      py::arg("reschedule_of") = py::none(), py::arg("max_results") = 5

#define LC_SEARCH_PARAMS                                                                                          \
  py::object client_id, py::object offer_id, py::object referral_id, py::object modality, py::object earliest,   \
      py::object latest, py::object now, py::object preferred_coach, py::object preferred_coach_only,            \
      py::object continuity, py::object times, py::object weekdays, py::object reschedule_of, py::object max_results

#define LC_SEARCH_VALUES                                                                                           \
  SearchArgs {                                                                                                     \
    client_id, offer_id, referral_id, modality, earliest, latest, now, preferred_coach, preferred_coach_only,      \
        continuity, times, weekdays, reschedule_of, max_results                                                    \
  }

constexpr const char* kSearchDoc =
    "The earliest feasible slots for a client, ranked: the favoured coach first (preferred_coach, else the coach of "
    "the referral's latest session unless continuity=False), then start, then the coach's sessions that ISO week, "
    "then coach id. offer_id defaults to the referral's; modality to the referral's preferred one, else any; "
    "earliest and now to the clock; latest to earliest + 28 days. times_of_day: [(from, to), ...] UK local, as "
    "minutes, datetime.time or 'HH:MM' (the start lies in [from, to)); weekdays: [0..6] (0 = Monday) or names. "
    "Slots start on a 15-minute grid aligned to UK local time. Raises NotFoundError, ValidationError "
    "(rule 'eligibility' or 'consent' for the client).";

// ---- results ------------------------------------------------------------------------------------

py::object datetime64(const std::vector<Instant>& v) {
  py::array_t<std::int64_t> a(static_cast<py::ssize_t>(v.size()));
  auto w = a.mutable_unchecked<1>();
  constexpr std::int64_t kNat = std::numeric_limits<std::int64_t>::min();
  for (std::size_t i = 0; i < v.size(); ++i) w(static_cast<py::ssize_t>(i)) = v[i].is_special() ? kNat : to_unix_seconds(v[i]);
  return a.attr("view")("datetime64[s]");
}

template <class T>
py::array_t<T> column(std::size_t n, const std::function<T(std::size_t)>& f) {
  py::array_t<T> a(static_cast<py::ssize_t>(n));
  auto w = a.template mutable_unchecked<1>();
  for (std::size_t i = 0; i < n; ++i) w(static_cast<py::ssize_t>(i)) = f(i);
  return a;
}

py::list strings(std::size_t n, const std::function<std::string(std::size_t)>& f) {
  py::list l(n);
  for (std::size_t i = 0; i < n; ++i) l[i] = py::str(f(i));
  return l;
}

// Slots as columns: start (datetime64[s], UTC), minutes, coach_id, modality, favoured, coach_week_sessions.
py::dict slot_columns(const std::vector<bk::Slot>& v) {
  py::dict d;
  std::vector<Instant> starts;
  for (const auto& s : v) starts.push_back(s.start);
  d["start"] = datetime64(starts);
  d["minutes"] = column<std::int64_t>(v.size(), [&](std::size_t i) { return v[i].minutes; });
  d["coach_id"] = strings(v.size(), [&](std::size_t i) { return v[i].coach_id; });
  d["modality"] = strings(v.size(), [&](std::size_t i) { return std::string(to_string(v[i].modality)); });
  d["favoured"] = column<bool>(v.size(), [&](std::size_t i) { return v[i].favoured; });
  d["coach_week_sessions"] = column<std::int64_t>(v.size(), [&](std::size_t i) { return v[i].coach_week_sessions; });
  return d;
}

// A dict of columns as a DataFrame with aware UTC instants.
py::object to_frame(const py::dict& cols, std::initializer_list<const char*> instants) {
  py::object pd = py::module_::import("pandas");
  py::object df = pd.attr("DataFrame")(cols);
  for (const char* c : instants) df[py::str(c)] = pd.attr("to_datetime")(df[py::str(c)], py::arg("utc") = true);
  return df;
}

py::dict booking_columns(const bk::AccessFigures& f) {
  const auto& b = f.bookings;
  py::dict d;
  d["session_id"] = strings(b.size(), [&](std::size_t i) { return b[i].session_id; });
  d["offer_id"] = strings(b.size(), [&](std::size_t i) { return b[i].offer_id; });
  d["coach_id"] = strings(b.size(), [&](std::size_t i) { return b[i].coach_id; });
  d["status"] = strings(b.size(), [&](std::size_t i) { return std::string(to_string(b[i].status)); });
  std::vector<Instant> req, off, start;
  for (const auto& r : b) {
    req.push_back(r.requested_at);
    off.push_back(r.first_offered);
    start.push_back(r.start);
  }
  d["requested_at"] = datetime64(req);
  d["first_offered"] = datetime64(off);
  d["start"] = datetime64(start);
  d["minutes_to_first_offer"] = column<double>(b.size(), [&](std::size_t i) { return b[i].minutes_to_first_offer; });
  d["minutes_to_session"] = column<double>(b.size(), [&](std::size_t i) { return b[i].minutes_to_session; });
  d["offered_within_24h"] = column<bool>(b.size(), [&](std::size_t i) { return b[i].offered_within_24h; });
  d["within_24h"] = column<bool>(b.size(), [&](std::size_t i) { return b[i].within_24h; });
  d["out_of_hours"] = column<bool>(b.size(), [&](std::size_t i) { return b[i].out_of_hours; });
  return d;
}

py::dict utilisation_columns(const bk::AccessFigures& f) {
  const auto& u = f.utilisation;
  py::dict d;
  d["coach_id"] = strings(u.size(), [&](std::size_t i) { return u[i].coach_id; });
  d["booked_minutes"] = column<double>(u.size(), [&](std::size_t i) { return u[i].booked_minutes; });
  d["rota_minutes"] = column<double>(u.size(), [&](std::size_t i) { return u[i].rota_minutes; });
  d["utilisation"] = column<double>(u.size(), [&](std::size_t i) { return u[i].utilisation; });
  return d;
}

// A record given as the record itself or as a dict in the document schema (through the
// record's own constructor, so a bad dict raises the usual ParseError).
template <class T>
T as_record(py::module_& m, const char* name, py::handle h) {
  if (py::isinstance<T>(h)) return h.cast<T>();
  return m.attr(name)(h).template cast<T>();
}


void init_booking(py::module_& m) {
  auto b = m.def_submodule("booking", "The booking engine: slots, booking, cancellations, group places, access figures.");
  b.attr("SLOT_MINUTES") = bk::kSlotMinutes;
  b.attr("MAX_WINDOW_DAYS") = bk::kMaxWindowDays;

  py::class_<bk::Slot>(b, "Slot", "A feasible slot: a coach at a time (start is an aware UTC datetime).")
      .def(py::init([](py::object coach_id, py::object start, py::object modality) {
             py::dict d(py::arg("coach_id") = coach_id, py::arg("start") = start);
             if (!modality.is_none()) d["modality"] = modality;
             return slot_from_json(py_to_json(d, "", "slot").dump());
           }),
           py::arg("coach_id"), py::arg("start"), py::arg("modality") = py::none(), "A slot to book with book_slot.")
      .def_readonly("start", &bk::Slot::start, "When the slot starts (aware datetime, UTC).")
      .def_readonly("minutes", &bk::Slot::minutes, "Its length in minutes (the offer's session_minutes).")
      .def_readonly("coach_id", &bk::Slot::coach_id, "The coach free then (str).")
      .def_readonly("modality", &bk::Slot::modality, "How the session would be held (Modality).")
      .def_readonly("favoured", &bk::Slot::favoured, "the preferred or continuity coach (ranked first)")
      .def_readonly("coach_week_sessions", &bk::Slot::coach_week_sessions, "the coach's sessions that ISO week")
      .def_property_readonly("end", [](const bk::Slot& s) { return s.start + boost::posix_time::minutes(s.minutes); }, "start + minutes (aware datetime, UTC).")
      .def("__eq__", [](const bk::Slot& a, const bk::Slot& b) { return a == b; }, py::is_operator())
      .def("to_dict",
           [](const bk::Slot& s) {
             return py::dict(py::arg("start") = py::cast(s.start), py::arg("minutes") = s.minutes,
                             py::arg("coach_id") = s.coach_id, py::arg("modality") = std::string(to_string(s.modality)),
                             py::arg("favoured") = s.favoured, py::arg("coach_week_sessions") = s.coach_week_sessions);
           },
           "The slot as a dict (start an aware datetime, modality its name), as book_slot accepts it.")
      ;

  py::class_<bk::AccessFigures>(b, "AccessFigures",
                                "Access figures for sessions starting in a period: per booking (columns), shares, "
                                "medians, outcome counts, utilisation per coach (columns).")
      .def_property_readonly("bookings", &booking_columns,
                             "Per booking: session_id, offer_id, coach_id, status, requested_at, first_offered, start "
                             "(datetime64[s], UTC), minutes_to_first_offer, minutes_to_session, offered_within_24h, "
                             "within_24h, out_of_hours.")
      .def_property_readonly("utilisation", &utilisation_columns,
                             "Per coach: coach_id, booked_minutes, rota_minutes, utilisation (NaN without rota time).")
      .def("bookings_frame", [](const bk::AccessFigures& f) { return to_frame(booking_columns(f), {"requested_at", "first_offered", "start"}); },
           "bookings as a pandas DataFrame, one row per booking, times as aware UTC datetimes.")
      .def("utilisation_frame", [](const bk::AccessFigures& f) { return to_frame(utilisation_columns(f), {}); },
           "utilisation as a pandas DataFrame, one row per coach (minutes; utilisation a share, NaN without rota time).")
      .def_readonly("with_request", &bk::AccessFigures::with_request, "Bookings whose requested_at is known: the denominator of the 24-hour shares (int).")
      .def_readonly("share_offered_within_24h", &bk::AccessFigures::share_offered_within_24h, "Share (0..1) of those first offered a slot within 24 h of asking; NaN when with_request is 0.")
      .def_readonly("share_within_24h", &bk::AccessFigures::share_within_24h, "Share (0..1) of those whose session started within 24 h of asking; NaN when with_request is 0.")
      .def_readonly("share_out_of_hours", &bk::AccessFigures::share_out_of_hours, "Share (0..1) of all bookings outside office hours (UK local time); NaN when there are none.")
      .def_readonly("median_minutes_to_first_offer", &bk::AccessFigures::median_minutes_to_first_offer, "Median minutes from asking to the first slot offered; NaN when unknown for all.")
      .def_readonly("median_minutes_to_session", &bk::AccessFigures::median_minutes_to_session, "Median minutes from asking to the session's start; NaN when unknown for all.")
      .def_readonly("attended", &bk::AccessFigures::attended, "Sessions attended (int).")
      .def_readonly("client_did_not_attend", &bk::AccessFigures::client_did_not_attend, "Sessions the client did not attend (int).")
      .def_readonly("coach_did_not_attend", &bk::AccessFigures::coach_did_not_attend, "Sessions the coach did not attend (int).")
      .def_readonly("cancelled_by_client", &bk::AccessFigures::cancelled_by_client, "Sessions cancelled by the client (int).")
      .def_readonly("cancelled_by_coach", &bk::AccessFigures::cancelled_by_coach, "Sessions cancelled by the coach (int).")
      .def_readonly("booked", &bk::AccessFigures::booked, "Sessions still booked (no outcome yet) (int).")
      .def_readonly("overall_utilisation", &bk::AccessFigures::overall_utilisation, "Booked minutes over rota minutes, all coaches (0..1 or more); NaN when no rota time.")
      .def_property_readonly("n_bookings", [](const bk::AccessFigures& f) { return f.bookings.size(); },
                             "Bookings counted: sessions starting in the period (int; len() of the figures).")
      .def("__len__", [](const bk::AccessFigures& f) { return f.bookings.size(); });
  // repr, _repr_html_, to_dict and to_frame of Slot and AccessFigures: init_rich.cpp, as every result's.

  // ---- on Programme ------------------------------------------------------------------------------
  auto P = py::reinterpret_borrow<py::class_<Programme>>(m.attr("Programme"));
  P.def(
      "search_slots",
      [](const Programme& p, LC_SEARCH_PARAMS) {
        const bk::SlotRequest r = LC_SEARCH_VALUES.request();
        py::gil_scoped_release release;
        return bk::search(p, r);
      },
      LC_SEARCH_ARGS, kSearchDoc);
  P.def(
      "search_columns",
      [](const Programme& p, LC_SEARCH_PARAMS) {
        const bk::SlotRequest r = LC_SEARCH_VALUES.request();
        std::vector<bk::Slot> v;
        {
          py::gil_scoped_release release;
          v = bk::search(p, r);
        }
        return slot_columns(v);
      },
      LC_SEARCH_ARGS, "search_slots as columns: {start (datetime64[s], UTC), minutes, coach_id, modality, favoured, coach_week_sessions}.");
  P.def(
      "search_frame",
      [](const Programme& p, LC_SEARCH_PARAMS) {
        const bk::SlotRequest r = LC_SEARCH_VALUES.request();
        std::vector<bk::Slot> v;
        {
          py::gil_scoped_release release;
          v = bk::search(p, r);
        }
        return to_frame(slot_columns(v), {"start"});
      },
      LC_SEARCH_ARGS, "search_slots as a pandas DataFrame (start: aware UTC).");
  P.def(
      "book_earliest",
      [](Programme& p, LC_SEARCH_PARAMS, py::object session_id, py::object requested_at, py::object first_offered,
         py::object adjustments) {
        py::dict a = LC_SEARCH_VALUES.args();
        a["session_id"] = session_id;
        a["requested_at"] = requested_at;
        a["first_offered"] = first_offered;
        a["adjustments"] = adjustments;
        const BookingRequest q = request_of(a);
        py::gil_scoped_release release;
        return bk::book_earliest(p, q.search, q.details);
      },
      LC_SEARCH_ARGS, py::arg("session_id") = py::none(), py::arg("requested_at") = py::none(),
      py::arg("first_offered") = py::none(), py::arg("adjustments") = py::none(),
      "Search and book the best slot in one step (atomic: no two requests get the same coach at the same time); "
      "returns the stored Session. Raises ConflictError (rule 'no_slot_available') when nothing fits; a failure "
      "changes nothing. session_id defaults to a generated one, requested_at to the referral's.");
  P.def(
      "book_slot",
      [](Programme& p, const bk::Slot& slot, py::object client_id, py::object offer_id, py::object referral_id,
         py::object now, py::object reschedule_of, py::object session_id, py::object requested_at,
         py::object first_offered, py::object adjustments) {
        const BookingRequest q = request_of(py::dict(
            py::arg("client_id") = client_id, py::arg("offer_id") = offer_id, py::arg("referral_id") = referral_id,
            py::arg("now") = now, py::arg("reschedule_of") = reschedule_of, py::arg("session_id") = session_id,
            py::arg("requested_at") = requested_at, py::arg("first_offered") = first_offered,
            py::arg("adjustments") = adjustments));
        py::gil_scoped_release release;
        return bk::book_slot(p, q.search, slot, q.details);
      },
      py::arg("slot"), py::arg("client_id"), py::arg("offer_id") = py::none(), py::kw_only(),
      py::arg("referral_id") = py::none(), py::arg("now") = py::none(), py::arg("reschedule_of") = py::none(),
      py::arg("session_id") = py::none(), py::arg("requested_at") = py::none(), py::arg("first_offered") = py::none(),
      py::arg("adjustments") = py::none(),
      "Book a chosen slot (from search_slots) for a client, checked by every rule; with reschedule_of, move that "
      "session there. Returns the stored Session.");
  P.def(
      "access_figures",
      [](const Programme& p, Instant start, Instant end, py::object office_hours) {
        bk::OfficeHours oh;
        if (!office_hours.is_none()) {
          // (start, end) as a window: the same minute / "HH:MM" / datetime.time conversions.
          py::list w = times_of(py::make_tuple(office_hours));
          py::dict d = w[0];
          oh = office_hours_from_json(
              py_to_json(py::dict(py::arg("start_min") = d["from_min"], py::arg("end_min") = d["to_min"]), "",
                         "office_hours")
                  .dump());
        }
        py::gil_scoped_release release;
        return bk::access_figures(p, start, end, oh);
      },
      py::arg("start"), py::arg("end"), py::arg("office_hours") = py::none(),
      "Access figures for sessions starting in [start, end): time from request to first offer and to the session, "
      "shares within 24 h and out of office hours (default ('09:00', '17:00') UK local, and weekends), outcome "
      "counts (client and coach did-not-attend separately), coach utilisation (booked / rota minutes).");

  // ---- laycoach.booking functions -------------------------------------------------------------
  b.def(
      "cancel",
      [](Programme& p, const std::string& id, const std::string& by) {
        const auto who = party_of(by, "by");
        py::gil_scoped_release release;
        return bk::cancel(p, id, who);
      },
      py::arg("programme"), py::arg("session_id"), py::arg("by") = "client",
      "Cancel a booked session by 'client' or 'coach'; the slot is free again at once. Returns the Session.");
  b.def(
      "did_not_attend",
      [](Programme& p, const std::string& id, const std::string& who) {
        const auto w = party_of(who, "who");
        py::gil_scoped_release release;
        return bk::did_not_attend(p, id, w);
      },
      py::arg("programme"), py::arg("session_id"), py::arg("who") = "client",
      "Record that the 'client' or the 'coach' did not attend (different outcomes, counted separately).");
  b.def(
      "reschedule",
      [](Programme& p, const std::string& id, Instant start, Instant now, std::optional<std::string> new_id) {
        bk::BookingDetails d;
        d.session_id = new_id.value_or("");
        py::gil_scoped_release release;
        return bk::reschedule(p, id, start, now, d);
      },
      py::arg("programme"), py::arg("session_id"), py::arg("start"), py::arg("now") = py::none(),
      py::arg("new_id") = py::none(),
      "Move a booked session to start with the same coach (every rule, as if the old slot were free); the old one "
      "becomes RESCHEDULED in the same transaction. Returns the new Session.");
  b.def(
      "reschedule_earliest",
      [](Programme& p, const std::string& id, py::object earliest, py::object latest, py::object now, py::object times,
         py::object weekdays, py::object continuity, py::object new_id) {
        const BookingRequest q = request_of(py::dict(
            py::arg("earliest") = earliest, py::arg("latest") = latest, py::arg("now") = now,
            py::arg("times_of_day") = times, py::arg("weekdays") = weekdays, py::arg("continuity") = continuity,
            py::arg("session_id") = new_id));
        py::gil_scoped_release release;
        return bk::reschedule_earliest(p, id, q.search, q.details);
      },
      py::arg("programme"), py::arg("session_id"), py::kw_only(), py::arg("earliest") = py::none(),
      py::arg("latest") = py::none(), py::arg("now") = py::none(), py::arg("times_of_day") = py::none(),
      py::arg("weekdays") = py::none(), py::arg("continuity") = true, py::arg("new_id") = py::none(),
      "Move a booked session to the best slot (the same coach first unless continuity=False). Returns the new Session.");
  // ---- series: the request crosses as a document read by the C API's reader ----
  auto series_request = [](py::dict d) {
    py::dict clean;
    for (auto [k, v] : d) {
      if (v.is_none()) continue;
      const std::string key = py::str(k);
      clean[k] = key == "times_of_day" ? times_of(py::reinterpret_borrow<py::object>(v)) : v;
    }
    return series_request_from_json(dict_to_json_text(clean));
  };
  b.def(
      "book_series",
      [series_request](Programme& p, py::object client_id, py::object first_start, py::object count, py::object repeat,
                       py::object every, py::object coach_id, py::object offer_id, py::object referral_id,
                       py::object modality, py::object series_id, py::object now, py::object requested_at,
                       py::object adjustments, py::object override_by, py::object override_reason) {
        const bk::SeriesRequest r = series_request(py::dict(
            py::arg("client_id") = client_id, py::arg("first_start") = first_start, py::arg("count") = count,
            py::arg("repeat") = repeat, py::arg("every") = every, py::arg("coach_id") = coach_id,
            py::arg("offer_id") = offer_id, py::arg("referral_id") = referral_id, py::arg("modality") = modality,
            py::arg("series_id") = series_id, py::arg("now") = now, py::arg("requested_at") = requested_at,
            py::arg("adjustments") = adjustments, py::arg("override_by") = override_by,
            py::arg("override_reason") = override_reason));
        py::gil_scoped_release release;
        return bk::book_series(p, r);
      },
      py::arg("programme"), py::arg("client_id"), py::kw_only(), py::arg("first_start"), py::arg("count"),
      py::arg("repeat") = "weekly", py::arg("every") = 1, py::arg("coach_id") = py::none(),
      py::arg("offer_id") = py::none(), py::arg("referral_id") = py::none(), py::arg("modality") = py::none(),
      py::arg("series_id") = py::none(), py::arg("now") = py::none(), py::arg("requested_at") = py::none(),
      py::arg("adjustments") = py::none(), py::arg("override_by") = py::none(), py::arg("override_reason") = py::none(),
      "Book a series whole (count sessions, repeat 'weekly' every k weeks or 'daily' every k days, the same UK local "
      "time of day) with one coach (default: the referral's continuity coach), all or nothing in one transaction; "
      "each occurrence passes the booking rules as if the earlier ones were booked. The referral's agreed number of "
      "sessions is honoured unless override_by and override_reason name a manager and why. An error about "
      "occurrence i has record = the series id and field 'occurrences/<i>/...'. Returns the Sessions by occurrence.");
  b.def(
      "book_series_earliest",
      [series_request](Programme& p, py::object client_id, py::object count, py::object earliest, py::object latest,
                       py::object times, py::object weekdays, py::object repeat, py::object every, py::object coach_id,
                       py::object offer_id, py::object referral_id, py::object modality, py::object series_id,
                       py::object now, py::object override_by, py::object override_reason) {
        const bk::SeriesRequest r = series_request(py::dict(
            py::arg("client_id") = client_id, py::arg("count") = count, py::arg("earliest") = earliest,
            py::arg("latest") = latest, py::arg("times_of_day") = times, py::arg("weekdays") = weekdays,
            py::arg("repeat") = repeat, py::arg("every") = every, py::arg("coach_id") = coach_id,
            py::arg("offer_id") = offer_id, py::arg("referral_id") = referral_id, py::arg("modality") = modality,
            py::arg("series_id") = series_id, py::arg("now") = now, py::arg("override_by") = override_by,
            py::arg("override_reason") = override_reason));
        py::gil_scoped_release release;
        return bk::book_series_earliest(p, r);
      },
      py::arg("programme"), py::arg("client_id"), py::kw_only(), py::arg("count"), py::arg("earliest") = py::none(),
      py::arg("latest") = py::none(), py::arg("times_of_day") = py::none(), py::arg("weekdays") = py::none(),
      py::arg("repeat") = "weekly", py::arg("every") = 1, py::arg("coach_id") = py::none(),
      py::arg("offer_id") = py::none(), py::arg("referral_id") = py::none(), py::arg("modality") = py::none(),
      py::arg("series_id") = py::none(), py::arg("now") = py::none(), py::arg("override_by") = py::none(),
      py::arg("override_reason") = py::none(),
      "Book a series at the earliest first start in [earliest, latest] (times_of_day, weekdays) for which all of "
      "it fits with its coach; ConflictError 'no_series_available' when none does. Returns the Sessions.");
  b.def(
      "series",
      [](const Programme& p, const std::string& id) {
        py::gil_scoped_release release;
        return bk::series(p, id);
      },
      py::arg("programme"), py::arg("series_id"),
      "The sessions of a series (every status, moved ones included), by occurrence then start.");
  b.def(
      "series_starts",
      [](Instant first, int count, const std::string& repeat, int every) {
        const auto rep = bk::parse_repeat(repeat);
        if (!rep) throw ValidationError("", "repeat", "repeat"_rule, "repeat is 'weekly' or 'daily', not '" + repeat + "'");
        return bk::series_starts(first, count, *rep, every);
      },
      py::arg("first_start"), py::arg("count"), py::arg("repeat") = "weekly", py::arg("every") = 1,
      "The starts of a series: first_start's UK local date plus i weeks (or days) times every, at its local time of day.");
  b.def(
      "cancel_series",
      [](Programme& p, const std::string& id, int from_index, Instant since, const std::string& by) {
        const auto who = party_of(by, "by");
        py::gil_scoped_release release;
        return since.is_special() ? bk::cancel_series(p, id, from_index, who) : bk::cancel_series(p, id, since, who);
      },
      py::arg("programme"), py::arg("series_id"), py::arg("from_index") = 0, py::kw_only(), py::arg("since") = py::none(),
      py::arg("by") = "client",
      "Cancel every still-booked session of a series from occurrence from_index (or starting at or after `since`) "
      "by 'client' or 'coach', in one transaction. Returns the Sessions cancelled.");
  b.def(
      "move_series",
      [](Programme& p, const std::string& id, int from_index, Instant new_first_start, Instant now) {
        py::gil_scoped_release release;
        return bk::move_series(p, id, from_index, new_first_start, now);
      },
      py::arg("programme"), py::arg("series_id"), py::arg("from_index"), py::arg("new_first_start"),
      py::arg("now") = py::none(),
      "Move the still-booked rest of a series (occurrence >= from_index): the first to new_first_start, the others "
      "by the same number of UK local days as before at its local time of day; all or nothing, the old ones "
      "RESCHEDULED, one transaction. Returns the new Sessions.");
  b.def(
      "open_group_sessions",
      [](const Programme& p, LC_SEARCH_PARAMS) {
        const bk::SlotRequest r = LC_SEARCH_VALUES.request();
        py::gil_scoped_release release;
        return bk::open_group_sessions(p, r);
      },
      py::arg("programme"), LC_SEARCH_ARGS,
      "Booked group/team sessions of the offer in the window with a place the client can take, by start.");
  b.def(
      "join",
      [](Programme& p, const std::string& id, const std::string& client_id, std::optional<std::string> referral_id) {
        const Attendee a{client_id, referral_id.value_or(""), AttendeeStatus::Booked};
        py::gil_scoped_release release;
        return bk::join(p, id, a);
      },
      py::arg("programme"), py::arg("session_id"), py::arg("client_id"), py::arg("referral_id") = py::none(),
      "Join a group/team session; ConflictError 'group_capacity' when full, 'place_offered_to_waiting_list' when "
      "its free places are held for the waiting list.");
  b.def(
      "join_waiting_list",
      [](Programme& p, const std::string& id, const std::string& client_id, std::optional<std::string> referral_id,
         Instant now, std::optional<std::string> wait_id) {
        const Attendee a{client_id, referral_id.value_or(""), AttendeeStatus::Booked};
        py::gil_scoped_release release;
        return bk::join_waiting_list(p, id, a, now, wait_id.value_or(""));
      },
      py::arg("programme"), py::arg("session_id"), py::arg("client_id"), py::arg("referral_id") = py::none(),
      py::arg("now") = py::none(), py::arg("id") = py::none(),
      "Put a client on a full session's waiting list (ConflictError 'place_available' if a place is free).");
  b.def("waiting_list", &bk::waiting_list, py::arg("programme"), py::arg("session_id"),
        "A session's waiting list in order of service (added_at, then id).");
  b.def(
      "offer_freed_places",
      [](Programme& p, const std::string& id, Instant now) {
        py::gil_scoped_release release;
        return bk::offer_freed_places(p, id, now);
      },
      py::arg("programme"), py::arg("session_id"), py::arg("now") = py::none(),
      "Offer each free place to the earliest waiting entry (status OFFERED); returns the entries offered now.");
  b.def(
      "accept_place",
      [](Programme& p, const std::string& wait_id) {
        py::gil_scoped_release release;
        return bk::accept_place(p, wait_id);
      },
      py::arg("programme"), py::arg("wait_id"), "Accept an offered place: join, entry JOINED, one transaction.");
  b.def(
      "decline_place",
      [](Programme& p, const std::string& wait_id, Instant now) {
        py::gil_scoped_release release;
        return bk::decline_place(p, wait_id, now);
      },
      py::arg("programme"), py::arg("wait_id"), py::arg("now") = py::none(),
      "Decline (or leave the list): the entry is WITHDRAWN and a place it held goes to the next; returns that entry or None.");
  b.def(
      "cancel_place",
      [](Programme& p, const std::string& id, const std::string& client_id, Instant now) {
        py::gil_scoped_release release;
        return bk::cancel_place(p, id, client_id, now);
      },
      py::arg("programme"), py::arg("session_id"), py::arg("client_id"), py::arg("now") = py::none(),
      "A client gives up a group place; the freed place is offered to the waiting list. Returns the Session.");
  b.def(
      "check_rules",
      [m](const Programme& p, py::handle session, Instant now, std::optional<std::string> ignore_id) mutable {
        const Session s = as_record<Session>(m, "Session", session);
        py::gil_scoped_release release;
        bk::check_rules(p, s, now, ignore_id.value_or(""));
      },
      py::arg("programme"), py::arg("session"), py::arg("now") = py::none(), py::arg("ignore_id") = py::none(),
      "The engine's own rules for a session (rota, buffer, daily/weekly caps, notice); raises on a breach.");
  b.def(
      "prepare",
      [](const Programme& p, Instant start, Instant end) {
        py::gil_scoped_release release;
        bk::prepare(p, start, end);
      },
      py::arg("programme"), py::arg("start"), py::arg("end"), "Build the search indexes for a period in advance.");
  b.def(
      "refresh",
      [](const Programme& p) {
        py::gil_scoped_release release;
        bk::refresh(p);
      },
      py::arg("programme"), "Rebuild the search indexes (after Programme.update_coach).");
  b.def(
      "update_coach",
      [m](Programme& p, py::handle coach) mutable {
        const Coach c = as_record<Coach>(m, "Coach", coach);
        py::gil_scoped_release release;
        bk::update_coach(p, c);
      },
      py::arg("programme"), py::arg("coach"), "Programme.update_coach, then refresh.");
}

laycoach::pybind::Registrar reg(20, "booking", &init_booking);

}  // namespace
