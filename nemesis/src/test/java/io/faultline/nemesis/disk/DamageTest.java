package io.faultline.nemesis.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DamageTest {
  @TempDir Path dir;

  private Path file(int data, int zeros) throws IOException {
    byte[] b = new byte[data + zeros];
    Arrays.fill(b, 0, data, (byte) 0x41);
    return Files.write(dir.resolve("log.dat"), b);
  }

  @Test
  void theSameSeedDrawsTheSameDamageInsideTheData() throws IOException {
    Path f = file(1000, 64 << 10);
    for (long seed = 1; seed <= 20; seed++) {
      Damage a = Damage.draw(f, new Random(seed));
      assertThat(Damage.draw(f, new Random(seed))).isEqualTo(a);
      assertThat(a.offset()).isBetween(0L, 999L);
      assertThat(Damage.KINDS).contains(a.kind());
    }
  }

  @Test
  void eachKindChangesTheFileAsItsValueSays() throws IOException {
    Path f = file(1000, 100);
    byte[] before = Files.readAllBytes(f);
    new Damage(f, "flip", 10, 4).apply();
    byte[] flipped = Files.readAllBytes(f);
    for (int i = 0; i < before.length; i++) {
      assertThat(flipped[i] != before[i]).as("byte %d", i).isEqualTo(i >= 10 && i < 14);
    }
    new Damage(f, "zero", 100, 50).apply();
    assertThat(Arrays.copyOfRange(Files.readAllBytes(f), 100, 150)).containsOnly((byte) 0);
    new Damage(f, "truncate", 500, 600).apply();
    assertThat(Files.size(f)).isEqualTo(500);
    assertThat(Damage.dataEnd(f)).isEqualTo(500);
  }

  @Test
  void theRecordedValueNamesTheFileRelativeToTheDataDirectory() throws IOException {
    Path f = file(10, 0);
    assertThat(new Damage(f, "zero", 3, 2).describe("n2", dir))
        .containsEntry("node", "n2")
        .containsEntry("file", "log.dat")
        .containsEntry("damage", "zero")
        .containsEntry("offset", 3L)
        .containsEntry("length", 2L);
  }
}
