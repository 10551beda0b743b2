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

#include "crypto.hpp"
#include "json_io.hpp"
#include "laycoach/limits.hpp"
#include "laycoach/store.hpp"
#include "programme_impl.hpp"
#include "store_schema.hpp"

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
  for (const auto* c : analyst_columns(*parent, child)) out.push_back({c->name, kind_of(c->type)});
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
  else if (pointer == "/risk_flags") each_value(d.risk_flags, f);
  else if (pointer == "/inbox") each_value(d.inbox, f);
  else if (pointer == "/triage_rules") f(jsonio::write(d.triage_rules));
  else if (pointer == "/usage_waves") each_value(d.usage_waves, f);
  else if (pointer == "/usage_invitations") each_value(d.usage_invitations, f);
  else if (pointer == "/skill_share_sessions") each_value(d.skill_share_sessions, f);
  else if (pointer == "/care_plans") each_value(d.care_plans, f);
  else if (pointer == "/care_plan_shares") each_value(d.care_plan_shares, f);
  else if (pointer == "/onward_referrals") each_value(d.onward_referrals, f);
  else if (pointer == "/instruments") each_value(d.instruments, f);
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
  else if (pointer == "/risk_flags") each_value(s.risk_flags, f);
  else if (pointer == "/inbox") each_value(s.inbox, f);
  else if (pointer == "/triage_rules") f(jsonio::write(s.triage_rules));
  else if (pointer == "/usage_waves") each_value(s.usage_waves, f);
  else if (pointer == "/usage_invitations") each_value(s.usage_invitations, f);
  else if (pointer == "/skill_share_sessions") each_value(s.skill_share_sessions, f);
  else if (pointer == "/care_plans") each_value(s.care_plans, f);
  else if (pointer == "/care_plan_shares") each_value(s.care_plan_shares, f);
  else if (pointer == "/onward_referrals") each_value(s.onward_referrals, f);
  else if (pointer == "/instruments") {
    for (const auto& [key, ins] : s.instruments) f(jsonio::write(RegisteredInstrument{ins.id(), ins.to_json()}));
  }
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
    cols_ = analyst_columns(*parent_, child_);
    for (const auto* c : cols_) locs_.emplace_back(c->pointer);
    owner_.emplace(parent_->columns[0].pointer);
    if (child_) array_.emplace(child_->pointer);
  }
  const char* pointer() const { return parent_->pointer; }
  bool singleton() const { return parent_->singleton; }

  void operator()(const Json& r) {
    const auto& cols = cols_;
    if (!child_) {
      for (std::size_t i = 0; i < cols.size(); ++i)
        out_.cells[i].push_back(parent_->singleton && i == 0 ? StoreCell(1LL)
                                                             : cell_at(r, locs_[i], cols[i]->type, cols[i]->nullable_empty));
      return;
    }
    const Json* arr = array_->find(r);
    if (!arr || !arr->is_array()) return;
    const StoreCell owner = cell_at(r, *owner_, 'T');
    for (std::size_t k = 0; k < arr->size(); ++k) {
      out_.cells[0].push_back(owner);
      out_.cells[1].push_back(static_cast<long long>(k));
      for (std::size_t i = 0; i < cols.size(); ++i)
        out_.cells[i + 2].push_back(cell_at((*arr)[k], locs_[i], cols[i]->type, cols[i]->nullable_empty));
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
    for (StoreCell& cell : t.cells[i])
      if (auto* id = std::get_if<std::string>(&cell); id && !id->empty()) *id = pseudonym(mac, recipient, kinds[i], *id);
  }
  // A record table's own ids must stay distinct: 128 bits make a collision practically
  // impossible (docs/extracts.md); should one ever happen, refuse rather than merge two records.
  if (!kinds.empty() && !kinds[0].empty() && kinds[0] == table) {
    std::set<std::string_view> seen;
    for (const StoreCell& cell : t.cells[0])
      if (const auto* id = std::get_if<std::string>(&cell); id && !seen.insert(*id).second)
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
