/** etcd as a system under test: its cluster of {@code etcd} processes, and the register client over the v3 JSON gateway. */
package io.faultline.workloads.etcd;
