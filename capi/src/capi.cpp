// The C API's core entry points: every one noexcept, every exception mapped to a status.
#include "capi_internal.hpp"
#include "laycoach/csv.hpp"
#include "laycoach/document.hpp"
#include "laycoach/json.hpp"
#include "laycoach/version.hpp"

static_assert(LAYCOACH_VERSION_MAJOR * 10000 + LAYCOACH_VERSION_MINOR * 100 + LAYCOACH_VERSION_PATCH ==
                  LAYCOACH_VERSION_NUMBER,
              "laycoach.h and version.hpp disagree");

namespace laycoach::capi {
namespace {
struct ThreadError {
  std::string message, record, field, rule;
};
thread_local ThreadError t_error;
}  // namespace

void clear_error() noexcept {
  t_error.message.clear();
  t_error.record.clear();
  t_error.field.clear();
  t_error.rule.clear();
}

lc_status set_error(lc_status status, const char* message, const std::string& record, const std::string& field,
                    const std::string& rule) noexcept {
  try {
    t_error.message = message;
    t_error.record = record;
    t_error.field = field;
    t_error.rule = rule;
  } catch (...) {
    clear_error();  // out of memory: the status alone must do
  }
  return status;
}

lc_status status_of(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::InvalidArgument: return LC_E_INVALID_ARGUMENT;
    case ErrorCode::NotFound: return LC_E_NOT_FOUND;
    case ErrorCode::Conflict: return LC_E_CONFLICT;
    case ErrorCode::Forbidden: return LC_E_FORBIDDEN;
    case ErrorCode::Parse: return LC_E_PARSE;
    case ErrorCode::Io: return LC_E_IO;
    case ErrorCode::Internal: return LC_E_INTERNAL;
    case ErrorCode::Busy: return LC_E_BUSY;
  }
  return LC_E_INTERNAL;
}

std::string arg(const char* s, const char* field) { return std::string(require(s, field)); }

char* dup_string(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (!out) throw std::bad_alloc();
  std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

Viewer parse_viewer(const char* viewer_json) { return viewer_from_json(arg(viewer_json, "viewer_json")); }

}  // namespace laycoach::capi

using namespace laycoach;
using laycoach::capi::arg;
using laycoach::capi::dup_string;
using laycoach::capi::guard;
using laycoach::capi::require;

extern "C" {

const char* lc_version(void) { return LAYCOACH_VERSION_STRING; }
int lc_version_number(void) {
  return LAYCOACH_VERSION_MAJOR * 10000 + LAYCOACH_VERSION_MINOR * 100 + LAYCOACH_VERSION_PATCH;
}
const char* lc_last_error(void) { return laycoach::capi::t_error.message.c_str(); }
const char* lc_last_error_record(void) { return laycoach::capi::t_error.record.c_str(); }
const char* lc_last_error_field(void) { return laycoach::capi::t_error.field.c_str(); }
const char* lc_last_error_rule(void) { return laycoach::capi::t_error.rule.c_str(); }

const char* lc_status_name(lc_status status) {
  switch (status) {
    case LC_OK: return "ok";
    case LC_E_INVALID_ARGUMENT: return "invalid_argument";
    case LC_E_NOT_FOUND: return "not_found";
    case LC_E_CONFLICT: return "conflict";
    case LC_E_FORBIDDEN: return "forbidden";
    case LC_E_PARSE: return "parse";
    case LC_E_IO: return "io";
    case LC_E_INTERNAL: return "internal";
    case LC_E_BUSY: return "busy";
  }
  return "unknown";
}

lc_status lc_programme_new(lc_programme** out) {
  return guard([&] {
    require(out, "out");
    *out = nullptr;
    *out = new lc_programme{Programme()};
  });
}

lc_status lc_programme_open(const char* sqlite_path, lc_programme** out) {
  return lc_programme_open_ex(sqlite_path, LC_OPEN_CREATE, -1, out);
}

lc_status lc_programme_open_ex(const char* sqlite_path, unsigned int flags, int busy_timeout_ms, lc_programme** out) {
  return guard([&] {
    require(out, "out");
    *out = nullptr;
    const std::string path = arg(sqlite_path, "sqlite_path");
    OpenOptions o;
    switch (flags) {
      case LC_OPEN_CREATE: o.mode = OpenMode::Create; break;
      case 0:
      case LC_OPEN_MUST_EXIST: o.mode = OpenMode::MustExist; break;
      case LC_OPEN_READ_ONLY: o.mode = OpenMode::ReadOnly; break;
      default:
        throw ValidationError(path, "flags", "open_flags"_rule,
                              "flags are one of LC_OPEN_CREATE, LC_OPEN_MUST_EXIST, LC_OPEN_READ_ONLY, not " +
                                  std::to_string(flags));
    }
    if (busy_timeout_ms >= 0) o.busy_timeout_ms = busy_timeout_ms;
    *out = new lc_programme{Programme::open(path, o)};
  });
}

void lc_programme_free(lc_programme* p) { delete p; }

lc_status lc_programme_load_json(lc_programme* p, const char* json, size_t len) {
  return guard([&] {
    require(p, "p");
    require(json, "json");
    p->programme.replace(programme_data_from_json(std::string_view(json, len)));
  });
}

lc_status lc_programme_import_json(lc_programme* p, const char* json, size_t len) {
  return guard([&] {
    require(p, "p");
    require(json, "json");
    p->programme.import_records(programme_data_from_json(std::string_view(json, len)));
  });
}

lc_status lc_programme_to_json(const lc_programme* p, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    *out_json = dup_string(to_json(p->programme.data()));
  });
}

void lc_string_free(char* s) { std::free(s); }

lc_status lc_coach_add(lc_programme* p, const char* coach_json) {
  return guard([&] { require(p, "p")->programme.add_coach(record_from_json<Coach>(arg(coach_json, "coach_json"))); });
}

lc_status lc_coach_update(lc_programme* p, const char* coach_json) {
  return guard([&] { require(p, "p")->programme.update_coach(record_from_json<Coach>(arg(coach_json, "coach_json"))); });
}

lc_status lc_client_add(lc_programme* p, const char* client_json) {
  return guard([&] { require(p, "p")->programme.add_client(record_from_json<Client>(arg(client_json, "client_json"))); });
}

lc_status lc_nhs_number_canonical(const char* nhs_number, char** out) {
  return guard([&] {
    require(out, "out");
    *out = nullptr;
    *out = dup_string(nhs_number_canonical(arg(nhs_number, "nhs_number")));
  });
}

lc_status lc_nhs_number_display(const char* nhs_number, char** out) {
  return guard([&] {
    require(out, "out");
    *out = nullptr;
    *out = dup_string(nhs_number_display(arg(nhs_number, "nhs_number")));
  });
}

lc_status lc_client_get(const lc_programme* p, const char* viewer_json, const char* client_id, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    const Viewer v = capi::parse_viewer(viewer_json);
    *out_json = dup_string(record_to_json(p->programme.client(arg(client_id, "client_id"), v)));
  });
}

lc_status lc_referral_add(lc_programme* p, const char* referral_json) {
  return guard([&] {
    require(p, "p")->programme.add_referral(record_from_json<Referral>(arg(referral_json, "referral_json")));
  });
}

lc_status lc_session_book(lc_programme* p, const char* session_json, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    const Session s = p->programme.book(record_from_json<Session>(arg(session_json, "session_json")));
    if (out_json) *out_json = dup_string(record_to_json(s));
  });
}

lc_status lc_session_record_outcome(lc_programme* p, const char* session_id, const char* outcome) {
  return guard([&] {
    require(p, "p");
    const std::string name = arg(outcome, "outcome");
    const auto status = parse_session_status(name);
    if (!status) throw ValidationError(arg(session_id, "session_id"), "outcome", "valid_outcome"_rule,
                                       "unknown outcome '" + name + "'");
    p->programme.record_outcome(arg(session_id, "session_id"), *status);
  });
}

lc_status lc_note_add(lc_programme* p, const char* viewer_json, const char* note_json) {
  return guard([&] {
    require(p, "p");
    const Viewer v = capi::parse_viewer(viewer_json);
    p->programme.add_note(record_from_json<SessionNote>(arg(note_json, "note_json")), v);
  });
}

lc_status lc_session_notes(const lc_programme* p, const char* viewer_json, const char* session_id, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    const Viewer v = capi::parse_viewer(viewer_json);
    *out_json = dup_string(records_to_json(p->programme.notes(arg(session_id, "session_id"), v)));
  });
}

lc_status lc_supervision_add(lc_programme* p, const char* record_json) {
  return guard([&] {
    require(p, "p")->programme.add_supervision(record_from_json<SupervisionRecord>(arg(record_json, "record_json")));
  });
}

lc_status lc_supervision_overdue(const lc_programme* p, const char* on_date, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    const Date d = parse_date(arg(on_date, "on_date"), "", "on_date");
    *out_json = dup_string(records_to_json(p->programme.overdue_supervision(d)));
  });
}

lc_status lc_response_add(lc_programme* p, const char* response_json) {
  return guard([&] {
    require(p, "p")->programme.add_response(record_from_json<Response>(arg(response_json, "response_json")));
  });
}

lc_status lc_programme_summary(const lc_programme* p, const char* viewer_json, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    // No viewer: the least privileged audience (public), like every other face.
    const Viewer v = viewer_json ? capi::parse_viewer(viewer_json) : Viewer{};
    *out_json = dup_string(record_to_json(p->programme.summary(v)));
  });
}

lc_status lc_programme_summary_v2(const lc_programme* p, const char* viewer_json, const char* policy_json,
                                  char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    const Viewer v = viewer_json ? capi::parse_viewer(viewer_json) : Viewer{};
    std::optional<SuppressionPolicy> policy;
    if (policy_json) policy = suppression_policy_from_json(policy_json);
    *out_json = dup_string(record_to_json(p->programme.summary(v, policy)));
  });
}

lc_status lc_programme_extract(const lc_programme* p, const char* table, const char* recipient, const char* format,
                               char** out) {
  return guard([&] {
    require(p, "p");
    require(out, "out");
    *out = nullptr;
    const std::string f = format ? format : "json";
    if (f != "json" && f != "csv")
      throw ValidationError("", "format", "extract_format"_rule, "format is \"json\" or \"csv\", not '" + f + "'");
    const StoreTableData t = extract(p->programme, arg(table, "table"), arg(recipient, "recipient"));
    *out = dup_string(f == "csv" ? store_table_to_csv(t) : store_table_to_json(t));
  });
}

lc_status lc_programme_audit(const lc_programme* p, int64_t at_unix_seconds, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    *out_json = dup_string(records_to_json(p->programme.audit(from_unix_seconds(at_unix_seconds))));
  });
}

}  // extern "C"
