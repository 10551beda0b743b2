// The personalised care and support plan (versioned), its consented shares with practitioners,
// onward referrals, and the one rule of an episode's agreed number of sessions.
#include <algorithm>

#include "laycoach/limits.hpp"
#include "lookup.hpp"
#include "programme_impl.hpp"

namespace laycoach {

using namespace detail;

// ============================================================================ the agreed dose

std::optional<int> agreed_sessions(const ProgrammeState& st, const std::string& referral_id) {
  if (auto v = st.plan_versions.find(referral_id); v != st.plan_versions.end() && !v->second.empty())
    if (auto plan = st.care_plans.find(v->second.rbegin()->second); plan != st.care_plans.end())
      return plan->second.agreed_sessions;
  auto r = st.referrals.find(referral_id);
  if (r == st.referrals.end()) return std::nullopt;
  if (r->second.sessions_wanted) return r->second.sessions_wanted;
  if (auto o = st.offers.find(r->second.offer_id); o != st.offers.end()) return o->second.agreed_sessions;
  return std::nullopt;
}

std::optional<int> Programme::agreed_sessions(const std::string& referral_id) const {
  auto lock = impl_->read();
  find_or_throw(impl_->referrals, referral_id, "referral");
  return ::laycoach::agreed_sessions(*impl_, referral_id);
}

// ============================================================================ rules

namespace {
ErrorField item(const char* array, std::size_t i) { return ErrorField(std::string(array) + "/" + std::to_string(i)); }

// The episode a record names: it exists and is the client's.
const Referral& episode_of(const ProgrammeState& st, const std::string& record, const std::string& client_id,
                           const std::string& referral_id) {
  find_or_throw(st.clients, client_id, "client", record, "client_id");
  const Referral& r = find_or_throw(st.referrals, referral_id, "referral", record, "referral_id");
  if (r.client_id != client_id)
    throw ValidationError(record, "referral_id", "referral_matches"_rule, "the referral belongs to another client");
  return r;
}

void require_instant(const std::string& record, const char* field, Instant t) {
  if (t.is_special())
    throw ValidationError(record, ErrorField(std::string(field)), "instant_required"_rule, std::string(field) + " is required");
}

// Not before the episode began (the referral's request), when that is known.
void not_before_episode(const std::string& record, const char* field, Instant t, const Referral& r) {
  if (!r.requested_at.is_special() && t < r.requested_at)
    throw ValidationError(record, ErrorField(std::string(field)), "within_episode"_rule,
                          std::string(field) + " is before the episode began (" + format_instant(r.requested_at) + ")");
}
}  // namespace

bool Programme::Impl::coach_in_episode(const std::string& coach_id, const std::string& referral_id) const {
  auto r = referrals.find(referral_id);
  if (r == referrals.end() || !has_session_with(coach_id, r->second.client_id)) return false;
  for (const auto& [id, s] : sessions)
    if (s.coach_id == coach_id)
      for (const auto& a : s.attendees)
        if (a.referral_id == referral_id) return true;
  return false;
}

void Programme::Impl::check_care_plan(const CarePlan& p, bool is_new) const {
  check_length(p.id, kMaxIdBytes, p.id, "id");
  check_length(p.client_id, kMaxIdBytes, p.id, "client_id");
  check_length(p.referral_id, kMaxIdBytes, p.id, "referral_id");
  check_length(p.agreed_by, kMaxIdBytes, p.id, "agreed_by");
  check_length(p.what_matters, kMaxTextBytes, p.id, "what_matters");
  for (std::size_t i = 0; i < p.goals.size(); ++i) check_length(p.goals[i], kMaxTextBytes, p.id, item("goals", i));
  for (std::size_t i = 0; i < p.goal_ids.size(); ++i) check_length(p.goal_ids[i], kMaxIdBytes, p.id, item("goal_ids", i));
  for (std::size_t i = 0; i < p.actions.size(); ++i) check_length(p.actions[i], kMaxTextBytes, p.id, item("actions", i));
  check_new_or_existing(care_plans, p.id, "care plan", is_new);
  const Referral& r = episode_of(*this, p.id, p.client_id, p.referral_id);
  if (p.version < 1) throw ValidationError(p.id, "version", "positive"_rule, "plan versions count from 1");
  if (auto v = plan_versions.find(p.referral_id); v != plan_versions.end()) {
    auto same = v->second.find(p.version);
    if (same != v->second.end() && same->second != p.id)
      throw ConflictError(p.id, "version", "version_unique"_rule,
                          "the episode already has version " + std::to_string(p.version) + " ('" + same->second + "')");
  }
  if (p.agreed_sessions < 1)
    throw ValidationError(p.id, "agreed_sessions", "positive"_rule, "agreed sessions must be at least 1");
  require_instant(p.id, "agreed_at", p.agreed_at);
  not_before_episode(p.id, "agreed_at", p.agreed_at, r);
  find_or_throw(coaches, p.agreed_by, "coach", p.id, "agreed_by");
  if (p.goals.empty() && p.goal_ids.empty())
    throw ValidationError(p.id, "goals", "goals_required"_rule, "a plan holds the person's goals (text or goal ids)");
  for (std::size_t i = 0; i < p.goals.size(); ++i)
    if (p.goals[i].empty()) throw ValidationError(p.id, item("goals", i), "text_required"_rule, "a goal item is empty");
  for (std::size_t i = 0; i < p.actions.size(); ++i)
    if (p.actions[i].empty()) throw ValidationError(p.id, item("actions", i), "text_required"_rule, "an action is empty");
  for (std::size_t i = 0; i < p.goal_ids.size(); ++i) {
    const Goal& g = find_or_throw(goals, p.goal_ids[i], "goal", p.id, item("goal_ids", i).str());
    if (g.client_id != p.client_id || (!g.referral_id.empty() && g.referral_id != p.referral_id))
      throw ValidationError(p.id, item("goal_ids", i), "goal_of_episode"_rule,
                            "goal '" + g.id + "' is not a goal of this client's episode");
  }
}

bool Programme::Impl::employer_organisation(const Client& c, const std::string& ods) const {
  if (c.kind != ClientKind::Staff || c.organisation.empty() || ods.empty()) return false;
  // The employer, or an organisation above or below it in the registry (its trust, its sites).
  auto within = [&](const std::string& from, const std::string& target) {
    std::string at = from;
    for (std::size_t hops = 0; !at.empty() && hops <= organisations.size(); ++hops) {
      if (at == target) return true;
      auto it = organisations.find(at);
      if (it == organisations.end()) break;
      at = it->second.parent_ods;
    }
    return false;
  };
  return within(ods, c.organisation) || within(c.organisation, ods);
}

void Programme::Impl::check_care_plan_share(const CarePlanShare& s, bool is_new) const {
  check_length(s.id, kMaxIdBytes, s.id, "id");
  check_length(s.client_id, kMaxIdBytes, s.id, "client_id");
  check_length(s.referral_id, kMaxIdBytes, s.id, "referral_id");
  check_length(s.practitioner_id, kMaxIdBytes, s.id, "practitioner_id");
  check_length(s.practitioner_name, kMaxNameBytes, s.id, "practitioner_name");
  check_length(s.role, kMaxNameBytes, s.id, "role");
  check_length(s.organisation, kMaxIdBytes, s.id, "organisation");
  check_length(s.consent_by, kMaxIdBytes, s.id, "consent_by");
  check_new_or_existing(care_plan_shares, s.id, "care plan share", is_new);
  const Referral& r = episode_of(*this, s.id, s.client_id, s.referral_id);
  if (s.practitioner_id.empty())
    throw ValidationError(s.id, "practitioner_id", "practitioner_required"_rule, "a share names the practitioner's id");
  if (s.practitioner_name.empty())
    throw ValidationError(s.id, "practitioner_name", "named_person"_rule, "a share names the practitioner");
  if (s.role.empty()) throw ValidationError(s.id, "role", "role_required"_rule, "a share names the practitioner's role");
  if (s.organisation.empty())
    throw ValidationError(s.id, "organisation", "ods_code_required"_rule, "a share names the practitioner's organisation (ODS code)");
  const Client& c = clients.at(s.client_id);
  if (employer_organisation(c, s.organisation))
    throw ForbiddenError(s.id, "organisation",
                         "'" + s.organisation + "' is (part of) the client's employer '" + c.organisation +
                             "': a care plan is never shared with an employer",
                         "never_employer"_rule);
  require_instant(s.id, "consent_at", s.consent_at);
  not_before_episode(s.id, "consent_at", s.consent_at, r);
  if (s.consent_by.empty())
    throw ValidationError(s.id, "consent_by", "named_person"_rule, "a share names who recorded the consent");
  if (!s.revoked_at.is_special() && s.revoked_at < s.consent_at)
    throw ValidationError(s.id, "revoked_at", "revocation_time"_rule, "a share cannot be revoked before it was made");
  auto v = plan_versions.find(s.referral_id);
  if (v == plan_versions.end() || v->second.empty())
    throw NotFoundError(s.id, "referral_id", "episode '" + s.referral_id + "' has no care plan to share",
                        "care_plan_exists"_rule);
  if (s.active())
    for (const auto& [id, o] : care_plan_shares)
      if (id != s.id && o.active() && o.referral_id == s.referral_id && o.practitioner_id == s.practitioner_id)
        throw ConflictError(s.id, "practitioner_id", "share_active"_rule,
                            "the plan is already shared with this practitioner ('" + id + "')");
}

void Programme::Impl::check_onward_referral(const OnwardReferral& o, bool is_new) const {
  check_length(o.id, kMaxIdBytes, o.id, "id");
  check_length(o.client_id, kMaxIdBytes, o.id, "client_id");
  check_length(o.referral_id, kMaxIdBytes, o.id, "referral_id");
  check_length(o.referred_by, kMaxIdBytes, o.id, "referred_by");
  check_length(o.description, kMaxTextBytes, o.id, "description");
  check_new_or_existing(onward_referrals, o.id, "onward referral", is_new);
  const Referral& r = episode_of(*this, o.id, o.client_id, o.referral_id);
  if (o.destination == OnwardDestination::Other && o.description.empty())
    throw ValidationError(o.id, "description", "description_required"_rule, "a referral to another service says which");
  require_instant(o.id, "referred_at", o.referred_at);
  not_before_episode(o.id, "referred_at", o.referred_at, r);
  find_or_throw(coaches, o.referred_by, "coach", o.id, "referred_by");
  if (!o.outcome_at.is_special() && o.outcome_at < o.referred_at)
    throw ValidationError(o.id, "outcome_at", "outcome_time"_rule, "an outcome cannot be known before the referral");
  if (o.outcome != OnwardOutcome::Unknown && o.outcome_at.is_special())
    throw ValidationError(o.id, "outcome_at", "instant_required"_rule, "a known outcome says when it was known");
}

// ============================================================================ the API

namespace {
// Plans, shares and onward referrals stay with the client, their coach in the episode and (plans)
// the practitioners they are shared with: never an employer, an aggregate audience or a supervisor.
void forbid_barred(const Viewer& v, const std::string& record) {
  validate(v);
  if (v.audience == Audience::Employer)
    throw ForbiddenError(record, "viewer", "a care plan is never shown to an employer", "never_employer"_rule);
  // A practitioner gets through to the share test of care_plans(); every change asks for a
  // client or coach, so a practitioner never changes anything.
  if ((record_level_barred(v.audience) && v.audience != Audience::Practitioner) || v.audience == Audience::ServiceManager)
    throw ForbiddenError(record, "viewer", std::string("a ") + to_string(v.audience) +
                                               " audience never sees a care plan or an onward referral");
}

// The coach (viewer) is `named` and has a session in the episode.
void require_episode_coach(const Programme::Impl& m, const Viewer& v, const std::string& record, const std::string& named,
                           const char* field, const std::string& referral_id) {
  if (v.audience != Audience::Coach || v.id != named)
    throw ForbiddenError(record, ErrorField(std::string(field)),
                         std::string(field) + " is the coach making the change, as themselves", "coach_in_episode"_rule);
  if (!m.coach_in_episode(v.id, referral_id))
    throw ForbiddenError(record, ErrorField(std::string(field)),
                         "coach '" + v.id + "' has no session in episode '" + referral_id + "'", "coach_in_episode"_rule);
}
}  // namespace

CarePlan Programme::add_care_plan(const CarePlan& plan, const Viewer& viewer) {
  auto lock = impl_->write();
  forbid_barred(viewer, plan.id);
  CarePlan p = plan;
  if (p.version == 0) {
    auto v = impl_->plan_versions.find(p.referral_id);
    p.version = v == impl_->plan_versions.end() || v->second.empty() ? 1 : v->second.rbegin()->first + 1;
  }
  if (p.agreed_at.is_special()) p.agreed_at = boost::posix_time::second_clock::universal_time();
  impl_->check_care_plan(p, true);
  auto v = impl_->plan_versions.find(p.referral_id);
  const int next = v == impl_->plan_versions.end() || v->second.empty() ? 1 : v->second.rbegin()->first + 1;
  if (p.version != next)
    throw ConflictError(p.id, "version", "version_sequence"_rule,
                        "the next version of this episode's plan is " + std::to_string(next));
  require_episode_coach(*impl_, viewer, p.id, p.agreed_by, "agreed_by", p.referral_id);
  ChangeSet cs;
  cs.upserts.care_plans.push_back(p);
  impl_->commit(std::move(cs));
  return p;
}

std::vector<CarePlan> Programme::care_plans(const std::string& client_id, const Viewer& viewer) const {
  return impl_->audited(viewer, "read_care_plans", {client_id}, [&] {
    forbid_barred(viewer, client_id);
    find_or_throw(impl_->clients, client_id, "client");
    const auto& m = *impl_;
    // Which episodes the viewer may read.
    auto readable = [&](const CarePlan& p) {
      switch (viewer.audience) {
        case Audience::Client: return viewer.id == client_id;
        case Audience::Coach: return m.coach_in_episode(viewer.id, p.referral_id);
        case Audience::Practitioner:
          return std::any_of(m.care_plan_shares.begin(), m.care_plan_shares.end(), [&](const auto& kv) {
            const CarePlanShare& s = kv.second;
            return s.active() && s.referral_id == p.referral_id && s.practitioner_id == viewer.id;
          });
        default: return false;
      }
    };
    // Allowed: the client; a coach who has a session with them; a practitioner holding a share
    // in force. Each then sees the episodes that are theirs.
    bool allowed = false;
    switch (viewer.audience) {
      case Audience::Client: allowed = viewer.id == client_id; break;
      case Audience::Coach: allowed = m.has_session_with(viewer.id, client_id); break;
      case Audience::Practitioner:
        allowed = std::any_of(m.care_plan_shares.begin(), m.care_plan_shares.end(), [&](const auto& kv) {
          return kv.second.active() && kv.second.client_id == client_id && kv.second.practitioner_id == viewer.id;
        });
        break;
      default: break;
    }
    if (!allowed)
      throw ForbiddenError(client_id, "viewer",
                           "care plans are for the client, their coach and practitioners they are shared with");
    std::vector<CarePlan> v;
    for (const auto& [id, p] : m.care_plans)
      if (p.client_id == client_id && readable(p)) v.push_back(p);
    std::sort(v.begin(), v.end(), [](const CarePlan& a, const CarePlan& b) {
      return a.referral_id != b.referral_id ? a.referral_id < b.referral_id : a.version < b.version;
    });
    return v;
  }, [](const std::vector<CarePlan>& v, std::vector<std::string>& ids) {
    for (const auto& p : v) ids.push_back(p.id);
  });
}

namespace {
// A share or its revocation is made by the client, or by their coach in the episode, as themselves.
void require_client_or_episode_coach(const Programme::Impl& m, const Viewer& v, const std::string& record,
                                     const std::string& client_id, const std::string& referral_id) {
  if (v.audience == Audience::Client && v.id == client_id) return;
  if (v.audience == Audience::Coach && m.coach_in_episode(v.id, referral_id)) return;
  throw ForbiddenError(record, "viewer", "a plan is shared or unshared by the client or their coach in the episode",
                       "coach_in_episode"_rule);
}
}  // namespace

CarePlanShare Programme::share_care_plan(const CarePlanShare& share, const Viewer& viewer) {
  CarePlanShare s = share;
  const std::vector<std::string> records = {share.client_id, share.id, share.referral_id};
  try {
    auto lock = impl_->write();
    forbid_barred(viewer, s.id);
    if (s.consent_at.is_special()) s.consent_at = boost::posix_time::second_clock::universal_time();
    if (s.consent_by.empty()) s.consent_by = viewer.id;
    s.revoked_at = Instant(boost::posix_time::not_a_date_time);
    impl_->check_care_plan_share(s, true);
    require_client_or_episode_coach(*impl_, viewer, s.id, s.client_id, s.referral_id);
    if (s.consent_by != viewer.id)
      throw ForbiddenError(s.id, "consent_by", "consent is recorded by the viewer making the share, as themselves",
                           "consent_by_viewer"_rule);
    ChangeSet cs;
    cs.upserts.care_plan_shares.push_back(s);
    impl_->commit(std::move(cs));
  } catch (const Error& e) {
    if (e.code() == ErrorCode::Forbidden) impl_->log_access(viewer, "share_care_plan", records, &e);
    throw;
  }
  impl_->log_access(viewer, "share_care_plan", records, nullptr);
  return s;
}

CarePlanShare Programme::revoke_care_plan_share(const std::string& share_id, Instant at, const Viewer& viewer) {
  CarePlanShare s;
  std::vector<std::string> records = {share_id};
  try {
    auto lock = impl_->write();
    forbid_barred(viewer, share_id);
    s = find_or_throw(impl_->care_plan_shares, share_id, "care plan share");
    records = {s.client_id, s.id, s.referral_id};
    require_client_or_episode_coach(*impl_, viewer, s.id, s.client_id, s.referral_id);
    if (!s.active())
      throw ConflictError(s.id, "revoked_at", "revoke_once"_rule, "the share was revoked at " + format_instant(s.revoked_at));
    s.revoked_at = at.is_special() ? boost::posix_time::second_clock::universal_time() : at;
    impl_->check_care_plan_share(s, false);
    ChangeSet cs;
    cs.upserts.care_plan_shares.push_back(s);
    impl_->commit(std::move(cs));
  } catch (const Error& e) {
    if (e.code() == ErrorCode::Forbidden) impl_->log_access(viewer, "revoke_care_plan_share", records, &e);
    throw;
  }
  impl_->log_access(viewer, "revoke_care_plan_share", records, nullptr);
  return s;
}

std::vector<CarePlanShare> Programme::care_plan_shares(const std::string& client_id, const Viewer& viewer) const {
  return impl_->audited(viewer, "read_care_plan_shares", {client_id}, [&] {
    forbid_barred(viewer, client_id);
    find_or_throw(impl_->clients, client_id, "client");
    const bool allowed = (viewer.audience == Audience::Client && viewer.id == client_id) ||
                         (viewer.audience == Audience::Coach && impl_->has_session_with(viewer.id, client_id));
    if (!allowed) throw ForbiddenError(client_id, "viewer", "a plan's shares are for the client and their coach only");
    std::vector<CarePlanShare> v;
    for (const auto& [id, s] : impl_->care_plan_shares)
      if (s.client_id == client_id) v.push_back(s);
    return v;
  }, [](const std::vector<CarePlanShare>& v, std::vector<std::string>& ids) {
    for (const auto& s : v) ids.push_back(s.id);
  });
}

OnwardReferral Programme::add_onward_referral(const OnwardReferral& referral, const Viewer& viewer) {
  auto lock = impl_->write();
  forbid_barred(viewer, referral.id);
  OnwardReferral o = referral;
  if (o.referred_at.is_special()) o.referred_at = boost::posix_time::second_clock::universal_time();
  impl_->check_onward_referral(o, true);
  require_episode_coach(*impl_, viewer, o.id, o.referred_by, "referred_by", o.referral_id);
  ChangeSet cs;
  cs.upserts.onward_referrals.push_back(o);
  impl_->commit(std::move(cs));
  return o;
}

OnwardReferral Programme::set_onward_outcome(const std::string& id, OnwardOutcome outcome, Instant at,
                                             const Viewer& viewer) {
  auto lock = impl_->write();
  forbid_barred(viewer, id);
  OnwardReferral o = find_or_throw(impl_->onward_referrals, id, "onward referral");
  if (viewer.audience != Audience::Coach || !impl_->coach_in_episode(viewer.id, o.referral_id))
    throw ForbiddenError(id, "viewer", "an onward referral's outcome is recorded by a coach in the episode",
                         "coach_in_episode"_rule);
  o.outcome = outcome;
  o.outcome_at = outcome == OnwardOutcome::Unknown ? Instant(boost::posix_time::not_a_date_time)
                 : at.is_special()                 ? boost::posix_time::second_clock::universal_time()
                                                   : at;
  impl_->check_onward_referral(o, false);
  ChangeSet cs;
  cs.upserts.onward_referrals.push_back(o);
  impl_->commit(std::move(cs));
  return o;
}

std::vector<OnwardReferral> Programme::onward_referrals(const std::string& client_id, const Viewer& viewer) const {
  return impl_->audited(viewer, "read_onward_referrals", {client_id}, [&] {
    forbid_barred(viewer, client_id);
    find_or_throw(impl_->clients, client_id, "client");
    const bool allowed = (viewer.audience == Audience::Client && viewer.id == client_id) ||
                         (viewer.audience == Audience::Coach && impl_->has_session_with(viewer.id, client_id));
    if (!allowed) throw ForbiddenError(client_id, "viewer", "onward referrals are for the client and their coach only");
    std::vector<OnwardReferral> v;
    for (const auto& [id, o] : impl_->onward_referrals)
      if (o.client_id == client_id) v.push_back(o);
    return v;
  }, [](const std::vector<OnwardReferral>& v, std::vector<std::string>& ids) {
    for (const auto& o : v) ids.push_back(o.id);
  });
}

}  // namespace laycoach
