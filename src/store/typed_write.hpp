// Internal (sqlite_store.cpp): a record's row bound straight from its struct to the cached
// INSERT, without a JSON document per record. One generic mechanism for every table: each record
// type lists its fields once (the JSON pointer of the field in the record's document, as
// store_schema::Column::pointer names it, and the member it holds); the store matches them to the
// schema's columns once per table, and each member is bound by its C++ type exactly as the
// document path binds it (jsonio::write of the member, then the column): text as text ("" as
// NULL in a nullable column), integers and booleans as integers, reals as reals, instants and
// dates as ISO 8601 text (not-a-time as NULL), enumerations by name, optionals as NULL or their
// value; only kinds that are documents ('J' columns, e.g. a response's scores) go through JSON.
// A table with a column no field names (or nested child tables) is written through the document
// path whole; test_store.cpp checks that both paths give the same cells for every record.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "json_io.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/time.hpp"
#include "store_schema.hpp"

namespace laycoach::typed_write {

using jsonio::Json;

/// Where one row's values go, by parameter number (1-based, as sqlite3_bind_*). Text given as
/// `stable` outlives the row (the record's own member); other text must be copied.
class Out {
 public:
  virtual ~Out() = default;
  virtual void null(int i) = 0;
  virtual void integer(int i, long long v) = 0;
  virtual void real(int i, double v) = 0;
  virtual void text(int i, std::string_view s, bool stable) = 0;
};

/// A document value as the store keeps it in column `c` (nullptr: absent): the document path.
inline void put_json(Out& out, int i, const Json* v, const store_schema::Column& c) {
  if (!v || v->is_null() || (c.nullable_empty && v->is_string() && v->get_ref<const std::string&>().empty()))
    out.null(i);
  else if (v->is_boolean()) out.integer(i, v->get<bool>() ? 1 : 0);
  else if (v->is_number_integer()) out.integer(i, v->get<long long>());
  else if (v->is_number()) out.real(i, v->get<double>());
  else if (v->is_string()) out.text(i, v->get_ref<const std::string&>(), true);
  else out.text(i, v->dump(), false);
}

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

/// Binds member `x` to parameter i as column `c` stores it: what put_json of jsonio::write(x) gives.
template <class T>
void encode(Out& out, int i, const T& x, const store_schema::Column& c) {
  if constexpr (is_optional<T>::value) {
    if (!x) out.null(i);
    else encode(out, i, *x, c);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (c.nullable_empty && x.empty()) out.null(i);
    else out.text(i, x, true);
  } else if constexpr (std::is_same_v<T, bool>) {
    out.integer(i, x ? 1 : 0);
  } else if constexpr (std::is_same_v<T, int> || std::is_same_v<T, long long>) {
    out.integer(i, x);
  } else if constexpr (std::is_same_v<T, double>) {
    out.real(i, x);
  } else if constexpr (std::is_same_v<T, Instant>) {
    if (x.is_special()) out.null(i);
    else out.text(i, format_instant(x), false);
  } else if constexpr (std::is_same_v<T, Date>) {
    if (x.is_special()) out.null(i);
    else out.text(i, format_date(x), false);
  } else if constexpr (std::is_enum_v<T>) {
    static_assert(std::is_same_v<decltype(to_string(x)), const char*>, "an enumeration's name is a static string");
    out.text(i, to_string(x), true);
  } else {
    // A document kept whole ('J'): its one writer.
    const Json j = jsonio::write(x);
    put_json(out, i, &j, c);
  }
}

/// A field of record type R: where it sits in R's document and how it is bound.
template <class R>
struct Field {
  const char* pointer;  ///< JSON pointer in R's document ("" = the element itself)
  void (*write)(const R&, Out&, int, const store_schema::Column&);
};

/// The member reached from an R by the member pointers Ms in turn.
template <auto... Ms, class R>
const auto& member(const R& r) {
  return (r .* ... .* Ms);
}

/// The field at `pointer` holding member Ms... of R.
template <class R, auto... Ms>
constexpr Field<R> field(const char* pointer) {
  return {pointer, [](const R& r, Out& o, int i, const store_schema::Column& c) { encode(o, i, member<Ms...>(r), c); }};
}

/// Record types that list their fields: Fields<R>::fields (and ::arrays, their child tables).
template <class R>
struct Fields;

template <class R>
concept HasFields = requires { Fields<R>::fields; };

template <class R>
int field_index(std::string_view pointer) {
  const auto& fs = Fields<R>::fields;
  for (std::size_t i = 0; i < std::size(fs); ++i)
    if (pointer == fs[i].pointer) return static_cast<int>(i);
  return -1;
}

/// The rows of one child table being written: row(idx) binds the owner and idx and gives where
/// the element's columns go from parameter `first()`; done() writes the row.
class ChildRows {
 public:
  virtual ~ChildRows() = default;
  virtual Out& row(std::size_t idx) = 0;
  virtual int first() const = 0;
  virtual void done() = 0;
};

/// An array of R kept in a child table: its pointer in R's document and the element type's fields.
template <class R>
struct Array {
  const char* pointer;
  /// The field of each child column (by its pointer), -1 when the element type lists none.
  std::vector<int> (*match)(const store_schema::Child&);
  /// Writes every element of the array, one row each, in order.
  void (*write)(const R&, const store_schema::Child&, const std::vector<int>& fields, ChildRows& rows);
};

/// An array member (element type E) kept in a child table at `pointer`.
template <class R, auto... Ms>
Array<R> array(const char* pointer) {
  using V = std::remove_cvref_t<decltype(member<Ms...>(std::declval<const R&>()))>;
  using E = typename V::value_type;
  Array<R> a{pointer, nullptr, nullptr};
  a.match = [](const store_schema::Child& c) {
    std::vector<int> out;
    for (const auto& col : c.columns) {
      if constexpr (HasFields<E>) out.push_back(field_index<E>(col.pointer));
      else out.push_back(*col.pointer == '\0' && c.columns.size() == 1 ? 0 : -1);
    }
    return out;
  };
  a.write = [](const R& r, const store_schema::Child& c, const std::vector<int>& fields, ChildRows& rows) {
    const auto& v = member<Ms...>(r);
    for (std::size_t k = 0; k < v.size(); ++k) {
      Out& o = rows.row(k);
      const int first = rows.first();
      if constexpr (HasFields<E>) {
        for (std::size_t j = 0; j < fields.size(); ++j)
          Fields<E>::fields[fields[j]].write(v[k], o, first + static_cast<int>(j), c.columns[j]);
      } else {
        encode(o, first, v[k], c.columns[0]);  // an array of values: one column, the element
      }
      rows.done();
    }
  };
  return a;
}

// ---- the fields of each record type written this way: json.cpp's write() of the type, field by
// field (a table whose columns are not all named here goes through the document path)

template <>
struct Fields<Attendee> {
  using R = Attendee;
  static constexpr Field<R> fields[] = {
      field<R, &R::client_id>("/client_id"),
      field<R, &R::referral_id>("/referral_id"),
      field<R, &R::status>("/status"),
  };
};

template <>
struct Fields<Session> {
  using R = Session;
  static constexpr Field<R> fields[] = {
      field<R, &R::id>("/id"),
      field<R, &R::offer_id>("/offer_id"),
      field<R, &R::coach_id>("/coach_id"),
      field<R, &R::start>("/start"),
      field<R, &R::minutes>("/minutes"),
      field<R, &R::modality>("/modality"),
      field<R, &R::status>("/status"),
      field<R, &R::booked_at>("/booked_at"),
      field<R, &R::requested_at>("/requested_at"),
      field<R, &R::first_offered>("/first_offered"),
      field<R, &R::adjustments>("/adjustments"),
      field<R, &R::rescheduled_to>("/rescheduled_to"),
      field<R, &R::override_by>("/override_by"),
      field<R, &R::override_reason>("/override_reason"),
      field<R, &R::series_id>("/series_id"),
      field<R, &R::series_index>("/series_index"),
      field<R, &R::agreed_override_by>("/agreed_override_by"),
      field<R, &R::agreed_override_reason>("/agreed_override_reason"),
  };
  static inline const Array<R> arrays[] = {array<R, &R::attendees>("/attendees")};
};

template <>
struct Fields<Response> {
  using R = Response;
  static constexpr Field<R> fields[] = {
      field<R, &R::id>("/id"),
      field<R, &R::client_id>("/client_id"),
      field<R, &R::referral_id>("/referral_id"),
      field<R, &R::instrument_id>("/instrument_id"),
      field<R, &R::time_point>("/time_point"),
      field<R, &R::follow_up_weeks>("/follow_up_weeks"),
      field<R, &R::recorded_at>("/recorded_at"),
      field<R, &R::recorded_score>("/recorded_score"),
      // Scores computed elsewhere: the document holds null for none (json.cpp's write).
      {"/scores",
       [](const R& r, Out& o, int i, const store_schema::Column& c) {
         if (r.scores.empty()) o.null(i);
         else encode(o, i, r.scores, c);
       }},
  };
  static inline const Array<R> arrays[] = {array<R, &R::answers>("/answers")};
};

template <>
struct Fields<Referral> {
  using R = Referral;
  static constexpr Field<R> fields[] = {
      field<R, &R::id>("/id"),
      field<R, &R::client_id>("/client_id"),
      field<R, &R::offer_id>("/offer_id"),
      field<R, &R::source>("/source"),
      field<R, &R::requested_at>("/requested_at"),
      field<R, &R::preferred_modality>("/preferred_modality"),
      field<R, &R::sessions_wanted>("/sessions_wanted"),
      field<R, &R::closed>("/closed"),
      field<R, &R::adjustments>("/adjustments"),
  };
};

template <>
struct Fields<Client> {
  using R = Client;
  static constexpr Field<R> fields[] = {
      field<R, &R::id>("/id"),
      field<R, &R::kind>("/kind"),
      field<R, &R::staff_group>("/staff_group"),
      field<R, &R::sector>("/sector"),
      field<R, &R::organisation>("/organisation"),
      field<R, &R::leader>("/leader"),
      field<R, &R::ethnicity>("/ethnicity"),
      field<R, &R::ethnicity_group>("/ethnicity_group"),
      field<R, &R::ethnically_diverse>("/ethnically_diverse"),
      field<R, &R::nhs_number>("/nhs_number"),
      field<R, &R::pam_level>("/pam_level"),
      field<R, &R::pam_score>("/pam_score"),
      field<R, &R::referral_source>("/referral_source"),
      field<R, &R::consent, &Consent::coaching>("/consent/coaching"),
      field<R, &R::consent, &Consent::evaluation>("/consent/evaluation"),
      field<R, &R::consent, &Consent::gp_record>("/consent/gp_record"),
      field<R, &R::consent, &Consent::recorded_at>("/consent/recorded_at"),
  };
};

template <>
struct Fields<WaitingListEntry> {
  using R = WaitingListEntry;
  static constexpr Field<R> fields[] = {
      field<R, &R::id>("/id"),
      field<R, &R::session_id>("/session_id"),
      field<R, &R::client_id>("/client_id"),
      field<R, &R::referral_id>("/referral_id"),
      field<R, &R::added_at>("/added_at"),
      field<R, &R::status>("/status"),
      field<R, &R::offered_at>("/offered_at"),
  };
};

template <>
struct Fields<Organisation> {
  using R = Organisation;
  static constexpr Field<R> fields[] = {
      field<R, &R::ods_code>("/ods_code"),
      field<R, &R::name>("/name"),
      field<R, &R::kind>("/kind"),
      field<R, &R::parent_ods>("/parent_ods"),
  };
};

template <>
struct Fields<Trainee> {
  using R = Trainee;
  static constexpr Field<R> fields[] = {
      field<R, &R::id>("/id"),
      field<R, &R::cohort_id>("/cohort_id"),
      field<R, &R::profession>("/profession"),
      field<R, &R::organisation>("/organisation"),
      field<R, &R::sector>("/sector"),
      field<R, &R::days_attended>("/days_attended"),
      field<R, &R::confidence_before>("/confidence_before"),
      field<R, &R::confidence_after>("/confidence_after"),
      field<R, &R::champion>("/champion"),
  };
};

/// A table's columns matched to R's fields, once: `ok` when every column (and every child table's
/// column) has a field and no child table is nested, so the table can be written typed.
template <class R>
struct Plan {
  bool ok = false;
  std::vector<int> fields;                 ///< per column of the table
  std::vector<const Array<R>*> arrays;     ///< per top child table, in the table's order
  std::vector<std::vector<int>> array_fields;
};

template <class R>
Plan<R> plan(const store_schema::Table& t) {
  Plan<R> p;
  if constexpr (HasFields<R>) {
    if (t.singleton) return p;
    for (const auto& c : t.columns) {
      const int f = field_index<R>(c.pointer);
      if (f < 0) return p;
      p.fields.push_back(f);
    }
    for (const auto& ch : t.children) {
      if (!ch.children.empty()) return p;
      const Array<R>* a = nullptr;
      if constexpr (requires { Fields<R>::arrays; })
        for (const auto& x : Fields<R>::arrays)
          if (std::string_view(x.pointer) == ch.pointer) a = &x;
      if (!a) return p;
      std::vector<int> m = a->match(ch);
      for (int f : m)
        if (f < 0) return p;
      p.arrays.push_back(a);
      p.array_fields.push_back(std::move(m));
    }
    p.ok = true;
  }
  return p;
}

/// R's plan for table `t` (the one table R's records are kept in), made once.
template <class R>
const Plan<R>& plan_of(const store_schema::Table& t) {
  static const Plan<R> p = plan<R>(t);
  return p;
}

/// Writes the record's own columns: parameter i + 1 gets column i (`skip_key`: the caller binds 1).
template <class R>
void write_columns(const R& r, const store_schema::Table& t, const Plan<R>& p, Out& out) {
  for (std::size_t i = 0; i < p.fields.size(); ++i)
    Fields<R>::fields[p.fields[i]].write(r, out, static_cast<int>(i + 1), t.columns[i]);
}

}  // namespace laycoach::typed_write
