// JSON of clinical safety and the outbox: scores (what add_response returns to C) and events
// (events.hpp), whose payload is embedded as an object.
#include <cmath>

#include "json_io.hpp"
#include "laycoach/json.hpp"

namespace laycoach::jsonio {

namespace {
Json number(const std::optional<double>& v) { return v && std::isfinite(*v) ? Json(*v) : Json(nullptr); }
}  // namespace

Json write(const Score& x) {
  Json scales = Json::array();
  for (const auto& s : x.scales)
    scales.push_back(Json{{"scale", s.scale}, {"raw", number(s.raw)}, {"score", number(s.score)}, {"band", s.band}});
  return Json{{"instrument_id", x.instrument_id}, {"total", number(x.total)},  {"band", x.band},
              {"scales", std::move(scales)},      {"flags", write(x.flags)},   {"risk_flags", write(x.risk_flags)},
              {"n_missing", x.n_missing}};
}

void read(const Json& v, const std::string& p, const std::string& r, Event& x) {
  Reader in(v, p, r);
  long long seq = 0;
  in.req("seq", seq);
  x.seq = seq;
  in.req("kind", x.kind);
  in.req("at", x.at);
  in.opt("records", x.records);
  in.mark("payload");
  if (auto it = v.find("payload"); it != v.end()) {
    if (!it->is_object()) fail(r, p + "/payload", "expected an object");
    x.payload = it->dump();
  } else {
    x.payload = "{}";
  }
  in.done();
}
Json write(const Event& x) {
  return Json{{"seq", static_cast<long long>(x.seq)}, {"kind", write(x.kind)}, {"at", write(x.at)},
              {"records", write(x.records)}, {"payload", x.payload.empty() ? Json::object() : parse_text(x.payload, "event")}};
}

}  // namespace laycoach::jsonio

namespace laycoach {

std::string score_to_json(const Score& score, int indent) {
  const auto j = jsonio::write(score);
  return j.dump(indent);
}

}  // namespace laycoach
