// Must NOT compile: a rule literal that is not snake_case (a detail in the rule's place).
#include "laycoach/error.hpp"
using namespace laycoach;
void f() { throw ValidationError("s1", "start", "starts too early"_rule, "detail"); }
