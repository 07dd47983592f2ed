package io.faultline.raft.net;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

/**
 * The I/O transport under a node's event loop and channels: Linux's native {@code epoll} (edge-triggered, no
 * selected-key set, fewer system calls per message) or Java's NIO selector. Every channel of a node is created on the
 * node's one event loop, so the channel classes follow from that loop's transport ({@link #of}).
 */
public enum IoTransport {
  NIO,
  EPOLL;

  /** {@code epoll} where Netty's native library loads (Linux x86_64), else {@code nio}. */
  public static IoTransport best() {
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  /**
   * Parses {@code auto}, {@code nio} or {@code epoll}.
   *
   * @throws IllegalArgumentException for any other name, or {@code epoll} where it cannot load (with the reason)
   */
  public static IoTransport parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "auto" -> best();
      case "nio" -> NIO;
      case "epoll" -> {
        if (!Epoll.isAvailable()) {
          throw new IllegalArgumentException(
              "epoll is not available here: " + Epoll.unavailabilityCause().getMessage());
        }
        yield EPOLL;
      }
      default ->
          throw new IllegalArgumentException("expected auto, nio or epoll, got '" + name + "'");
    };
  }

  /** A group of {@code threads} event loops on this transport. */
  public EventLoopGroup group(int threads, ThreadFactory factory) {
    IoHandlerFactory handlers =
        this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    return new MultiThreadIoEventLoopGroup(threads, factory, handlers);
  }

  /** The transport of a group made by {@link #group}. */
  static IoTransport of(EventLoopGroup group) {
    return group instanceof IoEventLoopGroup g && g.isIoType(EpollIoHandler.class) ? EPOLL : NIO;
  }

  Class<? extends ServerChannel> serverChannel() {
    return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  Class<? extends Channel> socketChannel() {
    return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  /** The name {@link #parse} accepts. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
