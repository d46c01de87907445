package io.checkoutbridge.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decoding as the WHATWG URL standard's application/x-www-form-urlencoded parser does. */
class QueryStringsTest {

  @Test
  void decodesPlusAsSpaceAndPercentEscapesAsUtf8InOrderKeepingRepeats() {
    assertThat(QueryStrings.pairs("b=x+y&a=%C3%A9&b=2&flag&&c="))
        .containsExactly(Map.entry("b", "x y"), Map.entry("a", "\u00e9"), Map.entry("b", "2"),
            Map.entry("flag", ""), Map.entry("c", ""));
  }

  @Test
  void keepsAnEncodedPlusAndAmpersandInsideAValue() {
    assertThat(QueryStrings.pairs("q=1%2B1%3D2%26more")).containsExactly(Map.entry("q", "1+1=2&more"));
  }

  @Test
  void hasNoPairsForAMissingOrEmptyQuery() {
    assertThat(QueryStrings.pairs(null)).isEmpty();
    assertThat(QueryStrings.pairs("")).isEmpty();
  }

  @Test
  void refusesABrokenEscapeAndBytesThatAreNotUtf8() {
    assertThatThrownBy(() -> QueryStrings.pairs("a=%E"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("broken % escape");
    assertThatThrownBy(() -> QueryStrings.pairs("a=%FF"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not UTF-8");
  }
}
