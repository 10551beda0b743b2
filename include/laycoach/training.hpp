#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file training.hpp
/// Cohorts of staff learning coaching skills (2-day, 4-day), attendance and confidence, and
/// the register of everyone trained.

#include <optional>
#include <string>
#include <vector>

#include "laycoach/time.hpp"

namespace laycoach {

/// A course run for a group of staff.
struct TrainingCohort {
  std::string id;  ///< unique id
  std::string name;  ///< the course's name
  int days = 2;                     ///< course length, days (2 = coaching skills, 4 = HWBC)
  Date start{boost::gregorian::not_a_date_time};  ///< the course's first day
  std::string organisation;         ///< ODS code of the host, may be empty
  bool operator==(const TrainingCohort&) const = default;
};

/// A member of staff enrolled on a cohort.
struct Trainee {
  std::string id;  ///< unique id
  std::string cohort_id;  ///< the course attended
  std::string profession;           ///< e.g. "social prescribing link worker", "care coordinator"
  std::string organisation;         ///< ODS code, may be empty
  std::string sector;               ///< e.g. "gp_practice", "community", "acute", "social_care", "voluntary"
  int days_attended = 0;            ///< 0..cohort days
  std::optional<int> confidence_before;  ///< confidence in using a coaching approach, 1..10
  std::optional<int> confidence_after;   ///< the same after the course, 1..10
  bool champion = false;            ///< joined the champions group
  bool operator==(const Trainee&) const = default;
};

/// True when the trainee attended every day of their cohort `c`: the rule of the training register.
inline bool completed_course(const Trainee& t, const TrainingCohort& c) noexcept { return t.days_attended >= c.days; }
/// The last day of a cohort's course (start + days − 1).
inline Date course_end(const TrainingCohort& c) { return c.start + boost::gregorian::days(c.days - 1); }

/// A trainee who attended every day of their cohort: the register of everyone trained.
struct TrainedPerson {
  std::string trainee_id;  ///< the trainee's id
  std::string cohort_id;  ///< their course
  std::string profession;  ///< their profession
  std::string organisation;  ///< their organisation
  int course_days = 0;  ///< the course's length in days (all attended)
  Date completed{boost::gregorian::not_a_date_time};  ///< last day of the course
  bool operator==(const TrainedPerson&) const = default;
};

}  // namespace laycoach
