// Internal: the one strict reader of JSON text. Every JSON entry point of the library (record
// documents, viewers, policies, booking requests, evaluation options, instrument definitions)
// parses through it, so each refuses the same things the same way: malformed text, numbers
// beyond a double, a key repeated in one object (RFC 8259 leaves duplicates to the reader; a
// gateway that checks the first "audience" and a reader that keeps the last must never
// disagree), and nesting deeper than kMaxDepth. Private to src/.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "laycoach/error.hpp"

namespace laycoach::json_text {

/// Deepest nesting of arrays and objects accepted.
inline constexpr std::size_t kMaxDepth = 256;

/// One RFC 6901 reference token: "~" -> "~0", "/" -> "~1".
std::string pointer_token(std::string_view key);

/// Follows the parser through a document so that every failure names the JSON pointer of the
/// value being read, and refuses repeated keys and deep nesting as they are read.
class Tracker {
 public:
  explicit Tracker(std::string record) : record_(std::move(record)) {}
  /// One parser event (nlohmann's callback): `key` is the key's text for parse_event_t::key.
  /// Throws ParseError "unique_keys" / "nesting_depth".
  void on(nlohmann::json::parse_event_t event, const std::string* key);
  /// The pointer of the value being read; `next` = an array's next element (a failed value).
  /// Between two members of an object (or inside a key) it is the last member read: the error
  /// lies just after it.
  std::string pointer(bool next) const;
  const std::string& record() const { return record_; }

 private:
  struct Frame {
    bool object;
    std::string key;
    bool has_key;
    std::size_t count;  // array elements started
    std::unordered_set<std::string> keys;
  };
  std::vector<Frame> stack_;
  std::string record_;
};

/// Throws the ParseError for a failure nlohmann reported while `t` followed the text: rule
/// "json_syntax" (the detail gives the byte offset), or "number_range" (1e999).
[[noreturn]] void rethrow(const nlohmann::json::exception& e, const Tracker& t);

/// Parse `text` into Json (nlohmann::json or nlohmann::ordered_json). Throws ParseError naming
/// `record` and the JSON pointer of the value being read: rule "json_syntax", "number_range",
/// "unique_keys" (a key repeated in one object) or "nesting_depth" (over kMaxDepth levels).
template <class Json>
Json parse(std::string_view text, const std::string& record) {
  Tracker t(record);
  auto follow = [&t](int /*depth*/, nlohmann::json::parse_event_t event, Json& parsed) {
    if (event == nlohmann::json::parse_event_t::key) {
      const std::string key = parsed.template get<std::string>();
      t.on(event, &key);
    } else {
      t.on(event, nullptr);
    }
    return true;
  };
  try {
    return Json::parse(text.begin(), text.end(), follow);
  } catch (const nlohmann::json::exception& e) {
    rethrow(e, t);
  }
}

}  // namespace laycoach::json_text
