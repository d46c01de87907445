package io.checkoutbridge.sandbox;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The request journal shared by all simulators: every request received and every callback attempt
 * sent, masked on the way in, newest {@link #capacity()} kept.
 *
 * <p>Thread-safe. Reads return snapshots in recording order (oldest first).
 */
public final class Journal {

  public static final int DEFAULT_CAPACITY = 10_000;

  /** Bodies above this size are not kept (10,000 entries of 1 MiB would exhaust the heap). */
  static final int MAX_BODY_KEPT = 256 * 1024;

  private final int capacity;
  private volatile Masking masking;
  private final Clock clock;
  private final Deque<JournalEntry> entries = new ArrayDeque<>();
  private long nextSeq = 1;

  public Journal(int capacity, Masking masking, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
    this.masking = masking;
    this.clock = clock;
  }

  public int capacity() {
    return capacity;
  }

  public Masking masking() {
    return masking;
  }

  /** Also masks these field names from now on (a simulator's {@link Simulator#sensitiveFields}). */
  void maskFields(java.util.Collection<String> fields) {
    masking = masking.withFields(fields);
  }

  /** Records a request a simulator received. {@code fault} is the applied fault mode or null. */
  public JournalEntry recordIncoming(String provider, SandboxRequest request, int status,
      String fault) {
    return add(seq -> new JournalEntry(seq, now(), provider, JournalEntry.IN, request.method(),
        request.path(), emptyToNull(masking.query(request.rawQuery())), null,
        masking.headers(request.headers()),
        body(request.body(), request.header("Content-Type").orElse(null)),
        status, null, fault, null));
  }

  /** Records one attempt to deliver a callback. {@code status} is null when none came back. */
  public JournalEntry recordOutgoing(String provider, String method, URI uri,
      Map<String, List<String>> headers, byte[] body, String contentType, Integer status,
      int attempt, String fault, String error) {
    return add(seq -> new JournalEntry(seq, now(), provider, JournalEntry.OUT, method,
        uri.getRawPath(), emptyToNull(masking.query(uri.getRawQuery())),
        maskUrl(uri), masking.headers(headers), body(body, contentType), status, attempt, fault,
        error));
  }

  /**
   * Entries oldest first, filtered; null filters match everything.
   *
   * @param afterSeq only entries with a larger {@code seq} (0 for all)
   */
  public List<JournalEntry> entries(String provider, String direction, long afterSeq) {
    synchronized (entries) {
      List<JournalEntry> out = new ArrayList<>();
      for (JournalEntry e : entries) {
        if ((provider == null || provider.equals(e.provider()))
            && (direction == null || direction.equals(e.direction()))
            && e.seq() > afterSeq) {
          out.add(e);
        }
      }
      return out;
    }
  }

  public List<JournalEntry> entries() {
    return entries(null, null, 0);
  }

  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }

  private interface EntryMaker {
    JournalEntry make(long seq);
  }

  private JournalEntry add(EntryMaker maker) {
    synchronized (entries) {
      JournalEntry entry = maker.make(nextSeq++);
      entries.addLast(entry);
      while (entries.size() > capacity) {
        entries.removeFirst();
      }
      return entry;
    }
  }

  private com.fasterxml.jackson.databind.JsonNode body(byte[] body, String contentType) {
    if (body != null && body.length > MAX_BODY_KEPT) {
      return com.fasterxml.jackson.databind.node.TextNode.valueOf(
          "[" + body.length + " bytes, not kept]");
    }
    return masking.body(body, contentType);
  }

  private String maskUrl(URI uri) {
    String raw = uri.toString();
    String query = uri.getRawQuery();
    if (query == null) {
      return raw;
    }
    int q = raw.indexOf('?');
    return raw.substring(0, q + 1) + masking.query(query);
  }

  private String now() {
    return Timestamps.iso(clock.instant());
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
