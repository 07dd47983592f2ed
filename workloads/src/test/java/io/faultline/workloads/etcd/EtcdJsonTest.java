package io.faultline.workloads.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fields the clients read from etcd's answers, on answers shaped as etcd 3.4's gateway writes them. */
class EtcdJsonTest {
  private static final String HEADER =
      "\"header\":{\"cluster_id\":\"1511\",\"member_id\":\"1366\",\"revision\":\"4\",\"raft_term\":\"2\"}";

  @Test
  void aRangeGivesTheValueAndItsModRevision() {
    String range =
        "{"
            + HEADER
            + ",\"kvs\":[{\"key\":\"Zm9v\",\"create_revision\":\"2\",\"mod_revision\":\"3\","
            + "\"version\":\"2\",\"value\":\"MQ==\"}],\"count\":\"1\"}";
    assertThat(EtcdJson.field(range, "mod_revision")).isEqualTo("3");
    assertThat(EtcdJson.field(range, "value")).isEqualTo("MQ==");
    assertThat(EtcdJson.field(range, "revision")).as("not mod_revision").isEqualTo("4");
    assertThat(EtcdJson.field(range, "succeeded")).isNull();
  }

  @Test
  void aTxnSaysWhetherItSucceeded() {
    assertThat(EtcdJson.field("{" + HEADER + ",\"succeeded\":true,\"responses\":[]}", "succeeded"))
        .isEqualTo("true");
    assertThat(
            EtcdJson.field("{" + HEADER + ",\"responses\":[{\"response_range\":{}}]}", "succeeded"))
        .isNull();
  }

  @Test
  void errorsAndEscapesAreRead() {
    String error =
        "{\"error\": \"etcdserver: no leader\",\"message\":\"say \\\"hi\\\" \\u0041\",\"code\":14}";
    assertThat(EtcdJson.field(error, "error")).isEqualTo("etcdserver: no leader");
    assertThat(EtcdJson.field(error, "message")).isEqualTo("say \"hi\" A");
    assertThat(EtcdJson.field(error, "code")).isEqualTo("14");
    assertThat(EtcdJson.field("{\"kvs\":[1]}", "kvs")).as("an array is not a scalar").isNull();
  }
}
