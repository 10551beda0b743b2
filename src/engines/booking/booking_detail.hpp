// Internal: the booking engine's Programme path. The kernel (booking_kernel.hpp: Supply, Diary,
// the one search) holds the derived state; the Index attaches it to Programme::Impl through its
// session observer and adds the string-keyed lookups (clients, referrals, continuity).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "booking_kernel.hpp"
#include "laycoach/booking.hpp"
#include "programme_impl.hpp"

namespace laycoach::booking::detail {

/// What a search needs of a referral.
struct RefInfo {
  std::string client_id, offer_id;
  std::optional<Modality> preferred;
  Instant requested_at{boost::posix_time::not_a_date_time};
  std::string adjustments;
};

/// One session of a referral, for continuity.
struct RefSession {
  std::string session_id;
  Min start;
  std::uint32_t coach;
  SessionStatus status;
};

/// The engine's state for a programme: the kernel's Supply (rebuilt from the records when
/// coaches, offers or the horizon change) and Diary (kept in step with every session change),
/// plus the string-keyed lookups of the Programme path. Attached to Programme::Impl as one of
/// its session observers.
class Index {
 public:
  // Freshness against the records.
  std::uint64_t generation = 0;
  std::size_t n_coaches = 0, n_offers = 0;
  std::atomic<bool> dirty{false};

  int h0 = 0, h1 = 0;  ///< horizon: local days [h0, h1) (the supply's)
  std::shared_ptr<const Supply> supply;  ///< never null after a rebuild
  Diary diary;
  /// A referral: its details (when known from the records at the last rebuild) and its sessions.
  struct RefEntry {
    RefInfo info;
    bool known = false;
    std::vector<RefSession> sessions;
    mutable bool verified = false;  ///< a search with this referral passed check_attendees (under verified_mu_)
  };
  // One hash lookup per id on the search path. A client's diary index lives in its busy entry in
  // the records (PersonTime::engine_ix: the lookup check_session makes anyway); referrals are
  // add-only in Programme (only replaced wholesale, which rebuilds): one not known here is
  // looked up in the records.
  IdMap<RefEntry> referrals;    ///< referral id -> details and sessions
  /// Generated session ids "bk-<n>": no session has "bk-<m>" with m >= next_id (rebuild reads
  /// every id, on_session sees every new one), so while the index is fresh the next is free.
  std::uint64_t next_id = 1;
  /// An empty change commit_one fills, commits in place and empties again (see there);
  /// policy_changed stays false.
  ChangeSet spare_change;
  /// Raise next_id past the number of a session id "bk-<n>" (other ids leave it).
  void note_session_id(const std::string& id) noexcept;

  /// By coach index: the coach's record and its busy entry in the records (nullptr: none yet,
  /// until on_session sees the coach's first session), set by rebuild (map and IdMap nodes
  /// never move while the index is fresh). Read only to start loading what check_session will
  /// read of the coach a search found (prefetch_coach).
  std::vector<const Coach*> coach_records;
  std::vector<const PersonTime*> coach_entries;
  /// Start loading coach c's record and busy entry. With lists: also the lists they point at
  /// that check_session reads (offers, modalities, the rota's weekly blocks and leave, the
  /// middle of the exception dates); call it so once the first loads have had time to arrive.
  /// c out of range (kNoCoach): nothing. No effect on the index or the records.
  void prefetch_coach(std::uint32_t c, bool lists) const noexcept;

  /// (client, offer, referral) whose slot-independent rules (eligibility, consent, referral)
  /// check_session has passed since the last rebuild. Those records cannot be changed in
  /// place through Programme (only replaced wholesale, which rebuilds), so the result holds.
  bool verified(const std::string& key) const {
    std::lock_guard lk(verified_mu_);
    return verified_.count(key) != 0;
  }
  void mark_verified(const std::string& key) const {
    std::lock_guard lk(verified_mu_);
    verified_.insert(key);
  }
  /// The same for a request with a known referral: the referral fixes its client and offer
  /// (make_query checks both), so the flag lives in its entry and no key is built.
  bool verified(const RefEntry& r) const {
    std::lock_guard lk(verified_mu_);
    return r.verified;
  }
  void mark_verified(const RefEntry& r) const {
    std::lock_guard lk(verified_mu_);
    r.verified = true;
  }
  /// The entry of a referral known from the records at the last rebuild; nullptr otherwise.
  const RefEntry* known_referral(const std::string& id) const {
    auto it = referrals.find(id);
    return it != referrals.end() && it->second.known ? &it->second : nullptr;
  }

  bool fresh(const Programme::Impl& m) const noexcept {
    return !dirty.load(std::memory_order_relaxed) && generation == m.generation && n_coaches == m.coaches.size() &&
           n_offers == m.offers.size();
  }
  bool covers(int d0, int d1) const noexcept { return d0 >= h0 && d1 <= h1; }

  /// Rebuild everything for horizon [d0, d1) (widened), from the records. Under the write lock.
  void rebuild(const Programme::Impl& m, int d0, int d1);
  /// A session changed (observer, under the write lock). Never throws: marks dirty instead.
  void on_session(const Session* before, const Session& after) noexcept;
  /// The diary's index of a client (kNoClient when it has none yet). Caller holds a lock; the
  /// index has been rebuilt for these records.
  std::uint32_t client_index(const std::string& id) const {
    auto it = records_->client_busy.find(id);
    return it == records_->client_busy.end() ? kNoClient : it->second.engine_ix;
  }
  /// The client's busy entry in the records if the client is among them (the entry points at
  /// its record); nullptr otherwise.
  const PersonTime* client_known(const std::string& id) const {
    auto it = records_->client_busy.find(id);
    return it != records_->client_busy.end() && it->second.client ? &it->second : nullptr;
  }
  /// The same with the id's TimeIndex::hash(id) computed already.
  const PersonTime* client_known(const std::string& id, std::size_t h) const {
    auto it = records_->client_busy.find(id, h);
    return it != records_->client_busy.end() && it->second.client ? &it->second : nullptr;
  }
  /// Start loading the entries of a client and a referral (hashes by TimeIndex::hash and
  /// IdMap::hash; referral_hash ignored when has_referral is false), so that the two cold
  /// lookups that follow overlap instead of waiting one after the other.
  void prefetch(std::size_t client_hash, bool has_referral, std::size_t referral_hash) const noexcept {
    records_->client_busy.prefetch(client_hash);
    if (has_referral) referrals.prefetch(referral_hash);
    records_->client_busy.prefetch_node(client_hash);
    if (has_referral) referrals.prefetch_node(referral_hash);
  }
  /// The referral's details, if known from the records at the last rebuild; nullptr otherwise.
  const RefInfo* referral_known(const std::string& id) const { return referral_known(id, referrals.hash(id)); }
  /// The same with the id's IdMap::hash(id) computed already.
  const RefInfo* referral_known(const std::string& id, std::size_t h) const {
    auto it = referrals.find(id, h);
    return it != referrals.end() && it->second.known ? &it->second.info : nullptr;
  }

 private:
  std::uint32_t client_slot(const std::string& id);
  std::uint32_t next_client_ = 0;
  const Programme::Impl* records_ = nullptr;  ///< the programme whose records the last rebuild read (its Impl never moves)
  using CoachOf = std::unordered_map<std::string, std::uint32_t>::const_iterator;  ///< an entry of Supply::coach_of
  /// Occupy the diary with `s`; `coach` is coach_of's entry for its coach (end: unknown, mark dirty).
  void add_busy(const Session& s, CoachOf coach);
  void remove_busy(const Session& s);
  mutable std::mutex verified_mu_;
  mutable std::unordered_set<std::string> verified_;
};

/// A programme's coaches and offers as the kernel reads them (caller holds a lock).
std::shared_ptr<const Supply> build_supply(const Programme::Impl& m, int d0, int d1);

/// The engine's index of a programme, created on first use; nullptr if none yet. Caller holds a lock.
Index* find_index(const Programme::Impl& m);
/// The index, fresh and covering local days [d0, d1). Caller holds the write lock.
Index& ensure_index(Programme::Impl& m, int d0, int d1);

/// A validated request with every default resolved, in minutes.
struct Query {
  const Offer* offer = nullptr;
  std::string client_id, referral_id, offer_id;
  /// The client's busy entry in the records, when make_query found it there (the records'
  /// map nodes never move under the lock the call holds), so ask_of reads the client's diary
  /// index (engine_ix, current at that time) without a second lookup; nullptr: look it up.
  const PersonTime* client_time = nullptr;
  Min g0 = 0, gmax = 0;       ///< first and last acceptable grid start (notice and window applied)
  Min now = 0;
  int minutes = 0;
  std::uint8_t want = 0;      ///< acceptable modalities, bit per Modality
  std::optional<Modality> modality;
  RefInfo referral;           ///< the referral's details (when referral_id is given)
  std::string favoured;       ///< explicit preferred coach; "" = none (then continuity, if allowed)
  bool continuity = true;
  bool favoured_only = false;
  std::vector<TimeOfDay> times;
  std::uint8_t weekdays = 0x7F;
  int max_results = 5;
  // the session being replaced (reschedule_of)
  std::string ignore_id;
  std::string ignore_coach;
  Span ignore_span{0, 0};
  bool ignore_client = false;  ///< the client is in the session being replaced (its span is freed for them)
  int d0 = 0, d1 = 0;          ///< days the index must cover
};

/// Resolve and validate a request against the records (caller holds a lock). `clock` is "now"
/// when r.now is not given; `ix` (may be null) speeds up the lookups of clients and referrals.
Query make_query(const Programme::Impl& m, const SlotRequest& r, Instant clock, const Index* ix = nullptr);
/// Errors about the client (eligibility, consent, referral: field "attendees/...") do not depend
/// on the slot: a search that meets one reports it. Others mean the index disagreed with the
/// records (a coach changed behind the engine's back): rebuild and try again.
bool about_client(const Error& e);
/// A session id "bk-<n>" no session has (caller holds the write lock).
std::string generate_session_id(const Programme::Impl& m, Index& ix);
/// The new booking of a resolved request in a slot (booked at `now`; requested_at, first_offered
/// and adjustments from `d`, else the referral's, else now / the slot); not yet checked.
Session new_session(const Query& q, const Slot& slot, const BookingDetails& d, Instant now, std::string id);
/// The continuity coach of a referral: the coach of its latest session (by start, then id) that
/// is Booked, Attended or ClientDidNotAttend, other than `ignore_id`; kNoCoach when none.
std::uint32_t continuity_coach(const Index& ix, const std::string& referral_id, const std::string& ignore_id);

/// The kernel's request for a resolved query: indexes for ids, the favoured coach (preferred,
/// else continuity), the session being replaced. Caller holds a lock; the index is fresh.
Ask ask_of(const Index& ix, const Query& q);
/// The fast search: ask_of, then the kernel's find_slots, as Slots (caller holds a lock; the
/// index is fresh and covers the query).
/// first (when given): set to the kernel's hit of the first slot (unchanged when none).
std::vector<Slot> search_locked(const Programme::Impl& m, const Index& ix, const Query& q, Hit* first = nullptr);
/// The scheduling rules against the records (the domain's, the reference the index is tested
/// against). Caller holds a lock.
inline void check_rules_locked(const Programme::Impl& m, const Session& s, Instant now, const std::string& ignore_id) {
  m.check_schedule(s, now, ignore_id);
}
/// ISO-week and day session counts of a coach by the records (reference), excluding ignore_id.
inline int reference_day_count(const Programme::Impl& m, const std::string& coach, Instant at, const std::string& ignore_id) {
  return m.day_week_counts(coach, at, ignore_id).first;
}
inline int reference_week_count(const Programme::Impl& m, const std::string& coach, Instant at, const std::string& ignore_id) {
  return m.day_week_counts(coach, at, ignore_id).second;
}

}  // namespace laycoach::booking::detail
