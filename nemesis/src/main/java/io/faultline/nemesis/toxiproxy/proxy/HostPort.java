package io.faultline.nemesis.toxiproxy.proxy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A {@code host:port} address as the Toxiproxy API writes it ({@code 127.0.0.1:8666}, {@code localhost:0},
 * {@code [::1]:8666}). An empty host means loopback here (Toxiproxy would listen on every interface): Faultline's
 * proxies stay on loopback unless an address says otherwise.
 */
record HostPort(String host, int port) {

  /** Parses {@code text}; throws {@link IllegalArgumentException} naming the problem. */
  static HostPort parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("address " + text + ": missing port");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address " + text + ": invalid port", e);
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("address " + text + ": invalid port");
    }
    return new HostPort(host.isEmpty() ? "127.0.0.1" : host, port);
  }

  /** Resolves the host. */
  InetSocketAddress resolve() throws UnknownHostException {
    return new InetSocketAddress(InetAddress.getByName(host), port);
  }

  /** How the API shows a bound socket address: the IP literal and the port. */
  static String format(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    String host =
        ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
    return host + ":" + address.getPort();
  }
}
