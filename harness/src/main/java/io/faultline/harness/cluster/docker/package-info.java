/**
 * The {@code docker} cluster backend: nodes as containers on a private Docker network, started through
 * Testcontainers, with a Toxiproxy container beside them for the network faults.
 *
 * <p>{@link io.faultline.harness.cluster.docker.DockerEngine} finds the engine and fails with one line when there is
 * none; {@link io.faultline.harness.cluster.docker.LocalImages} builds images from local jars (no registry needed:
 * the base image can come from {@code system-under-test/docker/bootstrap-base.sh}) and rebuilds one only when its
 * inputs changed; {@link io.faultline.harness.cluster.docker.ContainerCluster} runs the nodes. Every node gets a fixed
 * address on the network, so a restarted node (a new container on the same data volume) keeps its address, and its
 * client and admin ports are published on 127.0.0.1 only. Every container, network and volume carries the label
 * {@code io.faultline.owner} and is removed when the cluster closes, by a JVM shutdown hook, or, after a harness was
 * killed outright, by the next cluster's sweep of owners that are gone.
 */
package io.faultline.harness.cluster.docker;
