package io.faultline.nemesis.toxiproxy.toxic;

import io.netty.buffer.ByteBuf;

/** A toxic that does nothing on this connection, because its toxicity roll said so. */
public final class PassThroughStage extends Stage {
  @Override
  public void onData(ByteBuf buf) {
    next().onData(buf);
  }
}
