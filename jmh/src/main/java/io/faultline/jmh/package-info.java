/**
 * JMH benchmarks, one concern per class: commit latency and throughput of the store, the physical floor of this
 * machine, the checker's speed on stored histories, and the harness' own overhead.
 */
package io.faultline.jmh;
