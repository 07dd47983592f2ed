package io.faultline.nemesis.toxiproxy.proxy;

import io.faultline.nemesis.toxiproxy.toxic.ToxicSpec;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxy: a listening socket that, for every client it accepts, dials the upstream and pipes bytes both ways
 * through the proxy's toxics.
 *
 * <p>Threading: configuration changes come from the API thread and are serialised by this object's monitor;
 * connections read the toxics and the upstream through volatile fields, without locks.
 */
public final class TcpProxy {
  private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);

  private final String name;
  private final EventLoopGroup group;
  private final Set<ProxyConnection> connections = ConcurrentHashMap.newKeySet();
  private volatile String listen;
  private volatile String upstream;
  private volatile ToxicSet toxics = ToxicSet.EMPTY;
  private volatile Listening listening;

  /**
   * One period of listening, from start to stop. A connection accepted in a period that has stopped is closed, even
   * if the proxy has started again since: it belongs to the old listener (and maybe the old upstream).
   */
  private static final class Listening {
    private volatile boolean stopped;
    private Acceptor acceptor;
  }

  TcpProxy(String name, String listen, String upstream, EventLoopGroup group) {
    this.name = name;
    this.listen = listen;
    this.upstream = upstream;
    this.group = group;
  }

  public String name() {
    return name;
  }

  /** The listen address; once started, the address actually bound (a port 0 becomes the port chosen). */
  public String listen() {
    return listen;
  }

  public String upstream() {
    return upstream;
  }

  /** Whether the proxy is listening. */
  public boolean enabled() {
    return listening != null;
  }

  public ToxicSet toxics() {
    return toxics;
  }

  /**
   * Starts listening, if not yet; the listen address then shows the port actually bound.
   *
   * @throws ApiError 500 with the reason when the address cannot be bound
   */
  synchronized void start() {
    if (listening != null) {
      return;
    }
    InetSocketAddress address;
    try {
      address = HostPort.parse(listen).resolve();
    } catch (Exception e) {
      throw new ApiError(500, "listen " + listen + ": " + e.getMessage());
    }
    Listening period = new Listening();
    try {
      period.acceptor = Acceptor.listen(address, name, socket -> accept(socket, period));
    } catch (IOException e) {
      throw new ApiError(500, "listen tcp " + listen + ": " + e.getMessage());
    }
    listen = HostPort.format(period.acceptor.address());
    listening = period;
    LOG.info("proxy {} listening on {}, upstream {}", name, listen, upstream);
  }

  /** Stops listening (new connections are refused) and closes every connection; idempotent. */
  synchronized void stop() {
    Listening period = listening;
    if (period == null) {
      return;
    }
    listening = null;
    period.stopped = true;
    period.acceptor.close();
    List.copyOf(connections).forEach(ProxyConnection::close);
    LOG.info("proxy {} stopped", name);
  }

  /** Changes the addresses; if either changed, a running proxy restarts and drops its connections. */
  synchronized void readdress(String newListen, String newUpstream) {
    if (newListen.equals(listen) && newUpstream.equals(upstream)) {
      return;
    }
    boolean wasRunning = enabled();
    stop();
    listen = newListen;
    upstream = newUpstream;
    if (wasRunning) {
      start();
    }
  }

  /**
   * Adds a toxic at the end of its stream.
   *
   * @throws ApiError 409 when a toxic of that name exists in either stream
   */
  synchronized void addToxic(ToxicSpec spec) {
    if (toxics.find(spec.name()).isPresent()) {
      throw ApiError.conflict("toxic already exists");
    }
    publish(toxics.with(spec));
  }

  /**
   * Merges {@code attributes} into a toxic's and sets its toxicity; connections roll the toxicity again.
   *
   * @throws ApiError 404 when there is no such toxic
   */
  synchronized ToxicSpec updateToxic(
      String toxicName, Map<String, Long> attributes, Float toxicity) {
    ToxicSpec old = toxic(toxicName);
    ToxicSpec updated = old.updated(attributes, toxicity == null ? old.toxicity() : toxicity);
    publish(toxics.replacing(updated));
    return updated;
  }

  /** Removes a toxic; removing a {@code timeout} closes the connections it held. @throws ApiError 404 */
  synchronized void removeToxic(String toxicName) {
    toxic(toxicName);
    publish(toxics.without(toxicName));
  }

  /** Removes every toxic. */
  synchronized void removeAllToxics() {
    publish(ToxicSet.EMPTY);
  }

  /** The toxic named {@code toxicName}. @throws ApiError 404 {@code toxic not found} */
  public ToxicSpec toxic(String toxicName) {
    return toxics.find(toxicName).orElseThrow(() -> ApiError.notFound("toxic not found"));
  }

  /** A connection closed. */
  void forget(ProxyConnection connection) {
    connections.remove(connection);
  }

  private void publish(ToxicSet next) {
    toxics = next;
    connections.forEach(ProxyConnection::refreshToxics);
  }

  /** On the acceptor's thread: hands the socket to an event loop, and the connection dials the upstream. */
  private void accept(SocketChannel socket, Listening period) {
    try {
      InetSocketAddress target = HostPort.parse(upstream).resolve();
      NioSocketChannel client = new NioSocketChannel(socket);
      client.config().setAutoRead(false);
      client.config().setTcpNoDelay(true);
      group
          .next()
          .register(client)
          .addListener(
              registered -> {
                if (registered.isSuccess()) {
                  admit(new ProxyConnection(this, client), period, target);
                } else {
                  closeQuietly(socket);
                }
              });
    } catch (Exception e) {
      LOG.debug("proxy {}: dropping a client: {}", name, e.toString());
      closeQuietly(socket);
    }
  }

  /** Registers, then checks the period: either {@link #stop} sees the connection, or it sees the stop. */
  private void admit(ProxyConnection connection, Listening period, InetSocketAddress target) {
    connections.add(connection);
    if (period.stopped) {
      connection.close();
    } else {
      connection.open(target);
    }
  }

  private static void closeQuietly(SocketChannel socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing more to do with a socket we are dropping
    }
  }
}
