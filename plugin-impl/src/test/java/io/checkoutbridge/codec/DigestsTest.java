package io.checkoutbridge.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Published test vectors, not values computed by the code under test. */
class DigestsTest {

  @Test
  void hmacSha256MatchesRfc4231TestCase2() {
    // RFC 4231 section 4.3: key "Jefe", data "what do ya want for nothing?".
    byte[] mac = Digests.hmacSha256("Jefe", "what do ya want for nothing?");
    assertThat(HexFormat.of().formatHex(mac))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void hmacSha256OfBytesMatchesRfc4231TestCase1() {
    // RFC 4231 section 4.2: key 20 bytes of 0x0b, data "Hi There".
    byte[] key = new byte[20];
    java.util.Arrays.fill(key, (byte) 0x0b);
    byte[] mac = Digests.hmacSha256(key, "Hi There".getBytes(StandardCharsets.US_ASCII));
    assertThat(HexFormat.of().formatHex(mac))
        .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  }

  @Test
  void sha256HexMatchesFips180ExampleAbc() {
    // FIPS 180-2 appendix B.1, and `printf '%s' abc | sha256sum`.
    assertThat(Digests.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Digests.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Digests.sha256Hex("abc"));
  }

  @Test
  void sha256HexOfTextHashesItsUtf8Bytes() {
    // printf '%s' 'é' | sha256sum (two UTF-8 bytes c3 a9)
    assertThat(Digests.sha256Hex("\u00e9"))
        .isEqualTo(Digests.sha256Hex(new byte[] {(byte) 0xc3, (byte) 0xa9}));
  }
}
