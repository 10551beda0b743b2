// The README's main job: build the synthetic demo service, save it in an SQLite store, reopen it
// from disk, and print what it holds and which rules need action.
//
//   laycoach_demo [path.sqlite]      (default: laycoach-demo.sqlite; an existing file is replaced)
//
// Exit status: 0 when the store was written, reopened and read back identical; 1 otherwise.
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <map>
#include <string>
#include <system_error>

#include "laycoach/demo.hpp"
#include "laycoach/error.hpp"
#include "laycoach/programme.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Removes the store and its WAL side files; a failure to remove is fatal (we must start empty).
void remove_store(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::error_code ec;
    std::filesystem::remove(path + suffix, ec);
    if (ec) throw std::runtime_error("cannot remove " + path + suffix + ": " + ec.message());
  }
}

int run(const std::string& path) {
  using namespace laycoach;
  const demo::DemoOptions options;

  auto t0 = Clock::now();
  const ProgrammeData demo_data = demo::make_demo(options);
  const double generate_ms = ms_since(t0);

  remove_store(path);
  t0 = Clock::now();
  {
    Programme created = Programme::open(path);
    const double create_ms = ms_since(t0);
    t0 = Clock::now();
    created.replace(demo_data);
    const double save_ms = ms_since(t0);
    std::printf("laycoach demo service -> %s\n", path.c_str());
    std::printf("  generated in %.1f ms; new store opened in %.1f ms; saved (replace) in %.1f ms\n", generate_ms,
                create_ms, save_ms);
  }  // closed here

  t0 = Clock::now();
  const Programme p = Programme::open(path);
  const double open_ms = ms_since(t0);
  const ProgrammeData d = p.data();
  const bool identical = d == demo_data;
  std::printf("  reopened from disk in %.1f ms; contents %s\n\n", open_ms,
              identical ? "identical to what was saved" : "DIFFER from what was saved");

  // ---- what it holds ------------------------------------------------------------------------
  std::size_t staff = 0, patients = 0;
  for (const auto& c : d.clients) (c.kind == ClientKind::Staff ? staff : patients) += 1;
  std::size_t hwbc = 0, pathway = 0, open_referrals = 0;
  for (const auto& c : d.coaches) {
    pathway += c.ethnically_diverse_pathway ? 1 : 0;
    for (const auto& o : c.offers)  // delivers a PCN health and wellbeing coaching offer
      if (o.rfind("hwbc_", 0) == 0) { ++hwbc; break; }
  }
  for (const auto& r : d.referrals) open_referrals += r.closed ? 0 : 1;
  std::map<std::string, int> by_status;
  for (const auto& s : d.sessions) ++by_status[to_string(s.status)];
  std::map<std::string, int> by_instrument;
  for (const auto& r : d.responses) ++by_instrument[r.instrument_id];

  std::printf("Catalogue      %zu service lines, %zu offers\n", d.catalogue.service_lines.size(),
              d.catalogue.offers.size());
  std::printf("Organisations  %zu\n", d.organisations.size());
  std::printf("Coaches        %zu (%zu health and wellbeing coaches, %zu on the ethnically diverse pathway)\n",
              d.coaches.size(), hwbc, pathway);
  std::printf("Clients        %zu (%zu staff, %zu patients)\n", d.clients.size(), staff, patients);
  std::printf("Referrals      %zu (%zu open)\n", d.referrals.size(), open_referrals);
  std::printf("Sessions       %zu:", d.sessions.size());
  for (const auto& [status, n] : by_status) std::printf(" %s %d;", status.c_str(), n);
  std::printf("\n");
  std::printf("Notes, goals   %zu confidential notes, %zu goals\n", d.notes.size(), d.goals.size());
  std::printf("Supervision    %zu records\n", d.supervision.size());
  std::printf("Safeguarding   %zu concerns\n", d.safeguarding.size());
  std::printf("Training       %zu cohorts, %zu trainees, %zu on the register of everyone trained\n", d.cohorts.size(),
              d.trainees.size(), p.training_register().size());
  std::printf("Responses      %zu:", d.responses.size());
  for (const auto& [id, n] : by_instrument) std::printf(" %s %d;", id.c_str(), n);
  std::printf("\n\n");

  // ---- what needs action ------------------------------------------------------------------------
  const Instant now = demo::as_of(options);
  const auto overdue = p.overdue_supervision(to_uk_local(now).date());
  std::printf("As of %s (UTC):\n", format_instant(now).c_str());
  std::printf("Supervision overdue: %zu\n", overdue.size());
  for (const auto& o : overdue)
    std::printf("  %-6s %-16s %3d days overdue (last %s)\n", o.coach_id.c_str(), to_string(o.kind), o.days_overdue,
                o.last ? format_date(*o.last).c_str() : "never");
  const auto breaches = p.audit(now);
  std::printf("Rule breaches (audit): %zu\n", breaches.size());
  for (const auto& b : breaches)
    std::printf("  %-28s %-8s %s\n", b.rule.c_str(), b.record.c_str(), b.detail.c_str());

  if (!identical) {
    std::fprintf(stderr, "laycoach_demo: the reopened store differs from the data saved\n");
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 2) {
    std::fprintf(stderr, "usage: %s [path.sqlite]\n", argv[0]);
    return 2;
  }
  const std::string path = argc > 1 ? argv[1] : "laycoach-demo.sqlite";
  try {
    return run(path);
  } catch (const std::exception& e) {  // laycoach::Error's message names code, record, field and rule
    std::fprintf(stderr, "laycoach_demo: %s\n", e.what());
  }
  return 1;
}
