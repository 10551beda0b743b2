// Internal: the usage section of the evaluation (EvaluationReport::usage) from the records of
// usage tracking (usage.hpp), computed exactly; disclose(UsageReport&) releases it.
#pragma once

#include <vector>

#include "evaluation_impl.hpp"
#include "laycoach/training.hpp"
#include "laycoach/usage.hpp"

namespace laycoach::eval {

/// The records the usage section reads (pointers into a snapshot or the programme's state).
struct UsageSource {
  std::vector<const TrainingCohort*> cohorts;
  std::vector<const Trainee*> trainees;
  std::vector<const UsageWave*> waves;
  std::vector<const UsageInvitation*> invitations;
  std::vector<const SkillShareSession*> skill_shares;
};

/// The exact usage section for options.viewer over options' period (evaluation.hpp's UsageReport
/// says what is counted); records keyed by `key` (cell keys; 0 when unkeyed).
UsageReport usage_report(const UsageSource& src, const EvaluationOptions& options, const Keyer& key);

}  // namespace laycoach::eval
