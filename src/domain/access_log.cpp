// The access log of a programme: appending an entry for each read of confidential content and
// each export (Impl::audited is the one path), reading it as the service manager, verifying it.
#include <mutex>

#include "programme_impl.hpp"

namespace laycoach {

void Programme::Impl::log_access(const Viewer& viewer, const char* operation, std::vector<std::string> records,
                                 const Error* refused) {
  AccessEntry e;
  e.at = boost::posix_time::second_clock::universal_time();  // the library's clock (bookings, notes)
  e.audience = to_string(viewer.audience);
  e.viewer_id = viewer.id;
  e.operation = operation;
  e.records = std::move(records);
  e.outcome = refused ? "denied" : "allowed";
  if (refused) e.rule = refused->rule();
  // Exclusively: no write transaction of this connection (a WriteLock) is open while the store
  // appends in a transaction of its own, so the entry is committed whatever other threads do.
  std::unique_lock lock(mu);
  if (store) store->append_access(e);
  else local_log.append(std::move(e));
}

std::vector<AccessEntry> Programme::access_log(const Viewer& viewer) const {
  return impl_->audited(viewer, "read_access_log", {}, [&] {
    if (viewer.audience != Audience::ServiceManager)
      throw ForbiddenError("access_log", "viewer", "the access log is for the service manager only");
    return impl_->store ? impl_->store->access_log() : impl_->local_log.entries();
  }, [](const std::vector<AccessEntry>&, auto&) {});
}

AccessLogCheck Programme::verify_access_log() const {
  std::vector<AccessEntry> entries;
  {
    auto lock = impl_->read();
    entries = impl_->store ? impl_->store->access_log() : impl_->local_log.entries();
  }
  return access_chain::verify(entries);
}

}  // namespace laycoach
