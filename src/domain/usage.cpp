// Usage tracking of people trained in coaching skills (usage.hpp): the rules of waves,
// invitations and skill-share sessions, and the Programme calls. Answers are judged and scored
// by the instrument library ("coaching_skills_usage"), never here.
#include <algorithm>
#include <set>

#include "laycoach/instrument.hpp"
#include "laycoach/limits.hpp"
#include "lookup.hpp"
#include "programme_impl.hpp"

namespace laycoach {

using namespace detail;

namespace {

constexpr int kMaxWaveWeeks = 520;  // ten years after the course

const Instrument& usage_instrument() { return InstrumentLibrary::builtin().get(kUsageInstrument); }

Date due_date(const TrainingCohort& c, const UsageWave& w) { return course_end(c) + boost::gregorian::days(7 * w.weeks); }

// Scores an invitation's answers with the usage instrument; errors name the invitation and
// "answers/i" (the record's own field), as a Response's do.
Score score_answers(const UsageInvitation& v) {
  ScoreOptions opts;
  opts.record = v.id;
  try {
    return usage_instrument().score(std::span<const std::optional<int>>(v.answers), opts);
  } catch (const Error& e) {
    throw_error(e.code(), e.record(), ErrorField(response_field(e.field())), ErrorRule(e.rule()), e.detail());
  }
}

bool by_due_then_id(const UsageInvitation& a, const UsageInvitation& b) {
  return a.due != b.due ? a.due < b.due : a.id < b.id;
}

}  // namespace

// ---- rules -----------------------------------------------------------------------------------------

const TrainingCohort& Programme::Impl::require_trained(const std::string& id, const std::string& record,
                                                       const std::string& field) const {
  const Trainee& t = find_or_throw(trainees, id, "trainee", record, field);
  const TrainingCohort& c = find_or_throw(cohorts, t.cohort_id, "training cohort", record, field);
  if (!completed_course(t, c))
    throw ValidationError(record, ErrorField(field), "on_training_register"_rule,
                          "trainee '" + id + "' attended " + std::to_string(t.days_attended) + " of " +
                              std::to_string(c.days) + " days and is not on the training register");
  return c;
}

void Programme::Impl::check_usage_wave(const UsageWave& w, bool is_new) const {
  check_length(w.id, kMaxIdBytes, w.id, "id");
  check_new_or_existing(usage_waves, w.id, "usage wave", is_new);
  if (w.weeks < 1 || w.weeks > kMaxWaveWeeks)
    throw ValidationError(w.id, "weeks", "wave_weeks_range"_rule,
                          "a wave is sent 1.." + std::to_string(kMaxWaveWeeks) + " weeks after the course");
  for (const auto& [id, other] : usage_waves)
    if (id != w.id && other.weeks == w.weeks)
      throw ConflictError(w.id, "weeks", "unique_wave_weeks"_rule,
                          "wave '" + id + "' is already sent " + std::to_string(w.weeks) + " weeks after the course");
}

std::optional<Score> Programme::Impl::check_usage_invitation(const UsageInvitation& v, bool is_new) const {
  // An invitation's id is its trainee's and its wave's: a name-sized limit, as a risk flag's.
  check_length(v.id, kMaxNameBytes, v.id, "id");
  check_length(v.trainee_id, kMaxIdBytes, v.id, "trainee_id");
  check_length(v.wave, kMaxIdBytes, v.id, "wave");
  check_new_or_existing(usage_invitations, v.id, "usage invitation", is_new);
  const TrainingCohort& c = require_trained(v.trainee_id, v.id, "trainee_id");
  const UsageWave& w = find_or_throw(usage_waves, v.wave, "usage wave", v.id, "wave");
  if (v.id != usage_invitation_id(v.trainee_id, v.wave))
    throw ValidationError(v.id, "id", "usage_invitation_id"_rule, "an invitation's id is '<trainee_id>#<wave>'");
  if (v.due != due_date(c, w))
    throw ValidationError(v.id, "due", "usage_due_date"_rule,
                          "wave '" + w.id + "' of this trainee is due on " + format_date(due_date(c, w)) +
                              " (" + std::to_string(w.weeks) + " weeks after the course's last day)");
  if (v.responded_at.is_special()) {
    if (!v.answers.empty())
      throw ValidationError(v.id, "answers", "answers_with_response"_rule,
                            "answers are recorded with the time they were given (responded_at)");
    return std::nullopt;
  }
  if (v.sent_at.is_special())
    throw ValidationError(v.id, "sent_at", "invitation_sent"_rule, "an invitation is answered after it is sent");
  if (v.responded_at < v.sent_at)
    throw ValidationError(v.id, "responded_at", "response_time"_rule,
                          "an invitation is answered after it was sent (" + format_instant(v.sent_at) + ")");
  return score_answers(v);
}

void Programme::Impl::check_skill_share(const SkillShareSession& s, bool is_new) const {
  check_length(s.id, kMaxIdBytes, s.id, "id");
  check_length(s.organisation, kMaxIdBytes, s.id, "organisation");
  check_length(s.facilitator, kMaxNameBytes, s.id, "facilitator");
  check_new_or_existing(skill_share_sessions, s.id, "skill-share session", is_new);
  if (s.date.is_special()) throw ValidationError(s.id, "date", "date_required"_rule, "when was it held?");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < s.attendees.size(); ++i) {
    const std::string field = "attendees/" + std::to_string(i);
    check_length(s.attendees[i], kMaxIdBytes, s.id, ErrorField(field));
    require_trained(s.attendees[i], s.id, field);
    if (!seen.insert(s.attendees[i]).second)
      throw ValidationError(s.id, ErrorField(field), "unique_attendee"_rule,
                            "trainee '" + s.attendees[i] + "' is listed twice");
  }
}

// ---- the calls -------------------------------------------------------------------------------------

void Programme::add_usage_wave(const UsageWave& w) {
  auto lock = impl_->write();
  impl_->check_usage_wave(w, true);
  ChangeSet cs;
  cs.upserts.usage_waves.push_back(w);
  impl_->commit(std::move(cs));
}

std::vector<UsageWave> Programme::usage_waves() const {
  auto lock = impl_->read();
  std::vector<UsageWave> out = values(impl_->usage_waves);
  std::stable_sort(out.begin(), out.end(), [](const UsageWave& a, const UsageWave& b) { return a.weeks < b.weeks; });
  return out;
}

std::vector<UsageInvitation> Programme::schedule_usage_invitations(Date on) {
  if (on.is_special()) throw ValidationError("usage_invitations", "on", "date_required"_rule, "invitations due by which date?");
  auto lock = impl_->write();
  std::vector<UsageInvitation> created;
  for (const auto& [id, t] : impl_->trainees) {
    const auto c = impl_->cohorts.find(t.cohort_id);
    if (c == impl_->cohorts.end() || !completed_course(t, c->second)) continue;  // not on the register
    for (const auto& [wid, w] : impl_->usage_waves) {
      UsageInvitation v;
      v.id = usage_invitation_id(t.id, w.id);
      v.trainee_id = t.id;
      v.wave = w.id;
      v.due = due_date(c->second, w);
      if (v.due > on || impl_->usage_invitations.count(v.id)) continue;
      impl_->check_usage_invitation(v, true);
      created.push_back(std::move(v));
    }
  }
  std::sort(created.begin(), created.end(), by_due_then_id);
  if (created.empty()) return created;
  ChangeSet cs;
  cs.upserts.usage_invitations = created;
  impl_->commit(std::move(cs));
  return created;
}

std::vector<UsageInvitation> Programme::usage_invitations_due(Date on) const {
  auto lock = impl_->read();
  std::vector<UsageInvitation> out;
  for (const auto& [id, v] : impl_->usage_invitations)
    if (v.sent_at.is_special() && !on.is_special() && v.due <= on) out.push_back(v);
  std::sort(out.begin(), out.end(), by_due_then_id);
  return out;
}

std::vector<UsageInvitation> Programme::usage_invitations() const {
  auto lock = impl_->read();
  return values(impl_->usage_invitations);
}

void Programme::mark_usage_invitations_sent(const std::vector<std::string>& ids, Instant at) {
  auto lock = impl_->write();
  ChangeSet cs;
  std::set<std::string> seen;
  for (const auto& id : ids) {
    const UsageInvitation& v = find_or_throw(impl_->usage_invitations, id, "usage invitation");
    if (!seen.insert(id).second)
      throw ConflictError(id, "id", "unique_id"_rule, "invitation '" + id + "' is listed twice");
    if (!v.sent_at.is_special())
      throw ConflictError(id, "sent_at", "send_once"_rule, "invitation '" + id + "' was sent at " + format_instant(v.sent_at));
    if (at.is_special()) throw ValidationError(id, "sent_at", "instant_required"_rule, "when was it sent?");
    UsageInvitation sent = v;
    sent.sent_at = at;
    impl_->check_usage_invitation(sent, false);
    cs.upserts.usage_invitations.push_back(std::move(sent));
  }
  if (!cs.upserts.usage_invitations.empty()) impl_->commit(std::move(cs));
}

Score Programme::record_usage_response(const std::string& invitation_id, const std::vector<std::optional<int>>& answers,
                                       Instant at) {
  auto lock = impl_->write();
  const UsageInvitation& v = find_or_throw(impl_->usage_invitations, invitation_id, "usage invitation");
  if (!v.responded_at.is_special())
    throw ConflictError(v.id, "responded_at", "respond_once"_rule,
                        "invitation '" + v.id + "' was answered at " + format_instant(v.responded_at));
  if (v.sent_at.is_special())
    throw ValidationError(v.id, "sent_at", "invitation_sent"_rule, "invitation '" + v.id + "' has not been sent");
  if (at.is_special()) throw ValidationError(v.id, "responded_at", "instant_required"_rule, "when was it answered?");
  UsageInvitation answered = v;
  answered.responded_at = at;
  answered.answers = answers;
  Score score = *impl_->check_usage_invitation(answered, false);
  ChangeSet cs;
  cs.upserts.usage_invitations.push_back(std::move(answered));
  impl_->commit(std::move(cs));
  return score;
}

void Programme::add_skill_share_session(const SkillShareSession& s) {
  auto lock = impl_->write();
  impl_->check_skill_share(s, true);
  ChangeSet cs;
  cs.upserts.skill_share_sessions.push_back(s);
  impl_->commit(std::move(cs));
}

std::vector<SkillShareSession> Programme::skill_share_sessions() const {
  auto lock = impl_->read();
  std::vector<SkillShareSession> out = values(impl_->skill_share_sessions);
  std::stable_sort(out.begin(), out.end(),
                   [](const SkillShareSession& a, const SkillShareSession& b) { return a.date < b.date; });
  return out;
}

std::vector<PractitionerStatus> Programme::practice_register() const {
  const std::vector<TrainedPerson> reg = training_register();
  auto lock = impl_->read();
  std::map<std::string, int> attended;
  for (const auto& [id, s] : impl_->skill_share_sessions)
    for (const auto& a : s.attendees) ++attended[a];
  std::map<std::string, std::vector<const UsageInvitation*>> invitations;
  for (const auto& [id, v] : impl_->usage_invitations) invitations[v.trainee_id].push_back(&v);
  std::vector<PractitionerStatus> out;
  out.reserve(reg.size());
  for (const auto& p : reg) {
    PractitionerStatus s;
    s.trainee_id = p.trainee_id;
    s.cohort_id = p.cohort_id;
    s.profession = p.profession;
    s.organisation = p.organisation;
    s.completed = p.completed;
    if (const auto t = impl_->trainees.find(p.trainee_id); t != impl_->trainees.end()) s.champion = t->second.champion;
    if (const auto a = attended.find(p.trainee_id); a != attended.end()) s.skill_share_attended = a->second;
    const UsageInvitation* latest = nullptr;
    for (const UsageInvitation* v : invitations[p.trainee_id]) {
      ++s.invited;
      if (v->responded_at.is_special()) continue;
      ++s.waves_answered;
      if (!latest || v->due > latest->due) latest = v;
    }
    if (latest) {
      const Score sc = usage_instrument().score(std::span<const std::optional<int>>(latest->answers));
      s.latest_wave = latest->wave;
      s.practising = sc.has_flag("practising");
      if (const auto* f = sc.find("frequency"); f && f->score) s.latest_frequency = static_cast<int>(*f->score);
      if (const auto* c = sc.find("confidence"); c && c->score) s.latest_confidence = static_cast<int>(*c->score);
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace laycoach
