package io.faultline.harness.cli;

import io.faultline.harness.cluster.ssh.Cleaner;
import io.faultline.harness.cluster.ssh.SshOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./faultline clean --cluster ssh --nodes-file F}: removes what runs left on the hosts (see {@link Cleaner}). */
@Command(
    name = "clean",
    mixinStandardHelpOptions = true,
    description =
        "Removes what killed runs left on the hosts of --cluster ssh: node processes, the iptables chain, run folders.")
final class CleanCommand implements Callable<Integer> {
  @Option(
      names = "--cluster",
      defaultValue = "ssh",
      description = "ssh (the only backend with hosts to clean).")
  String cluster;

  @Option(names = "--nodes-file", paramLabel = "FILE", description = "The hosts, as for run.")
  Path nodesFile;

  @Option(
      names = "--nodes",
      paramLabel = "HOSTS",
      description = "The hosts, host[:port] separated by commas.")
  String nodes;

  @Option(names = "--username", paramLabel = "USER")
  String username;

  @Option(names = "--ssh-private-key", paramLabel = "FILE")
  Path key;

  @Option(names = "--ssh-strict-host-key-checking", paramLabel = "yes|no")
  String strict;

  @Option(names = "--sudo", paramLabel = "yes|no")
  String sudo;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (!cluster.equals("ssh")) {
      throw new UserError("clean takes --cluster ssh, not " + cluster);
    }
    Map<String, String> o = new TreeMap<>();
    put(o, "nodes-file", nodesFile == null ? null : nodesFile.toString());
    put(o, "nodes", nodes);
    put(o, "username", username);
    put(o, "ssh-private-key", key == null ? null : key.toString());
    put(o, "ssh-strict-host-key-checking", strict);
    put(o, "sudo", sudo);
    try {
      Cleaner.clean(SshOptions.parse(o)).forEach(spec.commandLine().getOut()::println);
    } catch (IllegalArgumentException | io.faultline.harness.spi.db.DbException e) {
      throw new UserError(e.getMessage());
    }
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static void put(Map<String, String> o, String k, String v) {
    if (v != null) {
      o.put(k, v);
    }
  }
}
