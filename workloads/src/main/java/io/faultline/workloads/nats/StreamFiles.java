package io.faultline.workloads.nats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A stream's messages as one server's JetStream file store holds them: its message blocks ({@code msgs/N.blk}, in
 * block order) read straight from the server's data directory, so that what comes back is that replica and no other.
 *
 * <p>A block is a sequence of records, little-endian: a 32-bit length (of the whole record; its top bit says the
 * record has headers), a 64-bit sequence (its top bit marks an erased message), a 64-bit timestamp, a 16-bit subject
 * length and the subject, then (with headers) a 32-bit header length and the headers, then the payload, and an 8-byte
 * checksum. A record that does not fit in what is left of the block ends that block, as a torn write would. Erased
 * messages are left out; a sequence written twice keeps its last record.
 */
final class StreamFiles {
  private static final int HEADER = 22;
  private static final int CHECKSUM = 8;
  private static final long ERASED = 1L << 63;

  private StreamFiles() {}

  /** The payloads of the stream at {@code dir} (a stream's folder, e.g. {@code jetstream/$G/streams/queue}), by sequence. */
  static TreeMap<Long, String> read(Path dir) throws IOException {
    TreeMap<Long, String> out = new TreeMap<>();
    Path msgs = dir.resolve("msgs");
    if (!Files.isDirectory(msgs)) {
      return out;
    }
    List<Path> blocks = new ArrayList<>();
    try (Stream<Path> files = Files.list(msgs)) {
      files.filter(p -> p.getFileName().toString().matches("\\d+\\.blk")).forEach(blocks::add);
    }
    blocks.sort((a, b) -> Long.compare(number(a), number(b)));
    for (Path b : blocks) {
      records(ByteBuffer.wrap(Files.readAllBytes(b)).order(ByteOrder.LITTLE_ENDIAN), out);
    }
    return out;
  }

  private static long number(Path block) {
    String n = block.getFileName().toString();
    return Long.parseLong(n.substring(0, n.indexOf('.')));
  }

  private static void records(ByteBuffer b, Map<Long, String> out) {
    int i = 0;
    while (i + HEADER + CHECKSUM <= b.limit()) {
      int raw = b.getInt(i);
      boolean headers = raw < 0;
      int length = raw & Integer.MAX_VALUE;
      if (length < HEADER + CHECKSUM || i + length > b.limit()) {
        return;
      }
      long seq = b.getLong(i + 4);
      int subject = Short.toUnsignedInt(b.getShort(i + 20));
      int body = i + HEADER + subject;
      if (headers) {
        body += 4 + b.getInt(body);
      }
      int end = i + length - CHECKSUM;
      if (body > end) {
        return;
      }
      if ((seq & ERASED) == 0 && seq > 0) {
        out.put(seq, new String(b.array(), body, end - body, StandardCharsets.UTF_8));
      }
      i += length;
    }
  }
}
