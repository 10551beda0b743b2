// C face of the evaluation engine and the disclosure floor it applies (capi/include/laycoach_evaluation.h).
#include "laycoach_evaluation.h"

#include "capi_internal.hpp"
#include "laycoach/csv.hpp"
#include "laycoach/evaluation.hpp"
#include "laycoach/json.hpp"

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

extern "C" LC_API lc_status lc_programme_evaluate_csv(const lc_programme* p, const char* options_json,
                                                      char** out_json) {
  if (out_json) *out_json = nullptr;
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = dup_string(evaluate_csv_json(p->programme, options_json ? options_json : ""));
  });
}

extern "C" LC_API lc_status lc_evaluation_report_csv(const char* report_json, char** out_json) {
  if (out_json) *out_json = nullptr;
  return guard([&] {
    require(out_json, "out_json");
    *out_json = dup_string(csv_tables_to_json(evaluation_report_csv_from_json(arg(report_json, "report_json"))));
  });
}

extern "C" LC_API lc_status lc_programme_disclosure_floor(const lc_programme* p, char** out_json) {
  if (out_json) *out_json = nullptr;
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = dup_string(suppression_policy_to_json(p->programme.disclosure_floor()));
  });
}

extern "C" LC_API lc_status lc_programme_set_disclosure_floor(lc_programme* p, const char* policy_json) {
  return guard([&] {
    require(p, "p");
    // The one policy reader (json.hpp): strict keys, no repeats; the programme checks the floor.
    p->programme.set_disclosure_floor(suppression_policy_from_json(arg(policy_json, "policy_json")));
  });
}
