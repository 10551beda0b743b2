// FHIR R4 (UK Core) export of patient coaching for the GP record (include/laycoach/fhir.hpp,
// docs/fhir.md). The Bundle is written as JSON text directly: a national service's export is
// hundreds of thousands of small objects, and a DOM of them costs more than the export itself.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "crypto.hpp"
#include "enum_names.hpp"
#include "json_escape.hpp"
#include "json_io.hpp"
#include "laycoach/fhir.hpp"
#include "laycoach/instrument.hpp"
#include "programme_impl.hpp"

namespace laycoach {

namespace {
constexpr std::pair<FhirBundleType, const char*> kBundleTypeNames[] = {
    {FhirBundleType::Collection, "collection"}, {FhirBundleType::Transaction, "transaction"}};
constexpr std::pair<FhirRequestMethod, const char*> kMethodNames[] = {{FhirRequestMethod::Put, "put"},
                                                                      {FhirRequestMethod::Post, "post"}};
using enum_names::name_of;
using enum_names::value_of;
}  // namespace

const char* to_string(FhirBundleType v) noexcept { return name_of(kBundleTypeNames, v); }
std::optional<FhirBundleType> parse_fhir_bundle_type(std::string_view s) noexcept { return value_of(kBundleTypeNames, s); }
const char* to_string(FhirRequestMethod v) noexcept { return name_of(kMethodNames, v); }
std::optional<FhirRequestMethod> parse_fhir_request_method(std::string_view s) noexcept { return value_of(kMethodNames, s); }

std::string fhir_resource_uuid(std::string_view resource_type, std::string_view key) {
  static constexpr std::string_view kSep("\0", 1);
  std::string name;
  name.reserve(16 + resource_type.size() + key.size());
  name.append("laycoach-fhir").append(kSep).append(resource_type).append(kSep).append(key);
  crypto::Digest d = crypto::sha256(name);
  d[6] = static_cast<std::uint8_t>((d[6] & 0x0f) | 0x80);  // version 8 (RFC 9562: name-based, SHA-256)
  d[8] = static_cast<std::uint8_t>((d[8] & 0x3f) | 0x80);  // variant 10
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[d[i] >> 4]);
    out.push_back(kHex[d[i] & 0x0f]);
  }
  return out;
}

FhirExportOptions fhir_export_options_from_json(std::string_view doc) {
  static const std::string kRecord = "fhir_export_options";
  const jsonio::Json j = jsonio::parse_text(doc, kRecord);
  jsonio::Reader in(j, "", kRecord);
  FhirExportOptions o;
  std::string name;
  in.opt("bundle_type", name);
  if (!name.empty()) {
    auto t = parse_fhir_bundle_type(name);
    if (!t) jsonio::fail(kRecord, "/bundle_type", "unknown bundle_type '" + name + "' (collection, transaction)");
    o.bundle_type = *t;
  }
  name.clear();
  in.opt("request_method", name);
  if (!name.empty()) {
    auto m = parse_fhir_request_method(name);
    if (!m) jsonio::fail(kRecord, "/request_method", "unknown request_method '" + name + "' (put, post)");
    o.request_method = *m;
  }
  in.opt("patient_id", o.patient_id);
  in.opt("from", o.from);
  in.opt("to", o.to);
  in.opt("include_planned", o.include_planned);
  in.done();
  return o;
}

namespace {

constexpr std::string_view kSnomed = "http://snomed.info/sct";
constexpr std::string_view kLoinc = "http://loinc.org";
constexpr std::string_view kNhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
constexpr std::string_view kOdsSystem = "https://fhir.nhs.uk/Id/ods-organization-code";
constexpr std::string_view kActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
constexpr std::string_view kParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
constexpr std::string_view kObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
constexpr std::string_view kUcum = "http://unitsofmeasure.org";
constexpr std::string_view kProfileBase = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-";
constexpr std::string_view kSeenByHwbc = "148471000000103";

/// The codes of an instrument's score that are verified (docs/fhir.md lists them); an
/// instrument without an entry gets its id as text only, never an invented code.
struct ScoreCodes {
  std::string_view instrument;
  std::string_view snomed;
  std::string_view loinc;
};
constexpr ScoreCodes kScoreCodes[] = {
    {"swemwbs", "718466001", ""},
    {"wemwbs", "718426000", ""},
    {"phq9", "720433000", "44261-6"},
    {"gad7", "445455005", "70274-6"},
};
constexpr std::string_view kPamLevelSnomed = "962851000000103";

const ScoreCodes* score_codes(std::string_view instrument) {
  for (const auto& c : kScoreCodes)
    if (c.instrument == instrument) return &c;
  return nullptr;
}

/// Appends JSON text; commas and colons are placed by the writer, so callers only say what.
class Writer {
 public:
  explicit Writer(std::string& out) : s_(out) {}
  Writer& obj() { start(); s_ += '{'; fresh_.push_back(true); return *this; }
  Writer& arr() { start(); s_ += '['; fresh_.push_back(true); return *this; }
  Writer& end_obj() { s_ += '}'; fresh_.pop_back(); return *this; }
  Writer& end_arr() { s_ += ']'; fresh_.pop_back(); return *this; }
  Writer& key(std::string_view k) {
    start();
    s_ += '"';
    s_ += k;  // keys are this file's literals: nothing to escape
    s_ += "\":";
    keyed_ = true;
    return *this;
  }
  Writer& str(std::string_view v) {
    start();
    s_ += '"';
    escape(v);
    s_ += '"';
    return *this;
  }
  Writer& str(std::string_view k, std::string_view v) { return key(k).str(v); }
  Writer& boolean(std::string_view k, bool v) { key(k); start(); s_ += v ? "true" : "false"; return *this; }
  Writer& integer(std::string_view k, long long v) {
    key(k);
    start();
    s_ += std::to_string(v);
    return *this;
  }
  Writer& number(std::string_view k, double v) {
    key(k);
    start();
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest text that reads back as v
    s_.append(buf, r.ptr);
    return *this;
  }
  /// {"reference": "urn:uuid:<uuid>"}
  Writer& ref(std::string_view k, std::string_view uuid) {
    key(k).obj();
    key("reference");
    start();
    s_ += "\"urn:uuid:";
    s_ += uuid;
    s_ += '"';
    return end_obj();
  }
  /// {"system": ..., "code": ..., "display": ...} (display omitted when empty)
  Writer& coding(std::string_view system, std::string_view code, std::string_view display = {}) {
    obj().str("system", system).str("code", code);
    if (!display.empty()) str("display", display);
    return end_obj();
  }
  /// "meta": {"profile": [UK Core profile of `type`]}
  Writer& profile(std::string_view type) {
    key("meta").obj().key("profile").arr();
    start();
    s_ += '"';
    s_ += kProfileBase;
    s_ += type;
    s_ += '"';
    return end_arr().end_obj();
  }

 private:
  void start() {
    if (keyed_) { keyed_ = false; return; }
    if (!fresh_.empty()) {
      if (!fresh_.back()) s_ += ',';
      fresh_.back() = false;
    }
  }
  void escape(std::string_view v) { json_escape::append(s_, v); }
  std::string& s_;
  std::vector<bool> fresh_;
  bool keyed_ = false;
};

/// Encounter.status of one patient's place in a session, or nullopt when the place is not
/// exported (a rescheduled session lives on in its replacement; booked ones only on request).
std::optional<std::string_view> encounter_status(const Session& s, const Attendee& a, bool include_planned) {
  if (s.status == SessionStatus::Rescheduled) return std::nullopt;
  switch (a.status) {
    case AttendeeStatus::Attended: return "finished";
    case AttendeeStatus::DidNotAttend:
    case AttendeeStatus::Cancelled: return "cancelled";
    case AttendeeStatus::Booked: break;
  }
  switch (s.status) {
    case SessionStatus::Attended: return "finished";
    case SessionStatus::Booked: return include_planned ? std::optional<std::string_view>("planned") : std::nullopt;
    default: return "cancelled";  // either party did not attend, or cancelled
  }
}

bool in_period(Instant t, const FhirExportOptions& o) {
  if (!o.from.is_not_a_date_time() && t < o.from) return false;
  if (!o.to.is_not_a_date_time() && t >= o.to) return false;
  return true;
}

/// Builds one export under the programme's read lock.
class Exporter {
 public:
  Exporter(const Programme::Impl& m, const FhirExportOptions& o) : m_(m), o_(o) {}

  std::string run(std::vector<std::string>& patients_out) {
    for (const auto& [id, offer] : m_.offers) {
      auto line = m_.lines.find(offer.service_line_id);
      if (line != m_.lines.end() && line->second.kind != ServiceKind::Workforce) patient_offers_.insert(id);
    }
    // A whole service's Bundle is large (about 1 kB per session and 2 kB per response): room
    // for it up front spares the copies of growing. Pages not written are never touched.
    if (o_.patient_id.empty()) out_.reserve(1024 * m_.sessions.size() + 2048 * m_.responses.size() + 4096);
    Writer b(out_);
    const std::string scope = std::string(to_string(o_.bundle_type)) + '\0' + o_.patient_id + '\0' +
                              format_instant(o_.from) + '\0' + format_instant(o_.to) + '\0' +
                              (o_.include_planned ? "planned" : "") + '\0' + to_string(o_.request_method);
    b.obj().str("resourceType", "Bundle").str("id", fhir_resource_uuid("Bundle", scope));
    b.str("type", to_string(o_.bundle_type)).key("entry");
    out_ += '[';
    // One entry after another: a patient, practitioner or organisation is written just before
    // the first entry that references it (never inside one), so references point backwards.
    encounters();
    responses();
    // The patient asked for by id appears even without activity in the period.
    if (!o_.patient_id.empty()) patient(o_.patient_id);
    out_ += "]}";
    for (const auto& [id, uuid] : patient_uuid_) patients_out.push_back(id);
    // A period or a mostly-staff service leaves the estimate far too big: give back the rest.
    if (out_.capacity() > 2 * out_.size() + 4096) out_.shrink_to_fit();
    return std::move(out_);
  }

 private:
  /// A consenting patient's client record, or nullptr when the client may not be exported.
  const Client* exportable(const std::string& client_id) const {
    auto it = m_.clients.find(client_id);
    if (it == m_.clients.end()) return nullptr;
    const Client& c = it->second;
    if (c.kind != ClientKind::Patient || !c.consent.gp_record) return nullptr;
    if (!o_.patient_id.empty() && c.id != o_.patient_id) return nullptr;
    return &c;
  }

  /// Starts an entry of `type`: fullUrl, the transaction's request, then "resource" with its
  /// resourceType, id and UK Core profile; the caller fills the resource and calls end_entry.
  Writer& entry(Writer& w, std::string_view type, const std::string& uuid, std::string_view if_none_exist = {}) {
    w.obj().key("fullUrl");
    w.str("urn:uuid:" + uuid);
    if (o_.bundle_type == FhirBundleType::Transaction) {
      w.key("request").obj();
      if (o_.request_method == FhirRequestMethod::Put) {
        w.str("method", "PUT").str("url", std::string(type) + "/" + uuid);
      } else {
        w.str("method", "POST").str("url", type);
        if (!if_none_exist.empty()) w.str("ifNoneExist", if_none_exist);
      }
      w.end_obj();
    }
    w.key("resource").obj().str("resourceType", type);
    if (!(o_.bundle_type == FhirBundleType::Transaction && o_.request_method == FhirRequestMethod::Post))
      w.str("id", uuid);  // a POSTed resource has no id of its own yet
    w.profile(type);
    return w;
  }
  static void end_entry(Writer& w) { w.end_obj().end_obj(); }

  /// One entry: `fill` writes the resource's own elements. Never called from inside `fill`.
  template <class F>
  void write_entry(std::string_view type, const std::string& uuid, std::string_view if_none_exist, F&& fill) {
    if (!first_) out_ += ',';
    first_ = false;
    Writer w(out_);
    entry(w, type, uuid, if_none_exist);
    fill(w);
    end_entry(w);
  }

  const std::string& patient(const std::string& client_id) {
    auto [it, fresh] = patient_uuid_.try_emplace(client_id);
    if (!fresh) return it->second;
    it->second = fhir_resource_uuid("Patient", client_id);
    const std::string uuid = it->second;
    const Client& c = m_.clients.at(client_id);
    std::string nhs;
    try {
      nhs = nhs_number_canonical(c.nhs_number);
    } catch (const Error& e) {
      throw ValidationError(c.id, "nhs_number", ErrorRule(e.rule()), e.detail());
    }
    std::string gp;
    if (!c.organisation.empty()) gp = org_ref(c.organisation);
    write_entry("Patient", uuid, "identifier=" + std::string(kNhsNumberSystem) + "|" + nhs, [&](Writer& w) {
      w.key("identifier").arr().obj().str("system", kNhsNumberSystem).str("value", nhs).end_obj().end_arr();
      if (!gp.empty()) w.key("generalPractitioner").arr().obj().key("reference").str("urn:uuid:" + gp).end_obj().end_arr();
    });
    return patient_uuid_[client_id];
  }

  std::string org_ref(const std::string& ods) {
    auto it = org_uuid_.find(ods);
    if (it != org_uuid_.end()) return it->second;
    const std::string uuid = fhir_resource_uuid("Organization", ods);
    org_uuid_[ods] = uuid;
    auto org = m_.organisations.find(ods);
    std::string parent;
    if (org != m_.organisations.end() && !org->second.parent_ods.empty()) parent = org_ref(org->second.parent_ods);
    write_entry("Organization", uuid, "identifier=" + std::string(kOdsSystem) + "|" + ods, [&](Writer& w) {
      w.key("identifier").arr().obj().str("system", kOdsSystem).str("value", ods).end_obj().end_arr();
      if (org != m_.organisations.end() && !org->second.name.empty()) w.str("name", org->second.name);
      if (!parent.empty()) w.ref("partOf", parent);
    });
    return uuid;
  }

  const std::string& practitioner(const std::string& coach_id) {
    auto [it, fresh] = coach_uuid_.try_emplace(coach_id);
    if (!fresh) return it->second;
    it->second = fhir_resource_uuid("Practitioner", coach_id);
    const std::string uuid = it->second;
    auto coach = m_.coaches.find(coach_id);
    write_entry("Practitioner", uuid, {}, [&](Writer& w) {
      if (coach != m_.coaches.end()) {
        w.boolean("active", coach->second.active);
        if (!coach->second.name.empty()) w.key("name").arr().obj().str("text", coach->second.name).end_obj().end_arr();
      }
    });
    write_entry("PractitionerRole", fhir_resource_uuid("PractitionerRole", coach_id), {}, [&](Writer& w) {
      if (coach != m_.coaches.end()) w.boolean("active", coach->second.active);
      w.ref("practitioner", uuid);
      w.key("code").arr().obj().str("text", "Health and wellbeing coach").end_obj().end_arr();
    });
    return coach_uuid_[coach_id];
  }

  void encounters() {
    std::vector<const Session*> order;
    order.reserve(m_.sessions.size());
    for (const auto& [id, s] : m_.sessions)
      if (patient_offers_.count(s.offer_id) && in_period(s.start, o_)) order.push_back(&s);
    std::sort(order.begin(), order.end(), [](const Session* a, const Session* b) {
      return a->start != b->start ? a->start < b->start : a->id < b->id;
    });
    for (const Session* s : order) {
      for (const Attendee& a : s->attendees) {
        const Client* c = exportable(a.client_id);
        if (!c) continue;
        const auto status = encounter_status(*s, a, o_.include_planned);
        if (!status) continue;
        const std::string& pat = patient(c->id);
        const std::string& prac = practitioner(s->coach_id);
        std::string provider;
        if (!c->organisation.empty()) provider = org_ref(c->organisation);
        const std::string key = s->id + '\0' + c->id;
        const std::string uuid = fhir_resource_uuid("Encounter", key);
        if (*status == "finished" && !a.referral_id.empty()) held_[a.referral_id].emplace_back(s->start, uuid);
        write_entry("Encounter", uuid, {}, [&](Writer& w) {
          w.str("status", *status);
          w.key("class");
          w.coding(kActCode, s->modality == Modality::FaceToFace ? "AMB" : "VR",
                   s->modality == Modality::FaceToFace ? "ambulatory" : "virtual");
          w.key("type").arr().obj().key("coding").arr();
          w.coding(kSnomed, kSeenByHwbc, "Seen by health and wellbeing coach");
          w.end_arr().end_obj().end_arr();
          w.ref("subject", pat);
          w.key("participant").arr().obj().key("type").arr().obj().key("coding").arr();
          w.coding(kParticipationType, "PPRF", "primary performer");
          w.end_arr().end_obj().end_arr().ref("individual", prac).end_obj().end_arr();
          w.key("period").obj().str("start", format_instant(s->start)).str("end", format_instant(s->end())).end_obj();
          if (!provider.empty()) w.ref("serviceProvider", provider);
        });
      }
    }
  }

  /// The Encounter of the latest session of the episode held at or before `at` that is in this
  /// bundle, or "" (only post-session questionnaires belong to a session).
  std::string encounter_of(const Response& r) {
    if (r.time_point != TimePoint::PostSession) return {};
    auto it = held_.find(r.referral_id);
    if (it == held_.end()) return {};
    const std::string* best = nullptr;
    Instant best_at(boost::posix_time::not_a_date_time);
    for (const auto& [start, uuid] : it->second)
      if (start <= r.recorded_at && (best == nullptr || best_at < start)) { best = &uuid; best_at = start; }
    return best ? *best : std::string();
  }

  void responses() {
    std::vector<const Response*> order;
    for (const auto& [id, r] : m_.responses) {
      if (!in_period(r.recorded_at, o_) || !exportable(r.client_id)) continue;
      auto ref = m_.referrals.find(r.referral_id);
      if (ref == m_.referrals.end() || !patient_offers_.count(ref->second.offer_id)) continue;
      order.push_back(&r);
    }
    std::sort(order.begin(), order.end(), [](const Response* a, const Response* b) {
      return a->recorded_at != b->recorded_at ? a->recorded_at < b->recorded_at : a->id < b->id;
    });
    for (const Response* r : order) {
      // The programme's own instrument, else the built-in (a stored response whose instrument is
      // gone, e.g. a definition broken by hand, is left out).
      const Instrument* found = find_instrument(m_.instruments, r->instrument_id);
      if (!found) continue;
      const Instrument& ins = *found;
      const std::string& pat = patient(r->client_id);
      const std::string enc = encounter_of(*r);
      const std::string qr = fhir_resource_uuid("QuestionnaireResponse", r->id);
      const std::string when = format_instant(r->recorded_at);
      write_entry("QuestionnaireResponse", qr, {}, [&](Writer& w) {
        w.str("status", "completed").ref("subject", pat);
        if (!enc.empty()) w.ref("encounter", enc);
        w.str("authored", when);
        w.key("item").arr();
        if (!r->scores.empty()) {  // scored elsewhere: the scale scores as given
          for (const auto& [scale, v] : r->scores) {
            w.obj().str("linkId", scale).str("text", ins.name() + ": " + scale + " scored elsewhere");
            w.key("answer").arr().obj().number("valueDecimal", v).end_obj().end_arr().end_obj();
          }
        } else if (ins.score_only() && r->recorded_score) {
          w.obj().str("linkId", "score").str("text", ins.name() + ": score recorded from a licensed tool");
          w.key("answer").arr().obj().number("valueDecimal", *r->recorded_score).end_obj().end_arr().end_obj();
        } else {
          const auto& items = ins.definition().items;
          for (std::size_t i = 0; i < r->answers.size(); ++i) {
            if (!r->answers[i]) continue;  // an unanswered item has no answer to give
            w.obj().str("linkId", std::to_string(i + 1));
            if (i < items.size() && !items[i].text.empty()) w.str("text", items[i].text);
            w.key("answer").arr().obj().integer("valueInteger", *r->answers[i]).end_obj().end_arr().end_obj();
          }
        }
        w.end_arr();
      });
      observations(*r, ins, pat, enc, qr, when);
    }
  }

  void observation(const std::string& key, const std::string& pat, const std::string& enc, const std::string& qr,
                   const std::string& when, const std::function<void(Writer&)>& code_and_value) {
    write_entry("Observation", fhir_resource_uuid("Observation", key), {}, [&](Writer& w) {
      w.str("status", "final");
      w.key("category").arr().obj().key("coding").arr();
      w.coding(kObservationCategory, "survey", "Survey");
      w.end_arr().end_obj().end_arr();
      code_and_value(w);
      w.ref("subject", pat);
      if (!enc.empty()) w.ref("encounter", enc);
      w.str("effectiveDateTime", when);
      w.key("derivedFrom").arr().obj().key("reference").str("urn:uuid:" + qr).end_obj().end_arr();
    });
  }

  static void quantity(Writer& w, const char* key, double v) {
    w.key(key).obj().number("value", v).str("unit", "{ScoreOf}").str("system", kUcum).str("code", "{ScoreOf}").end_obj();
  }

  void observations(const Response& r, const Instrument& ins, const std::string& pat, const std::string& enc,
                    const std::string& qr, const std::string& when) {
    const std::string id = ins.id();
    if (ins.score_only() && r.recorded_score) {  // PAM: a recorded score (one given as "scores" is below)
      const double v = *r.recorded_score;
      observation(r.id, pat, enc, qr, when, [&](Writer& w) {
        w.key("code").obj().str("text", id).end_obj();
        quantity(w, "valueQuantity", v);
      });
      if (id == "pam") {  // the level is coded; the score itself has no verified code
        const int level = pam_level(v);
        observation(r.id + std::string("\0level", 6), pat, enc, qr, when, [&](Writer& w) {
          w.key("code").obj().key("coding").arr();
          w.coding(kSnomed, kPamLevelSnomed);
          w.end_arr().str("text", "pam level").end_obj();
          quantity(w, "valueQuantity", level);
        });
      }
      return;
    }
    const Score sc = !r.scores.empty()
                         ? ins.record(std::map<std::string, double, std::less<>>(r.scores.begin(), r.scores.end()))
                         : ins.score(std::span<const std::optional<int>>(r.answers));
    if (!ins.definition().primary.empty()) {
      if (!sc.total) return;  // not scorable under the instrument's missing-item rule
      const ScoreCodes* codes = score_codes(id);
      observation(r.id, pat, enc, qr, when, [&](Writer& w) {
        w.key("code").obj();
        if (codes) {
          w.key("coding").arr();
          if (!codes->snomed.empty()) w.coding(kSnomed, codes->snomed);
          if (!codes->loinc.empty()) w.coding(kLoinc, codes->loinc);
          w.end_arr();
        }
        w.str("text", id).end_obj();
        quantity(w, "valueQuantity", *sc.total);
      });
      return;
    }
    // No primary scale (ONS4, CBI, experience): one Observation, a component per scored scale.
    if (std::none_of(sc.scales.begin(), sc.scales.end(), [](const ScaleScore& s) { return s.score.has_value(); })) return;
    observation(r.id, pat, enc, qr, when, [&](Writer& w) {
      w.key("code").obj().str("text", id).end_obj();
      w.key("component").arr();
      for (const ScaleScore& s : sc.scales) {
        if (!s.score) continue;
        w.obj().key("code").obj().str("text", id + " " + s.scale).end_obj();
        quantity(w, "valueQuantity", *s.score);
        w.end_obj();
      }
      w.end_arr();
    });
  }

  const Programme::Impl& m_;
  const FhirExportOptions& o_;
  std::string out_;
  bool first_ = true;
  std::unordered_set<std::string> patient_offers_;
  std::map<std::string, std::string> patient_uuid_;  // client id -> uuid (ordered: the log lists ids sorted)
  std::unordered_map<std::string, std::string> org_uuid_, coach_uuid_;
  std::unordered_map<std::string, std::vector<std::pair<Instant, std::string>>> held_;  // referral -> encounters
};

}  // namespace

std::string fhir_export(const Programme& programme, const Viewer& viewer, const FhirExportOptions& options) {
  validate(viewer);
  auto& m = detail::impl_of(programme);
  std::vector<std::string> scope{std::string("bundle:") + to_string(options.bundle_type)};
  if (!options.patient_id.empty()) scope.push_back("patient:" + options.patient_id);
  if (!options.from.is_not_a_date_time()) scope.push_back("from:" + format_instant(options.from));
  if (!options.to.is_not_a_date_time()) scope.push_back("to:" + format_instant(options.to));
  std::vector<std::string> patients;
  return m.audited(viewer, "export_fhir", std::move(scope), [&] {
    if (viewer.audience != Audience::ServiceManager)
      throw ForbiddenError("fhir_export", "viewer", "only the service manager exports records to the GP record",
                           "service_manager_only"_rule);
    if (options.from.is_special() != options.from.is_not_a_date_time() ||
        options.to.is_special() != options.to.is_not_a_date_time())
      throw ValidationError("fhir_export",
                            ErrorField(options.from.is_special() && !options.from.is_not_a_date_time() ? "from" : "to"),
                            "finite_instant"_rule, "a period bound is an instant or unset");
    if (!options.from.is_not_a_date_time() && !options.to.is_not_a_date_time() && options.to <= options.from)
      throw ValidationError("fhir_export", "to", "period_order"_rule, "the period ends after it starts");
    if (!options.patient_id.empty()) {
      auto it = m.clients.find(options.patient_id);
      if (it == m.clients.end())
        throw NotFoundError(options.patient_id, "patient_id", "no client '" + options.patient_id + "'");
      if (it->second.kind != ClientKind::Patient)
        throw ValidationError(options.patient_id, "patient_id", "patient_only"_rule,
                              "staff coaching never goes to the GP record");
      if (!it->second.consent.gp_record)
        throw ForbiddenError(options.patient_id, "consent.gp_record",
                             "the patient has not consented to coaching being recorded in the GP record",
                             "gp_record_consent"_rule);
    }
    return Exporter(m, options).run(patients);
  }, [&](const std::string&, std::vector<std::string>& records) {
    records.insert(records.end(), patients.begin(), patients.end());
  });
}

}  // namespace laycoach
