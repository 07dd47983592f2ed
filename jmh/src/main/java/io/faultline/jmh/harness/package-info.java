/**
 * The harness' own overhead: how many operations per second the interpreter can drive and record when the system
 * under test costs nothing, so that a run is never limited by the harness.
 */
package io.faultline.jmh.harness;
