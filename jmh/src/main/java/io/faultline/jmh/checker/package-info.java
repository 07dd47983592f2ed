/**
 * How fast the linearizability checker is, on histories shaped like those its users check: Jepsen's etcd register
 * histories (the shape of Porcupine's reference benchmark), a 6.824-style key-value history checked whole, the Knossos
 * corpus, and a large per-key history.
 */
package io.faultline.jmh.checker;
