// Philox 4x32-10 against the Random123 known-answer vectors (kat_vectors: philox4x32 10 rounds).
#include <catch2/catch.hpp>

#include <set>

#include "laycoach/simulate.hpp"
#include "sim_detail.hpp"

using laycoach::simulation::Philox;
using laycoach::simulation::philox4x32_10;

TEST_CASE("philox4x32_10 matches the Random123 known-answer vectors", "[simulation][philox]") {
  using A4 = std::array<std::uint32_t, 4>;
  using A2 = std::array<std::uint32_t, 2>;
  CHECK(philox4x32_10(A4{0, 0, 0, 0}, A2{0, 0}) == A4{0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u});
  CHECK(philox4x32_10(A4{0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu}, A2{0xffffffffu, 0xffffffffu}) ==
        A4{0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu});
  CHECK(philox4x32_10(A4{0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}, A2{0xa4093822u, 0x299f31d0u}) ==
        A4{0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u});
}

TEST_CASE("Philox streams: same (seed, stream) same numbers, another stream or seed others", "[simulation][philox]") {
  Philox a(42, 7), b(42, 7), c(42, 8), d(43, 7);
  std::set<double> seen;
  bool differ_c = false, differ_d = false;
  for (int i = 0; i < 1000; ++i) {
    const double x = a.uniform();
    CHECK(x == b.uniform());
    CHECK(x > 0.0);
    CHECK(x < 1.0);
    differ_c |= x != c.uniform();
    differ_d |= x != d.uniform();
    seen.insert(x);
  }
  CHECK(differ_c);
  CHECK(differ_d);
  CHECK(seen.size() == 1000);
  // The first uniform is built from the first block of (seed, stream): counter {0, 0, stream}.
  Philox e(0, 0);
  const auto blk = philox4x32_10({0, 0, 0, 0}, {0, 0});
  const double expect = (double((std::uint64_t(blk[0] >> 5) << 26) | (blk[1] >> 6)) + 0.5) / 9007199254740992.0;
  CHECK(e.uniform() == expect);
}

TEST_CASE("Philox stream: its words are the blocks of counters 0, 1, 2, ... in order, across refills", "[simulation][philox]") {
  // The stream computes several blocks per refill (side by side); each word must be the reference
  // block function's, block n = philox4x32_10({n, substream, stream lo, stream hi}, seed).
  const std::uint64_t seed = 0x0123456789ABCDEFULL, stream = 0xFEDCBA9876543210ULL;
  Philox g(seed, stream, 5);
  const std::array<std::uint32_t, 2> key{std::uint32_t(seed), std::uint32_t(seed >> 32)};
  for (std::uint32_t n = 0; n < 37; ++n) {
    const auto blk = philox4x32_10({n, 5, std::uint32_t(stream), std::uint32_t(stream >> 32)}, key);
    for (int w = 0; w < 4; ++w) CHECK(g.next_u32() == blk[static_cast<std::size_t>(w)]);
  }
  // uniform() after an odd number of words straddles a refill the same way.
  Philox h(seed, stream, 5);
  for (int i = 0; i < 15; ++i) h.next_u32();
  const auto b3 = philox4x32_10({3, 5, std::uint32_t(stream), std::uint32_t(stream >> 32)}, key);
  const auto b4 = philox4x32_10({4, 5, std::uint32_t(stream), std::uint32_t(stream >> 32)}, key);
  const double expect = (double((std::uint64_t(b3[3] >> 5) << 26) | (b4[0] >> 6)) + 0.5) / 9007199254740992.0;
  CHECK(h.uniform() == expect);
}

TEST_CASE("Philox refill: eight blocks by AVX2 lanes and by SSE2 lanes are the reference blocks, also where the counter wraps", "[simulation][philox]") {
  const std::array<std::uint32_t, 4> ctr{0, 9, 0x89ABCDEFu, 0x01234567u};
  const std::array<std::uint32_t, 2> key{0xDEADBEEFu, 0x0BADF00Du};
  INFO("AVX2 on this CPU: " << laycoach::simulation::detail::philox_has_avx2_for_test());
  for (const std::uint32_t n : {0u, 8u, 1000u, 0xFFFFFFFCu}) {
    for (const bool wide : {false, true}) {
      const std::vector<std::uint32_t> got = laycoach::simulation::detail::philox_blocks_for_test(n, ctr, key, wide);
      REQUIRE(got.size() == 32);
      for (std::uint32_t j = 0; j < 8; ++j) {
        const auto blk = philox4x32_10({n + j, ctr[1], ctr[2], ctr[3]}, key);  // n + j wraps past 2^32 - 1
        for (std::uint32_t w = 0; w < 4; ++w) CHECK(got[4 * j + w] == blk[w]);
      }
    }
  }
}
