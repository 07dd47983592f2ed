package io.faultline.nemesis.suites;

import com.github.dockerjava.api.DockerClient;
import io.faultline.harness.cluster.docker.DockerEngine;

/** How many containers (running or not), networks and volumes the Docker engine holds: what a run must give back. */
record DockerCounts(int containers, int networks, int volumes) {

  static DockerCounts now() {
    DockerClient docker = DockerEngine.client();
    var volumes = docker.listVolumesCmd().exec().getVolumes();
    return new DockerCounts(
        docker.listContainersCmd().withShowAll(true).exec().size(),
        docker.listNetworksCmd().exec().size(),
        volumes == null ? 0 : volumes.size());
  }
}
