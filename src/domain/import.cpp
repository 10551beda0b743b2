// Importing a batch of records (Programme::import_records): every record through the rule a
// document load applies to it (load_records, the one order and the one set of checks), judged
// against the programme plus the batch records before it, then one commit: one store
// transaction, the outbox events of the change, memory last. Nothing changes on a bad record.
#include <algorithm>

#include "lookup.hpp"
#include "programme_impl.hpp"
#include "record_kinds.hpp"

namespace laycoach {

namespace {

// The record kinds that only their author may write (add_note, add_goal, add_care_plan,
// share_care_plan, add_onward_referral take a viewer): an import, which asserts no one, refuses them.
void refuse_confidential(const ProgrammeData& b) {
  auto refuse = [](bool any, const char* kind, const char* how) {
    if (any)
      throw ForbiddenError(kind, ErrorField(std::string("/") + kind),
                           std::string(kind) + " are written by the coach or client themselves (" + how +
                               "), never imported",
                           "confidential_import"_rule);
  };
  refuse(!b.notes.empty(), "notes", "add_note");
  refuse(!b.goals.empty(), "goals", "add_goal");
  refuse(!b.care_plans.empty(), "care_plans", "add_care_plan");
  refuse(!b.care_plan_shares.empty(), "care_plan_shares", "share_care_plan");
  refuse(!b.onward_referrals.empty(), "onward_referrals", "add_onward_referral");
}

// The record of `table` with key `id` as memory holds it, appended to the change's upserts.
void copy_record(const Programme::Impl& m, const std::string& table, const std::string& id, ProgrammeData& u) {
  if (table == "instruments") {
    const Instrument& ins = m.instruments.at(instrument_key(id));
    u.instruments.push_back(RegisteredInstrument{ins.id(), ins.to_json()});
    return;
  }
  const bool known = record_kinds::visit_table(table, [&](const auto& k) {
    auto& into = k.data(u);
    if constexpr (record_kinds::is_list<decltype(into)> &&
                  !std::is_same_v<std::remove_cvref_t<decltype(k.state(m))>, InstrumentSet>)
      into.push_back(k.state(m).at(id));
    else
      throw InternalError("import: table '" + table + "' holds no records by key", id);
  });
  if (!known) throw InternalError("import: no record kind for table '" + table + "'", id);
}

// The trial: records put into memory while the batch is checked, taken out again (newest first)
// when it ends; the engines' observers are detached meanwhile, so they never see a trial entry.
class Trial {
 public:
  explicit Trial(Programme::Impl& m) : m_(m), observers_(std::move(m.session_observers)) {
    m_.session_observers.clear();
  }
  Trial(const Trial&) = delete;
  Trial& operator=(const Trial&) = delete;
  ~Trial() {
    for (auto it = puts_.rbegin(); it != puts_.rend(); ++it) m_.erase(it->first, it->second);
    m_.session_observers = std::move(observers_);
  }
  void put(const char* table, const std::string& id) { puts_.emplace_back(table, id); }
  const std::vector<std::pair<std::string, std::string>>& puts() const { return puts_; }

 private:
  Programme::Impl& m_;
  decltype(Programme::Impl::session_observers) observers_;
  std::vector<std::pair<std::string, std::string>> puts_;
};

}  // namespace

ChangeSet Programme::Impl::import_change(const ProgrammeData& batch) {
  refuse_confidential(batch);
  ChangeSet cs;
  Trial trial(*this);
  ProgrammeData records = batch;  // load_records moves the records into memory
  load_records(records, nullptr, [&](const char* table, const std::string& id) { trial.put(table, id); });
  for (const auto& [table, id] : trial.puts()) copy_record(*this, table, id, cs.upserts);
  return cs;  // the trial ends here: memory as before, the change ready to commit
}

void Programme::import_records(const ProgrammeData& batch) {
  auto lock = impl_->write();  // one store transaction, judged against the committed state
  ChangeSet cs = impl_->import_change(batch);
  if (cs.upserts == ProgrammeData{}) return;  // an empty batch: no transaction, no event
  impl_->commit(std::move(cs));
}

}  // namespace laycoach
