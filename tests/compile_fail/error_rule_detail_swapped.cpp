// Must NOT compile: the rule and the detail of an error in the wrong order.
#include "laycoach/error.hpp"
using namespace laycoach;
void f() { throw ValidationError("s1", "start", "the session starts too early", "min_notice"_rule); }
