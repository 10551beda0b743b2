// Must NOT compile: the field and the rule of an error in the wrong order.
#include <string>
#include "laycoach/error.hpp"
using namespace laycoach;
void f(const std::string& id) { throw ConflictError(id, "coach_double_booked"_rule, "start", "clash"); }
