// Built by the tests: every public header together, and none of them drags in the heavy
// dependencies that belong in src/ (ARCHITECTURE.md: a host including <laycoach/session.hpp>
// does not compile JSON or SQLite).
#include <laycoach/fwd.hpp>
#include <laycoach/laycoach.hpp>

#ifdef NLOHMANN_JSON_VERSION_MAJOR
#error "a public header includes nlohmann/json"
#endif
#ifdef SQLITE_VERSION
#error "a public header includes sqlite3.h"
#endif
#ifdef PYBIND11_VERSION_MAJOR
#error "a public header includes pybind11"
#endif

int main() {
  laycoach::Programme p;
  return p.catalogue().offers.empty() ? 1 : 0;
}
