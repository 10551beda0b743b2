// JSON of usage tracking (usage.hpp): the survey's waves, invitations with their answers,
// skill-share sessions and the register of who practises. Field names here are the store's too.
#include "json_io.hpp"
#include "laycoach/json.hpp"
#include "laycoach/usage.hpp"

namespace laycoach::jsonio {

void read(const Json& v, const std::string& p, const std::string& r, UsageWave& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("weeks", x.weeks);
  in.done();
}
Json write(const UsageWave& x) { return Json{{"id", x.id}, {"weeks", x.weeks}}; }

void read(const Json& v, const std::string& p, const std::string& r, UsageInvitation& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("trainee_id", x.trainee_id);
  in.req("wave", x.wave);
  in.req("due", x.due);
  in.opt("sent_at", x.sent_at);
  in.opt("responded_at", x.responded_at);
  in.opt("answers", x.answers);
  in.done();
}
Json write(const UsageInvitation& x) {
  return Json{{"id", x.id},
              {"trainee_id", x.trainee_id},
              {"wave", x.wave},
              {"due", write(x.due)},
              {"sent_at", write(x.sent_at)},
              {"responded_at", write(x.responded_at)},
              {"answers", write(x.answers)}};
}

void read(const Json& v, const std::string& p, const std::string& r, SkillShareSession& x) {
  Reader in(v, p, r);
  in.req("id", x.id);
  in.req("date", x.date);
  in.opt("organisation", x.organisation);
  in.opt("facilitator", x.facilitator);
  in.opt("attendees", x.attendees);
  in.done();
}
Json write(const SkillShareSession& x) {
  return Json{{"id", x.id},
              {"date", write(x.date)},
              {"organisation", x.organisation},
              {"facilitator", x.facilitator},
              {"attendees", write(x.attendees)}};
}

void read(const Json& v, const std::string& p, const std::string& r, PractitionerStatus& x) {
  Reader in(v, p, r);
  in.req("trainee_id", x.trainee_id);
  in.req("cohort_id", x.cohort_id);
  in.opt("profession", x.profession);
  in.opt("organisation", x.organisation);
  in.req("completed", x.completed);
  in.opt("champion", x.champion);
  in.opt("invited", x.invited);
  in.opt("waves_answered", x.waves_answered);
  in.opt("latest_wave", x.latest_wave);
  in.opt("latest_frequency", x.latest_frequency);
  in.opt("latest_confidence", x.latest_confidence);
  in.opt("practising", x.practising);
  in.opt("skill_share_attended", x.skill_share_attended);
  in.done();
}
Json write(const PractitionerStatus& x) {
  return Json{{"trainee_id", x.trainee_id},
              {"cohort_id", x.cohort_id},
              {"profession", x.profession},
              {"organisation", x.organisation},
              {"completed", write(x.completed)},
              {"champion", x.champion},
              {"invited", x.invited},
              {"waves_answered", x.waves_answered},
              {"latest_wave", x.latest_wave},
              {"latest_frequency", write(x.latest_frequency)},
              {"latest_confidence", write(x.latest_confidence)},
              {"practising", x.practising},
              {"skill_share_attended", x.skill_share_attended}};
}

}  // namespace laycoach::jsonio

namespace laycoach {

std::vector<std::string> strings_from_json(std::string_view doc, const std::string& record) {
  const jsonio::Json j = jsonio::parse_text(doc, record);
  if (!j.is_array()) throw ParseError(record, "", "expected a JSON array of strings");
  std::vector<std::string> out(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) jsonio::read(j[i], "/" + std::to_string(i), record, out[i]);
  return out;
}

}  // namespace laycoach
