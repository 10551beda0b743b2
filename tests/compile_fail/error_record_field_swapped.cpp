// Must NOT compile: a record id (computed at run time) passed where the field goes.
#include <string>
#include "laycoach/error.hpp"
using namespace laycoach;
void f(const std::string& session_id) { throw ValidationError("start", session_id, "min_notice"_rule, "too early"); }
