#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file organisation.hpp
/// Organisations that employ staff clients or host patient services, keyed by ODS code.

#include <optional>
#include <string>
#include <string_view>

namespace laycoach {

/// What an organisation is.
enum class OrgKind { GpPractice, Pcn, Trust, SocialCare, VoluntarySector, Other };
/// "gp_practice", "pcn", "trust", "social_care", "voluntary_sector", "other".
const char* to_string(OrgKind v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<OrgKind> parse_org_kind(std::string_view s) noexcept;

/// An organisation (GP practice, PCN, trust ...) identified by its ODS code.
struct Organisation {
  std::string ods_code;        ///< unique ODS code, e.g. "A81001" (upper-case letters and digits, 3-10 chars)
  std::string name;            ///< display name
  OrgKind kind = OrgKind::GpPractice;  ///< GP practice, PCN, trust, social care, voluntary sector or other
  std::string parent_ods;      ///< e.g. the PCN of a GP practice; empty if none
  bool operator==(const Organisation&) const = default;
};

/// True when s looks like an ODS code: 3 to 10 upper-case letters or digits.
bool ods_code_valid(std::string_view s) noexcept;

}  // namespace laycoach
