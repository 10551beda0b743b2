// The records' C entry points (laycoach_records.h): each one Programme call, its documents read
// and written by the same functions as every other face, every entry noexcept behind capi::guard.
#include "capi_internal.hpp"
#include "laycoach/document.hpp"
#include "laycoach/json.hpp"
#include "laycoach_records.h"

namespace {

using namespace laycoach;
using laycoach::capi::arg;
using laycoach::capi::dup_string;
using laycoach::capi::guard;
using laycoach::capi::query;
using laycoach::capi::require;

// `f(programme)` for a change from one record document.
template <class T, class F>
lc_status change(lc_programme* p, const char* doc, const char* field, F&& f) {
  return guard([&] {
    require(p, "p");
    f(p->programme, record_from_json<T>(arg(doc, field)));
  });
}

}  // namespace

extern "C" {

lc_status lc_service_line_add(lc_programme* p, const char* service_line_json) {
  return change<ServiceLine>(p, service_line_json, "service_line_json",
                             [](Programme& g, const ServiceLine& x) { g.add_service_line(x); });
}

lc_status lc_offer_add(lc_programme* p, const char* offer_json) {
  return change<Offer>(p, offer_json, "offer_json", [](Programme& g, const Offer& x) { g.add_offer(x); });
}

lc_status lc_catalogue_get(const lc_programme* p, char** out_json) {
  return query(p, out_json, [](const Programme& g) { return record_to_json(g.catalogue()); });
}

lc_status lc_offer_get(const lc_programme* p, const char* offer_id, char** out_json) {
  return query(p, out_json, [&](const Programme& g) { return record_to_json(g.offer(arg(offer_id, "offer_id"))); });
}

lc_status lc_organisation_add(lc_programme* p, const char* organisation_json) {
  return change<Organisation>(p, organisation_json, "organisation_json",
                              [](Programme& g, const Organisation& x) { g.add_organisation(x); });
}

lc_status lc_coach_get(const lc_programme* p, const char* coach_id, char** out_json) {
  return query(p, out_json, [&](const Programme& g) { return record_to_json(g.coach(arg(coach_id, "coach_id"))); });
}

lc_status lc_coach_list(const lc_programme* p, char** out_json) {
  return query(p, out_json, [](const Programme& g) { return records_to_json(g.coaches()); });
}

lc_status lc_client_count(const lc_programme* p, size_t* out) {
  return guard([&] {
    require(p, "p");
    require(out, "out");
    *out = p->programme.client_count();
  });
}

lc_status lc_referral_get(const lc_programme* p, const char* referral_id, char** out_json) {
  return query(p, out_json,
               [&](const Programme& g) { return record_to_json(g.referral(arg(referral_id, "referral_id"))); });
}

lc_status lc_referral_list(const lc_programme* p, char** out_json) {
  return query(p, out_json, [](const Programme& g) { return records_to_json(g.referrals()); });
}

lc_status lc_session_get(const lc_programme* p, const char* session_id, char** out_json) {
  return query(p, out_json,
               [&](const Programme& g) { return record_to_json(g.session(arg(session_id, "session_id"))); });
}

lc_status lc_session_list(const lc_programme* p, char** out_json) {
  return query(p, out_json, [](const Programme& g) { return records_to_json(g.sessions()); });
}

lc_status lc_session_list_of_coach(const lc_programme* p, const char* coach_id, char** out_json) {
  return query(p, out_json,
               [&](const Programme& g) { return records_to_json(g.sessions_of_coach(arg(coach_id, "coach_id"))); });
}

lc_status lc_session_record_attendance(lc_programme* p, const char* session_id, const char* client_id,
                                       const char* status, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    const std::string id = arg(session_id, "session_id");
    const std::string name = arg(status, "status");
    const auto s = parse_attendee_status(name);
    if (!s) throw ValidationError(id, "status", "valid_status"_rule, "unknown attendance status '" + name + "'");
    const Session out = p->programme.record_attendance(id, arg(client_id, "client_id"), *s);
    if (out_json) *out_json = dup_string(record_to_json(out));
  });
}

lc_status lc_goal_add(lc_programme* p, const char* viewer_json, const char* goal_json) {
  return guard([&] {
    require(p, "p");
    const Viewer v = capi::parse_viewer(viewer_json);
    p->programme.add_goal(record_from_json<Goal>(arg(goal_json, "goal_json")), v);
  });
}

lc_status lc_goal_set_attainment(lc_programme* p, const char* viewer_json, const char* goal_id,
                                 const char* attainment) {
  return guard([&] {
    require(p, "p");
    const Viewer v = capi::parse_viewer(viewer_json);
    const std::string id = arg(goal_id, "goal_id");
    const std::string name = arg(attainment, "attainment");
    const auto a = parse_goal_attainment(name);
    if (!a) throw ValidationError(id, "attainment", "valid_attainment"_rule, "unknown attainment '" + name + "'");
    p->programme.set_goal_attainment(id, *a, v);
  });
}

lc_status lc_goal_list(const lc_programme* p, const char* viewer_json, const char* client_id, char** out_json) {
  return query(p, out_json, [&](const Programme& g) {
    const Viewer v = capi::parse_viewer(viewer_json);
    return records_to_json(g.goals(arg(client_id, "client_id"), v));
  });
}

lc_status lc_supervision_policy_get(const lc_programme* p, char** out_json) {
  return query(p, out_json, [](const Programme& g) { return record_to_json(g.supervision_policy()); });
}

lc_status lc_supervision_policy_set(lc_programme* p, const char* policy_json) {
  return change<SupervisionPolicy>(p, policy_json, "policy_json",
                                   [](Programme& g, const SupervisionPolicy& x) { g.set_supervision_policy(x); });
}

lc_status lc_concern_raise(lc_programme* p, const char* concern_json) {
  return change<SafeguardingConcern>(p, concern_json, "concern_json",
                                     [](Programme& g, const SafeguardingConcern& x) { g.raise_concern(x); });
}

lc_status lc_concern_escalate(lc_programme* p, const char* concern_id, const char* to, int64_t at_unix_seconds) {
  return guard([&] {
    require(p, "p")->programme.escalate_concern(arg(concern_id, "concern_id"), arg(to, "to"),
                                                from_unix_seconds(at_unix_seconds));
  });
}

lc_status lc_concern_list(const lc_programme* p, char** out_json) {
  return query(p, out_json, [](const Programme& g) { return records_to_json(g.concerns()); });
}

lc_status lc_cohort_add(lc_programme* p, const char* cohort_json) {
  return change<TrainingCohort>(p, cohort_json, "cohort_json",
                                [](Programme& g, const TrainingCohort& x) { g.add_cohort(x); });
}

lc_status lc_trainee_add(lc_programme* p, const char* trainee_json) {
  return change<Trainee>(p, trainee_json, "trainee_json", [](Programme& g, const Trainee& x) { g.add_trainee(x); });
}

lc_status lc_training_register(const lc_programme* p, char** out_json) {
  return query(p, out_json, [](const Programme& g) { return records_to_json(g.training_register()); });
}

lc_status lc_response_list(const lc_programme* p, char** out_json) {
  return query(p, out_json, [](const Programme& g) { return records_to_json(g.responses()); });
}

}  // extern "C"
