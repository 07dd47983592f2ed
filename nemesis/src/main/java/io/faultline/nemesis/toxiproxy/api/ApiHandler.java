package io.faultline.nemesis.toxiproxy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the API: turns Netty requests into {@link ApiRequest}s, answers them on the API executor (one
 * thread, so the registry sees one request at a time and may block on binding sockets, which an event loop must
 * not), and writes the response with Toxiproxy's headers. Browsers are refused (403), as Toxiproxy does to stop
 * cross-site requests; a request that takes over 25 s is answered 503.
 */
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final long REQUEST_TIMEOUT_SECONDS = 25;
  private static final AtomicLong REQUEST_IDS = new AtomicLong();

  private final ApiRoutes routes;
  private final Executor apiExecutor;

  ApiHandler(ApiRoutes routes, Executor apiExecutor) {
    this.routes = routes;
    this.apiExecutor = apiExecutor;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    String userAgent = request.headers().get(HttpHeaderNames.USER_AGENT, "");
    if (userAgent.startsWith("Mozilla/")) {
      write(ctx, ApiResponse.error(403, "User agent not allowed"), keepAlive);
      return;
    }
    ApiRequest apiRequest =
        new ApiRequest(
            request.method().name(),
            segments(request.uri()),
            request.content().toString(StandardCharsets.UTF_8));
    CompletableFuture.supplyAsync(() -> routes.handle(apiRequest), apiExecutor)
        .orTimeout(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .whenComplete(
            (response, failure) ->
                write(ctx, response != null ? response : failed(failure), keepAlive));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("API connection failed: {}", cause.toString());
    ctx.close();
  }

  private static ApiResponse failed(Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof TimeoutException) {
      return ApiResponse.error(503, "request timed out");
    }
    LOG.warn("API request failed", cause);
    return ApiResponse.error(500, String.valueOf(cause));
  }

  /** The decoded segments of the path, without the query. */
  static List<String> segments(String uri) {
    String path = new QueryStringDecoder(uri).rawPath();
    List<String> segments = new ArrayList<>();
    for (String s : path.split("/", -1)) {
      segments.add(QueryStringDecoder.decodeComponent(s));
    }
    if (!segments.isEmpty() && segments.get(0).isEmpty()) {
      segments.remove(0);
    }
    if (segments.size() == 1 && segments.get(0).isEmpty()) {
      segments.clear();
    }
    return segments;
  }

  private static void write(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
    FullHttpResponse http =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(response.status()), body(response));
    http.headers().set("X-Toxiproxy-Request-Id", Long.toHexString(REQUEST_IDS.incrementAndGet()));
    if (response.body() != null) {
      http.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
    }
    if (response.status() != 204) {
      HttpUtil.setContentLength(http, http.content().readableBytes());
    }
    if (keepAlive) {
      http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(http);
    } else {
      ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static ByteBuf body(ApiResponse response) {
    if (response.body() == null) {
      return Unpooled.EMPTY_BUFFER;
    }
    try {
      byte[] json = JsonShapes.MAPPER.writeValueAsBytes(response.body());
      ByteBuf buf = Unpooled.buffer(json.length + 1).writeBytes(json);
      return response.trailingNewline() ? buf.writeByte('\n') : buf;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }
}
