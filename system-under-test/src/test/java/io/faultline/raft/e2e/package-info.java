/** End-to-end tests against real node processes on loopback (run by Failsafe after {@code package}). */
package io.faultline.raft.e2e;
