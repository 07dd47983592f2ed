package io.faultline.nemesis.toxiproxy.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;

/** The listening HTTP socket of the API: Netty's HTTP/1.1 codec in front of {@link ApiHandler}. */
public final class ApiServer {
  private static final int MAX_BODY_BYTES = 1 << 20;

  private final Channel channel;

  private ApiServer(Channel channel) {
    this.channel = channel;
  }

  /**
   * Binds the API to {@code address} and serves {@code routes}, answering requests on {@code apiExecutor}.
   *
   * @throws IOException when the address cannot be bound
   */
  public static ApiServer bind(
      InetSocketAddress address, EventLoopGroup group, ApiRoutes routes, Executor apiExecutor)
      throws IOException {
    ChannelFuture bound =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            new HttpServerCodec(),
                            new HttpObjectAggregator(MAX_BODY_BYTES),
                            new ApiHandler(routes, apiExecutor));
                  }
                })
            .bind(address)
            .awaitUninterruptibly();
    if (!bound.isSuccess()) {
      throw new IOException(
          "cannot listen on "
              + address.getHostString()
              + ":"
              + address.getPort()
              + ": "
              + bound.cause().getMessage(),
          bound.cause());
    }
    return new ApiServer(bound.channel());
  }

  /** The address actually bound. */
  public InetSocketAddress address() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** Stops listening. */
  public void close() {
    channel.close().awaitUninterruptibly();
  }
}
