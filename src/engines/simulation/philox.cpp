// Philox 4x32-10 (Salmon, Moraes, Dror, Shaw: "Parallel random numbers: as easy as 1, 2, 3",
// SC'11; the Random123 library's constants and round structure).
#include "laycoach/simulate.hpp"

namespace laycoach::simulation {

namespace {
constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;
}  // namespace

std::array<std::uint32_t, 4> philox4x32_10(std::array<std::uint32_t, 4> c, std::array<std::uint32_t, 2> k) noexcept {
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k[0] += kW0;
      k[1] += kW1;
    }
    const std::uint64_t p0 = std::uint64_t(kM0) * c[0];
    const std::uint64_t p1 = std::uint64_t(kM1) * c[2];
    const std::uint32_t hi0 = std::uint32_t(p0 >> 32), lo0 = std::uint32_t(p0);
    const std::uint32_t hi1 = std::uint32_t(p1 >> 32), lo1 = std::uint32_t(p1);
    c = {hi1 ^ c[1] ^ k[0], lo1, hi0 ^ c[3] ^ k[1], lo0};
  }
  return c;
}

Philox::Philox(std::uint64_t seed, std::uint64_t stream, std::uint32_t substream) noexcept
    : key_{std::uint32_t(seed), std::uint32_t(seed >> 32)},
      ctr_{0, substream, std::uint32_t(stream), std::uint32_t(stream >> 32)} {}

void Philox::refill() noexcept {
  buf_ = philox4x32_10(ctr_, key_);
  ++ctr_[0];
  used_ = 0;
}

}  // namespace laycoach::simulation
