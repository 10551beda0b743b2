// Internal: where each store table's records sit in a ProgrammeData, so the SQLite store reads
// and writes one record at a time (never a document of the whole programme).
#pragma once

#include <string_view>
#include <type_traits>
#include <vector>

#include "laycoach/programme.hpp"

namespace laycoach::store_schema {

template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};

/// Calls f with the member of `d` (a ProgrammeData, const or not) that holds the records of the
/// table at `pointer` (store_schema::Table::pointer): a std::vector of records, or the one record
/// of a singleton table. Returns false for a pointer not listed here (a record kind added to the
/// schema but not here): the store then falls back to the whole programme document, which is
/// correct but slow, so list every new kind.
template <class D, class F>
bool with_records(D& d, std::string_view pointer, F&& f) {
  static_assert(std::is_same_v<std::remove_const_t<D>, ProgrammeData>);
  if (pointer == "/catalogue/service_lines") f(d.catalogue.service_lines);
  else if (pointer == "/catalogue/offers") f(d.catalogue.offers);
  else if (pointer == "/organisations") f(d.organisations);
  else if (pointer == "/coaches") f(d.coaches);
  else if (pointer == "/clients") f(d.clients);
  else if (pointer == "/referrals") f(d.referrals);
  else if (pointer == "/sessions") f(d.sessions);
  else if (pointer == "/waiting_list") f(d.waiting_list);
  else if (pointer == "/notes") f(d.notes);
  else if (pointer == "/goals") f(d.goals);
  else if (pointer == "/supervision") f(d.supervision);
  else if (pointer == "/safeguarding") f(d.safeguarding);
  else if (pointer == "/cohorts") f(d.cohorts);
  else if (pointer == "/trainees") f(d.trainees);
  else if (pointer == "/responses") f(d.responses);
  else if (pointer == "/risk_flags") f(d.risk_flags);
  else if (pointer == "/inbox") f(d.inbox);
  else if (pointer == "/usage_waves") f(d.usage_waves);
  else if (pointer == "/usage_invitations") f(d.usage_invitations);
  else if (pointer == "/skill_share_sessions") f(d.skill_share_sessions);
  else if (pointer == "/care_plans") f(d.care_plans);
  else if (pointer == "/care_plan_shares") f(d.care_plan_shares);
  else if (pointer == "/onward_referrals") f(d.onward_referrals);
  else if (pointer == "/supervision_policy") f(d.supervision_policy);
  else if (pointer == "/disclosure_floor") f(d.disclosure_floor);
  else if (pointer == "/triage_rules") f(d.triage_rules);
  else if (pointer == "/instruments") f(d.instruments);
  else return false;
  return true;
}

}  // namespace laycoach::store_schema
