package io.faultline.harness.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What runs on one node, as a system under test describes it, whatever backend runs it: the program, its arguments
 * (with the addresses and data directory the {@link Backend} gave), extra environment, and whether its clock is to be
 * movable by libfaketime.
 *
 * @param program what to run
 * @param args its arguments
 * @param env variables added to the node's environment
 * @param fakeClock whether the node runs under libfaketime, its clock set by {@link Backend#clockFile}; off, it reads
 *     the real clock (libfaketime makes every clock read also read the clock file)
 */
public record NodeSpec(
    Program program, List<String> args, Map<String, String> env, boolean fakeClock) {

  public NodeSpec {
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }

  /** A program a backend knows how to run. */
  public sealed interface Program permits Jar, Binary {}

  /**
   * A Java program in a jar: {@code java <jvm> -jar <jar>} on a host; in a container, the image built from the jar.
   *
   * @param jar the jar on this machine
   * @param jvm the JVM's flags, e.g. a small heap
   */
  public record Jar(Path jar, List<String> jvm) implements Program {
    public Jar {
      jvm = List.copyOf(jvm);
    }
  }

  /** A native executable at {@code path} on the host that runs the node. */
  public record Binary(Path path) implements Program {
    /** Whether {@link #path} is an executable file on this machine. */
    public boolean installed() {
      return java.nio.file.Files.isRegularFile(path) && java.nio.file.Files.isExecutable(path);
    }
  }
}
