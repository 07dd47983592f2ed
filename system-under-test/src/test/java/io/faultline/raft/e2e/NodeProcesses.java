package io.faultline.raft.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real node processes on loopback, started from {@code target/raft-node.jar} with free ports, for end-to-end tests.
 * Every process is destroyed by {@link #close()}.
 */
final class NodeProcesses implements AutoCloseable {
  static final Path JAR = Path.of("target", "raft-node.jar");

  private final Path dir;
  private final List<String> ids = new ArrayList<>();
  private final Map<String, int[]> ports = new LinkedHashMap<>();
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  /** Kills the nodes even if the test JVM itself is stopped before {@link #close()}. */
  private final Thread reaper = new Thread(this::destroyAll, "node-reaper");

  NodeProcesses(Path dir, int size) throws IOException {
    this.dir = dir;
    for (int i = 1; i <= size; i++) {
      String id = "n" + i;
      ids.add(id);
      ports.put(id, new int[] {freePort(), freePort(), freePort()});
    }
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  List<String> ids() {
    return ids;
  }

  List<InetSocketAddress> clientAddresses() {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String id : ids) {
      out.add(new InetSocketAddress("127.0.0.1", ports.get(id)[1]));
    }
    return out;
  }

  static List<String> javaCommand(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                JAR.toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  void start(String id) throws IOException {
    start(id, List.of());
  }

  /** Starts node {@code id} with {@code extra} flags after the required ones. */
  void start(String id, List<String> extra) throws IOException {
    StringBuilder peers = new StringBuilder();
    for (String p : ids) {
      peers
          .append(peers.length() > 0 ? "," : "")
          .append(p)
          .append("=127.0.0.1:")
          .append(ports.get(p)[0]);
    }
    int[] mine = ports.get(id);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--id",
                id,
                "--peers",
                peers.toString(),
                "--client-port",
                String.valueOf(mine[1]),
                "--admin-port",
                String.valueOf(mine[2]),
                "--data-dir",
                dir.resolve(id).toString()));
    args.addAll(extra);
    ProcessBuilder pb = new ProcessBuilder(javaCommand(args.toArray(String[]::new)));
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(id + ".log").toFile()));
    processes.put(id, pb.start());
  }

  Process process(String id) {
    return processes.get(id);
  }

  /** Kills the process with SIGKILL and waits for it to be gone. */
  void kill(String id) throws InterruptedException {
    Process p = processes.get(id);
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  /** GET /status, or null if the node does not answer. */
  String status(String id) {
    try {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(id)[2] + "/status"))
              .timeout(Duration.ofSeconds(2))
              .build();
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** POST /transfer-leadership?to=TARGET on node {@code via}; returns the HTTP status (or -1). */
  int transferLeadership(String via, String target) {
    try {
      HttpRequest req =
          HttpRequest.newBuilder(
                  URI.create(
                      "http://127.0.0.1:"
                          + ports.get(via)[2]
                          + "/transfer-leadership?to="
                          + target))
              .timeout(Duration.ofSeconds(10))
              .POST(HttpRequest.BodyPublishers.noBody())
              .build();
      return http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":(\"([^\"]*)\"|(-?\\d+)|null)").matcher(json);
    if (!m.find()) {
      return null;
    }
    return m.group(2) != null ? m.group(2) : m.group(3);
  }

  /** The id of a live node that reports itself leader, or null. */
  String leader() {
    for (String id : ids) {
      Process p = processes.get(id);
      String s = p != null && p.isAlive() ? status(id) : null;
      if (s != null && "leader".equals(field(s, "role"))) {
        return id;
      }
    }
    return null;
  }

  long lastApplied(String id) {
    String s = status(id);
    return s == null ? -1 : Long.parseLong(field(s, "lastApplied"));
  }

  long commitIndex(String id) {
    String s = status(id);
    return s == null ? -1 : Long.parseLong(field(s, "commitIndex"));
  }

  /** Polls the condition every 50 ms until it holds or the timeout passes. */
  static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }

  String log(String id) throws IOException {
    Path p = dir.resolve(id + ".log");
    return Files.exists(p) ? Files.readString(p) : "";
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to
    }
    destroyAll();
  }

  private void destroyAll() {
    for (Process p : processes.values()) {
      p.destroyForcibly();
    }
    for (Process p : processes.values()) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
