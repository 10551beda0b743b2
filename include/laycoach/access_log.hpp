#pragma once
#if defined(LAYCOACH_BUILDING_LAYER) && LAYCOACH_BUILDING_LAYER < 2
#error "laycoach layering: a domain-layer header included from a lower layer"
#endif
/// \file access_log.hpp
/// The access log: an append-only, hash-chained record of every read of confidential content
/// (session notes, goals, a client record), every export of the whole programme and every read
/// of the log itself, allowed or refused. It records who (the viewer as the host asserted it),
/// what (operation and record ids), when (UTC) and the outcome — never the content.
///
/// Tamper evidence: entry k's hash is SHA-256 over entry k-1's hash (64 hex digits; "0" x 64
/// before the first entry) followed by the canonical encoding of entry k:
///   "laycoach-access-log/1" then, for each field in this order, its byte length in decimal,
///   ':', the bytes, ';' — seq (decimal), at (ISO 8601 UTC, "2024-07-08T09:00:00Z"), audience,
///   viewer_id, operation, the number of record ids (decimal), each record id, outcome, rule.
/// Programme::verify_access_log() recomputes the chain and names the first entry that breaks it.
/// Anyone who can write the store can rewrite the whole chain from an edited entry onward, or
/// drop its newest entries: keep AccessLogCheck::head somewhere else (a signed report, another
/// system) to detect that too.

#include <string>
#include <vector>

#include "laycoach/time.hpp"

namespace laycoach {

/// One entry of the access log.
struct AccessEntry {
  long long seq = 0;                  ///< position in the chain: 1, 2, 3 ... without gaps
  Instant at{boost::posix_time::not_a_date_time};  ///< when, UTC (whole seconds)
  std::string audience;               ///< the viewer's audience as asserted ("coach", "client", ...)
  std::string viewer_id;              ///< the viewer's id as asserted (may be empty)
  /// "read_notes", "read_goals", "read_client", "export_programme", "read_access_log", and for
  /// care plans (docs/care-plan.md) "read_care_plans", "read_care_plan_shares",
  /// "read_onward_referrals", "share_care_plan", "revoke_care_plan_share".
  std::string operation;
  /// The record asked for first (session id, client id), then the ids of the records returned.
  std::vector<std::string> records;
  std::string outcome;                ///< "allowed" or "denied"
  std::string rule;                   ///< for a denied request, the rule that refused it; else ""
  std::string hash;                   ///< lower-case hex SHA-256 chaining it to the entry before
  bool operator==(const AccessEntry&) const = default;
};

/// What Programme::verify_access_log() found.
struct AccessLogCheck {
  bool intact = true;                 ///< every entry present, in order, with its hash
  long long entries = 0;              ///< entries read
  /// The seq of the first broken entry (0 when intact): an entry whose content or predecessor
  /// does not match its hash, or the first seq missing from the sequence.
  long long first_broken = 0;
  /// Why it is broken: "hash" (content, seq or predecessor changed) or "missing" (an entry was
  /// deleted); "" when intact.
  std::string problem;
  std::string head;                   ///< hash of the newest entry ("" when the log is empty)
  bool operator==(const AccessLogCheck&) const = default;
};

}  // namespace laycoach
