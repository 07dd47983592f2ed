package io.faultline.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.spi.NemesisPlan;
import io.faultline.harness.spi.Plugins;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.ClockSkewable;
import io.faultline.harness.spi.db.Db;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing fault families: what the runner gets, and the one-line refusals when a family cannot run. */
class NemesisPackagesTest {
  @TempDir Path clocks;

  private static TestSpec spec(String... families) {
    return TestSpec.builder().nodes(3).nemesis(List.of(families)).seed(1).build();
  }

  @Test
  void theRunnerFindsThisModulesPlanThroughThePluginHook() {
    Optional<NemesisPlan> plan =
        Plugins.all().stream()
            .map(p -> p.nemesis(spec("kill", "clock"), new FakeCluster(3, clocks)))
            .flatMap(Optional::stream)
            .findFirst();

    assertThat(plan).isPresent();
    assertThat(plan.get().nemesis().fs())
        .contains("kill", "start", "bump-clock", "reset-clock")
        .doesNotContain("pause");
    assertThat(plan.get().families())
        .extracting(FaultFamily::name, FaultFamily::colour)
        .containsExactly(tuple("clock", "#A0E9E3"), tuple("kill", "#E9A4A0"));
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
        .hasMessage(ClockSkewable.NEEDS_LIBFAKETIME);
  }

  @Test
  void aClusterWithoutTheCapabilityRefusesItsFamily() {
    Db plain =
        new Db() {
          @Override
          public void setup() {}

          @Override
          public void teardown() {}

          @Override
          public List<String> nodes() {
            return List.of("n1");
          }
        };

    assertThatThrownBy(() -> NemesisPackages.plan(spec("kill"), plain))
        .hasMessageContaining("killed and restarted");
    assertThatThrownBy(() -> NemesisPackages.plan(spec("pause"), plain))
        .hasMessageContaining("paused");
    assertThatThrownBy(() -> NemesisPackages.plan(spec("clock"), plain))
        .hasMessage(ClockSkewable.NEEDS_LIBFAKETIME);
  }

  @Test
  void familiesHealNetworkFirstThenClocksThenProcesses() {
    assertThat(NemesisPackages.families())
        .extracting(FaultFamily::name)
        .containsExactly("partition", "packet", "clock", "pause", "kill", "leader", "disk");
    assertThat(Plugins.knownFamilies()).containsExactlyElementsOf(NemesisPackages.families());
  }

  @Test
  void allTakesEveryFamilyTheClusterCanTakeAndLeavesOutTheRest() {
    NemesisPlan plan = NemesisPackages.plan(spec("all"), new FakeCluster(3, clocks));

    assertThat(plan.families())
        .extracting(FaultFamily::name)
        .containsExactly("clock", "pause", "kill");
    assertThat(plan.nemesis().fs())
        .contains("bump-clock", "pause", "kill")
        .doesNotContain("start-partition");
    assertThat(spec("all").problem()).isNull();
    assertThat(spec("meteor").problem())
        .isEqualTo(
            "unknown fault family 'meteor'; families: partition, packet, clock, pause, kill, leader, disk,"
                + " or all");
  }
}
