package io.checkoutbridge.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The log of the WildFly under test, read from a mark on: what the server wrote while a test ran. */
final class ServerLog {
  /**
   * A stack frame as java.util.logging and JBoss Logging print it, with or without the module
   * ({@code at org.wildfly.common@2.0.1//org.wildfly.common.Foo.bar(Foo.java:40)}).
   */
  private static final Pattern FRAME = Pattern.compile("(?m)^\\s+at \\S+\\(");

  private final Path file;
  private final long mark;

  private ServerLog(Path file, long mark) {
    this.file = file;
    this.mark = mark;
  }

  /** The log from its current end on. */
  static ServerLog mark() throws IOException {
    Path file = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
    return new ServerLog(file, Files.size(file));
  }

  /** What was written since the mark. */
  String written() throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      byte[] bytes = new byte[(int) Math.max(0, length - mark)];
      in.seek(Math.min(mark, length));
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** The number of stack frames written since the mark. */
  int stackFrames() throws IOException {
    return frames(written());
  }

  /** The number of stack frames in a log's text. */
  static int frames(String text) {
    Matcher m = FRAME.matcher(text);
    int frames = 0;
    while (m.find()) {
      frames++;
    }
    return frames;
  }

  /** The number of lines written since the mark. */
  long lines() throws IOException {
    return written().lines().count();
  }
}
