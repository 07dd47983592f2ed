package io.faultline.workloads;

import io.faultline.harness.spi.Plugins;
import io.faultline.harness.spi.Sut;
import io.faultline.harness.spi.Workload;
import io.faultline.workloads.append.AppendWorkload;
import io.faultline.workloads.etcd.EtcdSut;
import io.faultline.workloads.nats.NatsSut;
import io.faultline.workloads.queue.QueueWorkload;
import io.faultline.workloads.raft.RaftSut;
import io.faultline.workloads.raft.detect.DetectCommand;
import io.faultline.workloads.register.RegisterWorkload;
import io.faultline.workloads.set.SetWorkload;
import java.util.List;

/** What this module gives the harness: the workloads and the adapters of the systems under test. */
public final class WorkloadsPlugins implements Plugins {

  @Override
  public List<Sut> suts() {
    return List.of(new RaftSut(), new EtcdSut(), new NatsSut());
  }

  @Override
  public List<Workload> workloads() {
    return List.of(
        new RegisterWorkload(), new AppendWorkload(), new SetWorkload(), new QueueWorkload());
  }

  /** {@code ./faultline detect}: the detection matrix of the Raft store's unsafe modes. */
  @Override
  public List<Object> commands() {
    return List.of(new DetectCommand());
  }
}
