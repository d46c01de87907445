package io.checkoutbridge.api.spi;

import java.util.Objects;

/**
 * A document for the provider: an invoice at capture, a credit note at refund.
 *
 * @param type {@code invoice} or {@code credit_note}
 * @param fileName the file name shown at the provider
 * @param contentType MIME type, such as {@code application/pdf}
 * @param content the bytes
 */
public record Document(String type, String fileName, String contentType, byte[] content) {

  /**
   * Checks and normalises the components.
   *
   * @param type {@code invoice} or {@code credit_note}
   * @param fileName the file name shown at the provider
   * @param contentType MIME type, such as {@code application/pdf}
   * @param content the bytes
   */
  public Document {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(contentType, "contentType");
    content = content.clone();
  }

  /**
   * The bytes of the document.
   *
   * @return a copy of the bytes
   */
  @Override
  public byte[] content() {
    return content.clone();
  }
}
