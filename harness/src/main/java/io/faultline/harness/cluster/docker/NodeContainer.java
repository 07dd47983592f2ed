package io.faultline.harness.cluster.docker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to run one node as a container of the cluster's image.
 *
 * @param command the arguments after the image's entry point
 * @param env environment variables of the node
 * @param publish container port to host port, each published on 127.0.0.1 only
 * @param hostDir a folder of the harness mounted at {@value #NODE_DIR} in the container (e.g. the node's clock file)
 * @param log the file the container's output is appended to
 */
public record NodeContainer(
    List<String> command,
    Map<String, String> env,
    Map<Integer, Integer> publish,
    Path hostDir,
    Path log) {

  /** Where {@link #hostDir} appears in the container. */
  public static final String NODE_DIR = "/node";

  /** Where the node's data volume appears in the container; it survives restarts and is removed at the end. */
  public static final String DATA_DIR = "/data";

  public NodeContainer {
    command = List.copyOf(command);
    env = Map.copyOf(env);
    publish = Map.copyOf(publish);
  }
}
