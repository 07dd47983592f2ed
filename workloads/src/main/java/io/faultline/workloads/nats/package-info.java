/**
 * NATS JetStream as a system under test: the cluster of {@code nats-server}s on the shared node lifecycle
 * ({@link io.faultline.workloads.nats.NatsDb}), its options and the queue workload's client over the official Java
 * client.
 */
package io.faultline.workloads.nats;
