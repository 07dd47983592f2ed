package io.faultline.nemesis.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.cluster.docker.DockerEngine;
import io.faultline.harness.cluster.docker.LocalImages;
import io.faultline.harness.junit.Faultline;
import io.faultline.workloads.raft.RaftDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The node image is built from the jar before a run, reused while the jar is the same, rebuilt when it changes. */
@Tag("docker")
@ExtendWith(RequiresDocker.class)
class DockerImagesIT {

  private static String imageId(String tag) {
    return DockerEngine.client().inspectImageCmd(tag).exec().getId();
  }

  @Test
  void theNodeImageIsRebuiltExactlyWhenTheJarChanges(@TempDir Path dir) throws IOException {
    Path jar = Files.copy(RaftDb.jarIn(Faultline.root()), dir.resolve("raft-node.jar"));

    String first = LocalImages.raftNode(Faultline.root(), jar);
    String again = LocalImages.raftNode(Faultline.root(), jar);
    assertThat(again).as("same jar, same image").isEqualTo(first);
    String firstId = imageId(first);

    Files.write(jar, new byte[] {0}, StandardOpenOption.APPEND);
    String changed = LocalImages.raftNode(Faultline.root(), jar);

    assertThat(changed)
        .as("a changed jar gets a new image")
        .isNotEqualTo(first)
        .startsWith("faultline-raft:");
    assertThat(imageId(changed)).isNotEqualTo(firstId);
    assertThat(DockerEngine.client().listImagesCmd().withReferenceFilter(first).exec())
        .as("the image of the old jar is removed")
        .isEmpty();
  }
}
