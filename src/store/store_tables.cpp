// The store's tables as public data (store.hpp): names, column kinds and contents column by
// column, from the one schema (store_schema.hpp). Python's frames are built from these.
#include <cmath>

#include "json_io.hpp"
#include "laycoach/store.hpp"
#include "store_schema.hpp"

namespace laycoach {

namespace {

using jsonio::Json;

// The table (or top-level child table) named `name`.
std::pair<const store_schema::Table*, const store_schema::Child*> find_table(const std::string& name) {
  if (name == "notes" || name == "goals")
    throw ForbiddenError(name, "table", "notes and goals are confidential: read them with notes()/goals() as the coach or client");
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

StoreCell cell(const Json& v, char type) {
  if (v.is_null()) return std::monostate{};
  switch (type) {
    case 'I': return v.is_number() ? v.get<long long>() : 0LL;
    case 'R': return v.is_number() ? v.get<double>() : std::nan("");
    case 'B': return v.is_boolean() && v.get<bool>();
    default: return v.is_string() ? v.get<std::string>() : v.dump();
  }
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

std::vector<StoreColumn> store_table_columns(const std::string& table) {
  const auto [parent, child] = find_table(table);
  std::vector<StoreColumn> out;
  if (child) {
    out.push_back({"owner", "text"});
    out.push_back({"idx", "integer"});
  }
  for (const auto& c : child ? child->columns : parent->columns) out.push_back({c.name, kind_of(c.type)});
  return out;
}

StoreTableData store_table_data(const ProgrammeData& data, const std::string& table) {
  const auto [parent, child] = find_table(table);
  const Json doc = jsonio::write(data);
  const Json& records = doc.at(Json::json_pointer(parent->pointer));
  auto at = [](const Json& o, const char* ptr) -> Json {
    if (!*ptr) return o;
    const Json::json_pointer jp(ptr);
    return o.contains(jp) ? o.at(jp) : Json(nullptr);
  };
  StoreTableData out;
  out.columns = store_table_columns(table);
  out.cells.resize(out.columns.size());
  if (!child) {
    const auto& cols = parent->columns;
    const Json rows = parent->singleton ? Json::array({records}) : records;
    for (const auto& r : rows)
      for (std::size_t i = 0; i < cols.size(); ++i)
        out.cells[i].push_back(parent->singleton && i == 0 ? StoreCell(1LL) : cell(at(r, cols[i].pointer), cols[i].type));
  } else {
    const auto& cols = child->columns;
    for (const auto& r : records) {
      const Json owner = at(r, parent->columns[0].pointer);
      const Json arr = at(r, child->pointer);
      for (std::size_t k = 0; arr.is_array() && k < arr.size(); ++k) {
        out.cells[0].push_back(cell(owner, 'T'));
        out.cells[1].push_back(static_cast<long long>(k));
        for (std::size_t i = 0; i < cols.size(); ++i) out.cells[i + 2].push_back(cell(at(arr[k], cols[i].pointer), cols[i].type));
      }
    }
  }
  return out;
}

std::string store_schema_markdown() { return store_schema::describe(); }

}  // namespace laycoach
