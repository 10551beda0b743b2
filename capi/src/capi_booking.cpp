// The booking engine's C entry points (laycoach_booking.h): JSON in and out through the same
// readers and writers as documents, every entry noexcept behind capi::guard.
#include "capi_internal.hpp"
#include "laycoach/booking.hpp"
#include "laycoach/document.hpp"
#include "laycoach/json.hpp"
#include "laycoach_booking.h"

namespace {

using namespace laycoach;
namespace bk = laycoach::booking;
using laycoach::capi::arg;
using laycoach::capi::dup_string;
using laycoach::capi::guard;
using laycoach::capi::require;

// The request document (see laycoach_booking.h); `allow_start` for lc_booking_reschedule.
BookingRequest read_request(const char* text, bool allow_start = false) {
  return booking_request_from_json(arg(text, "request_json"), allow_start);
}

bk::Slot read_slot(const char* text) { return slot_from_json(arg(text, "slot_json")); }

Attendee read_attendee(const char* text) { return record_from_json<Attendee>(arg(text, "attendee_json")); }

bk::Party party(const char* text, const char* field) {
  const std::string s = arg(text, field);
  const auto p = bk::parse_party(s);
  if (!p) throw ValidationError("", ErrorField(field), "party"_rule, std::string(field) + " is \"client\" or \"coach\", not '" + s + "'");
  return *p;
}

Instant when(int64_t unix_seconds) {
  return unix_seconds == LC_BOOKING_NOW ? Instant(boost::posix_time::not_a_date_time) : from_unix_seconds(unix_seconds);
}

void put(char** out, const std::string& s) {
  if (out) *out = dup_string(s);
}


}  // namespace

extern "C" {

lc_status lc_booking_search(const lc_programme* p, const char* request_json, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    const BookingRequest q = read_request(request_json);
    *out_json = dup_string(slots_to_json(bk::search(p->programme, q.search)));
  });
}

lc_status lc_booking_book(lc_programme* p, const char* request_json, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    const BookingRequest q = read_request(request_json);
    put(out_json, record_to_json(bk::book_earliest(p->programme, q.search, q.details)));
  });
}

lc_status lc_booking_book_slot(lc_programme* p, const char* request_json, const char* slot_json, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    const BookingRequest q = read_request(request_json);
    const bk::Slot s = read_slot(slot_json);
    put(out_json, record_to_json(bk::book_slot(p->programme, q.search, s, q.details)));
  });
}

lc_status lc_booking_cancel(lc_programme* p, const char* session_id, const char* by, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    put(out_json, record_to_json(bk::cancel(p->programme, arg(session_id, "session_id"), party(by, "by"))));
  });
}

lc_status lc_booking_did_not_attend(lc_programme* p, const char* session_id, const char* who, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    put(out_json, record_to_json(bk::did_not_attend(p->programme, arg(session_id, "session_id"), party(who, "who"))));
  });
}

lc_status lc_booking_reschedule(lc_programme* p, const char* session_id, const char* request_json, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    const std::string id = arg(session_id, "session_id");
    const BookingRequest q = read_request(request_json, true);
    const Session s = !q.start.is_special()
                          ? bk::reschedule(p->programme, id, q.start, q.search.now, q.details)
                          : bk::reschedule_earliest(p->programme, id, q.search, q.details);
    put(out_json, record_to_json(s));
  });
}

lc_status lc_booking_book_series(lc_programme* p, const char* request_json, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    const bk::SeriesRequest r = series_request_from_json(arg(request_json, "request_json"));
    put(out_json, records_to_json(bk::book_series(p->programme, r)));
  });
}

lc_status lc_booking_book_series_earliest(lc_programme* p, const char* request_json, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    const bk::SeriesRequest r = series_request_from_json(arg(request_json, "request_json"));
    put(out_json, records_to_json(bk::book_series_earliest(p->programme, r)));
  });
}

lc_status lc_booking_series(const lc_programme* p, const char* series_id, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    *out_json = dup_string(records_to_json(bk::series(p->programme, arg(series_id, "series_id"))));
  });
}

lc_status lc_booking_cancel_series(lc_programme* p, const char* series_id, int from_index, const char* by,
                                   char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    put(out_json, records_to_json(bk::cancel_series(p->programme, arg(series_id, "series_id"), from_index, party(by, "by"))));
  });
}

lc_status lc_booking_cancel_series_from(lc_programme* p, const char* series_id, int64_t from_unix, const char* by,
                                        char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    put(out_json, records_to_json(bk::cancel_series(p->programme, arg(series_id, "series_id"), from_unix_seconds(from_unix),
                                                    party(by, "by"))));
  });
}

lc_status lc_booking_move_series(lc_programme* p, const char* series_id, int from_index, int64_t new_first_start_unix,
                                 int64_t now_unix, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    put(out_json, records_to_json(bk::move_series(p->programme, arg(series_id, "series_id"), from_index,
                                                  from_unix_seconds(new_first_start_unix), when(now_unix))));
  });
}

lc_status lc_booking_open_group_sessions(const lc_programme* p, const char* request_json, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    const BookingRequest q = read_request(request_json);
    *out_json = dup_string(records_to_json(bk::open_group_sessions(p->programme, q.search)));
  });
}

lc_status lc_booking_join(lc_programme* p, const char* session_id, const char* attendee_json, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    put(out_json, record_to_json(bk::join(p->programme, arg(session_id, "session_id"), read_attendee(attendee_json))));
  });
}

lc_status lc_booking_join_waiting_list(lc_programme* p, const char* session_id, const char* attendee_json,
                                       int64_t now_unix, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    const WaitingListEntry w =
        bk::join_waiting_list(p->programme, arg(session_id, "session_id"), read_attendee(attendee_json), when(now_unix));
    put(out_json, element_to_json(w));
  });
}

lc_status lc_booking_waiting_list(const lc_programme* p, const char* session_id, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    *out_json = dup_string(records_to_json(bk::waiting_list(p->programme, arg(session_id, "session_id"))));
  });
}

lc_status lc_booking_offer_freed_places(lc_programme* p, const char* session_id, int64_t now_unix, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    put(out_json, records_to_json(bk::offer_freed_places(p->programme, arg(session_id, "session_id"), when(now_unix))));
  });
}

lc_status lc_booking_accept_place(lc_programme* p, const char* wait_id, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    put(out_json, record_to_json(bk::accept_place(p->programme, arg(wait_id, "wait_id"))));
  });
}

lc_status lc_booking_decline_place(lc_programme* p, const char* wait_id, int64_t now_unix, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    const auto next = bk::decline_place(p->programme, arg(wait_id, "wait_id"), when(now_unix));
    put(out_json, next ? element_to_json(*next) : std::string("null"));
  });
}

lc_status lc_booking_cancel_place(lc_programme* p, const char* session_id, const char* client_id, int64_t now_unix,
                                  char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    put(out_json, record_to_json(bk::cancel_place(p->programme, arg(session_id, "session_id"), arg(client_id, "client_id"),
                                                  when(now_unix))));
  });
}

lc_status lc_booking_access_figures(const lc_programme* p, int64_t from_unix, int64_t to_unix, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    const auto f = bk::access_figures(p->programme, from_unix_seconds(from_unix), from_unix_seconds(to_unix));
    *out_json = dup_string(access_figures_to_json(f));
  });
}

}  // extern "C"
