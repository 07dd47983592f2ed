package io.faultline.raft.node;

import io.faultline.raft.ReadMode;
import io.faultline.raft.UnsafeMode;
import io.faultline.raft.net.IoTransport;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node's command line. Flags take their value as the next argument or after {@code =}.
 *
 * @param id               this member's id, one of the keys of {@code peers}
 * @param peers            every member (this one included): id to Raft address
 * @param clientHost       address the client and admin ports bind to
 * @param clientPort       port of the binary client protocol
 * @param adminPort        port of the HTTP+JSON admin endpoint
 * @param dataDir          directory of the durable state
 * @param readMode         how reads are served
 * @param electionMinMs    election timeout lower bound
 * @param electionMaxMs    election timeout upper bound
 * @param heartbeatMs      heartbeat interval
 * @param snapshotEntries  applied entries between snapshots
 * @param preVote          whether elections start with a Pre-Vote round (thesis §9.6)
 * @param unsafe           deliberate bugs to enable
 * @param io               the network transport under the node's event loop
 */
public record NodeOptions(
    String id,
    Map<String, InetSocketAddress> peers,
    String clientHost,
    int clientPort,
    int adminPort,
    Path dataDir,
    ReadMode readMode,
    long electionMinMs,
    long electionMaxMs,
    long heartbeatMs,
    int snapshotEntries,
    boolean preVote,
    Set<UnsafeMode> unsafe,
    IoTransport io) {

  /** A bad command line; the message is the one line shown to the user. */
  public static final class UsageException extends Exception {
    public UsageException(String message) {
      super(message);
    }
  }

  /** Thrown for {@code --help}. */
  public static final class HelpRequested extends Exception {
    public HelpRequested() {
      super("help");
    }
  }

  public static String help() {
    StringBuilder b = new StringBuilder();
    b.append(
            "Usage: java -jar raft-node.jar --id ID --peers ID=HOST:PORT,... --client-port P --admin-port Q")
        .append(" --data-dir DIR [options]\n\n")
        .append(
            "A member of a durable Raft key-value store (the system under test of Faultline).\n\n")
        .append("Required:\n")
        .append("  --id ID                  this member's id; must appear in --peers\n")
        .append(
            "  --peers LIST             every member as id=host:port (Raft port), comma-separated;\n")
        .append("                           this member listens on its own entry's address\n")
        .append("  --client-port P          port of the binary client protocol\n")
        .append(
            "  --admin-port Q           port of the HTTP admin endpoint (GET /status returns JSON)\n")
        .append(
            "  --data-dir DIR           directory for the log, snapshot and term/vote (created if absent)\n")
        .append("Options:\n")
        .append("  --read-mode MODE         read-index (default) or lease\n")
        .append(
            "  --client-host HOST       address for the client and admin ports (default 127.0.0.1)\n")
        .append(
            "  --election-min-ms N      election timeout lower bound (default 150, at least 2); short\n")
        .append(
            "                           timeouts are allowed, but a lease needs more than 20 ms (two ticks)\n")
        .append("  --election-max-ms N      election timeout upper bound (default 300)\n")
        .append("  --heartbeat-ms N         leader heartbeat interval (default 50)\n")
        .append("  --snapshot-entries N     applied entries between snapshots (default 10000)\n")
        .append(
            "  --pre-vote on|off        Pre-Vote before each election (default on); off: a timed-out\n")
        .append("                           node becomes a candidate at once\n")
        .append(
            "  --io TRANSPORT           auto (default: epoll where it loads, else nio), epoll or nio\n")
        .append("  --help                   print this help and exit\n")
        .append(
            "Unsafe modes (deliberate bugs, each off by default; only to prove the harness catches them):\n");
    for (UnsafeMode m : UnsafeMode.values()) {
      b.append(String.format("  --unsafe-%-24s %s%n", m.flag(), m.description()));
    }
    b.append(
            "Exit codes: 0 after a clean shutdown (SIGTERM), 2 for a bad flag or unusable data directory,\n")
        .append("1 if the node cannot start (for example a port is taken).\n");
    return b.toString();
  }

  public static NodeOptions parse(String[] args) throws UsageException, HelpRequested {
    Map<String, String> values = new LinkedHashMap<>();
    Set<UnsafeMode> unsafe = EnumSet.noneOf(UnsafeMode.class);
    List<String> known =
        List.of(
            "id",
            "peers",
            "client-port",
            "admin-port",
            "data-dir",
            "read-mode",
            "client-host",
            "election-min-ms",
            "election-max-ms",
            "heartbeat-ms",
            "snapshot-entries",
            "pre-vote",
            "io");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        throw new HelpRequested();
      }
      if (!a.startsWith("--")) {
        throw new UsageException("unexpected argument '" + a + "'");
      }
      String name = a.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (name.startsWith("unsafe-")) {
        UnsafeMode m = UnsafeMode.byFlag(name.substring("unsafe-".length()));
        if (m == null || value != null) {
          throw new UsageException("unknown flag --" + name + " (see --help)");
        }
        unsafe.add(m);
        continue;
      }
      if (!known.contains(name)) {
        throw new UsageException("unknown flag --" + name + " (see --help)");
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new UsageException("flag --" + name + " needs a value");
        }
        value = args[++i];
      }
      values.put(name, value);
    }
    return build(values, unsafe);
  }

  private static NodeOptions build(Map<String, String> v, Set<UnsafeMode> unsafe)
      throws UsageException {
    for (String required : List.of("id", "peers", "client-port", "admin-port", "data-dir")) {
      if (!v.containsKey(required)) {
        throw new UsageException("missing required flag --" + required);
      }
    }
    String id = v.get("id");
    Map<String, InetSocketAddress> peers = parsePeers(v.get("peers"));
    if (!peers.containsKey(id)) {
      throw new UsageException("--id " + id + " is not one of --peers " + peers.keySet());
    }
    ReadMode mode;
    try {
      mode = ReadMode.parse(v.getOrDefault("read-mode", "read-index"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--read-mode: " + e.getMessage());
    }
    long min = number(v, "election-min-ms", 150, 2);
    long max = number(v, "election-max-ms", 300, 3);
    long hb = number(v, "heartbeat-ms", 50, 1);
    if (!(hb < min && min < max)) {
      throw new UsageException("need --heartbeat-ms < --election-min-ms < --election-max-ms");
    }
    IoTransport io;
    try {
      io = IoTransport.parse(v.getOrDefault("io", "auto"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--io: " + e.getMessage());
    }
    return new NodeOptions(
        id,
        peers,
        v.getOrDefault("client-host", "127.0.0.1"),
        (int) port(v, "client-port"),
        (int) port(v, "admin-port"),
        dataDir(v.get("data-dir")),
        mode,
        min,
        max,
        hb,
        (int) number(v, "snapshot-entries", 10_000, 1),
        onOff(v, "pre-vote", true),
        unsafe,
        io);
  }

  private static boolean onOff(Map<String, String> v, String name, boolean def)
      throws UsageException {
    String s = v.getOrDefault(name, def ? "on" : "off").trim();
    if (!s.equals("on") && !s.equals("off")) {
      throw new UsageException("--" + name + ": '" + s + "' is not on or off");
    }
    return s.equals("on");
  }

  private static Map<String, InetSocketAddress> parsePeers(String s) throws UsageException {
    Map<String, InetSocketAddress> peers = new LinkedHashMap<>();
    for (String part : s.split(",")) {
      int eq = part.indexOf('=');
      int colon = part.lastIndexOf(':');
      if (eq <= 0 || colon < eq + 2) {
        throw new UsageException("--peers: expected id=host:port, got '" + part + "'");
      }
      String host = part.substring(eq + 1, colon);
      int port = parsePort("--peers", part.substring(colon + 1));
      if (peers.put(part.substring(0, eq), new InetSocketAddress(host, port)) != null) {
        throw new UsageException("--peers: duplicate id " + part.substring(0, eq));
      }
    }
    return peers;
  }

  private static long port(Map<String, String> v, String name) throws UsageException {
    return parsePort("--" + name, v.get(name));
  }

  private static int parsePort(String flag, String s) throws UsageException {
    try {
      int p = Integer.parseInt(s.trim());
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new UsageException(flag + ": '" + s + "' is not a port number (1-65535)");
    }
  }

  private static long number(Map<String, String> v, String name, long def, long min)
      throws UsageException {
    if (!v.containsKey(name)) {
      return def;
    }
    try {
      long n = Long.parseLong(v.get(name).trim());
      if (n < min) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + ": '" + v.get(name) + "' is not a number >= " + min);
    }
  }

  private static Path dataDir(String s) throws UsageException {
    Path p = Path.of(s);
    try {
      Files.createDirectories(p);
    } catch (Exception e) {
      throw new UsageException(
          "--data-dir " + s + ": cannot create directory (" + e.getMessage() + ")");
    }
    if (!Files.isDirectory(p) || !Files.isReadable(p) || !Files.isWritable(p)) {
      throw new UsageException("--data-dir " + s + ": not a readable and writable directory");
    }
    return p;
  }

  /** Member ids in the order given. */
  public List<String> memberIds() {
    return new ArrayList<>(peers.keySet());
  }
}
