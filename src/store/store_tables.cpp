// The store's tables as public data (store.hpp): names, column kinds and contents column by
// column, from the one schema (store_schema.hpp). Python's frames are built from these.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <set>
#include <functional>
#include <tuple>
#include <map>
#include <optional>
#include <string_view>

#include <sqlite3.h>

#include "crypto.hpp"
#include "enum_registry.hpp"
#include "laycoach/time.hpp"
#include "json_io.hpp"
#include "laycoach/limits.hpp"
#include "laycoach/store.hpp"
#include "programme_impl.hpp"
#include "record_kinds.hpp"
#include "store_schema.hpp"
#include "typed_read.hpp"

namespace laycoach {

namespace {

using jsonio::Json;

// The confidential tables: never in an analyst table or an extract.
constexpr const char* kConfidentialTables[] = {"notes", "goals", "care_plans", "care_plan_goals", "care_plan_goal_ids",
                                               "care_plan_actions", "care_plan_shares"};
bool confidential(const std::string& name) {
  return std::find(std::begin(kConfidentialTables), std::end(kConfidentialTables), name) != std::end(kConfidentialTables);
}

// The table (or top-level child table) named `name`.
std::pair<const store_schema::Table*, const store_schema::Child*> find_table(const std::string& name) {
  if (confidential(name))
    throw ForbiddenError(name, "table", "notes, goals and care plans are confidential: read them with notes()/goals()/"
                                        "care_plans() as the coach or client");
  for (const auto& t : store_schema::tables()) {
    if (name == t.table) return {&t, nullptr};
    for (const auto& c : t.children)
      if (name == c.table && c.parent_pointers.empty()) return {&t, &c};
  }
  throw NotFoundError(name, "table", "no table '" + name + "'; see store_table_names()");
}

const char* kind_of(char t) {
  switch (t) {
    case 'I': return "integer";
    case 'R': return "real";
    case 'B': return "boolean";
    case 'S': return "instant";
    case 'D': return "date";
    default: return "text";
  }
}

// The one kind char of store_schema::Column::type for a StoreColumn kind name.
char type_of(const std::string& kind) {
  if (kind == "integer") return 'I';
  if (kind == "real") return 'R';
  if (kind == "boolean") return 'B';
  if (kind == "instant") return 'S';
  if (kind == "date") return 'D';
  return 'T';
}

const Instant kEpoch(boost::gregorian::date(1970, 1, 1));
const Date kEpochDate(1970, 1, 1);

// Appends one cell to a typed column as the store writes it: null stays null (as does an
// instant or date written as ""), text of a non-string is its JSON.
using typed_read::push_int;
using typed_read::push_null;
using typed_read::push_text;

// An instant ('S', ISO 8601 UTC) or date ('D', YYYY-MM-DD) as the store writes it, to int64
// microseconds or days since the epoch; "" is null. Throws as parse_instant / parse_date.
void push_iso(StoreColumnData& d, char type, const std::string& s) {
  if (s.empty()) return push_null(d, type);
  d.ints.push_back(type == 'S' ? (parse_instant(s) - kEpoch).total_microseconds() : (parse_date(s) - kEpochDate).days());
  d.valid.push_back(1);
}
void push(StoreColumnData& d, const Json* v, char type) {
  if (!v || v->is_null()) return push_null(d, type);
  switch (type) {
    case 'I': d.ints.push_back(v->is_number() ? v->get<long long>() : 0LL); break;
    case 'R': d.reals.push_back(v->is_number() ? v->get<double>() : std::nan("")); break;
    case 'B': d.ints.push_back(v->is_boolean() && v->get<bool>() ? 1 : 0); break;
    case 'S': case 'D':
      if (!v->is_string()) return push_null(d, type);
      return push_iso(d, type, v->get_ref<const std::string&>());
    default:
      if (v->is_string()) return push_text(d, v->get_ref<const std::string&>());
      return push_text(d, v->dump());
  }
  d.valid.push_back(1);
}

}  // namespace

std::vector<std::string> store_table_names() {
  std::vector<std::string> v;
  for (const auto& t : store_schema::tables()) {
    v.push_back(t.table);
    for (const auto& c : t.children)
      if (c.parent_pointers.empty()) v.push_back(c.table);
  }
  return v;
}

std::vector<std::string> analyst_table_names() {
  std::vector<std::string> v;
  for (auto& name : store_table_names())
    if (!confidential(name)) v.push_back(std::move(name));
  return v;
}

namespace {
// The columns of a table that analysts see (not withheld), in schema order.
std::vector<const store_schema::Column*> analyst_columns(const store_schema::Table& parent, const store_schema::Child* child) {
  std::vector<const store_schema::Column*> out;
  for (const auto& c : child ? child->columns : parent.columns)
    if (!c.withheld) out.push_back(&c);
  return out;
}
}  // namespace

std::vector<StoreColumn> store_table_columns(const std::string& table) {
  const auto [parent, child] = find_table(table);
  std::vector<StoreColumn> out;
  if (child) {
    out.push_back({"owner", "text"});
    out.push_back({"idx", "integer"});
  }
  for (const auto* c : analyst_columns(*parent, child)) {
    StoreColumn col{c->name, kind_of(c->type)};
    if (c->enumeration) {
      col.enumeration = c->enumeration;
      col.categories = enum_value_names(c->enumeration);
      col.open_categories = col.categories.empty();
    }
    out.push_back(std::move(col));
  }
  return out;
}

// ---- a table straight from a store file (no programme loaded) ---------------------------------

StoreTableData read_store_table(const std::string& path, const std::string& table) {
  StoreTableData out;
  out.columns = store_table_columns(table);  // throws for unknown and confidential tables
  const auto [parent, child] = find_table(table);
  const auto cols = analyst_columns(*parent, child);
  sqlite3* raw = nullptr;
  const int orc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
  if (orc != SQLITE_OK)
    throw NotFoundError(path, "path", "no store file at '" + path + "' (nothing was created)", "store_exists"_rule);
  auto fail = [&](const std::string& what) -> void {
    throw IoError(path, what + ": " + sqlite3_errmsg(db.get()), "", "io"_rule);
  };
  auto pragma = [&](const char* name) {
    sqlite3_stmt* st = nullptr;
    long long v = -1;
    if (sqlite3_prepare_v2(db.get(), (std::string("PRAGMA ") + name).c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      v = sqlite3_column_int64(st, 0);
    const int rc = sqlite3_errcode(db.get());
    sqlite3_finalize(st);
    if (v < 0 && (rc & 0xff) == SQLITE_NOTADB)
      throw IoError(path, "not a laycoach store (not an SQLite database)", "", "store_format"_rule);
    return v;
  };
  const long long app = pragma("application_id"), ver = pragma("user_version");
  if (app != store_schema::kApplicationId)
    throw IoError(path, "not a laycoach store (application_id " + std::to_string(app) + ")", "", "store_format"_rule);
  if (ver != store_schema::kVersion)
    throw IoError(path, "store schema version " + std::to_string(ver) + " is not this build's (" +
                            std::to_string(store_schema::kVersion) + "): open it with laycoach.open once to migrate",
                  "", "store_format"_rule);
  // The rows in the order frame(programme) lists them: the catalogue in its own order (as
  // stored), other records by key (std::map order is bytewise, as SQLite's BINARY collation),
  // child rows by owner then idx.
  std::string sql = "SELECT ";
  std::vector<char> types;
  auto add = [&](const char* name, char type) {
    sql += (types.empty() ? "\"" : ", \"") + std::string(name) + "\"";
    types.push_back(type);
  };
  if (child) {
    add("owner", 'T');
    add("idx", 'I');
  }
  for (const auto* c : cols) add(c->name, c->type);
  sql += std::string(" FROM \"") + (child ? child->table : parent->table) + "\"";
  const bool catalogue = std::string_view(parent->pointer).rfind("/catalogue/", 0) == 0;  // in its own order
  if (child && catalogue)
    sql += std::string(" ORDER BY (SELECT p.rowid FROM \"") + parent->table + "\" p WHERE p.\"" + parent->columns[0].name +
           "\" = \"" + child->table + "\".owner), idx";
  else if (child) sql += " ORDER BY owner, idx";
  else if (catalogue) sql += " ORDER BY rowid";
  else if (!parent->singleton) sql += std::string(" ORDER BY \"") + parent->columns[0].name + "\"";
  sqlite3_stmt* raw_st = nullptr;
  if (sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &raw_st, nullptr) != SQLITE_OK) fail("cannot read " + table);
  const std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> st(raw_st, &sqlite3_finalize);
  out.data.resize(types.size());
  int rc;
  while ((rc = sqlite3_step(st.get())) == SQLITE_ROW) {
    for (std::size_t i = 0; i < types.size(); ++i) {
      StoreColumnData& d = out.data[i];
      const int k = static_cast<int>(i);
      const char type = types[i];
      if (sqlite3_column_type(st.get(), k) == SQLITE_NULL) {
        push_null(d, type);
        continue;
      }
      switch (type) {
        case 'I': d.ints.push_back(sqlite3_column_int64(st.get(), k)); break;
        case 'B': d.ints.push_back(sqlite3_column_int64(st.get(), k) != 0 ? 1 : 0); break;
        case 'R': d.reals.push_back(sqlite3_column_double(st.get(), k)); break;
        default: {
          const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st.get(), k));
          const std::string_view text(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st.get(), k)));
          if (type == 'S' || type == 'D') push_iso(d, type, std::string(text));  // "" is null, as in frame()
          else push_text(d, text);
          continue;
        }
      }
      d.valid.push_back(1);
    }
  }
  if (rc != SQLITE_DONE) fail("cannot read " + table);
  return out;
}

namespace {

// The records of the kind stored at `pointer` (a table's place in the programme document), in
// the order Programme::data() lists them, each given to `f` as its own document: one record at
// a time, never a document of the whole programme. `Src` is a ProgrammeData or the programme's
// state. Returns false for a pointer this function does not know (a kind added to the schema
// but not here): the caller then falls back to the whole document.
template <class K, class V, class F>
void each_value(const std::map<K, V>& map, F& f) {
  for (const auto& [id, rec] : map) f(jsonio::write(rec));
}
template <class T, class F>
void each_value(const std::vector<T>& v, F& f) {
  for (const auto& rec : v) f(jsonio::write(rec));
}

template <class F>
bool each_record(const ProgrammeData& d, std::string_view pointer, F&& f) {
  return record_kinds::visit_pointer(pointer, [&](const auto& k) {
    const auto& v = k.data(d);
    if constexpr (record_kinds::is_list<decltype(v)>) each_value(v, f);
    else f(jsonio::write(v));
  });
}

template <class F>
bool each_record(const ProgrammeState& s, std::string_view pointer, F&& f) {
  // The catalogue in its document order; instruments as registered (compiled in memory).
  if (pointer == "/catalogue/service_lines") {
    for (const auto& id : s.line_order) f(jsonio::write(s.lines.at(id)));
    return true;
  }
  if (pointer == "/catalogue/offers") {
    for (const auto& id : s.offer_order) f(jsonio::write(s.offers.at(id)));
    return true;
  }
  if (pointer == "/instruments") {
    for (const auto& [key, ins] : s.instruments) f(jsonio::write(RegisteredInstrument{ins.id(), ins.to_json()}));
    return true;
  }
  return record_kinds::visit_pointer(pointer, [&](const auto& k) {
    if constexpr (!std::is_same_v<std::remove_cvref_t<decltype(k.state(s))>, InstrumentSet>) {
      const auto& v = k.state(s);
      if constexpr (record_kinds::is_list<decltype(k.data(std::declval<const ProgrammeData&>()))>) each_value(v, f);
      else f(jsonio::write(v));
    }
  });
}

/// A column's place in a record's document, parsed once per table (not once per cell).
struct Locator {
  bool self = false;  // "" = the element itself
  Json::json_pointer ptr;
  explicit Locator(const char* p) : self(!*p), ptr(*p ? Json::json_pointer(p) : Json::json_pointer()) {}
  const Json* find(const Json& o) const {
    if (self) return &o;
    return o.contains(ptr) ? &o.at(ptr) : nullptr;
  }
};

void push_at(StoreColumnData& d, const Json& o, const Locator& l, char type, bool nullable_empty = false) {
  const Json* v = l.find(o);
  // As the store writes it: an optional reference left empty is NULL.
  if (v && nullable_empty && v->is_string() && v->get_ref<const std::string&>().empty()) v = nullptr;
  push(d, v, type);
}

/// Fills a table's columns from record documents, one record at a time.
class Filler {
 public:
  explicit Filler(const std::string& table) {
    std::tie(parent_, child_) = find_table(table);
    out_.columns = store_table_columns(table);
    out_.data.resize(out_.columns.size());
    cols_ = analyst_columns(*parent_, child_);
    for (const auto* c : cols_) locs_.emplace_back(c->pointer);
    owner_.emplace(parent_->columns[0].pointer);
    if (child_) array_.emplace(child_->pointer);
  }
  const char* pointer() const { return parent_->pointer; }
  bool singleton() const { return parent_->singleton; }

  void operator()(const Json& r) {
    const auto& cols = cols_;
    auto& data = out_.data;
    if (!child_) {
      for (std::size_t i = 0; i < cols.size(); ++i) {
        if (parent_->singleton && i == 0) {
          data[0].ints.push_back(1);
          data[0].valid.push_back(1);
        } else {
          push_at(data[i], r, locs_[i], cols[i]->type, cols[i]->nullable_empty);
        }
      }
      return;
    }
    const Json* arr = array_->find(r);
    if (!arr || !arr->is_array()) return;
    const Json* owner = owner_->find(r);
    for (std::size_t k = 0; k < arr->size(); ++k) {
      push(data[0], owner, 'T');
      data[1].ints.push_back(static_cast<std::int64_t>(k));
      data[1].valid.push_back(1);
      for (std::size_t i = 0; i < cols.size(); ++i)
        push_at(data[i + 2], (*arr)[k], locs_[i], cols[i]->type, cols[i]->nullable_empty);
    }
  }
  StoreTableData take() { return std::move(out_); }

 private:
  const store_schema::Table* parent_ = nullptr;
  const store_schema::Child* child_ = nullptr;
  std::vector<const store_schema::Column*> cols_;  // the analyst columns
  std::vector<Locator> locs_;
  std::optional<Locator> owner_, array_;
  StoreTableData out_;
};

// ---- direct fill: the hottest tables straight from the records, no document per record -------
//
// The generic path (Filler) writes each record as its document and reads each column at its JSON
// pointer: one mapping (json.cpp), but a few dozen allocations per record. For the tables that
// grow with a service (sessions and their attendees, responses, clients, referrals, ...) each
// analyst column is written from the record's field as the store reads it (typed_read.hpp: one
// field list per record type, both ways). A table is filled directly only when every one of its
// analyst columns has a field of its kind (a column added to the schema and not there falls back
// to the generic path); test_tables.cpp checks both paths against SQLite row by row.

void reserve(StoreTableData& t, std::size_t rows) {
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    auto& d = t.data[i];
    d.valid.reserve(rows);
    switch (type_of(t.columns[i].kind)) {
      case 'R': d.reals.reserve(rows); break;
      case 'T': d.offsets.reserve(rows + 1); break;
      default: d.ints.reserve(rows);
    }
  }
}

// A table straight from the programme's records of a kind that lists its fields (typed_read.hpp),
// each analyst column written from its field; nullopt for another kind, or when a column has no
// field or one of another kind (a document kept whole): the generic path (Filler) fills it then.
std::optional<StoreTableData> direct_table(const ProgrammeState& s, const std::string& table) {
  const auto [parent, child] = find_table(table);
  const auto cols = analyst_columns(*parent, child);
  std::optional<StoreTableData> out;
  record_kinds::visit_pointer(parent->pointer, [&](const auto& k) {
    using M = std::remove_cvref_t<decltype(k.state(s))>;
    if constexpr (requires { typename M::mapped_type; }) {
      using R = typename M::mapped_type;
      if constexpr (typed_read::HasFields<R>) {
        const M& records = k.state(s);
        StoreTableData t;
        t.columns = store_table_columns(table);
        t.data.resize(t.columns.size());
        if (!child) {
          std::vector<const typed_read::Field<R>*> w;
          for (const auto* c : cols) {
            const int f = typed_read::field_index<R>(c->pointer);
            if (f < 0 || !typed_read::Fields<R>::fields[f].write || typed_read::Fields<R>::fields[f].kind != c->type)
              return;
            w.push_back(&typed_read::Fields<R>::fields[f]);
          }
          reserve(t, records.size());
          for (const auto& [id, rec] : records)
            for (std::size_t i = 0; i < w.size(); ++i) w[i]->write(t.data[i], rec, cols[i]->nullable_empty);
          out = std::move(t);
          return;
        }
        if constexpr (requires { typed_read::Fields<R>::arrays; }) {
          for (const auto& a : typed_read::Fields<R>::arrays) {
            if (std::string_view(a.pointer) != child->pointer || !a.writable(cols)) continue;
            reserve(t, records.size());
            for (const auto& [id, rec] : records) a.write_rows(t.data, rec, id, cols);
            out = std::move(t);
            return;
          }
        }
      }
    }
  });
  return out;
}

/// The table from the records of `src` (ProgrammeData or ProgrammeState), or nullopt for a
/// record kind each_record does not list.
template <class Src>
std::optional<StoreTableData> table_data(const Src& src, const std::string& table) {
  Filler fill(table);
  if (!each_record(src, fill.pointer(), [&](const Json& r) { fill(r); })) return std::nullopt;
  return fill.take();
}

/// The same from the whole programme document (a record kind each_record does not list yet).
StoreTableData table_data_from_document(const ProgrammeData& data, const std::string& table) {
  Filler fill(table);
  const Json doc = jsonio::write(data);
  const Json& records = doc.at(Json::json_pointer(fill.pointer()));
  if (fill.singleton()) fill(records);
  else
    for (const auto& r : records) fill(r);
  return fill.take();
}

}  // namespace

StoreTableData store_table_data(const ProgrammeData& data, const std::string& table) {
  if (auto t = table_data(data, table)) return std::move(*t);
  return table_data_from_document(data, table);
}

StoreTableData store_table_data(const Programme& programme, const std::string& table) {
  Programme::Impl& m = detail::impl_of(programme);
  auto lock = m.read();
  // Only the named table's records are read, one at a time, under the programme's read lock.
  if (auto t = direct_table(m.state(), table)) return std::move(*t);
  if (auto t = table_data(m.state(), table)) return std::move(*t);
  return table_data_from_document(m.snapshot(), table);
}

StoreCell StoreTableData::cell(std::size_t column, std::size_t row) const {
  const StoreColumnData& d = data.at(column);
  if (!d.valid.at(row)) return std::monostate{};
  switch (type_of(columns.at(column).kind)) {
    case 'I': return static_cast<long long>(d.ints[row]);
    case 'B': return d.ints[row] != 0;
    case 'R': return d.reals[row];
    case 'S': return format_instant(kEpoch + boost::posix_time::microseconds(d.ints[row]));
    case 'D': return format_date(kEpochDate + boost::gregorian::days(d.ints[row]));
    default: return std::string(d.text_at(row));
  }
}

void StoreTableData::append(std::size_t column, const StoreCell& cell) {
  StoreColumnData& d = data.at(column);
  const StoreColumn& c = columns.at(column);
  const char type = type_of(c.kind);
  if (std::holds_alternative<std::monostate>(cell)) return push_null(d, type);
  Json v;
  const bool fits = std::visit(
      [&](const auto& x) {
        using V = std::decay_t<decltype(x)>;
        if constexpr (!std::is_same_v<V, std::monostate>) v = x;
        if constexpr (std::is_same_v<V, long long>) return type == 'I';
        else if constexpr (std::is_same_v<V, double>) return type == 'R';
        else if constexpr (std::is_same_v<V, bool>) return type == 'B';
        else if constexpr (std::is_same_v<V, std::string>) return type == 'T' || type == 'S' || type == 'D';
        else return false;
      },
      cell);
  if (!fits) throw ValidationError(c.name, "cell", "cell_kind"_rule, "a cell that does not fit a column of kind " + c.kind);
  if (type == 'R' && std::isnan(std::get<double>(cell))) return push_null(d, type);
  push(d, &v, type);
}

std::string store_schema_markdown() { return store_schema::describe(); }

// ---- extracts: keyed pseudonyms per recipient (docs/extracts.md) ---------------------------------

namespace {

constexpr std::size_t kPseudonymHexChars = 32;  // 128 bits of HMAC-SHA-256

// The key of pseudonyms, derived from the service's secret for this one use (never the secret
// itself), so no pseudonym can equal a value the secret keys elsewhere (cell keys, the access log).
std::string pseudonym_key(const std::string& secret_hex) { return crypto::derive_key(secret_hex, "laycoach/pseudonym/v1"); }

// HMAC-SHA-256(key, recipient 0x00 kind 0x00 id), its first 128 bits as lower-case hex. The
// recipient has no control characters and kinds are table names, so the message is unambiguous.
// `mac` holds the pseudonym key (one key schedule for a whole extract).
std::string pseudonym(crypto::Hmac& mac, const std::string& recipient, const std::string& kind, const std::string& id) {
  static constexpr std::string_view kSep("\0", 1);
  return crypto::hex(mac({recipient, kSep, kind, kSep, id})).substr(0, kPseudonymHexChars);
}

// For each column of store_table_columns(table): the pseudonymised table whose ids it holds, or "".
std::vector<std::string> pseudonym_kinds(const std::string& table) {
  const auto [parent, child] = find_table(table);
  std::vector<std::string> out;
  auto kind = [](const std::string& ids) { return store_schema::pseudonymised(ids) ? ids : std::string(); };
  if (child) {
    out.push_back(kind(store_schema::ids_of(*parent, parent->columns[0])));  // owner
    out.emplace_back();                                                      // idx
  }
  for (const auto* c : analyst_columns(*parent, child)) out.push_back(kind(store_schema::ids_of(*parent, *c)));
  return out;
}

}  // namespace

StoreTableData extract(const Programme& programme, const std::string& table, const std::string& recipient) {
  validate_recipient(recipient);
  const std::vector<std::string> kinds = pseudonym_kinds(table);  // throws for notes, goals, unknown tables
  StoreTableData t = store_table_data(programme, table);
  crypto::Hmac mac(pseudonym_key(detail::impl_of(programme).secret));
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (kinds[i].empty()) continue;
    StoreColumnData& d = t.data[i];
    std::string text;
    std::vector<std::int64_t> offsets{0};
    for (std::size_t r = 0; r < d.size(); ++r) {
      const std::string_view id = d.text_at(r);
      if (d.valid[r] && !id.empty()) text += pseudonym(mac, recipient, kinds[i], std::string(id));
      else text += id;
      offsets.push_back(static_cast<std::int64_t>(text.size()));
    }
    d.text = std::move(text);
    d.offsets = std::move(offsets);
  }
  // A record table's own ids must stay distinct: 128 bits make a collision practically
  // impossible (docs/extracts.md); should one ever happen, refuse rather than merge two records.
  if (!kinds.empty() && !kinds[0].empty() && kinds[0] == table) {
    std::set<std::string_view> seen;
    const StoreColumnData& ids = t.data[0];
    for (std::size_t r = 0; r < ids.size(); ++r)
      if (ids.valid[r] && !seen.insert(ids.text_at(r)).second)
        throw InternalError("two ids of table '" + table + "' share a pseudonym for this recipient", table, "id",
                            "pseudonym_collision"_rule);
  }
  // Every export is in the access log (the operator's, as data() is): which table, for whom.
  // Logged before anything is returned; if the entry cannot be written the extract fails.
  detail::impl_of(programme).log_access(Viewer{Audience::ServiceManager, ""}, "export_extract",
                                        {table, "recipient:" + recipient}, nullptr);
  return t;
}

}  // namespace laycoach
