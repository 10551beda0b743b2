// Tables given as columns -> records (store.hpp's records_from_tables): the store schema's
// column mapping (store_schema.cpp) used in reverse, as SqliteStore::load reads its rows, so a
// table that store_table_data (Python's frame()) gives out imports back through the same map.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "json_io.hpp"
#include "laycoach/store.hpp"
#include "store_records.hpp"
#include "store_schema.hpp"
#include "typed_read.hpp"

namespace laycoach {

namespace {

using jsonio::Json;
using store_schema::Child;
using store_schema::Column;
using store_schema::Table;

[[noreturn]] void bad(const std::string& record, const std::string& field, ErrorRule rule, const std::string& detail) {
  throw ValidationError(record, ErrorField(field), rule, detail);
}

const char* kind_name(char t) {
  switch (t) {
    case 'I': return "an integer";
    case 'R': return "a real";
    case 'B': return "a boolean";
    case 'S': return "an instant (ISO 8601 text or seconds since the Unix epoch)";
    case 'D': return "a date (YYYY-MM-DD text)";
    case 'J': return "a JSON document (text)";
    default: return "text";
  }
}

const char* cell_name(const StoreCell& c) {
  switch (c.index()) {
    case 1: return "an integer";
    case 2: return "a real";
    case 3: return "a boolean";
    case 4: return "text";
    default: return "null";
  }
}

// One cell as the record's JSON value (what SqliteStore::load makes of the column), or nullopt
// for a missing value whose member is left out (the record's default). `where` names the cell.
std::optional<Json> cell_json(const StoreCell& c, const Column& col, const std::string& record,
                              const std::string& where) {
  auto wrong = [&]() -> std::optional<Json> {
    bad(record, where, "column_type"_rule,
        std::string("expected ") + kind_name(col.type) + ", got " + cell_name(c));
  };
  if (std::holds_alternative<std::monostate>(c)) return std::nullopt;  // missing: the record's default
  switch (col.type) {
    case 'T':
      if (const auto* s = std::get_if<std::string>(&c)) return Json(*s);
      return wrong();
    case 'I':
      if (const auto* i = std::get_if<long long>(&c)) return Json(*i);
      if (const auto* d = std::get_if<double>(&c)) {
        if (std::isnan(*d)) return std::nullopt;
        if (std::isfinite(*d) && std::floor(*d) == *d && std::fabs(*d) < 9.2e18) return Json(static_cast<long long>(*d));
        bad(record, where, "column_type"_rule, "expected an integer, got " + std::to_string(*d));
      }
      return wrong();
    case 'R':
      if (const auto* d = std::get_if<double>(&c)) return std::isnan(*d) ? std::nullopt : std::optional<Json>(Json(*d));
      if (const auto* i = std::get_if<long long>(&c)) return Json(static_cast<double>(*i));
      return wrong();
    case 'B':
      if (const auto* b = std::get_if<bool>(&c)) return Json(*b);
      if (const auto* i = std::get_if<long long>(&c); i && (*i == 0 || *i == 1)) return Json(*i == 1);
      return wrong();
    case 'S':
      if (const auto* s = std::get_if<std::string>(&c)) return Json(*s);
      if (const auto* i = std::get_if<long long>(&c)) return Json(format_instant(from_unix_seconds(*i)));
      return wrong();
    case 'J':
      if (const auto* s = std::get_if<std::string>(&c)) return jsonio::parse_text(*s, record);
      return wrong();
    default:  // 'D'
      if (const auto* s = std::get_if<std::string>(&c)) return Json(*s);
      return wrong();
  }
}

// A record table or top-level child table named `name`.
struct Target {
  const Table* table = nullptr;
  const Child* child = nullptr;
};
Target find_target(const std::string& name) {
  for (const auto& t : store_schema::tables()) {
    if (name == t.table) {
      if (t.singleton)
        bad(name, name, "import_table"_rule, "'" + name + "' holds settings, not records: use the set_* calls");
      return {&t, nullptr};
    }
    for (const auto& c : t.children)
      if (name == c.table && c.parent_pointers.empty()) return {&t, &c};
  }
  bad(name, name, "import_table"_rule, "no table '" + name + "' to import; see docs/store.md");
}

// A given table resolved against the schema: for each schema column, the input column holding
// it (or -1), and the owner / idx columns of a child table.
struct Resolved {
  std::string name;
  Target target;
  const ImportColumns* data = nullptr;
  std::vector<int> source;  // per schema column
  int owner = -1, idx = -1;
  std::size_t rows = 0;
  const std::vector<Column>& columns() const { return target.child ? target.child->columns : target.table->columns; }
};

Resolved resolve(const ImportTable& in) {
  Resolved r;
  r.name = in.name;
  r.target = find_target(in.name);
  r.data = &in.data;
  const auto& cols = r.columns();
  r.source.assign(cols.size(), -1);
  const auto& given = in.data.columns;
  if (in.data.cells.size() != given.size())
    bad(in.name, in.name, "column_length"_rule, "cells must hold one vector per column");
  for (std::size_t j = 0; j < given.size(); ++j) {
    const std::string& name = given[j].name;
    int* slot = nullptr;
    if (r.target.child && name == "owner") slot = &r.owner;
    else if (r.target.child && name == "idx") slot = &r.idx;
    else
      for (std::size_t k = 0; k < cols.size(); ++k)
        if (name == cols[k].name) slot = &r.source[k];
    if (!slot) bad(in.name, in.name + "/" + name, "import_column"_rule, "table '" + in.name + "' has no column '" + name + "'; see docs/store.md");
    if (*slot >= 0) bad(in.name, in.name + "/" + name, "import_column"_rule, "column '" + name + "' given twice");
    *slot = static_cast<int>(j);
  }
  r.rows = given.empty() ? 0 : in.data.cells[0].size();
  for (std::size_t j = 0; j < given.size(); ++j)
    if (in.data.cells[j].size() != r.rows)
      bad(in.name, in.name + "/" + given[j].name, "column_length"_rule,
          "column '" + given[j].name + "' has " + std::to_string(in.data.cells[j].size()) + " rows, '" + given[0].name +
              "' has " + std::to_string(r.rows));
  if (r.target.child) {
    if (r.owner < 0) bad(in.name, in.name + "/owner", "column_required"_rule, "a child table needs its owner column");
  } else if (r.source[0] < 0) {
    bad(in.name, in.name + "/" + cols[0].name, "column_required"_rule, "the key column '" + std::string(cols[0].name) + "' is required");
  }
  return r;
}

// Where each record (and child element) of the document came from, to name table, row and
// column when reading the document finds a value the record refuses.
struct Origin {
  const Resolved* parent = nullptr;                              // the record table
  std::map<std::string, const Resolved*> children;              // by array pointer
  std::map<std::string, std::map<std::pair<std::size_t, std::size_t>, std::size_t>> child_rows;  // (record, k) -> row
};

// One object from the row's cells: each schema column's value at its pointer.
void fill_object(Json& obj, const Resolved& r, std::size_t row, const std::vector<Json::json_pointer>& ptrs,
                 const std::string& record) {
  const auto& cols = r.columns();
  for (std::size_t k = 0; k < cols.size(); ++k) {
    const int j = r.source[k];
    std::optional<Json> v;
    if (j >= 0) {
      v = cell_json(r.data->cells[static_cast<std::size_t>(j)][row], cols[k], record,
                    r.name + "/" + std::to_string(row) + "/" + cols[k].name);
    } else if (cols[k].withheld) {
      v = Json("");  // withheld from analyst tables (a name, free text): unknown here, as the store keeps ""
    }
    if (!v) {
      if (!*cols[k].pointer) obj = nullptr;  // a missing element of a list of values (an unanswered item)
      continue;
    }
    if (!*cols[k].pointer) obj = std::move(*v);
    else obj[ptrs[k]] = std::move(*v);
  }
}

std::vector<Json::json_pointer> pointers(const std::vector<Column>& cols) {
  std::vector<Json::json_pointer> out;
  for (const auto& c : cols) out.emplace_back(*c.pointer ? Json::json_pointer(c.pointer) : Json::json_pointer());
  return out;
}

std::string text_of(const StoreCell& c) {
  if (const auto* s = std::get_if<std::string>(&c)) return *s;
  return {};
}

// The table, row and column a JSON pointer of the document came from: "<table>/<row>/<column>"
// (present), "<table>/<column>" with column_required (the column was not given), or nullopt.
struct Place {
  std::string field;
  bool given = true;
};
std::optional<Place> place_of(const std::string& pointer, const std::map<std::string, Origin>& origins) {
  for (const auto& [tp, o] : origins) {
    const std::string prefix = tp + "/";
    if (pointer.rfind(prefix, 0) != 0) continue;
    std::string rest = pointer.substr(prefix.size());
    const auto slash = rest.find('/');
    std::size_t rec = 0;
    try {
      rec = std::stoul(rest.substr(0, slash));
    } catch (...) {
      return std::nullopt;
    }
    rest = slash == std::string::npos ? std::string() : rest.substr(slash);
    auto match = [](const Resolved& r, const std::string& member, std::size_t row) -> std::optional<Place> {
      const auto& cols = r.columns();
      for (std::size_t k = 0; k < cols.size(); ++k) {
        const std::string cp = cols[k].pointer;
        if (cp == member || (!member.empty() && cp.rfind(member + "/", 0) == 0)) {
          if (r.source[k] < 0) return Place{r.name + "/" + cols[k].name, false};
          return Place{r.name + "/" + std::to_string(row) + "/" + cols[k].name, true};
        }
      }
      return std::nullopt;
    };
    for (const auto& [ap, child] : o.children) {
      if (rest.rfind(ap + "/", 0) != 0) continue;
      std::string sub = rest.substr(ap.size() + 1);
      const auto s2 = sub.find('/');
      std::size_t k = 0;
      try {
        k = std::stoul(sub.substr(0, s2));
      } catch (...) {
        return std::nullopt;
      }
      sub = s2 == std::string::npos ? std::string() : sub.substr(s2);
      const auto& rows = o.child_rows.at(ap);
      auto it = rows.find({rec, k});
      if (it == rows.end()) return std::nullopt;
      return match(*child, sub, it->second);
    }
    if (o.parent) {
      if (auto p = match(*o.parent, rest, rec)) return p;
      for (const auto& c : o.parent->target.table->children)
        if (rest == c.pointer || rest.rfind(std::string(c.pointer) + "/", 0) == 0)
          return Place{c.table, false};  // a list kept in a child table that was not given
    }
  }
  return std::nullopt;
}

bool typed_imports = true;  // tests: store_schema::set_typed_imports
std::size_t last_typed = 0;  // records the last records_from_tables read typed (tests)

// Table t's records read straight from their cells into `out` (typed_read.hpp's field lists),
// no document: as the document path would read them, or false where any cell, key, owner or idx
// would not read there (the caller then reads the whole import through the document path, which
// reports what it always reported). `kids`: t's child tables given, one per child of t.
template <class R>
bool typed_table(const typed_read::Plan<R>& plan, const Table& t, const Resolved& parent,
                 const std::vector<const Resolved*>& kids, std::vector<R>& out) {
  std::vector<R> records;
  records.reserve(parent.rows);
  std::unordered_map<std::string, std::size_t> index;  // key -> record (the first of a repeated id)
  index.reserve(parent.rows);
  const auto& cells = parent.data->cells;
  const auto& key_cells = cells[static_cast<std::size_t>(parent.source[0])];
  for (std::size_t row = 0; row < parent.rows; ++row) {
    const auto* key = std::get_if<std::string>(&key_cells[row]);
    if (!key || key->empty()) return false;
    R& r = records.emplace_back();
    if (!typed_read::import_cells(r, typed_read::ImportRow{&cells, &parent.source, row, key}, t.columns, plan.fields))
      return false;
    index.emplace(*key, records.size() - 1);
  }
  for (std::size_t c = 0; c < t.children.size(); ++c) {
    const Resolved* kid = nullptr;
    for (const Resolved* k : kids)
      if (k->target.child == &t.children[c]) kid = k;
    const auto& kcells = kid->data->cells;
    const auto& owners = kcells[static_cast<std::size_t>(kid->owner)];
    // Rows per record, in idx order (row order when idx is not given).
    std::vector<std::vector<std::pair<long long, std::size_t>>> by_record(records.size());
    for (std::size_t row = 0; row < kid->rows; ++row) {
      const auto* owner = std::get_if<std::string>(&owners[row]);
      if (!owner) return false;
      auto it = index.find(*owner);
      if (it == index.end()) return false;
      auto& elems = by_record[it->second];
      long long k = static_cast<long long>(elems.size());
      if (kid->idx >= 0) {
        const StoreCell& x = kcells[static_cast<std::size_t>(kid->idx)][row];
        if (const auto* i = std::get_if<long long>(&x)) k = *i;
        else if (const auto* d = std::get_if<double>(&x); d && std::floor(*d) == *d) k = static_cast<long long>(*d);
        else return false;
      }
      elems.emplace_back(k, row);
    }
    for (std::size_t rec = 0; rec < records.size(); ++rec) {
      auto& elems = by_record[rec];
      std::stable_sort(elems.begin(), elems.end());
      for (std::size_t pos = 0; pos < elems.size(); ++pos) {
        const auto [k, row] = elems[pos];
        if (k != static_cast<long long>(pos)) return false;
        const std::string& owner = std::get<std::string>(owners[row]);
        if (!plan.arrays[c]->import_append(records[rec], typed_read::ImportRow{&kcells, &kid->source, row, &owner},
                                           t.children[c], plan.array_fields[c]))
          return false;
      }
    }
  }
  out = std::move(records);
  return true;
}

// The record tables of `given` that read typed (typed_table) into d, their tables in `done`;
// false where one of them does not read typed (d and done are then to be dropped).
bool typed_records(const std::vector<Resolved>& given, ProgrammeData& d, std::vector<const Table*>& done) {
  for (const auto& t : store_schema::tables()) {
    const Resolved* parent = nullptr;
    std::vector<const Resolved*> kids;
    for (const auto& r : given) {
      if (r.target.table != &t) continue;
      if (r.target.child) kids.push_back(&r);
      else parent = &r;
    }
    // Typed only with every child table given (a list left out is the document path's to judge).
    if (!parent || kids.size() != t.children.size()) continue;
    bool ok = true, typed = false;
    store_schema::with_records(d, t.pointer, [&](auto& target) {
      using X = std::remove_reference_t<decltype(target)>;
      if constexpr (store_schema::is_vector<X>::value) {
        using R = typename X::value_type;
        if constexpr (typed_read::HasFields<R>) {
          const auto& plan = typed_read::plan_of<R>(t);
          if (plan.ok) {
            typed = true;
            ok = typed_table(plan, t, *parent, kids, target);
          }
        }
      }
    });
    if (!ok) return false;
    if (typed) {
      done.push_back(&t);
      last_typed += parent->rows;
    }
  }
  return true;
}

}  // namespace

void store_schema::set_typed_imports(bool on) { typed_imports = on; }
std::size_t store_schema::typed_imported_records() { return last_typed; }

ImportColumns::ImportColumns(const StoreTableData& t) : columns(t.columns), cells(t.columns.size()) {
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    cells[c].reserve(t.rows());
    for (std::size_t r = 0; r < t.rows(); ++r) cells[c].push_back(t.cell(c, r));
  }
}

ProgrammeData records_from_tables(const std::vector<ImportTable>& tables) {
  std::vector<Resolved> given;
  given.reserve(tables.size());
  for (const auto& t : tables) {
    for (const auto& r : given)
      if (r.name == t.name) bad(t.name, t.name, "import_table"_rule, "table '" + t.name + "' given twice");
    given.push_back(resolve(t));
  }
  // Record tables read typed where they can; the rest (or everything, where a cell would not
  // read typed) through one document, which reports a refused value as it always has.
  ProgrammeData d;
  std::vector<const Table*> typed;
  last_typed = 0;
  if (typed_imports && !typed_records(given, d, typed)) {
    d = ProgrammeData{};
    typed.clear();
    last_typed = 0;
  }
  Json doc = Json::object();
  doc["schema_version"] = kDocumentSchemaVersion;
  std::map<std::string, Origin> origins;  // by the record table's pointer
  // Record tables first (schema order), then their children joined by owner.
  for (const auto& t : store_schema::tables()) {
    const Resolved* parent = nullptr;
    for (const auto& r : given)
      if (r.target.table == &t && !r.target.child) parent = &r;
    std::vector<const Resolved*> kids;
    for (const auto& r : given)
      if (r.target.table == &t && r.target.child) kids.push_back(&r);
    if (!parent && kids.empty()) continue;
    if (std::find(typed.begin(), typed.end(), &t) != typed.end()) continue;
    if (!parent)
      bad(kids.front()->name, kids.front()->name + "/owner", "import_table"_rule,
          "rows of '" + kids.front()->name + "' need their records: give table '" + std::string(t.table) + "' too");
    Origin& origin = origins[t.pointer];
    origin.parent = parent;
    Json records = Json::array();
    std::unordered_map<std::string, std::size_t> index;  // key -> record
    const auto ptrs = pointers(parent->columns());
    const int key_col = parent->source[0];
    for (std::size_t row = 0; row < parent->rows; ++row) {
      const StoreCell& key = parent->data->cells[static_cast<std::size_t>(key_col)][row];
      const std::string id = text_of(key);
      if (id.empty())
        bad(parent->name, parent->name + "/" + std::to_string(row) + "/" + parent->columns()[0].name,
            "column_required"_rule, "every row needs its key (" + std::string(parent->columns()[0].name) + ")");
      Json obj = Json::object();
      fill_object(obj, *parent, row, ptrs, id);
      index.emplace(id, records.size());  // a repeated id: the rule of its kind refuses it on import
      records.push_back(std::move(obj));
    }
    for (const Resolved* kid : kids) {
      const std::string ap = kid->target.child->pointer;
      origin.children[ap] = kid;
      auto& rows_of = origin.child_rows[ap];
      const auto kptrs = pointers(kid->columns());
      // Rows per owner, in idx order (row order when idx is not given).
      std::map<std::size_t, std::vector<std::pair<long long, std::size_t>>> by_record;
      for (std::size_t row = 0; row < kid->rows; ++row) {
        const std::string owner = text_of(kid->data->cells[static_cast<std::size_t>(kid->owner)][row]);
        auto it = index.find(owner);
        if (it == index.end())
          throw NotFoundError(owner, ErrorField(kid->name + "/" + std::to_string(row) + "/owner"),
                              "no row of '" + std::string(t.table) + "' with key '" + owner + "' in this import");
        long long k = static_cast<long long>(by_record[it->second].size());
        if (kid->idx >= 0) {
          const StoreCell& c = kid->data->cells[static_cast<std::size_t>(kid->idx)][row];
          if (const auto* i = std::get_if<long long>(&c)) k = *i;
          else if (const auto* d = std::get_if<double>(&c); d && std::floor(*d) == *d) k = static_cast<long long>(*d);
          else bad(owner, kid->name + "/" + std::to_string(row) + "/idx", "column_type"_rule, std::string("expected an integer, got ") + cell_name(c));
        }
        by_record[it->second].emplace_back(k, row);
      }
      for (std::size_t rec = 0; rec < records.size(); ++rec)
        if (!by_record.count(rec)) records[rec][Json::json_pointer(ap)] = Json::array();  // no rows: an empty list
      for (auto& [rec, elems] : by_record) {
        std::stable_sort(elems.begin(), elems.end());
        Json arr = Json::array();
        for (std::size_t pos = 0; pos < elems.size(); ++pos) {
          const auto [k, row] = elems[pos];
          const std::string owner = text_of(kid->data->cells[static_cast<std::size_t>(kid->owner)][row]);
          if (k != static_cast<long long>(pos))
            bad(owner, kid->name + "/" + std::to_string(row) + "/idx", "child_idx"_rule,
                "idx of '" + owner + "' must run 0, 1, ... without gaps or repeats (found " + std::to_string(k) +
                    " at position " + std::to_string(pos) + ")");
          Json el = kid->columns().size() == 1 && !*kid->columns()[0].pointer ? Json(nullptr) : Json::object();
          fill_object(el, *kid, row, kptrs, owner);
          rows_of[{rec, pos}] = row;
          arr.push_back(std::move(el));
        }
        records[rec][Json::json_pointer(ap)] = std::move(arr);
      }
    }
    doc[Json::json_pointer(t.pointer)] = std::move(records);
  }
  try {
    jsonio::read(doc, "", "", d);
  } catch (const Error& e) {
    // Name the table, row and column the refused value came from.
    if (auto p = place_of(e.field(), origins)) {
      if (!p->given)
        bad(e.record(), p->field, "column_required"_rule, "this column is needed: " + e.detail());
      bad(e.record(), p->field, "column_value"_rule, e.detail());
    }
    throw;
  }
  return d;
}

void import_tables(Programme& programme, const std::vector<ImportTable>& tables) {
  programme.import_records(records_from_tables(tables));
}

}  // namespace laycoach
