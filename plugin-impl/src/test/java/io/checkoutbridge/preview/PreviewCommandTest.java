package io.checkoutbridge.preview;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.spi.Preview;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreviewCommandTest {

  @Test
  void theExampleCartIsReadExactly() throws Exception {
    try (InputStream in = new FileInputStream("../examples/cart.json")) {
      CheckoutRequest request = CartJson.read(in);
      assertThat(request.orderReference()).isEqualTo("DEMO-1001");
      assertThat(request.cart().lines()).hasSize(4);
      assertThat(request.cart().line("l1").total()).isEqualTo(Money.of("10.00", "GBP"));
      assertThat(request.cart().line("d1").kind()).isEqualTo(LineKind.DISCOUNT);
      assertThat(request.cart().total()).isEqualTo(Money.of("39.95", "GBP"));
      assertThat(request.customer().company().registrationNumber()).isEqualTo("01234567");
    }
  }

  @Test
  void renderedPreviewParsesBodiesAndListsRules() {
    String json = PreviewCommand.render(new Preview("dintero",
        List.of(new Preview.Request("POST", "/sessions-profile", "{\"order\":{\"amount\":3995,\"major\":30.00}}")),
        List.of("line l1 split so that quantity × unit price is exact")));
    assertThat(json).contains("\"amount\" : 3995").contains("\"major\" : 30.00").contains("split so that");
  }

  @Test
  void anUnknownProviderIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = PreviewCommand.run(new String[] {"--provider", "nope", "--cart", "../examples/cart.json"},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no provider 'nope'");
  }
}
