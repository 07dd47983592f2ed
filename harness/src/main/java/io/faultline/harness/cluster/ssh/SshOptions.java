package io.faultline.harness.cluster.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of {@code --cluster ssh}, from {@link io.faultline.harness.spi.TestSpec#clusterOptions()}:
 *
 * <ul>
 *   <li>{@code nodes-file}: one host a line, {@code host[:port] [name] [ip=ADDRESS]} ({@code #} starts a comment), as
 *       Jepsen's nodes file; {@code ip} is where the other nodes reach this one, when not at {@code host} (a private
 *       network, say); or {@code nodes}: the same entries separated by commas;
 *   <li>{@code username} (default: this machine's user), {@code ssh-private-key} (default {@code ~/.ssh/id_ed25519},
 *       else {@code ~/.ssh/id_rsa}), {@code ssh-port} (default 22), {@code ssh-strict-host-key-checking}
 *       ({@code yes}, the default, checks hosts against {@code ~/.ssh/known_hosts}; {@code no} accepts any key);
 *   <li>{@code sudo} ({@code yes} or {@code no}; default yes unless the user is {@code root}): whether commands that
 *       need root (iptables) run with {@code sudo -n};
 *   <li>{@code net} ({@code iptables}, the default, or {@code proxy}): how network faults cut links;
 *   <li>{@code remote-dir} (default {@value #REMOTE_DIR}): where the harness keeps its files on each host.
 * </ul>
 *
 * @param hosts the hosts, in order
 */
public record SshOptions(
    List<Host> hosts,
    String username,
    Path privateKey,
    boolean strictHostKeys,
    boolean sudo,
    String net,
    String remoteDir) {

  /** The default folder of the harness's files on a host. */
  public static final String REMOTE_DIR = "/tmp/faultline";

  static final Set<String> KEYS =
      Set.of(
          "nodes-file",
          "nodes",
          "username",
          "ssh-private-key",
          "ssh-port",
          "ssh-strict-host-key-checking",
          "sudo",
          "net",
          "remote-dir");

  public SshOptions {
    hosts = List.copyOf(hosts);
  }

  /**
   * One host.
   *
   * @param address where the harness reaches its sshd
   * @param port its sshd's port
   * @param name the node's name, or {@code null} for {@code nN}
   * @param ip where the other nodes reach it
   */
  public record Host(String address, int port, String name, String ip) {
    @Override
    public String toString() {
      return address + (port == 22 ? "" : ":" + port);
    }
  }

  /**
   * The options {@code options} give.
   *
   * @throws IllegalArgumentException with one line naming the option, file or line that is wrong
   */
  public static SshOptions parse(Map<String, String> options) {
    for (String k : options.keySet()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException(
            "unknown option '" + k + "' of --cluster ssh; options: " + String.join(", ", KEYS));
      }
    }
    int port = port(options.getOrDefault("ssh-port", "22"), "--ssh-port");
    List<Host> hosts = hosts(options, port);
    String user = options.getOrDefault("username", System.getProperty("user.name"));
    String net = options.getOrDefault("net", "iptables");
    if (!net.equals("iptables") && !net.equals("proxy")) {
      throw new IllegalArgumentException("--net must be iptables or proxy, not '" + net + "'");
    }
    return new SshOptions(
        hosts,
        user,
        key(options.get("ssh-private-key")),
        yesNo(
            options.getOrDefault("ssh-strict-host-key-checking", "yes"),
            "--ssh-strict-host-key-checking"),
        yesNo(options.getOrDefault("sudo", user.equals("root") ? "no" : "yes"), "--sudo"),
        net,
        options.getOrDefault("remote-dir", REMOTE_DIR));
  }

  private static List<Host> hosts(Map<String, String> options, int port) {
    String file = options.get("nodes-file");
    String list = options.get("nodes");
    if ((file == null) == (list == null)) {
      throw new IllegalArgumentException(
          "--cluster ssh needs its hosts: --nodes-file FILE or --nodes h1,h2,h3 (one of them)");
    }
    List<Host> hosts = new ArrayList<>();
    if (file != null) {
      List<String> lines;
      try {
        lines = Files.readAllLines(Path.of(file));
      } catch (IOException e) {
        throw new IllegalArgumentException("--nodes-file " + file + ": cannot read it (" + e + ")");
      }
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).replaceAll("#.*", "").strip();
        if (!line.isEmpty()) {
          hosts.add(host(line, port, file + " line " + (i + 1)));
        }
      }
    } else {
      for (String entry : list.split(",")) {
        hosts.add(host(entry.strip(), port, "--nodes"));
      }
    }
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException((file != null ? file : "--nodes") + " names no host");
    }
    long named = hosts.stream().filter(h -> h.name() != null).count();
    if (named != 0 && named != hosts.size()) {
      throw new IllegalArgumentException(
          (file != null ? file : "--nodes") + ": name every node or none");
    }
    return hosts;
  }

  /** One entry: {@code host[:port] [name] [ip=ADDRESS]}. */
  static Host host(String entry, int defaultPort, String where) {
    String[] words = entry.split("\\s+");
    String address = words[0];
    int port = defaultPort;
    int colon = address.lastIndexOf(':');
    if (colon > 0 && !address.startsWith("[")) {
      port = port(address.substring(colon + 1), where);
      address = address.substring(0, colon);
    }
    if (!address.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
      throw new IllegalArgumentException(where + ": '" + words[0] + "' is not host[:port]");
    }
    String name = null;
    String ip = address;
    for (int i = 1; i < words.length; i++) {
      if (words[i].startsWith("ip=")) {
        ip = words[i].substring(3);
      } else if (name == null && words[i].matches("[A-Za-z0-9_-]+")) {
        name = words[i];
      } else {
        throw new IllegalArgumentException(
            where + ": '" + words[i] + "' is neither a node name nor ip=ADDRESS");
      }
    }
    return new Host(address, port, name, ip);
  }

  private static int port(String s, String where) {
    try {
      int p = Integer.parseInt(s);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new IllegalArgumentException(where + ": '" + s + "' is not a TCP port");
  }

  private static boolean yesNo(String v, String flag) {
    return switch (v) {
      case "yes", "true", "on" -> true;
      case "no", "false", "off" -> false;
      default -> throw new IllegalArgumentException(flag + " must be yes or no, not '" + v + "'");
    };
  }

  private static Path key(String given) {
    if (given != null) {
      Path p = Path.of(given.replaceFirst("^~", System.getProperty("user.home")));
      if (!Files.isReadable(p)) {
        throw new IllegalArgumentException(
            "--ssh-private-key " + given + ": no readable file there");
      }
      return p;
    }
    Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
    for (String f : List.of("id_ed25519", "id_rsa", "id_ecdsa")) {
      if (Files.isReadable(ssh.resolve(f))) {
        return ssh.resolve(f);
      }
    }
    throw new IllegalArgumentException(
        "--cluster ssh needs a key: --ssh-private-key FILE (no ~/.ssh/id_ed25519 or id_rsa here)");
  }

  /** The {@code count} hosts a cluster of that many nodes runs on. */
  List<Host> first(int count) {
    if (hosts.size() < count) {
      throw new IllegalArgumentException(
          "the test needs "
              + count
              + " nodes but the hosts are only "
              + hosts.size()
              + ": "
              + hosts);
    }
    return hosts.subList(0, count);
  }
}
