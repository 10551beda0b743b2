// The access log's hash chain: canonical encoding, linking and verification (one rule for the
// SQLite store, the in-memory store and the verifier).
#include "access_chain.hpp"

#include <algorithm>

#include "crypto.hpp"

namespace laycoach::access_chain {

namespace {
// One length-prefixed field: "<bytes>:<text>;" (no text can be mistaken for a boundary).
void field(std::string& out, const std::string& s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
  out += ';';
}
}  // namespace

const std::string& genesis() {
  static const std::string g(64, '0');
  return g;
}

std::string canonical(const AccessEntry& e) {
  std::string out = "laycoach-access-log/1";
  field(out, std::to_string(e.seq));
  field(out, e.at.is_special() ? std::string("not-a-date-time") : format_instant(e.at));
  field(out, e.audience);
  field(out, e.viewer_id);
  field(out, e.operation);
  field(out, std::to_string(e.records.size()));
  for (const auto& r : e.records) field(out, r);
  field(out, e.outcome);
  field(out, e.rule);
  return out;
}

std::string link(const std::string& prev, const AccessEntry& e) {
  return crypto::hex(crypto::sha256(prev + canonical(e)));
}

AccessLogCheck verify(const std::vector<AccessEntry>& entries) {
  AccessLogCheck out;
  out.entries = static_cast<long long>(entries.size());
  std::string prev = genesis();
  long long expected = 1;
  for (const auto& e : entries) {
    if (e.seq != expected) {
      // An entry is gone (or renumbered): the chain breaks at the first seq that is not there.
      out.intact = false;
      out.first_broken = std::min(e.seq, expected);
      out.problem = e.seq > expected ? "missing" : "hash";
      break;
    }
    if (link(prev, e) != e.hash) {
      out.intact = false;
      out.first_broken = e.seq;
      out.problem = "hash";
      break;
    }
    prev = e.hash;
    ++expected;
  }
  if (!entries.empty()) out.head = entries.back().hash;
  return out;
}

AccessEntry MemoryChain::append(AccessEntry e) {
  std::lock_guard lock(mu_);
  e.seq = static_cast<long long>(entries_.size()) + 1;
  e.hash = link(entries_.empty() ? genesis() : entries_.back().hash, e);
  entries_.push_back(e);
  return e;
}

std::vector<AccessEntry> MemoryChain::entries() const {
  std::lock_guard lock(mu_);
  return entries_;
}

}  // namespace laycoach::access_chain
