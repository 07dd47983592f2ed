package io.faultline.harness.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.spi.TestSpec;
import org.junit.jupiter.api.Test;

/** {@code --check NAME=off}: every check runs unless turned off, and a misspelt one is refused in one line. */
class CheckOptionsTest {

  @Test
  void everyCheckRunsByDefaultAndOffTurnsOneOff() {
    TestSpec spec = TestSpec.builder().check(ReplicaChecks.AGREEMENT, "off").build();
    assertThat(spec.problem()).isNull();
    assertThat(spec.checkOn(ReplicaChecks.AGREEMENT)).isFalse();
    assertThat(spec.checkOn(ReplicaChecks.DURABLE_ACKS)).isTrue();
    assertThat(TestSpec.builder().build().checkOn(ReplicaChecks.AGREEMENT)).isTrue();
  }

  @Test
  void anUnknownCheckOrValueIsAOneLineProblem() {
    assertThat(TestSpec.builder().check("replica-agrement", "off").build().problem())
        .isEqualTo(
            "unknown check 'replica-agrement' in --check; checks: replica-agreement, durable-acks");
    assertThat(TestSpec.builder().check("durable-acks", "no").build().problem())
        .isEqualTo("--check durable-acks must be on or off, not 'no'");
  }
}
