// Philox 4x32-10 (Salmon, Moraes, Dror, Shaw: "Parallel random numbers: as easy as 1, 2, 3",
// SC'11; the Random123 library's constants and round structure).
#include "laycoach/simulate.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace laycoach::simulation {

namespace {
constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;

// The ten rounds on K blocks at once, block j's counter word w in c[w][j]: the blocks are
// independent, so their multiplies overlap (one block's rounds are a chain of dependent ones).
template <int K>
void rounds(std::uint32_t (&c)[4][K], std::uint32_t k0, std::uint32_t k1) noexcept {
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += kW0;
      k1 += kW1;
    }
    for (int j = 0; j < K; ++j) {
      const std::uint64_t p0 = std::uint64_t(kM0) * c[0][j];
      const std::uint64_t p1 = std::uint64_t(kM1) * c[2][j];
      const std::uint32_t n0 = std::uint32_t(p1 >> 32) ^ c[1][j] ^ k0, n2 = std::uint32_t(p0 >> 32) ^ c[3][j] ^ k1;
      c[0][j] = n0;
      c[1][j] = std::uint32_t(p1);
      c[2][j] = n2;
      c[3][j] = std::uint32_t(p0);
    }
  }
}

}  // namespace

std::array<std::uint32_t, 4> philox4x32_10(std::array<std::uint32_t, 4> counter, std::array<std::uint32_t, 2> k) noexcept {
  std::uint32_t c[4][1] = {{counter[0]}, {counter[1]}, {counter[2]}, {counter[3]}};
  rounds<1>(c, k[0], k[1]);
  return {c[0][0], c[1][0], c[2][0], c[3][0]};
}

Philox::Philox(std::uint64_t seed, std::uint64_t stream, std::uint32_t substream) noexcept
    : key_{std::uint32_t(seed), std::uint32_t(seed >> 32)},
      ctr_{0, substream, std::uint32_t(stream), std::uint32_t(stream >> 32)} {}

#if defined(__SSE2__)
namespace {
// The 32 x 32 -> 64-bit products of m with each of the four lanes of a: high and low words.
inline void mul_lanes(__m128i a, __m128i m, __m128i& hi, __m128i& lo) noexcept {
  const __m128i even = _mm_mul_epu32(a, m);                     // lanes 0 and 2, as 64-bit products
  const __m128i odd = _mm_mul_epu32(_mm_srli_epi64(a, 32), m);  // lanes 1 and 3
  const __m128i low32 = _mm_set_epi32(0, -1, 0, -1);
  hi = _mm_or_si128(_mm_srli_epi64(even, 32), _mm_andnot_si128(low32, odd));
  lo = _mm_or_si128(_mm_and_si128(even, low32), _mm_slli_epi64(odd, 32));
}
}  // namespace
#endif

void Philox::refill() noexcept {
  // Blocks n .. n + 3 (the first counter word wraps as ++ would): the same words, in the same
  // order, as one block per refill.
  static_assert(kBlocks == 4);
#if defined(__SSE2__)
  // rounds<4> with the four blocks in the lanes of one register per counter word.
  __m128i c0 = _mm_add_epi32(_mm_set1_epi32(static_cast<int>(ctr_[0])), _mm_set_epi32(3, 2, 1, 0));
  __m128i c1 = _mm_set1_epi32(static_cast<int>(ctr_[1]));
  __m128i c2 = _mm_set1_epi32(static_cast<int>(ctr_[2]));
  __m128i c3 = _mm_set1_epi32(static_cast<int>(ctr_[3]));
  __m128i k0 = _mm_set1_epi32(static_cast<int>(key_[0]));
  __m128i k1 = _mm_set1_epi32(static_cast<int>(key_[1]));
  const __m128i m0 = _mm_set1_epi32(static_cast<int>(kM0)), m1 = _mm_set1_epi32(static_cast<int>(kM1));
  const __m128i w0 = _mm_set1_epi32(static_cast<int>(kW0)), w1 = _mm_set1_epi32(static_cast<int>(kW1));
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 = _mm_add_epi32(k0, w0);
      k1 = _mm_add_epi32(k1, w1);
    }
    __m128i hi0, lo0, hi1, lo1;
    mul_lanes(c0, m0, hi0, lo0);
    mul_lanes(c2, m1, hi1, lo1);
    c0 = _mm_xor_si128(_mm_xor_si128(hi1, c1), k0);
    c1 = lo1;
    c2 = _mm_xor_si128(_mm_xor_si128(hi0, c3), k1);
    c3 = lo0;
  }
  // Lane j of word w to buf_[4j + w] (a 4 x 4 transpose).
  const __m128i t0 = _mm_unpacklo_epi32(c0, c1), t1 = _mm_unpacklo_epi32(c2, c3);
  const __m128i t2 = _mm_unpackhi_epi32(c0, c1), t3 = _mm_unpackhi_epi32(c2, c3);
  _mm_store_si128(reinterpret_cast<__m128i*>(&buf_[0]), _mm_unpacklo_epi64(t0, t1));
  _mm_store_si128(reinterpret_cast<__m128i*>(&buf_[4]), _mm_unpackhi_epi64(t0, t1));
  _mm_store_si128(reinterpret_cast<__m128i*>(&buf_[8]), _mm_unpacklo_epi64(t2, t3));
  _mm_store_si128(reinterpret_cast<__m128i*>(&buf_[12]), _mm_unpackhi_epi64(t2, t3));
#else
  std::uint32_t c[4][2];
  for (int half = 0; half < 2; ++half) {  // two blocks at a time (more spill on most targets)
    for (int j = 0; j < 2; ++j) {
      c[0][j] = ctr_[0] + static_cast<std::uint32_t>(2 * half + j);
      c[1][j] = ctr_[1];
      c[2][j] = ctr_[2];
      c[3][j] = ctr_[3];
    }
    rounds<2>(c, key_[0], key_[1]);
    for (int j = 0; j < 2; ++j)
      for (int w = 0; w < 4; ++w) buf_[static_cast<std::size_t>(4 * (2 * half + j) + w)] = c[w][j];
  }
#endif
  ctr_[0] += kBlocks;
  used_ = 0;
}

}  // namespace laycoach::simulation
