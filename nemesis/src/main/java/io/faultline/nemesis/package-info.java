/**
 * Fault injection: network faults through the Toxiproxy API, process faults (kill, pause), clock faults through
 * libfaketime, and schedules that compose them. Every nemesis heals what it broke at the end of a run.
 */
package io.faultline.nemesis;
