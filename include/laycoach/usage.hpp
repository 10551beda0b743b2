#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file usage.hpp
/// Usage tracking for people trained in coaching skills (docs/usage-tracking.md): the waves of
/// the usage survey (the built-in instrument "coaching_skills_usage"), one invitation per person
/// on the training register per wave with its answers, skill-share sessions, and the register of
/// who practises.
///
/// Conventions, fixed here once:
///  * A wave is sent `weeks` after the last day of a person's course: due = completed + 7·weeks.
///  * An invitation's id is usage_invitation_id(trainee_id, wave): one per person per wave.
///  * Practising = the instrument's "practising" flag (a coaching approach used at least once or
///    twice in the last month) in the person's latest answered wave (latest due date).

#include <optional>
#include <string>
#include <vector>

#include "laycoach/time.hpp"

namespace laycoach {

/// The instrument of the usage survey (a laycoach local survey, not a validated instrument).
inline constexpr const char* kUsageInstrument = "coaching_skills_usage";

/// A wave of the usage survey, part of the programme's schedule (e.g. 4, 12 and 26 weeks).
struct UsageWave {
  std::string id;                   ///< e.g. "4w"
  int weeks = 0;                    ///< weeks after the last day of the course, 1..520, unique in the schedule
  bool operator==(const UsageWave&) const = default;
};

/// One person's invitation to one wave of the usage survey, and their answers once given.
struct UsageInvitation {
  std::string id;                   ///< usage_invitation_id(trainee_id, wave)
  std::string trainee_id;           ///< a person on the training register
  std::string wave;                 ///< the UsageWave's id
  Date due{boost::gregorian::not_a_date_time};  ///< last day of the course + 7 × the wave's weeks
  Instant sent_at{boost::posix_time::not_a_date_time};       ///< when the host sent it (UTC); unset until sent
  Instant responded_at{boost::posix_time::not_a_date_time};  ///< when answered (UTC), not before sent_at; unset until answered
  std::vector<std::optional<int>> answers;  ///< coaching_skills_usage answers in item order (nullopt = missing); empty until answered
  bool operator==(const UsageInvitation&) const = default;
};

/// The id of trainee `trainee_id`'s invitation to wave `wave`: "<trainee_id>#<wave>".
inline std::string usage_invitation_id(const std::string& trainee_id, const std::string& wave) {
  return trainee_id + "#" + wave;
}

/// A skill-share (practice) session for people trained in coaching skills.
struct SkillShareSession {
  std::string id;
  Date date{boost::gregorian::not_a_date_time};  ///< the day it was held
  std::string organisation;         ///< ODS code of the host, may be empty
  std::string facilitator;          ///< who ran it (a person's name: withheld from analyst tables)
  std::vector<std::string> attendees;  ///< trainee ids, each on the training register, no repeats
  bool operator==(const SkillShareSession&) const = default;
};

/// One person of the training register and whether they practise (Programme::practice_register).
struct PractitionerStatus {
  std::string trainee_id;
  std::string cohort_id;
  std::string profession;
  std::string organisation;
  Date completed{boost::gregorian::not_a_date_time};  ///< last day of the course
  bool champion = false;            ///< Trainee::champion
  int invited = 0;                  ///< invitations (waves due so far)
  int waves_answered = 0;           ///< invitations answered
  std::string latest_wave;          ///< the latest answered wave (latest due date), "" when none
  std::optional<int> latest_frequency;   ///< its frequency answer, 0..3 (never .. most days)
  std::optional<int> latest_confidence;  ///< its confidence answer, 1..10
  bool practising = false;          ///< the latest answered wave raised "practising" (at least monthly)
  int skill_share_attended = 0;     ///< skill-share sessions attended
  bool operator==(const PractitionerStatus&) const = default;
};

}  // namespace laycoach
