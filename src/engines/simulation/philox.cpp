// Philox 4x32-10 (Salmon, Moraes, Dror, Shaw: "Parallel random numbers: as easy as 1, 2, 3",
// SC'11; the Random123 library's constants and round structure).
#include "laycoach/simulate.hpp"
#include "sim_detail.hpp"

#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define LAYCOACH_PHILOX_AVX2 1
#include <immintrin.h>
#else
#define LAYCOACH_PHILOX_AVX2 0
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

namespace {

// Blocks n .. n + 3 of (ctr, key) (the first counter word wraps as ++ would) into out[16], block
// j's words at out[4j..4j+3]: rounds<4> with the blocks in the lanes of one SSE2 register per
// counter word (the 32 x 32 -> 64-bit multiplies by pmuludq), else rounds<2> twice.
void blocks4(std::uint32_t n, const std::array<std::uint32_t, 4>& ctr, const std::array<std::uint32_t, 2>& key,
             std::uint32_t* out) noexcept {
#if defined(__SSE2__)
  // The products of m with each of the four lanes of a: high and low words.
  auto mul_lanes = [](__m128i a, __m128i m, __m128i& hi, __m128i& lo) {
    const __m128i even = _mm_mul_epu32(a, m);                     // lanes 0 and 2, as 64-bit products
    const __m128i odd = _mm_mul_epu32(_mm_srli_epi64(a, 32), m);  // lanes 1 and 3
    const __m128i low32 = _mm_set_epi32(0, -1, 0, -1);
    hi = _mm_or_si128(_mm_srli_epi64(even, 32), _mm_andnot_si128(low32, odd));
    lo = _mm_or_si128(_mm_and_si128(even, low32), _mm_slli_epi64(odd, 32));
  };
  __m128i c0 = _mm_add_epi32(_mm_set1_epi32(static_cast<int>(n)), _mm_set_epi32(3, 2, 1, 0));
  __m128i c1 = _mm_set1_epi32(static_cast<int>(ctr[1]));
  __m128i c2 = _mm_set1_epi32(static_cast<int>(ctr[2]));
  __m128i c3 = _mm_set1_epi32(static_cast<int>(ctr[3]));
  __m128i k0 = _mm_set1_epi32(static_cast<int>(key[0]));
  __m128i k1 = _mm_set1_epi32(static_cast<int>(key[1]));
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
  // Lane j of word w to out[4j + w] (a 4 x 4 transpose).
  const __m128i t0 = _mm_unpacklo_epi32(c0, c1), t1 = _mm_unpacklo_epi32(c2, c3);
  const __m128i t2 = _mm_unpackhi_epi32(c0, c1), t3 = _mm_unpackhi_epi32(c2, c3);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 0), _mm_unpacklo_epi64(t0, t1));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 4), _mm_unpackhi_epi64(t0, t1));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 8), _mm_unpacklo_epi64(t2, t3));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 12), _mm_unpackhi_epi64(t2, t3));
#else
  std::uint32_t c[4][2];
  for (int half = 0; half < 2; ++half) {
    for (int j = 0; j < 2; ++j) {
      c[0][j] = n + static_cast<std::uint32_t>(2 * half + j);
      c[1][j] = ctr[1];
      c[2][j] = ctr[2];
      c[3][j] = ctr[3];
    }
    rounds<2>(c, key[0], key[1]);
    for (int j = 0; j < 2; ++j)
      for (int w = 0; w < 4; ++w) out[4 * (2 * half + j) + w] = c[w][j];
  }
#endif
}

#if LAYCOACH_PHILOX_AVX2
// blocks4 for blocks n .. n + 7 in the eight lanes of an AVX2 register (used when the CPU has it).
__attribute__((target("avx2"))) void blocks8_avx2(std::uint32_t n, const std::array<std::uint32_t, 4>& ctr,
                                                  const std::array<std::uint32_t, 2>& key, std::uint32_t* out) noexcept {
  const __m256i low32 = _mm256_set1_epi64x(0xFFFFFFFFLL);
  __m256i c0 = _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(n)), _mm256_set_epi32(7, 6, 5, 4, 3, 2, 1, 0));
  __m256i c1 = _mm256_set1_epi32(static_cast<int>(ctr[1]));
  __m256i c2 = _mm256_set1_epi32(static_cast<int>(ctr[2]));
  __m256i c3 = _mm256_set1_epi32(static_cast<int>(ctr[3]));
  __m256i k0 = _mm256_set1_epi32(static_cast<int>(key[0]));
  __m256i k1 = _mm256_set1_epi32(static_cast<int>(key[1]));
  const __m256i m0 = _mm256_set1_epi32(static_cast<int>(kM0)), m1 = _mm256_set1_epi32(static_cast<int>(kM1));
  const __m256i w0 = _mm256_set1_epi32(static_cast<int>(kW0)), w1 = _mm256_set1_epi32(static_cast<int>(kW1));
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 = _mm256_add_epi32(k0, w0);
      k1 = _mm256_add_epi32(k1, w1);
    }
    const __m256i e0 = _mm256_mul_epu32(c0, m0), o0 = _mm256_mul_epu32(_mm256_srli_epi64(c0, 32), m0);
    const __m256i e1 = _mm256_mul_epu32(c2, m1), o1 = _mm256_mul_epu32(_mm256_srli_epi64(c2, 32), m1);
    const __m256i hi0 = _mm256_or_si256(_mm256_srli_epi64(e0, 32), _mm256_andnot_si256(low32, o0));
    const __m256i lo0 = _mm256_or_si256(_mm256_and_si256(e0, low32), _mm256_slli_epi64(o0, 32));
    const __m256i hi1 = _mm256_or_si256(_mm256_srli_epi64(e1, 32), _mm256_andnot_si256(low32, o1));
    const __m256i lo1 = _mm256_or_si256(_mm256_and_si256(e1, low32), _mm256_slli_epi64(o1, 32));
    c0 = _mm256_xor_si256(_mm256_xor_si256(hi1, c1), k0);
    c1 = lo1;
    c2 = _mm256_xor_si256(_mm256_xor_si256(hi0, c3), k1);
    c3 = lo0;
  }
  // The 4 x 4 transpose in each 128-bit half (blocks 0-3 low, 4-7 high), then the halves in order.
  const __m256i t0 = _mm256_unpacklo_epi32(c0, c1), t1 = _mm256_unpacklo_epi32(c2, c3);
  const __m256i t2 = _mm256_unpackhi_epi32(c0, c1), t3 = _mm256_unpackhi_epi32(c2, c3);
  const __m256i r0 = _mm256_unpacklo_epi64(t0, t1), r1 = _mm256_unpackhi_epi64(t0, t1);  // blocks 0|4, 1|5
  const __m256i r2 = _mm256_unpacklo_epi64(t2, t3), r3 = _mm256_unpackhi_epi64(t2, t3);  // blocks 2|6, 3|7
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 0), _mm256_permute2x128_si256(r0, r1, 0x20));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 8), _mm256_permute2x128_si256(r2, r3, 0x20));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 16), _mm256_permute2x128_si256(r0, r1, 0x31));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + 24), _mm256_permute2x128_si256(r2, r3, 0x31));
}

// Whether the CPU runs AVX2 (false until this initialiser runs: a Philox used before takes blocks4).
const bool kAvx2 = [] {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") != 0;
}();
#endif

// Blocks n .. n + 7 into out[32]: eight AVX2 lanes when the CPU has them (and `wide`), else blocks4 twice.
void blocks8(std::uint32_t n, const std::array<std::uint32_t, 4>& ctr, const std::array<std::uint32_t, 2>& key, std::uint32_t* out,
             bool wide) noexcept {
#if LAYCOACH_PHILOX_AVX2
  if (wide && kAvx2) {
    blocks8_avx2(n, ctr, key, out);
    return;
  }
#endif
  (void)wide;
  blocks4(n, ctr, key, out);
  blocks4(n + 4, ctr, key, out + 16);
}

}  // namespace

void Philox::refill() noexcept {
  // Blocks n .. n + 7: the same words, in the same order, as one block per refill.
  static_assert(kBlocks == 8);
  blocks8(ctr_[0], ctr_, key_, buf_.data(), true);
  ctr_[0] += kBlocks;
  used_ = 0;
}

namespace detail {
std::vector<std::uint32_t> philox_blocks_for_test(std::uint32_t n, std::array<std::uint32_t, 4> ctr, std::array<std::uint32_t, 2> key,
                                                  bool wide) {
  std::vector<std::uint32_t> out(32);
  blocks8(n, ctr, key, out.data(), wide);
  return out;
}
bool philox_has_avx2_for_test() {
#if LAYCOACH_PHILOX_AVX2
  return kAvx2;
#else
  return false;
#endif
}
}  // namespace detail

}  // namespace laycoach::simulation
