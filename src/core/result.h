// Result<T> and Error: how a fallible call reports failure across a subsystem boundary.
//
// Usage:
//   qf::Result<CitizenId> id = CitizenId::Parse(text);
//   if (!id) return std::unexpected(id.error());
//   use(*id);
//
// Error carries a machine-readable code and a message that a user can act on: it names the value
// that was wrong and why ("'1.10101E+17' 被 Excel 转成了数字 …"). Callers that know where the value
// came from (file, line, column) add that context with Error::WithContext.
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace qf {

enum class ErrorCode {
  kInvalidArgument,  // a value is malformed (bad ID, bad date, bad amount ...)
  kNotFound,         // a referenced thing does not exist
  kConflict,         // a concurrent change won, or the state forbids the change
  kIo,               // a file or socket could not be read or written
  kDatabase,         // the store failed
  kInternal,         // a bug: an invariant did not hold
  kUnauthenticated,  // no valid session, wrong password, or the account is locked
  kPermissionDenied, // the actor's roles or unit do not allow this action
};

class Error {
 public:
  Error(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is prefixed by `context` and "：", e.g. the file and line.
  Error WithContext(const std::string& context) const {
    Error copy(code_, context + ": " + message_);
    copy.field_ = field_;
    return copy;
  }

  // The request field the error is about ("deadline", "subjects[1].id_number"), or "" when the
  // error is not about one field. Set by validators of structured (JSON) requests.
  const std::string& field() const { return field_; }
  Error WithField(std::string field) const {
    Error copy = *this;
    copy.field_ = std::move(field);
    return copy;
  }

 private:
  ErrorCode code_;
  std::string message_;
  std::string field_;
};

template <typename T>
using Result = std::expected<T, Error>;

// Shorthand for the failure branch: `return qf::Fail(ErrorCode::kInvalidArgument, "...");`
inline std::unexpected<Error> Fail(ErrorCode code, std::string message) {
  return std::unexpected<Error>(Error(code, std::move(message)));
}

}  // namespace qf
