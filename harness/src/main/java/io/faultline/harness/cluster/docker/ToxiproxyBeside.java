package io.faultline.harness.cluster.docker;

import io.faultline.harness.cluster.Ports;
import io.faultline.harness.spi.db.DbException;
import io.faultline.harness.spi.db.ProxySite;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.toxiproxy.ToxiproxyContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Toxiproxy server in a container on a cluster's network, with a fixed address there: Toxiproxy's own image, or
 * Faultline's compatible server {@code asCompatibleSubstituteFor} it. Proxy slot {@code i} listens on port
 * {@code 20000 + i} of the container; nodes reach it there, and the harness through that port published on
 * 127.0.0.1, as it reaches the API. Nothing is published on other interfaces.
 */
public final class ToxiproxyBeside implements ProxySite.Site, AutoCloseable {
  private static final int API = 8474;
  private static final int FIRST_SLOT = 20000;
  private static final Duration READY = Duration.ofSeconds(60);

  private final ToxiproxyContainer container;
  private final String ip;
  private final int apiPort;
  private final List<Integer> slotPorts;
  private final StringBuffer log = new StringBuffer();

  private ToxiproxyBeside(
      ToxiproxyContainer container, String ip, int apiPort, List<Integer> slotPorts) {
    this.container = container;
    this.ip = ip;
    this.apiPort = apiPort;
    this.slotPorts = slotPorts;
  }

  /**
   * Starts the container and waits (at most a minute) until its API answers.
   *
   * @throws DbException when it exits or does not answer, with the end of its log
   */
  static ToxiproxyBeside start(
      Map.Entry<String, Boolean> image,
      String network,
      String ip,
      int slots,
      Map<String, String> labels) {
    DockerImageName name = DockerImageName.parse(image.getKey());
    if (image.getValue()) {
      name =
          name.asCompatibleSubstituteFor(
              LocalImages.TOXIPROXY.substring(0, LocalImages.TOXIPROXY.indexOf(':')));
    }
    List<Integer> ports = Ports.free(slots + 1);
    ToxiproxyContainer c = new ToxiproxyContainer(name);
    c.setExposedPorts(List.of()); // published below on 127.0.0.1 only
    List<String> bindings = new ArrayList<>(List.of("127.0.0.1:" + ports.get(0) + ":" + API));
    for (int i = 0; i < slots; i++) {
      bindings.add("127.0.0.1:" + ports.get(i + 1) + ":" + (FIRST_SLOT + i));
    }
    c.setPortBindings(bindings);
    ToxiproxyBeside t =
        new ToxiproxyBeside(c, ip, ports.get(0), List.copyOf(ports.subList(1, ports.size())));
    c.withNetworkMode(network)
        .withLabels(labels)
        .withLogConsumer(t::record)
        .waitingFor(
            new org.testcontainers.containers.wait.strategy.AbstractWaitStrategy() {
              @Override
              protected void waitUntilReady() {}
            })
        .withCreateContainerCmdModifier(
            cmd ->
                cmd.withName("faultline-" + labels.get(Ownership.CLUSTER) + "-toxiproxy")
                    .withIpv4Address(ip)
                    .withAliases("toxiproxy"));
    try {
      c.start();
      t.awaitApi();
      return t;
    } catch (RuntimeException e) {
      t.close();
      throw new DbException(
          "the Toxiproxy container ("
              + image.getKey()
              + ") did not start: "
              + DockerEngine.firstLine(e)
              + "; the end of its log:\n"
              + t.tail());
    }
  }

  private void record(OutputFrame frame) {
    log.append(frame.getUtf8String());
  }

  private String tail() {
    String[] lines = log.toString().split("\n");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length));
  }

  private void awaitApi() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    HttpRequest version =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/version"))
            .timeout(Duration.ofSeconds(1))
            .GET()
            .build();
    long deadline = System.nanoTime() + READY.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (!container.isRunning()) {
        throw new IllegalStateException("the container exited");
      }
      try {
        if (http.send(version, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted");
      }
      LockSupport.parkNanos(100_000_000L);
    }
    throw new IllegalStateException(
        "its API did not answer on 127.0.0.1:" + apiPort + " within " + READY.toSeconds() + " s");
  }

  @Override
  public String api() {
    return "127.0.0.1:" + apiPort;
  }

  @Override
  public int slots() {
    return slotPorts.size();
  }

  @Override
  public String listen(int slot) {
    return "0.0.0.0:" + (FIRST_SLOT + slot);
  }

  @Override
  public InetSocketAddress forNodes(int slot) {
    return new InetSocketAddress(ip, FIRST_SLOT + slot);
  }

  @Override
  public InetSocketAddress forClients(int slot) {
    return new InetSocketAddress("127.0.0.1", slotPorts.get(slot));
  }

  /** Removes the container. */
  @Override
  public void close() {
    try {
      container.stop();
    } catch (RuntimeException e) {
      // gone already
    }
  }
}
