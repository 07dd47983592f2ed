package io.faultline.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.harness.junit.Faultline;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lazy file system on a real mount: a crafted sequence of writes, fsyncs, creates, renames and unlinks, then a
 * simulated power loss, then the files read back. Skipped, with the reason, without root, FUSE or a compiler.
 */
class LazyFsTest {
  @TempDir Path tmp;
  private LazyFs.Mount mount;
  private Path m;

  @BeforeEach
  void mount() {
    Optional<String> refused = LazyFs.refusal(Faultline.root());
    assumeTrue(refused.isEmpty(), () -> refused.orElseThrow());
    mount =
        LazyFs.mount(
            Faultline.root(), tmp.resolve("disk"), tmp.resolve("mnt"), tmp.resolve("fs.log"));
    m = mount.mountPoint();
  }

  @AfterEach
  void unmount() {
    if (mount != null) {
      mount.close();
      assertThat(LazyFs.mounts()).doesNotContain(m.toAbsolutePath().toString());
    }
  }

  @Test
  void aPowerLossKeepsWhatWasSyncedAndDropsTheRest() throws IOException {
    write(m.resolve("synced"), "durable", true);
    syncDir(m);
    append(m.resolve("synced"), " and lost", false);
    write(m.resolve("tmp"), "renamed in", true);
    syncDir(m);
    Files.move(m.resolve("tmp"), m.resolve("final"), StandardCopyOption.ATOMIC_MOVE);
    syncDir(m);
    write(m.resolve("doomed"), "unlinked, durably", true);
    syncDir(m);
    Files.delete(m.resolve("doomed"));
    syncDir(m);
    write(m.resolve("kept"), "unlinked, not durably", true);
    syncDir(m);
    Files.delete(m.resolve("kept"));
    write(m.resolve("unsynced-name"), "data synced, name not", true);
    overwrite(m.resolve("final"), 0, "RENAMED");

    assertThat(Files.readString(m.resolve("synced"))).isEqualTo("durable and lost");
    assertThat(Files.readString(m.resolve("final"))).isEqualTo("RENAMED in");
    assertThat(mount.pending()).contains("files 2");

    mount.powerLoss();

    assertThat(Files.readString(m.resolve("synced"))).isEqualTo("durable");
    assertThat(m.resolve("unsynced-name")).doesNotExist();
    assertThat(Files.readString(m.resolve("final"))).isEqualTo("renamed in");
    assertThat(m.resolve("tmp")).doesNotExist();
    assertThat(m.resolve("doomed")).doesNotExist();
    assertThat(Files.readString(m.resolve("kept"))).isEqualTo("unlinked, not durably");
    try (Stream<Path> names = Files.list(m)) {
      assertThat(names.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("synced", "final", "kept");
    }
    assertThat(mount.pending()).contains("files 0").contains("names 0");
  }

  @Test
  void dsyncWritesAndTruncationsFollowTheirSyncs() throws IOException {
    Path f = m.resolve("log");
    write(f, "0123456789", true);
    syncDir(m);
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.DSYNC)) {
      ch.write(ByteBuffer.wrap("ab".getBytes(StandardCharsets.UTF_8)), 10);
    }
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.truncate(4);
    }
    assertThat(Files.readString(f)).isEqualTo("0123");

    mount.powerLoss();

    assertThat(Files.readString(f)).isEqualTo("0123456789ab");
  }

  @Test
  void withDurableNamesOnlyUnsyncedDataIsLost() throws IOException {
    try (LazyFs.Mount names =
        LazyFs.mount(
            Faultline.root(),
            tmp.resolve("disk2"),
            tmp.resolve("mnt2"),
            tmp.resolve("fs2.log"),
            true)) {
      Path n = names.mountPoint();
      write(n.resolve("never-synced"), "data lost, name kept", false);
      write(n.resolve("synced"), "data synced, directory not", true);
      write(n.resolve("target"), "replaced", true);
      write(n.resolve("doomed"), "unlinked", true);
      syncDir(n);
      Files.delete(n.resolve("doomed"));
      write(n.resolve("tmp"), "renamed over, never synced", false);
      Files.move(n.resolve("tmp"), n.resolve("target"), StandardCopyOption.REPLACE_EXISTING);
      Files.createDirectory(n.resolve("dir"));
      write(n.resolve("dir/inner"), "in a new directory", true);
      assertThat(names.pending()).contains("names 0");

      names.powerLoss();

      assertThat(Files.readString(n.resolve("never-synced"))).isEmpty();
      assertThat(Files.readString(n.resolve("synced"))).isEqualTo("data synced, directory not");
      assertThat(Files.readString(n.resolve("target"))).as("a rename over a synced file").isEmpty();
      assertThat(Files.readString(n.resolve("dir/inner"))).isEqualTo("in a new directory");
      try (Stream<Path> list = Files.list(n)) {
        assertThat(list.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("never-synced", "synced", "target", "dir");
      }
      assertThat(names.pending()).contains("files 0").contains("names 0");
    }
  }

  private static void write(Path f, String s, boolean sync) throws IOException {
    try (FileChannel ch =
        FileChannel.open(
            f,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
      if (sync) {
        ch.force(true);
      }
    }
  }

  private static void append(Path f, String s, boolean sync) throws IOException {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.APPEND)) {
      ch.write(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)));
      if (sync) {
        ch.force(true);
      }
    }
  }

  private static void overwrite(Path f, long at, String s) throws IOException {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)), at);
    }
  }

  private static void syncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
