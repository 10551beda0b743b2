#pragma once
/// \file error.hpp
/// The one error hierarchy of laycoach. Every fallible C++ call throws a subclass of
/// laycoach::Error; the C API maps ErrorCode to lc_status and Python to laycoach.Error
/// subclasses carrying the same code and message.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace laycoach {

/// What went wrong, most specific first (same order and meaning as the C API's lc_status).
enum class ErrorCode {
  InvalidArgument = 1,  ///< a value breaks a rule (range, format, invariant)
  NotFound = 2,         ///< a referenced record does not exist
  Conflict = 3,         ///< the change collides with existing state (double booking, duplicate id)
  Forbidden = 4,        ///< the caller's role may not see or do this (confidentiality)
  Parse = 5,            ///< a document is malformed or of an unknown schema version
  Io = 6,               ///< the store or a file failed
  Internal = 7,         ///< a bug in laycoach
  Busy = 8              ///< the store stayed locked by another connection beyond the busy timeout
};

/// Short stable name of a code ("invalid_argument", "not_found", ...).
const char* to_string(ErrorCode code) noexcept;

/// A rule name as written in code: `"unique_id"_rule`, checked at compile time (snake_case:
/// a-z, 0-9, '_'). The only way a literal becomes an ErrorRule, so a rule cannot trade places with a
/// field or a detail without the build failing.
struct RuleName {
  std::string_view name;
};
/// `"coach_double_booked"_rule`: a RuleName; a literal that is not snake_case does not compile.
consteval RuleName operator""_rule(const char* s, std::size_t n) {
  if (n == 0) throw "a rule name is not empty";
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) throw "a rule name is snake_case";
  }
  return RuleName{std::string_view(s, n)};
}

/// The rule an error reports: from `"name"_rule`, or explicitly from a string computed at run
/// time (ErrorRule(e.rule())); never implicitly from a bare string.
class ErrorRule {
 public:
  ErrorRule(RuleName r) : name_(r.name) {}  // NOLINT: the one implicit way in
  explicit ErrorRule(std::string name) : name_(std::move(name)) {}
  const std::string& str() const noexcept { return name_; }  ///< the name

 private:
  std::string name_;
};

/// The field an error names (a field name or JSON pointer): a string literal converts
/// implicitly; a string computed at run time only explicitly (ErrorField(pointer)), so a record id
/// cannot be passed as a field, nor a field as a record, without it showing in the code.
class ErrorField {
 public:
  template <std::size_t N>
  ErrorField(const char (&literal)[N]) : name_(literal, N - 1) {}  // NOLINT: literals only
  explicit ErrorField(std::string name) : name_(std::move(name)) {}
  const std::string& str() const noexcept { return name_; }  ///< the name or pointer

 private:
  std::string name_;
};

/// Base of all laycoach errors: a code, the record and field concerned, the rule broken.
class Error : public std::runtime_error {
 public:
  /// record: id of the record concerned (may be empty); field: field or JSON pointer;
  /// rule: short name of the rule broken; detail: human explanation.
  Error(ErrorCode code, std::string record, ErrorField field, ErrorRule rule, const std::string& detail);
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
[[noreturn]] void throw_error(ErrorCode code, std::string record, ErrorField field, ErrorRule rule, const std::string& detail);

/// A value breaks a validation rule or invariant.
struct ValidationError : Error {
  ValidationError(std::string record, ErrorField field, ErrorRule rule, const std::string& detail)
      : Error(ErrorCode::InvalidArgument, std::move(record), std::move(field), std::move(rule), detail) {}
};
/// A referenced record does not exist.
struct NotFoundError : Error {
  NotFoundError(std::string record, ErrorField field, const std::string& detail,
                ErrorRule rule = "reference_resolves"_rule)
      : Error(ErrorCode::NotFound, std::move(record), std::move(field), std::move(rule), detail) {}
};
/// The change collides with existing state.
struct ConflictError : Error {
  ConflictError(std::string record, ErrorField field, ErrorRule rule, const std::string& detail)
      : Error(ErrorCode::Conflict, std::move(record), std::move(field), std::move(rule), detail) {}
};
/// The caller's audience or identity may not see this.
struct ForbiddenError : Error {
  ForbiddenError(std::string record, ErrorField field, const std::string& detail,
                 ErrorRule rule = "confidentiality"_rule)
      : Error(ErrorCode::Forbidden, std::move(record), std::move(field), std::move(rule), detail) {}
};
/// A document is malformed; field holds the JSON pointer of the offending value.
struct ParseError : Error {
  ParseError(std::string record, ErrorField pointer, const std::string& detail,
             ErrorRule rule = "document_schema"_rule)
      : Error(ErrorCode::Parse, std::move(record), std::move(pointer), std::move(rule), detail) {}
};
/// The store or a file failed.
struct IoError : Error {
  IoError(std::string record, const std::string& detail, ErrorField field = "", ErrorRule rule = "io"_rule)
      : Error(ErrorCode::Io, std::move(record), std::move(field), std::move(rule), detail) {}
};
/// The store stayed locked by another connection or process (SQLITE_BUSY / SQLITE_LOCKED) for
/// longer than the busy timeout (OpenOptions::busy_timeout_ms); nothing was changed: retry later.
struct BusyError : Error {
  BusyError(std::string record, const std::string& detail, ErrorField field = "", ErrorRule rule = "busy"_rule)
      : Error(ErrorCode::Busy, std::move(record), std::move(field), std::move(rule), detail) {}
};
/// A bug in laycoach (an invariant of the library itself failed).
struct InternalError : Error {
  explicit InternalError(const std::string& detail, std::string record = "", ErrorField field = "",
                         ErrorRule rule = "internal"_rule)
      : Error(ErrorCode::Internal, std::move(record), std::move(field), std::move(rule), detail) {}
};

}  // namespace laycoach
