// Store tables and extracts as text: a JSON document (json.hpp) and RFC 4180 CSV (csv.hpp); the
// strict re-reading of a document for faces with a JSON library of their own.
#include <charconv>
#include <cmath>
#include <variant>

#include "csv_text.hpp"
#include "json_io.hpp"
#include "laycoach/csv.hpp"
#include "laycoach/json.hpp"

namespace laycoach {

namespace csv {
std::string shortest(double x) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

void append_field(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += s;
    return;
  }
  out += '"';
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}
}  // namespace csv

namespace {
using jsonio::Json;
using csv::shortest;
}  // namespace

std::string strict_json(std::string_view text, const std::string& record) {
  const Json j = jsonio::parse_text(text, record);
  try {
    return j.dump();
  } catch (const nlohmann::json::type_error& e) {
    throw ValidationError(record, "", "utf8_text"_rule, std::string("a text field is not valid UTF-8: ") + e.what());
  }
}

std::string store_table_to_json(const StoreTableData& t, int indent) {
  Json cols = Json::array();
  for (const auto& c : t.columns) cols.push_back(Json{{"name", c.name}, {"kind", c.kind}});
  const std::size_t rows = t.rows();
  Json out_rows = Json::array();
  for (std::size_t r = 0; r < rows; ++r) {
    Json row = Json::array();
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      row.push_back(std::visit(
          [](const auto& v) -> Json {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::monostate>) return nullptr;
            else if constexpr (std::is_same_v<V, double>) return std::isnan(v) ? Json(nullptr) : Json(v);
            else return Json(v);
          },
          t.cell(i, r)));
    out_rows.push_back(std::move(row));
  }
  const Json doc = {{"schema_version", kDocumentSchemaVersion}, {"columns", std::move(cols)}, {"rows", std::move(out_rows)}};
  try {
    return doc.dump(indent);
  } catch (const nlohmann::json::type_error& e) {
    throw ValidationError("", "", "utf8_text"_rule, std::string("a text field is not valid UTF-8: ") + e.what());
  }
}

std::string store_table_to_csv(const StoreTableData& t) {
  std::string out;
  auto field = [&out](std::string_view s) { csv::append_field(out, s); };
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (i) out += ',';
    field(t.columns[i].name);
  }
  out += csv::kRowEnd;
  const std::size_t rows = t.rows();
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (i) out += ',';
      std::visit(
          [&](const auto& v) {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, std::monostate>) return;
            else if constexpr (std::is_same_v<V, bool>) out += v ? '1' : '0';
            else if constexpr (std::is_same_v<V, long long>) out += std::to_string(v);
            else if constexpr (std::is_same_v<V, double>) {
              if (!std::isnan(v)) out += shortest(v);
            } else field(v);
          },
          t.cell(i, r));
    }
    out += csv::kRowEnd;
  }
  return out;
}

}  // namespace laycoach
