// C face of the evaluation engine (capi/include/laycoach_evaluation.h).
#include "laycoach_evaluation.h"

#include "capi_internal.hpp"
#include "laycoach/evaluation.hpp"

using namespace laycoach;
using namespace laycoach::capi;

extern "C" LC_API lc_status lc_programme_evaluate(const lc_programme* p, const char* options_json,
                                                  char** out_json) {
  if (out_json) *out_json = nullptr;
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    const std::string text = evaluate_json(p->programme, options_json ? options_json : "");
    *out_json = dup_string(text);
  });
}
