#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file catalogue.hpp
/// Service lines and offers as data: what a coaching service provides, in which format,
/// for how long, by which modalities, when it is open and who is eligible.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace laycoach {

/// How many people a session serves.
enum class Format { OneToOne, Group, Team };
/// How a session is delivered.
enum class Modality { Video, Telephone, FaceToFace };
/// Which kind of service a line is: workforce coaching or a commissioned patient service.
enum class ServiceKind { Workforce, PatientTargeted, PatientClinical, PatientNonClinical };
/// Who a client is: a member of health/care staff or a patient.
enum class ClientKind { Staff, Patient };

/// Stable lower-case names used in documents, the store, C and Python ("one_to_one", "video", ...).
const char* to_string(Format v) noexcept;
const char* to_string(Modality v) noexcept;         ///< "video", "telephone", "face_to_face"
const char* to_string(ServiceKind v) noexcept;      ///< "workforce", "patient_targeted", ...
const char* to_string(ClientKind v) noexcept;       ///< "staff", "patient"
/// Parse the names above; return nullopt for an unknown name (callers raise the error with context).
std::optional<Format> parse_format(std::string_view s) noexcept;
std::optional<Modality> parse_modality(std::string_view s) noexcept;
std::optional<ServiceKind> parse_service_kind(std::string_view s) noexcept;
std::optional<ClientKind> parse_client_kind(std::string_view s) noexcept;

/// Opening window of one weekday in UK local time, minutes since midnight [open, close).
struct DayHours {
  int open_min = 8 * 60;    ///< opening time, minutes after local midnight (0..1440)
  int close_min = 22 * 60;  ///< closing time, minutes after local midnight; open_min == close_min means closed
  bool operator==(const DayHours&) const = default;
};

/// Weekly opening hours in UK local time; index 0 = Monday ... 6 = Sunday. Default 08:00-22:00 daily.
struct OpeningHours {
  std::array<DayHours, 7> days{};
  bool open_on_bank_holidays = true;  ///< false: closed on England and Wales bank holidays
  bool operator==(const OpeningHours&) const = default;
};

/// Who may take up an offer.
struct Eligibility {
  std::vector<ClientKind> client_kinds{ClientKind::Staff};  ///< kinds of client admitted
  bool ethnically_diverse_only = false;   ///< the ethnically diverse pathway: clients who self-identify so
  bool leaders_only = false;              ///< leaders/managers only (LAY Team leader 1:1)
  std::optional<int> max_pam_level;       ///< targeted patient services: PAM level at most this (1..4)
  bool operator==(const Eligibility&) const = default;
};

/// Accreditation a coach needs to deliver an offer.
struct AccreditationRequirement {
  int min_training_days = 0;           ///< e.g. 4 for a health and wellbeing coach
  bool skills_assessment = false;      ///< individual skills assessment passed
  bool practice_hours = false;         ///< documented practice hours (> 0)
  bool professional_body = false;      ///< member of ICF, EMCC, AC or UKHCA
  bool operator==(const AccreditationRequirement&) const = default;
};

/// A service line (e.g. "Looking After You Too").
struct ServiceLine {
  std::string id;      ///< unique id, e.g. "lay_too"
  std::string name;    ///< display name
  ServiceKind kind = ServiceKind::Workforce;  ///< workforce (staff) coaching, or patient coaching: targeted, clinical or non-clinical
  bool operator==(const ServiceLine&) const = default;
};

/// Something a client can book within a service line.
struct Offer {
  std::string id;                 ///< unique id, e.g. "lay_too_1to1"
  std::string service_line_id;    ///< the ServiceLine it belongs to
  std::string name;               ///< display name
  Format format = Format::OneToOne;
  int session_minutes = 60;       ///< length of one session, minutes (> 0)
  int capacity = 1;               ///< most attendees per session (1 for 1:1)
  std::vector<Modality> modalities{Modality::Video, Modality::Telephone};  ///< allowed modalities
  OpeningHours hours{};           ///< when sessions may take place (UK local time)
  Eligibility eligibility{};      ///< who may book it
  AccreditationRequirement accreditation{};  ///< what a coach must hold to deliver it
  bool ethnically_diverse_pathway = false;   ///< only coaches on the pathway may deliver it
  std::optional<int> agreed_sessions;        ///< sessions per person agreed by the commissioner (patients)
  int min_notice_minutes = 0;     ///< earliest booking relative to now, minutes (0: none)
  bool operator==(const Offer&) const = default;
};

/// Service lines and offers of one coaching service.
struct Catalogue {
  std::vector<ServiceLine> service_lines;  ///< every service line
  std::vector<Offer> offers;  ///< every offer
  bool operator==(const Catalogue&) const = default;
};

/// The programme's defaults: LAY Too (1:1, peer group), LAY Too ethnically diverse pathway,
/// LAY Team (leader 1:1, team coaching, Teams Away Day), LAY Career (1:1) and PCN health and
/// wellbeing coaching (targeted, clinical, non-clinical; 6 agreed sessions).
Catalogue default_catalogue();

}  // namespace laycoach
