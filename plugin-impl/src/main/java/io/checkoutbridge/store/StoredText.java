package io.checkoutbridge.store;

/**
 * Text made storable in both databases: NUL characters removed (PostgreSQL refuses them in text
 * columns, H2 keeps them), unpaired surrogates replaced by U+FFFD (they have no UTF-8 form), and
 * the result cut to a column's size without splitting a surrogate pair. Cut after any case-folding:
 * lower-casing can lengthen text (the dotted capital I becomes two characters).
 */
final class StoredText {
  private StoredText() {}

  static String clean(String text, int max) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), max));
    for (int i = 0; i < text.length() && out.length() < max; i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (out.length() + 2 > max) {
          break;
        }
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
