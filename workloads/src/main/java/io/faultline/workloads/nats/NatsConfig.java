package io.faultline.workloads.nats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Faultline runs NATS, from {@code --sut-opt}: the server binary ({@code nats-bin}), the sync policy
 * ({@code sync=default|always}: JetStream's {@code sync_interval}, every two minutes by default) and the stream's
 * replication ({@code replicas=N}, by default every node).
 *
 * @param bin the nats-server binary
 * @param syncAlways whether the store fsyncs every write ({@code sync_interval: always}, nats-server 2.10 and later)
 * @param replicas the stream's replica count, or 0 for one per node
 */
public record NatsConfig(Path bin, boolean syncAlways, int replicas) {
  private static final Set<String> KEYS = Set.of("nats-bin", "sync", "replicas");

  /**
   * The configuration of these options.
   *
   * @throws IllegalArgumentException with one line naming an unknown option or a bad value
   */
  public static NatsConfig of(Map<String, String> options) {
    for (String k : options.keySet()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException(
            "unknown --sut-opt '" + k + "' for nats; options: nats-bin, sync, replicas");
      }
    }
    String b = options.get("nats-bin");
    String sync = options.getOrDefault("sync", "default");
    if (!sync.equals("default") && !sync.equals("always")) {
      throw new IllegalArgumentException(
          "--sut-opt sync must be default or always, not '" + sync + "'");
    }
    int replicas = 0;
    if (options.containsKey("replicas")) {
      try {
        replicas = Integer.parseInt(options.get("replicas"));
      } catch (NumberFormatException e) {
        replicas = -1;
      }
      if (replicas < 1 || replicas > 5) {
        throw new IllegalArgumentException(
            "--sut-opt replicas must be 1 to 5 (JetStream's limit), not '"
                + options.get("replicas")
                + "'");
      }
    }
    return new NatsConfig(
        b == null ? NatsDb.DEFAULT_BIN : Path.of(b), sync.equals("always"), replicas);
  }

  /** The stream's replica count on a cluster of {@code nodes}: the option, or every node (at most 5). */
  public int replicas(int nodes) {
    return replicas > 0 ? replicas : Math.min(nodes, 5);
  }

  /** What {@code bin --version} prints (e.g. {@code v2.9.10}), or {@code an unknown version}. */
  public static String version(Path bin) {
    try {
      Process p = new ProcessBuilder(bin.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(5, TimeUnit.SECONDS);
      Matcher m = Pattern.compile("v(\\d+)\\.(\\d+)\\.\\d+").matcher(out);
      return m.find() ? m.group() : "an unknown version";
    } catch (IOException e) {
      return "an unknown version";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "an unknown version";
    }
  }

  /**
   * Whether {@code bin} knows JetStream's {@code sync_interval} (2.10 and later; 2.9 always syncs every two minutes
   * and refuses the field): {@link #syncIntervalRefused} asks the server itself.
   */
  public static boolean hasSyncInterval(Path bin) {
    return syncIntervalRefused(bin).isEmpty();
  }

  /**
   * What {@code bin} says of a configuration with {@code sync_interval: always}, tested with {@code nats-server -t}
   * (e.g. {@code unknown field "sync_interval"} from 2.9.10), or empty when it accepts it.
   */
  public static Optional<String> syncIntervalRefused(Path bin) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("faultline-nats-sync");
      Path conf = dir.resolve("sync.conf");
      Files.writeString(
          conf,
          "jetstream {\n  store_dir: \"" + dir.resolve("js") + "\"\n  sync_interval: always\n}\n");
      Process p =
          new ProcessBuilder(bin.toString(), "-t", "-c", conf.toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.of("no answer from " + bin + " -t within 10 s");
      }
      if (p.exitValue() == 0) {
        return Optional.empty();
      }
      String line = out.strip().lines().findFirst().orElse("exit " + p.exitValue());
      // "nats-server: /tmp/.../sync.conf:3:3: unknown field ..." -> "unknown field ..."
      int at = line.lastIndexOf(": ");
      return Optional.of(at >= 0 ? line.substring(at + 2) : line);
    } catch (IOException e) {
      return Optional.of("cannot run " + bin + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while testing " + bin);
    } finally {
      if (dir != null) {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
          // a temp folder left behind
        }
      }
    }
  }
}
