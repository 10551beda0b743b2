// Internal (sqlite_store.cpp): records decoded straight from SQLite cells into their structs,
// without a JSON document per record. One generic mechanism: each record type lists its fields
// once (the JSON pointer of the field in the record's document, as store_schema::Column::pointer
// names it, and the member it is read into); the store matches them to the schema's columns once
// per table, and each cell is decoded by the member's type exactly as the document path would
// read it (column_value, then jsonio::read): a cell that would not read there (a wrong type, an
// unknown enum name, an instant that does not parse, NULL in a required field) makes the record
// go through the document path, which reports it with the same error. A table with a column no
// field names, or nested child tables, is read through the document path whole.
#pragma once

#include <cmath>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <sqlite3.h>

#include "json_io.hpp"
#include "json_keys.hpp"
#include "laycoach/programme.hpp"
#include "laycoach/store.hpp"
#include "laycoach/time.hpp"
#include "store_schema.hpp"
#include "typed_write.hpp"

namespace laycoach::typed_read {

using jsonio::Json;

/// One cell: a statement's column as the schema column `c` stores it.
struct Cell {
  sqlite3_stmt* st;
  int col;
  const store_schema::Column* c;

  bool null() const { return sqlite3_column_type(st, col) == SQLITE_NULL; }
  std::string_view text() const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, col));
    return {p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st, col))};
  }
  long long int64() const { return sqlite3_column_int64(st, col); }
  double real() const { return sqlite3_column_double(st, col); }
  /// The cell as the document path sees it (sqlite_store.cpp's column_value).
  Json json() const;
};

/// One cell of a table given as columns (store_import.cpp), as the column's kind: what
/// store_import.cpp's cell_json makes of it, seen as Cell sees an SQLite cell (text, integer,
/// real, boolean as 0/1, or null), so `decode` reads both alike.
struct ImportCell {
  const store_schema::Column* c = nullptr;
  char kind = 'N';  ///< 'N' null, 'T' text, 'I' integer (booleans too), 'R' real
  std::string_view s;
  long long i = 0;
  double d = 0;
  const std::string* record = nullptr;  ///< names a JSON document that does not parse

  bool null() const { return kind == 'N'; }
  std::string_view text() const { return s; }
  long long int64() const { return i; }
  double real() const { return kind == 'I' ? static_cast<double>(i) : d; }
  /// The cell's JSON value, as cell_json gives it (a 'J' column's text parsed; throws as it).
  Json json() const {
    if (kind == 'N') return Json(nullptr);
    switch (c->type) {
      case 'I': return Json(i);
      case 'R': return Json(real());
      case 'B': return Json(i != 0);
      case 'J': return jsonio::parse_text(s, record ? *record : std::string());
      default: return Json(std::string(s));
    }
  }
};

/// How a given cell reads (make_import_cell): as `cell`, missing (the member keeps its
/// default, as an absent key), or not at all typed (the document path reports it).
enum class ImportCellIs { ok, missing, bad };

/// The cell `v` of column `col` as ImportCell (store_import.cpp's cell_json, which this mirrors:
/// NaN and null are missing, integers and integral reals convert, instants as seconds become
/// ISO 8601 text in `buf`). A withheld column that was not given (`v` nullptr) is "".
inline ImportCellIs make_import_cell(const StoreCell* v, const store_schema::Column& col, const std::string& record,
                                     std::string& buf, ImportCell& out) {
  out = ImportCell{};
  out.c = &col;
  out.record = &record;
  if (!v) {
    if (!col.withheld) return ImportCellIs::missing;
    out.kind = 'T';
    return ImportCellIs::ok;
  }
  if (std::holds_alternative<std::monostate>(*v)) return ImportCellIs::missing;
  const auto* str = std::get_if<std::string>(v);
  const auto* ll = std::get_if<long long>(v);
  const auto* dd = std::get_if<double>(v);
  switch (col.type) {
    case 'T': case 'D': case 'J':
      if (!str) return ImportCellIs::bad;
      out.kind = 'T';
      out.s = *str;
      return ImportCellIs::ok;
    case 'S':
      if (str) {
        out.s = *str;
      } else if (ll) {
        buf = format_instant(from_unix_seconds(*ll));
        out.s = buf;
      } else {
        return ImportCellIs::bad;
      }
      out.kind = 'T';
      return ImportCellIs::ok;
    case 'I':
      if (ll) {
        out.i = *ll;
      } else if (dd) {
        if (std::isnan(*dd)) return ImportCellIs::missing;
        if (!(std::isfinite(*dd) && std::floor(*dd) == *dd && std::fabs(*dd) < 9.2e18)) return ImportCellIs::bad;
        out.i = static_cast<long long>(*dd);
      } else {
        return ImportCellIs::bad;
      }
      out.kind = 'I';
      return ImportCellIs::ok;
    case 'R':
      if (dd) {
        if (std::isnan(*dd)) return ImportCellIs::missing;
        out.kind = 'R';
        out.d = *dd;
      } else if (ll) {
        out.kind = 'R';
        out.d = static_cast<double>(*ll);
      } else {
        return ImportCellIs::bad;
      }
      return ImportCellIs::ok;
    case 'B':
      if (const auto* b = std::get_if<bool>(v)) out.i = *b ? 1 : 0;
      else if (ll && (*ll == 0 || *ll == 1)) out.i = *ll;
      else return ImportCellIs::bad;
      out.kind = 'I';
      return ImportCellIs::ok;
    default:
      return ImportCellIs::bad;
  }
}

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

inline const std::string kNoPointer;

/// Reads the cell as the document path does: column_value, then the type's one reader.
template <class C, class T>
bool read_json(const C& x, bool required, T& out) {
  Json v;
  try {
    v = x.json();
  } catch (const Error&) {
    return false;
  }
  if (v.is_null() && !required) return true;
  try {
    jsonio::read(v, kNoPointer, kNoPointer, out);
  } catch (const Error&) {
    return false;
  }
  return true;
}

/// Decodes `x` into `out` as jsonio::read of column_value would (`required`: Reader::req, else
/// Reader::opt: absent or null keeps the default). False where that read would fail.
template <class C, class T>
bool decode(const C& x, bool required, T& out) {
  const char type = x.c->type;
  const bool sql_null = x.null();
  if (sql_null && !x.c->nullable_empty) {  // the document's null
    if constexpr (is_optional<T>::value) {
      out.reset();
      return true;
    } else if constexpr (std::is_same_v<T, Instant>) {
      if (required) out = Instant(boost::posix_time::not_a_date_time);
      return true;
    } else if constexpr (std::is_same_v<T, Date>) {
      if (required) out = Date(boost::gregorian::not_a_date_time);
      return true;
    } else {
      return !required;
    }
  }
  // Not null: text ("" for a NULL optional reference), or a number or boolean by the column's type.
  const bool is_text = sql_null || (type != 'B' && type != 'I' && type != 'R' && type != 'J');
  if constexpr (is_optional<T>::value) {
    typename T::value_type v{};
    if (!decode(x, true, v)) return false;
    out = std::move(v);
    return true;
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!is_text) return false;
    if (sql_null) out.clear();
    else out.assign(x.text());
    return true;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (sql_null || type != 'B') return false;
    out = x.int64() != 0;
    return true;
  } else if constexpr (std::is_same_v<T, int> || std::is_same_v<T, long long>) {
    if (sql_null || type != 'I') return false;
    const long long v = x.int64();
    if constexpr (std::is_same_v<T, int>)
      if (v < INT32_MIN || v > INT32_MAX) return false;
    out = static_cast<T>(v);
    return true;
  } else if constexpr (std::is_same_v<T, double>) {
    if (sql_null || (type != 'I' && type != 'R')) return false;
    out = x.real();
    return true;
  } else if constexpr (std::is_same_v<T, Instant> || std::is_same_v<T, Date>) {
    if (!is_text) return false;
    try {
      if constexpr (std::is_same_v<T, Instant>) out = parse_instant(sql_null ? std::string_view() : x.text());
      else out = parse_date(sql_null ? std::string_view() : x.text());
    } catch (const Error&) {
      return false;
    }
    return true;
  } else if constexpr (std::is_enum_v<T>) {
    // An enumeration by name: each name the enum's one reader accepted is remembered (per type
    // and thread; names are few), so a million cells are not a million documents.
    if (!is_text || sql_null) return read_json(x, required, out);
    thread_local std::vector<std::pair<std::string, T>> seen;
    const std::string_view name = x.text();
    for (const auto& [n, v] : seen)
      if (n == name) {
        out = v;
        return true;
      }
    if (!read_json(x, required, out)) return false;
    if (seen.size() < 256) seen.emplace_back(std::string(name), out);
    return true;
  } else {
    return read_json(x, required, out);  // documents kept whole ('J'), maps: the one reader of the type
  }
}

// ---- the other way: a member into an analyst table's column (store_tables.cpp) ---------------
//
// As store_tables.cpp's push() of the member's document value: NULL for an absent instant or
// optional, text NULL where the column stores "" as NULL, instants as microseconds and dates as
// days since the epoch.

/// A null cell of a column of kind `type` (store_schema::Column::type).
inline void push_null(StoreColumnData& d, char type) {
  switch (type) {
    case 'I': case 'B': case 'S': case 'D': d.ints.push_back(0); break;
    case 'R': d.reals.push_back(std::nan("")); break;
    default: d.offsets.push_back(static_cast<std::int64_t>(d.text.size()));
  }
  d.valid.push_back(0);
}
/// A text cell.
inline void push_text(StoreColumnData& d, std::string_view s) {
  d.text.append(s);
  d.offsets.push_back(static_cast<std::int64_t>(d.text.size()));
  d.valid.push_back(1);
}
inline void push_int(StoreColumnData& d, std::int64_t v) {
  d.ints.push_back(v);
  d.valid.push_back(1);
}

/// The column kind a member of type T is written to ('T' text and enumerations, 'S' instants,
/// 'D' dates, 'I', 'B', 'R'), or 0: not written directly (documents, maps).
template <class T>
constexpr char kind_of_member() {
  if constexpr (is_optional<T>::value) return kind_of_member<typename T::value_type>();
  else if constexpr (std::is_same_v<T, std::string> || std::is_enum_v<T>) return 'T';
  else if constexpr (std::is_same_v<T, Instant>) return 'S';
  else if constexpr (std::is_same_v<T, Date>) return 'D';
  else if constexpr (std::is_same_v<T, bool>) return 'B';
  else if constexpr (std::is_same_v<T, int> || std::is_same_v<T, long long>) return 'I';
  else if constexpr (std::is_same_v<T, double>) return 'R';
  else return 0;
}

/// Appends member value `v` to a column of kind kind_of_member<T>().
template <class T>
void push_member(StoreColumnData& d, const T& v, bool nullable_empty) {
  static const Instant epoch(boost::gregorian::date(1970, 1, 1));
  if constexpr (is_optional<T>::value) {
    if (!v) return push_null(d, kind_of_member<T>());
    push_member(d, *v, nullable_empty);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (nullable_empty && v.empty()) return push_null(d, 'T');
    push_text(d, v);
  } else if constexpr (std::is_enum_v<T>) {
    push_text(d, to_string(v));
  } else if constexpr (std::is_same_v<T, Instant>) {
    if (v.is_special()) return push_null(d, 'S');
    push_int(d, (v - epoch).total_microseconds());
  } else if constexpr (std::is_same_v<T, Date>) {
    if (v.is_special()) return push_null(d, 'D');
    push_int(d, (v - epoch.date()).days());
  } else if constexpr (std::is_same_v<T, bool>) {
    push_int(d, v ? 1 : 0);
  } else if constexpr (std::is_same_v<T, double>) {
    d.reals.push_back(v);
    d.valid.push_back(1);
  } else {
    push_int(d, static_cast<std::int64_t>(v));
  }
}

/// A field of record type R: where it sits in R's document, how a cell is read into it and how
/// it is written to an analyst table's column.
template <class R>
struct Field {
  const char* pointer;  ///< JSON pointer in R's document ("" = the element itself)
  bool (*read)(R&, const Cell&);
  char kind;            ///< the column kind it is written to (kind_of_member), 0: none
  void (*write)(StoreColumnData&, const R&, bool nullable_empty);  ///< nullptr when kind is 0
  /// Binds the member to parameter i of an SQLite write as column `c` stores it (typed_write.hpp).
  void (*bind)(const R&, typed_write::Out&, int i, const store_schema::Column& c);
  bool required;  ///< read with Reader::req: a missing value does not read
  /// Reads a given table's cell (store_import.cpp) into the member; false where it would not read.
  bool (*read_import)(R&, const ImportCell&);
};

/// The member reached from an R by the member pointers Ms in turn (none: the R itself).
template <auto... Ms, class R>
auto& member(R& r) {  // R may be const
  if constexpr (sizeof...(Ms) == 0) return r;
  else return (r .* ... .* Ms);
}

/// A field read with Reader::req (Required) or Reader::opt.
template <class R, bool Required, auto... Ms>
constexpr Field<R> field(const char* pointer) {
  using T = std::remove_cvref_t<decltype(member<Ms...>(std::declval<R&>()))>;
  constexpr char kind = kind_of_member<T>();
  void (*write)(StoreColumnData&, const R&, bool) = nullptr;
  if constexpr (kind != 0)
    write = [](StoreColumnData& d, const R& r, bool ne) { push_member(d, member<Ms...>(r), ne); };
  return {pointer, [](R& r, const Cell& x) { return decode(x, Required, member<Ms...>(r)); }, kind, write,
          [](const R& r, typed_write::Out& o, int i, const store_schema::Column& c) {
            typed_write::encode(o, i, member<Ms...>(r), c);
          },
          Required, [](R& r, const ImportCell& x) { return decode(x, Required, member<Ms...>(r)); }};
}
template <class R, auto... Ms>
constexpr Field<R> req(const char* pointer) {
  return field<R, true, Ms...>(pointer);
}
template <class R, auto... Ms>
constexpr Field<R> opt(const char* pointer) {
  return field<R, false, Ms...>(pointer);
}

/// One row of a table given as columns (store_import.cpp): its cells, the input column of each
/// schema column (-1: not given) and the record it belongs to (to name a bad JSON document).
struct ImportRow {
  const std::vector<std::vector<StoreCell>>* cells;
  const std::vector<int>* source;
  std::size_t row;
  const std::string* record;
  /// The cell of schema column k (nullptr: the column was not given).
  const StoreCell* at(std::size_t k) const {
    const int j = (*source)[k];
    return j < 0 ? nullptr : &(*cells)[static_cast<std::size_t>(j)][row];
  }
};

/// An array of R kept in a child table: its pointer in R's document and the element type's fields.
template <class R>
struct Array {
  const char* pointer;
  /// Appends an element to the array, read from the child row's cells (`cols[j]`: the field of
  /// the child's column j, in order); false where a cell does not read.
  bool (*append)(R&, sqlite3_stmt*, int first, const store_schema::Child&, const std::vector<int>& cols);
  /// The field of each child column (by its pointer), -1 when the element type lists none.
  std::vector<int> (*match)(const store_schema::Child&);
  /// Whether each of `cols` (the child's analyst columns) can be written from its field.
  bool (*writable)(const std::vector<const store_schema::Column*>& cols);
  /// Appends r's elements as rows of the child's analyst table: owner (r's key), idx, then `cols`.
  void (*write_rows)(std::vector<StoreColumnData>& data, const R& r, const std::string& owner,
                     const std::vector<const store_schema::Column*>& cols);
  /// Binds r's elements as rows of the child's SQLite table, one row each, in order (`cols`: as match gives).
  void (*bind_rows)(const R& r, const store_schema::Child& c, const std::vector<int>& cols, typed_write::ChildRows& rows);
  /// Appends an element read from a given table's row (store_import.cpp); false where a cell does not read.
  bool (*import_append)(R&, const ImportRow&, const store_schema::Child&, const std::vector<int>& cols);
};

/// Record types that list their fields: Fields<R>::fields (and ::arrays, its child tables),
/// derived from the document's key list (FromKeys below).
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

/// Reads the cells st[first..] (columns `cols` of the schema) into r, field by field.
template <class R, class Columns>
bool read_cells(R& r, sqlite3_stmt* st, int first, const Columns& columns, const std::vector<int>& fields) {
  for (std::size_t j = 0; j < fields.size(); ++j)
    if (!Fields<R>::fields[fields[j]].read(r, Cell{st, first + static_cast<int>(j), &columns[j]})) return false;
  return true;
}

/// Reads a given table's row into r, field by field, as the document store_import.cpp makes of
/// it would read (a missing cell: the member's default; required: does not read).
template <class R, class Columns>
bool import_cells(R& r, const ImportRow& x, const Columns& columns, const std::vector<int>& fields) {
  std::string buf;
  ImportCell cell;
  for (std::size_t k = 0; k < fields.size(); ++k) {
    const Field<R>& f = Fields<R>::fields[fields[k]];
    switch (make_import_cell(x.at(k), columns[k], *x.record, buf, cell)) {
      case ImportCellIs::bad: return false;
      case ImportCellIs::missing:
        if (f.required) return false;
        continue;
      case ImportCellIs::ok:
        if (!f.read_import(r, cell)) return false;
    }
  }
  return true;
}

/// An array member (element type E) kept in a child table at `pointer`.
template <class R, auto... Ms>
Array<R> array(const char* pointer) {
  using V = std::remove_reference_t<decltype(member<Ms...>(std::declval<R&>()))>;
  using E = typename V::value_type;
  Array<R> a{pointer, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr};
  a.import_append = [](R& r, const ImportRow& x, const store_schema::Child& c, const std::vector<int>& cols) {
    E& el = member<Ms...>(r).emplace_back();
    if constexpr (HasFields<E>) {
      return import_cells(el, x, c.columns, cols);
    } else {  // an array of values: one column, the element (missing: null, as an unanswered item)
      std::string buf;
      ImportCell cell;
      switch (make_import_cell(x.at(0), c.columns[0], *x.record, buf, cell)) {
        case ImportCellIs::bad: return false;
        case ImportCellIs::missing:
          if (c.columns[0].nullable_empty) return false;
          cell.kind = 'N';
          break;
        case ImportCellIs::ok: break;
      }
      return decode(cell, true, el);
    }
  };
  a.bind_rows = [](const R& r, const store_schema::Child& c, const std::vector<int>& cols, typed_write::ChildRows& rows) {
    const auto& v = member<Ms...>(r);
    for (std::size_t k = 0; k < v.size(); ++k) {
      typed_write::Out& o = rows.row(k);
      const int first = rows.first();
      if constexpr (HasFields<E>) {
        for (std::size_t j = 0; j < cols.size(); ++j)
          Fields<E>::fields[cols[j]].bind(v[k], o, first + static_cast<int>(j), c.columns[j]);
      } else {
        typed_write::encode(o, first, v[k], c.columns[0]);  // an array of values: one column, the element
      }
      rows.done();
    }
  };
  a.append = [](R& r, sqlite3_stmt* st, int first, const store_schema::Child& c, const std::vector<int>& cols) {
    E& el = member<Ms...>(r).emplace_back();
    if constexpr (HasFields<E>) return read_cells(el, st, first, c.columns, cols);
    else return decode(Cell{st, first, &c.columns[0]}, true, el);  // an array of scalars: one column, the element
  };
  a.match = [](const store_schema::Child& c) {
    std::vector<int> out;
    for (const auto& col : c.columns) {
      if constexpr (HasFields<E>) out.push_back(field_index<E>(col.pointer));
      else out.push_back(*col.pointer == '\0' && c.columns.size() == 1 ? 0 : -1);
    }
    return out;
  };
  a.writable = [](const std::vector<const store_schema::Column*>& cols) {
    for (const auto* c : cols) {
      if constexpr (HasFields<E>) {
        const int f = field_index<E>(c->pointer);
        if (f < 0 || Fields<E>::fields[f].kind != c->type) return false;
      } else if (*c->pointer != '\0' || kind_of_member<E>() != c->type) {
        return false;
      }
    }
    return true;
  };
  a.write_rows = [](std::vector<StoreColumnData>& data, const R& r, const std::string& owner,
                    const std::vector<const store_schema::Column*>& cols) {
    const auto& v = member<Ms...>(r);
    for (std::size_t k = 0; k < v.size(); ++k) {
      push_text(data[0], owner);
      push_int(data[1], static_cast<std::int64_t>(k));
      for (std::size_t i = 0; i < cols.size(); ++i) {
        if constexpr (HasFields<E>)
          Fields<E>::fields[field_index<E>(cols[i]->pointer)].write(data[i + 2], v[k], cols[i]->nullable_empty);
        else
          push_member(data[i + 2], v[k], cols[i]->nullable_empty);
      }
    }
  };
  return a;
}

// ---- the fields of each record type read this way, derived from its document's key list -----
// (src/interop/json_keys.hpp, the list json.cpp reads and writes the document from), so a
// column, a cell and a document key name the same member in one place.

/// A pointer text kept for the life of the process (field lists are built once, at start-up).
inline const char* intern(std::string s) {
  static std::mutex mu;
  static std::deque<std::string> kept;
  const std::lock_guard<std::mutex> lock(mu);
  return kept.emplace_back(std::move(s)).c_str();
}

template <class T>
struct is_vector : std::false_type {};
template <class T, class A>
struct is_vector<std::vector<T, A>> : std::true_type {};

/// The fields of key `k` of R: the key itself at "/name"; when it holds an object with a key list
/// (a client's consent), also each of that object's keys at "/name/key", read as Reader::opt of
/// the object and then of the key (required only when both are).
template <class R, bool Req, auto M, bool EmptyNull>
void add_fields(std::vector<Field<R>>& out, const jsonio::keys::Key<Req, M, EmptyNull>& k) {
  using T = std::remove_cvref_t<decltype(std::declval<R&>().*M)>;
  const std::string ptr = std::string("/") + k.name;
  out.push_back(field<R, Req, M>(intern(ptr)));
  if constexpr (jsonio::keys::Listed<T>) {
    jsonio::keys::each_key<T>([&]<bool Req2, auto M2, bool E2>(const jsonio::keys::Key<Req2, M2, E2>& k2) {
      out.push_back(field<R, Req && Req2, M, M2>(intern(ptr + "/" + k2.name)));
    });
  }
}

/// R's fields and its arrays (child tables: each key holding a list), from R's key list.
template <jsonio::keys::Listed R>
struct FromKeys {
  static inline const std::vector<Field<R>> fields = [] {
    std::vector<Field<R>> out;
    jsonio::keys::each_key<R>([&](const auto& k) { add_fields<R>(out, k); });
    return out;
  }();
  static inline const std::vector<Array<R>> arrays = [] {
    std::vector<Array<R>> out;
    jsonio::keys::each_key<R>([&]<bool Req, auto M, bool E>(const jsonio::keys::Key<Req, M, E>& k) {
      if constexpr (is_vector<std::remove_cvref_t<decltype(std::declval<R&>().*M)>>::value)
        out.push_back(array<R, M>(intern(std::string("/") + k.name)));
    });
    return out;
  }();
};

// The record types read straight from their cells (the tables that grow with a service).
template <> struct Fields<Attendee> : FromKeys<Attendee> {};
template <> struct Fields<Session> : FromKeys<Session> {};
template <> struct Fields<Response> : FromKeys<Response> {};
template <> struct Fields<SupervisionRecord> : FromKeys<SupervisionRecord> {};
template <> struct Fields<SessionNote> : FromKeys<SessionNote> {};
template <> struct Fields<Goal> : FromKeys<Goal> {};
template <> struct Fields<Referral> : FromKeys<Referral> {};
template <> struct Fields<Client> : FromKeys<Client> {};
template <> struct Fields<WaitingListEntry> : FromKeys<WaitingListEntry> {};
template <> struct Fields<SafeguardingConcern> : FromKeys<SafeguardingConcern> {};
template <> struct Fields<RiskFlag> : FromKeys<RiskFlag> {};
template <> struct Fields<Organisation> : FromKeys<Organisation> {};
template <> struct Fields<Trainee> : FromKeys<Trainee> {};

/// A table's columns matched to R's fields, once: `ok` when every column (and every child table's
/// column) has a field and no child table is nested, so the table can be read typed.
template <class R>
struct Plan {
  bool ok = false;
  std::vector<int> fields;                 ///< per column of the table
  std::vector<const Array<R>*> arrays;     ///< per top child table (parallel to TablePlan::top)
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

/// Binds the record's own columns: parameter i + 1 gets column i.
template <class R>
void bind_columns(const R& r, const store_schema::Table& t, const Plan<R>& p, typed_write::Out& out) {
  for (std::size_t i = 0; i < p.fields.size(); ++i)
    Fields<R>::fields[p.fields[i]].bind(r, out, static_cast<int>(i + 1), t.columns[i]);
}

}  // namespace laycoach::typed_read
