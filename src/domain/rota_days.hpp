// Internal: rota_blocks_of_day (access.hpp, the one definition) for a caller that knows, from an
// index of the rota's exception dates, that none is dated `date`.
#pragma once

#include <utility>
#include <vector>

#include "laycoach/coach.hpp"

namespace laycoach {

/// rota_blocks_of_day; no_exception_that_day: the caller knows that no exception of `rota` is
/// dated `date` (a sorted list of the dates says so), so the exceptions are not scanned.
void rota_blocks_of_day(const Rota& rota, Date date, std::vector<std::pair<int, int>>& out, bool no_exception_that_day);

}  // namespace laycoach
