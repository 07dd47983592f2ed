package io.faultline.harness.cluster.ssh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shell side of a node's lifecycle on a host: the commands that start it as a daemon, signal it through its pid
 * file, and tell whether it runs.
 *
 * <p>A node runs under a watchdog started with {@code setsid} (its own session, so it survives the SSH channel that
 * started it), its output appended to {@code node.log} in its folder, its pid in {@code node.pid}. The watchdog
 * checks every second how old the run's heartbeat file is, which the harness touches every {@link #BEAT}; when the
 * harness has not touched it for {@link #LEASE} (the harness was killed, or lost the host), the watchdog kills the
 * node. So no node outlives its harness by more than the lease, however the harness ends.
 *
 * @param dir the node's folder on the host ({@code <remote-dir>/runs/<run>/<node>})
 * @param heartbeat the run's heartbeat file on the host
 */
record NodeDaemon(String dir, String heartbeat) {
  /** How long a node outlives the last heartbeat. */
  static final Duration LEASE = Duration.ofSeconds(15);

  /** How often the harness touches each host's heartbeat file. */
  static final Duration BEAT = Duration.ofSeconds(2);

  /** The watchdog; {@code $1} the node's folder, {@code $2} the lease in s, {@code $3} the heartbeat, then the node. */
  private static final String WATCHDOG =
      String.join(
          "\n",
          "d=\"$1\"; lease=\"$2\"; hb=\"$3\"; shift 3",
          "echo $$ >\"$d/watchdog.pid\"",
          "\"$@\" </dev/null >>\"$d/node.log\" 2>&1 &",
          "node=$!",
          "echo \"$node\" >\"$d/node.pid.tmp\" && mv \"$d/node.pid.tmp\" \"$d/node.pid\"",
          "while kill -0 \"$node\" 2>/dev/null; do",
          "  sleep 1",
          "  seen=$(stat -c %Y \"$hb\" 2>/dev/null || echo 0)",
          "  if [ $(( $(date +%s) - seen )) -gt \"$lease\" ]; then",
          "    echo \"faultline: no heartbeat for ${lease} s: killing the node\" >>\"$d/node.log\"",
          "    kill -CONT \"$node\" 2>/dev/null; kill -KILL \"$node\" 2>/dev/null",
          "  fi",
          "done",
          "wait \"$node\" 2>/dev/null");

  /** The node's data directory on the host. */
  String data() {
    return dir + "/data";
  }

  /** The node's log on the host. */
  String log() {
    return dir + "/node.log";
  }

  /** The node's clock file on the host. */
  String clock() {
    return dir + "/faketime";
  }

  /**
   * Starts {@code command} with {@code env} as a daemon and prints its pid once it runs. Creates the folders, and the
   * clock file at offset zero when {@code clock} and it is missing.
   */
  String start(List<String> command, Map<String, String> env, boolean clock) {
    List<String> argv = new ArrayList<>(List.of("env"));
    env.forEach((k, v) -> argv.add(k + "=" + v));
    argv.addAll(command);
    String d = Shell.quote(dir);
    return String.join(
        "\n",
        "mkdir -p " + Shell.quote(data()) + " || exit 1",
        "touch " + Shell.quote(heartbeat),
        clock ? "[ -f " + Shell.quote(clock()) + " ] || echo +0 >" + Shell.quote(clock()) : ":",
        "rm -f " + d + "/node.pid",
        "setsid nohup bash -c "
            + Shell.quote(WATCHDOG)
            + " watchdog "
            + d
            + " "
            + LEASE.toSeconds()
            + " "
            + Shell.quote(heartbeat)
            + " "
            + Shell.words(argv)
            + " </dev/null >/dev/null 2>&1 &",
        "i=0; while [ ! -s " + d + "/node.pid ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done",
        "cat " + d + "/node.pid");
  }

  /** Sends {@code signal} to the node, if it runs. */
  String signal(String signal) {
    return pid() + " && kill -" + signal + " \"$p\" 2>/dev/null; true";
  }

  /** SIGKILL, waits (up to 10 s) until the process is gone, then ends its watchdog. */
  String kill() {
    return pid()
        + " && { kill -CONT \"$p\"; kill -KILL \"$p\"; } 2>/dev/null; "
        + awaitGone(10)
        + "; "
        + endWatchdog();
  }

  /** Ends the watchdog of a node that is gone (it would exit within a second by itself). */
  private String endWatchdog() {
    return "w=$(cat "
        + Shell.quote(dir + "/watchdog.pid")
        + " 2>/dev/null) && kill -KILL \"$w\" 2>/dev/null; true";
  }

  /** SIGTERM, SIGKILL after {@code grace}, and waits until the process is gone. */
  String stop(Duration grace) {
    long s = Math.max(1, grace.toSeconds());
    return pid()
        + " && { kill -CONT \"$p\"; kill -TERM \"$p\"; } 2>/dev/null; "
        + awaitGone(s)
        + "; kill -KILL \"$p\" 2>/dev/null; "
        + awaitGone(10)
        + "; "
        + endWatchdog();
  }

  /** Exits 0 when the node's process runs (a stopped one runs; a zombie does not). */
  String running() {
    return pid()
        + " && s=$(sed 's/.*) //' /proc/$p/stat 2>/dev/null | cut -c1) && [ -n \"$s\" ] && [ \"$s\" != Z ]";
  }

  private String pid() {
    return "p=$(cat " + Shell.quote(dir + "/node.pid") + " 2>/dev/null) && [ -n \"$p\" ]";
  }

  private static String awaitGone(long seconds) {
    return "i=0; while [ -d /proc/$p ] && [ \"$(sed 's/.*) //' /proc/$p/stat 2>/dev/null | cut -c1)\" != Z ] && [ $i -lt "
        + seconds * 50
        + " ]; do sleep 0.02; i=$((i+1)); done";
  }
}
