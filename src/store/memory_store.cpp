// The in-memory store: keeps the committed records by id, for tests and what-if work.
#include <algorithm>
#include <mutex>

#include "access_chain.hpp"
#include "outbox.hpp"
#include "record_kinds.hpp"
#include "crypto.hpp"
#include "laycoach/error.hpp"
#include "laycoach/store.hpp"

namespace laycoach {

bool ChangeSet::empty() const noexcept {
  return upserts == ProgrammeData{} && deletes.empty() && !policy_changed && events.empty();
}

namespace {
template <class T, class Key>
void upsert(std::vector<T>& into, const std::vector<T>& from, Key key) {
  for (const auto& x : from) {
    auto it = std::find_if(into.begin(), into.end(), [&](const T& y) { return key(y) == key(x); });
    if (it == into.end()) into.push_back(x);
    else *it = x;
  }
}

template <class T, class Key>
void erase(std::vector<T>& from, const std::string& id, Key key) {
  std::erase_if(from, [&](const T& x) { return key(x) == id; });
}

class MemoryStore final : public Store {
 public:
  std::string service_secret() override { return secret_; }
  ProgrammeData load() override {
    std::lock_guard lock(mu_);
    return data_;
  }
  void apply(const ChangeSet& c) override {
    std::lock_guard lock(mu_);
    const auto& u = c.upserts;
    ProgrammeData d = data_;  // all or nothing: work on a copy
    auto key = [](const auto& x) -> const std::string& { return record_kinds::key_of(x); };
    record_kinds::for_each([&](const auto& k) {
      auto& into = k.data(d);
      if constexpr (record_kinds::is_list<decltype(into)>) upsert(into, k.data(u), key);
      else if (c.policy_changed) into = k.data(u);  // the settings
    });
    // Deletes name the SQLite table of the record kind (record_kinds.hpp), as SqliteStore reads them.
    for (const auto& [table, id] : c.deletes) {
      const bool listed = record_kinds::visit_table(table, [&](const auto& k) {
        auto& from = k.data(d);
        if constexpr (record_kinds::is_list<decltype(from)>) erase(from, id, key);
        else throw InternalError("no records to delete in table '" + table + "'");
      });
      if (!listed) throw InternalError("no table '" + table + "'");
    }
    data_ = std::move(d);
    outbox_.append(c.events);  // with the change, under the same lock
  }
  void replace_all(const ProgrammeData& d) override {
    std::lock_guard lock(mu_);
    data_ = d;  // the access log is not a record: it stays
  }
  // The access log in memory, chained by the same rule as the SQLite store's.
  AccessEntry append_access(const AccessEntry& e) override { return log_.append(e); }
  std::vector<AccessEntry> access_log() override { return log_.entries(); }
  // The outbox in memory, by the same rules as the SQLite store's.
  std::vector<Event> pending_events(std::size_t limit) override { return outbox_.pending(limit); }
  void acknowledge_events(std::int64_t up_to_seq) override { outbox_.acknowledge(up_to_seq); }

 private:
  std::mutex mu_;
  ProgrammeData data_;
  access_chain::MemoryChain log_;
  outbox::MemoryOutbox outbox_;
  std::string secret_ = crypto::random_hex(32);
};

}  // namespace

std::unique_ptr<Store> make_memory_store() { return std::make_unique<MemoryStore>(); }

}  // namespace laycoach
