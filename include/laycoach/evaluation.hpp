#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 3
#error "laycoach layering: an engines-layer header included from a lower layer"
#endif
/// \file evaluation.hpp
/// The evaluation engine: pairs each episode's baseline and follow-up questionnaires, reports
/// before/after change per outcome measure and per breakdown group (paired t-test, Wilcoxon
/// signed-rank test, effect sizes, reliable and meaningful change), differences between groups,
/// a dose–response trend, proportions with Wilson intervals, access and activity figures, all
/// released to an audience under disclosure control (disclosure.hpp).
///
/// Two entry points share one computational kernel:
///  * evaluate(programme, options): the whole job from the records of a Programme;
///  * evaluate_columns(outcome, breakdowns): the fast path on contiguous arrays (one pair per
///    episode, integer group codes), for analysts and for 10^6-episode evaluations.
///
/// Figures are DisclosedValue: `value` nullopt means suppressed (shown "*"); a NaN value means
/// "not computable" (e.g. an SD of one person). Statistics of a group are exactly those of
/// laycoach::stats applied to that group's pairs (same functions, same order of the pairs).
///
/// Choices where the issue is silent (each also noted on the field concerned):
///  * Change is d = after − before; "improvement" follows the scale's higher_is_better.
///  * Pairing, per episode (referral) and per scale: only scorable responses count (a response
///    unscorable under the instrument's missing-item policy is skipped); baseline = the latest
///    response recorded at or before the first attended session's start (+ grace minutes);
///    the follow-up must be recorded after that start and after the baseline. Responses or
///    places without a referral id belong to the client's latest referral requested before them.
///    Outcome measures use only clients with consent.evaluation (PairingRules::require_consent).
///  * A place is one client in one session. Its outcome is the session's when the coach did not
///    attend, cancelled or rescheduled; otherwise the attendee's, or the session's when the
///    attendee is still "booked". Attended sessions are counted per place.
///  * Dose = attended sessions that started before the follow-up was recorded; modality =
///    the one modality of those sessions, or "mixed".
///  * Difference between groups: each group against the rest of its breakdown by a Welch
///    t-test of change scores; across groups Welch's one-way ANOVA; dose–response the
///    least-squares slope of change on sessions attended (the "6+" bucket counts as 6).
///  * Access: DNA rate = client DNA / (attended + client DNA + coach DNA) places, coach DNA
///    rate likewise; first appointment = the episode's earliest place neither cancelled nor
///    rescheduled, "within 24 h" when it starts at most 24 h after the request (the session's
///    requested_at, else the referral's); out of office hours = starting before 09:00 or at or
///    after 17:00 UK local time, on Saturday or Sunday, or (by default) on an England and Wales
///    bank holiday; utilisation = minutes of attended and booked sessions / rota minutes (weekly
///    pattern, dated exceptions and leave applied, wall-clock minutes) over the period's UK
///    local dates, for the coaches with a session in scope.
///  * Proportions are per episode: the latest experience response ("agree" = the item's
///    "agree" band, answers 4–5); goals achieved when any goal record of the episode is
///    achieved or the goals instrument counts one or more.
///  * Disclosure (aggregate audiences): docs/disclosure.md, the one description. Counts by the
///    cell key method (the same records, the same released value in every table), perturbed,
///    rounded and suppressed below min_count with complementary suppression; means and SDs with
///    bounded keyed noise; t, df, p, CIs, effect sizes, Welch tests, ANOVA and trend computed
///    from released figures; shares the released counts' ratio with intervals that hold the
///    exact share; per-coach figures removed. The policy is at least the service's floor.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "laycoach/audience.hpp"
#include "laycoach/disclosure.hpp"
#include "laycoach/equity.hpp"
#include "laycoach/time.hpp"
#include "laycoach/triage_report.hpp"
#include "laycoach/value.hpp"

namespace laycoach {

class Programme;
struct ProgrammeData;

/// Version of the evaluation report document (JSON "schema_version").
inline constexpr int kEvaluationSchemaVersion = 1;

/// A released figure: nullopt = suppressed ("*"), NaN = not computable, else the value.
using Figure = DisclosedValue;

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

/// A dimension outcomes can be broken down by.
enum class Dimension {
  ServiceLine,      ///< the referral's offer's service line id
  Offer,            ///< the referral's offer id
  Pathway,          ///< "ethnically_diverse" when the offer is on the ethnically diverse pathway, else "standard"
  StaffGroup,       ///< client.staff_group ("not_recorded" when empty)
  Sector,           ///< client.sector ("not_recorded" when empty)
  Organisation,     ///< client.organisation ODS code ("not_recorded" when empty)
  EthnicityGroup,   ///< client.ethnicity_group ("not_stated" when empty)
  Modality,         ///< modality of the attended sessions: "video", "telephone", "face_to_face" or "mixed"
  SessionsAttended  ///< attended sessions up to the follow-up: "1", "2", ..., "<max_dose>+" (dose–response)
};
/// "service_line", "offer", "pathway", "staff_group", "sector", "organisation", "ethnicity_group",
/// "modality", "sessions_attended".
const char* to_string(Dimension d) noexcept;
/// Parses the names above; nullopt if unknown.
std::optional<Dimension> parse_dimension(std::string_view s) noexcept;
/// Every dimension, in the order above.
std::vector<Dimension> all_dimensions();

/// Which response is the follow-up of an episode.
enum class FollowUpRule {
  EndOfEpisode,            ///< the latest end-of-episode response
  LatestAfterSessions,     ///< the latest post-session or end-of-episode response recorded after the
                           ///< min_sessions-th attended session started
  EndOfEpisodeElseLatest,  ///< end-of-episode if there is one, else as LatestAfterSessions (default)
  FollowUp                 ///< the earliest follow-up response with follow_up_weeks >= min_follow_up_weeks
};
/// "end_of_episode", "latest_after_sessions", "end_of_episode_else_latest", "follow_up".
const char* to_string(FollowUpRule r) noexcept;
/// Parses the names above; nullopt if unknown.
std::optional<FollowUpRule> parse_follow_up_rule(std::string_view s) noexcept;

/// How baseline and follow-up responses are paired within an episode (referral). Only scorable
/// responses count (a response unscorable under the missing-item policy is skipped); a follow-up
/// must be recorded after both the baseline and the start of the first attended session.
struct PairingRules {
  /// Baseline = the latest response recorded before the first attended session starts (plus
  /// this grace, minutes, for questionnaires completed at the start of the first session).
  int baseline_grace_minutes = 0;
  FollowUpRule follow_up = FollowUpRule::EndOfEpisodeElseLatest;  ///< which response is the follow-up
  int min_sessions = 2;          ///< LatestAfterSessions: the N-th attended session must have started (>= 1)
  int min_follow_up_weeks = 0;   ///< FollowUp rule: smallest follow_up_weeks accepted (>= 0)
  bool require_consent = true;   ///< outcome measures only of clients with consent.evaluation
  bool operator==(const PairingRules&) const = default;
};

/// What to evaluate, for whom.
struct EvaluationOptions {
  /// Who the report is for. Default Public (the most restrictive). Employer: viewer.id is the
  /// employer's ODS code and only its staff are counted; Coach: viewer.id is the coach id and
  /// only the coach's caseload counts (episodes with a session with the coach). Coach and
  /// ServiceManager see exact figures; Client and Supervisor may not request an evaluation (ForbiddenError).
  Viewer viewer;
  /// The protection of figures for Employer, Commissioner and Public audiences: none = the
  /// service's floor (Programme::disclosure_floor); a policy weaker than the floor is refused
  /// (ForbiddenError "policy"/<member>/"policy_below_floor"). For an exact audience (service
  /// manager, coach) a policy previews the release under it (any policy: the viewer sees exact
  /// figures anyway), e.g. to compare with exact_statistics, the release before cell keys.
  std::optional<SuppressionPolicy> policy;
  PairingRules pairing;          ///< how baseline and follow-up are chosen
  /// Outcomes: "instrument" (every scale) or "instrument/scale"; empty = every scale of every
  /// instrument with at least one pair, except the proportion instruments experience and goals.
  std::vector<std::string> outcomes;
  std::vector<Dimension> breakdowns = all_dimensions();  ///< breakdown tables, in this order
  double confidence = 0.95;      ///< of every CI and Wilson interval, in (0, 1)
  int max_dose = 6;              ///< SessionsAttended buckets 1 .. max_dose−1 and "max_dose+" (>= 2)
  std::optional<Instant> from;   ///< period start: referrals requested and sessions starting at or after
  std::optional<Instant> to;     ///< period end (exclusive)
  bool wilcoxon = true;          ///< compute the Wilcoxon signed-rank test (O(n log n))
  bool group_differences = true; ///< group-vs-rest Welch tests and the Welch ANOVA per breakdown
  /// Access equity against the caller's denominators (equity.hpp); none = no equity section.
  /// Bad denominators: ValidationError record "evaluation_options", field "equity/denominators/<dimension>[/<group>]",
  /// rules "equity_dimension", "non_negative", "positive_denominator" (0 for a group with clients);
  /// "equity/outcome" as `outcomes` (NotFoundError).
  std::optional<EquityOptions> equity;
  /// Unit costs for the value section (value.hpp); none = no value section. Checked by
  /// validate(UnitCosts); a value section is for the whole service: an Employer or Coach
  /// audience asking for one gets ForbiddenError "evaluation_options"/"unit_costs"/"value_audience".
  std::optional<UnitCosts> unit_costs;
};

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

/// Before/after change of one outcome in one group ("all" for everyone). Differences are
/// d = after − before. Counts: n, wilcoxon_n, reliable_*, meaningful_*; shares and their Wilson
/// intervals are computed from the released counts.
struct ChangeRow {
  std::string group;              ///< group label, "all" for the whole population
  bool suppressed = false;        ///< every figure withheld (1..min_count−1 people, or complementary)
  bool below_recommended = false; ///< fewer than 30 pairs (Warwick's minimum for reporting change)
  Figure n;                       ///< pairs (people with a baseline and a follow-up)
  Figure mean_before, sd_before;  ///< baseline mean and sample SD (score units)
  Figure mean_after, sd_after;    ///< follow-up mean and sample SD
  Figure mean_change, sd_change;  ///< mean and SD of d
  Figure ci_low, ci_high;         ///< t-based CI of mean_change at the report's confidence
  Figure t, df, p;                ///< paired t-test: t, degrees of freedom n − 1, two-sided p
  Figure wilcoxon_n;              ///< non-zero differences used by the Wilcoxon test
  Figure w_plus, z, wilcoxon_p, r;  ///< Wilcoxon: W+, signed z (tie-corrected, no continuity correction), p, r = z/√n
  bool wilcoxon_exact = false;    ///< wilcoxon_p is exact (<= 50 non-zero differences, no ties)
  Figure d_z, d_av;               ///< Cohen's d_z = mean/sd of d; d_av = mean / mean of the two SDs
  Figure g_z, g_av;               ///< Hedges-corrected d_z and d_av (J = 1 − 3/(4·df − 1))
  /// Confidence intervals of the effect sizes at the report's confidence (stats::effect_size_intervals:
  /// noncentral t for d_z, Algina–Keselman for d_av, J × those for g; docs/statistics.md); for
  /// aggregate audiences computed from the released n, mean change and SDs, like d_z itself.
  Figure d_z_ci_low, d_z_ci_high, d_av_ci_low, d_av_ci_high;
  Figure g_z_ci_low, g_z_ci_high, g_av_ci_low, g_av_ci_high;
  Figure rci_threshold;           ///< Jacobson–Truax: |d| must exceed this (score units); NaN without reliability
  Figure reliable_improved, reliable_deteriorated;  ///< people with reliable change each way
  Figure share_reliable_improved, share_reliable_improved_ci_low, share_reliable_improved_ci_high;
  Figure share_reliable_deteriorated, share_reliable_deteriorated_ci_low, share_reliable_deteriorated_ci_high;
  Figure meaningful_improved, meaningful_deteriorated;  ///< people whose |d| >= meaningful change, each way
  Figure share_meaningful_improved, share_meaningful_improved_ci_low, share_meaningful_improved_ci_high;
  Figure share_meaningful_deteriorated, share_meaningful_deteriorated_ci_low, share_meaningful_deteriorated_ci_high;
};

/// A group's mean change against the rest of its breakdown: Welch two-sample t-test of change
/// scores (unequal variances, Welch–Satterthwaite df).
struct GroupDifference {
  std::string group;              ///< the group (vs everyone else in the breakdown)
  bool suppressed = false;        ///< withheld (either side has 1..min_count−1 people, or the group row is withheld)
  Figure n_group, n_rest;         ///< pairs on each side
  Figure mean_change_group, mean_change_rest;  ///< mean change on each side
  Figure difference;              ///< mean_change_group − mean_change_rest
  Figure ci_low, ci_high;         ///< Welch CI of the difference
  Figure t, df, p;                ///< Welch t, Welch–Satterthwaite df, two-sided p
};

/// Welch's one-way ANOVA of change scores across a breakdown's groups (scipy.stats.f_oneway with
/// equal_var=False); only groups with >= 2 pairs and a non-zero SD take part (for aggregate
/// audiences: only groups that are shown).
struct Omnibus {
  Figure groups;                  ///< number of groups compared (not people)
  Figure f, df1, df2, p;          ///< Welch F, numerator and denominator df, p
};

/// Least-squares line change = intercept + slope × dose over all pairs of the breakdown, and
/// Pearson's r with its t-test (scipy.stats.linregress).
struct Trend {
  bool suppressed = false;        ///< withheld (fewer than min_count pairs)
  Figure n;                       ///< pairs
  Figure slope, intercept;        ///< change per extra session; change at dose 0
  Figure ci_low, ci_high;         ///< t-based CI of the slope
  Figure t, df, p;                ///< test of slope = 0, df = n − 2
  Figure r;                       ///< Pearson correlation of dose and change
};

/// One breakdown of an outcome: a row per group, differences between groups, and a trend for
/// ordered dimensions (sessions attended).
struct BreakdownTable {
  std::string dimension;                   ///< e.g. "staff_group"
  std::vector<ChangeRow> rows;             ///< one per group, in label order
  std::vector<GroupDifference> differences;  ///< one per group (empty when not computed)
  Omnibus welch_anova;                     ///< across the groups
  std::optional<Trend> trend;              ///< dose–response (ordered dimensions only)
};

/// Counts of baseline and follow-up scores in bins (the distributions before and after;
/// aggregate, never individual values). Computed in equal-width bins: bin i is
/// [low + i·width, low + (i+1)·width), the last bin also holds `high`. Disclosure merges
/// adjacent bins so that no released bar is below the floor (histogram_bin_starts); `edges`
/// then holds the released bins' edges.
struct Histogram {
  double low = 0;                 ///< left edge of the first bin (score units)
  double width = 1;               ///< width of the computed bins (score units)
  std::vector<double> edges;      ///< bins + 1 edges (score units) when bins were merged; empty = equal width
  std::vector<Figure> before;     ///< paired baseline scores per bin
  std::vector<Figure> after;      ///< paired follow-up scores per bin
};

/// Everything about one outcome (one scale of one instrument, or one columnar outcome).
struct OutcomeReport {
  std::string outcome;            ///< "instrument/scale" (programme) or the columnar name
  std::string instrument_id;      ///< empty for columnar outcomes
  std::string scale;              ///< scale name; empty for columnar outcomes
  std::string name;               ///< human name
  /// A questionnaire the programme registered (Programme::register_instrument), not a built-in.
  bool registered = false;
  std::string validation;         ///< its definition's validation label ("unvalidated", "local"); "" for built-ins
  bool higher_is_better = true;   ///< direction of improvement
  double reliability = 0;         ///< reliability used for Jacobson–Truax; NaN when none
  double meaningful_change = 0;   ///< individual meaningful change (points); NaN when none
  double range = 0;               ///< score range (max − min) the disclosure noise is scaled by; NaN when unknown
  Figure episodes;                ///< episodes considered (programme only; NaN for columnar)
  Figure with_baseline;           ///< of which with a baseline score
  Figure with_follow_up;          ///< of which with a follow-up score
  ChangeRow overall;              ///< everyone paired
  std::vector<BreakdownTable> breakdowns;  ///< in the order asked for
  Histogram histogram;            ///< distributions before and after
};

/// A proportion (e.g. satisfied) in one group, with a Wilson interval.
struct ProportionRow {
  std::string group;              ///< group label, "all" for everyone
  bool suppressed = false;        ///< n withheld (and so everything)
  Figure n;                       ///< people asked (with an answer)
  Figure k;                       ///< of which "yes" (agree, achieved ...)
  Figure share, ci_low, ci_high;  ///< k/n from the released counts and its Wilson interval
};

/// A proportion broken down by a dimension.
struct ProportionBreakdown {
  std::string dimension;          ///< e.g. "pathway"
  std::vector<ProportionRow> rows;  ///< one per group
};

/// One proportion measure (satisfied, listened_supported, move_forward, goals_achieved, or a
/// columnar one) overall and by breakdown.
struct ProportionTable {
  std::string measure;            ///< stable id
  std::string name;               ///< human description
  ProportionRow overall;          ///< everyone
  std::vector<ProportionBreakdown> breakdowns;  ///< in the order asked for
};

/// Mean confidence (coaching_skills_usage item 6, 1..10) of one usage-survey wave's answers.
struct UsageConfidenceRow {
  std::string wave;                 ///< the wave's id
  int weeks = 0;                    ///< weeks after the course
  bool suppressed = false;          ///< withheld (1..min_count−1 answers)
  Figure n;                         ///< answers with a confidence rating
  Figure mean_confidence;           ///< their mean (aggregate audiences: bounded keyed noise, 2 decimals)
};

/// Usage tracking of people trained in coaching skills (docs/usage-tracking.md): do they
/// practise? Choices, fixed here once:
///  * Scope: people on the training register (attended every day of their course); an employer
///    sees only its own organisation's; a coach's report has none (tables empty, counts 0).
///  * Period (from/to): invitations by due date, skill-share sessions by date (UTC dates).
///  * Invitation tables count invitations (one per person per wave); people tables count people.
///  * Response rate = answered / invited (invited = invitations created, i.e. due): people never
///    sent one count against it; "usage_sent" gives the share sent.
///  * Practising = coaching_skills_usage's "practising" flag (used at least monthly), among
///    answered invitations whose frequency item was answered.
/// Tables (ProportionTable, breakdowns "wave" (invitation tables only), "cohort", "profession",
/// "organisation"; disclosed as any proportion): "usage_sent" (k sent of n invited),
/// "usage_response_rate" (k answered of n invited), "usage_practising" (k practising of n
/// answered), "usage_champions" (k champions of n people trained), "usage_skill_share" (k who
/// attended a skill-share session of n people trained).
struct UsageReport {
  std::vector<ProportionTable> tables;  ///< in the order above
  std::vector<UsageConfidenceRow> confidence_by_wave;  ///< one per wave, by weeks
  Figure skill_share_sessions;      ///< skill-share sessions held (with at least one attendee in scope)
  Figure skill_share_attendances;   ///< places attended in them by people in scope
};

/// One coach's utilisation in the report (exact audiences only); rota minutes by
/// laycoach::rota_minutes (access.hpp), like the booking engine's access figures.
struct CoachUtilisationReport {
  std::string coach_id;
  double sessions = 0;            ///< sessions held (attended)
  double occupied_minutes = 0;    ///< minutes of attended and booked sessions in the period
  double rota_minutes = 0;        ///< minutes on the rota in the period (leave and exceptions applied)
  double utilisation = 0;         ///< occupied / rota; NaN when no rota minutes
};

/// Access and activity over the period as reported (out of office hours by
/// laycoach::out_of_office_hours, rota time by laycoach::rota_minutes, as in the booking engine's
/// access figures). A place is one client in one session; "appointments"
/// are places attended, missed by the client (DNA) or missed by the coach.
struct AccessReport {
  Figure referrals;               ///< episodes requested
  Figure clients;                 ///< distinct clients with a referral
  Figure clients_seen;            ///< distinct clients with at least one attended place
  Figure sessions;                ///< sessions held (a session with at least one attended place)
  Figure attended;                ///< attended places
  Figure client_dna;              ///< places the client did not attend
  Figure coach_dna;               ///< places the coach did not attend
  Figure appointments;            ///< attended + client_dna + coach_dna
  Figure cancelled;               ///< places cancelled (by client or coach)
  Figure sessions_per_client;     ///< attended / clients_seen
  Figure dna_rate, dna_rate_ci_low, dna_rate_ci_high;  ///< client_dna / appointments, Wilson interval
  Figure coach_dna_rate, coach_dna_rate_ci_low, coach_dna_rate_ci_high;  ///< coach_dna / appointments
  Figure first_appointments;      ///< episodes with a first appointment and a known request time
  Figure within_24h;              ///< of which the first appointment starts within 24 h of the request
  Figure share_within_24h, share_within_24h_ci_low, share_within_24h_ci_high;
  Figure out_of_hours;            ///< attended places out of office hours (before 09:00, from 17:00, weekends, bank holidays; UK local)
  Figure share_out_of_hours, share_out_of_hours_ci_low, share_out_of_hours_ci_high;  ///< out_of_hours / attended
  Figure coaches;                 ///< coaches with a session in scope
  Figure sessions_per_coach;      ///< sessions / coaches
  Figure rota_hours;              ///< rota hours of those coaches in the period
  Figure occupied_hours;          ///< hours of their attended and booked sessions in the period
  Figure utilisation;             ///< occupied_hours / rota_hours
  std::vector<CoachUtilisationReport> per_coach;  ///< exact audiences only (a coach: themselves)
};

/// Onward referral and goals at the end of coaching: the published service's two headline
/// figures ("over 80% referred on to lifestyle services; over 75% achieved one or more goals"),
/// computed from OnwardReferral and Goal records (docs/care-plan.md). Every row's n is the same:
/// the people whose coaching period ended, i.e. clients with a closed referral (episode) in
/// scope (and with evaluation consent when pairing.require_consent). Rows are people, not
/// episodes: a person with several ended episodes counts once.
struct OnwardReport {
  /// group "all": k = people referred on to one or more services from an ended episode.
  ProportionRow referred_on;
  /// One row per destination, in OnwardDestination order, group = its name ("weight_management",
  /// ...): k = people referred on to it; a person may count in several rows (not additive).
  std::vector<ProportionRow> by_destination;
  /// group "all": k = people with one or more goals Achieved in an ended episode.
  ProportionRow goals_achieved;
};

/// The evaluation report.
struct EvaluationReport {
  int schema_version = kEvaluationSchemaVersion;
  Audience audience = Audience::Public;
  std::string viewer_id;          ///< the viewer's id (coach id, ODS code) or empty
  bool disclosure_controlled = false;  ///< true when figures were suppressed/rounded (aggregate audiences)
  SuppressionPolicy policy;       ///< thresholds applied (when disclosure_controlled)
  double confidence = 0.95;
  PairingRules pairing;
  std::optional<Instant> from, to;  ///< the period
  Figure consent_excluded;        ///< episodes left out of outcome measures for lack of evaluation consent
  AccessReport access;
  std::vector<OutcomeReport> outcomes;
  std::vector<ProportionTable> proportions;
  TriageReport triage;            ///< the single point of access (triage_report.hpp)
  std::optional<EquityReport> equity;  ///< access equity, when EvaluationOptions::equity was given
  std::optional<ValueReport> value;    ///< unit costs and value, when EvaluationOptions::unit_costs was given
  UsageReport usage;              ///< usage tracking of people trained in coaching skills
  std::vector<std::string> notes; ///< caveats for the reader (small samples, choices made)
  OnwardReport onward;            ///< referred on and goals achieved at the end of coaching
};

// ---------------------------------------------------------------------------------------------
// Programme evaluation
// ---------------------------------------------------------------------------------------------

/// Evaluates a programme for options.viewer under options.policy, reading its records under the
/// programme's shared lock. Throws ValidationError (bad options: field names the option),
/// NotFoundError (unknown coach / employer viewer, unknown instrument or scale in outcomes),
/// ForbiddenError (a Client or Supervisor audience).
EvaluationReport evaluate(const Programme& programme, const EvaluationOptions& options = {});
/// The same from a snapshot of records (e.g. Programme::data() or a loaded document); records
/// that reference missing ones are skipped.
EvaluationReport evaluate(const ProgrammeData& data, const EvaluationOptions& options = {});

// ---------------------------------------------------------------------------------------------
// Columnar fast path
// ---------------------------------------------------------------------------------------------

/// One breakdown of columnar data: an integer group code per pair.
struct ColumnBreakdown {
  std::string name;                      ///< e.g. "staff_group"
  std::span<const std::int32_t> codes;   ///< per pair: index into labels, or −1 = not in this breakdown
  std::vector<std::string> labels;       ///< group labels; labels.size() groups
  /// Optional numeric dose per code (size labels.size()): adds the trend of change on it.
  std::vector<double> trend_values;
};

/// One outcome as columns: before[i], after[i] is episode i's pair; NaN in either = not paired.
struct ColumnOutcome {
  std::string name = "outcome";          ///< label of the outcome
  std::span<const double> before;        ///< baseline scores
  std::span<const double> after;         ///< follow-up scores (same length)
  std::optional<double> reliability;     ///< for Jacobson–Truax (in [0, 1]); none = no reliable change
  std::optional<double> meaningful_change;  ///< points (> 0); none = no meaningful-change figures
  bool higher_is_better = true;          ///< direction of improvement
  std::optional<std::pair<double, double>> range;  ///< score range (histogram, disclosure noise); none = from the data
  /// Per pair: the record's key for the cell key method (docs/disclosure.md), e.g. from
  /// record_keys(); empty = no keys (figures are exact; disclose() then keys cells by nothing).
  std::span<const std::uint64_t> record_keys;
};

/// Keys of records by position (0, 1, ... n−1) for columnar data without ids: deterministic,
/// so anyone who knows the rows' order can recompute them — pass keyed ids where that matters.
std::vector<std::uint64_t> position_keys(std::size_t n);

/// Options of the columnar path.
struct ColumnOptions {
  double confidence = 0.95;        ///< of CIs and Wilson intervals
  bool wilcoxon = true;            ///< compute Wilcoxon tests
  bool group_differences = true;   ///< Welch group-vs-rest tests and Welch ANOVA
  bool histogram = true;           ///< compute the before/after histogram
};

/// Evaluates one outcome with exact figures. Work: O(n) per breakdown plus an O(n log n) sort
/// per breakdown for the Wilcoxon tests; no allocation per pair beyond a few n-sized buffers.
/// Throws ValidationError: "after"/"same_length", "<breakdown>.codes"/"same_length",
/// "<breakdown>.codes"/"code_range" (a code >= labels.size() or < −1), "before"/"finite" (±inf;
/// NaN means missing), "reliability"/"range", "meaningful_change"/"positive",
/// "<breakdown>.trend_values"/"same_length", "confidence"/"range".
OutcomeReport evaluate_columns(const ColumnOutcome& outcome, std::span<const ColumnBreakdown> breakdowns,
                               const ColumnOptions& options = {});

/// A proportion from columns: outcome[i] = 1 (yes), 0 (no), −1 (no answer), exact figures.
/// Throws ValidationError "outcome"/"value_range" for other values and as evaluate_columns
/// for the breakdowns.
/// `record_keys` (empty, or one per value) key the cells as in ColumnOutcome.
ProportionTable evaluate_proportion_columns(std::string measure, std::span<const std::int8_t> outcome,
                                            std::span<const ColumnBreakdown> breakdowns,
                                            double confidence = 0.95,
                                            std::span<const std::uint64_t> record_keys = {});

// ---------------------------------------------------------------------------------------------
// Disclosure of reports
// ---------------------------------------------------------------------------------------------

/// Applies disclosure control to exact figures, in place, as docs/disclosure.md describes (cell
/// keys from the figures' `key`s; policy.exact_statistics: the release before cell keys, for
/// comparison). Pure: no floor is checked here — the caller holds the exact figures. Throws
/// ValidationError on a bad policy.
void disclose(OutcomeReport& outcome, const SuppressionPolicy& policy, double confidence = 0.95);
/// The same for a proportion table.
void disclose(ProportionTable& table, const SuppressionPolicy& policy, double confidence = 0.95);
/// The same for the usage section (its tables as proportion tables; counts under cell keys; mean
/// confidence with bounded keyed noise, withheld for 1..min_count−1 answers).
void disclose(UsageReport& usage, const SuppressionPolicy& policy, double confidence = 0.95);
/// The same for access figures (per-coach figures are removed).
void disclose(AccessReport& access, const SuppressionPolicy& policy, double confidence = 0.95);
/// The same for the equity section (docs/equity-and-value.md: counts as tables with complementary
/// suppression, uptake intervals that hold the exact share, ratios from the released counts).
void disclose(EquityReport& equity, const SuppressionPolicy& policy, double confidence = 0.95);
/// The same for the value section (quantities and costs by the cell key method in units of one
/// record's largest contribution; per-unit costs from the released figures).
void disclose(ValueReport& value, const SuppressionPolicy& policy);
/// The same for the onward referral figures (each row released as a ProportionTable's overall row).
void disclose(OnwardReport& onward, const SuppressionPolicy& policy, double confidence = 0.95);
/// The whole report; sets disclosure_controlled and policy. Throws ValidationError
/// ("report"/"already_disclosed") when the report is already disclosure-controlled.
void disclose(EvaluationReport& report, const SuppressionPolicy& policy);

// ---------------------------------------------------------------------------------------------
// Documents
// ---------------------------------------------------------------------------------------------

/// The report as a JSON document ("schema_version": 1, "kind": "evaluation_report"). Every
/// figure is a number or null; each row lists its suppressed figures in "suppressed_fields"
/// (null without being listed = not computable). indent < 0 gives compact output.
std::string to_json(const EvaluationReport& report, int indent = -1);
/// One outcome report as a JSON object (the element of "outcomes").
std::string to_json(const OutcomeReport& outcome, int indent = -1);
/// One proportion table as a JSON object (the element of "proportions").
std::string to_json(const ProportionTable& table, int indent = -1);

/// Parses evaluation options from JSON (every key optional): {"audience": "commissioner",
/// "viewer_id": "...", "policy": {"min_count": 8, "round_to": 5}, "pairing": {"follow_up":
/// "end_of_episode_else_latest", "min_sessions": 2, "baseline_grace_minutes": 0,
/// "min_follow_up_weeks": 0, "require_consent": true}, "outcomes": ["swemwbs", "cbi/work"],
/// "breakdowns": ["pathway", ...], "confidence": 0.95, "max_dose": 6, "from": ISO 8601,
/// "to": ISO 8601, "wilcoxon": true,
/// "group_differences": true, "schema_version": 1, "equity": {"denominators": {"staff_group":
/// {"nursing": 1200}}, "outcome": "swemwbs/total"}, "unit_costs": {"source": "...", "price_year":
/// "2024/25", "coach_hour": {"7": {"value": 60, "low": 50, "high": 70}}, "session": {"video":
/// {"value": 5, "plus_minus_percent": 20}}, "training_day": {...}, "supervision_hour": {...},
/// "outcome": "..."}} (a cost is {"value", "low", "high"} or {"value", "plus_minus_percent"}). Empty text = defaults. Throws ParseError
/// (field = JSON pointer) on malformed JSON, unknown keys, wrong types or unknown names.
EvaluationOptions evaluation_options_from_json(std::string_view json);

/// evaluate(programme, evaluation_options_from_json(options_json)) as a JSON document.
std::string evaluate_json(const Programme& programme, std::string_view options_json, int indent = -1);

}  // namespace laycoach
