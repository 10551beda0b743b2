#pragma once
/// \file error.hpp
/// The one error hierarchy of laycoach. Every fallible C++ call throws a subclass of
/// laycoach::Error; the C API maps ErrorCode to lc_status and Python to laycoach.Error
/// subclasses carrying the same code and message.

#include <stdexcept>
#include <string>

namespace laycoach {

/// What went wrong, most specific first (same order and meaning as the C API's lc_status).
enum class ErrorCode {
  InvalidArgument = 1,  ///< a value breaks a rule (range, format, invariant)
  NotFound = 2,         ///< a referenced record does not exist
  Conflict = 3,         ///< the change collides with existing state (double booking, duplicate id)
  Forbidden = 4,        ///< the caller's role may not see or do this (confidentiality)
  Parse = 5,            ///< a document is malformed or of an unknown schema version
  Io = 6,               ///< the store or a file failed
  Internal = 7          ///< a bug in laycoach
};

/// Short stable name of a code ("invalid_argument", "not_found", ...).
const char* to_string(ErrorCode code) noexcept;

/// Base of all laycoach errors: a code, the record and field concerned, the rule broken.
class Error : public std::runtime_error {
 public:
  /// record: id of the record concerned (may be empty); field: field or JSON pointer;
  /// rule: short name of the rule broken; detail: human explanation.
  Error(ErrorCode code, std::string record, std::string field, std::string rule,
        const std::string& detail);
  ErrorCode code() const noexcept { return code_; }        ///< the error's code
  const std::string& record() const noexcept { return record_; }  ///< record id, may be empty
  const std::string& field() const noexcept { return field_; }    ///< field name or JSON pointer
  const std::string& rule() const noexcept { return rule_; }      ///< rule name, e.g. "no_double_booking"
  const std::string& detail() const noexcept { return detail_; }  ///< the explanation alone

 private:
  ErrorCode code_;
  std::string record_, field_, rule_, detail_;
};

/// Throw the Error subclass matching `code` (ValidationError for InvalidArgument, ...).
[[noreturn]] void throw_error(ErrorCode code, std::string record, std::string field, std::string rule,
                              const std::string& detail);

/// A value breaks a validation rule or invariant.
struct ValidationError : Error {
  ValidationError(std::string record, std::string field, std::string rule, const std::string& detail)
      : Error(ErrorCode::InvalidArgument, std::move(record), std::move(field), std::move(rule), detail) {}
};
/// A referenced record does not exist.
struct NotFoundError : Error {
  NotFoundError(std::string record, std::string field, const std::string& detail,
                std::string rule = "reference_resolves")
      : Error(ErrorCode::NotFound, std::move(record), std::move(field), std::move(rule), detail) {}
};
/// The change collides with existing state.
struct ConflictError : Error {
  ConflictError(std::string record, std::string field, std::string rule, const std::string& detail)
      : Error(ErrorCode::Conflict, std::move(record), std::move(field), std::move(rule), detail) {}
};
/// The caller's audience or identity may not see this.
struct ForbiddenError : Error {
  ForbiddenError(std::string record, std::string field, const std::string& detail,
                 std::string rule = "confidentiality")
      : Error(ErrorCode::Forbidden, std::move(record), std::move(field), std::move(rule), detail) {}
};
/// A document is malformed; field holds the JSON pointer of the offending value.
struct ParseError : Error {
  ParseError(std::string record, std::string pointer, const std::string& detail,
             std::string rule = "document_schema")
      : Error(ErrorCode::Parse, std::move(record), std::move(pointer), std::move(rule), detail) {}
};
/// The store or a file failed.
struct IoError : Error {
  IoError(std::string record, const std::string& detail, std::string field = "", std::string rule = "io")
      : Error(ErrorCode::Io, std::move(record), std::move(field), std::move(rule), detail) {}
};
/// A bug in laycoach (an invariant of the library itself failed).
struct InternalError : Error {
  explicit InternalError(const std::string& detail, std::string record = "", std::string field = "",
                         std::string rule = "internal")
      : Error(ErrorCode::Internal, std::move(record), std::move(field), std::move(rule), detail) {}
};

}  // namespace laycoach
