/**
 * Detection power: which faults and workload expose each deliberate bug of the Raft store (its {@code --unsafe-*}
 * modes), defined once in {@link io.faultline.workloads.raft.detect.DetectionMatrix} and used both by the detection suites
 * ({@code DetectionIT}) and by {@code ./faultline detect}, which runs every mode for several seeds, runs the same
 * tests against the correct store, and prints how often and how fast each bug was found.
 *
 * <p>A harness is only as good as the bugs it finds: a mode no run detects means either that the faults do not reach
 * the bug or that the checker cannot see it, and the correct store's runs under the very same faults show that what
 * is found is the bug and not the faults (zero false positives).
 */
package io.faultline.workloads.raft.detect;
