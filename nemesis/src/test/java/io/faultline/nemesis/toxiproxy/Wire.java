package io.faultline.nemesis.toxiproxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Client-side socket steps for the proxy tests; every wait has a deadline. */
final class Wire {
  /** How long any single step may wait before the test fails. */
  static final Duration DEADLINE = Duration.ofSeconds(10);

  private Wire() {}

  /** Connects to a proxy's {@code host:port} listen address. */
  static Socket connect(String listen) throws IOException {
    int colon = listen.lastIndexOf(':');
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(
        new InetSocketAddress(
            listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1))),
        (int) DEADLINE.toMillis());
    socket.setSoTimeout((int) DEADLINE.toMillis());
    return socket;
  }

  static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  /** Writes {@code data} and reads exactly as many bytes back. */
  static byte[] roundTrip(Socket socket, byte[] data) throws IOException {
    socket.getOutputStream().write(data);
    return readExactly(socket, data.length);
  }

  static byte[] readExactly(Socket socket, int n) throws IOException {
    byte[] result = socket.getInputStream().readNBytes(n);
    if (result.length < n) {
      throw new IOException("stream ended after " + result.length + " of " + n + " bytes");
    }
    return result;
  }

  /** Reads until the peer closes; returns what arrived. */
  static byte[] readToEnd(Socket socket) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) >= 0) {
      all.write(buf, 0, n);
    }
    return all.toByteArray();
  }

  /** Whether nothing arrives within {@code quiet} (the socket stays open and silent). */
  static boolean staysSilent(Socket socket, Duration quiet) throws IOException {
    socket.setSoTimeout((int) quiet.toMillis());
    try {
      socket.getInputStream().read();
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      socket.setSoTimeout((int) DEADLINE.toMillis());
    }
  }

  /** Waits until the peer closes the socket (EOF or reset); false if it is still open at the deadline. */
  static boolean awaitClosed(Socket socket) throws IOException {
    try {
      readToEnd(socket);
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    }
  }
}
