package io.faultline.raft.net;

import io.faultline.raft.message.MessageCodec;
import io.faultline.raft.message.RaftMessage;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/** Length-prefixed framing shared by the peer and client channels: a 4-byte big-endian length, then the body. */
final class Frames {
  static final int MAX_PEER_FRAME = 128 << 20;

  private Frames() {}

  /**
   * Binds a TCP server whose channels decode length-prefixed frames and pass each to a new handler from
   * {@code handler}.
   */
  static Channel bindServer(
      EventLoopGroup group,
      InetSocketAddress address,
      int maxFrame,
      Supplier<ChannelHandler> handler)
      throws InterruptedException {
    return new ServerBootstrap()
        .group(group)
        .channel(IoTransport.of(group).serverChannel())
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                addDecoder(ch.pipeline(), maxFrame);
                ch.pipeline().addLast(handler.get());
              }
            })
        .bind(address)
        .sync()
        .channel();
  }

  /** Adds a decoder that emits one {@link ByteBuf} per frame, without the length prefix. */
  static void addDecoder(ChannelPipeline p, int maxFrame) {
    p.addLast(new LengthFieldBasedFrameDecoder(maxFrame, 0, 4, 0, 4));
  }

  static ByteBuf encode(ByteBufAllocator alloc, RaftMessage m) {
    ByteBuf buf = alloc.buffer();
    buf.writeInt(0);
    try (ByteBufOutputStream out = new ByteBufOutputStream(buf)) {
      MessageCodec.encode(m, out);
    } catch (IOException e) {
      buf.release();
      throw new UncheckedIOException(e);
    }
    buf.setInt(0, buf.readableBytes() - 4);
    return buf;
  }

  static RaftMessage decode(ByteBuf frame) throws IOException {
    try (ByteBufInputStream in = new ByteBufInputStream(frame)) {
      return MessageCodec.decode(in);
    }
  }
}
