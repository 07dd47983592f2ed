package io.faultline.jmh.floor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Blocking loopback TCP without Nagle, as the floor benchmarks use it: the way the stores' clients talk to them. */
final class Loopback {
  private Loopback() {}

  /** A listener on 127.0.0.1 (an ephemeral port) for one connection. */
  static ServerSocket listen() throws IOException {
    return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  /** A connection to {@code port} on 127.0.0.1, without Nagle. */
  static Socket connect(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    s.setTcpNoDelay(true);
    return s;
  }

  /**
   * Changes {@code message}, sends it and reads an answer of the same length into {@code answer}, which it returns.
   *
   * @throws IOException when the other end closed the connection, naming it as {@code peer}
   */
  static byte[] exchange(
      OutputStream out, InputStream in, byte[] message, byte[] answer, String peer)
      throws IOException {
    message[0]++;
    out.write(message);
    if (in.readNBytes(answer, 0, answer.length) != answer.length) {
      throw new IOException(peer + " closed the connection");
    }
    return answer;
  }
}
