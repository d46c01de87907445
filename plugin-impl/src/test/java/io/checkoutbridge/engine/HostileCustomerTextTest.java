package io.checkoutbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.ScriptedProvider;
import io.checkoutbridge.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Customer text a storefront passes on unchecked is stored on both databases: a NUL, which
 * PostgreSQL refuses in text, is removed; a name that grows when lower-cased for search (the
 * Turkish dotted capital I becomes two characters) is cut to its column after case-folding; a cut
 * never splits a surrogate pair.
 */
class HostileCustomerTextTest {

  private static CheckoutRequest request(String order, String first, String last, String email) {
    Customer customer = new Customer("c-" + order, first, last, email, null, null,
        Carts.customer().billingAddress(), null, null);
    return CheckoutRequest.of(order, Carts.standard(), customer);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void namesAndEmailsWithNulsOrThatGrowWhenLowerCasedAreStored(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String grows = "\u0130".repeat(150); // 150 chars; 300 once lower-cased (i + combining dot)
      String id = f.engine.start(ScriptedProvider.ID, request("TEXT-1", grows, "\u0130\u0130", "ada\u0000@example.com"))
          .paymentId();
      PaymentView p = f.engine.payment(id).orElseThrow();
      assertThat(p.customerEmail()).isEqualTo("ada@example.com");
      assertThat(p.customerName()).startsWith(grows);

      String emoji = "\uD83D\uDE00".repeat(150); // 300 chars: a cut at 200 falls between pairs only
      String id2 = f.engine.start(ScriptedProvider.ID, request("TEXT-2", "a", emoji, "x@example.com")).paymentId();
      try (Connection c = f.database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
          "SELECT search_name, customer_name FROM cb_payment WHERE id = ?")) {
        s.setString(1, id);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          assertThat(rs.getString(1)).hasSizeLessThanOrEqualTo(200).startsWith("i\u0307i\u0307");
        }
        s.setString(1, id2);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          String name = rs.getString(2);
          assertThat(name).hasSizeLessThanOrEqualTo(200);
          assertThat(Character.isHighSurrogate(name.charAt(name.length() - 1))).isFalse();
        }
      }
    }
  }
}
