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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./faultline check}: checks history files for linearizability, one line per file, and exits with the worst
 * verdict (0 valid, 1 invalid, 2 unknown, 3 when a file could not be read).
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Checks histories for linearizability (Knossos semantics, Wing-Gong-Lowe search).",
      "Prints one line per file: path, verdict, milliseconds. Exit code: the worst verdict,"
          + " 0 valid, 1 invalid, 2 unknown, 3 for errors."
    })
final class CheckCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "MODEL",
      description = "register, cas-register, multi-register, mutex or kv.")
  String model;

  @Option(
      names = "--init",
      paramLabel = "EDN",
      description =
          "The model's initial state, as EDN, e.g. 0, nil, '{:x 0 :y 0}', free. Default: nil.")
  String init;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "jsonl, edn or jepsen-log. Default: from the file's extension and content.")
  String format;

  @Option(
      names = "--checked-fails",
      description =
          "Keep a failed cas as an operation that observed a mismatch (Porcupine's etcd model).")
  boolean checkedFails;

  @Option(
      names = "--no-partition",
      description = "Check the whole history at once even when the model can split it.")
  boolean noPartition;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Give up on a file after this long, with verdict unknown. Default: no limit.")
  Double timeoutSeconds;

  @Option(
      names = "--json",
      description = "Print each file's full result as one line of JSON instead.")
  boolean json;

  @Option(
      names = "--html",
      paramLabel = "OUT",
      description = "Also write an HTML page of the file's linearizability (one FILE only).")
  Path html;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "History files.")
  List<Path> files;

  @Override
  public Integer call() {
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
