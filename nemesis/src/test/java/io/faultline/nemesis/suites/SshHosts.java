package io.faultline.nemesis.suites;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import io.faultline.harness.cluster.Ports;
import io.faultline.harness.cluster.docker.DockerEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Hosts for the SSH backend's suites: containers that behave like VMs, from a locally built image with sshd,
 * iptables, a JRE, libfaketime and etcd ({@value #IMAGE}, {@code bootstrap-base.sh} with {@code EXTRA_PACKAGES}).
 * Each runs sshd with {@code NET_ADMIN}, accepts only a throwaway key pair made here, and publishes its sshd on
 * 127.0.0.1 only; the nodes talk to each other on the containers' private network, where the iptables rules act.
 */
final class SshHosts implements AutoCloseable {
  static final String IMAGE = "faultline-sshd:bookworm";
  static final String PACKAGES = "openssh-server,iptables,etcd-server";

  private final Network network = Network.newNetwork();
  private final List<GenericContainer<?>> containers = new ArrayList<>();
  private final List<String> entries = new ArrayList<>();
  private final Path dir;
  private final Path key;
  private final String publicKey;

  private SshHosts(Path dir) {
    this.dir = dir;
    this.key = dir.resolve("id_ecdsa");
    try {
      KeyPair kp = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
      kp.writePrivateKey(key.toString());
      java.io.ByteArrayOutputStream pub = new java.io.ByteArrayOutputStream();
      kp.writePublicKey(pub, "faultline-suite");
      publicKey = pub.toString().strip();
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a key pair: " + e, e);
    }
  }

  /** Why the suites cannot run here (no engine, no image and no way to build it), or empty. */
  static Optional<String> unavailable() {
    Optional<String> engine = DockerEngine.unavailable();
    if (engine.isPresent() || DockerEngine.hasImage(IMAGE)) {
      return engine;
    }
    return build();
  }

  private static Optional<String> build() {
    Path script =
        io.faultline.harness.junit.Faultline.root()
            .resolve("system-under-test/docker/bootstrap-base.sh");
    try {
      ProcessBuilder pb = new ProcessBuilder(script.toString(), IMAGE).redirectErrorStream(true);
      pb.environment().put("EXTRA_PACKAGES", PACKAGES);
      Path log = Files.createTempFile("faultline-sshd-image", ".log");
      Process p = pb.redirectOutput(log.toFile()).start();
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        p.destroyForcibly();
        return Optional.of("no host image " + IMAGE + ": " + script + " failed; see " + log);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("no host image " + IMAGE + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while building " + IMAGE);
    }
  }

  /** {@code count} hosts that accept this fixture's key as root. */
  static SshHosts start(int count) {
    try {
      SshHosts h = new SshHosts(Files.createTempDirectory("faultline-ssh-hosts"));
      for (int i = 0; i < count; i++) {
        h.add(h.host(""));
      }
      return h;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One more host, whose shell first runs {@code prepare} (e.g. removing java); its nodes-file entry. */
  String addHost(String prepare) {
    GenericContainer<?> c = host(prepare);
    return add(c);
  }

  private String add(GenericContainer<?> c) {
    String ip =
        c.getContainerInfo()
            .getNetworkSettings()
            .getNetworks()
            .values()
            .iterator()
            .next()
            .getIpAddress();
    String entry = "127.0.0.1:" + c.getFirstMappedPort() + " ip=" + ip;
    containers.add(c);
    entries.add(entry);
    return entry;
  }

  private GenericContainer<?> host(String prepare) {
    int port = Ports.free(1).get(0);
    GenericContainer<?> c =
        new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withNetwork(network)
            .withEnv("AUTHORIZED_KEY", publicKey)
            .withExposedPorts(22)
            .withCommand(
                "bash",
                "-c",
                prepare
                    + " mkdir -p /run/sshd /root/.ssh && printf '%s\\n' \"$AUTHORIZED_KEY\" >/root/.ssh/authorized_keys"
                    + " && chmod 700 /root/.ssh && chmod 600 /root/.ssh/authorized_keys && ssh-keygen -A >/dev/null"
                    + " && exec /usr/sbin/sshd -D -e -o PermitRootLogin=prohibit-password")
            .waitingFor(Wait.forLogMessage(".*Server listening.*", 1))
            .withStartupTimeout(Duration.ofSeconds(60))
            .withCreateContainerCmdModifier(
                cmd ->
                    cmd.getHostConfig()
                        .withCapAdd(com.github.dockerjava.api.model.Capability.NET_ADMIN));
    c.setPortBindings(List.of("127.0.0.1:" + port + ":22"));
    c.start();
    return c;
  }

  /** The private key the hosts accept. */
  Path key() {
    return key;
  }

  /** A nodes file of the first {@code count} hosts. */
  Path nodesFile(int count) {
    return write("nodes-" + count + ".txt", entries.subList(0, count));
  }

  /** A nodes file of these entries. */
  Path write(String name, List<String> lines) {
    try {
      return Files.write(dir.resolve(name), lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first {@code count} hosts' entries. */
  List<String> entries(int count) {
    return List.copyOf(entries.subList(0, count));
  }

  /**
   * What Faultline left on the hosts: node processes, its iptables chain, run folders; one line per thing, empty
   * when nothing.
   */
  List<String> leftovers() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < containers.size(); i++) {
      String r =
          exec(
              containers.get(i),
              "pgrep -a -f '[/]tmp/faultline/runs' | grep -v pgrep | sed 's/^/process: /';"
                  + " iptables -S 2>/dev/null | grep FAULTLINE | sed 's/^/rule: /';"
                  + " ls -d /tmp/faultline/runs/* 2>/dev/null | sed 's/^/folder: /'");
      for (String line : r.strip().lines().toList()) {
        if (!line.isBlank()) {
          out.add(entries.get(i) + ": " + line);
        }
      }
    }
    return out;
  }

  /** Runs {@code command} on host {@code i} as root; its output. */
  String exec(int i, String command) {
    return exec(containers.get(i), command);
  }

  private static String exec(GenericContainer<?> c, String command) {
    try {
      Container.ExecResult r = c.execInContainer("sh", "-c", command);
      return r.getStdout() + r.getStderr();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    containers.forEach(GenericContainer::stop);
    network.close();
  }
}
