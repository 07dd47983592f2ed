package io.faultline.nemesis.toxiproxy.proxy;

import io.faultline.nemesis.toxiproxy.toxic.Direction;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection through a proxy, and the connection to the upstream it opened for it: two sockets, two
 * {@link StreamPipe}s (upstream: client to server; downstream: server to client). Both sockets share one event
 * loop, and everything here runs on it, except {@link #close} and {@link #refreshToxics}, which hop onto it.
 *
 * <p>When either stream ends (a peer closed, or a toxic ended it) the whole connection closes, as in Toxiproxy.
 */
final class ProxyConnection {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyConnection.class);
  private static final int CONNECT_TIMEOUT_MS = 5_000;

  private final TcpProxy proxy;
  private final Channel client;
  private final EventLoop loop;
  private final StreamPipe up = new StreamPipe(this, Direction.UPSTREAM);
  private final StreamPipe down = new StreamPipe(this, Direction.DOWNSTREAM);
  private Channel server;
  private boolean ready;
  private boolean reset;
  private volatile boolean closed;

  ProxyConnection(TcpProxy proxy, Channel client) {
    this.proxy = proxy;
    this.client = client;
    this.loop = client.eventLoop();
  }

  /** Dials the upstream for the accepted {@code client}; if that fails, the client socket is closed at once. */
  void open(InetSocketAddress upstream) {
    client.pipeline().addLast(new Side(up, down));
    new Bootstrap()
        .group(loop)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
        .handler(new Side(down, up))
        .connect(upstream)
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (f.isSuccess()) {
                    onUpstreamConnected(f.channel());
                  } else {
                    LOG.debug(
                        "proxy {}: cannot dial upstream {}: {}",
                        proxy.name(),
                        upstream,
                        f.cause().toString());
                    close();
                  }
                });
  }

  private void onUpstreamConnected(Channel ch) {
    server = ch;
    if (closed) {
      ch.close();
      return;
    }
    if (!client.isActive()) {
      close();
      return;
    }
    up.attach(client, server);
    down.attach(server, client);
    ready = true;
    applyToxics();
    client.config().setAutoRead(true);
    server.config().setAutoRead(true);
  }

  /** Makes this connection's chains follow the proxy's current toxics; safe from any thread. */
  void refreshToxics() {
    loop.execute(this::applyToxics);
  }

  private void applyToxics() {
    if (ready && !closed) {
      ToxicSet toxics = proxy.toxics();
      up.apply(toxics.upstream());
      down.apply(toxics.downstream());
      flushAll();
    }
  }

  /** Runs {@code task} on this connection's loop after a delay, unless the connection has closed by then. */
  Future<?> schedule(long delayNanos, Runnable task) {
    return loop.schedule(
        () -> {
          if (!closed) {
            task.run();
            flushAll();
          }
        },
        delayNanos,
        TimeUnit.NANOSECONDS);
  }

  /** From now on, closing this connection resets both sockets with RST. */
  void resetOnClose() {
    reset = true;
  }

  /** Closes the connection once what was written to {@code dest} is flushed (at once when resetting). */
  void closeAfterFlush(Channel dest) {
    if (reset) {
      close();
    } else {
      dest.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> close());
    }
  }

  /** Closes both sockets and frees what the toxics hold; idempotent and safe from any thread. */
  void close() {
    if (!loop.inEventLoop()) {
      loop.execute(this::close);
      return;
    }
    if (closed) {
      return;
    }
    closed = true;
    proxy.forget(this);
    up.release();
    down.release();
    closeSocket(client);
    if (server != null) {
      closeSocket(server);
    }
  }

  private void closeSocket(Channel ch) {
    if (reset && ch.isOpen()) {
      ch.config().setOption(ChannelOption.SO_LINGER, 0);
    }
    ch.close();
  }

  private void flushAll() {
    if (ready) {
      up.flush();
      down.flush();
    }
  }

  /** The handler of one socket: it is the source of {@code reading} and the destination of {@code writing}. */
  private final class Side extends ChannelInboundHandlerAdapter {
    private final StreamPipe reading;
    private final StreamPipe writing;

    Side(StreamPipe reading, StreamPipe writing) {
      this.reading = reading;
      this.writing = writing;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (closed || !ready) {
        ((ByteBuf) msg).release();
        return;
      }
      reading.onRead((ByteBuf) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      flushAll();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ready) {
        writing.updateReading();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (!ready) {
        close();
      } else if (!closed) {
        reading.onSourceClosed();
        flushAll();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug(
          "proxy {}: {} socket failed: {}", proxy.name(), reading.direction(), cause.toString());
      ctx.close();
    }
  }
}
