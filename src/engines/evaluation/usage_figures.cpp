// The usage section of the evaluation: invitations, answers, champions and skill-share sessions
// of the people on the training register, as proportion tables (the evaluation's own kernel,
// evaluate_proportion_columns) and counts. Answers are scored by the instrument library.
#include "usage_figures.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "laycoach/instrument.hpp"

namespace laycoach::eval {

namespace {

/// Group codes of one breakdown, labels in the order given or sorted.
struct Coding {
  std::string name;
  std::vector<std::string> labels;
  std::vector<std::int32_t> codes;
  std::int32_t code(const std::string& label) {
    auto it = std::find(labels.begin(), labels.end(), label);
    if (it == labels.end()) {
      labels.push_back(label);
      return static_cast<std::int32_t>(labels.size() - 1);
    }
    return static_cast<std::int32_t>(it - labels.begin());
  }
  // Labels in sorted order (codes renumbered), for the groups that are not ordered by nature.
  void sort_labels() {
    std::vector<std::string> sorted = labels;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::int32_t> to(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i)
      to[i] = static_cast<std::int32_t>(std::lower_bound(sorted.begin(), sorted.end(), labels[i]) - sorted.begin());
    for (auto& c : codes)
      if (c >= 0) c = to[static_cast<std::size_t>(c)];
    labels = std::move(sorted);
  }
  ColumnBreakdown column() const { return ColumnBreakdown{name, codes, labels, {}}; }
};

std::string or_not_recorded(const std::string& s) { return s.empty() ? "not_recorded" : s; }

ProportionTable table(const char* measure, const char* name, const std::vector<std::int8_t>& values,
                      const std::vector<Coding>& codings, const std::vector<std::uint64_t>& keys, double confidence) {
  std::vector<ColumnBreakdown> cols;
  for (const auto& c : codings) cols.push_back(c.column());
  ProportionTable t = evaluate_proportion_columns(measure, values, cols, confidence, keys);
  t.name = name;
  return t;
}

}  // namespace

UsageReport usage_report(const UsageSource& src, const EvaluationOptions& opt, const Keyer& key) {
  UsageReport rep;
  rep.skill_share_sessions = fig(0);
  rep.skill_share_attendances = fig(0);
  const Audience audience = opt.viewer.audience;

  // People in scope: on the training register (and the employer's own staff).
  std::unordered_map<std::string_view, const TrainingCohort*> cohort_of_id;
  for (const auto* c : src.cohorts) cohort_of_id.emplace(c->id, c);
  struct Person {
    const Trainee* trainee;
    const TrainingCohort* cohort;
  };
  std::unordered_map<std::string_view, Person> people;
  std::vector<const Trainee*> order;  // in id order, as the register
  if (audience != Audience::Coach) {
    for (const auto* t : src.trainees) {
      const auto c = cohort_of_id.find(t->cohort_id);
      if (c == cohort_of_id.end() || !completed_course(*t, *c->second)) continue;
      if (audience == Audience::Employer && t->organisation != opt.viewer.id) continue;
      people.emplace(t->id, Person{t, c->second});
      order.push_back(t);
    }
  }
  auto in_period = [&](Date d) {
    const Instant at(d);
    return (!opt.from || at >= *opt.from) && (!opt.to || at < *opt.to);
  };

  // Waves by weeks (their natural order).
  std::vector<const UsageWave*> waves = src.waves;
  std::stable_sort(waves.begin(), waves.end(), [](const UsageWave* a, const UsageWave* b) { return a->weeks < b->weeks; });
  std::unordered_map<std::string_view, std::size_t> wave_index;
  for (std::size_t i = 0; i < waves.size(); ++i) wave_index.emplace(waves[i]->id, i);

  // ---- invitations: sent, answered, practising; confidence by wave ----
  const Instrument& ins = InstrumentLibrary::builtin().get(kUsageInstrument);
  Coding wave{"wave", {}, {}}, cohort{"cohort", {}, {}}, profession{"profession", {}, {}},
      organisation{"organisation", {}, {}};
  for (const auto* w : waves) wave.labels.push_back(w->id);
  std::vector<std::int8_t> sent, answered, practising;
  std::vector<std::uint64_t> keys;
  std::vector<long long> conf_n(waves.size(), 0);
  std::vector<double> conf_sum(waves.size(), 0.0);
  std::vector<std::uint64_t> conf_key(waves.size(), 0);
  for (const auto* v : src.invitations) {
    const auto p = people.find(v->trainee_id);
    const auto w = wave_index.find(v->wave);
    if (p == people.end() || w == wave_index.end() || !in_period(v->due)) continue;
    const std::uint64_t k = key("usage_invitations", v->id);
    keys.push_back(k);
    wave.codes.push_back(static_cast<std::int32_t>(w->second));
    cohort.codes.push_back(cohort.code(p->second.cohort->id));
    profession.codes.push_back(profession.code(or_not_recorded(p->second.trainee->profession)));
    organisation.codes.push_back(organisation.code(or_not_recorded(p->second.trainee->organisation)));
    const bool was_answered = !v->responded_at.is_special();
    sent.push_back(v->sent_at.is_special() ? 0 : 1);
    answered.push_back(was_answered ? 1 : 0);
    std::int8_t pr = -1;
    if (was_answered) {
      const Score s = ins.score(std::span<const std::optional<int>>(v->answers));
      if (const auto* f = s.find("frequency"); f && f->score) pr = s.has_flag("practising") ? 1 : 0;
      if (const auto* c = s.find("confidence"); c && c->score) {
        ++conf_n[w->second];
        conf_sum[w->second] += *c->score;
        conf_key[w->second] += k;
      }
    }
    practising.push_back(pr);
  }
  cohort.sort_labels();
  profession.sort_labels();
  organisation.sort_labels();
  const std::vector<Coding> by_invitation = {wave, cohort, profession, organisation};
  rep.tables.push_back(table("usage_sent", "Usage survey invitations sent (of those due)", sent, by_invitation, keys,
                             opt.confidence));
  rep.tables.push_back(table("usage_response_rate", "Usage survey response rate (answered of those due)", answered,
                             by_invitation, keys, opt.confidence));
  rep.tables.push_back(table("usage_practising",
                             "Practising: used a coaching approach at least monthly (of those answering)", practising,
                             by_invitation, keys, opt.confidence));
  for (std::size_t i = 0; i < waves.size(); ++i) {
    UsageConfidenceRow r;
    r.wave = waves[i]->id;
    r.weeks = waves[i]->weeks;
    r.n = fig(static_cast<double>(conf_n[i]));
    r.n.key = conf_key[i];
    r.mean_confidence = fig(conf_n[i] > 0 ? conf_sum[i] / static_cast<double>(conf_n[i]) : kNaN);
    rep.confidence_by_wave.push_back(std::move(r));
  }

  // ---- skill-share sessions in the period, and who attended ----
  std::set<std::string_view> attended_any;
  long long held = 0, places = 0;
  std::uint64_t held_key = 0, places_key = 0;
  for (const auto* s : src.skill_shares) {
    if (!in_period(s->date)) continue;
    long long here = 0;
    for (const auto& a : s->attendees) {
      if (!people.count(a)) continue;
      ++here;
      places_key += key("skill_share_attendance", s->id, a);
      attended_any.insert(a);
    }
    if (here == 0) continue;
    ++held;
    held_key += key("skill_share_sessions", s->id);
    places += here;
  }
  rep.skill_share_sessions = fig(static_cast<double>(held));
  rep.skill_share_sessions.key = held_key;
  rep.skill_share_attendances = fig(static_cast<double>(places));
  rep.skill_share_attendances.key = places_key;

  // ---- people: champions, attended a skill-share session ----
  Coding pc{"cohort", {}, {}}, pp{"profession", {}, {}}, po{"organisation", {}, {}};
  std::vector<std::int8_t> champion, skill_share;
  std::vector<std::uint64_t> person_keys;
  for (const auto* t : order) {
    person_keys.push_back(key("trainees", t->id));
    pc.codes.push_back(pc.code(t->cohort_id));
    pp.codes.push_back(pp.code(or_not_recorded(t->profession)));
    po.codes.push_back(po.code(or_not_recorded(t->organisation)));
    champion.push_back(t->champion ? 1 : 0);
    skill_share.push_back(attended_any.count(t->id) ? 1 : 0);
  }
  pc.sort_labels();
  pp.sort_labels();
  po.sort_labels();
  const std::vector<Coding> by_person = {pc, pp, po};
  rep.tables.push_back(table("usage_champions", "Champions (of people trained)", champion, by_person, person_keys,
                             opt.confidence));
  rep.tables.push_back(table("usage_skill_share", "Attended a skill-share session (of people trained)", skill_share,
                             by_person, person_keys, opt.confidence));
  return rep;
}

}  // namespace laycoach::eval
