// Instruments: definition documents (read/write/validate), compiled scoring tables, the
// library. The built-in definitions are data in instruments_builtin.cpp.

#include "laycoach/instrument.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <shared_mutex>

#include "json_text.hpp"
#include "laycoach/error.hpp"

namespace laycoach {

namespace detail {
// Defined in instruments_builtin.cpp.
std::span<const std::string_view> builtin_instrument_documents() noexcept;
}  // namespace detail

namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr int kSchemaVersion = 1;
// Tolerance for comparing computed scores with published bounds: means such as 26/6 are not
// exact in binary, and a score must not miss its band by a rounding error.
constexpr double kEps = 1e-9;
// Answer values are small integers; the limits keep the per-item lookup tables small and
// keep kMissingAnswer far outside any valid range.
constexpr int kAnswerLimit = 1000;
constexpr int kMaxOptions = 101;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (!alnum(id.front())) return false;
  return std::all_of(id.begin(), id.end(), [&](char c) { return alnum(c) || c == '_' || c == '.' || c == '-'; });
}

const char* rule_name(ScoringRule r) {
  switch (r) {
    case ScoringRule::Sum: return "sum";
    case ScoringRule::Mean: return "mean";
    case ScoringRule::MappedMean: return "mapped_mean";
  }
  return "sum";
}

const char* missing_name(MissingPolicy::Kind k) {
  switch (k) {
    case MissingPolicy::Kind::Complete: return "complete";
    case MissingPolicy::Kind::Prorate: return "prorate";
    case MissingPolicy::Kind::Available: return "available";
  }
  return "complete";
}

std::string fmt_num(double v) {
  // Shortest round-trip form via the JSON serialiser, so messages show 4.31 not 4.310000.
  return json(v).dump();
}

std::string band_of(const std::vector<Band>& bands, double s) {
  if (bands.empty() || s < bands.front().low - kEps) return {};
  for (const Band& b : bands)
    if (s <= b.high + kEps) return b.label;
  return {};
}

// ---- reading definition documents --------------------------------------------------------

class Reader {
 public:
  std::string record;

  [[noreturn]] void fail(const std::string& ptr, const std::string& detail) const {
    throw ParseError(record, ErrorField(ptr), detail);
  }
  void object(const json& j, const std::string& ptr) const {
    if (!j.is_object()) fail(ptr, "expected an object");
  }
  void array(const json& j, const std::string& ptr) const {
    if (!j.is_array()) fail(ptr, "expected an array");
  }
  void keys(const json& obj, const std::string& ptr, std::initializer_list<std::string_view> allowed) const {
    for (const auto& [k, v] : obj.items()) {
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
        fail(ptr + "/" + k, "unknown key '" + k + "'");
    }
  }
  static const json* find(const json& obj, const char* key) {
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
  }
  const json& require(const json& obj, const char* key, const std::string& ptr) const {
    const json* v = find(obj, key);
    if (!v) fail(ptr + "/" + key, std::string("missing required key '") + key + "'");
    return *v;
  }
  std::string str(const json& v, const std::string& ptr) const {
    if (!v.is_string()) fail(ptr, "expected a string");
    return v.get<std::string>();
  }
  bool boolean(const json& v, const std::string& ptr) const {
    if (!v.is_boolean()) fail(ptr, "expected true or false");
    return v.get<bool>();
  }
  int integer(const json& v, const std::string& ptr) const {
    if (!v.is_number_integer()) fail(ptr, "expected an integer");
    if (v.is_number_unsigned()) {
      if (v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
        fail(ptr, "integer out of range");
      return static_cast<int>(v.get<std::uint64_t>());
    }
    const std::int64_t x = v.get<std::int64_t>();
    if (x < std::numeric_limits<int>::min() || x > std::numeric_limits<int>::max()) fail(ptr, "integer out of range");
    return static_cast<int>(x);
  }
  double number(const json& v, const std::string& ptr) const {
    if (!v.is_number()) fail(ptr, "expected a number");
    return v.get<double>();
  }
};

ItemDef read_item(const Reader& r, const json& j, const std::string& ptr, const json* defaults) {
  r.object(j, ptr);
  r.keys(j, ptr, {"text", "min", "max", "reverse", "values", "labels"});
  auto pick = [&](const char* key) -> std::pair<const json*, std::string> {
    if (const json* v = Reader::find(j, key)) return {v, ptr + "/" + key};
    if (defaults)
      if (const json* v = Reader::find(*defaults, key)) return {v, "/item_defaults/" + std::string(key)};
    return {nullptr, ptr + "/" + key};
  };
  ItemDef it;
  it.text = r.str(r.require(j, "text", ptr), ptr + "/text");
  auto [mn, mn_ptr] = pick("min");
  if (!mn) r.fail(mn_ptr, "missing required key 'min' (in the item or item_defaults)");
  it.min = r.integer(*mn, mn_ptr);
  auto [mx, mx_ptr] = pick("max");
  if (!mx) r.fail(mx_ptr, "missing required key 'max' (in the item or item_defaults)");
  it.max = r.integer(*mx, mx_ptr);
  if (auto [v, p] = pick("reverse"); v) it.reverse = r.boolean(*v, p);
  if (auto [v, p] = pick("values"); v) {
    r.array(*v, p);
    for (std::size_t i = 0; i < v->size(); ++i) it.values.push_back(r.number((*v)[i], p + "/" + std::to_string(i)));
  }
  if (auto [v, p] = pick("labels"); v) {
    r.array(*v, p);
    for (std::size_t i = 0; i < v->size(); ++i) it.labels.push_back(r.str((*v)[i], p + "/" + std::to_string(i)));
  }
  return it;
}

ScaleDef read_scale(const Reader& r, const json& j, const std::string& ptr) {
  r.object(j, ptr);
  r.keys(j, ptr, {"name", "items", "rule", "higher_is_better", "reliability", "meaningful_change", "conversion",
                  "bands", "flags", "range"});
  ScaleDef s;
  s.name = r.str(r.require(j, "name", ptr), ptr + "/name");
  if (const json* v = Reader::find(j, "items")) {
    r.array(*v, ptr + "/items");
    for (std::size_t i = 0; i < v->size(); ++i)
      s.items.push_back(r.integer((*v)[i], ptr + "/items/" + std::to_string(i)));
  }
  if (const json* v = Reader::find(j, "rule")) {
    const std::string rule = r.str(*v, ptr + "/rule");
    if (rule == "sum") s.rule = ScoringRule::Sum;
    else if (rule == "mean") s.rule = ScoringRule::Mean;
    else if (rule == "mapped_mean") s.rule = ScoringRule::MappedMean;
    else r.fail(ptr + "/rule", "unknown rule '" + rule + "' (expected sum, mean or mapped_mean)");
  } else if (!s.items.empty()) {
    r.fail(ptr + "/rule", "missing required key 'rule'");
  }
  s.higher_is_better = r.boolean(r.require(j, "higher_is_better", ptr), ptr + "/higher_is_better");
  if (const json* v = Reader::find(j, "reliability")) s.reliability = r.number(*v, ptr + "/reliability");
  if (const json* v = Reader::find(j, "meaningful_change"))
    s.meaningful_change = r.number(*v, ptr + "/meaningful_change");
  if (const json* v = Reader::find(j, "conversion")) {
    const std::string p = ptr + "/conversion";
    r.array(*v, p);
    for (std::size_t i = 0; i < v->size(); ++i) {
      const std::string pi = p + "/" + std::to_string(i);
      const json& row = (*v)[i];
      if (!row.is_array() || row.size() != 2) r.fail(pi, "expected [raw, reported]");
      s.conversion.emplace_back(r.integer(row[0], pi + "/0"), r.number(row[1], pi + "/1"));
    }
  }
  if (const json* v = Reader::find(j, "bands")) {
    const std::string p = ptr + "/bands";
    r.array(*v, p);
    for (std::size_t i = 0; i < v->size(); ++i) {
      const std::string pi = p + "/" + std::to_string(i);
      const json& b = (*v)[i];
      if (!b.is_array() || b.size() != 3) r.fail(pi, "expected [low, high, label]");
      s.bands.push_back({r.number(b[0], pi + "/0"), r.number(b[1], pi + "/1"), r.str(b[2], pi + "/2")});
    }
  }
  if (const json* v = Reader::find(j, "flags")) {
    const std::string p = ptr + "/flags";
    r.array(*v, p);
    for (std::size_t i = 0; i < v->size(); ++i) {
      const std::string pi = p + "/" + std::to_string(i);
      const json& f = (*v)[i];
      r.object(f, pi);
      r.keys(f, pi, {"flag", "at_least", "at_most", "policy"});
      ScaleFlagRule rule;
      rule.flag = r.str(r.require(f, "flag", pi), pi + "/flag");
      if (const json* x = Reader::find(f, "at_least")) rule.at_least = r.number(*x, pi + "/at_least");
      if (const json* x = Reader::find(f, "at_most")) rule.at_most = r.number(*x, pi + "/at_most");
      if (const json* x = Reader::find(f, "policy")) rule.policy = r.str(*x, pi + "/policy");
      s.flags.push_back(std::move(rule));
    }
  }
  if (const json* v = Reader::find(j, "range")) {
    const std::string p = ptr + "/range";
    if (!v->is_array() || v->size() != 2) r.fail(p, "expected [min, max]");
    s.range = std::pair{r.number((*v)[0], p + "/0"), r.number((*v)[1], p + "/1")};
  }
  return s;
}

InstrumentDef read_definition(const json& doc) {
  Reader r;
  r.object(doc, "");
  if (const json* id = Reader::find(doc, "id"); id && id->is_string()) r.record = id->get<std::string>();
  // The version is checked first: a newer document's unknown keys are explained by its version.
  const int version = r.integer(r.require(doc, "schema_version", ""), "/schema_version");
  if (version != kSchemaVersion)
    r.fail("/schema_version", "unsupported schema_version " + std::to_string(version) + " (this laycoach reads " +
                                  std::to_string(kSchemaVersion) + ")");
  r.keys(doc, "", {"schema_version", "id", "name", "score_only", "licence", "reference", "validation",
                   "item_defaults", "items", "item_flags", "scales", "primary", "missing"});
  InstrumentDef d;
  d.id = r.str(r.require(doc, "id", ""), "/id");
  d.name = r.str(r.require(doc, "name", ""), "/name");
  if (const json* v = Reader::find(doc, "score_only")) d.score_only = r.boolean(*v, "/score_only");
  if (const json* v = Reader::find(doc, "licence")) d.licence = r.str(*v, "/licence");
  if (const json* v = Reader::find(doc, "reference")) d.reference = r.str(*v, "/reference");
  if (const json* v = Reader::find(doc, "validation")) d.validation = r.str(*v, "/validation");
  const json* defaults = Reader::find(doc, "item_defaults");
  if (defaults) {
    r.object(*defaults, "/item_defaults");
    r.keys(*defaults, "/item_defaults", {"min", "max", "reverse", "values", "labels"});
  }
  if (const json* items = Reader::find(doc, "items")) {
    r.array(*items, "/items");
    for (std::size_t i = 0; i < items->size(); ++i)
      d.items.push_back(read_item(r, (*items)[i], "/items/" + std::to_string(i), defaults));
  } else if (!d.score_only) {
    r.fail("/items", "missing required key 'items'");
  }
  if (const json* flags = Reader::find(doc, "item_flags")) {
    r.array(*flags, "/item_flags");
    for (std::size_t i = 0; i < flags->size(); ++i) {
      const std::string p = "/item_flags/" + std::to_string(i);
      const json& f = (*flags)[i];
      r.object(f, p);
      r.keys(f, p, {"item", "at_least", "at_most", "flag", "risk"});
      ItemFlagRule rule;
      rule.item = r.integer(r.require(f, "item", p), p + "/item");
      if (const json* x = Reader::find(f, "at_least")) rule.at_least = r.integer(*x, p + "/at_least");
      if (const json* x = Reader::find(f, "at_most")) rule.at_most = r.integer(*x, p + "/at_most");
      rule.flag = r.str(r.require(f, "flag", p), p + "/flag");
      if (const json* x = Reader::find(f, "risk")) rule.risk = r.boolean(*x, p + "/risk");
      d.item_flags.push_back(std::move(rule));
    }
  }
  const json& scales = r.require(doc, "scales", "");
  r.array(scales, "/scales");
  for (std::size_t i = 0; i < scales.size(); ++i)
    d.scales.push_back(read_scale(r, scales[i], "/scales/" + std::to_string(i)));
  if (const json* v = Reader::find(doc, "primary")) {
    if (v->is_null()) d.no_primary = true;  // deliberately none (ONS4, CBI)
    else d.primary = r.str(*v, "/primary");
  }
  if (const json* m = Reader::find(doc, "missing")) {
    r.object(*m, "/missing");
    r.keys(*m, "/missing", {"policy", "max_missing"});
    const std::string policy = r.str(r.require(*m, "policy", "/missing"), "/missing/policy");
    if (policy == "complete") d.missing.kind = MissingPolicy::Kind::Complete;
    else if (policy == "prorate") d.missing.kind = MissingPolicy::Kind::Prorate;
    else if (policy == "available") d.missing.kind = MissingPolicy::Kind::Available;
    else r.fail("/missing/policy", "unknown policy '" + policy + "' (expected complete, prorate or available)");
    if (const json* k = Reader::find(*m, "max_missing")) d.missing.max_missing = r.integer(*k, "/missing/max_missing");
  }
  return d;
}

ojson write_definition(const InstrumentDef& d) {
  ojson j;
  j["schema_version"] = kSchemaVersion;
  j["id"] = d.id;
  j["name"] = d.name;
  j["score_only"] = d.score_only;
  if (!d.licence.empty()) j["licence"] = d.licence;
  if (!d.reference.empty()) j["reference"] = d.reference;
  if (!d.validation.empty()) j["validation"] = d.validation;
  ojson items = ojson::array();
  for (const ItemDef& it : d.items) {
    ojson o;
    o["text"] = it.text;
    o["min"] = it.min;
    o["max"] = it.max;
    o["reverse"] = it.reverse;
    if (!it.values.empty()) o["values"] = it.values;
    if (!it.labels.empty()) o["labels"] = it.labels;
    items.push_back(std::move(o));
  }
  j["items"] = std::move(items);
  if (!d.item_flags.empty()) {
    ojson flags = ojson::array();
    for (const ItemFlagRule& f : d.item_flags) {
      ojson o;
      o["item"] = f.item;
      if (f.at_least) o["at_least"] = *f.at_least;
      if (f.at_most) o["at_most"] = *f.at_most;
      o["flag"] = f.flag;
      o["risk"] = f.risk;
      flags.push_back(std::move(o));
    }
    j["item_flags"] = std::move(flags);
  }
  ojson scales = ojson::array();
  for (const ScaleDef& s : d.scales) {
    ojson o;
    o["name"] = s.name;
    if (!s.items.empty()) {
      o["items"] = s.items;
      o["rule"] = rule_name(s.rule);
    }
    o["higher_is_better"] = s.higher_is_better;
    if (s.reliability) o["reliability"] = *s.reliability;
    if (s.meaningful_change) o["meaningful_change"] = *s.meaningful_change;
    if (!s.conversion.empty()) {
      ojson conv = ojson::array();
      for (const auto& [raw, rep] : s.conversion) conv.push_back(ojson::array({raw, rep}));
      o["conversion"] = std::move(conv);
    }
    if (!s.bands.empty()) {
      ojson bands = ojson::array();
      for (const Band& b : s.bands) bands.push_back(ojson::array({b.low, b.high, b.label}));
      o["bands"] = std::move(bands);
    }
    if (!s.flags.empty()) {
      ojson flags = ojson::array();
      for (const ScaleFlagRule& f : s.flags) {
        ojson fo;
        fo["flag"] = f.flag;
        if (f.at_least) fo["at_least"] = *f.at_least;
        if (f.at_most) fo["at_most"] = *f.at_most;
        if (!f.policy.empty()) fo["policy"] = f.policy;
        flags.push_back(std::move(fo));
      }
      o["flags"] = std::move(flags);
    }
    if (s.range) o["range"] = ojson::array({s.range->first, s.range->second});
    scales.push_back(std::move(o));
  }
  j["scales"] = std::move(scales);
  if (!d.primary.empty()) j["primary"] = d.primary;
  else if (d.no_primary) j["primary"] = nullptr;
  ojson m;
  m["policy"] = missing_name(d.missing.kind);
  if (d.missing.kind != MissingPolicy::Kind::Complete) m["max_missing"] = d.missing.max_missing;
  j["missing"] = std::move(m);
  return j;
}

// ---- compiled form -------------------------------------------------------------------------

struct CompiledScale {
  // Parallel arrays over the scale's items, flattened so the batch loop touches contiguous data.
  std::vector<int> items;
  std::vector<int> item_min;
  std::vector<std::size_t> base;  // offset of the item's keyed values in `table`
  std::vector<double> table;      // keyed (reversed, mapped) value of each answer
  int raw_min = 0;                // raw score of conversion[0]
  std::vector<double> conversion;
  double lo = 0, hi = 0;          // reported range
};

struct MissingTally {
  double sum = 0;
  int present = 0;
  int missing = 0;
};

std::optional<double> finish_raw(const ScaleDef& s, const MissingTally& t, const MissingPolicy& p) {
  if (t.missing > 0 &&
      (p.kind == MissingPolicy::Kind::Complete || t.missing > p.max_missing || t.present == 0))
    return std::nullopt;
  if (s.rule == ScoringRule::Sum) {
    if (t.missing > 0 && p.kind == MissingPolicy::Kind::Prorate)
      return t.sum / t.present * static_cast<double>(s.items.size());
    return t.sum;
  }
  return t.sum / t.present;
}

double reported(const CompiledScale& cs, double raw) {
  if (cs.conversion.empty()) return raw;
  // Tables are defined on integer raw scores; a prorated raw is rounded to the nearest row.
  long r = std::lround(raw) - cs.raw_min;
  r = std::clamp<long>(r, 0, static_cast<long>(cs.conversion.size()) - 1);
  return cs.conversion[static_cast<std::size_t>(r)];
}

bool flag_raised(const ScaleFlagRule& f, double s, const ScoreOptions& o) {
  std::optional<double> lo = f.at_least;
  if (!f.policy.empty())
    if (auto it = o.cutoffs.find(f.policy); it != o.cutoffs.end()) lo = it->second;
  if (lo && s < *lo - kEps) return false;
  if (f.at_most && s > *f.at_most + kEps) return false;
  return true;
}

void add_flag(std::vector<std::string>& flags, const std::string& f) {
  if (std::find(flags.begin(), flags.end(), f) == flags.end()) flags.push_back(f);
}

}  // namespace

struct Instrument::Impl {
  InstrumentDef def;
  std::vector<CompiledScale> scales;
  int primary = -1;

  const std::string& rec(const ScoreOptions& o) const { return o.record.empty() ? def.id : o.record; }

  MissingPolicy policy(const ScoreOptions& o) const {
    if (!o.missing) return def.missing;
    if (o.missing->max_missing < 0)
      throw ValidationError(rec(o), "missing.max_missing", "max_missing_valid"_rule,
                            "max_missing must be >= 0, got " + std::to_string(o.missing->max_missing));
    return *o.missing;
  }

  void check_options(const ScoreOptions& o) const {
    for (const auto& [k, v] : o.cutoffs)
      if (!std::isfinite(v))
        throw ValidationError(rec(o), ErrorField("cutoffs." + k), "cutoff_finite"_rule, "cut-off '" + k + "' must be a finite number");
  }

  [[noreturn]] void not_from_items(const ScoreOptions& o) const {
    throw ValidationError(rec(o), "answers", ErrorRule(lower(def.id) + "_not_scored_from_items"),
                          def.name + " scores are recorded from a licensed tool (score or level), never computed "
                                     "from item answers; use record()");
  }

  int scale_index(std::string_view name) const {
    if (name.empty()) {
      if (primary < 0) {
        std::string names;
        for (const ScaleDef& s : def.scales) names += (names.empty() ? "" : ", ") + s.name;
        throw ValidationError(def.id, "scale", "scale_named"_rule,
                              "instrument '" + def.id + "' has no primary scale; name one of: " + names);
      }
      return primary;
    }
    for (std::size_t i = 0; i < def.scales.size(); ++i)
      if (def.scales[i].name == name) return static_cast<int>(i);
    std::string names;
    for (const ScaleDef& s : def.scales) names += (names.empty() ? "" : ", ") + s.name;
    throw NotFoundError(std::string(name), "scale",
                        "instrument '" + def.id + "' has no scale '" + std::string(name) + "' (scales: " + names + ")");
  }

  void compile();
};

// Validates the definition, reporting the JSON pointer of the offending value, and builds the
// lookup tables used by every scoring path.
void Instrument::Impl::compile() {
  const std::string& rec = def.id;
  auto fail = [&](const std::string& ptr, const std::string& detail) { throw ParseError(rec, ErrorField(ptr), detail); };
  auto idx = [](std::size_t i) { return std::to_string(i); };

  if (!valid_id(def.id)) fail("/id", "id must match [A-Za-z0-9][A-Za-z0-9_.-]* (at most 64 characters)");
  if (def.name.empty()) fail("/name", "name must not be empty");
  if (!def.score_only && def.items.empty()) fail("/items", "an instrument scored from items needs at least one item");

  const int n_items = static_cast<int>(def.items.size());
  std::vector<std::vector<double>> keyed(def.items.size());
  for (std::size_t i = 0; i < def.items.size(); ++i) {
    const ItemDef& it = def.items[i];
    const std::string p = "/items/" + idx(i);
    if (it.text.empty()) fail(p + "/text", "item text must not be empty");
    if (it.min < -kAnswerLimit || it.min > kAnswerLimit)
      fail(p + "/min", "answers must lie within -1000..1000");
    if (it.max < -kAnswerLimit || it.max > kAnswerLimit)
      fail(p + "/max", "answers must lie within -1000..1000");
    if (it.max <= it.min) fail(p + "/max", "max must be greater than min");
    const int n_opt = it.max - it.min + 1;
    if (n_opt > kMaxOptions) fail(p + "/max", "an item may have at most 101 response options");
    if (!it.values.empty() && static_cast<int>(it.values.size()) != n_opt)
      fail(p + "/values", "values must have one entry per answer " + std::to_string(it.min) + ".." +
                              std::to_string(it.max) + " (" + std::to_string(n_opt) + "), got " +
                              std::to_string(it.values.size()));
    for (std::size_t v = 0; v < it.values.size(); ++v)
      if (!std::isfinite(it.values[v])) fail(p + "/values/" + idx(v), "values must be finite");
    if (!it.labels.empty() && static_cast<int>(it.labels.size()) != n_opt)
      fail(p + "/labels", "labels must have one entry per answer (" + std::to_string(n_opt) + "), got " +
                              std::to_string(it.labels.size()));
    keyed[i].resize(static_cast<std::size_t>(n_opt));
    for (int x = it.min; x <= it.max; ++x) {
      const int k = it.reverse ? it.min + it.max - x : x;
      keyed[i][static_cast<std::size_t>(x - it.min)] =
          it.values.empty() ? static_cast<double>(k) : it.values[static_cast<std::size_t>(k - it.min)];
    }
  }

  for (std::size_t f = 0; f < def.item_flags.size(); ++f) {
    const ItemFlagRule& r = def.item_flags[f];
    const std::string p = "/item_flags/" + idx(f);
    if (r.item < 0 || r.item >= n_items)
      fail(p + "/item", "item index " + std::to_string(r.item) + " outside 0.." + std::to_string(n_items - 1));
    if (r.flag.empty()) fail(p + "/flag", "flag name must not be empty");
    if (!r.at_least && !r.at_most) fail(p, "a flag rule needs at_least and/or at_most");
  }

  if (def.scales.empty()) fail("/scales", "an instrument needs at least one scale");
  std::set<std::string> names;
  scales.resize(def.scales.size());
  for (std::size_t si = 0; si < def.scales.size(); ++si) {
    const ScaleDef& s = def.scales[si];
    CompiledScale& cs = scales[si];
    const std::string p = "/scales/" + idx(si);
    if (s.name.empty()) fail(p + "/name", "scale name must not be empty");
    if (!names.insert(s.name).second) fail(p + "/name", "duplicate scale name '" + s.name + "'");

    if (def.score_only) {
      if (!s.items.empty()) fail(p + "/items", "a score-only instrument's scales have no items");
      if (!s.range) fail(p + "/range", "a score-only scale needs its range [min, max]");
      if (!s.conversion.empty()) fail(p + "/conversion", "a score-only scale has no conversion table");
      if (!std::isfinite(s.range->first) || !std::isfinite(s.range->second) || s.range->first >= s.range->second)
        fail(p + "/range", "range must be [min, max] with min < max");
      cs.lo = s.range->first;
      cs.hi = s.range->second;
    } else {
      if (s.items.empty()) fail(p + "/items", "a scale needs at least one item");
      if (s.range) fail(p + "/range", "range is derived from the items; give it only for score-only instruments");
      std::set<int> seen;
      double sum_lo = 0, sum_hi = 0;
      bool mapped = false;
      for (std::size_t k = 0; k < s.items.size(); ++k) {
        const int item = s.items[k];
        const std::string pk = p + "/items/" + idx(k);
        if (item < 0 || item >= n_items)
          fail(pk, "item index " + std::to_string(item) + " outside 0.." + std::to_string(n_items - 1));
        if (!seen.insert(item).second) fail(pk, "item " + std::to_string(item) + " listed twice");
        const ItemDef& it = def.items[static_cast<std::size_t>(item)];
        if (!it.values.empty()) mapped = true;
        if (s.rule == ScoringRule::MappedMean && it.values.empty())
          fail(pk, "rule mapped_mean needs a value mapping on every item; item " + std::to_string(item) + " has none");
        const auto& kv = keyed[static_cast<std::size_t>(item)];
        sum_lo += *std::min_element(kv.begin(), kv.end());
        sum_hi += *std::max_element(kv.begin(), kv.end());
        cs.items.push_back(item);
        cs.item_min.push_back(it.min);
        cs.base.push_back(cs.table.size());
        cs.table.insert(cs.table.end(), kv.begin(), kv.end());
      }
      const double n = static_cast<double>(s.items.size());
      cs.lo = s.rule == ScoringRule::Sum ? sum_lo : sum_lo / n;
      cs.hi = s.rule == ScoringRule::Sum ? sum_hi : sum_hi / n;
      if (!s.conversion.empty()) {
        const std::string pc = p + "/conversion";
        if (s.rule != ScoringRule::Sum || mapped)
          fail(pc, "a conversion table needs rule sum over unmapped items (integer raw scores)");
        const int raw_lo = static_cast<int>(std::lround(sum_lo));
        const int raw_hi = static_cast<int>(std::lround(sum_hi));
        for (std::size_t r = 0; r < s.conversion.size(); ++r) {
          const int expect = raw_lo + static_cast<int>(r);
          if (s.conversion[r].first != expect)
            fail(pc + "/" + idx(r) + "/0", "conversion rows must list every raw score " + std::to_string(raw_lo) +
                                               ".." + std::to_string(raw_hi) + " in order; expected " +
                                               std::to_string(expect) + ", got " +
                                               std::to_string(s.conversion[r].first));
          if (!std::isfinite(s.conversion[r].second)) fail(pc + "/" + idx(r) + "/1", "reported score must be finite");
        }
        if (static_cast<int>(s.conversion.size()) != raw_hi - raw_lo + 1)
          fail(pc, "conversion must have one row per raw score " + std::to_string(raw_lo) + ".." +
                       std::to_string(raw_hi) + " (" + std::to_string(raw_hi - raw_lo + 1) + " rows), got " +
                       std::to_string(s.conversion.size()));
        cs.raw_min = raw_lo;
        for (const auto& row : s.conversion) cs.conversion.push_back(row.second);
        cs.lo = *std::min_element(cs.conversion.begin(), cs.conversion.end());
        cs.hi = *std::max_element(cs.conversion.begin(), cs.conversion.end());
      }
    }

    if (s.reliability && !(*s.reliability > 0 && *s.reliability < 1))
      fail(p + "/reliability", "reliability must lie strictly between 0 and 1");
    if (s.meaningful_change && !(std::isfinite(*s.meaningful_change) && *s.meaningful_change > 0))
      fail(p + "/meaningful_change", "meaningful_change must be a positive number of points");
    for (std::size_t b = 0; b < s.bands.size(); ++b) {
      const Band& band = s.bands[b];
      const std::string pb = p + "/bands/" + idx(b);
      if (!std::isfinite(band.low)) fail(pb + "/0", "band bounds must be finite");
      if (!std::isfinite(band.high)) fail(pb + "/1", "band bounds must be finite");
      if (band.low > band.high) fail(pb + "/1", "band high must be >= low");
      if (band.label.empty()) fail(pb + "/2", "band label must not be empty");
      if (b > 0 && band.low <= s.bands[b - 1].high)
        fail(pb + "/0", "bands must ascend without overlap: low " + fmt_num(band.low) + " <= previous high " +
                            fmt_num(s.bands[b - 1].high));
      if (band.low < cs.lo - kEps)
        fail(pb + "/0", "band low " + fmt_num(band.low) + " below the scale's minimum " + fmt_num(cs.lo));
      if (band.high > cs.hi + kEps)
        fail(pb + "/1", "band high " + fmt_num(band.high) + " above the scale's maximum " + fmt_num(cs.hi));
    }
    for (std::size_t f = 0; f < s.flags.size(); ++f) {
      const ScaleFlagRule& r = s.flags[f];
      const std::string pf = p + "/flags/" + idx(f);
      if (r.flag.empty()) fail(pf + "/flag", "flag name must not be empty");
      if (!r.at_least && !r.at_most) fail(pf, "a flag rule needs at_least and/or at_most");
    }
  }

  // The primary-scale rule, here once for every instrument however it was defined: a named
  // primary must exist; none named and one scale → that scale; none named and several → refused
  // (a silently missing total misled users) unless the definition says there is deliberately none.
  primary = -1;
  if (!def.primary.empty() && def.no_primary) fail("/primary", "primary names a scale and no_primary says there is none");
  if (!def.primary.empty()) {
    for (std::size_t i = 0; i < def.scales.size(); ++i)
      if (def.scales[i].name == def.primary) primary = static_cast<int>(i);
    if (primary < 0) fail("/primary", "primary names no scale ('" + def.primary + "')");
  } else if (!def.no_primary) {
    if (def.scales.size() == 1) {
      def.primary = def.scales.front().name;
      primary = 0;
    } else {
      std::string names;
      for (const ScaleDef& s : def.scales) names += (names.empty() ? "" : ", ") + s.name;
      throw ValidationError(def.id, "primary", "primary_scale_required"_rule,
                            "instrument '" + def.id + "' has " + std::to_string(def.scales.size()) +
                                " scales and names no primary one: set \"primary\" to one of " + names +
                                " (or null for deliberately none)");
    }
  }
  if (def.missing.max_missing < 0) fail("/missing/max_missing", "max_missing must be >= 0");
  if (def.missing.kind == MissingPolicy::Kind::Complete && def.missing.max_missing != 0)
    fail("/missing/max_missing", "policy complete scores complete cases only; max_missing must be 0");
}

// ---- Score ---------------------------------------------------------------------------------

const ScaleScore* Score::find(std::string_view scale) const noexcept {
  for (const ScaleScore& s : scales)
    if (s.scale == scale) return &s;
  return nullptr;
}

bool Score::has_flag(std::string_view flag) const noexcept {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

// ---- Instrument ----------------------------------------------------------------------------

Instrument::Instrument(InstrumentDef def) {
  auto impl = std::make_shared<Impl>();
  impl->def = std::move(def);
  impl->compile();
  impl_ = std::move(impl);
}

Instrument Instrument::from_json(std::string_view json_doc) {
  // The library's one strict reader: malformed text, 1e999, a repeated key or deep nesting is a
  // ParseError naming the JSON pointer, as for every other document.
  const json doc = json_text::parse<json>(json_doc, "instrument");
  return Instrument(read_definition(doc));
}

const std::string& Instrument::id() const noexcept { return impl_->def.id; }
const std::string& Instrument::name() const noexcept { return impl_->def.name; }
const InstrumentDef& Instrument::definition() const noexcept { return impl_->def; }
std::size_t Instrument::item_count() const noexcept { return impl_->def.items.size(); }
bool Instrument::score_only() const noexcept { return impl_->def.score_only; }

const ScaleDef& Instrument::scale(std::string_view name) const {
  return impl_->def.scales[static_cast<std::size_t>(impl_->scale_index(name))];
}

std::pair<double, double> Instrument::range(std::string_view scale) const {
  const CompiledScale& cs = impl_->scales[static_cast<std::size_t>(impl_->scale_index(scale))];
  return {cs.lo, cs.hi};
}

std::string Instrument::band(double score, std::string_view scale) const {
  return band_of(this->scale(scale).bands, score);
}

Score Instrument::score(std::span<const std::optional<int>> answers, const ScoreOptions& options) const {
  const Impl& m = *impl_;
  const std::string& rec = m.rec(options);
  if (m.def.score_only) m.not_from_items(options);
  const MissingPolicy policy = m.policy(options);
  m.check_options(options);
  if (answers.size() != m.def.items.size())
    throw ValidationError(rec, "answers", "answer_count"_rule,
                          m.def.id + " expects " + std::to_string(m.def.items.size()) + " answers, got " +
                              std::to_string(answers.size()));
  Score out;
  out.instrument_id = m.def.id;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    if (!answers[i]) {
      ++out.n_missing;
      continue;
    }
    const ItemDef& it = m.def.items[i];
    const int x = *answers[i];
    if (x < it.min || x > it.max)
      throw ValidationError(rec, ErrorField("answers[" + std::to_string(i) + "]"), "answer_in_range"_rule,
                            "answer " + std::to_string(x) + " to item " + std::to_string(i) + " of " + m.def.id +
                                " outside " + std::to_string(it.min) + ".." + std::to_string(it.max));
  }
  // Item flags are raised from the raw answers whatever the totals (a PHQ-9 item 9 answer must
  // reach the escalation pathway even when the total is low or not scorable).
  for (const ItemFlagRule& f : m.def.item_flags) {
    const auto& a = answers[static_cast<std::size_t>(f.item)];
    if (a && (!f.at_least || *a >= *f.at_least) && (!f.at_most || *a <= *f.at_most)) {
      add_flag(out.flags, f.flag);
      if (f.risk) add_flag(out.risk_flags, f.flag);
    }
  }
  out.scales.reserve(m.def.scales.size());
  for (std::size_t si = 0; si < m.def.scales.size(); ++si) {
    const ScaleDef& s = m.def.scales[si];
    const CompiledScale& cs = m.scales[si];
    MissingTally t;
    for (std::size_t k = 0; k < cs.items.size(); ++k) {
      const auto& a = answers[static_cast<std::size_t>(cs.items[k])];
      if (!a) {
        ++t.missing;
        continue;
      }
      ++t.present;
      t.sum += cs.table[cs.base[k] + static_cast<std::size_t>(*a - cs.item_min[k])];
    }
    ScaleScore ss;
    ss.scale = s.name;
    ss.raw = finish_raw(s, t, policy);
    if (ss.raw) {
      ss.score = reported(cs, *ss.raw);
      ss.band = band_of(s.bands, *ss.score);
      for (const ScaleFlagRule& f : s.flags)
        if (flag_raised(f, *ss.score, options)) add_flag(out.flags, f.flag);
    }
    if (static_cast<int>(si) == m.primary) {
      out.total = ss.score;
      out.band = ss.band;
    }
    out.scales.push_back(std::move(ss));
  }
  return out;
}

Score Instrument::score(std::span<const int> answers, const ScoreOptions& options) const {
  std::vector<std::optional<int>> a(answers.size());
  for (std::size_t i = 0; i < answers.size(); ++i)
    if (answers[i] != kMissingAnswer) a[i] = answers[i];
  return score(std::span<const std::optional<int>>(a), options);
}

Score Instrument::record(const std::map<std::string, double, std::less<>>& scores, const ScoreOptions& options) const {
  const Impl& m = *impl_;
  m.check_options(options);
  std::vector<std::optional<double>> given(m.def.scales.size());
  for (const auto& [name, value] : scores) {
    const auto it = std::find_if(m.def.scales.begin(), m.def.scales.end(), [&](const ScaleDef& s) { return s.name == name; });
    if (it == m.def.scales.end()) {
      std::string names;
      for (const ScaleDef& s : m.def.scales) names += (names.empty() ? "" : ", ") + s.name;
      throw NotFoundError(m.rec(options), ErrorField("scores/" + name),
                          m.def.id + " has no scale '" + name + "' (scales: " + names + ")", "scale_exists"_rule);
    }
    const auto si = static_cast<std::size_t>(it - m.def.scales.begin());
    const CompiledScale& cs = m.scales[si];
    if (!std::isfinite(value) || value < cs.lo - kEps || value > cs.hi + kEps)
      throw ValidationError(m.rec(options), ErrorField("scores/" + name), "recorded_in_range"_rule,
                            "recorded " + name + " " + fmt_num(value) + " of " + m.def.id + " outside " +
                                fmt_num(cs.lo) + ".." + fmt_num(cs.hi));
    given[si] = value;
  }
  Score out;
  out.instrument_id = m.def.id;
  for (std::size_t i = 0; i < m.def.scales.size(); ++i) {
    const ScaleDef& s = m.def.scales[i];
    ScaleScore ss;
    ss.scale = s.name;
    if (given[i]) {
      ss.raw = given[i];
      ss.score = given[i];
      ss.band = band_of(s.bands, *given[i]);
      for (const ScaleFlagRule& f : s.flags)
        if (flag_raised(f, *given[i], options)) add_flag(out.flags, f.flag);
    }
    if (static_cast<int>(i) == m.primary) {
      out.total = ss.score;
      out.band = ss.band;
    }
    out.scales.push_back(std::move(ss));
  }
  return out;
}

Score Instrument::record(double value, std::string_view scale, const ScoreOptions& options) const {
  const Impl& m = *impl_;
  m.check_options(options);
  const int si = m.scale_index(scale);
  const ScaleDef& s = m.def.scales[static_cast<std::size_t>(si)];
  const CompiledScale& cs = m.scales[static_cast<std::size_t>(si)];
  if (!std::isfinite(value) || value < cs.lo - kEps || value > cs.hi + kEps)
    throw ValidationError(m.rec(options), "value", "recorded_in_range"_rule,
                          "recorded " + s.name + " " + fmt_num(value) + " of " + m.def.id + " outside " +
                              fmt_num(cs.lo) + ".." + fmt_num(cs.hi));
  Score out;
  out.instrument_id = m.def.id;
  for (std::size_t i = 0; i < m.def.scales.size(); ++i) {
    ScaleScore ss;
    ss.scale = m.def.scales[i].name;
    if (static_cast<int>(i) == si) {
      ss.raw = value;
      ss.score = value;
      ss.band = band_of(s.bands, value);
      for (const ScaleFlagRule& f : s.flags)
        if (flag_raised(f, value, options)) add_flag(out.flags, f.flag);
      if (si == m.primary) {
        out.total = ss.score;
        out.band = ss.band;
      }
    }
    out.scales.push_back(std::move(ss));
  }
  return out;
}

void Instrument::score_batch(std::span<const int> answers, std::span<double> out, std::string_view scale,
                             const ScoreOptions& options) const {
  const Impl& m = *impl_;
  const std::string& rec = m.rec(options);
  if (m.def.score_only) m.not_from_items(options);
  const MissingPolicy policy = m.policy(options);
  const std::size_t si = static_cast<std::size_t>(m.scale_index(scale));
  const std::size_t k = m.def.items.size();
  if (answers.size() != out.size() * k)
    throw ValidationError(rec, "answers", "answer_count"_rule,
                          "a " + std::to_string(out.size()) + "x" + std::to_string(k) + " answer matrix for " +
                              m.def.id + " needs " + std::to_string(out.size() * k) + " values, got " +
                              std::to_string(answers.size()));
  const ScaleDef& s = m.def.scales[si];
  const CompiledScale& cs = m.scales[si];
  std::vector<int> lo(k), span(k);
  for (std::size_t c = 0; c < k; ++c) {
    lo[c] = m.def.items[c].min;
    span[c] = m.def.items[c].max - m.def.items[c].min;
  }
  const std::size_t n_scale = cs.items.size();
  for (std::size_t r = 0; r < out.size(); ++r) {
    const int* row = answers.data() + r * k;
    for (std::size_t c = 0; c < k; ++c) {
      const int x = row[c];
      // One unsigned comparison checks both bounds; the missing sentinel is exempt.
      if (x != kMissingAnswer &&
          static_cast<unsigned>(static_cast<long long>(x) - lo[c]) > static_cast<unsigned>(span[c]))
        throw ValidationError(rec, ErrorField("answers[" + std::to_string(r) + "][" + std::to_string(c) + "]"),
                              "answer_in_range"_rule,
                              "answer " + std::to_string(x) + " to item " + std::to_string(c) + " of " + m.def.id +
                                  " outside " + std::to_string(lo[c]) + ".." + std::to_string(lo[c] + span[c]));
    }
    MissingTally t;
    for (std::size_t j = 0; j < n_scale; ++j) {
      const int x = row[cs.items[j]];
      if (x == kMissingAnswer) {
        ++t.missing;
        continue;
      }
      ++t.present;
      t.sum += cs.table[cs.base[j] + static_cast<std::size_t>(x - cs.item_min[j])];
    }
    const auto raw = finish_raw(s, t, policy);
    out[r] = raw ? reported(cs, *raw) : kNaN;
  }
}

std::vector<double> Instrument::score_batch(std::span<const int> answers, std::string_view scale,
                                            const ScoreOptions& options) const {
  const std::size_t k = impl_->def.items.size();
  if (impl_->def.score_only) impl_->not_from_items(options);
  if (k == 0 || answers.size() % k != 0)
    throw ValidationError(impl_->rec(options), "answers", "answer_count"_rule,
                          std::to_string(answers.size()) + " values do not form rows of " + std::to_string(k) +
                              " answers for " + impl_->def.id);
  std::vector<double> out(answers.size() / k);
  score_batch(answers, std::span<double>(out), scale, options);
  return out;
}

ChangeDirection Instrument::change(double before, double after, std::string_view scale) const {
  const ScaleDef& s = this->scale(scale);
  if (!s.meaningful_change)
    throw ValidationError(impl_->def.id, "meaningful_change", "meaningful_change_defined"_rule,
                          "scale '" + s.name + "' of " + impl_->def.id + " has no meaningful-change threshold");
  if (!std::isfinite(before) || !std::isfinite(after))
    throw ValidationError(impl_->def.id, ErrorField(std::isfinite(before) ? "after" : "before"), "score_finite"_rule,
                          "scores must be finite numbers");
  double d = after - before;
  if (!s.higher_is_better) d = -d;
  if (d >= *s.meaningful_change - kEps) return ChangeDirection::Improved;
  if (d <= -*s.meaningful_change + kEps) return ChangeDirection::Deteriorated;
  return ChangeDirection::NoMeaningfulChange;
}

std::string Instrument::to_json() const { return write_definition(impl_->def).dump(); }

// ---- InstrumentLibrary ---------------------------------------------------------------------

struct InstrumentLibrary::Impl {
  mutable std::shared_mutex mu;
  std::deque<Instrument> instruments;  // a deque keeps references stable as it grows
  std::map<std::string, const Instrument*, std::less<>> by_id;  // key: lower-case id
};

InstrumentLibrary::InstrumentLibrary(bool with_builtins) : impl_(std::make_unique<Impl>()) {
  if (!with_builtins) return;
  const InstrumentLibrary& b = builtin();
  std::shared_lock lock(b.impl_->mu);
  for (const Instrument& i : b.impl_->instruments) {
    impl_->instruments.push_back(i);
    impl_->by_id.emplace(lower(i.id()), &impl_->instruments.back());
  }
}

InstrumentLibrary::~InstrumentLibrary() = default;

const InstrumentLibrary& InstrumentLibrary::builtin() {
  static const InstrumentLibrary* const lib = [] {
    auto* l = new InstrumentLibrary(false);
    for (std::string_view doc : detail::builtin_instrument_documents()) l->add_from_json(doc);
    return l;
  }();
  // Never destroyed: references into it may be held by other static objects at exit.
  return *lib;
}

InstrumentLibrary& InstrumentLibrary::shared() {
  static InstrumentLibrary* const lib = new InstrumentLibrary(true);  // never destroyed: references outlive exit
  return *lib;
}

const Instrument& InstrumentLibrary::get(std::string_view id) const {
  std::shared_lock lock(impl_->mu);
  auto it = impl_->by_id.find(lower(id));
  if (it == impl_->by_id.end()) {
    std::string known;
    for (const Instrument& i : impl_->instruments) known += (known.empty() ? "" : ", ") + i.id();
    throw NotFoundError(std::string(id), "instrument_id",
                        "no instrument with id '" + std::string(id) + "' (known: " + known + ")");
  }
  return *it->second;
}

bool InstrumentLibrary::contains(std::string_view id) const {
  std::shared_lock lock(impl_->mu);
  return impl_->by_id.count(lower(id)) != 0;
}

const Instrument& InstrumentLibrary::add(Instrument instrument) {
  std::unique_lock lock(impl_->mu);
  std::string key = lower(instrument.id());
  if (impl_->by_id.count(key))
    throw ConflictError(instrument.id(), "id", "unique_instrument_id"_rule,
                        "an instrument with id '" + instrument.id() + "' already exists");
  impl_->instruments.push_back(std::move(instrument));
  try {
    impl_->by_id.emplace(std::move(key), &impl_->instruments.back());
  } catch (...) {
    impl_->instruments.pop_back();
    throw;
  }
  return impl_->instruments.back();
}

const Instrument& InstrumentLibrary::add_from_json(std::string_view json_doc) {
  // Parsing and validation finish before the library is touched: all-or-nothing.
  return add(Instrument::from_json(json_doc));
}

std::vector<std::string> InstrumentLibrary::ids() const {
  std::shared_lock lock(impl_->mu);
  std::vector<std::string> out;
  out.reserve(impl_->instruments.size());
  for (const Instrument& i : impl_->instruments) out.push_back(i.id());
  return out;
}

std::string InstrumentLibrary::to_json(std::string_view id) const { return get(id).to_json(); }

// ---- free functions ------------------------------------------------------------------------

std::string instrument_key(std::string_view id) { return lower(id); }

const Instrument* find_instrument(const InstrumentSet& own, std::string_view id) {
  if (auto it = own.find(lower(id)); it != own.end()) return &it->second;
  const InstrumentLibrary& lib = InstrumentLibrary::builtin();
  return lib.contains(id) ? &lib.get(id) : nullptr;
}

Score score(std::string_view instrument_id, std::span<const std::optional<int>> answers, const ScoreOptions& options) {
  return InstrumentLibrary::builtin().get(instrument_id).score(answers, options);
}

Score score(std::string_view instrument_id, std::span<const int> answers, const ScoreOptions& options) {
  return InstrumentLibrary::builtin().get(instrument_id).score(answers, options);
}

int pam_level(double pam_score, const PamCutPoints& c) {
  if (!(c.level1_max > 0 && c.level1_max < c.level2_max && c.level2_max < c.level3_max && c.level3_max < 100))
    throw ValidationError("pam", "cut_points", "cut_points_increasing"_rule,
                          "PAM cut points must satisfy 0 < level1_max < level2_max < level3_max < 100");
  if (!std::isfinite(pam_score) || pam_score < 0 || pam_score > 100)
    throw ValidationError("pam", "score", "pam_score_in_range"_rule,
                          "PAM score " + fmt_num(pam_score) + " outside 0..100");
  if (pam_score <= c.level1_max) return 1;
  if (pam_score <= c.level2_max) return 2;
  if (pam_score <= c.level3_max) return 3;
  return 4;
}

}  // namespace laycoach
