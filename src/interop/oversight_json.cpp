// JSON of what oversight reads: access log entries, the verification of the log, and the
// caseload metadata a supervisor sees (access_log.hpp, caseload.hpp).
#include "json_io.hpp"
#include "json_keys.hpp"

namespace laycoach::jsonio {

// Read and written from their key lists (json_keys.hpp).
LC_KEYED_IO(AccessEntry)

void read(const Json& v, const std::string& p, const std::string& r, AccessLogCheck& x) {
  Reader in(v, p, r);
  in.req("intact", x.intact);
  in.req("entries", x.entries);
  std::optional<long long> first;
  in.opt("first_broken", first);
  x.first_broken = first.value_or(0);
  in.opt("problem", x.problem);
  in.opt("head", x.head);
  in.done();
}
Json write(const AccessLogCheck& x) {
  return Json{{"intact", x.intact},
              {"entries", x.entries},
              {"first_broken", x.first_broken > 0 ? Json(x.first_broken) : Json(nullptr)},
              {"problem", x.problem},
              {"head", x.head}};
}

namespace {
constexpr SupervisionKind kKinds[] = {SupervisionKind::HealthCoaching, SupervisionKind::Clinical,
                                      SupervisionKind::LineManagement};
}  // namespace

void read(const Json& v, const std::string& p, const std::string& r, SuperviseeCaseload& x) {
  Reader in(v, p, r);
  in.req("coach_id", x.coach_id);
  in.opt("active", x.active);
  in.req("sessions", x.sessions);
  in.req("clients", x.clients);
  in.mark("by_status");
  x.by_status.clear();
  if (auto it = v.find("by_status"); it != v.end()) {
    if (!it->is_object()) fail(r, p + "/by_status", "expected an object {status: count}");
    for (auto s = it->begin(); s != it->end(); ++s) {
      const std::string sp = p + "/by_status/" + pointer_token(s.key());
      SessionStatus status{};
      read(Json(s.key()), sp, r, status);
      long long n = 0;
      read(s.value(), sp, r, n);
      x.by_status.emplace_back(status, n);
    }
  }
  in.opt("booked_ahead", x.booked_ahead);
  in.opt("last_session", x.last_session);
  in.mark("last_supervision");
  x.last_supervision = {};
  if (auto it = v.find("last_supervision"); it != v.end()) {
    Reader ls(*it, p + "/last_supervision", r);
    for (SupervisionKind k : kKinds) ls.opt(to_string(k), x.last_supervision[static_cast<std::size_t>(k)]);
    ls.done();
  }
  in.opt("overdue", x.overdue);
  in.done();
}
Json write(const SuperviseeCaseload& x) {
  Json by = Json::object();
  for (const auto& [status, n] : x.by_status) by[to_string(status)] = n;
  Json last = Json::object();
  for (SupervisionKind k : kKinds) last[to_string(k)] = write(x.last_supervision[static_cast<std::size_t>(k)]);
  return Json{{"coach_id", x.coach_id},
              {"active", x.active},
              {"sessions", x.sessions},
              {"clients", x.clients},
              {"by_status", by},
              {"booked_ahead", x.booked_ahead},
              {"last_session", write(x.last_session)},
              {"last_supervision", last},
              {"overdue", write(x.overdue)}};
}

}  // namespace laycoach::jsonio
