// Must compile: record, field, rule, detail in order; a field or rule computed at run time is
// named explicitly.
#include <string>
#include "laycoach/error.hpp"
using namespace laycoach;
void f(const std::string& id, int i, const std::string& rule) {
  throw ValidationError(id, "start", "min_notice"_rule, "too early");
}
void g(const std::string& id, int i, const std::string& rule) {
  throw ValidationError(id, ErrorField("attendees/" + std::to_string(i)), ErrorRule(rule), "detail");
}
int main() { return 0; }
