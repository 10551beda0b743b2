// The model: enums, records and the Programme, with Pythonic names. Records are built from
// keyword arguments through the same JSON reader as documents and the C API (one rule, one
// place: unknown keys and wrong types give the same ParseError with the same pointer).
#include <pybind11/numpy.h>
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <functional>
#include <type_traits>
#include <variant>

#include "casters.hpp"
#include "field_docs.hpp"
#include "laycoach/document.hpp"
#include "laycoach/json.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"
#include "pyjson.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace laycoach;

namespace {

// Enum -> stable name, for turning keyword arguments into a document.
std::vector<std::function<std::optional<std::string>(py::handle)>>& enum_namers() {
  static std::vector<std::function<std::optional<std::string>(py::handle)>> v;
  return v;
}

template <class E, class Parse>
py::enum_<E> bind_enum(py::module_& m, const char* name, const char* doc, Parse parse,
                       std::initializer_list<std::pair<const char*, E>> values) {
  py::enum_<E> e(m, name, doc);
  for (const auto& [n, v] : values) e.value(n, v);
  // Stable lower-case name, as in documents and the C API.
  e.def_property_readonly("id", [](E v) { return std::string(to_string(v)); }, "The stable name used in documents.");
  e.def(py::init([parse, name](const std::string& s) {
          auto v = parse(s);
          if (!v) throw ValidationError("", ErrorField(name), "known_name"_rule, "unknown " + std::string(name) + " '" + s + "'");
          return *v;
        }),
        py::arg("name"));
  py::implicitly_convertible<py::str, E>();
  enum_namers().push_back([](py::handle h) -> std::optional<std::string> {
    if (py::isinstance<E>(h)) return std::string(to_string(h.cast<E>()));
    return std::nullopt;
  });
  return e;
}

}  // namespace

namespace laycoach::pybind {

namespace {
std::string token(const std::string& key) {  // RFC 6901 reference token
  std::string out;
  for (const char c : key) out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
  return out;
}
constexpr int kMaxDepth = 256;
}  // namespace

std::string text_arg(py::handle h, const std::string& field) {
  if (py::isinstance<py::bytes>(h)) return h.cast<std::string>();
  if (!py::isinstance<py::str>(h))
    throw ValidationError("", ErrorField(field), "text_type"_rule, "expected a str, got " + std::string(py::str(h.get_type())));
  Py_ssize_t n = 0;
  const char* p = PyUnicode_AsUTF8AndSize(h.ptr(), &n);
  if (!p) {
    PyErr_Clear();
    throw ValidationError("", ErrorField(field), "utf8_text"_rule, "text that is not valid Unicode (a lone surrogate?) cannot be stored");
  }
  return std::string(p, static_cast<std::size_t>(n));
}

// Datetimes as ISO 8601 UTC and enums by name; errors name the JSON pointer of the offending
// value (the same pointers as the document reader's).
PyJson py_to_json(py::handle o, const std::string& ptr, const std::string& record, int depth) {
  static py::object dt = py::module_::import("datetime").attr("datetime");
  static py::object date = py::module_::import("datetime").attr("date");
  if (depth > kMaxDepth)
    throw ValidationError(record, ErrorField(ptr), "nesting_depth"_rule, "nested deeper than " + std::to_string(kMaxDepth) + " levels");
  if (o.is_none()) return nullptr;
  if (py::isinstance<py::bool_>(o)) return o.cast<bool>();
  if (py::isinstance<py::int_>(o)) {
    int overflow = 0;
    const long long x = PyLong_AsLongLongAndOverflow(o.ptr(), &overflow);
    if (overflow || (x == -1 && PyErr_Occurred())) {
      PyErr_Clear();
      throw ValidationError(record, ErrorField(ptr), "integer_range"_rule, "integer " + std::string(py::str(o)).substr(0, 40) +
                                                              " is out of range (64-bit at most)");
    }
    return x;
  }
  if (py::isinstance<py::float_>(o)) {
    const double x = o.cast<double>();
    if (!std::isfinite(x)) throw ValidationError(record, ErrorField(ptr), "finite_number"_rule, "a number must be finite, not " + std::string(py::str(o)));
    return x;
  }
  if (py::isinstance<py::str>(o)) return text_arg(o, ptr.empty() ? std::string("/") : ptr);
  for (const auto& f : enum_namers())
    if (auto n = f(o)) return *n;
  if (py::isinstance(o, dt)) {
    if (o.attr("tzinfo").is_none() || o.attr("utcoffset")().is_none())
      throw ValidationError(record, ErrorField(ptr), "aware_datetime"_rule,
                            "use an aware datetime (e.g. tzinfo=datetime.timezone.utc); naive times are ambiguous");
    return format_instant(o.cast<Instant>());
  }
  if (py::isinstance(o, date)) return o.attr("isoformat")().cast<std::string>();
  if (py::isinstance<py::dict>(o)) {
    PyJson j = PyJson::object();
    for (auto [k, v] : py::reinterpret_borrow<py::dict>(o)) {
      const std::string key = py::isinstance<py::str>(k) ? text_arg(k, ptr + "/") : std::string(py::str(k));
      j[key] = py_to_json(v, ptr + "/" + token(key), record, depth + 1);
    }
    return j;
  }
  if (py::isinstance<py::list>(o) || py::isinstance<py::tuple>(o)) {
    PyJson j = PyJson::array();
    std::size_t i = 0;
    for (auto v : o) j.push_back(py_to_json(v, ptr + "/" + std::to_string(i++), record, depth + 1));
    return j;
  }
  if (py::hasattr(o, "to_json") && py::hasattr(o, "to_dict")) {  // a nested laycoach record
    auto j = PyJson::parse(o.attr("to_json")().cast<std::string>());
    j.erase("schema_version");
    return j;
  }
  if (py::hasattr(o, "tolist")) return py_to_json(o.attr("tolist")(), ptr, record, depth + 1);  // numpy scalars and arrays
  throw ValidationError(record, ErrorField(ptr), "document_value"_rule,
                        "cannot use a " + std::string(py::str(o.get_type())) + " in a laycoach document");
}

std::string dict_to_json_text(const py::handle& d) {
  std::string record;
  if (py::isinstance<py::dict>(d)) {
    auto dict = py::reinterpret_borrow<py::dict>(d);
    for (const char* k : {"id", "ods_code"})
      if (dict.contains(k) && py::isinstance<py::str>(dict[k])) {
        try { record = text_arg(dict[k], std::string("/") + k); } catch (const Error&) {}
        break;
      }
  }
  return py_to_json(d, "", record).dump();
}

}  // namespace laycoach::pybind

namespace {

using laycoach::pybind::dict_to_json_text;
using laycoach::pybind::py_to_json;
using laycoach::pybind::PyJson;
using laycoach::pybind::text_arg;

std::string kwargs_to_json(const py::dict& kw) { return dict_to_json_text(kw); }

py::object json_loads(const std::string& s) { return py::module_::import("json").attr("loads")(s); }

template <class T>
py::class_<T> record(py::module_& m, const char* name, const char* doc) {
  py::class_<T> c(m, name, doc);
  c.def(py::init([](py::kwargs kw) { return record_from_json<T>(kwargs_to_json(kw)); }),
        "Build from keyword arguments named as in the document schema; raises ParseError naming the key.");
  c.def(py::init([](const py::dict& d) { return record_from_json<T>(kwargs_to_json(d)); }), py::arg("document"),
        "Build from a dict in the document schema.");
  c.def("to_dict", [](const T& x) { return json_loads(record_to_json(x)); },
        "The record as a dict in the document schema (with schema_version).");
  c.def("to_json", [](const T& x, std::optional<int> indent) { return record_to_json(x, indent.value_or(-1)); },
        py::arg("indent") = py::none(), "The record as a JSON document.");
  c.def_static("from_json", [](py::handle s) { return record_from_json<T>(text_arg(s, "document")); }, py::arg("document"),
               "Parse a JSON document; raises ParseError with the JSON pointer of the offending value.");
  c.def(py::self == py::self);
  c.def("__repr__", [name](const T& x) { return std::string(name) + "(" + record_to_json(x) + ")"; });
  c.def("__copy__", [](const T& x) { return T(x); });
  c.def("__deepcopy__", [](const T& x, py::dict) { return T(x); }, py::arg("memo"));
  return c;
}

// What a field holds, in Python's terms, for its docstring.
template <class M> struct is_optional : std::false_type {};
template <class M> struct is_optional<std::optional<M>> : std::true_type { using type = M; };
template <class M> struct is_vector : std::false_type {};
template <class M, class A> struct is_vector<std::vector<M, A>> : std::true_type {};
template <class M>
std::string py_kind() {
  if constexpr (is_optional<M>::value) return py_kind<typename is_optional<M>::type>() + " or None";
  else if constexpr (std::is_same_v<M, std::string>) return "str";
  else if constexpr (std::is_same_v<M, bool>) return "bool";
  else if constexpr (std::is_integral_v<M>) return "int";
  else if constexpr (std::is_floating_point_v<M>) return "float";
  else if constexpr (std::is_same_v<M, Instant>) return "aware datetime (UTC)";
  else if constexpr (std::is_same_v<M, Date>) return "datetime.date";
  else if constexpr (std::is_enum_v<M>) return "enum (or its name as str)";
  else if constexpr (is_vector<M>::value) return "list";
  else return "value";
}

// A field read as it is and written through the record's document reader, so that a bad value
// raises the same ParseError / ValidationError (record, ErrorField(JSON pointer)) as a bad document.
template <class T, class M>
void rw(py::class_<T>& c, const char* name, M T::*member) {
  const std::string cls = py::str(c.attr("__name__"));
  const char* meaning = laycoach::pybind::field_doc(cls + "." + name);  // the header's comment of the member
  const std::string doc = (meaning ? std::string(meaning) + " (" + py_kind<M>() + "; the \"" + name + "\" member of the " + cls + " document)"
                                   : py_kind<M>() + ": the \"" + std::string(name) + "\" member of the " + cls +
                                         " document (docs/documents.md)") +
                          ". Assigning re-reads the record through the document reader, so a bad value raises "
                          "ParseError or ValidationError with field \"/" + name + "\" and leaves the record unchanged.";
  c.def_property(
      name, [member](const T& x) -> const M& { return x.*member; },
      [name](T& x, py::handle v) {
        PyJson j = PyJson::parse(record_to_json(x));
        const std::string ptr = std::string("/") + name;
        std::string rec;
        if (j.contains("id") && j["id"].is_string()) rec = j["id"].template get<std::string>();
        j[name] = py_to_json(v, ptr, rec);
        x = record_from_json<T>(j.dump());
      },
      doc.c_str());
}
#define RW(cls, T, f) rw(cls, #f, &T::f)

// A record argument given as the record itself or as a dict in the document schema; a bad
// dict raises the same ParseError/ValidationError (record, ErrorField(field)) as the C API.
template <class T>
T as_record(py::handle h, const char* what) {
  if (py::isinstance<T>(h)) return h.cast<T>();
  if (py::isinstance<py::dict>(h)) return record_from_json<T>(kwargs_to_json(py::reinterpret_borrow<py::dict>(h)));
  throw ValidationError("", ErrorField(what), "record_type"_rule,
                        std::string("expected a laycoach record or a dict, got ") + std::string(py::str(h.get_type())));
}
#define REC(T, arg) as_record<T>(arg, #T)

// A vector handed to numpy without a copy: the array owns it through a capsule.
template <class T>
py::array_t<T> owned_array(std::vector<T>&& v) {
  auto* heap = new std::vector<T>(std::move(v));
  py::capsule owner(heap, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(static_cast<py::ssize_t>(heap->size()), heap->data(), owner);
}

// Row r is null in d.
bool any_null(const StoreColumnData& d) {
  return std::find(d.valid.begin(), d.valid.end(), std::uint8_t{0}) != d.valid.end();
}

// One typed column (store.hpp's StoreColumnData) as a numpy array without a Python object per
// cell (except text as objects): integer int64, boolean bool (numpy.ma masked arrays where
// some are null), real float64 (NaN), instant datetime64[us] (UTC; NaT), date datetime64[D]
// (NaT), text an object array of str/None or, with arrow, a pyarrow large_string array built
// from the column's own buffers.
py::object column_array(const StoreColumn& c, StoreColumnData&& d, bool arrow) {
  const std::size_t n = d.size();
  const bool nulls = any_null(d);
  auto masked = [&](py::object values) -> py::object {
    if (!nulls) return values;
    py::array_t<bool> mask(static_cast<py::ssize_t>(n));
    auto w = mask.mutable_unchecked<1>();
    for (std::size_t r = 0; r < n; ++r) w(static_cast<py::ssize_t>(r)) = d.valid[r] == 0;
    return py::module_::import("numpy.ma").attr("masked_array")(values, py::arg("mask") = mask);
  };
  if (c.kind == "real") return owned_array(std::move(d.reals));
  if (c.kind == "integer") return masked(owned_array(std::move(d.ints)));
  if (c.kind == "boolean") {
    py::array_t<bool> a(static_cast<py::ssize_t>(n));
    auto w = a.mutable_unchecked<1>();
    for (std::size_t r = 0; r < n; ++r) w(static_cast<py::ssize_t>(r)) = d.ints[r] != 0;
    return masked(std::move(a));
  }
  if (c.kind == "instant" || c.kind == "date") {
    constexpr std::int64_t kNaT = std::numeric_limits<std::int64_t>::min();
    for (std::size_t r = 0; r < n; ++r)
      if (!d.valid[r]) d.ints[r] = kNaT;
    return owned_array(std::move(d.ints)).attr("view")(c.kind == "instant" ? "datetime64[us]" : "datetime64[D]");
  }
  if (arrow) {
    // Arrow's layout: validity bitmap (LSB first), int64 offsets, UTF-8 bytes.
    std::vector<std::uint8_t> bitmap((n + 7) / 8, 0);
    std::size_t null_count = 0;
    for (std::size_t r = 0; r < n; ++r) {
      if (d.valid[r]) bitmap[r / 8] |= static_cast<std::uint8_t>(1u << (r % 8));
      else ++null_count;
    }
    std::vector<std::uint8_t> bytes(d.text.begin(), d.text.end());
    py::module_ pa = py::module_::import("pyarrow");
    py::object buf = pa.attr("py_buffer");
    py::list buffers;
    buffers.append(null_count ? buf(owned_array(std::move(bitmap))) : py::none());
    buffers.append(buf(owned_array(std::move(d.offsets))));
    buffers.append(buf(owned_array(std::move(bytes))));
    return pa.attr("Array").attr("from_buffers")(pa.attr("large_string")(), n, buffers, null_count);
  }
  // numpy.empty of objects holds None in every cell (a reference each), writable.
  py::array out = py::module_::import("numpy").attr("empty")(n, py::arg("dtype") = "object");
  auto** cells = static_cast<PyObject**>(out.mutable_data());
  for (std::size_t r = 0; r < n; ++r) {
    if (!d.valid[r]) {
      Py_INCREF(Py_None);
      Py_XDECREF(cells[r]);
      cells[r] = Py_None;
      continue;
    }
    const std::string_view s = d.text_at(r);
    PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
    if (!o) throw py::error_already_set();
    Py_XDECREF(cells[r]);
    cells[r] = o;
  }
  return std::move(out);
}

// One store table as {column: numpy array} (column_array), the same shape as the SQLite table
// of that name (store.hpp's store_table_data).
py::dict columns_dict(StoreTableData&& t, bool arrow) {
  py::dict out;
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    out[py::str(t.columns[i].name)] = column_array(t.columns[i], std::move(t.data[i]), arrow);
  return out;
}

// Programme.access_log(viewer): the entries as a DataFrame, one column per field, `at` aware UTC.
py::object access_log_frame(const Programme& p, const Viewer& viewer) {
  std::vector<AccessEntry> v;
  {
    py::gil_scoped_release release;
    v = p.access_log(viewer);
  }
  const auto n = static_cast<py::ssize_t>(v.size());
  py::array_t<long long> seq(n);
  auto w = seq.mutable_unchecked<1>();
  py::list at(v.size()), audience(v.size()), viewer_id(v.size()), operation(v.size()), records(v.size()),
      outcome(v.size()), rule(v.size()), hash(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    const AccessEntry& e = v[i];
    w(static_cast<py::ssize_t>(i)) = e.seq;
    at[i] = py::str(format_instant(e.at));
    audience[i] = py::str(e.audience);
    viewer_id[i] = py::str(e.viewer_id);
    operation[i] = py::str(e.operation);
    records[i] = py::cast(e.records);
    outcome[i] = py::str(e.outcome);
    rule[i] = py::str(e.rule);
    hash[i] = py::str(e.hash);
  }
  py::dict cols;
  cols["seq"] = seq;
  cols["at"] = at;
  cols["audience"] = audience;
  cols["viewer_id"] = viewer_id;
  cols["operation"] = operation;
  cols["records"] = records;
  cols["outcome"] = outcome;
  cols["rule"] = rule;
  cols["hash"] = hash;
  py::object pd = py::module_::import("pandas");
  py::object df = pd.attr("DataFrame")(cols);
  df[py::str("at")] = pd.attr("to_datetime")(df[py::str("at")], py::arg("utc") = true, py::arg("format") = "ISO8601");
  return df;
}

py::dict table_columns(const Programme& p, const std::string& name, bool arrow) {
  StoreTableData t;
  {
    py::gil_scoped_release release;
    t = store_table_data(p, name);  // only this table's records, column by column
  }
  return columns_dict(std::move(t), arrow);
}

// A pseudonymised extract of one table (store.hpp's extract), in the shape of table_columns.
py::dict extract_columns(const Programme& p, const std::string& name, const std::string& recipient, bool arrow) {
  StoreTableData t;
  {
    py::gil_scoped_release release;
    t = extract(p, name, recipient);
  }
  return columns_dict(std::move(t), arrow);
}

// The columns of a table with what pandas needs to type them: name, kind, and for text holding
// an enumeration its name and every category in order (open: categories as observed).
py::list table_columns_info(const std::string& name) {
  py::list out;
  for (const auto& c : store_table_columns(name)) {
    py::dict d;
    d["name"] = c.name;
    d["kind"] = c.kind;
    d["enumeration"] = c.enumeration.empty() && !c.open_categories ? py::object(py::none()) : py::object(py::str(c.enumeration));
    d["categories"] = py::cast(c.categories);
    out.append(d);
  }
  return out;
}

// What each column of a table holds (store.hpp): text, integer, real, boolean, instant, date.
// Python's open modes, as dbm's: "c" create when missing, "w" the file must exist, "r" read-only.
// The busy timeout is in seconds, as sqlite3.connect(timeout=...); the C++ rule checks its range.
OpenOptions open_options(const std::string& mode, double busy_timeout) {
  OpenOptions o;
  if (mode == "c") o.mode = OpenMode::Create;
  else if (mode == "w") o.mode = OpenMode::MustExist;
  else if (mode == "r") o.mode = OpenMode::ReadOnly;
  else throw ValidationError("", "mode", "open_mode"_rule, "mode is 'c', 'w' or 'r', not '" + mode + "'");
  if (!std::isfinite(busy_timeout) || busy_timeout > 86400.0)
    throw ValidationError("", "busy_timeout", "busy_timeout_range"_rule, "busy_timeout is a number of seconds in [0, 86400]");
  o.busy_timeout_ms = static_cast<int>(std::floor(busy_timeout * 1000.0));
  return o;
}

py::dict table_column_kinds(const std::string& name) {
  py::dict out;
  for (const auto& c : store_table_columns(name)) out[py::str(c.name)] = c.kind;
  return out;
}

void init_core(py::module_& m) {
  // ---- enums ------------------------------------------------------------------------------
  bind_enum<Format>(m, "Format", "How many people a session serves.", parse_format,
                    {{"ONE_TO_ONE", Format::OneToOne}, {"GROUP", Format::Group}, {"TEAM", Format::Team}});
  bind_enum<Modality>(m, "Modality", "How a session is delivered.", parse_modality,
                      {{"VIDEO", Modality::Video}, {"TELEPHONE", Modality::Telephone}, {"FACE_TO_FACE", Modality::FaceToFace}});
  bind_enum<ServiceKind>(m, "ServiceKind", "Workforce coaching or a commissioned patient service.", parse_service_kind,
                         {{"WORKFORCE", ServiceKind::Workforce}, {"PATIENT_TARGETED", ServiceKind::PatientTargeted},
                          {"PATIENT_CLINICAL", ServiceKind::PatientClinical},
                          {"PATIENT_NON_CLINICAL", ServiceKind::PatientNonClinical}});
  bind_enum<ClientKind>(m, "ClientKind", "Staff or patient.", parse_client_kind,
                        {{"STAFF", ClientKind::Staff}, {"PATIENT", ClientKind::Patient}});
  bind_enum<OrgKind>(m, "OrgKind", "What an organisation is.", parse_org_kind,
                     {{"GP_PRACTICE", OrgKind::GpPractice}, {"PCN", OrgKind::Pcn}, {"TRUST", OrgKind::Trust},
                      {"SOCIAL_CARE", OrgKind::SocialCare}, {"VOLUNTARY_SECTOR", OrgKind::VoluntarySector},
                      {"OTHER", OrgKind::Other}});
  bind_enum<ProfessionalBody>(m, "ProfessionalBody", "Coaching professional bodies.", parse_professional_body,
                              {{"ICF", ProfessionalBody::Icf}, {"EMCC", ProfessionalBody::Emcc},
                               {"ASSOCIATION_FOR_COACHING", ProfessionalBody::AssociationForCoaching},
                               {"UKHCA", ProfessionalBody::Ukhca}});
  bind_enum<ReferralSource>(m, "ReferralSource", "Where a referral came from.", parse_referral_source,
                            {{"SELF", ReferralSource::Self}, {"GP", ReferralSource::Gp},
                             {"SOCIAL_PRESCRIBING_LINK_WORKER", ReferralSource::SocialPrescribingLinkWorker},
                             {"OTHER", ReferralSource::Other}});
  bind_enum<SessionStatus>(m, "SessionStatus", "Lifecycle of a session.", parse_session_status,
                           {{"BOOKED", SessionStatus::Booked}, {"ATTENDED", SessionStatus::Attended},
                            {"CLIENT_DID_NOT_ATTEND", SessionStatus::ClientDidNotAttend},
                            {"COACH_DID_NOT_ATTEND", SessionStatus::CoachDidNotAttend},
                            {"CANCELLED_BY_CLIENT", SessionStatus::CancelledByClient},
                            {"CANCELLED_BY_COACH", SessionStatus::CancelledByCoach},
                            {"RESCHEDULED", SessionStatus::Rescheduled}});
  bind_enum<AttendeeStatus>(m, "AttendeeStatus", "One client's place in a session.", parse_attendee_status,
                            {{"BOOKED", AttendeeStatus::Booked}, {"ATTENDED", AttendeeStatus::Attended},
                             {"DID_NOT_ATTEND", AttendeeStatus::DidNotAttend}, {"CANCELLED", AttendeeStatus::Cancelled}});
  bind_enum<WaitStatus>(m, "WaitStatus", "A place on a waiting list.", parse_wait_status,
                        {{"WAITING", WaitStatus::Waiting}, {"OFFERED", WaitStatus::Offered},
                         {"JOINED", WaitStatus::Joined}, {"WITHDRAWN", WaitStatus::Withdrawn}});
  bind_enum<GoalAttainment>(m, "GoalAttainment", "How far a goal was attained.", parse_goal_attainment,
                            {{"NOT_STARTED", GoalAttainment::NotStarted}, {"PARTLY", GoalAttainment::Partly},
                             {"ACHIEVED", GoalAttainment::Achieved}});
  bind_enum<SupervisionKind>(m, "SupervisionKind", "The three distinct kinds of support.", parse_supervision_kind,
                             {{"HEALTH_COACHING", SupervisionKind::HealthCoaching},
                              {"CLINICAL", SupervisionKind::Clinical},
                              {"LINE_MANAGEMENT", SupervisionKind::LineManagement}});
  bind_enum<SafeguardingCategory>(m, "SafeguardingCategory", "Category of a safeguarding concern.",
                                  parse_safeguarding_category,
                                  {{"ABUSE", SafeguardingCategory::Abuse},
                                   {"DOMESTIC_VIOLENCE", SafeguardingCategory::DomesticViolence},
                                   {"MENTAL_HEALTH", SafeguardingCategory::MentalHealth},
                                   {"SELF_HARM", SafeguardingCategory::SelfHarm}, {"OTHER", SafeguardingCategory::Other}});
  bind_enum<EventKind>(m, "EventKind", "What an outbox event tells the host (docs/events.md).", parse_event_kind,
                       {{"SESSION_BOOKED", EventKind::SessionBooked}, {"SESSION_JOINED", EventKind::SessionJoined},
                        {"SESSION_CANCELLED", EventKind::SessionCancelled},
                        {"SESSION_RESCHEDULED", EventKind::SessionRescheduled},
                        {"WAITING_LIST_OFFERED", EventKind::WaitingListOffered},
                        {"RISK_FLAG_RAISED", EventKind::RiskFlagRaised}});
  bind_enum<TimePoint>(m, "TimePoint", "When in the episode a questionnaire was answered.", parse_time_point,
                       {{"BASELINE", TimePoint::Baseline}, {"POST_SESSION", TimePoint::PostSession},
                        {"END_OF_EPISODE", TimePoint::EndOfEpisode}, {"FOLLOW_UP", TimePoint::FollowUp}});
  bind_enum<Audience>(m, "Audience",
                      "Who a call is made for; employer, commissioner, public see aggregates only; a supervisor "
                      "caseload metadata of their supervisees only.",
                      parse_audience,
                      {{"COACH", Audience::Coach}, {"CLIENT", Audience::Client},
                       {"SERVICE_MANAGER", Audience::ServiceManager}, {"EMPLOYER", Audience::Employer},
                       {"COMMISSIONER", Audience::Commissioner}, {"PUBLIC", Audience::Public},
                       {"SUPERVISOR", Audience::Supervisor}, {"PRACTITIONER", Audience::Practitioner}});
  bind_enum<OnwardDestination>(m, "OnwardDestination", "Where a client was referred on to after coaching.",
                               parse_onward_destination,
                               {{"WEIGHT_MANAGEMENT", OnwardDestination::WeightManagement},
                                {"SMOKING_CESSATION", OnwardDestination::SmokingCessation},
                                {"PHYSICAL_ACTIVITY", OnwardDestination::PhysicalActivity},
                                {"TALKING_THERAPIES", OnwardDestination::TalkingTherapies},
                                {"SOCIAL_PRESCRIBING", OnwardDestination::SocialPrescribing},
                                {"OTHER", OnwardDestination::Other}});
  bind_enum<OnwardOutcome>(m, "OnwardOutcome", "What became of an onward referral, as far as the service knows.",
                           parse_onward_outcome,
                           {{"UNKNOWN", OnwardOutcome::Unknown}, {"ACCEPTED", OnwardOutcome::Accepted},
                            {"DECLINED", OnwardOutcome::Declined}, {"ATTENDED", OnwardOutcome::Attended},
                            {"COMPLETED", OnwardOutcome::Completed}, {"DID_NOT_ATTEND", OnwardOutcome::DidNotAttend}});

  // ---- viewer and disclosure ----------------------------------------------------------------
  py::class_<Viewer>(m, "Viewer", "The identity behind a call: audience and id (coach id, client id, employer ODS code).")
      // A dict first: pybind11 tries overloads in order and a handle would take the dict too.
      .def(py::init([](const py::dict& d) { return viewer_from_json(py_to_json(d, "", "viewer").dump()); }), py::arg("document"))
      .def(py::init([](py::handle a, py::handle id) {
             return viewer_from_json(py_to_json(py::dict(py::arg("audience") = a, py::arg("id") = id), "", "viewer").dump());
           }),
           py::arg("audience"), py::arg("id") = "")
      .def_readwrite("audience", &Viewer::audience, "Who is asking (Audience).")
      .def_property("id", [](const Viewer& v) { return v.id; },
                    [](Viewer& v, py::handle id) {
                      Viewer x = v;
                      x.id = text_arg(id, "/id");
                      validate(x);  // the viewer rule (length of the id), as for a viewer document
                      v = std::move(x);
                    },
                    "The id behind the audience (str): coach id, client id, employer ODS code, supervisor name, "
                    "practitioner id, or empty. Setting it raises ValidationError length_limit over 64 bytes.")
      .def("to_dict", [](const Viewer& v) { return json_loads(viewer_to_json(v)); }, "The viewer document as a dict: {\"audience\": name, \"id\": id}.")
      .def("__repr__", [](const Viewer& v) { return "Viewer(" + std::string(to_string(v.audience)) + ", '" + v.id + "')"; });
  py::class_<SuppressionPolicy>(
      m, "SuppressionPolicy",
      "How figures released to employers, commissioners and the public are protected (docs/disclosure.md): "
      "counts below min_count suppressed, others perturbed by the cell key method (cell_key, max_perturbation) "
      "and rounded to round_to; means and SDs carry bounded noise (magnitude_noise); exact_statistics is the "
      "release before cell keys, for comparison only (refused to aggregate audiences).")
      .def(py::init([](const py::dict& d) { return suppression_policy_from_json(py_to_json(d, "", "policy").dump()); }),
           py::arg("document"))
      .def(py::init([](py::handle min_count, py::handle round_to, py::handle cell_key, py::handle max_perturbation,
                       py::handle magnitude_noise, py::handle exact_statistics) {
             return suppression_policy_from_json(
                 py_to_json(py::dict(py::arg("min_count") = min_count, py::arg("round_to") = round_to,
                                     py::arg("cell_key") = cell_key, py::arg("max_perturbation") = max_perturbation,
                                     py::arg("magnitude_noise") = magnitude_noise,
                                     py::arg("exact_statistics") = exact_statistics),
                            "", "policy")
                     .dump());
           }),
           py::arg("min_count") = 8, py::arg("round_to") = 5, py::arg("cell_key") = true,
           py::arg("max_perturbation") = 2, py::arg("magnitude_noise") = 0.25, py::arg("exact_statistics") = false)
      .def_static("minimum_floor", [] { return kMinimumFloor; },
                  "The weakest floor a service may set: the NHS rule (1-7 suppressed, round to 5) without cell keys.")
      .def_readwrite("min_count", &SuppressionPolicy::min_count, "Counts of 1 to min_count-1 people are suppressed (int, >= 1; the NHS rule is 8).")
      .def_readwrite("round_to", &SuppressionPolicy::round_to, "Shown counts are rounded to a multiple of this (int, >= 1).")
      .def_readwrite("cell_key", &SuppressionPolicy::cell_key, "Perturb counts by the cell key method (bool).")
      .def_readwrite("max_perturbation", &SuppressionPolicy::max_perturbation, "Most people a cell key moves a count by (int, 0..20).")
      .def_readwrite("magnitude_noise", &SuppressionPolicy::magnitude_noise, "Bound of the keyed noise on means and SDs, as a share of score range / n (float, 0..1).")
      .def_readwrite("exact_statistics", &SuppressionPolicy::exact_statistics, "The release before cell keys (exact means, SDs, tests): for comparison only, refused to aggregate audiences (bool).")
      .def("__repr__", [](const SuppressionPolicy& p) { return "SuppressionPolicy(" + suppression_policy_to_json(p) + ")"; })
      .def("to_dict", [](const SuppressionPolicy& p) { return json_loads(suppression_policy_to_json(p)); }, "The policy document as a dict (docs/documents.md).")
      .def("__eq__", [](const SuppressionPolicy& a, const SuppressionPolicy& b) { return a == b; }, py::is_operator());

  // ---- records --------------------------------------------------------------------------------
  auto sl = record<ServiceLine>(m, "ServiceLine", "A service line, e.g. Looking After You Too.");
  RW(sl, ServiceLine, id); RW(sl, ServiceLine, name); RW(sl, ServiceLine, kind);
  auto of = record<Offer>(m, "Offer", "Something a client can book: format, length (minutes), capacity, modalities, hours, eligibility.");
  RW(of, Offer, id); RW(of, Offer, service_line_id); RW(of, Offer, name); RW(of, Offer, format);
  RW(of, Offer, session_minutes); RW(of, Offer, capacity); RW(of, Offer, modalities);
  RW(of, Offer, ethnically_diverse_pathway); RW(of, Offer, agreed_sessions); RW(of, Offer, min_notice_minutes);
  of.def_property_readonly("hours", [](const Offer& o) { return json_loads(PyJson::parse(record_to_json(o))["hours"].dump()); },
                          "Opening hours as in the document (dict: days, each open_min/close_min, minutes after UK local midnight).");
  of.def_property_readonly("eligibility", [](const Offer& o) { return json_loads(PyJson::parse(record_to_json(o))["eligibility"].dump()); },
                          "Who may be referred (dict as in the document: client kinds, pathway ...).");
  of.def_property_readonly("accreditation", [](const Offer& o) { return json_loads(PyJson::parse(record_to_json(o))["accreditation"].dump()); },
                          "What a coach needs to deliver the offer (dict as in the document).");
  auto cat = record<Catalogue>(m, "Catalogue", "Service lines and offers of a service.");
  RW(cat, Catalogue, service_lines); RW(cat, Catalogue, offers);
  auto org = record<Organisation>(m, "Organisation", "An organisation by ODS code.");
  RW(org, Organisation, ods_code); RW(org, Organisation, name); RW(org, Organisation, kind); RW(org, Organisation, parent_ods);
  auto co = record<Coach>(m, "Coach", "A coach: training, memberships, offers, modalities, rota (see to_dict for nested parts).");
  RW(co, Coach, id); RW(co, Coach, name); RW(co, Coach, clinical_background); RW(co, Coach, ethnically_diverse);
  RW(co, Coach, ethnically_diverse_pathway); RW(co, Coach, memberships); RW(co, Coach, offers); RW(co, Coach, modalities);
  RW(co, Coach, safeguarding_lead); RW(co, Coach, first_point_of_contact); RW(co, Coach, active); RW(co, Coach, band);
  co.def_property_readonly("rota", [](const Coach& c) { return json_loads(PyJson::parse(record_to_json(c))["rota"].dump()); },
                          "The coach's rota as in the document (dict: weekly blocks in minutes after UK local midnight, exceptions, leave, caps).");
  co.def_property_readonly("training", [](const Coach& c) { return json_loads(PyJson::parse(record_to_json(c))["training"].dump()); },
                          "The coach's training records as in the document (list of dicts: course, days, practice hours).");
  auto cl = record<Client>(m, "Client", "A client: staff (pseudonymous) or patient (NHS number).");
  RW(cl, Client, id); RW(cl, Client, kind); RW(cl, Client, staff_group); RW(cl, Client, sector);
  RW(cl, Client, organisation); RW(cl, Client, leader); RW(cl, Client, ethnicity); RW(cl, Client, ethnicity_group);
  RW(cl, Client, ethnically_diverse); RW(cl, Client, nhs_number); RW(cl, Client, pam_level); RW(cl, Client, pam_score);
  RW(cl, Client, referral_source);
  cl.def_property_readonly("consent", [](const Client& c) { return json_loads(PyJson::parse(record_to_json(c))["consent"].dump()); },
                          "What the client consented to (dict of bool: coaching, evaluation, gp_record ...).");
  auto rf = record<Referral>(m, "Referral", "A request for coaching: opens a client-led episode.");
  RW(rf, Referral, id); RW(rf, Referral, client_id); RW(rf, Referral, offer_id); RW(rf, Referral, source);
  RW(rf, Referral, requested_at); RW(rf, Referral, preferred_modality); RW(rf, Referral, sessions_wanted);
  RW(rf, Referral, closed); RW(rf, Referral, adjustments);
  auto at = record<Attendee>(m, "Attendee", "A client's place in a session.");
  RW(at, Attendee, client_id); RW(at, Attendee, referral_id); RW(at, Attendee, status);
  auto se = record<Session>(m, "Session", "A 1:1, group or team session; start is an aware datetime (UTC), minutes its length.");
  RW(se, Session, id); RW(se, Session, offer_id); RW(se, Session, coach_id); RW(se, Session, attendees);
  RW(se, Session, start); RW(se, Session, minutes); RW(se, Session, modality); RW(se, Session, status);
  RW(se, Session, booked_at); RW(se, Session, requested_at); RW(se, Session, first_offered);
  RW(se, Session, adjustments); RW(se, Session, rescheduled_to);
  RW(se, Session, series_id); RW(se, Session, series_index);
  se.def_property_readonly("end", &Session::end, "start + minutes");
  auto wl = record<WaitingListEntry>(m, "WaitingListEntry", "A client waiting for a place on a full group session.");
  RW(wl, WaitingListEntry, id); RW(wl, WaitingListEntry, session_id); RW(wl, WaitingListEntry, client_id);
  RW(wl, WaitingListEntry, referral_id); RW(wl, WaitingListEntry, added_at); RW(wl, WaitingListEntry, status);
  RW(wl, WaitingListEntry, offered_at);
  auto no = record<SessionNote>(m, "SessionNote", "A confidential note: the session's coach and client only.");
  RW(no, SessionNote, id); RW(no, SessionNote, session_id); RW(no, SessionNote, author_id);
  RW(no, SessionNote, written_at); RW(no, SessionNote, text);
  auto go = record<Goal>(m, "Goal", "A client's self-identified goal (confidential).");
  RW(go, Goal, id); RW(go, Goal, client_id); RW(go, Goal, referral_id); RW(go, Goal, description);
  RW(go, Goal, baseline); RW(go, Goal, target); RW(go, Goal, attainment);
  auto cp = record<CarePlan>(m, "CarePlan",
                             "One version of a client's personalised care and support plan in an episode (confidential).");
  RW(cp, CarePlan, id); RW(cp, CarePlan, client_id); RW(cp, CarePlan, referral_id); RW(cp, CarePlan, version);
  RW(cp, CarePlan, what_matters); RW(cp, CarePlan, goals); RW(cp, CarePlan, goal_ids); RW(cp, CarePlan, actions);
  RW(cp, CarePlan, agreed_sessions); RW(cp, CarePlan, agreed_at); RW(cp, CarePlan, agreed_by);
  auto cs = record<CarePlanShare>(m, "CarePlanShare",
                                  "A consented share of an episode's care plan with a named practitioner (never the employer).");
  RW(cs, CarePlanShare, id); RW(cs, CarePlanShare, client_id); RW(cs, CarePlanShare, referral_id);
  RW(cs, CarePlanShare, practitioner_id); RW(cs, CarePlanShare, practitioner_name); RW(cs, CarePlanShare, role);
  RW(cs, CarePlanShare, organisation); RW(cs, CarePlanShare, consent_at); RW(cs, CarePlanShare, consent_by);
  RW(cs, CarePlanShare, revoked_at);
  cs.def_property_readonly("active", &CarePlanShare::active, "True while the share is not revoked.");
  auto onr = record<OnwardReferral>(m, "OnwardReferral", "A referral on to another service at or after coaching.");
  RW(onr, OnwardReferral, id); RW(onr, OnwardReferral, client_id); RW(onr, OnwardReferral, referral_id);
  RW(onr, OnwardReferral, destination); RW(onr, OnwardReferral, description); RW(onr, OnwardReferral, referred_at);
  RW(onr, OnwardReferral, referred_by); RW(onr, OnwardReferral, outcome); RW(onr, OnwardReferral, outcome_at);
  auto su = record<SupervisionRecord>(m, "SupervisionRecord", "A supervision or line-management meeting.");
  RW(su, SupervisionRecord, id); RW(su, SupervisionRecord, coach_id); RW(su, SupervisionRecord, kind);
  RW(su, SupervisionRecord, group); RW(su, SupervisionRecord, date); RW(su, SupervisionRecord, supervisor);
  RW(su, SupervisionRecord, pci_assured); RW(su, SupervisionRecord, minutes);
  auto sp = record<SupervisionPolicy>(m, "SupervisionPolicy", "How often each kind of support is due (days; 0 = not required).");
  RW(sp, SupervisionPolicy, health_coaching_days); RW(sp, SupervisionPolicy, clinical_days);
  RW(sp, SupervisionPolicy, line_management_days); RW(sp, SupervisionPolicy, health_coaching_requires_pci);
  auto od = record<OverdueSupervision>(m, "OverdueSupervision", "A coach overdue for one kind of support.");
  RW(od, OverdueSupervision, coach_id); RW(od, OverdueSupervision, kind); RW(od, OverdueSupervision, last);
  RW(od, OverdueSupervision, due); RW(od, OverdueSupervision, days_overdue);
  auto sc = record<SafeguardingConcern>(m, "SafeguardingConcern", "A safeguarding concern and its escalation.");
  RW(sc, SafeguardingConcern, id); RW(sc, SafeguardingConcern, coach_id); RW(sc, SafeguardingConcern, client_id);
  RW(sc, SafeguardingConcern, session_id); RW(sc, SafeguardingConcern, category); RW(sc, SafeguardingConcern, raised_at);
  RW(sc, SafeguardingConcern, escalated_to); RW(sc, SafeguardingConcern, escalated_at);
  RW(sc, SafeguardingConcern, risk_flag_id);
  auto tc = record<TrainingCohort>(m, "TrainingCohort", "A coaching-skills course (days).");
  RW(tc, TrainingCohort, id); RW(tc, TrainingCohort, name); RW(tc, TrainingCohort, days); RW(tc, TrainingCohort, start);
  RW(tc, TrainingCohort, organisation);
  auto tr = record<Trainee>(m, "Trainee", "A member of staff on a cohort; confidence 1-10.");
  RW(tr, Trainee, id); RW(tr, Trainee, cohort_id); RW(tr, Trainee, profession); RW(tr, Trainee, organisation);
  RW(tr, Trainee, sector); RW(tr, Trainee, days_attended); RW(tr, Trainee, confidence_before);
  RW(tr, Trainee, confidence_after); RW(tr, Trainee, champion);
  auto tp = record<TrainedPerson>(m, "TrainedPerson", "An entry of the register of everyone trained.");
  RW(tp, TrainedPerson, trainee_id); RW(tp, TrainedPerson, cohort_id); RW(tp, TrainedPerson, profession);
  RW(tp, TrainedPerson, organisation); RW(tp, TrainedPerson, course_days); RW(tp, TrainedPerson, completed);
  auto uw = record<UsageWave>(m, "UsageWave", "A wave of the coaching-skills usage survey: weeks after the course's last day.");
  RW(uw, UsageWave, id); RW(uw, UsageWave, weeks);
  auto ui = record<UsageInvitation>(m, "UsageInvitation",
                                    "One trained person's invitation to one usage-survey wave (id '<trainee_id>#<wave>'), "
                                    "due date, sent_at and responded_at (aware UTC datetimes or None), answers.");
  RW(ui, UsageInvitation, id); RW(ui, UsageInvitation, trainee_id); RW(ui, UsageInvitation, wave);
  RW(ui, UsageInvitation, due); RW(ui, UsageInvitation, sent_at); RW(ui, UsageInvitation, responded_at);
  RW(ui, UsageInvitation, answers);
  auto ss = record<SkillShareSession>(m, "SkillShareSession",
                                      "A skill-share session of people trained in coaching skills: date, organisation, "
                                      "facilitator, attendees (trainee ids on the training register).");
  RW(ss, SkillShareSession, id); RW(ss, SkillShareSession, date); RW(ss, SkillShareSession, organisation);
  RW(ss, SkillShareSession, facilitator); RW(ss, SkillShareSession, attendees);
  auto ps = record<PractitionerStatus>(m, "PractitionerStatus",
                                       "An entry of the register of who practises: latest usage answers, waves answered, "
                                       "skill-share sessions attended, champion.");
  RW(ps, PractitionerStatus, trainee_id); RW(ps, PractitionerStatus, cohort_id); RW(ps, PractitionerStatus, profession);
  RW(ps, PractitionerStatus, organisation); RW(ps, PractitionerStatus, completed); RW(ps, PractitionerStatus, champion);
  RW(ps, PractitionerStatus, invited); RW(ps, PractitionerStatus, waves_answered); RW(ps, PractitionerStatus, latest_wave);
  RW(ps, PractitionerStatus, latest_frequency); RW(ps, PractitionerStatus, latest_confidence);
  RW(ps, PractitionerStatus, practising); RW(ps, PractitionerStatus, skill_share_attended);
  auto re = record<Response>(m, "Response", "Answers to one instrument by one client at one time point.");
  RW(re, Response, id); RW(re, Response, client_id); RW(re, Response, referral_id); RW(re, Response, instrument_id);
  RW(re, Response, time_point); RW(re, Response, follow_up_weeks); RW(re, Response, recorded_at);
  RW(re, Response, answers); RW(re, Response, recorded_score); RW(re, Response, scores);
  auto rk = record<RiskFlag>(m, "RiskFlag",
                             "A clinical risk flag raised by a response (e.g. PHQ-9 item 9: self_harm_risk); open until a "
                             "named person acknowledges it or a safeguarding concern names it.");
  RW(rk, RiskFlag, id); RW(rk, RiskFlag, response_id); RW(rk, RiskFlag, client_id); RW(rk, RiskFlag, instrument_id);
  RW(rk, RiskFlag, flag); RW(rk, RiskFlag, raised_at); RW(rk, RiskFlag, acknowledged_by);
  RW(rk, RiskFlag, acknowledged_at); RW(rk, RiskFlag, action);
  rk.def_property_readonly("open", [](const RiskFlag& f) { return f.acknowledged_by.empty(); },
                           "True until acknowledged (a concern naming it also answers it: see Programme.risk_flags).");
  auto ev = record<Event>(m, "Event", "An outbox event for the host: seq, kind, at (UTC), records (ids), payload (JSON text).");
  RW(ev, Event, seq); RW(ev, Event, kind); RW(ev, Event, at); RW(ev, Event, records); RW(ev, Event, payload);
  ev.def_property_readonly("data", [](const Event& e) { return json_loads(e.payload.empty() ? "{}" : e.payload); },
                           "The payload as a dict (ids, times, statuses; never free text).");
  auto br = record<Breach>(m, "Breach", "A rule breach needing action (audit).");
  RW(br, Breach, rule); RW(br, Breach, record); RW(br, Breach, detail);
  auto as = record<ActivitySummary>(m, "ActivitySummary", "Counts released to an audience; suppressed figures are None.");
  RW(as, ActivitySummary, audience);
  as.def("__getitem__", [](const ActivitySummary& s, const std::string& n) { return s.at(n).value; });
  as.def_property_readonly("figures", [](const ActivitySummary& s) {
    py::dict d;
    for (const auto& [n, v] : s.figures) d[py::str(n)] = v.value ? py::object(py::float_(*v.value)) : py::none();
    return d;
  }, "The released figures {name: float, or None when suppressed}, in a fixed order.");
  auto sc_ = record<SuperviseeCaseload>(m, "SuperviseeCaseload",
                                        "A supervisee's caseload on a date: counts, dates, overdue support (no content).");
  RW(sc_, SuperviseeCaseload, coach_id); RW(sc_, SuperviseeCaseload, active); RW(sc_, SuperviseeCaseload, sessions);
  RW(sc_, SuperviseeCaseload, clients); RW(sc_, SuperviseeCaseload, booked_ahead);
  RW(sc_, SuperviseeCaseload, last_session); RW(sc_, SuperviseeCaseload, overdue);
  sc_.def_property_readonly("by_status", [](const SuperviseeCaseload& c) {
    py::dict d;
    for (const auto& [status, n] : c.by_status) d[py::str(to_string(status))] = n;
    return d;
  }, "Sessions on or before the date by status name, every status present.");
  sc_.def_property_readonly("last_supervision", [](const SuperviseeCaseload& c) {
    py::dict d;
    for (SupervisionKind k : {SupervisionKind::HealthCoaching, SupervisionKind::Clinical, SupervisionKind::LineManagement})
      d[py::str(to_string(k))] = py::cast(c.last_supervision[static_cast<std::size_t>(k)]);
    return d;
  }, "Latest meeting of each kind (by kind name) on or before the date, or None.");
  auto alc = record<AccessLogCheck>(m, "AccessLogCheck",
                                    "What verify_access_log found: intact, or the first broken entry's seq and why.");
  RW(alc, AccessLogCheck, intact); RW(alc, AccessLogCheck, entries); RW(alc, AccessLogCheck, first_broken);
  RW(alc, AccessLogCheck, problem); RW(alc, AccessLogCheck, head);
  alc.def("__bool__", [](const AccessLogCheck& c) { return c.intact; }, "True when the chain is intact.");

  m.def("default_catalogue", &default_catalogue, "The programme's built-in catalogue.");
  m.def("nhs_number_valid", &nhs_number_valid, py::arg("nhs_number"), "True for a 10-digit NHS number with a valid Modulus 11 check digit.");
  m.def("nhs_number_canonical", &nhs_number_canonical, py::arg("nhs_number"),
        "The stored form of an NHS number: its 10 digits ('943 476 5919' -> '9434765919').\n"
        "Raises ValidationError (field 'nhs_number', rule 'nhs_number_modulus_11') when not valid.");
  m.def("nhs_number_display", &nhs_number_display, py::arg("nhs_number"),
        "An NHS number as people read it, 3-3-4 ('943 476 5919'); raises like nhs_number_canonical.");
  m.def("tables", &store_table_names, "Names of the store's tables (programme.table(name) returns one as columns).");
  m.def("analyst_tables", &analyst_table_names,
        "The tables analysts may read and extracts may hold: every table but the confidential notes and goals.");
  m.def("_strict_json", &strict_json, py::arg("text"), py::arg("record"),
        "The text read by the library's strict JSON reader, written back compactly (Report.from_json).");
  m.def("table_columns_info", &table_columns_info, py::arg("name"),
        "The columns of a table as a list of dicts: name, kind (as table_column_kinds), enumeration (the enum "
        "type a text column holds, e.g. 'SessionStatus'; '' for an open vocabulary such as a staff group; None "
        "otherwise) and categories (every value of the enumeration in its order; [] when open or none). "
        "Raises NotFoundError / ForbiddenError as Programme.table.");
  m.def("table_column_kinds", &table_column_kinds, py::arg("name"),
        "What each column of a table holds: text, integer, real, boolean, instant (ISO 8601 UTC) or date.");
  m.def("store_schema_markdown", &store_schema_markdown, "The SQLite tables documented as Markdown.");
  m.def("read_store_table",
        [](const std::string& path, const std::string& name, bool arrow) {
          StoreTableData t;
          {
            py::gil_scoped_release release;
            t = read_store_table(path, name);  // straight from the file, no programme loaded
          }
          return columns_dict(std::move(t), arrow);
        },
        py::arg("path"), py::arg("name"), py::arg("arrow") = false,
        "One table read straight from a store file (read-only SQLite, no programme loaded), in the shape of "
        "Programme.table(); laycoach.read_table() makes it a DataFrame. Raises NotFoundError (rule store_exists) "
        "for a missing file, IoError (rule store_format) for a file that is not a store of this schema version, "
        "NotFoundError / ForbiddenError for an unknown or confidential table.");
  m.def("sqlite_schema_version", &sqlite_schema_version, "The version of the SQLite store schema this library writes (int; docs/store.md).");
  m.def("is_bank_holiday", &is_bank_holiday_england_wales, py::arg("day"), "England and Wales bank holiday?");
  m.def("bank_holidays", &bank_holidays_england_wales, py::arg("year"), "England and Wales bank holidays of a year.");
  m.def("to_uk_local", &to_uk_local, py::arg("instant"),
        "UK wall-clock time (GMT or BST) of an aware instant, as a naive datetime: a local reading has no zone.");
  m.def(
      "from_uk_local",
      [](const LocalDateTime& local, bool later_if_ambiguous) { return from_uk_local(local, later_if_ambiguous); },
      py::arg("local"), py::arg("later_if_ambiguous") = false,
      "The UTC instant of a naive UK wall-clock reading; None when the reading is skipped by the spring change; "
      "for the repeated autumn hour the earlier (BST) instant unless later_if_ambiguous.");

  // ---- the programme --------------------------------------------------------------------------
  using P = Programme;
  py::class_<P>(m, "Programme", "Every record of one coaching service, its invariants enforced; thread-safe.")
      .def(py::init<>(), "A new programme with the default catalogue, in memory.")
      .def_static("open",
                  [](const std::string& path, const std::string& mode, double busy_timeout) {
                    const OpenOptions o = open_options(mode, busy_timeout);
                    py::gil_scoped_release release;
                    return P::open(path, o);
                  },
                  py::arg("path"), py::arg("mode") = "c", py::arg("busy_timeout") = 5.0,
                  "Open an SQLite store (every later change is committed to it). mode: 'c' read-write, creating "
                  "the file when missing (default); 'w' read-write, NotFoundError (rule 'store_exists') when the "
                  "file is missing; 'r' read-only (changes, and reads that must be logged, raise ForbiddenError "
                  "rule 'read_only'). busy_timeout: seconds to wait for another connection's lock before "
                  "BusyError. An empty path is a ValidationError (rule 'path_required'); ':memory:' is a store "
                  "in memory.")
      .def_static("from_json",
                  [](py::handle doc) {
                    const std::string text = text_arg(doc, "document");
                    py::gil_scoped_release release;
                    return P(programme_data_from_json(text));
                  },
                  py::arg("document"),
                  "A programme from a whole-programme document (validated; ParseError with JSON pointer).")
      .def("to_json", [](const P& p, std::optional<int> indent) { return to_json(p.data(), indent.value_or(-1)); },
           py::arg("indent") = py::none(), py::call_guard<py::gil_scoped_release>(),
           "The whole programme as a document (operator's view, confidential notes included).")
      .def("replace_from", [](P& p, const P& other) { p.replace(other.data()); }, py::arg("other"),
           py::call_guard<py::gil_scoped_release>(),
           "Replace every record with another programme's, all-or-nothing (e.g. save a demo into a store).")
      .def("load_json",
           [](P& p, py::handle doc) {
             const std::string text = text_arg(doc, "document");
             py::gil_scoped_release release;
             p.replace(programme_data_from_json(text));
           },
           py::arg("document"),
           "Replace every record from a document, all-or-nothing.")
      .def("add_service_line", [](P& p, py::handle x) { p.add_service_line(REC(ServiceLine, x)); }, py::arg("service_line"),
           "Add a service line (a ServiceLine or its document as a dict) to the catalogue. Raises ConflictError (id "
           "taken), ValidationError, ParseError (a bad document, naming the key).")
      .def("add_offer", [](P& p, py::handle x) { p.add_offer(REC(Offer, x)); }, py::arg("offer"),
           "Add an offer (session_minutes, capacity, modalities, opening hours, eligibility) to the catalogue. Raises "
           "ConflictError (id taken), NotFoundError (service_line_id), ValidationError, ParseError.")
      .def_property_readonly("catalogue", &P::catalogue, "A copy of the catalogue: service lines and offers.")
      .def("offer", &P::offer, py::arg("id"), "The offer with this id; NotFoundError when there is none.")
      .def("add_organisation", [](P& p, py::handle x) { p.add_organisation(REC(Organisation, x)); }, py::arg("organisation"),
           "Add an organisation by ODS code (an Organisation or a dict). Raises ConflictError (code taken), "
           "NotFoundError (parent_ods), ValidationError, ParseError.")
      .def("add_coach", [](P& p, py::handle x) { p.add_coach(REC(Coach, x)); }, py::arg("coach"), "Add a coach; raises ConflictError, NotFoundError, ValidationError.")
      .def("update_coach", [](P& p, py::handle x) { p.update_coach(REC(Coach, x)); }, py::arg("coach"),
           "Replace a coach's record (rota, offers, active ...) by id, checked as add_coach; booked sessions must stay "
           "valid. Raises NotFoundError (unknown coach), ValidationError, ConflictError.")
      .def("coach", &P::coach, py::arg("id"), "The coach with this id; NotFoundError when there is none.")
      .def("coaches", &P::coaches, "Every coach (list of Coach), by id.")
      .def("add_client", [](P& p, py::handle x) { p.add_client(REC(Client, x)); }, py::arg("client"),
           "Add a client (staff, pseudonymous, or patient with an NHS number). Raises ConflictError (id taken; "
           "nhs_number_unique), ValidationError (e.g. nhs_number_modulus_11, pam_level range), NotFoundError "
           "(organisation), ParseError.")
      .def("client", &P::client, py::arg("id"), py::arg("viewer"),
           "A client's record for the service manager, the client or their coach; ForbiddenError otherwise.")
      .def_property_readonly("client_count", &P::client_count, "How many clients the programme holds (int).")
      .def("add_referral", [](P& p, py::handle x) { p.add_referral(REC(Referral, x)); }, py::arg("referral"),
           "Open an episode: a client's request for an offer (requested_at an aware datetime). Raises ConflictError "
           "(id taken), NotFoundError (client_id, offer_id), ValidationError (the offer's eligibility), ParseError.")
      .def("referral", &P::referral, py::arg("id"), "The referral with this id; NotFoundError when there is none.")
      .def("referrals", &P::referrals, "All referrals, by id.")
      .def("book", [](P& p, py::handle x) { return p.book(REC(Session, x)); }, py::arg("session"), "Book a session (all invariants); returns the stored session.")
      .def("join", [](P& p, const std::string& id, py::handle x) { return p.join(id, REC(Attendee, x)); }, py::arg("session_id"), py::arg("attendee"),
           "Add a client (an Attendee or a dict) to a booked group or team session; returns the stored session. "
           "Raises ConflictError group_capacity when full (or the client double-booked), NotFoundError, ValidationError.")
      .def("record_outcome", &P::record_outcome, py::arg("session_id"), py::arg("outcome"),
           "Record what happened to a booked session (SessionStatus: attended, client_did_not_attend, "
           "coach_did_not_attend, cancelled_by_client, cancelled_by_coach); returns the session. Raises "
           "NotFoundError, ValidationError when the session is no longer booked.")
      .def("record_attendance", &P::record_attendance, py::arg("session_id"), py::arg("client_id"), py::arg("status"),
           "Record one attendee's outcome in a group or team session (AttendeeStatus); returns the session. Raises "
           "NotFoundError (session, or a client not in it), ValidationError.")
      .def("reschedule", &P::reschedule, py::arg("session_id"), py::arg("new_id"), py::arg("new_start"),
           py::arg("booked_at") = py::none(), "Move a booked session; the old one becomes rescheduled. booked_at defaults to now.")
      .def("session", &P::session, py::arg("id"), "The session with this id; NotFoundError when there is none.")
      .def("sessions", &P::sessions, "Every session (list of Session), by start then id.")
      .def("sessions_of_coach", &P::sessions_of_coach, py::arg("coach_id"), "A coach's sessions, by start.")
      .def("add_note", [](P& p, py::handle x, const Viewer& v) { p.add_note(REC(SessionNote, x), v); }, py::arg("note"), py::arg("author"),
           "Add a confidential session note; the author must be the session's coach (ForbiddenError otherwise). "
           "Raises ConflictError (id taken), NotFoundError (session), ValidationError (length_limit).")
      .def("notes", &P::notes, py::arg("session_id"), py::arg("viewer"),
           "Notes of a session for its coach or client only; ForbiddenError for anyone else.")
      .def("add_goal", [](P& p, py::handle x, const Viewer& v) { p.add_goal(REC(Goal, x), v); }, py::arg("goal"), py::arg("viewer"),
           "Add a client's goal (confidential); the viewer must be the client or a coach with a session in the "
           "episode (ForbiddenError otherwise). Raises ConflictError, NotFoundError, ValidationError.")
      .def("set_goal_attainment", &P::set_goal_attainment, py::arg("goal_id"), py::arg("attainment"), py::arg("viewer"),
           "Update a goal's attainment (GoalAttainment); the same access rule as add_goal (ForbiddenError). Raises "
           "NotFoundError for an unknown goal.")
      .def("goals", &P::goals, py::arg("client_id"), py::arg("viewer"),
           "A client's goals, for the client or a coach who has a session with them only (ForbiddenError "
           "otherwise); the read is logged (read_goals, allowed or denied).")
      .def("agreed_sessions", &P::agreed_sessions, py::arg("referral_id"),
           "Sessions the episode has agreed: the latest care plan version's, else the referral's sessions_wanted, "
           "else the offer's agreed_sessions, else None. NotFoundError for an unknown referral.")
      .def("add_care_plan", [](P& p, py::handle x, const Viewer& v) { return p.add_care_plan(REC(CarePlan, x), v); },
           py::arg("plan"), py::arg("viewer"),
           "Add a new version of an episode's care plan (version 0 or absent: the next); returns the stored "
           "CarePlan. The viewer is the coach agreed_by with a session in the episode (ForbiddenError "
           "coach_in_episode); ConflictError version_sequence for another version.")
      .def("care_plans", &P::care_plans, py::arg("client_id"), py::arg("viewer"),
           "Every plan version of a client the viewer may read (client; coach in the episode; practitioner it is "
           "shared with), by episode then version; logged. ForbiddenError never_employer for an employer.")
      .def("share_care_plan", [](P& p, py::handle x, const Viewer& v) { return p.share_care_plan(REC(CarePlanShare, x), v); },
           py::arg("share"), py::arg("viewer"),
           "Share an episode's plan with a named practitioner, with consent, by the client or their coach; logged. "
           "ForbiddenError never_employer when the organisation is the client's employer.")
      .def("revoke_share",
           [](P& p, const std::string& id, const Viewer& v, Instant at) { return p.revoke_care_plan_share(id, at, v); },
           py::arg("share_id"), py::arg("viewer"), py::arg("at") = py::none(),
           "Revoke a care plan share at an aware datetime (None: now) by the client or their coach; logged. "
           "ConflictError revoke_once when already revoked.")
      .def("care_plan_shares", &P::care_plan_shares, py::arg("client_id"), py::arg("viewer"),
           "A client's care plan shares (revoked ones too) for the client or their coach; logged.")
      .def("add_onward_referral",
           [](P& p, py::handle x, const Viewer& v) { return p.add_onward_referral(REC(OnwardReferral, x), v); },
           py::arg("referral"), py::arg("viewer"),
           "Record a referral on to another service, by the coach referred_by with a session in the episode; "
           "returns the stored OnwardReferral.")
      .def("set_onward_outcome",
           [](P& p, const std::string& id, OnwardOutcome o, const Viewer& v, Instant at) {
             return p.set_onward_outcome(id, o, at, v);
           },
           py::arg("id"), py::arg("outcome"), py::arg("viewer"), py::arg("at") = py::none(),
           "Record what became of an onward referral (known at an aware datetime, None: now); returns the record.")
      .def("onward_referrals", &P::onward_referrals, py::arg("client_id"), py::arg("viewer"),
           "A client's onward referrals for the client or their coach; logged.")
      .def("add_supervision", [](P& p, py::handle x) { p.add_supervision(REC(SupervisionRecord, x)); }, py::arg("record"),
           "Record a supervision or line-management meeting of a coach (kind, date, supervisor, minutes). Raises "
           "ConflictError, NotFoundError (coach_id), ValidationError.")
      .def_property("supervision_policy", &P::supervision_policy,
                    [](P& p, py::handle x) { p.set_supervision_policy(REC(SupervisionPolicy, x)); },
                    "How often each kind of support is due (a SupervisionPolicy; days, 0 = not required); setting it "
                    "raises ValidationError for a negative interval.")
      .def("overdue_supervision", &P::overdue_supervision, py::arg("on"), "Active coaches overdue for support on a date.")
      .def("raise_concern", [](P& p, py::handle x) { p.raise_concern(REC(SafeguardingConcern, x)); }, py::arg("concern"),
           "Raise a safeguarding concern; one naming a risk flag (risk_flag_id) answers that flag. Raises "
           "ConflictError, NotFoundError (also risk_flag_id), ValidationError (risk_flag_matches: another client's flag).")
      .def("escalate_concern", &P::escalate_concern, py::arg("concern_id"), py::arg("to"), py::arg("at"),
           "Escalate a concern to a named GP or lead at an aware datetime. Raises NotFoundError, ValidationError "
           "(an empty name).")
      .def("concerns", &P::concerns, "Every safeguarding concern (list of SafeguardingConcern).")
      .def("add_cohort", [](P& p, py::handle x) { p.add_cohort(REC(TrainingCohort, x)); }, py::arg("cohort"),
           "Add a coaching-skills course (days, start date). Raises ConflictError, ValidationError.")
      .def("add_trainee", [](P& p, py::handle x) { p.add_trainee(REC(Trainee, x)); }, py::arg("trainee"),
           "Add a member of staff to a cohort (days attended, confidence 1-10 before and after). Raises "
           "ConflictError, NotFoundError (cohort_id), ValidationError.")
      .def("training_register", &P::training_register,
           "The register of everyone trained: those who attended every day of their cohort (list of "
           "TrainedPerson), by cohort then id.")
      .def("add_usage_wave", [](P& p, py::handle x) { p.add_usage_wave(REC(UsageWave, x)); }, py::arg("wave"),
           "Add a wave (id, weeks 1..520) to the usage survey's schedule; ConflictError unique_wave_weeks.")
      .def("usage_waves", &P::usage_waves, "The usage survey's waves, by weeks.")
      .def("schedule_usage_invitations", &P::schedule_usage_invitations, py::arg("on"),
           "Create the invitations due on or before a date (one per person on the training register per wave); "
           "idempotent; returns those created.")
      .def("usage_invitations_due", &P::usage_invitations_due, py::arg("on"),
           "Invitations due on or before a date and not yet sent, for the host to send.")
      .def("usage_invitations", &P::usage_invitations, "Every usage invitation, by id.")
      .def("mark_usage_invitations_sent", &P::mark_usage_invitations_sent, py::arg("ids"), py::arg("at"),
           "Mark invitations sent at an aware datetime, all or nothing (ConflictError send_once).")
      .def("record_usage_response",
           [](P& p, const std::string& id, const std::vector<std::optional<int>>& answers, Instant at) {
             return p.record_usage_response(id, answers, at);
           },
           py::arg("invitation_id"), py::arg("answers"), py::arg("at"),
           "Record the answers (coaching_skills_usage items, None = unanswered) to a sent invitation; returns the "
           "Score (flag 'practising'). ValidationError invitation_sent / answer_in_range (field answers/i), "
           "ConflictError respond_once.")
      .def("add_skill_share_session", [](P& p, py::handle x) { p.add_skill_share_session(REC(SkillShareSession, x)); },
           py::arg("session"), "Add a skill-share session; attendees must be on the training register.")
      .def("skill_share_sessions", &P::skill_share_sessions, "Every skill-share session, by date then id.")
      .def("practice_register", &P::practice_register,
           "The register of who practises: one PractitionerStatus per person on the training register.")
      .def("add_response", [](P& p, py::handle x) { return p.add_response(REC(Response, x)); }, py::arg("response"),
           "Record a questionnaire response (a Response or dict) scored by the instrument the programme means "
           "(its own, register_instrument, else a built-in); a response scored elsewhere gives scores={scale: "
           "score} and no answers (docs/instruments.md). Returns its Score (total, band, flags, risk_flags). Each "
           "risk flag is stored (risk_flags()) with a risk_flag_raised event in the same transaction.")
      .def("responses", &P::responses, "Every questionnaire response (list of Response).")
      .def("risk_flags", &P::risk_flags, py::arg("open_only") = false,
           "Clinical risk flags (list of RiskFlag, by id); open_only: not acknowledged and named by no concern.")
      .def("acknowledge_risk_flag", &P::acknowledge_risk_flag, py::arg("flag_id"), py::arg("by"), py::arg("at"),
           py::arg("action") = "",
           "A named person acknowledges a risk flag at an aware datetime, with what was done; returns the stored "
           "RiskFlag. ValidationError (named_person, acknowledgement_time), ConflictError (acknowledge_once).")
      .def("pending_events", &P::pending_events, py::arg("limit") = 100, py::call_guard<py::gil_scoped_release>(),
           "Up to `limit` (1..10000) outbox events not yet acknowledged, lowest seq first (list of Event).")
      .def("acknowledge_events", &P::acknowledge_events, py::arg("up_to_seq"), py::call_guard<py::gil_scoped_release>(),
           "Mark every event with seq <= up_to_seq handled (cumulative; again or lower is a no-op). "
           "ValidationError event_seq_known beyond the newest event.")
      .def("summary", [](const P& p, std::optional<Viewer> v, std::optional<SuppressionPolicy> pol) {
             return p.summary(v.value_or(Viewer{}), pol);
           }, py::arg("viewer") = py::none(), py::arg("policy") = py::none(),
           "Activity counts for an audience (default: public, the least privileged); disclosure-controlled "
           "for employer, commissioner, public under the service's floor or a stronger policy "
           "(ForbiddenError policy_below_floor for a weaker one).")
      .def_property("disclosure_floor", &P::disclosure_floor,
                    [](P& p, const SuppressionPolicy& pol) { p.set_disclosure_floor(pol); },
                    "The weakest disclosure policy any aggregate audience gets (at least SuppressionPolicy.minimum_floor()); "
                    "kept in the store.")
      .def("audit", &P::audit, py::arg("at"), "Rule breaches needing action at an instant.")
      .def("access_log", &access_log_frame, py::arg("viewer"),
           "The access log as a pandas DataFrame (seq, at: aware UTC, audience, viewer_id, operation, records: "
           "list of ids, outcome, rule, hash), oldest first; the service manager only (ForbiddenError otherwise). "
           "The read is itself logged.")
      .def("verify_access_log", &P::verify_access_log, py::call_guard<py::gil_scoped_release>(),
           "Recompute the access log's hash chain: an AccessLogCheck (intact, or first_broken seq and problem).")
      .def("supervisee_caseloads", &P::supervisee_caseloads, py::arg("viewer"), py::arg("on"),
           py::call_guard<py::gil_scoped_release>(),
           "Caseload metadata on a date: a supervisor's supervisees (the service manager: every coach); "
           "ForbiddenError for any other audience.")
      .def("table", &table_columns, py::arg("name"), py::arg("arrow") = false,
           "One store table as {column: numpy array}, no Python object per cell but text: integer int64 and "
           "boolean bool (numpy.ma masked arrays where the store has NULLs), real float64 (NaN), instant "
           "datetime64[us] (UTC, NaT), date datetime64[D] (NaT), text an object array of str/None (with "
           "arrow=True a pyarrow large_string array). laycoach.frame() makes it a DataFrame. No NHS number, "
           "person's name or free text (docs/store.md: withheld columns). Raises NotFoundError for an unknown "
           "table, ForbiddenError for notes, goals and care plans.")
      .def("extract", &extract_columns, py::arg("table"), py::arg("recipient"), py::arg("arrow") = false,
           "A pseudonymised extract of one table for `recipient`, as table() gives it, every id of a person or of "
           "a record of one replaced by its keyed pseudonym (docs/extracts.md); laycoach.extract() gives DataFrames.");
}

laycoach::pybind::Registrar reg(0, "core", &init_core);

}  // namespace
