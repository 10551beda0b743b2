// Internal: the equity and value sections of the evaluation report (equity.hpp, value.hpp). The
// programme front end (evaluation_programme.cpp) gathers the records into the inputs below; this
// part computes the exact figures (equity_value.cpp) and releases them (disclose). The field
// tables are the one list of each row's figures: disclosure and the JSON writer walk them.
#pragma once

#include "evaluation_impl.hpp"
#include "laycoach/catalogue.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace laycoach::eval {

/// Checks the caller's part of EquityOptions (dimension names, negative counts): ValidationError
/// record "evaluation_options", field "equity/denominators/<dimension>[/<group>]".
void check_equity_options(const EquityOptions& o);

/// The records behind the equity section.
struct EquityInput {
  struct Person {
    std::vector<std::string> labels;  // per equity_dimensions() entry
    std::uint64_t key = 0;            // record key (0 for exact audiences)
  };
  std::vector<Person> clients;        // distinct clients with a referral in scope and period
  std::vector<Person> paired;         // one per paired episode of the outcome
  std::vector<char> improved;         // per paired: reliable improvement on everyone's threshold
  std::string outcome;                // "instrument/scale"; empty = none
};

/// Exact equity figures; throws ValidationError "positive_denominator" for a zero denominator of a
/// group with clients.
EquityReport equity_report(const EquityOptions& o, const EquityInput& in, double confidence);

/// The records behind the value section.
struct ValueInput {
  struct CostedSession {
    std::string band;       // the coach's band ("" = none)
    Modality modality = Modality::Video;
    double minutes = 0;     // coach time
    bool held = false;      // at least one place attended
    std::uint64_t key = 0;
  };
  std::vector<CostedSession> sessions;  // sessions in which the coach's time was spent
  struct Item {
    double amount = 0;      // trainee-days, or supervision minutes
    std::uint64_t key = 0;
  };
  std::vector<Item> trainees;     // one per trainee of a cohort starting in the period
  std::vector<Item> supervision;  // one per supervision record dated in the period
  long long completed = 0;        // completed episodes
  std::uint64_t completed_key = 0;
  Figure improved{kNaN};          // people with a reliable improvement on `outcome` (exact, keyed)
  std::string outcome;
};

/// Exact value figures (validate(UnitCosts) first). Throws ValidationError "unit_costs"/
/// "coach_hour"/"band_not_costed" when a coach's time cannot be costed (no band and no "default").
ValueReport value_report(const UnitCosts& costs, const ValueInput& in);

/// Recomputes the "total" and "per_" rows of a value report from its component rows and
/// quantities (as released, or exact); rounds to pence when `round`.
void value_per_unit(ValueReport& v, bool round);

/// After disclosure of a whole report: the value section's people with a reliable improvement
/// are the released figure of the outcome's overall row (one cell, one release, also when
/// complementary suppression withheld it there), and its cost per person follows.
void align_value(EvaluationReport& report);

#define LC_F(R, name, kind) Field<R>{#name, &R::name, Kind::kind}
inline constexpr std::array kEquityFields = {
    LC_F(EquityRow, denominator, Stat),
    LC_F(EquityRow, clients, Count),
    LC_F(EquityRow, uptake, Share),
    LC_F(EquityRow, uptake_ci_low, Share),
    LC_F(EquityRow, uptake_ci_high, Share),
    LC_F(EquityRow, representation, Share),
    LC_F(EquityRow, representation_ci_low, Share),
    LC_F(EquityRow, representation_ci_high, Share),
    LC_F(EquityRow, paired, Count),
    LC_F(EquityRow, improved, Count),
    LC_F(EquityRow, share_improved, Share),
    LC_F(EquityRow, share_improved_ci_low, Share),
    LC_F(EquityRow, share_improved_ci_high, Share),
    LC_F(EquityRow, outcome_ratio, Share),
    LC_F(EquityRow, outcome_ratio_ci_low, Share),
    LC_F(EquityRow, outcome_ratio_ci_high, Share),
};
inline constexpr std::array kValueFields = {
    LC_F(ValueRow, quantity, Count),
    LC_F(ValueRow, cost, Stat),
    LC_F(ValueRow, cost_low, Stat),
    LC_F(ValueRow, cost_high, Stat),
};
#undef LC_F

}  // namespace laycoach::eval
