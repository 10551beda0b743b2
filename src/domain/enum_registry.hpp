// Internal: every name of an enumeration, by the enumeration's type name, from the one name
// table of each enum (enums.cpp, pathway.cpp). The store schema names the enumeration a text
// column holds (store_schema.hpp), so analyst tables can say which values a column may take.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace laycoach {

/// Every name of the enumeration `type` ("SessionStatus", "Modality", ...) in the enum's
/// order; empty for a type that is not a laycoach enumeration.
std::vector<std::string> enum_value_names(std::string_view type);

namespace detail {
/// The same for the enumerations of the pathway (TriageRoute, InboxStatus); defined in pathway.cpp.
std::vector<std::string> pathway_enum_value_names(std::string_view type);
}  // namespace detail

}  // namespace laycoach
