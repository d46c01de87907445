package io.checkoutbridge.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** ISO 8601 timestamps as providers write them: UTC, millisecond precision, {@code Z} suffix. */
public final class Timestamps {

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  public static String iso(Instant instant) {
    return ISO_MILLIS.format(instant);
  }
}
