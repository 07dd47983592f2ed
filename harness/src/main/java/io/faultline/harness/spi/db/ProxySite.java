package io.faultline.harness.spi.db;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A cluster whose nodes cannot reach proxies in the harness (the {@code docker} backend: nodes live on a private
 * network), so it runs a Toxiproxy server beside them. The network nemeses create their proxies there, through the
 * same Toxiproxy API, instead of in the harness.
 */
public interface ProxySite {

  /**
   * The Toxiproxy server beside the nodes, started on the first call; empty when proxies may run in the harness.
   *
   * @throws DbException when the server cannot be started
   */
  Optional<Site> toxiproxySite();

  /** A Toxiproxy server with a fixed number of proxy slots, each a port it may listen on. */
  interface Site {

    /** {@code host:port} of the Toxiproxy API, as the harness reaches it. */
    String api();

    /** How many proxies it can hold. */
    int slots();

    /** The listen address of proxy {@code slot}, as given to the API (an address inside the server). */
    String listen(int slot);

    /** Where nodes reach proxy {@code slot}. */
    InetSocketAddress forNodes(int slot);

    /** Where the harness (clients) reaches proxy {@code slot}. */
    InetSocketAddress forClients(int slot);
  }
}
