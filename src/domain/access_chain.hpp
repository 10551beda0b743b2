// Internal: the access log's hash chain, the one rule every store and the verifier use
// (access_log.hpp states the encoding). Private to src/.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "laycoach/access_log.hpp"

namespace laycoach::access_chain {

/// The hash before the first entry: 64 zeros.
const std::string& genesis();
/// The canonical encoding of an entry (every field but hash), as access_log.hpp describes it.
std::string canonical(const AccessEntry& e);
/// Entry `e`'s hash after an entry whose hash is `prev`: hex SHA-256 of prev + canonical(e).
std::string link(const std::string& prev, const AccessEntry& e);
/// Walk entries (in seq order, as stored) and report the first broken one.
AccessLogCheck verify(const std::vector<AccessEntry>& entries);

/// An access log kept in memory (the in-memory store; a programme without a store).
/// Thread-safe.
class MemoryChain {
 public:
  /// Append `e` as the next entry: sets seq and hash; returns the stored entry.
  AccessEntry append(AccessEntry e);
  /// Every entry, in seq order.
  std::vector<AccessEntry> entries() const;

 private:
  mutable std::mutex mu_;
  std::vector<AccessEntry> entries_;
};

}  // namespace laycoach::access_chain
