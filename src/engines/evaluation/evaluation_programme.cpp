// The programme front end of the evaluation engine: scopes records to the viewer, pairs each
// episode's baseline and follow-up responses, labels episodes for the breakdowns, computes the
// access figures, and hands contiguous columns to the kernel (evaluation_kernel.cpp). Records
// are read through a Source of pointers, so the same code runs on a ProgrammeData snapshot and,
// under the shared lock, on a live Programme's state.
#include "evaluation_impl.hpp"
#include "triage_figures.hpp"
#include "equity_value_impl.hpp"

#include "laycoach/access.hpp"
#include "laycoach/error.hpp"
#include "laycoach/instrument.hpp"
#include "laycoach/programme.hpp"
#include "programme_impl.hpp"
#include "usage_figures.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace laycoach {

// ---- names ---------------------------------------------------------------------------------------

namespace {
constexpr std::pair<Dimension, const char*> kDimensionNames[] = {
    {Dimension::ServiceLine, "service_line"},     {Dimension::Offer, "offer"},
    {Dimension::Pathway, "pathway"},              {Dimension::StaffGroup, "staff_group"},
    {Dimension::Sector, "sector"},                {Dimension::Organisation, "organisation"},
    {Dimension::EthnicityGroup, "ethnicity_group"}, {Dimension::Modality, "modality"},
    {Dimension::SessionsAttended, "sessions_attended"},
};
constexpr std::pair<FollowUpRule, const char*> kFollowUpNames[] = {
    {FollowUpRule::EndOfEpisode, "end_of_episode"},
    {FollowUpRule::LatestAfterSessions, "latest_after_sessions"},
    {FollowUpRule::EndOfEpisodeElseLatest, "end_of_episode_else_latest"},
    {FollowUpRule::FollowUp, "follow_up"},
};
}  // namespace

const char* to_string(Dimension d) noexcept {
  for (const auto& [v, n] : kDimensionNames)
    if (v == d) return n;
  return "unknown";
}
std::optional<Dimension> parse_dimension(std::string_view s) noexcept {
  for (const auto& [v, n] : kDimensionNames)
    if (s == n) return v;
  return std::nullopt;
}
std::vector<Dimension> all_dimensions() {
  std::vector<Dimension> v;
  for (const auto& [d, n] : kDimensionNames) v.push_back(d);
  return v;
}
const char* to_string(FollowUpRule r) noexcept {
  for (const auto& [v, n] : kFollowUpNames)
    if (v == r) return n;
  return "unknown";
}
std::optional<FollowUpRule> parse_follow_up_rule(std::string_view s) noexcept {
  for (const auto& [v, n] : kFollowUpNames)
    if (s == n) return v;
  return std::nullopt;
}

namespace {

using namespace eval;

// ---- record access ---------------------------------------------------------------------------------

struct Source {
  std::vector<const ServiceLine*> lines;
  std::vector<const Offer*> offers;
  std::vector<const Organisation*> organisations;
  std::vector<const Coach*> coaches;
  std::vector<const Client*> clients;
  std::vector<const Referral*> referrals;
  std::vector<const Session*> sessions;
  std::vector<const Response*> responses;
  std::vector<const Goal*> goals;
  std::vector<const OnwardReferral*> onward;
  SuppressionPolicy floor;      // the service's disclosure floor
  std::string_view secret;      // keys the records (cell key method)
  std::vector<const InboxReferral*> inbox;  // the single point of access (triage figures)
  // The value section's records.
  std::vector<const SupervisionRecord*> supervision;
  std::vector<const TrainingCohort*> cohorts;
  std::vector<const Trainee*> trainees;
  eval::UsageSource usage = {};  // usage tracking of people trained (usage_figures.hpp)
  InstrumentSet instruments = {};  // the programme's own instruments (find_instrument: then built-ins)
};





template <class T>
std::vector<const T*> ptrs(const std::vector<T>& v) {
  std::vector<const T*> out;
  out.reserve(v.size());
  for (const auto& x : v) out.push_back(&x);
  return out;
}
template <class K, class T>
std::vector<const T*> ptrs(const std::map<K, T>& m) {
  std::vector<const T*> out;
  out.reserve(m.size());
  for (const auto& [k, x] : m) out.push_back(&x);
  return out;
}

Source source_of(const ProgrammeData& d) {
  InstrumentSet own;
  for (const auto& x : d.instruments) {
    try {
      own.insert_or_assign(instrument_key(x.id), Instrument::from_json(x.definition));
    } catch (const Error&) {
      // A broken definition in a document: its responses are not evidence (as an unknown id).
    }
  }
  return {ptrs(d.catalogue.service_lines), ptrs(d.catalogue.offers), ptrs(d.organisations), ptrs(d.coaches),
          ptrs(d.clients),  ptrs(d.referrals), ptrs(d.sessions), ptrs(d.responses), ptrs(d.goals),
          ptrs(d.onward_referrals), d.disclosure_floor, process_secret(), ptrs(d.inbox), ptrs(d.supervision),
          ptrs(d.cohorts), ptrs(d.trainees),
          {ptrs(d.cohorts), ptrs(d.trainees), ptrs(d.usage_waves), ptrs(d.usage_invitations), ptrs(d.skill_share_sessions)},
          std::move(own)};
}
Source source_of(const Programme::Impl& m) {
  return {ptrs(m.lines),    ptrs(m.offers),    ptrs(m.organisations), ptrs(m.coaches), ptrs(m.clients),
          ptrs(m.referrals), ptrs(m.sessions), ptrs(m.responses),     ptrs(m.goals), ptrs(m.onward_referrals),
          m.disclosure_floor, m.secret, ptrs(m.inbox), ptrs(m.supervision), ptrs(m.cohorts), ptrs(m.trainees),
          {ptrs(m.cohorts), ptrs(m.trainees), ptrs(m.usage_waves), ptrs(m.usage_invitations),
           ptrs(m.skill_share_sessions)},
          m.instruments};
}

template <class T, class Key>
std::unordered_map<std::string_view, const T*> index_by(const std::vector<const T*>& v, Key key) {
  std::unordered_map<std::string_view, const T*> m;
  m.reserve(v.size());
  for (const T* x : v) m.emplace(key(*x), x);
  return m;
}
template <class M>
auto lookup(const M& m, std::string_view id) -> typename M::mapped_type {
  const auto it = m.find(id);
  return it == m.end() ? nullptr : it->second;
}

// ---- places and episodes -----------------------------------------------------------------------------

/// What happened to one client's place in one session.
enum class Outcome { Booked, Attended, ClientDna, CoachDna, Cancelled, Rescheduled };

Outcome outcome_of(const Session& s, const Attendee& a) {
  switch (s.status) {
    case SessionStatus::CoachDidNotAttend: return Outcome::CoachDna;
    case SessionStatus::CancelledByCoach: return Outcome::Cancelled;
    case SessionStatus::Rescheduled: return Outcome::Rescheduled;
    default: break;
  }
  switch (a.status) {
    case AttendeeStatus::Attended: return Outcome::Attended;
    case AttendeeStatus::DidNotAttend: return Outcome::ClientDna;
    case AttendeeStatus::Cancelled: return Outcome::Cancelled;
    case AttendeeStatus::Booked: break;
  }
  switch (s.status) {  // attendee still "booked": the session's own status decides
    case SessionStatus::Attended: return Outcome::Attended;
    case SessionStatus::ClientDidNotAttend: return Outcome::ClientDna;
    case SessionStatus::CancelledByClient: return Outcome::Cancelled;
    default: return Outcome::Booked;
  }
}

struct Place {
  const Session* session;
  const Attendee* attendee;
  Outcome outcome;
};

struct ScoredResponse {
  const Response* response;
  const Instrument* instrument;
  std::size_t offset;  // its scale scores: Engine::scores_[offset + scale index], NaN = not scorable
};

struct Episode {
  const Referral* referral = nullptr;
  const Client* client = nullptr;
  const Offer* offer = nullptr;
  std::vector<Place> places;       // by session start
  std::vector<Instant> attended;   // starts of attended places, ascending
  std::vector<Modality> attended_modality;
  std::vector<ScoredResponse> responses;  // by recorded_at, then id
  bool consented = true;
};

bool earlier(const Session* a, const Session* b) {
  return a->start != b->start ? a->start < b->start : a->id < b->id;
}

constexpr const char* kNotRecorded = "not_recorded";

std::string label_or(const std::string& s, const char* fallback) { return s.empty() ? fallback : s; }

std::string modality_label(const std::vector<Modality>& m, std::size_t upto) {
  if (upto == 0) return "none";
  for (std::size_t i = 1; i < upto; ++i)
    if (m[i] != m[0]) return "mixed";
  return to_string(m[0]);
}

std::string dose_label(std::size_t sessions, int max_dose) {
  if (static_cast<int>(sessions) >= max_dose) return std::to_string(max_dose) + "+";
  return std::to_string(sessions);
}

// ---- rota ----------------------------------------------------------------------------------------------

// Rota minutes and out of office hours are the domain's definitions (access.hpp).

// ---- the engine --------------------------------------------------------------------------------------

struct OutcomeSpec {
  const Instrument* instrument;
  std::string scale;
  bool explicit_request;
};

void check_options(const EvaluationOptions& o) {
  if (o.policy) validate(*o.policy);
  if (!(o.confidence > 0.0 && o.confidence < 1.0))
    throw ValidationError("evaluation_options", "confidence", "range"_rule, "confidence must be strictly between 0 and 1");
  if (o.max_dose < 2)
    throw ValidationError("evaluation_options", "max_dose", "range"_rule, "max_dose must be >= 2");
  if (o.pairing.min_sessions < 1)
    throw ValidationError("evaluation_options", "pairing.min_sessions", "range"_rule, "min_sessions must be >= 1");
  if (o.pairing.min_follow_up_weeks < 0)
    throw ValidationError("evaluation_options", "pairing.min_follow_up_weeks", "range"_rule,
                          "min_follow_up_weeks must be >= 0");
  if (o.pairing.baseline_grace_minutes < 0)
    throw ValidationError("evaluation_options", "pairing.baseline_grace_minutes", "range"_rule,
                          "baseline_grace_minutes must be >= 0");
  if (o.from && o.from->is_special())
    throw ValidationError("evaluation_options", "from", "instant_required"_rule, "from must be a finite instant");
  if (o.to && o.to->is_special())
    throw ValidationError("evaluation_options", "to", "instant_required"_rule, "to must be a finite instant");
  if (o.from && o.to && !(*o.from < *o.to))
    throw ValidationError("evaluation_options", "to", "period_order"_rule, "to must be later than from");
  if (o.equity) eval::check_equity_options(*o.equity);
  if (o.unit_costs) {
    validate(*o.unit_costs);
    // Costs are of the whole service; an employer's or a coach's share of them is not defined.
    if (o.viewer.audience == Audience::Employer || o.viewer.audience == Audience::Coach)
      throw ForbiddenError("evaluation_options", "unit_costs",
                           "the value section costs the whole service: ask as a service manager, commissioner or the public",
                           "value_audience"_rule);
  }
  std::set<Dimension> seen;
  for (const Dimension d : o.breakdowns)
    if (!seen.insert(d).second)
      throw ValidationError("evaluation_options", "breakdowns", "unique"_rule, std::string("breakdown '") + to_string(d) +
                                                                              "' is listed twice");
}

std::vector<OutcomeSpec> outcome_specs(const EvaluationOptions& o, const std::set<std::string>& present,
                                       const InstrumentSet& own) {
  const InstrumentLibrary& lib = InstrumentLibrary::builtin();
  std::vector<OutcomeSpec> specs;
  if (o.outcomes.empty()) {
    // Built-ins in library order, then the programme's own by id.
    for (const auto& id : lib.ids()) {
      if (id == "experience" || id == "goals" || !present.count(id)) continue;
      const Instrument& ins = lib.get(id);
      for (const auto& s : ins.definition().scales) specs.push_back({&ins, s.name, false});
    }
    for (const auto& [key, ins] : own) {
      if (!present.count(ins.id())) continue;
      for (const auto& s : ins.definition().scales) specs.push_back({&ins, s.name, false});
    }
    return specs;
  }
  for (std::size_t i = 0; i < o.outcomes.size(); ++i) {
    const std::string& spec = o.outcomes[i];
    const auto slash = spec.find('/');
    const std::string id = spec.substr(0, slash);
    const Instrument* found = find_instrument(own, id);
    if (!found)
      throw NotFoundError(id, ErrorField("outcomes[" + std::to_string(i) + "]"), "no instrument '" + id + "'");
    const Instrument& ins = *found;
    if (slash == std::string::npos) {
      for (const auto& s : ins.definition().scales) specs.push_back({&ins, s.name, true});
    } else {
      const std::string scale = spec.substr(slash + 1);
      ins.scale(scale);  // throws NotFoundError for an unknown scale
      specs.push_back({&ins, scale, true});
    }
  }
  return specs;
}

/// Codes and labels of one dimension over the episodes: labels sorted, codes per episode.
struct Coding {
  std::vector<std::string> labels;
  std::vector<std::int32_t> codes;
  std::vector<double> trend;
};

Coding code_labels(const std::vector<std::string>& per_episode) {
  Coding c;
  std::set<std::string> distinct(per_episode.begin(), per_episode.end());
  c.labels.assign(distinct.begin(), distinct.end());
  std::unordered_map<std::string_view, std::int32_t> idx;
  for (std::size_t i = 0; i < c.labels.size(); ++i) idx.emplace(c.labels[i], static_cast<std::int32_t>(i));
  c.codes.reserve(per_episode.size());
  for (const auto& s : per_episode) c.codes.push_back(idx.at(s));
  return c;
}

Coding code_dose(const std::vector<std::size_t>& sessions, int max_dose) {
  Coding c;
  for (int k = 1; k <= max_dose; ++k) {
    c.labels.push_back(dose_label(static_cast<std::size_t>(k), max_dose));
    c.trend.push_back(k);
  }
  c.codes.reserve(sessions.size());
  for (const std::size_t s : sessions)
    c.codes.push_back(s == 0 ? -1 : static_cast<std::int32_t>(std::min<std::size_t>(s, max_dose) - 1));
  return c;
}

class Engine {
 public:
  Engine(const Source& src, const EvaluationOptions& opt)
      : src_(src), opt_(opt), aggregate_(aggregate_only(opt.viewer.audience)),
        keyed_(aggregate_ || opt.policy.has_value()), keyer_(src.secret, keyed_) {}

  EvaluationReport run() {
    check_options(opt_);
    // The service's protection, not the caller's: an aggregate audience gets the floor, or a
    // stronger policy it asks for, never a weaker one.
    policy_ = opt_.policy.value_or(src_.floor);
    if (aggregate_) require_floor(policy_, src_.floor);
    check_viewer();
    index();
    collect_episodes();
    code_static_dimensions();
    EvaluationReport rep;
    rep.audience = opt_.viewer.audience;
    rep.viewer_id = opt_.viewer.id;
    rep.policy = policy_;
    rep.confidence = opt_.confidence;
    rep.pairing = opt_.pairing;
    rep.from = opt_.from;
    rep.to = opt_.to;
    long long excluded = 0;
    std::uint64_t excluded_key = 0;
    for (std::size_t k = 0; k < episodes_.size(); ++k) {
      excluded += !episodes_[k].consented;
      excluded_key += episodes_[k].consented ? 0 : episode_key_[k];
    }
    rep.consent_excluded = fig(static_cast<double>(excluded));
    rep.consent_excluded.key = excluded_key;
    rep.access = access();
    outcomes(rep);
    proportions(rep);
    rep.triage = triage();
    if (opt_.equity) rep.equity = equity(rep);
    if (opt_.unit_costs) rep.value = value(rep);
    rep.usage = eval::usage_report(src_.usage, opt_, keyer_);
    onward(rep);
    notes(rep);
    if (aggregate_) disclose(rep, policy_);
    else if (opt_.policy) disclose(rep, *opt_.policy);  // an exact audience previews a release
    return rep;
  }

 private:
  static constexpr std::int32_t kNone = -1;
  using Index = std::unordered_map<std::string_view, std::int32_t>;

  const Source& src_;
  const EvaluationOptions& opt_;
  const bool aggregate_;              // released to an aggregate audience: keyed and disclosed
  const bool keyed_;                  // records keyed: an aggregate release, or an exact audience's preview
  const Keyer keyer_;
  SuppressionPolicy policy_;          // the policy applied (aggregate audiences)
  std::vector<std::uint64_t> episode_key_;  // per episodes_ entry (0 for exact audiences)
  std::unordered_map<std::string_view, const Offer*> offers_;
  std::unordered_map<std::string_view, const Coach*> coaches_;
  Index client_index_;    // client id -> index in src_.clients
  Index referral_index_;  // referral id -> index in src_.referrals
  std::unordered_map<std::string_view, std::vector<const Referral*>> referrals_of_client_;  // built on demand
  std::vector<std::int32_t> episode_of_referral_;  // per src_.referrals index: episode index or kNone
  std::vector<Episode> episodes_;                   // in scope, by referral id
  std::vector<std::size_t> eligible_;               // episodes with evaluation consent, in order
  std::vector<Coding> static_codes_;                // per opt_.breakdowns entry: codes over eligible_ (empty for per-outcome dimensions)
  std::vector<double> scores_;                      // scale scores of the scored responses

  /// The single point of access's figures over the items in scope (triage_figures.cpp): received
  /// in the period; an employer's staff; for a coach, items whose referral has a session with them.
  TriageReport triage() const {
    std::set<std::string_view> coach_referrals;
    const bool coach = opt_.viewer.audience == Audience::Coach;
    if (coach)
      for (const Session* s : src_.sessions)
        if (s->coach_id == opt_.viewer.id)
          for (const Attendee& a : s->attendees) coach_referrals.insert(a.referral_id);
    std::vector<const InboxReferral*> items;
    for (const InboxReferral* x : src_.inbox) {
      const Client* c = client(x->client_id);
      if (!c || !client_in_scope(*c) || !in_period(x->received_at)) continue;
      if (coach && (x->referral_id.empty() || !coach_referrals.count(x->referral_id))) continue;
      items.push_back(x);
    }
    return eval::triage_figures(items, src_.sessions, keyer_);
  }

  bool in_period(Instant t) const {
    if (t.is_special()) return !opt_.from && !opt_.to;
    return (!opt_.from || t >= *opt_.from) && (!opt_.to || t < *opt_.to);
  }

  const Client* client(std::string_view id) const {
    const auto it = client_index_.find(id);
    return it == client_index_.end() ? nullptr : src_.clients[static_cast<std::size_t>(it->second)];
  }

  void check_viewer() const {
    const Viewer& v = opt_.viewer;
    switch (v.audience) {
      case Audience::Client:
        throw ForbiddenError(v.id, "viewer", "an evaluation is an aggregate report; a client audience may not request one");
      case Audience::Supervisor:
        throw ForbiddenError(v.id, "viewer", "a supervisor sees caseload metadata of their supervisees only, not an evaluation");
      case Audience::Practitioner:
        throw ForbiddenError(v.id, "viewer", "a practitioner sees the care plans shared with them only, not an evaluation");
      case Audience::Coach:
        if (std::none_of(src_.coaches.begin(), src_.coaches.end(), [&](const Coach* c) { return c->id == v.id; }))
          throw NotFoundError(v.id, "viewer", "a coach viewer names its coach id; no coach '" + v.id + "'");
        break;
      case Audience::Employer: {
        const bool known =
            !v.id.empty() &&
            (std::any_of(src_.organisations.begin(), src_.organisations.end(),
                         [&](const Organisation* o) { return o->ods_code == v.id; }) ||
             std::any_of(src_.clients.begin(), src_.clients.end(),
                         [&](const Client* c) { return c->organisation == v.id; }));
        if (!known)
          throw NotFoundError(v.id, "viewer", "an employer viewer names its ODS code; no organisation '" + v.id + "'");
        break;
      }
      default: break;
    }
  }

  void index() {
    offers_ = index_by(src_.offers, [](const Offer& o) -> std::string_view { return o.id; });
    coaches_ = index_by(src_.coaches, [](const Coach& c) -> std::string_view { return c.id; });
    client_index_.reserve(src_.clients.size());
    for (std::size_t i = 0; i < src_.clients.size(); ++i)
      client_index_.emplace(src_.clients[i]->id, static_cast<std::int32_t>(i));
    referral_index_.reserve(src_.referrals.size());
    for (std::size_t i = 0; i < src_.referrals.size(); ++i)
      referral_index_.emplace(src_.referrals[i]->id, static_cast<std::int32_t>(i));
  }

  /// The referral (index) a record belongs to: by its referral id; a record without one
  /// belongs to the client's latest referral requested at or before `at` (preferring one on
  /// `offer_id` when given), else the client's first. kNone when there is none.
  std::int32_t resolve(const std::string& client_id, const std::string& referral_id, Instant at,
                       const std::string& offer_id = {}) {
    if (!referral_id.empty()) {
      const auto it = referral_index_.find(referral_id);
      return it == referral_index_.end() ? kNone : it->second;
    }
    if (referrals_of_client_.empty()) {
      for (const Referral* r : src_.referrals) referrals_of_client_[r->client_id].push_back(r);
      for (auto& [c, v] : referrals_of_client_)
        std::sort(v.begin(), v.end(), [](const Referral* a, const Referral* b) {
          return a->requested_at != b->requested_at ? a->requested_at < b->requested_at : a->id < b->id;
        });
    }
    const auto it = referrals_of_client_.find(client_id);
    if (it == referrals_of_client_.end() || it->second.empty()) return kNone;
    const Referral* best = nullptr;
    for (int pass = 0; pass < 2 && !best; ++pass)
      for (const Referral* r : it->second) {
        if (pass == 0 && !offer_id.empty() && r->offer_id != offer_id) continue;
        if (at.is_special() || r->requested_at.is_special() || r->requested_at <= at) best = r;
      }
    if (!best) best = it->second.front();
    return referral_index_.at(best->id);
  }

  bool client_in_scope(const Client& c) const {
    return opt_.viewer.audience != Audience::Employer || c.organisation == opt_.viewer.id;
  }

  void collect_episodes() {
    // Episodes in scope, ordered by referral id (the same order whatever the source's order).
    std::vector<std::int32_t> refs;
    for (std::size_t i = 0; i < src_.referrals.size(); ++i) {
      const Referral* r = src_.referrals[i];
      const Client* c = client(r->client_id);
      if (!c || !client_in_scope(*c) || !in_period(r->requested_at)) continue;
      refs.push_back(static_cast<std::int32_t>(i));
    }
    std::sort(refs.begin(), refs.end(),
              [&](std::int32_t a, std::int32_t b) { return src_.referrals[a]->id < src_.referrals[b]->id; });
    std::vector<Episode> all(refs.size());
    std::vector<std::int32_t> ep(src_.referrals.size(), kNone);
    for (std::size_t k = 0; k < refs.size(); ++k) {
      const Referral* r = src_.referrals[static_cast<std::size_t>(refs[k])];
      Episode& e = all[k];
      e.referral = r;
      e.client = client(r->client_id);
      e.offer = lookup(offers_, r->offer_id);
      e.consented = !opt_.pairing.require_consent || e.client->consent.evaluation;
      ep[static_cast<std::size_t>(refs[k])] = static_cast<std::int32_t>(k);
    }
    // Places, in the source's order (sequential reads), then sorted per episode.
    for (const Session* s : src_.sessions)
      for (const Attendee& a : s->attendees) {
        const std::int32_t ri = resolve(a.client_id, a.referral_id, s->start, s->offer_id);
        if (ri == kNone || ep[static_cast<std::size_t>(ri)] == kNone) continue;
        all[static_cast<std::size_t>(ep[static_cast<std::size_t>(ri)])].places.push_back({s, &a, outcome_of(*s, a)});
      }
    const bool coach = opt_.viewer.audience == Audience::Coach;
    episode_of_referral_.assign(src_.referrals.size(), kNone);
    for (std::size_t k = 0; k < all.size(); ++k) {
      Episode& e = all[k];
      std::sort(e.places.begin(), e.places.end(),
                [](const Place& x, const Place& y) { return earlier(x.session, y.session); });
      // A coach's caseload: the episodes in which they have a session.
      if (coach && std::none_of(e.places.begin(), e.places.end(),
                                [&](const Place& p) { return p.session->coach_id == opt_.viewer.id; }))
        continue;
      for (const Place& p : e.places)
        if (p.outcome == Outcome::Attended) {
          e.attended.push_back(p.session->start);
          e.attended_modality.push_back(p.session->modality);
        }
      episode_of_referral_[static_cast<std::size_t>(refs[k])] = static_cast<std::int32_t>(episodes_.size());
      episodes_.push_back(std::move(e));
    }
    for (std::size_t k = 0; k < episodes_.size(); ++k)
      if (episodes_[k].consented) eligible_.push_back(k);
    episode_key_.resize(episodes_.size());
    for (std::size_t k = 0; k < episodes_.size(); ++k) episode_key_[k] = keyer_("episode", episodes_[k].referral->id);

    // Responses of consenting clients, scored once per scale, in batches per instrument.
    std::unordered_map<std::string_view, const Instrument*> instruments;
    std::map<const Instrument*, std::vector<std::pair<const Response*, Episode*>>> by_instrument;
    for (const Response* r : src_.responses) {
      const std::int32_t ri = resolve(r->client_id, r->referral_id, r->recorded_at);
      if (ri == kNone) continue;
      const std::int32_t ei = episode_of_referral_[static_cast<std::size_t>(ri)];
      if (ei == kNone) continue;
      Episode& e = episodes_[static_cast<std::size_t>(ei)];
      if (!e.consented) continue;
      auto it = instruments.find(r->instrument_id);
      if (it == instruments.end())
        it = instruments.emplace(r->instrument_id, find_instrument(src_.instruments, r->instrument_id)).first;
      if (it->second) by_instrument[it->second].emplace_back(r, &e);
    }
    for (const auto& [insp, rs] : by_instrument) {
      const Instrument& ins = *insp;
      const auto& scales = ins.definition().scales;
      const std::size_t base = scores_.size();
      scores_.resize(base + rs.size() * scales.size(), kNaN);
      score_responses(ins, rs, base);
      for (std::size_t i = 0; i < rs.size(); ++i)
        rs[i].second->responses.push_back({rs[i].first, &ins, base + i * scales.size()});
    }
    for (auto& e : episodes_)
      std::sort(e.responses.begin(), e.responses.end(), [](const ScoredResponse& a, const ScoredResponse& b) {
        return a.response->recorded_at != b.response->recorded_at ? a.response->recorded_at < b.response->recorded_at
                                                                  : a.response->id < b.response->id;
      });
  }

  /// Scores rs (all answers to `ins`) into scores_[base + i·scales + scale]; NaN where a
  /// response is not scorable under the missing-item policy. The batch path scores every scale
  /// of the instrument at once from an answer matrix; a response the batch rejects (answers
  /// that no longer fit the definition) is scored alone and skipped if it still fails.
  void score_responses(const Instrument& ins, const std::vector<std::pair<const Response*, Episode*>>& rs,
                       std::size_t base) {
    const auto& scales = ins.definition().scales;
    const std::size_t ns = scales.size();
    auto one = [&](std::size_t i) {
      const Response& r = *rs[i].first;
      ScoreOptions so;
      so.record = r.id;
      try {
        // Externally scored (scale scores given), recorded (PAM), or scored from the answers.
        const Score sc = !r.scores.empty()
                             ? ins.record(std::map<std::string, double, std::less<>>(r.scores.begin(), r.scores.end()), so)
                         : ins.score_only() ? (r.recorded_score ? ins.record(*r.recorded_score, {}, so) : Score{})
                                            : ins.score(std::span<const std::optional<int>>(r.answers), so);
        for (std::size_t k = 0; k < ns; ++k) {
          const ScaleScore* x = sc.find(scales[k].name);
          scores_[base + i * ns + k] = x && x->score ? *x->score : kNaN;
        }
      } catch (const ValidationError&) {
        // Not evidence: left NaN rather than failing the whole evaluation.
      }
    };
    if (ins.score_only()) {
      for (std::size_t i = 0; i < rs.size(); ++i) one(i);
      return;
    }
    const std::size_t items = ins.item_count();
    std::vector<int> matrix;
    matrix.reserve(rs.size() * items);
    bool shaped = true;
    std::vector<std::size_t> external;  // externally scored: a row of missing answers in the batch, then alone
    for (std::size_t i = 0; i < rs.size(); ++i) {
      const Response* r = rs[i].first;
      if (!r->scores.empty()) {
        external.push_back(i);
        matrix.insert(matrix.end(), items, kMissingAnswer);
        continue;
      }
      if (r->answers.size() != items) {
        shaped = false;
        break;
      }
      for (const auto& a : r->answers) matrix.push_back(a ? *a : kMissingAnswer);
    }
    try {
      if (!shaped) throw ValidationError("", "answers", "answer_count"_rule, "batch not rectangular");
      std::vector<double> out(rs.size());
      for (std::size_t k = 0; k < ns; ++k) {
        ins.score_batch(matrix, out, scales[k].name);
        for (std::size_t i = 0; i < rs.size(); ++i) scores_[base + i * ns + k] = out[i];
      }
      for (const std::size_t i : external) one(i);
    } catch (const ValidationError&) {
      for (std::size_t i = 0; i < rs.size(); ++i) one(i);
    }
  }

  // ---- access ----

  AccessReport access() const {
    AccessReport a;
    const Viewer& v = opt_.viewer;
    long long attended = 0, cdna = 0, kdna = 0, cancelled = 0, ooh = 0, held = 0, seen = 0;
    // Cell keys of the counts (aggregate audiences): places, sessions, clients, coaches.
    std::uint64_t k_att = 0, k_cdna = 0, k_kdna = 0, k_canc = 0, k_ooh = 0, k_held = 0, k_seen = 0;
    std::vector<char> client_seen(src_.clients.size(), 0);
    std::set<std::string_view> coaches;
    std::optional<Date> first_day, last_day;
    for (const Session* s : src_.sessions) {
      if (!in_period(s->start)) continue;
      if (v.audience == Audience::Coach && s->coach_id != v.id) continue;
      bool any = false, any_attended = false;
      for (const Attendee& at : s->attendees) {
        const auto ci = client_index_.find(at.client_id);
        if (ci == client_index_.end()) continue;
        if (!client_in_scope(*src_.clients[static_cast<std::size_t>(ci->second)])) continue;
        any = true;
        const std::uint64_t place = keyer_("place", s->id, at.client_id);
        switch (outcome_of(*s, at)) {
          case Outcome::Attended:
            ++attended;
            k_att += place;
            any_attended = true;
            if (!client_seen[static_cast<std::size_t>(ci->second)]) {
              client_seen[static_cast<std::size_t>(ci->second)] = 1;
              ++seen;
              k_seen += keyer_("client", at.client_id);
            }
            if (out_of_office_hours(s->start)) {
              ++ooh;
              k_ooh += place;
            }
            break;
          case Outcome::ClientDna: ++cdna; k_cdna += place; break;
          case Outcome::CoachDna: ++kdna; k_kdna += place; break;
          case Outcome::Cancelled: ++cancelled; k_canc += place; break;
          default: break;
        }
      }
      held += any_attended;
      k_held += any_attended ? keyer_("session", s->id) : 0;
      if (any && s->status != SessionStatus::Rescheduled) {
        coaches.insert(s->coach_id);
        const Date d = to_uk_local(s->start).date();
        if (!first_day || d < *first_day) first_day = d;
        if (!last_day || d > *last_day) last_day = d;
      }
    }
    std::vector<char> client_counted(src_.clients.size(), 0);
    long long clients = 0, first = 0, within = 0;
    std::uint64_t k_ref = 0, k_clients = 0, k_first = 0, k_within = 0, k_coaches = 0;
    for (std::size_t k = 0; k < episodes_.size(); ++k) {
      const Episode& e = episodes_[k];
      k_ref += episode_key_[k];
      const auto ci = static_cast<std::size_t>(client_index_.at(e.referral->client_id));
      if (!client_counted[ci]) {
        client_counted[ci] = 1;
        ++clients;
        k_clients += keyer_("client", e.referral->client_id);
      }
      for (const Place& p : e.places) {
        if (p.outcome == Outcome::Cancelled || p.outcome == Outcome::Rescheduled) continue;
        const Instant req = !p.session->requested_at.is_special() ? p.session->requested_at : e.referral->requested_at;
        if (req.is_special()) break;
        ++first;
        k_first += episode_key_[k];
        if (p.session->start - req <= boost::posix_time::hours(24)) {
          ++within;
          k_within += episode_key_[k];
        }
        break;
      }
    }
    for (const auto id : coaches) k_coaches += keyer_("coach", id);
    a.referrals = fig(static_cast<double>(episodes_.size()));
    a.clients = fig(static_cast<double>(clients));
    a.clients_seen = fig(static_cast<double>(seen));
    a.sessions = fig(static_cast<double>(held));
    a.attended = fig(static_cast<double>(attended));
    a.client_dna = fig(static_cast<double>(cdna));
    a.coach_dna = fig(static_cast<double>(kdna));
    a.appointments = fig(static_cast<double>(attended + cdna + kdna));
    a.cancelled = fig(static_cast<double>(cancelled));
    a.first_appointments = fig(static_cast<double>(first));
    a.within_24h = fig(static_cast<double>(within));
    a.out_of_hours = fig(static_cast<double>(ooh));
    a.coaches = fig(static_cast<double>(coaches.size()));
    a.referrals.key = k_ref;
    a.clients.key = k_clients;
    a.clients_seen.key = k_seen;
    a.sessions.key = k_held;
    a.attended.key = k_att;
    a.client_dna.key = k_cdna;
    a.coach_dna.key = k_kdna;
    a.appointments.key = k_att + k_cdna + k_kdna;
    a.cancelled.key = k_canc;
    a.first_appointments.key = k_first;
    a.within_24h.key = k_within;
    a.out_of_hours.key = k_ooh;
    a.coaches.key = k_coaches;
    fill_shares(a, kAccessShares, opt_.confidence);
    a.sessions_per_client = fig(seen == 0 ? kNaN : static_cast<double>(attended) / static_cast<double>(seen));
    a.sessions_per_coach =
        fig(coaches.empty() ? kNaN : static_cast<double>(held) / static_cast<double>(coaches.size()));

    // Utilisation: minutes of attended and booked sessions over rota minutes, per coach and in
    // total, over the period (or the UK local days of the sessions in scope). Rota minutes are
    // real minutes (laycoach::rota_minutes), as in the booking engine's access figures.
    Instant p0(boost::posix_time::not_a_date_time), p1(boost::posix_time::not_a_date_time);
    if (opt_.from) p0 = *opt_.from;
    else if (first_day) p0 = from_uk_local(LocalDateTime(*first_day)).value_or(Instant(*first_day));
    if (opt_.to) p1 = *opt_.to;
    else if (last_day) {
      const Date next = *last_day + boost::gregorian::days(1);
      p1 = from_uk_local(LocalDateTime(next)).value_or(Instant(next));
    }
    const bool dated = !p0.is_special() && !p1.is_special() && p0 < p1;
    std::unordered_map<std::string_view, CoachUtilisationReport> per;
    for (const auto id : coaches) {
      CoachUtilisationReport cu;
      cu.coach_id = std::string(id);
      const Coach* c = lookup(coaches_, id);
      if (c && dated) cu.rota_minutes = rota_minutes(c->rota, p0, p1);
      per.emplace(id, std::move(cu));
    }
    if (dated)
      for (const Session* s : src_.sessions) {
        const auto it = per.find(s->coach_id);
        if (it == per.end()) continue;
        // The domain's one definition of the diary time a session used (as booking's figures).
        const Offer* o = lookup(offers_, s->offer_id);
        it->second.occupied_minutes +=
            diary_minutes(s->status, s->start, s->minutes > 0 ? s->minutes : (o ? o->session_minutes : 0), p0, p1);
        if (s->start < p0 || !(s->start < p1)) continue;
        it->second.sessions += s->status == SessionStatus::Attended;
      }
    double rota_total = 0, occupied_total = 0;
    for (const auto id : coaches) {  // ordered by id
      CoachUtilisationReport& cu = per.at(id);
      cu.utilisation = cu.rota_minutes > 0 ? cu.occupied_minutes / cu.rota_minutes : kNaN;
      rota_total += cu.rota_minutes;
      occupied_total += cu.occupied_minutes;
      if (v.audience == Audience::ServiceManager || (v.audience == Audience::Coach && id == v.id))
        a.per_coach.push_back(cu);
    }
    a.rota_hours = fig(rota_total / 60.0);
    a.occupied_hours = fig(occupied_total / 60.0);
    a.utilisation = fig(rota_total > 0 ? occupied_total / rota_total : kNaN);
    return a;
  }

  // ---- labels ----

  std::string static_label(const Episode& e, Dimension d) const {
    switch (d) {
      case Dimension::ServiceLine: return e.offer ? e.offer->service_line_id : kNotRecorded;
      case Dimension::Offer: return e.referral->offer_id;
      case Dimension::Pathway: return e.offer && e.offer->ethnically_diverse_pathway ? "ethnically_diverse" : "standard";
      case Dimension::StaffGroup: return label_or(e.client->staff_group, kNotRecorded);
      case Dimension::Sector: return label_or(e.client->sector, kNotRecorded);
      case Dimension::Organisation: return label_or(e.client->organisation, kNotRecorded);
      case Dimension::EthnicityGroup: return label_or(e.client->ethnicity_group, "not_stated");
      default: return {};
    }
  }

  static bool per_outcome(Dimension d) { return d == Dimension::Modality || d == Dimension::SessionsAttended; }

  /// Labels and codes of the dimensions that do not depend on the outcome, once, over the
  /// eligible episodes (so every outcome's table lists the same groups).
  void code_static_dimensions() {
    for (const Dimension d : opt_.breakdowns) {
      if (per_outcome(d)) {
        static_codes_.emplace_back();
        continue;
      }
      std::vector<std::string> labels;
      labels.reserve(eligible_.size());
      for (const std::size_t k : eligible_) labels.push_back(static_label(episodes_[k], d));
      static_codes_.push_back(code_labels(labels));
    }
  }

  /// Column breakdowns for a subset of the eligible episodes (positions `pos` in eligible_);
  /// `upto[i]` = attended sessions counted for that episode.
  std::vector<Coding> codings(const std::vector<std::size_t>& pos, const std::vector<std::size_t>& upto) const {
    std::vector<Coding> out;
    for (std::size_t k = 0; k < opt_.breakdowns.size(); ++k) {
      const Dimension d = opt_.breakdowns[k];
      if (d == Dimension::SessionsAttended) {
        out.push_back(code_dose(upto, opt_.max_dose));
      } else if (d == Dimension::Modality) {
        std::vector<std::string> labels;
        labels.reserve(pos.size());
        for (std::size_t i = 0; i < pos.size(); ++i)
          labels.push_back(modality_label(episodes_[eligible_[pos[i]]].attended_modality, upto[i]));
        out.push_back(code_labels(labels));
      } else {
        Coding c;
        c.labels = static_codes_[k].labels;
        c.codes.reserve(pos.size());
        for (const std::size_t p : pos) c.codes.push_back(static_codes_[k].codes[p]);
        out.push_back(std::move(c));
      }
    }
    return out;
  }

  std::vector<ColumnBreakdown> columns(const std::vector<Coding>& cs) const {
    std::vector<ColumnBreakdown> out;
    for (std::size_t k = 0; k < cs.size(); ++k)
      out.push_back({to_string(opt_.breakdowns[k]), cs[k].codes, cs[k].labels, cs[k].trend});
    return out;
  }

  // ---- pairing ----

  struct Pair {
    const ScoredResponse* baseline = nullptr;
    const ScoredResponse* follow_up = nullptr;
  };

  double scale_score(const ScoredResponse& r, std::size_t scale) const { return scores_[r.offset + scale]; }

  /// Baseline and follow-up of one episode for one scale. `cand` is scratch space.
  Pair pair(const Episode& e, const Instrument& ins, std::size_t scale,
            std::vector<const ScoredResponse*>& cand) const {
    Pair p;
    if (e.attended.empty()) return p;
    const Instant first = e.attended.front();
    const Instant base_limit = first + boost::posix_time::minutes(opt_.pairing.baseline_grace_minutes);
    cand.clear();
    for (const auto& r : e.responses)
      if (r.instrument == &ins && !std::isnan(scale_score(r, scale))) cand.push_back(&r);
    for (const auto* r : cand)
      if (r->response->recorded_at <= base_limit) p.baseline = r;  // ascending: the last wins
    auto after_start = [&](const ScoredResponse* r) {
      return r->response->recorded_at > first &&
             (!p.baseline || r->response->recorded_at > p.baseline->response->recorded_at);
    };
    auto latest = [&](auto pred) -> const ScoredResponse* {
      const ScoredResponse* best = nullptr;
      for (const auto* r : cand)
        if (after_start(r) && pred(*r)) best = r;
      return best;
    };
    auto end_of_episode = [&] {
      return latest([](const ScoredResponse& r) { return r.response->time_point == TimePoint::EndOfEpisode; });
    };
    auto after_sessions = [&]() -> const ScoredResponse* {
      const auto n = static_cast<std::size_t>(opt_.pairing.min_sessions);
      if (e.attended.size() < n) return nullptr;
      const Instant nth = e.attended[n - 1];
      return latest([&](const ScoredResponse& r) {
        const TimePoint tp = r.response->time_point;
        return (tp == TimePoint::PostSession || tp == TimePoint::EndOfEpisode) && r.response->recorded_at > nth;
      });
    };
    switch (opt_.pairing.follow_up) {
      case FollowUpRule::EndOfEpisode: p.follow_up = end_of_episode(); break;
      case FollowUpRule::LatestAfterSessions: p.follow_up = after_sessions(); break;
      case FollowUpRule::EndOfEpisodeElseLatest:
        p.follow_up = end_of_episode();
        if (!p.follow_up) p.follow_up = after_sessions();
        break;
      case FollowUpRule::FollowUp:
        for (const auto* r : cand)
          if (after_start(r) && r->response->time_point == TimePoint::FollowUp &&
              r->response->follow_up_weeks >= opt_.pairing.min_follow_up_weeks) {
            p.follow_up = r;  // the earliest
            break;
          }
        break;
    }
    return p;
  }

  void outcomes(EvaluationReport& rep) const {
    std::set<std::string> present;
    for (const std::size_t k : eligible_)
      for (const auto& r : episodes_[k].responses) present.insert(r.instrument->id());
    std::vector<const ScoredResponse*> scratch;
    for (const OutcomeSpec& spec : outcome_specs(opt_, present, src_.instruments)) {
      const Instrument& ins = *spec.instrument;
      const ScaleDef& sd = ins.scale(spec.scale);
      const auto& defs = ins.definition().scales;
      const auto scale_idx = static_cast<std::size_t>(
          std::find_if(defs.begin(), defs.end(), [&](const ScaleDef& x) { return x.name == spec.scale; }) - defs.begin());
      std::vector<double> before, after;
      std::vector<std::uint64_t> keys;
      std::vector<std::size_t> pos, upto;
      long long with_base = 0, with_follow = 0;
      std::uint64_t all_key = 0, base_key = 0, follow_key = 0;
      for (std::size_t i = 0; i < eligible_.size(); ++i) {
        const Episode& e = episodes_[eligible_[i]];
        const std::uint64_t key = episode_key_[eligible_[i]];
        const Pair p = pair(e, ins, scale_idx, scratch);
        with_base += p.baseline != nullptr;
        with_follow += p.follow_up != nullptr;
        all_key += key;
        base_key += p.baseline ? key : 0;
        follow_key += p.follow_up ? key : 0;
        if (!p.baseline || !p.follow_up) continue;
        before.push_back(scale_score(*p.baseline, scale_idx));
        after.push_back(scale_score(*p.follow_up, scale_idx));
        if (keyed_) keys.push_back(key);
        pos.push_back(i);
        const Instant at = p.follow_up->response->recorded_at;
        upto.push_back(static_cast<std::size_t>(
            std::lower_bound(e.attended.begin(), e.attended.end(), at) - e.attended.begin()));
      }
      if (before.empty() && !spec.explicit_request) continue;
      const std::vector<Coding> cs = codings(pos, upto);
      const std::vector<ColumnBreakdown> cols = columns(cs);
      ColumnOutcome co;
      co.name = ins.id() + "/" + spec.scale;
      co.before = before;
      co.after = after;
      if (sd.reliability) co.reliability = *sd.reliability;
      if (sd.meaningful_change) co.meaningful_change = *sd.meaningful_change;
      co.higher_is_better = sd.higher_is_better;
      co.range = ins.range(spec.scale);
      co.record_keys = keys;
      ColumnOptions copt;
      copt.confidence = opt_.confidence;
      copt.wilcoxon = opt_.wilcoxon;
      copt.group_differences = opt_.group_differences;
      OutcomeReport r = evaluate_columns(co, cols, copt);
      r.instrument_id = ins.id();
      r.scale = spec.scale;
      r.name = ins.definition().scales.size() > 1 ? ins.name() + " - " + spec.scale : ins.name();
      r.registered = !InstrumentLibrary::builtin().contains(ins.id());
      r.validation = ins.definition().validation;
      r.episodes = fig(static_cast<double>(eligible_.size()));
      r.with_baseline = fig(static_cast<double>(with_base));
      r.with_follow_up = fig(static_cast<double>(with_follow));
      r.episodes.key = all_key;
      r.with_baseline.key = base_key;
      r.with_follow_up.key = follow_key;
      rep.outcomes.push_back(std::move(r));
    }
  }

  // ---- proportions ----

  static std::size_t primary_index(const Instrument& ins) {
    const auto& defs = ins.definition().scales;
    for (std::size_t k = 0; k < defs.size(); ++k)
      if (defs[k].name == ins.definition().primary) return k;
    return 0;
  }

  void proportions(EvaluationReport& rep) const {
    std::vector<std::size_t> pos(eligible_.size()), upto(eligible_.size());
    for (std::size_t i = 0; i < eligible_.size(); ++i) {
      pos[i] = i;
      upto[i] = episodes_[eligible_[i]].attended.size();
    }
    struct Measure {
      const char* id;
      const char* name;
      std::vector<std::int8_t> values;
    };
    std::vector<Measure> ms = {
        {"satisfied", "Overall satisfied with the coaching (agree or strongly agree)", {}},
        {"listened_supported", "Felt listened to and supported (agree or strongly agree)", {}},
        {"move_forward", "Feel able to move forward (agree or strongly agree)", {}},
        {"goals_achieved", "Achieved one or more goals", {}},
    };
    static constexpr const char* kExperienceScales[] = {"satisfied", "listened_supported", "move_forward"};
    std::unordered_map<std::string_view, std::vector<const Goal*>> goals;
    for (const Goal* g : src_.goals) goals[g->referral_id].push_back(g);
    for (const std::size_t k : eligible_) {
      const Episode* e = &episodes_[k];
      // Experience: the episode's latest scorable experience response.
      const ScoredResponse* exp = nullptr;
      const ScoredResponse* goal_resp = nullptr;
      for (const auto& r : e->responses) {
        if (r.instrument->id() == "experience") exp = &r;
        if (r.instrument->id() == "goals" && !std::isnan(scale_score(r, primary_index(*r.instrument)))) goal_resp = &r;
      }
      for (std::size_t m = 0; m < 3; ++m) {
        std::int8_t val = -1;
        if (exp) {
          const auto& defs = exp->instrument->definition().scales;
          for (std::size_t k = 0; k < defs.size(); ++k)
            if (defs[k].name == kExperienceScales[m] && !std::isnan(scale_score(*exp, k)))
              val = exp->instrument->band(scale_score(*exp, k), defs[k].name) == "agree" ? 1 : 0;
        }
        ms[m].values.push_back(val);
      }
      // Goals: any goal record of the episode achieved, or the goals instrument's count >= 1.
      std::int8_t g = -1;
      if (const auto it = goals.find(e->referral->id); it != goals.end() && !it->second.empty()) {
        g = std::any_of(it->second.begin(), it->second.end(),
                        [](const Goal* x) { return x->attainment == GoalAttainment::Achieved; })
                ? 1
                : 0;
      }
      if (goal_resp)
        g = std::max<std::int8_t>(g, scale_score(*goal_resp, primary_index(*goal_resp->instrument)) >= 1.0 ? 1 : 0);
      ms[3].values.push_back(g);
    }
    const std::vector<Coding> cs = codings(pos, upto);
    const std::vector<ColumnBreakdown> cols = columns(cs);
    std::vector<std::uint64_t> keys;
    if (keyed_)
      for (const std::size_t k : eligible_) keys.push_back(episode_key_[k]);
    for (auto& m : ms) {
      if (std::none_of(m.values.begin(), m.values.end(), [](std::int8_t x) { return x >= 0; })) continue;
      ProportionTable t = evaluate_proportion_columns(m.id, m.values, cols, opt_.confidence, keys);
      t.name = m.name;
      rep.proportions.push_back(std::move(t));
    }
  }

  // ---- equity and value (equity_value.cpp computes; these gather the records) ----

  /// The outcome of the equity or value section: `asked` ("instrument/scale"), else the report's
  /// first outcome with a reliability; empty when there is none.
  std::string section_outcome(const std::string& asked, const EvaluationReport& rep, const char* field) const {
    if (asked.empty()) {
      for (const auto& o : rep.outcomes)
        if (std::isfinite(o.reliability)) return o.outcome;
      return {};
    }
    EvaluationOptions one;
    one.outcomes = {asked};
    std::vector<OutcomeSpec> specs;
    try {
      specs = outcome_specs(one, {}, src_.instruments);
    } catch (const Error& e) {
      throw_error(e.code(), "evaluation_options", ErrorField(field), ErrorRule(e.rule()), e.detail());
    }
    if (specs.size() != 1)
      throw ValidationError("evaluation_options", ErrorField(field), "one_scale"_rule,
                            "name one scale as \"instrument/scale\": '" + asked + "' has " + std::to_string(specs.size()));
    if (!specs[0].instrument->scale(specs[0].scale).reliability)
      throw ValidationError("evaluation_options", ErrorField(field), "no_reliability"_rule,
                            "'" + asked + "' has no reliability, so no reliable improvement can be counted");
    return specs[0].instrument->id() + "/" + specs[0].scale;
  }

  /// Per eligible episode paired on `outcome`: position in eligible_ and reliable improvement
  /// (Jacobson–Truax on everyone's baseline SD, as the outcome's overall row).
  std::vector<std::pair<std::size_t, bool>> reliable_pairs(const std::string& outcome) const {
    std::vector<std::pair<std::size_t, bool>> out;
    if (outcome.empty()) return out;
    const auto slash = outcome.find('/');
    const Instrument& ins = *find_instrument(src_.instruments, outcome.substr(0, slash));
    const std::string scale = outcome.substr(slash + 1);
    const ScaleDef& sd = ins.scale(scale);
    const auto& defs = ins.definition().scales;
    const auto idx = static_cast<std::size_t>(
        std::find_if(defs.begin(), defs.end(), [&](const ScaleDef& x) { return x.name == scale; }) - defs.begin());
    std::vector<const ScoredResponse*> scratch;
    std::vector<double> before, after;
    for (std::size_t i = 0; i < eligible_.size(); ++i) {
      const Pair p = pair(episodes_[eligible_[i]], ins, idx, scratch);
      if (!p.baseline || !p.follow_up) continue;
      before.push_back(scale_score(*p.baseline, idx));
      after.push_back(scale_score(*p.follow_up, idx));
      out.emplace_back(i, false);
    }
    if (!sd.reliability || before.size() < 2) return out;
    const double thr = stats::reliable_change_threshold(stats::sd(before), *sd.reliability);
    for (std::size_t k = 0; k < out.size(); ++k) {
      const double d = after[k] - before[k];
      out[k].second = sd.higher_is_better ? d > thr : d < -thr;
    }
    return out;
  }

  EquityReport equity(const EvaluationReport& rep) const {
    static constexpr Dimension kDims[] = {Dimension::StaffGroup, Dimension::EthnicityGroup, Dimension::Sector,
                                          Dimension::Organisation};  // equity_dimensions() order
    EquityInput in;
    in.outcome = section_outcome(opt_.equity->outcome, rep, "equity/outcome");
    auto labels = [&](const Episode& e) {
      std::vector<std::string> l;
      for (const Dimension d : kDims) l.push_back(static_label(e, d));
      return l;
    };
    std::unordered_set<std::string_view> seen;
    for (const Episode& e : episodes_)
      if (seen.insert(e.referral->client_id).second)
        in.clients.push_back({labels(e), keyer_("client", e.referral->client_id)});
    for (const auto& [i, improved] : reliable_pairs(in.outcome)) {
      in.paired.push_back({labels(episodes_[eligible_[i]]), episode_key_[eligible_[i]]});
      in.improved.push_back(improved);
    }
    return equity_report(*opt_.equity, in, opt_.confidence);
  }

  bool date_in_period(Date d) const {
    if (d.is_special()) return !opt_.from && !opt_.to;
    const std::optional<Instant> t = from_uk_local(LocalDateTime(d));
    return t && in_period(*t);
  }

  ValueReport value(const EvaluationReport& rep) const {
    ValueInput in;
    for (const Session* s : src_.sessions) {
      if (!in_period(s->start)) continue;
      bool spent = false, held = false;
      for (const Attendee& at : s->attendees) {
        if (!client_index_.count(at.client_id)) continue;
        const Outcome o = outcome_of(*s, at);
        spent = spent || o == Outcome::Attended || o == Outcome::ClientDna;
        held = held || o == Outcome::Attended;
      }
      if (!spent) continue;
      const Offer* o = lookup(offers_, s->offer_id);
      const Coach* c = lookup(coaches_, s->coach_id);
      in.sessions.push_back({c ? c->band : std::string(), s->modality,
                             static_cast<double>(s->minutes > 0 ? s->minutes : (o ? o->session_minutes : 0)), held,
                             keyer_("session", s->id)});
    }
    std::unordered_set<std::string_view> cohorts;
    for (const TrainingCohort* c : src_.cohorts)
      if (date_in_period(c->start)) cohorts.insert(c->id);
    for (const Trainee* t : src_.trainees)
      if (cohorts.count(t->cohort_id)) in.trainees.push_back({static_cast<double>(t->days_attended), keyer_("trainee", t->id)});
    for (const SupervisionRecord* r : src_.supervision)
      if (date_in_period(r->date)) in.supervision.push_back({static_cast<double>(r->minutes), keyer_("supervision", r->id)});
    for (std::size_t k = 0; k < episodes_.size(); ++k)
      if (episodes_[k].referral->closed && !episodes_[k].attended.empty()) {
        ++in.completed;
        in.completed_key += episode_key_[k];
      }
    in.outcome = section_outcome(opt_.unit_costs->outcome, rep, "unit_costs/outcome");
    if (!in.outcome.empty()) {
      long long n = 0;
      std::uint64_t key = 0;
      for (const auto& [i, improved] : reliable_pairs(in.outcome))
        if (improved) {
          ++n;
          key += episode_key_[eligible_[i]];
        }
      in.improved = fig(static_cast<double>(n));
      in.improved.key = key;
    }
    return value_report(*opt_.unit_costs, in);
  }

  // ---- onward referral and goals at the end of coaching (docs/care-plan.md) ----

  void onward(EvaluationReport& rep) const {
    std::vector<EndedEpisode> ended;
    for (const std::size_t k : eligible_) {
      const Episode& e = episodes_[k];
      if (e.referral->closed) ended.push_back({e.referral->id, e.referral->client_id});
    }
    rep.onward = onward_report(ended, src_.onward, src_.goals, keyer_, opt_.confidence);
  }

  void notes(EvaluationReport& rep) const {
    if (rep.equity)
      rep.notes.push_back("Access equity: uptake = clients reached / the population supplied per group; representation = "
                          "the group's uptake / the other listed groups' uptake with Katz's log interval "
                          "(docs/equity-and-value.md).");
    if (rep.value)
      rep.notes.push_back("Value: unit costs from " + rep.value->source + " (prices " + rep.value->price_year +
                          "); low and high put every unit cost at its low or high end (docs/equity-and-value.md).");
    for (const auto& o : rep.outcomes)
      if (o.overall.below_recommended)
        rep.notes.push_back(o.outcome + ": fewer than 30 people with both a baseline and a follow-up; Warwick "
                                        "recommend at least 30 before reporting change.");
    rep.notes.push_back(std::string("Pairing: baseline = last response before the first attended session; follow-up = ") +
                        to_string(opt_.pairing.follow_up) + " (min_sessions " +
                        std::to_string(opt_.pairing.min_sessions) + "). Change = follow-up - baseline.");
    if (aggregate_)
      rep.notes.push_back(
          "Disclosure control (docs/disclosure.md): counts of 1-" + std::to_string(policy_.min_count - 1) +
          " shown as *; other counts " +
          (policy_.cell_key ? "perturbed by up to " + std::to_string(policy_.max_perturbation) + " (cell key method) and "
                            : std::string()) +
          "rounded to the nearest " + std::to_string(policy_.round_to) +
          "; means and SDs carry a small bounded perturbation; tests, intervals and effect sizes are computed from "
          "the figures shown; percentages are the shown counts' ratio, and their intervals cover every exact "
          "count the shown ones allow, so they contain the exact value.");
  }
};

}  // namespace

EvaluationReport evaluate(const ProgrammeData& data, const EvaluationOptions& options) {
  const Source src = source_of(data);
  return Engine(src, options).run();
}

EvaluationReport evaluate(const Programme& programme, const EvaluationOptions& options) {
  const Programme::Impl& m = laycoach::detail::impl_of(programme);
  auto lock = laycoach::detail::impl_of(programme).read();
  const Source src = source_of(m);
  return Engine(src, options).run();
}

}  // namespace laycoach
