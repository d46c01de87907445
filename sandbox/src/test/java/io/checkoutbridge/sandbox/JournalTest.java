package io.checkoutbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalTest {

  private final MutableClock clock = MutableClock.startingNow();

  private static SandboxRequest request(String path) {
    return SandboxRequest.builder("POST", path).json("{\"a\":1}").build();
  }

  @Test
  void keepsOnlyTheNewestEntriesOldestFirst() {
    Journal journal = new Journal(3, Masking.defaults(), clock);
    for (int i = 1; i <= 5; i++) {
      journal.recordIncoming("p", request("/" + i), 200, null);
    }
    assertThat(journal.entries()).extracting(JournalEntry::path).containsExactly("/3", "/4", "/5");
    assertThat(journal.entries()).extracting(JournalEntry::seq).containsExactly(3L, 4L, 5L);
  }

  @Test
  void filtersByProviderDirectionAndSequence() {
    Journal journal = new Journal(10, Masking.defaults(), clock);
    journal.recordIncoming("a", request("/x"), 200, null);
    journal.recordIncoming("b", request("/y"), 201, "error");
    journal.recordOutgoing("a", "GET", URI.create("http://shop/cb?password=p&x=1"),
        Map.of("Authorization", List.of("Basic zz")), null, null, 200, 1, null, null);
    assertThat(journal.entries("a", null, 0)).hasSize(2);
    assertThat(journal.entries(null, JournalEntry.OUT, 0)).singleElement().satisfies(e -> {
      assertThat(e.query()).doesNotContain("password=p");
      assertThat(e.url()).doesNotContain("password=p").startsWith("http://shop/cb?");
      assertThat(e.headers()).containsEntry("authorization", "***");
    });
    assertThat(journal.entries(null, null, 2)).extracting(JournalEntry::seq).containsExactly(3L);
    assertThat(journal.entries("b", null, 0).get(0).fault()).isEqualTo("error");
  }

  @Test
  void hugeBodiesAreNotKept() {
    Journal journal = new Journal(10, Masking.defaults(), clock);
    byte[] big = new byte[Journal.MAX_BODY_KEPT + 1];
    journal.recordIncoming("p", SandboxRequest.builder("POST", "/").body(big, "text/plain")
        .build(), 413, null);
    assertThat(journal.entries().get(0).body().asText()).contains("bytes, not kept");
  }

  @Test
  void isSafeUnderConcurrentWriters() throws InterruptedException {
    Journal journal = new Journal(10_000, Masking.defaults(), clock);
    Thread[] threads = new Thread[8];
    for (int t = 0; t < threads.length; t++) {
      threads[t] = new Thread(() -> {
        for (int i = 0; i < 500; i++) {
          journal.recordIncoming("p", request("/c"), 200, null);
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    List<JournalEntry> all = journal.entries();
    assertThat(all).hasSize(4000);
    assertThat(all).extracting(JournalEntry::seq).doesNotHaveDuplicates().isSorted();
  }
}
