package io.faultline.workloads;

import io.faultline.harness.runner.Plugins;
import io.faultline.harness.runner.Sut;
import io.faultline.harness.runner.Workload;
import io.faultline.workloads.append.AppendWorkload;
import io.faultline.workloads.etcd.EtcdSut;
import io.faultline.workloads.raft.RaftSut;
import io.faultline.workloads.register.RegisterWorkload;
import io.faultline.workloads.set.SetWorkload;
import java.util.List;

/** What this module gives the harness: the workloads and the adapters of the systems under test. */
public final class WorkloadsPlugins implements Plugins {

  @Override
  public List<Sut> suts() {
    return List.of(new RaftSut(), new EtcdSut());
  }

  @Override
  public List<Workload> workloads() {
    return List.of(new RegisterWorkload(), new AppendWorkload(), new SetWorkload());
  }
}
