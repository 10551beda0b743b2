// Internal: the outbox's rules (events.hpp), one place for the SQLite store, the in-memory
// store and a programme without a store. Private to src/.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

#include "laycoach/events.hpp"

namespace laycoach::outbox {

/// Throws ValidationError (record "events", field "limit", rule "event_batch") unless
/// 1 <= limit <= kMaxEventBatch.
void check_limit(std::size_t limit);
/// Throws ValidationError (record "events", field "up_to_seq", rule "event_seq_known") unless
/// 0 <= up_to_seq <= last (the newest event's seq, 0 when none).
void check_acknowledge(std::int64_t up_to_seq, std::int64_t last);

/// An outbox kept in memory (the in-memory store; a programme without a store). Thread-safe.
class MemoryOutbox {
 public:
  /// Append events in order, numbering them from the last seq + 1 (moved in when the caller is done with them).
  void append(std::vector<Event> events);
  /// Up to `limit` events above the acknowledged mark, in seq order (limit checked by the caller).
  std::vector<Event> pending(std::size_t limit) const;
  /// Raise the acknowledged mark (check_acknowledge first).
  void acknowledge(std::int64_t up_to_seq);

 private:
  mutable std::mutex mu_;
  /// A deque, not a vector: it grows by blocks, so appending never relocates (and re-faults)
  /// the whole history the way a vector's doubling does; seq order is index order.
  std::deque<Event> events_;
  std::int64_t acked_ = 0;
};

}  // namespace laycoach::outbox
