/**
 * Network faults through the Toxiproxy API. Every directed link between nodes (n_i → n_j) and every client → node
 * link passes through a proxy of its own ({@link io.faultline.nemesis.net.ProxyNet}); the nemeses drive the proxies
 * only through {@code toxiproxy-java}, so the same code works against Faultline's own server and a real Toxiproxy.
 *
 * <p>Partitions are grudges, as in Jepsen: a map from each node to the nodes it no longer hears from
 * ({@link io.faultline.nemesis.net.Grudge}). A grudge becomes cut links, each cut as a silent blackhole (a
 * {@code timeout} toxic of 0 on both streams) or a refusal (the proxy disabled); a new partition cuts its links before
 * it heals the old ones it does not share, so a link cut by both never opens in between. Packet faults put latency, bandwidth,
 * slicer, limit_data or reset_peer toxics on some links.
 */
package io.faultline.nemesis.net;
