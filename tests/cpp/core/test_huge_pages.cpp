// The huge-page allocator (src/core/huge_pages.hpp): large vectors start on a 2 MiB boundary in
// a mapping advised huge (Linux, transparent huge pages on), keep their contents through growth
// across the threshold, and small ones come from operator new.
#include "huge_pages.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace hp = laycoach::huge_pages;

namespace {

// The kernel's transparent huge page mode ("always", "madvise" or "never"), "" when unknown.
std::string thp_mode() {
  std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  std::getline(f, line);
  const auto a = line.find('['), b = line.find(']');
  return a == std::string::npos || b == std::string::npos ? "" : line.substr(a + 1, b - a - 1);
}

// The value of `key` (e.g. "THPeligible") in /proc/self/smaps for the mapping holding p, -1 when
// the mapping or the key is not found.
long smaps_value(const void* p, const std::string& key) {
  std::ifstream f("/proc/self/smaps");
  const auto x = reinterpret_cast<std::uintptr_t>(p);
  std::string line;
  bool in = false;
  while (std::getline(f, line)) {
    std::uintptr_t lo = 0, hi = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> lo >> dash >> hi && dash == '-' && line.find(':') > line.find(' ')) {
      in = lo <= x && x < hi;
      continue;
    }
    if (in && line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  }
  return -1;
}

}  // namespace

TEST_CASE("huge_pages: a large vector starts on a 2 MiB boundary and keeps its contents through growth") {
  hp::vector<std::uint64_t> v;
  std::vector<std::uint64_t> ref;
  // From small (operator new) across the threshold (huge pages) to several pages.
  for (std::uint64_t i = 0; i < 3 * hp::kHugePage / sizeof(std::uint64_t); ++i) {
    v.push_back(i * 2654435761u);
    ref.push_back(i * 2654435761u);
  }
  REQUIRE(v.size() * sizeof(std::uint64_t) >= hp::kHugeMin);
  CHECK(reinterpret_cast<std::uintptr_t>(v.data()) % hp::kHugePage == 0);
  CHECK(std::equal(v.begin(), v.end(), ref.begin(), ref.end()));
  // Copies and assignment go through the same allocator.
  hp::vector<std::uint64_t> w(v);
  CHECK(reinterpret_cast<std::uintptr_t>(w.data()) % hp::kHugePage == 0);
  CHECK(w == v);
  w.assign(10, 7);
  CHECK(w == hp::vector<std::uint64_t>(10, 7));
  // A fresh large vector is zero-filled as any vector is.
  hp::vector<std::uint32_t> z(hp::kHugeMin / sizeof(std::uint32_t) + 1);
  CHECK(std::all_of(z.begin(), z.end(), [](std::uint32_t x) { return x == 0; }));
}

TEST_CASE("huge_pages: a small vector is below the threshold and works as any vector") {
  hp::vector<int> v(100, 3);
  CHECK(v.size() * sizeof(int) < hp::kHugeMin);
  v.insert(v.begin() + 50, 9);
  CHECK(v.size() == 101);
  CHECK(v[50] == 9);
  CHECK(v[100] == 3);
}

#if defined(__linux__)
TEST_CASE("huge_pages: on Linux with transparent huge pages on, the large vector's mapping is advised huge") {
  const std::string mode = thp_mode();
  hp::vector<std::uint64_t> v(hp::kHugePage / sizeof(std::uint64_t) * 2, 1);
  const long eligible = smaps_value(v.data(), "THPeligible");
  REQUIRE(eligible >= 0);  // the mapping and its line were found
  if (mode == "always" || mode == "madvise") {
    CHECK(hp::advised());
    CHECK(eligible == 1);  // in "madvise" mode only the madvise call makes it so
  } else {
    CHECK(eligible == 0);  // (mode "never": no mapping is eligible, advised or not)
  }
}
#endif
