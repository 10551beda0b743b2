#include "laycoach/error.hpp"
#include "laycoach/version.hpp"

namespace laycoach {

const char* version() noexcept { return LAYCOACH_VERSION_STRING; }

const char* to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::InvalidArgument: return "invalid_argument";
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Forbidden: return "forbidden";
    case ErrorCode::Parse: return "parse";
    case ErrorCode::Io: return "io";
    case ErrorCode::Internal: return "internal";
    case ErrorCode::Busy: return "busy";
  }
  return "internal";
}

namespace {
std::string compose(ErrorCode code, const std::string& record, const std::string& field,
                    const std::string& rule, const std::string& detail) {
  std::string m = to_string(code);
  if (!record.empty()) m += ": record '" + record + "'";
  if (!field.empty()) m += (record.empty() ? ": field '" : ", field '") + field + "'";
  if (!rule.empty()) m += " [" + rule + "]";
  m += ": " + detail;
  return m;
}
}  // namespace

Error::Error(ErrorCode code, std::string record, ErrorField field, ErrorRule rule, const std::string& detail)
    : std::runtime_error(compose(code, record, field.str(), rule.str(), detail)),
      code_(code), record_(std::move(record)), field_(field.str()), rule_(rule.str()), detail_(detail) {}

void throw_error(ErrorCode code, std::string record, ErrorField field, ErrorRule rule, const std::string& detail) {
  switch (code) {
    case ErrorCode::InvalidArgument: throw ValidationError(std::move(record), std::move(field), std::move(rule), detail);
    case ErrorCode::NotFound: throw NotFoundError(std::move(record), std::move(field), detail, std::move(rule));
    case ErrorCode::Conflict: throw ConflictError(std::move(record), std::move(field), std::move(rule), detail);
    case ErrorCode::Forbidden: throw ForbiddenError(std::move(record), std::move(field), detail, std::move(rule));
    case ErrorCode::Parse: throw ParseError(std::move(record), std::move(field), detail, std::move(rule));
    case ErrorCode::Io: throw IoError(std::move(record), detail, std::move(field), std::move(rule));
    case ErrorCode::Busy: throw BusyError(std::move(record), detail, std::move(field), std::move(rule));
    case ErrorCode::Internal: break;
  }
  throw InternalError(detail, std::move(record), std::move(field), std::move(rule));
}

}  // namespace laycoach
