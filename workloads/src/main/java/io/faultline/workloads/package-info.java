/**
 * Workloads: for each, a generator of operations, a client that performs them against a system under test, and a
 * checker of the resulting history; plus the adapters that start and talk to each system under test.
 */
package io.faultline.workloads;
