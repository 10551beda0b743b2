// Internal: the one list of record kinds. Each kind names its store table (store_schema.cpp, and
// ChangeSet::deletes), its place in the programme document (store_schema::Table::pointer), the
// ProgrammeData member that holds its records and the ProgrammeState member that holds them in
// memory. Everything that goes kind by kind (the SQLite store's reads and writes, the memory
// store, store tables, import) visits this list instead of keeping a list of its own.
#pragma once

#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "laycoach/programme.hpp"

namespace laycoach::record_kinds {

template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};

/// One record kind. `data(d)`: the member of a ProgrammeData (const or not) holding its records,
/// a std::vector, or the one value of a setting (singleton). `state(s)`: the member of a
/// ProgrammeState (or Programme::Impl) holding them: a map by key, or the setting.
template <class Data, class State>
struct Kind {
  const char* table;    ///< the SQLite table, e.g. "training_cohorts"
  const char* pointer;  ///< where the records sit in the programme document, e.g. "/cohorts"
  Data data;
  State state;
};
template <class D, class S>
Kind(const char*, const char*, D, S) -> Kind<D, S>;

#define LC_KIND(table, pointer, data_member, state_member)                \
  Kind {                                                                  \
    table, pointer, [](auto& d) -> auto& { return d.data_member; },       \
        [](auto& s) -> auto& { return s.state_member; }                   \
  }

/// Every record kind, in the order the programme document lists them. Settings (singletons) are
/// supervision_policy, disclosure_floor and triage_rules. The catalogue's state maps are keyed
/// (lines, offers); their document order is ProgrammeState::line_order / offer_order.
inline constexpr auto kAll = std::tuple{
    LC_KIND("service_lines", "/catalogue/service_lines", catalogue.service_lines, lines),
    LC_KIND("offers", "/catalogue/offers", catalogue.offers, offers),
    LC_KIND("organisations", "/organisations", organisations, organisations),
    LC_KIND("coaches", "/coaches", coaches, coaches),
    LC_KIND("clients", "/clients", clients, clients),
    LC_KIND("referrals", "/referrals", referrals, referrals),
    LC_KIND("sessions", "/sessions", sessions, sessions),
    LC_KIND("waiting_list", "/waiting_list", waiting_list, waiting_list),
    LC_KIND("notes", "/notes", notes, notes),
    LC_KIND("goals", "/goals", goals, goals),
    LC_KIND("supervision", "/supervision", supervision, supervision),
    LC_KIND("safeguarding", "/safeguarding", safeguarding, safeguarding),
    LC_KIND("training_cohorts", "/cohorts", cohorts, cohorts),
    LC_KIND("trainees", "/trainees", trainees, trainees),
    LC_KIND("responses", "/responses", responses, responses),
    LC_KIND("risk_flags", "/risk_flags", risk_flags, risk_flags),
    LC_KIND("usage_waves", "/usage_waves", usage_waves, usage_waves),
    LC_KIND("usage_invitations", "/usage_invitations", usage_invitations, usage_invitations),
    LC_KIND("skill_share_sessions", "/skill_share_sessions", skill_share_sessions, skill_share_sessions),
    LC_KIND("care_plans", "/care_plans", care_plans, care_plans),
    LC_KIND("care_plan_shares", "/care_plan_shares", care_plan_shares, care_plan_shares),
    LC_KIND("onward_referrals", "/onward_referrals", onward_referrals, onward_referrals),
    LC_KIND("supervision_policy", "/supervision_policy", supervision_policy, supervision_policy),
    LC_KIND("disclosure_floor", "/disclosure_floor", disclosure_floor, disclosure_floor),
    LC_KIND("inbox", "/inbox", inbox, inbox),
    LC_KIND("triage_rules", "/triage_rules", triage_rules, triage_rules),
    LC_KIND("instruments", "/instruments", instruments, instruments),
};

#undef LC_KIND

/// ProgrammeData's members (the catalogue holds two kinds): this stops compiling when it gains
/// one, pointing here. List the new kind in kAll above and count it below.
[[maybe_unused]] inline void all_members_listed(const ProgrammeData& d) {
  [[maybe_unused]] const auto& [catalogue, organisations, coaches, clients, referrals, sessions, waiting_list, notes,
                                goals, supervision, safeguarding, cohorts, trainees, responses, risk_flags, usage_waves,
                                usage_invitations, skill_share_sessions, care_plans, care_plan_shares, onward_referrals,
                                supervision_policy, disclosure_floor, inbox, triage_rules, instruments] = d;
}
static_assert(std::tuple_size_v<decltype(kAll)> == 27, "one kind per ProgrammeData member, two for the catalogue");

/// Calls f(kind) for every kind, in kAll's order.
template <class F>
constexpr void for_each(F&& f) {
  std::apply([&](const auto&... k) { (f(k), ...); }, kAll);
}

/// Calls f(kind) for the kind stored at `pointer` (store_schema::Table::pointer); false for none.
template <class F>
bool visit_pointer(std::string_view pointer, F&& f) {
  return std::apply([&](const auto&... k) { return ((pointer == k.pointer ? (f(k), true) : false) || ...); }, kAll);
}

/// Calls f(kind) for the kind kept in SQLite table `table`; false for none.
template <class F>
bool visit_table(std::string_view table, F&& f) {
  return std::apply([&](const auto&... k) { return ((table == k.table ? (f(k), true) : false) || ...); }, kAll);
}

/// True when the kind's ProgrammeData member (type X, cv-ref removed) is a list of records, not a setting.
template <class X>
inline constexpr bool is_list = is_vector<std::remove_cvref_t<X>>::value;

/// The key of a record: its id (an organisation's ODS code).
inline const std::string& key_of(const Organisation& o) { return o.ods_code; }
template <class T>
const std::string& key_of(const T& x) {
  return x.id;
}

}  // namespace laycoach::record_kinds
