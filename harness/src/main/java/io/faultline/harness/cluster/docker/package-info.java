/**
 * The {@code docker} cluster backend: nodes as containers on a private Docker network, started through
 * Testcontainers, with a Toxiproxy container beside them for the network faults.
 *
 * <p>{@link io.faultline.harness.cluster.docker.DockerEngine} finds the engine and fails with one line when there is
 * none; {@link io.faultline.harness.cluster.docker.LocalImages} builds images from local jars (no registry needed:
 * the base image can come from {@code system-under-test/docker/bootstrap-base.sh}) and rebuilds one only when its
 * inputs changed; {@link io.faultline.harness.cluster.docker.DockerBackend} runs the nodes. Every node gets a fixed
 * address on the network (a free {@code /24} of {@code 10.213.0.0/16}), so a restarted node (a new container on the
 * same data volume) keeps its address, and the store's nodes, which resolve their peers once, still reach it; its
 * ports are published on 127.0.0.1 only. Every container, network and volume carries the label
 * {@code io.faultline.owner} and is removed when the cluster closes, by a JVM shutdown hook, or, when the harness
 * was killed outright, by a watchdog process that outlives it (or else by the next harness's sweep of owners gone).
 */
package io.faultline.harness.cluster.docker;
