package io.checkoutbridge.provider.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * Keeps requests off pooled HTTP/1.1 connections the server has already closed, and sends such a
 * request once more on a fresh connection. Safe for every method, money-moving GETs included,
 * because the request is never written to the dead connection: it provably never reached the
 * provider.
 *
 * <p>Why it is needed: a load balancer closes a connection that stayed idle past its timeout, and
 * the client only learns it when it next reads from that socket. OkHttp 5 checks an idle pooled
 * connection for that before reusing it only for methods other than GET and only after ten
 * seconds of idleness ({@code RealRoutePlanner}, {@code RealConnection.isHealthy}); a GET on such
 * a connection writes its request into a socket whose peer is gone and fails reading the answer.
 * Its own retry ({@code retryOnConnectionFailure}) cannot tell that failure from a server that
 * read the request and died before answering, and would resend a POST as readily as a GET, so it
 * stays off.
 *
 * <p>How: {@link #check} (a network interceptor) runs after OkHttp chose the connection and before
 * a byte of the request is written. On a connection that served a request before, it reads the
 * socket for at most a millisecond, as OkHttp's own extensive health check does: on a healthy idle
 * HTTP/1.1 connection nothing can be there, so end of stream, a reset or unsolicited bytes (some
 * servers send a 408 before closing) mean the server is done with it. The socket is then closed,
 * so the pool never offers it again, and {@link StaleConnectionException} is thrown; {@link #retry}
 * (an application interceptor) sends the request once more, on a connection the pool chooses
 * afresh. Any other failure, including one after the request was written, is not retried.
 * HTTP/2 connections are left to OkHttp's pings: their socket belongs to a reader thread.
 */
final class StaleConnections {
  private final Set<Connection> used = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  /** Thrown before the request is written; nothing was sent. */
  static final class StaleConnectionException extends IOException {
    private static final long serialVersionUID = 1L;

    StaleConnectionException(String message) {
      super(message);
    }
  }

  /** The application interceptor: one more attempt for a request that was never sent. */
  Interceptor retry() {
    return chain -> {
      try {
        return chain.proceed(chain.request());
      } catch (StaleConnectionException neverSent) {
        return chain.proceed(chain.request());
      }
    };
  }

  /** The network interceptor: refuses a reused connection the server has closed. */
  Interceptor check() {
    return chain -> {
      Connection connection = chain.connection();
      if (connection != null && connection.protocol() == Protocol.HTTP_1_1) {
        if (!used.add(connection) && closedByServer(connection.socket())) {
          connection.socket().close();
          throw new StaleConnectionException("the server had closed the pooled connection to "
              + connection.route().address().url().host() + "; the request was not sent");
        }
      }
      return chain.proceed(chain.request());
    };
  }

  private static boolean closedByServer(Socket socket) {
    try {
      int timeout = socket.getSoTimeout();
      try {
        socket.setSoTimeout(1);
        InputStream in = socket.getInputStream();
        in.read();
        return true; // end of stream, or bytes nobody asked for
      } finally {
        socket.setSoTimeout(timeout);
      }
    } catch (SocketTimeoutException nothingToRead) {
      return false;
    } catch (IOException resetOrClosed) {
      return true;
    }
  }
}
