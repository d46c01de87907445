package io.checkoutbridge.demo;

import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One payment per checkout form: every drawn form carries a random token, and a token starts a
 * payment at most once. A second send of the same form (a double click, a reload, a second tab
 * sending it again) waits for the first and goes where the first went, instead of starting a
 * second payment. A send that started nothing (invalid details, a refusal) leaves the token usable.
 * Per session; the newest {@value #KEPT} forms are remembered. Thread-safe.
 */
final class FormTokens {
  static final String FIELD = "_form";
  static final int KEPT = 32;
  private static final String ATTRIBUTE = FormTokens.class.getName();
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A send's outcome: whether this send ran the start, and where the shopper goes next (the
   * payment's next page), or {@code null} when nothing was started. {@link #STALE}: the form is unknown.
   */
  record Outcome(boolean ran, String location) {
    static final Outcome STALE = new Outcome(false, null);
  }

  /** The start of a payment; answers where the shopper goes next, or {@code null} when nothing was started. */
  @FunctionalInterface
  interface Start {
    String run() throws IOException;
  }

  /** Tokens drawn and not sent yet (value null), or sent (value: the first send's outcome). */
  private final Map<String, CompletableFuture<String>> forms = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<String>> eldest) {
      return size() > KEPT;
    }
  };

  static FormTokens of(HttpSession session) {
    synchronized (FormTokens.class) {
      FormTokens tokens = (FormTokens) session.getAttribute(ATTRIBUTE);
      if (tokens == null) {
        tokens = new FormTokens();
        session.setAttribute(ATTRIBUTE, tokens);
      }
      return tokens;
    }
  }

  synchronized String issue() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    forms.put(token, null);
    return token;
  }

  /** Runs {@code start} for the first send of {@code token}; a later send gets the first's destination. */
  Outcome submit(String token, Start start) throws IOException {
    for (int attempt = 0; attempt < 2; attempt++) {
      CompletableFuture<String> running;
      CompletableFuture<String> mine = new CompletableFuture<>();
      synchronized (this) {
        if (token == null || !forms.containsKey(token)) {
          return Outcome.STALE;
        }
        running = forms.get(token);
        if (running == null) {
          forms.put(token, mine);
        }
      }
      if (running == null) {
        String location = null;
        try {
          location = start.run();
          return new Outcome(true, location);
        } finally {
          if (location == null) {
            synchronized (this) {
              forms.put(token, null); // nothing started: the same form may be sent again
            }
          }
          mine.complete(location);
        }
      }
      String location = await(running);
      if (location != null) {
        return new Outcome(false, location);
      }
      // The first send started nothing and gave the form back: this send tries once itself.
    }
    return Outcome.STALE;
  }

  private static String await(CompletableFuture<String> running) throws IOException {
    try {
      return running.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the first send of this form was under way", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the first send of this form did not finish", e);
    }
  }
}
