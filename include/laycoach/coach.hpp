#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file coach.hpp
/// Coaches: accreditation and training, clinical background, pathways, offers, modalities,
/// and a weekly rota in UK local time with dated exceptions and leave.

#include <optional>
#include <string>
#include <vector>

#include "laycoach/catalogue.hpp"
#include "laycoach/time.hpp"

namespace laycoach {

/// Professional coaching bodies recognised for accreditation.
enum class ProfessionalBody { Icf, Emcc, AssociationForCoaching, Ukhca };
/// "icf", "emcc", "association_for_coaching", "ukhca".
const char* to_string(ProfessionalBody v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<ProfessionalBody> parse_professional_body(std::string_view s) noexcept;

/// One completed coaching training programme.
struct TrainingRecord {
  std::string programme;          ///< programme name, e.g. "PCI health coaching (4 days)"
  int days = 0;                   ///< programme length, days (2 = coaching skills, >= 4 = HWBC)
  double practice_hours = 0;      ///< documented practice hours
  bool skills_assessed = false;   ///< individual skills assessment passed
  bool pci_accredited = false;    ///< provider accredited by the Personalised Care Institute
  Date completed{boost::gregorian::not_a_date_time};  ///< date completed
  bool operator==(const TrainingRecord&) const = default;
};

/// A working block in the weekly pattern, UK local time.
struct RotaBlock {
  int weekday = 0;      ///< 0 = Monday ... 6 = Sunday
  int start_min = 0;    ///< minutes after local midnight
  int end_min = 0;      ///< minutes after local midnight, > start_min
  bool operator==(const RotaBlock&) const = default;
};

/// A dated change to the pattern: on `date` the coach works exactly `blocks` (empty: not at all).
struct RotaException {
  Date date{boost::gregorian::not_a_date_time};
  std::vector<RotaBlock> blocks;  ///< weekday of each block is ignored (the date fixes it)
  bool operator==(const RotaException&) const = default;
};

/// A period of leave, inclusive of both dates.
struct Leave {
  Date first{boost::gregorian::not_a_date_time};
  Date last{boost::gregorian::not_a_date_time};
  bool operator==(const Leave&) const = default;
};

/// When a coach works and how much.
struct Rota {
  std::vector<RotaBlock> weekly;          ///< the repeating weekly pattern
  std::vector<RotaException> exceptions;  ///< dated replacements of a day's blocks
  std::vector<Leave> leave;               ///< whole days away
  int max_sessions_per_day = 8;           ///< daily cap
  int max_sessions_per_week = 30;         ///< caseload cap per ISO week (Mon-Sun, UK local)
  int buffer_minutes = 0;                 ///< gap required between two sessions, minutes
  bool operator==(const Rota&) const = default;
};

/// A coach (health and wellbeing coach or workforce coach).
struct Coach {
  std::string id;                          ///< unique id
  std::string name;                        ///< display name
  std::string clinical_background;         ///< e.g. "nurse", "GP", "AHP"; empty if none
  bool ethnically_diverse = false;         ///< self-identifies as from an ethnically diverse background
  bool ethnically_diverse_pathway = false; ///< delivers the ethnically diverse pathway (requires the above)
  std::vector<TrainingRecord> training;    ///< completed programmes
  std::vector<ProfessionalBody> memberships;  ///< professional body memberships
  std::vector<std::string> offers;         ///< ids of the offers the coach delivers
  std::vector<Modality> modalities{Modality::Video, Modality::Telephone};  ///< modalities offered
  Rota rota;                               ///< working pattern
  std::string safeguarding_lead;           ///< named GP or lead for safeguarding concerns
  std::string first_point_of_contact;      ///< named first point of contact
  bool active = true;                      ///< false: no new bookings
  std::string band;                        ///< NHS Agenda for Change pay band (afc_bands()), empty = none; costs coach time (value.hpp)
  bool operator==(const Coach&) const = default;
};

/// The pay bands of NHS Agenda for Change: "1" ... "7", "8a", "8b", "8c", "8d", "9".
const std::vector<std::string>& afc_bands();

/// Longest programme in days, total practice hours, any assessment, any membership.
int max_training_days(const Coach& c) noexcept;
/// True when the coach's training and memberships satisfy the requirement.
bool meets(const Coach& c, const AccreditationRequirement& req) noexcept;

}  // namespace laycoach
