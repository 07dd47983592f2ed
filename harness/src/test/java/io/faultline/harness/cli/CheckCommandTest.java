package io.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.harness.cli.FaultlineCli.Output;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./faultline check} as a user runs it: lines, exit codes, and one-line errors. */
class CheckCommandTest {
  @TempDir Path dir;

  private static Output faultline(String... args) {
    return FaultlineCli.runCaptured(args);
  }

  private static String sample(String name) {
    try {
      return Path.of(CheckCommandTest.class.getResource("/histories/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void aValidHistoryPrintsOneLineAndExitsZero() {
    Output r = faultline("check", "--model", "register", sample("register.edn"));
    assertThat(r.exit()).isZero();
    assertThat(r.out()).matches("(?s).*register\\.edn\tvalid\t\\d+ ms\\n");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void everyFormatOfTheSameHistoryGetsTheSameVerdict() {
    Output r =
        faultline(
            "check",
            "--model",
            "register",
            sample("register.edn"),
            sample("register.jsonl"),
            sample("history.txt"),
            sample("console.log"));
    assertThat(r.out().lines()).hasSize(4).allMatch(l -> l.contains("\tvalid\t"));
    assertThat(r.exit()).isZero();
  }

  @Test
  void theExitCodeIsTheWorstVerdict() throws IOException {
    Path stale =
        write(
            "stale.jsonl",
            """
        {"type":"invoke","process":0,"f":"write","value":1}
        {"type":"ok","process":0,"f":"write","value":1}
        {"type":"invoke","process":1,"f":"read","value":null}
        {"type":"ok","process":1,"f":"read","value":2}
        """);
    Output r =
        faultline("check", "--model", "register", sample("register.jsonl"), stale.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("register.jsonl\tvalid\t").contains("stale.jsonl\tinvalid\t");
  }

  @Test
  void jsonOutputIsKnossosShaped() throws IOException {
    Path stale =
        write(
            "stale.edn",
            "[{:process 0 :type :invoke :f :read :value nil}"
                + " {:process 0 :type :ok :f :read :value 3}]");
    Output r =
        faultline("check", "--model", "cas-register", "--init", "0", "--json", stale.toString());
    assertThat(r.exit()).isEqualTo(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> json = new ObjectMapper().readValue(r.out(), Map.class);
    assertThat(json)
        .containsEntry("valid", false)
        .containsEntry("model", "cas-register")
        .containsKeys("op", "previous-ok", "final-paths", "time-ms");
    assertThat(json.get("final-paths").toString()).contains("can't read 3 from register 0");
  }

  @Test
  void kvHistoriesInThe6824FormatArePartitionedPerKey() {
    Output r = faultline("check", "--model", "kv", "--json", sample("kv-6824.txt"));
    assertThat(r.out()).contains("\"results\":{\"a\":");
  }

  @Test
  void aMalformedLineNamesFileLineAndProblemWithoutAStackTrace() throws IOException {
    Path bad =
        write(
            "bad.jsonl",
            """
        {"type":"invoke","process":0,"f":"read","value":null}
        {"type":"done","process":0,"f":"read","value":1}
        """);
    Output r = faultline("check", "--model", "register", bad.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err().strip())
        .isEqualTo(
            "faultline: "
                + bad
                + ":2: field 'type': expected invoke, ok, fail or info, got \"done\"");
  }

  @Test
  void aProcessWithTwoOpenOperationsIsAnError() throws IOException {
    Path bad =
        write(
            "twice.jsonl",
            """
        {"type":"invoke","process":0,"f":"write","value":1}
        {"type":"invoke","process":0,"f":"write","value":2}
        """);
    Output r = faultline("check", "--model", "register", bad.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err())
        .contains(bad.toString())
        .contains("process 0 invoked write while its write at op 0")
        .doesNotContain("Exception");
  }

  @Test
  void unknownModelsAndFormatsListWhatExists() {
    Output model = faultline("check", "--model", "queue", sample("register.edn"));
    assertThat(model.exit()).isEqualTo(3);
    assertThat(model.err())
        .contains(
            "unknown model 'queue'; models: register, cas-register, multi-register, mutex, kv");
    Output format =
        faultline("check", "--model", "register", "--format", "xml", sample("register.edn"));
    assertThat(format.exit()).isEqualTo(3);
    assertThat(format.err()).contains("unknown format 'xml'; formats: jsonl, edn, jepsen-log");
  }

  @Test
  void aMissingFileAndABadFlagAreOneLineErrors() {
    Output missing = faultline("check", "--model", "register", dir.resolve("nope.edn").toString());
    assertThat(missing.exit()).isEqualTo(3);
    assertThat(missing.err().lines()).hasSize(1);
    Output flag = faultline("check", "--model", "register", "--frobnicate", sample("register.edn"));
    assertThat(flag.exit()).isEqualTo(3);
    assertThat(flag.err()).contains("Unknown option: '--frobnicate'");
    Output init =
        faultline("check", "--model", "multi-register", "--init", "7", sample("register.edn"));
    assertThat(init.exit()).isEqualTo(3);
    assertThat(init.err()).contains("multi-register: initial state must be a map");
  }
}
