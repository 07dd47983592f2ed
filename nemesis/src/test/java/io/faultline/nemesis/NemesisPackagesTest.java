package io.faultline.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.db.Db;
import io.faultline.harness.runner.NemesisPlan;
import io.faultline.harness.runner.Plugins;
import io.faultline.harness.runner.TestSpec;
import io.faultline.nemesis.clock.ClockNemesis;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing fault families: what the runner gets, and the one-line refusals when a family cannot run. */
class NemesisPackagesTest {
  @TempDir
  Path clocks;

  private static TestSpec spec(String... families) {
    return TestSpec.builder().nodes(3).nemesis(List.of(families)).seed(1).build();
  }

  @Test
  void theRunnerFindsThisModulesPlanThroughThePluginHook() {
    Optional<NemesisPlan> plan = Plugins.all().stream()
        .map(p -> p.nemesis(spec("kill", "clock"), new FakeCluster(3, clocks))).flatMap(Optional::stream).findFirst();

    assertThat(plan).isPresent();
    assertThat(plan.get().nemesis().fs()).contains("kill", "start", "bump-clock", "reset-clock")
        .doesNotContain("pause");
    assertThat(plan.get().colours()).isEqualTo(java.util.Map.of("kill", "#E9A4A0", "clock", "#A0E9E3"));
    assertThat(new NemesisPlugins().nemesis(spec(), new FakeCluster(3, clocks))).isEmpty();
  }

  @Test
  void networkFamiliesAreRefusedInOneLineForAClusterWhoseLinksCannotBeRouted() {
    FakeCluster cluster = new FakeCluster(3, clocks);

    assertThatThrownBy(() -> NemesisPackages.plan(spec("kill", "partition"), cluster))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("partition faults need a cluster whose links can be routed through proxies");
    assertThatThrownBy(() -> NemesisPackages.plan(spec("packet"), cluster))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("packet faults need a cluster whose links can be routed through proxies");
  }

  @Test
  void clockFaultsWithoutLibfaketimeAreRefusedInOneLineNeverIgnored() {
    FakeCluster withoutFaketime = new FakeCluster(3, null);

    assertThatThrownBy(() -> new NemesisPlugins().nemesis(spec("kill", "clock"), withoutFaketime))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clock faults need libfaketime: apt-get install faketime")
        .hasMessage(ClockNemesis.NEEDS_LIBFAKETIME);
  }

  @Test
  void aClusterWithoutTheCapabilityRefusesItsFamily() {
    Db plain = new Db() {
      @Override
      public void setup() {}

      @Override
      public void teardown() {}

      @Override
      public List<String> nodes() {
        return List.of("n1");
      }
    };

    assertThatThrownBy(() -> NemesisPackages.plan(spec("kill"), plain)).hasMessageContaining("killed and restarted");
    assertThatThrownBy(() -> NemesisPackages.plan(spec("pause"), plain)).hasMessageContaining("paused");
    assertThatThrownBy(() -> NemesisPackages.plan(spec("clock"), plain)).hasMessage(ClockNemesis.NEEDS_LIBFAKETIME);
  }

  @Test
  void familiesHealNetworkFirstThenClocksThenProcesses() {
    assertThat(NemesisPackages.families()).containsExactly("partition", "packet", "clock", "pause", "kill");
    assertThat(NemesisPackages.families()).containsExactlyInAnyOrderElementsOf(TestSpec.FAULT_FAMILIES);
  }
}
