package io.faultline.harness.cli;

import io.faultline.harness.runner.RunOutcome;
import io.faultline.harness.runner.Runner;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.store.RunDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./faultline run}: one test from flags (or a stored spec), stored, checked; exits 0/1/2/3. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a test against a real cluster, records and checks its history, and stores the run.",
      "Exit code: 0 valid, 1 invalid, 2 unknown, 3 for errors."
    })
final class RunCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--workload",
      paramLabel = "W",
      description = "The workload. Default: ${DEFAULT-VALUE}.",
      defaultValue = "register")
  String workload;

  @Option(
      names = "--workload-opt",
      paramLabel = "K=V",
      description =
          "An option of the workload, e.g. mix=3:2:0"
              + " (register: read:write:cas weights, default 1:1:1). Repeatable.")
  Map<String, String> workloadOptions = Map.of();

  @Option(
      names = "--nemesis",
      paramLabel = "FAULTS",
      split = ",",
      description =
          "Fault families, comma-separated (an unknown name gets the list), all for every family this"
              + " cluster can take, or none. Default: none.")
  List<String> nemesis = List.of();

  @Option(
      names = "--nemesis-interval",
      paramLabel = "S",
      defaultValue = "5",
      description = "Mean seconds between fault changes. Default: ${DEFAULT-VALUE}.")
  double nemesisInterval;

  @Option(
      names = "--nodes",
      paramLabel = "N|HOSTS",
      description =
          "Nodes: how many, or with --cluster ssh the hosts, host[:port] separated by commas."
              + " Default: 5, or every host of --nodes-file.")
  String nodes;

  @Option(
      names = "--nodes-file",
      paramLabel = "FILE",
      description = "With --cluster ssh: the hosts, one a line: host[:port] [name] [ip=ADDRESS].")
  Path nodesFile;

  @Option(
      names = "--username",
      paramLabel = "USER",
      description = "With --cluster ssh: the user on the hosts. Default: this machine's user.")
  String username;

  @Option(
      names = "--ssh-private-key",
      paramLabel = "FILE",
      description = "With --cluster ssh: the private key. Default: ~/.ssh/id_ed25519, else id_rsa.")
  Path sshPrivateKey;

  @Option(
      names = "--ssh-port",
      paramLabel = "PORT",
      description =
          "With --cluster ssh: the hosts' SSH port, where a host names none. Default: 22.")
  Integer sshPort;

  @Option(
      names = "--ssh-strict-host-key-checking",
      paramLabel = "yes|no",
      description = "With --cluster ssh: check hosts against ~/.ssh/known_hosts. Default: yes.")
  String strictHostKeys;

  @Option(
      names = "--sudo",
      paramLabel = "yes|no",
      description =
          "With --cluster ssh: run iptables with sudo -n. Default: yes unless the user is root.")
  String sudo;

  @Option(
      names = "--net",
      paramLabel = "iptables|proxy",
      description =
          "With --cluster ssh: cut links with iptables rules on the hosts, or through proxies."
              + " Default: iptables.")
  String net;

  @Option(
      names = "--concurrency",
      paramLabel = "C",
      defaultValue = "10",
      description = "Client threads. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(
      names = "--rate",
      paramLabel = "R",
      defaultValue = "100",
      description =
          "Client operations per second over all threads; 0 for as fast as possible."
              + " Default: ${DEFAULT-VALUE}.")
  double rate;

  @Option(
      names = "--time-limit",
      paramLabel = "S",
      defaultValue = "30",
      description = "Seconds of the main phase. Default: ${DEFAULT-VALUE}.")
  double timeLimit;

  @Option(
      names = "--op-timeout",
      paramLabel = "S",
      defaultValue = "2",
      description =
          "Seconds before a client op is recorded as indeterminate. Default: ${DEFAULT-VALUE}.")
  double opTimeout;

  @Option(
      names = "--seed",
      paramLabel = "X",
      description = "The seed of every random choice. Default: random.")
  Long seed;

  @Option(
      names = "--cluster",
      paramLabel = "B",
      defaultValue = "process",
      description =
          "process (a JVM per node on this machine), docker (a container per node on a private Docker"
              + " network) or ssh (a host per node, over SSH; see the README). Default: ${DEFAULT-VALUE}.")
  String cluster;

  @Option(
      names = "--sut",
      paramLabel = "S",
      defaultValue = "raft",
      description =
          "The system under test: raft (Faultline's store) or etcd. Default: ${DEFAULT-VALUE}.")
  String sut;

  @Option(
      names = "--sut-opt",
      paramLabel = "K=V",
      description =
          "An option of the system under test, e.g."
              + " read-mode=lease or unsafe=stale-reads (raft), reads=serializable or etcd-bin=PATH (etcd). Repeatable.")
  Map<String, String> sutOptions = Map.of();

  @Option(
      names = "--nemesis-opt",
      paramLabel = "K=V",
      description =
          "An option of the fault families, e.g."
              + " kill-targets=all or packet-kinds=reset-peer+limit-data. Repeatable.")
  Map<String, String> nemesisOptions = Map.of();

  @Option(
      names = "--check",
      paramLabel = "NAME=off",
      description =
          "Turns off a check beside the workload's: replica-agreement (nodes' state-machine digests at a"
              + " common applied index) or durable-acks (acknowledged writes in the final log of a majority)."
              + " Repeatable. Default: every check on.")
  Map<String, String> checks = Map.of();

  @Option(
      names = "--toxiproxy",
      paramLabel = "HOST:PORT",
      description =
          "A Toxiproxy server for network faults. Default: Faultline's own, inside the harness.")
  String toxiproxy;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The test's name. Default: <sut>-<workload>[-faults].")
  String name;

  @Option(
      names = "--replay",
      paramLabel = "RUN_DIR",
      description = "Repeat a stored run: its test.json, seed included, replaces the other flags.")
  Path replay;

  @Override
  public Integer call() {
    return execute(spec(), spec.commandLine().getOut());
  }

  /** Builds the spec from the flags, or from {@code --replay}. */
  TestSpec spec() {
    if (replay != null) {
      Path json = replay.resolve("test.json");
      if (!Files.isRegularFile(json)) {
        throw new UserError("--replay " + replay + ": no test.json there");
      }
      try {
        return new RunDir(replay).spec();
      } catch (RuntimeException e) {
        throw new UserError("--replay " + replay + ": cannot read test.json: " + e.getMessage());
      }
    }
    TestSpec.Builder b =
        TestSpec.builder()
            .workload(workload)
            .workloadOptions(workloadOptions)
            .nemesis(nemesis.equals(List.of("none")) ? List.of() : nemesis)
            .nemesisInterval(seconds("--nemesis-interval", nemesisInterval))
            .clusterOptions(clusterOptions())
            .nodes(nodeCount())
            .concurrency(concurrency)
            .rate(rate)
            .timeLimit(seconds("--time-limit", timeLimit))
            .opTimeout(seconds("--op-timeout", opTimeout))
            .cluster(cluster)
            .sut(sut)
            .sutOptions(sutOptions)
            .nemesisOptions(nemesisOptions)
            .checks(checks)
            .toxiproxy(toxiproxy);
    if (seed != null) {
      b.seed(seed);
    }
    if (name != null) {
      b.name(name);
    }
    return b.build();
  }

  /** The backend's options from its flags, e.g. {@code nodes-file} and {@code username} for {@code ssh}. */
  private Map<String, String> clusterOptions() {
    Map<String, String> o = new java.util.TreeMap<>();
    if (nodes != null && !nodes.matches("\\d+")) {
      o.put("nodes", nodes);
    }
    if (nodesFile != null) {
      o.put("nodes-file", nodesFile.toString());
    }
    if (username != null) {
      o.put("username", username);
    }
    if (sshPrivateKey != null) {
      o.put("ssh-private-key", sshPrivateKey.toString());
    }
    if (sshPort != null) {
      o.put("ssh-port", sshPort.toString());
    }
    if (strictHostKeys != null) {
      o.put("ssh-strict-host-key-checking", strictHostKeys);
    }
    if (sudo != null) {
      o.put("sudo", sudo);
    }
    if (net != null) {
      o.put("net", net);
    }
    if (!o.isEmpty() && !cluster.equals("ssh")) {
      throw new UserError(
          "--" + o.keySet().iterator().next() + " is an option of --cluster ssh, not " + cluster);
    }
    return o;
  }

  /** {@code --nodes N}; without it 5, or with {@code --cluster ssh} as many as there are hosts. */
  private int nodeCount() {
    if (nodes != null && nodes.matches("\\d+")) {
      return Integer.parseInt(nodes);
    }
    if (cluster.equals("ssh")) {
      try {
        return io.faultline.harness.cluster.ssh.SshOptions.parse(clusterOptions()).hosts().size();
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
    }
    if (nodes != null) {
      throw new UserError("--nodes must be a number of nodes, not '" + nodes + "'");
    }
    return 5;
  }

  private static Duration seconds(String flag, double s) {
    if (!(s > 0) || Double.isInfinite(s)) {
      throw new UserError(flag + " must be a positive number of seconds, not " + s);
    }
    return Duration.ofNanos((long) (s * 1e9));
  }

  /** Runs {@code test} and prints its summary; the exit code of its verdict. */
  static int execute(TestSpec test, java.io.PrintWriter out) {
    String problem = test.problem();
    if (problem != null) {
      throw new UserError(problem);
    }
    RunOutcome outcome;
    try {
      outcome = Runner.run(test, FaultlineCli.root());
    } catch (IllegalArgumentException | io.faultline.harness.spi.db.DbException e) {
      throw new UserError(e.getMessage());
    }
    out.println();
    out.println(outcome.summary());
    out.flush();
    return outcome.verdict().exitCode();
  }

  @Override
  public String toString() {
    return "run " + Arrays.asList(workload, nemesis);
  }
}
