package io.faultline.harness.cluster.docker;

import com.github.dockerjava.api.DockerClient;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who owns a container, network or volume: the label {@value #LABEL} = {@code host:pid} of the harness JVM, and
 * {@value #CLUSTER} = the cluster's id. Ryuk is off (it cannot be pulled without a registry), so Faultline reaps its
 * own: clusters close themselves, a shutdown hook closes those left open, and a watchdog removes everything of this
 * JVM when the JVM is gone, however it ended (SIGKILL included). The watchdog is {@code bash}, as for node processes:
 * it reads its standard input, a pipe from this JVM, until end of file, then removes what carries this JVM's owner
 * label with the {@code docker} command. Where that command is missing, the first cluster of the next JVM removes
 * what harnesses on this host left behind (their pid is gone).
 */
final class Ownership {
  private static final Logger LOG = LoggerFactory.getLogger(Ownership.class);
  static final String LABEL = "io.faultline.owner";
  static final String CLUSTER = "io.faultline.cluster";
  private static final String HOST = hostName();
  static final String OWNER = HOST + ":" + ProcessHandle.current().pid();
  private static final Set<AutoCloseable> OPEN = ConcurrentHashMap.newKeySet();
  private static boolean swept;
  private static Process watchdog;

  /** The watchdog script; {@code $1} is the owner label's value. */
  private static final String WATCHDOG =
      String.join(
          "\n",
          "while read -r _; do :; done",
          "f=\"label=" + LABEL + "=$1\"",
          "c=$(docker ps -aq --filter \"$f\"); [ -z \"$c\" ] || docker rm -f -v $c",
          "n=$(docker network ls -q --filter \"$f\"); [ -z \"$n\" ] || docker network rm $n",
          "v=$(docker volume ls -q --filter \"$f\"); [ -z \"$v\" ] || docker volume rm $v",
          "exit 0");

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Ownership::closeAll, "container-reaper"));
  }

  private Ownership() {}

  /** The labels of a resource of cluster {@code id}. */
  static Map<String, String> labels(String id) {
    return Map.of(LABEL, OWNER, CLUSTER, id);
  }

  static void opened(AutoCloseable c) {
    OPEN.add(c);
    startWatchdog();
  }

  private static synchronized void startWatchdog() {
    if (watchdog != null && watchdog.isAlive()) {
      return;
    }
    try {
      watchdog =
          new ProcessBuilder("bash", "-c", WATCHDOG, "container-watchdog", OWNER)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (java.io.IOException e) {
      LOG.debug("no container watchdog: {}", e.toString());
    }
  }

  static void closed(AutoCloseable c) {
    OPEN.remove(c);
  }

  private static void closeAll() {
    for (AutoCloseable c : Set.copyOf(OPEN)) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("cannot remove {}: {}", c, e.toString());
      }
    }
  }

  /** Removes the containers, networks and volumes of harnesses on this host that are gone; once per JVM. */
  static synchronized void sweepOrphans(DockerClient docker) {
    if (swept) {
      return;
    }
    swept = true;
    try {
      docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL)).exec().stream()
          .filter(c -> orphan(c.getLabels().get(LABEL)))
          .forEach(
              c ->
                  docker
                      .removeContainerCmd(c.getId())
                      .withForce(true)
                      .withRemoveVolumes(true)
                      .exec());
      docker.listNetworksCmd().exec().stream()
          .filter(n -> n.getLabels() != null && orphan(n.getLabels().get(LABEL)))
          .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
      var volumes = docker.listVolumesCmd().exec().getVolumes();
      if (volumes != null) {
        volumes.stream()
            .filter(v -> v.getLabels() != null && orphan(v.getLabels().get(LABEL)))
            .forEach(v -> docker.removeVolumeCmd(v.getName()).exec());
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot remove what an earlier harness left in Docker: {}", e.toString());
    }
  }

  private static boolean orphan(String owner) {
    if (owner == null || !owner.startsWith(HOST + ":")) {
      return false;
    }
    try {
      long pid = Long.parseLong(owner.substring(HOST.length() + 1));
      return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
