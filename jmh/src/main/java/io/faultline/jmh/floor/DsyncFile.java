package io.faultline.jmh.floor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file in the temp folder (the disk of the stores' data directories) opened with {@code DSYNC}, holding one durable
 * 4 KiB block: each {@link #write} returns once its block is on stable storage.
 */
final class DsyncFile implements AutoCloseable {
  static final int BLOCK = 4096;

  private final Path file;
  private final FileChannel channel;
  private final ByteBuffer block;

  private DsyncFile(Path file, FileChannel channel, ByteBuffer block) {
    this.file = file;
    this.channel = channel;
    this.block = block;
  }

  /** A new file whose first block is written and forced, so that overwriting it grows nothing. */
  static DsyncFile create(String prefix) throws IOException {
    Path file = Files.createTempFile(prefix, ".dat");
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.DSYNC);
    ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
    for (int i = 0; i < BLOCK; i++) {
      block.put((byte) i);
    }
    block.flip();
    DsyncFile f = new DsyncFile(file, channel, block);
    f.write(0);
    channel.force(true);
    return f;
  }

  /** Writes the block at {@code position} and returns the bytes written, once they are durable. */
  int write(long position) throws IOException {
    return channel.write(block.duplicate(), position);
  }

  /** Cuts the file back to its first block, durably. */
  void truncateToOneBlock() throws IOException {
    channel.truncate(BLOCK);
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    channel.close();
    Files.deleteIfExists(file);
  }
}
