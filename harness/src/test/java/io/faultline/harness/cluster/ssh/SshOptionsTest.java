package io.faultline.harness.cluster.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshOptionsTest {
  @TempDir Path dir;

  private Map<String, String> with(String k, String v) throws Exception {
    Path key = Files.writeString(dir.resolve("key"), "not read here");
    return Map.of(k, v, "ssh-private-key", key.toString(), "username", "admin");
  }

  @Test
  void aNodesFileHasHostsPortsNamesAndPeerAddresses() throws Exception {
    Path f =
        Files.write(
            dir.resolve("nodes.txt"),
            List.of(
                "# the cluster", "10.0.0.1", "", "h2.example:2222 ip=192.168.1.2  # a comment"));
    SshOptions o = SshOptions.parse(with("nodes-file", f.toString()));

    assertThat(o.hosts())
        .containsExactly(
            new SshOptions.Host("10.0.0.1", 22, null, "10.0.0.1"),
            new SshOptions.Host("h2.example", 2222, null, "192.168.1.2"));
    assertThat(o.username()).isEqualTo("admin");
    assertThat(o.strictHostKeys()).as("strict host keys by default").isTrue();
    assertThat(o.sudo()).as("sudo for a user that is not root").isTrue();
    assertThat(o.net()).isEqualTo("iptables");
  }

  @Test
  void nodesOnTheCommandLineTakeTheDefaultPort() throws Exception {
    Map<String, String> m = new java.util.HashMap<>(with("nodes", "a,b:23"));
    m.put("ssh-port", "2200");
    assertThat(SshOptions.parse(m).hosts())
        .extracting(SshOptions.Host::port)
        .containsExactly(2200, 23);
  }

  @Test
  void badInputIsOneLineNamingWhere() throws Exception {
    Path f = Files.write(dir.resolve("bad.txt"), List.of("h1", "h2 n2 extra!"));
    assertThatThrownBy(() -> SshOptions.parse(with("nodes-file", f.toString())))
        .hasMessageStartingWith(f + " line 2: 'extra!'");
    assertThatThrownBy(() -> SshOptions.parse(with("nodes", "h1:99999")))
        .hasMessage("--nodes: '99999' is not a TCP port");
    assertThatThrownBy(() -> SshOptions.parse(with("colour", "red")))
        .hasMessageStartingWith("unknown option 'colour' of --cluster ssh");
    assertThatThrownBy(
            () -> SshOptions.parse(Map.of("nodes", "h1", "ssh-private-key", "/nonexistent")))
        .hasMessage("--ssh-private-key /nonexistent: no readable file there");
    assertThatThrownBy(() -> SshOptions.parse(with("sudo", "no")))
        .hasMessageStartingWith("--cluster ssh needs its hosts");
  }

  @Test
  void aClusterNeedsAsManyHostsAsNodes() throws Exception {
    SshOptions o = SshOptions.parse(with("nodes", "a,b"));
    assertThat(o.first(2)).hasSize(2);
    assertThatThrownBy(() -> o.first(3))
        .hasMessageContaining("needs 3 nodes but the hosts are only 2");
  }
}
