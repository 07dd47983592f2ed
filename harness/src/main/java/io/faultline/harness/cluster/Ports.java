package io.faultline.harness.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Free TCP ports on the loopback interface, for nodes and proxies, taken below the kernel's ephemeral range.
 *
 * <p>Ports from the ephemeral range (asking the kernel for port 0) can be handed to an outgoing connection or to
 * another port-0 listener between the moment we pick them and the moment a node binds them, and a node then fails
 * to start. So ports come from {@value #LOW}..{@value #HIGH}, below Linux's default ephemeral range (32768 and up),
 * starting at a random point, each checked free by binding it, and never handed out twice by one JVM.
 *
 * <p>Two harness JVMs on one machine (a test suite and a benchmark, say) could still pick the same free port before
 * either binds it. So a port is handed out only with an exclusive lock on {@code faultline-ports/PORT.lock} in the
 * temp folder, which other Faultline JVMs respect; the lock is held for {@link #HOLD_NANOS} (long enough for any
 * node to bind its port, after which the port is no longer free anyway), and the operating system drops it when the
 * JVM exits, however it exits.
 */
public final class Ports {
  static final int LOW = 20000;
  static final int HIGH = 32000;
  private static final Set<Integer> HANDED_OUT = new HashSet<>();
  private static int next = LOW + (int) (ProcessHandle.current().pid() * 7919 % (HIGH - LOW));
  static final long HOLD_NANOS = 120_000_000_000L;
  static final Path LOCKS = Path.of(System.getProperty("java.io.tmpdir"), "faultline-ports");

  private record Held(FileChannel channel, long since) {}

  private static final Deque<Held> HELD = new ArrayDeque<>();

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
        throw new UncheckedIOException(
            new IOException("no " + n + " free ports on 127.0.0.1 in " + LOW + ".." + HIGH));
      }
      int port = next;
      next = next + 1 >= HIGH ? LOW : next + 1;
      if (!HANDED_OUT.contains(port) && isFree(loopback, port) && reserve(port)) {
        HANDED_OUT.add(port);
        ports.add(port);
      }
    }
    return List.copyOf(ports);
  }

  /** Takes the cross-process lock of {@code port}; false when another JVM holds it. Drops locks held long enough. */
  static boolean reserve(int port) {
    long now = System.nanoTime();
    while (!HELD.isEmpty() && now - HELD.peekFirst().since() > HOLD_NANOS) {
      close(HELD.pollFirst().channel());
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(LOCKS);
      channel =
          FileChannel.open(
              LOCKS.resolve(port + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        close(channel);
        return false;
      }
      HELD.addLast(new Held(channel, now));
      return true;
    } catch (OverlappingFileLockException e) {
      close(channel); // this JVM holds the lock already
      return false;
    } catch (IOException e) {
      close(channel); // no lock folder (a read-only temp): the bind check alone decides
      return true;
    }
  }

  private static void close(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing held any more
      }
    }
  }

  private static boolean isFree(InetAddress address, int port) {
    try (ServerSocket s = new ServerSocket(port, 1, address)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A free port for each of {@code portNames} of each of {@code nodes}: node to port name to port, in order.
   */
  public static Map<String, Map<String, Integer>> perNode(
      List<String> nodes, List<String> portNames) {
    List<Integer> free = free(nodes.size() * portNames.size());
    Map<String, Map<String, Integer>> out = new java.util.LinkedHashMap<>();
    int i = 0;
    for (String n : nodes) {
      Map<String, Integer> mine = new java.util.LinkedHashMap<>();
      for (String p : portNames) {
        mine.put(p, free.get(i++));
      }
      out.put(n, Map.copyOf(mine));
    }
    return out;
  }
}
