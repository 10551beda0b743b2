// Internal: small lookups shared by the domain's rules, state and API (one place for each).
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "laycoach/error.hpp"

namespace laycoach::detail {

template <class Map>
const typename Map::mapped_type& find_or_throw(const Map& m, const std::string& id, const char* what,
                                               const std::string& record = {}, const std::string& field = {}) {
  auto it = m.find(id);
  if (it == m.end())
    throw NotFoundError(record.empty() ? id : record, ErrorField(field.empty() ? "id" : field),
                        std::string("no ") + what + " '" + id + "'");
  return it->second;
}

inline void require_id(const std::string& id, const char* kind) {
  if (id.empty()) throw ValidationError("", "id", "id_required"_rule, std::string("a ") + kind + " needs a non-empty id");
}

[[noreturn]] inline void throw_duplicate_id(const std::string& id, const char* kind) {
  throw ConflictError(id, "id", "unique_id"_rule, std::string("a ") + kind + " with this id already exists");
}

template <class Map>
void require_unique(const Map& m, const std::string& id, const char* kind) {
  if (m.count(id)) throw_duplicate_id(id, kind);
}

/// require_unique in an ordered map, returning where the id would go (its lower_bound).
template <class Map>
typename Map::const_iterator require_unique_place(const Map& m, const std::string& id, const char* kind) {
  const auto at = m.lower_bound(id);
  if (at != m.end() && at->first == id) throw_duplicate_id(id, kind);
  return at;
}

template <class Map>
void check_new_or_existing(const Map& m, const std::string& id, const char* kind, bool is_new) {
  require_id(id, kind);
  if (is_new) require_unique(m, id, kind);
  else if (!m.count(id)) throw NotFoundError(id, "id", std::string("no ") + kind + " '" + id + "' to update");
}

inline bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}
template <class E>
bool contains(const std::vector<E>& v, E x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

/// The instrument library names item i "answers[i]" and a recorded score "value"; on a record
/// that holds answers (Response, UsageInvitation) those are the fields "answers/i" and
/// "recorded_score" (JSON pointer segments).
inline std::string response_field(const std::string& instrument_field) {
  if (instrument_field == "value") return "recorded_score";
  std::string out;
  for (char ch : instrument_field) {
    if (ch == '[') out += '/';
    else if (ch != ']') out += ch;
  }
  return out;
}

/// The values of an id-keyed map, in id order.
template <class T>
std::vector<T> values(const std::map<std::string, T>& m) {
  std::vector<T> v;
  v.reserve(m.size());
  for (const auto& [k, x] : m) v.push_back(x);
  return v;
}

}  // namespace laycoach::detail
