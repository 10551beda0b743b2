#include "crypto.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <vector>

#include "laycoach/error.hpp"

namespace laycoach::crypto {

Digest sha256(std::string_view data) {
  Digest d{};
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), d.data(), &len, EVP_sha256(), nullptr) != 1 || len != d.size())
    throw InternalError("SHA-256 failed (libcrypto)");
  return d;
}

Digest hmac_sha256(std::string_view key, std::string_view message) { return Hmac(key)({message}); }

Hmac::Hmac(std::string_view key) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* ctx = mac ? EVP_MAC_CTX_new(mac) : nullptr;
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                               OSSL_PARAM_construct_end()};
  if (!ctx || EVP_MAC_init(ctx, reinterpret_cast<const unsigned char*>(key.data()), key.size(), params) != 1) {
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
    throw InternalError("HMAC-SHA-256 unavailable (libcrypto)");
  }
  mac_ = mac;
  ctx_ = ctx;
}

Hmac::~Hmac() {
  EVP_MAC_CTX_free(static_cast<EVP_MAC_CTX*>(ctx_));
  EVP_MAC_free(static_cast<EVP_MAC*>(mac_));
}

Digest Hmac::operator()(std::initializer_list<std::string_view> parts) {
  auto* ctx = static_cast<EVP_MAC_CTX*>(ctx_);
  Digest d{};
  std::size_t len = 0;
  bool ok = EVP_MAC_init(ctx, nullptr, 0, nullptr) == 1;  // the same key: its schedule is kept
  for (const std::string_view p : parts)
    ok = ok && EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(p.data()), p.size()) == 1;
  ok = ok && EVP_MAC_final(ctx, d.data(), &len, d.size()) == 1 && len == d.size();
  if (!ok) throw InternalError("HMAC-SHA-256 failed (libcrypto)");
  return d;
}

namespace {
std::string to_hex(const unsigned char* p, std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s(2 * n, '0');
  for (std::size_t i = 0; i < n; ++i) {
    s[2 * i] = kHex[p[i] >> 4];
    s[2 * i + 1] = kHex[p[i] & 0xF];
  }
  return s;
}
}  // namespace

std::string hex(const Digest& d) { return to_hex(d.data(), d.size()); }

std::string derive_key(std::string_view secret_hex, std::string_view purpose) {
  const Digest k = hmac_sha256(from_hex(secret_hex), purpose);
  return std::string(reinterpret_cast<const char*>(k.data()), k.size());
}

std::string from_hex(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  if (hex.size() % 2) throw InternalError("hexadecimal text of odd length");
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) throw InternalError("not hexadecimal text");
    out[i] = static_cast<char>((hi << 4) | lo);
  }
  return out;
}

std::uint64_t first_u64(const Digest& d) noexcept {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | d[static_cast<std::size_t>(i)];
  return v;
}

std::string random_hex(std::size_t n) {
  std::vector<unsigned char> buf(n);
  if (n > 0 && RAND_bytes(buf.data(), static_cast<int>(n)) != 1)
    throw InternalError("no random bytes available (libcrypto RAND_bytes)");
  return to_hex(buf.data(), n);
}

}  // namespace laycoach::crypto
