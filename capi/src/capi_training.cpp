// C face of usage tracking (capi/include/laycoach_training.h): the usage survey's waves,
// invitations and answers, skill-share sessions, the register of who practises.
#include "laycoach_training.h"

#include "capi_internal.hpp"
#include "laycoach/document.hpp"
#include "laycoach/json.hpp"

using namespace laycoach;
using namespace laycoach::capi;

extern "C" {

lc_status lc_usage_wave_add(lc_programme* p, const char* wave_json) {
  return guard([&] {
    require(p, "p");
    p->programme.add_usage_wave(record_from_json<UsageWave>(arg(wave_json, "wave_json")));
  });
}

lc_status lc_usage_waves(const lc_programme* p, char** out_json) {
  return query(p, out_json, [](const Programme& g) { return records_to_json(g.usage_waves()); });
}

lc_status lc_usage_invitations_schedule(lc_programme* p, const char* on_date, char** out_json) {
  return query(p, out_json, [&](Programme& g) {
    return records_to_json(g.schedule_usage_invitations(parse_date(arg(on_date, "on_date"), "", "on_date")));
  });
}

lc_status lc_usage_invitations_due(const lc_programme* p, const char* on_date, char** out_json) {
  return query(p, out_json, [&](const Programme& g) {
    return records_to_json(g.usage_invitations_due(parse_date(arg(on_date, "on_date"), "", "on_date")));
  });
}

lc_status lc_usage_invitations(const lc_programme* p, char** out_json) {
  return query(p, out_json, [](const Programme& g) { return records_to_json(g.usage_invitations()); });
}

lc_status lc_usage_invitations_mark_sent(lc_programme* p, const char* ids_json, int64_t at_unix_seconds) {
  return guard([&] {
    require(p, "p");
    p->programme.mark_usage_invitations_sent(strings_from_json(arg(ids_json, "ids_json"), "ids_json"),
                                             from_unix_seconds(at_unix_seconds));
  });
}

lc_status lc_usage_response_record(lc_programme* p, const char* invitation_id, const char* answers_json,
                                   int64_t at_unix_seconds, char** out_json) {
  return query(p, out_json, [&](Programme& g) {
    const std::string id = arg(invitation_id, "invitation_id");
    return score_to_json(g.record_usage_response(id, answers_from_json(arg(answers_json, "answers_json"), id),
                                                 from_unix_seconds(at_unix_seconds)));
  });
}

lc_status lc_skill_share_add(lc_programme* p, const char* session_json) {
  return guard([&] {
    require(p, "p");
    p->programme.add_skill_share_session(record_from_json<SkillShareSession>(arg(session_json, "session_json")));
  });
}

lc_status lc_skill_share_sessions(const lc_programme* p, char** out_json) {
  return query(p, out_json, [](const Programme& g) { return records_to_json(g.skill_share_sessions()); });
}

lc_status lc_practice_register(const lc_programme* p, char** out_json) {
  return query(p, out_json, [](const Programme& g) { return records_to_json(g.practice_register()); });
}

}  // extern "C"
