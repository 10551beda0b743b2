// The store's tables as public data (store.hpp): names, column kinds and contents column by
// column, from the one schema (store_schema.hpp). Python's frames are built from these.
#include <cmath>
#include <functional>
#include <tuple>
#include <map>
#include <optional>
#include <string_view>

#include "json_io.hpp"
#include "laycoach/store.hpp"
#include "programme_impl.hpp"
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
  if (pointer == "/catalogue/service_lines") each_value(d.catalogue.service_lines, f);
  else if (pointer == "/catalogue/offers") each_value(d.catalogue.offers, f);
  else if (pointer == "/organisations") each_value(d.organisations, f);
  else if (pointer == "/coaches") each_value(d.coaches, f);
  else if (pointer == "/clients") each_value(d.clients, f);
  else if (pointer == "/referrals") each_value(d.referrals, f);
  else if (pointer == "/sessions") each_value(d.sessions, f);
  else if (pointer == "/waiting_list") each_value(d.waiting_list, f);
  else if (pointer == "/supervision") each_value(d.supervision, f);
  else if (pointer == "/safeguarding") each_value(d.safeguarding, f);
  else if (pointer == "/cohorts") each_value(d.cohorts, f);
  else if (pointer == "/trainees") each_value(d.trainees, f);
  else if (pointer == "/responses") each_value(d.responses, f);
  else if (pointer == "/supervision_policy") f(jsonio::write(d.supervision_policy));
  else if (pointer == "/disclosure_floor") f(jsonio::write(d.disclosure_floor));
  else return false;
  return true;
}

template <class F>
bool each_record(const ProgrammeState& s, std::string_view pointer, F&& f) {
  if (pointer == "/catalogue/service_lines") {
    for (const auto& id : s.line_order) f(jsonio::write(s.lines.at(id)));
  } else if (pointer == "/catalogue/offers") {
    for (const auto& id : s.offer_order) f(jsonio::write(s.offers.at(id)));
  } else if (pointer == "/organisations") each_value(s.organisations, f);
  else if (pointer == "/coaches") each_value(s.coaches, f);
  else if (pointer == "/clients") each_value(s.clients, f);
  else if (pointer == "/referrals") each_value(s.referrals, f);
  else if (pointer == "/sessions") each_value(s.sessions, f);
  else if (pointer == "/waiting_list") each_value(s.waiting_list, f);
  else if (pointer == "/supervision") each_value(s.supervision, f);
  else if (pointer == "/safeguarding") each_value(s.safeguarding, f);
  else if (pointer == "/cohorts") each_value(s.cohorts, f);
  else if (pointer == "/trainees") each_value(s.trainees, f);
  else if (pointer == "/responses") each_value(s.responses, f);
  else if (pointer == "/supervision_policy") f(jsonio::write(s.supervision_policy));
  else if (pointer == "/disclosure_floor") f(jsonio::write(s.disclosure_floor));
  else return false;
  return true;
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

StoreCell cell_at(const Json& o, const Locator& l, char type, bool nullable_empty = false) {
  const Json* v = l.find(o);
  if (!v) return StoreCell{};
  // As the store writes it: an optional reference left empty is NULL.
  if (nullable_empty && v->is_string() && v->get_ref<const std::string&>().empty()) return StoreCell{};
  return cell(*v, type);
}

/// Fills a table's columns from record documents, one record at a time.
class Filler {
 public:
  explicit Filler(const std::string& table) {
    std::tie(parent_, child_) = find_table(table);
    out_.columns = store_table_columns(table);
    out_.cells.resize(out_.columns.size());
    for (const auto& c : child_ ? child_->columns : parent_->columns) locs_.emplace_back(c.pointer);
    owner_.emplace(parent_->columns[0].pointer);
    if (child_) array_.emplace(child_->pointer);
  }
  const char* pointer() const { return parent_->pointer; }
  bool singleton() const { return parent_->singleton; }

  void operator()(const Json& r) {
    if (!child_) {
      const auto& cols = parent_->columns;
      for (std::size_t i = 0; i < cols.size(); ++i)
        out_.cells[i].push_back(parent_->singleton && i == 0 ? StoreCell(1LL)
                                                             : cell_at(r, locs_[i], cols[i].type, cols[i].nullable_empty));
      return;
    }
    const Json* arr = array_->find(r);
    if (!arr || !arr->is_array()) return;
    const StoreCell owner = cell_at(r, *owner_, 'T');
    const auto& cols = child_->columns;
    for (std::size_t k = 0; k < arr->size(); ++k) {
      out_.cells[0].push_back(owner);
      out_.cells[1].push_back(static_cast<long long>(k));
      for (std::size_t i = 0; i < cols.size(); ++i)
        out_.cells[i + 2].push_back(cell_at((*arr)[k], locs_[i], cols[i].type, cols[i].nullable_empty));
    }
  }
  StoreTableData take() { return std::move(out_); }

 private:
  const store_schema::Table* parent_ = nullptr;
  const store_schema::Child* child_ = nullptr;
  std::vector<Locator> locs_;
  std::optional<Locator> owner_, array_;
  StoreTableData out_;
};

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
  if (auto t = table_data(m.state(), table)) return std::move(*t);
  return table_data_from_document(m.snapshot(), table);
}

std::string store_schema_markdown() { return store_schema::describe(); }

}  // namespace laycoach
