package io.faultline.harness.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Free TCP ports on the loopback interface. */
public final class Ports {
  /** Every port handed out by this JVM: the kernel may offer a just-closed port again, but we never reuse one. */
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private Ports() {}

  /**
   * {@code n} distinct ports that were free on 127.0.0.1 a moment ago and that this JVM has never handed out before
   * (so the ports of nodes and those of their proxies never collide). Another process may still take one before the
   * caller binds it.
   */
  public static synchronized List<Integer> free(int n) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      InetAddress loopback = InetAddress.getLoopbackAddress();
      List<Integer> ports = new ArrayList<>();
      while (ports.size() < n) {
        ServerSocket s = new ServerSocket(0, 1, loopback);
        held.add(s);
        if (HANDED_OUT.add(s.getLocalPort())) {
          ports.add(s.getLocalPort());
        }
      }
      return List.copyOf(ports);
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
