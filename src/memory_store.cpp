// The in-memory store: keeps the committed records by id, for tests and what-if work.
#include <algorithm>
#include <mutex>

#include "laycoach/store.hpp"

namespace laycoach {

bool ChangeSet::empty() const noexcept {
  return upserts == ProgrammeData{} && deletes.empty() && !policy_changed;
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

class MemoryStore final : public Store {
 public:
  ProgrammeData load() override {
    std::lock_guard lock(mu_);
    return data_;
  }
  void apply(const ChangeSet& c) override {
    std::lock_guard lock(mu_);
    const auto& u = c.upserts;
    auto id = [](const auto& x) { return x.id; };
    ProgrammeData d = data_;  // all or nothing: work on a copy
    upsert(d.catalogue.service_lines, u.catalogue.service_lines, id);
    upsert(d.catalogue.offers, u.catalogue.offers, id);
    upsert(d.organisations, u.organisations, [](const Organisation& o) { return o.ods_code; });
    upsert(d.coaches, u.coaches, id);
    upsert(d.clients, u.clients, id);
    upsert(d.referrals, u.referrals, id);
    upsert(d.sessions, u.sessions, id);
    upsert(d.waiting_list, u.waiting_list, id);
    upsert(d.notes, u.notes, id);
    upsert(d.goals, u.goals, id);
    upsert(d.supervision, u.supervision, id);
    upsert(d.safeguarding, u.safeguarding, id);
    upsert(d.cohorts, u.cohorts, id);
    upsert(d.trainees, u.trainees, id);
    upsert(d.responses, u.responses, id);
    if (c.policy_changed) d.supervision_policy = u.supervision_policy;
    data_ = std::move(d);
  }
  void replace_all(const ProgrammeData& d) override {
    std::lock_guard lock(mu_);
    data_ = d;
  }

 private:
  std::mutex mu_;
  ProgrammeData data_;
};
}  // namespace

std::unique_ptr<Store> make_memory_store() { return std::make_unique<MemoryStore>(); }

}  // namespace laycoach
