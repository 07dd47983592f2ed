package io.faultline.nemesis.toxiproxy;

import io.faultline.nemesis.toxiproxy.api.ApiRoutes;
import io.faultline.nemesis.toxiproxy.api.ApiServer;
import io.faultline.nemesis.toxiproxy.proxy.ProxyRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faultline's Toxiproxy-compatible server: the Toxiproxy HTTP API on one port, and the TCP proxies it creates.
 *
 * <p>In-process use:
 * <pre>{@code
 * try (ToxiproxyServer server = new ToxiproxyServer("127.0.0.1", 0).start()) {
 *     ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());
 *     ...
 * }
 * }</pre>
 * On its own: {@code ToxiproxyServer.main("--host", "127.0.0.1", "--port", "8474")}, which {@code ./faultline
 * toxiproxy} calls.
 *
 * <p>It binds to loopback unless told otherwise. Its threads are daemons, so a server that is never closed does not
 * keep a JVM alive; {@link #close} stops the API, every proxy and every connection.
 */
public final class ToxiproxyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ToxiproxyServer.class);

  /** Where Toxiproxy listens by default. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  public static final int DEFAULT_PORT = 8474;

  private final String host;
  private final int requestedPort;
  private EventLoopGroup group;
  private ExecutorService apiExecutor;
  private ProxyRegistry registry;
  private ApiServer api;
  private final CountDownLatch closed = new CountDownLatch(1);

  /** A server for {@code host:port}; port 0 picks a free port, which {@link #port()} reports once started. */
  public ToxiproxyServer(String host, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    this.host = host;
    this.requestedPort = port;
  }

  /** A server on loopback with a free port. */
  public static ToxiproxyServer onFreePort() {
    return new ToxiproxyServer(DEFAULT_HOST, 0);
  }

  /**
   * Starts the API; proxies start as the API creates them.
   *
   * @return this server
   * @throws UncheckedIOException when the API address cannot be bound
   * @throws IllegalStateException when already started
   */
  public synchronized ToxiproxyServer start() {
    if (group != null) {
      throw new IllegalStateException("already started");
    }
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    group =
        new MultiThreadIoEventLoopGroup(
            threads, new DefaultThreadFactory("toxiproxy", true), NioIoHandler.newFactory());
    apiExecutor =
        Executors.newSingleThreadExecutor(new DefaultThreadFactory("toxiproxy-api", true));
    registry = new ProxyRegistry(group);
    try {
      api =
          ApiServer.bind(
              new InetSocketAddress(InetAddress.getByName(host), requestedPort),
              group,
              new ApiRoutes(registry),
              apiExecutor);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(e);
    }
    LOG.info("Toxiproxy API listening on {}:{}", host, port());
    return this;
  }

  /** The host the API listens on. */
  public String host() {
    return host;
  }

  /** The port the API listens on: the one bound, once started. */
  public synchronized int port() {
    return api == null ? requestedPort : api.address().getPort();
  }

  /** Stops the API, every proxy and every connection; idempotent. */
  @Override
  public synchronized void close() {
    if (api != null) {
      api.close();
      api = null;
    }
    if (registry != null) {
      registry.clear();
      registry = null;
    }
    if (apiExecutor != null) {
      apiExecutor.shutdownNow();
      apiExecutor = null;
    }
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
      group = null;
    }
    closed.countDown();
  }

  /** Blocks until {@link #close} is called. */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /**
   * Runs the server until the JVM stops: {@code [--host H] [--port P]} (defaults 127.0.0.1 and 8474).
   * Bad arguments print one line naming the problem and exit with 3.
   */
  public static void main(String[] args) throws InterruptedException {
    ToxiproxyServer server;
    try {
      server = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("toxiproxy: " + e.getMessage());
      System.exit(3);
      return;
    }
    try {
      server.start();
    } catch (UncheckedIOException e) {
      System.err.println("toxiproxy: " + e.getCause().getMessage());
      System.exit(3);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "toxiproxy-shutdown"));
    System.out.println(
        "Toxiproxy API (version "
            + ApiRoutes.VERSION
            + ") listening on "
            + server.host()
            + ":"
            + server.port());
    server.awaitClose();
  }

  /** Reads {@code --host} and {@code --port}. @throws IllegalArgumentException naming a bad argument */
  static ToxiproxyServer parse(String... args) {
    String host = DEFAULT_HOST;
    int port = DEFAULT_PORT;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (!flag.equals("--host") && !flag.equals("--port")) {
        throw new IllegalArgumentException(
            "unknown argument " + flag + " (expected --host H, --port P)");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      if (flag.equals("--host")) {
        host = value;
      } else {
        port = parsePort(value);
      }
    }
    return new ToxiproxyServer(host, port);
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--port " + value + ": not a port number (0-65535)");
  }
}
