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
/// Each event is kept packed: its records and payload as bytes in large blocks, its kind and
/// time in a small entry (about 240 bytes an event, against about 430 as an Event with its
/// string and vector heap blocks: a programme without a store keeps every event it made, one
/// a booking, and fresh memory costs a page fault every 4 KiB); pending() unpacks them.
class MemoryOutbox {
 public:
  MemoryOutbox() = default;
  MemoryOutbox(const MemoryOutbox&) = delete;
  MemoryOutbox& operator=(const MemoryOutbox&) = delete;
  ~MemoryOutbox();
  /// Append events in order, numbering them from the last seq + 1 (read, not kept: the caller may reuse them).
  void append(const std::vector<Event>& events);
  /// Up to `limit` events above the acknowledged mark, in seq order (limit checked by the caller).
  std::vector<Event> pending(std::size_t limit) const;
  /// Raise the acknowledged mark (check_acknowledge first).
  void acknowledge(std::int64_t up_to_seq);

 private:
  /// One event: where its bytes start (the record count, then each record and the payload,
  /// each as a 32-bit length and its bytes), its kind and time.
  struct Entry {
    const char* bytes;
    Instant at;
    EventKind kind;
  };
  /// Room for `n` more bytes, contiguous: the last block's rest, or a new block from the heap
  /// (twice the last one's size, from 4 KiB up to 64 KiB, or `n` when larger). Not huge pages:
  /// filled in order, a 2 MiB page zeroed at its first touch was slower here than 4 KiB pages
  /// zeroed just before use (a node pool in huge pages for the sessions map lost ~7%).
  char* room(std::size_t n);

  mutable std::mutex mu_;
  /// A deque, not a vector: it grows by blocks, so appending never relocates (and re-faults)
  /// the whole history the way a vector's doubling does; seq order is index order.
  std::deque<Entry> entries_;
  struct Block {
    char* p;
    std::size_t size;
  };
  std::vector<Block> blocks_;  ///< never move once allocated (entries point into them)
  std::size_t used_ = 0;       ///< bytes used in the last block
  std::int64_t acked_ = 0;
};

}  // namespace laycoach::outbox
