package io.faultline.harness.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Free TCP ports on the loopback interface, for nodes and proxies, taken below the kernel's ephemeral range.
 *
 * <p>Ports from the ephemeral range (asking the kernel for port 0) can be handed to an outgoing connection or to
 * another port-0 listener between the moment we pick them and the moment a node binds them, and a node then fails
 * to start. So ports come from {@value #LOW}..{@value #HIGH}, below Linux's default ephemeral range (32768 and up),
 * starting at a random point, each checked free by binding it, and never handed out twice by one JVM.
 */
public final class Ports {
  static final int LOW = 20000;
  static final int HIGH = 32000;
  private static final Set<Integer> HANDED_OUT = new HashSet<>();
  private static int next = LOW + (int) (ProcessHandle.current().pid() * 7919 % (HIGH - LOW));

  private Ports() {}

  /**
   * {@code n} distinct ports that were free on 127.0.0.1 a moment ago and that this JVM has not handed out before.
   * Another process may still take one before the caller binds it.
   */
  public static synchronized List<Integer> free(int n) {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    List<Integer> ports = new ArrayList<>();
    for (int tries = 0; ports.size() < n; tries++) {
      if (tries > HIGH - LOW) {
        throw new UncheckedIOException(new IOException("no " + n + " free ports on 127.0.0.1 in " + LOW + ".." + HIGH));
      }
      int port = next;
      next = next + 1 >= HIGH ? LOW : next + 1;
      if (!HANDED_OUT.contains(port) && isFree(loopback, port)) {
        HANDED_OUT.add(port);
        ports.add(port);
      }
    }
    return List.copyOf(ports);
  }

  private static boolean isFree(InetAddress address, int port) {
    try (ServerSocket s = new ServerSocket(port, 1, address)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
