package io.faultline.nemesis.toxiproxy.proxy;

import io.faultline.nemesis.toxiproxy.toxic.ToxicSpec;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every proxy of one server, by name: what the API reads and changes. All methods are serialised on this object's
 * monitor; the data path never takes it.
 */
public final class ProxyRegistry {
  private final EventLoopGroup group;
  private final Map<String, TcpProxy> proxies = new LinkedHashMap<>();

  /** A registry whose proxies run their sockets on {@code group}. */
  public ProxyRegistry(EventLoopGroup group) {
    this.group = group;
  }

  /** Every proxy, in the order created. */
  public synchronized List<TcpProxy> all() {
    return List.copyOf(proxies.values());
  }

  /** The proxy named {@code name}. @throws ApiError 404 {@code proxy not found} */
  public synchronized TcpProxy get(String name) {
    TcpProxy proxy = proxies.get(name);
    if (proxy == null) {
      throw ApiError.notFound("proxy not found");
    }
    return proxy;
  }

  /**
   * Creates a proxy and, if enabled, starts it.
   *
   * @throws ApiError 409 {@code proxy already exists}; 500 when its address cannot be bound
   */
  public synchronized TcpProxy create(ProxyConfig config) {
    if (proxies.containsKey(config.name())) {
      throw ApiError.conflict("proxy already exists");
    }
    TcpProxy proxy = new TcpProxy(config.name(), config.listen(), config.upstream(), group);
    if (config.enabled()) {
      proxy.start();
    }
    proxies.put(config.name(), proxy);
    return proxy;
  }

  /**
   * Creates several proxies. All are validated before any is created; an existing proxy with the same addresses
   * is kept untouched, one with other addresses is replaced.
   *
   * @return the proxies, in the order given
   */
  public synchronized List<TcpProxy> populate(List<ProxyConfig> configs) {
    configs.forEach(ProxyConfig::validate);
    List<TcpProxy> result = new ArrayList<>();
    for (ProxyConfig config : configs) {
      TcpProxy existing = proxies.get(config.name());
      if (existing != null
          && existing.listen().equals(config.listen())
          && existing.upstream().equals(config.upstream())) {
        result.add(existing);
        continue;
      }
      if (existing != null) {
        delete(config.name());
      }
      result.add(create(config));
    }
    return result;
  }

  /**
   * Changes the fields given: new addresses restart the proxy; {@code enabled} starts or stops it.
   *
   * @throws ApiError 404 when there is no such proxy; 500 when an address cannot be bound
   */
  public synchronized TcpProxy update(
      String name, Optional<String> listen, Optional<String> upstream, Optional<Boolean> enabled) {
    TcpProxy proxy = get(name);
    proxy.readdress(listen.orElse(proxy.listen()), upstream.orElse(proxy.upstream()));
    if (enabled.isPresent()) {
      if (enabled.get()) {
        proxy.start();
      } else {
        proxy.stop();
      }
    }
    return proxy;
  }

  /** Stops a proxy, closes its connections and forgets it. @throws ApiError 404 */
  public synchronized void delete(String name) {
    get(name).stop();
    proxies.remove(name);
  }

  /** Adds a toxic to a proxy. @throws ApiError 404 no such proxy; 409 {@code toxic already exists} */
  public synchronized void addToxic(String proxyName, ToxicSpec spec) {
    get(proxyName).addToxic(spec);
  }

  /**
   * Merges attributes into a toxic and sets its toxicity (when not null).
   *
   * @throws ApiError 404 when there is no such proxy or toxic
   */
  public synchronized ToxicSpec updateToxic(
      String proxyName, String toxicName, Map<String, Long> attributes, Float toxicity) {
    return get(proxyName).updateToxic(toxicName, attributes, toxicity);
  }

  /** Removes a toxic from a proxy. @throws ApiError 404 when there is no such proxy or toxic */
  public synchronized void removeToxic(String proxyName, String toxicName) {
    get(proxyName).removeToxic(toxicName);
  }

  /** Re-enables every proxy and removes every toxic. @throws ApiError 500 when a proxy cannot be restarted */
  public synchronized void reset() {
    for (TcpProxy proxy : proxies.values()) {
      proxy.start();
      proxy.removeAllToxics();
    }
  }

  /** Stops every proxy and forgets them all. */
  public synchronized void clear() {
    proxies.values().forEach(TcpProxy::stop);
    proxies.clear();
  }
}
