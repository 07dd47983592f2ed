package io.faultline.harness.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.harness.checker.Verdict;
import io.faultline.harness.checker.linear.LinearizabilityChecker;
import io.faultline.harness.checker.linear.LinearizabilityOptions;
import io.faultline.harness.checker.linear.LinearizabilityResult;
import io.faultline.harness.checker.model.Model;
import io.faultline.harness.checker.model.Models;
import io.faultline.harness.history.History;
import io.faultline.harness.history.MalformedHistoryException;
import io.faultline.harness.history.codec.Edn;
import io.faultline.harness.history.codec.HistoryFormat;
import io.faultline.harness.report.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code ./faultline check}: checks history files for linearizability, one line per file, and exits with the worst
 * verdict (0 valid, 1 invalid, 2 unknown, 3 when a file could not be read).
 *
 * <p>Its picocli model is built by {@link #spec()} rather than read from annotations: picocli reads annotations by
 * reflection, through a generated proxy class per annotation type, and for a check of small histories that was a good
 * part of the whole process (issue 20).
 */
final class CheckCommand implements Callable<Integer> {

  private CommandSpec spec;
  private String model;
  private String init;
  private String format;
  private boolean checkedFails;
  private boolean noPartition;
  private Double timeoutSeconds;
  private boolean json;
  private Path html;
  private List<Path> files;

  private CheckCommand() {}

  /** The command's model, bound to a new command: for {@link FaultlineCli}'s command lines. */
  static CommandSpec spec() {
    CheckCommand command = new CheckCommand();
    CommandSpec s = CommandSpec.wrapWithoutInspection(command).name("check");
    s.usageMessage()
        .description(
            "Checks histories for linearizability (Knossos semantics, Wing-Gong-Lowe search).",
            "Prints one line per file: path, verdict, milliseconds. Exit code: the worst verdict,"
                + " 0 valid, 1 invalid, 2 unknown, 3 for errors.");
    s.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Show this help message and exit.")
            .build());
    s.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .description("Print version information and exit.")
            .build());
    s.addOption(
        valued(
                "--model",
                "MODEL",
                String.class,
                "register, cas-register, multi-register, mutex or kv.")
            .required(true)
            .build());
    s.addOption(
        valued(
                "--init",
                "EDN",
                String.class,
                "The model's initial state, as EDN, e.g. 0, nil, '{:x 0 :y 0}', free. Default: nil.")
            .build());
    s.addOption(
        valued(
                "--format",
                "FORMAT",
                String.class,
                "jsonl, edn or jepsen-log. Default: from the file's extension and content.")
            .build());
    s.addOption(
        flag(
            "--checked-fails",
            "Keep a failed cas as an operation that observed a mismatch (Porcupine's etcd model)."));
    s.addOption(
        flag(
            "--no-partition", "Check the whole history at once even when the model can split it."));
    s.addOption(
        valued(
                "--timeout",
                "SECONDS",
                Double.class,
                "Give up on a file after this long, with verdict unknown. Default: no limit.")
            .build());
    s.addOption(flag("--json", "Print each file's full result as one line of JSON instead."));
    s.addOption(
        valued(
                "--html",
                "OUT",
                Path.class,
                "Also write an HTML page of the file's linearizability (one FILE only).")
            .build());
    s.addPositional(
        PositionalParamSpec.builder()
            .arity("1..*")
            .required(true)
            .paramLabel("FILE")
            .description("History files.")
            .type(List.class)
            .auxiliaryTypes(Path.class)
            .build());
    command.spec = s;
    return s;
  }

  private static OptionSpec.Builder valued(
      String name, String label, Class<?> type, String description) {
    return OptionSpec.builder(name).paramLabel(label).type(type).description(description);
  }

  private static OptionSpec flag(String name, String description) {
    return OptionSpec.builder(name).type(boolean.class).arity("0").description(description).build();
  }

  /** Takes the parsed values from the model. */
  private void bind() {
    model = spec.findOption("--model").getValue();
    init = spec.findOption("--init").getValue();
    format = spec.findOption("--format").getValue();
    checkedFails = Boolean.TRUE.equals(spec.findOption("--checked-fails").getValue());
    noPartition = Boolean.TRUE.equals(spec.findOption("--no-partition").getValue());
    timeoutSeconds = spec.findOption("--timeout").getValue();
    json = Boolean.TRUE.equals(spec.findOption("--json").getValue());
    html = spec.findOption("--html").getValue();
    files = spec.positionalParameters().get(0).getValue();
  }

  @Override
  public Integer call() {
    bind();
    if (html != null && files.size() != 1) {
      throw new UserError("--html takes one FILE, not " + files.size());
    }
    Model<?> m = model();
    HistoryFormat fixedFormat = format == null ? null : format();
    LinearizabilityChecker checker = new LinearizabilityChecker(m, options());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Jackson's mapper takes a good part of a short check's whole-process time to load: only --json
    // needs it.
    ObjectMapper mapper = json ? new ObjectMapper() : null;
    int worst = Verdict.VALID.exitCode();
    for (Path file : files) {
      int code;
      try {
        code = checkOne(file, fixedFormat, checker, mapper, out);
      } catch (MalformedHistoryException | UserError e) {
        err.println("faultline: " + e.getMessage());
        code = FaultlineCli.EXIT_ERROR;
      }
      worst = worse(worst, code);
      out.flush();
    }
    return worst;
  }

  private int checkOne(
      Path file,
      HistoryFormat fixedFormat,
      LinearizabilityChecker checker,
      ObjectMapper mapper,
      PrintWriter out) {
    History history = read(file, fixedFormat);
    LinearizabilityResult result = checker.check(history);
    if (html != null) {
      try {
        ReportWriter.writeCheck(file, history, result.toJson(), html);
      } catch (UncheckedIOException e) {
        throw new UserError(e.getMessage());
      }
    }
    if (json) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("file", file.toString());
      line.putAll(result.toJson());
      try {
        out.println(mapper.writeValueAsString(line));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      out.printf(
          "%s\t%s\t%d ms%n",
          file,
          result.verdict().name().toLowerCase(java.util.Locale.ROOT),
          result.timeNanos() / 1_000_000);
    }
    return result.verdict().exitCode();
  }

  private static History read(Path file, HistoryFormat fixedFormat) {
    if (!Files.isRegularFile(file)) {
      throw new UserError(file + ": no such file");
    }
    HistoryFormat f = fixedFormat != null ? fixedFormat : HistoryFormat.detect(file);
    History h = f.read(file);
    try {
      h.pairs();
    } catch (MalformedHistoryException e) {
      throw new MalformedHistoryException(file.toString(), 0, e.getMessage());
    }
    return h;
  }

  private Model<?> model() {
    Object initial;
    try {
      initial = init == null ? null : Edn.parse(init);
    } catch (RuntimeException e) {
      throw new UserError("--init: not an EDN value: " + init + " (" + e.getMessage() + ")");
    }
    try {
      return Models.create(model, initial);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private HistoryFormat format() {
    return HistoryFormat.byId(format)
        .orElseThrow(
            () ->
                new UserError("unknown format '" + format + "'; formats: " + HistoryFormat.ids()));
  }

  private LinearizabilityOptions options() {
    LinearizabilityOptions o =
        LinearizabilityOptions.defaults()
            .withCheckedFails(checkedFails)
            .withPartition(!noPartition);
    if (timeoutSeconds != null) {
      if (!(timeoutSeconds > 0)) {
        throw new UserError(
            "--timeout must be a positive number of seconds, not " + timeoutSeconds);
      }
      o = o.withTimeout(Duration.ofMillis((long) (timeoutSeconds * 1000)));
    }
    return o;
  }

  /** The worse exit code: errors (3) over invalid (1) over unknown (2) over valid (0). */
  private static int worse(int a, int b) {
    return rank(b) > rank(a) ? b : a;
  }

  private static int rank(int code) {
    return switch (code) {
      case 0 -> 0;
      case 2 -> 1;
      case 1 -> 2;
      default -> 3;
    };
  }
}
