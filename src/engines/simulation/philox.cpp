// Philox 4x32-10 (Salmon, Moraes, Dror, Shaw: "Parallel random numbers: as easy as 1, 2, 3",
// SC'11; the Random123 library's constants and round structure).
#include "laycoach/simulate.hpp"

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

void Philox::refill() noexcept {
  // Blocks n, n + 1, ... (the first counter word wraps as ++ would): the same words, in the same
  // order, as one block per refill.
  std::uint32_t c[4][kBlocks];
  for (int j = 0; j < kBlocks; ++j) {
    c[0][j] = ctr_[0] + static_cast<std::uint32_t>(j);
    c[1][j] = ctr_[1];
    c[2][j] = ctr_[2];
    c[3][j] = ctr_[3];
  }
  rounds<kBlocks>(c, key_[0], key_[1]);
  for (int j = 0; j < kBlocks; ++j)
    for (int w = 0; w < 4; ++w) buf_[static_cast<std::size_t>(4 * j + w)] = c[w][j];
  ctr_[0] += kBlocks;
  used_ = 0;
}

}  // namespace laycoach::simulation
