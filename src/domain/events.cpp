// The outbox (events.hpp): which events a change causes, judged against the committed state
// before it, and the in-memory outbox. One rule for every store and face.
#include <algorithm>
#include <charconv>
#include <cstring>
#include <map>
#include <set>
#include <span>
#include <string_view>

#include "json_escape.hpp"
#include "time_format.hpp"
#include "outbox.hpp"
#include "programme_impl.hpp"

namespace laycoach {

// ============================================================================ outbox rules

namespace outbox {

void check_limit(std::size_t limit) {
  if (limit == 0 || limit > kMaxEventBatch)
    throw ValidationError("events", "limit", "event_batch"_rule,
                          "ask for 1.." + std::to_string(kMaxEventBatch) + " events at a time, not " + std::to_string(limit));
}

void check_acknowledge(std::int64_t up_to_seq, std::int64_t last) {
  if (up_to_seq < 0 || up_to_seq > last)
    throw ValidationError("events", "up_to_seq", "event_seq_known"_rule,
                          "acknowledge up to an event that exists (0.." + std::to_string(last) + "), not " +
                              std::to_string(up_to_seq));
}

namespace {
using Len = std::uint32_t;
void put_len(char*& at, std::size_t n) {
  const Len v = static_cast<Len>(n);
  std::memcpy(at, &v, sizeof v);
  at += sizeof v;
}
void put_bytes(char*& at, std::string_view v) {
  put_len(at, v.size());
  std::memcpy(at, v.data(), v.size());
  at += v.size();
}
Len get_len(const char*& at) {
  Len v;
  std::memcpy(&v, at, sizeof v);
  at += sizeof v;
  return v;
}
std::string get_bytes(const char*& at) {
  const Len n = get_len(at);
  std::string v(at, n);
  at += n;
  return v;
}
}  // namespace

MemoryOutbox::~MemoryOutbox() {
  for (const Block& b : blocks_) ::operator delete(b.p, b.size);
}

char* MemoryOutbox::room(std::size_t n) {
  if (!blocks_.empty() && blocks_.back().size - used_ >= n) return blocks_.back().p + used_;
  constexpr std::size_t kFirst = std::size_t{4} << 10, kLast = std::size_t{64} << 10;
  std::size_t size = blocks_.empty() ? kFirst : std::min(2 * blocks_.back().size, kLast);
  size = std::max(size, n);
  blocks_.reserve(blocks_.size() + 1);  // so that push_back cannot throw after the allocation
  blocks_.push_back(Block{static_cast<char*>(::operator new(size)), size});
  used_ = 0;
  return blocks_.back().p;
}

template <class Records>
void MemoryOutbox::pack(EventKind kind, Instant at, const Records& records, std::string_view payload) {
  const std::string_view main = records.empty() ? std::string_view() : std::string_view(records.front());
  if (payload.size() > UINT32_MAX || records.size() > UINT32_MAX)
    throw InternalError("an event too large for the outbox", std::string(main));
  std::size_t n = 2 * sizeof(Len) + payload.size();
  for (const auto& r : records) {
    if (r.size() > UINT32_MAX) throw InternalError("an event too large for the outbox", std::string(std::string_view(r).substr(0, 64)));
    n += sizeof(Len) + r.size();
  }
  char* const start = room(n);
  entries_.push_back(Entry{start, at, kind});  // first: a throw leaves the block's bytes unused
  char* p = start;
  put_len(p, records.size());
  for (const auto& r : records) put_bytes(p, r);
  put_bytes(p, payload);
  used_ += n;
}

void MemoryOutbox::append(const std::vector<Event>& events) {
  std::lock_guard lock(mu_);
  for (const Event& e : events) pack(e.kind, e.at, e.records, e.payload);
}

MemoryOutbox::Batch::Batch(MemoryOutbox& box)
    : box_(box), lock_(box.mu_), entries_(box.entries_.size()), blocks_(box.blocks_.size()), used_(box.used_) {}

MemoryOutbox::Batch::~Batch() {
  if (published_) return;
  box_.entries_.resize(entries_);
  // The bytes after the mark are free again; a block the batch began is left empty for the next.
  box_.used_ = box_.blocks_.size() == blocks_ ? used_ : 0;
}

void MemoryOutbox::Batch::add(EventKind kind, Instant at, std::span<const std::string_view> records, std::string_view payload) {
  box_.pack(kind, at, records, payload);
}

std::vector<Event> MemoryOutbox::pending(std::size_t limit) const {
  std::lock_guard lock(mu_);
  std::vector<Event> out;
  for (auto i = static_cast<std::size_t>(acked_); i < entries_.size() && out.size() < limit; ++i) {
    const Entry& x = entries_[i];
    Event& e = out.emplace_back();
    e.seq = static_cast<std::int64_t>(i) + 1;
    e.kind = x.kind;
    e.at = x.at;
    const char* at = x.bytes;
    const Len n = get_len(at);
    e.records.reserve(n);
    for (Len k = 0; k < n; ++k) e.records.push_back(get_bytes(at));
    e.payload = get_bytes(at);
  }
  return out;
}

void MemoryOutbox::acknowledge(std::int64_t up_to_seq) {
  std::lock_guard lock(mu_);
  check_acknowledge(up_to_seq, static_cast<std::int64_t>(entries_.size()));
  acked_ = std::max(acked_, up_to_seq);
}

}  // namespace outbox

// ============================================================================ events of a change

namespace {
// A compact JSON object built by hand (the domain layer does not link a JSON library): keys
// and values are the library's own ids, names and ISO 8601 times, escaped per RFC 8259. Written
// through a pointer into a buffer with room for the worst case of each member (one check per
// member, not one per character).
class Payload {
 public:
  /// Written into buf (its size kept: a buffer reused from event to event allocates once).
  explicit Payload(std::string& buf) : s_(buf) {
    if (s_.size() < 256) s_.resize(256);  // a session's event fits
    s_[0] = '{';
  }
  template <std::size_t N>
  Payload& str(const char (&key)[N], std::string_view v) {
    char* p = key_at(room(N + 5 + json_escape::max_escaped(v.size())), key);
    return at(quote(p, v));
  }
  template <std::size_t N>
  Payload& num(const char (&key)[N], long long v) {
    constexpr std::size_t kDigits = 20;  // a 64-bit integer with its sign
    char* p = key_at(room(N + 3 + kDigits), key);
    return at(std::to_chars(p, p + kDigits, v).ptr);
  }
  template <std::size_t N>
  Payload& instant(const char (&key)[N], Instant t) {
    char* p = key_at(room(N + 5 + time_format::kInstantChars), key);
    if (t.is_special()) {
      std::memcpy(p, "null", 4);
      return at(p + 4);
    }
    char buf[time_format::kInstantChars];  // ISO 8601 digits and separators: nothing to escape
    const char* end = time_format::instant(t, buf);
    *p++ = '"';
    std::memcpy(p, buf, static_cast<std::size_t>(end - buf));
    p += end - buf;
    *p++ = '"';
    return at(p);
  }
  template <std::size_t N>
  Payload& list(const char (&key)[N], std::span<const std::string_view> v) {
    std::size_t n = N + 5;
    for (const std::string_view x : v) n += 3 + json_escape::max_escaped(x.size());
    char* p = key_at(room(n), key);
    *p++ = '[';
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) *p++ = ',';
      p = quote(p, v[i]);
    }
    *p++ = ']';
    return at(p);
  }
  /// The object, closed (the builder is spent; the text lives in the buffer until its next use).
  std::string_view done() {
    *room(1) = '}';
    return {s_.data(), n_ + 1};
  }

 private:
  // Room for n more characters after the n_ written; where they go.
  char* room(std::size_t n) {
    if (s_.size() - n_ < n) s_.resize(std::max(2 * s_.size(), n_ + n));
    return s_.data() + n_;
  }
  Payload& at(const char* end) {
    n_ = static_cast<std::size_t>(end - s_.data());
    return *this;
  }
  // Keys are the library's own names (letters and '_': nothing to escape), written whole; N
  // counts the literal's NUL, so a member takes at most N + 3 characters before its value.
  template <std::size_t N>
  char* key_at(char* p, const char (&key)[N]) const {
    if (n_ > 1) *p++ = ',';
    *p++ = '"';
    std::memcpy(p, key, N - 1);
    p += N - 1;
    *p++ = '"';
    *p++ = ':';
    return p;
  }
  static char* quote(char* p, std::string_view v) {
    *p++ = '"';
    p = json_escape::write(p, v);
    *p++ = '"';
    return p;
  }
  std::string& s_;     ///< the buffer: its first n_ characters are written
  std::size_t n_ = 1;  ///< "{" so far
};

// The clients holding a place in s (not cancelled), appended to out in attendee order.
void append_booked_clients(const Session& s, std::vector<std::string_view>& out) {
  for (const auto& a : s.attendees)
    if (a.status != AttendeeStatus::Cancelled) out.push_back(a.client_id);
}

// What a session event tells the host: ids, time, length, modality, status. Never adjustments
// or an override's reason (free text) nor any name.
Payload session_payload(std::string& buf, const Session& s, std::span<const std::string_view> clients) {
  Payload p(buf);
  p.str("session_id", s.id).str("offer_id", s.offer_id).str("coach_id", s.coach_id).list("client_ids", clients)
      .instant("start", s.start).num("minutes", s.minutes).str("modality", to_string(s.modality))
      .str("status", to_string(s.status));
  return p;
}

bool cancelled(SessionStatus s) {
  return s == SessionStatus::CancelledByClient || s == SessionStatus::CancelledByCoach;
}

// Events collected as Event values (for a store: ChangeSet::events).
class Collect final : public outbox::Sink {
 public:
  void add(EventKind kind, Instant at, std::span<const std::string_view> records, std::string_view payload) override {
    Event& e = out.emplace_back();
    e.kind = kind;
    e.at = at;
    e.records.assign(records.begin(), records.end());
    e.payload = payload;
  }
  std::vector<Event> out;
};
}  // namespace

std::vector<Event> Programme::Impl::events_of(const ChangeSet& cs, Instant now, std::optional<const Session*> one_old) const {
  Collect c;
  events_of(cs, now, one_old, c);
  return std::move(c.out);
}

void Programme::Impl::events_of(const ChangeSet& cs, Instant now, std::optional<const Session*> one_old, outbox::Sink& sink) const {
  const auto& u = cs.upserts;
  // Each event's record ids and payload text are built in this thread's buffers (kept from
  // change to change, so a booking's event allocates nothing) and handed to the sink, which
  // copies what it keeps before the next event reuses them.
  thread_local std::string text;
  thread_local std::vector<std::string_view> records, clients;
  auto emit = [&](EventKind kind, std::string_view payload) { sink.add(kind, now, records, payload); };
  // The change's sessions by id, and the ids its reschedules moved to: looked up per session, so
  // a batch of thousands (an import) is judged in n log n, not n squared; a change of a few
  // sessions (a booking, a move) is scanned instead, without building the trees.
  constexpr std::size_t kScanSessions = 8;
  const bool few = u.sessions.size() <= kScanSessions;
  std::map<std::string_view, const Session*> by_id;
  std::set<std::string_view> moved_to;
  if (!few)
    for (const auto& s : u.sessions) {
      by_id.emplace(s.id, &s);
      if (s.status == SessionStatus::Rescheduled) moved_to.insert(s.rescheduled_to);
    }
  auto find_new = [&](const std::string& id) -> const Session* {
    if (few) {
      for (const auto& s : u.sessions)
        if (s.id == id) return &s;
      return nullptr;
    }
    const auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : it->second;
  };
  auto is_moved_to = [&](const std::string& id) {
    if (!few) return moved_to.count(id) > 0;
    return std::any_of(u.sessions.begin(), u.sessions.end(),
                       [&](const Session& s) { return s.status == SessionStatus::Rescheduled && s.rescheduled_to == id; });
  };
  if (one_old && u.sessions.size() != 1) throw InternalError("events_of: a stored version given for a change of several sessions");
  for (const auto& s : u.sessions) {
    const Session* found = nullptr;
    if (one_old) {
      found = *one_old;
    } else if (auto it = sessions.find(s.id); it != sessions.end()) {
      found = &it->second;
    }
    records.clear();
    if (!found) {
      // The new half of a reschedule is told by the old half's event.
      const bool moved_here = is_moved_to(s.id);
      if (s.status == SessionStatus::Booked && !moved_here) {
        // The records: the session, then its booked clients (the payload lists those).
        records.push_back(s.id);
        append_booked_clients(s, records);
        emit(EventKind::SessionBooked, session_payload(text, s, std::span<const std::string_view>(records).subspan(1)).done());
      }
      continue;
    }
    const Session& old = *found;
    if (old.status == SessionStatus::Booked && s.status == SessionStatus::Rescheduled) {
      const Session* to = find_new(s.rescheduled_to);
      records.push_back(s.id);
      records.push_back(s.rescheduled_to);
      append_booked_clients(old, records);
      Payload p = session_payload(text, s, std::span<const std::string_view>(records).subspan(2));
      p.str("rescheduled_to", s.rescheduled_to);
      if (to) p.instant("new_start", to->start).num("new_minutes", to->minutes).str("new_coach_id", to->coach_id)
                  .str("new_modality", to_string(to->modality));
      emit(EventKind::SessionRescheduled, p.done());
      continue;
    }
    if (old.status == SessionStatus::Booked && cancelled(s.status)) {
      records.push_back(s.id);
      append_booked_clients(old, records);
      emit(EventKind::SessionCancelled,
           session_payload(text, s, std::span<const std::string_view>(records).subspan(1)).str("scope", "session").done());
      continue;
    }
    // Places in a session that stays: a client joining, or one client's place cancelled. The
    // payload lists the session's booked clients after the change (listed once, when the first
    // such event needs them: most changes here, such as an outcome, have none); the records name
    // the client.
    bool listed = false;
    auto now_booked = [&]() -> std::span<const std::string_view> {
      if (!listed) {
        clients.clear();
        append_booked_clients(s, clients);
        listed = true;
      }
      return clients;
    };
    for (const auto& a : s.attendees) {
      auto before = std::find_if(old.attendees.begin(), old.attendees.end(),
                                 [&](const Attendee& b) { return b.client_id == a.client_id; });
      const bool had_place = before != old.attendees.end() && before->status != AttendeeStatus::Cancelled;
      records.assign({std::string_view(s.id), std::string_view(a.client_id)});
      if (a.status == AttendeeStatus::Booked && !had_place)
        emit(EventKind::SessionJoined, session_payload(text, s, now_booked()).str("client_id", a.client_id).done());
      else if (a.status == AttendeeStatus::Cancelled && had_place && before->status == AttendeeStatus::Booked &&
               !cancelled(s.status))
        emit(EventKind::SessionCancelled,
             session_payload(text, s, now_booked()).str("scope", "place").str("client_id", a.client_id).done());
    }
  }
  for (const auto& w : u.waiting_list) {
    if (w.status != WaitStatus::Offered) continue;
    auto old = waiting_list.find(w.id);
    if (old != waiting_list.end() && old->second.status == WaitStatus::Offered) continue;
    Payload p(text);
    p.str("waiting_list_id", w.id).str("session_id", w.session_id).str("client_id", w.client_id)
        .instant("offered_at", w.offered_at);
    if (auto s = sessions.find(w.session_id); s != sessions.end()) p.instant("start", s->second.start);
    records.assign({std::string_view(w.id), std::string_view(w.session_id), std::string_view(w.client_id)});
    emit(EventKind::WaitingListOffered, p.done());
  }
  for (const auto& f : u.risk_flags) {
    if (risk_flags.count(f.id)) continue;
    Payload p(text);
    p.str("risk_flag_id", f.id).str("response_id", f.response_id).str("client_id", f.client_id)
        .str("instrument_id", f.instrument_id).str("flag", f.flag).instant("raised_at", f.raised_at);
    records.assign({std::string_view(f.id), std::string_view(f.response_id), std::string_view(f.client_id)});
    emit(EventKind::RiskFlagRaised, p.done());
  }
}

// ============================================================================ the outbox API

std::vector<Event> Programme::pending_events(std::size_t limit) const {
  outbox::check_limit(limit);
  // This handle's lock: no write transaction of this connection is open meanwhile.
  std::unique_lock lock(impl_->mu);
  if (impl_->store) return impl_->store->pending_events(limit);
  return impl_->local_outbox.pending(limit);
}

void Programme::acknowledge_events(std::int64_t up_to_seq) {
  std::unique_lock lock(impl_->mu);
  if (impl_->store) impl_->store->acknowledge_events(up_to_seq);
  else impl_->local_outbox.acknowledge(up_to_seq);
}

}  // namespace laycoach
