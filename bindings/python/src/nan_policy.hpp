// The nan_policy argument of the statistics functions ("propagate" | "omit" | "raise", scipy's
// names), read by the C++ parser; an unknown name is ValidationError "nan_policy"/"unknown".
#pragma once

#include "laycoach/error.hpp"
#include "laycoach/stats_models.hpp"

#include <string>

namespace laycoach::pybind {

inline stats::NanPolicy nan_policy_arg(const std::string& s) {
  using laycoach::operator""_rule;
  if (auto p = stats::parse_nan_policy(s)) return *p;
  throw ValidationError("", "nan_policy", "unknown"_rule,
                        "nan_policy must be 'propagate', 'omit' or 'raise', got '" + s + "'");
}

}  // namespace laycoach::pybind
