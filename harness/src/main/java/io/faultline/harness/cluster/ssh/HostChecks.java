package io.faultline.harness.cluster.ssh;

import io.faultline.harness.spi.db.ClockSkewable;
import io.faultline.harness.spi.db.DbException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The checks of every host before anything starts on any: each in parallel and bounded, each failure one line that
 * names the host and the cause. Connecting is the first check (the host answers, the key is accepted); then what the
 * test needs: iptables as root for partitions, libfaketime for clock faults, {@code sch_netem} for packet faults; and,
 * when the first node starts, what runs it (Java 17+ for a jar, the binary itself).
 */
final class HostChecks {
  /** The bound on connecting to one host. */
  static final Duration CONNECT = Duration.ofSeconds(8);

  /** The bound on one host's checks, connection included. */
  static final Duration EACH = Duration.ofSeconds(20);

  private HostChecks() {}

  /** What the test needs of the hosts. */
  record Needs(boolean iptables, boolean libfaketime, boolean netem) {}

  /** The line of a host without {@code sch_netem}, or null. */
  static final String NETEM =
      "[ -d /sys/module/sch_netem ] || modinfo sch_netem >/dev/null 2>&1"
          + " || echo 'the kernel has no sch_netem (tc netem), so packet faults cannot run there'";

  /**
   * Connects to every host and checks what {@code needs} says.
   *
   * @return each node's connection, by node
   * @throws DbException with a line per failure, after closing every connection it made
   */
  static Map<String, SshHost> connect(
      Map<String, SshOptions.Host> hosts, SshOptions options, Needs needs, ExecutorService pool) {
    Map<String, Future<SshHost>> connections = new LinkedHashMap<>();
    hosts.forEach(
        (n, h) -> connections.put(n, pool.submit(() -> SshHost.connect(h, options, CONNECT))));
    Map<String, SshHost> up = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    connections.forEach(
        (n, f) -> {
          try {
            up.put(n, f.get(EACH.toMillis(), TimeUnit.MILLISECONDS));
          } catch (Exception e) {
            failures.add(why(hosts.get(n), e));
          }
        });
    if (failures.isEmpty()) {
      failures.addAll(
          onEach(up, h -> faults(h, needs), pool).stream().filter(s -> !s.isEmpty()).toList());
    }
    if (!failures.isEmpty()) {
      up.values().forEach(SshHost::close);
      throw new DbException(String.join("\n", failures));
    }
    return up;
  }

  /** The lines of what is missing on {@code h} for the faults, one per missing thing. */
  private static String faults(SshHost h, Needs needs) {
    List<String> out = new ArrayList<>();
    if (needs.libfaketime()) {
      SshHost.Result r = h.run("[ -r " + ClockSkewable.LIBFAKETIME + " ]", EACH);
      if (!r.ok()) {
        out.add(
            "host "
                + h.host()
                + ": no libfaketime at "
                + ClockSkewable.LIBFAKETIME
                + " (apt-get install faketime)");
      }
    }
    if (needs.iptables()) {
      SshHost.Result r =
          h.runAsRoot(
              "iptables -w -S INPUT >/dev/null && command -v iptables-restore >/dev/null",
              null,
              EACH);
      if (!r.ok()) {
        out.add(
            "host "
                + h.host()
                + ": iptables as root failed (partitions need it; apt-get install iptables, or --sudo): "
                + r.firstLine());
      }
    }
    return String.join("\n", out);
  }

  /** Why {@code h} could not run a node of a jar: no Java 17+; empty when it can. */
  static String java(SshHost h) {
    SshHost.Result r = h.run("java -version 2>&1", EACH);
    if (!r.ok()) {
      return "host " + h.host() + ": no java on the PATH (--sut raft needs Java 17 or later)";
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("version \"(1\\.)?(\\d+)").matcher(r.out());
    if (!m.find()) {
      return "host " + h.host() + ": cannot read java's version from '" + r.firstLine() + "'";
    }
    int major = Integer.parseInt(m.group(2));
    return major >= 17 ? "" : "host " + h.host() + ": java " + major + " is older than 17";
  }

  /** Why {@code h} could not run {@code path}: missing; empty when it can. */
  static String binary(SshHost h, String path) {
    return h.run("[ -x " + Shell.quote(path) + " ]", EACH).ok()
        ? ""
        : "host " + h.host() + ": no executable " + path;
  }

  /** {@code check} on every host at once; the lines it gave, in host order. */
  static List<String> onEach(
      Map<String, SshHost> hosts, Function<SshHost, String> check, ExecutorService pool) {
    Map<String, Future<String>> runs = new LinkedHashMap<>();
    hosts.forEach((n, h) -> runs.put(n, pool.submit(() -> check.apply(h))));
    List<String> out = new ArrayList<>();
    runs.forEach(
        (n, f) -> {
          try {
            out.add(f.get(EACH.toMillis() * 3, TimeUnit.MILLISECONDS));
          } catch (Exception e) {
            out.add(why(hosts.get(n).host(), e));
          }
        });
    return out;
  }

  /** One line for a failed check. */
  static String why(SshOptions.Host h, Exception e) {
    Throwable c = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
    if (c instanceof java.util.concurrent.TimeoutException) {
      return "host " + h + ": its checks took more than " + EACH.toSeconds() + " s";
    }
    String m = c.getMessage() == null ? c.toString() : c.getMessage();
    return m.startsWith("host ") ? m : "host " + h + ": " + m;
  }
}
