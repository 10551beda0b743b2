// The in-memory store: keeps the committed records by id, for tests and what-if work.
#include <algorithm>
#include <mutex>

#include "access_chain.hpp"
#include "outbox.hpp"
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
    upsert(d.risk_flags, u.risk_flags, id);
    upsert(d.inbox, u.inbox, id);
    upsert(d.usage_waves, u.usage_waves, id);
    upsert(d.usage_invitations, u.usage_invitations, id);
    upsert(d.skill_share_sessions, u.skill_share_sessions, id);
    upsert(d.care_plans, u.care_plans, id);
    upsert(d.care_plan_shares, u.care_plan_shares, id);
    upsert(d.onward_referrals, u.onward_referrals, id);
    upsert(d.instruments, u.instruments, id);
    if (c.policy_changed) {
      d.supervision_policy = u.supervision_policy;
      d.disclosure_floor = u.disclosure_floor;
      d.triage_rules = u.triage_rules;
    }
    // Deletes name the SQLite table of the record kind (store_schema.cpp), as SqliteStore reads them.
    for (const auto& [table, key] : c.deletes) {
      if (table == "service_lines") erase(d.catalogue.service_lines, key, id);
      else if (table == "offers") erase(d.catalogue.offers, key, id);
      else if (table == "organisations") erase(d.organisations, key, [](const Organisation& o) { return o.ods_code; });
      else if (table == "coaches") erase(d.coaches, key, id);
      else if (table == "clients") erase(d.clients, key, id);
      else if (table == "referrals") erase(d.referrals, key, id);
      else if (table == "sessions") erase(d.sessions, key, id);
      else if (table == "waiting_list") erase(d.waiting_list, key, id);
      else if (table == "notes") erase(d.notes, key, id);
      else if (table == "goals") erase(d.goals, key, id);
      else if (table == "supervision") erase(d.supervision, key, id);
      else if (table == "safeguarding") erase(d.safeguarding, key, id);
      else if (table == "training_cohorts") erase(d.cohorts, key, id);
      else if (table == "trainees") erase(d.trainees, key, id);
      else if (table == "responses") erase(d.responses, key, id);
      else if (table == "risk_flags") erase(d.risk_flags, key, id);
      else if (table == "inbox") erase(d.inbox, key, id);
      else if (table == "usage_waves") erase(d.usage_waves, key, id);
      else if (table == "usage_invitations") erase(d.usage_invitations, key, id);
      else if (table == "skill_share_sessions") erase(d.skill_share_sessions, key, id);
      else if (table == "care_plans") erase(d.care_plans, key, id);
      else if (table == "care_plan_shares") erase(d.care_plan_shares, key, id);
      else if (table == "onward_referrals") erase(d.onward_referrals, key, id);
      else if (table == "instruments") erase(d.instruments, key, id);
      else throw InternalError("no table '" + table + "'");
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

// apply() lists every record kind; this binding stops compiling when ProgrammeData gains one.
[[maybe_unused]] void record_kinds_are_all_handled(const ProgrammeData& d) {
  [[maybe_unused]] const auto& [catalogue, organisations, coaches, clients, referrals, sessions, waiting_list, notes,
                                goals, supervision, safeguarding, cohorts, trainees, responses, risk_flags, usage_waves,
                                usage_invitations, skill_share_sessions, care_plans, care_plan_shares, onward_referrals,
                                supervision_policy,
                                disclosure_floor, inbox, triage_rules, instruments] = d;
}
}  // namespace

std::unique_ptr<Store> make_memory_store() { return std::make_unique<MemoryStore>(); }

}  // namespace laycoach
