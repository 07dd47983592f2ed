package io.faultline.harness.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free TCP ports on the loopback interface. */
public final class Ports {
  private Ports() {}

  /**
   * {@code n} distinct ports that were free on 127.0.0.1 a moment ago. All are held open together while choosing, so
   * they are distinct; another process may still take one before the caller binds it.
   */
  public static List<Integer> free(int n) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      InetAddress loopback = InetAddress.getLoopbackAddress();
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, loopback);
        s.setReuseAddress(true);
        held.add(s);
      }
      return held.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find " + n + " free ports on 127.0.0.1", e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // nothing to do
        }
      }
    }
  }
}
