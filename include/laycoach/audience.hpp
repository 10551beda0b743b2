#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file audience.hpp
/// Who is asking: confidentiality and disclosure control are decided by the viewer's audience.

#include <optional>
#include <string>
#include <string_view>

namespace laycoach {

/// The audience a call is made for. Employer, Commissioner and Public only ever get aggregates.
enum class Audience { Coach, Client, ServiceManager, Employer, Commissioner, Public };
/// "coach", "client", "service_manager", "employer", "commissioner", "public".
const char* to_string(Audience v) noexcept;
/// Parse the names above; nullopt if unknown.
std::optional<Audience> parse_audience(std::string_view s) noexcept;
/// True for the audiences that may only see aggregate, disclosure-controlled figures.
constexpr bool aggregate_only(Audience a) noexcept {
  return a == Audience::Employer || a == Audience::Commissioner || a == Audience::Public;
}

/// The identity behind a call: a coach id, a client id, an employer's ODS code, or empty.
struct Viewer {
  Audience audience = Audience::Public;
  std::string id;   ///< coach id (Coach), client id (Client), ODS code (Employer); else may be empty
};

/// Disclosure-control thresholds (MEASURES.md): counts 1..(min_count-1) suppressed, others
/// rounded to the nearest round_to; means of fewer than min_count people suppressed.
struct SuppressionPolicy {
  int min_count = 8;   ///< smallest count shown (default: 1-7 suppressed)
  int round_to = 5;    ///< rounding base for shown counts (1: exact)
  bool operator==(const SuppressionPolicy&) const = default;
};

/// A figure as released to an audience: a value, or suppressed ("*").
struct DisclosedValue {
  std::optional<double> value;  ///< nullopt when suppressed
  bool suppressed() const noexcept { return !value.has_value(); }
  bool operator==(const DisclosedValue&) const = default;
};

}  // namespace laycoach
