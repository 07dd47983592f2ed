package io.faultline.harness.spi.db;

import java.net.InetSocketAddress;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A cluster whose traffic the harness can route through proxies: each node reaches each peer, and clients reach each
 * node, at an address the harness chooses, so a proxy per directed link can cut one direction only.
 */
public interface Routable {

  /** Where {@code node} listens for its peers. */
  InetSocketAddress peerListenAddress(String node);

  /** Where {@code node} serves clients. */
  InetSocketAddress clientListenAddress(String node);

  /**
   * Routes traffic; takes effect for nodes and clients started afterwards, so call it before {@link Db#setup()}.
   *
   * @param peer where {@code from} sends to {@code to}: {@code peer.apply(from, to)}
   * @param client where clients reach {@code node}: {@code client.apply(node)}
   */
  void route(
      BiFunction<String, String, InetSocketAddress> peer,
      Function<String, InetSocketAddress> client);
}
