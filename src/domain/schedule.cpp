// The scheduling rules of a new booking, checked against the records themselves (no derived
// index): rota coverage minute by minute in UK local time (weekly pattern, exceptions, leave),
// the buffer between a coach's sessions, the daily and weekly caps, and minimum notice. Part of
// the one acceptance rule (Programme::Impl::check_session with new_booking): Programme::book,
// join, reschedule and the booking engine all pass here; the engine's fast search is tested
// against it. A session carrying a named override (override_by, override_reason) skips them.
#include <algorithm>

#include "laycoach/access.hpp"
#include "programme_impl.hpp"
#include "rota_days.hpp"

namespace laycoach {

namespace {

using boost::posix_time::hours;
using boost::posix_time::minutes;

Instant floor_to_minute(Instant t) {
  const auto tod = t.time_of_day();
  return Instant(t.date(), boost::posix_time::time_duration(tod.hours(), tod.minutes(), 0));
}

Date monday_of(Date d) { return d - boost::gregorian::days((d.day_of_week().as_number() + 6) % 7); }

std::string hhmm(int m) {
  char buf[6];
  buf[0] = static_cast<char>('0' + m / 600);
  buf[1] = static_cast<char>('0' + m / 60 % 10);
  buf[2] = ':';
  buf[3] = static_cast<char>('0' + m % 60 / 10);
  buf[4] = static_cast<char>('0' + m % 10);
  return std::string(buf, 5);
}

// The first instant of a UK local date (local midnight is never skipped nor repeated).
Instant local_midnight(Date d) { return *from_uk_local(LocalDateTime(d)); }

// The UK local day and ISO week holding an instant, as instants: [d0, d1) and [w0, w1).
struct DayWeek {
  Instant d0, d1, w0, w1;
};

DayWeek day_week_uncached(Instant at) {
  const Date day = to_uk_local(at).date();
  const Date monday = monday_of(day);
  return {local_midnight(day), local_midnight(day + boost::gregorian::days(1)), local_midnight(monday),
          local_midnight(monday + boost::gregorian::days(7))};
}

// The same, with this thread's last answer kept: bookings come day by day, so the next one is
// usually on the same local day, found by two comparisons instead of five conversions.
DayWeek day_week(Instant at) {
  if (at.is_special()) return day_week_uncached(at);
  thread_local DayWeek last{};
  thread_local bool known = false;
  if (!known || at < last.d0 || !(at < last.d1)) {
    last = day_week_uncached(at);
    known = true;
  }
  return last;
}

// Occupying sessions of the coach (its busy entry, may be null) starting on the same UK local day / ISO
// week as `at`.
// skips_unheld: no entry has either id (the caller knows), so the entries are counted by their
// starts alone (two binary searches each, no session read).
std::pair<int, int> counts(const PersonTime* entry, Instant at, const std::string& skip1, const std::string& skip2,
                           bool skips_unheld = false) {
  if (!entry) return {0, 0};
  const auto [d0, d1, w0, w1] = day_week(at);
  if (skips_unheld) {
    // The week's entries by searching the whole list, the day's within them (a few entries).
    const auto a = entry->from(w0), b = PersonTime::from(w1, a, entry->busy.end());
    const auto da = PersonTime::from(d0, a, b), db = PersonTime::from(d1, da, b);
    return {static_cast<int>(db - da), static_cast<int>(b - a)};
  }
  int d = 0, w = 0;
  const auto& busy = entry->busy;
  for (auto p = entry->from(w0); p != busy.end() && p->start < w1; ++p) {
    const std::string& id = p->session->id;
    if (id == skip1 || id == skip2) continue;
    ++w;
    if (!(p->start < d0) && p->start < d1) ++d;
  }
  return {d, w};
}

const PersonTime* busy_entry(const Programme::Impl& m, const std::string& coach) {
  auto it = m.coach_busy.find(coach);
  return it == m.coach_busy.end() ? nullptr : &it->second;
}

}  // namespace

std::pair<int, int> Programme::Impl::day_week_counts(const std::string& coach, Instant at,
                                                     const std::string& ignore_id) const {
  return counts(busy_entry(*this, coach), at, ignore_id, ignore_id);
}

void Programme::Impl::check_schedule(const Session& s, Instant now, const std::string& ignore_id) const {
  auto cit = coaches.find(s.coach_id);
  if (cit == coaches.end()) throw NotFoundError(s.id, "coach_id", "no coach '" + s.coach_id + "'");
  auto oit = offers.find(s.offer_id);
  if (oit == offers.end()) throw NotFoundError(s.id, "offer_id", "no offer '" + s.offer_id + "'");
  check_schedule(s, now, ignore_id, cit->second, oit->second);
}

void Programme::Impl::check_schedule(const Session& s, Instant now, const std::string& ignore_id, const Coach& c,
                                     const Offer& o) const {
  check_schedule(s, now, ignore_id, c, o, busy_entry(*this, c.id));
}

void Programme::Impl::check_schedule(const Session& s, Instant now, const std::string& ignore_id, const Coach& c,
                                     const Offer& o, const PersonTime* entry, bool ids_unheld) const {
  if (s.start.is_special()) throw ValidationError(s.id, "start", "instant_required"_rule, "a session needs a start time");
  const int len = s.minutes > 0 ? s.minutes : o.session_minutes;
  const Instant end = s.start + minutes(len);

  // Minimum notice, relative to now.
  if (!now.is_special() && s.start < now + minutes(o.min_notice_minutes))
    throw ValidationError(s.id, "start", "min_notice"_rule,
                          "offer '" + o.id + "' is booked at least " + std::to_string(o.min_notice_minutes) +
                              " minutes ahead: at " + format_instant(now) + " the earliest start is " +
                              format_instant(now + minutes(o.min_notice_minutes)));

  // The rota covers every minute, read in UK local time: from each minute, the local clock runs
  // on minute by minute to the end of the block containing it, unless the UK offset changes
  // first (then the reading jumps, and is taken again there).
  // The coach's exception dates, when its busy entry holds them for these records.
  const CoachNote* note = entry && entry->note && entry->note->coach == &c && entry->note->dates_generation == generation
                              ? entry->note.get()
                              : nullptr;
  Date cur(boost::gregorian::not_a_date_time);
  // The day's blocks, in this thread's buffer: kept between calls, so a booking allocates none.
  thread_local std::vector<std::pair<int, int>> blocks;
  blocks.clear();
  for (Instant u = floor_to_minute(s.start); u < end;) {
    const LocalDateTime l = to_uk_local(u);
    const Date date = l.date();
    const int mm = minutes_of_day(l);
    if (date != cur) {
      blocks.clear();
      rota_blocks_of_day(c.rota, date, blocks,
                         note && !std::binary_search(note->exception_dates.begin(), note->exception_dates.end(), date));
      cur = date;
    }
    int reach = -1;  // end of the furthest-reaching block containing mm
    for (const auto& [a, b] : blocks)
      if (a <= mm && mm < b) reach = std::max(reach, b);
    if (reach < 0)
      throw ValidationError(s.id, "start", "rota_covers"_rule,
                            "coach '" + c.id + "' is not on duty at " + hhmm(mm) + " on " + format_date(date) +
                                " (UK local time; weekly rota, exceptions and leave)");
    Instant next = u + minutes(reach - mm);
    const UkDstTransitions tr = uk_dst_transitions(u.date().year());
    for (Instant x : {tr.bst_start, tr.bst_end})
      if (u < x && x < next) next = x;
    u = next;
  }

  // The buffer between the coach's sessions.
  const int buf = c.rota.buffer_minutes;
  if (buf > 0) {
    if (entry) {
      const auto b = minutes(buf);
      const auto& busy = entry->busy;
      for (auto p = entry->from(s.start - hours(24) - b); p != busy.end() && p->start < end + b; ++p) {
        if (!(p->start < end + b && s.start < p->end + b)) continue;  // not within the buffer
        const Session& other = *p->session;
        if (other.id == s.id || other.id == ignore_id) continue;
        throw ConflictError(s.id, "start", "buffer_between_sessions"_rule,
                            "coach '" + c.id + "' keeps " + std::to_string(buf) + " minutes between sessions; session '" +
                                other.id + "' at " + format_instant(other.start) + " is too close");
      }
    }
  }

  // Daily and weekly caps.
  const auto [day, week] = counts(entry, s.start, s.id, ignore_id, ids_unheld);
  if (day >= c.rota.max_sessions_per_day)
    throw ConflictError(s.id, "start", "max_sessions_per_day"_rule,
                        "coach '" + c.id + "' already has " + std::to_string(day) + " sessions on " +
                            format_date(to_uk_local(s.start).date()) + " (cap " +
                            std::to_string(c.rota.max_sessions_per_day) + ")");
  if (week >= c.rota.max_sessions_per_week)
    throw ConflictError(s.id, "start", "max_sessions_per_week"_rule,
                        "coach '" + c.id + "' already has " + std::to_string(week) + " sessions in the week of " +
                            format_date(monday_of(to_uk_local(s.start).date())) + " (cap " +
                            std::to_string(c.rota.max_sessions_per_week) + ")");
}

}  // namespace laycoach
