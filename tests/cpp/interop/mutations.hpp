// A deterministic, bounded set of mutations of a valid JSON document, for the mutation tests of
// every document kind (C++ and C faces): delete each key, replace each value with wrong types,
// huge numbers, 1e999, -1, "", a lone surrogate, deeply nested arrays, repeat a key, truncate.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace laycoach::test {

struct Mutation {
  std::string what;  ///< e.g. "replace /rota/weekly/0/start_min with 1e999"
  std::string text;  ///< the mutated document
  bool syntax = false;  ///< the text is not well-formed JSON (truncated, 1e999, lone surrogate, too deep)
};

namespace detail {
using MJson = nlohmann::ordered_json;

// Pointers of every value, arrays followed into their first element only (bounded).
inline void pointers(const MJson& j, const std::string& at, std::vector<std::string>& out, std::size_t cap) {
  if (out.size() >= cap) return;
  if (!at.empty()) out.push_back(at);
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      std::string k;
      for (char c : it.key()) k += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
      pointers(it.value(), at + "/" + k, out, cap);
    }
  } else if (j.is_array() && !j.empty()) {
    pointers(j[0], at + "/0", out, cap);
  }
}

inline std::string nested(int depth) { return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']'); }

inline void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
}
}  // namespace detail

/// The mutations of `doc` (a JSON object); at most `max_pointers` values are mutated.
inline std::vector<Mutation> mutations_of(const std::string& doc, std::size_t max_pointers = 400) {
  using detail::MJson;
  const MJson base = MJson::parse(doc);
  std::vector<std::string> ptrs;
  detail::pointers(base, "", ptrs, max_pointers);
  struct Value {
    const char* name;
    std::string text;
    bool syntax;
  };
  const std::vector<Value> values = {
      {"null", "null", false},           {"a string", "\"x\"", false},          {"an integer", "12345", false},
      {"true", "true", false},           {"an empty array", "[]", false},       {"an empty object", "{}", false},
      {"-1", "-1", false},               {"\"\"", "\"\"", false},               {"1e308", "1e308", false},
      {"2^64-1", "18446744073709551615", false}, {"-2^63", "-9223372036854775808", false},
      {"1e999", "1e999", true},          {"a lone surrogate", "\"\\ud800\"", true},
      {"arrays nested 40 deep", detail::nested(40), false}, {"arrays nested 300 deep", detail::nested(300), true}};
  const std::string mark = "\x01lc-mutation\x01";
  const std::string marked = MJson(mark).dump();
  std::vector<Mutation> out;
  for (const auto& p : ptrs) {
    const MJson::json_pointer jp(p);
    // Delete the key (or the array element).
    {
      MJson j = base;
      j.at(jp.parent_pointer()).is_object() ? (void)j.at(jp.parent_pointer()).erase(jp.back())
                                            : (void)j.at(jp.parent_pointer()).erase(std::stoul(jp.back()));
      out.push_back({"delete " + p, j.dump(), false});
    }
    for (const auto& v : values) {
      MJson j = base;
      j[jp] = mark;
      std::string t = j.dump();
      detail::replace_all(t, marked, v.text);
      out.push_back({"replace " + p + " with " + v.name, std::move(t), v.syntax});
    }
  }
  // Repeat each key of the top-level object and of the first nested object (same value again).
  for (const std::string& at : {std::string(""), ptrs.empty() ? std::string("") : std::string("#")}) {
    if (at == "#") {
      for (const auto& p : ptrs) {
        const MJson::json_pointer jp(p);
        if (!base.at(jp).is_object() || base.at(jp).empty()) continue;
        const MJson& o = base.at(jp);
        MJson j = base;
        j[jp] = mark;
        std::string inner = o.dump();
        inner.pop_back();
        inner += "," + MJson(o.begin().key()).dump() + ":" + o.begin().value().dump() + "}";
        std::string t = j.dump();
        detail::replace_all(t, marked, inner);
        out.push_back({"repeat the key " + p + "/" + o.begin().key(), std::move(t), true});
        break;
      }
      continue;
    }
    for (auto it = base.begin(); it != base.end(); ++it) {
      std::string t = base.dump();
      t.pop_back();
      t += "," + MJson(it.key()).dump() + ":" + it.value().dump() + "}";
      out.push_back({"repeat the key /" + it.key(), std::move(t), true});
    }
  }
  // Truncate at several points.
  const std::string full = base.dump();
  for (int k = 1; k < 8; ++k) {
    const std::size_t n = full.size() * static_cast<std::size_t>(k) / 8;
    out.push_back({"truncate at byte " + std::to_string(n), full.substr(0, n), true});
  }
  out.push_back({"truncate the last byte", full.substr(0, full.size() - 1), true});
  return out;
}

}  // namespace laycoach::test
