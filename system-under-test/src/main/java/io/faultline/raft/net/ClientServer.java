package io.faultline.raft.net;

import io.faultline.raft.RaftNode;
import io.faultline.raft.Reply;
import io.faultline.raft.kv.KvStateMachine;
import io.faultline.raft.protocol.ClientFrames;
import io.faultline.raft.protocol.KvCommand;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the binary client protocol ({@link ClientFrames}) on TCP. Writes go through the log
 * ({@link RaftNode#propose}); reads through {@link RaftNode#read}. A node that is not the leader answers
 * {@code NOT_LEADER} with the leader it knows of, and the client library redirects. A node with unsafe modes that
 * the client library plays ({@link io.faultline.raft.UnsafeMode#playedByClient}) names them in its answer to every
 * session open, in place of the null a correct node answers.
 */
public final class ClientServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClientServer.class);

  private final RaftNode node;
  private final EventLoopGroup group;
  private final List<String> clientModes;
  private Channel server;

  /** {@code clientModes}: the flags of the client-played unsafe modes to tell clients of (empty: none). */
  public ClientServer(RaftNode node, EventLoopGroup group, List<String> clientModes) {
    this.node = node;
    this.group = group;
    this.clientModes = List.copyOf(clientModes);
  }

  public void start(InetSocketAddress address) throws InterruptedException {
    server = Frames.bindServer(group, address, ClientFrames.MAX_FRAME, Handler::new);
  }

  @Override
  public void close() {
    if (server != null) {
      server.close().syncUninterruptibly();
    }
  }

  private final class Handler extends SimpleChannelInboundHandler<ByteBuf> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
      byte[] body = new byte[frame.readableBytes()];
      frame.readBytes(body);
      long[] id = {-1};
      KvCommand cmd;
      try {
        cmd = ClientFrames.readRequest(java.nio.ByteBuffer.wrap(body), id);
      } catch (RuntimeException e) {
        if (id[0] >= 0) {
          respond(ctx.channel(), id[0], Reply.rejected(null));
        } else {
          ctx.close();
        }
        return;
      }
      long requestId = id[0];
      Channel ch = ctx.channel();
      if (cmd.op() == KvCommand.Op.READ) {
        node.read(cmd.encode(), r -> respond(ch, requestId, r));
      } else if (cmd.op() == KvCommand.Op.OPEN && !clientModes.isEmpty()) {
        node.propose(cmd.encode(), r -> respond(ch, requestId, withClientModes(r)));
      } else {
        node.propose(cmd.encode(), r -> respond(ch, requestId, r));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug(
          "closing client connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    }
  }

  /** A session opened: its answer names the client-played unsafe modes instead of null. */
  private Reply withClientModes(Reply r) {
    return r.status() == Reply.Status.OK && r.value() == null ? Reply.ok(clientModes) : r;
  }

  private void respond(Channel ch, long requestId, Reply r) {
    byte status;
    Object value = r.value();
    switch (r.status()) {
      case OK:
        if (value == KvStateMachine.STALE) {
          status = ClientFrames.UNCERTAIN;
        } else if (value == KvStateMachine.SESSION_EXPIRED) {
          status = ClientFrames.SESSION_EXPIRED;
        } else {
          status = ClientFrames.OK;
        }
        break;
      case NOT_LEADER:
        status = ClientFrames.NOT_LEADER;
        break;
      case UNCERTAIN:
        status = ClientFrames.UNCERTAIN;
        break;
      default:
        status = ClientFrames.REJECTED;
    }
    if (!ch.isActive()) {
      return;
    }
    ch.writeAndFlush(
        Unpooled.wrappedBuffer(
            ClientFrames.response(
                requestId,
                status,
                status == ClientFrames.OK ? value : null,
                node.id(),
                r.leader(),
                r.index(),
                r.term())),
        ch.voidPromise());
  }
}
