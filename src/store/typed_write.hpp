// Internal (sqlite_store.cpp): a record's row bound straight from its struct to the cached
// INSERT, without a JSON document per record. One generic mechanism for every table, driven by
// the one field list per record type (typed_read.hpp's Fields<R>: the JSON pointer of each field
// in the record's document, as store_schema::Column::pointer names it, and its member), matched
// to the schema's columns once per table (typed_read::plan). Each member is bound by its C++ type
// exactly as the document path binds it (jsonio::write of the member, then the column): text as text ("" as
// NULL in a nullable column), integers and booleans as integers, reals as reals, instants and
// dates as ISO 8601 text (not-a-time as NULL), enumerations by name, optionals as NULL or their
// value; only kinds that are documents ('J' columns, e.g. a response's scores) go through JSON.
// A table with a column no field names (or nested child tables) is written through the document
// path whole; test_import.cpp checks that both paths give the same cells for every record.
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
    // A document kept whole ('J'): its one writer; an empty one (a response's scores when it is
    // scored from its answers) is null, as json.cpp writes it.
    if constexpr (requires { x.empty(); })
      if (x.empty()) return out.null(i);
    const Json j = jsonio::write(x);
    put_json(out, i, &j, c);
  }
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

}  // namespace laycoach::typed_write
