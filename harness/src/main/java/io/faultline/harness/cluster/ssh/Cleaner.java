package io.faultline.harness.cluster.ssh;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Removes what runs left on the hosts, for when a harness was killed outright ({@code ./faultline clean --cluster
 * ssh}): every watchdog and node process of a pid file under the remote folder's {@code runs/}, Faultline's iptables
 * chain, and the run folders. The installed jar stays (it is reused when its hash matches).
 */
public final class Cleaner {
  private Cleaner() {}

  /** The command that cleans one host under {@code remoteDir}. */
  static String command(String remoteDir) {
    String runs = Shell.quote(remoteDir + "/runs");
    return "for f in "
        + runs
        + "/*/*/watchdog.pid "
        + runs
        + "/*/*/node.pid; do [ -f \"$f\" ] && kill -KILL \"$(cat \"$f\")\" 2>/dev/null; done; rm -rf "
        + runs
        + "; true";
  }

  /**
   * Cleans every host of {@code options}, in parallel.
   *
   * @return one line per host: what was done, or why it could not be
   */
  public static List<String> clean(SshOptions options) {
    ExecutorService pool = Executors.newCachedThreadPool();
    try {
      Map<String, SshOptions.Host> hosts = new LinkedHashMap<>();
      options.hosts().forEach(h -> hosts.put(h.toString(), h));
      return HostChecks.onEach(
          connectEach(hosts, options),
          h -> {
            SshHost.Result r = h.run(command(options.remoteDir()), Duration.ofSeconds(20));
            SshHost.Result fw = h.runAsRoot(Iptables.REMOVE, null, Duration.ofSeconds(20));
            h.close();
            return "host "
                + h.host()
                + ": "
                + (r.ok() && fw.ok() ? "clean" : r.firstLine() + " " + fw.firstLine());
          },
          pool);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Map<String, SshHost> connectEach(
      Map<String, SshOptions.Host> hosts, SshOptions options) {
    Map<String, SshHost> up = new LinkedHashMap<>();
    hosts.forEach((k, h) -> up.put(k, SshHost.connect(h, options, HostChecks.CONNECT)));
    return up;
  }
}
