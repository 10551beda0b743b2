// The instruments' C entry points (laycoach_instruments.h) over the process-wide library the
// faces share (InstrumentLibrary::shared), every entry noexcept behind capi::guard.
#include "capi_internal.hpp"
#include "laycoach/instrument.hpp"
#include "laycoach/json.hpp"
#include "laycoach/programme.hpp"
#include "laycoach_instruments.h"

namespace {
using namespace laycoach;
using laycoach::capi::arg;
using laycoach::capi::dup_string;
using laycoach::capi::guard;
using laycoach::capi::require;
}  // namespace

extern "C" {

lc_status lc_instrument_list(char** out_json) {
  return guard([&] {
    require(out_json, "out_json");
    *out_json = nullptr;
    *out_json = dup_string(instrument_list_to_json(InstrumentLibrary::shared()));
  });
}

lc_status lc_instrument_get(const char* instrument_id, char** out_json) {
  return guard([&] {
    require(out_json, "out_json");
    *out_json = nullptr;
    *out_json = dup_string(InstrumentLibrary::shared().to_json(arg(instrument_id, "instrument_id")));
  });
}

lc_status lc_instrument_score(const char* instrument_id, const char* answers_json, char** out_json) {
  return guard([&] {
    require(out_json, "out_json");
    *out_json = nullptr;
    const Instrument& ins = InstrumentLibrary::shared().get(arg(instrument_id, "instrument_id"));
    const auto answers = answers_from_json(arg(answers_json, "answers_json"), "answers");
    *out_json = dup_string(score_to_json(ins.score(std::span<const std::optional<int>>(answers))));
  });
}

lc_status lc_instrument_load(const char* definition_json, char** out_id) {
  return guard([&] {
    if (out_id) *out_id = nullptr;
    const std::string id = InstrumentLibrary::shared().add_from_json(arg(definition_json, "definition_json")).id();
    if (out_id) *out_id = dup_string(id);
  });
}

lc_status lc_instrument_register(lc_programme* p, const char* definition_json, char** out_id) {
  return guard([&] {
    if (out_id) *out_id = nullptr;
    const std::string id =
        require(p, "p")->programme.register_instrument_json(arg(definition_json, "definition_json")).id();
    if (out_id) *out_id = dup_string(id);
  });
}

lc_status lc_instrument_registered(const lc_programme* p, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    std::string doc = "[";
    for (const Instrument& ins : p->programme.instruments()) doc += (doc.size() > 1 ? "," : "") + ins.to_json();
    *out_json = dup_string(doc + "]");
  });
}

}  // extern "C"
