// The booking engine's C entry points (laycoach_booking.h): JSON in and out through the same
// readers and writers as documents, every entry noexcept behind capi::guard.
#include <cmath>
#include <nlohmann/json.hpp>

#include "capi_internal.hpp"
#include "json_io.hpp"
#include "laycoach/booking.hpp"
#include "laycoach/document.hpp"
#include "laycoach_booking.h"

namespace laycoach::booking {

// Read by jsonio's vector reader (found by argument-dependent lookup).
void read(const jsonio::Json& v, const std::string& p, const std::string& r, TimeOfDay& out) {
  jsonio::Reader in(v, p, r);
  in.req("from_min", out.from_min);
  in.req("to_min", out.to_min);
  in.done();
}

}  // namespace laycoach::booking

namespace {

using namespace laycoach;
namespace bk = laycoach::booking;
using laycoach::capi::arg;
using laycoach::capi::dup_string;
using laycoach::capi::guard;
using laycoach::capi::require;
using jsonio::Json;

struct Request {
  bk::SlotRequest search;
  bk::BookingDetails details;
  Instant start{boost::posix_time::not_a_date_time};  // reschedule to this time
};

// The request document (see laycoach_booking.h); `allow_start` for lc_booking_reschedule.
Request read_request(const char* text, bool allow_start = false) {
  const Json j = jsonio::parse_text(arg(text, "request_json"));
  if (!j.is_object()) jsonio::fail("request", "", "expected a JSON object");
  jsonio::check_schema_version(j, false);
  jsonio::Reader in(j, "", "request");
  in.mark("schema_version");
  Request q;
  bk::SlotRequest& r = q.search;
  in.opt("client_id", r.client_id);
  in.opt("offer_id", r.offer_id);
  in.opt("referral_id", r.referral_id);
  in.opt("modality", r.modality);
  in.opt("earliest", r.earliest);
  in.opt("latest", r.latest);
  in.opt("now", r.now);
  in.opt("preferred_coach", r.preferred_coach);
  in.opt("preferred_coach_only", r.preferred_coach_only);
  in.opt("continuity", r.continuity);
  in.opt("times_of_day", r.times_of_day);
  std::vector<int> weekdays;
  in.opt("weekdays", weekdays);
  if (j.contains("weekdays") && !j.at("weekdays").is_null()) {
    r.weekdays = 0;
    for (std::size_t i = 0; i < weekdays.size(); ++i) {
      if (weekdays[i] < 0 || weekdays[i] > 6)
        throw ValidationError("request", "/weekdays/" + std::to_string(i), "weekday_range", "weekdays are 0 (Monday) .. 6 (Sunday)");
      r.weekdays = static_cast<std::uint8_t>(r.weekdays | (1U << weekdays[i]));
    }
  }
  in.opt("reschedule_of", r.reschedule_of);
  in.opt("max_results", r.max_results);
  in.opt("session_id", q.details.session_id);
  in.opt("requested_at", q.details.requested_at);
  in.opt("first_offered", q.details.first_offered);
  in.opt("adjustments", q.details.adjustments);
  if (allow_start) in.opt("start", q.start);
  in.done();
  return q;
}

Json write_slot(const bk::Slot& s) {
  Json j = Json::object();
  j["start"] = jsonio::write(s.start);
  j["minutes"] = s.minutes;
  j["coach_id"] = s.coach_id;
  j["modality"] = jsonio::write(s.modality);
  j["favoured"] = s.favoured;
  j["coach_week_sessions"] = s.coach_week_sessions;
  return j;
}

bk::Slot read_slot(const char* text) {
  const Json j = jsonio::parse_text(arg(text, "slot_json"));
  if (!j.is_object()) jsonio::fail("slot", "", "expected a JSON object");
  jsonio::Reader in(j, "", "slot");
  bk::Slot s;
  in.req("coach_id", s.coach_id);
  in.req("start", s.start);
  std::optional<Modality> m;
  in.opt("modality", m);
  if (m) s.modality = *m;
  // Fields of a slot document as search returned it are accepted and ignored.
  in.mark("minutes");
  in.mark("favoured");
  in.mark("coach_week_sessions");
  in.done();
  return s;
}

Attendee read_attendee(const char* text) {
  const Json j = jsonio::parse_text(arg(text, "attendee_json"));
  Attendee a;
  jsonio::read(j, "", "attendee", a);
  return a;
}

bk::Party party(const char* text, const char* field) {
  const std::string s = arg(text, field);
  const auto p = bk::parse_party(s);
  if (!p) throw ValidationError("", field, "party", std::string(field) + " is \"client\" or \"coach\", not '" + s + "'");
  return *p;
}

Instant when(int64_t unix_seconds) {
  return unix_seconds == LC_BOOKING_NOW ? Instant(boost::posix_time::not_a_date_time) : from_unix_seconds(unix_seconds);
}

Json number(double x) { return std::isnan(x) ? Json(nullptr) : Json(x); }

void put(char** out, const std::string& s) {
  if (out) *out = dup_string(s);
}

template <class T>
std::string array_of(const std::vector<T>& v) {
  Json a = Json::array();
  for (const auto& x : v) a.push_back(jsonio::write(x));
  return a.dump();
}

}  // namespace

extern "C" {

lc_status lc_booking_search(const lc_programme* p, const char* request_json, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    const Request q = read_request(request_json);
    Json a = Json::array();
    for (const auto& s : bk::search(p->programme, q.search)) a.push_back(write_slot(s));
    *out_json = dup_string(a.dump());
  });
}

lc_status lc_booking_book(lc_programme* p, const char* request_json, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    const Request q = read_request(request_json);
    put(out_json, record_to_json(bk::book_earliest(p->programme, q.search, q.details)));
  });
}

lc_status lc_booking_book_slot(lc_programme* p, const char* request_json, const char* slot_json, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    const Request q = read_request(request_json);
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
    const Request q = read_request(request_json, true);
    const Session s = !q.start.is_special()
                          ? bk::reschedule(p->programme, id, q.start, q.search.now, q.details)
                          : bk::reschedule_earliest(p->programme, id, q.search, q.details);
    put(out_json, record_to_json(s));
  });
}

lc_status lc_booking_open_group_sessions(const lc_programme* p, const char* request_json, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    const Request q = read_request(request_json);
    *out_json = dup_string(array_of(bk::open_group_sessions(p->programme, q.search)));
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
    put(out_json, jsonio::write(w).dump());
  });
}

lc_status lc_booking_waiting_list(const lc_programme* p, const char* session_id, char** out_json) {
  return guard([&] {
    require(p, "p");
    require(out_json, "out_json");
    *out_json = nullptr;
    *out_json = dup_string(array_of(bk::waiting_list(p->programme, arg(session_id, "session_id"))));
  });
}

lc_status lc_booking_offer_freed_places(lc_programme* p, const char* session_id, int64_t now_unix, char** out_json) {
  return guard([&] {
    require(p, "p");
    if (out_json) *out_json = nullptr;
    put(out_json, array_of(bk::offer_freed_places(p->programme, arg(session_id, "session_id"), when(now_unix))));
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
    put(out_json, next ? jsonio::write(*next).dump() : std::string("null"));
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
    Json j = Json::object();
    Json rows = Json::array();
    for (const auto& r : f.bookings) {
      Json x = Json::object();
      x["session_id"] = r.session_id;
      x["offer_id"] = r.offer_id;
      x["coach_id"] = r.coach_id;
      x["status"] = jsonio::write(r.status);
      x["requested_at"] = jsonio::write(r.requested_at);
      x["first_offered"] = jsonio::write(r.first_offered);
      x["start"] = jsonio::write(r.start);
      x["minutes_to_first_offer"] = number(r.minutes_to_first_offer);
      x["minutes_to_session"] = number(r.minutes_to_session);
      x["offered_within_24h"] = r.offered_within_24h;
      x["within_24h"] = r.within_24h;
      x["out_of_hours"] = r.out_of_hours;
      rows.push_back(std::move(x));
    }
    j["bookings"] = std::move(rows);
    j["with_request"] = f.with_request;
    j["share_offered_within_24h"] = number(f.share_offered_within_24h);
    j["share_within_24h"] = number(f.share_within_24h);
    j["share_out_of_hours"] = number(f.share_out_of_hours);
    j["median_minutes_to_first_offer"] = number(f.median_minutes_to_first_offer);
    j["median_minutes_to_session"] = number(f.median_minutes_to_session);
    j["attended"] = f.attended;
    j["client_did_not_attend"] = f.client_did_not_attend;
    j["coach_did_not_attend"] = f.coach_did_not_attend;
    j["cancelled_by_client"] = f.cancelled_by_client;
    j["cancelled_by_coach"] = f.cancelled_by_coach;
    j["booked"] = f.booked;
    Json u = Json::array();
    for (const auto& c : f.utilisation)
      u.push_back(Json{{"coach_id", c.coach_id}, {"booked_minutes", c.booked_minutes}, {"rota_minutes", c.rota_minutes},
                       {"utilisation", number(c.utilisation)}});
    j["utilisation"] = std::move(u);
    j["overall_utilisation"] = number(f.overall_utilisation);
    *out_json = dup_string(j.dump());
  });
}

}  // extern "C"
