package io.checkoutbridge.provider.hokodo;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.preview.PreviewCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The preview's {@code payment/orders} path and {@code total_amount} in minor units: seed 000,
 * "Create Order" ({@code POST /v1/payment/orders}, {@code "total_amount": 300000}); the split line
 * keeps seed 001's rule 2 ({@code total_amount = quantity × unit_price}).
 */
class HokodoPreviewCommandTest {

  @Test
  void exampleCartPreviewsWithoutCredentialsAndSaysWhichLineWasSplit() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = PreviewCommand.run(new String[] {"--provider", "hokodo", "--cart", "../examples/cart.json"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    String json = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(json).contains("\"path\" : \"payment/orders\"", "\"total_amount\" : 3995",
        "line 1 (Ergonomic chair) split into 2 × 333 and 1 × 334");
  }
}
