// Internal: the few cryptographic primitives the library needs, from OpenSSL's libcrypto (a
// well-kept library rather than hand-written code): SHA-256 for the access log's hash chain,
// HMAC-SHA-256 for record keys (disclosure control) and keyed pseudonyms, and random bytes
// for a service's secret. Private to src/.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace laycoach::crypto {

/// A SHA-256 or HMAC-SHA-256 digest.
using Digest = std::array<std::uint8_t, 32>;

/// SHA-256 of `data`. Throws InternalError if libcrypto fails.
Digest sha256(std::string_view data);
/// HMAC-SHA-256 of `message` under `key`. Throws InternalError if libcrypto fails.
Digest hmac_sha256(std::string_view key, std::string_view message);
/// HMAC-SHA-256 under one key for many messages: the key schedule is computed once (what
/// hmac_sha256 redoes per call), so keying thousands of records costs two hash blocks each.
/// Not thread-safe: one per thread. Throws InternalError if libcrypto fails.
class Hmac {
 public:
  explicit Hmac(std::string_view key);
  ~Hmac();
  Hmac(const Hmac&) = delete;
  Hmac& operator=(const Hmac&) = delete;
  /// HMAC-SHA-256 of the concatenation of `parts` under the key.
  Digest operator()(std::initializer_list<std::string_view> parts);

 private:
  void* mac_ = nullptr;  // EVP_MAC*
  void* ctx_ = nullptr;  // EVP_MAC_CTX*
};
/// Lower-case hexadecimal of a digest (64 characters).
std::string hex(const Digest& d);
/// The bytes written as hexadecimal in `hex` (either case; e.g. the service's secret). Throws
/// InternalError for an odd length or a character that is not a hex digit.
std::string from_hex(std::string_view hex);
/// The key of one use of a secret written in hex (the service's secret): HMAC-SHA-256(the secret's
/// bytes, purpose) as 32 raw bytes, so keys of different uses (cell keys, pseudonyms) are unrelated
/// and none is the secret itself. Throws InternalError for text that is not hexadecimal.
std::string derive_key(std::string_view secret_hex, std::string_view purpose);
/// The first 8 bytes of a digest as a big-endian unsigned integer.
std::uint64_t first_u64(const Digest& d) noexcept;
/// `n` bytes from the operating system's CSPRNG, as lower-case hex (2n characters). Throws
/// InternalError if none are available.
std::string random_hex(std::size_t n);

}  // namespace laycoach::crypto
