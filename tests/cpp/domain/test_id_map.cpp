// IdMap (src/domain/id_map.hpp), the table behind the busy entries (TimeIndex) and the booking
// engine's referrals, against std::unordered_map as the reference.
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "id_map.hpp"
#include "test_support.hpp"

using laycoach::IdMap;

TEST_CASE("IdMap finds, adds and iterates as std::unordered_map does, and entries never move") {
  IdMap<int> map;
  std::unordered_map<std::string, int> ref;
  std::unordered_map<std::string, const int*> address;  // where each entry was first put
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> pick(0, 29999);
  CHECK(map.find("x") == map.end());
  CHECK(map.begin() == map.end());
  for (int i = 0; i < 40000; ++i) {
    // short ids (in-place strings) and long ones (heap strings); many repeats
    const int k = pick(rng);
    const std::string id = (k % 3 ? "cl-" : "a-much-longer-client-identifier-") + std::to_string(k);
    int& v = map[id];
    ref[id] += i;
    v += i;
    if (!address.count(id)) address[id] = &v;
    REQUIRE(address[id] == &v);  // not moved by any growth since it was added
  }
  REQUIRE(map.size() == ref.size());
  for (const auto& [id, v] : ref) {
    auto it = map.find(id);
    REQUIRE(it != map.end());
    CHECK(it->first == id);
    CHECK(it->second == v);
    CHECK(&it->second == address[id]);
    CHECK(map.find(id, IdMap<int>::hash(id)) == it);
  }
  for (int k = 30000; k < 31000; ++k) CHECK(map.find("cl-" + std::to_string(k)) == map.end());
  std::unordered_set<std::string> seen;
  const IdMap<int>& cmap = map;
  for (const auto& [id, v] : cmap) {
    CHECK(seen.insert(id).second);
    CHECK(ref.at(id) == v);
  }
  CHECK(seen.size() == ref.size());

  IdMap<int> moved(std::move(map));
  CHECK(moved.size() == ref.size());
  CHECK(map.size() == 0);
  CHECK(map.find("cl-1") == map.end());
  CHECK(&moved.find(ref.begin()->first)->second == address[ref.begin()->first]);
  map = std::move(moved);
  CHECK(map.size() == ref.size());
  map.clear();
  CHECK(map.size() == 0);
  CHECK(map.begin() == map.end());
  map["again"] = 3;
  CHECK(map.find("again")->second == 3);
  map.reserve(1000);
  CHECK(map.find("again")->second == 3);
}
