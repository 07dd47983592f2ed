package io.faultline.nemesis.toxiproxy.proxy;

/**
 * A proxy as a create or populate request describes it.
 *
 * @param name unique among the proxies
 * @param listen the address to listen on, {@code host:port}; port 0 picks a free port
 * @param upstream the address to dial for every accepted client
 * @param enabled whether the proxy starts listening at once
 */
public record ProxyConfig(String name, String listen, String upstream, boolean enabled) {

  /**
   * Checks the fields the API requires.
   *
   * @throws ApiError 400 {@code missing required field: name} or {@code …: upstream}
   */
  public ProxyConfig validate() {
    if (name == null || name.isEmpty()) {
      throw ApiError.badRequest("missing required field: name");
    }
    if (upstream == null || upstream.isEmpty()) {
      throw ApiError.badRequest("missing required field: upstream");
    }
    return this;
  }
}
