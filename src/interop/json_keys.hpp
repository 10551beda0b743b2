// Internal (interop and store): the keys of a record type's document, listed once. Each key is
// its name, the member it is read into and whether the reader requires it. json.cpp reads and
// writes the documents of these types from the lists (read_keys / write_keys, in list order), and
// the store's typed reader and writer (src/store/typed_read.hpp) derive their field lists from the
// same lists, so a field added to a record is added here, once. Types whose documents need more
// than a list of keys (a check across keys, a nested document kept as text) keep a reader of
// their own in json.cpp.
#pragma once

#include <tuple>

#include "json_io.hpp"

namespace laycoach::jsonio::keys {

/// A key of a document: `name`, read into member M (Reader::req when Required, else Reader::opt);
/// EmptyNull: an empty value is written as null (a response's scores when none were recorded).
template <bool Required, auto M, bool EmptyNull = false>
struct Key {
  const char* name;
  static constexpr bool required = Required;
  static constexpr bool empty_null = EmptyNull;
  /// The member of r this key reads into (r may be const).
  template <class R>
  static auto& of(R& r) noexcept { return r.*M; }
};

/// A required key.
template <auto M>
constexpr Key<true, M> req(const char* name) { return {name}; }
/// An optional key (absent or null keeps the member's default).
template <auto M>
constexpr Key<false, M> opt(const char* name) { return {name}; }
/// An optional key whose empty value is written as null.
template <auto M>
constexpr Key<false, M, true> opt_empty_null(const char* name) { return {name}; }

/// The keys of R's document in the order the reader reads them and the writer writes them:
/// `static constexpr std::tuple list{...}`. Specialised for the types listed below.
template <class R>
struct Keys;

/// Does R's document have a key list?
template <class R>
concept Listed = requires { Keys<R>::list; };

/// Calls f(key) for each key of R, in order.
template <Listed R, class F>
void each_key(F&& f) {
  std::apply([&](const auto&... k) { (f(k), ...); }, Keys<R>::list);
}

/// Reads a listed type's document: each key by Reader::req / Reader::opt in list order, then
/// unknown keys refused (ParseError naming the pointer, as Reader does).
template <Listed R>
void read_keys(const Json& v, const std::string& p, const std::string& r, R& x) {
  Reader in(v, p, r);
  each_key<R>([&](const auto& k) {
    using K = std::remove_cvref_t<decltype(k)>;
    if constexpr (K::required) in.req(k.name, K::of(x));
    else in.opt(k.name, K::of(x));
  });
  in.done();
}
/// Writes a listed type's document: R's keys appended to object `j`, in list order.
template <Listed R>
Json write_keys(const R& x, Json j = Json::object()) {
  each_key<R>([&](const auto& k) {
    using K = std::remove_cvref_t<decltype(k)>;
    const auto& m = K::of(x);
    if constexpr (K::empty_null) {
      if (m.empty()) {
        j[k.name] = nullptr;
        return;
      }
    }
    j[k.name] = write(m);
  });
  return j;
}
/// Defines jsonio::read and jsonio::write of a listed type (in namespace laycoach::jsonio).
#define LC_KEYED_IO(T)                                                                         \
  void read(const Json& v, const std::string& p, const std::string& r, T& x) { keys::read_keys(v, p, r, x); } \
  Json write(const T& x) { return keys::write_keys(x); }

// ---- the lists ---------------------------------------------------------------------------------

#define LC_KEYS(T, ...)                                \
  template <>                                          \
  struct Keys<T> {                                     \
    using R = T;                                       \
    static constexpr std::tuple list{__VA_ARGS__};     \
  };

LC_KEYS(DayHours, req<&R::open_min>("open_min"), req<&R::close_min>("close_min"))
LC_KEYS(Eligibility, opt<&R::client_kinds>("client_kinds"), opt<&R::ethnically_diverse_only>("ethnically_diverse_only"),
        opt<&R::leaders_only>("leaders_only"), opt<&R::max_pam_level>("max_pam_level"))
LC_KEYS(AccreditationRequirement, opt<&R::min_training_days>("min_training_days"),
        opt<&R::skills_assessment>("skills_assessment"), opt<&R::practice_hours>("practice_hours"),
        opt<&R::professional_body>("professional_body"))
LC_KEYS(ServiceLine, req<&R::id>("id"), req<&R::name>("name"), opt<&R::kind>("kind"))
LC_KEYS(Offer, req<&R::id>("id"), req<&R::service_line_id>("service_line_id"), req<&R::name>("name"),
        opt<&R::format>("format"), opt<&R::session_minutes>("session_minutes"), opt<&R::capacity>("capacity"),
        opt<&R::modalities>("modalities"), opt<&R::hours>("hours"), opt<&R::eligibility>("eligibility"),
        opt<&R::accreditation>("accreditation"), opt<&R::ethnically_diverse_pathway>("ethnically_diverse_pathway"),
        opt<&R::agreed_sessions>("agreed_sessions"), opt<&R::min_notice_minutes>("min_notice_minutes"))
LC_KEYS(Catalogue, opt<&R::service_lines>("service_lines"), opt<&R::offers>("offers"))
LC_KEYS(Organisation, req<&R::ods_code>("ods_code"), opt<&R::name>("name"), opt<&R::kind>("kind"),
        opt<&R::parent_ods>("parent_ods"))
LC_KEYS(TrainingRecord, opt<&R::programme>("programme"), req<&R::days>("days"),
        opt<&R::practice_hours>("practice_hours"), opt<&R::skills_assessed>("skills_assessed"),
        opt<&R::pci_accredited>("pci_accredited"), opt<&R::completed>("completed"))
LC_KEYS(RotaBlock, opt<&R::weekday>("weekday"), req<&R::start_min>("start_min"), req<&R::end_min>("end_min"))
LC_KEYS(RotaException, req<&R::date>("date"), opt<&R::blocks>("blocks"))
LC_KEYS(Leave, req<&R::first>("first"), req<&R::last>("last"))
LC_KEYS(Rota, opt<&R::weekly>("weekly"), opt<&R::exceptions>("exceptions"), opt<&R::leave>("leave"),
        opt<&R::max_sessions_per_day>("max_sessions_per_day"), opt<&R::max_sessions_per_week>("max_sessions_per_week"),
        opt<&R::buffer_minutes>("buffer_minutes"))
LC_KEYS(Coach, req<&R::id>("id"), opt<&R::name>("name"), opt<&R::clinical_background>("clinical_background"),
        opt<&R::ethnically_diverse>("ethnically_diverse"),
        opt<&R::ethnically_diverse_pathway>("ethnically_diverse_pathway"), opt<&R::training>("training"),
        opt<&R::memberships>("memberships"), opt<&R::offers>("offers"), opt<&R::modalities>("modalities"),
        opt<&R::rota>("rota"), opt<&R::safeguarding_lead>("safeguarding_lead"),
        opt<&R::first_point_of_contact>("first_point_of_contact"), opt<&R::active>("active"), opt<&R::band>("band"))
LC_KEYS(Consent, opt<&R::coaching>("coaching"), opt<&R::evaluation>("evaluation"), opt<&R::gp_record>("gp_record"),
        opt<&R::recorded_at>("recorded_at"))
LC_KEYS(Client, req<&R::id>("id"), req<&R::kind>("kind"), opt<&R::staff_group>("staff_group"),
        opt<&R::sector>("sector"), opt<&R::organisation>("organisation"), opt<&R::leader>("leader"),
        opt<&R::ethnicity>("ethnicity"), opt<&R::ethnicity_group>("ethnicity_group"),
        opt<&R::ethnically_diverse>("ethnically_diverse"), opt<&R::nhs_number>("nhs_number"),
        opt<&R::pam_level>("pam_level"), opt<&R::pam_score>("pam_score"),
        opt<&R::referral_source>("referral_source"), opt<&R::consent>("consent"))
LC_KEYS(Referral, req<&R::id>("id"), req<&R::client_id>("client_id"), req<&R::offer_id>("offer_id"),
        opt<&R::source>("source"), req<&R::requested_at>("requested_at"),
        opt<&R::preferred_modality>("preferred_modality"), opt<&R::sessions_wanted>("sessions_wanted"),
        opt<&R::closed>("closed"), opt<&R::adjustments>("adjustments"))
LC_KEYS(Attendee, req<&R::client_id>("client_id"), opt<&R::referral_id>("referral_id"), opt<&R::status>("status"))
LC_KEYS(Session, req<&R::id>("id"), req<&R::offer_id>("offer_id"), req<&R::coach_id>("coach_id"),
        req<&R::attendees>("attendees"), req<&R::start>("start"), opt<&R::minutes>("minutes"),
        opt<&R::modality>("modality"), opt<&R::status>("status"), opt<&R::booked_at>("booked_at"),
        opt<&R::requested_at>("requested_at"), opt<&R::first_offered>("first_offered"),
        opt<&R::adjustments>("adjustments"), opt<&R::rescheduled_to>("rescheduled_to"),
        opt<&R::override_by>("override_by"), opt<&R::override_reason>("override_reason"),
        opt<&R::series_id>("series_id"), opt<&R::series_index>("series_index"),
        opt<&R::agreed_override_by>("agreed_override_by"), opt<&R::agreed_override_reason>("agreed_override_reason"))
LC_KEYS(WaitingListEntry, req<&R::id>("id"), req<&R::session_id>("session_id"), req<&R::client_id>("client_id"),
        opt<&R::referral_id>("referral_id"), req<&R::added_at>("added_at"), opt<&R::status>("status"),
        opt<&R::offered_at>("offered_at"))
LC_KEYS(SessionNote, req<&R::id>("id"), req<&R::session_id>("session_id"), req<&R::author_id>("author_id"),
        opt<&R::written_at>("written_at"), req<&R::text>("text"))
LC_KEYS(Goal, req<&R::id>("id"), req<&R::client_id>("client_id"), opt<&R::referral_id>("referral_id"),
        req<&R::description>("description"), opt<&R::baseline>("baseline"), opt<&R::target>("target"),
        opt<&R::attainment>("attainment"))
LC_KEYS(SupervisionRecord, req<&R::id>("id"), req<&R::coach_id>("coach_id"), req<&R::kind>("kind"),
        opt<&R::group>("group"), req<&R::date>("date"), req<&R::supervisor>("supervisor"),
        opt<&R::pci_assured>("pci_assured"), opt<&R::minutes>("minutes"))
LC_KEYS(SupervisionPolicy, opt<&R::health_coaching_days>("health_coaching_days"),
        opt<&R::clinical_days>("clinical_days"), opt<&R::line_management_days>("line_management_days"),
        opt<&R::health_coaching_requires_pci>("health_coaching_requires_pci"))
LC_KEYS(OverdueSupervision, req<&R::coach_id>("coach_id"), req<&R::kind>("kind"), opt<&R::last>("last"),
        req<&R::due>("due"), req<&R::days_overdue>("days_overdue"))
LC_KEYS(SafeguardingConcern, req<&R::id>("id"), req<&R::coach_id>("coach_id"), req<&R::client_id>("client_id"),
        opt<&R::session_id>("session_id"), req<&R::category>("category"), req<&R::raised_at>("raised_at"),
        opt<&R::escalated_to>("escalated_to"), opt<&R::escalated_at>("escalated_at"),
        opt<&R::risk_flag_id>("risk_flag_id"))
LC_KEYS(TrainingCohort, req<&R::id>("id"), opt<&R::name>("name"), req<&R::days>("days"), req<&R::start>("start"),
        opt<&R::organisation>("organisation"))
LC_KEYS(Trainee, req<&R::id>("id"), req<&R::cohort_id>("cohort_id"), opt<&R::profession>("profession"),
        opt<&R::organisation>("organisation"), opt<&R::sector>("sector"), opt<&R::days_attended>("days_attended"),
        opt<&R::confidence_before>("confidence_before"), opt<&R::confidence_after>("confidence_after"),
        opt<&R::champion>("champion"))
LC_KEYS(TrainedPerson, req<&R::trainee_id>("trainee_id"), req<&R::cohort_id>("cohort_id"),
        opt<&R::profession>("profession"), opt<&R::organisation>("organisation"),
        req<&R::course_days>("course_days"), req<&R::completed>("completed"))
LC_KEYS(Response, req<&R::id>("id"), req<&R::client_id>("client_id"), opt<&R::referral_id>("referral_id"),
        req<&R::instrument_id>("instrument_id"), req<&R::time_point>("time_point"),
        opt<&R::follow_up_weeks>("follow_up_weeks"), req<&R::recorded_at>("recorded_at"),
        opt<&R::answers>("answers"), opt<&R::recorded_score>("recorded_score"),
        opt_empty_null<&R::scores>("scores"))
LC_KEYS(RiskFlag, req<&R::id>("id"), req<&R::response_id>("response_id"), req<&R::client_id>("client_id"),
        req<&R::instrument_id>("instrument_id"), req<&R::flag>("flag"), req<&R::raised_at>("raised_at"),
        opt<&R::acknowledged_by>("acknowledged_by"), opt<&R::acknowledged_at>("acknowledged_at"),
        opt<&R::action>("action"))
LC_KEYS(CarePlan, req<&R::id>("id"), req<&R::client_id>("client_id"), req<&R::referral_id>("referral_id"),
        opt<&R::version>("version"), opt<&R::what_matters>("what_matters"), opt<&R::goals>("goals"),
        opt<&R::goal_ids>("goal_ids"), opt<&R::actions>("actions"), req<&R::agreed_sessions>("agreed_sessions"),
        opt<&R::agreed_at>("agreed_at"), req<&R::agreed_by>("agreed_by"))
LC_KEYS(CarePlanShare, req<&R::id>("id"), req<&R::client_id>("client_id"), req<&R::referral_id>("referral_id"),
        req<&R::practitioner_id>("practitioner_id"), req<&R::practitioner_name>("practitioner_name"),
        req<&R::role>("role"), req<&R::organisation>("organisation"), opt<&R::consent_at>("consent_at"),
        opt<&R::consent_by>("consent_by"), opt<&R::revoked_at>("revoked_at"))
LC_KEYS(OnwardReferral, req<&R::id>("id"), req<&R::client_id>("client_id"), req<&R::referral_id>("referral_id"),
        req<&R::destination>("destination"), opt<&R::description>("description"),
        opt<&R::referred_at>("referred_at"), req<&R::referred_by>("referred_by"), opt<&R::outcome>("outcome"),
        opt<&R::outcome_at>("outcome_at"))
LC_KEYS(Breach, req<&R::rule>("rule"), req<&R::record>("record"), req<&R::detail>("detail"))
// A whole programme: the record kinds in document order (json.cpp writes schema_version first).
LC_KEYS(ProgrammeData, opt<&R::catalogue>("catalogue"), opt<&R::organisations>("organisations"),
        opt<&R::coaches>("coaches"), opt<&R::clients>("clients"), opt<&R::referrals>("referrals"),
        opt<&R::sessions>("sessions"), opt<&R::waiting_list>("waiting_list"), opt<&R::notes>("notes"),
        opt<&R::goals>("goals"), opt<&R::supervision>("supervision"), opt<&R::safeguarding>("safeguarding"),
        opt<&R::cohorts>("cohorts"), opt<&R::trainees>("trainees"), opt<&R::responses>("responses"),
        opt<&R::risk_flags>("risk_flags"), opt<&R::usage_waves>("usage_waves"),
        opt<&R::usage_invitations>("usage_invitations"), opt<&R::skill_share_sessions>("skill_share_sessions"),
        opt<&R::care_plans>("care_plans"), opt<&R::care_plan_shares>("care_plan_shares"),
        opt<&R::onward_referrals>("onward_referrals"), opt<&R::supervision_policy>("supervision_policy"),
        opt<&R::disclosure_floor>("disclosure_floor"), opt<&R::inbox>("inbox"),
        opt<&R::triage_rules>("triage_rules"), opt<&R::instruments>("instruments"))

// Usage tracking (usage_json.cpp).
LC_KEYS(UsageWave, req<&R::id>("id"), req<&R::weeks>("weeks"))
LC_KEYS(UsageInvitation, req<&R::id>("id"), req<&R::trainee_id>("trainee_id"), req<&R::wave>("wave"),
        req<&R::due>("due"), opt<&R::sent_at>("sent_at"), opt<&R::responded_at>("responded_at"),
        opt<&R::answers>("answers"))
LC_KEYS(SkillShareSession, req<&R::id>("id"), req<&R::date>("date"), opt<&R::organisation>("organisation"),
        opt<&R::facilitator>("facilitator"), opt<&R::attendees>("attendees"))
LC_KEYS(PractitionerStatus, req<&R::trainee_id>("trainee_id"), req<&R::cohort_id>("cohort_id"),
        opt<&R::profession>("profession"), opt<&R::organisation>("organisation"), req<&R::completed>("completed"),
        opt<&R::champion>("champion"), opt<&R::invited>("invited"), opt<&R::waves_answered>("waves_answered"),
        opt<&R::latest_wave>("latest_wave"), opt<&R::latest_frequency>("latest_frequency"),
        opt<&R::latest_confidence>("latest_confidence"), opt<&R::practising>("practising"),
        opt<&R::skill_share_attended>("skill_share_attended"))
// Disclosure control (interop_json.cpp), the access log (oversight_json.cpp), the single point
// of access (pathway_json.cpp).
LC_KEYS(SuppressionPolicy, opt<&R::min_count>("min_count"), opt<&R::round_to>("round_to"),
        opt<&R::cell_key>("cell_key"), opt<&R::max_perturbation>("max_perturbation"),
        opt<&R::magnitude_noise>("magnitude_noise"), opt<&R::exact_statistics>("exact_statistics"))
LC_KEYS(AccessEntry, req<&R::seq>("seq"), req<&R::at>("at"), req<&R::audience>("audience"),
        opt<&R::viewer_id>("viewer_id"), req<&R::operation>("operation"), opt<&R::records>("records"),
        req<&R::outcome>("outcome"), opt<&R::rule>("rule"), req<&R::hash>("hash"))
LC_KEYS(InboxReferral, req<&R::id>("id"), req<&R::client_id>("client_id"), opt<&R::source>("source"),
        req<&R::received_at>("received_at"), opt<&R::reason>("reason"), opt<&R::status>("status"),
        opt<&R::proposed_route>("proposed_route"), opt<&R::proposed_by_rule>("proposed_by_rule"),
        opt<&R::route>("route"), opt<&R::decided_by>("decided_by"), opt<&R::decided_at>("decided_at"),
        opt<&R::not_accepted_reason>("not_accepted_reason"), opt<&R::referral_id>("referral_id"),
        opt<&R::first_contact_at>("first_contact_at"))
LC_KEYS(TriageProposal, opt<&R::route>("route"), opt<&R::rule>("rule"))

#undef LC_KEYS

}  // namespace laycoach::jsonio::keys
