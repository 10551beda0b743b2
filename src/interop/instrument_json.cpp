// Instruments as documents for the faces that speak JSON (the C API): the list of instruments,
// answers to score, and a score. The definitions themselves are read by Instrument::from_json.
#include "json_io.hpp"
#include "laycoach/json.hpp"

namespace laycoach {

using jsonio::Json;

std::string instrument_list_to_json(const InstrumentLibrary& library, int indent) {
  Json out = Json::array();
  for (const auto& id : library.ids()) {
    const Instrument& ins = library.get(id);
    const InstrumentDef& d = ins.definition();
    out.push_back(Json{{"id", ins.id()},
                       {"name", ins.name()},
                       {"items", ins.item_count()},
                       {"score_only", ins.score_only()},
                       {"primary", d.primary}});
  }
  return out.dump(indent);
}

std::vector<std::optional<int>> answers_from_json(std::string_view doc, const std::string& record) {
  const Json j = jsonio::parse_text(doc, record);
  if (!j.is_array()) throw ParseError(record, "", "answers are a JSON array of integers or null, one per item");
  std::vector<std::optional<int>> out(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) jsonio::read(j[i], "/" + std::to_string(i), record, out[i]);
  return out;
}

}  // namespace laycoach
