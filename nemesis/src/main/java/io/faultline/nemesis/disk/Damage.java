package io.faultline.nemesis.disk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * One damage to one data file, as a failing disk may do it: {@code flip} one bit in each byte of
 * {@code [offset, offset+length)}, {@code zero} that range, or {@code truncate} the file at {@code offset}. Offsets
 * fall inside the file's data: before its last non-zero byte, so that a preallocated tail of zeros is not all that
 * gets hit.
 *
 * @param file the damaged file
 * @param kind {@code flip}, {@code zero} or {@code truncate}
 * @param offset where the damage starts
 * @param length how many bytes it spans ({@code truncate}: how many it cut off)
 */
public record Damage(Path file, String kind, long offset, long length) {
  /** The kinds, in the order they are drawn from. */
  public static final List<String> KINDS = List.of("flip", "zero", "truncate");

  /** A damage of {@code file}, drawn with {@code random}; its kind and range depend only on the draws and the file. */
  public static Damage draw(Path file, RandomGenerator random) {
    long end = dataEnd(file);
    String kind = KINDS.get(random.nextInt(KINDS.size()));
    long offset = end <= 1 ? 0 : random.nextLong(end);
    long length =
        switch (kind) {
          case "flip" -> 1 + random.nextInt(8);
          case "zero" -> 1 + random.nextInt(512);
          default -> Math.max(0, size(file) - offset);
        };
    return new Damage(file, kind, offset, length);
  }

  /** Does the damage, and makes it durable (fsync): a disk's damage survives a power loss. */
  public void apply() {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      switch (kind) {
        case "truncate" -> ch.truncate(offset);
        case "zero" -> write(ch, new byte[(int) Math.min(length, Math.max(0, ch.size() - offset))]);
        default -> {
          ByteBuffer b =
              ByteBuffer.allocate((int) Math.min(length, Math.max(0, ch.size() - offset)));
          ch.read(b, offset);
          byte[] bytes = b.array();
          for (int i = 0; i < bytes.length; i++) {
            bytes[i] ^= (byte) (1 << ((offset + i) % 8));
          }
          write(ch, bytes);
        }
      }
      ch.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot damage " + file, e);
    }
  }

  private void write(FileChannel ch, byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    long at = offset;
    while (b.hasRemaining()) {
      at += ch.write(b, at);
    }
  }

  /** The value recorded in the history: node, file (relative to {@code dataDir}), kind, offset, length. */
  public Map<String, Object> describe(String node, Path dataDir) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", node);
    m.put("file", dataDir.relativize(file).toString());
    m.put("damage", kind);
    m.put("offset", offset);
    m.put("length", length);
    return m;
  }

  /** One past the file's last non-zero byte (0 for an empty or all-zero file). */
  static long dataEnd(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long end = ch.size();
      ByteBuffer b = ByteBuffer.allocate(64 * 1024);
      while (end > 0) {
        long from = Math.max(0, end - b.capacity());
        b.clear().limit((int) (end - from));
        ch.read(b, from);
        for (int i = b.position() - 1; i >= 0; i--) {
          if (b.get(i) != 0) {
            return from + i + 1;
          }
        }
        end = from;
      }
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static long size(Path file) {
    try {
      return java.nio.file.Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
