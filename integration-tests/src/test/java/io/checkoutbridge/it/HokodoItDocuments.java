package io.checkoutbridge.it;

import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.spi.Document;
import io.checkoutbridge.api.spi.DocumentSource;
import io.checkoutbridge.api.spi.OperationKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The storefront's invoices and credit notes, as a small PDF-like file per operation. */
@ApplicationScoped
public class HokodoItDocuments implements DocumentSource {

  @Override
  public Optional<Document> documentFor(String orderReference, OperationKind kind, Money amount) {
    boolean invoice = kind == OperationKind.CAPTURE;
    String name = (invoice ? "INV-" : "CN-") + orderReference + ".pdf";
    byte[] content = ("%PDF-1.4 " + name + " " + amount).getBytes(StandardCharsets.UTF_8);
    return Optional.of(new Document(invoice ? "invoice" : "credit_note", name, "application/pdf", content));
  }
}
