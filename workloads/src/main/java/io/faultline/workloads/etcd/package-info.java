/**
 * etcd as a system under test: its members as the process backend runs them ({@link io.faultline.workloads.etcd.EtcdDb}, with a
 * router per member so peer traffic passes the per-link proxies), the workloads' client
 * ({@link io.faultline.workloads.etcd.EtcdKvClient}) and the lean v3 JSON gateway client under it and under the JMH
 * benchmarks ({@link io.faultline.workloads.etcd.EtcdGateway}).
 */
package io.faultline.workloads.etcd;
