// Internal: the outbox's rules (events.hpp), one place for the SQLite store, the in-memory
// store and a programme without a store. Private to src/.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <span>
#include <string_view>
#include <vector>

#include "laycoach/events.hpp"

namespace laycoach::outbox {

/// Throws ValidationError (record "events", field "limit", rule "event_batch") unless
/// 1 <= limit <= kMaxEventBatch.
void check_limit(std::size_t limit);
/// Throws ValidationError (record "events", field "up_to_seq", rule "event_seq_known") unless
/// 0 <= up_to_seq <= last (the newest event's seq, 0 when none).
void check_acknowledge(std::int64_t up_to_seq, std::int64_t last);

/// Where the events of a change go, one by one in order (Programme::Impl::events_of): the
/// record ids concerned (the main one first) and the payload, both read during the call only.
class Sink {
 public:
  virtual void add(EventKind kind, Instant at, std::span<const std::string_view> records, std::string_view payload) = 0;

 protected:
  ~Sink() = default;
};

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

  /// The events of one change, packed into the outbox as they come (no Event objects) and
  /// published together by publish(); destroyed unpublished (the change failed), they are gone
  /// and the outbox is as before. Holds the outbox's lock from construction to destruction.
  class Batch final : public Sink {
   public:
    explicit Batch(MemoryOutbox& box);
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;
    ~Batch();
    /// Throws InternalError for an event too large for the outbox (then nothing of it is kept).
    void add(EventKind kind, Instant at, std::span<const std::string_view> records, std::string_view payload) override;
    /// Make the batch's events part of the outbox.
    void publish() noexcept { published_ = true; }

   private:
    MemoryOutbox& box_;
    std::lock_guard<std::mutex> lock_;
    std::size_t entries_ = 0, blocks_ = 0, used_ = 0;  ///< the outbox as the batch found it
    bool published_ = false;
  };
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
  /// Pack one event after the last (caller holds mu_); Records: strings or string views.
  template <class Records>
  void pack(EventKind kind, Instant at, const Records& records, std::string_view payload);

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
