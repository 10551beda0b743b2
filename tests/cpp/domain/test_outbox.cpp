// The in-memory outbox (src/domain/outbox.hpp) keeps events packed in byte blocks: what comes
// back is what went in, against a plain vector of the events as the reference.
#include <random>
#include <string>
#include <vector>

#include "outbox.hpp"
#include "test_support.hpp"

using namespace laycoach;
using laycoach::test::require_error;

TEST_CASE("MemoryOutbox gives back every event as appended, across blocks, with seq and acknowledgement") {
  outbox::MemoryOutbox box;
  std::vector<Event> ref;  // what went in, numbered
  std::mt19937 rng(11);
  auto text = [&](std::size_t n) {
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));  // NULs too
    return s;
  };
  const Instant t0(boost::gregorian::date(2024, 3, 31), boost::posix_time::hours(1));
  std::vector<Event> batch;
  for (int i = 0; i < 9000; ++i) {
    Event e;
    e.kind = static_cast<EventKind>(i % 3);
    e.at = i % 7 ? t0 + boost::posix_time::seconds(i) : Instant(boost::posix_time::not_a_date_time);
    const int n_records = std::uniform_int_distribution<int>(0, 4)(rng);
    for (int k = 0; k < n_records; ++k) e.records.push_back(text(std::uniform_int_distribution<std::size_t>(0, 40)(rng)));
    // mostly booking-sized payloads; some empty; two larger than any block (3 MiB)
    const std::size_t size = i == 4000 || i == 4001 ? std::size_t{3} << 20 : i % 11 ? 150 + i % 200 : 0;
    e.payload = text(size);
    batch.push_back(e);
    if (batch.size() == static_cast<std::size_t>(1 + i % 3) || i == 8999) {
      box.append(batch);
      for (Event& x : batch) {
        x.seq = static_cast<std::int64_t>(ref.size()) + 1;
        ref.push_back(std::move(x));
      }
      batch.clear();
    }
  }
  REQUIRE(ref.size() == 9000);
  const std::vector<Event> all = box.pending(kMaxEventBatch);
  REQUIRE(all.size() == ref.size());
  for (std::size_t i = 0; i < all.size(); ++i) REQUIRE(all[i] == ref[i]);

  box.acknowledge(3998);
  const std::vector<Event> rest = box.pending(5);
  REQUIRE(rest.size() == 5);
  for (std::size_t i = 0; i < rest.size(); ++i) CHECK(rest[i] == ref[3998 + i]);  // the two 3 MiB ones among them
  CHECK(rest[2].payload.size() == (std::size_t{3} << 20));
  box.acknowledge(9000);
  CHECK(box.pending(10).empty());
  require_error([&] { box.acknowledge(9001); }, ErrorCode::InvalidArgument, "events", "up_to_seq", "event_seq_known");
  CHECK(box.pending(10).empty());  // unchanged
}

TEST_CASE("MemoryOutbox::Batch: a published batch is appended in order, a dropped one leaves the outbox as it was") {
  outbox::MemoryOutbox box;
  std::vector<Event> ref;  // what the outbox must give back
  const Instant t0(boost::gregorian::date(2024, 3, 31), boost::posix_time::hours(1));
  std::mt19937 rng(12);
  auto event = [&](int i) {
    Event e;
    e.kind = static_cast<EventKind>(i % 3);
    e.at = t0 + boost::posix_time::seconds(i);
    e.records = {"s" + std::to_string(i), std::string("c\0x", 3) + std::to_string(i)};
    // mostly booking-sized; every 97th larger than a block, so batches begin new blocks
    e.payload = std::string(i % 97 ? 100 + i % 150 : (std::size_t{100} << 10), static_cast<char>('a' + i % 26));
    return e;
  };
  auto add = [](outbox::MemoryOutbox::Batch& b, const Event& e) {
    std::vector<std::string_view> records(e.records.begin(), e.records.end());
    b.add(e.kind, e.at, records, e.payload);
  };
  int i = 0;
  for (int round = 0; round < 400; ++round) {
    const int n = std::uniform_int_distribution<int>(0, 4)(rng);
    const bool keep = std::uniform_int_distribution<int>(0, 2)(rng) != 0;
    std::vector<Event> added;
    {
      outbox::MemoryOutbox::Batch b(box);
      for (int k = 0; k < n; ++k) {
        added.push_back(event(i++));
        add(b, added.back());
      }
      if (keep) b.publish();
    }
    if (keep)
      for (Event& e : added) {
        e.seq = static_cast<std::int64_t>(ref.size()) + 1;
        ref.push_back(std::move(e));
      }
    if (round % 50 == 0) {  // the vector form interleaved with batches
      std::vector<Event> v{event(i++)};
      box.append(v);
      v[0].seq = static_cast<std::int64_t>(ref.size()) + 1;
      ref.push_back(v[0]);
    }
  }
  REQUIRE(ref.size() > 300);
  REQUIRE(static_cast<std::size_t>(i) > ref.size() + 100);  // many dropped, among them batches that began blocks
  const std::vector<Event> all = box.pending(kMaxEventBatch);
  REQUIRE(all.size() == ref.size());
  for (std::size_t k = 0; k < all.size(); ++k) REQUIRE(all[k] == ref[k]);
}
