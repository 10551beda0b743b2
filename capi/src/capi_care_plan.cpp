// The care plan's C entry points (laycoach_care_plan.h): each one Programme call, its documents
// read and written by the same functions as every other face, every entry noexcept behind
// capi::guard.
#include "capi_internal.hpp"
#include "laycoach/document.hpp"
#include "laycoach/json.hpp"
#include "laycoach_care_plan.h"

namespace {

using namespace laycoach;
using laycoach::capi::arg;
using laycoach::capi::dup_string;
using laycoach::capi::guard;
using laycoach::capi::query;
using laycoach::capi::require;

Instant instant_or_now(int64_t unix_seconds) {
  return unix_seconds == LC_CARE_PLAN_NOW ? Instant(boost::posix_time::not_a_date_time) : from_unix_seconds(unix_seconds);
}

// A change that returns the stored record through an optional out_json.
template <class F>
lc_status change(lc_programme* p, char** out_json, F&& f) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    const std::string doc = f(p->programme);
    if (out_json) *out_json = dup_string(doc);
  });
}

}  // namespace

extern "C" {

lc_status lc_care_plan_add(lc_programme* p, const char* viewer_json, const char* plan_json, char** out_json) {
  return change(p, out_json, [&](Programme& g) {
    const Viewer v = capi::parse_viewer(viewer_json);
    return record_to_json(g.add_care_plan(record_from_json<CarePlan>(arg(plan_json, "plan_json")), v));
  });
}

lc_status lc_care_plan_list(const lc_programme* p, const char* viewer_json, const char* client_id, char** out_json) {
  return query(p, out_json, [&](const Programme& g) {
    const Viewer v = capi::parse_viewer(viewer_json);
    return records_to_json(g.care_plans(arg(client_id, "client_id"), v));
  });
}

lc_status lc_care_plan_agreed_sessions(const lc_programme* p, const char* referral_id, int* out) {
  return guard([&] {
    require(p, "p");
    require(out, "out");
    *out = 0;
    *out = p->programme.agreed_sessions(arg(referral_id, "referral_id")).value_or(0);
  });
}

lc_status lc_care_plan_share(lc_programme* p, const char* viewer_json, const char* share_json, char** out_json) {
  return change(p, out_json, [&](Programme& g) {
    const Viewer v = capi::parse_viewer(viewer_json);
    return record_to_json(g.share_care_plan(record_from_json<CarePlanShare>(arg(share_json, "share_json")), v));
  });
}

lc_status lc_care_plan_share_revoke(lc_programme* p, const char* viewer_json, const char* share_id,
                                    int64_t at_unix_seconds, char** out_json) {
  return change(p, out_json, [&](Programme& g) {
    const Viewer v = capi::parse_viewer(viewer_json);
    return record_to_json(g.revoke_care_plan_share(arg(share_id, "share_id"), instant_or_now(at_unix_seconds), v));
  });
}

lc_status lc_care_plan_share_list(const lc_programme* p, const char* viewer_json, const char* client_id,
                                  char** out_json) {
  return query(p, out_json, [&](const Programme& g) {
    const Viewer v = capi::parse_viewer(viewer_json);
    return records_to_json(g.care_plan_shares(arg(client_id, "client_id"), v));
  });
}

lc_status lc_onward_referral_add(lc_programme* p, const char* viewer_json, const char* onward_json, char** out_json) {
  return change(p, out_json, [&](Programme& g) {
    const Viewer v = capi::parse_viewer(viewer_json);
    return record_to_json(g.add_onward_referral(record_from_json<OnwardReferral>(arg(onward_json, "onward_json")), v));
  });
}

lc_status lc_onward_referral_set_outcome(lc_programme* p, const char* viewer_json, const char* onward_id,
                                         const char* outcome, int64_t at_unix_seconds, char** out_json) {
  return change(p, out_json, [&](Programme& g) {
    const Viewer v = capi::parse_viewer(viewer_json);
    const std::string id = arg(onward_id, "onward_id");
    const std::string name = arg(outcome, "outcome");
    const auto o = parse_onward_outcome(name);
    if (!o) throw ValidationError(id, "outcome", "valid_outcome"_rule, "unknown onward referral outcome '" + name + "'");
    return record_to_json(g.set_onward_outcome(id, *o, instant_or_now(at_unix_seconds), v));
  });
}

lc_status lc_onward_referral_list(const lc_programme* p, const char* viewer_json, const char* client_id,
                                  char** out_json) {
  return query(p, out_json, [&](const Programme& g) {
    const Viewer v = capi::parse_viewer(viewer_json);
    return records_to_json(g.onward_referrals(arg(client_id, "client_id"), v));
  });
}

}  // extern "C"
