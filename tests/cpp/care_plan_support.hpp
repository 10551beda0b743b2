// Shared fixtures of the care plan tests (domain, store, evaluation): a programme with two
// episodes and a session in each, and builders of plans, shares and onward referrals.
#pragma once

#include "test_support.hpp"

namespace laycoach::test {


// People, plus two episodes with a session each: pt1 (patient of GP practice A81001) with h1 on
// r_pt1, and s1 (staff of trust RXA01) with c1 on r_s1. c2 has no session with either.
inline Programme pathway_programme() {
  Programme p = people_programme();
  Referral r = referral("r_pt1", "pt1", "hwbc_targeted_1to1", at("2024-07-01T09:00:00Z"));
  r.sessions_wanted = 4;
  p.add_referral(r);
  p.add_referral(referral("r_s1", "s1", "lay_too_1to1", at("2024-07-01T09:00:00Z")));
  Session b = one_to_one("b1", "h1", "pt1", at("2024-07-09T09:00:00Z"), "hwbc_targeted_1to1", Modality::FaceToFace);
  b.attendees[0].referral_id = "r_pt1";
  p.book(b);
  Session a = one_to_one("a1", "c1", "s1", at("2024-07-08T09:00:00Z"));
  a.attendees[0].referral_id = "r_s1";
  p.book(a);
  return p;
}

inline CarePlan plan(std::string id, std::string client, std::string episode, std::string coach, int sessions) {
  CarePlan x;
  x.id = std::move(id);
  x.client_id = std::move(client);
  x.referral_id = std::move(episode);
  x.what_matters = "Walking my granddaughter to school";
  x.goals = {"Walk 20 minutes a day"};
  x.actions = {"Try the park route on Mondays"};
  x.agreed_sessions = sessions;
  x.agreed_at = at("2024-07-09T10:00:00Z");
  x.agreed_by = std::move(coach);
  return x;
}

inline CarePlanShare share(std::string id, std::string client, std::string episode, std::string organisation,
                    std::string practitioner = "gp-17") {
  CarePlanShare s;
  s.id = std::move(id);
  s.client_id = std::move(client);
  s.referral_id = std::move(episode);
  s.practitioner_id = std::move(practitioner);
  s.practitioner_name = "Dr Amina Shah";
  s.role = "GP";
  s.organisation = std::move(organisation);
  s.consent_at = at("2024-07-09T10:05:00Z");
  return s;
}

inline OnwardReferral onward(std::string id, std::string client, std::string episode, std::string coach,
                      OnwardDestination d = OnwardDestination::WeightManagement) {
  OnwardReferral o;
  o.id = std::move(id);
  o.client_id = std::move(client);
  o.referral_id = std::move(episode);
  o.destination = d;
  o.referred_at = at("2024-07-30T10:00:00Z");
  o.referred_by = std::move(coach);
  return o;
}

inline Viewer as_practitioner(std::string id) { return {Audience::Practitioner, std::move(id)}; }

// The newest access log entry of an operation.
inline AccessEntry last_entry(const Programme& p, const std::string& operation) {
  const auto log = p.access_log({Audience::ServiceManager, ""});
  for (auto it = log.rbegin(); it != log.rend(); ++it)
    if (it->operation == operation) return *it;
  FAIL("no access log entry " << operation);
  return {};
}


}  // namespace laycoach::test
