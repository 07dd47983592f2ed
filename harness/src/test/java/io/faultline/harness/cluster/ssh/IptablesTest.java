package io.faultline.harness.cluster.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule sets {@link Iptables} hands to {@code iptables-restore}; the suites ({@code SshIT}) apply them on hosts. */
class IptablesTest {
  private final Iptables fw =
      new Iptables(
          List.of("n1", "n2"),
          Map::of,
          Map.of("n1", "10.0.0.1", "n2", "10.0.0.2"),
          null,
          Optional::empty);

  @Test
  void aGrudgeIsDropRulesInOurChainOnly() {
    assertThat(fw.rules(Set.of("n2"), false))
        .isEqualTo("*filter\n:FAULTLINE - [0:0]\n-A FAULTLINE -s 10.0.0.2 -j DROP\nCOMMIT\n");
  }

  @Test
  void aRefusalResetsTcpAndRejectsTheRest() {
    assertThat(fw.rules(Set.of("n1"), true))
        .contains("-A FAULTLINE -s 10.0.0.1 -p tcp -j REJECT --reject-with tcp-reset\n")
        .contains("-A FAULTLINE -s 10.0.0.1 -j REJECT\n");
  }

  @Test
  void healingIsAnEmptyChain() {
    assertThat(fw.rules(Set.of(), false)).isEqualTo("*filter\n:FAULTLINE - [0:0]\nCOMMIT\n");
    assertThat(Iptables.REMOVE).contains("-D INPUT -j FAULTLINE").contains("-X FAULTLINE");
    assertThat(Iptables.INSTALL).contains("-I INPUT 1 -j FAULTLINE");
  }
}
