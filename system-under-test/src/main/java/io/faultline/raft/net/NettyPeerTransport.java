package io.faultline.raft.net;

import io.faultline.raft.Transport;
import io.faultline.raft.message.RaftMessage;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer {@link Transport} over TCP with Netty. Each member listens on its own address for messages and keeps one
 * outbound connection to every other member for the messages it sends, so each direction of a pair is its own TCP
 * connection (and its own proxy, when the harness interposes one per directed link). A message for a peer that is
 * not connected, or whose send buffer is full, is dropped; Raft retries on its own.
 */
public final class NettyPeerTransport implements Transport, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NettyPeerTransport.class);
  private static final long RECONNECT_NANOS = 100_000_000L;

  private final String self;
  private final Map<String, InetSocketAddress> members;
  private final EventLoopGroup group;
  private final Consumer<RaftMessage> inbound;
  private final Map<String, Link> links = new HashMap<>();
  private Channel server;

  public NettyPeerTransport(
      String self,
      Map<String, InetSocketAddress> members,
      EventLoopGroup group,
      Consumer<RaftMessage> inbound) {
    this.self = self;
    this.members = members;
    this.group = group;
    this.inbound = inbound;
    for (Map.Entry<String, InetSocketAddress> e : members.entrySet()) {
      if (!e.getKey().equals(self)) {
        links.put(e.getKey(), new Link(e.getKey(), e.getValue()));
      }
    }
  }

  /** Binds the listening socket on this member's address. */
  public void start() throws InterruptedException {
    server = Frames.bindServer(group, members.get(self), Frames.MAX_PEER_FRAME, Inbound::new);
  }

  @Override
  public void send(String to, RaftMessage message) {
    Link link = links.get(to);
    if (link != null) {
      link.send(message);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.close().syncUninterruptibly();
    }
    for (Link l : links.values()) {
      Channel ch = l.channel;
      if (ch != null) {
        ch.close();
      }
    }
  }

  private final class Inbound extends SimpleChannelInboundHandler<ByteBuf> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) throws Exception {
      inbound.accept(Frames.decode(frame));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug(
          "{} closing peer connection from {}: {}",
          self,
          ctx.channel().remoteAddress(),
          cause.toString());
      ctx.close();
    }
  }

  /** The outbound connection to one peer, re-established on demand at most every 100 ms. */
  private final class Link {
    private final String id;
    private final InetSocketAddress address;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private volatile Channel channel;
    private volatile long nextAttemptNanos;

    Link(String id, InetSocketAddress address) {
      this.id = id;
      this.address = address;
    }

    void send(RaftMessage m) {
      Channel ch = channel;
      if (ch != null && ch.isActive()) {
        if (ch.isWritable()) {
          ch.writeAndFlush(Frames.encode(ch.alloc(), m), ch.voidPromise());
        }
        return;
      }
      connect();
    }

    private void connect() {
      long now = System.nanoTime();
      if (now - nextAttemptNanos < 0 || !connecting.compareAndSet(false, true)) {
        return;
      }
      nextAttemptNanos = now + RECONNECT_NANOS;
      new Bootstrap()
          .group(group)
          .channel(IoTransport.of(group).socketChannel())
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000)
          .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(4 << 20, 8 << 20))
          .handler(
              new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                  ch.pipeline().addLast(new Discard());
                }
              })
          .connect(address)
          .addListener(
              (ChannelFuture f) -> {
                connecting.set(false);
                if (f.isSuccess()) {
                  channel = f.channel();
                  LOG.debug("{} connected to {} at {}", self, id, address);
                }
              });
    }
  }

  /** Outbound connections carry no replies; anything read is discarded and errors close the connection. */
  private static final class Discard extends SimpleChannelInboundHandler<ByteBuf> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {}

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
