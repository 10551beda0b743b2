#include "json_text.hpp"

namespace laycoach::json_text {

// RFC 6901: "~" is written "~0" and "/" is written "~1" inside a reference token.
std::string pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (const char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

void Tracker::on(nlohmann::json::parse_event_t event, const std::string* key) {
  using E = nlohmann::json::parse_event_t;
  switch (event) {
    case E::object_start:
    case E::array_start:
      if (!stack_.empty() && !stack_.back().object) ++stack_.back().count;
      if (stack_.size() >= kMaxDepth)
        throw ParseError(record_, ErrorField(pointer(false)), "nested deeper than " + std::to_string(kMaxDepth) + " levels",
                         "nesting_depth"_rule);
      stack_.push_back(Frame{event == E::object_start, {}, false, 0, {}});
      break;
    case E::key: {
      Frame& f = stack_.back();
      f.key = key ? *key : std::string();
      f.has_key = true;
      if (!f.keys.insert(f.key).second)
        throw ParseError(record_, ErrorField(pointer(false)), "repeated key '" + f.key + "' (each key may appear once)",
                         "unique_keys"_rule);
      break;
    }
    case E::object_end:
    case E::array_end:
      stack_.pop_back();
      break;
    case E::value:
      if (!stack_.empty() && !stack_.back().object) ++stack_.back().count;
      break;
  }
}

std::string Tracker::pointer(bool next) const {
  std::string p;
  for (std::size_t i = 0; i < stack_.size(); ++i) {
    const Frame& f = stack_[i];
    if (f.object) {
      if (!f.has_key) break;
      p += "/" + pointer_token(f.key);
    } else {
      const bool top = i + 1 == stack_.size();
      const std::size_t index = top && next ? f.count : (f.count ? f.count - 1 : 0);
      p += "/" + std::to_string(index);
    }
  }
  return p;
}

void rethrow(const nlohmann::json::exception& e, const Tracker& t) {
  if (dynamic_cast<const nlohmann::json::parse_error*>(&e)) {
    const auto& pe = static_cast<const nlohmann::json::parse_error&>(e);
    throw ParseError(t.record(), ErrorField(t.pointer(true)),
                     "not valid JSON at byte " + std::to_string(pe.byte) + ": " + e.what(), "json_syntax"_rule);
  }
  if (dynamic_cast<const nlohmann::json::out_of_range*>(&e))  // 406: a number beyond a double (1e999)
    throw ParseError(t.record(), ErrorField(t.pointer(true)), std::string("number out of range: ") + e.what(),
                     "number_range"_rule);
  throw ParseError(t.record(), ErrorField(t.pointer(true)), std::string("not valid JSON: ") + e.what(), "json_syntax"_rule);
}

}  // namespace laycoach::json_text
