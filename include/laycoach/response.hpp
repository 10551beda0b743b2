#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file response.hpp
/// A questionnaire response recorded against a client, an episode and a time point.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "laycoach/time.hpp"

namespace laycoach {

/// When in the episode a questionnaire was answered.
enum class TimePoint { Baseline, PostSession, EndOfEpisode, FollowUp };
/// "baseline", "post_session", "end_of_episode", "follow_up".
const char* to_string(TimePoint v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<TimePoint> parse_time_point(std::string_view s) noexcept;

/// Answers to one instrument by one client at one time point.
struct Response {
  std::string id;
  std::string client_id;
  std::string referral_id;          ///< the episode
  std::string instrument_id;        ///< e.g. "swemwbs"
  TimePoint time_point = TimePoint::Baseline;
  int follow_up_weeks = 0;          ///< weeks after the end of the episode (FollowUp only)
  Instant recorded_at{boost::posix_time::not_a_date_time};
  std::vector<std::optional<int>> answers;  ///< item answers in order; nullopt = missing
  std::optional<double> recorded_score;     ///< score-only instruments (PAM): score from a licensed tool
  /// Externally scored: scale name → reported score computed elsewhere (no answers given);
  /// empty for a response scored from its answers. Each score lies in its scale's range.
  std::map<std::string, double> scores;
  bool operator==(const Response&) const = default;
};

/// A clinical risk flag raised by a response (an item flag marked risk, e.g. PHQ-9 item 9 >= 1
/// "self_harm_risk"): stored with the response, listed by Programme::audit ("risk_flag_open")
/// until a named person acknowledges it or a safeguarding concern names it (risk_flag_id).
struct RiskFlag {
  std::string id;                   ///< risk_flag_id(response_id, flag): "<response id>#<flag>"
  std::string response_id;          ///< the response that raised it
  std::string client_id;            ///< the response's client
  std::string instrument_id;        ///< the response's instrument
  std::string flag;                 ///< flag name, e.g. "self_harm_risk"
  Instant raised_at{boost::posix_time::not_a_date_time};  ///< the response's recorded_at (UTC)
  std::string acknowledged_by;      ///< the named person who acknowledged it; empty while open
  Instant acknowledged_at{boost::posix_time::not_a_date_time};  ///< when (UTC), not before raised_at
  std::string action;               ///< what was done (free text: confidential, never in events or extracts)
  bool operator==(const RiskFlag&) const = default;
};

/// The id of the flag `flag` raised by response `response_id`: "<response_id>#<flag>".
inline std::string risk_flag_id(const std::string& response_id, const std::string& flag) {
  return response_id + "#" + flag;
}

}  // namespace laycoach
