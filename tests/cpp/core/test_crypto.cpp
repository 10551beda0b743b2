// The cryptographic primitives (src/core/crypto.hpp) against published test vectors.
#include <catch2/catch.hpp>

#include <algorithm>

#include "crypto.hpp"
#include "laycoach/error.hpp"

using namespace laycoach;

TEST_CASE("crypto: SHA-256 and HMAC-SHA-256 match the published test vectors", "[core][crypto]") {
  // FIPS 180-2 example "abc".
  CHECK(crypto::hex(crypto::sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test case 2.
  const std::string jefe_mac = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
  CHECK(crypto::hex(crypto::hmac_sha256("Jefe", "what do ya want for nothing?")) == jefe_mac);
  // The keyed object: the same digest, for message parts in any split, over many calls.
  crypto::Hmac h("Jefe");
  for (int i = 0; i < 3; ++i) {
    CHECK(crypto::hex(h({"what do ya want for nothing?"})) == jefe_mac);
    CHECK(crypto::hex(h({"what do ya ", "want for", " nothing?"})) == jefe_mac);
  }
  CHECK(h({"episode", "/", "r1"}) == crypto::hmac_sha256("Jefe", "episode/r1"));
  // A derived key: HMAC of the purpose under the secret's bytes ("Jefe" is 4a656665 in hex).
  const std::string derived = crypto::derive_key("4a656665", "what do ya want for nothing?");
  REQUIRE(derived.size() == 32);
  crypto::Digest d{};
  std::copy(derived.begin(), derived.end(), d.begin());
  CHECK(crypto::hex(d) == jefe_mac);
  CHECK(crypto::derive_key("4A656665", "laycoach/cell-key/v1") == crypto::derive_key("4a656665", "laycoach/cell-key/v1"));
  CHECK(crypto::derive_key("4a656665", "laycoach/cell-key/v1") != crypto::derive_key("4a656665", "laycoach/pseudonym/v1"));
  REQUIRE_THROWS_AS(crypto::derive_key("4a65666", "x"), InternalError);
  CHECK(crypto::first_u64(crypto::sha256("abc")) == 0xba7816bf8f01cfeaull);
  CHECK(crypto::random_hex(16).size() == 32);
  CHECK(crypto::random_hex(16) != crypto::random_hex(16));
}
