package io.faultline.nemesis.toxiproxy.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A proxy's listening socket, accepting on a thread of its own in blocking mode.
 *
 * <p>Why not Netty's NIO server channel: the JDK closes a listening socket that is registered with a selector only
 * at the selector's next wake-up, so for a moment after "close" the kernel still completes handshakes, and a
 * disabled proxy would accept a connection and then reset it. A blocking listener is gone when {@link #close}
 * returns, so a disabled proxy refuses connections from that instant, as Toxiproxy's does. The accepted sockets are
 * handed to Netty for the data path.
 */
final class Acceptor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);
  private static final int BACKLOG = 1024;
  private static final long JOIN_MILLIS = 5_000;

  private final ServerSocketChannel server;
  private final Thread thread;

  private Acceptor(ServerSocketChannel server, Consumer<SocketChannel> onAccept, String name) {
    this.server = server;
    this.thread = new Thread(() -> acceptLoop(onAccept), "toxiproxy-accept-" + name);
    this.thread.setDaemon(true);
  }

  /**
   * Listens on {@code address} and hands every accepted socket to {@code onAccept}, on the acceptor's thread.
   *
   * @throws IOException when the address cannot be bound
   */
  static Acceptor listen(InetSocketAddress address, String name, Consumer<SocketChannel> onAccept)
      throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    try {
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(address, BACKLOG);
    } catch (IOException e) {
      server.close();
      throw e;
    }
    Acceptor acceptor = new Acceptor(server, onAccept, name);
    acceptor.thread.start();
    return acceptor;
  }

  /** The address actually bound. */
  InetSocketAddress address() {
    try {
      return (InetSocketAddress) server.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException("listener is closed", e);
    }
  }

  /** Stops listening: when this returns, new connections are refused. */
  @Override
  public void close() {
    try {
      server.close();
      thread.join(JOIN_MILLIS);
    } catch (IOException e) {
      LOG.warn("closing listener: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop(Consumer<SocketChannel> onAccept) {
    while (true) {
      try {
        onAccept.accept(server.accept());
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!server.isOpen()) {
          return;
        }
        LOG.warn("accept failed: {}", e.toString());
      }
    }
  }
}
